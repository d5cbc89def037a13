//! A scenario with every kind of mistake gets all of them reported at once, exit code 2.

use super::common::{freightsim, tiny_scenario};

#[test]
fn every_problem_of_a_scenario_is_reported_at_once_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let body = r#"
colour = "blue"
[horizon]
start = "2025-02-30"
days = 10
warm_up_days = 12
delivering_weekdays = ["mon", "funday"]
[demand]
inhabitants = -5
[lead_time]
parcel = { min_days = 3, max_days = 1 }
wine = "24h"
retail = "36h"
[dispatch]
policy = "clever"
[[carrier]]
name = "a"
depot = { name = "d", lon = 200.0, lat = 47.75 }
shares = { parcel = 0.5, retail = 1.0, office = 1.0, perishable = 1.0, pharmacy = 1.0, restaurant = 1.0 }
fleet = [{ vehicle = "hovercraft", count = 2 }, { vehicle = "diesel_van", count = 0 }]
shift = ["17:00", "07:00"]
"#;
    let path = tiny_scenario(dir.path(), "broken", body);
    // Point osm at a file that does not exist.
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("tiny_town.osm", "no_such_town.osm");
    std::fs::write(&path, text).unwrap();
    let o = freightsim(&["simulate", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "colour: unknown field",
        "osm: ",
        "horizon.start",
        "horizon.warm_up_days",
        "horizon.delivering_weekdays[1]",
        "demand.inhabitants",
        "lead_time.parcel: the window is empty",
        "lead_time.wine",
        "lead_time.retail",
        "dispatch.policy",
        "carrier[0].depot",
        "carrier[0].fleet[0].vehicle",
        "carrier[0].fleet[1].count",
        "carrier[0].shift",
        "shares.parcel",
    ] {
        assert!(err.contains(needle), "missing `{needle}` in:\n{err}");
    }
}

#[test]
fn a_syntax_error_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "name = \"x\"\n[horizon\n").unwrap();
    let o = freightsim(&["simulate", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 2"), "{err}");
}
