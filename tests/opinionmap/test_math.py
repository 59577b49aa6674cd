"""The math on synthetic data with planted groups (no database)."""

import numpy as np
from sklearn.metrics import adjusted_rand_score

from cocreate.opinionmap import math as om


def planted(n_per_group=40, n_statements=20, seed=1, sparsity=0.1):
    """Two opinion groups: opposite on statements 0-9, both agree on 10-14 (consensus), random on 15-19."""
    rng = np.random.default_rng(seed)
    votes, truth = [], {}
    for g in range(2):
        for i in range(n_per_group):
            pid = g * 1000 + i
            truth[pid] = g
            for s in range(n_statements):
                if rng.random() < sparsity:
                    continue
                if s < 10:
                    p_agree = 0.9 if (g == 0) == (s < 5) else 0.1
                elif s < 15:
                    p_agree = 0.92
                else:
                    p_agree = 0.5
                r = rng.random()
                vote = 1 if r < p_agree else (-1 if r < p_agree + (1 - p_agree) * 0.8 else 0)
                votes.append((pid, s, vote))
    return votes, truth


def test_planted_groups_are_recovered_with_consensus_and_divisive_statements():
    votes, truth = planted()
    report = om.compute(om.VoteMatrix.from_votes(votes)).as_dict()
    assert len(report["groups"]) == 2
    labels = {p["participant"]: p["group"] for p in report["points"]}
    assert adjusted_rand_score([truth[p] for p in labels], list(labels.values())) > 0.95
    consensus = {c["statement"] for c in report["consensus"]}
    assert consensus and consensus <= set(range(10, 15))
    divisive = {d["statement"] for d in report["divisive"]}
    assert divisive and divisive <= set(range(10))
    for g in report["groups"]:
        assert g["representative"], "each group has representative statements"
        assert all(r["statement"] < 10 and r["significant"] for r in g["representative"])
        stats = report["divisive"][0]["groups"]
        assert {s["group"] for s in stats} == {0, 1} and all(0 <= s["agree_share"] <= 1 for s in stats)


def test_deterministic():
    votes, _ = planted(seed=3)
    m = om.VoteMatrix.from_votes(votes)
    assert om.compute(m).as_dict() == om.compute(m).as_dict()


def test_too_few_participants_gives_one_group_and_no_error():
    votes = [(1, 0, 1), (1, 1, -1), (2, 0, 1)]
    report = om.compute(om.VoteMatrix.from_votes(votes), min_votes=1).as_dict()
    assert len(report["groups"]) == 1
    assert report["divisive"] == []


def test_participants_below_min_votes_are_not_placed():
    votes, _ = planted()
    votes.append((99999, 0, 1))
    report = om.compute(om.VoteMatrix.from_votes(votes)).as_dict()
    assert 99999 not in {p["participant"] for p in report["points"]}
    assert report["n_participants"] == 81


def test_all_pass_votes():
    votes = [(p, s, 0) for p in range(20) for s in range(8)]
    report = om.compute(om.VoteMatrix.from_votes(votes)).as_dict()
    assert len(report["groups"]) == 1 and report["groups"][0]["size"] == 20
    assert report["consensus"] == [] and report["divisive"] == []


def test_hidden_statement_is_excluded():
    votes, truth = planted()
    # statement 0 is hidden by moderation: it must appear nowhere in the report
    report = om.compute(om.VoteMatrix.from_votes(votes, hidden=[0])).as_dict()
    mentioned = {s["statement"] for s in report["statements"]} | {c["statement"] for c in report["consensus"]}
    mentioned |= {d["statement"] for d in report["divisive"]}
    mentioned |= {r["statement"] for g in report["groups"] for r in g["representative"]}
    assert 0 not in mentioned and report["n_statements"] == 19
    labels = {p["participant"]: p["group"] for p in report["points"]}
    assert adjusted_rand_score([truth[p] for p in labels], list(labels.values())) > 0.95


def test_later_vote_replaces_earlier_and_empty_matrix():
    m = om.VoteMatrix.from_votes([(1, 1, 1), (1, 1, -1)])
    assert m.values.tolist() == [[-1.0]]
    assert om.compute(om.VoteMatrix.from_votes([])).as_dict()["groups"] == []


