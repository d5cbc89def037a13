//! Physical and legal size limits (`maxweight`, `maxheight`, `maxwidth`, `maxlength`) against
//! each profile's reference vehicle from `data/vehicle_dimensions.csv`.
//!
//! # Parsing rule
//! A limit closes the way when the reference vehicle exceeds it strictly (`maxweight=3.5`
//! keeps a 3.5 t van). Accepted forms: a bare number in the key's default unit (tonnes for
//! weights, metres for lengths), a number with a unit (`3.5 t`, `3500 kg`, `7000 lbs`,
//! `3 m`, `350 cm`, `11 ft`, `12'`, `3'6"`, `11'6''`), a decimal comma (`3,5`). `none`,
//! `default`, `unsigned`, `no` and `below_default` mean no limit we can apply. Anything else
//! (`3.5;7`, `2.5 m?`, negative or zero, over 100 t or 100 m) is ignored: a garbled tag should
//! not cut the network, and a human can fix the map once the report shows the route.

use super::Profile;
use crate::osm::tag;
use std::sync::LazyLock;

/// One profile's reference vehicle (a row of `data/vehicle_dimensions.csv`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ReferenceVehicle {
    /// Gross vehicle weight rating (PTAC), tonnes: what a `maxweight` sign limits.
    pub gross_weight_t: f64,
    /// Height with its body, metres.
    pub height_m: f64,
    /// Width without mirrors, metres.
    pub width_m: f64,
    /// Length, metres.
    pub length_m: f64,
    /// Top speed by law or limiter, km/h.
    pub max_speed_kmh: f64,
    /// Factor turning a signed limit into a realistic urban travel speed.
    pub urban_factor: f64,
}

const VEHICLES_CSV: &str = include_str!("../../../data/vehicle_dimensions.csv");

/// The parsed vehicle table, in [`Profile::ALL`] order.
static VEHICLES: LazyLock<[ReferenceVehicle; 3]> = LazyLock::new(|| {
    let rows = parse_vehicles(VEHICLES_CSV);
    Profile::ALL.map(|p| {
        rows.iter()
            .find(|(name, _)| name == p.name())
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("data/vehicle_dimensions.csv has no row for {p}"))
    })
});

/// Parses the embedded vehicle table. The file ships inside the binary, so a malformed row is
/// a build defect caught by this module's tests, never a user error.
fn parse_vehicles(text: &str) -> Vec<(String, ReferenceVehicle)> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            let r = record.expect("data/vehicle_dimensions.csv is valid CSV");
            let num = |i: usize| -> f64 {
                r[i].trim().parse().unwrap_or_else(|_| {
                    panic!("data/vehicle_dimensions.csv: bad number {:?}", &r[i])
                })
            };
            let vehicle = ReferenceVehicle {
                gross_weight_t: num(1),
                height_m: num(2),
                width_m: num(3),
                length_m: num(4),
                max_speed_kmh: num(5),
                urban_factor: num(6),
            };
            (r[0].trim().to_string(), vehicle)
        })
        .collect()
}

/// The reference vehicle of `profile`.
pub(super) fn reference_vehicle(profile: Profile) -> &'static ReferenceVehicle {
    let i = Profile::ALL
        .iter()
        .position(|p| *p == profile)
        .expect("every profile is in ALL");
    &VEHICLES[i]
}

/// True when the reference vehicle of `profile` fits every readable size limit of the way.
///
/// Heights and widths also read the `:physical` variants (a bridge's measured clearance); the
/// smaller value counts. Trucks also obey `maxweight:hgv`. A weight limit lifted for
/// deliveries by its `:conditional` (see [`lifted_for_deliveries`]) does not count; one lifted
/// by the hour does (hours are not modelled, so the limit is kept). Axle loads
/// (`maxaxleload`) are not checked: the reference vehicles carry no axle data.
pub(super) fn fits(profile: Profile, tags: &[(String, String)]) -> bool {
    let v = reference_vehicle(profile);
    let mut weight_keys = vec!["maxweight", "maxweightrating"];
    if profile == Profile::Truck {
        weight_keys.push("maxweight:hgv");
    }
    let below = |keys: &[&str], parse: fn(&str) -> Limit, size: f64| {
        keys.iter().all(|key| match tag(tags, key).map(parse) {
            Some(Limit::Value(limit)) => size <= limit,
            _ => true,
        })
    };
    let weight_ok = weight_keys.iter().all(|key| {
        below(&[key], parse_weight_t, v.gross_weight_t)
            || lifted_for_deliveries(tags, key, v.gross_weight_t)
    });
    weight_ok
        && below(
            &["maxheight", "maxheight:physical"],
            parse_length_m,
            v.height_m,
        )
        && below(
            &["maxwidth", "maxwidth:physical"],
            parse_length_m,
            v.width_m,
        )
        && below(&["maxlength"], parse_length_m, v.length_m)
}

