//! The grid file of a sweep: cities × scenario variants × lead-time rules × seeds, and the
//! Slurm resources each cell asks for. Cells are numbered city-major, then variant, rule and
//! seed, from 0: the index a Slurm array task receives.
//!
//! ```toml
//! name = "cities"
//! days = 14                    # days of orders of every cell
//! seeds = 3                    # seeds 1, 2, 3 (or a list: [1, 5])
//! rules = ["24h", "48h", "72h"] # absent: each scenario's own lead times (`as-set`)
//! rule_categories = ["parcel"] # the categories a rule applies to (default: parcel)
//!
//! [slurm]                      # what each cell asks of Slurm
//! mem = "4G"
//! time = "00:30:00"
//! cpus_per_task = 1
//!
//! [[city]]
//! name = "lorient"
//! scenario = "../scenarios/lorient-baseline.toml"   # an existing scenario, or:
//! [[city]]
//! name = "geneva"
//! osm = "scale/geneva_centre_2025.osm.pbf"           # an extract `init` turns into one
//!
//! [[variant]]                  # the first variant and rule are every cell's reference
//! name = "today"
//! [[variant]]
//! name = "consolidate"
//! set = { dispatch = { policy = "consolidate" } }    # laid over the scenario's table
//! ```
//!
//! Relative paths resolve beside the grid file; an `osm` path may also start with
//! `$FREIGHTSIM_DATA/`, the shared data directory.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A city of the grid: an existing scenario, or an extract to `init`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// Name (a file name: letters, digits, `-`, `_`).
    pub name: String,
    /// A scenario file.
    #[serde(default)]
    pub scenario: Option<PathBuf>,
    /// An OSM extract; the sweep writes its scenario with `freightsim init`.
    #[serde(default)]
    pub osm: Option<PathBuf>,
    /// Inhabitants for `init`, when the extract's buildings cannot give them.
    #[serde(default)]
    pub inhabitants: Option<f64>,
}

/// A scenario variant: a TOML table laid over each city's scenario.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// Name.
    pub name: String,
    /// Tables and values laid over the scenario (deep merge).
    #[serde(default)]
    pub set: toml::Table,
}

/// Resources a cell asks of Slurm.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SlurmResources {
    /// `--mem`.
    #[serde(default = "default_mem")]
    pub mem: String,
    /// `--time`.
    #[serde(default = "default_time")]
    pub time: String,
    /// `--cpus-per-task`.
    #[serde(default = "default_cpus")]
    pub cpus_per_task: u32,
    /// `--partition` (Slurm's default when absent).
    #[serde(default)]
    pub partition: Option<String>,
}

fn default_mem() -> String {
    "4G".into()
}
fn default_time() -> String {
    "01:00:00".into()
}
fn default_cpus() -> u32 {
    1
}

