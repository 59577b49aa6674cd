from decimal import Decimal

import pytest

from cocreate.accounts.models import Role
from cocreate.activity.models import ActivityEntry
from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied
from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import IdeaStatusChange
from cocreate.review import services
from cocreate.review.models import (
    Decision,
    EntryReason,
    ResponseRecord,
    ReviewAssignment,
    ReviewItem,
    ReviewStage,
    Scorecard,
)
from tests.factories import CampaignFactory, CriterionFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


def _scores(campaign, *values):
    return dict(zip([c.pk for c in campaign.criteria.all()], values, strict=True))


# ---- queue ---------------------------------------------------------------------------------------------


def test_threshold_reached_enters_the_queue_at_the_first_default_stage(campaign, on_commit):
    idea = IdeaFactory(campaign=campaign, support_count=100)
    from cocreate.ideas.services import idea_advance_ladder

    with on_commit(execute=True):
        idea_advance_ladder(idea=idea)

    item = ReviewItem.objects.get(idea=idea)
    assert item.reason == EntryReason.THRESHOLD
    assert item.stage.name == "Screening"
    assert list(ReviewStage.objects.filter(campaign=campaign).values_list("name", flat=True)) == [
        "Screening",
        "Expert review",
        "Decision",
    ]
    assert ActivityEntry.objects.filter(target_id=idea.pk, verb="review.entered_review").count() == 1


def test_staff_send_to_review_starts_review_and_queues(campaign, facilitator, on_commit):
    idea = IdeaFactory(campaign=campaign)

    with on_commit(execute=True):
        item = services.review_send(actor=facilitator, idea=idea, note="Promising")

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert item.reason == EntryReason.STAFF
    assert ReviewItem.objects.filter(idea=idea).count() == 1
    # Staff moving the idea is its first official response.
    assert ResponseRecord.objects.get(idea=idea).kind == "status_change"


def test_status_change_by_campaign_manage_page_also_queues(campaign, facilitator, on_commit):
    from cocreate.ideas.services import idea_change_status

    idea = IdeaFactory(campaign=campaign)
    with on_commit(execute=True):
        idea_change_status(actor=facilitator, idea=idea, transition="start_review")

    assert ReviewItem.objects.filter(idea=idea, closed_at__isnull=True).exists()


def test_member_cannot_send_to_review(campaign, member):
    idea = IdeaFactory(campaign=campaign)

    with pytest.raises(PermissionDenied):
        services.review_send(actor=member, idea=idea)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
    assert not ReviewItem.objects.exists()


def test_review_enter_is_idempotent(idea):
    services.review_enter(idea=idea, reason=EntryReason.THRESHOLD)

    assert ReviewItem.objects.filter(idea=idea).count() == 1
    assert ActivityEntry.objects.filter(target_id=idea.pk, verb="review.entered_review").count() == 1


# ---- stages --------------------------------------------------------------------------------------------


def test_facilitator_edits_stages(campaign, facilitator, idea):
    stages = services.review_stages_set(
        actor=facilitator, campaign=campaign, names=["Triage", "Panel", "Jury", "Final"]
    )

    assert [s.name for s in stages] == ["Triage", "Panel", "Jury", "Final"]
    assert ReviewItem.objects.get(idea=idea).stage.name == "Triage"


def test_stage_holding_ideas_cannot_be_removed(campaign, facilitator, idea):
    services.review_stages_set(actor=facilitator, campaign=campaign, names=["A", "B"])
    services.review_move_stage(actor=facilitator, idea=idea, stage=ReviewStage.objects.get(name="B"))

    with pytest.raises(Conflict) as exc:
        services.review_stages_set(actor=facilitator, campaign=campaign, names=["A"])

    assert exc.value.code == "stage_in_use"
    assert ReviewStage.objects.filter(campaign=campaign).count() == 2