def test_ari():
    assert adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert abs(adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-9


def test_meta_statements_are_zeroed_and_left_out_of_group_statistics():
    votes, truth = planted()
    # statement 0 splits the groups; declared meta (about the participant) it must not shape or describe them
    report = om.compute(om.VoteMatrix.from_votes(votes, meta=[0])).as_dict()
    stats = {s["statement"]: s for s in report["statements"]}
    assert stats[0]["meta"] is True and len(stats[0]["groups"]) == 2  # its per-group breakdown is kept
    listed = {c["statement"] for c in report["consensus"]} | {d["statement"] for d in report["divisive"]}
    listed |= {r["statement"] for g in report["groups"] for r in g["representative"]}
    assert 0 not in listed
    labels = {p["participant"]: p["group"] for p in report["points"]}
    assert adjusted_rand_score([truth[p] for p in labels], list(labels.values())) > 0.95


def test_meta_statement_does_not_move_the_map():
    votes, _ = planted()
    base = om.compute(om.VoteMatrix.from_votes(votes, meta=[15])).as_dict()
    # whatever the votes on a meta statement, the projection is the same
    flipped = [(p, s, -v if s == 15 else v) for p, s, v in votes]
    other = om.compute(om.VoteMatrix.from_votes(flipped, meta=[15])).as_dict()
    assert base["points"] == other["points"]


def test_in_conversation_threshold_greedy_backfill_and_sticky():
    n_votes = np.array([9, 7, 6, 1, 0] + [8] * 20)
    assert om.in_conversation(n_votes, 30).tolist() == [True, True, False, False, False] + [True] * 20
    # fewer statements than min_votes: all of them are enough
    assert om.in_conversation(np.array([3, 2] + [3] * 20), 3).tolist()[:2] == [True, False]
    # fewer than 15 in: the most active others are added, never those without votes
    few = om.in_conversation(np.array([9, 6, 5, 1, 0]), 30)
    assert few.tolist() == [True, True, True, True, False]
    sticky = om.in_conversation(np.array([2] + [8] * 20), 30, sticky=np.array([True] + [False] * 20))
    assert sticky[0]


def test_max_groups_follows_the_number_of_base_clusters():
    assert [om.max_groups_for(n) for n in (5, 11, 12, 24, 36, 100)] == [2, 2, 3, 4, 5, 5]


def test_incremental_recompute_starts_from_the_previous_state_and_agrees():
    votes, truth = planted(seed=5)
    first = om.compute(om.VoteMatrix.from_votes(votes[:-40]))
    matrix = om.VoteMatrix.from_votes(votes)
    warm = om.compute(matrix, previous=first.state)
    cold = om.compute(matrix)
    assert warm.incremental and not cold.incremental
    assert warm.state["pca"]["warm"] and warm.state["pca"]["iterations"] < 100
    labels = {p["participant"]: p["group"] for p in warm.points}
    assert adjusted_rand_score([truth[p] for p in labels], list(labels.values())) > 0.95
    # the map keeps its orientation: same points as from scratch (both exact, same signs)
    cold_xy = {p["participant"]: (p["x"], p["y"]) for p in cold.points}
    assert all(abs(p["x"] - cold_xy[p["participant"]][0]) < 1e-3 for p in warm.points)


def test_warm_pca_follows_the_previous_orientation():
    votes, _ = planted(seed=2)
    matrix = om.VoteMatrix.from_votes(votes)
    values = matrix.values.copy()
    _proj, comps, _means, info = om.pca_project(values)
    assert not info["warm"]
    _proj2, comps2, _m2, info2 = om.pca_project(values, start=-comps)  # previous components with flipped signs
    assert info2["warm"]
    assert np.allclose(comps2, -comps, atol=1e-6)


def test_k_smoother_keeps_the_number_of_groups_until_a_new_one_wins_four_times():
    votes, _ = planted(seed=7)
    matrix = om.VoteMatrix.from_votes(votes)
    state = om.compute(matrix).state
    assert state["clusters"]["smoother"]["k"] == 2
    # pretend the previous recomputations had settled on 3 groups: 2 must win 4 times in a row to take over
    state["clusters"]["smoother"] = {"last_k": 3, "count": 9, "k": 3}
    ks = []
    for _ in range(4):
        report = om.compute(matrix, previous=state, warm_start=False)
        state = report.state
        ks.append(len(report.groups))
    assert ks == [3, 3, 3, 2]


def test_needs_full_recompute():
    assert om.needs_full_recompute(None, 10)
    assert om.needs_full_recompute({"version": -1, "full_votes": 10}, 10)
    state = {"version": om.STATE_VERSION, "full_votes": 100}
    assert not om.needs_full_recompute(state, 149)
    assert om.needs_full_recompute(state, 150)


def test_silhouette_matches_the_definition():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [5.0, 1.0], [9.0, 9.0]])
    labels = np.array([0, 0, 1, 1, 2])
    d = np.sqrt(((x[:, None] - x[None]) ** 2).sum(2))
    expected = []
    for i in range(len(x)):
        own = labels == labels[i]
        if own.sum() == 1:
            expected.append(0.0)
            continue
        a = d[i, own].sum() / (own.sum() - 1)
        b = min(d[i, labels == c].mean() for c in set(labels.tolist()) - {labels[i]})
        expected.append((b - a) / max(a, b))
    assert abs(om.silhouette(x, labels) - np.mean(expected)) < 1e-12


