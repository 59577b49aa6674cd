"""The opinion-map math (after Pol.is), with no Django: a vote matrix in, a report (plain dicts) out.

Pipeline, as Pol.is does it (compdemocracy/polis, math/src/polismath/math/{conversation,pca,clusters,repness}.clj):

1. votes: participants x statements, +1 agree, -1 disagree, 0 pass, NaN not seen; the columns are the statements
   that have votes. Statements moderated out and *meta* statements (about the participant, e.g. "I live in a
   town": Pol.is's ``is_meta``) are zeroed for everyone before the PCA, exactly as Pol.is's ``mod-out``: they
   carry no opinion information but still count in the sparsity scaling. They are left out of every group
   statistic (meta statements keep their per-group breakdown in ``statements``).
2. PCA of every participant's votes (Pol.is fits on the whole rating matrix, not only on those clustered):
   missing votes imputed by the statement's mean vote, 2 components. From scratch by an exact eigendecomposition;
   incrementally by orthogonal (power) iteration started from the previous components, as Pol.is warm-starts
   its power iteration. The orientation follows the previous components (else: largest loading positive), so
   the map does not flip between recomputations.
3. Projection scaled by sqrt(n_statements / n_votes) (Pol.is ``sparsity-aware-project-ptpts``), so sparse
   voters are not pulled to the centre.
4. Participants "in the conversation" (clustered): at least min(``min_votes``, n_statements) votes; fewer than
   15 in: the most active are added (Pol.is greedy backfill); once in, a participant stays in (incremental).
5. Base clusters: k-means on the 2-d projection, k = min(100, distinct points). Groups: weighted k-means on the
   base clusters' centres for k in 2..min(5, 2 + n_base // 12) (Pol.is ``max-k-fn``), k chosen by the silhouette
   of the base centres; incrementally a new k must win ``GROUP_K_BUFFER`` (4) recomputations in a row before
   the number of groups changes (Pol.is ``group-k-smoother``). From scratch every k-means is deterministic
   (k-means++ seeding from a fixed random state, several starts, the lowest inertia wins); incrementally it
   starts from the previous base clusters' members and the previous groups (Pol.is ``clean-start-clusters``).
6. Representative statements per group (Pol.is repness): agree / disagree probability in the group with a
   +1/+2 pseudocount, a one-proportion z test against 1/2 and a two-proportion z test against the other
   groups; significant at 90% (z > 1.2816, one-sided).
7. Consensus statements (agreed, or disagreed, by every group) and divisive statements (the groups' agree
   shares differ most), each with the per-group statistics behind it.

``compute(matrix, previous=state)`` returns the report and, in ``report.state``, what the next incremental
recompute starts from (JSON-ready).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.metrics import silhouette_score

Z_90 = 1.2816  # one-sided 90% significance, as Pol.is
MIN_VOTES = 7
GREEDY_IN_CONV = 15  # Pol.is: with fewer participants in the conversation, the most active are added
MAX_BASE_CLUSTERS = 100
MAX_GROUPS = 5
GROUP_K_BUFFER = 4  # Pol.is group-k-buffer: a new number of groups must win this many recomputations in a row
RANDOM_STATE = 0
STATE_VERSION = 2


@dataclass
class VoteMatrix:
    """Votes as a dense matrix with the ids of its rows and columns."""

    participants: list
    statements: list
    values: np.ndarray  # float, shape (participants, statements), NaN where not voted

    hidden: list = field(default_factory=list)  # statement ids moderated out (columns kept, zeroed)
    meta: list = field(default_factory=list)  # statement ids about the participant (zeroed, no repness)

    @classmethod
    def from_votes(
        cls,
        votes: Iterable[tuple],
        *,
        hidden: Iterable = (),
        meta: Iterable = (),
        statements: Sequence | None = None,
    ):
        """Build from (participant_id, statement_id, vote) triples; a later triple for the same pair wins.
        `statements` fixes the columns (default: the statements that have votes, as Pol.is); `hidden` names
        moderated-out ones, `meta` the statements about the participant rather than opinions."""
        hidden_set, meta_set = set(hidden), set(meta)
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
        return cls(
            list(p_index),
            list(s_index),
            values,
            [s for s in s_index if s in hidden_set],
            [s for s in s_index if s in meta_set and s not in hidden_set],
        )


def _sort_key(value):
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


# ----------------------------------------------------------------------------------------------- k-means


def _sqdist(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    return ((x[:, None, :] - centres[None, :, :]) ** 2).sum(2)


def _lloyd(x, w, centres, max_iter=100):
    """Weighted Lloyd iterations from `centres` (k rows, float). An emptied cluster restarts on the point
    farthest from its centre, so k is kept. Returns (labels, centres, inertia, iterations)."""
    centres = np.array(centres, float)
    n, k = len(x), len(centres)
    labels = np.full(n, -1)
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 (the count is returned)
        dist = _sqdist(x, centres)
        new = dist.argmin(1)
        if np.array_equal(new, labels):
            break
        labels = new
        mass = np.bincount(labels, weights=w, minlength=k)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x * w[:, None])
        filled = mass > 0
        centres[filled] = sums[filled] / mass[filled, None]
        if not filled.all():
            far = np.argsort(-dist[np.arange(n), labels])[: int((~filled).sum())]
            centres[~filled] = x[far]
    dist = _sqdist(x, centres)
    labels = dist.argmin(1)
    inertia = float((dist[np.arange(n), labels] * w).sum())
    return labels, centres, inertia, iterations


def _kmeanspp(x, w, k, rng):
    n = len(x)
    centres = np.empty((k, x.shape[1]))
    centres[0] = x[rng.choice(n, p=w / w.sum())]
    d2 = ((x - centres[0]) ** 2).sum(1)
    for j in range(1, k):
        weights = d2 * w
        total = weights.sum()
        idx = rng.choice(n, p=weights / total) if total > 0 else rng.integers(n)
        centres[j] = x[idx]
        d2 = np.minimum(d2, ((x - centres[j]) ** 2).sum(1))
    return centres


def kmeans(x: np.ndarray, k: int, *, weights=None, n_init: int = 10, random_state: int = RANDOM_STATE):
    """Weighted k-means, deterministic for a given random_state: k-means++ seeding, `n_init` starts, the lowest
    inertia wins. Returns (labels, centres, inertia) with labels 0..m-1 in order of first appearance."""
    x = np.asarray(x, float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, float)
    k = max(1, min(k, len(x)))
    rng = np.random.default_rng(random_state)
    best = None
    for _ in range(n_init):
        labels, centres, inertia, _it = _lloyd(x, w, _kmeanspp(x, w, k, rng))
        if best is None or inertia < best[2] - 1e-12:
            best = (labels, centres, inertia)
    assert best is not None
    labels, centres, inertia = best
    order = {old: new for new, old in enumerate(dict.fromkeys(labels.tolist()))}
    labels = np.array([order[v] for v in labels.tolist()])
    centres = centres[list(order)]
    return labels, centres, inertia


def kmeans_warm(x: np.ndarray, k: int, previous_labels: np.ndarray, *, weights=None):
    """Pol.is ``clean-start-clusters`` then Lloyd: each previous cluster restarts at the (weighted) mean of its
    members' current positions (`previous_labels`, -1 for rows new since then); clusters left without members
    are dropped; while fewer than k (and fewer than the distinct points), the point farthest from every centre
    starts a cluster of its own. Returns (labels, centres, inertia, iterations, origin) where origin[j] is the
    previous label cluster j started from (-1: a new cluster)."""
    x = np.asarray(x, float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, float)
    previous_labels = np.asarray(previous_labels, int)
    k = min(k, len(np.unique(x.round(12), axis=0)))
    origin = sorted(set(previous_labels.tolist()) - {-1})[:k]
    centres = [np.average(x[previous_labels == c], axis=0, weights=w[previous_labels == c]) for c in origin]
    centres_arr = np.array(centres, float).reshape(-1, x.shape[1])
    if len(centres_arr) == 0:
        centres_arr, origin = x[:1].copy(), [-1]
    while len(centres_arr) < k:
        nearest = _sqdist(x, centres_arr).min(1)
        far = int(nearest.argmax())
        if nearest[far] <= 0:
            break
        centres_arr = np.vstack([centres_arr, x[far]])
        origin.append(-1)
    return (*_lloyd(x, w, centres_arr), origin)


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient (scikit-learn's); 0 when there are fewer than 2 clusters or no point to spare
    (a singleton's member scores 0, as in Pol.is and scikit-learn)."""
    if len(np.unique(labels)) < 2 or len(x) <= len(np.unique(labels)):
        return 0.0
    return float(silhouette_score(x, labels))


