//! One delivering day of 5,000 parcel orders: the scale the national sweep meets in a whole
//! country (issue 21). The scenario is written by `freightsim init` from all of Malta
//! (`$FREIGHTSIM_DATA/scale/malta_2016.osm.pbf`, default `../shared/data`), today's practice
//! (24h, `immediate`); the parcels carrier's first 5,000 orders of the generated demand go
//! through the policy and the routing core (its iteration budget from the scenario). The world
//! (network, sites, matrices) is built once outside the measurement. A missing extract is
//! reported and the bench skipped. Run with `cargo bench --bench day_scale`.

use criterion::{Criterion, criterion_group, criterion_main};
use freightsim::demand::DemandModel;
use freightsim::dispatch;
use freightsim::init::{InitOptions, init};
use freightsim::simulation::{OrderState, day, world};
use std::hint::black_box;
use std::path::PathBuf;

/// Orders in the measured day.
const ORDERS: usize = 5_000;

fn data_dir() -> PathBuf {
    std::env::var_os("FREIGHTSIM_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    )
}

fn bench(c: &mut Criterion) {
    let osm = data_dir().join("scale/malta_2016.osm.pbf");
    if !osm.exists() {
        eprintln!(
            "note: {} not found, skipping the day_scale bench",
            osm.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("malta.toml");
    init(&InitOptions {
        osm,
        out: path.clone(),
        inhabitants: None,
        depots: Vec::new(),
        zone: None,
        name: None,
    })
    .expect("init writes Malta's scenario");
    let sc = freightsim::scenario::load(&path).expect("the written scenario loads");
    let world = world::build(&sc, |_| Ok(())).expect("world builds");
    let model = DemandModel::new(&sc, &world.sites);
    let nearby = world::nearby_daily(&world.sites, model.expected_daily());
    let policy = dispatch::policy(&sc.dispatch);
    let carrier = sc
        .carriers
        .iter()
        .position(|c| c.name == "parcels")
        .expect("init writes a parcels carrier");
    // The parcels carrier's orders of the first days, cut to exactly ORDERS, all open today.
    let today = 1;
    let states: Vec<OrderState> = (0..today)
        .flat_map(|d| model.orders_for_day(&world.sites, d))
        .filter(|o| o.carrier == carrier)
        .take(ORDERS)
        .map(OrderState::new)
        .collect();
    assert_eq!(
        states.len(),
        ORDERS,
        "a day of Malta gives {ORDERS} parcel orders"
    );
    let backlog: Vec<usize> = (0..states.len()).collect();
    let ctx = day::RunContext {
        sc: &sc,
        world: &world,
        nearby: &nearby,
        policy: policy.as_ref(),
        warm_up: None,
    };
    let mut group = c.benchmark_group("day_scale");
    group.sample_size(10);
    group.bench_function(
        format!(
            "malta_24h_immediate_day/parcels ({ORDERS} orders, {} vans, {} routing iterations)",
            sc.carriers[carrier].fleet.iter().map(|f| f.1).sum::<u32>(),
            sc.routing_iterations
        ),
        |b| {
            b.iter(|| day::carrier_day(&ctx, carrier, black_box(today), &backlog, &states).unwrap())
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
