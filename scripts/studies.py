#!/usr/bin/env python3
"""Runs the studies of data/studies/studies.toml and regenerates docs/studies.md.

Every table of docs/studies.md comes from a real run of freightsim made by this script:
`freightsim compare` for scenario comparisons, `freightsim policies` for the lead-time
rules (and `freightsim score` where a study names a criteria file). The page's prose is
docs/studies.md.in; each `@@TABLE name@@`, `@@HEADLINE name@@`, `@@RUN name@@` and
`@@CHECK@@` marker is replaced by what the runs printed. The README's lines between
`<!-- studies:begin -->` and `<!-- studies:end -->` get the headlines.

The regeneration check: the page ends with a fingerprint (sha256) of the tables a short run
(`--short`: each study's `short_days` and `short_seeds`; studies with `check = false` are
left out, their code paths being those of the others) prints, and of every file under
data/ but the sweep grids of data/sweeps/, which no study reads. The test
`tests/integration/studies.rs` makes that short run and compares: a change of the tool's
results or of its inputs fails it until the page is regenerated, so the page cannot drift
from what the tool prints.

Examples:
    scripts/studies.py                      # every study, full runs; rewrites the page
    scripts/studies.py --only no-trucks     # one study (the page keeps the others' tables)
    scripts/studies.py --short --fingerprint  # the check's fingerprint only
    scripts/studies.py --fill               # the page from the saved results (studies/results.json)

Python 3.11+ standard library only.
"""
import argparse
import csv
import datetime
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCENARIOS = os.path.join(ROOT, "data", "scenarios")
STUDIES = os.path.join(ROOT, "data", "studies", "studies.toml")
TEMPLATE = os.path.join(ROOT, "docs", "studies.md.in")
PAGE = os.path.join(ROOT, "docs", "studies.md")
README = os.path.join(ROOT, "README.md")
SHORT_DAYS = 4  # 3 warm-up days + 1 measured
SHORT_SEEDS = 2

LABELS = {
    "trips": "trips (attributed to the cohort)",
    "routes": "vehicle-days",
    "zone_truck_entries": "truck entries into the centre",
    "zone_vehicle_km_inside": "vehicle-km inside the centre",
    "vehicle_km_outside_zones": "vehicle-km outside the centre",
    "vehicle_km": "vehicle-km",
    "co2e_wtw_kg": "kg CO₂e WTW",
    "co2e_ttw_kg": "kg CO₂e TTW",
    "nox_g": "g NOx",
    "pm_exhaust_g": "g PM exhaust",
    "pm_non_exhaust_g": "g PM non-exhaust",
    "cost_eur": "cost of the trips, EUR",
    "ucc_fees_eur": "consolidation centre's fees, EUR",
    "cost_with_fees_eur": "cost with the centre's fees, EUR",
    "orders_late": "late orders",
    "orders_unassigned": "unassigned orders",
    "co2e_wtw_g_per_ecommerce_parcel": "g CO₂e WTW per e-commerce parcel",
    "fleet_fill_kg_pct": "fill by weight (fleet view), %",
    "line_haul_km": "line-haul vehicle-km",
    "last_leg_km": "last-leg vehicle-km",
    "line_haul_co2e_wtw_kg": "line-haul kg CO₂e WTW",
    "last_leg_co2e_wtw_kg": "last-leg kg CO₂e WTW",
    "orders": "orders in the cohort",
    "orders_delivered": "delivered orders",
}


def run(cmd):
    """Runs a command; returns its standard output, or exits with its error."""
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"studies.py: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def num(x, digits):
    # + 0.0 turns a negative zero (a sum of nothing) into 0.
    return f"{round(x, digits) + 0.0:,.{digits}f}"


def digits_for(mean):
    a = abs(mean)
    return 0 if a >= 100 else 1 if a >= 1 else 2


def scenario_path(name):
    return os.path.join(SCENARIOS, name)


