//! The data tables a scenario uses: vehicle types, B2B activity classes, OSM tags to site
//! kinds, and e-commerce parameters. Each comes from `data/` (embedded in the binary) unless
//! the scenario names a file of its own. Every row carries a `source` column; a table
//! without one, or a row with an impossible value, is an issue with its file and line.

use super::error::Issue;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The embedded tables, as shipped in `data/`.
pub(crate) mod embedded {
    pub const VEHICLES: &str = include_str!("../../data/vehicles.csv");
    pub const ACTIVITIES: &str = include_str!("../../data/demand/activities.csv");
    pub const OSM_SITES: &str = include_str!("../../data/demand/osm_sites.csv");
    pub const HOME_BUILDINGS: &str = include_str!("../../data/demand/home_buildings.csv");
    pub const ECOMMERCE: &str = include_str!("../../data/demand/ecommerce.csv");
    pub const WEEKDAYS: &str = include_str!("../../data/demand/weekdays.csv");
    pub const PRIZE_MODEL: &str = include_str!("../../data/dispatch/prize_model.csv");
    pub const EMISSION_FACTORS: &str = include_str!("../../data/emissions/emission_factors.csv");
    pub const ENERGY_CARRIERS: &str = include_str!("../../data/emissions/energy_carriers.csv");
    pub const FACTOR_VARIANTS: &str = include_str!("../../data/emissions/factor_variants.csv");
    pub const PUBLIC_SITES: &str = include_str!("../../data/demand/public_sites.csv");
    pub const PUBLIC_FLOWS: &str = include_str!("../../data/demand/public_flows.csv");
    pub const SPEED_PROFILES: &str = include_str!("../../data/speed_profiles.csv");
    pub const SPEED_CURVES: &str = include_str!("../../data/emissions/speed_curves.csv");

    /// A fingerprint of every table above: results computed with other shipped tables (a
    /// refitted prize model, new factors) carry another, so cached results can tell.
    pub fn fingerprint() -> String {
        crate::measure::cohort::fnv1a(&[
            VEHICLES,
            ACTIVITIES,
            OSM_SITES,
            HOME_BUILDINGS,
            ECOMMERCE,
            WEEKDAYS,
            PRIZE_MODEL,
            EMISSION_FACTORS,
            ENERGY_CARRIERS,
            FACTOR_VARIANTS,
            PUBLIC_SITES,
            PUBLIC_FLOWS,
            SPEED_PROFILES,
            SPEED_CURVES,
        ])
    }
}

/// A table's text and the name to give it in messages.
pub(crate) struct TableText {
    pub name: String,
    pub text: String,
}

impl TableText {
    /// The file at `path`, or the embedded table `embedded` (named `data/<default_name>`).
    pub fn load(
        path: Option<&Path>,
        embedded: &str,
        default_name: &str,
        field: &str,
        issues: &mut Vec<Issue>,
    ) -> Option<TableText> {
        match path {
            None => Some(TableText {
                name: format!("data/{default_name} (embedded)"),
                text: embedded.to_owned(),
            }),
            Some(p) => match std::fs::read_to_string(p) {
                Ok(text) => Some(TableText {
                    name: p.display().to_string(),
                    text,
                }),
                Err(e) => {
                    issues.push(Issue::new(
                        field,
                        format!("cannot read {}: {e}", p.display()),
                        "give the path of a CSV file, relative to the scenario file",
                    ));
                    None
                }
            },
        }
    }
}

/// One vehicle type of `data/vehicles.csv`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct VehicleSpec {
    /// Name used in scenario fleets.
    pub vehicle: String,
    /// Vehicle class in reports and zone rules (van, rigid_12t, cargo_bike …).
    pub class: String,
    /// Road network profile: `van`, `truck` or `cargo_bike`.
    pub profile: String,
    /// Gross vehicle weight, kg (zone rules by weight).
    pub gross_weight_kg: f64,
    /// Payload, kg.
    pub payload_kg: f64,
    /// Parcels it carries.
    pub parcels: u32,
    /// Time to park and walk to a site, charged once per stop, s.
    pub stop_time_s: f64,
    /// Handling time per parcel, s.
    pub handling_s_per_parcel: f64,
    /// Range per day (battery), km; empty: unlimited.
    pub range_km: Option<f64>,
    /// Most trips in a working day.
    pub max_trips: u32,
    /// Fixed cost of a vehicle used on a day, EUR.
    pub fixed_eur_per_day: f64,
    /// Cost per km, EUR.
    pub eur_per_km: f64,
    /// Cost per hour of route, EUR (the driver).
    pub eur_per_hour: f64,
    /// An `emission_class` of `data/emissions/emission_factors.csv`.
    pub emission_class: String,
    /// Where the numbers come from.
    pub source: String,
    /// Confidence tag.
    pub confidence: String,
}

