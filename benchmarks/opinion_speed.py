"""Opinion-map math speed on synthetic vote matrices. Runs without Django.

    python benchmarks/opinion_speed.py                      # 2,000 x 1,000 and 33,000 x 800 (2M votes)
    python benchmarks/opinion_speed.py --size 5000x400x200000 --repeat 3

Each size is participants x statements x votes. Voters belong to one of three hidden opinion groups; a group
agrees with a statement with its own probability, each voter sees a random subset of statements (so the matrix
is as sparse as a real conversation), one statement in 50 is moderated out. Prints the seconds of
`math.compute` from scratch (best of --repeat) and of one incremental recompute from its state, plus the
seconds to build the matrix from vote triples (what the service does before). Single-threaded BLAS, as
benchmarks/opinion_quality.py.
"""

from __future__ import annotations

import argparse
import os
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from opinion_quality import om  # noqa: E402 (after the thread settings)

np = om.np


def synthetic(n_participants: int, n_statements: int, n_votes: int, seed: int = 0) -> om.VoteMatrix:
    rng = np.random.default_rng(seed)
    group = rng.choice(3, size=n_participants, p=[0.5, 0.3, 0.2])
    agree_p = rng.uniform(0.05, 0.95, size=(3, n_statements))
    per = max(1, min(n_statements, n_votes // n_participants))
    # each participant votes on `per` statements, earlier statements more often (as in a real conversation)
    weights = 1.0 / np.arange(1, n_statements + 1) ** 0.3
    weights /= weights.sum()
    values = np.full((n_participants, n_statements), np.nan)
    for i in range(n_participants):
        cols = rng.choice(n_statements, size=per, replace=False, p=weights)
        p = agree_p[group[i], cols]
        r = rng.random(per)
        values[i, cols] = np.where(r < p * 0.85, 1.0, np.where(r > 1 - (1 - p) * 0.85, -1.0, 0.0))
    statements = list(range(n_statements))
    hidden = statements[::50]
    return om.VoteMatrix(list(range(n_participants)), statements, values, hidden, [])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", action="append", help="PARTICIPANTSxSTATEMENTSxVOTES (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = args.size or ["2000x1000x120000", "33000x800x2000000"]
    print(
        f"{'participants':>12} {'statements':>10} {'votes':>9} {'scratch s':>9} {'incr. s':>8} {'groups':>6} {'build s':>8}"
    )
    for size in sizes:
        n_p, n_s, n_v = (int(v) for v in size.lower().split("x"))
        matrix = synthetic(n_p, n_s, n_v)
        votes = int((~np.isnan(matrix.values)).sum())
        best, report = float("inf"), None
        for _ in range(args.repeat):
            t = time.perf_counter()
            report = om.compute(matrix)
            best = min(best, time.perf_counter() - t)
        assert report is not None
        t = time.perf_counter()
        om.compute(matrix, previous=report.state)
        incr = time.perf_counter() - t
        rows, cols = np.nonzero(~np.isnan(matrix.values))
        triples = list(zip(rows.tolist(), cols.tolist(), matrix.values[rows, cols].tolist(), strict=True))
        t = time.perf_counter()
        om.VoteMatrix.from_votes(triples)
        build = time.perf_counter() - t
        print(f"{n_p:12,d} {n_s:10,d} {votes:9,d} {best:9.3f} {incr:8.3f} {len(report.groups):6d} {build:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
