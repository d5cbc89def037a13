//! Time-bound conditional access: `motor_vehicle:conditional=delivery @ (06:00-11:00)`,
//! `access:conditional=no @ (Mo-Fr 07:00-19:00)`.
//!
//! OSM writes a conditional restriction as `KEY:conditional=VALUE @ CONDITION[; VALUE @
//! CONDITION ...]`. When the condition is an opening-hours expression, it is parsed with the
//! `opening-hours` crate and the value applies while the expression says open; the rule
//! written last wins where two overlap, and a key more specific than another (`motor_vehicle`
//! over `access`) wins over it, as for plain access tags. A condition that is not a time
//! (`delivery`, `weight>7.5`, `wet`, or a time joined to another condition with `AND`) is
//! not time-bound and stays with the rest of the profile reading (`tags::conditional_grant`).
//!
//! The road network holds every way a profile may use at *some* hour; [`TimedAccess`] says at
//! which hours. Public holidays (`PH`) are not known to the evaluation: a `PH` rule never
//! applies.

use super::tags::{Dir, Verdict, resolve};
use super::{Profile, Rule};
use crate::osm::tag;
use opening_hours::{OpeningHours, RuleKind};

/// When one way is open to one profile, for a way with time-bound conditional access.
#[derive(Clone, Debug)]
pub struct TimedAccess {
    /// Open when no time-bound rule applies (the way's other tags).
    base_open: bool,
    /// Time-bound rules in precedence order (a later one wins): opens, and when it applies.
    rules: Vec<(bool, OpeningHours)>,
}

/// Seconds in a day.
const DAY_S: f64 = 86_400.0;

/// The time-bound access of a way for `profile`, or `None` when no time-bound conditional
/// rule of the profile's access keys applies to it (or the way is closed to the profile
/// whatever the hour).
pub fn timed_access(profile: Profile, tags: &[(String, String)]) -> Option<TimedAccess> {
    let table = profile.table();
    if tag(tags, "highway").is_none() || (table.rule)(tags) == Rule::Closed {
        return None;
    }
    // Only keys at least as specific as the most specific key tagged plainly take part: a
    // plain `motor_vehicle=no` is not lifted by `access:conditional=yes @ ...`.
    let plain = (0..table.chain.len())
        .rev()
        .find(|&i| {
            [Dir::Forward, Dir::Backward]
                .into_iter()
                .any(|d| resolve(tags, &table.chain[i..=i], d, table.read).is_some())
        })
        .unwrap_or(0);
    let mut rules = Vec::new();
    for key in &table.chain[plain..] {
        let Some(value) = tag(tags, &format!("{key}:conditional")) else {
            continue;
        };
        for (v, condition) in split_rules(value) {
            let Some(verdict) = (table.read)(v) else {
                continue;
            };
            if let Some(hours) = time_condition(condition) {
                rules.push((verdict != Verdict::Closed, hours));
            }
        }
    }
    if rules.is_empty() {
        return None;
    }
    let without: Vec<(String, String)> = tags
        .iter()
        .filter(|(k, _)| !k.ends_with(":conditional"))
        .cloned()
        .collect();
    Some(TimedAccess {
        base_open: super::way_access(profile, &without).is_open(),
        rules,
    })
}

/// Splits a conditional value into `(value, condition)` pairs at the `;` outside parentheses.
fn split_rules(text: &str) -> Vec<(&str, &str)> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, ch) in text.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .filter_map(|rule| {
            let (v, c) = rule.split_once('@')?;
            Some((v.trim(), c.trim()))
        })
        .collect()
}

/// The condition as opening hours, when it is one and nothing else.
fn time_condition(condition: &str) -> Option<OpeningHours> {
    let inner = condition
        .strip_prefix('(')
        .and_then(|c| c.strip_suffix(')'))
        .unwrap_or(condition)
        .trim();
    if inner.is_empty() || inner.contains(" AND ") || inner.contains(['<', '>', '=']) {
        return None;
    }
    // A bare word (`delivery`, `wet`, `winter`) is a condition on the trip, not a time.
    if !inner.chars().any(|c| c.is_ascii_digit()) && !inner.contains("24/7") {
        return None;
    }
    inner.parse::<OpeningHours>().ok()
}

