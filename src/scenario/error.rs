//! What can be wrong with a scenario: the file cannot be read, is not TOML of the right
//! shape, or holds values that make no sense. The last kind is collected in full, so one run
//! shows every problem.

use std::fmt;
use std::path::PathBuf;

/// One problem of a scenario: where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Field path, e.g. `carrier[2].fleet[0].vehicle`.
    pub path: String,
    /// What is wrong.
    pub problem: String,
    /// How to fix it.
    pub fix: String,
}

impl Issue {
    /// An issue at `path`.
    pub fn new(
        path: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.problem, self.fix)
    }
}

/// A scenario that cannot be run. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file is missing or unreadable: check the path.
    #[error("cannot read scenario {path}: {source}")]
    Read {
        /// The scenario file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not TOML, or a field has the wrong type (the message gives line and
    /// column): fix the syntax or the value's type.
    #[error("scenario {path} is not a valid scenario file: {message}")]
    Parse {
        /// The scenario file.
        path: PathBuf,
        /// The TOML parser's message, with line and column.
        message: String,
    },
    /// Values that make no sense, all of them: fix each as its line says.
    #[error("scenario {path} has {n} problem{s}:\n{list}", n = issues.len(), s = if issues.len() == 1 { "" } else { "s" }, list = list(issues))]
    Invalid {
        /// The scenario file.
        path: PathBuf,
        /// Every problem found.
        issues: Vec<Issue>,
    },
}

fn list(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| format!("  - {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}
