"""Many members press "Support" on the same idea at the same moment, through real database connections.

Each thread opens its own connection (Django gives every thread one) and closes it when done. On SQLite the
settings' IMMEDIATE transactions and busy timeout serialise the writers; on PostgreSQL the idea row lock does.
The database constraint is the last line: whatever the timing, one member never supports an idea twice.

Why this module moves SQLite to a file: pytest-django's SQLite test database lives in memory with a shared cache.
There, SQLite locks tables rather than the database, and a second writer fails at once with "database table is
locked" (SQLITE_LOCKED) instead of waiting out the busy timeout, so threads cannot write side by side as they do
in production (a WAL file). For this module only, the in-memory test database is copied (schema and all, with the
sqlite3 backup API, in milliseconds) to a temporary file, and every thread connects to that file with the real
settings (WAL, IMMEDIATE, busy timeout). The in-memory database is left untouched and restored afterwards.
PostgreSQL needs none of this.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from cocreate.core.errors import Conflict
from cocreate.engagement.models import Support
from cocreate.engagement.services import support_add, support_toggle
from cocreate.ideas.models import Idea
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16


@pytest.fixture(scope="module", autouse=True)
def _threads_share_a_real_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """On SQLite, point this module's connections (every thread's) at a file copy of the test database."""
    with django_db_blocker.unblock():
        memory = connections["default"]
        if memory.vendor != "sqlite" or not memory.is_in_memory_db():
            yield
            return
        memory.ensure_connection()  # keeps the in-memory database alive while we work elsewhere
        path = tmp_path_factory.mktemp("concurrency") / "test.sqlite3"
        with sqlite3.connect(path) as target:
            memory.connection.backup(target)
        target.close()
        original_settings = connections.settings["default"]
        file_settings = {**original_settings, "NAME": str(path)}
        connections.settings["default"] = file_settings  # what new (thread) connections are built from
        connections["default"] = memory.__class__(file_settings, "default")
        try:
            yield
        finally:
            connections["default"].close()
            connections["default"] = memory
            connections.settings["default"] = original_settings


def _run_together(jobs: list[Callable[[], object]]) -> list[object]:
    """Start every job at the same instant (a barrier) and return each one's result or exception."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], object]) -> object:
        try:
            barrier.wait(timeout=10)
            return job()
        except Exception as exc:  # collected and asserted on by the test
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _file_backed_or_server_db() -> bool:
    return connection.vendor != "sqlite" or not connection.is_in_memory_db()


def test_test_database_is_shared_between_threads():
    # Django's in-memory SQLite test database is a shared-cache one, where a second writer fails at once with
    # "database table is locked" instead of waiting; the concurrency tests need a file or a server.
    assert _file_backed_or_server_db(), connection.settings_dict["TEST"]


def test_many_members_supporting_at_once_are_all_counted_once():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(1000, 30)]))
    members = MemberFactory.create_batch(THREADS)

    # when
    results = _run_together([lambda m=m: support_add(actor=m, idea=idea) for m in members])

    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    idea.refresh_from_db()
    assert idea.support_count == THREADS
    assert Support.objects.filter(idea=idea).count() == THREADS
    assert set(Support.objects.filter(idea=idea).values_list("member_id", flat=True)) == {m.pk for m in members}


def test_double_clicks_by_one_member_make_exactly_one_support():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(1000, 30)]))
    member = MemberFactory()

    # when
    results = _run_together([lambda: support_add(actor=member, idea=idea) for _ in range(8)])

    # then
    supports = [r for r in results if isinstance(r, Support)]
    refusals = [r for r in results if isinstance(r, Exception)]
    assert len(supports) == 1
    assert len(refusals) == 7
    assert all(isinstance(r, Conflict) and r.code == "already_supported" for r in refusals), refusals
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert Support.objects.filter(idea=idea, member=member).count() == 1


def test_supports_racing_over_the_threshold_move_the_idea_once():
    # given: a two-rung ladder; sixteen supporters arrive together, so both rungs are crossed in the rush
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(5, 30), (10, 30)]))
    members = MemberFactory.create_batch(THREADS)

    # when
    results = _run_together([lambda m=m: support_add(actor=m, idea=idea) for m in members])

    # then: every support counted; the idea reached the top exactly once and kept gathering support after
    assert [r for r in results if isinstance(r, Exception)] == []
    idea = Idea.objects.get(pk=idea.pk)
    assert idea.support_count == THREADS == Support.objects.filter(idea=idea).count()
    assert idea.status == "threshold_reached"
    assert list(idea.status_changes.values_list("to_status", flat=True)) == ["threshold_reached"]


def test_mixed_toggles_keep_the_count_equal_to_the_rows():
    # given: half the members already support the idea
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(1000, 30)]))
    members = MemberFactory.create_batch(THREADS)
    for member in members[: THREADS // 2]:
        support_add(actor=member, idea=idea)

    # when: everyone toggles at once (the first half take their support back, the others add theirs)
    results = _run_together([lambda m=m: support_toggle(actor=m, idea=idea) for m in members])

    # then
    assert [r for r in results if isinstance(r, Exception)] == []
    idea.refresh_from_db()
    rows = Support.objects.filter(idea=idea)
    assert idea.support_count == rows.count() == THREADS // 2
    assert set(rows.values_list("member_id", flat=True)) == {m.pk for m in members[THREADS // 2 :]}
