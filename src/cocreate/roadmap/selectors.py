"""Reads about the roadmap that pages and the API share, scoped to the campaigns the viewer may read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from cocreate.accounts.models import Role, User
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.accounts.types import Actor
from cocreate.campaigns.models import Campaign
from cocreate.core.timeline import TimelineEntry
from cocreate.engagement.models import Comment, Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from .models import EntryKind, Milestone, Release, RoadmapEntry, RoadmapItem, RoadmapStatus

COLUMNS = [RoadmapStatus.PLANNED, RoadmapStatus.IN_PROGRESS, RoadmapStatus.SHIPPED]


def _visible_campaigns(viewer: Actor) -> QuerySet[Campaign]:
    from cocreate.campaigns.selectors import campaigns_visible_to

    return campaigns_visible_to(viewer)


def roadmap_items(viewer: Actor, *, campaign: Campaign | None = None, status: str = "") -> QuerySet[RoadmapItem]:
    """Items of campaigns the viewer may read, board order, with campaign, idea, release and milestones loaded."""
    qs = RoadmapItem.objects.filter(campaign__in=_visible_campaigns(viewer).values("pk"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("campaign", "idea", "release")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("position", "id")))
        .order_by("campaign__title", "campaign_id", "position", "id")
    )


@dataclass
class CampaignRoadmap:
    campaign: Campaign
    columns: dict[str, list[RoadmapItem]] = field(default_factory=dict)

    @property
    def sections(self) -> list[tuple[str, Any, list[RoadmapItem]]]:
        """(status, label, items) in board order, for templates."""
        return [(s.value, s.label, self.columns.get(s.value, [])) for s in COLUMNS]


def roadmap_board(viewer: Actor, *, campaign: Campaign | None = None) -> list[CampaignRoadmap]:
    """The roadmap grouped by campaign, each with its planned / in progress / shipped items (two queries)."""
    groups: dict[int, CampaignRoadmap] = {}
    for item in roadmap_items(viewer, campaign=campaign):
        group = groups.setdefault(item.campaign_id, CampaignRoadmap(item.campaign, {s.value: [] for s in COLUMNS}))
        group.columns[item.status].append(item)
    for group in groups.values():  # newest shipped first
        group.columns[RoadmapStatus.SHIPPED].sort(
            key=lambda i: (i.shipped_at is None, -(i.shipped_at.timestamp() if i.shipped_at else 0))
        )
    return list(groups.values())


def roadmap_item_detail(viewer: Actor, pk: int) -> RoadmapItem | None:
    return roadmap_items(viewer).filter(pk=pk).first()


def item_entries(item: RoadmapItem) -> list[RoadmapEntry]:
    return list(item.entries.select_related("actor", "release").order_by("created_at", "id"))


def manageable_campaigns(viewer: Actor) -> QuerySet[Campaign]:
    """Campaigns whose roadmap the viewer runs (facilitators, admins)."""
    ids = staff_of_campaign_ids(viewer, {Role.FACILITATOR})
    qs = Campaign.objects.order_by("title")
    return qs if ids is None else qs.filter(pk__in=ids)


def releasable_items(campaign: Campaign, release: Release | None = None) -> QuerySet[RoadmapItem]:
    """Items a release of `campaign` may list: in progress or shipped, not in another published release."""
    qs = RoadmapItem.objects.filter(campaign=campaign, status__in=[RoadmapStatus.IN_PROGRESS, RoadmapStatus.SHIPPED])
    taken = Q(release__published_at__isnull=False)
    if release is not None:
        taken &= ~Q(release=release)
    return qs.exclude(taken).order_by("position", "id")


def accepted_ideas_without_item(campaign: Campaign) -> QuerySet[Idea]:
    """Accepted ideas of the campaign that are not on the roadmap yet (e.g. accepted before it existed)."""
    return Idea.objects.filter(campaign=campaign, status=IdeaStatus.ACCEPTED, roadmap_item__isnull=True).order_by(
        "title"
    )


# ---- releases ------------------------------------------------------------------------------------------


def releases_visible_to(viewer: Actor, *, campaign: Campaign | None = None) -> QuerySet[Release]:
    """Published releases of readable campaigns, plus drafts of the campaigns the viewer runs."""
    readable = Q(published_at__isnull=False, campaign__in=_visible_campaigns(viewer).values("pk"))
    ids = staff_of_campaign_ids(viewer, {Role.FACILITATOR})
    drafts = Q(published_at__isnull=True) & (Q() if ids is None else Q(campaign_id__in=ids or [0]))
    qs = (
        Release.objects.filter(readable | drafts)
        if getattr(viewer, "is_authenticated", False)
        else Release.objects.filter(readable)
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign").prefetch_related(
        Prefetch("items", queryset=RoadmapItem.objects.select_related("idea").order_by("position", "id"))
    )


def release_detail(viewer: Actor, pk: int) -> Release | None:
    return releases_visible_to(viewer).filter(pk=pk).first()


@dataclass(frozen=True)
class Credit:
    person: User
    ideas: tuple[Idea, ...]


@dataclass(frozen=True)
class ReleaseCredits:
    """Who a release credits: the authors and co-authors of its ideas by name, then how many others helped."""

    people: list[Credit]
    supporters: int
    commenters: int


def release_credits(release: Release) -> ReleaseCredits:
    """Authors and co-authors of the release's ideas, each once (in item order), and the numbers of other members
    who supported (counted supports only) or commented (visible comments). Four queries."""
    ideas = list(
        Idea.objects.filter(roadmap_item__release=release)
        .select_related("author")
        .prefetch_related("coauthors")
        .order_by("roadmap_item__position", "roadmap_item__id")
    )
    people: dict[int, tuple[User, list[Idea]]] = {}
    for idea in ideas:
        for person in [idea.author, *sorted(idea.coauthors.all(), key=lambda u: u.public_name.lower())]:
            people.setdefault(person.pk, (person, []))[1].append(idea)
    credited = list(people)
    idea_ids = [i.pk for i in ideas]
    supporters = (
        Support.objects.filter(idea_id__in=idea_ids, discounted_at__isnull=True)
        .exclude(member_id__in=credited)
        .values("member_id")
        .distinct()
        .count()
    )
    commenters = (
        Comment.objects.filter(idea_id__in=idea_ids, deleted_at__isnull=True, hidden_at__isnull=True)
        .exclude(author_id__in=credited)
        .values("author_id")
        .distinct()
        .count()
    )
    return ReleaseCredits(
        people=[Credit(person, tuple(its)) for person, its in people.values()],
        supporters=supporters,
        commenters=commenters,
    )


# ---- the idea's timeline -------------------------------------------------------------------------------


def timeline_entries(idea: Idea) -> list[TimelineEntry]:
    """What happened to the idea on the roadmap, for its public timeline: added (planned), moves and progress
    notes, milestones reached, shipped (with the release). Two queries; empty when the idea has no item."""
    item = RoadmapItem.objects.filter(idea=idea).first()
    if item is None:
        return []
    item_url = item.get_absolute_url()
    result = []
    for entry in item.entries.select_related("actor", "release").order_by("created_at", "id"):
        actor = entry.actor.public_name if entry.actor else ""
        status = RoadmapStatus(entry.status).label
        if entry.kind == EntryKind.CREATED:
            title = _("Added to the roadmap: %(status)s") % {"status": status}
        elif entry.kind == EntryKind.STATUS:
            title = _("Roadmap: %(status)s, %(progress)d%% done") % {"status": status, "progress": entry.progress}
        elif entry.kind == EntryKind.PROGRESS:
            title = _("Roadmap progress: %(progress)d%% done") % {"progress": entry.progress}
        elif entry.kind == EntryKind.MILESTONE_DONE:
            title = _("Milestone reached: %(title)s") % {"title": entry.subject}
        elif entry.kind == EntryKind.SHIPPED:
            if entry.release is not None and entry.release.published_at is not None:
                title = _("Shipped in %(title)s (%(version)s)") % {
                    "title": entry.release.title,
                    "version": entry.release.version,
                }
                result.append(
                    TimelineEntry(
                        entry.created_at, "roadmap", title, entry.note, actor, entry.release.get_absolute_url()
                    )
                )
                continue
            title = _("Shipped")
        else:
            continue  # edits, added or removed milestones are staff housekeeping, not news
        result.append(TimelineEntry(entry.created_at, "roadmap", title, entry.note, actor, item_url))
    return result