def test_reviewer_cannot_edit_stages(campaign, reviewer, idea):
    with pytest.raises(PermissionDenied):
        services.review_stages_set(actor=reviewer, campaign=campaign, names=["X"])
    assert ReviewStage.objects.filter(campaign=campaign).count() == 3


def test_empty_stage_list_is_refused(campaign, facilitator):
    with pytest.raises(ApplicationError) as exc:
        services.review_stages_set(actor=facilitator, campaign=campaign, names=["  ", ""])
    assert exc.value.code == "no_stages"


# ---- assignment ----------------------------------------------------------------------------------------


def test_assign_reviewer(idea, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)

    assert ReviewAssignment.objects.filter(idea=idea, reviewer=reviewer, assigned_by=facilitator).exists()
    assert ActivityEntry.objects.get(verb="review.reviewer_assigned").details["reviewer_id"] == reviewer.pk


def test_assign_twice_is_a_conflict(idea, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    with pytest.raises(Conflict):
        services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    assert ReviewAssignment.objects.count() == 1


def test_only_campaign_reviewers_can_be_assigned(idea, facilitator, member):
    other_campaign_reviewer = staff(Role.REVIEWER, CampaignFactory())
    for person in (member, other_campaign_reviewer):
        with pytest.raises(ApplicationError) as exc:
            services.review_assign(actor=facilitator, idea=idea, reviewer=person)
        assert exc.value.code == "not_a_reviewer"
    assert not ReviewAssignment.objects.exists()


def test_sitewide_reviewer_can_be_assigned(idea, facilitator):
    everywhere = staff(Role.REVIEWER, None)
    services.review_assign(actor=facilitator, idea=idea, reviewer=everywhere)
    assert ReviewAssignment.objects.filter(reviewer=everywhere).exists()


def test_round_robin_balances_load(campaign, facilitator, reviewer, reviewer2, idea):
    more = [IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED) for _ in range(3)]
    for i in more:
        services.review_enter(idea=i, reason=EntryReason.THRESHOLD)

    made = services.review_assign_round_robin(actor=facilitator, ideas=[idea, *more])

    counts = {r.pk: 0 for r in (reviewer, reviewer2)}
    for a in made:
        counts[a.reviewer_id] += 1
    assert counts == {reviewer.pk: 2, reviewer2.pk: 2}
    assert [a.reviewer_id for a in made] == [reviewer.pk, reviewer2.pk, reviewer.pk, reviewer2.pk]


def test_round_robin_without_reviewers_changes_nothing(campaign, facilitator, idea):
    with pytest.raises(ApplicationError) as exc:
        services.review_assign_round_robin(actor=facilitator, ideas=[idea])
    assert exc.value.code == "no_reviewer_available"
    assert not ReviewAssignment.objects.exists()


def test_reviewer_cannot_assign(idea, reviewer, reviewer2):
    with pytest.raises(PermissionDenied):
        services.review_assign(actor=reviewer, idea=idea, reviewer=reviewer2)
    assert not ReviewAssignment.objects.exists()


# ---- stages of an idea and bulk actions ----------------------------------------------------------------


def test_move_stage_starts_review_publicly(idea, facilitator, on_commit):
    expert = ReviewStage.objects.get(campaign=idea.campaign, position=1)

    with on_commit(execute=True):
        services.review_move_stage(actor=facilitator, idea=idea, stage=expert)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert ReviewItem.objects.get(idea=idea).stage == expert
    action = ActivityEntry.objects.get(verb="review.stage_moved")
    assert action.details == {"from": "Screening", "to": "Expert review"}


def test_move_to_another_campaigns_stage_is_refused(idea, facilitator):
    other = services.review_stages_ensure(CampaignFactory())[1]
    with pytest.raises(ApplicationError):
        services.review_move_stage(actor=facilitator, idea=idea, stage=other)
    assert ReviewItem.objects.get(idea=idea).stage.position == 0


