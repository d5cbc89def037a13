//! What can go wrong when reading a benchmark instance or a published solution file.
//!
//! Every variant names the file, and where a line is at fault its 1-based number and the
//! field read from it, so that a user can open the file at the right place.

use std::path::PathBuf;

/// An instance or solution file that cannot be turned into a routing problem.
#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    /// The file could not be opened or read (missing, permissions, a directory).
    /// Remedy: check the path and that the file is a plain-text instance.
    #[error("{path}: cannot read the file: {source}; check the path and permissions")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },

    /// The file is not UTF-8 text: a binary file, a spreadsheet, or text saved in another
    /// encoding (UTF-16, Latin-1). Remedy: give the instance as plain UTF-8 (or ASCII) text.
    #[error(
        "{path}:{line}: not UTF-8 text (a byte on this line is not); is it an instance file? \
         Save it as plain text in UTF-8"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
    },

    /// Neither the extension nor the content tells whether the file is Solomon or VRPLIB.
    /// Remedy: pass `--format solomon` or `--format vrplib`.
    #[error(
        "{path}: cannot tell the instance format from the name or content; pass --format solomon or --format vrplib"
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },

    /// A value that should be a number is not one (or is negative where counts are expected).
    /// Remedy: fix the value at that line.
    #[error(
        "{path}:{line}: {field}: expected {expected}, found `{found}`; fix the value on that line"
    )]
    InvalidNumber {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The field being read (e.g. `DEMAND`, `CAPACITY`, `READY TIME`).
        field: String,
        /// What was expected (e.g. "a non-negative integer").
        expected: &'static str,
        /// The text found.
        found: String,
    },

    /// A line has fewer columns than its section requires.
    /// Remedy: complete the row (see the section header for the column order).
    #[error("{path}:{line}: {field}: expected {expected} columns, found {found}; complete the row")]
    ShortRow {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The section or table the row belongs to.
        field: String,
        /// Columns required.
        expected: usize,
        /// Columns present.
        found: usize,
    },

    /// A required header field or section is absent.
    /// Remedy: add it (e.g. `CAPACITY : 100`, or a `DEMAND_SECTION`).
    #[error("{path}: missing {field}; add it to the file")]
    MissingField {
        /// The file.
        path: PathBuf,
        /// The absent field or section.
        field: String,
    },

    /// A value is well formed but meaningless: a node id out of range or repeated, a window
    /// that ends before it starts, a section whose row count disagrees with `DIMENSION`.
    /// Remedy: the message says which rule is broken; fix that value.
    #[error("{path}:{line}: {field}: {reason}")]
    InvalidValue {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when the problem is about the file as a whole).
        line: usize,
        /// The field or section.
        field: String,
        /// Which rule is broken and how to fix it.
        reason: String,
    },

    /// The file uses a feature freightsim does not read (e.g. `EDGE_WEIGHT_TYPE: GEO`,
    /// several depots). Remedy: convert the instance (e.g. to EUC_2D coordinates).
    #[error("{path}:{line}: {field} `{value}` is not supported; {hint}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The field.
        field: String,
        /// The value found.
        value: String,
        /// What is supported instead.
        hint: &'static str,
    },

    /// A line that belongs to no field or section (stray text).
    /// Remedy: delete it or put it under the right section header.
    #[error("{path}:{line}: unexpected line `{content}`; remove it or move it under a section")]
    UnexpectedLine {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The line's text.
        content: String,
    },
}

impl InstanceError {
    /// Shorthand for [`InstanceError::InvalidValue`].
    pub(crate) fn invalid(
        path: &std::path::Path,
        line: usize,
        field: &str,
        reason: impl Into<String>,
    ) -> Self {
        Self::InvalidValue {
            path: path.to_path_buf(),
            line,
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`InstanceError::MissingField`].
    pub(crate) fn missing(path: &std::path::Path, field: &str) -> Self {
        Self::MissingField {
            path: path.to_path_buf(),
            field: field.to_string(),
        }
    }
}
