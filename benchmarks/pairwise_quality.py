"""How well does the pairwise wiki survey learn a ranking, adaptive versus uniform pair choice?

Synthetic voters: each entry has a hidden true strength θ ~ N(0, spread²); a voter shown (i, j) picks i with the
Bradley–Terry probability σ(θ_i − θ_j) (or the Thurstone probability Φ((θ_i − θ_j)/√2) with --voters thurstone),
and says "I can't decide" with probability --cant-decide (those votes teach the model nothing, as in the app).
Both strategies start from the same entries and the same voters; the adaptive one refits the model every
--batch votes (the app refits on every vote; batching only makes the simulation faster and the test harder).

    python benchmarks/pairwise_quality.py --items 200 --seed 1

prints Kendall's tau (whole ranking) and the top-10 recall at several numbers of votes per entry, and as its last
line the top-10 recall of each strategy at 25 votes per entry with their ratio. No Django needed: this imports
src/cocreate/pairwise/model.py directly.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # small matrices: one thread is fastest
import numpy as np
from scipy.special import ndtr

MODEL_PATH = Path(__file__).resolve().parent.parent / "src" / "cocreate" / "pairwise" / "model.py"


def load_model():
    spec = importlib.util.spec_from_file_location("pairwise_model", MODEL_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["pairwise_model"] = module
    spec.loader.exec_module(module)
    return module


model = load_model()


def simulate(strategy, true, rng, checkpoints, *, batch, cant_decide, voters, top_k):
    """Run one survey; return {votes per entry: (tau, top-k recall)}."""
    n = len(true)
    outcomes: list[tuple[int, int]] = []
    results = {}
    fitted = model.fit(n, [])
    total = max(checkpoints) * n
    votes = 0
    marks = sorted(checkpoints)
    while votes < total:
        size = min(batch, total - votes)
        if strategy == "adaptive":
            pairs = model.select_pairs(fitted, rng, size, top_k=top_k)
        else:
            pairs = [model.uniform_pair(n, rng) for _ in range(size)]
        for i, j in pairs:
            votes += 1
            if rng.random() < cant_decide:
                continue
            d = true[i] - true[j]
            p = ndtr(d / np.sqrt(2.0)) if voters == "thurstone" else 1.0 / (1.0 + np.exp(-d))
            outcomes.append((i, j) if rng.random() < p else (j, i))
        fitted = model.fit(n, outcomes, start=fitted.strengths)
        while marks and votes >= marks[0] * n:
            results[marks.pop(0)] = (
                model.kendall_tau(true, fitted.scores),
                model.top_k_recall(true, fitted.scores, top_k),
            )
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=2, help="independent surveys to average")
    parser.add_argument("--spread", type=float, default=1.25, help="sd of the true log-strengths")
    parser.add_argument("--cant-decide", type=float, default=0.1, help="share of 'I can't decide' answers")
    parser.add_argument("--voters", choices=["bt", "thurstone"], default="bt")
    parser.add_argument("--batch", type=int, default=0, help="votes between refits (default: items / 4)")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--checkpoints", default="2,5,10,15,25", help="votes per entry to report at")
    args = parser.parse_args(argv)

    checkpoints = [int(x) for x in args.checkpoints.split(",")]
    if 25 not in checkpoints:
        checkpoints.append(25)
    batch = args.batch or max(1, args.items // 4)
    started = time.perf_counter()
    totals = {s: {c: np.zeros(2) for c in checkpoints} for s in ("adaptive", "uniform")}
    for run in range(args.runs):
        truth_rng = np.random.default_rng([args.seed, run])
        true = truth_rng.normal(0.0, args.spread, args.items)
        for strategy in ("adaptive", "uniform"):
            rng = np.random.default_rng([args.seed, run, 1])  # the same voter randomness for both
            result = simulate(
                strategy,
                true,
                rng,
                checkpoints,
                batch=batch,
                cant_decide=args.cant_decide,
                voters=args.voters,
                top_k=args.top_k,
            )
            for c, (tau, recall) in result.items():
                totals[strategy][c] += (tau, recall)

    print(
        f"pairwise quality: {args.items} entries, true strengths N(0, {args.spread}²), {args.voters} voters, "
        f"{args.cant_decide:.0%} can't decide, refit every {batch} votes, {args.runs} run(s), seed {args.seed}"
    )
    print(
        f"{'votes/entry':>11} {'votes':>7}  {'tau adaptive':>12} {'tau uniform':>11}  "
        f"{'top-' + str(args.top_k) + ' adaptive':>15} {'top-' + str(args.top_k) + ' uniform':>14}"
    )
    for c in sorted(checkpoints):
        a = totals["adaptive"][c] / args.runs
        u = totals["uniform"][c] / args.runs
        print(f"{c:>11} {c * args.items:>7}  {a[0]:>12.3f} {u[0]:>11.3f}  {a[1]:>15.2f} {u[1]:>14.2f}")
    print(f"({time.perf_counter() - started:.1f} s)")
    a = totals["adaptive"][25] / args.runs
    u = totals["uniform"][25] / args.runs
    ratio = a[1] / u[1] if u[1] else float("inf")
    print(
        f"top-{args.top_k} recall at 25 votes per entry: adaptive {a[1]:.2f} (tau {a[0]:.3f}), "
        f"uniform {u[1]:.2f} (tau {u[0]:.3f}), ratio {ratio:.2f}"
    )
    return ratio


if __name__ == "__main__":
    main()