/// One B2B activity class of `data/demand/activities.csv`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Activity {
    /// Name, matched by `site_kind` of the OSM table.
    pub activity: String,
    /// FRETURB ST45 class it stands for.
    pub st45_class: String,
    /// Movement function: `R` (a·E), `L` (a·E + b), `G` (a·ln E + b), `G0` (a·ln E).
    pub form: String,
    /// Coefficient a.
    pub a: f64,
    /// Coefficient b.
    pub b: f64,
    /// Employees assumed per establishment (E).
    pub employees: f64,
    /// FRETURB ST8 correction factor applied to the movement function (FRETURB-light V2).
    pub st8_factor: f64,
    /// Share of movements that are deliveries (the rest are pickups, not simulated).
    pub delivery_share: f64,
    /// Order category of its deliveries.
    pub category: String,
    /// Mean kg per delivery.
    pub kg_mean: f64,
    /// Mean parcels per delivery.
    pub parcels_mean: f64,
    /// Receiving hours, `HH:MM`.
    pub receive_open: String,
    /// Receiving hours, `HH:MM`.
    pub receive_close: String,
    /// Where the numbers come from.
    pub source: String,
    /// Confidence tag.
    pub confidence: String,
}

impl Activity {
    /// Weekly movements (deliveries and pickups) of one establishment: the movement function
    /// of its employees times the ST8 correction factor.
    pub fn weekly_movements(&self) -> f64 {
        let e = self.employees;
        let m = match self.form.as_str() {
            "R" => self.a * e,
            "L" => self.a * e + self.b,
            "G" => self.a * e.ln() + self.b,
            _ => self.a * e.ln(),
        };
        (m * self.st8_factor).max(0.0)
    }
}

/// One row of `data/demand/osm_sites.csv`: a tag and the kind of site it makes.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct OsmSiteRule {
    /// OSM key.
    pub key: String,
    /// OSM value, or `*` for any value.
    pub value: String,
    /// An activity of the activities table, `home` or `pickup`.
    pub site_kind: String,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// One row of `data/demand/home_buildings.csv`: whether a tag makes a building a home.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct HomeBuildingRule {
    /// OSM key: `building`, `landuse`, or a key that rules a building out (`man_made` …).
    pub key: String,
    /// OSM value, `*` for any value, or `(none)` (key `landuse` only) for no mapped land use.
    pub value: String,
    /// `yes`, `no`, or `landuse` (key `building` only: the land use decides).
    pub home: String,
    /// Why.
    pub reasoning: String,
}

/// Checks the home buildings table row by row.
pub(crate) fn check_home_buildings(
    rows: &[HomeBuildingRule],
    table: &str,
    issues: &mut Vec<Issue>,
) {
    let field = "tables.home_buildings";
    for (i, r) in rows.iter().enumerate() {
        let at = |what: &str| format!("{table} row {} ({}={}): {what}", i + 1, r.key, r.value);
        let ok = match r.home.as_str() {
            "yes" => r.key == "building" || r.key == "landuse",
            "no" => true,
            "landuse" => r.key == "building",
            _ => false,
        };
        if !ok {
            issues.push(Issue::new(
                field,
                at(&format!("home `{}` does not fit the key", r.home)),
                "use yes or no (yes only for building or landuse keys), or landuse for a building value whose land use decides",
            ));
        }
        if r.value == "(none)" && r.key != "landuse" {
            issues.push(Issue::new(
                field,
                at("`(none)` is a land-use value"),
                "use (none) only with the landuse key",
            ));
        }
        if r.reasoning.trim().is_empty() {
            issues.push(Issue::new(
                field,
                at("the reasoning is empty"),
                "say why the tag makes (or does not make) a home, or mark it [assumption]",
            ));
        }
    }
}

