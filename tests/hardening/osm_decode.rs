//! Issue 10, the smaller OSM cases: inputs once accepted without a word, or refused with the
//! wrong advice.

use super::fixture;
use freightsim::network::{Profile, RoadNetwork};
use freightsim::osm::{self, OsmError};
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Two nodes and a residential street between them, then `extra` before `</osm>`.
fn street(extra: &str) -> String {
    format!(
        "<osm version=\"0.6\">\n <node id=\"1\" lat=\"47.75\" lon=\"-3.36\"/>\n \
         <node id=\"2\" lat=\"47.75\" lon=\"-3.359\"/>\n <way id=\"10\"><nd ref=\"1\"/>\
         <nd ref=\"2\"/><tag k=\"highway\" v=\"residential\"/></way>\n{extra}</osm>\n"
    )
}

#[test]
fn pbf_with_locations_on_ways_and_no_node_records_is_read() {
    let xml = osm::read(&fixture("shops_and_buildings.osm")).unwrap();
    let (pbf, report) =
        osm::read_with_report(&fixture("shops_and_buildings.locations_on_ways.osm.pbf")).unwrap();
    assert_eq!(pbf, xml);
    assert_eq!(report.missing_node_refs, 0);
    assert_eq!(report.duplicate_nodes, 0);
}

#[test]
fn lz4_and_zstd_pbf_blobs_are_unsupported_compression_not_corrupt() {
    let lz4 = fixture("oneway_street.lz4.osm.pbf");
    let err = osm::read(&lz4).unwrap_err();
    assert!(
        matches!(
            err,
            OsmError::UnsupportedCompression {
                compression: "LZ4",
                blob: 0,
                ..
            }
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("recompress it with zlib") && !msg.contains("download"),
        "{msg}"
    );

    // The same file with each blob's data field renumbered from lz4_data (6) to zstd_data (7).
    let mut bytes = std::fs::read(&lz4).unwrap();
    let mut at = 0;
    while at < bytes.len() {
        let header_len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let blob = at + 4 + header_len;
        // The BlobHeader ends with datasize (field 3), a varint; read it back.
        let header = &bytes[at + 4..blob];
        let size_at = header.iter().rposition(|&b| b == 0x18).unwrap() + 1;
        let (mut size, mut shift) = (0usize, 0);
        for &b in &header[size_at..] {
            size |= usize::from(b & 0x7f) << shift;
            shift += 7;
        }
        // Blob: raw_size (0x10 varint), then the data field's key.
        assert_eq!(bytes[blob], 0x10);
        let mut key = blob + 1;
        while bytes[key] & 0x80 != 0 {
            key += 1;
        }
        key += 1;
        assert_eq!(bytes[key], (6 << 3) | 2);
        bytes[key] = (7 << 3) | 2;
        at = blob + size;
    }
    let dir = tempfile::tempdir().unwrap();
    let zstd = write(&dir, "zstd.osm.pbf", &bytes);
    let err = osm::read(&zstd).unwrap_err();
    assert!(
        matches!(
            err,
            OsmError::UnsupportedCompression {
                compression: "zstd",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn duplicate_node_ids_with_different_positions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Once the later position won: road_km went from 0.305 to 222.6 on a real extract.
    let path = write(
        &dir,
        "moved.osm",
        street(" <node id=\"2\" lat=\"47.75\" lon=\"-1.0\"/>\n").as_bytes(),
    );
    let err = osm::read(&path).unwrap_err();
    assert!(
        matches!(
            err,
            OsmError::ConflictingDuplicate {
                what: "node",
                id: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("(-3.359, 47.75) and (-1, 47.75)"),
        "{err}"
    );
}

#[test]
fn duplicate_way_ids_with_different_nodes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = " <node id=\"3\" lat=\"47.751\" lon=\"-3.359\"/>\n <way id=\"10\"><nd ref=\"2\"/>\
                 <nd ref=\"3\"/><tag k=\"highway\" v=\"residential\"/></way>\n";
    let path = write(&dir, "ways.osm", street(other).as_bytes());
    let err = osm::read(&path).unwrap_err();
    assert!(
        matches!(
            err,
            OsmError::ConflictingDuplicate {
                what: "way",
                id: 10,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn identical_repeated_nodes_and_ways_are_counted_in_the_decode_report() {
    let dir = tempfile::tempdir().unwrap();
    let again = " <node id=\"2\" lat=\"47.75\" lon=\"-3.359\"/>\n <way id=\"10\"><nd ref=\"1\"/>\
                 <nd ref=\"2\"/><tag k=\"highway\" v=\"residential\"/></way>\n";
    let path = write(&dir, "again.osm", street(again).as_bytes());
    let (extract, report) = osm::read_with_report(&path).unwrap();
    assert_eq!(extract.roads.len(), 1);
    assert_eq!((report.duplicate_nodes, report.duplicate_ways), (1, 1));
    let line = report.to_string();
    assert!(
        line.contains("1 node records repeated") && line.contains("1 ways repeated"),
        "{line}"
    );
}

#[test]
fn a_second_osm_root_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = street("") + &street("");
    let path = write(&dir, "joined.osm", text.as_bytes());
    let err = osm::read(&path).unwrap_err();
    assert!(
        matches!(err, OsmError::MalformedXml { line: 6, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("a second root element <osm>"),
        "{err}"
    );
}

#[test]
fn utf16_xml_is_named_utf16_not_binary_data() {
    let dir = tempfile::tempdir().unwrap();
    let text = street("");
    for (name, bom, big_endian) in [
        ("le.osm", &b"\xFF\xFE"[..], false),
        ("be.osm", &b"\xFE\xFF"[..], true),
        ("nobom.osm", &b""[..], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let path = write(&dir, name, &bytes);
        let err = osm::read(&path).unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(err, OsmError::UnrecognizedFormat { .. }) && msg.contains("UTF-16 text"),
            "{name}: {msg}"
        );
        assert!(msg.contains("iconv"), "{msg}");
    }
}

#[test]
fn maxspeed_outside_5_to_150_kmh_uses_the_class_default_and_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let slow = " <node id=\"3\" lat=\"47.751\" lon=\"-3.359\"/>\n <way id=\"11\"><nd ref=\"2\"/>\
                <nd ref=\"3\"/><tag k=\"highway\" v=\"residential\"/>\
                <tag k=\"maxspeed\" v=\"0.0000001\"/></way>\n";
    let path = write(&dir, "slow.osm", street(slow).as_bytes());
    let extract = osm::read(&path).unwrap();
    let network = RoadNetwork::build(&extract).unwrap();
    let van = network.profile(Profile::Van);
    assert_eq!(van.summary().maxspeed_ignored_ways, 1);
    for edge in van.graph().raw_edges() {
        let kmh = edge.weight.length.0 / edge.weight.duration.0 * 3.6;
        assert!((kmh - 35.0).abs() < 1e-9, "{kmh}");
    }
    let table = freightsim::network::format_table(&network.summaries());
    assert!(
        table.contains("note: van: 1 ways have a maxspeed outside 5-150 km/h"),
        "{table}"
    );
}
