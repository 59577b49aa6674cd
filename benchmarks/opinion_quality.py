"""Opinion-map quality against Pol.is's own groups, on real Pol.is exports. Runs without Django.

    python benchmarks/opinion_quality.py DIR [DIR ...] [--red-dwarf] [--incremental] [--replay SECONDS]

One row a conversation: adjusted Rand index (ARI) between our groups and Pol.is's over the participants Pol.is
grouped, groups found vs Pol.is's, seconds; then the median ARI and the share of conversations whose group
counts agree. With --red-dwarf (when the `reddwarf` package is importable) the same for red-dwarf's Pol.is
re-implementation, side by side.

Exports without votes.csv (some published ones) are read from participants-votes.csv (latest votes, no times).
Red-dwarf comes with the `bench` dependency group (`make bench`, or `uv sync --group bench`):

    .venv/bin/python -W ignore benchmarks/opinion_quality.py ../shared/data/polis/*/ --red-dwarf

--incremental: also time a recompute from scratch against an incremental one (warm-started from the report of
the conversation without its last 1% of votes, as the product's debounced background recompute does), with
the ARI between the two results and the incremental result's ARI against Pol.is.

--replay SECONDS: replay each conversation's votes in time order through the product's recompute policy (a
recompute every SECONDS of conversation time, incremental from the previous state, from scratch when
math.needs_full_recompute says so; the k-smoother and the participants in
the conversation carry over either way) and report the final groups' ARI against Pol.is and the time spent.

Data: Pol.is exports, CC BY 4.0, The Computational Democracy Project.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

# The matrices are small: on a shared 2-core machine BLAS threads only contend (5-10x slower under load), so the
# timings are measured single-threaded unless the caller says otherwise.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
APP = HERE.parent / "src" / "cocreate" / "opinionmap"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


om = _load("opinionmap_math", APP / "math.py")
from sklearn.metrics import adjusted_rand_score  # noqa: E402 (after the thread settings, as om)

px = _load("opinionmap_polis_export", APP / "polis_export.py")


def _matrix(export, votes=None):
    """The vote matrix of `votes` ((timestamp, voter, comment, vote), default all), the latest vote counting."""
    latest: dict = {}
    for _ts, voter, cid, vote in sorted(export.votes if votes is None else votes):
        latest[(voter, cid)] = vote
    return om.VoteMatrix.from_votes([(v, c, x) for (v, c), x in latest.items()], hidden=export.hidden)


def _labels(report) -> dict:
    return {p["participant"]: p["group"] for p in report.points}


def ours(export):
    matrix = _matrix(export)
    t = time.perf_counter()
    report = om.compute(matrix)
    seconds = time.perf_counter() - t
    return _labels(report), len(report.groups), seconds


def _best_time(fn, repeat=5):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return result, min(times)


def incremental(export):
    """(scratch seconds, incremental seconds, ARI incremental~scratch, incremental report) on all votes, the
    incremental run starting from the report of all but the last 1% of votes (at least one)."""
    votes = sorted(export.votes)
    cut = len(votes) - max(1, len(votes) // 100)
    before = om.compute(_matrix(export, votes[:cut]))
    matrix = _matrix(export)
    scratch, t_scratch = _best_time(lambda: om.compute(matrix))
    warm, t_warm = _best_time(lambda: om.compute(matrix, previous=before.state))
    a, b = _labels(scratch), _labels(warm)
    common = [p for p in a if p in b]
    agreement = adjusted_rand_score([a[p] for p in common], [b[p] for p in common])
    return t_scratch, t_warm, agreement, warm


def replay(export, seconds: float):
    """Replay the votes in time order with a recompute every `seconds` of conversation time, incremental unless
    math.needs_full_recompute. Returns (final report, number of recomputes, how many from scratch, total s)."""
    votes = sorted(export.votes)
    state, report = None, None
    n_full = n_updates = 0
    spent = 0.0
    i = 0
    while i < len(votes):
        end = votes[i][0] + seconds * 1000
        while i < len(votes) and votes[i][0] <= end:
            i += 1
        matrix = _matrix(export, votes[:i])
        n_votes = int((matrix.values == matrix.values).sum())  # NaN != NaN: the votes cast
        full = om.needs_full_recompute(state, n_votes)
        t = time.perf_counter()
        report = om.compute(matrix, previous=state, warm_start=not full)
        spent += time.perf_counter() - t
        state = report.state
        n_updates += 1
        n_full += int(full)
    return report, n_updates, n_full, spent


def red_dwarf(export):
    """red-dwarf's Pol.is pipeline (reddwarf.implementations.polis), if installed."""
    import pandas as pd
    from reddwarf.implementations import polis

    latest = {}
    for ts, v, c, x in sorted(export.votes):
        latest[(v, c)] = {"participant_id": v, "statement_id": c, "vote": x, "timestamp": ts}
    votes = list(latest.values())
    mod_out = sorted(export.hidden)
    t = time.perf_counter()
    result = polis.run_pipeline(votes=votes, mod_out_statement_ids=mod_out, random_state=0)
    seconds = time.perf_counter() - t
    labels = {}
    proj = result.participants_df if hasattr(result, "participants_df") else None
    if proj is not None and "cluster_id" in proj.columns:
        for pid, cid in proj["cluster_id"].items():
            if pd.notna(cid):
                labels[int(pid)] = int(cid)
    n = len(set(labels.values()))
    return labels, n, seconds


