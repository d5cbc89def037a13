//! The scenario file as written: serde structs mirroring the TOML, every field with its
//! default. Nothing here is checked beyond its type; [`super::validate`] checks meaning.
//!
//! Every field is documented in `docs/scenario.md`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The whole scenario file.
#[derive(Clone, Debug, Deserialize)]
pub struct ScenarioConfig {
    /// Short name, used in reports.
    pub name: String,
    /// One or two sentences for the report.
    #[serde(default)]
    pub description: String,
    /// OpenStreetMap extract, relative to the scenario file.
    pub osm: PathBuf,
    /// Seed of the demand generator and of the routing searches.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Days simulated.
    pub horizon: HorizonConfig,
    /// Where orders come from.
    pub demand: DemandConfig,
    /// Lead-time rule per order category (categories absent get `24h`).
    #[serde(default)]
    pub lead_time: BTreeMap<String, RuleConfig>,
    /// The batching policy.
    #[serde(default)]
    pub dispatch: DispatchConfig,
    /// The routing budget.
    #[serde(default)]
    pub routing: RoutingConfig,
    /// Carriers, each with its depot, fleet and share of the demand.
    #[serde(default)]
    pub carrier: Vec<CarrierConfig>,
    /// Paths of the data tables (the embedded tables when absent).
    #[serde(default)]
    pub tables: TablesConfig,
    /// Emission factors: energy-carrier variants and the carbon price.
    #[serde(default)]
    pub emissions: EmissionsConfig,
    /// Zones with vehicle bans.
    #[serde(default)]
    pub zone: Vec<crate::zones::ZoneConfig>,
    /// An urban consolidation centre serving one zone.
    #[serde(default)]
    pub ucc: Option<UccConfig>,
    /// Time of day: the hour bands' speed factors.
    #[serde(default)]
    pub time_bands: TimeBandsConfig,
}

/// The `[time_bands]` section.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TimeBandsConfig {
    /// `flat` (travel times do not depend on the hour), or the path of a speed-profile
    /// table relative to the scenario file; absent: `data/speed_profiles.csv`.
    #[serde(default)]
    pub profile: Option<String>,
}

/// The `[ucc]` section: a consolidation centre at the edge of a zone.
#[derive(Clone, Debug, Deserialize)]
pub struct UccConfig {
    /// The zone whose orders it takes (a `[[zone]]` name).
    pub zone: String,
    /// Carriers that send their zone orders through it; carriers whose fleet may not reach
    /// a site of the zone send those orders through it anyway.
    #[serde(default)]
    pub carriers: Vec<String>,
    /// All carriers' orders share the last-leg rounds (else each carrier's ride apart).
    #[serde(default = "default_true")]
    pub pooled: bool,
    /// When it receives line-hauls, `["HH:MM", "HH:MM"]`.
    #[serde(default = "default_ucc_open")]
    pub open: Vec<String>,
    /// Handling time per order between arrival and departure on a last-leg vehicle, s.
    #[serde(default = "default_ucc_handling")]
    pub handling_s_per_order: f64,
    /// Handling emissions, kg CO₂e per tonne (WTW; 0: not counted).
    #[serde(default)]
    pub handling_kg_co2e_per_tonne: f64,
    /// Fee per order, EUR.
    #[serde(default)]
    pub fee_eur_per_order: f64,
    /// Fee per 100 kg, EUR.
    #[serde(default)]
    pub fee_eur_per_100kg: f64,
    /// The centre's operator: a carrier block whose depot is the centre (no shares).
    pub operator: CarrierConfig,
    /// Named streets (OSM `name=*`) of the zone that stay open to the vehicles the ban
    /// covers, so that line-hauls reach the centre (the exception real bans make).
    #[serde(default)]
    pub access_streets: Vec<String>,
    /// Radius around the centre's site within which every street of the zone stays open to
    /// the vehicles the ban covers, m (0: none).
    #[serde(default)]
    pub access_buffer_m: f64,
    /// Most kg the centre receives a delivering day (absent: no limit).
    #[serde(default)]
    pub capacity_kg_per_day: Option<f64>,
    /// Unloading docks (absent: no limit).
    #[serde(default)]
    pub docks: Option<u32>,
    /// Time a line-haul vehicle occupies a dock, s.
    #[serde(default = "default_dock_s")]
    pub dock_s_per_line_haul: f64,
    /// Candidate sites of the centre, compared by `freightsim sites` (the operator's depot
    /// is the site `simulate` uses).
    #[serde(default)]
    pub candidate: Vec<UccSiteConfig>,
}

/// A candidate site of the centre.
#[derive(Clone, Debug, Deserialize)]
pub struct UccSiteConfig {
    /// Name in outputs.
    pub name: String,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
}

fn default_dock_s() -> f64 {
    1200.0
}

