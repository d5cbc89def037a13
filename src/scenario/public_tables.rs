//! The public buyer's tables: which map features are its sites (`data/demand/public_sites.csv`)
//! and what each kind of site receives (`data/demand/public_flows.csv`: one row per flow, e.g.
//! canteen meals or supplies, with its order category, how many orders a week on which
//! weekdays, their size and the hours they are received). Read whatever the scenario, used
//! only when `demand.public` is on.

use super::error::Issue;
use super::tables::{TableText, parse_clock, read_rows};
use serde::Deserialize;

/// One row of `public_sites.csv`: a tag and the public kind of site it makes.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct PublicSiteRule {
    /// OSM key (any key of the feature: `amenity`, `leisure` …).
    pub key: String,
    /// OSM value, or `*`.
    pub value: String,
    /// The public kind it makes (a `public_kind` of the flows table).
    pub public_kind: String,
    /// Where the row comes from, or why it is assumed.
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
struct FlowRow {
    public_kind: String,
    category: String,
    schedule: String,
    orders_per_week: f64,
    order_weekdays: String,
    placed_from: String,
    placed_to: String,
    kg_mean: f64,
    kg_shape: f64,
    parcels_mean: f64,
    receive_open: String,
    receive_close: String,
    groupable: String,
    source: String,
    #[allow(dead_code)]
    confidence: String,
}

/// One flow of goods to one kind of public site, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicFlow {
    /// The kind of site that receives it.
    pub public_kind: String,
    /// Order category of its orders (its lead-time rule, the carriers' shares).
    pub category: String,
    /// `true`: one order on each order weekday (meals); `false`: Poisson orders.
    pub fixed: bool,
    /// Orders a week per site.
    pub orders_per_week: f64,
    /// Weekdays (Monday first) on which orders are placed.
    pub weekdays: [bool; 7],
    /// Orders are placed uniformly in this window, seconds from midnight.
    pub placed: (f64, f64),
    /// Mean kg per order.
    pub kg_mean: f64,
    /// Shape of the Gamma law of an order's kg (large: little spread).
    pub kg_shape: f64,
    /// Mean parcels (boxes, crates) per order.
    pub parcels_mean: f64,
    /// Receiving hours, seconds from midnight.
    pub receive: (f64, f64),
    /// The buyer may group several orders of a week into one.
    pub groupable: bool,
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads the public sites table; each bad row is an issue.
pub(crate) fn read_public_sites(table: &TableText, issues: &mut Vec<Issue>) -> Vec<PublicSiteRule> {
    let field = "tables.public_sites";
    let rows: Vec<PublicSiteRule> = read_rows(table, field, issues);
    for (i, r) in rows.iter().enumerate() {
        if r.source.trim().is_empty() || r.public_kind.trim().is_empty() {
            issues.push(Issue::new(
                field,
                format!(
                    "{} row {} ({}={}): the public kind or the source is empty",
                    table.name,
                    i + 1,
                    r.key,
                    r.value
                ),
                "name the kind and say where the row comes from, or mark it [assumption]",
            ));
        }
    }
    rows
}

