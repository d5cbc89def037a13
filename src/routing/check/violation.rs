//! The rules a routing solution can break, one variant each, with the indices that locate
//! the fault.

use crate::units::{Meters, Seconds};

/// One broken rule. `route` and `trip` are indices into the solution's routes and a route's
/// trips; `order` is an index into the problem's orders.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Violation {
    /// An order index beyond the problem's orders (in a route, or in `unassigned`).
    #[error("order {order} does not exist (route {route:?})")]
    UnknownOrder { route: Option<usize>, order: usize },
    /// An order served by two visits.
    #[error("order {order} served twice (routes {first_route} and {second_route})")]
    ServedTwice {
        order: usize,
        first_route: usize,
        second_route: usize,
    },
    /// An order both served and listed as unassigned.
    #[error("order {order} served by route {route} and listed as unassigned")]
    ServedAndUnassigned { route: usize, order: usize },
    /// An order listed twice in `unassigned`.
    #[error("order {order} listed twice as unassigned")]
    UnassignedTwice { order: usize },
    /// An order neither served nor listed as unassigned.
    #[error("order {order} neither served nor listed as unassigned")]
    Missing { order: usize },
    /// `unassigned` is not sorted by order index.
    #[error("unassigned orders not sorted at position {position}")]
    UnassignedNotSorted { position: usize },
    /// Routes are not sorted by (vehicle type, vehicle).
    #[error("route {route} is not sorted by (vehicle type, vehicle)")]
    RoutesNotSorted { route: usize },
    /// A vehicle type, profile or depot index that does not exist.
    #[error("route {route}: {what} {index} does not exist")]
    UnknownIndex {
        route: usize,
        what: &'static str,
        index: usize,
    },
    /// A vehicle index not below its type's `count`.
    #[error("route {route}: vehicle {vehicle} but its type has {count}")]
    VehicleOutOfRange {
        route: usize,
        vehicle: usize,
        count: usize,
    },
    /// The same vehicle drives two routes.
    #[error("route {route}: its vehicle already drives route {first_route}")]
    VehicleUsedTwice { route: usize, first_route: usize },
    /// A route without trips.
    #[error("route {route} has no trip")]
    EmptyRoute { route: usize },
    /// A trip without visits.
    #[error("route {route} trip {trip} visits no order")]
    EmptyTrip { route: usize, trip: usize },
    /// More trips than `max_trips`.
    #[error("route {route}: {trips} trips, at most {max_trips} allowed")]
    TooManyTrips {
        route: usize,
        trips: usize,
        max_trips: usize,
    },
    /// The first trip does not leave from, or the last does not return to, the home depot.
    #[error("route {route} trip {trip}: depot {depot} is not the home depot {home}")]
    NotHomeDepot {
        route: usize,
        trip: usize,
        depot: usize,
        home: usize,
    },
    /// A trip leaves from another depot than the one the previous trip returned to.
    #[error(
        "route {route} trip {trip} leaves from another depot than the previous trip returned to"
    )]
    BrokenChain { route: usize, trip: usize },
    /// A reload at a depot this vehicle type may not reload at.
    #[error("route {route} trip {trip}: reload at depot {depot} not allowed for this vehicle type")]
    ReloadNotAllowed {
        route: usize,
        trip: usize,
        depot: usize,
    },
    /// A trip leaves before the previous return plus the depot's reload time.
    #[error("route {route} trip {trip}: leaves at {departure}, before the reload ends at {ready}")]
    ReloadTooShort {
        route: usize,
        trip: usize,
        departure: Seconds,
        ready: Seconds,
    },
    /// A trip carries more than the capacity in a dimension.
    #[error(
        "route {route} trip {trip}: load {load} exceeds capacity {capacity} in dimension {dimension}"
    )]
    OverCapacity {
        route: usize,
        trip: usize,
        dimension: usize,
        load: i64,
        capacity: i64,
    },
    /// A trip leaves before its depot opens.
    #[error("route {route} trip {trip}: leaves at {departure}, before the depot opens at {open}")]
    DepartsBeforeOpen {
        route: usize,
        trip: usize,
        departure: Seconds,
        open: Seconds,
    },
    /// A trip leaves before an order it carries is released.
    #[error(
        "route {route} trip {trip}: leaves at {departure}, before order {order} is released at {release}"
    )]
    DepartsBeforeRelease {
        route: usize,
        trip: usize,
        order: usize,
        departure: Seconds,
        release: Seconds,
    },
    /// A leg between two locations with no path in the vehicle's profile.
    #[error("route {route} trip {trip}: no path from location {from} to {to}")]
    Unreachable {
        route: usize,
        trip: usize,
        from: usize,
        to: usize,
    },
    /// A reported arrival that differs from previous departure + travel.
    #[error(
        "route {route} trip {trip}: arrival at order {order} reported {reported}, recomputed {expected}"
    )]
    ArrivalMismatch {
        route: usize,
        trip: usize,
        order: usize,
        reported: Seconds,
        expected: Seconds,
    },
    /// A service starting before the vehicle arrives.
    #[error(
        "route {route} trip {trip}: order {order} served at {service_start}, before arrival at {arrival}"
    )]
    ServiceBeforeArrival {
        route: usize,
        trip: usize,
        order: usize,
        service_start: Seconds,
        arrival: Seconds,
    },
    /// A service starting outside every window of the order.
    #[error(
        "route {route} trip {trip}: order {order} served at {service_start}, outside its windows"
    )]
    OutsideTimeWindow {
        route: usize,
        trip: usize,
        order: usize,
        service_start: Seconds,
    },
    /// A reported return time that differs from the recomputed one.
    #[error("route {route} trip {trip}: return reported {reported}, recomputed {expected}")]
    ReturnMismatch {
        route: usize,
        trip: usize,
        reported: Seconds,
        expected: Seconds,
    },
    /// A trip back after its end depot closes.
    #[error(
        "route {route} trip {trip}: returns at {return_time}, after the depot closes at {close}"
    )]
    ReturnsAfterClose {
        route: usize,
        trip: usize,
        return_time: Seconds,
        close: Seconds,
    },
    /// A reported trip distance that differs from the sum of its legs.
    #[error("route {route} trip {trip}: distance reported {reported}, recomputed {expected}")]
    TripDistanceMismatch {
        route: usize,
        trip: usize,
        reported: Meters,
        expected: Meters,
    },
    /// A route starting before or ending after the vehicle type's shift.
    #[error("route {route}: runs from {start} to {end}, outside the shift")]
    OutsideShift {
        route: usize,
        start: Seconds,
        end: Seconds,
    },
    /// A route longer than `max_duration`.
    #[error("route {route}: lasts {duration}, more than {max}")]
    DurationExceeded {
        route: usize,
        duration: Seconds,
        max: Seconds,
    },
    /// A route farther than `max_distance`.
    #[error("route {route}: drives {distance}, more than {max}")]
    DistanceExceeded {
        route: usize,
        distance: Meters,
        max: Meters,
    },
    /// An order served by a vehicle type that may not serve it.
    #[error("route {route}: order {order} may not be served by vehicle type {vehicle_type}")]
    ForbiddenOrder {
        route: usize,
        order: usize,
        vehicle_type: usize,
    },
    /// The reported cost differs from the recomputed one.
    #[error("cost reported {reported}, recomputed {expected}")]
    CostMismatch { reported: f64, expected: f64 },
}
