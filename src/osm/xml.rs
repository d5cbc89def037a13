//! Decoding OSM XML (`.osm`) and gzip-compressed OSM XML (`.osm.gz`) as a stream of events
//! with quick-xml: the document is never held in memory, only the object being read.
//!
//! Objects marked `visible="false"` (history files) or `action="delete"` (JOSM files) are
//! skipped. Relations are counted and otherwise ignored.

use super::assemble::{RawObjects, RawWayFeature, sort_tags};
use super::features::{KeyKind, classify_key};
use super::{MapFeature, OsmError, OsmId, RoadWay, Tags};
use crate::units::LonLat;
use flate2::bufread::MultiGzDecoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Decodes the OSM XML file at `path`, gunzipping it on the fly when `gzip` is set.
pub(crate) fn decode(path: &Path, gzip: bool) -> Result<RawObjects, OsmError> {
    let outcome = if gzip {
        parse(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(open(path)?),
        ))
    } else {
        parse(open(path)?)
    };
    outcome.map_err(|failure| match failure {
        Failure::Io(e) if gzip => OsmError::CorruptGzip {
            path: path.to_path_buf(),
            detail: e,
        },
        Failure::Io(e) => OsmError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e),
        },
        Failure::NotOsm(root) => OsmError::UnrecognizedFormat {
            path: path.to_path_buf(),
            found: format!("XML whose root element is <{root}>, not <osm>"),
        },
        Failure::Malformed { offset, detail } => {
            let (line, column) = locate(path, gzip, offset);
            OsmError::MalformedXml {
                path: path.to_path_buf(),
                line,
                column,
                detail,
            }
        }
    })
}

fn open(path: &Path) -> Result<BufReader<File>, OsmError> {
    let file = File::open(path).map_err(|e| OsmError::io(path, e))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

/// Why parsing stopped, before the path and line are attached.
enum Failure {
    /// Reading (or decompressing) failed.
    Io(String),
    /// Well-formed XML, but not OSM.
    NotOsm(String),
    /// Bad XML or bad OSM, at this byte offset of the (decompressed) text.
    Malformed { offset: u64, detail: String },
}

/// The object whose children are being read.
enum Open {
    Nothing,
    Node {
        id: i64,
        location: LonLat,
        keep: bool,
    },
    Way {
        id: i64,
        nodes: Vec<i64>,
        keep: bool,
    },
    Other,
}

fn parse(input: impl BufRead) -> Result<RawObjects, Failure> {
    let mut reader = Reader::from_reader(input);
    let mut out = RawObjects::default();
    let mut buf = Vec::with_capacity(1024);
    let mut tags: Tags = Vec::new();
    let mut open = Open::Nothing;
    let mut depth = 0usize;
    let mut root_seen = false;
    loop {
        let event = reader.read_event_into(&mut buf);
        let at = reader.buffer_position();
        let malformed = |detail: String| Failure::Malformed { offset: at, detail };
        match event {
            Ok(Event::Start(e) | Event::Empty(e)) if depth == 0 && root_seen => {
                let name = e.name().as_ref().to_owned();
                return Err(malformed(format!(
                    "a second root element <{name}> after </osm>: an XML file holds one \
                     document (were two files joined with `cat`? merge them with `osmium merge`)"
                )));
            }
            Ok(Event::Start(e)) if depth == 0 => {
                check_root(&e)?;
                root_seen = true;
                depth = 1;
            }
            Ok(Event::Empty(e)) if depth == 0 => {
                check_root(&e)?;
                root_seen = true;
            }
            Ok(Event::Start(e)) => {
                if depth == 1 {
                    open = open_object(&e, &mut out).map_err(malformed)?;
                    tags.clear();
                } else if depth == 2 {
                    child(&e, &mut open, &mut tags).map_err(malformed)?;
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                if depth == 1 {
                    open = open_object(&e, &mut out).map_err(malformed)?;
                    tags.clear();
                    finish(
                        std::mem::replace(&mut open, Open::Nothing),
                        &mut tags,
                        &mut out,
                    );
                } else if depth == 2 {
                    child(&e, &mut open, &mut tags).map_err(malformed)?;
                }
            }
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    finish(
                        std::mem::replace(&mut open, Open::Nothing),
                        &mut tags,
                        &mut out,
                    );
                }
            }
            Ok(Event::Eof) => {
                if !root_seen {
                    return Err(malformed("no <osm> element".into()));
                }
                if depth > 0 {
                    return Err(malformed(
                        "the file ends before </osm> (was it cut short?)".into(),
                    ));
                }
                return Ok(out);
            }
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => return Err(Failure::Io(e.to_string())),
            Err(e) => {
                return Err(Failure::Malformed {
                    offset: reader.error_position(),
                    detail: e.to_string(),
                });
            }
        }
        buf.clear();
    }
}