/// The e-commerce parameters of `data/demand/ecommerce.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct EcommerceParams {
    /// B2C parcels per inhabitant per year.
    pub parcels_per_inhabitant_year: f64,
    /// Share delivered at home (the rest to a pickup point, when the map has one).
    pub home_delivery_share: f64,
    /// Mean kg per parcel.
    pub kg_per_parcel_mean: f64,
    /// Mean parcels per order (1 + Poisson(mean − 1)).
    pub parcels_per_order_mean: f64,
    /// Share of home deliveries whose first attempt fails.
    pub failed_first_attempt_rate: f64,
    /// Home receiving hours, seconds from midnight.
    pub receive_open_s: f64,
    /// Home receiving hours, seconds from midnight.
    pub receive_close_s: f64,
    /// Levels of a building that does not say.
    pub levels_default: f64,
    /// m² of home floor (footprint × levels) per inhabitant, to derive the inhabitants.
    pub floor_m2_per_inhabitant: f64,
    /// Where `floor_m2_per_inhabitant` comes from.
    pub floor_m2_per_inhabitant_source: String,
    /// The published ratio B2B demand is checked against: movements per job per week.
    pub movements_per_job_week_published: f64,
    /// Where it comes from.
    pub movements_per_job_week_source: String,
    /// Where `parcels_per_inhabitant_year` comes from.
    pub parcels_per_inhabitant_year_source: String,
}

#[derive(Deserialize)]
struct ParamRow {
    parameter: String,
    value: String,
    #[allow(dead_code)]
    unit: String,
    source: String,
}

/// Reads a CSV table of `T` rows; each bad row is an issue naming the table and line.
pub(crate) fn read_rows<T: for<'de> Deserialize<'de>>(
    table: &TableText,
    field: &str,
    issues: &mut Vec<Issue>,
) -> Vec<T> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(table.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.deserialize::<T>() {
        match record {
            Ok(row) => rows.push(row),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                issues.push(Issue::new(
                    field,
                    format!("{} line {line}: {e}", table.name),
                    "fix the row: every column of the table's header, numbers where numbers go",
                ));
            }
        }
    }
    if rows.is_empty() && issues.is_empty() {
        issues.push(Issue::new(
            field,
            format!("{} has no row", table.name),
            "give at least one row under the header",
        ));
    }
    rows
}

/// Reads a CSV table of `T` rows with the line each starts on (lines starting with `#` are
/// comments); each bad row is an issue naming the table and line, with `fix` as the remedy.
pub(crate) fn read_rows_at<T: for<'de> Deserialize<'de>>(
    table: &TableText,
    field: &str,
    fix: &str,
    issues: &mut Vec<Issue>,
) -> Vec<(u64, T)> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(table.text.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let mut rows = Vec::new();
    for record in reader.records() {
        let parsed = record.and_then(|r| {
            let line = r.position().map_or(0, |p| p.line());
            r.deserialize::<T>(Some(&headers)).map(|row| (line, row))
        });
        match parsed {
            Ok(x) => rows.push(x),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                issues.push(Issue::new(
                    field,
                    format!("{} line {line}: {e}", table.name),
                    fix,
                ));
            }
        }
    }
    rows
}

/// One row of `data/demand/weekdays.csv`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub(crate) struct WeekdayRow {
    weekday: String,
    b2b_share: f64,
    ecommerce_share: f64,
    source: String,
}

/// Reads the weekday table: per weekday (Monday first) the share of a week's B2B movements
/// and of a week's e-commerce orders placed on it.
pub(crate) fn read_weekdays(table: &TableText, issues: &mut Vec<Issue>) -> [(f64, f64); 7] {
    let field = "tables.weekdays";
    let rows: Vec<WeekdayRow> = read_rows(table, field, issues);
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut out = [(0.0, 0.0); 7];
    for (k, name) in names.iter().enumerate() {
        match rows.iter().find(|r| r.weekday == *name) {
            Some(r)
                if r.b2b_share >= 0.0
                    && r.ecommerce_share >= 0.0
                    && !r.source.trim().is_empty() =>
            {
                out[k] = (r.b2b_share, r.ecommerce_share);
            }
            _ => issues.push(Issue::new(
                field,
                format!("{}: no valid row for `{name}`", table.name),
                "give each weekday one row with shares of 0 or more and a source",
            )),
        }
    }
    let e: f64 = out.iter().map(|s| s.1).sum();
    if (e - 1.0).abs() > 1e-3 {
        issues.push(Issue::new(
            field,
            format!("{}: e-commerce shares sum to {e}", table.name),
            "make the week's shares sum to 1",
        ));
    }
    out
}

