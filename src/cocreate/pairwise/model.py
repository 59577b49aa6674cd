"""The statistics of a pairwise wiki survey, with no Django in sight (the benchmark imports this file alone).

Model: Bradley–Terry. Entry i has a log-strength θ_i and beats entry j with probability σ(θ_i − θ_j). We fit the
maximum a-posteriori θ under a weak Gaussian prior θ_i ~ N(0, prior_sd²) by Newton's method (the log posterior is
strictly concave, so Newton converges in a handful of steps from θ = 0), and take the Laplace approximation: the
posterior is roughly N(θ̂, A⁻¹), A being the negative Hessian at θ̂.

Why this and not Salganik & Levy's hierarchical Bayesian Thurstone model (fitted by Gibbs sampling): the two link
functions (logit and probit) give rankings that are practically indistinguishable; the prior does the job their
hierarchy's population level does (an entry with few votes stays near the middle instead of jumping to 0 or 100);
and the MAP + Laplace fit takes milliseconds for hundreds of entries, so scores can be recomputed synchronously on
every vote. We drop their per-respondent level (voter heterogeneity) — it changes the bands, not the ranking.

Score (as All Our Ideas defines it): the chance that the entry beats a randomly chosen other entry,
s_i = 100 · mean_{j≠i} σ(θ_i − θ_j). Its uncertainty band comes from the delta method on the Laplace posterior.

Adaptive pair choice (`select_pair`): most votes go to the pair whose outcome is least predictable *and* whose
strength difference is most uncertain — the expected information p(1−p)·Var(θ_i − θ_j) — weighted towards entries
that may belong to the top; a share ε of the picks (and a boost for entries with few comparisons) explores, so
new entries get seen quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr
from threadpoolctl import ThreadpoolController

# These matrices are small: one BLAS thread is fastest, and a busy machine makes many threads far slower.
_threads = ThreadpoolController()

DEFAULT_PRIOR_SD = 1.5
BAND_Z = 1.96  # a 95% band


@dataclass(frozen=True)
class Fit:
    """The fitted model for `n` entries (entries are numbered 0..n-1)."""

    strengths: np.ndarray  # θ̂, log-strengths (MAP)
    covariance: np.ndarray  # Laplace approximation of the posterior covariance of θ
    wins: np.ndarray  # decided comparisons won, per entry
    comparisons: np.ndarray  # decided comparisons, per entry
    scores: np.ndarray  # 0..100: chance of beating a random other entry
    score_se: np.ndarray  # standard error of the score (delta method)
    iterations: int

    @property
    def n(self) -> int:
        return len(self.strengths)

    @property
    def lower(self) -> np.ndarray:
        return np.clip(self.scores - BAND_Z * self.score_se, 0.0, 100.0)

    @property
    def upper(self) -> np.ndarray:
        return np.clip(self.scores + BAND_Z * self.score_se, 0.0, 100.0)

    @property
    def strength_se(self) -> np.ndarray:
        return np.sqrt(np.clip(np.diag(self.covariance), 0.0, None))

    def win_probability(self, i: int, j: int) -> float:
        return float(_sigmoid(self.strengths[i] - self.strengths[j]))

    def ranking(self) -> np.ndarray:
        """Entry indexes, best first (ties broken by index, so the order is deterministic)."""
        return np.lexsort((np.arange(self.n), -self.scores))


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # numerically stable logistic


def win_matrix(n: int, outcomes: Iterable[tuple[int, int]]) -> np.ndarray:
    """W[i, j] = how often i beat j, from (winner, loser) pairs."""
    wins = np.zeros((n, n))
    pairs = np.asarray(list(outcomes), dtype=int).reshape(-1, 2)
    if len(pairs):
        if (pairs[:, 0] == pairs[:, 1]).any():
            raise ValueError("an entry cannot be compared with itself")
        np.add.at(wins, (pairs[:, 0], pairs[:, 1]), 1.0)
    return wins


def _log_posterior(theta: np.ndarray, wins: np.ndarray, prior_var: float) -> float:
    diff = theta[:, None] - theta[None, :]
    # log σ(d) = −log(1 + e^{−d}), computed stably
    return float(-(wins * np.logaddexp(0.0, -diff)).sum() - (theta @ theta) / (2.0 * prior_var))


def fit(
    n: int,
    outcomes: Iterable[tuple[int, int]] | None = None,
    *,
    wins: np.ndarray | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
    tol: float = 1e-9,
    max_iter: int = 100,
    start: np.ndarray | None = None,
) -> Fit:
    """Fit Bradley–Terry by MAP with a N(0, prior_sd²) prior on each log-strength (Newton with step halving).

    Give either `outcomes` as (winner, loser) index pairs or a win matrix `wins` (W[i, j] = i beat j).
    `start` (e.g. the previous fit's strengths) only speeds convergence; the optimum is unique."""
    with _threads.limit(limits=1, user_api="blas"):
        return _fit(n, outcomes, wins, prior_sd, tol, max_iter, start)


def _fit(n, outcomes, wins, prior_sd, tol, max_iter, start) -> Fit:
    if wins is None:
        wins = win_matrix(n, outcomes or [])
    wins = np.asarray(wins, dtype=float)
    if wins.shape != (n, n):
        raise ValueError("the win matrix must be n × n")
    prior_var = prior_sd**2
    played = wins + wins.T
    theta = np.zeros(n) if start is None or len(start) != n else np.asarray(start, dtype=float).copy()
    objective = _log_posterior(theta, wins, prior_var)
    iterations = 0
    precision = np.eye(n) / prior_var
    for iterations in range(1, (max_iter if n else 0) + 1):  # noqa: B007 (the count is reported; none without items)
        p = _sigmoid(theta[:, None] - theta[None, :])
        gradient = (wins - played * p).sum(axis=1) - theta / prior_var
        weights = played * p * (1.0 - p)
        precision = np.diag(weights.sum(axis=1) + 1.0 / prior_var) - weights
        step = np.linalg.solve(precision, gradient)
        size = 1.0
        while True:
            candidate = theta + size * step
            new_objective = _log_posterior(candidate, wins, prior_var)
            if new_objective >= objective - 1e-12 or size < 1e-6:
                break
            size /= 2.0
        theta, improvement, objective = candidate, new_objective - objective, new_objective
        if np.max(np.abs(size * step)) < tol or abs(improvement) < tol:
            break
    p = _sigmoid(theta[:, None] - theta[None, :])
    weights = played * p * (1.0 - p)
    precision = np.diag(weights.sum(axis=1) + 1.0 / prior_var) - weights
    covariance = np.linalg.inv(precision)
    covariance = (covariance + covariance.T) / 2.0
    scores, score_se = _scores(theta, covariance)
    return Fit(
        strengths=theta,
        covariance=covariance,
        wins=wins.sum(axis=1),
        comparisons=played.sum(axis=1),
        scores=scores,
        score_se=score_se,
        iterations=iterations,
    )


def _scores(theta: np.ndarray, covariance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(theta)
    if n < 2:
        return np.full(n, 50.0), np.full(n, 50.0 / BAND_Z)
    p = _sigmoid(theta[:, None] - theta[None, :])
    np.fill_diagonal(p, 0.0)
    scale = 100.0 / (n - 1)
    scores = scale * p.sum(axis=1)
    q = p * (1.0 - p)  # the diagonal is already 0
    # ∂s_i/∂θ_i = scale·Σ_j q_ij,  ∂s_i/∂θ_j = −scale·q_ij
    jacobian = scale * (np.diag(q.sum(axis=1)) - q)
    variance = np.einsum("ik,ik->i", jacobian @ covariance, jacobian)
    return scores, np.sqrt(np.clip(variance, 0.0, None))


# --- choosing the next pair ---------------------------------------------------------------------------------


def top_weights(model: Fit, top_k: int, emphasis: float) -> np.ndarray:
    """1 + emphasis · P(entry is in the top k), with the boundary halfway between the k-th and (k+1)-th strength."""
    n = model.n
    if top_k <= 0 or top_k >= n:
        return np.ones(n)
    ordered = np.sort(model.strengths)[::-1]
    boundary = (ordered[top_k - 1] + ordered[top_k]) / 2.0
    chance = ndtr((model.strengths - boundary) / np.maximum(model.strength_se, 1e-9))
    # Entries whose membership of the top is still in doubt matter most; sure members still get some votes
    # (to order the top), sure non-members only the base weight.
    return 1.0 + emphasis * (4.0 * chance * (1.0 - chance) + 0.5 * chance)


def pair_information(model: Fit) -> np.ndarray:
    """Expected information of comparing i with j: p(1−p) · Var(θ_i − θ_j) under the Laplace posterior."""
    theta = model.strengths
    var = np.diag(model.covariance)
    p = _sigmoid(theta[:, None] - theta[None, :])
    diff_var = var[:, None] + var[None, :] - 2.0 * model.covariance
    info = p * (1.0 - p) * np.clip(diff_var, 0.0, None)
    np.fill_diagonal(info, 0.0)
    return info


def uniform_pair(n: int, rng: np.random.Generator) -> tuple[int, int]:
    """Two different entries, uniformly at random."""
    if n < 2:
        raise ValueError("a pair needs at least two entries")
    i, j = rng.choice(n, size=2, replace=False)
    return int(i), int(j)


def select_pairs(
    model: Fit,
    rng: np.random.Generator,
    count: int = 1,
    *,
    epsilon: float = 0.1,
    top_k: int = 10,
    emphasis: float = 4.0,
    novelty: float = 1.0,
    candidates: Sequence[int] | None = None,
    avoid: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Choose `count` pairs adaptively (a batch: each pick updates the variances it expects to shrink).

    - with probability `epsilon` an exploration pick: the least-compared entry (ties at random) against a random
      other entry, so a new entry is seen quickly;
    - otherwise the pair with the most expected information, weighted by how likely each entry is in the top
      `top_k` (`emphasis`) and boosted for entries with few comparisons (`novelty`), with a little random jitter so
      voters do not all see the same pair.
    `candidates` limits the entries (e.g. to those shown); `avoid` lists pairs not to serve (e.g. the last one).
    Never pairs an entry with itself."""
    n = model.n
    pool = np.arange(n) if candidates is None else np.asarray(list(candidates), dtype=int)
    if len(pool) < 2:
        raise ValueError("a pair needs at least two entries")
    blocked = {frozenset(pair) for pair in avoid}
    if len(pool) == 2 and frozenset(int(x) for x in pool) in blocked:
        blocked = set()  # only one pair exists: serve it rather than nothing
    allowed = np.full((n, n), False)
    allowed[np.ix_(pool, pool)] = True
    np.fill_diagonal(allowed, False)
    for pair in blocked:
        if len(pair) == 2:
            a, b = tuple(pair)
            allowed[a, b] = allowed[b, a] = False

    base_info = pair_information(model)
    base_variances = np.maximum(np.diag(model.covariance).copy(), 1e-12)
    variances = base_variances.copy()
    comparisons = model.comparisons.copy()
    weights = top_weights(model, top_k, emphasis)
    theta = model.strengths
    picks: list[tuple[int, int]] = []
    for _ in range(count):
        if rng.random() < epsilon:
            fewest = comparisons[pool].min()
            least = pool[comparisons[pool] == fewest]
            i = int(rng.choice(least))
            others = np.flatnonzero(allowed[i])
            if len(others) == 0:
                continue
            j = int(rng.choice(others))
        else:
            shrink = variances / base_variances  # what earlier picks of this batch are expected to have learnt
            info = base_info * (shrink[:, None] + shrink[None, :]) / 2.0
            boost = weights * (1.0 + novelty / (1.0 + comparisons))
            value = info * (boost[:, None] + boost[None, :])
            value = np.where(allowed, value, -np.inf)
            jitter = rng.uniform(0.85, 1.0, size=value.shape)
            flat = int(np.argmax(value * jitter))
            i, j = divmod(flat, n)
            if not allowed[i, j]:
                break
        if rng.random() < 0.5:  # which side an entry is shown on carries no information
            i, j = j, i
        picks.append((i, j))
        # Expected effect of this comparison on the diagonal precision (used by the next pick of the batch).
        q = float(_sigmoid(theta[i] - theta[j]) * (1.0 - _sigmoid(theta[i] - theta[j])))
        variances[i] = 1.0 / (1.0 / variances[i] + q)
        variances[j] = 1.0 / (1.0 / variances[j] + q)
        comparisons[i] += 1
        comparisons[j] += 1
    return picks


def select_pair(model: Fit, rng: np.random.Generator, **kwargs) -> tuple[int, int]:
    picks = select_pairs(model, rng, 1, **kwargs)
    if not picks:
        raise ValueError("no pair is available")
    return picks[0]


# --- quality measures (used by the benchmark and the tests) ---------------------------------------------------


def kendall_tau(a: Sequence[float], b: Sequence[float]) -> float:
    """Kendall's tau-b between two score vectors."""
    from scipy.stats import kendalltau

    return float(kendalltau(a, b).statistic)


def top_k_recall(true_scores: Sequence[float], estimated: Sequence[float], k: int = 10) -> float:
    """Share of the true top k that the estimate also puts in its top k."""
    true_top = set(np.argsort(-np.asarray(true_scores))[:k].tolist())
    est_top = set(np.argsort(-np.asarray(estimated))[:k].tolist())
    return len(true_top & est_top) / k
