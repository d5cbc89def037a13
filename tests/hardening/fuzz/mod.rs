//! A fuzz harness for every reader freightsim has: PBF, OSM XML, `.osm.gz`, Solomon, VRPLIB,
//! the scenario TOML (the golden tiny-town one, run to its world, and every shipped scenario,
//! validated), the orders CSV, zone GeoJSON, the criteria TOML and the comparison CSV of
//! `score` (issue 22). Each input is a structure-aware mutant of a real
//! file or fixture (see [`protobuf`] and [`text`]), run through what the command would do
//! with it (read, then build the network, or solve a few iterations, or build the world),
//! and classified as the process would exit:
//! - `exit 0`: accepted, and the result passes the checkers (network invariants, the
//!   routing checker inside `solve_instance`);
//! - `exit 2`: refused with a typed error of exit code 2;
//! - `other`: a panic, an error of another exit code, or an accepted result that fails a
//!   checker. There must be none.
//!
//! Case `i` is generated from seed `i` alone, so any failure is reproduced by its index;
//! failing inputs are written to `target/fuzz-failures/`. The fast slice runs in
//! `cargo test`; the long run is
//! `FREIGHTSIM_FUZZ_CASES=1000000 cargo test --release --test hardening -- --ignored fuzz_long --nocapture`
//! (docs/hardening.md records its counts).

pub mod protobuf;
pub mod text;

use freightsim::network::{RoadNetwork, check, write_geojson};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The readers, in the order cases cycle through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Pbf,
    Xml,
    GzipXml,
    Solomon,
    Vrplib,
    Scenario,
    OrdersCsv,
    ShippedScenario,
    ZoneGeojson,
    Criteria,
    Comparison,
}

pub const READERS: [Reader; 11] = [
    Reader::Pbf,
    Reader::Xml,
    Reader::GzipXml,
    Reader::Solomon,
    Reader::Vrplib,
    Reader::Scenario,
    Reader::OrdersCsv,
    Reader::ShippedScenario,
    Reader::ZoneGeojson,
    Reader::Criteria,
    Reader::Comparison,
];

impl Reader {
    fn extension(self) -> &'static str {
        match self {
            Reader::Pbf => ".osm.pbf",
            Reader::Xml => ".osm",
            Reader::GzipXml => ".osm.gz",
            Reader::Solomon => ".txt",
            Reader::Vrplib => ".vrp",
            Reader::Scenario | Reader::ShippedScenario | Reader::Criteria => ".toml",
            Reader::OrdersCsv | Reader::Comparison => ".csv",
            Reader::ZoneGeojson => ".geojson",
        }
    }
}

/// How a case ended, as the process would exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Refused,
    Other,
}

/// Outcome counts per reader, in [`READERS`] order: `[exit 0, exit 2, other]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts(pub [[u64; 3]; READERS.len()]);

impl Counts {
    fn add(&mut self, reader: Reader, outcome: Outcome) {
        let r = READERS.iter().position(|x| *x == reader).unwrap();
        self.0[r][outcome as usize] += 1;
    }

    pub fn merge(mut self, other: Counts) -> Counts {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self
    }

    pub fn other(&self) -> u64 {
        self.0.iter().map(|c| c[2]).sum()
    }

    /// A Markdown table of the counts.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| reader | inputs | exit 0 | exit 2 | other |\n|---|---:|---:|---:|---:|\n",
        );
        let mut total = [0u64; 3];
        for (reader, c) in READERS.iter().zip(&self.0) {
            let n: u64 = c.iter().sum();
            if n == 0 {
                continue;
            }
            out += &format!("| {reader:?} | {n} | {} | {} | {} |\n", c[0], c[1], c[2]);
            for (t, x) in total.iter_mut().zip(c) {
                *t += x;
            }
        }
        let n: u64 = total.iter().sum();
        out += &format!(
            "| all | {n} | {} | {} | {} |\n",
            total[0], total[1], total[2]
        );
        out
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed files of each reader: the repository's fixtures, plus a few published
/// benchmark instances when `$FREIGHTSIM_BENCH` (default `../shared/bench`) is there.
struct Seeds {
    pbf: Vec<Vec<u8>>,
    xml: Vec<String>,
    solomon: Vec<String>,
    vrplib: Vec<String>,
    scenario: String,
    orders: String,
    /// Every shipped scenario: (path, text).
    shipped: Vec<(PathBuf, String)>,
    zones: Vec<String>,
    criteria: Vec<String>,
    comparison: String,
}

