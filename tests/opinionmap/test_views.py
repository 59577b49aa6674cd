import pytest
from django.urls import reverse

from cocreate.opinionmap import services
from cocreate.opinionmap.models import Moderation, OpinionMapSettings, Report, Statement, Vote
from tests.factories import (
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    OpinionParticipantFactory,
    OpinionVoteFactory,
    StatementFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped():
    """A campaign with two planted opinion groups and a computed report."""
    campaign = OpinionCampaignFactory()
    statements = [StatementFactory(campaign=campaign) for _ in range(8)]
    for i in range(24):
        participant = OpinionParticipantFactory(campaign=campaign)
        for j, s in enumerate(statements):
            value = 1 if (i % 2 == 0) == (j < 4) else -1
            OpinionVoteFactory(participant=participant, statement=s, value=value if j < 7 else 1)
    services.report_compute(campaign=campaign)
    return campaign, statements


def test_member_votes_without_and_with_htmx(client):
    campaign = OpinionCampaignFactory()
    first, second = StatementFactory(campaign=campaign), StatementFactory(campaign=campaign)
    member = MemberFactory()
    client.force_login(member)
    page = client.get(reverse("opinionmap:vote", args=[campaign.slug])).content.decode()
    # the first statement shown is drawn by priority (selectors.next_statement), not the oldest
    shown, other = (first, second) if first.text in page else (second, first)
    assert shown.text in page and other.text not in page
    url = reverse("opinionmap:vote_submit", args=[campaign.slug])
    response = client.post(url, {"statement": shown.pk, "value": "1"})
    assert response.status_code == 302
    response = client.post(url, {"statement": other.pk, "value": "-1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "every statement" in response.content.decode()
    assert sorted(Vote.objects.values_list("value", flat=True)) == [-1, 1]


def test_visitor_cannot_vote_unless_anonymous_allowed(client):
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign)
    url = reverse("opinionmap:vote_submit", args=[campaign.slug])
    response = client.post(url, {"statement": statement.pk, "value": "1"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Vote.objects.exists()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=True)
    client.get(reverse("opinionmap:vote", args=[campaign.slug]))  # sets the identity cookie
    assert client.post(url, {"statement": statement.pk, "value": "0"}).status_code == 302
    assert list(Vote.objects.values_list("value", flat=True)) == [0]


def test_member_submits_statement_and_staff_moderates(client):
    campaign = OpinionCampaignFactory()
    client.force_login(MemberFactory())
    response = client.post(reverse("opinionmap:submit", args=[campaign.slug]), {"text": "Trams beat buses here."})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.moderation == Moderation.UNMODERATED
    assert client.get(reverse("opinionmap:moderate", args=[campaign.slug])).status_code == 403
    client.force_login(staff("moderator", campaign=campaign))
    assert "Trams beat buses" in client.get(reverse("opinionmap:moderate", args=[campaign.slug])).content.decode()
    client.post(reverse("opinionmap:moderate_statement", args=[campaign.slug, statement.pk]), {"moderation": "1"})
    statement.refresh_from_db()
    assert statement.moderation == Moderation.SHOWN


def test_report_page_shows_map_groups_and_exports_csv(client, mapped, django_assert_max_num_queries):
    campaign, statements = mapped
    with django_assert_max_num_queries(15):
        page = client.get(reverse("opinionmap:report", args=[campaign.slug])).content.decode()
    assert "<svg" in page and "Group A" in page and "Group B" in page
    assert statements[7].text in page  # everyone agrees: consensus
    csv = client.get(reverse("opinionmap:report_csv", args=[campaign.slug])).content.decode()
    assert csv.splitlines()[0].startswith("statement_id,statement,agree")
    assert len(csv.splitlines()) == 9


def test_campaign_page_links_the_opinion_map(client, mapped):
    campaign, _ = mapped
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert reverse("opinionmap:vote", args=[campaign.slug]) in page


def test_draft_campaign_is_hidden_from_visitors(client):
    campaign = OpinionCampaignFactory(status="draft")
    assert client.get(reverse("opinionmap:report", args=[campaign.slug])).status_code == 404


def test_settings_page_only_for_facilitators(client):
    campaign = OpinionCampaignFactory()
    url = reverse("opinionmap:settings", args=[campaign.slug])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for outsider in (MemberFactory(), staff("moderator", campaign=campaign), staff("reviewer", campaign=campaign)):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"min_votes": "3", "statement_moderation": "post"}).status_code == 403
    assert services.settings_for(campaign).min_votes == 7
    client.force_login(staff("facilitator", campaign=campaign))
    page = client.get(url).content.decode()
    assert "Recompute now" in page and 'name="min_votes"' in page and 'name="allow_anonymous"' in page


def test_facilitator_changes_the_settings_and_bad_input_is_kept(client):
    campaign = OpinionCampaignFactory()
    client.force_login(staff("facilitator", campaign=campaign))
    url = reverse("opinionmap:settings", args=[campaign.slug])
    good = {
        "allow_anonymous": "on",
        "statement_moderation": "post",
        "min_votes": "4",
        "recompute_seconds": "10",
    }
    response = client.post(url, good)
    assert response.status_code == 302
    opts = OpinionMapSettings.objects.get(campaign=campaign)
    assert (opts.allow_anonymous, opts.allow_submissions, opts.statement_moderation, opts.min_votes) == (
        True,
        False,
        "post",
        4,
    )
    bad = client.post(url, {**good, "min_votes": "0", "allow_submissions": "on"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert 'role="alert"' in page and 'value="0"' in page  # the error is shown and the input kept
    opts.refresh_from_db()
    assert opts.min_votes == 4 and opts.allow_submissions is False


def test_settings_switch_anonymous_participation_and_submissions_off(client):
    campaign = OpinionCampaignFactory()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=True)
    statement = StatementFactory(campaign=campaign)
    client.force_login(staff("facilitator", campaign=campaign))
    client.post(
        reverse("opinionmap:settings", args=[campaign.slug]),
        {"statement_moderation": "pre", "min_votes": "7", "recompute_seconds": "30"},
    )
    client.logout()
    client.get(reverse("opinionmap:vote", args=[campaign.slug]))
    response = client.post(
        reverse("opinionmap:vote_submit", args=[campaign.slug]), {"statement": statement.pk, "value": "1"}
    )
    assert response.status_code == 302 and "login" in response["Location"]
    member = MemberFactory()
    client.force_login(member)
    page = client.get(reverse("opinionmap:vote", args=[campaign.slug])).content.decode()
    assert "Add a statement" not in page
    client.post(reverse("opinionmap:submit", args=[campaign.slug]), {"text": "Submissions are closed here."})
    assert not Vote.objects.exists() and Statement.objects.count() == 1


def test_recompute_now_button(client, mapped):
    campaign, _statements = mapped
    url = reverse("opinionmap:recompute", args=[campaign.slug])
    before = Report.objects.get(campaign=campaign).computed_at
    client.force_login(staff("moderator", campaign=campaign))
    assert client.post(url).status_code == 403
    assert Report.objects.get(campaign=campaign).computed_at == before
    client.force_login(staff("facilitator", campaign=campaign))
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "recomputed from 192 votes" in response.content.decode()
    report = Report.objects.get(campaign=campaign)
    assert report.computed_at > before and report.data["incremental"] is False


def test_moderator_marks_a_statement_about_the_participant(client, mapped):
    campaign, statements = mapped
    client.force_login(staff("moderator", campaign=campaign))
    url = reverse("opinionmap:moderate_statement", args=[campaign.slug, statements[0].pk])
    client.post(url, {"moderation": "1", "is_meta": "1"})
    statements[0].refresh_from_db()
    assert statements[0].is_meta and statements[0].moderation == Moderation.SHOWN
    assert "About the participant" in client.get(reverse("opinionmap:moderate", args=[campaign.slug])).content.decode()
    services.report_compute(campaign=campaign)
    page = client.get(reverse("opinionmap:report", args=[campaign.slug])).content.decode()
    assert "Who is in each group" in page and statements[0].text in page
    csv = client.get(reverse("opinionmap:report_csv", args=[campaign.slug])).content.decode().splitlines()
    assert csv[0].endswith(
        "about_participant,group_A_agree,group_A_disagree,group_A_seen,group_B_agree,group_B_disagree,group_B_seen"
    )
    client.post(url, {"moderation": "1"})  # unticked: an opinion again
    statements[0].refresh_from_db()
    assert not statements[0].is_meta
