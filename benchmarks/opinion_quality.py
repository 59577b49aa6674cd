"""Opinion-map quality against Pol.is's own groups, on real Pol.is exports. Runs without Django.

    python benchmarks/opinion_quality.py DIR [DIR ...] [--red-dwarf]

One row a conversation: adjusted Rand index (ARI) between our groups and Pol.is's over the participants Pol.is
grouped, groups found vs Pol.is's, seconds; then the median ARI and the share of conversations whose group
counts agree. With --red-dwarf (when the `reddwarf` package is importable) the same for red-dwarf's Pol.is
re-implementation, side by side. Data: Pol.is exports, CC BY 4.0, The Computational Democracy Project.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

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
px = _load("opinionmap_polis_export", APP / "polis_export.py")


def ours(export):
    matrix = om.VoteMatrix.from_votes(export.latest_votes(), hidden=export.hidden, statements=export.voted_statements())
    t = time.perf_counter()
    report = om.compute(matrix)
    seconds = time.perf_counter() - t
    return {p["participant"]: p["group"] for p in report.points}, len(report.groups), seconds


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
    ari = om.adjusted_rand_index([reference[p] for p in common], [labels[p] for p in common])
    # participants Pol.is grouped that we left out of the map count as a group of their own
    missing = [p for p in reference if p not in labels]
    if missing:
        allp = list(reference)
        ari = om.adjusted_rand_index([reference[p] for p in allp], [labels.get(p, -1) for p in allp])
    return ari


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--red-dwarf", action="store_true", help="also run red-dwarf when it is importable")
    args = parser.parse_args(argv)
    use_rd = args.red_dwarf and importlib.util.find_spec("reddwarf") is not None
    if args.red_dwarf and not use_rd:
        print("# red-dwarf is not importable here: comparing ours only", file=sys.stderr)
    header = f"{'conversation':32} {'ARI':>6} {'groups':>7} {'polis':>5} {'seconds':>8}"
    if use_rd:
        header += f" {'rd ARI':>7} {'rd grp':>6} {'rd s':>6} {'ours~rd':>7}"
    print(header)
    aris, agree, rd_aris = [], [], []
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
            row += f" {rd_ari:7.3f} {rd_n:6d} {rd_s:6.2f} {score(rd_labels, labels):7.3f}"
        print(row)
    line = f"median ARI {statistics.median(aris):.3f}; group counts agree in {sum(agree)}/{len(agree)} conversations"
    if use_rd:
        line += f"; red-dwarf median ARI {statistics.median(rd_aris):.3f}"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
