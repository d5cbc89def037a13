//! Which encoding an extract uses, told from its first bytes rather than its name.

use super::OsmError;
use flate2::read::MultiGzDecoder;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The encodings freightsim reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OsmFormat {
    /// OSM PBF (`.osm.pbf`): protobuf blobs, zlib-compressed.
    Pbf,
    /// OSM XML (`.osm`).
    Xml,
    /// Gzip-compressed OSM XML (`.osm.gz`).
    GzipXml,
}

impl fmt::Display for OsmFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OsmFormat::Pbf => "OSM PBF",
            OsmFormat::Xml => "OSM XML",
            OsmFormat::GzipXml => "gzip-compressed OSM XML",
        })
    }
}

/// How many leading bytes the detection looks at.
const HEAD_LEN: usize = 64;

/// Tells the encoding of the file at `path` from its content.
///
/// PBF starts with a 4-byte header length then a `BlobHeader` whose type is `OSMHeader` (or
/// `OSMData`); XML starts, after an optional byte-order mark and blank space, with `<?xml` or
/// `<osm`; gzip starts with the bytes `1f 8b` and must hold XML.
pub(crate) fn detect(path: &Path) -> Result<OsmFormat, OsmError> {
    let mut file = File::open(path).map_err(|e| OsmError::io(path, e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(OsmError::UnrecognizedFormat {
            path: path.to_path_buf(),
            found: "a directory".into(),
        });
    }
    let mut head = [0u8; HEAD_LEN];
    let n = read_full(&mut file, &mut head).map_err(|e| OsmError::io(path, e))?;
    let head = &head[..n];
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut inner = [0u8; HEAD_LEN];
        let mut gz = MultiGzDecoder::new(file_at_start(path)?);
        let n = read_full(&mut gz, &mut inner).map_err(|e| OsmError::CorruptGzip {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let inner = &inner[..n];
        return if looks_like_xml(inner) {
            Ok(OsmFormat::GzipXml)
        } else if looks_like_pbf(inner) {
            Err(unrecognized(
                path,
                "gzip-compressed PBF (run `gunzip` on it first)",
            ))
        } else {
            Err(unrecognized(
                path,
                &format!("gzip-compressed {}", describe(inner)),
            ))
        };
    }
    if looks_like_pbf(head) {
        Ok(OsmFormat::Pbf)
    } else if looks_like_xml(head) {
        Ok(OsmFormat::Xml)
    } else {
        Err(unrecognized(path, &describe(head)))
    }
}

fn file_at_start(path: &Path) -> Result<File, OsmError> {
    File::open(path).map_err(|e| OsmError::io(path, e))
}

fn unrecognized(path: &Path, found: &str) -> OsmError {
    OsmError::UnrecognizedFormat {
        path: path.to_path_buf(),
        found: found.to_string(),
    }
}

/// True when `head` starts like an OSM PBF file.
fn looks_like_pbf(head: &[u8]) -> bool {
    if head.len() < 13 {
        return false;
    }
    let header_len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    // Field 1 (`type`), wire type 2 (length-delimited), then the type string.
    header_len < 64 * 1024
        && head[4] == 0x0a
        && ((head[5] == 9 && head.get(6..15) == Some(b"OSMHeader".as_slice()))
            || (head[5] == 7 && &head[6..13] == b"OSMData"))
}

/// True when `head` starts like an XML document (the root element is checked while parsing).
fn looks_like_xml(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = &text[start..];
    text.starts_with(b"<?xml") || text.starts_with(b"<osm") || text.starts_with(b"<!--")
}

/// Names what a file that is not OSM seems to be, for the error message.
fn describe(head: &[u8]) -> String {
    if head.is_empty() {
        return "an empty file".into();
    }
    if head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || head.starts_with(b"<\0")
        || head.starts_with(b"\0<")
    {
        return "UTF-16 text (OSM XML must be UTF-8: convert it with \
                `iconv -f UTF-16 -t UTF-8`)"
            .into();
    }
    if head.starts_with(b"BZh") {
        return "bzip2-compressed data (run `bunzip2` on it first)".into();
    }
    if head.starts_with(b"PK\x03\x04") {
        return "a ZIP archive (unzip it first)".into();
    }
    match std::str::from_utf8(head) {
        Ok(text) => {
            let first: String = text
                .chars()
                .take(24)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            format!("text starting with {:?}", first.trim_end())
        }
        Err(_) => "binary data that is neither PBF nor gzip".into(),
    }
}

/// Reads until `buf` is full or the input ends; returns the number of bytes read.
pub(crate) fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbf_head_is_recognised() {
        let mut head = vec![0, 0, 0, 0x0e, 0x0a, 9];
        head.extend_from_slice(b"OSMHeader\x18\x7b");
        assert!(looks_like_pbf(&head));
        assert!(!looks_like_xml(&head));
    }

    #[test]
    fn xml_head_is_recognised_after_bom_and_blanks() {
        assert!(looks_like_xml(b"\xEF\xBB\xBF\n  <?xml version='1.0'?>"));
        assert!(looks_like_xml(b"<osm version=\"0.6\">"));
        assert!(!looks_like_xml(b"id,lon,lat\n"));
    }

    #[test]
    fn descriptions_name_common_mistakes() {
        assert!(describe(b"BZh91AY").contains("bunzip2"));
        assert!(describe(b"\xFF\xFE<\0o\0s\0m\0").starts_with("UTF-16 text"));
        assert!(describe(b"<\0?\0x\0m\0l\0").starts_with("UTF-16 text"));
        assert_eq!(describe(b""), "an empty file");
        assert_eq!(
            describe(b"id,lon,lat\n1,2,3"),
            "text starting with \"id,lon,lat 1,2,3\""
        );
    }
}
