//! The speed-profile table (`data/speed_profiles.csv`): per network profile, the hour
//! bands of a day and their speed factors (see [`crate::matrix::time_bands`]). Every bad row
//! is an issue naming the table, its line and the band.

use super::error::Issue;
use super::tables::{TableText, parse_clock};
use crate::matrix::{Band, TimeBands};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Hour bands per network profile name (`van`, `truck`, `cargo_bike`).
pub type SpeedProfiles = BTreeMap<String, TimeBands>;

const FIELD: &str = "time_bands.profile";

#[derive(Deserialize)]
struct Row {
    profile: String,
    band: String,
    start: String,
    end: String,
    speed_factor: f64,
    peak: String,
    source: String,
}

/// Reads the table; `profiles` are the network profiles some vehicle uses, each of which
/// must have bands.
pub(crate) fn read_speed_profiles(
    table: &TableText,
    profiles: &[&str],
    issues: &mut Vec<Issue>,
) -> SpeedProfiles {
    let mut bands: BTreeMap<String, Vec<Band>> = BTreeMap::new();
    let before = issues.len();
    let rows = super::tables::read_rows_at::<Row>(
        table,
        FIELD,
        "give every column of the header: profile,band,start,end,speed_factor,peak,source",
        issues,
    );
    for (line, row) in rows {
        let at = format!(
            "{} line {line} (profile `{}`, band `{}`)",
            table.name, row.profile, row.band
        );
        let list = bands.entry(row.profile.clone()).or_default();
        let previous_end = list.last().map_or(0.0, |b| b.end_s);
        let (Some(start_s), Some(end_s)) = (parse_clock(&row.start), parse_clock(&row.end)) else {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{at}: start `{}` or end `{}` is not HH:MM",
                    row.start, row.end
                ),
                "write both times as HH:MM, 00:00 to 24:00",
            ));
            continue;
        };
        let peak = match row.peak.as_str() {
            "yes" => true,
            "no" => false,
            other => {
                issues.push(Issue::new(
                    FIELD,
                    format!("{at}: peak is `{other}`"),
                    "write peak as yes or no",
                ));
                false
            }
        };
        if start_s != previous_end {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{at}: starts at {} but the profile's previous band ends at {} (a missing or overlapping band)",
                    row.start,
                    clock(previous_end)
                ),
                "list each profile's bands in order from 00:00, each starting where the previous ends, the last ending at 24:00",
            ));
        }
        if end_s <= start_s {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{at}: ends at {}, not after its start {}",
                    row.end, row.start
                ),
                "bands run forward in time; give the end after the start",
            ));
        }
        if !(row.speed_factor > 0.0 && row.speed_factor <= 2.0) {
            issues.push(Issue::new(
                FIELD,
                format!("{at}: speed_factor {} is out of range", row.speed_factor),
                "give a factor above 0 and at most 2 (0.7: legs take 1/0.7 as long as off-peak)",
            ));
        }
        if row.source.trim().is_empty() {
            issues.push(Issue::new(
                FIELD,
                format!("{at}: no source"),
                "say where the factor comes from, or mark it [assumption]",
            ));
        }
        list.push(Band {
            name: row.band,
            start_s,
            end_s,
            factor: row.speed_factor,
            peak,
        });
    }
    let mut out = SpeedProfiles::new();
    for (profile, list) in bands {
        let last = list.last().map_or(0.0, |b| b.end_s);
        if last != crate::matrix::time_bands::DAY_S {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{}: the bands of profile `{profile}` end at {}, leaving the rest of the day without a band",
                    table.name,
                    clock(last)
                ),
                "make the profile's last band end at 24:00",
            ));
            continue;
        }
        if issues.len() > before {
            continue;
        }
        match TimeBands::new(list) {
            Ok(tb) => {
                out.insert(profile, tb);
            }
            Err(e) => issues.push(Issue::new(
                FIELD,
                format!("{}: profile `{profile}`: {e}", table.name),
                "fix the profile's bands",
            )),
        }
    }
    for p in profiles {
        if !out.contains_key(*p) && issues.len() == before {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{}: no band for profile `{p}`, which a vehicle drives on",
                    table.name
                ),
                "give the profile its bands from 00:00 to 24:00",
            ));
        }
    }
    out
}

fn clock(s: f64) -> String {
    let m = (s / 60.0).round() as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}
