#!/usr/bin/env python3
"""Fits the `consolidate` prize model to the hindsight plan's dispatch choices.

`consolidate` serves an optional order when its insertion costs less than its prize

    prize = round_trip_cost * (base + urgency / days_left) / (1 + density * nearby_daily)

so the fit asks which coefficients make "prize > detour" agree best with what the hindsight
plan did. Each sample (`freightsim policies ... --choices FILE`, see src/simulation/choices.rs)
is an order on a day its window was open but not closing, labelled 1 when the plan served it
that day; `detour` is what serving it that day cost in the plan's routes. The model is a
logistic one on the prize's margin over the detour, in units of the round trip:

    P(served today) = 1 / (1 + exp(-scale * (prize - detour) / round_trip_cost))

with base, urgency, density >= 0 and scale > 0 fitted by maximum likelihood (coordinate
search, golden sections on a log scale). Prints the fit, its agreement with the plan's
choices beside that of the coefficients in force, and the rows for
data/dispatch/prize_model.csv.

Usage:
  freightsim policies data/scenarios/lorient-baseline.toml --rules 48h,72h \\
      --policies immediate,consolidate,hindsight --seeds 2 --first-seed 101 --days 14 \\
      --choices out/choices-101.csv
  python3 scripts/fit_prize.py out/choices-101.csv [--objective cost]
"""
import argparse, csv, math, os, sys

ap = argparse.ArgumentParser()
ap.add_argument("choices", nargs="+")
ap.add_argument("--objective", default="cost")
args = ap.parse_args()

rows = []
for path in args.choices:
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["objective"] != args.objective:
                continue
            rtc = float(r["round_trip_cost"])
            if rtc <= 0:
                continue
            rows.append((
                max(int(r["days_left"]), 1),
                float(r["nearby_daily"]),
                float(r["detour_cost"]) / rtc,
                int(r["served_today"]),
            ))
if not rows:
    sys.exit(f"no samples with objective {args.objective} in {args.choices}")
n = len(rows)
served = sum(r[3] for r in rows)


def margins(p):
    b, u, d, _ = p
    return [(b + u / L) / (1 + d * N) - D for L, N, D, _ in rows]


def loglik(p):
    s = p[3]
    total = 0.0
    for m, (_, _, _, y) in zip(margins(p), rows):
        z = s * m
        # log sigma(z) for y = 1, log sigma(-z) for y = 0, computed stably
        z = z if y else -z
        total += -math.log1p(math.exp(-z)) if z > -30 else z
    return total / n


def agreement(p):
    hits = [(m > 0) == bool(y) for m, (_, _, _, y) in zip(margins(p), rows)]
    pos = [h for h, r in zip(hits, rows) if r[3]]
    neg = [h for h, r in zip(hits, rows) if not r[3]]
    return (sum(hits) / n, sum(pos) / max(len(pos), 1), sum(neg) / max(len(neg), 1))


def golden(f, lo, hi, iters=28):
    """Maximises f on [lo, hi] (f of a log-scale variable)."""
    phi = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    c, d = b - phi * (b - a), a + phi * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(iters):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - phi * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + phi * (b - a)
            fd = f(d)
    return (c, fc) if fc >= fd else (d, fd)


# Coefficients in force, as the starting point and the comparison.
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
current = {}
with open(os.path.join(root, "data/dispatch/prize_model.csv")) as f:
    for r in csv.DictReader(f):
        current[r["parameter"]] = float(r["value"])
names = ["base", "urgency", "density", "scale"]
p = [current["prize_base"], current["prize_urgency"], current["prize_density"], 4.0]
# The scale of the coefficients in force, fitted alone (their likelihood, for comparison).
_, ll_current = golden(lambda x: loglik(p[:3] + [math.exp(x)]), math.log(0.05), math.log(200))
best = loglik(p)
bounds = [(-7, 2.5), (-7, 2.5), (-7, 2.5), (math.log(0.05), math.log(200))]
for round_ in range(60):
    before = best
    for k in range(4):
        def f(x, k=k):
            q = list(p)
            q[k] = math.exp(x)
            return loglik(q)
        x, val = golden(f, *bounds[k])
        # A coefficient at the bottom of its range is taken as 0 when that is no worse.
        if k < 3:
            q = list(p)
            q[k] = 0.0
            if loglik(q) >= val:
                x, val = None, loglik(q)
        if val > best:
            p[k] = 0.0 if x is None else math.exp(x)
            best = val
    print(f"round {round_ + 1}: " + ", ".join(f"{nm} {v:.4g}" for nm, v in zip(names, p))
          + f"; mean log-likelihood {best:.5f}")
    if best - before < 1e-6:
        break

acc, tpr, tnr = agreement(p)
acc0, tpr0, tnr0 = agreement([current["prize_base"], current["prize_urgency"], current["prize_density"], 1.0])
print()
print(f"samples: {n} ({served} served on their day, {100 * served / n:.1f} %) from {', '.join(args.choices)}")
print(f"fitted:     base {p[0]:.3f}, urgency {p[1]:.3f}, density {p[2]:.3f} (scale {p[3]:.2f}); "
      f"mean log-likelihood {best:.4f}; agrees with the plan on {100 * acc:.1f} % "
      f"(served {100 * tpr:.1f} %, deferred {100 * tnr:.1f} %)")
print(f"in force:   base {current['prize_base']}, urgency {current['prize_urgency']}, "
      f"density {current['prize_density']}; mean log-likelihood {ll_current:.4f}; agrees on {100 * acc0:.1f} % "
      f"(served {100 * tpr0:.1f} %, deferred {100 * tnr0:.1f} %)")
print()
print("rows for data/dispatch/prize_model.csv:")
for nm, v in zip(["prize_base", "prize_urgency", "prize_density"], p[:3]):
    print(f"{nm},{v:.3f}")
