//! A PBF file taken apart down to its protobuf fields, mutated there, and put back together
//! with valid framing and zlib compression, so that mutations reach the decoder's logic
//! (string tables, delta-coded ids and coordinates, tags) and not only its framing checks.

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::io::{Read, Write};

/// One protobuf field.
#[derive(Clone, Debug)]
pub struct Field {
    pub number: u64,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    Varint(u64),
    Fixed64([u8; 8]),
    Bytes(Vec<u8>),
    Fixed32([u8; 4]),
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
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

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Parses a message; `None` unless the bytes are exactly a sequence of well-formed fields.
pub fn parse(bytes: &[u8]) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let key = read_varint(bytes, &mut at)?;
        let number = key >> 3;
        if number == 0 {
            return None;
        }
        let value = match key & 7 {
            0 => Value::Varint(read_varint(bytes, &mut at)?),
            1 => {
                let v = bytes.get(at..at + 8)?.try_into().ok()?;
                at += 8;
                Value::Fixed64(v)
            }
            2 => {
                let len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
                let end = at.checked_add(len).filter(|&e| e <= bytes.len())?;
                let v = bytes[at..end].to_vec();
                at = end;
                Value::Bytes(v)
            }
            5 => {
                let v = bytes.get(at..at + 4)?.try_into().ok()?;
                at += 4;
                Value::Fixed32(v)
            }
            _ => return None,
        };
        fields.push(Field { number, value });
    }
    Some(fields)
}

pub fn encode(fields: &[Field]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in fields {
        let wire = match f.value {
            Value::Varint(_) => 0,
            Value::Fixed64(_) => 1,
            Value::Bytes(_) => 2,
            Value::Fixed32(_) => 5,
        };
        write_varint(&mut out, (f.number << 3) | wire);
        match &f.value {
            Value::Varint(v) => write_varint(&mut out, *v),
            Value::Fixed64(b) => out.extend_from_slice(b),
            Value::Fixed32(b) => out.extend_from_slice(b),
            Value::Bytes(b) => {
                write_varint(&mut out, b.len() as u64);
                out.extend_from_slice(b);
            }
        }
    }
    out
}

/// Values that find off-by-one and overflow mistakes, as raw varints (zigzag-encoded where
/// the field is signed, which the mutator does not know: both forms appear).
fn interesting(rng: &mut ChaCha8Rng, old: u64) -> u64 {
    const VALUES: [u64; 14] = [
        0,
        1,
        2,
        0x7f,
        0x80,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x1_0000_0000,
        i64::MAX as u64,
        u64::MAX,
        u64::MAX - 1,  // zigzag of i64::MAX
        1_800_000_000, // 180 degrees in nanodegrees / 100
        950_000_000,   // 95 degrees, as a lat with granularity 100
    ];
    match rng.random_range(0..4) {
        0 => VALUES[rng.random_range(0..VALUES.len())],
        1 => old.wrapping_add(rng.random_range(1..4)),
        2 => old.wrapping_sub(rng.random_range(1..4)),
        _ => rng.random::<u64>() >> rng.random_range(0..64),
    }
}

/// Strings that change what a way is or does, for string-table entries.
const WORDS: [&[u8]; 16] = [
    b"highway",
    b"residential",
    b"motorway",
    b"footway",
    b"oneway",
    b"yes",
    b"-1",
    b"maxspeed",
    b"0.0000001",
    b"1",
    b"999",
    b"access",
    b"no",
    b"building",
    b"shop",
    b"\xff\xfe",
];

/// Mutates a message in place, `depth` levels deep at most: a varint gets an interesting
/// value, a nested message is mutated recursively, a packed list of varints gets one element
/// changed, dropped or repeated, raw bytes are rewritten; or a field is deleted, repeated,
/// or swapped with another.
pub fn mutate_message(rng: &mut ChaCha8Rng, fields: &mut Vec<Field>, depth: usize) {
    if fields.is_empty() {
        fields.push(Field {
            number: rng.random_range(1..20),
            value: Value::Varint(interesting(rng, 0)),
        });
        return;
    }
    let i = rng.random_range(0..fields.len());
    match rng.random_range(0..10) {
        0 => {
            fields.remove(i);
        }
        1 => {
            let f = fields[i].clone();
            fields.insert(rng.random_range(0..=fields.len()), f);
        }
        2 => {
            let j = rng.random_range(0..fields.len());
            let v = fields[j].value.clone();
            fields[i].value = v;
        }
        _ => mutate_value(rng, &mut fields[i].value, depth),
    }
}

fn mutate_value(rng: &mut ChaCha8Rng, value: &mut Value, depth: usize) {
    match value {
        Value::Varint(v) => *v = interesting(rng, *v),
        Value::Fixed32(b) => b[rng.random_range(0..4)] ^= 1 << rng.random_range(0..8),
        Value::Fixed64(b) => b[rng.random_range(0..8)] ^= 1 << rng.random_range(0..8),
        Value::Bytes(bytes) => {
            let nested = if depth > 0 && !bytes.is_empty() {
                parse(bytes)
            } else {
                None
            };
            if let Some(mut inner) = nested.filter(|_| rng.random_bool(0.8)) {
                mutate_message(rng, &mut inner, depth - 1);
                *bytes = encode(&inner);
            } else if let Some(mut list) = packed(bytes).filter(|_| rng.random_bool(0.7)) {
                let i = rng.random_range(0..list.len());
                match rng.random_range(0..4) {
                    0 => {
                        list.remove(i);
                    }
                    1 => list.insert(i, list[i]),
                    _ => list[i] = interesting(rng, list[i]),
                }
                bytes.clear();
                for v in list {
                    write_varint(bytes, v);
                }
            } else {
                match rng.random_range(0..4) {
                    0 => *bytes = WORDS[rng.random_range(0..WORDS.len())].to_vec(),
                    1 => bytes.truncate(rng.random_range(0..=bytes.len())),
                    2 if !bytes.is_empty() => {
                        let i = rng.random_range(0..bytes.len());
                        bytes[i] = rng.random();
                    }
                    _ => bytes.extend_from_slice(WORDS[rng.random_range(0..WORDS.len())]),
                }
            }
        }
    }
}

