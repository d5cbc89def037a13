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
        passes: 1,
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
            passes: 1,
        },
        objectives: vec!["cost".into()],
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
            passes: 1,
        },
        objectives: vec!["cost".into()],
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

/// One seed of 72h with a short hindsight search (blocks of 4 days, 2 kept, 300 iterations).
fn short_72h(policies: &[&str], passes: u32, objectives: &[&str]) -> BenchmarkParams {
    BenchmarkParams {
        rules: vec!["72h".into()],
        policies: policies.iter().map(|p| p.to_string()).collect(),
        seeds: 1,
        exempt: vec![],
        hindsight: HindsightParams {
            block_days: 4,
            commit_days: 2,
            iterations: 300,
            passes,
        },
        objectives: objectives.iter().map(|o| o.to_string()).collect(),
    }
}

#[test]
fn the_hindsight_plan_costs_no_more_than_any_policy_and_the_bound_no_more_than_it() {
    let sc = tiny();
    let (world, listed) = build_world(&sc).unwrap();
    let params = short_72h(
        &["immediate", "lazy", "random", "consolidate", "hindsight"],
        2,
        &["cost", "carbon"],
    );
    let rows = benchmark(&sc, &world, &listed, &params).unwrap();
    assert_eq!(rows.len(), 10);
    for objective in ["cost", "carbon"] {
        let of = |policy: &str| {
            rows.iter()
                .find(|r| r.objective == objective && r.policy == policy)
                .unwrap()
        };
        let h = of("hindsight");
        for p in ["immediate", "lazy", "random", "consolidate"] {
            assert!(
                h.value_mean <= of(p).value_mean + 1e-6,
                "{objective}: hindsight {} above {p} {}",
                h.value_mean,
                of(p).value_mean
            );
            assert!(of(p).gap_to_hindsight_pct >= -1e-9, "{objective} {p}");
        }
        assert!(h.improvement_on_best_online_pct >= -1e-9);
        assert!(h.lower_bound_mean > 0.0, "{objective}: an empty bound");
        assert!(
            h.lower_bound_mean <= h.value_mean + 1e-6,
            "{objective}: bound {} above hindsight {}",
            h.lower_bound_mean,
            h.value_mean
        );
        assert!(h.gap_to_bound_pct >= 0.0);
    }
    // The carbon objective prices CO₂e on top of the cost: its values are larger.
    let value = |objective: &str| {
        rows.iter()
            .find(|r| r.objective == objective && r.policy == "immediate")
            .unwrap()
    };
    assert!(value("carbon").value_mean > value("carbon").cost_mean);
    // Under the cost objective the value is the cost of the trips after the warm-up (whole
    // trips); the cost column is the cohort's share of them, so at most the value.
    assert!(value("cost").cost_mean <= value("cost").value_mean + 1e-6);
}

#[test]
fn the_improved_plan_serves_each_order_once_within_its_window() {
    let sc = tiny();
    let (world, listed) = build_world(&sc).unwrap();
    let mut s = sc.clone();
    s.dispatch.policy = freightsim::scenario::PolicyKind::from_name("immediate").unwrap();
    let run = day_loop(&s, &world, listed, &RunOptions::default()).unwrap();
    let params = HindsightParams {
        block_days: 4,
        commit_days: 2,
        iterations: 300,
        passes: 1,
    };
    let plan = hindsight::improve(
        &s,
        &world,
        &run.orders,
        &[run.trips.as_slice()],
        0.0,
        &params,
    )
    .unwrap();
    let mut seen = vec![0; plan.orders.len()];
    for t in &plan.trips {
        for &(g, _) in &t.shares {
            seen[g] += 1;
            let o = &plan.orders[g].order;
            assert!(
                t.day >= o.earliest_day && t.day <= o.latest_day,
                "{} on {}",
                o.id,
                t.day
            );
        }
    }
    for (g, st) in run.orders.iter().enumerate() {
        let served = st.delivered_day.is_some();
        assert_eq!(seen[g], usize::from(served), "{}", st.order.id);
    }
}

