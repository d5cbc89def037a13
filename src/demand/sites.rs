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
}

impl SiteKind {
    /// Name in reports.
    pub fn name<'a>(&self, scenario: &'a Scenario) -> &'a str {
        match self {
            SiteKind::Establishment(a) => &scenario.activities[*a].activity,
            SiteKind::Home => "home",
            SiteKind::Pickup => "pickup",
            SiteKind::Listed => "listed",
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

/// The sites of `extract`, in the order of its features (sorted by OSM id), numbered from 0.
/// Features no table row matches (benches, parking, garages …) are not sites; a home without
/// a footprint (a node) counts one level of 50 m².
pub fn sites_from_map(extract: &OsmExtract, scenario: &Scenario) -> Vec<Site> {
    let mut sites = Vec::new();
    let eco = &scenario.ecommerce;
    for feature in &extract.features {
        let Some(kind_name) = site_kind_of(feature, &scenario.osm_sites) else {
            continue;
        };
        let (kind, receive, floor) = match kind_name.as_str() {
            "home" => {
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
        let source = match feature.id {
            OsmId::Node(id) => format!("osm:node/{id}"),
            OsmId::Way(id) => format!("osm:way/{id}"),
        };
        sites.push(Site {
            id: SiteId(sites.len() as u32),
            kind,
            source,
            name: tag(&feature.tags, "name").unwrap_or("").to_owned(),
            position: feature.location,
            floor_m2: floor,
            receive,
        });
    }
    sites
}
