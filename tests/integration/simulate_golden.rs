//! `freightsim simulate` on the tiny_town scenario: golden outputs, byte-identical results
//! with one and two threads, and every order accounted for exactly once.
//!
//! Set `FREIGHTSIM_BLESS=1` to rewrite `tests/golden/tiny_town/` after a reviewed change.

use super::common::{freightsim, read_csv, tests_path};
use std::path::Path;

const FILES: [&str; 6] = [
    "summary.json",
    "days.csv",
    "trips.csv",
    "orders.csv",
    "routes.geojson",
    "report.html",
];

fn run_tiny(out: &Path, threads: usize) {
    let scenario = tests_path("scenarios/tiny_town.toml");
    let output = freightsim(
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        Some(threads),
    );
    assert!(
        output.status.success(),
        "simulate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn outputs_match_the_golden_files_and_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run_tiny(&one, 1);
    run_tiny(&two, 2);
    let golden = tests_path("golden/tiny_town");
    let bless = std::env::var_os("FREIGHTSIM_BLESS").is_some();
    for f in FILES {
        let a = std::fs::read(one.join(f)).unwrap();
        let b = std::fs::read(two.join(f)).unwrap();
        assert!(a == b, "{f} differs between 1 and 2 threads");
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(golden.join(f), &a).unwrap();
        }
        let g = std::fs::read(golden.join(f))
            .unwrap_or_else(|_| panic!("missing golden {f}: run with FREIGHTSIM_BLESS=1"));
        assert!(
            a == g,
            "{f} differs from tests/golden/tiny_town/{f}: review the change, then rewrite the \
             golden files with FREIGHTSIM_BLESS=1 cargo test"
        );
    }
}

#[test]
fn every_order_ends_delivered_late_or_unassigned_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path(), 2);
    let orders = read_csv(&dir.path().join("orders.csv"));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let days = read_csv(&dir.path().join("days.csv"));
    let placed: usize = days
        .iter()
        .map(|d| d["orders_placed"].parse::<usize>().unwrap())
        .sum();
    assert!(placed > 100, "the scenario places orders: {placed}");
    assert_eq!(orders.len(), placed, "one row per order placed");
    let mut ids: Vec<&String> = orders.iter().map(|o| &o["order_id"]).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), orders.len(), "order ids are unique");
    let mut delivered = 0;
    let mut failed = 0;
    for o in &orders {
        failed += o["failed_attempts"].parse::<usize>().unwrap();
        match o["status"].as_str() {
            "delivered" | "late" => {
                delivered += 1;
                assert!(!o["delivered_day"].is_empty(), "{o:?}");
                assert!(o["reason"].is_empty(), "{o:?}");
            }
            "unassigned" => {
                assert!(o["delivered_day"].is_empty(), "{o:?}");
                assert!(
                    !o["reason"].is_empty(),
                    "unassigned without a reason: {o:?}"
                );
            }
            other => panic!("order {} ends {other}", o["order_id"]),
        }
    }
    // The far-away gift shop is never reached, and says why.
    let far: Vec<_> = orders
        .iter()
        .filter(|o| o["status"] == "unassigned")
        .collect();
    assert!(!far.is_empty() && far.iter().all(|o| o["reason"] == "unreachable"));
    // Every stop visit in trips.csv is a delivery or a failed attempt.
    let trips = read_csv(&dir.path().join("trips.csv"));
    let visits: usize = trips
        .iter()
        .map(|t| t["orders"].parse::<usize>().unwrap())
        .sum();
    assert_eq!(visits, delivered + failed);
    let counts = &summary["orders"];
    let total: u64 = ["delivered", "late", "unassigned"]
        .iter()
        .map(|k| counts[*k].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total as usize, orders.len());
}
