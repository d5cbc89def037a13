//! `freightsim sites`: the centre's candidate sites run on the same orders and ranked.

use clap::Args;
use freightsim::simulation::ucc::sites::rank;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Flags of `freightsim sites`.
#[derive(Debug, Args)]
pub struct SitesArgs {
    /// Scenario file (TOML) whose `[ucc]` lists `[[ucc.candidate]]` sites.
    scenario: PathBuf,
    /// Seeds per site: the scenario's seed and the next ones (1 to 100).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=i64::from(freightsim::scenario::limits::MAX_SEEDS)))]
    seeds: u32,
    /// Shorten the horizon to this many days of orders.
    #[arg(long)]
    days: Option<u32>,
    /// Directory for sites.csv and sites.html.
    #[arg(long, default_value = "out/sites")]
    out: PathBuf,
}

pub fn run(args: SitesArgs) -> anyhow::Result<()> {
    let mut sc = freightsim::scenario::load(&args.scenario).map_err(freightsim::Error::from)?;
    if let Some(days) = args.days {
        super::simulate::shorten(&mut sc, days)?;
    }
    let n = sc.ucc.as_ref().map_or(0, |u| u.candidates.len()) as u64;
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(n * u64::from(args.seeds));
        b.set_style(
            indicatif::ProgressStyle::with_template("sites {pos}/{len} runs {wide_bar} {elapsed}")
                .expect("valid template"),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let ranking = rank(&sc, args.seeds, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let extract = freightsim::osm::read(&sc.osm)?;
    let network = freightsim::network::RoadNetwork::build(&extract)?;
    let cannot = |e: std::io::Error| {
        freightsim::Error::Input(format!(
            "cannot write the outputs into {}: {e}",
            args.out.display()
        ))
    };
    std::fs::create_dir_all(&args.out).map_err(cannot)?;
    std::fs::write(
        args.out.join("sites.csv"),
        freightsim::report::sites::csv(&ranking),
    )
    .map_err(cannot)?;
    std::fs::write(
        args.out.join("sites.html"),
        freightsim::report::sites::page(&ranking, &sc, &network),
    )
    .map_err(cannot)?;
    let mut text = format!(
        "{:<4} {:<28} {:>22} {:>22} {:>22}\n",
        "rank", "site", "co2e_wtw_kg", "cost_with_fees_eur", "zone_km_inside"
    );
    let cell = |m: (f64, f64)| {
        if m.1.is_finite() {
            format!("{:.1} ± {:.1}", m.0, m.1)
        } else {
            format!("{:.1}", m.0)
        }
    };
    for rank in 1..=ranking.candidates.len() {
        let rows: Vec<_> = ranking.rows.iter().filter(|r| r.rank == rank).collect();
        let get = |m: &str| {
            rows.iter()
                .find(|r| r.metric == m)
                .map_or((f64::NAN, f64::NAN), |r| r.mean)
        };
        text += &format!(
            "{:<4} {:<28} {:>22} {:>22} {:>22}\n",
            rank,
            rows[0].site,
            cell(get("co2e_wtw_kg")),
            cell(get("cost_with_fees_eur")),
            cell(get("zone_vehicle_km_inside"))
        );
    }
    for (i, same) in ranking.comparison.same_cohort.iter().enumerate() {
        if !same {
            text += &format!(
                "warning: site `{}` was not measured on the same orders as the first\n",
                ranking.comparison.scenarios[i]
            );
        }
    }
    text += &format!("outputs in {}\n", args.out.display());
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}
