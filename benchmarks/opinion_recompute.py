"""The opinion map's background recompute through the service, from scratch against incremental, on a real Pol.is
conversation (default: the largest in ../shared/data/polis).

    .venv/bin/python benchmarks/opinion_recompute.py [--conversation DIR] [--new-votes 10] [--repeat 5]

Setup (not measured): a fresh SQLite database in a temporary DATA_DIR, the conversation imported with
`import_polis` and its report computed. Then `--new-votes` votes arrive (random participants and statements)
and the report is recomputed as the debounced task does, `opinionmap.services.report_compute`: from scratch
(`full=True`) and incrementally (from the stored state of the computation before the new votes), each
`--repeat` times from the same starting state; best and median seconds (the temporary database is deleted), split into loading the votes and the
math. Also printed: whether the incremental run reached the same groups (ARI) and the PCA iterations it needed.
Single-threaded BLAS unless set otherwise (the matrices are small; threads only contend on 2 shared cores).
Data: Pol.is exports, CC BY 4.0, The Computational Democracy Project.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
POLIS = ROOT.parent / "shared" / "data" / "polis"


def largest_conversation() -> Path:
    folders = [d for d in sorted(POLIS.glob("*")) if (d / "votes.csv").exists()]
    if not folders:
        sys.exit(f"No Pol.is exports under {POLIS}; pass --conversation DIR.")
    return max(folders, key=lambda d: (d / "votes.csv").stat().st_size)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversation", type=Path, default=None)
    parser.add_argument("--new-votes", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    conversation = args.conversation or largest_conversation()
    data_dir = tempfile.mkdtemp(prefix="opinion-recompute-")
    for key in ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"):
        os.environ.pop(key, None)
    os.environ.update(DATA_DIR=data_dir, LOG_LEVEL="WARNING")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _django import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sklearn.metrics import adjusted_rand_score

    from cocreate.opinionmap import services
    from cocreate.opinionmap.importer import import_polis
    from cocreate.opinionmap.models import Moderation, Participant, Report, Statement, Vote

    campaign = import_polis(conversation, slug="recompute-benchmark", compute=False)
    services.report_compute(campaign=campaign, full=True)
    before = Report.objects.get(campaign=campaign).state
    rng = random.Random(1)
    participants = list(Participant.objects.filter(campaign=campaign).values_list("pk", flat=True))
    statements = list(
        Statement.objects.filter(campaign=campaign, moderation=Moderation.SHOWN).values_list("pk", flat=True)
    )
    for _ in range(args.new_votes):
        Vote.objects.update_or_create(
            participant_id=rng.choice(participants),
            statement_id=rng.choice(statements),
            defaults={"value": rng.choice([-1, 0, 1])},
        )

    def run(full: bool):
        Report.objects.filter(campaign=campaign).update(state=before)
        t = time.perf_counter()
        services.vote_matrix(campaign)  # the same load report_compute does first
        load = time.perf_counter() - t
        report = services.report_compute(campaign=campaign, full=full)
        return report, load

    results = {}
    for label, full in (("from scratch", True), ("incremental", False)):
        totals, loads, maths = [], [], []
        report = None
        for _ in range(args.repeat):
            report, load = run(full)
            totals.append(report.seconds)
            loads.append(load)
            maths.append(report.seconds - load)
        results[label] = (report, totals, loads, maths)

    n_votes = results["from scratch"][0].vote_count
    print(
        f"{conversation.name}: {len(participants)} participants, {len(statements)} shown statements, "
        f"{n_votes} votes ({args.new_votes} new since the stored state); best / median of {args.repeat}"
    )
    print(f"{'recompute':14} {'total s':>15} {'load votes s':>15} {'math s':>15}")
    for label, (_report, totals, loads, maths) in results.items():
        cells = [f"{min(v):.3f} / {statistics.median(v):.3f}" for v in (totals, loads, maths)]
        print(f"{label:14} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15}")
    scratch, warm = results["from scratch"][0], results["incremental"][0]
    a = {p["participant"]: p["group"] for p in scratch.data["points"]}
    b = {p["participant"]: p["group"] for p in warm.data["points"]}
    common = [p for p in a if p in b]
    print(
        f"incremental: {warm.data['incremental']}, PCA iterations {warm.state['pca']['iterations']}, groups "
        f"{len(warm.data['groups'])} vs {len(scratch.data['groups'])} from scratch, ARI between the two "
        f"{adjusted_rand_score([a[p] for p in common], [b[p] for p in common]):.3f}"
    )
    shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
