//! The candidate sites' outputs: `sites.csv` (one row per site and metric, best site first)
//! and `sites.html` (the ranking with its intervals, and the sites on the map with the zone
//! and the carriers' depots).

use super::html::esc;
use super::map::{MapLayers, svg};
use crate::network::RoadNetwork;
use crate::scenario::Scenario;
use crate::simulation::ucc::sites::SiteRanking;
use crate::units::LonLat;
use std::fmt::Write;

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.4}")
    } else {
        String::new()
    }
}

/// `sites.csv`: `rank, site, lon, lat, metric, unit, seeds, mean, ci95, vs_best,
/// vs_best_ci95, same_cohort`, numbers with four decimals, empty where undefined (an
/// interval over one seed).
pub fn csv(r: &SiteRanking) -> String {
    let seeds = r.comparison.seeds.len();
    let mut out = String::from(
        "rank,site,lon,lat,metric,unit,seeds,mean,ci95,vs_best,vs_best_ci95,same_cohort\n",
    );
    for row in &r.rows {
        let _ = writeln!(
            out,
            "{},{},{:.6},{:.6},{},{},{},{},{},{},{},{}",
            row.rank,
            row.site,
            row.position.lon,
            row.position.lat,
            row.metric,
            row.unit,
            seeds,
            num(row.mean.0),
            num(row.mean.1),
            num(row.vs_best.0),
            num(row.vs_best.1),
            row.same_cohort
        );
    }
    out
}

fn pm(x: (f64, f64), signed: bool) -> String {
    let sign = if signed && x.0 > 0.0 { "+" } else { "" };
    if x.1.is_finite() {
        format!("{sign}{:.1} ± {:.1}", x.0, x.1)
    } else {
        format!("{sign}{:.1}", x.0)
    }
}

/// `sites.html`: the ranking and the map of `sc`'s candidates on `network`.
pub fn page(r: &SiteRanking, sc: &Scenario, network: &RoadNetwork) -> String {
    let mut out = String::with_capacity(1 << 16);
    out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>freightsim: candidate sites</title>\n<style>";
    out += super::html::STYLE;
    out += "</style></head><body>\n";
    let c = &r.comparison;
    let _ = write!(
        out,
        "<h1>Candidate sites of the consolidation centre</h1>\n<p class=\"muted\">Scenario <b>{}</b>: the same orders (one cohort, checked seed by seed) run through each candidate site, the centre's operator moved there and all else equal; {} seeds ({}). Sites ranked on the cohort's kg CO₂e well-to-wheel; each figure is a mean with its 95 % interval (Student's t over seeds), and its difference from the best site paired seed by seed. Made by freightsim {}.</p>\n",
        esc(&sc.name),
        c.seeds.len(),
        c.seeds
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        env!("CARGO_PKG_VERSION")
    );
    let metrics: Vec<(String, String)> = r
        .rows
        .iter()
        .take_while(|row| row.rank == 1)
        .map(|row| (row.metric.clone(), row.unit.clone()))
        .collect();
    // Metrics down, sites across (best first): a page as narrow as the number of sites.
    let n = r.candidates.len();
    let by_rank: Vec<Vec<&crate::simulation::ucc::sites::SiteRow>> = (1..=n)
        .map(|rank| r.rows.iter().filter(|x| x.rank == rank).collect())
        .collect();
    out += "<h2>Ranking</h2>\n<table><thead><tr><th>metric</th>";
    for rows in &by_rank {
        if let Some(first) = rows.first() {
            let _ = write!(out, "<th>{}. {}</th>", first.rank, esc(&first.site));
        }
    }
    out += "</tr></thead><tbody>\n";
    for (m, u) in &metrics {
        let _ = write!(out, "<tr><td>{} ({})</td>", esc(m), esc(u));
        for rows in &by_rank {
            let Some(x) = rows.iter().find(|x| &x.metric == m) else {
                out += "<td></td>";
                continue;
            };
            let _ = write!(
                out,
                "<td class=\"n\" data-metric=\"{}\" data-site=\"{}\" data-value=\"{}\">{}<br><span class=\"muted\">{}</span></td>",
                esc(&x.metric),
                esc(&x.site),
                x.mean.0,
                pm(x.mean, false),
                if x.rank == 1 {
                    "best".to_owned()
                } else {
                    format!("{} vs best", pm(x.vs_best, true))
                }
            );
        }
        out += "</tr>\n";
    }
    out += "<tr><td>same orders as the others</td>";
    for rows in &by_rank {
        if let Some(first) = rows.first() {
            let _ = write!(
                out,
                "<td>{}</td>",
                if first.same_cohort { "yes" } else { "NO" }
            );
        }
    }
    out += "</tr>\n</tbody></table>\n";
    // The map: streets, the zone, the candidates (numbered by rank) and the carriers' depots.
    let mut depots: Vec<(LonLat, usize, String)> = Vec::new();
    for rank in 1..=n {
        if let Some(x) = r.rows.iter().find(|x| x.rank == rank) {
            depots.push((x.position, rank - 1, format!("{rank}. {}", x.site)));
        }
    }
    let op = sc.ucc.as_ref().map_or(usize::MAX, |u| u.operator);
    for (c, carrier) in sc.carriers.iter().enumerate() {
        if c != op {
            depots.push((carrier.depot.position, n + c, carrier.depot.name.clone()));
        }
    }
    let zones = sc
        .zones
        .iter()
        .flat_map(|z| {
            z.area.0.iter().map(move |p| {
                let ring = |l: &geo::LineString<f64>| -> Vec<LonLat> {
                    l.0.iter().map(|c| LonLat::new(c.x, c.y)).collect()
                };
                let mut rings = vec![ring(p.exterior())];
                rings.extend(p.interiors().iter().map(ring));
                (rings, z.name.clone())
            })
        })
        .collect();
    let layers = MapLayers {
        streets: network
            .segments()
            .iter()
            .map(|s| s.geometry.as_slice())
            .collect(),
        routes: Vec::new(),
        marks: depots
            .iter()
            .take(n)
            .map(|(p, k, _)| (*p, (k + 1).to_string()))
            .collect(),
        depots,
        zones,
    };
    out += "<h2>Where they are</h2>\n<p class=\"muted\">Squares: the candidate sites, numbered by rank, and the carriers' depots (on the map's edge, in their direction, when outside the extract); dashed: the zone.</p>\n<figure>";
    out += &svg(&layers, 900.0);
    out += "</figure>\n<ul>";
    for (rank, d) in layers_names(r) {
        let _ = write!(out, "<li>{rank}. {}</li>", esc(&d));
    }
    out += "</ul>\n</body></html>\n";
    out
}

fn layers_names(r: &SiteRanking) -> Vec<(usize, String)> {
    let mut v: Vec<(usize, String)> = Vec::new();
    for x in &r.rows {
        if !v.iter().any(|(k, _)| *k == x.rank) {
            v.push((
                x.rank,
                format!("{} ({:.5}, {:.5})", x.site, x.position.lon, x.position.lat),
            ));
        }
    }
    v
}