static SEEDS: LazyLock<Seeds> = LazyLock::new(|| {
    let fixtures = root().join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .chain(std::fs::read_dir(fixtures.join("instances")).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    let bench = crate::common::shared_bench_if_present().map(|b| b.join("instances"));
    for extra in [
        "solomon/C101.txt",
        "solomon/R201.txt",
        "cvrp_x/X-n101-k25.vrp",
        "hfvrp/X101-FSMFD.vrp",
        "mtvrptwr/C201R0.25.vrp",
    ] {
        if let Some(path) = bench.as_ref().map(|b| b.join(extra))
            && path.exists()
        {
            files.push(path);
        }
    }
    files.sort();
    let named = |suffix: &str| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .cloned()
            .collect()
    };
    let text = |p: PathBuf| std::fs::read_to_string(p).unwrap();
    let scenario_path = root().join("tests/scenarios/tiny_town.toml");
    let osm = fixtures.join("tiny_town.osm");
    let scenario = text(scenario_path).replace(
        "\"../fixtures/tiny_town.osm\"",
        &format!("{:?}", osm.display().to_string()),
    );
    Seeds {
        pbf: named(".osm.pbf")
            .into_iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect(),
        xml: named(".osm").into_iter().map(text).collect(),
        solomon: named(".txt").into_iter().map(text).collect(),
        vrplib: named(".vrp").into_iter().map(text).collect(),
        scenario,
        orders: "order_id,site_id,lon,lat,placed_at,kg,parcels,category,carrier\n\
                 o1,,-3.3595,47.7503,2025-03-03T09:00,12.5,1,retail,\n\
                 o2,,-3.3581,47.7506,2025-03-04 10:30,3,2,parcel,parcels\n\
                 o3,s1,,,2025-03-05T08:00,1,,restaurant,freight\n\
                 o4,,-3.3590,47.7500,2025-03-06T23:59,0.5,1,pharmacy,\n"
            .to_string(),
        shipped: {
            let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("data/scenarios"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            v.sort();
            v.into_iter()
                .map(|p| {
                    let t = std::fs::read_to_string(&p).unwrap();
                    (p, t)
                })
                .collect()
        },
        zones: [
            "data/zones/lorient-centre.geojson",
            "data/osm/lorient-56121-commune.geojson",
        ]
        .iter()
        .map(|p| text(root().join(p)))
        .collect(),
        criteria: [
            "tests/score/criteria.toml",
            "data/studies/procurement-criteria.toml",
        ]
        .iter()
        .map(|p| text(root().join(p)))
        .collect(),
        comparison: text(root().join("tests/score/comparison.csv")),
    }
});

/// The mutated input of case `index` for `reader`.
pub fn input(reader: Reader, index: u64) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(index ^ ((reader as u64) << 56));
    let seeds = &*SEEDS;
    let pick = |rng: &mut ChaCha8Rng, n: usize| rng.random_range(0..n);
    match reader {
        Reader::Pbf => {
            let seed = &seeds.pbf[pick(&mut rng, seeds.pbf.len())];
            protobuf::mutate_pbf(&mut rng, seed)
        }
        Reader::Xml => {
            let seed = &seeds.xml[pick(&mut rng, seeds.xml.len())];
            text::mutate_xml(&mut rng, seed)
        }
        Reader::GzipXml => {
            let seed = &seeds.xml[pick(&mut rng, seeds.xml.len())];
            let xml = text::mutate_xml(&mut rng, seed);
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&xml).unwrap();
            let gz = gz.finish().unwrap();
            if rng.random_bool(0.1) {
                text::mutate_bytes(&mut rng, &gz)
            } else {
                gz
            }
        }
        Reader::Solomon => {
            let seed = &seeds.solomon[pick(&mut rng, seeds.solomon.len())];
            text::mutate_lines(&mut rng, seed, ' ')
        }
        Reader::Vrplib => {
            let seed = &seeds.vrplib[pick(&mut rng, seeds.vrplib.len())];
            text::mutate_lines(&mut rng, seed, ' ')
        }
        Reader::Scenario => text::mutate_toml(&mut rng, &seeds.scenario),
        Reader::OrdersCsv => text::mutate_lines(&mut rng, &seeds.orders, ','),
        Reader::ShippedScenario => {
            // The first line names the shipped file, whose folder relative paths resolve in.
            let (path, seed) = &seeds.shipped[pick(&mut rng, seeds.shipped.len())];
            let mut out = format!("# {}\n", path.display()).into_bytes();
            out.extend(text::mutate_toml(&mut rng, seed));
            out
        }
        Reader::ZoneGeojson => {
            let seed = &seeds.zones[pick(&mut rng, seeds.zones.len())];
            text::mutate_json(&mut rng, seed)
        }
        Reader::Criteria => {
            let seed = &seeds.criteria[pick(&mut rng, seeds.criteria.len())];
            text::mutate_toml(&mut rng, seed)
        }
        Reader::Comparison => text::mutate_lines(&mut rng, &seeds.comparison, ','),
    }
}

