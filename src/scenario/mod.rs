//! `scenario`: a TOML file becomes a validated [`Scenario`], every problem reported at once
//! with its field path.
//!
//! Reading has three steps: the TOML is parsed into [`config::ScenarioConfig`] (a syntax error
//! or a value of the wrong type stops there, with its line and column; unknown fields are
//! collected, not fatal yet); the data tables are loaded (embedded ones unless the scenario
//! names its own); then [`validate`] checks every value and cross-reference and returns
//! either a [`Scenario`] or every [`Issue`] found. Paths inside a scenario are relative to the
//! scenario file. Every field and its default is in `docs/scenario.md`.

pub mod config;
mod error;
pub mod limits;
pub mod public_tables;
pub mod speed_profiles;
pub mod tables;
mod validate;

pub use error::{Issue, ScenarioError};
pub use public_tables::{PublicFlow, PublicSiteRule};
pub use tables::{
    Activity, EcommerceParams, HomeBuildingRule, OsmSiteRule, VehicleSpec, parse_clock,
};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The category of e-commerce parcels (the other categories come from the activities table).
pub const PARCEL: &str = "parcel";

/// A lead-time rule: an order counting as placed on day d may be delivered from the
/// `min_days`-th to the `max_days`-th delivering day after d (0: d itself, when delivering).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadTimeRule {
    /// Name for reports (`24h`, `48h`, `72h`, `min48h`, `same_day`, or `d{min}-{max}`).
    pub name: String,
    /// First delivering day allowed.
    pub min_days: u32,
    /// Last delivering day allowed.
    pub max_days: u32,
}

impl LeadTimeRule {
    /// The named rules of the glossary.
    pub fn named(name: &str) -> Option<LeadTimeRule> {
        let (min_days, max_days) = match name {
            "same_day" => (0, 0),
            "24h" => (1, 1),
            "48h" => (1, 2),
            "72h" => (1, 3),
            "min48h" => (2, 3),
            _ => return None,
        };
        Some(LeadTimeRule {
            name: name.into(),
            min_days,
            max_days,
        })
    }
}

/// The days simulated.
#[derive(Clone, Debug, PartialEq)]
pub struct Horizon {
    /// First calendar day.
    pub start: jiff::civil::Date,
    /// Calendar days on which orders are placed.
    pub days: u32,
    /// `delivering[w]`: carriers deliver on weekday `w` (0 = Monday).
    pub delivering: [bool; 7],
    /// First days left out of the results.
    pub warm_up_days: u32,
    /// Days the warm-up was raised by to cover the longest delivery window (0: as written).
    pub warm_up_extended_by: u32,
    /// Orders placed after this time of day count as placed the next day, seconds.
    pub cutoff_s: f64,
}

impl Horizon {
    /// The calendar date of day `d` (0 = start).
    pub fn date(&self, d: u32) -> jiff::civil::Date {
        self.start
            .checked_add(jiff::Span::new().days(i64::from(d)))
            .expect("a horizon of at most a few years")
    }

    /// True when carriers deliver on day `d`.
    pub fn is_delivering(&self, d: u32) -> bool {
        let w = self.date(d).weekday().to_monday_zero_offset() as usize;
        self.delivering[w]
    }

    /// The `k`-th delivering day after day `d` (`k` = 0: `d` itself if delivering, else the
    /// next delivering day).
    pub fn nth_delivering_after(&self, d: u32, k: u32) -> u32 {
        let mut day = d;
        let mut left = k;
        if left == 0 {
            while !self.is_delivering(day) {
                day += 1;
            }
            return day;
        }
        while left > 0 {
            day += 1;
            if self.is_delivering(day) {
                left -= 1;
            }
        }
        day
    }
}

