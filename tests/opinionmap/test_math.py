"""The math on synthetic data with planted groups (no database)."""

import numpy as np

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
    assert om.adjusted_rand_index([truth[p] for p in labels], list(labels.values())) > 0.95
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
    assert om.adjusted_rand_index([truth[p] for p in labels], list(labels.values())) > 0.95


def test_later_vote_replaces_earlier_and_empty_matrix():
    m = om.VoteMatrix.from_votes([(1, 1, 1), (1, 1, -1)])
    assert m.values.tolist() == [[-1.0]]
    assert om.compute(om.VoteMatrix.from_votes([])).as_dict()["groups"] == []


def test_ari():
    assert om.adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert abs(om.adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-9