def test_bulk_move_is_all_or_nothing(campaign, facilitator, idea):
    foreign = IdeaFactory(status=IdeaStatus.THRESHOLD_REACHED)  # another campaign: facilitator does not run it
    services.review_enter(idea=foreign, reason=EntryReason.THRESHOLD)
    expert = ReviewStage.objects.get(campaign=campaign, position=1)

    with pytest.raises(PermissionDenied):
        services.review_bulk(actor=facilitator, ideas=[idea, foreign], action="move_stage", stage=expert)

    assert ReviewItem.objects.get(idea=idea).stage.position == 0
    assert not ActivityEntry.objects.filter(verb__startswith="review.bulk", actor=facilitator).exists()


def test_bulk_assign_skips_existing_and_is_audited(campaign, facilitator, reviewer, idea):
    second = IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED)
    services.review_enter(idea=second, reason=EntryReason.THRESHOLD)
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)

    changed = services.review_bulk(actor=facilitator, ideas=[idea, second], action="assign", reviewer=reviewer)

    assert changed == 1
    assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 2
    bulk = ActivityEntry.objects.get(verb="review.bulk_assign")
    assert bulk.actor == facilitator
    assert bulk.details["idea_ids"] == [idea.pk, second.pk]


# ---- scorecards ----------------------------------------------------------------------------------------


def test_weighted_total_arithmetic():
    assert services.weighted_total({1: 5, 2: 1}, {1: 3, 2: 1}) == Decimal("4.00")
    assert services.weighted_total({1: 4, 2: 3}, {1: 1, 2: 2}) == Decimal("3.33")
    assert services.weighted_total({1: 3, 2: 4}, {1: 1, 2: 1}) == Decimal("3.50")


def test_assigned_reviewer_scores(idea, facilitator, reviewer, campaign):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)

    card = services.scorecard_submit(
        actor=reviewer,
        idea=idea,
        scores=_scores(campaign, 5, 1),
        comments={campaign.criteria.first().pk: "Big impact"},
        public_note="Strong idea; the costs need a closer look.",
    )

    assert card.weighted_total == Decimal("4.00")
    assert sorted(card.scores.values_list("score", flat=True)) == [1, 5]
    assert card.scores.get(score=5).comment == "Big impact"


def test_scoring_again_replaces_the_card(idea, facilitator, reviewer, campaign):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    services.scorecard_submit(actor=reviewer, idea=idea, scores=_scores(campaign, 5, 1))
    services.scorecard_submit(actor=reviewer, idea=idea, scores=_scores(campaign, 2, 2))

    card = Scorecard.objects.get()
    assert card.weighted_total == Decimal("2.00")
    assert card.scores.count() == 2


@pytest.mark.parametrize("bad", [6, -1, "3.5", "x", None, True])
def test_out_of_range_scores_are_refused(idea, facilitator, reviewer, campaign, bad):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    with pytest.raises(ApplicationError):
        services.scorecard_submit(actor=reviewer, idea=idea, scores=_scores(campaign, 3, bad))
    assert not Scorecard.objects.exists()


def test_every_criterion_must_be_scored(idea, facilitator, reviewer, campaign):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    first = campaign.criteria.first()
    with pytest.raises(ApplicationError) as exc:
        services.scorecard_submit(actor=reviewer, idea=idea, scores={first.pk: 3})
    assert exc.value.code == "score_missing"
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize("who", ["unassigned_reviewer", "facilitator", "member", "author"])
def test_only_the_assigned_reviewer_scores(idea, campaign, facilitator, reviewer, member, author, who):
    actor = {"unassigned_reviewer": reviewer, "facilitator": facilitator, "member": member, "author": author}[who]
    with pytest.raises(PermissionDenied):
        services.scorecard_submit(actor=actor, idea=idea, scores=_scores(campaign, 3, 3))
    assert not Scorecard.objects.exists()


