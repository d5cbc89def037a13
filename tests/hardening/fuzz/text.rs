//! Mutators for the text formats: OSM XML element by element and attribute by attribute,
//! instance files and CSV token by token and line by line, TOML value by value.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Numbers that break parsers and arithmetic: signs, overflow, non-finite, precision.
const NUMBERS: [&str; 26] = [
    "0",
    "-0",
    "1",
    "-1",
    "95",
    "-181",
    "200",
    "0.0000001",
    "1e20",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "-inf",
    "2147483648",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "10000000000000",
    "1.5",
    "",
    "0x10",
    "1,5",
    "٣",
];

/// Words that change meaning: tag values, section names, dates, durations, paths.
const WORDS: [&str; 24] = [
    "yes",
    "no",
    "-1",
    "residential",
    "motorway",
    "footway",
    "oneway",
    "maxspeed",
    "highway",
    "EOF",
    "DEPOT_SECTION",
    "NODE_COORD_SECTION",
    "DEMAND_SECTION",
    "DIMENSION",
    "CUSTOMER",
    "VEHICLE",
    "2025-02-30",
    "25:00",
    "72h",
    "-24h",
    "../fixtures/no_such.osm",
    "&amp;",
    "\u{0}",
    "é",
];

pub fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// Raw damage: flip, overwrite, insert or delete bytes, or cut the file short.
pub fn mutate_bytes(rng: &mut ChaCha8Rng, seed: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..rng.random_range(1..5) {
        let n = out.len();
        match rng.random_range(0..5) {
            0 if n > 0 => {
                let i = rng.random_range(0..n);
                out[i] ^= 1 << rng.random_range(0..8);
            }
            1 if n > 0 => {
                let i = rng.random_range(0..n);
                out[i] = rng.random();
            }
            2 => {
                let i = rng.random_range(0..=n);
                out.insert(i, rng.random());
            }
            3 if n > 0 => {
                out.remove(rng.random_range(0..n));
            }
            _ => out.truncate(rng.random_range(0..=n)),
        }
    }
    out
}

/// A mutant of OSM XML: an attribute value replaced by a number or word, an element (a
/// `<node>`, `<nd>`, `<tag>`, `<way>` line) deleted, repeated (so ids repeat) or moved, a
/// tag key changed, markup inserted; sometimes raw damage.
pub fn mutate_xml(rng: &mut ChaCha8Rng, seed: &str) -> Vec<u8> {
    // Elements: the text split before each '<'.
    let mut parts: Vec<String> = seed.split_inclusive('>').map(str::to_string).collect();
    for _ in 0..rng.random_range(1..4) {
        if parts.is_empty() {
            break;
        }
        let i = rng.random_range(0..parts.len());
        match rng.random_range(0..9) {
            0 => {
                parts.remove(i);
            }
            1 => {
                let p = parts[i].clone();
                parts.insert(rng.random_range(0..=parts.len()), p);
            }
            2 => {
                let j = rng.random_range(0..parts.len());
                parts.swap(i, j);
            }
            3 => {
                let junk = pick(
                    rng,
                    &[
                        "<",
                        "]]>",
                        "<osm>",
                        "</osm>",
                        "<!DOCTYPE osm [<!ENTITY a \"aaaaaaaaaa\">]>",
                        "&a;",
                        "<node id=\"1\" lat=\"47.75\" lon=\"-3.36\"/>",
                        "<nd ref=\"999\"/>",
                        "<tag k=\"oneway\" v=\"-1\"/>",
                        "<tag k=\"highway\" v=\"residential\"/>",
                        "<tag k=\"maxspeed\" v=\"1\"/>",
                        "<relation id=\"5\"><member type=\"way\" ref=\"10\" role=\"\"/></relation>",
                    ],
                );
                parts.insert(i, junk.to_string());
            }
            _ => parts[i] = mutate_attribute(rng, &parts[i]),
        }
    }
    let text = parts.concat();
    if rng.random_bool(0.1) {
        mutate_bytes(rng, text.as_bytes())
    } else {
        text.into_bytes()
    }
}