impl TimedAccess {
    /// True when the way is open at every moment of `[from_s, to_s)` (seconds from midnight,
    /// clamped to the day) on `date`. An hour the expression cannot decide (`unknown`) counts
    /// against the vehicle: a rule that closes applies, a rule that opens does not.
    pub fn open_throughout(&self, date: jiff::civil::Date, from_s: f64, to_s: f64) -> bool {
        let (from_s, to_s) = (from_s.clamp(0.0, DAY_S), to_s.clamp(0.0, DAY_S));
        if from_s >= to_s {
            return self.open_at(date, from_s.min(DAY_S - 1.0));
        }
        let Some(midnight) = chrono::NaiveDate::from_ymd_opt(
            i32::from(date.year()),
            date.month() as u32,
            date.day() as u32,
        )
        .and_then(|d| d.and_hms_opt(0, 0, 0)) else {
            return false;
        };
        let at = |s: f64| midnight + chrono::Duration::seconds(s.round() as i64);
        // Each rule's states over the interval, then every piece between two changes.
        let states: Vec<Vec<(f64, f64, RuleKind)>> = self
            .rules
            .iter()
            .map(|(_, hours)| {
                hours
                    .iter_range(at(from_s), at(to_s))
                    .map(|r| {
                        let s = |t: chrono::NaiveDateTime| (t - midnight).num_seconds() as f64;
                        (s(r.range.start), s(r.range.end), r.kind)
                    })
                    .collect()
            })
            .collect();
        let mut cuts: Vec<f64> = vec![from_s, to_s];
        for s in &states {
            cuts.extend(s.iter().flat_map(|r| [r.0, r.1]));
        }
        cuts.retain(|&c| c >= from_s && c <= to_s);
        cuts.sort_by(f64::total_cmp);
        cuts.dedup();
        cuts.windows(2).all(|w| {
            let mid = 0.5 * (w[0] + w[1]);
            self.open_given(|k| {
                states[k]
                    .iter()
                    .find(|r| r.0 <= mid && mid < r.1)
                    .map_or(RuleKind::Closed, |r| r.2)
            })
        })
    }

    /// True when the way is open at `t_s` seconds from midnight on `date`.
    pub fn open_at(&self, date: jiff::civil::Date, t_s: f64) -> bool {
        let t = t_s.clamp(0.0, DAY_S - 60.0);
        self.open_throughout(date, t, t + 60.0)
    }

    /// The state when rule `k`'s expression says `kind(k)`: the last rule that applies
    /// decides, else the base.
    fn open_given(&self, kind: impl Fn(usize) -> RuleKind) -> bool {
        for (k, (opens, _)) in self.rules.iter().enumerate().rev() {
            let applies = match kind(k) {
                RuleKind::Open => true,
                RuleKind::Closed => false,
                // Undecided: assume the worse for the vehicle.
                RuleKind::Unknown => !opens,
            };
            if applies {
                return *opens;
            }
        }
        self.base_open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        t.sort();
        t
    }

    fn hm(h: f64, m: f64) -> f64 {
        h * 3600.0 + m * 60.0
    }

    // 2025-03-03 is a Monday.
    fn monday() -> jiff::civil::Date {
        "2025-03-03".parse().unwrap()
    }

    fn saturday() -> jiff::civil::Date {
        "2025-03-08".parse().unwrap()
    }

