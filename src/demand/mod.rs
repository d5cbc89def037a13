//! `demand`: the sites of a map and the orders they receive.
//!
//! [`sites_from_map`] turns the extract's features into [`Site`]s (establishments by activity
//! class, homes weighted by footprint × levels, pickup points) through the OSM-to-site table;
//! which buildings are homes is the home buildings table's business ([`is_home`]).
//! [`DemandModel`] holds each site's daily rates and draws the orders placed on a day from
//! `(seed, day)` alone ([`DemandModel::orders_for_day`]), so one day can be reproduced on its
//! own and two scenarios that differ only in rules or fleets see the same orders (common
//! random numbers). [`read_orders_csv`] reads real orders instead.

mod generate;
mod homes;
mod orders_csv;
mod public;
mod ratios;
mod sites;

pub use generate::DemandModel;
pub use homes::is_home;
pub use orders_csv::{OrdersCsvError, read_orders_csv};
pub use public::receive_window;
pub use ratios::{DemandRatios, home_floor_m2, inhabitants, jobs};
pub use sites::{SiteKind, sites_from_map};

use crate::units::LonLat;
use std::fmt;

/// Identifier of a site: its index in the site list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SiteId(pub u32);

impl fmt::Display for SiteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// A place that receives goods.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Its identifier.
    pub id: SiteId,
    /// What it is.
    pub kind: SiteKind,
    /// Where the map puts it (`osm:node/123`, `osm:way/456`, or `csv:<line>`).
    pub source: String,
    /// Its name on the map, if any.
    pub name: String,
    /// Position.
    pub position: LonLat,
    /// Homes: footprint × levels, m² of floor (the share of parcels it receives); 0 otherwise.
    pub floor_m2: f64,
    /// Receiving hours, seconds from midnight.
    pub receive: (f64, f64),
}

/// One consignment to one site.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// Identifier (`d<day>-<n>` when generated).
    pub id: String,
    /// Order category (its lead-time rule).
    pub category: String,
    /// Index of its carrier in the scenario.
    pub carrier: usize,
    /// The site.
    pub site: SiteId,
    /// Calendar day it was placed (0 = the horizon's start).
    pub placed_day: u32,
    /// Time of day it was placed, seconds.
    pub placed_at_s: f64,
    /// First delivering day of its window.
    pub earliest_day: u32,
    /// Last delivering day of its window.
    pub latest_day: u32,
    /// Weight, kg.
    pub kg: f64,
    /// Parcels.
    pub parcels: u32,
    /// True for a home delivery (a first attempt may fail).
    pub home: bool,
}
