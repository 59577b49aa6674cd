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
4. Participants "in the conversation" (clustered): at least min(``min_votes``, n_statements) votes, counted as
   Pol.is counts them on its raw matrix (votes on moderated-out statements too, n_statements = every statement
   with votes); fewer than 15 in: the most active are added (Pol.is greedy backfill); once in, a participant
   stays in (incremental).
5. Base clusters: k-means on the 2-d projection, k = min(100, distinct points). Groups: weighted k-means on the
   base clusters' centres for k in 2..min(5, 2 + n_base // 12) (Pol.is ``max-k-fn``), k chosen by the silhouette
   of the base centres (the fewest groups within ``SILHOUETTE_MARGIN`` of the best: our difference); then Lloyd
   iterations on the participants from the groups' centres (our difference: Pol.is keeps whole base clusters);
   incrementally a new k must win ``GROUP_K_BUFFER`` (4) recomputations in a row before the number of groups
   changes (Pol.is ``group-k-smoother``). From scratch every k-means is deterministic (k-means++ seeding from a
   fixed random state, several starts, the lowest inertia wins); incrementally it starts from the previous base
   clusters' members and the previous groups (Pol.is ``clean-start-clusters``).
6. Representative statements per group (Pol.is repness): agree / disagree probability in the group with a
   +1/+2 pseudocount, a one-proportion z test against 1/2 and a two-proportion z test against the other
   groups; significant at 90% (z > 1.2816, one-sided).
7. Consensus statements (agreed, or disagreed, by every group) and divisive statements (the groups' agree
   shares differ most), each with the per-group statistics behind it.
8. Each statement's Pol.is priority (``statement_priority``: agreement, passes, extremity on the map, novelty),
   the weight with which the next statement a participant sees is drawn (selectors.next_statement).

Large matrices stay sparse (after mean imputation and centring a missing vote is 0) and the PCA uses Lanczos.

``compute(matrix, previous=state)`` returns the report and, in ``report.state``, what the next incremental
recompute starts from (JSON-ready).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import LinearOperator, eigsh
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

Z_90 = 1.2816  # one-sided 90% significance, as Pol.is
MIN_VOTES = 7
GREEDY_IN_CONV = 15  # Pol.is: with fewer participants in the conversation, the most active are added
MAX_BASE_CLUSTERS = 100
MAX_GROUPS = 5
GROUP_K_BUFFER = 4  # Pol.is group-k-buffer: a new number of groups must win this many recomputations in a row
RANDOM_STATE = 0
SILHOUETTE_MARGIN = 0.01  # a larger k must beat a smaller one's silhouette by more than this
STATE_VERSION = 2
DENSE_CELLS = 400_000  # above this many cells the centred matrix is kept sparse and the PCA uses Lanczos


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
        votes = list(votes)
        if statements is None:
            fast = cls._from_int_votes(votes, hidden_set, meta_set)
            if fast is not None:
                return fast
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

    @classmethod
    def _from_int_votes(cls, votes, hidden_set, meta_set):
        """from_votes for integer ids (what the database gives), vectorised; None for other ids."""
        if not votes:
            return cls([], [], np.full((0, 0), np.nan))
        if any(type(v) is not int for v in votes[0][:2]):
            return None
        if any(len(v) != 3 for v in votes):
            return None
        try:
            arr = np.fromiter(chain.from_iterable(votes), dtype=float, count=3 * len(votes)).reshape(-1, 3)
        except (TypeError, ValueError):
            return None
        ids = arr[:, :2]
        if not np.isfinite(arr).all() or (ids != np.round(ids)).any() or np.abs(ids).max() > 2**52:
            return None
        pids, p_inv = np.unique(ids[:, 0].astype(np.int64), return_inverse=True)
        sids, s_inv = np.unique(ids[:, 1].astype(np.int64), return_inverse=True)
        # a later triple for the same pair wins: keep each pair's last occurrence
        key = p_inv * len(sids) + s_inv
        _uniq, last_from_end = np.unique(key[::-1], return_index=True)
        last = len(key) - 1 - last_from_end
        values = np.full((len(pids), len(sids)), np.nan)
        values[p_inv[last], s_inv[last]] = np.sign(arr[last, 2])
        statements = sids.tolist()
        return cls(
            pids.tolist(),
            statements,
            values,
            [s for s in statements if s in hidden_set],
            [s for s in statements if s in meta_set and s not in hidden_set],
        )


def _sort_key(value):
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


# ----------------------------------------------------------------------------------------------- k-means


