//! # freightsim
//!
//! How many delivery trips, vehicle-km and kg of CO₂e would it take to serve a city's demand
//! under different rules? freightsim answers from a real OpenStreetMap extract.
//!
//! The pipeline, one module per stage, values flowing forward:
//!
//! 1. [`osm`] decodes an extract (`.osm.pbf`, `.osm`, `.osm.gz`) into an [`osm::OsmExtract`].
//! 2. [`network`] interprets it per vehicle profile (van, truck, cargo bike) as a routable
//!    road network.
//! 3. [`matrix`] computes travel matrices between located points.
//! 4. [`routing`] plans routes for a heterogeneous fleet from those matrices.
//!
//! [`instances`] reads public VRP benchmark files (Solomon, VRPLIB) into routing problems,
//! to measure the routing core against best known solutions.

pub mod error;
pub mod instances;
pub mod matrix;
pub mod network;
pub mod osm;
pub mod routing;
pub mod units;

pub use error::Error;
