//! Routing benchmarks on public instances (fixed seeds, fixed budgets, no timed asserts).
//!
//! Instances come from `$FREIGHTSIM_BENCH` (default `<crate>/../shared/bench`):
//! - `read/X-n1001-k43`: parsing a 1000-client VRPLIB file and building its matrix;
//! - `check/X-n1001-k43`: the independent checker on the published best solution;
//! - `construction/R101`, `construction/X-n1001-k43`: `routing::solve` with zero
//!   iterations, i.e. validation plus the cheapest-insertion construction;
//! - `search/R101/1000-iterations`: a fixed budget of ruin-and-recreate iterations (seed 1),
//!   reported as iterations per second. The solver does not expose a count of local-search
//!   moves evaluated, so moves per second cannot be measured through its public API.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use freightsim::instances::{self, Instance, read_solution_file};
use freightsim::routing::check::check;
use freightsim::routing::{SolveParams, solve};
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

fn iterations(n: u64) -> SolveParams {
    SolveParams {
        seed: 1,
        max_iterations: Some(n),
        time_limit: None,
    }
}

fn construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("construction");
    group.sample_size(10);
    for rel in ["solomon/R101.txt", "cvrp_x/X-n1001-k43.vrp"] {
        let (_, inst) = instance(rel);
        group.bench_function(inst.name.as_str(), |b| {
            b.iter(|| solve(black_box(&inst.problem), &iterations(0)).unwrap())
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    let (_, inst) = instance("solomon/R101.txt");
    let mut group = c.benchmark_group("search/R101");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1000));
    group.bench_function("1000-iterations", |b| {
        b.iter(|| solve(black_box(&inst.problem), &iterations(1000)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, read_and_check, construction, search);
criterion_main!(benches);
