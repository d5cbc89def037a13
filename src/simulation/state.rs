//! What the day loop keeps: the state of every order and the trips driven.

use crate::demand::Order;
use crate::emissions::Emissions;

/// Where an order stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Known, not delivered yet.
    Open,
    /// Delivered within its window (or on the re-attempt day after a failed attempt).
    Delivered,
    /// Delivered after its window closed.
    Late,
    /// Never delivered; the reason says why.
    Unassigned(String),
}

impl Status {
    /// Name in `orders.csv`.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Delivered => "delivered",
            Status::Late => "late",
            Status::Unassigned(_) => "unassigned",
        }
    }
}

/// One order and what happened to it.
#[derive(Clone, Debug)]
pub struct OrderState {
    /// The order as generated or read.
    pub order: Order,
    /// First delivering day it may go (its window's start, or the re-attempt day).
    pub open_from: u32,
    /// Day it must go (its window's end, or the re-attempt day).
    pub due: u32,
    /// Status.
    pub status: Status,
    /// Day of the delivery, if delivered.
    pub delivered_day: Option<u32>,
    /// Failed delivery attempts before it.
    pub failed_attempts: u32,
    /// Its allocated share of the trips that carried it (the failed attempts' too).
    pub emissions: Emissions,
    /// It goes through the consolidation centre (its site is in the centre's zone and its
    /// carrier opted in, or may not reach it).
    pub via_ucc: bool,
    /// Day and time (seconds from midnight) it is ready at the centre for a last leg.
    pub at_ucc: Option<(u32, f64)>,
    /// Why, on the last day it was bound for the centre and did not go through it, it went
    /// direct or waited (capacity or docks).
    pub ucc_overflow: Option<super::ucc::Overflow>,
    /// Days it waited for the centre's capacity or docks.
    pub ucc_wait_days: u32,
}

impl OrderState {
    /// A newly known order.
    pub fn new(order: Order) -> Self {
        OrderState {
            open_from: order.earliest_day,
            due: order.latest_day,
            order,
            status: Status::Open,
            delivered_day: None,
            failed_attempts: 0,
            emissions: Emissions::default(),
            via_ucc: false,
            at_ucc: None,
            ucc_overflow: None,
            ucc_wait_days: 0,
        }
    }
}

impl OrderState {
    /// The carrier holding it now: its own, or the centre's operator once it reached the
    /// centre.
    pub fn holder(&self, sc: &crate::scenario::Scenario) -> usize {
        match (&sc.ucc, self.at_ucc) {
            (Some(u), Some(_)) => u.operator,
            _ => self.order.carrier,
        }
    }
}

/// One trip driven.
#[derive(Clone, Debug, PartialEq)]
pub struct TripRecord {
    /// Day.
    pub day: u32,
    /// Carrier index.
    pub carrier: usize,
    /// Vehicle type (index into the vehicles table).
    pub vehicle: usize,
    /// Which vehicle of its type in the carrier's fleet.
    pub route_vehicle: usize,
    /// Trip number in the vehicle's day (0 first).
    pub trip: usize,
    /// Departure, seconds from midnight.
    pub departure_s: f64,
    /// Return, seconds from midnight.
    pub return_s: f64,
    /// Stops (site visits).
    pub stops: usize,
    /// Orders delivered or attempted.
    pub orders: usize,
    /// Load at departure, kg.
    pub kg: f64,
    /// Load at departure, parcels.
    pub parcels: u32,
    /// Distance driven, km, access legs included.
    pub distance_km: f64,
    /// Of which on the depot's access leg (out and back), km.
    pub access_km: f64,
    /// Duration from departure to return, hours.
    pub hours: f64,
    /// Energy, CO₂e, NOx and PM, leg by leg with the load on board.
    pub emissions: Emissions,
    /// Sites visited, in order (world locations; the depot is not listed).
    pub sites: Vec<u32>,
    /// Per entry of `sites`: arrival and departure, seconds from midnight (the time between
    /// includes any wait for the site's window).
    pub stop_times: Vec<(f64, f64)>,
    /// Orders on board (global indices, delivered or attempted) and their ISO 14083 share
    /// of the trip; the shares add up to one.
    pub shares: Vec<(usize, f64)>,
    /// Cost: the vehicle's fixed cost on its first trip, distance and time, EUR.
    pub cost_eur: f64,
    /// Hours a line-haul queued for a dock at the centre (already in `hours` and
    /// `cost_eur`); 0 for every other trip.
    pub dock_wait_h: f64,
    /// Which leg of the delivery chain it is.
    pub echelon: Echelon,
    /// Driving hours, in peak bands, and km by hour of day.
    pub driving: super::day::DrivingTime,
}

/// The leg of the delivery chain a trip is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Echelon {
    /// A carrier's trip to the orders' sites.
    Direct,
    /// A carrier's trip with a stop at the consolidation centre.
    LineHaul,
    /// The centre operator's trip to the sites.
    LastLeg,
}

impl Echelon {
    /// Name in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Echelon::Direct => "direct",
            Echelon::LineHaul => "line_haul",
            Echelon::LastLeg => "last_leg",
        }
    }
}
