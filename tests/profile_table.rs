//! Tag → access tables, row by row: for each way's tags and profile, the expected forward and
//! backward access and, where it matters, the speed. Then properties over random tag sets.

use freightsim::network::{Profile, WayAccess, way_access};
use proptest::prelude::*;

/// The expected access, one way per line:
/// `profile forward backward speed_kmh tags...`, where `speed_kmh` is `-` when the row does
/// not check it and a `~` in a tag value stands for a space (`maxspeed=50~mph`).
/// Lines starting with `#` say what the following rows test.
const ROWS: &str = r#"
# One-way residential street: motor vehicles and bikes forward only.
van        yes no  35       highway=residential oneway=yes
truck      yes no  30       highway=residential oneway=yes
cargo_bike yes no  15       highway=residential oneway=yes
van        yes no  -        highway=residential oneway=1
van        yes no  -        highway=residential oneway=true
van        yes yes -        highway=residential oneway=no
van        yes yes -        highway=residential oneway=bogus
# oneway=-1: against the node order only.
van        no  yes -        highway=residential oneway=-1
truck      no  yes -        highway=residential oneway=-1
cargo_bike no  yes -        highway=residential oneway=-1
# Reversible: direction unknown at any given time, closed.
van        no  no  -        highway=tertiary oneway=reversible
# Roundabouts and motorways imply one-way; an explicit oneway=no wins.
van        yes no  -        highway=primary junction=roundabout
truck      yes no  -        highway=primary junction=roundabout
cargo_bike yes no  -        highway=primary junction=roundabout
van        yes no  -        highway=tertiary junction=circular
van        yes no  77       highway=motorway
truck      yes no  54       highway=motorway
van        yes yes -        highway=motorway oneway=no
van        yes yes -        highway=motorway_link
# Bicycle contraflow ("double sens cyclable").
cargo_bike yes yes -        highway=residential oneway=yes oneway:bicycle=no
van        yes no  -        highway=residential oneway=yes oneway:bicycle=no
cargo_bike yes yes -        cycleway=opposite_lane highway=residential oneway=yes
van        yes no  -        cycleway=opposite_lane highway=residential oneway=yes
cargo_bike yes yes -        cycleway=opposite highway=residential oneway=yes
cargo_bike yes yes -        cycleway:left=opposite_lane highway=residential oneway=-1
cargo_bike yes yes -        cycleway:right=opposite_track highway=residential oneway=yes
cargo_bike yes no  -        cycleway=lane highway=residential oneway=yes
cargo_bike yes no  -        highway=residential oneway:bicycle=yes
# hgv=no closes the truck only.
truck      no  no  -        hgv=no highway=residential
van        yes yes -        hgv=no highway=residential
cargo_bike yes yes -        hgv=no highway=residential
# goods=no closes the van only (goods is the ≤ 3.5 t key).
van        no  no  -        goods=no highway=residential
truck      yes yes -        goods=no highway=residential
# Weight limits: a 3.5 t limit keeps the 3.5 t van, closes the 12 t truck.
truck      no  no  -        highway=residential maxweight=3.5
van        yes yes -        highway=residential maxweight=3.5
cargo_bike yes yes -        highway=residential maxweight=3.5
truck      yes yes 30       highway=residential maxweight=20
truck      no  no  -        highway=residential maxweight=7~t
truck      yes yes -        highway=residential maxweight=12
# "3,5 t sauf desserte": the weight limit is lifted for deliveries, not by the hour.
truck      yes yes -        highway=residential maxweight=3.5 maxweight:conditional=none~@~delivery
truck      yes yes -        highway=residential maxweight=3.5 maxweight:conditional=none~@~destination
truck      no  no  -        highway=residential maxweight=3.5 maxweight:conditional=none~@~(06:00-11:00)
truck      no  no  -        highway=residential maxheight=3 maxheight:conditional=none~@~delivery
truck      no  no  -        highway=residential maxweight:hgv=7.5
van        yes yes -        highway=residential maxweight:hgv=7.5
truck      yes yes -        highway=residential maxweight=none
truck      yes yes -        highway=residential maxweight=heavy
# Height limits: 3 m closes the 3.5 m truck, not the 2.5 m van.
truck      no  no  -        highway=residential maxheight=3
van        yes yes -        highway=residential maxheight=3
truck      yes yes -        highway=residential maxheight=12'
van        no  no  -        highway=residential maxheight=3'6"
van        no  no  -        highway=service maxheight=2.1
cargo_bike yes yes -        highway=service maxheight=2.1
truck      no  no  -        highway=residential maxwidth=2.3
van        yes yes -        highway=residential maxwidth=2.3
truck      no  no  -        highway=residential maxlength=8
# Pedestrian streets.
cargo_bike yes yes 6        bicycle=yes highway=pedestrian
van        no  no  -        bicycle=yes highway=pedestrian
truck      no  no  -        bicycle=yes highway=pedestrian
van        yes yes 6        highway=pedestrian motor_vehicle=delivery
truck      yes yes 6        highway=pedestrian motor_vehicle=delivery
van        yes yes -        highway=pedestrian motor_vehicle=destination
van        yes yes -        highway=pedestrian goods=delivery
truck      no  no  -        highway=pedestrian goods=delivery
truck      yes yes -        highway=pedestrian hgv=delivery
van        yes yes -        access=delivery highway=pedestrian
van        no  no  -        access=yes highway=pedestrian
van        no  no  -        highway=pedestrian
cargo_bike yes yes 6        highway=pedestrian
cargo_bike yes yes -        highway=pedestrian oneway=yes
cargo_bike no  no  -        bicycle=no highway=pedestrian
van        yes yes -        highway=pedestrian motor_vehicle:conditional=delivery~@~(06:00-11:00)
cargo_bike no  no  -        area=yes bicycle=yes highway=pedestrian
# access=private closes everyone but a profile whose own key grants passage.
van        no  no  -        access=private highway=residential
truck      no  no  -        access=private highway=residential
cargo_bike no  no  -        access=private highway=residential
cargo_bike yes yes -        access=private bicycle=yes highway=residential
van        yes yes -        access=private delivery=yes highway=residential
truck      no  no  -        access=private goods=delivery highway=residential
# Destination, delivery and customers are what a delivery round is.
van        yes yes -        access=destination highway=residential
truck      yes yes -        access=destination highway=residential
van        yes yes -        access=customers highway=service
van        yes yes -        access=no highway=residential motor_vehicle=delivery
van        no  no  -        access=no highway=residential
van        no  no  -        access=permit highway=residential
van        no  no  -        access=psv highway=residential
van        yes yes -        access=unknown highway=residential
# Lorient's bus streets: access=no, psv=yes, bicycle=designated, sometimes hgv=yes.
cargo_bike yes yes -        access=no bicycle=designated highway=residential motorcar=no psv=yes
van        no  no  -        access=no bicycle=designated highway=residential motorcar=no psv=yes
truck      yes yes -        access=no hgv=yes highway=residential motorcar=no
van        no  no  -        access=no hgv=yes highway=residential motorcar=no
van        no  no  -        highway=residential motorcar=no
van        yes yes -        goods=yes highway=residential motorcar=no
cargo_bike yes yes -        highway=residential motor_vehicle=no
truck      no  no  -        highway=residential motor_vehicle=no
cargo_bike no  no  -        highway=residential vehicle=no
van        yes no  -        highway=residential vehicle:backward=no
cargo_bike no  yes -        bicycle:forward=no highway=residential
# Motorways and trunks: never for the cargo bike; motorroad=yes bans it anywhere.
cargo_bike no  no  -        highway=motorway
cargo_bike no  no  -        bicycle=yes highway=motorway_link
cargo_bike no  no  -        highway=trunk
cargo_bike no  no  -        highway=trunk_link
cargo_bike no  no  -        highway=primary motorroad=yes
van        yes yes -        highway=primary motorroad=yes
van        yes yes 49       highway=trunk
# Service sub-types.
van        yes yes 10       highway=service service=parking_aisle
truck      no  no  -        highway=service service=parking_aisle
cargo_bike yes yes 8        highway=service service=parking_aisle
truck      yes yes 15       hgv=designated highway=service service=parking_aisle
van        yes yes 10       highway=service service=driveway
truck      no  no  -        highway=service service=driveway
truck      no  no  -        highway=service service=alley
van        yes yes -        highway=service service=alley
van        yes yes -        highway=service service=drive-through
van        no  no  -        highway=service service=emergency_access
truck      no  no  -        highway=service service=emergency_access
cargo_bike yes yes -        bicycle=yes highway=service service=emergency_access
truck      yes yes 15       highway=service
van        yes yes 20       highway=service
van        yes yes 20       highway=service maxspeed=50
# Speeds from maxspeed: replaces the default on roads, capped by the vehicle.
van        yes yes 21       highway=residential maxspeed=FR:zone30
truck      yes yes 18       highway=residential maxspeed=FR:zone30
cargo_bike yes yes 15       highway=residential maxspeed=FR:zone30
van        yes yes 21       highway=residential maxspeed=30
van        yes yes 21       highway=residential maxspeed:type=FR:zone30
van        yes yes 21       highway=residential zone:maxspeed=FR:30
van        yes yes 35       highway=primary maxspeed=FR:urban
van        yes yes 56       highway=primary maxspeed=FR:rural
truck      yes yes 48       highway=primary maxspeed=FR:rural
van        yes yes 56.32704 highway=primary maxspeed=50~mph
truck      yes yes 48.28032 highway=primary maxspeed=50~mph
cargo_bike yes yes 15       highway=primary maxspeed=50~mph
truck      yes no  54       highway=motorway maxspeed=130
van        yes no  91       highway=motorway maxspeed=none
van        yes yes 35       highway=primary maxspeed=signals
cargo_bike yes yes 15       highway=residential maxspeed=20
cargo_bike yes yes 10       highway=residential maxspeed=10
truck      yes yes 18       highway=residential maxspeed=50 maxspeed:hgv=30
van        yes yes 35       highway=residential maxspeed=50 maxspeed:hgv=30
# Footways and paths.
van        no  no  -        highway=footway
truck      no  no  -        highway=footway
cargo_bike no  no  -        highway=footway
van        no  no  -        highway=footway motor_vehicle=yes
cargo_bike yes yes 10       bicycle=designated highway=footway
cargo_bike yes yes 12       bicycle=yes highway=path
cargo_bike no  no  -        highway=path
cargo_bike yes yes 16       highway=cycleway
van        no  no  -        highway=cycleway
cargo_bike yes no  -        highway=cycleway oneway=yes
cargo_bike no  no  -        cargo_bike=no highway=cycleway
cargo_bike no  no  -        bicycle=yes highway=steps
cargo_bike yes yes -        bicycle=yes highway=busway
van        no  no  -        highway=busway
# Dismount: pushed at 4 km/h, both ways.
cargo_bike yes yes 4        bicycle=dismount highway=pedestrian
cargo_bike yes yes 4        bicycle=dismount highway=residential oneway=yes
cargo_bike yes yes 4        bicycle=dismount highway=footway
# Living streets: low speed; trucks at walking pace.
van        yes yes 14       highway=living_street
truck      yes yes 6        highway=living_street
cargo_bike yes yes 12       highway=living_street
van        yes yes 4.2      highway=living_street maxspeed=walk
# Tracks: van only with an explicit tag, truck never, bike if paved or tagged.
van        no  no  -        highway=track
truck      no  no  -        highway=track
cargo_bike no  no  -        highway=track
van        yes yes 20       highway=track motor_vehicle=yes
van        yes yes -        access=destination highway=track
truck      no  no  -        highway=track motor_vehicle=yes
cargo_bike yes yes 10       highway=track tracktype=grade1
# Not roads.
van        no  no  -        highway=construction
cargo_bike no  no  -        highway=proposed
truck      no  no  -        highway=abandoned
van        no  no  -        highway=platform
van        no  no  -        highway=raceway
van        no  no  -        highway=bus_guideway
van        no  no  -        highway=bus_stop
van        no  no  -        name=Quai~des~Indes
"#;

