//! `network`: interpret an [`crate::osm::OsmExtract`] as a road network per vehicle profile.
