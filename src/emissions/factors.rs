//! The two emission tables: energy carriers (`data/emissions/energy_carriers.csv`, kg CO₂e
//! per litre, kWh or kg, tank-to-wheel and well-to-wheel, in named variants) and emission
//! classes (`data/emissions/emission_factors.csv`, energy per km empty and full, NOx and PM
//! per km). Every row needs a source; a negative or missing value is an issue with its table
//! and row.

use crate::scenario::Issue;
use crate::scenario::tables::{TableText, read_rows};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One row of the energy-carrier table.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct EnergyCarrier {
    /// Name used by emission classes (`diesel`, `electricity`, `cng`, `biocng` …).
    pub energy_carrier: String,
    /// Named variant (`arrete_2017`, `base_carbone_2025` …); a carrier's first row is its
    /// default.
    pub variant: String,
    /// Unit of energy: `L`, `kWh` or `kg`.
    pub unit: String,
    /// Tank-to-wheel kg CO₂e per unit.
    pub ttw_kg_co2e_per_unit: f64,
    /// Well-to-wheel kg CO₂e per unit (tank-to-wheel plus energy provision).
    pub wtw_kg_co2e_per_unit: f64,
    /// Where the numbers come from.
    pub source: String,
    /// Confidence tag.
    pub confidence: String,
}

/// One row of the emission-class table.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct EmissionClass {
    /// Name used by the vehicles table's `emission_class` column.
    pub emission_class: String,
    /// An `energy_carrier` of the energy-carrier table.
    pub energy_carrier: String,
    /// Energy per km with no load, in the carrier's unit.
    pub energy_empty_per_km: f64,
    /// Energy per km at full payload, in the carrier's unit.
    pub energy_full_per_km: f64,
    /// NOx, g per km.
    pub nox_g_per_km: f64,
    /// Exhaust PM, g per km.
    pub pm_exhaust_g_per_km: f64,
    /// Non-exhaust PM10 (tyres, brakes, road), g per km.
    pub pm_non_exhaust_g_per_km: f64,
    /// Where the numbers come from.
    pub source: String,
    /// Confidence tag.
    pub confidence: String,
}

/// What one vehicle type emits: its class resolved against its energy carrier's variant.
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleFactors {
    /// Emission class.
    pub class: String,
    /// Energy carrier and variant, e.g. `diesel (arrete_2017)`.
    pub carrier: String,
    /// Energy carrier alone, e.g. `diesel`.
    pub energy_carrier: String,
    /// Unit of energy.
    pub unit: String,
    /// Energy per km, empty.
    pub energy_empty_per_km: f64,
    /// Energy per km, full.
    pub energy_full_per_km: f64,
    /// Tank-to-wheel kg CO₂e per unit of energy.
    pub ttw_per_unit: f64,
    /// Well-to-wheel kg CO₂e per unit of energy.
    pub wtw_per_unit: f64,
    /// NOx, g per km.
    pub nox_g_per_km: f64,
    /// Exhaust PM, g per km.
    pub pm_exhaust_g_per_km: f64,
    /// Non-exhaust PM, g per km.
    pub pm_non_exhaust_g_per_km: f64,
    /// Sources of the class's row, then of the carrier's.
    pub source: String,
    /// Speed dependence (none: the per-km values hold at any speed).
    pub speed: super::SpeedModel,
}

impl VehicleFactors {
    /// Energy per km at load share `fill` (0 empty, 1 full; clamped), linear between the two.
    pub fn energy_per_km(&self, fill: f64) -> f64 {
        let f = fill.clamp(0.0, 1.0);
        self.energy_empty_per_km + (self.energy_full_per_km - self.energy_empty_per_km) * f
    }

    /// Well-to-wheel kg CO₂e per km at load share `fill`.
    pub fn wtw_kg_per_km(&self, fill: f64) -> f64 {
        self.energy_per_km(fill) * self.wtw_per_unit
    }

    /// The least well-to-wheel kg CO₂e any km can emit, at any load and speed: the smaller
    /// of the empty and full values times the speed curve's smallest multiplier (stop terms
    /// only add). Lower bounds price km with it.
    pub fn min_wtw_kg_per_km(&self) -> f64 {
        let speed = self
            .speed
            .energy
            .as_ref()
            .map_or(1.0, |c| c.min_multiplier());
        self.wtw_kg_per_km(0.0).min(self.wtw_kg_per_km(1.0)) * speed
    }
}

