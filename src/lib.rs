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
//! A scenario file ([`scenario`]) names a map, days, demand, lead-time rules, a dispatch
//! policy and carriers; [`demand`] turns the map into sites and draws each day's orders;
//! [`dispatch`] decides which orders of a backlog leave today; [`simulation`] runs the day
//! loop that wires them to the routing core and writes the outputs.
//!
//! A week on the tiny_town fixture (a grid of streets with shops, cafés and homes):
//!
//! ```
//! use freightsim::simulation::{self, RunOptions, Status};
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios/tiny_town.toml");
//! let scenario = freightsim::scenario::load(std::path::Path::new(path))?;
//! let outcome = simulation::run(&scenario, &RunOptions::default())?;
//! // Every order ends delivered, late or unassigned with a reason; none stays open.
//! assert!(outcome.orders.iter().all(|o| o.status != Status::Open));
//! let delivered = outcome.orders.iter().filter(|o| o.delivered_day.is_some()).count();
//! let visits: usize = outcome.trips.iter().map(|t| t.orders).sum();
//! let failed: u32 = outcome.orders.iter().map(|o| o.failed_attempts).sum();
//! assert_eq!(visits, delivered + failed as usize);
//! # Ok::<(), freightsim::Error>(())
//! ```
//!
//! A run on a tiny fixture, a square of streets with one one-way side (1 → 2):
//!
//! ```
//! use freightsim::matrix::Router;
//! use freightsim::network::{Profile, RoadNetwork};
//!
//! let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/oneway_street.osm.pbf");
//! let extract = freightsim::osm::read(std::path::Path::new(fixture))?;
//! let network = RoadNetwork::build(&extract)?;
//! let vans = network.profile(Profile::Van);
//! let corners = [1, 2].map(|id| vans.node_by_osm_id(id).expect("corner kept"));
//! let matrix = Router::new(vans).matrix(&corners);
//! // With the one-way street a van goes 1 → 2 directly but 2 → 1 round the other three sides.
//! let (there, back) = (matrix.distance(0, 1), matrix.distance(1, 0));
//! assert!((back.0 / there.0 - 3.0).abs() < 0.1, "{there} there, {back} back");
//! # Ok::<(), freightsim::Error>(())
//! ```
//!
//! [`instances`] reads public VRP benchmark files (Solomon, VRPLIB) into routing problems,
//! to measure the routing core against best known solutions.

pub mod demand;
pub mod dispatch;
pub mod emissions;
pub mod error;
pub mod init;
pub mod instances;
pub mod matrix;
pub mod measure;
pub mod network;
pub mod osm;
pub mod random;
pub mod report;
pub mod routing;
pub mod scenario;
pub mod score;
pub mod simulation;
pub mod stats;
pub mod sweep;
pub mod units;
pub mod zones;

pub use error::Error;