/// Demand settings.
#[derive(Clone, Debug, PartialEq)]
pub struct DemandSettings {
    /// Inhabitants of the area; `None`: derived from the homes' floor area (see
    /// [`crate::demand::inhabitants`]).
    pub inhabitants: Option<f64>,
    /// Generate B2B orders.
    pub b2b: bool,
    /// Generate e-commerce parcels.
    pub ecommerce: bool,
    /// Multiplier on B2B rates.
    pub b2b_scale: f64,
    /// Multiplier on the e-commerce rate.
    pub ecommerce_scale: f64,
    /// Real orders instead of generated ones.
    pub orders_csv: Option<PathBuf>,
    /// Farther from every road of a profile than this, a site is not served by that profile.
    pub max_snap_m: f64,
    /// The public buyer's sites and flows are on.
    pub public: bool,
    /// At most this many orders a week per site and groupable public flow.
    pub public_orders_per_week: Option<u32>,
}

/// The batching policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PolicyKind {
    /// Every eligible order goes today: today's practice.
    Immediate,
    /// Only orders whose window closes today.
    Lazy,
    /// Mandatory orders, and each optional one with a fixed probability.
    Random,
    /// One prize-collecting solve: optional orders go when their prize pays for them.
    Consolidate,
}

impl PolicyKind {
    /// Every policy, in report order.
    pub const ALL: [PolicyKind; 4] = [
        PolicyKind::Immediate,
        PolicyKind::Lazy,
        PolicyKind::Random,
        PolicyKind::Consolidate,
    ];

    /// Name in files and reports.
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Immediate => "immediate",
            PolicyKind::Lazy => "lazy",
            PolicyKind::Random => "random",
            PolicyKind::Consolidate => "consolidate",
        }
    }

    /// The policy of that name.
    pub fn from_name(name: &str) -> Option<PolicyKind> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Dispatch settings.
#[derive(Clone, Debug, PartialEq)]
pub struct DispatchSettings {
    /// The policy.
    pub policy: PolicyKind,
    /// `random`: probability an optional order goes today.
    pub random_share: f64,
    /// `consolidate`: prize as a share of the round trip from the depot.
    pub prize_base: f64,
    /// `consolidate`: extra share × 1 / days left.
    pub prize_urgency: f64,
    /// `consolidate`: discount per expected nearby order a day.
    pub prize_density: f64,
    /// `consolidate`: drop guard threshold (0: off).
    pub drop_share: f64,
}

/// A depot.
#[derive(Clone, Debug, PartialEq)]
pub struct DepotSpec {
    /// Name.
    pub name: String,
    /// Position.
    pub position: crate::units::LonLat,
    /// Road over great-circle distance on the access leg.
    pub access_circuity: f64,
    /// Speed on the access leg, m/s.
    pub access_speed_mps: f64,
}

/// A carrier, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Carrier {
    /// Name.
    pub name: String,
    /// Depot.
    pub depot: DepotSpec,
    /// Share of each category it takes.
    pub shares: BTreeMap<String, f64>,
    /// Vehicles: index into [`Scenario::vehicles`], count.
    pub fleet: Vec<(usize, u32)>,
    /// Working hours, seconds from midnight.
    pub shift: (f64, f64),
    /// Reload time between trips, s.
    pub reload_time_s: f64,
}

