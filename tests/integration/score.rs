//! `freightsim score`: a hand-written comparison with exactly known scores, and each kind of
//! bad input refused with exit code 2 and a message that names the problem.

use super::common::{freightsim, read_csv, tests_path};
use std::path::Path;

fn score(criteria: &Path, results: &[&Path], out: Option<&Path>) -> std::process::Output {
    let mut args = vec!["score".to_owned(), criteria.display().to_string()];
    args.extend(results.iter().map(|p| p.display().to_string()));
    if let Some(o) = out {
        args.push("--out".into());
        args.push(o.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    freightsim(&args, None)
}

#[test]
fn three_hand_written_packages_get_their_exact_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores");
    // The directory of the comparison is accepted as well as the file.
    let o = score(
        &tests_path("score/criteria.toml"),
        &[&tests_path("score")],
        Some(&out),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // climate: full at 60, none at 100 → a 0, b 1, c 0.5 (× 50).
    // late orders: 0.5 %, 1.5 %, 0 % of the orders, full at 0, none at 5 → 0.9, 0.7, 1 (× 30);
    //   b's upper bound 1.5 + 0.5 = 2 % > 1 %: b fails.
    // fill: 30, 50, 10 %, full at 50, none at 10 → 0.5, 1, 0 (× 20).
    // a = 27 + 10 = 37; b = 50 + 21 + 20 = 91 (fails); c = 25 + 30 = 55.
    // a at its unfavourable bounds: 110 kg → 0, 0.75 % → 0.85, 26 % → 0.4: 33.5;
    //   at its favourable ones: 90 kg → 0.25, 0.25 % → 0.95, 34 % → 0.6: 53.
    // b: 65 kg → 0.875, 2 % → 0.6, 48 % → 0.95: 80.75; 55 kg → 1, 1 % → 0.8, 52 % → 1: 94.
    // c: only its fill has an interval: 9 % → 0, 11 % → 0.025: 55 and 55.5.
    let expected = "rank,package,seeds,score,score_low,score_high,passes,failed\n\
                    1,c,3,55.00,55.00,55.50,yes,\n\
                    2,a,3,37.00,33.50,53.00,yes,\n\
                    3,b,3,91.00,80.75,94.00,no,late orders\n";
    assert_eq!(
        std::fs::read_to_string(out.join("scores.csv")).unwrap(),
        expected
    );
    let points = read_csv(&out.join("points.csv"));
    assert_eq!(points.len(), 9);
    let b_late = points
        .iter()
        .find(|r| r["package"] == "b" && r["criterion"] == "late orders")
        .unwrap();
    assert_eq!(
        (
            b_late["value"].as_str(),
            b_late["bound"].as_str(),
            b_late["passes"].as_str(),
            b_late["points"].as_str()
        ),
        ("1.5000", "2.0000", "no", "0.7000")
    );
    let md = std::fs::read_to_string(out.join("scores.md")).unwrap();
    assert!(md.starts_with("# Three packages\n"), "{md}");
    assert!(md.contains("| 1 | c | 55.0 | 55.0–55.5 | yes |"), "{md}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("no: late orders"), "{stdout}");
}

/// Runs score on `criteria_text` (and the hand-written comparison unless `results` is given)
/// and returns the exit code and stderr.
fn refused(criteria_text: &str, results: Option<&Path>) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let criteria = dir.path().join("criteria.toml");
    std::fs::write(&criteria, criteria_text).unwrap();
    let default = tests_path("score/comparison.csv");
    let o = score(&criteria, &[results.unwrap_or(&default)], None);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const GOOD: &str = "[[criterion]]\nmetric = \"co2e_wtw_kg\"\nbetter = \"lower\"\nweight = 1\n";

#[test]
fn an_unknown_metric_is_refused_with_the_known_ones() {
    let (code, err) = refused(&GOOD.replace("co2e_wtw_kg", "co2_kg"), None);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("criterion[0].metric: `co2_kg` is not a metric")
            && err.contains("co2e_wtw_kg, fill_kg_pct"),
        "{err}"
    );
}

#[test]
fn a_negative_weight_is_refused() {
    let (code, err) = refused(&GOOD.replace("weight = 1", "weight = -3"), None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("criterion[0].weight: is -3"), "{err}");
}

#[test]
fn a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("nowhere/comparison.csv");
    let (code, err) = refused(GOOD, Some(&gone));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("cannot read") && err.contains("nowhere"),
        "{err}"
    );
    // A missing criteria file too.
    let o = score(
        &dir.path().join("none.toml"),
        &[&tests_path("score/comparison.csv")],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("none.toml"));
}

#[test]
fn a_comparison_with_wrong_columns_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("comparison.csv");
    std::fs::write(&csv, "scenario,metric,value\na,trips,3\n").unwrap();
    let (code, err) = refused(GOOD, Some(&csv));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("is not a comparison.csv") && err.contains("unit, seeds, mean, ci95"),
        "{err}"
    );
}

#[test]
fn other_mistakes_are_listed_together() {
    let text = "[[criterion]]\nmetric = \"fill_kg_pct\"\nbetter = \"up\"\nweight = 1\nfull_at = 10\nzero_at = 50\nlimt = 3\n";
    let (code, err) = refused(text, None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("criterion.0.limt: unknown field"), "{err}");
    assert!(
        err.contains("criterion[0].better: `up` is no direction"),
        "{err}"
    );
    let text =
        GOOD.replace("better = \"lower\"", "better = \"higher\"") + "full_at = 10\nzero_at = 50\n";
    let (code, err) = refused(&text, None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("swap them"), "{err}");
}
