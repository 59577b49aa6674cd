"""The idea lifecycle and the support ladder: stages, clocks, expiry, the periodic job and progress."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.core.errors import Conflict
from cocreate.engagement.services import support_add
from cocreate.ideas.events import IdeaStageReached
from cocreate.ideas.lifecycle import (
    CLOSED_STATES,
    PUBLIC_STATES,
    SUPPORTABLE_STATES,
    TRANSITIONS,
    IdeaStatus,
    can_fire,
    target_of,
)
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import idea_progress
from cocreate.ideas.services import idea_advance_ladder, ideas_advance_lifecycle
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory

LADDER = [(2, 10), (4, 10), (6, 10)]


def _with_supports(idea, n):
    """Supports counted on the idea without going through the service (the job is what is under test)."""
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + n)
    return Idea.objects.get(pk=idea.pk)


def _support(idea, n):
    for member in MemberFactory.create_batch(n):
        support_add(actor=member, idea=idea)
    return Idea.objects.get(pk=idea.pk)


# ---- the transition table -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", IdeaStatus.values)
@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_every_transition_fires_exactly_from_its_sources(status, name):
    transition = TRANSITIONS[name]
    if status in transition.sources:
        assert can_fire(status, name)
        assert target_of(status, name) == transition.target
    else:
        assert not can_fire(status, name)
        with pytest.raises(Conflict) as refusal:
            target_of(status, name)
        assert refusal.value.code == "invalid_transition"


def test_unknown_transitions_never_fire():
    assert not can_fire(IdeaStatus.PUBLISHED, "teleport")
    with pytest.raises(Conflict):
        target_of(IdeaStatus.PUBLISHED, "teleport")


def test_closed_ideas_only_come_back_by_reopening_merging_or_undoing_a_merge():
    leaving = {name for name, t in TRANSITIONS.items() if t.sources & CLOSED_STATES}
    assert leaving == {"reopen", "merge", "unmerge"}


def test_unmerge_restores_exactly_the_state_before_the_merge():
    assert target_of("merged", "unmerge", restore_to="under_review") == "under_review"
    assert target_of("merged", "unmerge") == "published"
    with pytest.raises(Conflict):
        target_of("merged", "unmerge", restore_to="accepted")


def test_supportable_states_are_public():
    assert SUPPORTABLE_STATES <= PUBLIC_STATES
    assert not SUPPORTABLE_STATES & CLOSED_STATES


# ---- a single threshold ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reaching_a_single_threshold_marks_the_idea(on_commit):
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(3, 30)]))

    # when
    with on_commit() as callbacks:
        idea = _support(idea, 3)

    # then
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert idea.stage_index == 0
    change = idea.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == (
        IdeaStatus.PUBLISHED,
        IdeaStatus.THRESHOLD_REACHED,
        None,
    )
    assert change.note
    assert idea.status_changed_at is not None
    assert len(callbacks) == 3 + 1 + 1  # three SupportAdded, IdeaStageReached, IdeaStatusChanged


@pytest.mark.django_db
def test_one_short_of_the_threshold_keeps_climbing():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(3, 30)]))

    # when
    idea = _support(idea, 2)

    # then
    assert idea.status == IdeaStatus.PUBLISHED
    assert not idea.status_changes.exists()


@pytest.mark.django_db
def test_an_idea_that_reached_its_threshold_still_gathers_support():
    # given
    idea = _support(IdeaFactory(campaign=CampaignFactory(stages=[(1, 30)])), 1)

    # when
    idea = _support(idea, 2)

    # then
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert idea.support_count == 3
    assert idea.status_changes.count() == 1


# ---- the ladder -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_stage_reached_restarts_the_clock():
    # given: published five days ago on a three-stage ladder
    published = timezone.now() - timedelta(days=5)
    idea = IdeaFactory(campaign=CampaignFactory(stages=LADDER), published_at=published)

    # when: the second supporter arrives
    before = timezone.now()
    idea = _support(idea, 2)

    # then: stage two, its clock started when the first stage was reached
    assert idea.status == IdeaStatus.PUBLISHED
    assert idea.stage_index == 1
    assert before <= idea.stage_started_at <= timezone.now()
    assert idea.published_at == published


@pytest.mark.django_db
def test_the_new_window_counts_from_the_stage_reached_not_from_publication():
    # given: stage one reached on day 8 of its 10-day window
    t0 = timezone.now() - timedelta(days=30)
    idea = IdeaFactory(campaign=CampaignFactory(stages=LADDER), published_at=t0)
    reached = t0 + timedelta(days=8)
    idea = _with_supports(idea, 2)
    ideas_advance_lifecycle(now=reached)

    # when: day 15 (past the first window, inside the second)
    counts = ideas_advance_lifecycle(now=t0 + timedelta(days=15))

    # then
    idea.refresh_from_db()
    assert (idea.status, idea.stage_index, idea.stage_started_at) == (IdeaStatus.PUBLISHED, 1, reached)
    assert counts["expired"] == 0

    # when: the second window ends (day 18)
    ideas_advance_lifecycle(now=reached + timedelta(days=10))

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.EXPIRED
    assert idea.status_changes.get().note == "Did not reach 4 supporters in time."


@pytest.mark.django_db
def test_climbing_the_whole_ladder_reaches_the_threshold(on_commit):
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=LADDER))

    # when: one supporter at a time
    with on_commit() as callbacks:
        idea = _support(idea, 6)

    # then
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert idea.stage_index == len(LADDER) - 1
    assert list(idea.status_changes.values_list("to_status", flat=True)) == [IdeaStatus.THRESHOLD_REACHED]
    assert len(callbacks) == 6 + 3 + 1


@pytest.mark.django_db
def test_several_stages_crossed_at_once_are_all_announced_in_order(monkeypatch):
    # given: a batch of supports counted together carries the idea over two rungs
    idea = _with_supports(IdeaFactory(campaign=CampaignFactory(stages=LADDER)), 5)
    published = []
    monkeypatch.setattr("cocreate.ideas.services.publish", published.append)
    now = timezone.now()

    # when
    with transaction.atomic():
        idea = idea_advance_ladder(idea=Idea.objects.select_for_update().get(pk=idea.pk), now=now)

    # then: stages one (2) and two (4) reached now; three (6) not yet
    assert [(e.stage_number, e.threshold) for e in published if isinstance(e, IdeaStageReached)] == [(1, 2), (2, 4)]
    idea.refresh_from_db()
    assert (idea.status, idea.stage_index, idea.stage_started_at) == (IdeaStatus.PUBLISHED, 2, now)


@pytest.mark.django_db
def test_expiry_comes_exactly_at_the_end_of_the_window():
    # given
    t0 = timezone.now() - timedelta(days=60)
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(5, 10)]), published_at=t0)
    deadline = t0 + timedelta(days=10)

    # when: one microsecond before the deadline
    ideas_advance_lifecycle(now=deadline - timedelta(microseconds=1))

    # then
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.PUBLISHED

    # when: at the deadline
    counts = ideas_advance_lifecycle(now=deadline)

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.EXPIRED
    assert idea.status_changed_at == deadline
    assert counts == {"expired": 1, "threshold_reached": 0, "checked": 1}


@pytest.mark.django_db
def test_supports_that_arrive_after_the_window_do_not_count_towards_it():
    # given: the window closed yesterday but the periodic job has not run yet; one more support is needed
    t0 = timezone.now() - timedelta(days=11)
    idea = _with_supports(IdeaFactory(campaign=CampaignFactory(stages=[(2, 10)]), published_at=t0), 1)

    # when: the missing support arrives late
    idea = _support(idea, 1)

    # then: the support is recorded, but the idea missed its window
    assert idea.support_count == 2
    assert idea.status == IdeaStatus.EXPIRED


@pytest.mark.django_db
def test_the_periodic_job_is_idempotent():
    # given: one idea due to expire, one due to reach its threshold, one on its way
    t0 = timezone.now() - timedelta(days=20)
    campaign = CampaignFactory(stages=[(3, 10)])
    expiring = IdeaFactory(campaign=campaign, published_at=t0)
    reaching = _with_supports(IdeaFactory(campaign=campaign, published_at=timezone.now()), 3)
    climbing = IdeaFactory(campaign=campaign, published_at=timezone.now())
    now = timezone.now()

    # when
    first = ideas_advance_lifecycle(now=now)
    state = {i.pk: (i.status, i.stage_index, i.stage_started_at, i.updated_at) for i in Idea.objects.all()}
    changes = [c.pk for i in Idea.objects.all() for c in i.status_changes.all()]
    second = ideas_advance_lifecycle(now=now)

    # then
    assert first == {"expired": 1, "threshold_reached": 1, "checked": 2}
    assert second == {"expired": 0, "threshold_reached": 0, "checked": 0}
    assert {i.pk: (i.status, i.stage_index, i.stage_started_at, i.updated_at) for i in Idea.objects.all()} == state
    assert [c.pk for i in Idea.objects.all() for c in i.status_changes.all()] == changes
    assert Idea.objects.get(pk=expiring.pk).status == IdeaStatus.EXPIRED
    assert Idea.objects.get(pk=reaching.pk).status == IdeaStatus.THRESHOLD_REACHED
    assert Idea.objects.get(pk=climbing.pk).status == IdeaStatus.PUBLISHED


@pytest.mark.django_db
def test_the_periodic_job_touches_only_due_ideas():
    # given: old ideas that are not climbing, and a climbing idea well inside its window
    long_ago = timezone.now() - timedelta(days=400)
    campaign = CampaignFactory(stages=[(3, 10)])
    untouchable = [
        IdeaFactory(campaign=campaign, status=status, published_at=long_ago)
        for status in (IdeaStatus.THRESHOLD_REACHED, IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.DRAFT)
    ]
    untouchable.append(IdeaFactory(campaign=campaign, status=IdeaStatus.PUBLISHED, stage_started_at=None))
    fresh = IdeaFactory(campaign=campaign)
    before = {i.pk: Idea.objects.get(pk=i.pk).updated_at for i in [*untouchable, fresh]}

    # when
    counts = ideas_advance_lifecycle()

    # then
    assert counts == {"expired": 0, "threshold_reached": 0, "checked": 0}
    assert {pk: Idea.objects.get(pk=pk).updated_at for pk in before} == before


@pytest.mark.django_db
def test_the_periodic_job_with_no_climbing_ideas_does_nothing(django_assert_max_num_queries):
    # given
    IdeaFactory(status=IdeaStatus.ACCEPTED)

    # when / then
    with django_assert_max_num_queries(2):
        assert ideas_advance_lifecycle() == {"expired": 0, "threshold_reached": 0, "checked": 0}


@pytest.mark.django_db
def test_each_campaign_uses_its_own_ladder():
    # given: the same age and support, different ladders
    t0 = timezone.now() - timedelta(days=15)
    short = _with_supports(IdeaFactory(campaign=CampaignFactory(stages=[(10, 10)]), published_at=t0), 3)
    long = _with_supports(IdeaFactory(campaign=CampaignFactory(stages=[(10, 30)]), published_at=t0), 3)
    low = _with_supports(IdeaFactory(campaign=CampaignFactory(stages=[(3, 30)]), published_at=t0), 3)

    # when
    ideas_advance_lifecycle()

    # then
    assert Idea.objects.get(pk=short.pk).status == IdeaStatus.EXPIRED
    assert Idea.objects.get(pk=long.pk).status == IdeaStatus.PUBLISHED
    assert Idea.objects.get(pk=low.pk).status == IdeaStatus.THRESHOLD_REACHED


# ---- progress -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_reads_73_of_100_with_41_days_left():
    # given
    now = timezone.now()
    idea = IdeaFactory(
        campaign=CampaignFactory(stages=[(100, 60)]),
        support_count=73,
        published_at=now - timedelta(days=19),
    )

    # when
    progress = idea_progress(idea, now=now)

    # then
    assert (progress.supporters, progress.threshold, progress.percent) == (73, 100, 73)
    assert (progress.stage_number, progress.stages_total) == (1, 1)
    assert progress.deadline == now + timedelta(days=41)
    assert progress.days_left == 41
    assert progress.climbing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("remaining", "days_left"),
    [
        (timedelta(days=2), 2),
        (timedelta(days=2, seconds=1), 3),
        (timedelta(days=2, microseconds=1), 3),
        (timedelta(days=1, hours=23, minutes=59), 2),
        (timedelta(seconds=1), 1),
        (timedelta(0), 0),
        (timedelta(seconds=-1), 0),
        (timedelta(days=-5), 0),
    ],
)
def test_days_left_count_any_part_of_a_day_as_a_day(remaining, days_left):
    # given
    now = timezone.now()
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(100, 10)]), published_at=now)

    # when
    progress = idea_progress(idea, now=now + timedelta(days=10) - remaining)

    # then
    assert progress.days_left == days_left


@pytest.mark.django_db
def test_progress_on_a_ladder_shows_the_stage_being_climbed():
    # given
    idea = _support(IdeaFactory(campaign=CampaignFactory(stages=LADDER)), 3)

    # when
    progress = idea_progress(idea)

    # then: stage 2 of 3, 3 of 4, ten days from now
    assert (progress.stage_number, progress.stages_total) == (2, 3)
    assert (progress.supporters, progress.threshold, progress.percent) == (3, 4, 75)
    assert progress.days_left == 10


@pytest.mark.django_db
def test_progress_after_the_threshold_is_full_and_has_no_clock():
    # given
    idea = _support(IdeaFactory(campaign=CampaignFactory(stages=[(2, 10), (3, 10)])), 4)

    # when
    progress = idea_progress(idea)

    # then
    assert (progress.stage_number, progress.threshold, progress.percent) == (2, 3, 100)
    assert not progress.climbing
    assert progress.deadline is None
    assert progress.days_left is None


@pytest.mark.django_db
def test_no_ladder_no_progress():
    # given
    idea = IdeaFactory()
    idea.campaign.support_stages.all().delete()

    # when / then
    assert idea_progress(idea) is None
    assert ideas_advance_lifecycle() == {"expired": 0, "threshold_reached": 0, "checked": 0}


# ---- properties -----------------------------------------------------------------------------------------


def _model(ladder, steps):
    """The ladder as the product describes it, in plain Python: what the periodic job should arrive at."""
    status, stage, start, count, reached = "published", 0, 0, 0, []
    t = 0
    for elapsed, added in steps:
        t += elapsed
        count += added
        if status != "published":
            continue
        if t >= start + ladder[stage][1]:
            status = "expired"
            continue
        while stage < len(ladder) and count >= ladder[stage][0]:
            stage, start = stage + 1, t
            reached.append(stage)
        if stage == len(ladder):
            status, stage = "threshold_reached", len(ladder) - 1
    return status, stage, reached


ladders = st.lists(st.tuples(st.integers(1, 4), st.integers(1, 5)), min_size=1, max_size=3).map(
    lambda rungs: [(sum(r[0] for r in rungs[: i + 1]), rungs[i][1]) for i in range(len(rungs))]
)
steps = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=12)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ladder=ladders, steps=steps)
def test_the_periodic_job_follows_the_ladder_and_never_skips_a_status(ladder, steps):
    # given
    t0 = timezone.now().replace(microsecond=0) - timedelta(days=365)
    with transaction.atomic():
        idea = IdeaFactory(campaign=CampaignFactory(stages=ladder), published_at=t0)
        seen, t = [IdeaStatus.PUBLISHED], t0

        # when: supports arrive over the days and the job runs after each batch
        for elapsed, added in steps:
            t += timedelta(days=elapsed)
            _with_supports(idea, added)
            ideas_advance_lifecycle(now=t)
            idea.refresh_from_db()
            if idea.status != seen[-1]:
                seen.append(idea.status)

        # then: the same end as the model, reached in one step from "published"
        status, stage, _reached = _model(ladder, [(e, a) for e, a in steps])
        assert (idea.status, idea.stage_index) == (status, stage)
        assert seen in (["published"], ["published", "threshold_reached"], ["published", "expired"])
        transaction.set_rollback(True)
