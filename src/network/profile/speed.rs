//! Travel speeds: the per-class defaults of `data/speeds.csv` and the `maxspeed` tag.
//!
//! # Rule
//! A way's class (its `highway` value, or a finer row such as `service=parking_aisle`) gives
//! a default travel speed per profile for urban France. A readable speed limit (see
//! [`signed_limit`]) becomes `min(limit, vehicle top speed) × urban factor` for vans and
//! trucks; on classes marked `replaces` this is the speed, on classes marked `caps` the
//! smaller of it and the default. For the cargo bike a limit only ever caps the class speed:
//! the rider, not the sign, sets the pace.

use super::Profile;
use super::limits::reference_vehicle;
use crate::osm::tag;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What a readable speed limit does on a class of way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TaggedMaxspeed {
    /// The limit sets the pace (roads built for through traffic).
    Replaces,
    /// The limit only caps the class default (layout and people set the pace).
    Caps,
}

/// One row of `data/speeds.csv`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ClassSpeeds {
    /// Van, truck and cargo-bike default speeds in km/h, in [`Profile::ALL`] order; `None`
    /// where the profile never uses the class.
    pub kmh: [Option<f64>; 3],
    /// What a readable `maxspeed` does on this class.
    pub tagged: TaggedMaxspeed,
}

const SPEEDS_CSV: &str = include_str!("../../../data/speeds.csv");

/// The parsed speed table, keyed by way class.
static SPEEDS: LazyLock<BTreeMap<String, ClassSpeeds>> = LazyLock::new(|| parse_speeds(SPEEDS_CSV));

/// Parses the embedded speed table. It ships inside the binary, so a malformed row is a build
/// defect caught by this module's tests, never a user error.
fn parse_speeds(text: &str) -> BTreeMap<String, ClassSpeeds> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            let r = record.expect("data/speeds.csv is valid CSV");
            let cell = |i: usize| -> Option<f64> {
                let text = r[i].trim();
                (!text.is_empty()).then(|| {
                    text.parse()
                        .unwrap_or_else(|_| panic!("data/speeds.csv: bad speed {text:?}"))
                })
            };
            let tagged = match r[4].trim() {
                "replaces" => TaggedMaxspeed::Replaces,
                "caps" => TaggedMaxspeed::Caps,
                other => panic!("data/speeds.csv: tagged_maxspeed {other:?}"),
            };
            let row = ClassSpeeds {
                kmh: [cell(1), cell(2), cell(3)],
                tagged,
            };
            (r[0].trim().to_string(), row)
        })
        .collect()
}

/// The row of `class`, if the table has one.
pub(super) fn class_speeds(class: &str) -> Option<&'static ClassSpeeds> {
    SPEEDS.get(class)
}

/// Every class the table holds, in name order.
#[cfg(test)]
pub(super) fn classes() -> impl Iterator<Item = &'static str> {
    SPEEDS.keys().map(String::as_str)
}

/// Default speed of `profile` on `class`, km/h.
///
/// # Panics
/// When the table lacks the cell: the profile tables only name classes the table fills for
/// that profile, which `tests::every_class_the_tables_name_has_a_speed` checks.
fn class_kmh(profile: Profile, class: &str) -> (f64, TaggedMaxspeed) {
    let row = class_speeds(class)
        .unwrap_or_else(|| panic!("data/speeds.csv has no row for class {class}"));
    let i = Profile::ALL
        .iter()
        .position(|p| *p == profile)
        .expect("every profile is in ALL");
    let kmh = row.kmh[i]
        .unwrap_or_else(|| panic!("data/speeds.csv has no {profile} speed for class {class}"));
    (kmh, row.tagged)
}

/// The travel speed of `profile` on a way of `class` with these tags, km/h (always > 0).
pub(super) fn travel_kmh(profile: Profile, class: &str, tags: &[(String, String)]) -> f64 {
    let (default_kmh, tagged) = class_kmh(profile, class);
    let vehicle = reference_vehicle(profile);
    let limit = signed_limit(profile, tags);
    match (profile, limit) {
        (_, None) => default_kmh,
        (Profile::CargoBike, Some(limit)) => default_kmh.min(limit),
        (_, Some(limit)) => {
            let from_limit = limit.min(vehicle.max_speed_kmh) * vehicle.urban_factor;
            match tagged {
                TaggedMaxspeed::Replaces => from_limit,
                TaggedMaxspeed::Caps => from_limit.min(default_kmh),
            }
        }
    }
}