fn check_values(
    values: &[(&str, f64)],
    at: &dyn Fn(&str) -> String,
    field: &str,
    issues: &mut Vec<Issue>,
) {
    for &(name, x) in values {
        if !(x.is_finite() && x >= 0.0) {
            issues.push(Issue::new(
                field,
                at(&format!("{name} is {x}")),
                "give a number of zero or more",
            ));
        }
    }
}

fn check_source(source: &str, at: &dyn Fn(&str) -> String, field: &str, issues: &mut Vec<Issue>) {
    if source.trim().is_empty() {
        issues.push(Issue::new(
            field,
            at("the source is empty"),
            "say where the numbers come from, or mark them [assumption]",
        ));
    }
}

/// Reads and checks the energy-carrier table.
pub(crate) fn read_energy_carriers(
    table: &TableText,
    issues: &mut Vec<Issue>,
) -> Vec<EnergyCarrier> {
    let field = "tables.energy_carriers";
    let rows: Vec<EnergyCarrier> = read_rows(table, field, issues);
    for (i, r) in rows.iter().enumerate() {
        let at = |what: &str| {
            format!(
                "{} row {} ({} {}): {what}",
                table.name,
                i + 1,
                r.energy_carrier,
                r.variant
            )
        };
        check_values(
            &[
                ("ttw_kg_co2e_per_unit", r.ttw_kg_co2e_per_unit),
                ("wtw_kg_co2e_per_unit", r.wtw_kg_co2e_per_unit),
            ],
            &at,
            field,
            issues,
        );
        if r.wtw_kg_co2e_per_unit < r.ttw_kg_co2e_per_unit {
            issues.push(Issue::new(
                field,
                at("well-to-wheel is below tank-to-wheel"),
                "well-to-wheel is tank-to-wheel plus the energy's provision: give WTW >= TTW",
            ));
        }
        if !["L", "kWh", "kg"].contains(&r.unit.as_str()) {
            issues.push(Issue::new(
                field,
                at(&format!("unit `{}` is unknown", r.unit)),
                "use L, kWh or kg",
            ));
        }
        check_source(&r.source, &at, field, issues);
        if rows[..i]
            .iter()
            .any(|o| o.energy_carrier == r.energy_carrier && o.variant == r.variant)
        {
            issues.push(Issue::new(
                field,
                at("this carrier and variant are given by an earlier row"),
                "give each variant of a carrier one row",
            ));
        }
    }
    rows
}

/// One row of the factor-variant table: another source's energy per km for one class.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct FactorVariant {
    /// Variant name (`[emissions] factors_variant`).
    pub variant: String,
    /// The emission class whose energy it replaces.
    pub emission_class: String,
    /// Energy per km with no load.
    pub energy_empty_per_km: f64,
    /// Energy per km at full payload.
    pub energy_full_per_km: f64,
    /// Where the numbers come from.
    pub source: String,
    /// Confidence tag.
    pub confidence: String,
}

/// Lays variant `name` of the factor-variant table over `classes` (their energy per km and
/// source); an unknown variant or a row naming no class is an issue.
pub(crate) fn apply_variant(
    table: &TableText,
    name: &str,
    classes: &mut [EmissionClass],
    issues: &mut Vec<Issue>,
) {
    let field = "emissions.factors_variant";
    let rows: Vec<FactorVariant> = read_rows(table, "tables.factor_variants", issues);
    let mine: Vec<&FactorVariant> = rows.iter().filter(|r| r.variant == name).collect();
    if mine.is_empty() {
        let mut known: Vec<&str> = rows.iter().map(|r| r.variant.as_str()).collect();
        known.dedup();
        issues.push(Issue::new(
            field,
            format!("`{name}` is not a variant of {}", table.name),
            format!("use one of: {}", known.join(", ")),
        ));
        return;
    }
    for r in mine {
        let ok = r.energy_empty_per_km.is_finite()
            && r.energy_full_per_km.is_finite()
            && r.energy_empty_per_km >= 0.0
            && r.energy_full_per_km >= r.energy_empty_per_km;
        if !ok {
            issues.push(Issue::new(
                "tables.factor_variants",
                format!(
                    "{} variant {} class {}: energy per km {} empty, {} full",
                    table.name,
                    r.variant,
                    r.emission_class,
                    r.energy_empty_per_km,
                    r.energy_full_per_km
                ),
                "give finite values, empty >= 0 and full >= empty",
            ));
            continue;
        }
        match classes.iter_mut().find(|c| c.emission_class == r.emission_class) {
            Some(c) => {
                c.energy_empty_per_km = r.energy_empty_per_km;
                c.energy_full_per_km = r.energy_full_per_km;
                c.source = format!("variant {}: {}", r.variant, r.source);
                c.confidence.clone_from(&r.confidence);
            }
            None => issues.push(Issue::new(
                field,
                format!(
                    "variant `{name}` names emission class `{}`, which the emission-factor table does not have",
                    r.emission_class
                ),
                "name a class of data/emissions/emission_factors.csv in the variant table",
            )),
        }
    }
}

