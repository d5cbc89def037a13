//! Real orders from a CSV file, one order a row:
//!
//! | column | meaning |
//! |---|---|
//! | `order_id` | identifier (unique) |
//! | `site_id` | a site of the map (`s12`, as in `orders.csv`), or empty with `lon`, `lat` |
//! | `lon`, `lat` | position of a site not on the map (degrees) |
//! | `placed_at` | `YYYY-MM-DDTHH:MM` (or with a space), inside the horizon |
//! | `kg`, `parcels` | size (`parcels` defaults to 1) |
//! | `category` | an order category |
//! | `carrier` | optional: a carrier's name; empty: drawn by the carriers' shares |
//!
//! Rows at the same `lon`, `lat` go to one site. Every bad row is reported with its line and
//! field, all at once; nothing is dropped. The file is read in linear time (ids and
//! positions are looked up in hash maps: 10^6 rows in seconds, docs/hardening.md); the sites
//! of the map and of the file together are at most [`MAX_POSITIONS`] (the travel matrices'
//! memory, `scenario::limits`).

use super::generate::window;
use super::sites::SiteKind;
use super::{Order, Site, SiteId};
use crate::random::{self, Stream};
use crate::scenario::Scenario;
use crate::scenario::limits::MAX_POSITIONS;
use crate::units::LonLat;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// An orders file that cannot be used. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum OrdersCsvError {
    /// The file is missing or unreadable: check `demand.orders_csv`.
    #[error("cannot read orders {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Rows with bad values, all of them: fix each as its line says.
    #[error("orders {path} has {n} bad row{s}:\n{list}", n = problems.len(), s = if problems.len() == 1 { "" } else { "s" }, list = problems.join("\n"))]
    Rows {
        /// The file.
        path: PathBuf,
        /// One line per problem: `line N, field: what (fix)`.
        problems: Vec<String>,
    },
}

#[derive(Deserialize)]
struct Row {
    order_id: String,
    #[serde(default)]
    site_id: String,
    lon: Option<f64>,
    lat: Option<f64>,
    placed_at: String,
    kg: Option<f64>,
    parcels: Option<u32>,
    category: String,
    #[serde(default)]
    carrier: String,
}