/// A consolidation centre: its operator is a carrier (the last of `Scenario::carriers`)
/// whose depot is the centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Ucc {
    /// Index of its operator in `Scenario::carriers`.
    pub operator: usize,
    /// Index of the zone it serves in `Scenario::zones`.
    pub zone: usize,
    /// Carriers that opted in (indices).
    pub carriers: Vec<usize>,
    /// Last-leg rounds shared by all carriers' orders.
    pub pooled: bool,
    /// Receiving hours, seconds from midnight.
    pub open: (f64, f64),
    /// Handling time per order, s.
    pub handling_s_per_order: f64,
    /// Handling emissions, kg CO₂e per tonne.
    pub handling_kg_co2e_per_tonne: f64,
    /// Fee per order, EUR.
    pub fee_eur_per_order: f64,
    /// Fee per 100 kg, EUR.
    pub fee_eur_per_100kg: f64,
    /// Streets of the zone (OSM names) that stay open to the vehicles the ban covers.
    pub access_streets: Vec<String>,
    /// Radius around the centre's site within which the zone's streets stay open, m.
    pub access_buffer_m: f64,
    /// Most kg received a delivering day.
    pub capacity_kg_per_day: Option<f64>,
    /// Unloading docks.
    pub docks: Option<u32>,
    /// Time a line-haul vehicle occupies a dock, s.
    pub dock_s_per_line_haul: f64,
    /// Candidate sites: name and position.
    pub candidates: Vec<(String, crate::units::LonLat)>,
    /// The field that gives the site run (`ucc.operator.depot`, or `ucc.candidate[k]` when
    /// `freightsim sites` runs candidate `k`), named by errors about the site.
    pub site_field: String,
}

/// A scenario ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The scenario file.
    pub path: PathBuf,
    /// The OSM extract (resolved).
    pub osm: PathBuf,
    /// Seed.
    pub seed: u64,
    /// Horizon.
    pub horizon: Horizon,
    /// Demand settings.
    pub demand: DemandSettings,
    /// Lead-time rule of every known category.
    pub rules: BTreeMap<String, LeadTimeRule>,
    /// Dispatch settings.
    pub dispatch: DispatchSettings,
    /// Ruin-and-recreate iterations per carrier and day.
    pub routing_iterations: u64,
    /// Carriers.
    pub carriers: Vec<Carrier>,
    /// The vehicles table.
    pub vehicles: Vec<VehicleSpec>,
    /// Per vehicle type (as `vehicles`): its emission factors.
    pub emission_factors: Vec<crate::emissions::VehicleFactors>,
    /// Hour bands per network profile (`None`: `[time_bands] profile = "flat"`, travel
    /// times do not depend on the hour).
    pub time_bands: Option<speed_profiles::SpeedProfiles>,
    /// Price of a kg of well-to-wheel CO₂e in the routing objective, EUR.
    pub carbon_price_eur_per_kg: f64,
    /// Zones with vehicle bans.
    pub zones: Vec<crate::zones::Zone>,
    /// The consolidation centre, if any (its operator is the last carrier).
    pub ucc: Option<Ucc>,
    /// The activities table.
    pub activities: Vec<Activity>,
    /// The OSM-to-site table.
    pub osm_sites: Vec<OsmSiteRule>,
    /// Which buildings house people.
    pub home_buildings: Vec<HomeBuildingRule>,
    /// E-commerce parameters.
    pub ecommerce: EcommerceParams,
    /// Per weekday (Monday first): share of a week's B2B movements and of a week's
    /// e-commerce orders placed that day.
    pub weekday_shares: [(f64, f64); 7],
    /// OSM tags to public kinds of site (used when `demand.public`).
    pub public_sites: Vec<PublicSiteRule>,
    /// The public flows (used when `demand.public`).
    pub public_flows: Vec<PublicFlow>,
    /// The public kinds of site, in the order of their first flow.
    pub public_kinds: Vec<String>,
}

impl Scenario {
    /// Every order category: parcels, the activities' categories and, when the public
    /// buyer's sites are on, its flows' categories; sorted.
    pub fn categories(&self) -> Vec<String> {
        categories(&self.activities, self.public_flows_on())
    }

    /// The public flows when `demand.public` is on, else none.
    pub fn public_flows_on(&self) -> &[PublicFlow] {
        if self.demand.public {
            &self.public_flows
        } else {
            &[]
        }
    }

