//! The library's error type: one variant per stage, each mapping to a process exit code.

/// Any error freightsim reports to its caller.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with the user's input (file, field, value). Exit code 2.
    #[error("{0}")]
    Input(String),
    /// An OpenStreetMap extract that cannot be decoded. Exit code 2.
    #[error(transparent)]
    Osm(#[from] crate::osm::OsmError),
    /// The extract cannot be turned into a road network, or a point not snapped. Exit code 2.
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    /// A routing problem is malformed (sizes, indices, windows, amounts); the message lists
    /// every defect and how to fix it. Exit code 2.
    #[error(transparent)]
    Routing(#[from] crate::routing::RoutingError),
    /// A benchmark instance or solution file that cannot be read. Exit code 2.
    #[error(transparent)]
    Instance(#[from] crate::instances::InstanceError),
    /// A scenario file that cannot be run; the message lists every problem. Exit code 2.
    #[error(transparent)]
    Scenario(#[from] crate::scenario::ScenarioError),
    /// An orders CSV with bad rows; the message lists every one. Exit code 2.
    #[error(transparent)]
    Orders(#[from] crate::demand::OrdersCsvError),
    /// A criteria file or a comparison's results that cannot be scored. Exit code 2.
    #[error(transparent)]
    Score(#[from] crate::score::ScoreError),
}

impl Error {
    /// Process exit code: 2 for bad input or configuration, 1 for an internal error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_)
            | Error::Osm(_)
            | Error::Network(_)
            | Error::Routing(_)
            | Error::Instance(_)
            | Error::Scenario(_)
            | Error::Orders(_)
            | Error::Score(_) => 2,
        }
    }
}
