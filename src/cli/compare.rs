//! `freightsim compare`: several scenarios over the same seeds, side by side.

use clap::Args;
use freightsim::simulation::compare::{Comparison, compare};
use freightsim::simulation::variants::{ROBUST_METRICS, Variant, demand_centroid, robustness};
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
    /// Variants of assumptions to rerun the comparison under, on the same seeds: `all` (van
    /// energy factor, access-leg detour, failed attempts, demand x0.5 and x2, depot ±1 km,
    /// routing budget x4) or names separated by commas; writes sensitivity.csv and
    /// robustness.csv and a tornado chart in the report.
    #[arg(long)]
    vary: Option<String>,
}

pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let variants = match &args.vary {
        Some(list) => Variant::parse_list(list)?,
        None => Vec::new(),
    };
    let mut scenarios = Vec::new();
    for path in &args.scenarios {
        let mut s = freightsim::scenario::load(path).map_err(freightsim::Error::from)?;
        if let Some(days) = args.days {
            super::simulate::shorten(&mut s, days)?;
        }
        scenarios.push(s);
    }
    // Every variant scenario is loaded (and so checked) before anything runs.
    let mut varied = Vec::new();
    if !variants.is_empty() {
        let (world, _) = freightsim::simulation::build_world(&scenarios[0])?;
        let centroid = demand_centroid(&world);
        for v in &variants {
            let mut list = Vec::new();
            for (path, base) in args.scenarios.iter().zip(&scenarios) {
                let mut s = v.load(path, centroid)?;
                s.horizon = base.horizon.clone();
                list.push(s);
            }
            varied.push((v.clone(), list));
        }
    }
    let total = (scenarios.len() as u64) * u64::from(args.seeds) * (1 + varied.len() as u64);
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
    let mut runs = Vec::new();
    for (v, list) in varied {
        let vc = compare(&list, args.seeds, &|| bar.inc(1))?;
        runs.push((v, vc));
    }
    bar.finish_and_clear();
    let robust = robustness(&c, &runs, &ROBUST_METRICS);
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
    if !runs.is_empty() {
        std::fs::write(
            args.out.join("sensitivity.csv"),
            freightsim::report::compare::sensitivity_csv(&runs),
        )
        .map_err(cannot)?;
        std::fs::write(
            args.out.join("robustness.csv"),
            freightsim::report::compare::robustness_csv(&robust),
        )
        .map_err(cannot)?;
    }
    let sensitivity = (!runs.is_empty()).then_some((runs.as_slice(), robust.as_slice()));
    std::fs::write(
        args.out.join("report.html"),
        freightsim::report::compare::page(&c, sensitivity),
    )
    .map_err(cannot)?;
    let mut text = table(&c);
    for r in &robust {
        text += &format!("{}: {}\n", r.scenario, r.statement);
    }
    text += &format!("outputs in {}\n", args.out.display());
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
