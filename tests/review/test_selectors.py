from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review import selectors, services
from cocreate.review.models import EntryReason
from tests.factories import CampaignFactory, IdeaFactory, staff

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
PUB = NOW - timedelta(days=40)
DAY = timedelta(days=1)


# ---- response-promise arithmetic (30 days) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("answered", "now", "state"),
    [
        (PUB + 30 * DAY, NOW, "answered_on_time"),  # exactly at the deadline
        (PUB + 30 * DAY + timedelta(seconds=1), NOW, "answered_late"),  # one second late
        (PUB + DAY, NOW, "answered_on_time"),
        (None, PUB + 30 * DAY, "due_soon"),  # at the deadline, unanswered: not overdue yet
        (None, PUB + 30 * DAY + timedelta(seconds=1), "overdue"),
        (None, PUB + 23 * DAY - timedelta(seconds=1), "not_due"),  # more than 7 days left
        (None, PUB + 23 * DAY, "due_soon"),  # exactly 7 days left
    ],
)
def test_promise_state_edges(answered, now, state):
    assert selectors.promise_state(PUB, 30, answered, now) == state


def test_deadline_is_publication_plus_days():
    assert selectors.response_deadline(PUB, 30) == PUB + 30 * DAY


def test_promise_stats_counts_only_answered_or_past_due(campaign):
    on_time = IdeaFactory(campaign=campaign, published_at=PUB)
    late = IdeaFactory(campaign=campaign, published_at=PUB)
    IdeaFactory(campaign=campaign, published_at=PUB)  # overdue
    IdeaFactory(campaign=campaign, published_at=NOW - DAY)  # not yet due: not counted
    IdeaFactory(campaign=campaign, published_at=PUB, status=IdeaStatus.WITHDRAWN)  # taken back: not counted
    services.record_first_response(idea_id=on_time.pk, at=PUB + 30 * DAY, kind="official_comment")
    services.record_first_response(idea_id=late.pk, at=PUB + 30 * DAY + timedelta(seconds=1), kind="decision")

    stats = selectors.promise_stats(campaign, now=NOW)

    assert (stats.on_time, stats.late, stats.overdue, stats.waiting) == (1, 1, 1, 1)
    assert stats.share == 33


def test_promise_stats_without_data():
    assert selectors.promise_stats(CampaignFactory(), now=NOW).share is None


def test_awaiting_response_oldest_first_and_scoped(campaign, facilitator):
    newer_overdue = IdeaFactory(campaign=campaign, published_at=NOW - 31 * DAY)
    oldest = IdeaFactory(campaign=campaign, published_at=NOW - 50 * DAY)
    soon = IdeaFactory(campaign=campaign, published_at=NOW - 25 * DAY)
    IdeaFactory(campaign=campaign, published_at=NOW - 2 * DAY)  # not due
    answered = IdeaFactory(campaign=campaign, published_at=NOW - 60 * DAY)
    services.record_first_response(idea_id=answered.pk, at=NOW - 59 * DAY, kind="official_comment")
    IdeaFactory(published_at=NOW - 50 * DAY)  # another campaign

    waiting = selectors.ideas_awaiting_response(facilitator, now=NOW)

    assert [(w.idea.pk, w.state) for w in waiting] == [
        (oldest.pk, "overdue"),
        (newer_overdue.pk, "overdue"),
        (soon.pk, "due_soon"),
    ]


def test_awaiting_response_respects_each_campaigns_promise(facilitator):
    strict = CampaignFactory(response_promise_days=7)
    staff_all = staff(Role.ADMIN)
    idea = IdeaFactory(campaign=strict, published_at=NOW - 8 * DAY)

    assert [w.idea.pk for w in selectors.ideas_awaiting_response(staff_all, now=NOW)] == [idea.pk]
    assert selectors.ideas_awaiting_response(facilitator, now=NOW) == []


# ---- consensus -----------------------------------------------------------------------------------------