fn check_root(e: &BytesStart) -> Result<(), Failure> {
    if e.name().as_ref() == "osm" {
        Ok(())
    } else {
        let root = e.name().as_ref().to_owned();
        Err(Failure::NotOsm(root))
    }
}

/// Reads the attributes of a child of `<osm>`: a node, a way, a relation or anything else.
fn open_object(e: &BytesStart, out: &mut RawObjects) -> Result<Open, String> {
    let name = e.name();
    let what = match name.as_ref() {
        "node" => "node",
        "way" => "way",
        "relation" => {
            out.relations += 1;
            return Ok(Open::Other);
        }
        _ => return Ok(Open::Other),
    };
    let (mut id, mut lat, mut lon, mut keep) = (None, None, None, true);
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let value = attr.value.as_ref();
        match attr.key.as_ref() {
            "id" => id = Some(number::<i64>(value, what, "id")?),
            "lat" => lat = Some(number::<f64>(value, what, "lat")?),
            "lon" => lon = Some(number::<f64>(value, what, "lon")?),
            "visible" => keep &= value != "false",
            "action" => keep &= value != "delete",
            _ => {}
        }
    }
    let id = id.ok_or_else(|| format!("a <{what}> has no id"))?;
    if what == "way" {
        return Ok(Open::Way {
            id,
            nodes: Vec::new(),
            keep,
        });
    }
    let (Some(lat), Some(lon)) = (lat, lon) else {
        if keep {
            return Err(format!("node {id} has no lat or no lon"));
        }
        return Ok(Open::Other);
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "node {id} lies outside the globe (lat {lat}, lon {lon})"
        ));
    }
    Ok(Open::Node {
        id,
        location: LonLat::new(lon, lat),
        keep,
    })
}

fn number<T: std::str::FromStr>(value: &str, what: &str, attr: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("a <{what}> has {attr}=\"{value}\", which is not a number"))
}