def _sqdist(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared distances of every row of x to every centre (the expanded form: one matrix product)."""
    d = (x * x).sum(1)[:, None] - 2.0 * (x @ centres.T) + (centres * centres).sum(1)[None, :]
    return np.maximum(d, 0.0)


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
        sums = np.column_stack([np.bincount(labels, weights=x[:, j] * w, minlength=k) for j in range(x.shape[1])])
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


def _base_kmeans(x: np.ndarray, k: int, random_state: int):
    """Base clusters from scratch: scikit-learn's k-means (compiled Lloyd; k-means++ seeding from a fixed random
    state, best of 3 starts), one thread (the machine's cores serve requests). Returns (labels, centres)."""
    if len(x) * k <= 20_000:  # small: ours is as fast and needs no thread pool
        labels, centres, _inertia = kmeans(x, k, n_init=3, random_state=random_state)
        return labels, centres
    with threadpool_limits(limits=1):
        fitted = KMeans(n_clusters=k, n_init=3, random_state=random_state, algorithm="lloyd").fit(x)
    return fitted.labels_, fitted.cluster_centers_


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
    if len(x) * len(centres_arr) > 20_000:  # large: scikit-learn's compiled Lloyd from the same start
        with threadpool_limits(limits=1):
            fitted = KMeans(n_clusters=len(centres_arr), init=centres_arr, n_init=1, algorithm="lloyd")
            fitted.fit(x, sample_weight=w)
        return fitted.labels_, fitted.cluster_centers_, float(fitted.inertia_), int(fitted.n_iter_), origin
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


def _gram_operator(centred):
    n_s = centred.shape[1]
    return LinearOperator((n_s, n_s), matvec=lambda v: centred.T @ (centred @ v), dtype=float)


def _pca_exact(centred, n_components: int) -> np.ndarray:
    """The top components of `centred` (dense or sparse): a dense eigendecomposition of the smaller Gram
    matrix when the matrix is small, else Lanczos (ARPACK, a fixed start vector) on the statements' Gram
    operator without forming it."""
    n_p, n_s = centred.shape
    if min(n_p, n_s) > 4 * n_components + 20 and n_p * n_s > DENSE_CELLS:
        evals, evecs = eigsh(_gram_operator(centred), k=n_components, which="LA", v0=np.ones(n_s), tol=1e-10)
        order = np.argsort(-evals)
        return evecs[:, order].T
    dense = centred.toarray() if sparse.issparse(centred) else centred
    if n_s <= n_p:
        evals, evecs = np.linalg.eigh(dense.T @ dense)
        order = np.argsort(-evals)[:n_components]
        return evecs[:, order].T
    evals, evecs = np.linalg.eigh(dense @ dense.T)  # fewer rows than columns: the dual problem
    order = np.argsort(-evals)[:n_components]
    comps = (dense.T @ evecs[:, order]).T
    norms = np.linalg.norm(comps, axis=1, keepdims=True)
    return comps / np.where(norms > 0, norms, 1)


def _pca_warm(centred, start: np.ndarray, *, tol: float = 1e-9, max_iter: int = 100):
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


def _centre(rows, cols, cells, shape, zeroed=None):
    """(centred, means, votes per row) from the votes (row, column, value): the column-mean-imputed matrix minus
    its column means, which is zero wherever there is no vote, so large matrices stay sparse (only the votes are
    stored). `zeroed` columns (boolean per column) are set to 0 for every row, as Pol.is zeroes moderated-out
    statements: they add nothing to the PCA but count as a vote of everyone in the sparsity scaling."""
    n_p, n_s = shape
    if zeroed is not None and zeroed.any():
        keep = ~zeroed[cols]
        rows, cols, cells = rows[keep], cols[keep], cells[keep]
    counts = np.bincount(cols, minlength=n_s)
    means = np.bincount(cols, weights=cells, minlength=n_s) / np.maximum(counts, 1)
    n_votes = np.bincount(rows, minlength=n_p)
    if zeroed is not None:
        n_votes = n_votes + int(zeroed.sum())
    if n_p * n_s > DENSE_CELLS:
        centred = sparse.csr_matrix((cells - means[cols], (rows, cols)), shape=shape)
    else:
        centred = np.zeros(shape)
        centred[rows, cols] = cells - means[cols]
    return centred, means, n_votes


def _triples(values: np.ndarray):
    rows, cols = np.nonzero(~np.isnan(values))
    return rows, cols, values[rows, cols]


def _pca(votes, shape, n_components: int = 2, *, start: np.ndarray | None = None, zeroed=None):
    n_p, n_s = shape
    rows, cols, cells = votes
    centred, means, n_votes = _centre(rows, cols, cells, shape, zeroed)
    info: dict[str, Any] = {"warm": False, "iterations": 0}
    comps = np.zeros((n_components, n_s))
    if n_p == 0 or n_s == 0:
        return np.zeros((n_p, n_components)), comps, means, info, centred
    found = None
    m = min(n_components, n_p, n_s)
    if start is not None and start.shape == (n_components, n_s) and np.linalg.matrix_rank(start[:m]) == m:
        found, info["iterations"] = _pca_warm(centred, start[:m])
        info["warm"] = found is not None
    if found is None:
        found = _pca_exact(centred, m)
    comps[:m] = found
    comps = _orient(comps, start)
    proj = np.asarray(centred @ comps.T)
    # Pol.is sparsity-aware-project-ptpts: sqrt(n_statements / n_votes) pushes sparse voters out from the centre
    scale = np.sqrt(n_s / np.maximum(n_votes, 1))
    return proj * scale[:, None], comps, means, info, centred


def pca_project(values: np.ndarray, n_components: int = 2, *, start: np.ndarray | None = None):
    """Pol.is PCA: impute missing votes with the column mean, centre, take `n_components` components, and scale
    each row's projection by sqrt(n_statements / n_votes). `start` (components x statements, e.g. the previous
    ones) warm-starts an orthogonal iteration; without it, or when it does not converge, the components are
    exact. Returns (projection, components, means, info) with info = {"warm": bool, "iterations": int}."""
    return _pca(_triples(values), values.shape, n_components, start=start)[:4]


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
        base_labels, base_centres, _inertia, _it, origin = kmeans_warm(proj, n_base, np.asarray(prev_base))
    else:
        base_labels, base_centres = _base_kmeans(proj, n_base, random_state)
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
    # Where we differ from Pol.is (which takes the highest silhouette however close): the fewest groups whose
    # silhouette is within SILHOUETTE_MARGIN of the best, since closer scores are noise of the k-means run.
    top = max(scores.values())
    best_k = min(k for k in scores if scores[k] >= top - SILHOUETTE_MARGIN)
    smoother = (previous or {}).get("smoother") or {}
    count = smoother.get("count", 0) + 1 if smoother.get("last_k") == best_k else 1
    chosen = best_k if count >= GROUP_K_BUFFER else smoother.get("k", best_k)
    if chosen not in clusterings:
        chosen = best_k
    state["groups"] = {str(k): g.tolist() for k, g in clusterings.items()}
    state["smoother"] = {"last_k": best_k, "count": count, "k": chosen}
    return _refine(proj, clusterings[chosen][base_labels]), scores, state


def _refine(proj: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Where we differ from Pol.is: its groups are unions of whole base clusters, so a participant at the edge
    of a base cluster can sit nearer another group's centre. Lloyd iterations on the participants themselves,
    started from the groups' centres, move them to their nearest group (k is kept): on the real conversations
    the groups agree more with Pol.is's published ones (median ARI +0.03), whose history-grown base clusters
    are finer at the boundaries than a from-scratch k-means with k = 100."""
    k = int(labels.max()) + 1
    centres = np.array([proj[labels == g].mean(0) for g in range(k)])
    refined, _centres, _inertia, _it = _lloyd(proj, np.ones(len(proj)), centres)
    return refined if len(np.unique(refined)) == k else labels


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


META_PRIORITY = 7.0  # Pol.is meta-priority: statements about the participant are asked early


def statement_priority(*, agree=0.0, passes=0.0, seen=0.0, extremity=0.0, meta: bool = False) -> float:
    """Pol.is's comment priority (conversation.clj ``priority-metric``), the weight with which a statement is
    drawn as the next one a participant sees: (importance x novelty)^2 with importance = (1 - pass share) x
    (extremity + 1) x agree share (pseudocounts +1/+2), so statements people take a side on, agree with and
    that load on the map's axes come first, and novelty = 1 + 8 x 2^(-seen / 5), so a new statement weighs up
    to 81x more until a few people have seen it. Statements about the participant: META_PRIORITY^2."""
    if meta:
        return META_PRIORITY**2
    p = (passes + 1.0) / (seen + 2.0)
    a = (agree + 1.0) / (seen + 2.0)
    importance = (1.0 - p) * (extremity + 1.0) * a
    return float((importance * (1.0 + 8.0 * 2.0 ** (-seen / 5.0))) ** 2)


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
    n_p, n_cols = matrix.values.shape
    rows, cols, cells = _triples(matrix.values)  # every vote, once; the rest works on these
    shown_vote = shown_cols[cols] if len(cols) else np.zeros(0, bool)
    n_s = int(shown_cols.sum())
    shown_per_row = np.bincount(rows[shown_vote], minlength=n_p)
    report = Report(n_participants=n_p, n_statements=n_s, n_votes=int(shown_vote.sum()), incremental=warm is not None)
    if n_p == 0 or n_s == 0:
        return report
    start = None
    if warm is not None:
        by_id = dict(zip(warm.get("statements", []), np.asarray(warm.get("components", [])).T, strict=False))
        if by_id:
            start = np.array([by_id.get(s, np.zeros(2)) for s in matrix.statements]).T
    voted = shown_per_row > 0
    # As Pol.is: moderated-out and meta columns are zeroed for everyone (they carry no opinion information, but
    # count in the sparsity scaling, which damps the stretch of sparse voters); the statistics leave them out.
    zeroed = ~opinion_cols & (np.bincount(cols, minlength=n_cols) > 0)
    proj, comps, means, pca_info, centred_all = _pca((rows, cols, cells), (n_p, n_cols), start=start, zeroed=zeroed)
    sticky = None
    if previous is not None:
        was_in = set(previous.get("in_conv", []))
        sticky = np.array([p in was_in for p in matrix.participants])
    # As Pol.is: who is in the conversation counts every vote (moderated-out statements included) against the
    # number of statements that have votes (its raw rating matrix), not only the shown ones.
    n_cols_voted = int((np.bincount(cols, minlength=n_cols) > 0).sum())
    n_votes_all = np.bincount(rows, minlength=n_p)
    in_mask = in_conversation(n_votes_all, n_cols_voted, min_votes=min_votes, sticky=sticky) & voted
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
    centred = centred_all[voted]
    total_var = float(centred.multiply(centred).sum()) if sparse.issparse(centred) else float((centred**2).sum())
    if total_var > 0:
        report.variance_explained = [_r((np.asarray(centred @ c) ** 2).sum() / total_var) for c in comps]
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
    xy = np.where(np.isfinite(proj[in_conv]), proj[in_conv], 0.0).round(4).tolist()
    report.points = [
        {"participant": matrix.participants[i], "x": x, "y": y, "group": g}
        for i, (x, y), g in zip(in_conv.tolist(), xy, labels.tolist(), strict=True)
    ]
    # per group and statement: agree / disagree / seen counts over the shown statements, from the votes
    shown_index = np.cumsum(shown_cols) - 1
    group_of_row = np.full(n_p, -1)
    group_of_row[in_conv] = labels
    keep = shown_vote & (group_of_row[rows] >= 0)
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    flat = group_of_row[rows[keep]] * n_s + shown_index[cols[keep]]
    kept = cells[keep]

    def count(mask):
        return np.bincount(flat[mask], minlength=n_groups * n_s).reshape(n_groups, n_s).astype(float)

    counts = {"agree": count(kept == 1), "disagree": count(kept == -1), "seen": count(np.ones(len(kept), bool))}
    shown_ids = [s for s, show in zip(matrix.statements, shown_cols, strict=True) if show]
    # Pol.is comment extremity: how far one lone "agree" on the statement lands from the centre of the map
    # (pca-project-cmnts, sparsity-scaled as a participant with one vote)
    extremity = np.abs(1.0 - means) * np.linalg.norm(comps, axis=0) * math.sqrt(n_cols)
    extremity = extremity[shown_cols]
    _statistics(report, shown_ids, counts, extremity, labels, meta, reps_per_group, n_consensus, n_divisive)
    return report


def _statistics(report, sids, counts, extremity, labels, meta, reps_per_group, n_consensus, n_divisive):
    """`counts`: {"agree", "disagree", "seen"}, each groups x statements; `extremity` per statement."""
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    na_all, nd_all, ns_all = counts["agree"].sum(0), counts["disagree"].sum(0), counts["seen"].sum(0)
    opinion = [s not in meta for s in sids]
    per_group = []
    for g in range(n_groups):
        na, nd, ns = counts["agree"][g], counts["disagree"][g], counts["seen"][g]
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
            "extremity": _r(extremity[j]),
            "priority": _r(
                statement_priority(
                    agree=na_all[j],
                    passes=ns_all[j] - na_all[j] - nd_all[j],
                    seen=ns_all[j],
                    extremity=extremity[j],
                    meta=not opinion[j],
                ),
                4,
            ),
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