fn default_true() -> bool {
    true
}

fn default_ucc_open() -> Vec<String> {
    vec!["06:00".into(), "20:00".into()]
}

fn default_ucc_handling() -> f64 {
    60.0
}

/// The `[emissions]` section.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EmissionsConfig {
    /// Variant of the energy-carrier table per carrier (e.g. `electricity = "rte_2023"`);
    /// absent: the carrier's first row.
    #[serde(default)]
    pub variants: BTreeMap<String, String>,
    /// Price of a kg of well-to-wheel CO₂e in the routing objective, EUR (0: not priced).
    #[serde(default)]
    pub carbon_price_eur_per_kg: f64,
    /// A named variant of the emission-class table (`data/emissions/factor_variants.csv`,
    /// e.g. `uk_defra`) whose rows replace the energy per km of their classes; absent: the
    /// table as it is (the French official defaults) with the speed curves of
    /// `data/emissions/speed_curves.csv`. Any variant turns the speed curves off (its values
    /// are per-km averages); `load_only` keeps the table's values without the curves.
    #[serde(default)]
    pub factors_variant: Option<String>,
}

fn default_seed() -> u64 {
    1
}

/// The horizon: which calendar days are simulated and which of them count.
#[derive(Clone, Debug, Deserialize)]
pub struct HorizonConfig {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Calendar days in which orders are placed.
    pub days: u32,
    /// Weekdays on which carriers deliver (`mon` … `sun`).
    #[serde(default = "default_weekdays")]
    pub delivering_weekdays: Vec<String>,
    /// First days left out of the results (the backlog fills up).
    #[serde(default)]
    pub warm_up_days: u32,
    /// Orders placed after this hour (`HH:MM`) count as placed the next day.
    #[serde(default = "default_cutoff")]
    pub cutoff: String,
}

fn default_weekdays() -> Vec<String> {
    ["mon", "tue", "wed", "thu", "fri", "sat"]
        .map(String::from)
        .to_vec()
}

fn default_cutoff() -> String {
    "18:00".into()
}

/// Demand: generated from the map, or read from a CSV of real orders.
#[derive(Clone, Debug, Deserialize)]
pub struct DemandConfig {
    /// Inhabitants of the area the extract covers (scales e-commerce parcels); absent: the
    /// homes' floor area divided by the e-commerce table's floor per inhabitant.
    #[serde(default)]
    pub inhabitants: Option<f64>,
    /// Generate B2B orders from the establishments of the map.
    #[serde(default = "yes")]
    pub b2b: bool,
    /// Generate e-commerce parcels from the homes of the map.
    #[serde(default = "yes")]
    pub ecommerce: bool,
    /// Multiplies every B2B rate (1: the tables as they are).
    #[serde(default = "one")]
    pub b2b_scale: f64,
    /// Multiplies the e-commerce rate.
    #[serde(default = "one")]
    pub ecommerce_scale: f64,
    /// Real orders instead of generated ones (relative to the scenario file).
    #[serde(default)]
    pub orders_csv: Option<PathBuf>,
    /// Sites farther than this from every road of a profile are reported and not served by it.
    #[serde(default = "default_max_snap")]
    pub max_snap_m: f64,
    /// The public buyer's sites (schools, libraries …) become public sites with their own
    /// flows (meals, supplies) and order categories (off: the map's sites as before).
    #[serde(default)]
    pub public: bool,
    /// The public buyer groups the orders of each groupable flow into at most this many a
    /// week per site (absent: each need is ordered when it arises).
    #[serde(default)]
    pub public_orders_per_week: Option<u32>,
    /// Failed first attempts at homes happen at the e-commerce table's rate (false: every
    /// home is in, a sensitivity variant).
    #[serde(default = "yes")]
    pub failed_attempts: bool,
}

fn yes() -> bool {
    true
}

fn one() -> f64 {
    1.0
}

fn default_max_snap() -> f64 {
    250.0
}

/// A lead-time rule: a name (`24h`, `48h`, `72h`, `min48h`, `same_day`) or its general form.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RuleConfig {
    /// One of the named rules.
    Named(String),
    /// Delivered between the `min_days`-th and the `max_days`-th delivering day after placing.
    Days {
        /// First delivering day allowed, counted from the day the order counts as placed.
        min_days: u32,
        /// Last delivering day allowed.
        max_days: u32,
    },
}