/// Replaces the value of one `name="value"` attribute of an element.
fn mutate_attribute(rng: &mut ChaCha8Rng, element: &str) -> String {
    let quotes: Vec<usize> = element.match_indices('"').map(|(i, _)| i).collect();
    if quotes.len() < 2 {
        return element.to_string();
    }
    let k = rng.random_range(0..quotes.len() / 2);
    let (open, close) = (quotes[2 * k], quotes[2 * k + 1]);
    let old = &element[open + 1..close];
    let new = match rng.random_range(0..4) {
        0 => pick(rng, &WORDS).to_string(),
        1 => match old.parse::<i64>() {
            Ok(n) => n.wrapping_add(rng.random_range(-2..3)).to_string(),
            Err(_) => pick(rng, &NUMBERS).to_string(),
        },
        _ => pick(rng, &NUMBERS).to_string(),
    };
    format!("{}{}{}", &element[..=open], new, &element[close..])
}

/// A mutant of a line-oriented text file (Solomon, VRPLIB, CSV): tokens replaced by numbers
/// or words, lines deleted, repeated, moved or added; sometimes raw damage. `separator` is
/// what splits a line into tokens (`' '` or `','`).
pub fn mutate_lines(rng: &mut ChaCha8Rng, seed: &str, separator: char) -> Vec<u8> {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    for _ in 0..rng.random_range(1..4) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let i = rng.random_range(0..lines.len());
        match rng.random_range(0..10) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(rng.random_range(0..=lines.len()), l);
            }
            2 => {
                let j = rng.random_range(0..lines.len());
                lines.swap(i, j);
            }
            3 => {
                let line = pick(
                    rng,
                    &[
                        "DIMENSION : 4294967296",
                        "VEHICLES : 10000000000000",
                        "CAPACITY : 9223372036854775807",
                        "EOF",
                        "DEPOT_SECTION",
                        "-1",
                        "VEHICLE",
                        "NUMBER     CAPACITY",
                        "CUSTOMER",
                        "1 0 0 0 0 0 0",
                        "",
                    ],
                );
                lines.insert(i, line.to_string());
            }
            _ => lines[i] = mutate_token(rng, &lines[i], separator),
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    if rng.random_bool(0.05) {
        mutate_bytes(rng, text.as_bytes())
    } else {
        text.into_bytes()
    }
}

fn mutate_token(rng: &mut ChaCha8Rng, line: &str, separator: char) -> String {
    let mut tokens: Vec<String> = if separator == ' ' {
        line.split_whitespace().map(str::to_string).collect()
    } else {
        line.split(separator).map(str::to_string).collect()
    };
    if tokens.is_empty() {
        return pick(rng, &NUMBERS).to_string();
    }
    let i = rng.random_range(0..tokens.len());
    match rng.random_range(0..6) {
        0 => {
            tokens.remove(i);
        }
        1 => tokens.insert(i, pick(rng, &NUMBERS).to_string()),
        2 => tokens[i] = pick(rng, &WORDS).to_string(),
        3 => {
            if let Ok(n) = tokens[i].parse::<i64>() {
                tokens[i] = n.wrapping_add(rng.random_range(-2..3)).to_string();
            }
        }
        _ => tokens[i] = pick(rng, &NUMBERS).to_string(),
    }
    tokens.join(&separator.to_string())
}

/// A mutant of a TOML document, changed in its values: a leaf replaced (numbers by
/// interesting numbers, strings by words, any by another type), a key removed, an unknown
/// key added, an array element removed or repeated. A document that does not parse is
/// mutated as lines instead.
pub fn mutate_toml(rng: &mut ChaCha8Rng, seed: &str) -> Vec<u8> {
    let Ok(mut doc) = seed.parse::<toml::Table>() else {
        return mutate_lines(rng, seed, ' ');
    };
    for _ in 0..rng.random_range(1..4) {
        mutate_table(rng, &mut doc);
    }
    match toml::to_string(&doc) {
        Ok(text) if rng.random_bool(0.95) => text.into_bytes(),
        Ok(text) => mutate_lines(rng, &text, ' '),
        Err(_) => mutate_lines(rng, seed, ' '),
    }
}