/// Reads the orders at `path`; sites given by position are appended to `sites`.
///
/// # Errors
/// [`OrdersCsvError`]: unreadable file, or every bad row.
pub fn read_orders_csv(
    path: &Path,
    scenario: &Scenario,
    sites: &mut Vec<Site>,
) -> Result<Vec<Order>, OrdersCsvError> {
    let text = std::fs::read_to_string(path).map_err(|source| OrdersCsvError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let categories = scenario.categories();
    let mut problems = Vec::new();
    let mut orders = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    // Listed sites by exact position (bits of lon, lat; -0.0 folded into 0.0).
    let key = |p: LonLat| ((p.lon + 0.0).to_bits(), (p.lat + 0.0).to_bits());
    let mut listed: HashMap<(u64, u64), SiteId> = sites
        .iter()
        .filter(|s| s.kind == SiteKind::Listed)
        .map(|s| (key(s.position), s.id))
        .collect();
    let operator = scenario.ucc.as_ref().map(|u| u.operator);
    let mut too_many = false;
    let start = scenario
        .horizon
        .start
        .to_datetime(jiff::civil::Time::midnight());
    for (k, record) in reader.deserialize::<Row>().enumerate() {
        let line = k + 2;
        let row = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!(
                    "line {line}: {e} (every column of the header, numbers where numbers go)"
                ));
                continue;
            }
        };
        let mut bad = |field: &str, what: String, fix: &str| {
            problems.push(format!("line {line}, {field}: {what} ({fix})"));
        };
        if row.order_id.is_empty() || !ids.insert(row.order_id.clone()) {
            bad(
                "order_id",
                format!("`{}` is empty or repeated", row.order_id),
                "give each order its own id",
            );
        }
        if !categories.contains(&row.category) {
            bad(
                "category",
                format!("`{}` is unknown", row.category),
                &format!("use one of {}", categories.join(", ")),
            );
        }
        let kg = row.kg.unwrap_or(f64::NAN);
        if !(kg.is_finite() && kg > 0.0) {
            bad("kg", format!("is {kg}"), "give a positive weight in kg");
        }
        let parcels = row.parcels.unwrap_or(1);
        if parcels == 0 {
            bad("parcels", "is 0".into(), "give at least 1");
        }
        let placed = row
            .placed_at
            .replace(' ', "T")
            .parse::<jiff::civil::DateTime>();
        let (day, at) = match placed {
            Ok(t) => {
                let secs = start.duration_until(t).as_secs_f64();
                let day = (secs / 86_400.0).floor();
                if secs < 0.0 || day >= f64::from(scenario.horizon.days) {
                    bad(
                        "placed_at",
                        format!("`{}` is outside the horizon", row.placed_at),
                        "place orders on the horizon's days",
                    );
                    (0, 0.0)
                } else {
                    (day as u32, secs - day * 86_400.0)
                }
            }
            Err(_) => {
                bad(
                    "placed_at",
                    format!("`{}` is not a date and time", row.placed_at),
                    "write YYYY-MM-DDTHH:MM",
                );
                (0, 0.0)
            }
        };
        let carrier = if row.carrier.is_empty() {
            let u = random::uniform(scenario.seed, Stream::Demand, &[u64::MAX, line as u64]);
            scenario.carrier_for(&row.category, u)
        } else {
            scenario.carriers.iter().position(|c| c.name == row.carrier)
        };
        let is_operator = carrier.is_some() && carrier == operator;
        if is_operator {
            bad(
                "carrier",
                format!(
                    "`{}` is the consolidation centre's operator, which takes orders only from \
                     the carriers",
                    row.carrier
                ),
                "name one of the [[carrier]] of the scenario, or leave it empty",
            );
        } else if carrier.is_none() && categories.contains(&row.category) {
            bad(
                "carrier",
                format!(
                    "`{}` is no carrier of category `{}`",
                    row.carrier, row.category
                ),
                "name a carrier of the scenario, or leave it empty",
            );
        }
        let carrier = carrier.filter(|_| !is_operator);
        let mut return_none = false;
        let site = if !row.site_id.is_empty() {
            let id = row
                .site_id
                .strip_prefix('s')
                .and_then(|n| n.parse::<u32>().ok());
            match id.filter(|&n| (n as usize) < sites.len()) {
                Some(n) => Some(SiteId(n)),
                None => {
                    bad(
                        "site_id",
                        format!("`{}` is no site of the map", row.site_id),
                        "use an id from orders.csv of a run on the same map, or give lon and lat",
                    );
                    None
                }
            }
        } else {
            match (row.lon, row.lat) {
                (Some(lon), Some(lat)) if lon.abs() <= 180.0 && lat.abs() <= 90.0 => {
                    // Rows at one position are one site (one stop when they travel together).
                    let position = LonLat::new(lon, lat);
                    let existing = listed.get(&key(position)).copied();
                    let id = existing.unwrap_or(SiteId(sites.len() as u32));
                    if existing.is_none() && sites.len() + scenario.carriers.len() >= MAX_POSITIONS
                    {
                        if !too_many {
                            bad(
                                "lon/lat",
                                format!(
                                    "a new position beyond the limit of {MAX_POSITIONS} sites and \
                                     depots ({} sites so far; later rows not counted)",
                                    sites.len()
                                ),
                                "the travel matrices hold every pair of positions: group \
                                 orders by delivery point, or split the file",
                            );
                        }
                        too_many = true;
                        return_none = true;
                    } else if existing.is_none() {
                        listed.insert(key(position), id);
                        sites.push(Site {
                            id,
                            kind: SiteKind::Listed,
                            source: format!("csv:{line}"),
                            name: String::new(),
                            position,
                            floor_m2: 0.0,
                            receive: (8.0 * 3600.0, 18.0 * 3600.0),
                        });
                    }
                    (!return_none).then_some(id)
                }
                _ => {
                    bad(
                        "lon/lat",
                        "missing or out of range".into(),
                        "give site_id, or lon in [-180, 180] and lat in [-90, 90]",
                    );
                    None
                }
            }
        };
        if let (Some(site), Some(carrier)) = (site, carrier)
            && categories.contains(&row.category)
        {
            let (earliest_day, latest_day) = window(scenario, &row.category, day, at);
            orders.push(Order {
                id: row.order_id,
                category: row.category,
                carrier,
                site,
                placed_day: day,
                placed_at_s: at,
                earliest_day,
                latest_day,
                kg,
                parcels,
                home: false,
            });
        }
    }
    if problems.is_empty() {
        Ok(orders)
    } else {
        Err(OrdersCsvError::Rows {
            path: path.to_owned(),
            problems,
        })
    }
}