def score(reference: dict, labels: dict) -> float:
    common = [p for p in reference if p in labels]
    if len(common) < 2:
        return float("nan")
    ari = adjusted_rand_score([reference[p] for p in common], [labels[p] for p in common])
    # participants Pol.is grouped that we left out of the map count as a group of their own
    missing = [p for p in reference if p not in labels]
    if missing:
        allp = list(reference)
        ari = adjusted_rand_score([reference[p] for p in allp], [labels.get(p, -1) for p in allp])
    return ari


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--red-dwarf", action="store_true", help="also run red-dwarf when it is importable")
    parser.add_argument("--incremental", action="store_true", help="also time incremental against from scratch")
    parser.add_argument("--replay", type=float, metavar="SECONDS", help="replay the votes, recompute every SECONDS")
    args = parser.parse_args(argv)
    # A shell glob like polis/* also catches the folder's README: only export folders are conversations.
    args.dirs = [d for d in args.dirs if d.is_dir()]
    if not args.dirs:
        parser.error("no export folder among the arguments")
    use_rd = args.red_dwarf and importlib.util.find_spec("reddwarf") is not None
    if args.red_dwarf and not use_rd:
        print("# red-dwarf is not importable here: comparing ours only", file=sys.stderr)
    header = f"{'conversation':32} {'ARI':>6} {'groups':>7} {'polis':>5} {'seconds':>8}"
    if use_rd:
        header += f" {'rd ARI':>7} {'rd grp':>6} {'rd s':>6} {'ours~rd':>7}"
    print(header)
    aris, agree, rd_aris, rd_agree = [], [], [], []
    for d in args.dirs:
        export = px.read_export(d)
        labels, n_groups, seconds = ours(export)
        ari = score(export.groups, labels)
        aris.append(ari)
        agree.append(n_groups == export.n_groups)
        row = f"{export.name[:32]:32} {ari:6.3f} {n_groups:7d} {export.n_groups:5d} {seconds:8.3f}"
        if use_rd:
            rd_labels, rd_n, rd_s = red_dwarf(export)
            rd_ari = score(export.groups, rd_labels)
            rd_aris.append(rd_ari)
            rd_agree.append(rd_n == export.n_groups)
            row += f" {rd_ari:7.3f} {rd_n:6d} {rd_s:6.2f} {score(rd_labels, labels):7.3f}"
        print(row)
    line = f"median ARI {statistics.median(aris):.3f}; group counts agree in {sum(agree)}/{len(agree)} conversations"
    if use_rd:
        line += (
            f"; red-dwarf median ARI {statistics.median(rd_aris):.3f}, group counts agree in "
            f"{sum(rd_agree)}/{len(rd_agree)}"
        )
    print(line)
    if args.incremental:
        print()
        print(
            f"{'conversation':32} {'scratch s':>9} {'incr. s':>8} {'speed-up':>8} {'incr~scratch':>12} {'incr ARI':>8}"
        )
        for d in args.dirs:
            export = px.read_export(d)
            t_scratch, t_warm, agreement, warm = incremental(export)
            ari = score(export.groups, _labels(warm))
            print(
                f"{export.name[:32]:32} {t_scratch:9.3f} {t_warm:8.3f} {t_scratch / t_warm:7.1f}x "
                f"{agreement:12.3f} {ari:8.3f}"
            )
    if args.replay:
        print()
        print(f"{'conversation':32} {'ARI':>6} {'groups':>6} {'polis':>5} {'updates':>7} {'scratch':>7} {'s total':>8}")
        for d in args.dirs:
            export = px.read_export(d)
            report, n_updates, n_full, spent = replay(export, args.replay)
            ari = score(export.groups, _labels(report))
            print(
                f"{export.name[:32]:32} {ari:6.3f} {len(report.groups):6d} {export.n_groups:5d} {n_updates:7d} "
                f"{n_full:7d} {spent:8.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
