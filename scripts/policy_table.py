#!/usr/bin/env python3
"""Runs the Lorient baseline under each lead-time rule and dispatch policy on the same order
streams (same seed) and prints a Markdown table of the month's figures.

Usage: cargo build --release && python3 scripts/policy_table.py [--seeds 1,2] [--days 28]
Until `freightsim policies` exists, this is how docs/dispatch.md's table is made.
"""
import argparse, json, os, re, subprocess, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default="1")
ap.add_argument("--days", default="28")
ap.add_argument("--rules", default="24h,72h")
ap.add_argument("--policies", default="immediate,lazy,random,consolidate")
args = ap.parse_args()
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base = open(os.path.join(root, "data/scenarios/lorient-baseline.toml")).read()
binary = os.path.join(root, "target/release/freightsim")
rows = []
with tempfile.TemporaryDirectory() as tmp:
    for rule in args.rules.split(","):
        for policy in args.policies.split(","):
            for seed in args.seeds.split(","):
                text = re.sub(r'^(parcel|retail|office) = "24h"', rf'\1 = "{rule}"', base, flags=re.M)
                text = text.replace('policy = "immediate"', f'policy = "{policy}"')
                text = text.replace('osm = "../osm/', f'osm = "{root}/data/osm/')
                path = os.path.join(tmp, f"{rule}-{policy}-{seed}.toml")
                open(path, "w").write(text)
                out = os.path.join(tmp, f"out-{rule}-{policy}-{seed}")
                subprocess.run([binary, "simulate", path, "--out", out, "--seed", seed, "--days", args.days],
                               check=True, stdout=subprocess.DEVNULL)
                s = json.load(open(os.path.join(out, "summary.json")))
                m = s["measured"]
                rows.append((rule, policy, seed, m["trips"], m["routes"], m["stops"], m["vehicle_km"],
                             m["co2e_wtw_kg"], m["cost_eur"], s["orders"].get("late", 0),
                             s["orders"].get("unassigned", 0)))
print("| rule (parcel, retail, office) | policy | seed | trips | routes | stops | vehicle-km | kg CO2e WTW | cost EUR | late | unassigned |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
imm = {(r[0], r[2]): r for r in rows if r[1] == "immediate"}
for r in rows:
    ref = imm.get((r[0], r[2]))
    km = f"{r[6]:.0f}" + (f" ({100 * (r[6] / ref[6] - 1):+.1f} %)" if ref and r is not ref else "")
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {km} | {r[7]:.0f} | {r[8]:.0f} | {r[9]} | {r[10]} |")
