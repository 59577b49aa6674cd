"""Reactions cannot be lost: recorded with the write, run once it commits, retried until they succeed, and a
failure is shown to admins — never only a log line."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from freezegun import freeze_time

from cocreate.accounts.models import Role
from cocreate.core import events, reactions
from cocreate.core.events import DomainEvent, publish, reaction
from cocreate.core.models import ReactionRun
from cocreate.core.tasks import retry_reactions, run_reactions
from cocreate.ideas.models import Tag
from tests.factories import MemberFactory, TagFactory, staff

Status = ReactionRun.Status


@dataclass(frozen=True)
class ThingHappened(DomainEvent):
    thing_id: int


@dataclass(frozen=True)
class QuietThing(DomainEvent):
    thing_id: int


class Flaky:
    """A reaction whose effect is one new row per call (deliberately not idempotent by itself, so a duplicated
    effect would show), failing its first `failures` calls after writing."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.calls = 0

    def __call__(self, event: ThingHappened) -> None:
        self.calls += 1
        TagFactory(name=f"effect-{event.thing_id}-{self.calls}")
        if self.calls <= self.failures:
            raise RuntimeError(f"the search index is down (call {self.calls})")


@pytest.fixture
def registry():
    """Register reactions for the test's event types only, and restore the registry afterwards."""
    before = ({k: list(v) for k, v in events._reactions.items()}, dict(events.reactions_by_name))
    yield
    events._reactions.clear()
    events._reactions.update(before[0])
    events.reactions_by_name.clear()
    events.reactions_by_name.update(before[1])


def register(function, event_type=ThingHappened, **options) -> str:
    """Register `function` under a name of its own (reactions are found again by name when they run)."""

    def react(event):
        function(event)

    react.__qualname__ = f"react_{id(function)}"
    reaction(event_type, **options)(react)
    return f"{react.__module__}.{react.__qualname__}:{event_type.__name__}"


def effects(thing_id: int) -> int:
    return Tag.objects.filter(name__startswith=f"effect-{thing_id}-").count()


