"""The opinion-map math (after Pol.is), with no Django: a vote matrix in, a report (plain dicts) out.

Pipeline, as Pol.is does it (compdemocracy/polis, math/src/polismath/math/{pca,clusters,repness}.clj):

1. votes: participants x statements, +1 agree, -1 disagree, 0 pass, NaN not seen. Statements hidden by
   moderation are zeroed for everyone before the PCA (as Pol.is) and left out of every statistic.
2. participants "in the conversation": at least ``min_votes`` votes (Pol.is: 7), or all statements when there
   are fewer.
3. PCA: missing votes imputed by the statement's mean vote, columns centred, 2 components (SVD). Each
   participant's projection is scaled by sqrt(n_statements / n_votes) so sparse voters are not pulled to the
   centre (Pol.is's ``sparsity-aware-project-ptpts``).
4. groups: k-means on the 2-d projection into up to 100 base clusters, then weighted k-means on the base
   clusters' centres with k in 2..5 chosen by the silhouette (computed over the participants). Every k-means
   here is deterministic: k-means++ seeding from a fixed random state, several starts, the lowest inertia wins.
5. representative statements per group (Pol.is repness): agree / disagree probability in the group with a
   +1/+2 pseudocount, a one-proportion z test against 1/2 and a two-proportion z test against the other
   groups; significant at 90% (z > 1.2816, one-sided).
6. consensus statements (agreed, or disagreed, by every group) and divisive statements (the groups' agree
   shares differ most), each with the per-group statistics behind it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

Z_90 = 1.2816  # one-sided 90% significance, as Pol.is
MIN_VOTES = 7
MAX_BASE_CLUSTERS = 100
MAX_GROUPS = 5
RANDOM_STATE = 0


@dataclass
class VoteMatrix:
    """Votes as a dense matrix with the ids of its rows and columns."""

    participants: list
    statements: list
    values: np.ndarray  # float, shape (participants, statements), NaN where not voted

    hidden: list = field(default_factory=list)  # statement ids moderated out (columns kept, see compute)

    @classmethod
    def from_votes(cls, votes: Iterable[tuple], *, hidden: Iterable = (), statements: Sequence | None = None):
        """Build from (participant_id, statement_id, vote) triples; a later triple for the same pair wins.
        `statements` fixes the columns (default: as seen in the votes); `hidden` names moderated-out ones."""
        hidden_set = set(hidden)
        cells: dict[tuple, float] = {}
        p_index: dict = {}
        s_index: dict = {}
        if statements is not None:
            for s in statements:
                s_index.setdefault(s, len(s_index))
        for pid, sid, vote in votes:
            if sid not in s_index:
                if statements is not None:
                    continue
                s_index[sid] = len(s_index)
            p_index.setdefault(pid, len(p_index))
            cells[(pid, sid)] = float(np.sign(vote))
        # rows and columns in id order, so the result does not depend on the order the votes arrive in
        p_index = {p: i for i, p in enumerate(sorted(p_index, key=_sort_key))}
        if statements is None:
            s_index = {s: i for i, s in enumerate(sorted(s_index, key=_sort_key))}
        values = np.full((len(p_index), len(s_index)), np.nan)
        for (pid, sid), v in cells.items():
            values[p_index[pid], s_index[sid]] = v
        return cls(list(p_index), list(s_index), values, [s for s in s_index if s in hidden_set])


def _sort_key(value):
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


# ----------------------------------------------------------------------------------------------- k-means


def _kmeans_once(x, w, k, rng, max_iter=100):
    n = len(x)
    # k-means++ seeding (weighted)
    centres = np.empty((k, x.shape[1]))
    p = w / w.sum()
    centres[0] = x[rng.choice(n, p=p)]
    d2 = ((x - centres[0]) ** 2).sum(1)
    for j in range(1, k):
        weights = d2 * w
        total = weights.sum()
        idx = rng.choice(n, p=weights / total) if total > 0 else rng.integers(n)
        centres[j] = x[idx]
        d2 = np.minimum(d2, ((x - centres[j]) ** 2).sum(1))
    labels = np.full(n, -1)
    for _ in range(max_iter):
        dist = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(2)
        new = dist.argmin(1)
        if np.array_equal(new, labels):
            break
        labels = new
        mass = np.bincount(labels, weights=w, minlength=k)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x * w[:, None])
        filled = mass > 0
        centres[filled] = sums[filled] / mass[filled, None]
        if not filled.all():  # empty clusters restart on the farthest points
            far = np.argsort(-dist[np.arange(n), labels])[: int((~filled).sum())]
            centres[~filled] = x[far]
    dist = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(2)
    labels = dist.argmin(1)
    inertia = float((dist[np.arange(n), labels] * w).sum())
    return labels, centres, inertia


def kmeans(x: np.ndarray, k: int, *, weights=None, n_init: int = 10, random_state: int = RANDOM_STATE):
    """Weighted k-means, deterministic for a given random_state. Returns (labels, centres, inertia)."""
    x = np.asarray(x, float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, float)
    k = max(1, min(k, len(x)))
    rng = np.random.default_rng(random_state)
    best = None
    for _ in range(n_init):
        result = _kmeans_once(x, w, k, rng)
        if best is None or result[2] < best[2] - 1e-12:
            best = result
    assert best is not None
    labels, centres, inertia = best
    # relabel so labels are 0..m-1 in order of first appearance (stable output)
    order = {old: new for new, old in enumerate(dict.fromkeys(labels.tolist()))}
    labels = np.array([order[v] for v in labels.tolist()])
    centres = centres[list(order)]
    return labels, centres, inertia


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient (Rousseeuw 1987); 0 when fewer than 2 clusters."""
    uniq = np.unique(labels)
    if len(uniq) < 2 or len(x) <= len(uniq):
        return 0.0
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(2))
    s = np.zeros(len(x))
    for i in range(len(x)):
        own = labels == labels[i]
        if own.sum() <= 1:
            continue
        a = d[i, own].sum() / (own.sum() - 1)
        b = min(d[i, labels == c].mean() for c in uniq if c != labels[i])
        s[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float(s.mean())


# ------------------------------------------------------------------------------------------------- PCA


def pca_project(values: np.ndarray, n_components: int = 2):
    """Pol.is PCA: impute missing votes with the column mean, centre, take `n_components` components by SVD,
    and scale each row's projection by sqrt(n_statements / n_votes). Returns (projection, components, means)."""
    n_p, n_s = values.shape
    seen = ~np.isnan(values)
    counts = seen.sum(0)
    means = np.where(counts > 0, np.nansum(values, 0) / np.maximum(counts, 1), 0.0)
    centred = np.where(seen, values - means, 0.0)
    if n_p == 0 or n_s == 0:
        return np.zeros((n_p, n_components)), np.zeros((n_components, n_s)), means
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = np.zeros((n_components, n_s))
    comps[: min(n_components, len(vt))] = vt[:n_components]
    # a fixed sign so that the map does not flip between recomputations: largest loading positive
    for i in range(len(comps)):
        j = np.abs(comps[i]).argmax()
        if comps[i, j] < 0:
            comps[i] = -comps[i]
    proj = centred @ comps.T
    n_votes = seen.sum(1)
    scale = np.sqrt(n_s / np.maximum(n_votes, 1))
    return proj * scale[:, None], comps, means


# ------------------------------------------------------------------------------------------- clustering


def cluster_groups(proj: np.ndarray, *, max_groups: int = MAX_GROUPS, random_state: int = RANDOM_STATE):
    """Base clusters (<= 100), then groups of base clusters with k in 2..max_groups by silhouette.
    Returns (labels per row, silhouette by k)."""
    n = len(proj)
    if n < 4:
        return np.zeros(n, int), {}
    n_base = min(MAX_BASE_CLUSTERS, len(np.unique(proj.round(9), axis=0)))
    base_labels, base_centres, _ = kmeans(proj, n_base, n_init=3, random_state=random_state)
    base_sizes = np.bincount(base_labels, minlength=len(base_centres)).astype(float)
    keep = base_sizes > 0
    base_centres, base_sizes = base_centres[keep], base_sizes[keep]
    remap = np.cumsum(keep) - 1
    base_labels = remap[base_labels]
    scores: dict[int, float] = {}
    best_labels = np.zeros(n, int)
    best_score = -np.inf
    for k in range(2, min(max_groups, len(base_centres)) + 1):
        g, _, _ = kmeans(base_centres, k, weights=base_sizes, n_init=10, random_state=random_state)
        labels = g[base_labels]
        if len(np.unique(labels)) < k:
            continue
        # Pol.is scores k on the base clusters' centres (not the participants): it is steadier on real
        # conversations, where participant-level silhouettes favour splitting a diffuse majority.
        score = silhouette(base_centres, g)
        scores[k] = round(score, 4)
        if score > best_score + 1e-9:
            best_score, best_labels = score, labels
    return _order_groups(best_labels), scores


def _order_groups(labels: np.ndarray) -> np.ndarray:
    """Group 0 is the largest (ties: first seen), so names (A, B, ...) are stable."""
    uniq, counts = np.unique(labels, return_counts=True)
    first = {u: int(np.argmax(labels == u)) for u in uniq}
    order = sorted(uniq, key=lambda u: (-counts[list(uniq).index(u)], first[u]))
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[v] for v in labels.tolist()], int)


