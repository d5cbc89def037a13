//! Decoding OSM PBF: blobs are framed one after another from the file, then decompressed and
//! decoded in parallel (rayon), and their results put back in file order.
//!
//! The framing is checked here rather than left to `osmpbf`, so that a file cut short is told
//! apart from a damaged one and every error names the blob and its byte offset. String-table
//! indices are bounds-checked, and node positions checked to lie on the globe (as in XML), so
//! corrupt input gives an error, never a panic or a wrong figure.
//!
//! Tags are classified by their string-table index: each key of a block is classified once,
//! and only objects that are kept (roads, features) have their strings copied.

use super::assemble::{RawObjects, RawWayFeature, sort_tags};
use super::features::{KeyKind, classify_key};
use super::format::read_full;
use super::{MapFeature, OsmError, OsmId, RoadWay, Tags};
use crate::units::LonLat;
use osmpbf::{BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Largest `BlobHeader` the PBF specification allows.
const MAX_HEADER_BYTES: u32 = 64 * 1024;
/// Largest compressed blob the PBF specification allows.
const MAX_BLOB_BYTES: u64 = 32 * 1024 * 1024;
/// Header features this decoder understands.
const KNOWN_FEATURES: [&str; 2] = ["OsmSchema-V0.6", "DenseNodes"];
// `LocationsOnWays` is an optional feature (files carry it in `optional_features`): ways'
// own node positions are read when present, see `push_way_locations`.

/// Decodes every blob of the PBF file at `path`.
pub(crate) fn decode(path: &Path) -> Result<RawObjects, OsmError> {
    let file = File::open(path).map_err(|e| OsmError::io(path, e))?;
    let size_bytes = file.metadata().map_err(|e| OsmError::io(path, e))?.len();
    let frames = Frames {
        path,
        reader: BufReader::with_capacity(1 << 16, file),
        offset: 0,
        size_bytes,
        index: 0,
        done: false,
    };
    let mut decoded: Vec<(usize, Result<RawObjects, OsmError>)> = frames
        .par_bridge()
        .map(|frame| match frame {
            Ok(frame) => (frame.index, decode_frame(path, &frame)),
            Err((index, err)) => (index, Err(err)),
        })
        .collect();
    decoded.sort_by_key(|(index, _)| *index);
    let parts = decoded
        .into_iter()
        .map(|(_, result)| result)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RawObjects::concat(parts))
}

/// One blob as read from the file: its 4-byte length, `BlobHeader` and `Blob`.
struct Frame {
    index: usize,
    offset: u64,
    /// Where the `Blob` message starts in `bytes` (after the length and the `BlobHeader`).
    blob_start: usize,
    is_data: bool,
    is_header: bool,
    bytes: Vec<u8>,
}

/// Reads frames one after another; stops after the first error.
struct Frames<'p, R> {
    path: &'p Path,
    reader: R,
    offset: u64,
    size_bytes: u64,
    index: usize,
    done: bool,
}

impl<R: Read> Frames<'_, R> {
    fn truncated(&self) -> OsmError {
        OsmError::TruncatedPbf {
            path: self.path.to_path_buf(),
            blob: self.index,
            offset: self.offset,
            size_bytes: self.size_bytes,
        }
    }

    fn corrupt(&self, detail: String) -> OsmError {
        corrupt(self.path, self.index, self.offset, detail)
    }

    fn read_exact_or_truncated(&mut self, buf: &mut [u8]) -> Result<(), OsmError> {
        let n = read_full(&mut self.reader, buf).map_err(|e| OsmError::io(self.path, e))?;
        if n < buf.len() {
            return Err(self.truncated());
        }
        Ok(())
    }

    fn next_frame(&mut self) -> Result<Option<Frame>, OsmError> {
        let mut len = [0u8; 4];
        let n = read_full(&mut self.reader, &mut len).map_err(|e| OsmError::io(self.path, e))?;
        match n {
            0 => return Ok(None),
            4 => {}
            _ => return Err(self.truncated()),
        }
        let header_len = u32::from_be_bytes(len);
        if header_len == 0 || header_len >= MAX_HEADER_BYTES {
            return Err(self.corrupt(format!(
                "its header claims {header_len} bytes (the format allows 1 to 65535)"
            )));
        }
        let mut bytes = vec![0u8; 4 + header_len as usize];
        bytes[..4].copy_from_slice(&len);
        self.read_exact_or_truncated(&mut bytes[4..])?;
        let Some((kind, data_len)) = parse_blob_header(&bytes[4..]) else {
            return Err(self.corrupt("its BlobHeader is not valid protobuf".into()));
        };
        if data_len > MAX_BLOB_BYTES {
            return Err(self.corrupt(format!(
                "it claims {data_len} bytes of data (the format allows 32 MiB)"
            )));
        }
        let (is_data, is_header) = (kind == b"OSMData", kind == b"OSMHeader");
        let head_end = bytes.len();
        bytes.resize(head_end + data_len as usize, 0);
        self.read_exact_or_truncated(&mut bytes[head_end..])?;
        let frame = Frame {
            index: self.index,
            offset: self.offset,
            blob_start: head_end,
            is_data,
            is_header,
            bytes,
        };
        self.offset += frame.bytes.len() as u64;
        self.index += 1;
        Ok(Some(frame))
    }
}