def test_summary_shows_totals_and_flags_high_spread(idea, campaign, facilitator, reviewer, reviewer2):
    impact, feasibility = campaign.criteria.all()
    for r in (reviewer, reviewer2):
        services.review_assign(actor=facilitator, idea=idea, reviewer=r)
    services.scorecard_submit(actor=reviewer, idea=idea, scores={impact.pk: 5, feasibility.pk: 5})
    services.scorecard_submit(actor=reviewer2, idea=idea, scores={impact.pk: 1, feasibility.pk: 5})

    summary = selectors.review_summary(idea)

    assert [c.weighted_total for c in summary.scorecards] == [Decimal("5.00"), Decimal("2.00")]
    assert summary.weighted_total == Decimal("3.50")
    assert summary.spread == Decimal("3.00") and summary.high_spread
    assert [(p.average, p.spread) for p in summary.per_criterion] == [(3, 4), (5, 0)]


def test_close_scores_are_not_flagged(idea, campaign, facilitator, reviewer, reviewer2):
    impact, feasibility = campaign.criteria.all()
    for r, s in ((reviewer, 4), (reviewer2, 3)):
        services.review_assign(actor=facilitator, idea=idea, reviewer=r)
        services.scorecard_submit(actor=r, idea=idea, scores={impact.pk: s, feasibility.pk: s})

    assert not selectors.review_summary(idea).high_spread


# ---- the queue and the timeline ------------------------------------------------------------------------


def test_queue_filters(idea, campaign, facilitator, reviewer):
    other = IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED)
    services.review_enter(idea=other, reason=EntryReason.THRESHOLD)
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    services.review_move_stage(actor=facilitator, idea=other, stage=services.review_stages_ensure(campaign)[1])

    assert [i.idea_id for i in selectors.review_queue(facilitator)] == [idea.pk, other.pk]
    assert [i.idea_id for i in selectors.review_queue(reviewer, mine=True)] == [idea.pk]
    assert [i.idea_id for i in selectors.review_queue(facilitator, stage="Expert review")] == [other.pk]
    assert [i.idea_id for i in selectors.review_queue(facilitator, assignee=reviewer.pk)] == [idea.pk]


def test_queue_query_count_is_flat(idea, campaign, facilitator, reviewer, django_assert_max_num_queries):
    for _ in range(5):
        i = IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED)
        services.review_enter(idea=i, reason=EntryReason.THRESHOLD)
        services.review_assign(actor=facilitator, idea=i, reviewer=reviewer)

    with django_assert_max_num_queries(4):
        rows = [
            (
                i.idea.title,
                [a.reviewer.public_name for a in i.idea.review_assignments.all()],
                len(i.idea.scorecards.all()),
            )
            for i in selectors.review_queue(facilitator)
        ]
    assert len(rows) == 6


def test_idea_timeline_tells_the_story_in_order(idea, campaign, facilitator, reviewer, on_commit):
    from cocreate.ideas.selectors import idea_timeline

    impact, feasibility = campaign.criteria.all()
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    services.scorecard_submit(
        actor=reviewer, idea=idea, scores={impact.pk: 4, feasibility.pk: 3}, public_note="Solid, costs look fair."
    )
    services.review_move_stage(actor=facilitator, idea=idea, stage=services.review_stages_ensure(campaign)[2])
    with on_commit(execute=True):
        services.decision_make(
            actor=facilitator, idea=idea, outcome="accepted", explanation="We build it next spring on Main Street."
        )

    entries = idea_timeline(idea)
    kinds = [e.kind for e in entries]
    assert kinds.index("reviewer_note") < kinds.index("decision")
    decision = next(e for e in entries if e.kind == "decision")
    assert decision.title == "Accepted" and decision.detail == "We build it next spring on Main Street."
    note = next(e for e in entries if e.kind == "reviewer_note")
    assert note.detail == "Solid, costs look fair." and note.actor_name == reviewer.public_name
    assert any(e.title == "Review stage: Decision" for e in entries)
    assert [e.at for e in entries] == sorted(e.at for e in entries)
