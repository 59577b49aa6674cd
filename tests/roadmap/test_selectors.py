import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.roadmap import selectors, services
from tests.factories import (
    CampaignFactory,
    CommentFactory,
    IdeaFactory,
    InvitationFactory,
    MemberFactory,
    ReleaseFactory,
    RoadmapItemFactory,
    SupportFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_board_groups_by_campaign_and_status(campaign):
    planned = RoadmapItemFactory(campaign=campaign, position=2)
    first = RoadmapItemFactory(campaign=campaign, position=1)
    started = RoadmapItemFactory(campaign=campaign, status="in_progress", progress=30)
    shipped = RoadmapItemFactory(campaign=campaign, status="shipped", progress=100)
    other = RoadmapItemFactory()
    board = selectors.roadmap_board(AnonymousUser())
    groups = {g.campaign: g for g in board}
    assert groups[campaign].columns == {"planned": [first, planned], "in_progress": [started], "shipped": [shipped]}
    assert groups[other.campaign].columns["planned"] == [other]
    assert [status for status, _label, _items in groups[campaign].sections] == ["planned", "in_progress", "shipped"]


def test_items_follow_campaign_visibility():
    public = RoadmapItemFactory()
    members = RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.MEMBERS))
    invite = RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))
    draft = RoadmapItemFactory(campaign=CampaignFactory(status=CampaignStatus.DRAFT))
    invited = MemberFactory()
    InvitationFactory(campaign=invite.campaign, email=invited.email)
    seen = {
        "visitor": AnonymousUser(),
        "member": MemberFactory(),
        "invited": invited,
        "draft_facilitator": staff(Role.FACILITATOR, draft.campaign),
    }
    visible = {who: set(selectors.roadmap_items(viewer)) for who, viewer in seen.items()}
    assert visible["visitor"] == {public}
    assert visible["member"] == {public, members}
    assert visible["invited"] == {public, members, invite}
    assert visible["draft_facilitator"] == {public, members, draft}
    assert selectors.roadmap_item_detail(AnonymousUser(), invite.pk) is None


def test_releases_visible_when_published_in_readable_campaigns_drafts_to_their_facilitators(campaign, facilitator):
    published = ReleaseFactory(campaign=campaign, published_at="2026-01-01T00:00Z")
    draft = ReleaseFactory(campaign=campaign)
    hidden = ReleaseFactory(campaign=CampaignFactory(visibility=Visibility.INVITE), published_at="2026-01-01T00:00Z")
    other_draft = ReleaseFactory()
    assert set(selectors.releases_visible_to(AnonymousUser())) == {published}
    assert set(selectors.releases_visible_to(MemberFactory())) == {published}
    assert set(selectors.releases_visible_to(facilitator)) == {published, draft}
    assert set(selectors.releases_visible_to(staff(Role.ADMIN))) == {published, draft, hidden, other_draft}


def test_release_credits_name_authors_and_coauthors_once(campaign, facilitator):
    ana, ben, cleo = (
        MemberFactory(display_name="Ana"),
        MemberFactory(display_name="Ben"),
        MemberFactory(display_name="Cleo"),
    )
    one = IdeaFactory(campaign=campaign, author=ana, status=IdeaStatus.ACCEPTED)
    one.coauthors.set([ben])
    two = IdeaFactory(campaign=campaign, author=ben, status=IdeaStatus.ACCEPTED)
    two.coauthors.set([ana, cleo])
    items = [RoadmapItemFactory(idea=one, status="in_progress"), RoadmapItemFactory(idea=two, status="in_progress")]
    supporters = [MemberFactory() for _ in range(3)]
    for member in supporters:
        SupportFactory(idea=one, member=member)
    SupportFactory(idea=two, member=supporters[0])  # the same person twice counts once
    SupportFactory(idea=two, member=MemberFactory(), discounted_at="2026-01-01T00:00Z")  # discounted: not counted
    CommentFactory(idea=one, author=supporters[1])
    CommentFactory(idea=two, author=cleo)  # a credited co-creator is not "input from" others
    CommentFactory(idea=two, author=MemberFactory(), deleted_at="2026-01-01T00:00Z")
    release = services.release_create(actor=facilitator, campaign=campaign, title="Release", version="1", items=items)
    credits = selectors.release_credits(release)
    assert [(c.person.display_name, [i.pk for i in c.ideas]) for c in credits.people] == [
        ("Ana", [one.pk, two.pk]),
        ("Ben", [one.pk, two.pk]),
        ("Cleo", [two.pk]),
    ]
    assert (credits.supporters, credits.commenters) == (3, 1)


def test_timeline_entries_tell_the_roadmap_story(campaign, facilitator, accepted_idea):
    assert selectors.timeline_entries(accepted_idea) == []
    item = services.roadmap_item_for_accepted_idea(idea_id=accepted_idea.pk, actor_id=facilitator.pk)
    services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=20, note="Begun")
    services.roadmap_item_update(actor=facilitator, item=item, title="Renamed")  # housekeeping: not in the story
    milestone = services.milestone_add(actor=facilitator, item=item, title="Prototype")
    services.milestone_set_done(actor=facilitator, milestone=milestone, done=True)
    release = services.release_create(actor=facilitator, campaign=campaign, title="Spring", version="2.0", items=[item])
    services.release_publish(actor=facilitator, release=release)
    entries = selectors.timeline_entries(accepted_idea)
    assert [e.title for e in entries] == [
        "Added to the roadmap: Planned",
        "Roadmap: In progress, 20% done",
        "Milestone reached: Prototype",
        "Shipped in Spring (2.0)",
    ]
    assert {e.kind for e in entries} == {"roadmap"}
    assert entries[1].detail == "Begun" and entries[1].actor_name == facilitator.public_name
    assert entries[-1].url == release.get_absolute_url() and entries[0].url == item.get_absolute_url()


def test_timeline_appears_on_the_idea_page(client, campaign, facilitator, accepted_idea):
    item = services.roadmap_item_for_accepted_idea(idea_id=accepted_idea.pk, actor_id=facilitator.pk)
    services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=45, note="Begun")
    response = client.get(accepted_idea.get_absolute_url())
    assert response.status_code == 200
    assert "Roadmap: In progress, 45% done" in response.content.decode()
