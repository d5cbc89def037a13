//! Issue 10, the smaller message cases: advice that fits the cause, said once.

use std::process::{Command, Output};

fn freightsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_freightsim"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_non_utf8_instance_file_is_named_not_utf8_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"C101\n\nVEHICLE caf\xe9\n").unwrap();
    let out = freightsim(&["solve", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let msg = stderr(&out);
    assert!(msg.contains("latin1.txt:3: not UTF-8 text"), "{msg}");
    assert!(!msg.contains("permissions"), "{msg}");
}

#[test]
fn io_messages_say_their_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let osm = super::fixture("oneway_street.osm");
    let cases: [(Vec<&str>, &str); 3] = [
        (vec!["solve", missing.to_str().unwrap()], "No such file"),
        (
            vec!["solve", dir.path().to_str().unwrap()],
            "Is a directory",
        ),
        (
            vec![
                "network",
                "--osm",
                osm.to_str().unwrap(),
                "--geojson",
                dir.path().to_str().unwrap(),
            ],
            "Is a directory",
        ),
    ];
    for (args, cause) in cases {
        let out = freightsim(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let msg = stderr(&out);
        assert_eq!(msg.matches(cause).count(), 1, "{args:?}: {msg}");
    }
}