impl<R: Read> Iterator for Frames<'_, R> {
    type Item = Result<Frame, (usize, OsmError)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_frame() {
            Ok(Some(frame)) => Some(Ok(frame)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(err) => {
                self.done = true;
                Some(Err((self.index, err)))
            }
        }
    }
}

fn corrupt(path: &Path, blob: usize, offset: u64, detail: String) -> OsmError {
    OsmError::CorruptPbf {
        path: path.to_path_buf(),
        blob,
        offset,
        detail,
    }
}

/// Reads the `type` (field 1) and `datasize` (field 3) of a protobuf `BlobHeader`.
fn parse_blob_header(bytes: &[u8]) -> Option<(&[u8], u64)> {
    let (mut kind, mut data_len) = (None, None);
    let mut at = 0;
    while at < bytes.len() {
        let key = varint(bytes, &mut at)?;
        match key & 7 {
            0 => {
                let value = varint(bytes, &mut at)?;
                if key >> 3 == 3 {
                    data_len = Some(value);
                }
            }
            2 => {
                let len = usize::try_from(varint(bytes, &mut at)?).ok()?;
                let end = at.checked_add(len).filter(|&end| end <= bytes.len())?;
                if key >> 3 == 1 {
                    kind = Some(&bytes[at..end]);
                }
                at = end;
            }
            1 => at += 8,
            5 => at += 4,
            _ => return None,
        }
    }
    (at == bytes.len()).then_some(())?;
    Some((kind?, data_len?))
}

/// The compression of a `Blob` message when it is one freightsim cannot decompress: the
/// format's `lzma_data` (4), `OBSOLETE_bzip2_data` (5), `lz4_data` (6) or `zstd_data` (7)
/// field is present. Zlib (3) and raw (1) blobs, and anything unreadable (left to the
/// decoder to report as corrupt), give `None`.
fn unsupported_compression(blob: &[u8]) -> Option<&'static str> {
    let mut at = 0;
    while at < blob.len() {
        let key = varint(blob, &mut at)?;
        match key & 7 {
            0 => {
                varint(blob, &mut at)?;
            }
            2 => {
                let len = usize::try_from(varint(blob, &mut at)?).ok()?;
                at = at.checked_add(len).filter(|&end| end <= blob.len())?;
                match key >> 3 {
                    4 => return Some("LZMA"),
                    5 => return Some("bzip2"),
                    6 => return Some("LZ4"),
                    7 => return Some("zstd"),
                    _ => {}
                }
            }
            _ => return None,
        }
    }
    None
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Decompresses and decodes one frame.
fn decode_frame(path: &Path, frame: &Frame) -> Result<RawObjects, OsmError> {
    if !frame.is_data && !frame.is_header {
        // The format says to skip blob types one does not know.
        return Ok(RawObjects::default());
    }
    let fail = |detail: String| corrupt(path, frame.index, frame.offset, detail);
    if let Some(compression) = unsupported_compression(&frame.bytes[frame.blob_start..]) {
        return Err(OsmError::UnsupportedCompression {
            path: path.to_path_buf(),
            blob: frame.index,
            compression,
        });
    }
    let blob = BlobReader::new(frame.bytes.as_slice())
        .next()
        .ok_or_else(|| fail("the blob is empty".into()))?
        .map_err(|e| fail(e.to_string()))?;
    match blob.decode().map_err(|e| fail(e.to_string()))? {
        BlobDecode::OsmHeader(header) => {
            if let Some(feature) = header
                .required_features()
                .iter()
                .find(|f| !KNOWN_FEATURES.contains(&f.as_str()))
            {
                return Err(OsmError::UnsupportedPbf {
                    path: path.to_path_buf(),
                    feature: feature.clone(),
                });
            }
            Ok(RawObjects::default())
        }
        BlobDecode::OsmData(block) => decode_block(&block).map_err(fail),
        BlobDecode::Unknown(_) => Ok(RawObjects::default()),
    }
}