# ------------------------------------------------------------------------------------------------- PCA


def _orient(comps: np.ndarray, reference: np.ndarray | None) -> np.ndarray:
    """A fixed sign for each component, so that the map does not flip between recomputations: the sign that
    agrees with the previous component when there is one, else the one making the largest loading positive."""
    comps = comps.copy()
    for i in range(len(comps)):
        if reference is not None and i < len(reference) and np.any(reference[i]):
            flip = float(comps[i] @ reference[i]) < 0
        else:
            j = np.abs(comps[i]).argmax()
            flip = comps[i, j] < 0
        if flip:
            comps[i] = -comps[i]
    return comps


def _pca_exact(centred: np.ndarray, n_components: int) -> np.ndarray:
    n_p, n_s = centred.shape
    if n_s <= n_p:
        evals, evecs = np.linalg.eigh(centred.T @ centred)
        order = np.argsort(-evals)[:n_components]
        return evecs[:, order].T
    evals, evecs = np.linalg.eigh(centred @ centred.T)  # fewer rows than columns: the dual problem
    order = np.argsort(-evals)[:n_components]
    comps = (centred.T @ evecs[:, order]).T
    norms = np.linalg.norm(comps, axis=1, keepdims=True)
    return comps / np.where(norms > 0, norms, 1)