fn mutate_table(rng: &mut ChaCha8Rng, table: &mut toml::Table) {
    let keys: Vec<String> = table.keys().cloned().collect();
    if keys.is_empty() || rng.random_bool(0.05) {
        table.insert(
            pick(rng, &["extra", "days", "seed", "osm"]).into(),
            leaf(rng),
        );
        return;
    }
    let key = &keys[rng.random_range(0..keys.len())];
    if rng.random_bool(0.08) {
        table.remove(key);
        return;
    }
    let value = table.get_mut(key).expect("listed");
    mutate_toml_value(rng, value);
}

fn mutate_toml_value(rng: &mut ChaCha8Rng, value: &mut toml::Value) {
    match value {
        toml::Value::Table(t) => mutate_table(rng, t),
        toml::Value::Array(a) if !a.is_empty() => {
            let i = rng.random_range(0..a.len());
            match rng.random_range(0..5) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let v = a[i].clone();
                    a.push(v);
                }
                _ => mutate_toml_value(rng, &mut a[i]),
            }
        }
        toml::Value::Integer(n) => {
            *value = match rng.random_range(0..4) {
                0 => toml::Value::Integer(n.wrapping_add(rng.random_range(-2..3))),
                1 => toml::Value::Integer(
                    *[0, -1, i64::MAX, i64::MIN, 1 << 32, 100_000_000]
                        .get(rng.random_range(0..6))
                        .unwrap(),
                ),
                _ => leaf(rng),
            }
        }
        _ => *value = leaf(rng),
    }
}

fn leaf(rng: &mut ChaCha8Rng) -> toml::Value {
    match rng.random_range(0..6) {
        0 => toml::Value::Integer(rng.random_range(-3..1000)),
        1 => toml::Value::Float(
            [0.0, -1.0, 1e308, f64::NAN, f64::INFINITY, 0.5][rng.random_range(0..6)],
        ),
        2 => toml::Value::Boolean(rng.random()),
        3 => toml::Value::Array(Vec::new()),
        _ => toml::Value::String(pick(rng, &WORDS).to_string()),
    }
}

/// A mutant of a JSON document (zone GeoJSON), changed in its values: a number replaced by
/// an interesting one (out of WGS84, huge, tiny, negative), a string by a word, an array
/// element removed or repeated (rings that no longer close, polygons with no ring), a key
/// removed. A document that does not parse is mutated as lines instead.
pub fn mutate_json(rng: &mut ChaCha8Rng, seed: &str) -> Vec<u8> {
    let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(seed) else {
        return mutate_lines(rng, seed, ',');
    };
    for _ in 0..rng.random_range(1..4) {
        mutate_json_value(rng, &mut doc);
    }
    let text = serde_json::to_string(&doc).expect("a JSON value prints");
    if rng.random_bool(0.05) {
        mutate_bytes(rng, text.as_bytes())
    } else {
        text.into_bytes()
    }
}

fn mutate_json_value(rng: &mut ChaCha8Rng, value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[rng.random_range(0..keys.len())];
            if rng.random_bool(0.05) {
                map.remove(key);
            } else {
                mutate_json_value(rng, map.get_mut(key).expect("listed"));
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.random_range(0..a.len());
            match rng.random_range(0..8) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let v = a[i].clone();
                    a.insert(rng.random_range(0..=a.len()), v);
                }
                _ => mutate_json_value(rng, &mut a[i]),
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let new = match rng.random_range(0..6) {
                0 => x + rng.random_range(-1e-3..1e-3),
                1 => x * 1e6,
                2 => -x,
                3 => [181.0, -91.0, 1e308, -1e308, 5e-324, 0.0][rng.random_range(0..6)],
                4 => x + 360.0,
                _ => x + rng.random_range(-0.01..0.01),
            };
            *value = serde_json::Number::from_f64(new).map_or(Value::Null, Value::Number);
        }
        _ => {
            *value = match rng.random_range(0..4) {
                0 => Value::Null,
                1 => Value::Array(Vec::new()),
                2 => Value::from(pick(rng, &WORDS)),
                _ => Value::from(rng.random_range(-3..1000)),
            }
        }
    }
}
