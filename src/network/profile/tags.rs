//! Reading access and one-way tags: the vocabulary shared by every profile's table.
//!
//! OSM access keys form a hierarchy from general to specific (`access` → `vehicle` →
//! `motor_vehicle` → `goods`/`hgv`, or `access` → `vehicle` → `bicycle`). Each profile hands
//! [`resolve`] its own chain; the most specific key carrying a value we understand wins, and a
//! direction-specific key (`motor_vehicle:forward=no`) beats its plain form for that direction.
//!
//! Values are read permissively: `delivery;destination` opens if any part opens, and a value we
//! do not know (`unknown`, a typo) is skipped, so the next less specific key decides.

use crate::osm::tag;

/// Which way along the OSM way a vehicle travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    /// In the way's node order.
    Forward,
    /// Against the way's node order.
    Backward,
}

impl Dir {
    /// The suffix OSM uses for direction-specific keys.
    fn suffix(self) -> &'static str {
        match self {
            Dir::Forward => "forward",
            Dir::Backward => "backward",
        }
    }
}

/// What one access value means for the vehicle asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// May drive (or ride) here.
    Open,
    /// Cyclists must get off and push (`bicycle=dismount`); only the cargo bike uses it.
    Dismount,
    /// May not use the way.
    Closed,
}

/// Reads an access value for a goods vehicle on a delivery round (van or truck).
///
/// Open: `yes`, `designated`, `permissive`, `public`, `discouraged` (legal, just not
/// recommended), and the purpose values a delivery satisfies: `destination` (the site is the
/// destination), `delivery`, `customers` (the receiver is the customer).
/// Closed: `no`, `private` (a delivery stops at the gate; sites snap to public ways),
/// reserved classes `agricultural`, `forestry`, `emergency`, `bus`, `psv`, `military`, and
/// `permit` (a permit we cannot assume the carrier holds).
/// Anything else (`unknown`, typos): no opinion.
pub(super) fn goods_vehicle_verdict(value: &str) -> Option<Verdict> {
    match value {
        "yes" | "designated" | "permissive" | "public" | "discouraged" | "destination"
        | "delivery" | "customers" => Some(Verdict::Open),
        "no" | "private" | "agricultural" | "forestry" | "emergency" | "bus" | "psv"
        | "military" | "permit" => Some(Verdict::Closed),
        _ => None,
    }
}

/// Reads an access value for a loaded electric cargo bike.
///
/// As [`goods_vehicle_verdict`], plus `dismount` (push the bike: [`Verdict::Dismount`]),
/// `optional_sidepath` (open: a parallel cycle track exists but is not compulsory) and
/// `use_sidepath` (closed: French sign B22a makes the parallel cycle track compulsory).
pub(super) fn cargo_bike_verdict(value: &str) -> Option<Verdict> {
    match value {
        "dismount" => Some(Verdict::Dismount),
        "optional_sidepath" => Some(Verdict::Open),
        "use_sidepath" => Some(Verdict::Closed),
        other => goods_vehicle_verdict(other),
    }
}

/// Reads a possibly multi-valued access value (`delivery;destination`): open if any part
/// opens, otherwise dismount if any part says so, otherwise closed if any part closes.
fn verdict_of(value: &str, read: fn(&str) -> Option<Verdict>) -> Option<Verdict> {
    let parts = value.split(';').map(str::trim).filter_map(read);
    parts.fold(None, |best, v| match (best, v) {
        (Some(Verdict::Open), _) | (_, Verdict::Open) => Some(Verdict::Open),
        (Some(Verdict::Dismount), _) | (_, Verdict::Dismount) => Some(Verdict::Dismount),
        _ => Some(Verdict::Closed),
    })
}

