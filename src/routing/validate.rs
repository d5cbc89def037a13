//! [`Problem::validate`]: every structural check on a problem, all defects reported at once.

use super::error::{ProblemIssue, RoutingError};
use super::model::{Priority, Problem, TimeWindow};

fn window_ok(w: &TimeWindow) -> bool {
    !w.start.0.is_nan() && !w.end.0.is_nan() && w.start.0 <= w.end.0
}

fn finite_non_negative(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

impl Problem {
    /// Checks the problem's structure: matrix sizes and entries, indices in range, windows,
    /// amounts and times. Returns every defect found, not only the first.
    ///
    /// Orders that no vehicle can serve are not defects: the solver reports them as
    /// unassigned with a reason.
    pub fn validate(&self) -> Result<(), RoutingError> {
        let mut issues = Vec::new();
        let size = self.matrices.first().map_or(0, |m| m.size());
        if self.matrices.is_empty() {
            issues.push(ProblemIssue::NoMatrix);
        }
        for (i, m) in self.matrices.iter().enumerate() {
            if m.size() != size {
                issues.push(ProblemIssue::MatrixSizeMismatch {
                    matrix: i,
                    size: m.size(),
                    expected: size,
                });
                continue;
            }
            let n = m.size();
            let bad = m
                .distances_m()
                .iter()
                .zip(m.durations_s())
                .position(|(d, t)| d.is_nan() || t.is_nan() || *d < 0.0 || *t < 0.0);
            if let Some(p) = bad {
                issues.push(ProblemIssue::BadMatrixEntry {
                    matrix: i,
                    from: p / n,
                    to: p % n,
                });
            }
        }
        for (i, d) in self.depots.iter().enumerate() {
            if d.location >= size {
                issues.push(ProblemIssue::LocationOutOfRange {
                    what: "depot",
                    index: i,
                    location: d.location,
                    size,
                });
            }
            if !window_ok(&d.open) {
                issues.push(ProblemIssue::BadTimeWindow {
                    what: "depot",
                    index: i,
                });
            }
            if !finite_non_negative(d.reload_time.0) {
                issues.push(ProblemIssue::BadNumber {
                    field: "depot reload_time",
                    index: i,
                });
            }
        }
        for (i, o) in self.orders.iter().enumerate() {
            if o.location >= size {
                issues.push(ProblemIssue::LocationOutOfRange {
                    what: "order",
                    index: i,
                    location: o.location,
                    size,
                });
            }
            if o.demand.iter().any(|&q| q < 0) {
                issues.push(ProblemIssue::NegativeAmount {
                    what: "order demand",
                    index: i,
                });
            }
            if o.time_windows.iter().any(|w| !window_ok(w)) {
                issues.push(ProblemIssue::BadTimeWindow {
                    what: "order",
                    index: i,
                });
            } else if o.time_windows.is_empty()
                || o.time_windows
                    .windows(2)
                    .any(|p| p[0].end.0 >= p[1].start.0)
            {
                issues.push(ProblemIssue::BadTimeWindowList { order: i });
            }
            for (field, v) in [
                ("order stop_time", o.stop_time.0),
                ("order handling_time", o.handling_time.0),
                ("order release", o.release.0),
            ] {
                if !finite_non_negative(v) {
                    issues.push(ProblemIssue::BadNumber { field, index: i });
                }
            }
            if let Priority::Optional { prize } = o.priority
                && !finite_non_negative(prize)
            {
                issues.push(ProblemIssue::BadNumber {
                    field: "order prize",
                    index: i,
                });
            }
        }
        for (i, v) in self.vehicle_types.iter().enumerate() {
            if v.capacity.iter().any(|&q| q < 0) {
                issues.push(ProblemIssue::NegativeAmount {
                    what: "vehicle capacity",
                    index: i,
                });
            }
            if v.profile >= self.matrices.len() {
                issues.push(ProblemIssue::ProfileOutOfRange {
                    vehicle_type: i,
                    profile: v.profile,
                });
            }
            for &d in std::iter::once(&v.depot).chain(&v.reload_depots) {
                if d >= self.depots.len() {
                    issues.push(ProblemIssue::DepotOutOfRange {
                        vehicle_type: i,
                        depot: d,
                    });
                }
            }
            for &o in &v.forbidden_orders {
                if o >= self.orders.len() {
                    issues.push(ProblemIssue::ForbiddenOrderOutOfRange {
                        vehicle_type: i,
                        order: o,
                    });
                }
            }
            if v.max_trips == 0 {
                issues.push(ProblemIssue::ZeroTrips { vehicle_type: i });
            }
            if !window_ok(&v.shift) {
                issues.push(ProblemIssue::BadTimeWindow {
                    what: "shift",
                    index: i,
                });
            }
            for (field, x) in [
                ("vehicle fixed_cost", v.fixed_cost),
                ("vehicle cost_per_km", v.cost_per_km),
                ("vehicle cost_per_hour", v.cost_per_hour),
                ("vehicle co2e_kg_per_km", v.co2e_kg_per_km),
            ] {
                if !finite_non_negative(x) {
                    issues.push(ProblemIssue::BadNumber { field, index: i });
                }
            }
            for (field, x) in [
                ("vehicle max_duration", v.max_duration.map(|s| s.0)),
                ("vehicle max_distance", v.max_distance.map(|m| m.0)),
            ] {
                if x.is_some_and(|x| x.is_nan() || x < 0.0) {
                    issues.push(ProblemIssue::BadNumber { field, index: i });
                }
            }
        }
        if !finite_non_negative(self.objective.carbon_price_per_kg) {
            issues.push(ProblemIssue::BadNumber {
                field: "objective carbon_price_per_kg",
                index: 0,
            });
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(RoutingError { issues })
        }
    }
}
