//! `freightsim compare`: several scenarios over the same seeds, side by side.

use clap::Args;
use freightsim::simulation::compare::{Comparison, compare};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Flags of `freightsim compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files (TOML); the first is the reference of the changes.
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// Seeds per scenario: the first scenario's seed and the next ones (1 to 100: each seed
    /// is a full run of every scenario).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=i64::from(freightsim::scenario::limits::MAX_SEEDS)))]
    seeds: u32,
    /// Shorten every horizon to this many days of orders.
    #[arg(long)]
    days: Option<u32>,
    /// Directory for comparison.csv and report.html.
    #[arg(long, default_value = "out/compare")]
    out: PathBuf,
}

pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let mut scenarios = Vec::new();
    for path in &args.scenarios {
        let mut s = freightsim::scenario::load(path).map_err(freightsim::Error::from)?;
        if let Some(days) = args.days {
            super::simulate::shorten(&mut s, days)?;
        }
        scenarios.push(s);
    }
    let total = (scenarios.len() as u64) * u64::from(args.seeds);
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "comparing {pos}/{len} runs {wide_bar} {elapsed}",
            )
            .expect("valid template"),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let c = compare(&scenarios, args.seeds, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let cannot = |e: std::io::Error| {
        freightsim::Error::Input(format!(
            "cannot write the outputs into {}: {e}",
            args.out.display()
        ))
    };
    std::fs::create_dir_all(&args.out).map_err(cannot)?;
    std::fs::write(
        args.out.join("comparison.csv"),
        freightsim::report::compare::csv(&c),
    )
    .map_err(cannot)?;
    std::fs::write(
        args.out.join("report.html"),
        freightsim::report::compare::page(&c),
    )
    .map_err(cannot)?;
    let text = format!("{}outputs in {}\n", table(&c), args.out.display());
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}

fn table(c: &Comparison) -> String {
    let keys = [
        "trips",
        "vehicle_km",
        "co2e_wtw_kg",
        "co2e_ttw_kg",
        "nox_g",
        "cost_eur",
        "orders_late",
    ];
    let mut out = format!("{:<24}", "scenario");
    for k in keys {
        out += &format!(" {k:>22}");
    }
    out.push('\n');
    for s in &c.scenarios {
        out += &format!("{s:<24}");
        for k in keys {
            let r = c
                .rows
                .iter()
                .find(|r| &r.scenario == s && r.metric == k)
                .expect("every metric");
            let cell = if r.ci95.is_finite() {
                format!("{:.1} ± {:.1}", r.mean, r.ci95)
            } else {
                format!("{:.1}", r.mean)
            };
            out += &format!(" {cell:>22}");
        }
        out.push('\n');
    }
    out
}