def _pca_warm(centred: np.ndarray, start: np.ndarray, *, tol: float = 1e-9, max_iter: int = 100):
    """Orthogonal (block power) iteration from `start` (components x statements), then Rayleigh-Ritz, as Pol.is
    warm-starts its power iteration from the previous components. Returns (components, iterations) or
    (None, iterations) when it has not converged."""
    basis, _r = np.linalg.qr(start.T)
    for it in range(1, max_iter + 1):
        nxt, _r = np.linalg.qr(centred.T @ (centred @ basis))
        # subspace change: 1 - smallest cosine of the principal angles
        change = 1.0 - float(np.linalg.svd(basis.T @ nxt, compute_uv=False).min())
        basis = nxt
        if change < tol:
            small = basis.T @ (centred.T @ (centred @ basis))
            evals, evecs = np.linalg.eigh(small)
            order = np.argsort(-evals)
            return (basis @ evecs[:, order]).T, it
    return None, max_iter


def pca_project(values: np.ndarray, n_components: int = 2, *, start: np.ndarray | None = None):
    """Pol.is PCA: impute missing votes with the column mean, centre, take `n_components` components, and scale
    each row's projection by sqrt(n_statements / n_votes). `start` (components x statements, e.g. the previous
    ones) warm-starts an orthogonal iteration; without it, or when it does not converge, the components are
    exact. Returns (projection, components, means, info) with info = {"warm": bool, "iterations": int}."""
    n_p, n_s = values.shape
    seen = ~np.isnan(values)
    counts = seen.sum(0)
    means = np.where(counts > 0, np.nansum(values, 0) / np.maximum(counts, 1), 0.0)
    centred = np.where(seen, values - means, 0.0)  # the imputed matrix minus its column means
    info: dict[str, Any] = {"warm": False, "iterations": 0}
    comps = np.zeros((n_components, n_s))
    if n_p == 0 or n_s == 0:
        return np.zeros((n_p, n_components)), comps, means, info
    found = None
    m = min(n_components, n_p, n_s)
    if start is not None and start.shape == (n_components, n_s) and np.linalg.matrix_rank(start[:m]) == m:
        found, info["iterations"] = _pca_warm(centred, start[:m])
        info["warm"] = found is not None
    if found is None:
        found = _pca_exact(centred, m)
    comps[:m] = found
    comps = _orient(comps, start)
    proj = centred @ comps.T
    n_votes = seen.sum(1)
    scale = np.sqrt(n_s / np.maximum(n_votes, 1))
    return proj * scale[:, None], comps, means, info