/// True when `KEY:conditional` lifts the weight limit for deliveries: the French "3,5 t sauf
/// desserte" or "sauf livraisons" sign, mapped `maxweight:conditional=none @ delivery` (or
/// `@ destination`, or a limit the vehicle meets). Every trip we simulate is a delivery.
/// Height, width and length limits are physical and never lifted.
fn lifted_for_deliveries(tags: &[(String, String)], key: &str, gross_weight_t: f64) -> bool {
    let Some(rules) = tag(tags, &format!("{key}:conditional")) else {
        return false;
    };
    rules.split(';').any(|rule| {
        let Some((value, condition)) = rule.split_once('@') else {
            return false;
        };
        let condition = condition
            .trim()
            .trim_matches(|c| c == '(' || c == ')')
            .trim();
        let for_us = matches!(condition, "delivery" | "destination");
        let permits = match parse_weight_t(value) {
            Limit::Unlimited => true,
            Limit::Value(limit) => gross_weight_t <= limit,
            Limit::Unreadable => false,
        };
        for_us && permits
    })
}

/// A size limit read from a tag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Limit {
    /// A limit, in tonnes or metres according to the key.
    Value(f64),
    /// Explicitly no limit (`none`, `default`, ...).
    Unlimited,
    /// Unreadable: ignored.
    Unreadable,
}

/// Words meaning "no limit we can apply".
fn is_no_limit(value: &str) -> bool {
    matches!(
        value,
        "none" | "default" | "unsigned" | "no" | "below_default" | "unrestricted"
    )
}

/// Splits `"3.5 t"` into `(3.5, "t")`, accepting a decimal comma.
fn number_and_unit(value: &str) -> Option<(f64, &str)> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(end);
    let number: f64 = number.replace(',', ".").parse().ok()?;
    Some((number, unit.trim()))
}

/// Keeps plausible positive values, below `max`.
fn plausible(x: f64, max: f64) -> Limit {
    if x.is_finite() && x > 0.0 && x <= max {
        Limit::Value(x)
    } else {
        Limit::Unreadable
    }
}

/// Reads a weight limit in tonnes (`3.5`, `3.5 t`, `3500 kg`, `7000 lbs`, `none`).
pub(super) fn parse_weight_t(value: &str) -> Limit {
    let value = value.trim();
    if is_no_limit(value) {
        return Limit::Unlimited;
    }
    let Some((x, unit)) = number_and_unit(value) else {
        return Limit::Unreadable;
    };
    let tonnes = match unit {
        "" | "t" | "T" => x,
        "kg" => x / 1000.0,
        "lbs" | "lb" => x * 0.000_453_592_37,
        "st" => x * 0.907_184_74, // US short tons
        _ => return Limit::Unreadable,
    };
    plausible(tonnes, 100.0)
}

/// Reads a length limit in metres (`3`, `3 m`, `350 cm`, `11 ft`, `12'`, `3'6"`, `none`).
pub(super) fn parse_length_m(value: &str) -> Limit {
    const FOOT_M: f64 = 0.3048;
    const INCH_M: f64 = 0.0254;
    let value = value.trim();
    if is_no_limit(value) {
        return Limit::Unlimited;
    }
    let Some((x, unit)) = number_and_unit(value) else {
        return Limit::Unreadable;
    };
    let metres = match unit {
        "" | "m" => x,
        "cm" => x / 100.0,
        "ft" | "'" => x * FOOT_M,
        _ => match parse_inches_after_feet(unit) {
            Some(inches) => x * FOOT_M + inches * INCH_M,
            None => return Limit::Unreadable,
        },
    };
    plausible(metres, 100.0)
}