    /// The carrier index that takes an order of `category` for a uniform draw `u` in [0, 1).
    pub fn carrier_for(&self, category: &str, u: f64) -> Option<usize> {
        let mut acc = 0.0;
        let mut last = None;
        for (i, c) in self.carriers.iter().enumerate() {
            if let Some(&s) = c.shares.get(category) {
                acc += s;
                last = Some(i);
                if u < acc {
                    return Some(i);
                }
            }
        }
        last
    }
}

pub(crate) fn categories(activities: &[Activity], public: &[PublicFlow]) -> Vec<String> {
    let mut out: Vec<String> = activities.iter().map(|a| a.category.clone()).collect();
    out.extend(public.iter().map(|f| f.category.clone()));
    out.push(PARCEL.into());
    out.sort();
    out.dedup();
    out
}

/// Reads and validates the scenario at `path`.
///
/// # Errors
/// [`ScenarioError`]: unreadable file, TOML syntax or type error, or every problem of meaning
/// at once.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Read {
        path: path.to_owned(),
        source,
    })?;
    load_str(&text, path)
}

/// Reads the scenario at `path`, lays `overlay` over its table (its `extends` resolved), then
/// validates it (a variant of an assumption, or a command-line override).
///
/// # Errors
/// As [`load`].
pub fn load_with(
    path: &Path,
    overlay: impl FnOnce(&mut toml::Table),
) -> Result<Scenario, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut table = with_base(&text, path, 0)?;
    overlay(&mut table);
    let text = toml::to_string(&table).map_err(|e| ScenarioError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    load_str(&text, path)
}

