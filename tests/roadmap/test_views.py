import pytest
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.roadmap.models import Milestone, Release, RoadmapItem
from tests.factories import (
    CampaignFactory,
    IdeaFactory,
    MemberFactory,
    MilestoneFactory,
    ReleaseFactory,
    RoadmapItemFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(campaign, item):
    RoadmapItemFactory(campaign=campaign, status="in_progress", progress=40, title="Shorter menu")
    MilestoneFactory(item=item, title="Prototype in one café")
    RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.MEMBERS), title="Members-only item")
    return campaign


def test_visitor_reads_the_board(client, board):
    response = client.get(reverse("roadmap:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Refill stations for milk" in html and "Shorter menu" in html and "40% done" in html
    assert "Prototype in one café" in html and "Planned" in html and "In progress" in html and "Shipped" in html
    assert "Members-only item" not in html and "Staff tools" not in html


def test_member_sees_members_only_items(client, board):
    client.force_login(MemberFactory())
    assert "Members-only item" in client.get(reverse("roadmap:index")).content.decode()


def test_board_filters_by_campaign(client, board):
    other = RoadmapItemFactory(title="Elsewhere item")
    html = client.get(reverse("roadmap:index"), {"campaign": board.slug}).content.decode()
    assert "Refill stations for milk" in html and "Elsewhere item" not in html
    assert other.campaign.slug
    assert client.get(reverse("roadmap:index"), {"campaign": "nope"}).status_code == 404


def test_board_query_count_does_not_grow_with_items(client, django_assert_max_num_queries, campaign):
    for _ in range(3):
        c = CampaignFactory()
        for status in ("planned", "in_progress", "shipped"):
            MilestoneFactory(item=RoadmapItemFactory(campaign=c, status=status, idea=None))
    client.get(reverse("roadmap:index"))  # warm the session
    with django_assert_max_num_queries(6):
        response = client.get(reverse("roadmap:index"))
    assert response.content.decode().count('class="roadmap-item"') == 9


def test_facilitator_board_query_count_is_fixed(client, campaign, facilitator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(facilitator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("roadmap:index"))
        assert "Add an item" in response.content.decode()
        return len(queries)

    MilestoneFactory(item=RoadmapItemFactory(campaign=campaign, status="in_progress"))
    client.get(reverse("roadmap:index"))
    few = count()
    for _ in range(10):
        MilestoneFactory(item=RoadmapItemFactory(campaign=CampaignFactory(), status="in_progress"))
    assert count() == few


def test_item_page_for_visitor_and_facilitator(client, item, facilitator):
    response = client.get(item.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and item.title in html and "Update the roadmap" not in html
    client.force_login(facilitator)
    assert "Update the roadmap" in client.get(item.get_absolute_url()).content.decode()


def test_hidden_campaign_items_are_404(client):
    item = RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))
    assert client.get(item.get_absolute_url()).status_code == 404


def test_facilitator_updates_progress_with_a_note(client, item, facilitator):
    client.force_login(facilitator)
    url = reverse("roadmap:item_progress", args=[item.pk])
    response = client.post(url, {"status": "in_progress", "progress": "35", "note": "Suppliers chosen"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 35)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Suppliers chosen" in html and "35% done" in html


def test_bad_progress_shows_the_form_again(client, item, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("roadmap:item_progress", args=[item.pk]), {"status": "planned", "progress": "0"})
    assert response.status_code == 400 and "Nothing changed" in response.content.decode()


@pytest.mark.parametrize("who", ["member", "moderator", "reviewer", "other_facilitator"])
def test_others_get_403_and_nothing_changes(client, item, roles, who):
    client.force_login(roles[who])
    assert client.post(reverse("roadmap:item_progress", args=[item.pk]), {"status": "shipped"}).status_code == 403
    assert client.get(reverse("roadmap:item_edit", args=[item.pk])).status_code == 403
    assert client.get(reverse("roadmap:item_create", args=[item.campaign.slug])).status_code == 403
    assert client.post(reverse("roadmap:milestone_add", args=[item.pk]), {"title": "Sneaky"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "planned" and not item.milestones.exists()


def test_visitor_is_sent_to_sign_in(client, item):
    response = client.post(reverse("roadmap:item_progress", args=[item.pk]), {"status": "shipped"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    item.refresh_from_db()
    assert item.status == "planned"


def test_facilitator_creates_and_edits_an_item(client, campaign, facilitator):
    late = IdeaFactory(campaign=campaign, status=IdeaStatus.ACCEPTED, title="Accepted before the roadmap")
    client.force_login(facilitator)
    url = reverse("roadmap:item_create", args=[campaign.slug])
    assert "Accepted before the roadmap" in client.get(url).content.decode()
    response = client.post(url, {"title": "Yearly report", "summary": "All of it", "idea": late.pk})
    item = RoadmapItem.objects.get(title="Yearly report")
    assert response.status_code == 302 and item.idea == late
    response = client.post(
        reverse("roadmap:item_edit", args=[item.pk]), {"title": "Yearly report 2027", "position": "3"}
    )
    item.refresh_from_db()
    assert (item.title, item.position) == ("Yearly report 2027", 3)
    response = client.post(url, {"title": "x"})
    assert response.status_code == 400 and 'value="x"' in response.content.decode()


def test_facilitator_manages_milestones(client, item, facilitator):
    client.force_login(facilitator)
    client.post(reverse("roadmap:milestone_add", args=[item.pk]), {"title": "Prototype", "due_date": "2027-03-01"})
    milestone = Milestone.objects.get(item=item)
    client.post(reverse("roadmap:milestone_toggle", args=[milestone.pk]), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done
    client.post(reverse("roadmap:milestone_remove", args=[milestone.pk]))
    assert not Milestone.objects.exists()


def test_facilitator_creates_and_publishes_a_release(client, campaign, facilitator, accepted_idea):
    item = RoadmapItemFactory(idea=accepted_idea, status="in_progress", progress=80)
    client.force_login(facilitator)
    url = reverse("roadmap:release_create", args=[campaign.slug])
    assert item.title in client.get(url).content.decode()
    response = client.post(url, {"title": "Spring release", "version": "1.0", "notes": "*New*", "items": [item.pk]})
    release = Release.objects.get()
    assert response.status_code == 302 and release.published_at is None
    assert client.get(release.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 404  # drafts are not public
    client.force_login(facilitator)
    client.post(reverse("roadmap:release_publish", args=[release.pk]))
    client.logout()
    item.refresh_from_db()
    assert item.status == "shipped"
    html = client.get(release.get_absolute_url()).content.decode()
    profile = reverse("accounts:profile", args=[accepted_idea.author.pk])
    assert f'href="{profile}"' in html and accepted_idea.author.public_name in html
    assert "Spring release" in client.get(reverse("roadmap:releases")).content.decode()


def test_release_refusal_keeps_the_form(client, campaign, facilitator):
    ReleaseFactory(campaign=campaign, version="1.0")
    client.force_login(facilitator)
    response = client.post(
        reverse("roadmap:release_create", args=[campaign.slug]), {"title": "Spring release", "version": "1.0"}
    )
    assert response.status_code == 400 and "Spring release" in response.content.decode()
    assert Release.objects.count() == 1


def test_others_cannot_publish(client, campaign, roles):
    draft = ReleaseFactory(campaign=campaign)
    RoadmapItemFactory(campaign=campaign, status="in_progress", release=draft)
    client.force_login(staff(Role.FACILITATOR, CampaignFactory()))
    assert client.post(reverse("roadmap:release_publish", args=[draft.pk])).status_code == 404
    client.force_login(roles["moderator"])
    assert client.post(reverse("roadmap:release_publish", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.published_at is None
