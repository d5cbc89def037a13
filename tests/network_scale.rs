//! Every larger real extract of `$FREIGHTSIM_DATA/scale` (default `../shared/data/scale`)
//! builds sane per-profile networks. Skipped when the directory is absent (see `tests/common`).

use freightsim::network::{Profile, RoadNetwork, SnapParams, check};
use freightsim::units::LonLat;
use std::path::Path;

mod common;

fn build(dir: &Path, name: &str) -> RoadNetwork {
    let path = dir.join(name);
    let extract = freightsim::osm::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    RoadNetwork::build(&extract).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_scale_extract_builds_sane_networks() {
    let Some(dir) = common::shared_data("scale") else {
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".osm.pbf"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    for name in &names {
        let network = build(&dir, name);
        for p in network.profiles() {
            assert_eq!(check(p), Vec::<String>::new(), "{name} {}", p.profile());
        }
        let van = network.profile(Profile::Van).summary();
        // The van SCC holds most van junctions (seen: 87 % to 99 %).
        assert!(van.scc_nodes > 1000, "{name}: {van:?}");
        assert!(van.scc_nodes * 100 >= van.nodes * 80, "{name}: {van:?}");
        eprintln!("{name}: {van:?}");
    }
}

#[test]
fn malta_drops_gozo_and_flags_snaps_there() {
    // Gozo and Comino have no road link to Malta (ferries are not roads): the van SCC is
    // the main island; Gozo's roads are dropped (hundreds of km).
    let Some(dir) = common::shared_data("scale") else {
        return;
    };
    let network = build(&dir, "malta_2016.osm.pbf");
    let van = network.profile(Profile::Van);
    let s = van.summary();
    assert!(s.dropped_components >= 2, "{s:?}");
    assert!(s.dropped_road_km > 200.0, "{s:?}");
    assert!(s.scc_road_km > 1500.0, "{s:?}");
    let params = SnapParams::default();
    // Valletta, on the main island: a close snap.
    let valletta = van.snap(LonLat::new(14.5146, 35.8989), &params).unwrap();
    assert!(!valletta.far, "{valletta:?}");
    // Victoria (Rabat), Gozo: the nearest kept road is on Malta, kilometres away.
    let victoria = van.snap(LonLat::new(14.2396, 36.0443), &params).unwrap();
    assert!(victoria.far && victoria.distance.0 > 4000.0, "{victoria:?}");
}
