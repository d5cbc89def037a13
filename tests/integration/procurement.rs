//! The procurement study's scenarios (`data/scenarios/lorient-procurement*.toml`): each
//! validates and runs on a short horizon with every order accounted for; the public buyer's
//! orders are their own categories and go to their sites' flows' hours; grouping a week's
//! needs keeps the goods and caps the orders.

use freightsim::demand::SiteKind;
use freightsim::scenario::Scenario;
use freightsim::simulation::{self, Outcome, RunOptions, Status};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn procurement_scenarios() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("lorient-procurement") && n.ends_with(".toml"))
        })
        .collect();
    out.sort();
    out
}

/// The scenario at `path` on its first `days` days, no warm-up.
fn short(path: &std::path::Path, days: u32) -> Scenario {
    let mut sc = freightsim::scenario::load(path)
        .unwrap_or_else(|e| panic!("{} does not validate: {e}", path.display()));
    sc.horizon.days = days;
    sc.horizon.warm_up_days = 0;
    sc
}

fn run(sc: &Scenario) -> Outcome {
    simulation::run(sc, &RunOptions::default())
        .unwrap_or_else(|e| panic!("{} does not run: {e}", sc.name))
}

#[test]
fn every_shipped_procurement_scenario_runs_with_every_order_accounted_for() {
    let paths = procurement_scenarios();
    assert!(paths.len() >= 6, "baseline and five packages: {paths:?}");
    for path in &paths {
        // A working week: Monday to Friday, so even a weekly grouped order is placed.
        let sc = short(path, 5);
        let out = run(&sc);
        assert!(!out.orders.is_empty(), "{}: no order", sc.name);
        for o in &out.orders {
            match &o.status {
                Status::Open => panic!("{}: order {} left open", sc.name, o.order.id),
                Status::Unassigned(reason) => {
                    assert!(
                        !reason.is_empty(),
                        "{}: {} without reason",
                        sc.name,
                        o.order.id
                    )
                }
                Status::Delivered | Status::Late => {
                    assert!(o.delivered_day.is_some(), "{}: {}", sc.name, o.order.id)
                }
            }
            // Only the public buyer's orders, each at a public site.
            assert!(
                o.order.category.starts_with("public_"),
                "{}",
                o.order.category
            );
            let site = &out.world.sites[o.order.site.0 as usize];
            assert!(matches!(site.kind, SiteKind::Public(_)), "{}", o.order.id);
        }
        // Every delivery is one visit of some trip.
        let delivered = out
            .orders
            .iter()
            .filter(|o| o.delivered_day.is_some())
            .count();
        let visits: usize = out.trips.iter().map(|t| t.orders).sum();
        assert_eq!(visits, delivered, "{}", sc.name);
        // Meals arrive within their flow's hours (06:00-11:00), not the site's whole span.
        for t in &out.trips {
            for (k, &(arrive, _)) in t.stop_times.iter().enumerate() {
                let site = &out.world.sites[t.sites[k] as usize];
                assert!(
                    arrive <= site.receive.1 + 1e-6,
                    "{}: a stop at {arrive} s after the site closes",
                    sc.name
                );
            }
        }
    }
}

#[test]
fn meals_are_received_in_their_own_hours() {
    let path = procurement_scenarios()
        .into_iter()
        .find(|p| p.ends_with("lorient-procurement.toml"))
        .unwrap();
    let out = run(&short(&path, 5));
    let mut meal_sites = 0;
    for t in out
        .trips
        .iter()
        .filter(|t| out.scenario.carriers[t.carrier].name == "meals")
    {
        for &(arrive, _) in &t.stop_times {
            meal_sites += 1;
            assert!(
                (6.0 * 3600.0 - 1e-6..=11.0 * 3600.0 + 1e-6).contains(&arrive),
                "meals at {} h",
                arrive / 3600.0
            );
        }
    }
    assert!(meal_sites > 0);
}

#[test]
fn grouping_a_weeks_needs_keeps_the_goods_and_caps_the_orders_per_site() {
    let paths = procurement_scenarios();
    let find = |end: &str| {
        let p = paths.iter().find(|p| p.ends_with(end)).unwrap();
        short(p, 14)
    };
    let (base, grouped) = (
        find("lorient-procurement.toml"),
        find("lorient-procurement-grouped.toml"),
    );
    assert_eq!(grouped.demand.public_orders_per_week, Some(1));
    let (a, b) = (run(&base), run(&grouped));
    let totals = |o: &Outcome, category: &str| {
        let mine: Vec<_> = o
            .orders
            .iter()
            .filter(|s| s.order.category == category)
            .collect();
        let kg: f64 = mine.iter().map(|s| s.order.kg).sum();
        let parcels: u32 = mine.iter().map(|s| s.order.parcels).sum();
        (mine.len(), kg, parcels)
    };
    // Meals are not groupable: the very same orders.
    assert_eq!(totals(&a, "public_food"), totals(&b, "public_food"));
    let (na, kga, pa) = totals(&a, "public_supplies");
    let (nb, kgb, pb) = totals(&b, "public_supplies");
    // The same needs (kg rounded per order), in fewer orders.
    assert_eq!(pa, pb);
    assert!(
        (kga - kgb).abs() < 0.05 * na as f64 + 1e-9,
        "{kga} vs {kgb} kg"
    );
    assert!(nb < na, "{nb} grouped orders vs {na}");
    // At most one supplies order per site and week, placed on Fridays.
    let mut per_week: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for s in b
        .orders
        .iter()
        .filter(|s| s.order.category == "public_supplies")
    {
        assert_eq!(
            s.order.placed_day % 7,
            4,
            "placed on day {}",
            s.order.placed_day
        );
        *per_week
            .entry((s.order.site.0, s.order.placed_day / 7))
            .or_default() += 1;
    }
    assert!(per_week.values().all(|&n| n == 1), "{per_week:?}");
}

#[test]
fn the_public_categories_need_the_public_buyer_on() {
    let path = procurement_scenarios()
        .into_iter()
        .find(|p| p.ends_with("lorient-procurement.toml"))
        .unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("public = true ", "public = false");
    let err = freightsim::scenario::load_str(&text, &path)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("lead_time.public_food")
            && err.contains("carrier[0].shares.public_food")
            && err.contains("need demand.public = true"),
        "{err}"
    );
    // On, the summary says where the public numbers stand.
    let out = run(&short(&path, 2));
    let s = freightsim::simulation::output::summary(&out);
    assert!(s.assumptions.iter().any(|a| a.contains("public_flows.csv")));
    assert_eq!(s.sites.get("school"), Some(&3));
}