#[derive(Deserialize)]
struct PrizeRow {
    parameter: String,
    value: f64,
    source: String,
}

/// Reads the prize model table: `prize_base`, `prize_urgency`, `prize_density`, `drop_share`.
pub(crate) fn read_prize_model(table: &TableText, issues: &mut Vec<Issue>) -> [f64; 4] {
    let field = "tables.prize_model";
    let rows: Vec<PrizeRow> = read_rows(table, field, issues);
    let names = ["prize_base", "prize_urgency", "prize_density", "drop_share"];
    let mut out = [0.0; 4];
    for (k, name) in names.iter().enumerate() {
        match rows.iter().find(|r| r.parameter == *name) {
            Some(r) if r.value.is_finite() && r.value >= 0.0 && !r.source.trim().is_empty() => {
                out[k] = r.value;
            }
            _ => issues.push(Issue::new(
                field,
                format!("{}: no valid row for `{name}`", table.name),
                "give it a value of 0 or more and a source",
            )),
        }
    }
    out
}

/// Parses `HH:MM` into seconds from midnight (24:00 allowed).
pub fn parse_clock(text: &str) -> Option<f64> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then(|| f64::from(h * 3600 + m * 60))
}

/// Checks the vehicles table row by row.
pub(crate) fn check_vehicles(rows: &[VehicleSpec], table: &str, issues: &mut Vec<Issue>) {
    for (i, v) in rows.iter().enumerate() {
        let at = |what: &str| format!("{table} row {} ({}): {what}", i + 1, v.vehicle);
        let field = "tables.vehicles";
        if !["van", "truck", "cargo_bike"].contains(&v.profile.as_str()) {
            issues.push(Issue::new(
                field,
                at(&format!("profile `{}` is unknown", v.profile)),
                "use van, truck or cargo_bike",
            ));
        }
        use super::limits as lim;
        let count = f64::from(lim::MAX_VEHICLE_COUNT);
        let positive = [
            ("gross_weight_kg", v.gross_weight_kg, lim::MAX_VEHICLE_KG),
            ("payload_kg", v.payload_kg, lim::MAX_VEHICLE_KG),
            ("parcels", f64::from(v.parcels), count),
            ("max_trips", f64::from(v.max_trips), count),
        ];
        for (name, x, hi) in positive {
            if !(x.is_finite() && x > 0.0 && x <= hi) {
                issues.push(Issue::new(
                    field,
                    at(&format!("{name} is {}", lim::show(x))),
                    format!("give a number above 0 and at most {hi} (docs/scenario.md, Ranges)"),
                ));
            }
        }
        let non_negative = [
            ("stop_time_s", v.stop_time_s, lim::MAX_SECONDS),
            (
                "handling_s_per_parcel",
                v.handling_s_per_parcel,
                lim::MAX_SECONDS,
            ),
            ("fixed_eur_per_day", v.fixed_eur_per_day, lim::MAX_EUR),
            ("eur_per_km", v.eur_per_km, lim::MAX_EUR_PER_KM),
            ("eur_per_hour", v.eur_per_hour, lim::MAX_EUR_PER_HOUR),
            ("range_km", v.range_km.unwrap_or(1.0), lim::MAX_RANGE_KM),
        ];
        for (name, x, hi) in non_negative {
            if !lim::within(x, 0.0, hi) {
                issues.push(Issue::new(
                    field,
                    at(&format!("{name} is {}", lim::show(x))),
                    format!(
                        "give a number from 0 to {hi} (docs/scenario.md, Ranges: above, a run's \
                         totals overflow)"
                    ),
                ));
            }
        }
        if v.source.trim().is_empty() {
            issues.push(Issue::new(
                field,
                at("the source is empty"),
                "say where the numbers come from, or mark them [assumption]",
            ));
        }
        if rows[..i].iter().any(|w| w.vehicle == v.vehicle) {
            issues.push(Issue::new(
                field,
                at("the name is used by an earlier row"),
                "give each vehicle type its own name",
            ));
        }
    }
}

