//! Routing benchmarks on public instances (fixed seeds, fixed budgets, no timed asserts).
//!
//! Instances come from `$FREIGHTSIM_BENCH` (default `<crate>/../shared/bench`):
//! - `read/X-n1001-k43`: parsing a 1000-client VRPLIB file and building its matrix;
//! - `check/X-n1001-k43`: the independent checker on the published best solution.

use criterion::{Criterion, criterion_group, criterion_main};
use freightsim::instances::{self, Instance, read_solution_file};
use freightsim::routing::check::check;
use std::hint::black_box;
use std::path::PathBuf;

fn bench_dir() -> PathBuf {
    std::env::var_os("FREIGHTSIM_BENCH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench"))
}

fn instance(rel: &str) -> (PathBuf, Instance) {
    let path = bench_dir().join("instances").join(rel);
    let inst = instances::read(&path, None)
        .unwrap_or_else(|e| panic!("{e} (set FREIGHTSIM_BENCH to the shared bench folder)"));
    (path, inst)
}

fn read_and_check(c: &mut Criterion) {
    let (path, inst) = instance("cvrp_x/X-n1001-k43.vrp");
    c.bench_function("read/X-n1001-k43", |b| {
        b.iter(|| instances::read(black_box(&path), None).unwrap())
    });
    let published = read_solution_file(&path.with_extension("sol"), &inst).unwrap();
    c.bench_function("check/X-n1001-k43", |b| {
        b.iter(|| check(black_box(&inst.problem), black_box(&published.solution)).unwrap())
    });
}

criterion_group!(benches, read_and_check);
criterion_main!(benches);
