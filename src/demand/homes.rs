//! Which buildings house people, by the home buildings table (`data/demand/home_buildings.csv`).
//!
//! A building is ruled out by any `no` row of another key it carries (`man_made=works`,
//! `amenity=parking` …); otherwise its `building` value decides (an exact row, then
//! `building=*`): `yes`, `no`, or `landuse`, in which case the land use it stands on decides
//! (the smallest mapped `landuse=*` area containing it: an exact row, then `landuse=*`; none
//! mapped: the row `landuse=(none)`). A question the table does not answer is a no.

use crate::osm::{LandUseArea, MapFeature, land_use_at, tag};
use crate::scenario::HomeBuildingRule;

/// The answer of the row for `key=value` (exact first, then `*`), if any.
fn answer<'a>(rules: &'a [HomeBuildingRule], key: &str, value: &str) -> Option<&'a str> {
    let exact = rules.iter().find(|r| r.key == key && r.value == value);
    let any = || rules.iter().find(|r| r.key == key && r.value == "*");
    exact.or_else(any).map(|r| r.home.as_str())
}

/// True when `feature`, a building, houses people.
pub fn is_home(feature: &MapFeature, land_use: &[LandUseArea], rules: &[HomeBuildingRule]) -> bool {
    let Some(building) = tag(&feature.tags, "building") else {
        return false;
    };
    let ruled_out = feature
        .tags
        .iter()
        .any(|(k, v)| k != "building" && k != "landuse" && answer(rules, k, v) == Some("no"));
    if ruled_out {
        return false;
    }
    match answer(rules, "building", building) {
        Some("yes") => true,
        Some("landuse") => {
            let value = land_use_at(land_use, feature.location).map_or("(none)", |a| &a.value);
            // `(none)` has no `*` fallback: only its own row answers for unmapped land.
            let row = if value == "(none)" {
                rules
                    .iter()
                    .find(|r| r.key == "landuse" && r.value == "(none)")
                    .map(|r| r.home.as_str())
            } else {
                answer(rules, "landuse", value)
            };
            row == Some("yes")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osm::OsmId;
    use crate::units::LonLat;

    fn rules() -> Vec<HomeBuildingRule> {
        let text = include_str!("../../data/demand/home_buildings.csv");
        csv::Reader::from_reader(text.as_bytes())
            .deserialize()
            .map(|r| r.unwrap())
            .collect()
    }

    fn building(tags: &[(&str, &str)], at: LonLat) -> MapFeature {
        let mut tags: Vec<(String, String)> = tags
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        tags.sort();
        MapFeature {
            id: OsmId::Way(1),
            location: at,
            footprint_m2: Some(100.0),
            tags,
        }
    }

    fn square(value: &str) -> LandUseArea {
        let p = LonLat::new;
        let ring = vec![
            p(0.0, 0.0),
            p(0.01, 0.0),
            p(0.01, 0.01),
            p(0.0, 0.01),
            p(0.0, 0.0),
        ];
        LandUseArea::new(7, value, ring).unwrap()
    }

    #[test]
    fn tags_and_land_use_decide() {
        let r = rules();
        let inside = LonLat::new(0.005, 0.005);
        let outside = LonLat::new(1.0, 1.0);
        let military = [square("military")];
        let residential = [square("residential")];
        // Residential tags are homes anywhere.
        assert!(is_home(
            &building(&[("building", "apartments")], inside),
            &military,
            &r
        ));
        // Untagged: the land use decides; unmapped land counts as residential.
        assert!(is_home(
            &building(&[("building", "yes")], inside),
            &residential,
            &r
        ));
        assert!(!is_home(
            &building(&[("building", "yes")], inside),
            &military,
            &r
        ));
        assert!(is_home(
            &building(&[("building", "yes")], outside),
            &military,
            &r
        ));
        // Works, industrial, warehouses, churches, garages are never homes.
        let works = building(&[("building", "yes"), ("man_made", "works")], outside);
        assert!(!is_home(&works, &residential, &r));
        for v in [
            "industrial",
            "warehouse",
            "retail",
            "church",
            "garage",
            "office",
        ] {
            assert!(
                !is_home(&building(&[("building", v)], inside), &residential, &r),
                "{v}"
            );
        }
        assert!(!is_home(
            &building(&[("amenity", "parking"), ("building", "yes")], outside),
            &[],
            &r
        ));
        // Not a building at all.
        assert!(!is_home(
            &building(&[("shop", "bakery")], inside),
            &residential,
            &r
        ));
    }
}