# ------------------------------------------------------------------------------------------- clustering


def max_groups_for(n_base: int, max_groups: int = MAX_GROUPS) -> int:
    """Pol.is ``max-k-fn``: few base clusters cannot support many groups."""
    return min(max_groups, 2 + n_base // 12)


def cluster_groups(
    proj: np.ndarray,
    *,
    max_groups: int = MAX_GROUPS,
    random_state: int = RANDOM_STATE,
    previous: dict | None = None,
):
    """Base clusters (<= 100), then groups of base clusters with k in 2..max_k by the silhouette of the base
    centres. `previous` ({"base": labels per row (-1 new), "groups": {k: labels per previous base cluster},
    "smoother": {...}}) warm-starts every k-means and applies the k-smoother. Returns
    (labels per row, silhouette by k, state) where state has the same shape as `previous`."""
    n = len(proj)
    if n < 4:
        return np.zeros(n, int), {}, {}
    n_base = min(MAX_BASE_CLUSTERS, len(np.unique(proj.round(9), axis=0)))
    prev_base = None if previous is None else previous.get("base")
    warm = prev_base is not None and (np.asarray(prev_base) >= 0).any()
    if warm:
        base_labels, base_centres, _inertia, _it, origin = kmeans_warm(proj, n_base, prev_base)
    else:
        base_labels, base_centres, _inertia = kmeans(proj, n_base, n_init=3, random_state=random_state)
        origin = [-1] * len(base_centres)
    base_sizes = np.bincount(base_labels, minlength=len(base_centres)).astype(float)
    keep = base_sizes > 0
    came_from = [origin[i] for i in np.flatnonzero(keep)]  # the previous base cluster each one continues
    base_centres, base_sizes = base_centres[keep], base_sizes[keep]
    remap = np.cumsum(keep) - 1
    base_labels = remap[base_labels]
    prev_groups = {} if previous is None else {int(k): v for k, v in (previous.get("groups") or {}).items()}
    scores: dict[int, float] = {}
    clusterings: dict[int, np.ndarray] = {}
    for k in range(2, min(max_groups_for(len(base_centres), max_groups), len(base_centres)) + 1):
        prev = prev_groups.get(k)
        if warm and prev is not None:
            # each base cluster starts in the group its previous self was in; new base clusters: -1
            seed = np.array([prev[i] if 0 <= i < len(prev) else -1 for i in came_from])
            g, _c, _i, _it, _o = kmeans_warm(base_centres, k, seed, weights=base_sizes)
        else:
            g, _c, _i = kmeans(base_centres, k, weights=base_sizes, n_init=10, random_state=random_state)
        if len(np.unique(g)) < k:
            continue
        clusterings[k] = g
        # Pol.is scores k on the base clusters' centres (not the participants): it is steadier on real
        # conversations, where participant-level silhouettes favour splitting a diffuse majority.
        scores[k] = round(silhouette(base_centres, g), 4)
    state: dict[str, Any] = {"base": base_labels.tolist()}
    if not clusterings:
        return np.zeros(n, int), scores, state
    best_k = max(scores, key=lambda k: (scores[k], -k))
    smoother = (previous or {}).get("smoother") or {}
    count = smoother.get("count", 0) + 1 if smoother.get("last_k") == best_k else 1
    chosen = best_k if count >= GROUP_K_BUFFER else smoother.get("k", best_k)
    if chosen not in clusterings:
        chosen = best_k
    state["groups"] = {str(k): g.tolist() for k, g in clusterings.items()}
    state["smoother"] = {"last_k": best_k, "count": count, "k": chosen}
    return clusterings[chosen][base_labels], scores, state


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
    state: dict = field(default_factory=dict)  # for the next incremental recompute (not part of as_dict)
    incremental: bool = False

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
            "incremental": self.incremental,
        }