/// Reads and checks the emission-class table against the carriers.
pub(crate) fn read_emission_classes(
    table: &TableText,
    carriers: &[EnergyCarrier],
    issues: &mut Vec<Issue>,
) -> Vec<EmissionClass> {
    let field = "tables.emission_factors";
    let rows: Vec<EmissionClass> = read_rows(table, field, issues);
    for (i, r) in rows.iter().enumerate() {
        let at = |what: &str| {
            format!(
                "{} row {} ({}): {what}",
                table.name,
                i + 1,
                r.emission_class
            )
        };
        check_values(
            &[
                ("energy_empty_per_km", r.energy_empty_per_km),
                ("energy_full_per_km", r.energy_full_per_km),
                ("nox_g_per_km", r.nox_g_per_km),
                ("pm_exhaust_g_per_km", r.pm_exhaust_g_per_km),
                ("pm_non_exhaust_g_per_km", r.pm_non_exhaust_g_per_km),
            ],
            &at,
            field,
            issues,
        );
        check_source(&r.source, &at, field, issues);
        if !carriers.is_empty()
            && !carriers
                .iter()
                .any(|c| c.energy_carrier == r.energy_carrier)
        {
            issues.push(Issue::new(
                field,
                at(&format!(
                    "energy carrier `{}` is not in the energy-carrier table",
                    r.energy_carrier
                )),
                "use a carrier of data/emissions/energy_carriers.csv or add it there",
            ));
        }
        if rows[..i]
            .iter()
            .any(|o| o.emission_class == r.emission_class)
        {
            issues.push(Issue::new(
                field,
                at("the name is used by an earlier row"),
                "give each emission class its own name",
            ));
        }
    }
    rows
}

/// Resolves `class` with its carrier's chosen variant (`variants`, else the carrier's first
/// row). `None` when the class or the carrier is missing (the tables' checks have said so).
pub fn resolve(
    class: &str,
    classes: &[EmissionClass],
    carriers: &[EnergyCarrier],
    variants: &BTreeMap<String, String>,
) -> Option<VehicleFactors> {
    let c = classes.iter().find(|c| c.emission_class == class)?;
    let carrier = match variants.get(&c.energy_carrier) {
        Some(v) => carriers
            .iter()
            .find(|e| e.energy_carrier == c.energy_carrier && &e.variant == v)?,
        None => carriers
            .iter()
            .find(|e| e.energy_carrier == c.energy_carrier)?,
    };
    Some(VehicleFactors {
        class: c.emission_class.clone(),
        carrier: format!("{} ({})", carrier.energy_carrier, carrier.variant),
        energy_carrier: carrier.energy_carrier.clone(),
        unit: carrier.unit.clone(),
        energy_empty_per_km: c.energy_empty_per_km,
        energy_full_per_km: c.energy_full_per_km,
        ttw_per_unit: carrier.ttw_kg_co2e_per_unit,
        wtw_per_unit: carrier.wtw_kg_co2e_per_unit,
        nox_g_per_km: c.nox_g_per_km,
        pm_exhaust_g_per_km: c.pm_exhaust_g_per_km,
        pm_non_exhaust_g_per_km: c.pm_non_exhaust_g_per_km,
        source: format!(
            "{} [{}]; {}: {} [{}]",
            c.source, c.confidence, carrier.energy_carrier, carrier.source, carrier.confidence
        ),
        speed: super::SpeedModel::default(),
    })
}
