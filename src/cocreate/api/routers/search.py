"""Full-text search, merging duplicate ideas (preview, merge, undo, the log), and the duplicate queue with its
"not a duplicate" decisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.core.errors import NotFound, PermissionDenied
from cocreate.core.permissions import has_perm, require_perm
from cocreate.ideas.selectors import idea_detail
from cocreate.search.backends import KINDS, MAX_QUERY, SearchFilters, search
from cocreate.similarity import selectors as similarity
from cocreate.similarity import services as merging
from cocreate.similarity.models import DuplicateDismissal, IdeaMerge

from ..auth import READ, WRITE
from ..pagination import MAX_PAGE, MAX_PAGE_SIZE, PageParams, paginate
from ..schemas import PageOut, StatusName
from .common import IdPath, SlugPath, campaign_or_404, errors, idea_or_404

router = Router(tags=["search"], auth=READ)
merges_router = Router(tags=["merges"], auth=READ)


class SearchParams(Schema):
    q: str = Field(..., max_length=MAX_QUERY, description="Words to find; every word must match (stemmed).")
    kind: Literal["", "idea", "campaign", "comment"] = ""
    campaign: int | None = Field(None, ge=1, description="A campaign id.")
    status: StatusName | Literal[""] = ""  # type: ignore[valid-type]
    tag: str = Field("", max_length=50, description="A tag slug.")
    theme: int | None = Field(None, ge=1, description="A theme id (when themes exist).")
    date_from: date | None = None
    date_to: date | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class SearchHitOut(Schema):
    kind: str
    id: int
    rank: float
    url: str
    title_html: str = Field(description="Title, HTML-escaped, matched words in <mark>.")
    snippet_html: str = Field(description="Excerpt, HTML-escaped, matched words in <mark>.")
    idea_id: int | None
    campaign_id: int | None
    created_at: datetime | None


class MergeIn(Schema):
    target_id: int = Field(..., ge=1)
    reason: str = Field("", max_length=2000)


class MergePreviewOut(Schema):
    supports: int
    duplicate_supports: int
    followers: int
    comments: int
    coauthors: int


class MergeOut(Schema):
    id: int
    source_id: int
    target_id: int
    actor_id: int | None
    reason: str
    previous_status: str
    created_at: datetime
    undone_at: datetime | None
    undone_by_id: int | None
    moved: MergePreviewOut

    @staticmethod
    def resolve_moved(obj: IdeaMerge) -> dict[str, int]:
        moved = obj.moved or {}
        return {
            "supports": len(moved.get("supports", [])) + len(moved.get("dropped_supports", [])),
            "duplicate_supports": len(moved.get("dropped_supports", [])),
            "followers": len(moved.get("follows", [])),
            "comments": len(moved.get("comments", [])),
            "coauthors": len(moved.get("coauthors", [])),
        }


@router.get("/search", response={200: PageOut[SearchHitOut], **errors(401, 404, 422)})
def search_everything(request: HttpRequest, params: Query[SearchParams]):
    """Campaigns, ideas and comments the caller may see, best match first (titles weigh most)."""
    filters = SearchFilters(
        campaign_id=params.campaign,
        status=params.status,
        tag=params.tag,
        theme_id=params.theme,
        kinds=(params.kind,) if params.kind else KINDS,
        date_from=params.date_from,
        date_to=params.date_to,
    )
    found = search(params.q, viewer=request.auth, filters=filters, page=params.page, page_size=params.page_size)
    if params.page > found.num_pages:
        raise NotFound(
            _("Page %(page)d does not exist; the last page is %(pages)d.")
            % {"page": params.page, "pages": found.num_pages},
            code="invalid_page",
            field="page",
        )

    def link(page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": found.count,
        "page": found.page,
        "page_size": found.page_size,
        "next": link(found.page + 1) if found.has_next else None,
        "previous": link(found.page - 1) if found.has_previous else None,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.pk,
                "rank": hit.rank,
                "url": request.build_absolute_uri(hit.url),
                "title_html": str(hit.title),
                "snippet_html": str(hit.snippet),
                "idea_id": hit.idea.pk if hit.idea else None,
                "campaign_id": hit.campaign.pk if hit.campaign else None,
                "created_at": hit.created_at,
            }
            for hit in found.hits
        ],
    }


@merges_router.get("/ideas/{id}/merge-preview", response={200: MergePreviewOut, **errors(401, 403, 404, 409, 422)})
def merge_preview(request: HttpRequest, id: IdPath, target_id: Query[int]):
    """What merging this idea into `target_id` would move (moderators, or the idea's only author)."""
    source, target = idea_or_404(request.auth, id), idea_or_404(request.auth, target_id)
    require_perm(request.auth, "similarity.merge_or_mark", source)
    merging.merge_check(source=source, target=target)
    return merging.merge_preview(source=source, target=target)


@merges_router.post("/ideas/{id}/merge", auth=WRITE, response={201: MergeOut, **errors(400, 401, 403, 404, 409, 422)})
def merge_idea(request: HttpRequest, id: IdPath, payload: MergeIn):
    """Merge this idea (the duplicate) into `target_id`. Moderators and facilitators; the only author of the idea
    may also mark it as a duplicate this way."""
    source, target = idea_or_404(request.auth, id), idea_or_404(request.auth, payload.target_id)
    require_perm(request.auth, "similarity.merge_or_mark", source)  # the same rule as the merge page
    if has_perm(request.auth, "similarity.merge", source):
        record = merging.merge_ideas(actor=request.auth, source=source, target=target, reason=payload.reason)
    else:
        record = merging.idea_mark_duplicate(actor=request.auth, idea=source, target=target, note=payload.reason)
    return Status(201, record)


@merges_router.post("/merges/{id}/undo", auth=WRITE, response={200: MergeOut, **errors(401, 403, 404, 409, 422)})
def undo_merge(request: HttpRequest, id: IdPath):
    """Undo a merge exactly. 409 `merge_already_undone` the second time."""
    record = _merge_or_404(request, id)
    return merging.merge_undo(actor=request.auth, merge=record)


@merges_router.get("/merges", response={200: PageOut[MergeOut], **errors(401, 403, 404, 422)})
def list_merges(request: HttpRequest, query: Query[PageParams]):
    """Merges in the campaigns the caller moderates, newest first."""
    return paginate(request, _merges_for(request.auth), query)


def _merges_for(viewer):
    campaign_ids = staff_of_campaign_ids(viewer, {Role.MODERATOR, Role.FACILITATOR})
    qs = IdeaMerge.objects.order_by("-created_at", "-id")
    if campaign_ids is None:
        return qs
    if not campaign_ids:
        raise PermissionDenied(_("Only moderators can see the merges."))
    return qs.filter(source__campaign_id__in=campaign_ids)


def _merge_or_404(request: HttpRequest, pk: int) -> IdeaMerge:
    record = IdeaMerge.objects.select_related("source", "target").filter(pk=pk).first()
    if record is None or idea_detail(request.auth, record.source_id) is None:
        raise NotFound(_("This merge does not exist."))
    return record


# ---- the duplicate queue and "not a duplicate" -----------------------------------------------------------


class DuplicatePairOut(Schema):
    source_id: int = Field(description="The newer idea (merged into the older one by default).")
    target_id: int
    similarity: float


class DismissIn(Schema):
    source_id: int = Field(..., ge=1)
    target_id: int = Field(..., ge=1)
    reason: str = Field("", max_length=1000)


class DismissalOut(Schema):
    id: int
    campaign_id: int
    first_id: int
    second_id: int
    reason: str
    dismissed_by_id: int | None
    dismissed_at: datetime
    restored_by_id: int | None
    restored_at: datetime | None


def _moderated_campaign(request: HttpRequest, slug: str):
    campaign = campaign_or_404(request.auth, slug)
    if not has_perm(request.auth, "similarity.view_duplicates", campaign):
        raise PermissionDenied(_("Only the campaign's moderators and facilitators see duplicate candidates."))
    return campaign


@merges_router.get("/campaigns/{slug}/duplicates", response={200: list[DuplicatePairOut], **errors(401, 403, 404, 422)})
def duplicate_queue(request: HttpRequest, slug: SlugPath):
    """Pairs of the campaign's standing ideas above the duplicate threshold, most similar first, without the
    pairs marked as not duplicates (moderators and facilitators)."""
    campaign = _moderated_campaign(request, slug)
    return [
        {"source_id": p.source.pk, "target_id": p.target.pk, "similarity": round(p.score, 4)}
        for p in similarity.duplicate_candidates(campaign)
    ]


@merges_router.get(
    "/campaigns/{slug}/duplicate-dismissals", response={200: list[DismissalOut], **errors(401, 403, 404, 422)}
)
def duplicate_dismissals(request: HttpRequest, slug: SlugPath):
    """The campaign's "not a duplicate" decisions, newest first, restored ones included (the audit trail)."""
    return similarity.duplicate_dismissals(_moderated_campaign(request, slug))


@merges_router.post(
    "/campaigns/{slug}/duplicates/dismiss",
    auth=WRITE,
    response={201: DismissalOut, **errors(400, 401, 403, 404, 409, 422)},
)
def dismiss_duplicate(request: HttpRequest, slug: SlugPath, payload: DismissIn):
    """Mark two ideas of the campaign as not duplicates: the pair leaves the queue for good (until restored).
    409 `already_dismissed` when it already is."""
    campaign = _moderated_campaign(request, slug)
    source, target = idea_or_404(request.auth, payload.source_id), idea_or_404(request.auth, payload.target_id)
    if source.campaign_id != campaign.pk:
        raise NotFound(_("This idea is not in this campaign."), field="source_id")
    dismissal = merging.duplicate_dismiss(actor=request.auth, source=source, target=target, reason=payload.reason)
    return Status(201, dismissal)


@merges_router.post(
    "/duplicate-dismissals/{id}/restore", auth=WRITE, response={200: DismissalOut, **errors(401, 403, 404, 409, 422)}
)
def restore_dismissal(request: HttpRequest, id: IdPath):
    """Put a dismissed pair back in the queue; the decision stays, marked restored. 409 `already_restored`."""
    dismissal = DuplicateDismissal.objects.select_related("campaign").filter(pk=id).first()
    if dismissal is None or not has_perm(request.auth, "similarity.view_duplicates", dismissal.campaign):
        raise NotFound(_("This decision does not exist."))
    return merging.duplicate_dismissal_restore(actor=request.auth, dismissal=dismissal)
