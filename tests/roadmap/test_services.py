from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.roadmap import services
from cocreate.roadmap.events import ReleasePublished, RoadmapItemCreated, RoadmapItemProgressed, RoadmapItemShipped
from cocreate.roadmap.models import EntryKind, Milestone, Release, RoadmapEntry, RoadmapItem
from tests.factories import (
    CampaignFactory,
    IdeaFactory,
    MilestoneFactory,
    ReleaseFactory,
    RoadmapItemFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(monkeypatch):
    """Domain events published (captured at publish time, whether or not the transaction commits)."""
    published = []
    monkeypatch.setattr(services, "publish", published.append)
    return published


def _snapshot(item):
    item.refresh_from_db()
    return (item.status, item.progress, item.shipped_at, item.title, item.release_id, item.entries.count())


# ---- items ---------------------------------------------------------------------------------------------


def test_facilitator_adds_an_item_not_tied_to_an_idea(campaign, facilitator, events):
    item = services.roadmap_item_create(
        actor=facilitator, campaign=campaign, title="  Yearly  report ", summary="**x**"
    )
    assert (item.title, item.status, item.progress, item.idea) == ("Yearly report", "planned", 0, None)
    assert item.entries.get().kind == EntryKind.CREATED and item.entries.get().actor == facilitator
    assert events == [RoadmapItemCreated(item_id=item.pk, idea_id=None)]


def test_admin_adds_an_item_for_an_accepted_idea(campaign, admin, accepted_idea):
    item = services.roadmap_item_create(actor=admin, campaign=campaign, title="Milk", idea=accepted_idea)
    assert item.idea == accepted_idea


@pytest.mark.parametrize("who", ["member", "moderator", "reviewer", "other_facilitator", "visitor"])
def test_others_cannot_add_items(campaign, roles, who, events):
    actor = AnonymousUser() if who == "visitor" else roles[who]
    with pytest.raises(PermissionDenied):
        services.roadmap_item_create(actor=actor, campaign=campaign, title="Sneaky item")
    assert not RoadmapItem.objects.exists() and events == []


def test_items_refuse_ideas_not_accepted_other_campaigns_and_duplicates(campaign, facilitator, item):
    published = IdeaFactory(campaign=campaign)
    with pytest.raises(ApplicationError) as error:
        services.roadmap_item_create(actor=facilitator, campaign=campaign, title="Item", idea=published)
    assert error.value.code == "idea_not_accepted"
    elsewhere = IdeaFactory(status=IdeaStatus.ACCEPTED)
    with pytest.raises(ApplicationError) as error:
        services.roadmap_item_create(actor=facilitator, campaign=campaign, title="Item", idea=elsewhere)
    assert error.value.code == "wrong_campaign"
    with pytest.raises(Conflict) as error:
        services.roadmap_item_create(actor=facilitator, campaign=campaign, title="Item", idea=item.idea)
    assert error.value.code == "already_on_roadmap"
    with pytest.raises(ApplicationError) as error:
        services.roadmap_item_create(actor=facilitator, campaign=campaign, title="ab")
    assert error.value.field == "title"
    assert RoadmapItem.objects.count() == 1


def test_edit_item(item, facilitator):
    services.roadmap_item_update(actor=facilitator, item=item, title="Milk refills", summary="New", position=7)
    item.refresh_from_db()
    assert (item.title, item.summary, item.position) == ("Milk refills", "New", 7)
    assert item.entries.filter(kind=EntryKind.EDITED, actor=facilitator).exists()


@pytest.mark.parametrize("who", ["member", "moderator", "reviewer", "other_facilitator", "visitor"])
def test_others_cannot_edit_or_move_items(item, roles, who, events):
    actor = AnonymousUser() if who == "visitor" else roles[who]
    before = _snapshot(item)
    with pytest.raises(PermissionDenied):
        services.roadmap_item_update(actor=actor, item=item, title="Hijacked")
    with pytest.raises(PermissionDenied):
        services.roadmap_item_progress(actor=actor, item=item, status="in_progress", progress=50)
    with pytest.raises(PermissionDenied):
        services.milestone_add(actor=actor, item=item, title="Sneaky milestone")
    assert _snapshot(item) == before and not item.milestones.exists() and events == []


def test_progress_moves_and_logs_with_note(item, facilitator, events):
    services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=30, note="Started!")
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 30)
    entry = item.entries.get(kind=EntryKind.STATUS)
    assert (entry.actor, entry.note, entry.status, entry.progress) == (facilitator, "Started!", "in_progress", 30)
    services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=60)
    assert item.entries.filter(kind=EntryKind.PROGRESS, progress=60).exists()
    assert [type(e) for e in events] == [RoadmapItemProgressed, RoadmapItemProgressed]
    assert events[0] == RoadmapItemProgressed(
        item_id=item.pk, idea_id=item.idea_id, status="in_progress", progress=30, note="Started!"
    )