/// Reads and checks the public flows table.
pub(crate) fn read_public_flows(table: &TableText, issues: &mut Vec<Issue>) -> Vec<PublicFlow> {
    let field = "tables.public_flows";
    let rows: Vec<FlowRow> = read_rows(table, field, issues);
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut problem = |what: String, fix: &str| {
            issues.push(Issue::new(
                field,
                format!(
                    "{} row {} ({} {}): {what}",
                    table.name,
                    i + 1,
                    r.public_kind,
                    r.category
                ),
                fix,
            ));
        };
        let mut weekdays = [false; 7];
        for w in r.order_weekdays.split_whitespace() {
            match WEEKDAYS.iter().position(|d| *d == w) {
                Some(k) => weekdays[k] = true,
                None => problem(
                    format!("`{w}` is not a weekday"),
                    "list weekdays as `mon tue wed thu fri`",
                ),
            }
        }
        let n_days = weekdays.iter().filter(|&&d| d).count();
        if n_days == 0 {
            problem("no order weekday".into(), "list at least one weekday");
        }
        let fixed = match r.schedule.as_str() {
            "fixed" => true,
            "poisson" => false,
            s => {
                problem(format!("schedule `{s}` is unknown"), "use fixed or poisson");
                false
            }
        };
        if !(r.orders_per_week.is_finite() && r.orders_per_week > 0.0) {
            problem(
                format!("orders_per_week is {}", r.orders_per_week),
                "give a positive number",
            );
        } else if fixed && (r.orders_per_week - n_days as f64).abs() > 1e-9 {
            problem(
                format!(
                    "a fixed flow places one order on each of its {n_days} weekdays, not {} a week",
                    r.orders_per_week
                ),
                "make orders_per_week the number of order weekdays, or use poisson",
            );
        }
        for (name, x) in [
            ("kg_mean", r.kg_mean),
            ("kg_shape", r.kg_shape),
            ("parcels_mean", r.parcels_mean),
        ] {
            if !(x.is_finite() && x > 0.0) {
                problem(format!("{name} is {x}"), "give a positive number");
            }
        }
        if r.parcels_mean < 1.0 {
            problem(
                format!("parcels_mean is {}", r.parcels_mean),
                "give at least 1 (an order is at least one box)",
            );
        }
        let window = |a: &str, b: &str, strict: bool| match (parse_clock(a), parse_clock(b)) {
            (Some(x), Some(y)) if x < y || (!strict && x == y) => Some((x, y)),
            _ => None,
        };
        let placed = window(&r.placed_from, &r.placed_to, false);
        if placed.is_none() {
            problem(
                format!(
                    "placing hours `{}`-`{}` are not a window",
                    r.placed_from, r.placed_to
                ),
                "give HH:MM times, the first not after the second",
            );
        }
        let receive = window(&r.receive_open, &r.receive_close, true);
        if receive.is_none() {
            problem(
                format!(
                    "receiving hours `{}`-`{}` are not a window",
                    r.receive_open, r.receive_close
                ),
                "give HH:MM times, opening before closing",
            );
        }
        let groupable = match r.groupable.as_str() {
            "yes" => true,
            "no" => false,
            g => {
                problem(
                    format!("groupable `{g}` is neither yes nor no"),
                    "write yes or no",
                );
                false
            }
        };
        if r.source.trim().is_empty() {
            problem(
                "the source is empty".into(),
                "say where the numbers come from, or mark them [assumption]",
            );
        }
        if out
            .iter()
            .any(|f: &PublicFlow| f.public_kind == r.public_kind && f.category == r.category)
        {
            problem(
                "the kind and category are given by an earlier row".into(),
                "give each kind one row per category",
            );
        }
        out.push(PublicFlow {
            public_kind: r.public_kind.clone(),
            category: r.category.clone(),
            fixed,
            orders_per_week: r.orders_per_week,
            weekdays,
            placed: placed.unwrap_or((0.0, 0.0)),
            kg_mean: r.kg_mean,
            kg_shape: r.kg_shape,
            parcels_mean: r.parcels_mean,
            receive: receive.unwrap_or((0.0, 86_400.0)),
            groupable,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> TableText {
        TableText {
            name: "flows.csv".into(),
            text: format!(
                "public_kind,category,schedule,orders_per_week,order_weekdays,placed_from,placed_to,kg_mean,kg_shape,parcels_mean,receive_open,receive_close,groupable,source,confidence\n{rows}"
            ),
        }
    }

    #[test]
    fn the_shipped_tables_read_without_issue() {
        let mut issues = Vec::new();
        let flows = read_public_flows(
            &TableText {
                name: "public_flows.csv".into(),
                text: super::super::tables::embedded::PUBLIC_FLOWS.into(),
            },
            &mut issues,
        );
        let sites = read_public_sites(
            &TableText {
                name: "public_sites.csv".into(),
                text: super::super::tables::embedded::PUBLIC_SITES.into(),
            },
            &mut issues,
        );
        assert!(issues.is_empty(), "{issues:?}");
        // Every kind of site has a flow, and meals come on four school days.
        for s in &sites {
            assert!(
                flows.iter().any(|f| f.public_kind == s.public_kind),
                "{}",
                s.public_kind
            );
        }
        let meals = flows.iter().find(|f| f.category == "public_food").unwrap();
        assert!(meals.fixed && !meals.groupable);
        assert_eq!(meals.weekdays.iter().filter(|&&d| d).count(), 4);
    }

    #[test]
    fn a_bad_row_names_its_problems() {
        let mut issues = Vec::new();
        let t = table(
            "school,public_food,fixed,5,mon tue wed thu,09:00,10:00,37,25,4,11:00,06:00,maybe,,M\n",
        );
        read_public_flows(&t, &mut issues);
        let text: Vec<String> = issues.iter().map(|i| format!("{i:?}")).collect();
        let all = text.join("\n");
        for expected in [
            "one order on each of its 4 weekdays, not 5",
            "receiving hours `11:00`-`06:00`",
            "groupable `maybe`",
            "the source is empty",
        ] {
            assert!(all.contains(expected), "{expected} not in {all}");
        }
    }
}
