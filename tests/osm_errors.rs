//! Bad input gives the right `OsmError`, with a message naming the file, and never a panic.

use flate2::Compression;
use flate2::write::GzEncoder;
use freightsim::osm::{self, OsmError};
use std::io::Write;
use std::path::{Path, PathBuf};

mod common;

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Decodes `path`, expecting an error whose message names the file.
fn error_for(path: &Path) -> OsmError {
    let err = osm::read(path).expect_err("bad input must be refused");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "message does not name the file: {message}"
    );
    assert_eq!(err.path(), path);
    err
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = error_for(&dir.path().join("nowhere.osm.pbf"));
    assert!(matches!(err, OsmError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("check the path"));
}

#[test]
fn text_file_that_is_neither_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "sites.osm.pbf", b"id,lon,lat\n1,-3.36,47.75\n");
    let err = error_for(&path);
    assert!(
        matches!(err, OsmError::UnrecognizedFormat { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("text starting with \"id,lon,lat"));
    assert!(err.to_string().contains("osmium cat"));
    let empty = write_temp(&dir, "empty.osm", b"");
    assert!(matches!(
        error_for(&empty),
        OsmError::UnrecognizedFormat { .. }
    ));
}

#[test]
fn xml_that_is_not_osm() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(
        &dir,
        "track.osm",
        b"<?xml version=\"1.0\"?>\n<gpx><trk/></gpx>\n",
    );
    let err = error_for(&path);
    assert!(
        matches!(err, OsmError::UnrecognizedFormat { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("<gpx>"));
}

#[test]
fn truncated_pbf() {
    let bytes = std::fs::read(common::embedded("lorient_centre_2019.osm.pbf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for cut in [200, bytes.len() / 2, bytes.len() - 1] {
        let path = write_temp(&dir, "cut.osm.pbf", &bytes[..cut]);
        match error_for(&path) {
            OsmError::TruncatedPbf { size_bytes, .. } => assert_eq!(size_bytes, cut as u64),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    // A cut right after a whole blob cannot be told from a complete file, but one with 1 to
    // 3 bytes of the next blob's length can.
    let header_blob_end = 4 + blob_len(&bytes);
    let path = write_temp(&dir, "short.osm.pbf", &bytes[..header_blob_end + 2]);
    match error_for(&path) {
        OsmError::TruncatedPbf { blob, offset, .. } => {
            assert_eq!((blob, offset), (1, header_blob_end as u64))
        }
        other => panic!("{other:?}"),
    }
}

/// Length of the first blob's BlobHeader plus its data: the header ends with `datasize`,
/// field 3, a varint after the key byte 0x18.
fn blob_len(bytes: &[u8]) -> usize {
    let header_len = u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
    let header = &bytes[4..4 + header_len];
    let at = header.iter().rposition(|&b| b == 0x18).unwrap();
    let mut size = 0usize;
    for (shift, b) in header[at + 1..].iter().enumerate() {
        size |= ((b & 0x7f) as usize) << (7 * shift);
    }
    header_len + size
}

#[test]
fn corrupt_bytes_inside_a_blob() {
    let mut bytes = std::fs::read(common::embedded("lorient_centre_2019.osm.pbf")).unwrap();
    let middle = bytes.len() / 2;
    for (i, b) in bytes[middle..middle + 64].iter_mut().enumerate() {
        *b ^= 0x5a ^ i as u8;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "corrupt.osm.pbf", &bytes);
    let err = error_for(&path);
    assert!(matches!(err, OsmError::CorruptPbf { .. }), "{err:?}");
    assert!(err.to_string().contains("osmium fileinfo -e"));
}

#[test]
fn corrupt_blob_header() {
    let mut bytes = std::fs::read(common::embedded("lorient_centre_2019.osm.pbf")).unwrap();
    // The second blob's 4-byte header length, made absurd.
    let first_blob_end = 4 + blob_len(&bytes);
    bytes[first_blob_end..first_blob_end + 4].copy_from_slice(&[0x7f, 0xff, 0xff, 0xff]);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "badframe.osm.pbf", &bytes);
    match error_for(&path) {
        OsmError::CorruptPbf { blob, offset, .. } => {
            assert_eq!(blob, 1);
            assert_eq!(offset, first_blob_end as u64);
        }
        other => panic!("{other:?}"),
    }
}

const BROKEN_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="47.75" lon="-3.36"/>
 <node id="2" lat="47.75" lon="-3.35">
 </way>
</osm>
"#;

#[test]
fn malformed_xml_gives_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "broken.osm", BROKEN_XML.as_bytes());
    match error_for(&path) {
        OsmError::MalformedXml { line, .. } => assert_eq!(line, 5),
        other => panic!("{other:?}"),
    }
    // The same text gzipped gives the same line in the decompressed text.
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(BROKEN_XML.as_bytes()).unwrap();
    let path = write_temp(&dir, "broken.osm.gz", &gz.finish().unwrap());
    match error_for(&path) {
        OsmError::MalformedXml { line, .. } => assert_eq!(line, 5),
        other => panic!("{other:?}"),
    }
}

#[test]
fn xml_breaking_the_osm_schema() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("<osm>\n<node id=\"1\" lon=\"-3.36\"/>\n</osm>", "no lat"),
        (
            "<osm>\n<node id=\"x1\" lat=\"1\" lon=\"2\"/>\n</osm>",
            "not a number",
        ),
        (
            "<osm>\n<node id=\"1\" lat=\"95\" lon=\"2\"/>\n</osm>",
            "outside the globe",
        ),
        ("<osm>\n<way id=\"1\"><nd/></way>\n</osm>", "has no ref"),
        (
            "<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\"/>\n",
            "ends before </osm>",
        ),
    ];
    for (text, expected) in cases {
        let path = write_temp(&dir, "schema.osm", text.as_bytes());
        let err = error_for(&path);
        assert!(
            matches!(err, OsmError::MalformedXml { .. }),
            "{text}: {err:?}"
        );
        assert!(err.to_string().contains(expected), "{text}: {err}");
    }
}