    #[test]
    fn a_pedestrian_street_opens_to_deliveries_in_the_morning_only() {
        let t = tags(&[
            ("highway", "pedestrian"),
            ("motor_vehicle", "no"),
            ("motor_vehicle:conditional", "delivery @ (06:00-11:00)"),
        ]);
        let a = timed_access(Profile::Van, &t).expect("time-bound");
        assert!(a.open_throughout(monday(), hm(6.0, 0.0), hm(11.0, 0.0)));
        assert!(a.open_at(monday(), hm(10.0, 58.0)));
        assert!(!a.open_at(monday(), hm(11.0, 30.0)));
        assert!(!a.open_throughout(monday(), hm(6.0, 0.0), hm(11.0, 30.0)));
        assert!(!a.open_throughout(monday(), hm(5.0, 0.0), hm(7.0, 0.0)));
        // Trucks read motor_vehicle too.
        let truck = timed_access(Profile::Truck, &t).expect("time-bound for trucks");
        assert!(truck.open_at(monday(), hm(8.0, 0.0)));
        // The cargo bike's chain has no motor_vehicle: no time rule for it.
        assert!(timed_access(Profile::CargoBike, &t).is_none());
    }

    #[test]
    fn a_through_street_closed_by_day_on_weekdays_is_open_on_saturday() {
        let t = tags(&[
            ("highway", "residential"),
            ("motor_vehicle:conditional", "no @ (Mo-Fr 07:00-19:00)"),
        ]);
        let a = timed_access(Profile::Van, &t).expect("time-bound");
        assert!(a.open_throughout(monday(), hm(5.0, 0.0), hm(7.0, 0.0)));
        assert!(!a.open_throughout(monday(), hm(5.0, 0.0), hm(7.0, 1.0)));
        assert!(a.open_throughout(monday(), hm(19.0, 0.0), hm(23.0, 0.0)));
        assert!(a.open_throughout(saturday(), hm(6.0, 0.0), hm(20.0, 0.0)));
    }

    #[test]
    fn the_rule_written_last_wins_and_several_rules_split_at_semicolons_outside_brackets() {
        let t = tags(&[
            ("highway", "residential"),
            (
                "access:conditional",
                "no @ (Mo-Sa 06:00-20:00); delivery @ (Mo-Fr 08:00-10:00; Sa 08:00-09:00)",
            ),
        ]);
        let a = timed_access(Profile::Van, &t).expect("time-bound");
        assert!(!a.open_at(monday(), hm(7.0, 0.0)));
        assert!(a.open_at(monday(), hm(9.0, 0.0)));
        assert!(a.open_at(saturday(), hm(8.5, 0.0)));
        assert!(!a.open_at(saturday(), hm(9.5, 0.0)));
        assert!(a.open_at(monday(), hm(21.0, 0.0)));
    }

    #[test]
    fn a_more_specific_plain_tag_beats_a_general_conditional() {
        let t = tags(&[
            ("highway", "residential"),
            ("access:conditional", "no @ (07:00-19:00)"),
            ("motor_vehicle", "yes"),
        ]);
        assert!(timed_access(Profile::Van, &t).is_none());
        let t = tags(&[
            ("highway", "residential"),
            ("access", "no"),
            ("motor_vehicle:conditional", "yes @ (06:00-10:00)"),
        ]);
        let a = timed_access(Profile::Van, &t).expect("time-bound");
        assert!(a.open_at(monday(), hm(7.0, 0.0)));
        assert!(!a.open_at(monday(), hm(12.0, 0.0)));
    }

    #[test]
    fn conditions_that_are_not_times_are_not_time_bound() {
        for value in [
            "delivery @ delivery",
            "no @ (weight>7.5)",
            "no @ wet",
            "no @ (Mo-Fr 07:00-19:00 AND weight>3.5)",
            "no @ (not an expression 99)",
            "no",
        ] {
            let t = tags(&[
                ("highway", "residential"),
                ("motor_vehicle:conditional", value),
            ]);
            assert!(timed_access(Profile::Van, &t).is_none(), "{value}");
        }
        // A way closed to the profile whatever the tags has no hours.
        let t = tags(&[
            ("highway", "motorway"),
            ("bicycle:conditional", "yes @ (06:00-11:00)"),
        ]);
        assert!(timed_access(Profile::CargoBike, &t).is_none());
    }
}