/// One parsed row of [`ROWS`].
struct Row {
    line: &'static str,
    profile: Profile,
    forward: bool,
    backward: bool,
    speed_kmh: Option<f64>,
    tags: Vec<(String, String)>,
}

/// Parses `"highway=residential oneway=yes"` words into a sorted tag list.
fn tags_of<'a>(words: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut tags: Vec<(String, String)> = words
        .map(|word| {
            let (k, v) = word.split_once('=').expect("key=value");
            (k.to_string(), v.replace('~', " "))
        })
        .collect();
    tags.sort();
    tags
}

fn rows() -> Vec<Row> {
    let yes_no = |w: &str| match w {
        "yes" => true,
        "no" => false,
        other => panic!("direction column must be yes or no, not {other}"),
    };
    ROWS.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut words = line.split_whitespace();
            let mut next = || words.next().expect("five columns");
            let profile = match next() {
                "van" => Profile::Van,
                "truck" => Profile::Truck,
                "cargo_bike" => Profile::CargoBike,
                other => panic!("unknown profile {other}"),
            };
            let (forward, backward) = (yes_no(next()), yes_no(next()));
            let speed_kmh = match next() {
                "-" => None,
                kmh => Some(kmh.parse().expect("speed in km/h")),
            };
            Row {
                line,
                profile,
                forward,
                backward,
                speed_kmh,
                tags: tags_of(words),
            }
        })
        .collect()
}

