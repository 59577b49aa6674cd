"""The public roadmap and releases: items filterable by campaign and status, item detail with milestones and
history, releases with their credits; staff move items with POST /roadmap/items/{id}/progress."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from cocreate.core.errors import NotFound
from cocreate.roadmap import selectors, services
from cocreate.roadmap.models import Release, RoadmapItem

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut, PersonOut, _absolute
from .common import IdPath, campaign_or_404, errors

router = Router(tags=["roadmap"], auth=READ)

RoadmapStatusName = Literal["planned", "in_progress", "shipped"]


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: date | None
    done: bool
    done_at: datetime | None


class ReleaseRefOut(Schema):
    id: int
    title: str
    version: str
    published_at: datetime | None


class RoadmapItemOut(Schema):
    id: int
    campaign: str
    title: str
    summary: str
    status: RoadmapStatusName
    status_label: str
    progress: int = Field(description="Percent done, 0 to 100.")
    position: int
    idea_id: int | None
    shipped_at: datetime | None
    release: ReleaseRefOut | None
    milestones: list[MilestoneOut]
    url: str

    @staticmethod
    def resolve_campaign(obj: RoadmapItem) -> str:
        return obj.campaign.slug

    @staticmethod
    def resolve_status_label(obj: RoadmapItem) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_release(obj: RoadmapItem) -> Any:
        return obj.release if obj.release is not None and obj.release.published_at else None

    @staticmethod
    def resolve_milestones(obj: RoadmapItem) -> list[Any]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_url(obj: RoadmapItem, context: Any) -> str:
        return _absolute(context, obj.get_absolute_url())


class EntryOut(Schema):
    at: datetime
    kind: str
    status: RoadmapStatusName
    progress: int
    note: str
    subject: str
    actor: PersonOut | None
    release_id: int | None


class RoadmapItemDetailOut(RoadmapItemOut):
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj: RoadmapItem) -> list[dict[str, Any]]:
        return [
            {
                "at": e.created_at,
                "kind": e.kind,
                "status": e.status,
                "progress": e.progress,
                "note": e.note,
                "subject": e.subject,
                "actor": e.actor,
                "release_id": e.release_id if e.release and e.release.published_at else None,
            }
            for e in selectors.item_entries(obj)
        ]


class CreditOut(Schema):
    person: PersonOut
    profile_url: str
    idea_ids: list[int]


class ReleaseOut(Schema):
    id: int
    campaign: str
    title: str
    version: str
    notes: str
    published_at: datetime | None
    items: list[RoadmapItemOut]
    url: str

    @staticmethod
    def resolve_campaign(obj: Release) -> str:
        return obj.campaign.slug

    @staticmethod
    def resolve_items(obj: Release) -> list[Any]:
        return list(obj.items.all())

    @staticmethod
    def resolve_url(obj: Release, context: Any) -> str:
        return _absolute(context, obj.get_absolute_url())


class ReleaseSummaryOut(Schema):
    id: int
    campaign: str
    title: str
    version: str
    published_at: datetime | None
    item_count: int
    url: str

    @staticmethod
    def resolve_campaign(obj: Release) -> str:
        return obj.campaign.slug

    @staticmethod
    def resolve_item_count(obj: Release) -> int:
        return len(obj.items.all())

    @staticmethod
    def resolve_url(obj: Release, context: Any) -> str:
        return _absolute(context, obj.get_absolute_url())


class ReleaseDetailOut(ReleaseOut):
    credits: list[CreditOut] = Field(description="Authors and co-authors of the release's ideas, each once.")
    supporters: int = Field(description="Other members who supported the release's ideas.")
    commenters: int = Field(description="Other members who commented on them.")

    @staticmethod
    def resolve_credits(obj: Release, context: Any) -> list[dict[str, Any]]:
        return [
            {
                "person": c.person,
                "profile_url": _absolute(context, reverse("accounts:profile", kwargs={"pk": c.person.pk})),
                "idea_ids": [i.pk for i in c.ideas],
            }
            for c in obj.credit_info.people
        ]

    @staticmethod
    def resolve_supporters(obj: Release) -> int:
        return obj.credit_info.supporters

    @staticmethod
    def resolve_commenters(obj: Release) -> int:
        return obj.credit_info.commenters


class RoadmapQuery(PageParams):
    campaign: str = Field("", max_length=80, description="Campaign slug.")
    status: RoadmapStatusName | None = Field(None, description="planned, in_progress or shipped.")


class ReleaseQuery(PageParams):
    campaign: str = Field("", max_length=80, description="Campaign slug.")


class ProgressIn(Schema):
    status: RoadmapStatusName
    progress: int | None = Field(None, ge=0, le=100)
    note: str = Field("", max_length=2000)


def _item_or_404(viewer: Any, pk: int) -> RoadmapItem:
    item = selectors.roadmap_item_detail(viewer, pk)
    if item is None:
        raise NotFound(_("This roadmap item does not exist."))
    return item


@router.get("/roadmap", response={200: PageOut[RoadmapItemOut], **errors(401, 404, 422)})
def list_roadmap(request: HttpRequest, query: Query[RoadmapQuery]):
    """Roadmap items the caller may see, by campaign and board position; filter by campaign and status."""
    campaign = campaign_or_404(request.auth, query.campaign) if query.campaign else None
    return paginate(request, selectors.roadmap_items(request.auth, campaign=campaign, status=query.status or ""), query)


@router.get("/roadmap/items/{id}", response={200: RoadmapItemDetailOut, **errors(401, 404, 422)})
def get_roadmap_item(request: HttpRequest, id: IdPath) -> RoadmapItem:
    """One item with its milestones and its public history (who, what, when, note)."""
    return _item_or_404(request.auth, id)


@router.post(
    "/roadmap/items/{id}/progress",
    auth=WRITE,
    response={200: RoadmapItemOut, **errors(400, 401, 403, 404, 409, 422)},
)
def progress_roadmap_item(request: HttpRequest, id: IdPath, payload: ProgressIn) -> RoadmapItem:
    """Staff move the item (planned, in_progress, shipped) and/or set its progress, with a public note."""
    item = _item_or_404(request.auth, id)
    services.roadmap_item_progress(
        actor=request.auth, item=item, status=payload.status, progress=payload.progress, note=payload.note
    )
    return _item_or_404(request.auth, id)


@router.get("/releases", response={200: PageOut[ReleaseSummaryOut], **errors(401, 404, 422)})
def list_releases(request: HttpRequest, query: Query[ReleaseQuery]):
    """Published releases the caller may see, newest first (and drafts of the campaigns they run)."""
    campaign = campaign_or_404(request.auth, query.campaign) if query.campaign else None
    return paginate(request, selectors.releases_visible_to(request.auth, campaign=campaign), query)


@router.get("/releases/{id}", response={200: ReleaseDetailOut, **errors(401, 404, 422)})
def get_release(request: HttpRequest, id: IdPath) -> Release:
    """A release: its notes, what shipped, and the co-creators it credits by name."""
    release = selectors.release_detail(request.auth, id)
    if release is None:
        raise NotFound(_("This release does not exist."))
    release.credit_info = selectors.release_credits(release)  # type: ignore[attr-defined]
    return release