/// The block's string table with each string classified as a tag key.
struct Strings<'a> {
    table: &'a [Vec<u8>],
    kinds: Vec<KeyKind>,
}

impl<'a> Strings<'a> {
    fn new(block: &'a PrimitiveBlock) -> Self {
        let table = block.raw_stringtable();
        let kinds = table.iter().map(|s| classify_key(s)).collect();
        Strings { table, kinds }
    }

    fn kind(&self, index: i64) -> Result<KeyKind, String> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.kinds.get(i).copied())
            .ok_or_else(|| self.out_of_range(index))
    }

    fn text(&self, index: i64) -> Result<String, String> {
        let bytes = usize::try_from(index)
            .ok()
            .and_then(|i| self.table.get(i))
            .ok_or_else(|| self.out_of_range(index))?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| format!("string {index} of the string table is not UTF-8"))
    }

    fn out_of_range(&self, index: i64) -> String {
        match self.table.len() {
            0 => format!("a tag names string {index}, but the string table is empty"),
            n => format!(
                "a tag names string {index}, but the string table holds only strings 0 to {}",
                n - 1
            ),
        }
    }

    /// Classifies an object from its tags' key indices: (has `highway`, has a feature key,
    /// has `landuse`).
    fn classify(&self, keys: impl Iterator<Item = i64>) -> Result<(bool, bool, bool), String> {
        let (mut road, mut feature, mut land_use) = (false, false, false);
        for key in keys {
            match self.kind(key)? {
                KeyKind::Road => road = true,
                KeyKind::Feature => feature = true,
                KeyKind::LandUse => land_use = true,
                KeyKind::Other => {}
            }
        }
        Ok((road, feature, land_use))
    }

    fn tags(&self, pairs: impl Iterator<Item = (i64, i64)>) -> Result<Tags, String> {
        let mut tags = pairs
            .map(|(k, v)| Ok((self.text(k)?, self.text(v)?)))
            .collect::<Result<Tags, String>>()?;
        sort_tags(&mut tags);
        Ok(tags)
    }
}

/// Converts nanodegrees to degrees exactly as the XML decoder's decimal parsing rounds, so
/// that the two encodings of one extract give equal positions.
fn degrees(nano: i64) -> f64 {
    nano as f64 / 1e9
}

/// A node's position, refused when it lies off the globe, as the XML decoder does: a corrupt
/// coordinate would otherwise become kilometres of road and a map that QGIS cannot draw.
fn position(id: i64, nano_lon: i64, nano_lat: i64) -> Result<LonLat, String> {
    let (lon, lat) = (degrees(nano_lon), degrees(nano_lat));
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "node {id} lies outside the globe (lat {lat}, lon {lon})"
        ));
    }
    Ok(LonLat::new(lon, lat))
}

/// Records the node positions a way carries itself, in a file written with locations on
/// ways (`osmium add-locations-to-ways`, header feature `LocationsOnWays`), which may hold
/// no node records at all. A way without locations (the usual case) records nothing.
fn push_way_locations(
    way: &osmpbf::Way,
    nodes: &[i64],
    out: &mut RawObjects,
) -> Result<(), String> {
    let iter = way.node_locations();
    // The iterator's length is that of the latitudes; it stops at the shorter of the
    // latitude and longitude lists, so a mismatch of either shows here.
    let declared = iter.len();
    if declared == 0 {
        return Ok(());
    }
    let locations: Vec<_> = iter.collect();
    if locations.len() != nodes.len() || declared != nodes.len() {
        return Err(format!(
            "way {} has {} node references but {declared} node locations",
            way.id(),
            nodes.len(),
        ));
    }
    for (&id, location) in nodes.iter().zip(locations) {
        let position = position(id, location.nano_lon(), location.nano_lat())?;
        out.way_locations.push((id, position));
    }
    Ok(())
}