# -------------------------------------------------------------------------------------------- statistics


def prop_test(successes, n):
    """Pol.is one-proportion z against 1/2 with a pseudocount."""
    return 2 * np.sqrt(n + 1) * ((successes + 1) / (n + 2) - 0.5)


def two_prop_test(s1, n1, s2, n2):
    """Two-proportion z test (pooled), with +1/+2 pseudocounts as Pol.is."""
    s1, n1, s2, n2 = s1 + 1, n1 + 2, s2 + 1, n2 + 2
    p1, p2 = s1 / n1, s2 / n2
    pp = (s1 + s2) / (n1 + n2)
    denom = np.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    return np.where(denom > 0, (p1 - p2) / np.where(denom > 0, denom, 1), 0.0)


@dataclass
class Report:
    n_participants: int
    n_statements: int
    n_votes: int
    in_conv: list = field(default_factory=list)
    points: list = field(default_factory=list)  # {participant, x, y, group}
    groups: list = field(default_factory=list)
    consensus: list = field(default_factory=list)
    divisive: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    silhouette: dict = field(default_factory=dict)
    variance_explained: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "n_participants": self.n_participants,
            "n_statements": self.n_statements,
            "n_votes": self.n_votes,
            "n_in_map": len(self.points),
            "points": self.points,
            "groups": self.groups,
            "consensus": self.consensus,
            "divisive": self.divisive,
            "statements": self.statements,
            "silhouette": {str(k): v for k, v in self.silhouette.items()},
            "variance_explained": self.variance_explained,
        }


