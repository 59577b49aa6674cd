"""Why our groups differ from Pol.is's on a conversation: is Pol.is's published grouping a k-means fixed point of
the projection a given variant of the math produces? Runs without Django.

    python benchmarks/opinion_diagnosis.py DIR [--meta 32-42,50]

Groups found by k-means are Voronoi cells of their centres in the 2-d map (Pol.is groups whole base clusters, so
a few points across a boundary are normal). For each variant of the projection this prints how many of the
participants Pol.is grouped lie nearer another Pol.is group's centre than their own ("off"), and the ARI of a
weighted k-means with Pol.is's number of groups on the participants Pol.is grouped. A variant whose "off" count
is near 0 is the projection Pol.is's groups were computed on. Variants:

- imputation: `mean` (missing votes = the statement's mean vote; Pol.is today, and our method) or `zero`
  (missing = 0, as older Pol.is math did);
- who is clustered: `in-conv` (>= 7 votes; Pol.is today, and ours) or `all` participants;
- `--meta`: statement ids to treat as Pol.is *meta* statements (zeroed like moderated-out ones). Pol.is exports
  do not say which statements were meta, so this is a hypothesis to test, never an input to the benchmark.

Data: Pol.is exports, CC BY 4.0, The Computational Democracy Project.
"""

from __future__ import annotations

import argparse
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from opinion_quality import _matrix, om, px  # noqa: E402 (after the thread settings)
from sklearn.metrics import adjusted_rand_score  # noqa: E402


def _ids(text: str) -> set[int]:
    out: set[int] = set()
    for part in filter(None, text.split(",")):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def projection(matrix, meta: set, impute: str):
    np = om.np
    values = matrix.values.copy()
    values[:, [s in set(matrix.hidden) | meta for s in matrix.statements]] = 0.0
    if impute == "mean":
        return om.pca_project(values)[0]
    seen = ~np.isnan(values)
    filled = np.where(seen, values, 0.0)
    centre = filled.mean(0)
    comps = om._pca_exact(filled - centre, 2)
    scale = np.sqrt(values.shape[1] / np.maximum(seen.sum(1), 1))
    return (np.where(seen, values - centre, 0.0) @ comps.T) * scale[:, None]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--meta", default="", help="statement ids to treat as meta, e.g. 32-42,50")
    args = parser.parse_args(argv)
    np = om.np
    export = px.read_export(args.dir)
    matrix = _matrix(export)
    n_votes = (~np.isnan(matrix.values)).sum(1)
    meta = _ids(args.meta)
    print(f"{export.name}: {len(export.groups)} participants grouped by Pol.is in {export.n_groups} groups")
    print(f"{'imputation':10} {'clustered':9} {'meta':>4} {'off':>4} {'of':>4} {'ARI k-means':>11}")
    for impute in ("mean", "zero"):
        proj = projection(matrix, meta, impute)
        for who in ("in-conv", "all"):
            rows = [
                i
                for i, p in enumerate(matrix.participants)
                if p in export.groups and (who == "all" or n_votes[i] >= min(7, matrix.values.shape[1]))
            ]
            x = proj[rows]
            truth = np.array([export.groups[matrix.participants[i]] for i in rows])
            ids = sorted(set(truth.tolist()))
            centres = np.array([x[truth == g].mean(0) for g in ids])
            nearest = np.array(ids)[om._sqdist(x, centres).argmin(1)]
            labels, _c, _i = om.kmeans(x, len(ids), n_init=20)
            ari = adjusted_rand_score(truth, labels)
            print(f"{impute:10} {who:9} {len(meta):4d} {int((nearest != truth).sum()):4d} {len(rows):4d} {ari:11.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
