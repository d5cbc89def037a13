#!/usr/bin/env python3
"""Writes docs/cities.md from a gathered cross-city sweep.

    freightsim sweep data/sweeps/cities.toml --out out/sweep-cities
    python3 scripts/cities.py out/sweep-cities

Reads sweep-summary.csv and sweep.html of the sweep, writes docs/cities.md (the template
docs/cities.md.in with @@TABLE@@ and @@SEEDS@@ filled) and docs/cities/saving-vs-density.svg
(the chart of the sweep's page). Figures are copied, never typed by hand.
"""
import csv
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def fmt_change(r):
    pct, ci = float(r["change_pct"]), float(r["change_pct_ci95"] or "nan")
    if pct != pct:
        return "–"
    return f"{pct:+.1f} ± {ci:.1f} %" if ci == ci else f"{pct:+.1f} %"


def main():
    sweep = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out/sweep-cities")
    rows = list(csv.DictReader(open(sweep / "sweep-summary.csv")))
    by = {(r["city"], r["variant"], r["metric"]): r for r in rows}
    cities = list(dict.fromkeys(r["city"] for r in rows))
    variants = list(dict.fromkeys(r["variant"] for r in rows))
    ref = variants[0]
    lines = [
        "| city | inhabitants | km² (sites' box) | inh./km² | orders in cohort | "
        + " | ".join(f"{v}: CO₂e WTW | {v}: vehicle-km" for v in variants[1:])
        + " | same orders |",
        "|---|---:|---:|---:|---:|" + "---:|---:|" * (len(variants) - 1) + "---|",
    ]
    for c in cities:
        base = by[(c, ref, "co2e_wtw_kg")]
        orders = float(by[(c, ref, "orders")]["mean"])
        cells = []
        same = True
        for v in variants[1:]:
            cells.append(fmt_change(by[(c, v, "co2e_wtw_kg")]))
            cells.append(fmt_change(by[(c, v, "vehicle_km")]))
            same = same and by[(c, v, "co2e_wtw_kg")]["same_cohort"] == "true"
        lines.append(
            f"| {c} | {float(base['inhabitants']):,.0f} | {float(base['area_km2']):.2f} | "
            f"{float(base['density_per_km2']):,.0f} | {orders:,.0f} | "
            + " | ".join(cells)
            + f" | {'yes' if same else 'NO'} |"
        )
    levels = ["| city | today: kg CO₂e WTW | today: vehicle-km | today: g CO₂e per e-commerce parcel |", "|---|---:|---:|---:|"]
    for c in cities:
        co2 = by[(c, ref, "co2e_wtw_kg")]
        km = by[(c, ref, "vehicle_km")]
        g = by[(c, ref, "co2e_wtw_g_per_ecommerce_parcel")]
        levels.append(
            f"| {c} | {float(co2['mean']):,.0f} ± {float(co2['ci95']):,.0f} | "
            f"{float(km['mean']):,.0f} ± {float(km['ci95']):,.0f} | {float(g['mean']):.0f} |"
        )
    seeds = rows[0]["seeds"]
    html = (sweep / "sweep.html").read_text()
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    out_dir = ROOT / "docs" / "cities"
    out_dir.mkdir(exist_ok=True)
    if svg:
        (out_dir / "saving-vs-density.svg").write_text(svg.group(0) + "\n")
    text = (ROOT / "docs" / "cities.md.in").read_text()
    text = text.replace("@@TABLE@@", "\n".join(lines)).replace("@@LEVELS@@", "\n".join(levels))
    text = text.replace("@@SEEDS@@", seeds)
    (ROOT / "docs" / "cities.md").write_text(text)
    print("wrote docs/cities.md and docs/cities/saving-vs-density.svg")


if __name__ == "__main__":
    main()