/// The bytes read as a packed list of varints, when they are one.
fn packed(bytes: &[u8]) -> Option<Vec<u64>> {
    let mut at = 0;
    let mut out = Vec::new();
    while at < bytes.len() {
        out.push(read_varint(bytes, &mut at)?);
    }
    (!out.is_empty()).then_some(out)
}

/// One blob of the file: its header fields and its (decompressed, when zlib) block.
#[derive(Clone)]
struct Blob {
    header: Vec<Field>,
    /// The decompressed block, when the blob was zlib or raw and is kept that way.
    block: Option<Vec<u8>>,
    /// The blob message as found, for blobs left compressed as they were.
    raw_blob: Vec<u8>,
}

/// Splits a PBF file into blobs; `None` when its framing is not valid.
fn split(file: &[u8]) -> Option<Vec<Blob>> {
    let mut blobs = Vec::new();
    let mut at = 0;
    while at < file.len() {
        let len = u32::from_be_bytes(file.get(at..at + 4)?.try_into().ok()?) as usize;
        let header_bytes = file.get(at + 4..at + 4 + len)?;
        let header = parse(header_bytes)?;
        let size = header.iter().find_map(|f| match (f.number, &f.value) {
            (3, Value::Varint(v)) => Some(*v as usize),
            _ => None,
        })?;
        let start = at + 4 + len;
        let raw_blob = file.get(start..start + size)?.to_vec();
        let blob = parse(&raw_blob)?;
        let block = blob.iter().find_map(|f| match (f.number, &f.value) {
            (1, Value::Bytes(b)) => Some(b.clone()),
            (3, Value::Bytes(b)) => {
                let mut out = Vec::new();
                ZlibDecoder::new(b.as_slice()).read_to_end(&mut out).ok()?;
                Some(out)
            }
            _ => None,
        });
        blobs.push(Blob {
            header,
            block,
            raw_blob,
        });
        at = start + size;
    }
    Some(blobs)
}

/// Puts blobs back into a file: each block zlib-compressed (or stored raw when `raw`),
/// with `raw_size` and the header's `datasize` recomputed.
fn join(rng: &mut ChaCha8Rng, blobs: &[Blob]) -> Vec<u8> {
    let mut file = Vec::new();
    for b in blobs {
        let blob = match &b.block {
            Some(block) if rng.random_bool(0.1) => encode(&[Field {
                number: 1,
                value: Value::Bytes(block.clone()),
            }]),
            Some(block) => {
                let mut z = ZlibEncoder::new(Vec::new(), Compression::fast());
                z.write_all(block).unwrap();
                encode(&[
                    Field {
                        number: 2,
                        value: Value::Varint(block.len() as u64),
                    },
                    Field {
                        number: 3,
                        value: Value::Bytes(z.finish().unwrap()),
                    },
                ])
            }
            None => b.raw_blob.clone(),
        };
        let mut header = b.header.clone();
        for f in &mut header {
            if f.number == 3 {
                f.value = Value::Varint(blob.len() as u64);
            }
        }
        let header = encode(&header);
        file.extend_from_slice(&(header.len() as u32).to_be_bytes());
        file.extend_from_slice(&header);
        file.extend_from_slice(&blob);
    }
    file
}

/// A mutant of the PBF file `seed`: mostly one to three mutations inside the decoded blocks
/// (string tables, nodes, ways, header features), sometimes blob-level changes (dropped,
/// repeated, reordered blobs, a changed header), sometimes raw damage to the bytes.
pub fn mutate_pbf(rng: &mut ChaCha8Rng, seed: &[u8]) -> Vec<u8> {
    let Some(mut blobs) = split(seed) else {
        return super::text::mutate_bytes(rng, seed);
    };
    match rng.random_range(0..10) {
        0 => {
            let i = rng.random_range(0..blobs.len());
            match rng.random_range(0..3) {
                0 => {
                    blobs.remove(i);
                }
                1 => blobs.insert(i, blobs[i].clone()),
                _ => {
                    let j = rng.random_range(0..blobs.len());
                    blobs.swap(i, j);
                }
            }
        }
        1 => {
            let i = rng.random_range(0..blobs.len());
            mutate_message(rng, &mut blobs[i].header, 0);
        }
        _ => {
            for _ in 0..rng.random_range(1..4) {
                let i = rng.random_range(0..blobs.len());
                if let Some(block) = &mut blobs[i].block {
                    let mut fields = parse(block).unwrap_or_default();
                    mutate_message(rng, &mut fields, 4);
                    *block = encode(&fields);
                }
            }
        }
    }
    let file = join(rng, &blobs);
    if rng.random_bool(0.05) {
        super::text::mutate_bytes(rng, &file)
    } else {
        file
    }
}