def test_revoked_reviewer_can_no_longer_score(idea, campaign, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    reviewer.role_assignments.all().delete()
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # a fresh request: roles are cached per user object

    with pytest.raises(PermissionDenied):
        services.scorecard_submit(actor=reviewer, idea=idea, scores=_scores(campaign, 3, 3))


# ---- decisions -----------------------------------------------------------------------------------------

EXPLANATION = "We will build this on Main Street next spring; thank you all for the support."


@pytest.mark.parametrize(
    ("outcome", "status", "closed"),
    [
        ("accepted", IdeaStatus.ACCEPTED, True),
        ("declined", IdeaStatus.DECLINED, True),
        ("needs_info", IdeaStatus.NEEDS_INFO, False),
    ],
)
def test_decision_moves_lifecycle_posts_official_response_and_records(
    idea, facilitator, outcome, status, closed, on_commit
):
    from cocreate.core.events import subscribe
    from cocreate.review.events import IdeaDecided

    seen = []
    subscribe(IdeaDecided)(seen.append)
    with on_commit(execute=True):
        decision = services.decision_make(actor=facilitator, idea=idea, outcome=outcome, explanation=EXPLANATION)

    idea.refresh_from_db()
    assert idea.status == status
    comment = Comment.objects.get(idea=idea)
    assert comment.is_official and comment.body == EXPLANATION and comment.author == facilitator
    assert decision.comment == comment and decision.outcome == outcome
    assert IdeaStatusChange.objects.filter(idea=idea, to_status=status, note=EXPLANATION).exists()
    assert (ReviewItem.objects.get(idea=idea).closed_at is not None) is closed
    assert ResponseRecord.objects.get(idea=idea).kind in ("decision", "status_change", "official_comment")
    assert any(e.idea_id == idea.pk and e.decision == outcome and e.explanation == EXPLANATION for e in seen)
    assert ActivityEntry.objects.get(verb="review.decided").details["outcome"] == outcome


@pytest.mark.parametrize("explanation", ["", "   ", "Too short."])
def test_decision_without_explanation_is_refused(idea, facilitator, explanation):
    with pytest.raises(ApplicationError) as exc:
        services.decision_make(actor=facilitator, idea=idea, outcome="accepted", explanation=explanation)

    assert exc.value.code == "explanation_required" and exc.value.field == "explanation"
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert not Decision.objects.exists() and not Comment.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "moderator", "member", "author"])
def test_only_facilitators_and_admins_decide(idea, reviewer, moderator, member, author, who):
    actor = {"reviewer": reviewer, "moderator": moderator, "member": member, "author": author}[who]
    with pytest.raises(PermissionDenied):
        services.decision_make(actor=actor, idea=idea, outcome="accepted", explanation=EXPLANATION)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert not Decision.objects.exists() and not Comment.objects.exists()


def test_admin_decides(idea, admin):
    services.decision_make(actor=admin, idea=idea, outcome="declined", explanation=EXPLANATION)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED


def test_deciding_a_decided_idea_again_is_a_conflict_and_changes_nothing(idea, facilitator):
    services.decision_make(actor=facilitator, idea=idea, outcome="accepted", explanation=EXPLANATION)
    with pytest.raises(Conflict):
        services.decision_make(actor=facilitator, idea=idea, outcome="declined", explanation=EXPLANATION)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED
    assert Decision.objects.count() == 1 and Comment.objects.count() == 1


def test_unknown_outcome_is_refused(idea, facilitator):
    with pytest.raises(ApplicationError) as exc:
        services.decision_make(actor=facilitator, idea=idea, outcome="maybe", explanation=EXPLANATION)
    assert exc.value.code == "invalid_outcome"


def test_needs_info_then_author_resubmits(idea, facilitator, author, on_commit):
    services.decision_make(actor=facilitator, idea=idea, outcome="needs_info", explanation=EXPLANATION)
    idea.refresh_from_db()

    with on_commit(execute=True):
        services.review_resubmit(actor=author, idea=idea, note="Added the cost estimate")

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert ReviewItem.objects.get(idea=idea).closed_at is None
    assert ActivityEntry.objects.filter(verb="review.resubmitted", actor=author).exists()


