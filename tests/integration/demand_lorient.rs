//! Demand on the embedded Lorient extract: homes only where people live, sites classed by
//! their most specific tag, and the baseline's demand on the published ratios.

use freightsim::demand::{SiteKind, sites_from_map};
use std::path::Path;

fn baseline() -> freightsim::scenario::Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/lorient-baseline.toml");
    freightsim::scenario::load(&path).expect("the baseline loads")
}

fn extract() -> freightsim::osm::OsmExtract {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/osm/lorient_centre_2019.osm.pbf");
    freightsim::osm::read(&path).expect("the extract reads")
}

fn tag<'a>(f: &'a freightsim::osm::MapFeature, key: &str) -> Option<&'a str> {
    freightsim::osm::tag(&f.tags, key)
}

#[test]
fn no_home_on_a_works_an_industrial_building_or_the_arsenal() {
    let sc = baseline();
    let map = extract();
    let sites = sites_from_map(&map, &sc);
    let by_source = |s: &str| sites.iter().find(|x| x.source == s);
    // The arsenal's works (building=yes + man_made=works, 40,000 m²) is no site at all.
    assert!(by_source("osm:way/71057982").is_none());
    let homes: Vec<_> = sites.iter().filter(|s| s.kind == SiteKind::Home).collect();
    assert!(homes.len() > 1000, "{} homes", homes.len());
    let features: std::collections::BTreeMap<String, &freightsim::osm::MapFeature> = map
        .features
        .iter()
        .map(|f| {
            let id = match f.id {
                freightsim::osm::OsmId::Node(i) => format!("osm:node/{i}"),
                freightsim::osm::OsmId::Way(i) => format!("osm:way/{i}"),
            };
            (id, f)
        })
        .collect();
    let non_residential = [
        "industrial",
        "commercial",
        "retail",
        "warehouse",
        "office",
        "public",
        "church",
        "school",
        "hospital",
        "garage",
        "garages",
        "roof",
        "shed",
        "bunker",
    ];
    for h in &homes {
        let f = features[&h.source];
        assert!(tag(f, "man_made").is_none(), "{} is man_made", h.source);
        let b = tag(f, "building").expect("a home is a building");
        assert!(
            !non_residential.contains(&b),
            "{} is building={b}",
            h.source
        );
        // Untagged buildings on mapped non-residential land (the arsenal is landuse=military).
        if let Some(area) = freightsim::osm::land_use_at(&map.land_use, f.location) {
            assert_eq!(
                area.value, "residential",
                "{} stands on landuse={}",
                h.source, area.value
            );
        }
    }
    // The arsenal's big untagged sheds at the east edge are not homes.
    for way in [71058848i64, 71062221, 658737418] {
        assert!(by_source(&format!("osm:way/{way}")).is_none(), "way {way}");
    }
}

#[test]
fn the_former_supermarkets_are_classed_by_their_specific_tags() {
    let sc = baseline();
    let sites = sites_from_map(&extract(), &sc);
    let kind = |source: &str| {
        sites
            .iter()
            .find(|s| s.source == source)
            .map(|s| s.kind.name(&sc).to_owned())
    };
    // The four shop=supermarket: two Carrefour City, Biocoop, Utile.
    for node in [576347529i64, 576347553, 4273736092, 5345410521] {
        assert_eq!(
            kind(&format!("osm:node/{node}")).as_deref(),
            Some("supermarket")
        );
    }
    // The department stores (Nouvelles Galeries, and an optician mapped as one).
    assert_eq!(
        kind("osm:way/69945670").as_deref(),
        Some("department_store")
    );
    assert_eq!(
        kind("osm:node/3969434863").as_deref(),
        Some("department_store")
    );
    // The malls (Espace Nayel, Le Rex) are no site: their shops are.
    assert_eq!(kind("osm:way/69947841"), None);
    assert_eq!(kind("osm:node/3969371451"), None);
    let supermarkets = sites
        .iter()
        .filter(|s| s.kind.name(&sc) == "supermarket")
        .count();
    assert_eq!(supermarkets, 4);
}

#[test]
fn the_baseline_demand_lands_on_the_published_ratios() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/lorient-baseline.toml");
    // Two weeks (three of warm-up) keep the test short; the ratios are per week and per year.
    let out = super::common::freightsim(
        &[
            "simulate",
            path.to_str().unwrap(),
            "--days",
            "14",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("B2B movements per job per week"),
        "{printed}"
    );
    assert!(
        printed.contains("parcels per inhabitant per year"),
        "{printed}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let d = &summary["demand_ratios"];
    let within = |got: f64, published: f64| (got / published - 1.0).abs() <= 0.25;
    let movements = d["movements_per_job_week"].as_f64().unwrap();
    let published = d["movements_per_job_week_published"].as_f64().unwrap();
    assert_eq!(published, 1.0);
    assert!(
        within(movements, published),
        "{movements} movements per job per week"
    );
    let parcels = d["parcels_per_inhabitant_year"].as_f64().unwrap();
    let published = d["parcels_per_inhabitant_year_published"].as_f64().unwrap();
    assert_eq!(published, 15.0);
    assert!(
        within(parcels, published),
        "{parcels} parcels per inhabitant per year"
    );
    // Every input carries its source; the inhabitants come from the map's home floor.
    for key in [
        "movements_per_job_week_source",
        "parcels_per_inhabitant_year_source",
        "jobs_source",
        "inhabitants_source",
    ] {
        assert!(!d[key].as_str().unwrap().is_empty(), "{key}");
    }
    assert!(
        d["inhabitants_source"]
            .as_str()
            .unwrap()
            .contains("m² of home floor")
    );
    let report = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(report.contains("demand_ratios.movements_per_job_week"));
    assert!(report.contains("demand_ratios.parcels_per_inhabitant_year"));
    // Unreachable homes are rare: under 0.1 % of the orders.
    let orders = &summary["orders"];
    let total: u64 = orders
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let unreachable = summary["unassigned_reasons"]["unreachable"]
        .as_u64()
        .unwrap_or(0);
    assert!(
        unreachable * 1000 < total,
        "{unreachable} unreachable of {total}"
    );
}
