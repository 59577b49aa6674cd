import pytest
from django.urls import reverse

from cocreate.opinionmap import services
from cocreate.opinionmap.models import Moderation, Statement, Vote
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
    page = client.get(reverse("opinionmap:vote", args=[campaign.slug]))
    assert first.text in page.content.decode()
    url = reverse("opinionmap:vote_submit", args=[campaign.slug])
    response = client.post(url, {"statement": first.pk, "value": "1"})
    assert response.status_code == 302
    response = client.post(url, {"statement": second.pk, "value": "-1"}, HTTP_HX_REQUEST="true")
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