/// The golden tiny-town scenario with one zone read from `geojson`: the zone cases' scenario.
fn scenario_with_zone(geojson: &Path) -> String {
    format!(
        "{}\n[[zone]]\nname = \"fuzzed\"\ngeojson = {:?}\n[[zone.rule]]\nclasses = [\"rigid_7_5t\"]\n",
        SEEDS.scenario,
        geojson.display().to_string()
    )
}

/// Whether every figure of a scoring is finite and within its range.
fn sound_scores(s: &freightsim::score::Scores) -> bool {
    s.packages.iter().all(|p| {
        [p.score, p.score_low, p.score_high]
            .iter()
            .all(|x| x.is_finite() && (-1e-9..=100.0 + 1e-9).contains(x))
            && p.cells.iter().all(|c| {
                [
                    c.value,
                    c.ci95,
                    c.bound,
                    c.points,
                    c.points_low,
                    c.points_high,
                ]
                .iter()
                .all(|x| x.is_finite())
                    && c.ci95 >= 0.0
            })
    }) && freightsim::score::scores_csv(s)
        .split([',', '\n'])
        .all(|f| !matches!(f, "NaN" | "inf" | "-inf"))
}

/// Scores `criteria` against `results` as `freightsim score` does.
fn score_files(criteria: &Path, results: &Path) -> Outcome {
    let results = match freightsim::score::read_results(&[results.to_owned()]) {
        Ok(r) => r,
        Err(e) => return code(e),
    };
    let c = match freightsim::score::read_criteria(criteria, &results) {
        Ok(c) => c,
        Err(e) => return code(e),
    };
    match freightsim::score::score(&c, &results, criteria) {
        Ok(s) if sound_scores(&s) => Outcome::Accepted,
        Ok(_) => Outcome::Other,
        Err(e) => code(e),
    }
}

/// The scenario the orders CSV cases are read against.
static SCENARIO: LazyLock<freightsim::scenario::Scenario> = LazyLock::new(|| {
    freightsim::scenario::load(&root().join("tests/scenarios/tiny_town.toml")).unwrap()
});

fn code(err: impl Into<freightsim::Error>) -> Outcome {
    match err.into().exit_code() {
        2 => Outcome::Refused,
        _ => Outcome::Other,
    }
}

