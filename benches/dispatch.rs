//! One delivering day of the Lorient baseline under `72h` + `consolidate`: the parcel
//! carrier's backlog after three days of orders goes through the policy and the routing
//! core (the day loop's hot path). Fixed seed; the world (network, sites, matrices) is built
//! once outside the measurement.

use criterion::{Criterion, criterion_group, criterion_main};
use freightsim::demand::DemandModel;
use freightsim::dispatch;
use freightsim::scenario::PolicyKind;
use freightsim::simulation::{OrderState, day, world};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/lorient-baseline.toml");
    let mut sc = freightsim::scenario::load(&path).expect("baseline loads");
    for rule in sc.rules.values_mut() {
        *rule = freightsim::scenario::LeadTimeRule::named("72h").unwrap();
    }
    sc.dispatch.policy = PolicyKind::Consolidate;
    let world = world::build(&sc, |_| Ok(())).expect("world builds");
    let model = DemandModel::new(&sc, &world.sites);
    let nearby = world::nearby_daily(&world.sites, model.expected_daily());
    let policy = dispatch::policy(&sc.dispatch);
    let states: Vec<OrderState> = (0..3)
        .flat_map(|d| model.orders_for_day(&world.sites, d))
        .map(OrderState::new)
        .collect();
    let ctx = day::RunContext {
        sc: &sc,
        world: &world,
        nearby: &nearby,
        policy: policy.as_ref(),
        warm_up: None,
    };
    let today = 2;
    for carrier in 0..sc.carriers.len() {
        let backlog: Vec<usize> = (0..states.len())
            .filter(|&g| states[g].order.carrier == carrier)
            .collect();
        let name = format!(
            "lorient_72h_consolidate_day/{} ({} open orders)",
            sc.carriers[carrier].name,
            backlog
                .iter()
                .filter(|&&g| states[g].open_from <= today)
                .count()
        );
        c.bench_function(&name, |b| {
            b.iter(|| day::carrier_day(&ctx, carrier, black_box(today), &backlog, &states).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