/// Reads a `<tag>` or `<nd>` inside the open object.
fn child(e: &BytesStart, open: &mut Open, tags: &mut Tags) -> Result<(), String> {
    match (e.name().as_ref(), open) {
        ("tag", Open::Node { keep: true, .. } | Open::Way { keep: true, .. }) => {
            let (mut k, mut v) = (None, None);
            for attr in e.attributes() {
                let attr = attr.map_err(|err| err.to_string())?;
                let slot = match attr.key.as_ref() {
                    "k" => &mut k,
                    "v" => &mut v,
                    _ => continue,
                };
                let text = attr
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| err.to_string())?;
                *slot = Some(text.into_owned());
            }
            match (k, v) {
                (Some(k), Some(v)) => tags.push((k, v)),
                _ => return Err("a <tag> lacks its k or v attribute".into()),
            }
        }
        ("nd", Open::Way { id, nodes, keep }) => {
            let reference = e
                .attributes()
                .flatten()
                .find(|a| a.key.as_ref() == "ref")
                .ok_or_else(|| format!("an <nd> of way {id} has no ref"))?;
            if *keep {
                nodes.push(number::<i64>(&reference.value, "nd", "ref")?);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Files the object just closed.
fn finish(open: Open, tags: &mut Tags, out: &mut RawObjects) {
    let kinds = || tags.iter().map(|(k, _)| classify_key(k.as_bytes()));
    match open {
        Open::Node {
            id,
            location,
            keep: true,
        } => {
            out.push_node(id, location);
            if kinds().any(|k| k == KeyKind::Feature) {
                let mut tags = std::mem::take(tags);
                sort_tags(&mut tags);
                out.node_features.push(MapFeature {
                    id: OsmId::Node(id),
                    location,
                    footprint_m2: None,
                    tags,
                });
            }
        }
        Open::Way {
            id,
            nodes,
            keep: true,
        } => {
            let road = kinds().any(|k| k == KeyKind::Road);
            // A land-use way is kept with the features; assembling sorts it out.
            let feature = kinds().any(|k| k == KeyKind::Feature || k == KeyKind::LandUse);
            if !road && !feature {
                return;
            }
            let mut tags = std::mem::take(tags);
            sort_tags(&mut tags);
            if feature {
                out.way_features.push(RawWayFeature {
                    id,
                    nodes: nodes.clone(),
                    tags: tags.clone(),
                });
            }
            if road {
                out.roads.push(RoadWay { id, nodes, tags });
            }
        }
        _ => {}
    }
    tags.clear();
}

/// Line and column (from 1) of byte `offset` in the (decompressed) text, found by reading it
/// again: this runs only when reporting an error.
fn locate(path: &Path, gzip: bool, offset: u64) -> (u64, u64) {
    let Ok(file) = open(path) else {
        return (0, 0);
    };
    let text: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let (mut line, mut column) = (1, 1);
    for byte in BufReader::new(text).bytes().take(offset as usize) {
        let Ok(byte) = byte else { break };
        if byte == b'\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> RawObjects {
        match parse(text.as_bytes()) {
            Ok(raw) => raw,
            Err(_) => panic!("the text should parse"),
        }
    }

    #[test]
    fn deleted_and_invisible_objects_are_skipped() {
        let raw = parse_text(
            r#"<osm version="0.6">
 <node id="-1" lat="47.75" lon="-3.36" action="delete"/>
 <node id="2" lat="47.75" lon="-3.35"/>
 <node id="3" lat="47.76" lon="-3.35" visible="false"><tag k="shop" v="bakery"/></node>
 <way id="-5" action="delete"><nd ref="2"/><nd ref="2"/><tag k="highway" v="service"/></way>
 <way id="6"><nd ref="2"/><nd ref="7"/><tag k="highway" v="service"/></way>
 <relation id="8"><member type="way" ref="6" role=""/><tag k="type" v="route"/></relation>
</osm>"#,
        );
        assert_eq!(raw.nodes, [vec![(2, LonLat::new(-3.35, 47.75))]]);
        assert!(raw.node_features.is_empty());
        assert_eq!(raw.roads.len(), 1);
        assert_eq!(raw.roads[0].nodes, [2, 7]);
        assert_eq!(raw.relations, 1);
    }

    #[test]
    fn tags_are_unescaped_and_sorted() {
        let raw = parse_text(
            r#"<?xml version="1.0"?>
<osm><node id="1" lat="1" lon="2"><tag k="shop" v="wine"/><tag k="name" v="Caves &amp; Co &quot;Vins&quot;"/></node></osm>"#,
        );
        let feature = &raw.node_features[0];
        assert_eq!(feature.id, OsmId::Node(1));
        assert_eq!(
            feature.tags,
            [
                ("name".to_string(), "Caves & Co \"Vins\"".to_string()),
                ("shop".to_string(), "wine".to_string())
            ]
        );
    }

    #[test]
    fn an_empty_osm_element_holds_nothing() {
        let raw = parse_text(r#"<?xml version="1.0"?><osm version="0.6"/>"#);
        assert!(raw.nodes.is_empty() && raw.roads.is_empty());
    }
}