def compare_study(binary, st, days, seeds, out, short=False):
    """`freightsim compare` over the study's scenarios: one table, metrics x scenarios, and
    with `vary`, the robustness of each change over the variants of the assumptions."""
    args = [binary, "compare", *[scenario_path(s) for s in st["scenarios"]], "--seeds", str(seeds), "--out", out]
    if days:
        args += ["--days", str(days)]
    vary = st.get("short_vary") if short else st.get("vary")
    if vary:
        args += ["--vary", vary]
    run(args)
    with open(os.path.join(out, "comparison.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    names = []
    for r in rows:
        if r["scenario"] not in names:
            names.append(r["scenario"])
    cell = {(r["scenario"], r["metric"]): r for r in rows}
    labels = st.get("labels", names)
    lines = ["| | " + " | ".join(labels) + " |", "|---|" + "---|" * len(names)]
    for m in st["metrics"]:
        parts = []
        for i, n in enumerate(names):
            r = cell[(n, m)]
            mean = float(r["mean"])
            d = digits_for(mean)
            text = num(mean, d)
            if r["ci95"]:
                text += f" ± {num(float(r['ci95']), d)}"
            if i > 0 and r["change_pct"]:
                ci = f" ± {float(r['change_pct_ci95']):.1f}" if r["change_pct_ci95"] else ""
                text += f" ({float(r['change_pct']):+.1f}{ci} %)"
            elif i > 0 and r["change"]:
                text += f" ({float(r['change']):+,.{d}f})"
            parts.append(text)
        lines.append(f"| {LABELS.get(m, m)} | " + " | ".join(parts) + " |")
    table = "\n".join(lines) + "\n"
    headline = compare_headline(st, names, labels, cell)
    robust_file = os.path.join(out, "robustness.csv")
    if vary and os.path.exists(robust_file):
        with open(robust_file, newline="") as f:
            robust = list(csv.DictReader(f))
        label_of = dict(zip(names, labels))
        table += "\n" + robustness_table(robust, label_of)
        headline = robust_headline(st, names, labels, cell, robust)
    if "score" in st:
        score_out = os.path.join(out, "score")
        run([binary, "score", os.path.join(ROOT, "data", "studies", st["score"]), os.path.join(out, "comparison.csv"), "--out", score_out])
        with open(os.path.join(score_out, "scores.md")) as f:
            scores = f.read()
        # The score table without its title line (the page has its own headings).
        table += "\n" + "\n".join(l for l in scores.splitlines() if not l.startswith("#")).strip() + "\n"
    return table, headline


def compare_headline(st, names, labels, cell):
    m = st.get("chart", "co2e_wtw_kg")
    parts = []
    for i in range(1, len(names)):
        r = cell[(names[i], m)]
        if r["change_pct"]:
            ci = f" ± {float(r['change_pct_ci95']):.1f}" if r["change_pct_ci95"] else ""
            parts.append(f"{labels[i]} {float(r['change_pct']):+.1f}{ci} %")
    return f"{LABELS.get(m, m)} against the {labels[0]}: " + "; ".join(parts)


def robustness_table(robust, label_of):
    """Per change and metric: as run, its range over the variants, and whether it holds."""
    lines = [
        "| change against the first | metric | as run, % | range over the variants, % | sign holds | reading |",
        "|---|---|---|---|---|---|",
    ]
    for r in robust:
        base = pct(r["base_change_pct"], r["base_change_pct_ci95"])
        rng = f"{float(r['min_change_pct']):+.1f} ({r['min_variant']}) to {float(r['max_change_pct']):+.1f} ({r['max_variant']})"
        holds = "yes" if r["sign_holds"] == "true" else "**no**"
        reading = r["statement"].split(": ", 1)[1] if ": " in r["statement"] else r["statement"]
        lines.append(f"| {label_of.get(r['scenario'], r['scenario'])} | {LABELS.get(r['metric'], r['metric'])} | {base} | {rng} | {holds} | {reading} |")
    return "\n".join(lines) + "\n"


def robust_headline(st, names, labels, cell, robust):
    """The headline from the chart metric's robustness: the change as run and whether its
    sign survives every variant."""
    m = st.get("chart", "co2e_wtw_kg")
    parts = []
    for i in range(1, len(names)):
        r = cell[(names[i], m)]
        rb = next((x for x in robust if x["scenario"] == names[i] and x["metric"] == m), None)
        if not r["change_pct"] or rb is None:
            continue
        ci = f" ± {float(r['change_pct_ci95']):.1f}" if r["change_pct_ci95"] else ""
        text = f"{labels[i]} {float(r['change_pct']):+.1f}{ci} %"
        lo, hi = float(rb["min_change_pct"]), float(rb["max_change_pct"])
        if rb["sign_holds"] == "true" and rb["significant_everywhere"] == "true":
            text += f" (same sign under every variant: {lo:+.1f} to {hi:+.1f} %)"
        elif rb["sign_holds"] == "true":
            text += f" (same sign under every variant, {lo:+.1f} to {hi:+.1f} %, not significant under {rb['fragile_under'].replace(';', ', ')})"
        elif "changes sign under " in rb["statement"]:
            flips = rb["statement"].rsplit("changes sign under ", 1)[-1]
            text += f" (sign depends on the assumptions: {lo:+.1f} to {hi:+.1f} %; flips under {flips})"
        else:
            nil = rb["statement"].rsplit("no change under ", 1)[-1]
            text += f" (same sign wherever a variant moves it, {lo:+.1f} to {hi:+.1f} %; nil under {nil})"
        parts.append(text)
    return f"{LABELS.get(m, m)} on the same orders against the {labels[0]}: " + "; ".join(parts)


def pct(x, ci):
    if x == "" or x is None:
        return "–"
    x = float(x)
    if x != x:  # NaN
        return "–"
    if ci in ("", None) or float(ci) != float(ci):
        return f"{x:+.1f}"
    return f"{x:+.1f} ± {float(ci):.1f}"


def policies_study(binary, st, days, seeds, out, short):
    """`freightsim policies` per scenario; one table per study."""
    os.makedirs(out, exist_ok=True)
    results = []
    for s, label in zip(st["scenarios"], st.get("labels", st["scenarios"])):
        rules = st.get("short_rules", st["rules"]) if short else st["rules"]
        args = [binary, "policies", scenario_path(s), "--rules", rules, "--policies", st["policies"], "--seeds", str(seeds), "--csv"]
        if days:
            args += ["--days", str(days)]
        if "hindsight_iterations" in st:
            its = st["hindsight_iterations"] if not short else min(500, st["hindsight_iterations"])
            args += ["--hindsight-iterations", str(its)]
        text = run(args)
        with open(os.path.join(out, os.path.splitext(s)[0] + ".csv"), "w") as f:
            f.write(text)
        results.append((label, list(csv.DictReader(io.StringIO(text)))))
    if len(results) == 1:
        _, rows = results[0]
        lines = [
            "| rule | policy | cost, EUR | kg CO₂e WTW | trips | vehicle-km | cost saving vs 24h immediate, % | CO₂e saving vs 24h immediate, % | gap to hindsight, % |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            lines.append(
                f"| {r['rule']} | {r['policy']} | {num(float(r['cost_mean']), 0)} ± {num(float(r['cost_ci95']), 0)} | {num(float(r['co2e_kg_mean']), 1)} | "
                f"{num(float(r['trips_mean']), 1)} | {num(float(r['vehicle_km_mean']), 1)} | "
                f"{pct(r['cost_saving_vs_reference_pct'], r['cost_saving_vs_reference_ci95'])} | "
                f"{pct(r['co2e_saving_vs_reference_pct'], r['co2e_saving_ci95'])} | {pct(r['gap_to_hindsight_pct'], r['gap_ci95'])} |"
            )
        best = max((r for r in rows if r["policy"] != "hindsight"), key=lambda r: float(r["co2e_saving_vs_reference_pct"]))
        bound = [r for r in rows if r["policy"] == "hindsight" and r["rule"] == best["rule"]]
        headline = (
            f"best dispatch: {best['rule']} with {best['policy']}, CO₂e WTW {pct(best['co2e_saving_vs_reference_pct'], best['co2e_saving_ci95'])} % "
            f"and cost {pct(best['cost_saving_vs_reference_pct'], best['cost_saving_vs_reference_ci95'])} % saved against 24h immediate"
        )
        if bound:
            headline += f"; the hindsight plan under {best['rule']} saves {pct(bound[0]['co2e_saving_vs_reference_pct'], bound[0]['co2e_saving_ci95'])} % CO₂e"
        return "\n".join(lines) + "\n", headline
    rules = st["rules"].split(",")
    head = "| variant | " + " | ".join(f"{rule} + consolidate: CO₂e saving, % | {rule} + consolidate: cost saving, %" for rule in rules[1:]) + " |"
    lines = [head, "|---|" + "---|---|" * (len(rules) - 1)]
    summary = []
    for label, rows in results:
        cells = []
        for rule in rules[1:]:
            r = next(r for r in rows if r["rule"] == rule and r["policy"] == "consolidate")
            cells.append(pct(r["co2e_saving_vs_reference_pct"], r["co2e_saving_ci95"]))
            cells.append(pct(r["cost_saving_vs_reference_pct"], r["cost_saving_vs_reference_ci95"]))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
        last = next(r for r in rows if r["rule"] == rules[-1] and r["policy"] == "consolidate")
        summary.append((float(last["co2e_saving_vs_reference_pct"]), label))
    summary.sort()
    # As changes (+: more emissions), from the lowest to the highest.
    headline = (
        f"{rules[-1]} + consolidate against 24h immediate changes CO₂e WTW by {-summary[-1][0]:+.1f} % ({summary[-1][1]}) "
        f"to {-summary[0][0]:+.1f} % ({summary[0][1]}) across the variants"
    )
    return "\n".join(lines) + "\n", headline


def savings_svg(rows):
    """Bars of the CO2e and cost savings against the reference, with 95 % whiskers, per rule
    and policy (the reference itself left out): a plain SVG, no plotting library needed."""
    rows = [r for r in rows if not (r["rule"] == rows[0]["rule"] and r["policy"] == rows[0]["policy"])]
    vals = []
    for r in rows:
        for key, ci in (("co2e_saving_vs_reference_pct", "co2e_saving_ci95"), ("cost_saving_vs_reference_pct", "cost_saving_vs_reference_ci95")):
            v, c = float(r[key]), float(r[ci]) if r[ci] not in ("", "NaN") else 0.0
            vals.append((v, c if c == c else 0.0))
    top = max([abs(v) + c for v, c in vals] + [1.0]) * 1.1
    w, h, left, mid, scale = 80 + 56 * len(rows), 335, 50, 150, 120 / top
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="16" text-anchor="middle" font-size="13">Saving against 24h immediate, % (95 % interval): CO₂e WTW and cost</text>']
    for t in (-top, -top / 2, 0, top / 2, top):
        y = mid - t * scale
        out.append(f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/><text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{t:+.0f}</text>')
    for i, r in enumerate(rows):
        x0 = left + 10 + 56 * i
        for k, colour in enumerate(("#0072B2", "#E69F00")):
            v, c = vals[2 * i + k]
            x = x0 + 20 * k
            y1, y2 = sorted((mid, mid - v * scale))
            out.append(f'<rect x="{x}" y="{y1:.1f}" width="18" height="{max(y2 - y1, 0.5):.1f}" fill="{colour}"/>')
            if c > 0:
                a, b = mid - (v + c) * scale, mid - (v - c) * scale
                out.append(f'<line x1="{x + 9}" x2="{x + 9}" y1="{a:.1f}" y2="{b:.1f}" stroke="#333"/>')
        out.append(f'<text x="{x0 + 19}" y="{h - 44}" text-anchor="middle">{r["rule"]}</text><text x="{x0 + 19}" y="{h - 30}" text-anchor="middle">{r["policy"][:11]}</text>')
    out.append(f'<line x1="{left}" x2="{w - 10}" y1="{mid}" y2="{mid}" stroke="#333"/>')
    out.append(f'<rect x="{left}" y="{h - 14}" width="10" height="10" fill="#0072B2"/><text x="{left + 14}" y="{h - 5}">CO₂e WTW</text>'
               f'<rect x="{left + 90}" y="{h - 14}" width="10" height="10" fill="#E69F00"/><text x="{left + 104}" y="{h - 5}">cost</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def run_study(binary, st, short, out_root):
    days = (st.get("short_days", SHORT_DAYS) if short else st.get("days"))
    seeds = (st.get("short_seeds", SHORT_SEEDS) if short else st["seeds"])
    out = os.path.join(out_root, st["name"])
    started = time.monotonic()
    if st["kind"] == "compare":
        table, headline = compare_study(binary, st, days, seeds, out, short)
    elif st["kind"] == "policies":
        table, headline = policies_study(binary, st, days, seeds, out, short)
    else:
        sys.exit(f"studies.py: study {st['name']} has unknown kind {st['kind']}")
    seconds = time.monotonic() - started
    horizon = f"--days {days}" if days else "each scenario's own horizon"
    command = f"scripts/studies.py --only {st['name']}"
    meta = f"{seeds} seeds (the scenarios' seed and the next ones), {horizon}; regenerate with `{command}`"
    return {"table": table, "headline": headline, "seconds": seconds, "meta": meta}


def version(binary):
    v = run([binary, "--version"]).strip()
    try:
        commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "unknown"
    return v, commit


# Folders of data/ the studies never read, left out of the fingerprint: the sweep grids
# (docs/cities.md's inputs), whose seed count does not change a study's result.
NOT_STUDY_INPUTS = {"sweeps"}


def fingerprint(results):
    """sha256 of the short runs' tables and of every file under data/ (scenarios, tables,
    the map) but the sweep grids: a change of the code's results or of any input of the
    studies makes the page stale."""
    h = hashlib.sha256()
    for name in sorted(results):
        h.update(name.encode())
        h.update(results[name]["table"].encode())
    data = os.path.join(ROOT, "data")
    # os.walk is consumed whole and sorted by folder, so the order does not depend on it.
    for folder, _, files in sorted(os.walk(data)):
        if os.path.relpath(folder, data).split(os.sep)[0] in NOT_STUDY_INPUTS:
            continue
        for f in sorted(files):
            path = os.path.join(folder, f)
            h.update(os.path.relpath(path, data).encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def short_runs(binary, studies, out):
    """The regeneration check's runs: the studies with `check` (default true), short."""
    return {s["name"]: run_study(binary, s, True, os.path.join(out, "short")) for s in studies if s.get("check", True)}


def fill_page(studies, full, check, binary, out_root):
    with open(TEMPLATE) as f:
        page = f.read()
    v, commit = version(binary)
    today = datetime.date.today().isoformat()
    for st in studies:
        name = st["name"]
        r = full.get(name)
        if r is None:
            continue
        page = page.replace(f"@@TABLE {name}@@", r["table"].rstrip("\n"))
        page = page.replace(f"@@HEADLINE {name}@@", r["headline"])
        if st["kind"] == "policies" and len(st["scenarios"]) == 1:
            with open(os.path.join(out_root, name, os.path.splitext(st["scenarios"][0])[0] + ".csv"), newline="") as f:
                svg = savings_svg(list(csv.DictReader(f)))
            os.makedirs(os.path.join(ROOT, "docs", "studies"), exist_ok=True)
            with open(os.path.join(ROOT, "docs", "studies", f"{name}.svg"), "w") as f:
                f.write(svg)
            page = page.replace(f"@@CHART {name}@@", f"![Savings against 24h immediate, mean and 95 % interval](studies/{name}.svg)")
        if st.get("chart_title"):
            # The compare report's chart of that metric, from the full run's report.html.
            with open(os.path.join(out_root, name, "report.html")) as f:
                report = f.read()
            charts = [svg for svg in re.findall(r"<svg.*?</svg>", report, flags=re.S) if st["chart_title"] in svg]
            if not charts:
                sys.exit(f"studies.py: no chart titled {st['chart_title']!r} in {name}'s report.html")
            os.makedirs(os.path.join(ROOT, "docs", "studies"), exist_ok=True)
            with open(os.path.join(ROOT, "docs", "studies", f"{name}.svg"), "w") as f:
                f.write(charts[0])
            page = page.replace(f"@@CHART {name}@@", f"![{st['chart_title']}, mean and 95 % interval per variant](studies/{name}.svg)")
        page = page.replace(
            f"@@RUN {name}@@",
            f"Run: {r['meta']}; {v}; page written at commit {commit}, {today}; the run took {r['seconds'] / 60:.1f} min on a 2-core machine (wall clock, whole run, other jobs sharing the machine).",
        )
    page = page.replace("@@CHECK@@", f"<!-- regeneration check (scripts/studies.py --short --fingerprint): {check} -->")
    left = re.findall(r"@@[A-Z]+ ?[a-z0-9-]*@@", page)
    if left:
        sys.exit(f"studies.py: markers left unfilled (run every study): {left}")
    with open(PAGE, "w") as f:
        f.write(page)


def fill_readme(studies, full):
    with open(README) as f:
        text = f.read()
    lines = [f"- **{st['title']}**: {full[st['name']]['headline']} ([docs/studies.md](docs/studies.md))" for st in studies if st["name"] in full]
    new = "<!-- studies:begin -->\n" + "\n".join(lines) + "\n<!-- studies:end -->"
    text2 = re.sub(r"<!-- studies:begin -->.*?<!-- studies:end -->", new, text, flags=re.S)
    with open(README, "w") as f:
        f.write(text2)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "freightsim"))
    p.add_argument("--out", default=os.path.join(ROOT, "studies"), help="raw outputs (comparison.csv, reports, policies CSVs)")
    p.add_argument("--only", action="append", help="run only this study (repeatable)")
    p.add_argument("--short", action="store_true", help="short horizon and few seeds (the regeneration check)")
    p.add_argument("--fingerprint", action="store_true", help="print the short run's fingerprint and stop")
    p.add_argument("--fill", action="store_true", help="run no study: write the page from the saved full results (and the check)")
    args = p.parse_args()
    with open(STUDIES, "rb") as f:
        studies = tomllib.load(f)["study"]
    chosen = [s for s in studies if not args.only or s["name"] in args.only]
    if args.only and len(chosen) != len(args.only):
        sys.exit(f"studies.py: unknown study in {args.only}; known: {[s['name'] for s in studies]}")
    if args.fingerprint:
        print(fingerprint(short_runs(args.bin, studies, args.out)))
        return
    results_file = os.path.join(args.out, "results.json")
    full = {}
    if os.path.exists(results_file) and not args.short:
        with open(results_file) as f:
            full = json.load(f)
    for s in [] if args.fill else chosen:
        print(f"study {s['name']} ...", file=sys.stderr, flush=True)
        full[s["name"]] = run_study(args.bin, s, args.short, args.out)
        print(f"  {full[s['name']]['seconds'] / 60:.1f} min: {full[s['name']]['headline']}", file=sys.stderr, flush=True)
        if not args.short:
            os.makedirs(args.out, exist_ok=True)
            with open(results_file, "w") as f:
                json.dump(full, f, indent=1)
    if args.short:
        for s in chosen:
            print(f"## {s['name']}\n\n{full[s['name']]['table']}")
        return
    missing = [s["name"] for s in studies if s["name"] not in full]
    if missing:
        sys.exit(f"studies.py: no full results yet for {missing}: run them (--only NAME) to write the page")
    print("regeneration check ...", file=sys.stderr, flush=True)
    fill_page(studies, full, fingerprint(short_runs(args.bin, studies, args.out)), args.bin, args.out)
    fill_readme(studies, full)
    print(f"wrote {PAGE} and the README's study lines", file=sys.stderr)


if __name__ == "__main__":
    main()
