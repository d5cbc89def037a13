//! `init`: a complete, commented scenario written from any OpenStreetMap extract, so that a
//! planner in another city can start from their own map.
//!
//! What the map gives (sites, homes, inhabitants from the homes' floor area, industrial land
//! for the depots) is read from it; what it cannot give (fleets) is sized from the demand the
//! scenario expects, with the parameters of `data/init/fleet_sizing.csv`. Today's practice is
//! written: next-day delivery, every order dispatched at once. Every value `init` chose is
//! marked `inferred` in the file, with how; the file is validated as the simulator would
//! before it is written.
//!
//! The scenario is drafted once with placeholder fleets (to read the map's sites and draw a
//! sample of orders through the same code the simulator uses), then written with the fleets
//! that sample asks for.

mod depots;
mod reach;
mod sizing;
mod text;

pub use depots::{DepotChoice, choose as choose_depot};
pub use reach::{OffNetwork, off_network};
pub use sizing::Sizing;
pub use text::{CARRIERS, CarrierPlan, Draft, FleetPlan};

use crate::demand::{DemandModel, SiteKind, sites_from_map};
use crate::scenario::Scenario;
use crate::units::LonLat;
use std::path::{Component, Path, PathBuf};

/// What `init` is asked for.
#[derive(Clone, Debug, Default)]
pub struct InitOptions {
    /// The extract.
    pub osm: PathBuf,
    /// Where the scenario goes.
    pub out: PathBuf,
    /// Inhabitants, when the user knows them (else from the homes' floor area).
    pub inhabitants: Option<f64>,
    /// Depots: none (inferred), one (every carrier's) or one per carrier.
    pub depots: Vec<LonLat>,
    /// A zone measured in the outputs (GeoJSON polygon).
    pub zone: Option<PathBuf>,
    /// The scenario's name (default: the extract's file stem).
    pub name: Option<String>,
}

/// What `init` wrote, for the command's report.
#[derive(Clone, Debug)]
pub struct InitReport {
    /// The scenario text written.
    pub text: String,
    /// Sites the map gives: homes, establishments, others.
    pub homes: usize,
    /// Establishments (B2B receivers).
    pub establishments: usize,
    /// Inhabitants and where the figure comes from.
    pub inhabitants: (f64, String),
    /// Per carrier: its depot and fleet.
    pub carriers: Vec<(DepotChoice, FleetPlan)>,
    /// The sites no van reaches, and what the file says of them.
    pub off_network: (OffNetwork, Option<String>),
}