def test_only_the_author_resubmits_and_only_from_needs_info(idea, facilitator, member, author):
    with pytest.raises(PermissionDenied):  # not yet asked for information
        services.review_resubmit(actor=author, idea=idea)
    services.decision_make(actor=facilitator, idea=idea, outcome="needs_info", explanation=EXPLANATION)
    idea.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.review_resubmit(actor=member, idea=idea)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEEDS_INFO


def test_decline_from_needs_info(idea, facilitator):
    services.decision_make(actor=facilitator, idea=idea, outcome="needs_info", explanation=EXPLANATION)
    idea.refresh_from_db()
    services.decision_make(actor=facilitator, idea=idea, outcome="declined", explanation=EXPLANATION + " No reply.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED


def test_decision_needs_the_deciders_terms_accepted(idea, campaign):
    from cocreate.core.errors import TermsNotAccepted
    from tests.factories import RoleFactory, UserFactory

    no_terms = UserFactory()
    RoleFactory(user=no_terms, role=Role.FACILITATOR, campaign=campaign)
    with pytest.raises(TermsNotAccepted):
        services.decision_make(actor=no_terms, idea=idea, outcome="accepted", explanation=EXPLANATION)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.THRESHOLD_REACHED
    assert not Decision.objects.exists()


# ---- response records ----------------------------------------------------------------------------------


def test_official_comment_is_first_response(campaign, moderator, on_commit):
    from cocreate.engagement.services import comment_add

    idea = IdeaFactory(campaign=campaign)
    with on_commit(execute=True):
        c = comment_add(actor=moderator, idea=idea, body="Thanks, we are looking into it.", official=True)

    record = ResponseRecord.objects.get(idea=idea)
    assert record.kind == "official_comment" and record.first_response_at == c.created_at


def test_member_comment_and_author_withdrawal_are_not_responses(campaign, member, on_commit):
    from cocreate.engagement.services import comment_add
    from cocreate.ideas.services import idea_withdraw

    idea = IdeaFactory(campaign=campaign)
    with on_commit(execute=True):
        comment_add(actor=member, idea=idea, body="Nice idea, I like it.")
        idea_withdraw(actor=idea.author, idea=idea)
    assert not ResponseRecord.objects.exists()


def test_earliest_response_wins(idea):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    services.record_first_response(idea_id=idea.pk, at=now, kind="official_comment")
    services.record_first_response(idea_id=idea.pk, at=now + timedelta(days=1), kind="decision")
    services.record_first_response(idea_id=idea.pk, at=now - timedelta(hours=1), kind="status_change")

    record = ResponseRecord.objects.get(idea=idea)
    assert record.first_response_at == now - timedelta(hours=1) and record.kind == "status_change"


def test_rebuild_from_stored_rows(campaign, moderator):
    from tests.factories import CommentFactory

    answered = IdeaFactory(campaign=campaign)
    c = CommentFactory(idea=answered, author=moderator, is_official=True)
    silent = IdeaFactory(campaign=campaign)
    CommentFactory(idea=silent)

    services.response_records_rebuild()

    assert ResponseRecord.objects.get(idea=answered).first_response_at == c.created_at
    assert not ResponseRecord.objects.filter(idea=silent).exists()


def test_campaign_without_criteria_cannot_be_scored(facilitator):
    campaign = CampaignFactory()
    r = staff(Role.REVIEWER, campaign)
    f = staff(Role.FACILITATOR, campaign)
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED)
    services.review_enter(idea=idea, reason=EntryReason.THRESHOLD)
    services.review_assign(actor=f, idea=idea, reviewer=r)
    with pytest.raises(ApplicationError) as exc:
        services.scorecard_submit(actor=r, idea=idea, scores={})
    assert exc.value.code == "no_criteria"
    _unused = (MemberFactory, CriterionFactory)