impl Default for SlurmResources {
    fn default() -> Self {
        SlurmResources {
            mem: default_mem(),
            time: default_time(),
            cpus_per_task: default_cpus(),
            partition: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Seeds {
    Count(u32),
    List(Vec<u64>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GridFile {
    name: String,
    days: u32,
    seeds: Seeds,
    #[serde(default = "default_rules")]
    rules: Vec<String>,
    #[serde(default = "default_rule_categories")]
    rule_categories: Vec<String>,
    #[serde(default)]
    slurm: SlurmResources,
    city: Vec<City>,
    #[serde(default)]
    variant: Vec<VariantSpec>,
}

fn default_rules() -> Vec<String> {
    vec![AS_SET.into()]
}

/// The rule of a grid that lists none: every cell keeps its scenario's (and variant's) own
/// lead times.
pub const AS_SET: &str = "as-set";
fn default_rule_categories() -> Vec<String> {
    vec!["parcel".into()]
}

/// A read and checked grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// The grid file.
    pub path: PathBuf,
    /// Its text (part of every cell's key, so a changed grid recomputes its cells).
    pub text: String,
    /// Name.
    pub name: String,
    /// Days of orders per cell.
    pub days: u32,
    /// Seeds.
    pub seeds: Vec<u64>,
    /// Lead-time rules.
    pub rules: Vec<String>,
    /// Categories a rule applies to.
    pub rule_categories: Vec<String>,
    /// Slurm resources per cell.
    pub slurm: SlurmResources,
    /// Cities, with their paths resolved.
    pub cities: Vec<City>,
    /// Variants (one named `as-is` with nothing set when the file gives none).
    pub variants: Vec<VariantSpec>,
}

/// One cell of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Index (0-based).
    pub index: usize,
    /// Index in `Grid::cities`.
    pub city: usize,
    /// Index in `Grid::variants`.
    pub variant: usize,
    /// Index in `Grid::rules`.
    pub rule: usize,
    /// Seed.
    pub seed: u64,
}

fn bad(path: &Path, field: &str, why: impl std::fmt::Display) -> crate::Error {
    crate::Error::Input(format!("{}: {field}: {why}", path.display()))
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !s.starts_with('.')
}

/// The shared data directory: `$FREIGHTSIM_DATA`, else `../shared/data` (the layout the
/// README describes: the project beside `shared/`).
pub fn shared_data_dir() -> PathBuf {
    std::env::var_os("FREIGHTSIM_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
}

/// Resolves a grid path: `$FREIGHTSIM_DATA/…` against the shared data directory, other
/// relative paths beside the grid file.
fn resolve(dir: &Path, p: &Path) -> PathBuf {
    let text = p.to_string_lossy();
    if let Some(rest) = text.strip_prefix("$FREIGHTSIM_DATA/") {
        return shared_data_dir().join(rest);
    }
    if p.is_absolute() {
        p.to_owned()
    } else {
        dir.join(p)
    }
}

impl Grid {
    /// Reads and checks the grid at `path`.
    ///
    /// # Errors
    /// The file is missing or not a grid; a field is out of range; a city names a missing
    /// scenario or extract, or both or neither; two cities or variants share a name; an
    /// unknown rule.
    pub fn read(path: &Path) -> Result<Grid, crate::Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            crate::Error::Input(format!(
                "grid {}: cannot read it: {e}; give the path of a sweep grid (TOML)",
                path.display()
            ))
        })?;
        let file: GridFile = toml::from_str(&text).map_err(|e| {
            crate::Error::Input(format!(
                "grid {}: {e}; see docs/sweep.md for the grid's fields",
                path.display()
            ))
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        if !valid_name(&file.name) {
            return Err(bad(path, "name", "use letters, digits, - and _ only"));
        }
        if file.days == 0 || file.days > 366 {
            return Err(bad(path, "days", "give 1 to 366 days of orders"));
        }
        let seeds = match file.seeds {
            Seeds::Count(0) => return Err(bad(path, "seeds", "give at least one seed")),
            Seeds::Count(n) if n > 1000 => {
                return Err(bad(path, "seeds", "at most 1,000 seeds"));
            }
            Seeds::Count(n) => (1..=u64::from(n)).collect(),
            Seeds::List(l) if l.is_empty() => {
                return Err(bad(path, "seeds", "give at least one seed"));
            }
            Seeds::List(l) => l,
        };
        for r in &file.rules {
            if r != AS_SET && crate::scenario::LeadTimeRule::named(r).is_none() {
                return Err(bad(
                    path,
                    "rules",
                    format!("`{r}` is no lead-time rule: use same_day, 24h, 48h, 72h or min48h"),
                ));
            }
        }
        if file.rules.is_empty() {
            return Err(bad(path, "rules", "give at least one rule, e.g. [\"24h\"]"));
        }
        if file.city.is_empty() {
            return Err(bad(path, "city", "give at least one [[city]]"));
        }
        if file.slurm.cpus_per_task == 0 || file.slurm.cpus_per_task > 1024 {
            return Err(bad(path, "slurm.cpus_per_task", "give 1 to 1024"));
        }
        let mut cities = Vec::with_capacity(file.city.len());
        for (i, c) in file.city.iter().enumerate() {
            let field = format!("city[{i}]");
            if !valid_name(&c.name) {
                return Err(bad(
                    path,
                    &format!("{field}.name"),
                    "use letters, digits, - and _ only",
                ));
            }
            if file.city[..i].iter().any(|o| o.name == c.name) {
                return Err(bad(
                    path,
                    &format!("{field}.name"),
                    format!("two cities are named `{}`", c.name),
                ));
            }
            let mut c = c.clone();
            match (&c.scenario, &c.osm) {
                (Some(s), None) => {
                    let s = resolve(dir, s);
                    if !s.is_file() {
                        return Err(bad(
                            path,
                            &format!("{field}.scenario"),
                            format!(
                                "no such file {}; give the path of a scenario file, relative to the grid",
                                s.display()
                            ),
                        ));
                    }
                    c.scenario = Some(s);
                }
                (None, Some(o)) => {
                    let o = resolve(dir, o);
                    if !o.is_file() {
                        return Err(bad(
                            path,
                            &format!("{field}.osm"),
                            format!(
                                "no such extract {}; give the path of an OSM extract, relative to the grid or as $FREIGHTSIM_DATA/…",
                                o.display()
                            ),
                        ));
                    }
                    c.osm = Some(o);
                }
                _ => {
                    return Err(bad(
                        path,
                        &field,
                        "give either `scenario` (a scenario file) or `osm` (an extract), not both",
                    ));
                }
            }
            cities.push(c);
        }
        let mut variants = file.variant;
        if variants.is_empty() {
            variants.push(VariantSpec {
                name: "as-is".into(),
                set: toml::Table::new(),
            });
        }
        for (i, v) in variants.iter().enumerate() {
            if !valid_name(&v.name) {
                return Err(bad(
                    path,
                    &format!("variant[{i}].name"),
                    "use letters, digits, - and _ only",
                ));
            }
            if variants[..i].iter().any(|o| o.name == v.name) {
                return Err(bad(
                    path,
                    &format!("variant[{i}].name"),
                    format!("two variants are named `{}`", v.name),
                ));
            }
        }
        Ok(Grid {
            path: path.to_owned(),
            text,
            name: file.name,
            days: file.days,
            seeds,
            rules: file.rules,
            rule_categories: file.rule_categories,
            slurm: file.slurm,
            cities,
            variants,
        })
    }

    /// Every cell, in index order.
    pub fn cells(&self) -> Vec<Cell> {
        let mut out = Vec::new();
        for city in 0..self.cities.len() {
            for variant in 0..self.variants.len() {
                for rule in 0..self.rules.len() {
                    for &seed in &self.seeds {
                        out.push(Cell {
                            index: out.len(),
                            city,
                            variant,
                            rule,
                            seed,
                        });
                    }
                }
            }
        }
        out
    }

    /// Cell `index`.
    ///
    /// # Errors
    /// `index` is out of range.
    pub fn cell(&self, index: usize) -> Result<Cell, crate::Error> {
        let cells = self.cells();
        let n = cells.len();
        cells.into_iter().nth(index).ok_or_else(|| {
            crate::Error::Input(format!(
                "cell {index}: the grid {} has {n} cells, numbered 0 to {}; give an index in that range",
                self.path.display(),
                n.saturating_sub(1)
            ))
        })
    }

    /// The reference cell of `cell`: same city and seed, first variant and rule.
    pub fn reference_of(&self, cell: &Cell) -> usize {
        let per_city = self.variants.len() * self.rules.len() * self.seeds.len();
        let seed_pos = self
            .seeds
            .iter()
            .position(|&s| s == cell.seed)
            .expect("the cell's seed is the grid's");
        cell.city * per_city + seed_pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` as a grid file in a directory of its own: tests run in
    /// parallel, and two texts of the same length once shared a directory, so
    /// one test removed it while the other was still reading.
    fn grid(text: &str) -> Result<Grid, crate::Error> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("fs-grid-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.toml"), "x").unwrap();
        let p = dir.join("g.toml");
        std::fs::write(&p, text).unwrap();
        let g = Grid::read(&p);
        std::fs::remove_dir_all(&dir).unwrap();
        g
    }

    const OK: &str = "name = \"g\"\ndays = 7\nseeds = 2\nrules = [\"24h\", \"48h\"]\n[[city]]\nname = \"a\"\nscenario = \"s.toml\"\n[[city]]\nname = \"b\"\nscenario = \"s.toml\"\n[[variant]]\nname = \"today\"\n[[variant]]\nname = \"cons\"\nset = { dispatch = { policy = \"consolidate\" } }\n";

    #[test]
    fn cells_are_numbered_city_major_with_their_reference() {
        let g = grid(OK).unwrap();
        let cells = g.cells();
        assert_eq!(cells.len(), 2 * 2 * 2 * 2);
        let c = &cells[13];
        assert_eq!((c.city, c.variant, c.rule, c.seed), (1, 1, 0, 2));
        assert_eq!(g.reference_of(c), 9);
        assert_eq!(g.cells()[9].seed, 2);
        assert_eq!((g.cells()[9].variant, g.cells()[9].rule), (0, 0));
        assert!(
            g.cell(16)
                .unwrap_err()
                .to_string()
                .contains("numbered 0 to 15")
        );
    }

    #[test]
    fn bad_grids_name_the_field() {
        let cases = [
            (OK.replace("days = 7", "days = 0"), "days"),
            (OK.replace("\"48h\"", "\"96h\""), "rules"),
            (
                OK.replace(
                    "scenario = \"s.toml\"\n[[variant]]",
                    "scenario = \"missing.toml\"\n[[variant]]",
                ),
                "city[1].scenario",
            ),
            (OK.replace("name = \"b\"", "name = \"a\""), "city[1].name"),
            (OK.replace("seeds = 2", "seeds = 0"), "seeds"),
        ];
        for (text, field) in cases {
            let e = grid(&text).unwrap_err().to_string();
            assert!(e.contains(field), "{field}: {e}");
        }
    }
}
