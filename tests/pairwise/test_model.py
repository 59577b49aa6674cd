"""The statistics (pairwise/model.py): fit, scores with bands, adaptive pair choice. No database."""

import numpy as np
import pytest

from cocreate.pairwise import model


def _votes(true, count, rng, pick=None):
    n = len(true)
    outcomes = []
    for _ in range(count):
        i, j = pick(rng) if pick else model.uniform_pair(n, rng)
        p = 1 / (1 + np.exp(-(true[i] - true[j])))
        outcomes.append((i, j) if rng.random() < p else (j, i))
    return outcomes


def test_recovers_a_planted_ranking():
    rng = np.random.default_rng(3)
    true = np.linspace(2, -2, 12)
    fitted = model.fit(12, _votes(true, 1500, rng))
    assert model.kendall_tau(true, fitted.scores) > 0.85
    assert fitted.ranking()[0] in (0, 1)


def test_scores_are_between_0_and_100_and_average_50():
    rng = np.random.default_rng(4)
    fitted = model.fit(8, _votes(np.linspace(3, -3, 8), 200, rng))
    assert ((fitted.scores >= 0) & (fitted.scores <= 100)).all()
    assert ((fitted.lower >= 0) & (fitted.upper <= 100) & (fitted.lower <= fitted.scores)).all()
    assert fitted.scores.mean() == pytest.approx(50.0)  # P(i beats j) + P(j beats i) = 1


def test_bands_shrink_with_more_votes():
    true = np.linspace(1, -1, 6)
    few = model.fit(6, _votes(true, 30, np.random.default_rng(5)))
    many = model.fit(6, _votes(true, 600, np.random.default_rng(5)))
    assert (many.upper - many.lower).mean() < 0.6 * (few.upper - few.lower).mean()


def test_a_never_compared_entry_has_a_wide_band():
    rng = np.random.default_rng(6)
    outcomes = _votes(np.linspace(1, -1, 5), 400, rng)  # entries 0..4; entry 5 is never compared
    fitted = model.fit(6, outcomes)
    widths = fitted.upper - fitted.lower
    assert fitted.comparisons[5] == 0
    assert widths[5] > 50
    assert widths[5] > 2 * widths[:5].max()


def test_symmetry_swapping_winners_mirrors_the_scores():
    outcomes = [(0, 1), (0, 1), (1, 2), (0, 2), (2, 1)]
    fitted = model.fit(3, outcomes)
    mirrored = model.fit(3, [(b, a) for a, b in outcomes])
    assert fitted.scores == pytest.approx(100 - mirrored.scores)
    assert fitted.score_se == pytest.approx(mirrored.score_se)
    even = model.fit(2, [(0, 1), (1, 0)])
    assert even.scores == pytest.approx([50.0, 50.0])


def test_no_votes_means_everyone_at_50():
    fitted = model.fit(4, [])
    assert fitted.scores == pytest.approx([50.0] * 4)


def test_self_comparison_is_refused():
    with pytest.raises(ValueError):
        model.fit(3, [(1, 1)])


def test_selection_never_pairs_an_entry_with_itself_and_avoids_the_last_pair():
    rng = np.random.default_rng(7)
    fitted = model.fit(5, _votes(np.linspace(1, -1, 5), 50, rng))
    for _ in range(200):
        i, j = model.select_pair(fitted, rng, avoid=[(0, 1)])
        assert i != j
        assert {i, j} != {0, 1}


def test_selection_explores_new_entries():
    rng = np.random.default_rng(8)
    true = np.linspace(2, -2, 20)
    outcomes = _votes(true[:19], 2000, rng)  # entry 19 is brand new
    fitted = model.fit(20, outcomes)
    picks = model.select_pairs(fitted, rng, 40)
    assert sum(19 in pair for pair in picks) >= 4  # far above its uniform share (2/20 of 40 = 4 only by luck)
    assert all(i != j for i, j in picks)


def test_adaptive_beats_uniform_on_the_top():
    """A small version of the benchmark: adaptive choice finds the top entries with fewer votes."""
    n, votes = 40, 600
    true = np.random.default_rng(9).normal(0, 1.25, n)
    recalls = {}
    for strategy in ("adaptive", "uniform"):
        rng = np.random.default_rng(10)
        outcomes: list = []
        fitted = model.fit(n, [])
        while len(outcomes) < votes:
            if strategy == "adaptive":
                pairs = model.select_pairs(fitted, rng, 20, top_k=5)
            else:
                pairs = [model.uniform_pair(n, rng) for _ in range(20)]
            for i, j in pairs:
                p = 1 / (1 + np.exp(-(true[i] - true[j])))
                outcomes.append((i, j) if rng.random() < p else (j, i))
            fitted = model.fit(n, outcomes, start=fitted.strengths)
        recalls[strategy] = model.top_k_recall(true, fitted.scores, 5)
    assert recalls["adaptive"] >= recalls["uniform"]