def test_shipping_by_hand_sets_date_and_full_progress(item, facilitator, events):
    services.roadmap_item_progress(actor=facilitator, item=item, status="shipped", note="Done")
    item.refresh_from_db()
    assert (item.status, item.progress) == ("shipped", 100) and item.shipped_at is not None
    assert RoadmapItemShipped(item_id=item.pk, idea_id=item.idea_id, release_id=None) in events


@pytest.mark.parametrize(
    ("status", "progress", "code"),
    [("bogus", None, "invalid_status"), ("in_progress", 101, "invalid_progress"), ("planned", None, "no_change")],
)
def test_progress_refuses_bad_input_and_changes_nothing(item, facilitator, status, progress, code, events):
    before = _snapshot(item)
    with pytest.raises(ApplicationError) as error:
        services.roadmap_item_progress(actor=facilitator, item=item, status=status, progress=progress)
    assert error.value.code == code
    assert _snapshot(item) == before and events == []


def test_shipped_is_final(facilitator, campaign, events):
    item = RoadmapItemFactory(campaign=campaign, status="shipped", progress=100)
    before = _snapshot(item)
    with pytest.raises(Conflict) as error:
        services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=50)
    assert error.value.code == "already_shipped" and _snapshot(item) == before and events == []


# ---- milestones ----------------------------------------------------------------------------------------


def test_milestones_add_reach_reopen_remove(item, facilitator, events):
    m = services.milestone_add(actor=facilitator, item=item, title="Prototype", due_date=date(2027, 1, 31))
    assert (m.title, m.due_date, m.done) == ("Prototype", date(2027, 1, 31), False)
    services.milestone_set_done(actor=facilitator, milestone=m, done=True)
    m.refresh_from_db()
    assert m.done
    assert [e.note for e in events] == ["Milestone reached: Prototype"]
    with pytest.raises(Conflict):
        services.milestone_set_done(actor=facilitator, milestone=m, done=True)
    services.milestone_set_done(actor=facilitator, milestone=m, done=False)
    m.refresh_from_db()
    assert not m.done
    services.milestone_remove(actor=facilitator, milestone=m)
    assert not Milestone.objects.exists()
    kinds = list(item.entries.values_list("kind", flat=True))
    assert kinds == ["milestone_added", "milestone_done", "milestone_reopened", "milestone_removed"]


@pytest.mark.parametrize("who", ["member", "moderator", "other_facilitator"])
def test_others_cannot_touch_milestones(item, roles, who):
    m = MilestoneFactory(item=item)
    with pytest.raises(PermissionDenied):
        services.milestone_set_done(actor=roles[who], milestone=m, done=True)
    with pytest.raises(PermissionDenied):
        services.milestone_remove(actor=roles[who], milestone=m)
    m.refresh_from_db()
    assert not m.done and not RoadmapEntry.objects.exists()


# ---- the accepted → item handler -----------------------------------------------------------------------


def test_accepting_an_idea_puts_it_on_the_roadmap_once(campaign, facilitator, on_commit):
    from cocreate.ideas.services import idea_change_status

    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.UNDER_REVIEW, title="Deposit cups")
    with on_commit(execute=True):
        idea_change_status(actor=facilitator, idea=idea, transition="accept", note="We will pilot it in May.")
    item = RoadmapItem.objects.get(idea=idea)
    assert (item.title, item.campaign, item.status, item.summary) == (
        "Deposit cups",
        campaign,
        "planned",
        "We will pilot it in May.",
    )
    assert item.entries.get().actor == facilitator
    # A replayed event (or the task) never adds a second item.
    assert services.roadmap_item_for_accepted_idea(idea_id=idea.pk) == item
    from cocreate.ideas.events import IdeaStatusChanged
    from cocreate.roadmap.handlers import put_accepted_idea_on_roadmap

    put_accepted_idea_on_roadmap(
        IdeaStatusChanged(idea_id=idea.pk, from_status="under_review", to_status="accepted", actor_id=None)
    )
    assert RoadmapItem.objects.filter(idea=idea).count() == 1 and item.entries.count() == 1


def test_handler_ignores_other_statuses_and_ideas_no_longer_accepted(campaign):
    from cocreate.ideas.events import IdeaStatusChanged
    from cocreate.roadmap.handlers import put_accepted_idea_on_roadmap
    from cocreate.roadmap.tasks import add_accepted_idea

    declined = IdeaFactory(campaign=campaign, status=IdeaStatus.DECLINED)
    put_accepted_idea_on_roadmap(
        IdeaStatusChanged(idea_id=declined.pk, from_status="x", to_status="declined", actor_id=None)
    )
    put_accepted_idea_on_roadmap(
        IdeaStatusChanged(idea_id=declined.pk, from_status="x", to_status="accepted", actor_id=None)
    )
    assert add_accepted_idea.call(declined.pk) is None
    assert not RoadmapItem.objects.exists()


# ---- releases ------------------------------------------------------------------------------------------


