import pytest

from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review import services
from cocreate.review.models import Decision, Scorecard
from tests.api.conftest import ApiClient
from tests.factories import CampaignFactory, IdeaFactory

pytestmark = pytest.mark.django_db

EXPLANATION = "Accepted: it fits the brief and the city can fund it next year."


@pytest.fixture
def anon(client):
    return ApiClient(client)


@pytest.fixture
def as_user(client):
    from cocreate.api.services import token_create

    def make(user):
        _token, raw = token_create(actor=user, name="tests")
        return ApiClient(client, raw)

    return make


def test_queue_lists_ideas_for_staff_and_refuses_members(as_user, idea, facilitator, reviewer, member):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)

    staff_view = as_user(facilitator).get("/review/queue")
    mine = as_user(reviewer).get("/review/queue", {"mine": "true"})
    refused = as_user(member).get("/review/queue")

    assert staff_view.status_code == 200
    body = staff_view.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["idea_id"] == idea.pk and row["stage"] == "Screening" and row["reviewers"][0]["id"] == reviewer.pk
    assert mine.json()["count"] == 1
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def test_queue_is_scoped_to_staffed_campaigns(as_user, idea, facilitator):
    other = IdeaFactory(campaign=CampaignFactory(), status=IdeaStatus.THRESHOLD_REACHED)
    services.review_enter(idea=other, reason="threshold")

    body = as_user(facilitator).get("/review/queue").json()

    assert [r["idea_id"] for r in body["results"]] == [idea.pk]
    assert as_user(facilitator).get("/review/queue", {"campaign": other.campaign.slug}).status_code == 404


def test_anonymous_queue_is_401(anon):
    assert anon.get("/review/queue").status_code == 401


def test_reviewer_submits_and_reads_scorecards(as_user, idea, campaign, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    impact, feasibility = campaign.criteria.all()

    created = as_user(reviewer).post(
        f"/review/ideas/{idea.pk}/scorecards",
        {
            "scores": {str(impact.pk): 4, str(feasibility.pk): 2},
            "comments": {str(impact.pk): "Good"},
            "public_note": "",
        },
    )
    read = as_user(facilitator).get(f"/review/ideas/{idea.pk}/scorecards")

    assert created.status_code == 201, created.content
    assert created.json()["weighted_total"] in ("3.50", 3.5)
    assert read.status_code == 200
    assert read.json()["scorecards"][0]["scores"][0] == {
        "criterion_id": impact.pk,
        "criterion": "Impact",
        "weight": 3,
        "score": 4,
        "comment": "Good",
    }


def test_invalid_score_is_400_and_nothing_saved(as_user, idea, campaign, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    impact, feasibility = campaign.criteria.all()

    response = as_user(reviewer).post(
        f"/review/ideas/{idea.pk}/scorecards", {"scores": {str(impact.pk): 9, str(feasibility.pk): 2}}
    )

    assert response.status_code == 400 and response.json()["code"] == "invalid_score"
    assert not Scorecard.objects.exists()


def test_unassigned_reviewer_cannot_score(as_user, idea, campaign, reviewer):
    impact, feasibility = campaign.criteria.all()
    response = as_user(reviewer).post(
        f"/review/ideas/{idea.pk}/scorecards", {"scores": {str(impact.pk): 3, str(feasibility.pk): 3}}
    )
    assert response.status_code == 403
    assert not Scorecard.objects.exists()


def test_member_cannot_read_scorecards(as_user, idea, member):
    assert as_user(member).get(f"/review/ideas/{idea.pk}/scorecards").status_code == 403


def test_facilitator_decides_and_anyone_reads_the_decision(as_user, anon, idea, facilitator):
    made = as_user(facilitator).post(
        f"/review/ideas/{idea.pk}/decisions", {"outcome": "accepted", "explanation": EXPLANATION}
    )
    public = anon.get(f"/review/ideas/{idea.pk}/decisions")

    assert made.status_code == 201, made.content
    assert made.json()["outcome"] == "accepted"
    assert public.status_code == 200 and public.json()[0]["explanation"] == EXPLANATION
    assert Comment.objects.get(idea=idea).is_official


def test_decision_without_explanation_is_400(as_user, idea, facilitator):
    response = as_user(facilitator).post(
        f"/review/ideas/{idea.pk}/decisions", {"outcome": "declined", "explanation": " "}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "explanation_required" and response.json()["field"] == "explanation"
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.THRESHOLD_REACHED and not Decision.objects.exists()


def test_reviewer_cannot_decide(as_user, idea, reviewer):
    response = as_user(reviewer).post(
        f"/review/ideas/{idea.pk}/decisions", {"outcome": "accepted", "explanation": EXPLANATION}
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_overdue_list(as_user, campaign, facilitator, member):
    from datetime import timedelta

    from django.utils import timezone

    old = IdeaFactory(campaign=campaign, published_at=timezone.now() - timedelta(days=31))
    soon = IdeaFactory(campaign=campaign, published_at=timezone.now() - timedelta(days=25))
    IdeaFactory(campaign=campaign, published_at=timezone.now() - timedelta(days=1))

    overdue = as_user(facilitator).get("/review/response-promise/overdue")
    both = as_user(facilitator).get("/review/response-promise/overdue", {"due_soon": "true"})

    assert [r["idea_id"] for r in overdue.json()] == [old.pk]
    assert [(r["idea_id"], r["state"]) for r in both.json()] == [(old.pk, "overdue"), (soon.pk, "due_soon")]
    assert as_user(member).get("/review/response-promise/overdue").status_code == 403


def test_junk_bodies_never_500(as_user, idea, facilitator):
    import json

    api = as_user(facilitator)
    for payload in [
        None,
        [],
        {},
        {"scores": "x"},
        {"scores": {"a": "b"}},
        {"outcome": 5, "explanation": None},
        {"outcome": "merged", "explanation": EXPLANATION, "merged_into_id": 2**70},
    ]:
        for path in (f"/review/ideas/{idea.pk}/scorecards", f"/review/ideas/{idea.pk}/decisions"):
            response = api.post(path, raw=json.dumps(payload))
            assert response.status_code < 500, (path, payload, response.content[:200])
            assert {"detail", "code"} <= set(response.json())