/// The verdict of the most specific key of `chain` (ordered general → specific) that says
/// something for direction `dir`, or `None` when no key of the chain is tagged with a value
/// `read` understands.
pub(super) fn resolve(
    tags: &[(String, String)],
    chain: &[&str],
    dir: Dir,
    read: fn(&str) -> Option<Verdict>,
) -> Option<Verdict> {
    chain.iter().rev().find_map(|key| {
        let directed = format!("{key}:{}", dir.suffix());
        tag(tags, &directed)
            .and_then(|v| verdict_of(v, read))
            .or_else(|| tag(tags, key).and_then(|v| verdict_of(v, read)))
    })
}

/// True when a `KEY:conditional` of the chain grants access under some condition
/// (`motor_vehicle:conditional=delivery @ (06:00-11:00)`).
///
/// The network keeps a way open at some hours; when the condition is a time, the hours are
/// read by `conditional.rs` and applied per vehicle by the simulation. Conditional
/// *restrictions* (`no @ ...`) never remove a way here for the same reason.
pub(super) fn conditional_grant(
    tags: &[(String, String)],
    chain: &[&str],
    read: fn(&str) -> Option<Verdict>,
) -> bool {
    chain.iter().any(|key| {
        tag(tags, &format!("{key}:conditional")).is_some_and(|rules| {
            rules.split(';').any(|rule| {
                let value = rule.split('@').next().unwrap_or("").trim();
                read(value) == Some(Verdict::Open)
            })
        })
    })
}

/// Which directions a way's one-way tags leave open, before any access rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Oneway {
    /// Both directions.
    Both,
    /// Only in the way's node order.
    Forward,
    /// Only against the way's node order.
    Backward,
    /// Neither: `oneway=reversible` (direction switches by time of day; we cannot know which).
    Neither,
}

impl Oneway {
    /// True when travel in `dir` is allowed.
    pub(super) fn allows(self, dir: Dir) -> bool {
        matches!(
            (self, dir),
            (Oneway::Both, _) | (Oneway::Forward, Dir::Forward) | (Oneway::Backward, Dir::Backward)
        )
    }

    /// Reads one `oneway`-style value; `None` for values we do not understand.
    fn parse(value: &str) -> Option<Oneway> {
        match value {
            "yes" | "true" | "1" => Some(Oneway::Forward),
            "-1" | "reverse" => Some(Oneway::Backward),
            "no" | "false" | "0" | "alternating" => Some(Oneway::Both),
            "reversible" => Some(Oneway::Neither),
            _ => None,
        }
    }
}

/// The one-way rule for motor vehicles (and for bicycles unless a bicycle rule overrides it).
///
/// An explicit `oneway` value wins. Without one (or with an unreadable one), `oneway=yes` is
/// implied by `junction=roundabout|circular` and by `highway=motorway`, as the OSM wiki
/// documents. `motorway_link` is not implied: French links are tagged `oneway=yes` where they
/// are one-way, and the rare two-way link stays usable.
pub(super) fn oneway(tags: &[(String, String)]) -> Oneway {
    if let Some(explicit) = tag(tags, "oneway").and_then(Oneway::parse) {
        return explicit;
    }
    let roundabout = matches!(tag(tags, "junction"), Some("roundabout" | "circular"));
    if roundabout || tag(tags, "highway") == Some("motorway") {
        Oneway::Forward
    } else {
        Oneway::Both
    }
}

/// The one-way rule for bicycles: `oneway:bicycle` if readable, else the general rule relaxed
/// by a contraflow cycle facility (`cycleway=opposite*`, `cycleway:left|right|both=opposite*`,
/// the French "double sens cyclable").
pub(super) fn bicycle_oneway(tags: &[(String, String)]) -> Oneway {
    if let Some(explicit) = tag(tags, "oneway:bicycle").and_then(Oneway::parse) {
        return explicit;
    }
    let general = oneway(tags);
    let contraflow = [
        "cycleway",
        "cycleway:left",
        "cycleway:right",
        "cycleway:both",
    ]
    .iter()
    .filter_map(|key| tag(tags, key))
    .any(|v| {
        matches!(
            v,
            "opposite" | "opposite_lane" | "opposite_track" | "opposite_share_busway"
        )
    });
    if contraflow && matches!(general, Oneway::Forward | Oneway::Backward) {
        Oneway::Both
    } else {
        general
    }
}

