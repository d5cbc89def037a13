#!/usr/bin/env python3
"""Turns `freightsim policies ... --csv` output into docs/dispatch.md's benchmark tables.

    freightsim policies data/scenarios/lorient-baseline.toml --rules 48h,72h \\
        --policies immediate,lazy,random,consolidate,hindsight --seeds 5 --days 14 \\
        --objective cost,carbon --csv > out/policies.csv
    python3 scripts/dispatch_table.py out/policies.csv

Prints, per objective, one Markdown table (every figure copied from the CSV, none typed by
hand) and the bracket of the best possible saving per rule.
"""
import csv
import sys


def num(x):
    try:
        v = float(x)
    except ValueError:
        return float("nan")
    return v


def pct(x, ci=None):
    x = num(x)
    if x != x:
        return "–"
    if ci is None or num(ci) != num(ci):
        return f"{x:+.1f} %"
    return f"{x:+.1f} ± {num(ci):.1f} %"


rows = list(csv.DictReader(open(sys.argv[1] if len(sys.argv) > 1 else "out/policies.csv")))
seeds = rows[0]["seeds"]
for objective in dict.fromkeys(r["objective"] for r in rows):
    mine = [r for r in rows if r["objective"] == objective]
    print(f"**Objective `{objective}`** ({seeds} seeds; value = "
          + ("fixed cost per vehicle-day + cost per km" if objective == "cost"
             else "cost + CO₂e WTW at the carbon price")
          + "; ± are 95 % half-widths, savings, gaps and captured shares paired per seed):\n")
    print("| rule | policy | value EUR | cost EUR | kg CO₂e | vehicle-km | trips | saving vs immediate "
          "| CO₂e change vs immediate | gap to hindsight | captured | lower bound EUR |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in mine:
        captured = pct(r["saving_captured_pct"], r["captured_ci95"]) if r["policy"] not in ("immediate", "hindsight") else "–"
        co2 = num(r["co2e_saving_vs_immediate_pct"])
        print(f"| {r['rule']} | {r['policy']} | {num(r['value_mean']):,.0f} | "
              f"{num(r['cost_mean']):,.0f} ± {num(r['cost_ci95']):,.0f} | {num(r['co2e_kg_mean']):,.0f} | "
              f"{num(r['vehicle_km_mean']):,.0f} | {num(r['trips_mean']):.1f} | "
              f"{pct(r['saving_vs_immediate_pct'], r['saving_ci95'])} | "
              f"{'–' if co2 != co2 else f'{-co2:+.1f} %'} | "
              f"{pct(r['gap_to_hindsight_pct'], r['gap_ci95'])} | {captured} | "
              f"{num(r['lower_bound_mean']):,.0f} |")
    print()
    for rule in dict.fromkeys(r["rule"] for r in mine):
        h = next((r for r in mine if r["rule"] == rule and r["policy"] == "hindsight"), None)
        if h is None:
            continue
        print(f"- {rule}, `{objective}`: the best possible saving against `immediate` lies between "
              f"{num(h['saving_vs_immediate_pct']):.1f} % (the hindsight plan) and "
              f"{num(h['saving_ceiling_pct']):.1f} % (the lower bound); the hindsight plan improves on "
              f"the best online plan by {num(h['improvement_on_best_online_pct']):.1f} % and lies "
              f"{num(h['gap_to_bound_pct']):.1f} % above the bound.")
    print()
