//! Issue 10, case 5: a node off the globe is refused by the PBF reader as by the XML one.

use super::fixture;
use freightsim::osm::{self, OsmError};

#[test]
fn pbf_node_at_lat_95_is_refused_like_xml() {
    let xml = osm::read(&fixture("node_outside_globe.osm")).unwrap_err();
    assert!(matches!(xml, OsmError::MalformedXml { .. }), "{xml}");
    let pbf = osm::read(&fixture("node_outside_globe.osm.pbf")).unwrap_err();
    assert!(matches!(pbf, OsmError::CorruptPbf { .. }), "{pbf}");
    for err in [xml, pbf] {
        let msg = err.to_string();
        assert!(
            msg.contains("node 2 lies outside the globe (lat 95, lon -3.359)"),
            "{msg}"
        );
        assert_eq!(freightsim::Error::from(err).exit_code(), 2);
    }
}
