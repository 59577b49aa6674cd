"""The replay schedule of benchmarks/polis_replay.py: order, gap cutting, speed, hidden statements, limit."""

from types import SimpleNamespace

from benchmarks.polis_replay import pct, schedule

# (timestamp ms, voter, comment id, vote); comment 9 is hidden (not in `shown`)
VOTES = [(0, 1, 1, 1), (500, 2, 1, -1), (600_500, 1, 9, 0), (601_000, 3, 2, 0), (601_200, 1, 2, 1)]
SHOWN = {1: 101, 2: 102}


def test_gaps_above_max_gap_are_cut_and_the_rest_sped_up():
    plan, info = schedule(VOTES, SHOWN, SimpleNamespace(limit=0, max_gap=1.0, speed=10.0))
    assert [(voter, statement, value) for _off, voter, statement, value in plan] == [
        (1, 101, 1),
        (2, 101, -1),
        (3, 102, 0),
        (1, 102, 1),
    ]
    # gaps 0.5 s, 600.5 s -> 1 s, 0.2 s; divided by 10
    assert [round(off, 3) for off, *_ in plan] == [0.0, 0.05, 0.15, 0.17]
    assert info["gaps_cut"] == 1
    assert info["skipped_hidden"] == 1
    assert round(info["real_span_s"], 1) == 601.2
    assert round(info["schedule_s"], 2) == 0.17


def test_limit_keeps_the_first_votes():
    plan, _info = schedule(VOTES, SHOWN, SimpleNamespace(limit=2, max_gap=60.0, speed=1.0))
    assert [off for off, *_ in plan] == [0.0, 0.5]


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert pct(values, 50) == 50.0
    assert pct(values, 95) == 95.0
    assert pct(values, 100) == 100.0
    assert pct([3.0], 99) == 3.0