/// Reads the `6"` of `3'6"` (or `6''`), given the text after the feet number.
fn parse_inches_after_feet(rest: &str) -> Option<f64> {
    let rest = rest.strip_prefix('\'')?.trim();
    let digits = rest
        .strip_suffix("''")
        .or_else(|| rest.strip_suffix('"'))?
        .trim();
    let inches: f64 = digits.parse().ok()?;
    (0.0..12.0).contains(&inches).then_some(inches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vehicle_table_has_a_plausible_row_per_profile() {
        for p in Profile::ALL {
            let v = reference_vehicle(p);
            assert!(v.gross_weight_t > 0.0 && v.height_m > 0.0, "{p}");
            assert!(v.width_m > 0.0 && v.length_m > 0.0, "{p}");
            assert!(v.max_speed_kmh > 0.0, "{p}");
            assert!(v.urban_factor > 0.0 && v.urban_factor <= 1.0, "{p}");
        }
        assert_eq!(reference_vehicle(Profile::Truck).gross_weight_t, 12.0);
        assert_eq!(reference_vehicle(Profile::Van).gross_weight_t, 3.5);
    }

    #[test]
    fn weights_in_every_unit() {
        assert_eq!(parse_weight_t("3.5"), Limit::Value(3.5));
        assert_eq!(parse_weight_t("3.5 t"), Limit::Value(3.5));
        assert_eq!(parse_weight_t("7t"), Limit::Value(7.0));
        assert_eq!(parse_weight_t("3,5"), Limit::Value(3.5));
        assert_eq!(parse_weight_t("3500 kg"), Limit::Value(3.5));
        let Limit::Value(lbs) = parse_weight_t("10000 lbs") else {
            panic!("lbs unread");
        };
        assert!((lbs - 4.535_923_7).abs() < 1e-9);
        assert_eq!(parse_weight_t("none"), Limit::Unlimited);
        assert_eq!(parse_weight_t("default"), Limit::Unlimited);
    }

    #[test]
    fn lengths_in_metres_feet_and_inches() {
        assert_eq!(parse_length_m("3"), Limit::Value(3.0));
        assert_eq!(parse_length_m("3 m"), Limit::Value(3.0));
        assert_eq!(parse_length_m("2.8m"), Limit::Value(2.8));
        assert_eq!(parse_length_m("350 cm"), Limit::Value(3.5));
        let close = |value: &str, want: f64| match parse_length_m(value) {
            Limit::Value(m) => assert!((m - want).abs() < 1e-9, "{value}: {m}"),
            other => panic!("{value}: {other:?}"),
        };
        close("12'", 3.6576);
        close("12 ft", 3.6576);
        close("3'6\"", 1.0668);
        close("11'6''", 3.5052);
        assert_eq!(parse_length_m("none"), Limit::Unlimited);
    }

    #[test]
    fn garbage_is_ignored_not_fatal() {
        for bad in [
            "",
            "x",
            "3.5;7",
            "-2",
            "0",
            "1e9",
            "3'14\"",
            "3 furlongs",
            "2.5 m?",
            ".",
        ] {
            assert_eq!(parse_length_m(bad), Limit::Unreadable, "{bad}");
            assert_eq!(parse_weight_t(bad), Limit::Unreadable, "{bad}");
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
    fn limits_close_only_vehicles_that_exceed_them() {
        let light = tags(&[("maxweight", "3.5")]);
        assert!(fits(Profile::Van, &light));
        assert!(!fits(Profile::Truck, &light));
        let low = tags(&[("maxheight", "2.8")]);
        assert!(fits(Profile::Van, &low));
        assert!(!fits(Profile::Truck, &low));
        let car_park = tags(&[("maxheight:physical", "1.9"), ("maxheight", "2.1")]);
        assert!(!fits(Profile::Van, &car_park));
        assert!(fits(Profile::CargoBike, &tags(&[("maxheight", "2.0")])));
        assert!(!fits(Profile::Truck, &tags(&[("maxweight:hgv", "7.5")])));
        assert!(fits(Profile::Van, &tags(&[("maxweight:hgv", "7.5")])));
        assert!(!fits(Profile::Truck, &tags(&[("maxlength", "8")])));
        assert!(!fits(Profile::CargoBike, &tags(&[("maxwidth", "0.8")])));
        assert!(fits(Profile::Truck, &tags(&[("maxweight", "garbage")])));
        let desserte = tags(&[
            ("maxweight", "3.5"),
            ("maxweight:conditional", "none @ destination"),
        ]);
        assert!(fits(Profile::Truck, &desserte));
        let hours = tags(&[
            ("maxweight", "3.5"),
            ("maxweight:conditional", "none @ (Mo-Fr 06:00-11:00)"),
        ]);
        assert!(!fits(Profile::Truck, &hours));
        let low_bridge = tags(&[
            ("maxheight", "3"),
            ("maxheight:conditional", "none @ delivery"),
        ]);
        assert!(!fits(Profile::Truck, &low_bridge));
    }
}