/// Validates scenario `text` as if read from `path` (relative paths resolve beside it).
///
/// # Errors
/// As [`load`].
pub fn load_str(text: &str, path: &Path) -> Result<Scenario, ScenarioError> {
    let parse_error = |message: String| ScenarioError::Parse {
        path: path.to_owned(),
        message,
    };
    let merged;
    // A variant of another file (`extends`): merged, then read as one file.
    let extends = text.contains("extends")
        && text
            .parse::<toml::Table>()
            .is_ok_and(|t| t.contains_key("extends"));
    let text = if extends {
        let table = with_base(text, path, 0)?;
        merged = toml::to_string(&table).map_err(|e| parse_error(e.to_string()))?;
        &merged
    } else {
        text
    };
    let deserializer = toml::Deserializer::parse(text).map_err(|e| parse_error(e.to_string()))?;
    let mut unknown = Vec::new();
    let cfg: config::ScenarioConfig =
        serde_ignored::deserialize(deserializer, |p| unknown.push(p.to_string()))
            .map_err(|e| parse_error(e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    validate::validate(cfg, path, dir, &unknown).map_err(|issues| ScenarioError::Invalid {
        path: path.to_owned(),
        issues,
    })
}

/// Most `extends` links followed from one file.
const MAX_EXTENDS: usize = 8;

/// The scenario at `path` (text `text`) as one table: when it names a base file with
/// `extends = "base.toml"` (relative to itself), the base's table (itself possibly extending
/// another) with this file's keys laid over it. Tables merge key by key; any other value,
/// arrays of tables (`[[carrier]]`, `[[zone]]`) included, replaces the base's whole.
fn with_base(text: &str, path: &Path, depth: usize) -> Result<toml::Table, ScenarioError> {
    let parse_error = |message: String| ScenarioError::Parse {
        path: path.to_owned(),
        message,
    };
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| parse_error(e.to_string()))?;
    let Some(base) = table.remove("extends") else {
        return Ok(table);
    };
    let Some(base) = base.as_str() else {
        return Err(parse_error(
            "`extends` must be a file name, e.g. extends = \"lorient-baseline.toml\"".into(),
        ));
    };
    if depth >= MAX_EXTENDS {
        return Err(parse_error(format!(
            "`extends` goes {MAX_EXTENDS} files deep: is there a loop?"
        )));
    }
    let base_path = path.parent().unwrap_or(Path::new(".")).join(base);
    let base_text = std::fs::read_to_string(&base_path).map_err(|source| ScenarioError::Read {
        path: base_path.clone(),
        source,
    })?;
    let mut merged = with_base(&base_text, &base_path, depth + 1)?;
    lay_over(&mut merged, table);
    Ok(merged)
}

/// Lays `top` over `base`: tables key by key, other values replaced.
fn lay_over(base: &mut toml::Table, top: toml::Table) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t)) => lay_over(b, t),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_lays_its_keys_over_its_base() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("base.toml"),
            "name = \"base\"\nseed = 3\n[demand]\ninhabitants = 100\necommerce_scale = 2.0\n[[carrier]]\nname = \"a\"\n[[carrier]]\nname = \"b\"\n",
        )
        .unwrap();
        let variant = dir.path().join("variant.toml");
        let table = with_base(
            "extends = \"base.toml\"\nname = \"variant\"\n[demand]\necommerce_scale = 4.0\n[[carrier]]\nname = \"c\"\n",
            &variant,
            0,
        )
        .unwrap();
        assert_eq!(table["name"].as_str(), Some("variant"));
        assert_eq!(table["seed"].as_integer(), Some(3));
        assert_eq!(table["demand"]["inhabitants"].as_integer(), Some(100));
        assert_eq!(table["demand"]["ecommerce_scale"].as_float(), Some(4.0));
        let carriers = table["carrier"].as_array().unwrap();
        assert_eq!(carriers.len(), 1, "arrays of tables replace the base's");
        assert!(!table.contains_key("extends"));
    }

    #[test]
    fn an_extends_loop_or_a_missing_base_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "extends = \"a.toml\"\n").unwrap();
        let e = with_base("extends = \"a.toml\"\n", &a, 0).unwrap_err();
        assert!(e.to_string().contains("loop"), "{e}");
        let e = with_base("extends = \"missing.toml\"\n", &a, 0).unwrap_err();
        assert!(e.to_string().contains("missing.toml"), "{e}");
        let e = with_base("extends = 3\n", &a, 0).unwrap_err();
        assert!(e.to_string().contains("file name"), "{e}");
    }

    fn horizon() -> Horizon {
        // Monday 2025-03-03, delivering Monday to Saturday.
        Horizon {
            start: "2025-03-03".parse().unwrap(),
            days: 28,
            delivering: [true, true, true, true, true, true, false],
            warm_up_days: 0,
            warm_up_extended_by: 0,
            cutoff_s: 18.0 * 3600.0,
        }
    }

    #[test]
    fn delivering_days_skip_sundays() {
        let h = horizon();
        assert!(h.is_delivering(5) && !h.is_delivering(6));
        // Saturday (day 5) + one delivering day is Monday (day 7).
        assert_eq!(h.nth_delivering_after(5, 1), 7);
        // Sunday itself is not delivering: k = 0 moves to Monday.
        assert_eq!(h.nth_delivering_after(6, 0), 7);
        assert_eq!(h.nth_delivering_after(0, 0), 0);
        assert_eq!(h.nth_delivering_after(3, 3), 7);
    }

    #[test]
    fn named_rules_give_the_glossary_windows() {
        let h = horizon();
        let window = |name: &str, d: u32| {
            let r = LeadTimeRule::named(name).unwrap();
            (
                h.nth_delivering_after(d, r.min_days),
                h.nth_delivering_after(d, r.max_days),
            )
        };
        // Placed on Tuesday (day 1).
        assert_eq!(window("24h", 1), (2, 2));
        assert_eq!(window("48h", 1), (2, 3));
        assert_eq!(window("72h", 1), (2, 4));
        assert_eq!(window("min48h", 1), (3, 4));
        assert_eq!(window("same_day", 1), (1, 1));
        // Placed on Friday (day 4): the weekend counts Saturday only.
        assert_eq!(window("72h", 4), (5, 8));
        assert!(LeadTimeRule::named("36h").is_none());
    }
}
