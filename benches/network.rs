//! Speed of the network stage and of travel matrices on real extracts.
//!
//! Workloads: decode + build every profile's network (Lorient centre, Malta), and a
//! 1,000 × 1,000 van matrix between random snapped points (fixed seed); on Malta, a
//! 2,000 × 2,000 van matrix by contraction hierarchy and by Dijkstra, and the contraction. Data is read from
//! `$FREIGHTSIM_DATA` (default `../shared/data`); a missing file is reported and its benches
//! skipped. Run with `cargo bench --bench network`.

use criterion::{Criterion, criterion_group, criterion_main};
use freightsim::matrix::Router;
use freightsim::network::{Profile, ProfileNetwork, RoadNetwork, SnapParams};
use freightsim::units::LonLat;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn data_dir() -> PathBuf {
    std::env::var_os("FREIGHTSIM_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    )
}

/// `count` points near random nodes of `network` (up to about 100 m off), snapped.
fn random_snapped_nodes(network: &ProfileNetwork, count: usize, seed: u64) -> Vec<LonLat> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let nodes = network.graph().raw_nodes();
    (0..count)
        .map(|_| {
            let p = nodes[rng.random_range(0..nodes.len())].weight.position;
            LonLat::new(
                p.lon + rng.random_range(-0.0013..0.0013),
                p.lat + rng.random_range(-0.0009..0.0009),
            )
        })
        .collect()
}

fn bench_extract(c: &mut Criterion, name: &str, relative: &str) {
    let path = data_dir().join(relative);
    if !path.exists() {
        eprintln!(
            "note: {} not found, skipping the {name} benches",
            path.display()
        );
        return;
    }
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function(format!("decode+build {name}"), |b| {
        b.iter(|| {
            let extract = freightsim::osm::read(black_box(&path)).expect("extract decodes");
            black_box(RoadNetwork::build(&extract).expect("network builds"))
        })
    });
    let extract = freightsim::osm::read(&path).expect("extract decodes");
    let network = RoadNetwork::build(&extract).expect("network builds");
    let van = network.profile(Profile::Van);
    let points = random_snapped_nodes(van, 1000, 42);
    let snaps = van
        .snap_all(&points, &SnapParams::default())
        .expect("points snap");
    let router = Router::new(van);
    group.bench_function(format!("van matrix 1000x1000 {name}"), |b| {
        b.iter(|| black_box(router.matrix_for_snaps(black_box(&snaps))))
    });
    group.finish();
}

/// Contraction hierarchy against per-row Dijkstra for a 2,000-point van matrix: contraction
/// of the core, then one matrix each way (checked equal once, bit for bit).
fn bench_ch(c: &mut Criterion, name: &str, relative: &str) {
    let path = data_dir().join(relative);
    if !path.exists() {
        eprintln!(
            "note: {} not found, skipping the {name} hierarchy benches",
            path.display()
        );
        return;
    }
    let extract = freightsim::osm::read(&path).expect("extract decodes");
    let network = RoadNetwork::build(&extract).expect("network builds");
    let van = network.profile(Profile::Van);
    let points = random_snapped_nodes(van, 2000, 7);
    let snaps = van
        .snap_all(&points, &SnapParams::default())
        .expect("points snap");
    let router = Router::new(van);
    let ch = router.contraction_hierarchy();
    assert_eq!(
        router.matrix_for_snaps_ch(&ch, &snaps),
        router.matrix_for_snaps(&snaps),
        "the hierarchy gives Dijkstra's matrix"
    );
    let mut group = c.benchmark_group(format!("{name} ch"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("contract van core {name}"), |b| {
        b.iter(|| black_box(router.contraction_hierarchy()))
    });
    group.bench_function(format!("van matrix 2000x2000 ch {name}"), |b| {
        b.iter(|| black_box(router.matrix_for_snaps_ch(&ch, black_box(&snaps))))
    });
    group.bench_function(format!("van matrix 2000x2000 dijkstra {name}"), |b| {
        b.iter(|| black_box(router.matrix_for_snaps(black_box(&snaps))))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_extract(c, "lorient", "lorient_centre_2019.osm.pbf");
    bench_extract(c, "malta", "scale/malta_2016.osm.pbf");
}

fn ch_benches(c: &mut Criterion) {
    bench_ch(c, "malta", "scale/malta_2016.osm.pbf");
}

criterion_group!(network, benches, ch_benches);
criterion_main!(network);
