//! Decoding speed of the `osm` stage on real extracts.
//!
//! Workloads: "decode lorient" (`lorient_centre_2019.osm.pbf`, 266 KB) and "decode malta"
//! (`scale/malta_2016.osm.pbf`, 3.3 MB, the whole country). Files are read from
//! `$FREIGHTSIM_DATA`, or `<crate>/../shared/data` when unset. Lorient is required; Malta is
//! skipped with a note when absent. Compare with `osmium fileinfo -e` on the same file.

use criterion::{Criterion, criterion_group, criterion_main};
use freightsim::osm;
use std::hint::black_box;
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    std::env::var_os("FREIGHTSIM_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

fn decode(c: &mut Criterion) {
    let lorient = data_dir().join("lorient_centre_2019.osm.pbf");
    assert!(
        lorient.is_file(),
        "missing {}: set FREIGHTSIM_DATA to the shared data directory",
        lorient.display()
    );
    c.bench_function("decode lorient", |b| {
        b.iter(|| osm::read(black_box(&lorient)).expect("Lorient decodes"))
    });
    let lorient_gz = data_dir().join("lorient_centre_2019.osm.gz");
    if lorient_gz.is_file() {
        c.bench_function("decode lorient xml.gz", |b| {
            b.iter(|| osm::read(black_box(&lorient_gz)).expect("Lorient decodes"))
        });
    }
    let malta = data_dir().join("scale/malta_2016.osm.pbf");
    if malta.is_file() {
        c.bench_function("decode malta", |b| {
            b.iter(|| osm::read(black_box(&malta)).expect("Malta decodes"))
        });
    } else {
        eprintln!(
            "skipping \"decode malta\": {} is absent (set FREIGHTSIM_DATA)",
            malta.display()
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = decode
}
criterion_main!(benches);