/// Runs the reader (and what the command does next) on the file at `path`.
fn run_file(reader: Reader, path: &Path) -> Outcome {
    match reader {
        Reader::Pbf | Reader::Xml | Reader::GzipXml => {
            let extract = match freightsim::osm::read(path) {
                Ok(e) => e,
                Err(e) => return code(e),
            };
            let network = match RoadNetwork::build(&extract) {
                Ok(n) => n,
                Err(e) => return code(e),
            };
            let sound = network.profiles().iter().all(|p| check(p).is_empty())
                && crate::network_invariant::violations(&extract).is_empty()
                && write_geojson(&network, std::io::sink()).is_ok();
            if sound {
                Outcome::Accepted
            } else {
                Outcome::Other
            }
        }
        Reader::Solomon | Reader::Vrplib => {
            let format = if reader == Reader::Solomon {
                freightsim::instances::Format::Solomon
            } else {
                freightsim::instances::Format::Vrplib
            };
            let inst = match freightsim::instances::read(path, Some(format)) {
                Ok(i) => i,
                Err(e) => return code(e),
            };
            let params = freightsim::routing::SolveParams {
                seed: 1,
                max_iterations: Some(3),
                time_limit: None,
            };
            match freightsim::instances::solve_instance(&inst, &params) {
                // An infeasible result is data (unassigned orders), but a checker
                // violation on an assigned route is a wrong figure.
                Ok(r) if r.violations.is_empty() => Outcome::Accepted,
                Ok(_) => Outcome::Other,
                Err(e) => code(e),
            }
        }
        Reader::Scenario => match freightsim::scenario::load(path) {
            Ok(sc) => match freightsim::simulation::build_world(&sc) {
                Ok(_) => Outcome::Accepted,
                Err(e) => code(e),
            },
            Err(e) => code(e),
        },
        Reader::OrdersCsv => {
            let mut sites = Vec::new();
            match freightsim::demand::read_orders_csv(path, &SCENARIO, &mut sites) {
                Ok(_) => Outcome::Accepted,
                Err(e) => code(e),
            }
        }
        Reader::ShippedScenario => {
            let Ok(text) = std::fs::read_to_string(path) else {
                // Raw byte damage that is not UTF-8: the reader refuses it.
                return match freightsim::scenario::load(path) {
                    Ok(_) => Outcome::Other,
                    Err(e) => code(e),
                };
            };
            let seed = PathBuf::from(text.lines().next().unwrap_or("").trim_start_matches("# "));
            match freightsim::scenario::load_str(&text, &seed) {
                Ok(sc) if sound_scenario(&sc) => Outcome::Accepted,
                Ok(_) => Outcome::Other,
                Err(e) => code(e),
            }
        }
        Reader::ZoneGeojson => {
            let scenario = scenario_with_zone(path);
            match freightsim::scenario::load_str(&scenario, &root().join("tests/scenarios/x.toml"))
            {
                Ok(sc) => {
                    // Query the zone as the world and the measurements do.
                    let z = &sc.zones[0];
                    let mut hits = 0;
                    for k in 0..100 {
                        let p = freightsim::units::LonLat::new(
                            -3.38 + 0.0005 * f64::from(k % 10),
                            47.73 + 0.0005 * f64::from(k / 10),
                        );
                        hits += usize::from(z.contains(p));
                        hits += usize::from(
                            z.touches(&[p, freightsim::units::LonLat::new(-3.35, 47.76)]),
                        );
                    }
                    if hits <= 200 {
                        Outcome::Accepted
                    } else {
                        Outcome::Other
                    }
                }
                Err(e) => code(e),
            }
        }
        Reader::Criteria => score_files(path, &root().join("tests/score/comparison.csv")),
        Reader::Comparison => score_files(&root().join("tests/score/criteria.toml"), path),
    }
}

/// Every number of an accepted scenario is finite (validation's ranges hold).
fn sound_scenario(sc: &freightsim::scenario::Scenario) -> bool {
    let d = &sc.demand;
    [
        d.inhabitants.unwrap_or(0.0),
        d.b2b_scale,
        d.ecommerce_scale,
        d.max_snap_m,
        sc.carbon_price_eur_per_kg,
    ]
    .iter()
    .all(|x| x.is_finite())
        && sc.routing_iterations <= freightsim::scenario::limits::MAX_ITERATIONS
        && !sc.name.contains('/')
        && !sc.name.starts_with('.')
        && sc.carriers.iter().all(|c| {
            c.depot.access_speed_mps.is_finite()
                && c.depot.access_speed_mps > 0.2
                && c.reload_time_s.is_finite()
        })
}

