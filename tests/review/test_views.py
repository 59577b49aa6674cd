import pytest
from django.urls import reverse

from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review import services
from cocreate.review.models import Decision, ReviewAssignment, ReviewItem, Scorecard

pytestmark = pytest.mark.django_db

EXPLANATION = "Declined: it is outside the remit of the city, but we passed it to the regional office."


def test_queue_page_for_staff_only(client, idea, facilitator, member):
    assert client.get(reverse("review:queue")).status_code == 302  # sign in first
    client.force_login(member)
    assert client.get(reverse("review:queue")).status_code == 403
    client.force_login(facilitator)
    response = client.get(reverse("review:queue"))
    assert response.status_code == 200
    assert idea.title in response.content.decode()


def test_queue_page_query_count(client, idea, facilitator, django_assert_max_num_queries):
    client.force_login(facilitator)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("review:queue")).status_code == 200


def test_bulk_assign_asks_for_confirmation_first(client, idea, facilitator, reviewer):
    client.force_login(facilitator)
    data = {"ideas": [idea.pk], "action": "assign", "reviewer": reviewer.pk, "stage": ""}

    confirm = client.post(reverse("review:bulk"), data)
    assert confirm.status_code == 200 and "Please confirm" in confirm.content.decode()
    assert not ReviewAssignment.objects.exists()

    done = client.post(reverse("review:bulk"), {**data, "confirmed": "True"})
    assert done.status_code == 302
    assert ReviewAssignment.objects.filter(idea=idea, reviewer=reviewer).exists()


def test_reviewer_scores_through_the_page(client, idea, campaign, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    impact, feasibility = campaign.criteria.all()
    client.force_login(reviewer)

    page = client.get(reverse("review:idea", args=[idea.pk]))
    response = client.post(
        reverse("review:score", args=[idea.pk]),
        {f"score_{impact.pk}": "4", f"score_{feasibility.pk}": "2", "public_note": "Worth it."},
    )

    assert page.status_code == 200 and "Your scorecard" in page.content.decode()
    assert response.status_code == 302
    assert Scorecard.objects.get(reviewer=reviewer).public_note == "Worth it."


def test_missing_score_shows_the_form_again(client, idea, campaign, facilitator, reviewer):
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)
    impact, _f = campaign.criteria.all()
    client.force_login(reviewer)

    response = client.post(reverse("review:score", args=[idea.pk]), {f"score_{impact.pk}": "4", "public_note": "Kept"})

    assert response.status_code == 400
    assert "Kept" in response.content.decode()
    assert not Scorecard.objects.exists()


def test_decision_without_explanation_keeps_the_form(client, idea, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("review:decide", args=[idea.pk]), {"outcome": "declined", "explanation": ""})
    assert response.status_code == 400
    assert "Explain the decision" in response.content.decode()
    assert not Decision.objects.exists()


def test_decision_shows_on_the_idea_timeline(client, idea, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("review:decide", args=[idea.pk]), {"outcome": "declined", "explanation": EXPLANATION}
    )
    assert response.status_code == 302
    page = client.get(idea.get_absolute_url()).content.decode()
    assert EXPLANATION in page and "Declined" in page


def test_reviewer_cannot_decide_through_the_page(client, idea, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("review:decide", args=[idea.pk]), {"outcome": "accepted", "explanation": EXPLANATION}
    )
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.THRESHOLD_REACHED


def test_member_cannot_open_the_review_page(client, idea, member):
    client.force_login(member)
    assert client.get(reverse("review:idea", args=[idea.pk])).status_code == 403


def test_author_sends_back_to_review(client, idea, facilitator, author):
    services.decision_make(actor=facilitator, idea=idea, outcome="needs_info", explanation=EXPLANATION)
    client.force_login(author)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Send back to review" in page

    client.post(reverse("review:resubmit", args=[idea.pk]))

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert ReviewItem.objects.get(idea=idea).closed_at is None


def test_stages_page(client, campaign, facilitator, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("review:stages", args=[campaign.slug])).status_code == 403
    client.force_login(facilitator)
    response = client.post(reverse("review:stages", args=[campaign.slug]), {"stages": "Triage\nJury"})
    assert response.status_code == 302
    assert [s.name for s in services.review_stages_ensure(campaign)] == ["Triage", "Jury"]


def test_awaiting_and_audit_pages(client, idea, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("review:awaiting")).status_code == 200
    audit = client.get(reverse("review:audit"))
    assert audit.status_code == 200 and "Entered review" in audit.content.decode()


def test_campaign_page_shows_the_promise_stat(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert "Promise kept?" in response.content.decode()


def test_the_promise_stat_is_counted_once_a_minute_not_on_every_view(client, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = campaign.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    counted = [q for q in first.captured_queries if "response_record" in q["sql"] or "responserecord" in q["sql"]]
    assert counted, "the first view counts the promise"
    assert not [q for q in second.captured_queries if "responserecord" in q["sql"]]
