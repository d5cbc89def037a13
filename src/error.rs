//! The library's error type: one variant per stage, each mapping to a process exit code.

/// Any error freightsim reports to its caller.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with the user's input (file, field, value). Exit code 2.
    #[error("{0}")]
    Input(String),
    /// A routing problem is malformed (sizes, indices, windows, amounts); the message lists
    /// every defect and how to fix it. Exit code 2.
    #[error(transparent)]
    Routing(#[from] crate::routing::RoutingError),
    /// A benchmark instance or solution file that cannot be read. Exit code 2.
    #[error(transparent)]
    Instance(#[from] crate::instances::InstanceError),
}

impl Error {
    /// Process exit code: 2 for bad input or configuration, 1 for an internal error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Routing(_) => 2,
            Error::Instance(_) => 2,
        }
    }
}