@pytest.fixture
def queued(settings):
    """A queue that holds tasks instead of running them (as the real queue does until a worker takes them)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


# ---- recorded with the write, run on commit ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_reaction_runs_once_after_the_write_commits(registry):
    # given
    flaky = Flaky()
    handler = register(flaky)

    # when
    with transaction.atomic():
        publish(ThingHappened(thing_id=1))
        # then: recorded in the same transaction, not run yet
        assert ReactionRun.objects.get().status == Status.PENDING
        assert flaky.calls == 0

    # then: the immediate test queue ran it on commit
    run = ReactionRun.objects.get()
    assert (run.handler, run.status, run.attempts, run.payload) == (handler, Status.DONE, 1, {"thing_id": 1})
    assert effects(1) == 1


@pytest.mark.django_db(transaction=True)
def test_an_event_published_in_a_rolled_back_transaction_enqueues_nothing(registry, queued):
    # given
    flaky = Flaky()
    register(flaky)

    # when
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(ThingHappened(thing_id=2))
        raise RuntimeError("the write failed")

    # then
    assert not ReactionRun.objects.exists()
    assert queued.results == []
    assert flaky.calls == 0


@pytest.mark.django_db(transaction=True)
def test_a_reaction_filtered_out_by_when_records_nothing(registry):
    # given
    flaky = Flaky()
    register(flaky, when=lambda event: event.thing_id > 10)

    # when
    publish(ThingHappened(thing_id=3))

    # then
    assert not ReactionRun.objects.exists() and flaky.calls == 0


@pytest.mark.django_db(transaction=True)
def test_one_task_runs_all_reactions_of_an_event_and_one_failure_does_not_stop_the_others(registry, queued):
    # given
    broken, working = Flaky(failures=1), Flaky()
    register(broken)
    register(working, event_type=DomainEvent)  # subscribers of a base event receive its subclasses

    # when
    publish(ThingHappened(thing_id=4))
    publish(QuietThing(thing_id=5))

    # then: one task per event
    assert [r.args for r in queued.results] == [
        [ReactionRun.objects.filter(event_type__endswith="ThingHappened").first().event_id],
        [ReactionRun.objects.filter(event_type__endswith="QuietThing").first().event_id],
    ]
    for result in queued.results:
        run_reactions.call(*result.args)
    assert broken.calls == 1 and working.calls == 2
    assert sorted(ReactionRun.objects.values_list("status", flat=True)) == [Status.DONE, Status.DONE, Status.FAILED]


# ---- failures: recorded, shown, retried, never duplicated ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_failing_reaction_is_recorded_shown_to_admins_retried_and_writes_once(registry, client):
    # given: a reaction that fails its first attempt after writing
    flaky = Flaky(failures=1)
    register(flaky)

    # when
    publish(ThingHappened(thing_id=6))

    # then: failed, its write undone, the error and the next attempt recorded
    run = ReactionRun.objects.get()
    assert (run.status, run.attempts) == (Status.FAILED, 1)
    assert "the search index is down (call 1)" in run.last_error
    assert run.next_attempt_at > timezone.now()
    assert effects(6) == 0

    # then: admins see it with its error
    client.force_login(staff(Role.ADMIN))
    page = client.get(reverse("core:reactions")).content.decode()
    assert "the search index is down" in page and run.handler in page

    # when: the periodic job runs before the backoff is over, then after it
    assert retry_reactions.call()["retried"] == 0
    with freeze_time(run.next_attempt_at + timedelta(seconds=1)):
        summary = retry_reactions.call()

    # then: it ran again (the test queue runs tasks at once) and wrote exactly once
    run.refresh_from_db()
    assert summary["retried"] == 1
    assert (run.status, run.attempts, run.last_error) == (Status.DONE, 2, "")
    assert effects(6) == 1

    # when: the job and a duplicate task come again
    retry_reactions.call()
    run_reactions.call(run.event_id)

    # then: nothing runs twice
    assert flaky.calls == 2 and effects(6) == 1
    assert "the search index is down" not in client.get(reverse("core:reactions")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_reaction_that_keeps_failing_gives_up_and_waits_for_an_admin(registry, client):
    # given
    flaky = Flaky(failures=reactions.MAX_ATTEMPTS)
    register(flaky)
    publish(ThingHappened(thing_id=7))

    # when: every retry is due and fails
    for _ in range(reactions.MAX_ATTEMPTS - 1):
        run = ReactionRun.objects.get()
        with freeze_time(run.next_attempt_at + timedelta(seconds=1)):
            retry_reactions.call()

    # then: it gave up, and the job leaves it alone
    run = ReactionRun.objects.get()
    assert (run.status, run.attempts, run.next_attempt_at, run.gave_up) == (
        Status.FAILED,
        reactions.MAX_ATTEMPTS,
        None,
        True,
    )
    with freeze_time(timezone.now() + timedelta(days=30)):
        assert retry_reactions.call()["retried"] == 0
    assert flaky.calls == reactions.MAX_ATTEMPTS
    client.force_login(staff(Role.ADMIN))
    assert "Gave up" in client.get(reverse("core:reactions")).content.decode()

    # when: the cause is fixed and an admin presses retry
    response = client.post(reverse("core:reaction_retry", args=[run.pk]))

    # then
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.attempts) == (Status.DONE, 1)
    assert effects(7) == 1


@pytest.mark.django_db(transaction=True)
def test_backoff_grows_between_attempts(registry):
    # given
    register(Flaky(failures=3))
    publish(ThingHappened(thing_id=8))
    waits = []

    # when
    for _ in range(3):
        run = ReactionRun.objects.get()
        waits.append(run.next_attempt_at - run.finished_at)
        with freeze_time(run.next_attempt_at + timedelta(seconds=1)):
            retry_reactions.call()

    # then
    assert waits[0] < waits[1] < waits[2]
    assert ReactionRun.objects.get().status == Status.DONE


# ---- nothing lost when the queue or a worker is gone -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_queue_outage_at_commit_loses_nothing(registry, monkeypatch):
    # given: the queue refuses the task (Redis down)
    flaky = Flaky()
    register(flaky)

    def down(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr("django_tasks.backends.immediate.ImmediateBackend.enqueue", down)

    # when: the write commits anyway
    publish(ThingHappened(thing_id=9))

    # then: the run waits, marked as never enqueued
    run = ReactionRun.objects.get()
    assert (run.status, run.enqueued_at, flaky.calls) == (Status.PENDING, None, 0)

    # when: the queue is back and the periodic job runs
    monkeypatch.undo()
    retry_reactions.call()

    # then
    run.refresh_from_db()
    assert run.status == Status.DONE and effects(9) == 1


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_worker_died_runs_again_and_the_late_worker_cannot_finish_it(registry, queued):
    # given: a worker claimed the run and was killed (RUNNING, no DONE mark)
    flaky = Flaky()
    register(flaky)
    publish(ThingHappened(thing_id=10))
    run = ReactionRun.objects.get()
    ReactionRun.objects.filter(pk=run.pk).update(status=Status.RUNNING, started_at=timezone.now(), attempts=1)

    # when: the lease has not expired yet
    assert retry_reactions.call()["abandoned"] == 0

    # when: it has
    with freeze_time(timezone.now() + reactions.LEASE + timedelta(seconds=1)):
        summary = retry_reactions.call()
        run_reactions.call(run.event_id)

    # then
    run.refresh_from_db()
    assert summary["abandoned"] == 1
    assert (run.status, run.attempts, effects(10)) == (Status.DONE, 2, 1)


@pytest.mark.django_db(transaction=True)
def test_a_run_taken_over_while_running_undoes_its_own_writes(registry, queued):
    # given: while the reaction runs, its lease is taken by another worker
    def slow(event):
        TagFactory(name=f"effect-{event.thing_id}-slow")
        ReactionRun.objects.filter(event_id=event.event_id).update(started_at=timezone.now() + timedelta(hours=1))

    register(slow)
    publish(ThingHappened(thing_id=11))

    # when
    outcome = reactions.run_one(ReactionRun.objects.get().pk)

    # then: its writes rolled back; the run belongs to the other worker
    assert outcome == "skipped"
    assert effects(11) == 0
    assert ReactionRun.objects.get().status == Status.RUNNING


@pytest.mark.django_db(transaction=True)
def test_done_runs_are_purged_after_a_week_failed_ones_are_kept(registry):
    # given
    register(Flaky(failures=99), event_type=QuietThing)
    register(Flaky())
    publish(ThingHappened(thing_id=12))
    publish(QuietThing(thing_id=13))

    # when
    with freeze_time(timezone.now() + reactions.KEEP_DONE + timedelta(days=1)):
        summary = retry_reactions.call()

    # then
    assert summary["purged"] == 1
    assert list(ReactionRun.objects.values_list("event_type", flat=True)) == ["tests.core.test_reactions.QuietThing"]


# ---- the staff page and the admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_admins_see_and_retry_failed_reactions(client, registry):
    # given
    register(Flaky(failures=1))
    publish(ThingHappened(thing_id=14))
    run = ReactionRun.objects.get()
    ReactionRun.objects.filter(pk=run.pk).update(status=Status.FAILED, last_error="boom", attempts=1)

    for user in (MemberFactory(), staff(Role.FACILITATOR), staff(Role.MODERATOR)):
        client.force_login(user)
        # when / then
        assert client.get(reverse("core:reactions")).status_code == 403
        assert client.post(reverse("core:reaction_retry", args=[run.pk])).status_code == 403
    run.refresh_from_db()
    assert (run.status, run.attempts) == (Status.FAILED, 1)

    client.logout()
    assert client.get(reverse("core:reactions")).status_code == 302  # to the sign-in page


@pytest.mark.django_db
def test_retrying_a_run_that_is_not_failed_is_refused(client, registry, queued):
    # given
    register(Flaky())
    publish(ThingHappened(thing_id=15))
    run = ReactionRun.objects.get()
    ReactionRun.objects.filter(pk=run.pk).update(status=Status.DONE)
    client.force_login(staff(Role.ADMIN))

    # when
    response = client.post(reverse("core:reaction_retry", args=[run.pk]), follow=True)

    # then
    assert "Only a failed reaction can be retried." in response.content.decode()
    run.refresh_from_db()
    assert run.status == Status.DONE


@pytest.mark.django_db
def test_the_admin_site_shows_reaction_runs_read_only(admin_client, registry):
    # given
    register(Flaky())
    publish(ThingHappened(thing_id=16))
    run = ReactionRun.objects.get()

    # when / then
    assert admin_client.get(reverse("admin:core_reactionrun_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:core_reactionrun_add")).status_code == 403
    delete = admin_client.post(reverse("admin:core_reactionrun_delete", args=[run.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert ReactionRun.objects.filter(pk=run.pk).exists()