fn decode_block(block: &PrimitiveBlock) -> Result<RawObjects, String> {
    let strings = Strings::new(block);
    let mut out = RawObjects::default();
    for group in block.groups() {
        for node in group.nodes() {
            let location = position(node.id(), node.nano_lon(), node.nano_lat())?;
            out.push_node(node.id(), location);
            let (_, feature, _) = strings.classify(node.raw_tags().map(|(k, _)| i64::from(k)))?;
            if feature {
                let tags = strings.tags(node.raw_tags().map(|(k, v)| (k.into(), v.into())))?;
                out.node_features.push(MapFeature {
                    id: OsmId::Node(node.id()),
                    location,
                    footprint_m2: None,
                    tags,
                });
            }
        }
        let dense = group.dense_nodes();
        out.reserve_nodes(dense.len());
        for node in dense {
            let location = position(node.id(), node.nano_lon(), node.nano_lat())?;
            out.push_node(node.id(), location);
            if node.raw_tags().len() == 0 {
                continue;
            }
            let (_, feature, _) = strings.classify(node.raw_tags().map(|(k, _)| i64::from(k)))?;
            if feature {
                let tags = strings.tags(node.raw_tags().map(|(k, v)| (k.into(), v.into())))?;
                out.node_features.push(MapFeature {
                    id: OsmId::Node(node.id()),
                    location,
                    footprint_m2: None,
                    tags,
                });
            }
        }
        for way in group.ways() {
            let (road, feature, land_use) =
                strings.classify(way.raw_tags().map(|(k, _)| i64::from(k)))?;
            // A land-use way is kept with the features; assembling sorts it out.
            let feature = feature || land_use;
            if !road && !feature {
                continue;
            }
            let tags = strings.tags(way.raw_tags().map(|(k, v)| (k.into(), v.into())))?;
            let nodes: Vec<i64> = way.refs().collect();
            push_way_locations(&way, &nodes, &mut out)?;
            if feature {
                out.way_features.push(RawWayFeature {
                    id: way.id(),
                    nodes: nodes.clone(),
                    tags: tags.clone(),
                });
            }
            if road {
                out.roads.push(RoadWay {
                    id: way.id(),
                    nodes,
                    tags,
                });
            }
        }
        out.relations += group.relations().len();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_header_fields_are_read() {
        // type = "OSMData", datasize = 300 (varint ac 02).
        let mut bytes = vec![0x0a, 7];
        bytes.extend_from_slice(b"OSMData");
        bytes.extend_from_slice(&[0x18, 0xac, 0x02]);
        assert_eq!(
            parse_blob_header(&bytes),
            Some((b"OSMData".as_slice(), 300))
        );
        // A length running past the end, or a missing datasize, is rejected.
        assert_eq!(parse_blob_header(&[0x0a, 50, b'O']), None);
        assert_eq!(parse_blob_header(&bytes[..9]), None);
    }

    #[test]
    fn a_string_index_past_the_table_says_what_the_table_holds() {
        let table = vec![b"highway".to_vec(), b"residential".to_vec()];
        let strings = Strings {
            table: &table,
            kinds: Vec::new(),
        };
        assert_eq!(
            strings.out_of_range(2),
            "a tag names string 2, but the string table holds only strings 0 to 1"
        );
        let empty = Strings {
            table: &[],
            kinds: Vec::new(),
        };
        assert!(empty.out_of_range(0).ends_with("the string table is empty"));
    }

    #[test]
    fn blob_compression_is_told_from_its_data_field() {
        // raw_size = 5 (field 2, varint), then lz4_data (field 6) / zstd_data (field 7) /
        // zlib_data (field 3) of 2 bytes.
        let blob = |field: u8| vec![0x10, 5, (field << 3) | 2, 2, 0xaa, 0xbb];
        assert_eq!(unsupported_compression(&blob(6)), Some("LZ4"));
        assert_eq!(unsupported_compression(&blob(7)), Some("zstd"));
        assert_eq!(unsupported_compression(&blob(4)), Some("LZMA"));
        assert_eq!(unsupported_compression(&blob(3)), None);
        assert_eq!(unsupported_compression(&blob(1)), None);
    }

    #[test]
    fn nanodegrees_match_decimal_parsing() {
        for text in ["47.7512345", "-3.3654000", "0.0000001", "-179.9999999"] {
            let parsed: f64 = text.parse().unwrap();
            let nano = (text.replace('.', "").parse::<i64>().unwrap()) * 100;
            assert_eq!(degrees(nano), parsed, "{text}");
        }
    }
}