/// True when the value of `key` is `yes` (or `true`/`1`).
pub(super) fn is_yes(tags: &[(String, String)], key: &str) -> bool {
    matches!(tag(tags, key), Some("yes" | "true" | "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    }

    const VAN: [&str; 4] = ["access", "vehicle", "motor_vehicle", "goods"];

    #[test]
    fn most_specific_key_wins() {
        let t = tags(&[("access", "no"), ("goods", "delivery")]);
        let got = resolve(&t, &VAN, Dir::Forward, goods_vehicle_verdict);
        assert_eq!(got, Some(Verdict::Open));
        let t = tags(&[("access", "yes"), ("motor_vehicle", "private")]);
        let got = resolve(&t, &VAN, Dir::Forward, goods_vehicle_verdict);
        assert_eq!(got, Some(Verdict::Closed));
    }

    #[test]
    fn unknown_values_fall_through_to_general_keys() {
        let t = tags(&[("access", "no"), ("motor_vehicle", "unknown")]);
        let got = resolve(&t, &VAN, Dir::Forward, goods_vehicle_verdict);
        assert_eq!(got, Some(Verdict::Closed));
        assert_eq!(
            resolve(&[], &VAN, Dir::Forward, goods_vehicle_verdict),
            None
        );
    }

    #[test]
    fn directional_key_applies_to_its_direction_only() {
        let t = tags(&[("motor_vehicle:backward", "no")]);
        assert_eq!(resolve(&t, &VAN, Dir::Forward, goods_vehicle_verdict), None);
        assert_eq!(
            resolve(&t, &VAN, Dir::Backward, goods_vehicle_verdict),
            Some(Verdict::Closed)
        );
    }

    #[test]
    fn multi_values_open_if_any_part_opens() {
        assert_eq!(
            verdict_of("no;delivery", goods_vehicle_verdict),
            Some(Verdict::Open)
        );
        assert_eq!(
            verdict_of("private;bogus", goods_vehicle_verdict),
            Some(Verdict::Closed)
        );
        assert_eq!(verdict_of("bogus", goods_vehicle_verdict), None);
    }

    #[test]
    fn conditional_grants_are_read_and_restrictions_ignored() {
        let t = tags(&[("motor_vehicle:conditional", "delivery @ (06:00-11:00)")]);
        assert!(conditional_grant(&t, &VAN, goods_vehicle_verdict));
        let t = tags(&[("motor_vehicle:conditional", "no @ (11:00-19:00)")]);
        assert!(!conditional_grant(&t, &VAN, goods_vehicle_verdict));
    }

    #[test]
    fn oneway_values_and_implications() {
        assert_eq!(oneway(&tags(&[("oneway", "true")])), Oneway::Forward);
        assert_eq!(oneway(&tags(&[("oneway", "-1")])), Oneway::Backward);
        assert_eq!(oneway(&tags(&[("oneway", "reversible")])), Oneway::Neither);
        assert_eq!(oneway(&tags(&[("junction", "circular")])), Oneway::Forward);
        assert_eq!(oneway(&tags(&[("highway", "motorway")])), Oneway::Forward);
        let explicit = tags(&[("highway", "motorway"), ("oneway", "no")]);
        assert_eq!(oneway(&explicit), Oneway::Both);
        assert_eq!(oneway(&tags(&[("oneway", "bogus")])), Oneway::Both);
    }

    #[test]
    fn contraflow_cycleways_open_both_directions_to_bicycles() {
        let t = tags(&[("oneway", "yes"), ("cycleway:left", "opposite_track")]);
        assert_eq!(bicycle_oneway(&t), Oneway::Both);
        let t = tags(&[("oneway", "yes"), ("cycleway", "lane")]);
        assert_eq!(bicycle_oneway(&t), Oneway::Forward);
        let t = tags(&[("oneway:bicycle", "yes")]);
        assert_eq!(bicycle_oneway(&t), Oneway::Forward);
    }
}