/// Runs case `index` of `reader`, catching panics; a failing input is saved.
pub fn run_case(reader: Reader, index: u64) -> Outcome {
    let bytes = input(reader, index);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("case{}", reader.extension()));
    std::fs::write(&path, &bytes).unwrap();
    let outcome =
        catch_unwind(AssertUnwindSafe(|| run_file(reader, &path))).unwrap_or(Outcome::Other);
    if outcome == Outcome::Other {
        let saved = root().join("target/fuzz-failures");
        std::fs::create_dir_all(&saved).unwrap();
        let name = format!("{reader:?}-{index}{}", reader.extension());
        std::fs::write(saved.join(&name), &bytes).unwrap();
        eprintln!(
            "fuzz: {reader:?} case {index} failed; input saved as target/fuzz-failures/{name}"
        );
    }
    outcome
}

/// Runs cases `0..n` of every reader (7n inputs), in parallel, in chunks of 10,000 indices;
/// with `progress`, prints the counts so far after each chunk.
pub fn run(n: u64, progress: bool) -> Counts {
    run_readers(&READERS, n, progress)
}

/// The readers of the day loop (issue 22): scenarios, orders, zones, criteria, comparisons.
pub const DAY_LOOP_READERS: [Reader; 6] = [
    Reader::Scenario,
    Reader::OrdersCsv,
    Reader::ShippedScenario,
    Reader::ZoneGeojson,
    Reader::Criteria,
    Reader::Comparison,
];

/// As [`run`], for `readers` only.
pub fn run_readers(readers: &[Reader], n: u64, progress: bool) -> Counts {
    use rayon::prelude::*;
    let mut total = Counts::default();
    for start in (0..n).step_by(10_000) {
        let chunk = (start..n.min(start + 10_000))
            .into_par_iter()
            .map(|i| {
                let mut counts = Counts::default();
                for &reader in readers {
                    counts.add(reader, run_case(reader, i));
                }
                counts
            })
            .reduce(Counts::default, Counts::merge);
        total = total.merge(chunk);
        if progress {
            let c: Vec<u64> = (0..3).map(|k| total.0.iter().map(|r| r[k]).sum()).collect();
            eprintln!(
                "fuzz: {} inputs: exit 0 {}, exit 2 {}, other {}",
                c.iter().sum::<u64>(),
                c[0],
                c[1],
                c[2]
            );
        }
    }
    total
}

/// The fast slice: every reader, 150 inputs each (about 2 s).
#[test]
fn fuzz_fast_slice_of_every_reader() {
    let counts = run(150, false);
    eprintln!("{}", counts.table());
    assert_eq!(counts.other(), 0, "{}", counts.table());
    // The mutants reach both outcomes of every reader (they are not all refused early).
    for (reader, c) in READERS.iter().zip(&counts.0) {
        assert!(c[0] > 0 && c[1] > 0, "{reader:?}: {c:?}");
    }
}

/// The day loop's readers only: `FREIGHTSIM_FUZZ_CASES` inputs in all (default 12,000),
/// for docs/hardening.md.
#[test]
#[ignore = "long; run with --ignored and FREIGHTSIM_FUZZ_CASES"]
fn fuzz_day_loop_readers() {
    let total: u64 = std::env::var("FREIGHTSIM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12_000);
    let started = std::time::Instant::now();
    let counts = run_readers(
        &DAY_LOOP_READERS,
        total.div_ceil(DAY_LOOP_READERS.len() as u64),
        true,
    );
    println!("{}", counts.table());
    println!("{:.0} s", started.elapsed().as_secs_f64());
    assert_eq!(counts.other(), 0, "{}", counts.table());
}

/// The long run: `FREIGHTSIM_FUZZ_CASES` inputs in all (default 10^6), cycling through the
/// readers; prints the table of counts for docs/hardening.md.
#[test]
#[ignore = "long; run with --ignored and FREIGHTSIM_FUZZ_CASES"]
fn fuzz_long() {
    let total: u64 = std::env::var("FREIGHTSIM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let counts = run(total.div_ceil(READERS.len() as u64), true);
    println!("{}", counts.table());
    assert_eq!(counts.other(), 0, "{}", counts.table());
}