/// The signed limit that applies to `profile`, km/h: `maxspeed` (trucks: the smaller of it and
/// `maxspeed:hgv`), else the smaller of `maxspeed:forward` and `maxspeed:backward`, else a
/// designation in `maxspeed:type`, `zone:maxspeed` or `source:maxspeed`. `None` when nothing
/// is readable; `maxspeed=none` gives infinity (the vehicle's top speed then applies).
pub(super) fn signed_limit(profile: Profile, tags: &[(String, String)]) -> Option<f64> {
    let read = |key: &str| tag(tags, key).and_then(parse_maxspeed);
    let mut limit = read("maxspeed");
    if profile == Profile::Truck {
        limit = min_option(limit, read("maxspeed:hgv"));
    }
    limit
        .or_else(|| min_option(read("maxspeed:forward"), read("maxspeed:backward")))
        .or_else(|| read("maxspeed:type"))
        .or_else(|| read("zone:maxspeed"))
        .or_else(|| read("source:maxspeed"))
}

fn min_option(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Walking pace, km/h, for `maxspeed=walk` (French "allure du pas").
const WALK_KMH: f64 = 6.0;
/// km per statute mile.
const MILE_KM: f64 = 1.609_344;
/// km per nautical mile.
const NAUTICAL_MILE_KM: f64 = 1.852;

/// Reads a speed limit in km/h.
///
/// Numbers (`30`, `50 km/h`, `50 kmh`, `30 mph`, `5 knots`), `walk`, `none` (infinity),
/// French designations (`FR:urban` 50, `FR:zone30` 30, `FR:zone20` and `FR:living_street` 20,
/// `FR:rural` 80, `FR:expressway` 110, `FR:motorway` 130, `FR:walk`), a number behind a
/// country code (`FR:30`), and for other countries `XX:urban` 50 and `XX:zone30` 30.
/// Lists (`30;50`) give their smallest readable part. `signals`, `variable`, other countries'
/// rural or motorway designations, and numbers outside [`PLAUSIBLE_MAXSPEED_KMH`] are
/// unreadable (`None`): the class default applies.
pub(super) fn parse_maxspeed(value: &str) -> Option<f64> {
    parse_kmh(value).filter(|kmh| PLAUSIBLE_MAXSPEED_KMH.contains(kmh) || kmh.is_infinite())
}

/// Signed limits freightsim believes, km/h: from walking pace-ish 5 km/h (car parks,
/// shared spaces) to 150 km/h (above the highest numeric limit signed anywhere, 140 km/h).
/// Outside it a `maxspeed` is a typo or a unit mistake (`0.0000001`, `1`, `999`): taken
/// literally, `maxspeed=1` would give a van 0.7 km/h.
pub const PLAUSIBLE_MAXSPEED_KMH: std::ops::RangeInclusive<f64> = 5.0..=150.0;

/// True when a speed-limit tag of the way holds a number outside
/// [`PLAUSIBLE_MAXSPEED_KMH`], so that its class default was used instead (counted in the
/// network summary).
pub fn has_implausible_maxspeed(tags: &[(String, String)]) -> bool {
    MAXSPEED_KEYS.iter().any(|key| {
        tag(tags, key).is_some_and(|value| {
            value
                .split(';')
                .filter_map(parse_kmh)
                .any(|kmh| kmh.is_finite() && !PLAUSIBLE_MAXSPEED_KMH.contains(&kmh))
        })
    })
}

/// The tags [`signed_limit`] reads.
const MAXSPEED_KEYS: [&str; 7] = [
    "maxspeed",
    "maxspeed:hgv",
    "maxspeed:forward",
    "maxspeed:backward",
    "maxspeed:type",
    "zone:maxspeed",
    "source:maxspeed",
];

/// [`parse_maxspeed`] without the plausibility filter: any number of km/h, zero included.
fn parse_kmh(value: &str) -> Option<f64> {
    if value.contains(';') {
        return value
            .split(';')
            .filter_map(parse_maxspeed)
            .min_by(f64::total_cmp);
    }
    let value = value.trim();
    match value {
        "none" => return Some(f64::INFINITY),
        "walk" => return Some(WALK_KMH),
        _ => {}
    }
    if let Some((country, zone)) = value.split_once(':') {
        return designation_kmh(country, zone);
    }
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(end);
    let x: f64 = number.parse().ok()?;
    let kmh = match unit.trim() {
        "" | "km/h" | "kmh" | "kph" => x,
        "mph" => x * MILE_KM,
        "knots" => x * NAUTICAL_MILE_KM,
        _ => return None,
    };
    Some(kmh)
}

/// The limit a country's designation stands for, km/h.
fn designation_kmh(country: &str, zone: &str) -> Option<f64> {
    if let Ok(x) = zone.trim().parse::<f64>() {
        return Some(x);
    }
    match (country, zone) {
        // Agglomération: 50 km/h (Code de la route R413-3).
        ("FR", "urban") => Some(50.0),
        // Zone 30 and zone de rencontre (R110-2).
        ("FR", "zone30" | "zone:30") => Some(30.0),
        ("FR", "zone20" | "zone:20" | "living_street") => Some(20.0),
        // Two-way roads outside built-up areas: 80 km/h since 1 July 2018 (R413-2).
        ("FR", "rural") => Some(80.0),
        ("FR", "expressway" | "trunk") => Some(110.0),
        ("FR", "motorway") => Some(130.0),
        ("FR", "walk") => Some(WALK_KMH),
        // Elsewhere only the near-universal European urban and zone-30 values are assumed.
        (_, "urban") => Some(50.0),
        (_, "zone30" | "zone:30") => Some(30.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_table_parses_with_positive_speeds() {
        assert!(classes().count() >= 25);
        for class in classes() {
            let row = class_speeds(class).expect("listed");
            assert!(row.kmh.iter().any(Option::is_some), "{class} is empty");
            for kmh in row.kmh.iter().flatten() {
                assert!(*kmh > 0.0 && *kmh <= 130.0, "{class}: {kmh}");
            }
        }
    }

    #[test]
    fn maxspeed_forms() {
        assert_eq!(parse_maxspeed("30"), Some(30.0));
        assert_eq!(parse_maxspeed("50 km/h"), Some(50.0));
        assert_eq!(parse_maxspeed("FR:urban"), Some(50.0));
        assert_eq!(parse_maxspeed("FR:zone30"), Some(30.0));
        assert_eq!(parse_maxspeed("FR:rural"), Some(80.0));
        assert_eq!(parse_maxspeed("FR:30"), Some(30.0));
        assert_eq!(parse_maxspeed("DE:urban"), Some(50.0));
        assert_eq!(parse_maxspeed("walk"), Some(WALK_KMH));
        assert_eq!(parse_maxspeed("none"), Some(f64::INFINITY));
        assert_eq!(parse_maxspeed("30;50"), Some(30.0));
        let mph = parse_maxspeed("50 mph").expect("mph");
        assert!((mph - 80.4672).abs() < 1e-9);
        for unreadable in [
            "signals", "variable", "DE:rural", "0", "-30", "fast", "", "999",
        ] {
            assert_eq!(parse_maxspeed(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn maxspeed_outside_5_to_150_kmh_falls_back_to_the_class_default() {
        for (value, implausible) in [
            ("0.0000001", true),
            ("1", true),
            ("3 mph", true),
            ("4 mph", false),
            ("FR:2", true),
            ("999", true),
            ("151", true),
            ("5", false),
            ("150", false),
            ("none", false),
            ("signals", false),
            ("30;1", true),
        ] {
            let t = tags(&[("highway", "residential"), ("maxspeed", value)]);
            assert_eq!(has_implausible_maxspeed(&t), implausible, "{value}");
            if implausible && !value.contains(';') {
                assert_eq!(parse_maxspeed(value), None, "{value}");
                assert_eq!(travel_kmh(Profile::Van, "residential", &t), 35.0, "{value}");
            }
        }
    }

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn limit_sources_in_order() {
        let t = tags(&[("maxspeed", "50"), ("maxspeed:hgv", "30")]);
        assert_eq!(signed_limit(Profile::Van, &t), Some(50.0));
        assert_eq!(signed_limit(Profile::Truck, &t), Some(30.0));
        let t = tags(&[("maxspeed:type", "FR:zone30"), ("zone:maxspeed", "FR:50")]);
        assert_eq!(signed_limit(Profile::Van, &t), Some(30.0));
        let t = tags(&[("maxspeed:backward", "30"), ("maxspeed:forward", "50")]);
        assert_eq!(signed_limit(Profile::Van, &t), Some(30.0));
        assert_eq!(signed_limit(Profile::Van, &[]), None);
    }

    #[test]
    fn limit_replaces_on_roads_and_caps_elsewhere() {
        let zone30 = tags(&[("maxspeed", "30")]);
        assert_eq!(travel_kmh(Profile::Van, "residential", &zone30), 21.0);
        assert_eq!(travel_kmh(Profile::Truck, "residential", &zone30), 18.0);
        assert_eq!(travel_kmh(Profile::CargoBike, "residential", &zone30), 15.0);
        assert_eq!(travel_kmh(Profile::Van, "residential", &[]), 35.0);
        let fifty = tags(&[("maxspeed", "50")]);
        assert_eq!(travel_kmh(Profile::Van, "service", &fifty), 20.0);
        let unlimited = tags(&[("maxspeed", "none")]);
        assert_eq!(travel_kmh(Profile::Van, "motorway", &unlimited), 91.0);
        assert_eq!(travel_kmh(Profile::Truck, "motorway", &unlimited), 54.0);
        let walk = tags(&[("maxspeed", "walk")]);
        assert_eq!(travel_kmh(Profile::CargoBike, "cycleway", &walk), WALK_KMH);
    }
}
