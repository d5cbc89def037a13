//! The scores as a terminal table, `scores.csv` (one row per package), `points.csv` (one row
//! per package and criterion) and `scores.md` (both tables, for a report or a tender file).

use super::{Measure, Scores};
use std::fmt::Write;

fn num(x: f64, decimals: usize) -> String {
    if x.is_finite() {
        format!("{x:.decimals$}")
    } else {
        String::new()
    }
}

fn pass_word(p: Option<bool>) -> &'static str {
    match p {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// `scores.csv`: `rank, package, score, score_low, score_high, passes, failed` (the failed
/// criteria joined by `;`), best first.
pub fn scores_csv(s: &Scores) -> String {
    let mut out = String::from("rank,package,seeds,score,score_low,score_high,passes,failed\n");
    for p in &s.packages {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            p.rank,
            csv_field(&p.name),
            p.seeds,
            num(p.score, 2),
            num(p.score_low, 2),
            num(p.score_high, 2),
            if p.passes { "yes" } else { "no" },
            csv_field(&p.failed.join(";"))
        );
    }
    out
}

/// `points.csv`: one row per package and criterion: the value read, its 95 % half-width, the
/// unfavourable bound, the limit and whether it passes, the points (0 to 1) and the weighted
/// points out of 100.
pub fn points_csv(s: &Scores) -> String {
    let mut out = String::from(
        "package,criterion,metric,measure,weight,value,ci95,bound,limit,passes,full_at,zero_at,points,weighted_points\n",
    );
    let share = s.criteria.weight_shares();
    for p in &s.packages {
        for (k, ((c, cell), &(full, zero))) in s
            .criteria
            .criteria
            .iter()
            .zip(&p.cells)
            .zip(&s.ranges)
            .enumerate()
        {
            let measure = if c.share_of.is_empty() {
                c.measure.name().to_owned()
            } else {
                format!("pct_of:{}", c.share_of.join("+"))
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(&p.name),
                csv_field(&c.name),
                c.metric,
                measure,
                c.weight,
                num(cell.value, 4),
                num(cell.ci95, 4),
                num(cell.bound, 4),
                c.limit.map_or(String::new(), |l| l.to_string()),
                pass_word(cell.pass),
                num(full, 4),
                num(zero, 4),
                num(cell.points, 4),
                num(100.0 * share[k] * cell.points, 2)
            );
        }
    }
    out
}

fn what(c: &super::Criterion) -> String {
    let base = match c.measure {
        Measure::Mean => c.metric.clone(),
        Measure::Change => format!("change of {}", c.metric),
        Measure::ChangePct => format!("change of {} (%)", c.metric),
    };
    if c.share_of.is_empty() {
        base
    } else {
        format!("{base} in % of {}", c.share_of.join(" + "))
    }
}

/// `scores.md`: the criteria, then the packages ranked with each criterion's value ± 95 %
/// interval and points.
pub fn markdown(s: &Scores) -> String {
    let mut out = String::new();
    let title = if s.criteria.title.is_empty() {
        "Scores"
    } else {
        &s.criteria.title
    };
    let _ = writeln!(out, "# {title}\n");
    out += "| criterion | reads | better | weight | limit | full points at | no point at |\n|---|---|---|---|---|---|---|\n";
    for (c, &(full, zero)) in s.criteria.criteria.iter().zip(&s.ranges) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            c.name,
            what(c),
            if c.lower_is_better { "lower" } else { "higher" },
            c.weight,
            c.limit.map_or("—".to_owned(), |l| {
                format!("{} {l}", if c.lower_is_better { "≤" } else { "≥" })
            }),
            num(full, 2),
            num(zero, 2)
        );
    }
    out += "\n| rank | package | score | range | passes |";
    for c in &s.criteria.criteria {
        let _ = write!(out, " {} |", c.name);
    }
    out += "\n|---|---|---|---|---|";
    for _ in &s.criteria.criteria {
        out += "---|";
    }
    out.push('\n');
    for p in &s.packages {
        let _ = write!(
            out,
            "| {} | {} | {} | {}–{} | {} |",
            p.rank,
            p.name,
            num(p.score, 1),
            num(p.score_low, 1),
            num(p.score_high, 1),
            if p.passes {
                "yes".to_owned()
            } else {
                format!("no ({})", p.failed.join(", "))
            }
        );
        for cell in &p.cells {
            let mark = if cell.pass == Some(false) { " ✗" } else { "" };
            let _ = write!(
                out,
                " {} ± {}{mark} ({} pts) |",
                num(cell.value, 2),
                num(cell.ci95, 2),
                num(cell.points, 2)
            );
        }
        out.push('\n');
    }
    out += "\nScore: 100 × Σ weight × points / Σ weight; points run linearly from the value earning none to the value earning full points. A limit is met when the unfavourable end of the 95 % interval is within it. The range is the score with every criterion at the unfavourable, then the favourable, end of its interval.\n";
    out
}

/// The terminal table: rank, package, score and its range, pass or the failed criteria.
pub fn table(s: &Scores) -> String {
    let width = s
        .packages
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let mut out = format!(
        "{:>4}  {:<width$}  {:>6}  {:>13}  passes\n",
        "rank", "package", "score", "range"
    );
    for p in &s.packages {
        let range = format!("{}–{}", num(p.score_low, 1), num(p.score_high, 1));
        let passes = if p.passes {
            "yes".to_owned()
        } else {
            format!("no: {}", p.failed.join(", "))
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<width$}  {:>6}  {:>13}  {passes}",
            p.rank,
            p.name,
            num(p.score, 1),
            range
        );
    }
    out
}
