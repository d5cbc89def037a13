//! What can go wrong while decoding an OpenStreetMap extract.
//!
//! Every message names the file and says how to fix it. Problems that do not stop the decoding
//! (a way naming a node the file lacks, a relation freightsim ignores) are not errors: they are
//! counted in [`super::DecodeReport`].

use std::io;
use std::path::{Path, PathBuf};

/// An extract that cannot be decoded.
#[derive(Debug, thiserror::Error)]
pub enum OsmError {
    /// The path names no file. Remedy: check the path, or download an extract.
    #[error(
        "OSM file {} not found: check the path, or download an extract (an OSM API bbox \
         download, or a regional file cut with `osmium extract`)",
        path.display()
    )]
    NotFound {
        /// The path given.
        path: PathBuf,
    },

    /// The file exists but cannot be read (permissions, a directory, a device error).
    /// Remedy: make it a readable file, or copy it again.
    #[error("cannot read OSM file {}: {source}; check that it is a readable file", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// The content is neither OSM PBF nor OSM XML (plain or gzip-compressed), whatever the
    /// extension says. Remedy: give a `.osm.pbf`, `.osm` or `.osm.gz` file, or convert it with
    /// `osmium cat`.
    #[error(
        "{} is not an OpenStreetMap extract (found {found}): give a .osm.pbf, .osm or .osm.gz \
         file, or convert it with `osmium cat {} -o extract.osm.pbf`",
        path.display(),
        path.display()
    )]
    UnrecognizedFormat {
        /// The file.
        path: PathBuf,
        /// What the file starts with, in words.
        found: String,
    },

    /// The PBF file ends in the middle of a blob: the download or copy was cut short.
    /// Remedy: download or copy it again.
    #[error(
        "PBF file {} is truncated: it ends at byte {size_bytes}, inside blob {blob} which \
         starts at byte {offset}; download or copy it again, then check it with \
         `osmium fileinfo -e`",
        path.display()
    )]
    TruncatedPbf {
        /// The file.
        path: PathBuf,
        /// Index of the cut blob, counting from 0 (the header blob).
        blob: usize,
        /// Byte offset where that blob starts.
        offset: u64,
        /// Size of the file in bytes.
        size_bytes: u64,
    },

    /// A PBF blob cannot be decoded: bad framing, compression, protobuf or string table.
    /// Remedy: download the file again; `osmium fileinfo -e` shows whether osmium can read it.
    #[error(
        "PBF file {} is corrupt in blob {blob} (starting at byte {offset}): {detail}; \
         download it again, or check it with `osmium fileinfo -e`",
        path.display()
    )]
    CorruptPbf {
        /// The file.
        path: PathBuf,
        /// Index of the bad blob, counting from 0 (the header blob).
        blob: usize,
        /// Byte offset where that blob starts.
        offset: u64,
        /// What is wrong, in words.
        detail: String,
    },

    /// The PBF header requires a feature freightsim cannot read (for example a history file).
    /// Remedy: convert it to a plain snapshot with osmium.
    #[error(
        "PBF file {} requires the feature `{feature}`, which freightsim cannot read: make a \
         plain snapshot with `osmium time-filter` or `osmium cat`",
        path.display()
    )]
    UnsupportedPbf {
        /// The file.
        path: PathBuf,
        /// The required feature named in the header.
        feature: String,
    },

    /// A PBF blob is compressed with LZ4, zstd, LZMA or bzip2 (osmium writes LZ4 with
    /// `-f pbf,pbf_compression=lz4`); freightsim reads zlib and uncompressed blobs only.
    /// Remedy: recompress the file with zlib (osmium's default).
    #[error(
        "PBF file {} uses {compression} compression (blob {blob}), which freightsim cannot \
         read: recompress it with zlib, `osmium cat {} -o zlib.osm.pbf`",
        path.display(),
        path.display()
    )]
    UnsupportedCompression {
        /// The file.
        path: PathBuf,
        /// Index of the first such blob, counting from 0 (the header blob).
        blob: usize,
        /// The compression found: `LZ4`, `zstd`, `LZMA` or `bzip2`.
        compression: &'static str,
    },

    /// A gzip file cannot be decompressed (truncated or damaged). Remedy: download it again.
    #[error(
        "gzip file {} cannot be decompressed: {detail}; download it again, or test it with \
         `gzip -t`",
        path.display()
    )]
    CorruptGzip {
        /// The file.
        path: PathBuf,
        /// What the decompressor said.
        detail: String,
    },

    /// OSM XML that breaks the XML grammar or the OSM schema (a node without `lat`, an id that
    /// is not a number, a file cut before `</osm>`). Remedy: fix the file at the place given,
    /// or export it again.
    #[error(
        "OSM XML file {} is malformed at line {line}, column {column}: {detail}; fix the file \
         there or export it again",
        path.display()
    )]
    MalformedXml {
        /// The file.
        path: PathBuf,
        /// Line of the problem, from 1 (in the decompressed text for `.osm.gz`).
        line: u64,
        /// Column of the problem in bytes, from 1.
        column: u64,
        /// What is wrong, in words.
        detail: String,
    },

    /// The extract holds no `highway=*` way, so there is no road network to build.
    /// Remedy: use an extract of the right area that still has its roads.
    #[error(
        "no roads in {}: it holds no highway=* way; is it the right area, or was it filtered \
         (buildings only, say)? Use an extract that keeps the road network",
        path.display()
    )]
    NoRoads {
        /// The file.
        path: PathBuf,
    },

    /// Every `highway=*` way names nodes the file does not hold, so no road has two nodes
    /// with a position. Remedy: extract again keeping whole ways.
    #[error(
        "no usable roads in {}: its {ways} highway=* ways name {missing_nodes} nodes the file \
         does not hold, and no two consecutive ones it holds; extract it again with whole ways \
         (`osmium extract -s complete_ways`)",
        path.display()
    )]
    RoadNodesMissing {
        /// The file.
        path: PathBuf,
        /// Number of `highway=*` ways in the file.
        ways: usize,
        /// Number of distinct nodes named by those ways that the file lacks.
        missing_nodes: usize,
    },

    /// One id names two different nodes (at two positions) or two different ways: the file
    /// joins two versions or two extracts that disagree, and keeping either object would
    /// silently lose the other. Remedy: keep one version (`osmium time-filter` for a
    /// history file), or merge the extracts with `osmium merge`.
    #[error(
        "OSM file {} holds {what} {id} twice, {detail}; keep one version (`osmium \
         time-filter` for a history file) or merge extracts with `osmium merge`",
        path.display()
    )]
    ConflictingDuplicate {
        /// The file.
        path: PathBuf,
        /// `node` or `way`.
        what: &'static str,
        /// The OSM id.
        id: i64,
        /// How the two differ.
        detail: String,
    },
}

impl OsmError {
    /// The error for a failed open or read of `path`: [`OsmError::NotFound`] when the file does
    /// not exist, [`OsmError::Io`] otherwise.
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            OsmError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            OsmError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            OsmError::NotFound { path }
            | OsmError::Io { path, .. }
            | OsmError::UnrecognizedFormat { path, .. }
            | OsmError::TruncatedPbf { path, .. }
            | OsmError::CorruptPbf { path, .. }
            | OsmError::UnsupportedPbf { path, .. }
            | OsmError::UnsupportedCompression { path, .. }
            | OsmError::CorruptGzip { path, .. }
            | OsmError::MalformedXml { path, .. }
            | OsmError::NoRoads { path }
            | OsmError::RoadNodesMissing { path, .. }
            | OsmError::ConflictingDuplicate { path, .. } => path,
        }
    }
}
