//! Checks every value of a parsed scenario and every cross-reference (vehicles, categories,
//! shares), collecting all problems before returning.

use super::config::{RuleConfig, ScenarioConfig};
use super::limits::{self as lim, within};
use super::tables::{self, TableText, embedded, parse_clock, resolve};
use super::{
    Carrier, DemandSettings, DepotSpec, DispatchSettings, Horizon, Issue, LeadTimeRule, PolicyKind,
    Scenario,
};
use crate::units::LonLat;
use std::collections::BTreeMap;
use std::path::Path;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `carrier.0.fleet.1.vehicl` → `carrier[0].fleet[1].vehicl`.
fn field_path(dotted: &str) -> String {
    let mut out = String::new();
    for part in dotted.split('.') {
        if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// `["HH:MM", "HH:MM"]`, start before end, as seconds from midnight.
fn parse_window(text: &[String]) -> Option<(f64, f64)> {
    match text {
        [a, b] => match (parse_clock(a), parse_clock(b)) {
            (Some(a), Some(b)) if a < b => Some((a, b)),
            _ => None,
        },
        _ => None,
    }
}

fn check(issues: &mut Vec<Issue>, ok: bool, path: &str, problem: String, fix: &str) {
    if !ok {
        issues.push(Issue::new(path, problem, fix));
    }
}

/// `x` finite and within `[lo, hi]`; otherwise an issue giving the range and `why`.
fn in_range(issues: &mut Vec<Issue>, path: &str, x: f64, lo: f64, hi: f64, why: &str) {
    check(
        issues,
        within(x, lo, hi),
        path,
        format!("is {}, outside [{lo}, {hi}]", lim::show(x)),
        &format!("give a value from {lo} to {hi} ({why})"),
    );
}

/// A scenario name is a file name (outputs go to `out/<name>`), never a path: no separator,
/// no `..`, no leading dot, no control character.
fn name_is_a_file_name(name: &str) -> bool {
    let trimmed = name.trim();
    !trimmed.is_empty()
        && trimmed.len() <= 100
        && !trimmed.starts_with('.')
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
}

pub(super) fn validate(
    cfg: ScenarioConfig,
    file: &Path,
    dir: &Path,
    unknown: &[String],
) -> Result<Scenario, Vec<Issue>> {
    let mut issues: Vec<Issue> = unknown
        .iter()
        .map(|p| {
            Issue::new(
                field_path(p),
                "unknown field",
                "check its spelling against docs/scenario.md, or remove it",
            )
        })
        .collect();

    // Tables first: fleets and categories refer to them.
    let t = &cfg.tables;
    let load = |p: &Option<std::path::PathBuf>,
                e: &str,
                name: &str,
                field: &str,
                issues: &mut Vec<Issue>| {
        let path = p.as_ref().map(|p| resolve(dir, p));
        TableText::load(path.as_deref(), e, name, field, issues)
    };
    let vehicles_text = load(
        &t.vehicles,
        embedded::VEHICLES,
        "vehicles.csv",
        "tables.vehicles",
        &mut issues,
    );
    let activities_text = load(
        &t.activities,
        embedded::ACTIVITIES,
        "demand/activities.csv",
        "tables.activities",
        &mut issues,
    );
    let osm_sites_text = load(
        &t.osm_sites,
        embedded::OSM_SITES,
        "demand/osm_sites.csv",
        "tables.osm_sites",
        &mut issues,
    );
    let home_buildings_text = load(
        &t.home_buildings,
        embedded::HOME_BUILDINGS,
        "demand/home_buildings.csv",
        "tables.home_buildings",
        &mut issues,
    );
    let ecommerce_text = load(
        &t.ecommerce,
        embedded::ECOMMERCE,
        "demand/ecommerce.csv",
        "tables.ecommerce",
        &mut issues,
    );
    let weekdays_text = load(
        &t.weekdays,
        embedded::WEEKDAYS,
        "demand/weekdays.csv",
        "tables.weekdays",
        &mut issues,
    );
    let weekday_shares = weekdays_text
        .as_ref()
        .map(|t| tables::read_weekdays(t, &mut issues))
        .unwrap_or_default();
    let prize_text = load(
        &t.prize_model,
        embedded::PRIZE_MODEL,
        "dispatch/prize_model.csv",
        "tables.prize_model",
        &mut issues,
    );
    let prize_table = prize_text
        .as_ref()
        .map(|t| tables::read_prize_model(t, &mut issues))
        .unwrap_or_default();
    let carriers_text = load(
        &t.energy_carriers,
        embedded::ENERGY_CARRIERS,
        "emissions/energy_carriers.csv",
        "tables.energy_carriers",
        &mut issues,
    );
    let energy_carriers = carriers_text
        .as_ref()
        .map(|t| crate::emissions::factors::read_energy_carriers(t, &mut issues))
        .unwrap_or_default();
    let classes_text = load(
        &t.emission_factors,
        embedded::EMISSION_FACTORS,
        "emissions/emission_factors.csv",
        "tables.emission_factors",
        &mut issues,
    );
    let mut emission_classes = classes_text
        .as_ref()
        .map(|t| crate::emissions::factors::read_emission_classes(t, &energy_carriers, &mut issues))
        .unwrap_or_default();
    if let Some(variant) = cfg
        .emissions
        .factors_variant
        .as_ref()
        .filter(|v| *v != "load_only")
    {
        let variants_text = load(
            &t.factor_variants,
            embedded::FACTOR_VARIANTS,
            "emissions/factor_variants.csv",
            "tables.factor_variants",
            &mut issues,
        );
        if let Some(text) = &variants_text {
            crate::emissions::factors::apply_variant(
                text,
                variant,
                &mut emission_classes,
                &mut issues,
            );
        }
    }
    for (carrier, variant) in &cfg.emissions.variants {
        let known = energy_carriers
            .iter()
            .any(|e| &e.energy_carrier == carrier && &e.variant == variant);
        check(
            &mut issues,
            known || energy_carriers.is_empty(),
            &format!("emissions.variants.{carrier}"),
            format!("no row of the energy-carrier table is `{carrier}` variant `{variant}`"),
            "name a carrier and variant of data/emissions/energy_carriers.csv",
        );
    }
    in_range(
        &mut issues,
        "emissions.carbon_price_eur_per_kg",
        cfg.emissions.carbon_price_eur_per_kg,
        0.0,
        lim::MAX_CARBON_PRICE_EUR_PER_KG,
        "EUR per kg CO2e, 0.1 is 100 EUR per tonne; above, the routing objective overflows",
    );
    let vehicles: Vec<super::VehicleSpec> = vehicles_text
        .as_ref()
        .map(|t| {
            let rows = tables::read_rows(t, "tables.vehicles", &mut issues);
            tables::check_vehicles(&rows, &t.name, &mut issues);
            rows
        })
        .unwrap_or_default();
    let mut emission_factors = Vec::with_capacity(vehicles.len());
    for v in &vehicles {
        match crate::emissions::factors::resolve(
            &v.emission_class,
            &emission_classes,
            &energy_carriers,
            &cfg.emissions.variants,
        ) {
            Some(f) => emission_factors.push(f),
            None => {
                if !emission_classes.is_empty() && !energy_carriers.is_empty() {
                    issues.push(Issue::new(
                        "tables.vehicles",
                        format!(
                            "vehicle `{}`: emission class `{}` is not in the emission-factor table",
                            v.vehicle, v.emission_class
                        ),
                        "use an emission_class of data/emissions/emission_factors.csv",
                    ));
                }
            }
        }
    }
    let time_bands = match cfg.time_bands.profile.as_deref() {
        Some("flat") => None,
        path => {
            let path = path.map(std::path::PathBuf::from);
            let mut used: Vec<&str> = vehicles.iter().map(|v| v.profile.as_str()).collect();
            used.sort_unstable();
            used.dedup();
            load(
                &path,
                embedded::SPEED_PROFILES,
                "speed_profiles.csv",
                "time_bands.profile",
                &mut issues,
            )
            .map(|t| super::speed_profiles::read_speed_profiles(&t, &used, &mut issues))
        }
    };
    if cfg.emissions.factors_variant.is_none() {
        let curves_text = load(
            &t.speed_curves,
            embedded::SPEED_CURVES,
            "emissions/speed_curves.csv",
            "tables.speed_curves",
            &mut issues,
        );
        if let Some(text) = curves_text {
            let curves = crate::emissions::speed::read_speed_curves(&text, &mut issues);
            for f in &mut emission_factors {
                if let Some(m) = curves.get(&f.class) {
                    f.speed = m.clone();
                }
            }
        }
    }
    let zones = crate::zones::load_zones(&cfg.zone, dir, &mut issues);
    for (i, z) in cfg.zone.iter().enumerate() {
        for (k, r) in z.rule.iter().enumerate() {
            for (j, c) in r.classes.iter().enumerate() {
                check(
                    &mut issues,
                    vehicles.is_empty() || vehicles.iter().any(|v| &v.class == c),
                    &format!("zone[{i}].rule[{k}].classes[{j}]"),
                    format!("no vehicle of the vehicles table has class `{c}`"),
                    "use a class of data/vehicles.csv (van, rigid_7_5t, rigid_12t, rigid_19t, cargo_bike …)",
                );
            }
            for (j, e) in r.energy.iter().enumerate() {
                check(
                    &mut issues,
                    energy_carriers.is_empty()
                        || energy_carriers.iter().any(|c| &c.energy_carrier == e),
                    &format!("zone[{i}].rule[{k}].energy[{j}]"),
                    format!("`{e}` is no energy carrier"),
                    "use a carrier of data/emissions/energy_carriers.csv (diesel, electricity, cng, biocng)",
                );
            }
        }
    }
    let activities: Vec<super::Activity> = activities_text
        .as_ref()
        .map(|t| {
            let rows = tables::read_rows(t, "tables.activities", &mut issues);
            tables::check_activities(&rows, &t.name, &mut issues);
            rows
        })
        .unwrap_or_default();
    let osm_sites: Vec<super::OsmSiteRule> = osm_sites_text
        .as_ref()
        .map(|t| tables::read_rows(t, "tables.osm_sites", &mut issues))
        .unwrap_or_default();
    let home_buildings: Vec<super::HomeBuildingRule> = home_buildings_text
        .as_ref()
        .map(|t| {
            let rows = tables::read_rows(t, "tables.home_buildings", &mut issues);
            tables::check_home_buildings(&rows, &t.name, &mut issues);
            rows
        })
        .unwrap_or_default();
    for (i, rule) in osm_sites.iter().enumerate() {
        let known = rule.site_kind == "home"
            || rule.site_kind == "pickup"
            || rule.site_kind == "none"
            || activities.iter().any(|a| a.activity == rule.site_kind);
        check(
            &mut issues,
            known || activities.is_empty(),
            "tables.osm_sites",
            format!(
                "row {} ({}={}): site kind `{}` is no activity",
                i + 1,
                rule.key,
                rule.value,
                rule.site_kind
            ),
            "use home, pickup, none or an activity of the activities table",
        );
    }
    let ecommerce = ecommerce_text
        .as_ref()
        .map(|t| tables::read_ecommerce(t, &mut issues));
    let public_sites_text = load(
        &t.public_sites,
        embedded::PUBLIC_SITES,
        "demand/public_sites.csv",
        "tables.public_sites",
        &mut issues,
    );
    let public_sites = public_sites_text
        .as_ref()
        .map(|t| super::public_tables::read_public_sites(t, &mut issues))
        .unwrap_or_default();
    let public_flows_text = load(
        &t.public_flows,
        embedded::PUBLIC_FLOWS,
        "demand/public_flows.csv",
        "tables.public_flows",
        &mut issues,
    );
    let public_flows = public_flows_text
        .as_ref()
        .map(|t| super::public_tables::read_public_flows(t, &mut issues))
        .unwrap_or_default();
    let mut public_kinds: Vec<String> = Vec::new();
    for f in &public_flows {
        if !public_kinds.contains(&f.public_kind) {
            public_kinds.push(f.public_kind.clone());
        }
    }
    for k in &public_kinds {
        check(
            &mut issues,
            !["home", "pickup", "listed"].contains(&k.as_str())
                && !activities.iter().any(|a| &a.activity == k),
            "tables.public_flows",
            format!("public kind `{k}` has the name of another kind of site"),
            "give public kinds names of their own (not home, pickup, listed or an activity)",
        );
    }
    if cfg.demand.public {
        for r in &public_sites {
            check(
                &mut issues,
                public_kinds.contains(&r.public_kind) || public_flows.is_empty(),
                "tables.public_sites",
                format!(
                    "{}={}: public kind `{}` has no flow in the public flows table",
                    r.key, r.value, r.public_kind
                ),
                "give the kind at least one row of public_flows.csv, or remove the row",
            );
        }
    }
    check(
        &mut issues,
        cfg.demand
            .public_orders_per_week
            .is_none_or(|n| (1..=lim::MAX_PUBLIC_ORDERS_PER_WEEK).contains(&n)),
        "demand.public_orders_per_week",
        format!("is {}", cfg.demand.public_orders_per_week.unwrap_or(0)),
        &format!(
            "give 1 to {} orders a week, or remove the field",
            lim::MAX_PUBLIC_ORDERS_PER_WEEK
        ),
    );
    let public_on: &[super::PublicFlow] = if cfg.demand.public {
        &public_flows
    } else {
        &[]
    };
    let public_categories: Vec<&String> = public_on.iter().map(|f| &f.category).collect();
    let public_hint = |category: &str| {
        if !cfg.demand.public && public_flows.iter().any(|f| f.category == category) {
            " (the public buyer's categories need demand.public = true)"
        } else {
            ""
        }
    };
    let categories = super::categories(&activities, public_on);

    // Top level.
    check(
        &mut issues,
        !cfg.name.trim().is_empty(),
        "name",
        "is empty".into(),
        "give the scenario a short name",
    );
    check(
        &mut issues,
        cfg.name.trim().is_empty() || name_is_a_file_name(&cfg.name),
        "name",
        format!("`{}` is not a file name", cfg.name.escape_debug()),
        "the outputs go to out/<name>: give a name of at most 100 characters without /, \\, :, \
         control characters or a leading dot",
    );
    let osm = resolve(dir, &cfg.osm);
    check(
        &mut issues,
        osm.is_file(),
        "osm",
        format!("{} does not exist", osm.display()),
        "give the path of an .osm.pbf, .osm or .osm.gz file, relative to the scenario file",
    );

    // Horizon.
    let h = &cfg.horizon;
    let start = h.start.parse::<jiff::civil::Date>();
    check(
        &mut issues,
        start.is_ok(),
        "horizon.start",
        format!("`{}` is not a date", h.start),
        "write it as YYYY-MM-DD",
    );
    check(
        &mut issues,
        (1..=366).contains(&h.days),
        "horizon.days",
        format!("is {}", h.days),
        "simulate from 1 to 366 days",
    );
    // The day loop looks up to two weeks past the horizon (the longest lead time).
    if let Ok(s) = &start {
        let last = s.checked_add(jiff::Span::new().days(i64::from(h.days.min(366)) + 30));
        check(
            &mut issues,
            last.is_ok(),
            "horizon.start",
            format!("{s} plus the horizon and its tail runs past the calendar's end"),
            "start on a date before 9999-11-01",
        );
    }
    check(
        &mut issues,
        h.warm_up_days < h.days,
        "horizon.warm_up_days",
        format!("is {} for {} days", h.warm_up_days, h.days),
        "leave at least one day after the warm-up",
    );
    let mut delivering = [false; 7];
    for (i, w) in h.delivering_weekdays.iter().enumerate() {
        match WEEKDAYS.iter().position(|d| d == w) {
            Some(k) if !delivering[k] => delivering[k] = true,
            Some(_) => issues.push(Issue::new(
                format!("horizon.delivering_weekdays[{i}]"),
                format!("`{w}` is listed twice"),
                "list each weekday once",
            )),
            None => issues.push(Issue::new(
                format!("horizon.delivering_weekdays[{i}]"),
                format!("`{w}` is not a weekday"),
                "use mon, tue, wed, thu, fri, sat, sun",
            )),
        }
    }
    check(
        &mut issues,
        delivering.iter().any(|&d| d),
        "horizon.delivering_weekdays",
        "names no delivering day".into(),
        "list at least one weekday",
    );
    let cutoff = parse_clock(&h.cutoff);
    check(
        &mut issues,
        cutoff.is_some(),
        "horizon.cutoff",
        format!("`{}` is not a time of day", h.cutoff),
        "write it as HH:MM",
    );

    // Demand.
    let d = &cfg.demand;
    let inhabitants = d.inhabitants.unwrap_or(1.0);
    in_range(
        &mut issues,
        "demand.inhabitants",
        inhabitants,
        0.0,
        lim::MAX_INHABITANTS,
        "the inhabitants of the area the extract covers (or leave it out to derive it from the homes' floor area)",
    );
    check(
        &mut issues,
        !(d.ecommerce && d.orders_csv.is_none()) || inhabitants > 0.0,
        "demand.inhabitants",
        "is 0 while e-commerce parcels are generated".into(),
        "give the area's inhabitants, or set demand.ecommerce = false",
    );
    for (name, x) in [
        ("demand.b2b_scale", d.b2b_scale),
        ("demand.ecommerce_scale", d.ecommerce_scale),
    ] {
        in_range(
            &mut issues,
            name,
            x,
            0.0,
            lim::MAX_DEMAND_SCALE,
            "a multiplier of the calibrated demand",
        );
    }
    if let Some(eco) = &ecommerce
        && d.ecommerce
        && d.orders_csv.is_none()
        && let Some(given) = d.inhabitants
        && within(given, 0.0, lim::MAX_INHABITANTS)
        && within(d.ecommerce_scale, 0.0, lim::MAX_DEMAND_SCALE)
        && eco.parcels_per_order_mean > 0.0
    {
        let per_day = given * eco.parcels_per_inhabitant_year / eco.parcels_per_order_mean / 365.0
            * d.ecommerce_scale;
        check(
            &mut issues,
            per_day <= lim::MAX_ORDERS_PER_DAY,
            "demand.ecommerce_scale",
            format!("with demand.inhabitants {given} gives {per_day:.0} e-commerce orders a day"),
            &format!(
                "keep inhabitants × scale within {} orders a day (the routing's bounded size)",
                lim::MAX_ORDERS_PER_DAY
            ),
        );
    }
    check(
        &mut issues,
        d.max_snap_m.is_finite() && d.max_snap_m > 0.0 && d.max_snap_m <= lim::MAX_SNAP_M,
        "demand.max_snap_m",
        format!("is {}", d.max_snap_m),
        &format!("give a distance above 0 and at most {} m", lim::MAX_SNAP_M),
    );
    let orders_csv = d.orders_csv.as_ref().map(|p| resolve(dir, p));
    if let Some(p) = &orders_csv {
        check(
            &mut issues,
            p.is_file(),
            "demand.orders_csv",
            format!("{} does not exist", p.display()),
            "give the path of a CSV of orders, relative to the scenario file",
        );
    }

    // Lead-time rules.
    let mut rules = BTreeMap::new();
    for c in &categories {
        rules.insert(c.clone(), LeadTimeRule::named("24h").expect("named rule"));
    }
    for (category, rule) in &cfg.lead_time {
        let path = format!("lead_time.{category}");
        if !categories.contains(category) {
            issues.push(Issue::new(
                &path,
                format!("`{category}` is not an order category"),
                format!(
                    "use one of {}{}",
                    categories.join(", "),
                    public_hint(category)
                ),
            ));
            continue;
        }
        let parsed = match rule {
            RuleConfig::Named(name) => LeadTimeRule::named(name).ok_or_else(|| {
                Issue::new(
                    &path,
                    format!("`{name}` is not a lead-time rule"),
                    "use same_day, 24h, 48h, 72h, min48h or { min_days = .., max_days = .. }",
                )
            }),
            RuleConfig::Days { min_days, max_days } if min_days > max_days => Err(Issue::new(
                &path,
                format!("the window is empty (min_days {min_days} > max_days {max_days})"),
                "make min_days at most max_days",
            )),
            RuleConfig::Days { max_days, .. } if *max_days > 14 => Err(Issue::new(
                &path,
                format!("max_days {max_days} is more than two weeks"),
                "give at most 14 delivering days",
            )),
            RuleConfig::Days { min_days, max_days } => Ok(LeadTimeRule {
                name: format!("d{min_days}-{max_days}"),
                min_days: *min_days,
                max_days: *max_days,
            }),
        };
        match parsed {
            Ok(r) => {
                rules.insert(category.clone(), r);
            }
            Err(issue) => issues.push(issue),
        }
    }

    // Dispatch and routing.
    let p = &cfg.dispatch;
    let policy = PolicyKind::from_name(&p.policy);
    check(
        &mut issues,
        policy.is_some(),
        "dispatch.policy",
        format!("`{}` is not a policy", p.policy),
        "use immediate, lazy, random or consolidate",
    );
    check(
        &mut issues,
        (0.0..=1.0).contains(&p.random_share),
        "dispatch.random_share",
        format!("is {}", p.random_share),
        "give a probability between 0 and 1",
    );
    let prize = [
        p.prize_base.unwrap_or(prize_table[0]),
        p.prize_urgency.unwrap_or(prize_table[1]),
        p.prize_density.unwrap_or(prize_table[2]),
        p.drop_share.unwrap_or(prize_table[3]),
    ];
    for (name, x, hi, why) in [
        (
            "dispatch.prize_base",
            prize[0],
            100.0,
            "times a stop's cost",
        ),
        (
            "dispatch.prize_urgency",
            prize[1],
            100.0,
            "times a stop's cost",
        ),
        (
            "dispatch.prize_density",
            prize[2],
            100.0,
            "times a stop's cost",
        ),
        (
            "dispatch.drop_share",
            prize[3],
            1.0,
            "a share of a trip's cost per stop",
        ),
    ] {
        in_range(&mut issues, name, x, 0.0, hi, why);
    }
    check(
        &mut issues,
        (1..=lim::MAX_ITERATIONS).contains(&cfg.routing.iterations),
        "routing.iterations",
        format!("is {}", cfg.routing.iterations),
        &format!(
            "give 1 to {} iterations per carrier and day (300 is the default; more would not \
             end in bounded time)",
            lim::MAX_ITERATIONS
        ),
    );

    // Carriers.
    check(
        &mut issues,
        !cfg.carrier.is_empty(),
        "carrier",
        "no carrier is given".into(),
        "add at least one [[carrier]] with a depot, shares and a fleet",
    );
    let mut carriers = Vec::new();
    let operator = cfg.ucc.as_ref().map(|u| &u.operator);
    for (i, c) in cfg.carrier.iter().chain(operator).enumerate() {
        let is_operator = i == cfg.carrier.len();
        let at = |f: &str| {
            if is_operator {
                format!("ucc.operator.{f}")
            } else {
                format!("carrier[{i}].{f}")
            }
        };
        check(
            &mut issues,
            !is_operator || c.shares.is_empty(),
            &at("shares"),
            "the centre's operator takes orders only from the carriers".into(),
            "remove its shares",
        );
        check(
            &mut issues,
            !c.name.trim().is_empty(),
            &at("name"),
            "is empty".into(),
            "give the carrier a name",
        );
        check(
            &mut issues,
            !cfg.carrier[..i.min(cfg.carrier.len())]
                .iter()
                .any(|o| o.name == c.name),
            &at("name"),
            format!("`{}` is used by an earlier carrier", c.name),
            "give each carrier its own name",
        );
        let dp = &c.depot;
        check(
            &mut issues,
            dp.lon.is_finite()
                && dp.lon.abs() <= 180.0
                && dp.lat.is_finite()
                && dp.lat.abs() <= 90.0,
            &at("depot"),
            format!("({}, {}) is not a position", dp.lon, dp.lat),
            "give lon in [-180, 180] and lat in [-90, 90], degrees",
        );
        in_range(
            &mut issues,
            &at("depot.access_circuity"),
            dp.access_circuity,
            1.0,
            lim::MAX_CIRCUITY,
            "road over great-circle distance",
        );
        in_range(
            &mut issues,
            &at("depot.access_speed_kmh"),
            dp.access_speed_kmh,
            lim::ACCESS_SPEED_KMH.0,
            lim::ACCESS_SPEED_KMH.1,
            "km/h on the access leg; slower, the leg outlasts the day",
        );
        for (category, &share) in &c.shares {
            if !categories.contains(category) {
                issues.push(Issue::new(
                    at(&format!("shares.{category}")),
                    format!("`{category}` is not an order category"),
                    format!(
                        "use one of {}{}",
                        categories.join(", "),
                        public_hint(category)
                    ),
                ));
            }
            check(
                &mut issues,
                share > 0.0 && share <= 1.0,
                &at(&format!("shares.{category}")),
                format!("is {share}"),
                "give a share above 0 and at most 1",
            );
        }
        check(
            &mut issues,
            !c.fleet.is_empty(),
            &at("fleet"),
            "is empty".into(),
            "give at least one { vehicle, count }",
        );
        let mut fleet = Vec::new();
        for (k, f) in c.fleet.iter().enumerate() {
            match vehicles.iter().position(|v| v.vehicle == f.vehicle) {
                Some(v) => fleet.push((v, f.count)),
                None if !vehicles.is_empty() => issues.push(Issue::new(
                    at(&format!("fleet[{k}].vehicle")),
                    format!("`{}` is not in the vehicles table", f.vehicle),
                    format!(
                        "use one of {}",
                        vehicles
                            .iter()
                            .map(|v| v.vehicle.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
                None => {}
            }
            check(
                &mut issues,
                (1..=lim::MAX_FLEET_COUNT).contains(&f.count),
                &at(&format!("fleet[{k}].count")),
                format!("is {}", f.count),
                &format!(
                    "give 1 to {} vehicles, or remove the line",
                    lim::MAX_FLEET_COUNT
                ),
            );
        }
        let shift = parse_window(&c.shift);
        check(
            &mut issues,
            shift.is_some(),
            &at("shift"),
            format!("{:?} is not a working window", c.shift),
            "write [\"HH:MM\", \"HH:MM\"], start before end",
        );
        in_range(
            &mut issues,
            &at("reload_time_s"),
            c.reload_time_s,
            0.0,
            lim::MAX_SECONDS,
            "seconds, at most a day",
        );
        carriers.push(Carrier {
            name: c.name.clone(),
            depot: DepotSpec {
                name: dp.name.clone(),
                position: LonLat::new(dp.lon, dp.lat),
                access_circuity: dp.access_circuity,
                access_speed_mps: dp.access_speed_kmh / 3.6,
            },
            shares: c.shares.clone(),
            fleet,
            shift: shift.unwrap_or((0.0, 86_400.0)),
            reload_time_s: c.reload_time_s,
        });
    }
    // Shares per category sum to 1 over the carriers, for every category with demand.
    let generated: Vec<&String> = categories
        .iter()
        .filter(|c| {
            if orders_csv.is_some() {
                return cfg.carrier.iter().any(|k| k.shares.contains_key(*c));
            }
            if c.as_str() == super::PARCEL {
                d.ecommerce
            } else if public_categories.contains(c) {
                d.public || (d.b2b && activities.iter().any(|a| &a.category == *c))
            } else {
                d.b2b
            }
        })
        .collect();
    for category in generated {
        let total: f64 = cfg
            .carrier
            .iter()
            .filter_map(|c| c.shares.get(category))
            .sum();
        if (total - 1.0).abs() > 1e-6 && !cfg.carrier.is_empty() {
            issues.push(Issue::new(
                format!("carrier[*].shares.{category}"),
                format!("the carriers' shares of `{category}` sum to {total}"),
                "make them sum to 1, so that every order has a carrier",
            ));
        }
    }

    let ucc = cfg.ucc.as_ref().and_then(|u| {
        let zone = zones.iter().position(|z| z.name == u.zone);
        check(
            &mut issues,
            zone.is_some(),
            "ucc.zone",
            format!("no [[zone]] is named `{}`", u.zone),
            "name the zone the centre serves",
        );
        let mut opted = Vec::new();
        for (k, name) in u.carriers.iter().enumerate() {
            match cfg.carrier.iter().position(|c| &c.name == name) {
                Some(c) => opted.push(c),
                None => issues.push(Issue::new(
                    format!("ucc.carriers[{k}]"),
                    format!("no carrier is named `{name}`"),
                    "use the name of a [[carrier]]",
                )),
            }
        }
        let open = parse_window(&u.open);
        check(
            &mut issues,
            open.is_some(),
            "ucc.open",
            format!("{:?} is not a window", u.open),
            "write [\"HH:MM\", \"HH:MM\"], opening before closing",
        );
        for (field, x, hi, why) in [
            (
                "ucc.handling_s_per_order",
                u.handling_s_per_order,
                lim::MAX_SECONDS,
                "seconds, at most a day",
            ),
            (
                "ucc.handling_kg_co2e_per_tonne",
                u.handling_kg_co2e_per_tonne,
                lim::MAX_HANDLING_KG_PER_TONNE,
                "kg CO2e per tonne handled",
            ),
            (
                "ucc.fee_eur_per_order",
                u.fee_eur_per_order,
                lim::MAX_EUR,
                "EUR; above, a run's fees overflow",
            ),
            (
                "ucc.fee_eur_per_100kg",
                u.fee_eur_per_100kg,
                lim::MAX_EUR,
                "EUR; above, a run's fees overflow",
            ),
            (
                "ucc.access_buffer_m",
                u.access_buffer_m,
                lim::MAX_ACCESS_BUFFER_M,
                "metres around the centre's site",
            ),
            (
                "ucc.dock_s_per_line_haul",
                u.dock_s_per_line_haul,
                lim::MAX_SECONDS,
                "seconds, at most a day",
            ),
        ] {
            in_range(&mut issues, field, x, 0.0, hi, why);
        }
        if let Some(kg) = u.capacity_kg_per_day {
            check(
                &mut issues,
                kg.is_finite() && kg > 0.0 && kg <= lim::MAX_UCC_KG_PER_DAY,
                "ucc.capacity_kg_per_day",
                format!("is {kg}"),
                &format!(
                    "give the kg the centre receives a day, above 0 and at most {} (remove the line for no limit)",
                    lim::MAX_UCC_KG_PER_DAY
                ),
            );
        }
        if let Some(d) = u.docks {
            check(
                &mut issues,
                (1..=lim::MAX_DOCKS).contains(&d),
                "ucc.docks",
                format!("is {d}"),
                &format!(
                    "give 1 to {} docks (remove the line for no limit)",
                    lim::MAX_DOCKS
                ),
            );
        }
        for (k, name) in u.access_streets.iter().enumerate() {
            check(
                &mut issues,
                !name.trim().is_empty(),
                &format!("ucc.access_streets[{k}]"),
                "is empty".into(),
                "give a street's name as OSM writes it (name=*)",
            );
        }
        let mut candidates = Vec::new();
        for (k, c) in u.candidate.iter().enumerate() {
            check(
                &mut issues,
                c.lon.is_finite() && c.lon.abs() <= 180.0 && c.lat.is_finite() && c.lat.abs() <= 90.0,
                &format!("ucc.candidate[{k}]"),
                format!("({}, {}) is not a position", c.lon, c.lat),
                "give lon in [-180, 180] and lat in [-90, 90], degrees",
            );
            check(
                &mut issues,
                !c.name.trim().is_empty()
                    && !u.candidate[..k].iter().any(|o| o.name == c.name),
                &format!("ucc.candidate[{k}].name"),
                format!("`{}` is empty or used by an earlier candidate", c.name),
                "give each candidate site its own name",
            );
            candidates.push((c.name.clone(), LonLat::new(c.lon, c.lat)));
        }
        Some(super::Ucc {
            operator: cfg.carrier.len(),
            zone: zone?,
            carriers: opted,
            pooled: u.pooled,
            open: open?,
            handling_s_per_order: u.handling_s_per_order,
            handling_kg_co2e_per_tonne: u.handling_kg_co2e_per_tonne,
            fee_eur_per_order: u.fee_eur_per_order,
            fee_eur_per_100kg: u.fee_eur_per_100kg,
            access_streets: u.access_streets.clone(),
            access_buffer_m: u.access_buffer_m,
            capacity_kg_per_day: u.capacity_kg_per_day,
            docks: u.docks,
            dock_s_per_line_haul: u.dock_s_per_line_haul,
            candidates,
            site_field: "ucc.operator.depot".into(),
        })
    });
    if !issues.is_empty() {
        return Err(issues);
    }
    let scenario = Scenario {
        name: cfg.name,
        description: cfg.description,
        path: file.to_owned(),
        osm,
        seed: cfg.seed,
        horizon: Horizon {
            start: start.expect("checked"),
            days: h.days,
            delivering,
            warm_up_days: h.warm_up_days,
            warm_up_extended_by: 0,
            cutoff_s: cutoff.expect("checked"),
        },
        demand: DemandSettings {
            inhabitants: d.inhabitants,
            b2b: d.b2b,
            ecommerce: d.ecommerce,
            b2b_scale: d.b2b_scale,
            ecommerce_scale: d.ecommerce_scale,
            orders_csv,
            max_snap_m: d.max_snap_m,
            public: d.public,
            public_orders_per_week: d.public_orders_per_week,
        },
        rules,
        dispatch: DispatchSettings {
            policy: policy.expect("checked"),
            random_share: p.random_share,
            prize_base: prize[0],
            prize_urgency: prize[1],
            prize_density: prize[2],
            drop_share: prize[3],
        },
        routing_iterations: cfg.routing.iterations,
        carriers,
        vehicles,
        emission_factors,
        time_bands,
        carbon_price_eur_per_kg: cfg.emissions.carbon_price_eur_per_kg,
        zones,
        ucc,
        activities,
        osm_sites,
        home_buildings,
        ecommerce: {
            let mut e = ecommerce.expect("loaded");
            // `demand.failed_attempts = false`: every home is in at the first attempt.
            if !d.failed_attempts {
                e.failed_first_attempt_rate = 0.0;
            }
            e
        },
        weekday_shares,
        public_sites,
        public_flows,
        public_kinds,
    };
    let mut scenario = scenario;
    let window = crate::measure::warm_up::longest_window(&scenario);
    let added = crate::measure::warm_up::extend_for(&mut scenario, window);
    scenario.horizon.warm_up_extended_by = added;
    if scenario.horizon.warm_up_days >= scenario.horizon.days {
        return Err(vec![Issue::new(
            "horizon.days",
            format!(
                "is {}, but the warm-up must cover the longest delivery window ({window} delivering days: {} days from the start), which leaves no day to measure",
                scenario.horizon.days, scenario.horizon.warm_up_days
            ),
            format!(
                "give horizon.days more than {} (e.g. {})",
                scenario.horizon.warm_up_days,
                scenario.horizon.warm_up_days + 7
            ),
        )]);
    }
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::field_path;

    #[test]
    fn dotted_paths_get_brackets() {
        assert_eq!(
            field_path("carrier.2.fleet.0.vehicl"),
            "carrier[2].fleet[0].vehicl"
        );
        assert_eq!(field_path("horizon.dayz"), "horizon.dayz");
    }
}