def group_letter(i: int) -> str:
    return "ABCDEFGHIJ"[i] if i < 10 else str(i + 1)


def _r(v: float, nd: int = 3) -> float:
    v = float(v)
    return round(v, nd) if math.isfinite(v) else 0.0


def compute(
    matrix: VoteMatrix,
    *,
    min_votes: int = MIN_VOTES,
    max_groups: int = MAX_GROUPS,
    reps_per_group: int = 5,
    n_consensus: int = 5,
    n_divisive: int = 5,
    random_state: int = RANDOM_STATE,
) -> Report:
    """The whole pipeline on `matrix`; see the module docstring. Plain, JSON-ready values out."""
    hidden = set(matrix.hidden)
    shown_cols = np.array([s not in hidden for s in matrix.statements], bool)
    values = matrix.values
    n_p = values.shape[0]
    shown_values = values[:, shown_cols]
    n_s = int(shown_cols.sum())
    seen = ~np.isnan(shown_values)
    report = Report(n_participants=n_p, n_statements=n_s, n_votes=int(seen.sum()))
    if n_p == 0 or n_s == 0:
        return report
    threshold = min(min_votes, n_s)
    in_conv = np.flatnonzero(seen.sum(1) >= threshold)
    report.in_conv = [matrix.participants[i] for i in in_conv]
    if len(in_conv) == 0:
        return report
    # As Pol.is: moderated-out columns are zeroed for everyone (they carry no opinion information, but count in
    # the sparsity scaling, which damps the stretch of sparse voters); the statistics leave them out.
    pca_values = values[in_conv].copy()
    pca_values[:, ~shown_cols] = 0.0
    proj, comps, _means = pca_project(pca_values)
    sub = shown_values[in_conv]
    centred = np.where(~np.isnan(pca_values), pca_values - _means, 0.0)
    total_var = float((centred**2).sum())
    if total_var > 0:
        report.variance_explained = [_r(((centred @ c) ** 2).sum() / total_var) for c in comps]
    if total_var <= 1e-12 or len(in_conv) < 4:
        labels = np.zeros(len(in_conv), int)  # no opinion structure (e.g. everyone passed): one group
    else:
        labels, report.silhouette = cluster_groups(proj, max_groups=max_groups, random_state=random_state)
    report.points = [
        {"participant": matrix.participants[i], "x": _r(proj[j, 0], 4), "y": _r(proj[j, 1], 4), "group": int(g)}
        for j, (i, g) in enumerate(zip(in_conv, labels, strict=True))
    ]
    shown_ids = [s for s, keep in zip(matrix.statements, shown_cols, strict=True) if keep]
    _statistics(report, shown_ids, sub, labels, reps_per_group, n_consensus, n_divisive)
    return report


