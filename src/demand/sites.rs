//! Sites from the map: each feature is matched against the OSM-to-site table (an exact
//! `key=value` row first, then `key=*`), keys tried in the table's order of precedence: a
//! feature tagged both `shop` and `building` is a shop.

use super::{Site, SiteId};
use crate::osm::{MapFeature, OsmExtract, OsmId, tag};
use crate::scenario::{OsmSiteRule, Scenario};

/// What a site is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteKind {
    /// An establishment of an activity class (index into the scenario's activities).
    Establishment(usize),
    /// A residential building.
    Home,
    /// A parcel locker or post office: parcels for it make one stop.
    Pickup,
    /// A site of an orders CSV, given by position.
    Listed,
    /// A site of the public buyer (index into the scenario's public kinds).
    Public(usize),
}

impl SiteKind {
    /// Name in reports.
    pub fn name<'a>(&self, scenario: &'a Scenario) -> &'a str {
        match self {
            SiteKind::Establishment(a) => &scenario.activities[*a].activity,
            SiteKind::Home => "home",
            SiteKind::Pickup => "pickup",
            SiteKind::Listed => "listed",
            SiteKind::Public(k) => &scenario.public_kinds[*k],
        }
    }
}

/// Keys in order of precedence: what a feature is, before what building it stands in.
const KEY_ORDER: [&str; 6] = ["amenity", "shop", "tourism", "office", "craft", "building"];

fn site_kind_of(feature: &MapFeature, rules: &[OsmSiteRule]) -> Option<String> {
    for key in KEY_ORDER {
        let Some(value) = tag(&feature.tags, key) else {
            continue;
        };
        let exact = rules.iter().find(|r| r.key == key && r.value == value);
        let any = || rules.iter().find(|r| r.key == key && r.value == "*");
        if let Some(rule) = exact.or_else(any) {
            return Some(rule.site_kind.clone());
        }
    }
    None
}

/// The public kind (index into the scenario's public kinds) of a feature: the first row of
/// the public sites table whose tag it carries.
fn public_kind_of(feature: &MapFeature, scenario: &Scenario) -> Option<usize> {
    scenario.public_sites.iter().find_map(|r| {
        let v = tag(&feature.tags, &r.key)?;
        (r.value == "*" || r.value == v)
            .then(|| {
                scenario
                    .public_kinds
                    .iter()
                    .position(|k| *k == r.public_kind)
            })
            .flatten()
    })
}

/// The sites of `extract`, in the order of its features (sorted by OSM id), numbered from 0.
/// Features no table row matches (benches, parking …), rows of kind `none` (a mall, whose
/// flows are its shops') and buildings the home buildings table says house no one are not
/// sites; a home without
/// a footprint (a node) counts one level of 50 m². When the scenario turns the public buyer's
/// sites on, a feature of the public sites table is a public site whatever the OSM-to-site
/// table makes of it; its receiving hours span those of its flows (each order keeps its
/// flow's, see [`super::receive_window`]).
pub fn sites_from_map(extract: &OsmExtract, scenario: &Scenario) -> Vec<Site> {
    let mut sites = Vec::new();
    let eco = &scenario.ecommerce;
    for feature in &extract.features {
        let public = if scenario.demand.public {
            public_kind_of(feature, scenario)
        } else {
            None
        };
        if let Some(k) = public {
            let flows = scenario
                .public_flows
                .iter()
                .filter(|f| f.public_kind == scenario.public_kinds[k]);
            let receive = flows.fold((86_400.0f64, 0.0f64), |(a, b), f| {
                (a.min(f.receive.0), b.max(f.receive.1))
            });
            sites.push(Site {
                id: SiteId(sites.len() as u32),
                kind: SiteKind::Public(k),
                source: source_of(feature),
                name: tag(&feature.tags, "name").unwrap_or("").to_owned(),
                position: feature.location,
                floor_m2: 0.0,
                receive,
            });
            continue;
        }
        let Some(kind_name) = site_kind_of(feature, &scenario.osm_sites) else {
            continue;
        };
        let (kind, receive, floor) = match kind_name.as_str() {
            "none" => continue,
            "home" => {
                if !super::is_home(feature, &extract.land_use, &scenario.home_buildings) {
                    continue;
                }
                let levels = tag(&feature.tags, "building:levels")
                    .and_then(|l| l.trim().parse::<f64>().ok())
                    .filter(|l| l.is_finite() && *l >= 1.0 && *l <= 200.0)
                    .unwrap_or(eco.levels_default);
                let floor = feature.footprint_m2.unwrap_or(50.0) * levels;
                (
                    SiteKind::Home,
                    (eco.receive_open_s, eco.receive_close_s),
                    floor,
                )
            }
            "pickup" => (
                SiteKind::Pickup,
                (eco.receive_open_s, eco.receive_close_s),
                0.0,
            ),
            activity => {
                let Some(a) = scenario
                    .activities
                    .iter()
                    .position(|x| x.activity == activity)
                else {
                    continue;
                };
                let act = &scenario.activities[a];
                let open = crate::scenario::parse_clock(&act.receive_open).expect("validated");
                let close = crate::scenario::parse_clock(&act.receive_close).expect("validated");
                (SiteKind::Establishment(a), (open, close), 0.0)
            }
        };
        if kind == SiteKind::Home && floor <= 0.0 {
            continue;
        }
        sites.push(Site {
            id: SiteId(sites.len() as u32),
            kind,
            source: source_of(feature),
            name: tag(&feature.tags, "name").unwrap_or("").to_owned(),
            position: feature.location,
            floor_m2: floor,
            receive,
        });
    }
    sites
}

fn source_of(feature: &MapFeature) -> String {
    match feature.id {
        OsmId::Node(id) => format!("osm:node/{id}"),
        OsmId::Way(id) => format!("osm:way/{id}"),
    }
}