#[test]
fn truncated_gzip() {
    let Some(gz) = common::shared_data("lorient_centre_2019.osm.gz") else {
        return;
    };
    let bytes = std::fs::read(gz).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "cut.osm.gz", &bytes[..bytes.len() / 2]);
    let err = error_for(&path);
    assert!(matches!(err, OsmError::CorruptGzip { .. }), "{err:?}");
}

#[test]
fn extract_without_roads() {
    for name in ["no_roads.osm", "no_roads.osm.pbf"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let err = error_for(&path);
        assert!(matches!(err, OsmError::NoRoads { .. }), "{err:?}");
        assert!(err.to_string().starts_with("no roads in "));
        assert!(err.to_string().contains("right area"));
    }
}

#[test]
fn roads_whose_nodes_are_all_missing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<osm>\n<node id=\"1\" lat=\"47.75\" lon=\"-3.36\"/>\n\
                <way id=\"5\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"service\"/></way>\n</osm>";
    let path = write_temp(&dir, "clipped.osm", text.as_bytes());
    match error_for(&path) {
        OsmError::RoadNodesMissing {
            ways,
            missing_nodes,
            ..
        } => assert_eq!((ways, missing_nodes), (1, 1)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn content_decides_not_the_extension() {
    let xml = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/oneway_street.osm"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "misnamed.osm.pbf", &xml);
    assert_eq!(osm::read(&path).unwrap().roads.len(), 4);
}

#[test]
fn osm_errors_exit_with_code_2() {
    let err: freightsim::Error = osm::read(Path::new("/nonexistent/x.osm.pbf"))
        .unwrap_err()
        .into();
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("/nonexistent/x.osm.pbf"));
}