def _statistics(report, sids, sub, labels, reps_per_group, n_consensus, n_divisive):
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    agree = (sub == 1).astype(float)
    disagree = (sub == -1).astype(float)
    seen = (~np.isnan(sub)).astype(float)
    na_all, nd_all, ns_all = agree.sum(0), disagree.sum(0), seen.sum(0)
    per_group = []
    for g in range(n_groups):
        m = labels == g
        na, nd, ns = agree[m].sum(0), disagree[m].sum(0), seen[m].sum(0)
        oa, od, os_ = na_all - na, nd_all - nd, ns_all - ns
        pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
        opa, opd = (oa + 1) / (os_ + 2), (od + 1) / (os_ + 2)
        per_group.append(
            {
                "na": na,
                "nd": nd,
                "ns": ns,
                "pa": pa,
                "pd": pd,
                "pat": prop_test(na, ns),
                "pdt": prop_test(nd, ns),
                "ra": pa / opa,
                "rd": pd / opd,
                "rat": two_prop_test(na, ns, oa, os_),
                "rdt": two_prop_test(nd, ns, od, os_),
            }
        )

    def group_stats(j):
        return [
            {
                "group": g,
                "agree": int(s["na"][j]),
                "disagree": int(s["nd"][j]),
                "seen": int(s["ns"][j]),
                "agree_share": _r(s["na"][j] / s["ns"][j]) if s["ns"][j] else None,
                "disagree_share": _r(s["nd"][j] / s["ns"][j]) if s["ns"][j] else None,
            }
            for g, s in enumerate(per_group)
        ]

    report.statements = [
        {
            "statement": sids[j],
            "agree": int(na_all[j]),
            "disagree": int(nd_all[j]),
            "pass": int(ns_all[j] - na_all[j] - nd_all[j]),
            "groups": group_stats(j),
        }
        for j in range(len(sids))
    ]
    # groups with their representative statements
    for g, s in enumerate(per_group):
        candidates = []
        for j in range(len(sids)):
            if s["ns"][j] < 2:
                continue
            for direction, p, pt, r, rt in (
                ("agree", s["pa"][j], s["pat"][j], s["ra"][j], s["rat"][j]),
                ("disagree", s["pd"][j], s["pdt"][j], s["rd"][j], s["rdt"][j]),
            ):
                if pt > Z_90 and rt > Z_90 and r > 1:
                    candidates.append(
                        {
                            "statement": sids[j],
                            "direction": direction,
                            "probability": _r(p),
                            "probability_z": _r(pt, 2),
                            "representativeness": _r(r),
                            "representativeness_z": _r(rt, 2),
                            "share_in_group": _r((s["na"] if direction == "agree" else s["nd"])[j] / s["ns"][j]),
                            "seen_in_group": int(s["ns"][j]),
                            "significant": True,
                            "_metric": float(r * rt * p * pt),
                        }
                    )
        candidates.sort(key=lambda c: (-c["_metric"], str(c["statement"])))
        chosen, used = [], set()
        for c in candidates:
            if c["statement"] in used:
                continue
            used.add(c["statement"])
            c.pop("_metric")
            chosen.append(c)
            if len(chosen) >= reps_per_group:
                break
        report.groups.append(
            {
                "group": g,
                "label": group_letter(g),
                "size": int((labels == g).sum()),
                "representative": chosen,
            }
        )
    if n_groups == 0:
        return
    # consensus: every group agrees (or disagrees) significantly; ranked by the product of probabilities
    consensus = []
    for j in range(len(sids)):
        if ns_all[j] < 2:
            continue
        for direction, pkey, tkey in (("agree", "pa", "pat"), ("disagree", "pd", "pdt")):
            probs = [s[pkey][j] for s in per_group]
            zs = [s[tkey][j] for s in per_group]
            if all(z > Z_90 for z in zs):
                consensus.append(
                    {
                        "statement": sids[j],
                        "direction": direction,
                        "score": _r(float(np.prod(probs))),
                        "min_probability": _r(min(probs)),
                        "groups": group_stats(j),
                        "significant": True,
                    }
                )
    consensus.sort(key=lambda c: (-c["score"], str(c["statement"])))
    seen_ids, report.consensus = set(), []
    for c in consensus:
        if c["statement"] not in seen_ids:
            seen_ids.add(c["statement"])
            report.consensus.append(c)
        if len(report.consensus) >= n_consensus:
            break
    # divisive: the largest gap in agree share between two groups, significant by a two-proportion test
    if n_groups < 2:
        return
    divisive = []
    for j in range(len(sids)):
        shares = [(s["na"][j] + 1) / (s["ns"][j] + 2) for s in per_group]
        hi, lo = int(np.argmax(shares)), int(np.argmin(shares))
        z = float(
            two_prop_test(
                per_group[hi]["na"][j], per_group[hi]["ns"][j], per_group[lo]["na"][j], per_group[lo]["ns"][j]
            )
        )
        if z > Z_90:
            divisive.append(
                {
                    "statement": sids[j],
                    "most_agree_group": hi,
                    "least_agree_group": lo,
                    "gap": _r(shares[hi] - shares[lo]),
                    "z": _r(z, 2),
                    "groups": group_stats(j),
                    "significant": True,
                }
            )
    divisive.sort(key=lambda d: (-d["gap"], str(d["statement"])))
    report.divisive = divisive[:n_divisive]


def adjusted_rand_index(a: Sequence, b: Sequence) -> float:
    """ARI of two labelings of the same items (Hubert & Arabie 1985)."""
    a_vals, a_idx = np.unique(np.asarray(a), return_inverse=True)
    b_vals, b_idx = np.unique(np.asarray(b), return_inverse=True)
    table = np.zeros((len(a_vals), len(b_vals)))
    np.add.at(table, (a_idx, b_idx), 1)

    def comb2(x):
        return (x * (x - 1) / 2).sum()

    n = len(a)
    sum_ij = comb2(table)
    sum_a, sum_b = comb2(table.sum(1)), comb2(table.sum(0))
    expected = sum_a * sum_b / (n * (n - 1) / 2) if n > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return float((sum_ij - expected) / (maximum - expected))
