//! `freightsim solve` run as a user would: exit codes, output formats, and the cost of a
//! hand-solved instance (see tests/fixtures/instances/README.md: optimum 60).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/instances")
        .join(name)
}

fn solve(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_freightsim"))
        .arg("solve")
        .args(args)
        .output()
        .expect("run freightsim")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn csv_reports_the_hand_computed_optimum_of_both_formats() {
    let (txt, vrp) = (fixture("two_routes.txt"), fixture("two_routes.vrp"));
    let out = solve(&[
        "--csv",
        "--iterations",
        "200",
        "--seed",
        "3",
        txt.to_str().unwrap(),
        vrp.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "instance,cost,vehicles,feasible,seconds");
    assert_eq!(lines.len(), 3, "{text}");
    for (line, name) in lines[1..].iter().zip(["TWO_ROUTES", "two_routes"]) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[0], name);
        assert_eq!(f[1].parse::<f64>().unwrap(), 60.0, "{line}");
        assert_eq!(f[2], "2");
        assert_eq!(f[3], "true");
        assert!(f[4].parse::<f64>().unwrap() >= 0.0);
    }
}

#[test]
fn json_is_an_array_with_the_documented_fields() {
    let vrp = fixture("two_routes.vrp");
    let out = solve(&["--json", "--iterations", "100", vrp.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["instance"], "two_routes");
    assert_eq!(r["cost"].as_f64(), Some(60.0));
    assert_eq!(r["vehicles"], 2);
    assert_eq!(r["feasible"], true);
    assert!(r["seconds"].is_number());
    assert!(
        r.get("gap_pct").is_none(),
        "the gap is computed by scripts/gap_table.py"
    );
}

#[test]
fn the_default_table_is_readable() {
    let txt = fixture("two_routes.txt");
    let out = solve(&["--iterations", "50", txt.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("instance"), "{text}");
    assert!(
        text.contains("TWO_ROUTES") && text.contains("60.00") && text.contains("yes"),
        "{text}"
    );
}

#[test]
fn same_seed_same_answer() {
    let txt = fixture("two_routes.txt");
    let run = || {
        let out = solve(&[
            "--csv",
            "--iterations",
            "300",
            "--seed",
            "7",
            txt.to_str().unwrap(),
        ]);
        // drop the wall-clock column
        stdout(&out)
            .lines()
            .map(|l| l.rsplit_once(',').unwrap().0.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn a_malformed_file_exits_2_naming_file_and_line() {
    let bad = fixture("bad_demand.txt");
    let out = solve(&["--csv", "--iterations", "10", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad_demand.txt:12: DEMAND"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing solved when an input is bad"
    );
}

#[test]
fn every_malformed_file_is_reported_before_any_solve() {
    let (a, b, good) = (
        fixture("bad_demand.txt"),
        fixture("bad_section.vrp"),
        fixture("two_routes.txt"),
    );
    let out = solve(&[
        "--iterations",
        "10",
        good.to_str().unwrap(),
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad_demand.txt:12") && err.contains("bad_section.vrp:9"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn format_is_guessed_from_content_and_the_flag_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("instance.dat");
    std::fs::copy(fixture("two_routes.vrp"), &copy).unwrap();
    let out = solve(&["--csv", "--iterations", "50", copy.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "VRPLIB header guessed: {}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("two_routes,60,2,true"));
    let out = solve(&[
        "--csv",
        "--iterations",
        "50",
        "--format",
        "solomon",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "a VRPLIB file is not Solomon");
    let odd = dir.path().join("notes.dat");
    std::fs::write(&odd, "hello\n").unwrap();
    let out = solve(&["--iterations", "50", odd.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
}

#[test]
fn a_missing_file_exits_2() {
    let out = solve(&["--iterations", "10", "/nonexistent/instance.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/instance.txt"));
}

#[test]
fn a_non_positive_time_budget_exits_2() {
    let txt = fixture("two_routes.txt");
    let out = solve(&["--seconds", "0", txt.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--seconds"), "{}", stderr(&out));
}
