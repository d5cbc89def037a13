//! Issue 10, cases 3 and 4: the CLI refuses budgets it cannot hold, and reports a stdout that
//! cannot be written (a closed pipe is a quiet success, other errors name stdout).

use super::fixture;
use std::process::{Command, Output, Stdio};

fn freightsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_freightsim"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn two_routes() -> String {
    fixture("instances/two_routes.txt").display().to_string()
}

#[test]
fn solve_seconds_1e20_is_refused_with_a_message() {
    let out = freightsim()
        .args(["solve", &two_routes(), "--seconds", "1e20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--seconds"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn solve_seconds_minus_1_is_taken_as_a_value_and_refused() {
    for args in [["--seconds", "-1"], ["--seconds", "-0.5"]] {
        let out = freightsim()
            .args(["solve", &two_routes()])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let msg = stderr(&out);
        assert!(
            msg.contains(&format!("--seconds {}", args[1])) && msg.contains("positive number"),
            "{msg}"
        );
    }
}

/// The commands that print a result, small enough to run in a test (`policies` prints the
/// same way but takes too long for one).
fn printing_commands(out: &std::path::Path) -> Vec<Vec<String>> {
    let osm = fixture("tiny_town.osm").display().to_string();
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/tiny_town.toml")
        .display()
        .to_string();
    let out = out.display().to_string();
    vec![
        vec![
            "simulate".into(),
            scenario,
            "--days".into(),
            "3".into(),
            "--out".into(),
            out,
        ],
        vec!["network".into(), "--osm".into(), osm.clone()],
        vec!["network".into(), "--osm".into(), osm, "--json".into()],
        vec![
            "solve".into(),
            two_routes(),
            "--iterations".into(),
            "50".into(),
        ],
        vec![
            "solve".into(),
            two_routes(),
            "--iterations".into(),
            "50".into(),
            "--json".into(),
        ],
    ]
}

#[cfg(target_os = "linux")]
#[test]
fn stdout_dev_full_is_an_error_naming_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for args in printing_commands(dir.path()) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = freightsim()
            .args(&args)
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {msg}");
        assert!(
            msg.starts_with("freightsim: cannot write the output to stdout: ")
                && msg.contains("No space left on device"),
            "{args:?}: {msg}"
        );
        assert_eq!(msg.matches("No space left").count(), 1, "{msg}");
    }
}

#[test]
fn stdout_closed_pipe_is_a_quiet_success() {
    let dir = tempfile::tempdir().unwrap();
    for args in printing_commands(dir.path()) {
        let mut child = freightsim()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the command has read its input, let alone printed.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}