/// Writes the scenario of `opts.osm` to `opts.out`.
///
/// # Errors
/// The extract cannot be read; it has no home and no `--inhabitants` was given; a depot list
/// of the wrong length; the scenario written would not validate; the file cannot be written.
pub fn init(opts: &InitOptions) -> Result<InitReport, crate::Error> {
    let extract = crate::osm::read(&opts.osm)?;
    let out_dir = match opts.out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&out_dir).map_err(|e| {
        crate::Error::Input(format!(
            "--out {}: cannot create its directory: {e}",
            opts.out.display()
        ))
    })?;
    let osm_rel = relative_to(&opts.osm, &out_dir)?;
    let zone_rel = match &opts.zone {
        Some(z) if !z.is_file() => {
            return Err(crate::Error::Input(format!(
                "--zone {}: no such file; give a GeoJSON file holding the zone's polygon",
                z.display()
            )));
        }
        Some(z) => Some(relative_to(z, &out_dir)?),
        None => None,
    };
    if !matches!(opts.depots.len(), 0 | 1) && opts.depots.len() != CARRIERS.len() {
        return Err(crate::Error::Input(format!(
            "--depot given {} times: give it once (every carrier's depot) or {} times (one per carrier: {}), or leave it out to place the depots on the map's industrial land",
            opts.depots.len(),
            CARRIERS.len(),
            CARRIERS
                .iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let name = opts.name.clone().unwrap_or_else(|| {
        opts.osm
            .file_name()
            .and_then(|s| s.to_str())
            .map(|s| s.split('.').next().unwrap_or(s).to_owned())
            .unwrap_or_else(|| "city".to_owned())
    });
    let centre = bbox_centre(&extract).ok_or_else(|| {
        crate::Error::Input(format!(
            "--osm {}: the extract has no road; give an extract with the city's streets",
            opts.osm.display()
        ))
    })?;
    // The draft: placeholder depots at the map's centre, one vehicle of each type.
    let placeholder = DepotChoice {
        position: centre,
        name: "placeholder".into(),
        reason: String::new(),
    };
    let mut draft = Draft {
        name,
        osm: osm_rel,
        zone: zone_rel,
        inhabitants: opts
            .inhabitants
            .map(|n| (n, "given with --inhabitants".to_owned())),
        carriers: CARRIERS
            .iter()
            .map(|_| (placeholder.clone(), FleetPlan::placeholder()))
            .collect(),
        sizing: Sizing::shipped(),
        off_network: None,
    };
    let sc = crate::scenario::load_str(&draft.text(), &opts.out)?;
    let sites = sites_from_map(&extract, &sc);
    let homes = sites.iter().filter(|s| s.kind == SiteKind::Home).count();
    let establishments = sites
        .iter()
        .filter(|s| matches!(s.kind, SiteKind::Establishment(_)))
        .count();
    if homes == 0 && opts.inhabitants.is_none() {
        return Err(crate::Error::Input(format!(
            "--osm {}: the extract has no building that houses people (none matches data/demand/home_buildings.csv), so its inhabitants cannot be read off the map: give --inhabitants N (the population the extract covers)",
            opts.osm.display()
        )));
    }
    let off = off_network(&extract, &sites, sc.demand.max_snap_m)?;
    draft.off_network = off.note(sc.demand.max_snap_m);
    let inhabitants = crate::demand::inhabitants(&sc, &sites);
    if draft.inhabitants.is_none() {
        draft.inhabitants = Some((inhabitants.0, format!("inferred: {}", inhabitants.1)));
    }
    let sc = crate::scenario::load_str(&draft.text(), &opts.out)?;
    let peaks = peak_orders(&sc, &sites, draft.sizing.sample_days);
    let demand_centre = demand_centre(&sc, &sites).unwrap_or(centre);
    let depot_for = |k: usize| -> Result<DepotChoice, crate::Error> {
        match opts.depots.len() {
            0 => depots::choose(&extract, demand_centre, 5_000.0).ok_or_else(|| {
                crate::Error::Input(format!(
                    "--osm {}: no place for a depot found on the map: give --depot lon,lat",
                    opts.osm.display()
                ))
            }),
            n => {
                let p = opts.depots[if n == 1 { 0 } else { k }];
                Ok(DepotChoice {
                    position: p,
                    name: format!("{} depot", CARRIERS[k].name),
                    reason: "given with --depot".into(),
                })
            }
        }
    };
    let mut carriers = Vec::with_capacity(CARRIERS.len());
    for (k, plan) in CARRIERS.iter().enumerate() {
        let fleet = FleetPlan::size(plan, peaks[k], &draft.sizing);
        carriers.push((depot_for(k)?, fleet));
    }
    draft.carriers = carriers;
    let text = draft.text();
    // Validate what will be written exactly as `simulate` will read it.
    crate::scenario::load_str(&text, &opts.out)?;
    std::fs::write(&opts.out, &text).map_err(|e| {
        crate::Error::Input(format!(
            "--out {}: cannot write it: {e}",
            opts.out.display()
        ))
    })?;
    Ok(InitReport {
        text,
        homes,
        establishments,
        inhabitants: draft.inhabitants.clone().unwrap_or(inhabitants),
        carriers: draft.carriers,
        off_network: (off, draft.off_network),
    })
}

/// Per carrier of [`CARRIERS`]: the most orders it receives on one delivering day of the
/// first `days` days (orders placed on a day without delivery wait for the next).
fn peak_orders(sc: &Scenario, sites: &[crate::demand::Site], days: u32) -> Vec<f64> {
    let model = DemandModel::new(sc, sites);
    let mut peak = vec![0.0f64; sc.carriers.len()];
    let mut pending = vec![0.0f64; sc.carriers.len()];
    for day in 0..days {
        for o in model.orders_for_day(sites, day) {
            pending[o.carrier] += 1.0;
        }
        if sc.horizon.is_delivering(day) {
            for (p, q) in peak.iter_mut().zip(pending.iter_mut()) {
                *p = p.max(*q);
                *q = 0.0;
            }
        }
    }
    peak
}

/// The demand-weighted centre of the sites (expected orders a day as weights).
fn demand_centre(sc: &Scenario, sites: &[crate::demand::Site]) -> Option<LonLat> {
    let model = DemandModel::new(sc, sites);
    let w = model.expected_daily();
    let total: f64 = w.iter().sum();
    (total > 0.0).then(|| {
        LonLat::new(
            sites
                .iter()
                .zip(w)
                .map(|(s, w)| s.position.lon * w)
                .sum::<f64>()
                / total,
            sites
                .iter()
                .zip(w)
                .map(|(s, w)| s.position.lat * w)
                .sum::<f64>()
                / total,
        )
    })
}

/// Centre of the bounding box of the extract's road nodes.
fn bbox_centre(extract: &crate::osm::OsmExtract) -> Option<LonLat> {
    let mut bb: Option<(f64, f64, f64, f64)> = None;
    for way in &extract.roads {
        for &id in &way.nodes {
            if let Some(p) = extract.nodes.position(id) {
                bb = Some(match bb {
                    None => (p.lon, p.lat, p.lon, p.lat),
                    Some((a, b, c, d)) => (a.min(p.lon), b.min(p.lat), c.max(p.lon), d.max(p.lat)),
                });
            }
        }
    }
    bb.map(|(a, b, c, d)| LonLat::new((a + c) / 2.0, (b + d) / 2.0))
}

/// `path` written relative to directory `dir` (both made absolute first), as a scenario
/// file names its extract.
fn relative_to(path: &Path, dir: &Path) -> Result<PathBuf, crate::Error> {
    let abs = |p: &Path| {
        std::fs::canonicalize(p).map_err(|e| {
            crate::Error::Input(format!(
                "{}: {e}; give the path of an existing file",
                p.display()
            ))
        })
    };
    let (path, dir) = (abs(path)?, abs(dir)?);
    let a: Vec<Component> = path.components().collect();
    let b: Vec<Component> = dir.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c.as_os_str());
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_path_climbs_then_descends() {
        let tmp = std::env::temp_dir().join(format!("fs-init-rel-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("a/b")).unwrap();
        std::fs::create_dir_all(tmp.join("c")).unwrap();
        std::fs::write(tmp.join("c/x.pbf"), b"").unwrap();
        let rel = relative_to(&tmp.join("c/x.pbf"), &tmp.join("a/b")).unwrap();
        assert_eq!(rel, PathBuf::from("../../c/x.pbf"));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