#[test]
fn bad_policies_options_exit_2_naming_the_option() {
    let scenario = tests_path("scenarios/tiny_town.toml");
    let scenario = scenario.to_str().unwrap();
    for (args, needle) in [
        (vec!["--block-days", "400"], "--block-days 400"),
        (
            vec!["--block-days", "3", "--commit-days", "4"],
            "--commit-days 4",
        ),
        (
            vec!["--objective", "cost,happiness"],
            "--objective `happiness`",
        ),
        (
            vec!["--policies", "immediate", "--choices", "c.csv"],
            "--choices records the hindsight plan's choices",
        ),
        (
            vec![
                "--policies",
                "immediate,hindsight",
                "--choices",
                "/no/such/folder/c.csv",
            ],
            "--choices /no/such/folder/c.csv: cannot write it",
        ),
    ] {
        let mut all = vec!["policies", scenario];
        all.extend(args);
        let o = super::common::freightsim(&all, None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{all:?}: {err}");
        assert!(err.contains(needle), "{all:?}: {err}");
    }
}

#[test]
fn the_hindsight_choices_are_one_sample_per_optional_day_up_to_the_served_one() {
    use freightsim::simulation::policies::benchmark_with_choices;
    let sc = tiny();
    let (world, listed) = build_world(&sc).unwrap();
    let params = short_72h(&["immediate", "consolidate", "hindsight"], 1, &["cost"]);
    let (rows, choices) = benchmark_with_choices(&sc, &world, &listed, &params).unwrap();
    // The rows are the benchmark's own (compared as text: a one-seed interval is NaN).
    assert_eq!(
        format!("{rows:?}"),
        format!("{:?}", benchmark(&sc, &world, &listed, &params).unwrap())
    );
    assert!(!choices.is_empty());
    let mut by_order: std::collections::BTreeMap<
        &str,
        Vec<&freightsim::simulation::choices::Choice>,
    > = Default::default();
    for c in &choices {
        assert!(
            c.days_left >= 1,
            "{}: a mandatory day is no choice",
            c.order
        );
        assert!(c.detour_cost >= 0.0 && c.detour_cost <= c.round_trip_cost + 1e-9);
        assert!(c.round_trip_cost > 0.0);
        assert_eq!((c.rule.as_str(), c.objective.as_str()), ("72h", "cost"));
        by_order.entry(&c.order).or_default().push(c);
    }
    // Days rise; only the last sample of an order can be the day the plan served it.
    let mut served = 0;
    for samples in by_order.values() {
        for w in samples.windows(2) {
            assert!(w[0].day < w[1].day);
            assert_eq!(w[0].served_today, 0);
        }
        served += usize::from(samples.last().unwrap().served_today == 1);
    }
    // The plan serves some optional orders early and defers others: both labels occur.
    assert!(
        served > 0 && served < by_order.len(),
        "{served} of {}",
        by_order.len()
    );
}

/// The orders a run's trips carry on and after day `from`, and its trips before it.
fn served_from(
    run: &freightsim::simulation::LoopRun,
    from: u32,
) -> (Vec<usize>, Vec<(u32, usize, u64)>) {
    let mut after: Vec<usize> = run
        .trips
        .iter()
        .filter(|t| t.day >= from)
        .flat_map(|t| t.shares.iter().map(|&(g, _)| g))
        .collect();
    after.sort_unstable();
    after.dedup();
    let before = run
        .trips
        .iter()
        .filter(|t| t.day < from)
        .map(|t| (t.day, t.vehicle, t.distance_km.to_bits()))
        .collect();
    (after, before)
}

#[test]
fn with_the_common_warm_up_every_policy_serves_the_same_orders_after_it() {
    use freightsim::scenario::PolicyKind;
    let mut sc = tiny();
    sc.horizon.warm_up_days = 3;
    let (world, listed) = build_world(&sc).unwrap();
    let common = RunOptions {
        warm_up_policy: Some(PolicyKind::Immediate),
        ..RunOptions::default()
    };
    let run = |policy: PolicyKind, options: &RunOptions| {
        let mut s = sc.clone();
        s.dispatch.policy = policy;
        let run = day_loop(&s, &world, listed.clone(), options).unwrap();
        assert!(run.orders.iter().all(|o| o.status != Status::Open));
        served_from(&run, 3)
    };
    let (immediate, immediate_warm) = run(PolicyKind::Immediate, &common);
    assert!(!immediate_warm.is_empty() && !immediate.is_empty());
    for policy in [PolicyKind::Lazy, PolicyKind::Consolidate] {
        let (after, warm) = run(policy, &common);
        assert_eq!(warm, immediate_warm, "{policy:?}: the same warm-up trips");
        assert_eq!(after, immediate, "{policy:?}: the same orders after it");
    }
    // With its own warm-up, lazy leaves warm-up orders for the measured days.
    let (own, _) = run(PolicyKind::Lazy, &RunOptions::default());
    assert_ne!(own, immediate);
}
