//! `network`: interpret an [`crate::osm::OsmExtract`] as a road network per vehicle profile.
//!
//! [`profile`] says, from a way's tags alone, whether a vehicle may use it in each direction
//! and how fast; the rest of this module builds graphs from those answers:
//! [`segment`] cuts ways at junctions, [`build`] turns segments into one directed graph per
//! profile, [`collapse`] merges pass-through chains, [`components`] keeps the largest strongly
//! connected component, [`snap`] puts arbitrary points onto the network, [`summary`] and
//! [`geojson`] report it, and [`check()`] verifies its invariants.

pub mod build;
pub mod check;
pub mod collapse;
pub mod components;
pub mod error;
pub mod geojson;
pub mod graph;
pub mod profile;
pub mod segment;
pub mod snap;
pub mod summary;

pub use check::check;
pub use error::NetworkError;
pub use geojson::{write_geojson, write_geojson_file};
pub use graph::{NetworkEdge, NetworkNode, ProfileGraph, ProfileNetwork, RoadNetwork};
pub use profile::{Profile, TimedAccess, WayAccess, timed_access, way_access};
pub use segment::Segment;
pub use snap::{Snap, SnapIndex, SnapParams};
pub use summary::{NetworkReport, NetworkSummary, format_table};