/// Checks the activities table row by row.
pub(crate) fn check_activities(rows: &[Activity], table: &str, issues: &mut Vec<Issue>) {
    let field = "tables.activities";
    for (i, a) in rows.iter().enumerate() {
        let at = |what: &str| format!("{table} row {} ({}): {what}", i + 1, a.activity);
        if !["R", "L", "G", "G0"].contains(&a.form.as_str()) {
            issues.push(Issue::new(
                field,
                at(&format!("form `{}` is unknown", a.form)),
                "use R (a·E), L (a·E + b), G (a·ln E + b) or G0 (a·ln E)",
            ));
        }
        if !(a.employees.is_finite() && a.employees >= 1.0) {
            issues.push(Issue::new(
                field,
                at(&format!("employees is {}", a.employees)),
                "give at least 1",
            ));
        }
        if !(a.st8_factor.is_finite() && a.st8_factor > 0.0) {
            issues.push(Issue::new(
                field,
                at(&format!("st8_factor is {}", a.st8_factor)),
                "give a positive factor (1: the movement function as it is)",
            ));
        }
        if !(0.0..=1.0).contains(&a.delivery_share) {
            issues.push(Issue::new(
                field,
                at(&format!("delivery_share is {}", a.delivery_share)),
                "give a share between 0 and 1",
            ));
        }
        for (name, x) in [("kg_mean", a.kg_mean), ("parcels_mean", a.parcels_mean)] {
            if !(x.is_finite() && x > 0.0) {
                issues.push(Issue::new(
                    field,
                    at(&format!("{name} is {x}")),
                    "give a positive number",
                ));
            }
        }
        match (parse_clock(&a.receive_open), parse_clock(&a.receive_close)) {
            (Some(o), Some(c)) if o < c => {}
            _ => issues.push(Issue::new(
                field,
                at(&format!(
                    "receiving hours `{}`-`{}` are not a window",
                    a.receive_open, a.receive_close
                )),
                "give HH:MM times, opening before closing",
            )),
        }
        if a.source.trim().is_empty() {
            issues.push(Issue::new(
                field,
                at("the source is empty"),
                "say where the numbers come from, or mark them [assumption]",
            ));
        }
    }
}

/// Reads the e-commerce key–value table.
pub(crate) fn read_ecommerce(table: &TableText, issues: &mut Vec<Issue>) -> EcommerceParams {
    let field = "tables.ecommerce";
    let rows: Vec<ParamRow> = read_rows(table, field, issues);
    let source = |name: &str| -> String {
        rows.iter()
            .find(|r| r.parameter == name)
            .map_or_else(String::new, |r| r.source.clone())
    };
    let mut get = |name: &str, clock: bool, range: (f64, f64)| -> f64 {
        let Some(row) = rows.iter().find(|r| r.parameter == name) else {
            issues.push(Issue::new(
                field,
                format!("{}: parameter `{name}` is missing", table.name),
                "add a row for it",
            ));
            return 0.0;
        };
        let value = if clock {
            parse_clock(&row.value)
        } else {
            row.value.parse::<f64>().ok()
        };
        match value {
            Some(v) if v >= range.0 && v <= range.1 && !row.source.trim().is_empty() => v,
            _ => {
                issues.push(Issue::new(
                    field,
                    format!(
                        "{}: `{name}` = `{}` is not a value from {} to {} with a source",
                        table.name, row.value, range.0, range.1
                    ),
                    "give a value in range and a source",
                ));
                0.0
            }
        }
    };
    EcommerceParams {
        parcels_per_inhabitant_year: get("parcels_per_inhabitant_year", false, (0.0, 1e4)),
        home_delivery_share: get("home_delivery_share", false, (0.0, 1.0)),
        kg_per_parcel_mean: get("kg_per_parcel_mean", false, (0.001, 1e4)),
        parcels_per_order_mean: get("parcels_per_order_mean", false, (1.0, 100.0)),
        failed_first_attempt_rate: get("failed_first_attempt_rate", false, (0.0, 1.0)),
        receive_open_s: get("receive_open", true, (0.0, 86_400.0)),
        receive_close_s: get("receive_close", true, (0.0, 86_400.0)),
        levels_default: get("levels_default", false, (1.0, 200.0)),
        floor_m2_per_inhabitant: get("floor_m2_per_inhabitant", false, (1.0, 1e4)),
        floor_m2_per_inhabitant_source: source("floor_m2_per_inhabitant"),
        movements_per_job_week_published: get("movements_per_job_week", false, (0.0, 1e4)),
        movements_per_job_week_source: source("movements_per_job_week"),
        parcels_per_inhabitant_year_source: source("parcels_per_inhabitant_year"),
    }
}

/// Resolves `path` relative to the directory of the scenario file.
pub(crate) fn resolve(dir: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        dir.join(path)
    }
}
