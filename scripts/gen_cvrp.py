#!/usr/bin/env python3
"""Writes random CVRP instances in VRPLIB format, drawn the way the X set was designed
(Uchoa et al. 2017, "New benchmark instances for the capacitated vehicle routing
problem"): a 1000 x 1000 grid, the depot in the centre, a corner or at random, customers
uniform, clustered or half of each, demands from one of a few distributions, and a
capacity set from a target number of customers per route.

Usage: scripts/gen_cvrp.py --out DIR --seed S N [N ...]
Each N gives one file `R-n{N+1}-s{S}-{index}-{placement}.vrp` (the seed picks the variants).
No best known solution exists for these files: compare solvers side by side.
"""
import argparse
import math
import os
import random


def customers(rng, n, placement):
    """Customer coordinates: uniform, clustered (3-8 seeds, exponential decay) or mixed."""
    pts = []
    if placement in ("clustered", "mixed"):
        seeds = [(rng.uniform(0, 1000), rng.uniform(0, 1000)) for _ in range(rng.randint(3, 8))]
        clustered = n if placement == "clustered" else n // 2
        while len(pts) < clustered:
            x, y = rng.uniform(0, 1000), rng.uniform(0, 1000)
            weight = sum(math.exp(-math.dist((x, y), s) / 40.0) for s in seeds)
            if rng.random() < weight:
                pts.append((x, y))
    while len(pts) < n:
        pts.append((rng.uniform(0, 1000), rng.uniform(0, 1000)))
    rng.shuffle(pts)
    return [(round(x), round(y)) for x, y in pts]


def demand(rng, kind):
    if kind == "unit":
        return 1
    if kind == "small":
        return rng.randint(1, 10)
    if kind == "wide":
        return rng.randint(1, 100)
    return rng.randint(50, 100) if rng.random() < 0.3 else rng.randint(1, 10)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("sizes", type=int, nargs="+")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i, n in enumerate(args.sizes):
        rng = random.Random(args.seed * 1000 + i)
        placement = rng.choice(["uniform", "clustered", "mixed"])
        depot_at = rng.choice(["centre", "corner", "random"])
        kind = rng.choice(["unit", "small", "wide", "mixed"])
        per_route = rng.choice([5, 8, 12, 16, 20])
        depot = {"centre": (500, 500), "corner": (0, 0)}.get(
            depot_at, (rng.randint(0, 1000), rng.randint(0, 1000)))
        pts = customers(rng, n, placement)
        q = [demand(rng, kind) for _ in range(n)]
        capacity = max(max(q), math.ceil(per_route * sum(q) / n))
        name = f"R-n{n + 1}-s{args.seed}-{i}-{placement}"
        with open(os.path.join(args.out, name + ".vrp"), "w") as f:
            f.write(f"NAME : {name}\n")
            f.write(f"COMMENT : gen_cvrp.py seed {args.seed}, {placement} customers, depot "
                    f"{depot_at}, {kind} demands, about {per_route} per route\n")
            f.write(f"TYPE : CVRP\nDIMENSION : {n + 1}\nEDGE_WEIGHT_TYPE : EUC_2D\n")
            f.write(f"CAPACITY : {capacity}\nNODE_COORD_SECTION\n")
            for k, (x, y) in enumerate([depot] + pts, start=1):
                f.write(f"{k}\t{x}\t{y}\n")
            f.write("DEMAND_SECTION\n")
            for k, d in enumerate([0] + q, start=1):
                f.write(f"{k}\t{d}\n")
            f.write("DEPOT_SECTION\n\t1\n\t-1\nEOF\n")
        print(name)


if __name__ == "__main__":
    main()