def group_letter(i: int) -> str:
    return "ABCDEFGHIJ"[i] if i < 10 else str(i + 1)


def _r(v: float, nd: int = 3) -> float:
    v = float(v)
    return round(v, nd) if math.isfinite(v) else 0.0


def in_conversation(n_votes: np.ndarray, n_statements: int, *, min_votes: int = MIN_VOTES, sticky=None) -> np.ndarray:
    """Pol.is's participants "in the conversation": at least min(min_votes, n_statements) votes; when fewer than
    15 are in, the most active others are added; `sticky` (a boolean per row) keeps earlier ones in."""
    n_votes = np.asarray(n_votes)
    mask = n_votes >= min(min_votes, n_statements)
    if sticky is not None:
        mask |= np.asarray(sticky, bool)
    if mask.sum() < GREEDY_IN_CONV:
        voted = np.flatnonzero(~mask & (n_votes > 0))
        extra = voted[np.argsort(-n_votes[voted], kind="stable")][: GREEDY_IN_CONV - int(mask.sum())]
        mask[extra] = True
    return mask & (n_votes > 0)


FULL_RECOMPUTE_GROWTH = 1.5  # recompute from scratch once the votes have grown by half since the last time


def needs_full_recompute(previous: dict | None, n_votes: int) -> bool:
    """Whether a recompute should start from scratch rather than from `previous` (an earlier report's state):
    when there is none, when it is from another version of this module, or when the votes have grown by
    ``FULL_RECOMPUTE_GROWTH`` since the last from-scratch computation (so warm starts cannot drift for long)."""
    if not previous or previous.get("version") != STATE_VERSION:
        return True
    return n_votes >= FULL_RECOMPUTE_GROWTH * max(int(previous.get("full_votes", 0)), 1)


