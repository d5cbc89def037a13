//! Errors of the routing stage: a problem that cannot be solved as given.
//!
//! Infeasible or unreachable orders are not errors (they come back as
//! [`super::Unassigned`] with a reason); only a malformed [`super::Problem`] is.

use std::fmt;

/// One defect found in a [`super::Problem`]. Every defect is reported at once.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemIssue {
    /// The problem has no travel matrix. Remedy: pass one matrix per vehicle profile.
    NoMatrix,
    /// Two travel matrices have different sizes. Remedy: build every profile's matrix over
    /// the same list of points.
    MatrixSizeMismatch {
        /// Index of the offending matrix.
        matrix: usize,
        /// Its size.
        size: usize,
        /// Size of matrix 0.
        expected: usize,
    },
    /// A matrix holds a negative or NaN distance or duration. Remedy: fix the matrix
    /// builder (unreachable pairs are `+inf`, never negative).
    BadMatrixEntry {
        /// Index of the matrix.
        matrix: usize,
        /// Row.
        from: usize,
        /// Column.
        to: usize,
    },
    /// A depot's or order's location is not a row of the matrices. Remedy: snap it to a
    /// point that was included when the matrices were built.
    LocationOutOfRange {
        /// "depot" or "order".
        what: &'static str,
        /// Depot or order index.
        index: usize,
        /// The bad location.
        location: usize,
        /// Number of matrix rows.
        size: usize,
    },
    /// A vehicle type names a depot (home or reload) that does not exist. Remedy: use an
    /// index below the number of depots.
    DepotOutOfRange {
        /// Vehicle type index.
        vehicle_type: usize,
        /// The bad depot index.
        depot: usize,
    },
    /// A vehicle type names a profile with no matrix. Remedy: add the matrix or fix the
    /// profile index.
    ProfileOutOfRange {
        /// Vehicle type index.
        vehicle_type: usize,
        /// The bad profile index.
        profile: usize,
    },
    /// A vehicle type forbids an order that does not exist. Remedy: use order indices.
    ForbiddenOrderOutOfRange {
        /// Vehicle type index.
        vehicle_type: usize,
        /// The bad order index.
        order: usize,
    },
    /// A time window (order, depot opening or shift) starts after it ends or is NaN.
    /// Remedy: swap or fix its bounds.
    BadTimeWindow {
        /// Where: "order", "depot" or "shift".
        what: &'static str,
        /// Order, depot or vehicle type index.
        index: usize,
    },
    /// An order has no time window, or its windows are not sorted and disjoint. Remedy:
    /// give at least one window ([`super::TimeWindow::always`] if none applies), sorted.
    BadTimeWindowList {
        /// Order index.
        order: usize,
    },
    /// A demand or capacity is negative. Remedy: give amounts of 0 or more.
    NegativeAmount {
        /// "order demand" or "vehicle capacity".
        what: &'static str,
        /// Order or vehicle type index.
        index: usize,
    },
    /// A time or cost field is negative or not finite where it must be. Remedy: fix the
    /// field named.
    BadNumber {
        /// Which field, e.g. "order stop_time".
        field: &'static str,
        /// Order, depot or vehicle type index.
        index: usize,
    },
    /// A vehicle type allows zero trips. Remedy: set `max_trips` to 1 or more.
    ZeroTrips {
        /// Vehicle type index.
        vehicle_type: usize,
    },
}

impl fmt::Display for ProblemIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoMatrix => write!(f, "no travel matrix given: pass one per vehicle profile"),
            Self::MatrixSizeMismatch {
                matrix,
                size,
                expected,
            } => write!(
                f,
                "travel matrix {matrix} has {size} points but matrix 0 has {expected}: build all \
                 profiles over the same points"
            ),
            Self::BadMatrixEntry { matrix, from, to } => write!(
                f,
                "travel matrix {matrix} entry ({from}, {to}) is negative or NaN: unreachable \
                 pairs must be +inf"
            ),
            Self::LocationOutOfRange {
                what,
                index,
                location,
                size,
            } => write!(
                f,
                "{what} {index} has location {location} but the matrices have {size} points: \
                 snap it to a matrix point"
            ),
            Self::DepotOutOfRange {
                vehicle_type,
                depot,
            } => write!(
                f,
                "vehicle type {vehicle_type} uses depot {depot}, which does not exist"
            ),
            Self::ProfileOutOfRange {
                vehicle_type,
                profile,
            } => write!(
                f,
                "vehicle type {vehicle_type} uses profile {profile}, which has no matrix"
            ),
            Self::ForbiddenOrderOutOfRange {
                vehicle_type,
                order,
            } => write!(
                f,
                "vehicle type {vehicle_type} forbids order {order}, which does not exist"
            ),
            Self::BadTimeWindow { what, index } => write!(
                f,
                "{what} {index} has a time window that starts after it ends (or is NaN): \
                 fix its bounds"
            ),
            Self::BadTimeWindowList { order } => write!(
                f,
                "order {order} has no time window or unsorted, overlapping windows: give at \
                 least one, sorted and disjoint"
            ),
            Self::NegativeAmount { what, index } => {
                write!(f, "{what} {index} is negative: amounts must be 0 or more")
            }
            Self::BadNumber { field, index } => write!(
                f,
                "{field} of item {index} is negative, NaN or infinite: give a finite value of \
                 0 or more"
            ),
            Self::ZeroTrips { vehicle_type } => write!(
                f,
                "vehicle type {vehicle_type} has max_trips = 0: set it to 1 or more"
            ),
        }
    }
}

/// A routing problem that cannot be solved as given, with every defect found.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid routing problem ({} issue(s)): {}", .issues.len(), list(.issues))]
pub struct RoutingError {
    /// All defects, in the order they were found.
    pub issues: Vec<ProblemIssue>,
}

fn list(issues: &[ProblemIssue]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