#[test]
fn tag_rows_give_expected_access_and_speed() {
    let rows = rows();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let got = way_access(row.profile, &row.tags);
        let access_ok = got.forward == row.forward && got.backward == row.backward;
        let speed_ok = row
            .speed_kmh
            .is_none_or(|want| (got.speed_kmh - want).abs() < 1e-9);
        if !access_ok || !speed_ok {
            failures.push(format!("[{}] got {got:?}", row.line));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_profile_has_rows_opening_and_closing_each_direction_alone() {
    let rows = rows();
    for profile in Profile::ALL {
        for (forward, backward) in [(true, false), (false, true), (true, true), (false, false)] {
            assert!(
                rows.iter().any(|r| r.profile == profile
                    && r.forward == forward
                    && r.backward == backward),
                "{profile}: no row expecting ({forward}, {backward})"
            );
        }
    }
}

#[test]
fn closed_ways_carry_no_speed() {
    for row in rows() {
        let got = way_access(row.profile, &row.tags);
        if !row.forward && !row.backward {
            assert_eq!(got, WayAccess::CLOSED, "[{}]", row.line);
        } else {
            assert!(got.speed_kmh > 0.0, "[{}]", row.line);
        }
    }
}

/// Keys and values random tag sets draw from: the ones the tables read, plus noise.
const VOCABULARY: &[(&str, &[&str])] = &[
    (
        "highway",
        &[
            "motorway",
            "trunk",
            "primary",
            "residential",
            "living_street",
            "service",
            "pedestrian",
            "track",
            "footway",
            "cycleway",
            "path",
            "steps",
            "busway",
            "construction",
            "road",
            "weird",
        ],
    ),
    (
        "access",
        &[
            "yes",
            "no",
            "private",
            "destination",
            "delivery",
            "permit",
            "unknown",
            "no;delivery",
        ],
    ),
    ("vehicle", &["yes", "no", "destination"]),
    ("motor_vehicle", &["yes", "no", "delivery", "bus"]),
    ("motorcar", &["no", "yes"]),
    ("goods", &["no", "delivery"]),
    ("hgv", &["no", "yes", "destination", "designated"]),
    ("delivery", &["yes", "no"]),
    (
        "bicycle",
        &["yes", "no", "dismount", "designated", "use_sidepath"],
    ),
    ("cargo_bike", &["no", "yes"]),
    (
        "service",
        &[
            "parking_aisle",
            "driveway",
            "alley",
            "drive-through",
            "emergency_access",
            "bus",
        ],
    ),
    ("junction", &["roundabout", "circular"]),
    ("oneway:bicycle", &["no"]),
    ("cycleway", &["opposite", "opposite_lane", "lane"]),
    ("cycleway:left", &["opposite_track", "lane"]),
    (
        "maxspeed",
        &[
            "30",
            "50",
            "50 mph",
            "FR:zone30",
            "FR:urban",
            "walk",
            "none",
            "signals",
            "0",
            "-5",
            "1e400",
            "?",
        ],
    ),
    ("maxspeed:hgv", &["30", "x"]),
    ("maxspeed:type", &["FR:zone30", "FR:urban", "sign"]),
    (
        "maxweight",
        &["3.5", "20", "7 t", "none", "junk", "3,5", "-1"],
    ),
    (
        "maxheight",
        &["3", "12'", "3'6\"", "default", "2,8", "''", "'"],
    ),
    ("maxwidth", &["2", "2.3 m", "?"]),
    ("maxlength", &["8", "12"]),
    (
        "maxweight:conditional",
        &[
            "none @ delivery",
            "7 @ destination",
            "none @ (06:00-11:00)",
            "@@",
            "none @",
        ],
    ),
    ("tracktype", &["grade1", "grade3"]),
    ("motorroad", &["yes", "no"]),
    ("area", &["yes", "no"]),
    (
        "motor_vehicle:conditional",
        &["delivery @ (06:00-11:00)", "no @ (11:00-19:00)", "@", ";"],
    ),
];

/// Builds a sorted tag list from `(key index, value index)` draws; later draws of a key win.
fn draw_tags(draws: &[(usize, usize)], vocabulary: &[(&str, &[&str])]) -> Vec<(String, String)> {
    let mut map = std::collections::BTreeMap::new();
    for (k, v) in draws {
        let (key, values) = vocabulary[k % vocabulary.len()];
        map.insert(key.to_string(), values[v % values.len()].to_string());
    }
    map.into_iter().collect()
}

fn with(mut tags: Vec<(String, String)>, key: &str, value: &str) -> Vec<(String, String)> {
    tags.retain(|(k, _)| k != key);
    tags.push((key.to_string(), value.to_string()));
    tags.sort();
    tags
}

proptest! {
    #[test]
    fn random_tags_never_panic_and_open_ways_move(
        draws in prop::collection::vec((0usize..100, 0usize..100), 0..14),
        oneway in prop::sample::select(vec!["", "yes", "-1", "no", "reversible", "1"]),
    ) {
        let mut tags = draw_tags(&draws, VOCABULARY);
        if !oneway.is_empty() {
            tags = with(tags, "oneway", oneway);
        }
        for profile in Profile::ALL {
            let a = way_access(profile, &tags);
            if a.is_open() {
                prop_assert!(a.speed_kmh.is_finite() && a.speed_kmh > 0.0, "{profile} {tags:?} {a:?}");
            } else {
                prop_assert_eq!(a, WayAccess::CLOSED);
            }
        }
    }

    #[test]
    fn oneway_minus_one_mirrors_oneway_yes(
        draws in prop::collection::vec((0usize..100, 0usize..100), 0..14),
    ) {
        let base = draw_tags(&draws, VOCABULARY);
        let ahead = with(base.clone(), "oneway", "yes");
        let reversed = with(base, "oneway", "-1");
        for profile in Profile::ALL {
            let a = way_access(profile, &ahead);
            let r = way_access(profile, &reversed);
            prop_assert_eq!((a.forward, a.backward), (r.backward, r.forward), "{} {:?}", profile, ahead);
            prop_assert_eq!(a.speed_kmh, r.speed_kmh);
        }
    }

    #[test]
    fn a_closing_access_tag_never_opens_a_way(
        draws in prop::collection::vec((0usize..100, 0usize..100), 0..14),
    ) {
        // `vehicle=no` is the most general closing key every profile reads below `access`;
        // adding it may only remove directions (conditional grants aside, so drop them).
        let mut base = draw_tags(&draws, VOCABULARY);
        base.retain(|(k, _)| !k.ends_with(":conditional"));
        let closed = with(base.clone(), "vehicle", "no");
        for profile in Profile::ALL {
            let before = way_access(profile, &base);
            let after = way_access(profile, &closed);
            prop_assert!(!after.forward || before.forward || base.iter().any(|(k, _)| k == "vehicle"));
            prop_assert!(!after.backward || before.backward || base.iter().any(|(k, _)| k == "vehicle"));
        }
    }
}
