//! The hindsight plan and the policy benchmark on the tiny_town week.

use super::common::tests_path;
use freightsim::simulation::hindsight::{self, HindsightParams};
use freightsim::simulation::policies::{BenchmarkParams, benchmark};
use freightsim::simulation::{RunOptions, Status, build_world, day_loop};

fn tiny() -> freightsim::scenario::Scenario {
    let mut sc = freightsim::scenario::load(&tests_path("scenarios/tiny_town.toml")).unwrap();
    sc.ecommerce.failed_first_attempt_rate = 0.0;
    for rule in sc.rules.values_mut() {
        *rule = freightsim::scenario::LeadTimeRule::named("72h").unwrap();
    }
    sc
}

#[test]
fn the_hindsight_plan_serves_every_order_inside_its_window_once() {
    let sc = tiny();
    let (world, listed) = build_world(&sc).unwrap();
    let run = day_loop(&sc, &world, listed, &RunOptions::default()).unwrap();
    let params = HindsightParams {
        block_days: 4,
        commit_days: 2,
        iterations: 300,
    };
    let plan = hindsight::plan(&sc, &world, &run.orders, &params).unwrap();
    assert_eq!(plan.orders.len(), run.orders.len());
    let visits: usize = plan.trips.iter().map(|t| t.orders).sum();
    let delivered = plan
        .orders
        .iter()
        .filter(|o| o.delivered_day.is_some())
        .count();
    assert_eq!(
        visits, delivered,
        "each delivered order is on exactly one trip"
    );
    for st in &plan.orders {
        let o = &st.order;
        match (&st.status, st.delivered_day) {
            (Status::Delivered, Some(d)) => {
                assert!(d >= o.earliest_day && d <= o.latest_day, "{} on {d}", o.id)
            }
            (Status::Unassigned(reason), None) => {
                assert_eq!(reason, "unreachable", "{}", o.id)
            }
            (s, d) => panic!("{} ends {s:?} on {d:?}", o.id),
        }
    }
    // Same unreachable orders as the day loop: the plan loses nothing else.
    let unreachable = |orders: &[freightsim::simulation::OrderState]| {
        orders
            .iter()
            .filter(|o| matches!(o.status, Status::Unassigned(_)))
            .count()
    };
    assert_eq!(unreachable(&plan.orders), unreachable(&run.orders));
}

#[test]
fn the_benchmark_pairs_policies_on_the_same_orders() {
    let sc = tiny();
    let (world, listed) = build_world(&sc).unwrap();
    let params = BenchmarkParams {
        rules: vec!["24h".into(), "72h".into()],
        policies: vec!["immediate".into(), "lazy".into(), "hindsight".into()],
        seeds: 2,
        exempt: vec![],
        hindsight: HindsightParams {
            block_days: 4,
            commit_days: 2,
            iterations: 200,
        },
    };
    let rows = benchmark(&sc, &world, &listed, &params).unwrap();
    assert_eq!(rows.len(), 6);
    let row = |rule: &str, policy: &str| {
        rows.iter()
            .find(|r| r.rule == rule && r.policy == policy)
            .unwrap()
    };
    // Under 24h no order is ever optional: lazy and immediate make the same decisions.
    assert_eq!(
        row("24h", "lazy").cost_mean,
        row("24h", "immediate").cost_mean
    );
    assert_eq!(row("24h", "lazy").saving_vs_immediate_pct, 0.0);
    assert_eq!(row("72h", "immediate").saving_vs_immediate_pct, 0.0);
    assert!(row("72h", "immediate").cost_mean > 0.0);
    assert!(row("72h", "hindsight").gap_to_hindsight_pct.abs() < 1e-9);
    assert!(row("72h", "lazy").saving_ci95.is_finite());
    // Savings against the reference (24h immediate) are paired seed by seed across rules.
    let reference = row("24h", "immediate");
    assert_eq!(reference.co2e_saving_vs_reference_pct, 0.0);
    assert_eq!(reference.cost_saving_vs_reference_pct, 0.0);
    let lazy = row("72h", "lazy");
    let pct = 100.0 * (reference.co2e_kg_mean - lazy.co2e_kg_mean) / reference.co2e_kg_mean;
    // The mean of per-seed ratios is near the ratio of means, not equal: close, same sign.
    assert!(
        (lazy.co2e_saving_vs_reference_pct - pct).abs() < 5.0,
        "{} vs {pct}",
        lazy.co2e_saving_vs_reference_pct
    );
    assert_eq!(
        row("72h", "immediate").cost_saving_vs_reference_pct,
        row("72h", "immediate").saving_vs_immediate_pct,
        "72h immediate sends what 24h immediate sends"
    );
}

#[test]
fn without_the_hindsight_plan_failed_attempts_stay() {
    let mut sc = tiny();
    sc.ecommerce.failed_first_attempt_rate = 0.5;
    let (world, listed) = build_world(&sc).unwrap();
    let params = |policies: &[&str]| BenchmarkParams {
        rules: vec!["24h".into()],
        policies: policies.iter().map(|p| p.to_string()).collect(),
        seeds: 1,
        exempt: vec![],
        hindsight: HindsightParams {
            block_days: 4,
            commit_days: 2,
            iterations: 200,
        },
    };
    let kept = benchmark(&sc, &world, &listed, &params(&["immediate"])).unwrap();
    let zeroed = benchmark(&sc, &world, &listed, &params(&["immediate", "hindsight"])).unwrap();
    // Failed attempts are re-delivered: more trips or km with them than without.
    assert!(
        kept[0].vehicle_km_mean > zeroed[0].vehicle_km_mean,
        "{} vs {}",
        kept[0].vehicle_km_mean,
        zeroed[0].vehicle_km_mean
    );
}