/// The batching policy and its parameters.
#[derive(Clone, Debug, Deserialize)]
pub struct DispatchConfig {
    /// `immediate`, `lazy`, `random` or `consolidate`.
    #[serde(default = "default_policy")]
    pub policy: String,
    /// `random`: probability that an optional order goes today.
    #[serde(default = "half")]
    pub random_share: f64,
    /// `consolidate`: prize of an optional order as a share of its round trip from the depot
    /// (absent: `data/dispatch/prize_model.csv`, as for the three below).
    #[serde(default)]
    pub prize_base: Option<f64>,
    /// `consolidate`: extra share when the window is about to close (× 1 / days left).
    #[serde(default)]
    pub prize_urgency: Option<f64>,
    /// `consolidate`: how much expected nearby demand lowers the prize (per order a day).
    #[serde(default)]
    pub prize_density: Option<f64>,
    /// `consolidate`: drop an optional stop whose removal saves more than this many times its
    /// trip's cost per stop (0 turns the guard off).
    #[serde(default)]
    pub drop_share: Option<f64>,
}

fn default_policy() -> String {
    "immediate".into()
}

fn half() -> f64 {
    0.5
}

impl Default for DispatchConfig {
    fn default() -> Self {
        Self {
            policy: default_policy(),
            random_share: half(),
            prize_base: None,
            prize_urgency: None,
            prize_density: None,
            drop_share: None,
        }
    }
}

/// The routing budget: an iteration count, so runs are reproducible.
#[derive(Clone, Debug, Deserialize)]
pub struct RoutingConfig {
    /// Ruin-and-recreate iterations per carrier and day.
    #[serde(default = "default_iterations")]
    pub iterations: u64,
}

fn default_iterations() -> u64 {
    300
}

impl Default for RoutingConfig {
    fn default() -> Self {
        Self {
            iterations: default_iterations(),
        }
    }
}

/// A carrier: its depot, its fleet and its share of each category.
#[derive(Clone, Debug, Deserialize)]
pub struct CarrierConfig {
    /// Name in reports.
    pub name: String,
    /// Where its vehicles start and end.
    pub depot: DepotConfig,
    /// Share of each category's orders this carrier takes (per category, the carriers' shares
    /// sum to 1).
    #[serde(default)]
    pub shares: BTreeMap<String, f64>,
    /// Vehicles by type of `data/vehicles.csv`.
    pub fleet: Vec<FleetConfig>,
    /// Working hours, `["HH:MM", "HH:MM"]`.
    #[serde(default = "default_shift")]
    pub shift: Vec<String>,
    /// Time to reload a vehicle between two trips, seconds.
    #[serde(default = "default_reload")]
    pub reload_time_s: f64,
}

fn default_shift() -> Vec<String> {
    vec!["07:00".into(), "17:00".into()]
}

fn default_reload() -> f64 {
    600.0
}

/// A depot by position; one outside the extract is joined to the road network by an access leg.
#[derive(Clone, Debug, Deserialize)]
pub struct DepotConfig {
    /// Name in reports.
    pub name: String,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Road distance over great-circle distance on the access leg.
    #[serde(default = "default_circuity")]
    pub access_circuity: f64,
    /// Mean speed on the access leg, km/h.
    #[serde(default = "default_access_speed")]
    pub access_speed_kmh: f64,
}

fn default_circuity() -> f64 {
    1.3
}

fn default_access_speed() -> f64 {
    40.0
}

/// Some vehicles of one type.
#[derive(Clone, Debug, Deserialize)]
pub struct FleetConfig {
    /// A `vehicle` of the vehicles table.
    pub vehicle: String,
    /// How many.
    pub count: u32,
}

/// Paths of the data tables, relative to the scenario file; absent: the tables embedded in
/// the binary (the project's `data/`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TablesConfig {
    /// Vehicle types.
    pub vehicles: Option<PathBuf>,
    /// Named variants of the emission-class table's energy per km.
    pub factor_variants: Option<PathBuf>,
    /// B2B activity classes and their movement functions.
    pub activities: Option<PathBuf>,
    /// OSM tags to site kinds.
    pub osm_sites: Option<PathBuf>,
    /// Which buildings house people.
    pub home_buildings: Option<PathBuf>,
    /// E-commerce parameters.
    pub ecommerce: Option<PathBuf>,
    /// Shares of weekly demand placed on each weekday.
    pub weekdays: Option<PathBuf>,
    /// Coefficients of the `consolidate` policy's prize model.
    pub prize_model: Option<PathBuf>,
    /// Emission classes: energy per km, NOx, PM.
    pub emission_factors: Option<PathBuf>,
    /// Speed curves of energy and NOx per emission class (`data/emissions/speed_curves.csv`).
    #[serde(default)]
    pub speed_curves: Option<PathBuf>,
    /// Energy carriers: kg CO₂e per unit, TTW and WTW, by variant.
    pub energy_carriers: Option<PathBuf>,
    /// OSM tags to the public buyer's kinds of site.
    pub public_sites: Option<PathBuf>,
    /// What each kind of public site receives (flows, categories, rates, sizes, hours).
    pub public_flows: Option<PathBuf>,
}