def compute(
    matrix: VoteMatrix,
    *,
    min_votes: int = MIN_VOTES,
    max_groups: int = MAX_GROUPS,
    reps_per_group: int = 5,
    n_consensus: int = 5,
    n_divisive: int = 5,
    random_state: int = RANDOM_STATE,
    previous: dict | None = None,
    warm_start: bool = True,
) -> Report:
    """The whole pipeline on `matrix`; see the module docstring. Plain, JSON-ready values out. `previous` is the
    `state` of an earlier report: participants in the conversation stay in and the number of groups follows the
    k-smoother; with `warm_start` the PCA and every k-means also start from it instead of from scratch."""
    if previous is not None and previous.get("version") != STATE_VERSION:
        previous = None
    warm = previous if warm_start else None
    hidden, meta = set(matrix.hidden), set(matrix.meta)
    shown_cols = np.array([s not in hidden for s in matrix.statements], bool)
    opinion_cols = np.array([s not in hidden and s not in meta for s in matrix.statements], bool)
    values = matrix.values
    n_p = values.shape[0]
    shown_values = values[:, shown_cols]
    n_s = int(shown_cols.sum())
    seen = ~np.isnan(shown_values)
    report = Report(n_participants=n_p, n_statements=n_s, n_votes=int(seen.sum()), incremental=warm is not None)
    if n_p == 0 or n_s == 0:
        return report
    # As Pol.is: moderated-out and meta columns are zeroed for everyone (they carry no opinion information, but
    # count in the sparsity scaling, which damps the stretch of sparse voters); the statistics leave them out.
    pca_values = values.copy()
    pca_values[:, ~opinion_cols] = 0.0
    start = None
    if warm is not None:
        by_id = dict(zip(warm.get("statements", []), np.asarray(warm.get("components", [])).T, strict=False))
        if by_id:
            start = np.array([by_id.get(s, np.zeros(2)) for s in matrix.statements]).T
    voted = seen.sum(1) > 0
    proj, comps, means, pca_info = pca_project(pca_values, start=start)
    sticky = None
    if previous is not None:
        was_in = set(previous.get("in_conv", []))
        sticky = np.array([p in was_in for p in matrix.participants])
    in_mask = in_conversation(seen.sum(1), n_s, min_votes=min_votes, sticky=sticky) & voted
    in_conv = np.flatnonzero(in_mask)
    report.in_conv = [matrix.participants[i] for i in in_conv]
    report.state = {
        "version": STATE_VERSION,
        "statements": list(matrix.statements),
        "components": comps.round(12).tolist(),
        "in_conv": report.in_conv,
        "pca": pca_info,
        "full_votes": report.n_votes if warm is None else int(warm.get("full_votes", report.n_votes)),
    }
    if len(in_conv) == 0:
        return report
    centred = np.where(~np.isnan(pca_values), pca_values - means, 0.0)[voted]
    total_var = float((centred**2).sum())
    if total_var > 0:
        report.variance_explained = [_r(((centred @ c) ** 2).sum() / total_var) for c in comps]
    cluster_state: dict[str, Any] = {}
    if total_var <= 1e-12 or len(in_conv) < 4:
        labels = np.zeros(len(in_conv), int)  # no opinion structure (e.g. everyone passed): one group
    else:
        prev_cluster = None
        if previous is not None and previous.get("clusters"):
            prev = previous["clusters"]
            prev_cluster = {"smoother": prev.get("smoother", {})}
            if warm is not None:
                base_of = dict(zip(prev.get("participants", []), prev.get("base", []), strict=False))
                prev_cluster["base"] = [base_of.get(matrix.participants[i], -1) for i in in_conv]
                prev_cluster["groups"] = prev.get("groups", {})
        labels, report.silhouette, cluster_state = cluster_groups(
            proj[in_conv], max_groups=max_groups, random_state=random_state, previous=prev_cluster
        )
        labels = _order_groups(labels)
    report.state["clusters"] = {"participants": report.in_conv, **cluster_state}
    report.points = [
        {"participant": matrix.participants[i], "x": _r(proj[i, 0], 4), "y": _r(proj[i, 1], 4), "group": int(g)}
        for i, g in zip(in_conv, labels, strict=True)
    ]
    shown_ids = [s for s, keep in zip(matrix.statements, shown_cols, strict=True) if keep]
    _statistics(report, shown_ids, shown_values[in_conv], labels, meta, reps_per_group, n_consensus, n_divisive)
    return report


def _statistics(report, sids, sub, labels, meta, reps_per_group, n_consensus, n_divisive):
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    agree = (sub == 1).astype(float)
    disagree = (sub == -1).astype(float)
    seen = (~np.isnan(sub)).astype(float)
    na_all, nd_all, ns_all = agree.sum(0), disagree.sum(0), seen.sum(0)
    opinion = [s not in meta for s in sids]
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
            **({} if opinion[j] else {"meta": True}),
        }
        for j in range(len(sids))
    ]
    # groups with their representative statements
    for g, s in enumerate(per_group):
        candidates = []
        for j in range(len(sids)):
            if s["ns"][j] < 2 or not opinion[j]:
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
        if ns_all[j] < 2 or not opinion[j]:
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
        if not opinion[j]:
            continue
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
