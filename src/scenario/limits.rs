//! The accepted range of every numeric field of a scenario, with why (docs/scenario.md,
//! "Ranges"). The ceilings keep the largest accepted scenario in bounded memory and time on a
//! 2-core, 24 GB machine, and keep every total of a run finite and exact enough in `f64`:
//! a run is at most 366 days of at most [`MAX_ORDERS_PER_DAY`] orders, so a sum of at most
//! about 10^7 terms each below 10^9 stays below 10^16, far from overflow.

/// Expected e-commerce orders a day above which a scenario is refused: the routing core was
/// measured up to 5,000 orders per solve (docs/benchmarks.md, about 2,300 iterations/s on
/// 1,000 orders); 20,000 a day keeps a day's matrices and solves within minutes.
pub const MAX_ORDERS_PER_DAY: f64 = 20_000.0;

/// `demand.inhabitants`: 10^7 covers any single urban area freightsim's one-extract world
/// can hold (Paris has 2.1 million).
pub const MAX_INHABITANTS: f64 = 1e7;

/// `demand.b2b_scale`, `demand.ecommerce_scale`: 100 times the calibrated demand. A Poisson
/// mean stays finite and a day of the embedded Lorient extract stays below
/// [`MAX_ORDERS_PER_DAY`]-scale volumes.
pub const MAX_DEMAND_SCALE: f64 = 100.0;

/// `demand.max_snap_m`: 50 km, beyond any town centre.
pub const MAX_SNAP_M: f64 = 50_000.0;

/// `demand.public_orders_per_week`: 10,000, several times a large city's school meals.
pub const MAX_PUBLIC_ORDERS_PER_WEEK: u32 = 10_000;

/// `routing.iterations`: 100,000 per carrier and day, about 40 s of search on a 1,000-order
/// day at the measured 2,300 iterations/s; a month of them stays within hours.
pub const MAX_ITERATIONS: u64 = 100_000;

/// Money per unit (EUR per order, per 100 kg, per day): 10^6, far above any real fee, so that
/// totals over a run stay finite.
pub const MAX_EUR: f64 = 1e6;

/// `emissions.carbon_price_eur_per_kg`: 100 EUR per kg (100,000 EUR per tonne, 1,000 times
/// the EU ETS price): the routing objective (cost + price × kg) stays finite.
pub const MAX_CARBON_PRICE_EUR_PER_KG: f64 = 100.0;

/// `carrier[].depot.access_speed_kmh`: 1 to 200 km/h; below 1 km/h the access leg of a few
/// hundred metres outlasts the day (a denormal speed made every order unreachable).
pub const ACCESS_SPEED_KMH: (f64, f64) = (1.0, 200.0);

/// `carrier[].depot.access_circuity`: 1 to 5 (road over great-circle distance; 1.3 is
/// typical of towns).
pub const MAX_CIRCUITY: f64 = 5.0;

/// Durations in seconds (reload, handling): at most a day.
pub const MAX_SECONDS: f64 = 86_400.0;

/// `ucc.handling_kg_co2e_per_tonne`: 1,000 kg CO2e per tonne handled, 100 times a warehouse's.
pub const MAX_HANDLING_KG_PER_TONNE: f64 = 1_000.0;

/// `carrier[].fleet[].count`: 10,000 vehicles of one type for one carrier.
pub const MAX_FLEET_COUNT: u32 = 10_000;

/// Vehicle table, EUR per km: 1,000.
pub const MAX_EUR_PER_KM: f64 = 1_000.0;

/// Vehicle table, EUR per hour: 10,000.
pub const MAX_EUR_PER_HOUR: f64 = 10_000.0;

/// Vehicle table, kg (gross weight, payload): 100 t, above any road vehicle of a town.
pub const MAX_VEHICLE_KG: f64 = 100_000.0;

/// Vehicle table, range in km: 10,000.
pub const MAX_RANGE_KM: f64 = 10_000.0;

/// Vehicle table, parcels and trips a day: 100,000.
pub const MAX_VEHICLE_COUNT: u32 = 100_000;

/// `compare --seeds`: at most 100 (each seed is a full run of every scenario; a 95 %
/// interval over 100 seeds is already within a tenth of the spread).
pub const MAX_SEEDS: u32 = 100;

/// Distinct positions (map sites, orders-CSV positions and depots) of a world: its travel
/// matrices hold 16 bytes (metres and seconds, `f64`) per pair and profile, so 6,000
/// positions take 576 MB per profile, 1.7 GB for van, truck and cargo bike; 12,000 took
/// four times that and aborted. The embedded Lorient extract has 1,883 sites.
pub const MAX_POSITIONS: usize = 6_000;

/// Whether `x` is finite and within `[lo, hi]`.
#[must_use]
pub fn within(x: f64, lo: f64, hi: f64) -> bool {
    x.is_finite() && x >= lo && x <= hi
}

/// `x` as written in a message: plain, or in scientific notation when very large or small
/// (`1e300`, not 301 digits).
#[must_use]
pub fn show(x: f64) -> String {
    if x.is_finite() && x != 0.0 && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// `ucc.access_buffer_m`: 2 km around the centre; wider, the ban would no longer be one.
pub const MAX_ACCESS_BUFFER_M: f64 = 2_000.0;

/// `ucc.capacity_kg_per_day`: 10,000 t a day, a large regional hub's.
pub const MAX_UCC_KG_PER_DAY: f64 = 1e7;

/// `ucc.docks`: 1,000 docks.
pub const MAX_DOCKS: u32 = 1_000;
