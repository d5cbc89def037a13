#!/usr/bin/env python3
"""Gap of freightsim's routing core to the best known solutions, per instance and per set.

Runs `freightsim solve --csv` on the given instance files (or reads a CSV it produced
before), joins each row with BKS.csv (the `distance_only` row for Solomon; the single row
for X, HFVRP and MTVRPTWR instances, whose BKS is the `.sol` Cost), and prints per instance
the gap in percent, then the mean gap per set (the folder of the instance in BKS.csv).
Optionally joins a peers.py CSV run under the same budget and prints the cost ratio
ours / peer.

Examples:
    scripts/gap_table.py --seconds 10 ../shared/bench/instances/solomon/R1*.txt
    scripts/gap_table.py --results ours.csv --peers pyvrp.csv

Python 3 standard library only.
"""
import argparse
import csv
import io
import os
import statistics
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BENCH = os.environ.get("FREIGHTSIM_BENCH", os.path.join(HERE, "..", "..", "shared", "bench"))


def load_bks(path):
    """instance -> (bks_cost, set); prefers the distance_only row where there are several."""
    rows = defaultdict(list)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows[r["instance"]].append(r)
    bks = {}
    for name, rs in rows.items():
        chosen = next((r for r in rs if r["objective"] == "distance_only"), rs[0])
        folder = os.path.dirname(chosen["file"]) or "other"
        bks[name] = (float(chosen["bks_cost"]), folder)
    return bks


def run_ours(args):
    cmd = [args.binary, "solve", "--csv", "--seed", str(args.seed)]
    if args.iterations is not None:
        cmd += ["--iterations", str(args.iterations)]
    else:
        cmd += ["--seconds", str(args.seconds)]
    cmd += args.files
    print("# " + " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def load_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def gap_pct(cost, bks):
    return 100.0 * (cost - bks) / bks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="instance files to solve (unless --results)")
    ap.add_argument("--seconds", type=float, default=10.0, help="time budget per instance")
    ap.add_argument("--iterations", type=int, help="iteration budget instead of --seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "freightsim"))
    ap.add_argument("--bks", default=os.path.join(DEFAULT_BENCH, "BKS.csv"))
    ap.add_argument("--results", help="CSV from `freightsim solve --csv` (skips solving)")
    ap.add_argument("--peers", help="CSV from peers.py to compare with (same budget)")
    ap.add_argument("--save", help="also write our raw CSV here")
    args = ap.parse_args()
    if not args.results and not args.files:
        ap.error("give instance files or --results")

    bks = load_bks(args.bks)
    ours = load_csv(args.results) if args.results else run_ours(args)
    if args.save:
        with open(args.save, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(ours[0].keys()))
            w.writeheader()
            w.writerows(ours)
    peers = {r["instance"]: r for r in load_csv(args.peers)} if args.peers else {}

    header = ["instance", "set", "cost", "bks_cost", "gap_pct", "feasible", "seconds"]
    if peers:
        header += ["peer", "peer_cost", "peer_gap_pct", "ratio_ours_to_peer"]
    table = []
    by_set = defaultdict(list)
    by_set_peer = defaultdict(list)
    for r in ours:
        name = r["instance"]
        if name not in bks:
            print(f"# {name}: no BKS row, skipped", file=sys.stderr)
            continue
        best, folder = bks[name]
        cost = float(r["cost"])
        g = gap_pct(cost, best)
        feasible = r["feasible"].lower() == "true"
        if feasible:
            by_set[folder].append(g)
        row = [name, folder, f"{cost:.2f}", f"{best:.2f}", f"{g:.2f}", r["feasible"], r["seconds"]]
        if peers:
            p = peers.get(name)
            if p and p["cost"] not in ("", "nan"):
                pc = float(p["cost"])
                pg = gap_pct(pc, best)
                by_set_peer[folder].append((g, pg, cost / pc))
                row += [p["solver"], f"{pc:.2f}", f"{pg:.2f}", f"{cost / pc:.4f}"]
            else:
                row += ["", "", "", ""]
        table.append(row)

    widths = [max(len(str(x)) for x in col) for col in zip(header, *table)]
    fmt = "  ".join("{:>%d}" % w for w in widths)
    print(fmt.format(*header))
    for row in table:
        print(fmt.format(*row))
    print()
    for folder in sorted(by_set):
        gaps = by_set[folder]
        line = f"{folder}: {len(gaps)} feasible instances, mean gap {statistics.mean(gaps):.2f} %"
        if by_set_peer.get(folder):
            ps = by_set_peer[folder]
            line += (f"; on the {len(ps)} also solved by the peer: ours {statistics.mean(g for g, _, _ in ps):.2f} %,"
                     f" peer {statistics.mean(pg for _, pg, _ in ps):.2f} %,"
                     f" mean cost ratio ours/peer {statistics.mean(x for _, _, x in ps):.4f}")
        print(line)
    infeasible = [r[0] for r in table if r[5].lower() != "true"]
    if infeasible:
        print(f"infeasible (excluded from means): {' '.join(infeasible)}")


if __name__ == "__main__":
    main()