def test_release_publish_ships_items_and_publishes_events(campaign, facilitator, events):
    a = RoadmapItemFactory(campaign=campaign, status="in_progress", progress=40)
    b = RoadmapItemFactory(campaign=campaign, status="shipped", progress=100)
    release = services.release_create(
        actor=facilitator, campaign=campaign, title="Spring release", version="1.0", notes="New!", items=[a, b]
    )
    assert release.published_at is None and set(release.items.all()) == {a, b}
    a.refresh_from_db()
    assert a.status == "in_progress"  # a draft ships nothing
    services.release_publish(actor=facilitator, release=release)
    release.refresh_from_db()
    a.refresh_from_db()
    assert release.published_at is not None
    assert (a.status, a.progress, a.shipped_at) == ("shipped", 100, release.published_at)
    shipped = [e for e in events if isinstance(e, RoadmapItemShipped)]
    assert shipped == [RoadmapItemShipped(item_id=a.pk, idea_id=None, release_id=release.pk)]  # b already shipped
    assert events[-1] == ReleasePublished(release_id=release.pk)
    assert a.entries.filter(kind=EntryKind.SHIPPED, release=release, actor=facilitator).exists()
    assert b.entries.filter(kind=EntryKind.SHIPPED, release=release).exists()
    with pytest.raises(PermissionDenied):  # published releases are final
        services.release_publish(actor=facilitator, release=release)


def test_release_refusals(campaign, facilitator):
    planned = RoadmapItemFactory(campaign=campaign)
    elsewhere = RoadmapItemFactory(status="in_progress")
    ReleaseFactory(campaign=campaign, version="1.0")
    started = RoadmapItemFactory(campaign=campaign, status="in_progress")
    cases = [
        ({"version": "1.0", "items": [started]}, "version_taken"),
        ({"version": "2.0", "items": [planned]}, "item_not_started"),
        ({"version": "2.0", "items": [elsewhere]}, "wrong_campaign"),
        ({"version": " ", "items": [started]}, "invalid"),
    ]
    for kwargs, code in cases:
        with pytest.raises(ApplicationError) as error:
            services.release_create(actor=facilitator, campaign=campaign, title="Release", **kwargs)
        assert error.value.code == code
    assert Release.objects.count() == 1 and not RoadmapItem.objects.filter(release__isnull=False).exists()
    empty = services.release_create(actor=facilitator, campaign=campaign, title="Empty", version="3.0")
    with pytest.raises(ApplicationError) as error:
        services.release_publish(actor=facilitator, release=empty)
    assert error.value.code == "empty_release"
    empty.refresh_from_db()
    assert empty.published_at is None


def test_an_item_shipped_in_a_published_release_cannot_be_listed_again(campaign, facilitator):
    item = RoadmapItemFactory(campaign=campaign, status="in_progress")
    first = services.release_create(actor=facilitator, campaign=campaign, title="One", version="1", items=[item])
    services.release_publish(actor=facilitator, release=first)
    with pytest.raises(Conflict) as error:
        services.release_create(actor=facilitator, campaign=campaign, title="Two", version="2", items=[item])
    assert error.value.code == "already_released"


def test_release_update_and_delete_drafts(campaign, facilitator):
    a = RoadmapItemFactory(campaign=campaign, status="in_progress")
    b = RoadmapItemFactory(campaign=campaign, status="in_progress")
    release = services.release_create(actor=facilitator, campaign=campaign, title="Draft", version="1", items=[a])
    services.release_update(actor=facilitator, release=release, title="Draft 2", version="1.1", items=[b])
    release.refresh_from_db()
    assert (release.title, release.version, list(release.items.all())) == ("Draft 2", "1.1", [b])
    services.release_delete(actor=facilitator, release=release)
    assert not Release.objects.exists()
    b.refresh_from_db()
    assert b.release is None and b.status == "in_progress"


@pytest.mark.parametrize("who", ["member", "moderator", "reviewer", "other_facilitator", "visitor"])
def test_others_cannot_create_or_publish_releases(campaign, roles, who, events):
    actor = AnonymousUser() if who == "visitor" else roles[who]
    item = RoadmapItemFactory(campaign=campaign, status="in_progress")
    draft = ReleaseFactory(campaign=campaign)
    item.release = draft
    item.save()
    with pytest.raises(PermissionDenied):
        services.release_create(actor=actor, campaign=campaign, title="Release", version="9", items=[item])
    with pytest.raises(PermissionDenied):
        services.release_publish(actor=actor, release=draft)
    with pytest.raises(PermissionDenied):
        services.release_delete(actor=actor, release=draft)
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.published_at is None and item.status == "in_progress" and Release.objects.count() == 1
    assert events == []


def test_a_campaign_scoped_facilitator_runs_only_their_campaign(campaign, facilitator):
    other_item = RoadmapItemFactory(campaign=CampaignFactory(), status="in_progress")
    with pytest.raises(PermissionDenied):
        services.roadmap_item_progress(actor=facilitator, item=other_item, status="shipped")