def test_in_conversation_counts_votes_on_moderated_out_statements_as_polis():
    """Pol.is decides who is in the conversation on its raw rating matrix: a vote on a statement moderated out
    later still counts towards the min(7, n statements) votes."""
    votes, _ = planted(seed=3, sparsity=0.0)
    # participant 5000: 5 votes on shown statements and 2 on statements that are then hidden
    votes += [(5000, s, 1) for s in range(5)] + [(5000, 18, 1), (5000, 19, -1)]
    # participant 5001: only 6 votes in all
    votes += [(5001, s, 1) for s in range(6)]
    report = om.compute(om.VoteMatrix.from_votes(votes, hidden=[18, 19]))
    placed = {p["participant"] for p in report.points}
    assert 5000 in placed and 5001 not in placed
    assert report.n_statements == 18  # the hidden ones are still left out of the report's statements


def test_group_count_prefers_fewer_groups_on_a_near_tie():
    x = np.random.default_rng(0).normal(size=(60, 2))
    labels, scores, state = om.cluster_groups(x)
    top = max(scores.values())
    assert state["smoother"]["last_k"] == min(k for k in scores if scores[k] >= top - om.SILHOUETTE_MARGIN)
    assert len(set(labels.tolist())) == state["smoother"]["k"]


def test_statement_priority_follows_polis():
    new = om.statement_priority()
    assert new == (0.25 * 9) ** 2  # nobody has seen it: importance 1/2 x 1 x 1/2, novelty 1 + 8
    assert om.statement_priority(meta=True) == om.META_PRIORITY**2
    agreed = om.statement_priority(agree=20, passes=0, seen=20)
    passed = om.statement_priority(agree=0, passes=20, seen=20)
    assert agreed > 10 * passed
    assert om.statement_priority(agree=20, seen=20, extremity=2.0) > agreed  # loads on the map: earlier
    assert om.statement_priority(agree=1, passes=0, seen=2) > new > agreed  # newer statements get a chance


def test_report_carries_each_statements_priority_and_extremity():
    votes, _ = planted(seed=2)
    stats = {s["statement"]: s for s in om.compute(om.VoteMatrix.from_votes(votes)).statements}
    assert all(s["priority"] > 0 and s["extremity"] >= 0 for s in stats.values())
    # the divisive statements 0-9 load on the map far more than the consensus ones 10-14
    assert min(stats[s]["extremity"] for s in range(10)) > max(stats[s]["extremity"] for s in range(10, 15))


def test_from_votes_fast_path_matches_the_general_one():
    votes = [(3, 10, 1), (1, 10, -1), (3, 10, -1), (1, 11, 0), (2, 12, 5)]
    fast = om.VoteMatrix.from_votes(votes, hidden=[11], meta=[12])
    general = om.VoteMatrix.from_votes([(str(p), s, v) for p, s, v in votes], hidden=[11], meta=[12])
    assert fast.participants == [1, 2, 3] and fast.statements == [10, 11, 12]
    assert fast.hidden == [11] and fast.meta == [12]
    assert np.array_equal(fast.values, general.values, equal_nan=True)
    assert fast.values[2, 0] == -1  # the later vote of participant 3 on statement 10 wins


def test_sparse_pca_agrees_with_the_dense_one(monkeypatch):
    votes, _truth = planted(n_per_group=60, seed=4, sparsity=0.4)
    matrix = om.VoteMatrix.from_votes(votes)
    dense = om.compute(matrix)
    monkeypatch.setattr(om, "DENSE_CELLS", 0)  # every matrix counts as large: sparse centring, Lanczos
    sparse = om.compute(matrix)
    a = {p["participant"]: p["group"] for p in dense.points}
    b = {p["participant"]: p["group"] for p in sparse.points}
    assert adjusted_rand_score([a[p] for p in a], [b[p] for p in a]) == 1.0
    assert np.allclose(dense.state["components"], sparse.state["components"], atol=1e-6)
