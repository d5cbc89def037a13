//! `freightsim score`: procurement criteria turned into a score per package.

use clap::Args;
use std::path::PathBuf;

/// Flags of `freightsim score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Criteria file (TOML), e.g. data/studies/procurement-criteria.toml.
    criteria: PathBuf,
    /// comparison.csv files of `freightsim compare`, or directories holding one.
    #[arg(required = true)]
    results: Vec<PathBuf>,
    /// Directory for scores.csv, points.csv and scores.md.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: ScoreArgs) -> anyhow::Result<()> {
    let results =
        freightsim::score::read_results(&args.results).map_err(freightsim::Error::from)?;
    let criteria = freightsim::score::read_criteria(&args.criteria, &results)
        .map_err(freightsim::Error::from)?;
    let scores = freightsim::score::score(&criteria, &results, &args.criteria)
        .map_err(freightsim::Error::from)?;
    let mut text = freightsim::score::table(&scores);
    if let Some(out) = &args.out {
        let cannot = |e: std::io::Error| {
            freightsim::Error::Input(format!(
                "cannot write the outputs into {}: {e}",
                out.display()
            ))
        };
        std::fs::create_dir_all(out).map_err(cannot)?;
        std::fs::write(
            out.join("scores.csv"),
            freightsim::score::scores_csv(&scores),
        )
        .map_err(cannot)?;
        std::fs::write(
            out.join("points.csv"),
            freightsim::score::points_csv(&scores),
        )
        .map_err(cannot)?;
        std::fs::write(out.join("scores.md"), freightsim::score::markdown(&scores))
            .map_err(cannot)?;
        text += &format!("outputs in {}\n", out.display());
    }
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}
