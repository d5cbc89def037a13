//! What can go wrong when scoring packages: every variant is bad input (exit code 2), and
//! its message names the file and says how to fix it.

use std::path::PathBuf;

/// An error of `freightsim score`.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    /// The criteria file or a results file cannot be read (missing, unreadable). Give an
    /// existing path.
    #[error("cannot read {path}: {source}; give the path of an existing file")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A results directory holds no `comparison.csv`. Run `freightsim compare … --out DIR`
    /// first, or name the CSV itself.
    #[error(
        "{0} holds no comparison.csv: run `freightsim compare SCENARIO.toml... --out DIR` and give DIR or DIR/comparison.csv"
    )]
    NoComparison(PathBuf),
    /// The criteria file is not TOML of the expected shape (syntax, a value of the wrong
    /// type, a missing field).
    #[error("{path}: {message}; see docs/procurement.md for the format")]
    Parse {
        /// The criteria file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The criteria make no sense (negative weight, unknown metric, a range the wrong way
    /// round …): every problem at once, each with its fix.
    #[error("{path}: {} problem(s):\n{}", problems.len(), problems.join("\n"))]
    Criteria {
        /// The criteria file.
        path: PathBuf,
        /// One line per problem: field path, what is wrong, how to fix it.
        problems: Vec<String>,
    },
    /// A results file is not a `comparison.csv` of `freightsim compare` (wrong columns, a
    /// number that is not one, a scenario given twice).
    #[error("{path}: {message}")]
    Results {
        /// The results file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
}
