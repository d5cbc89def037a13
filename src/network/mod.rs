//! `network`: interpret an [`crate::osm::OsmExtract`] as a road network per vehicle profile.
//!
//! [`profile`] says, from a way's tags alone, whether a vehicle may use it in each direction
//! and how fast; the rest of this module builds graphs from those answers.

pub mod profile;

pub use profile::{Profile, WayAccess, way_access};
