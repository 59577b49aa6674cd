from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest
from ninja import Body, Query, Router, Status
from pydantic import Field

from cocreate.engagement.selectors import member_supports, viewer_state
from cocreate.ideas import services
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import (
    DEFAULT_SORT,
    idea_can,
    idea_list,
    idea_progress,
    idea_revisions,
    text_diff,
)

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import (
    IdeaCreateIn,
    IdeaDetailOut,
    IdeaEditIn,
    IdeaOut,
    PageOut,
    RevisionOut,
    SortName,
    StatusName,
    WithdrawIn,
)
from .common import IdPath, SlugPath, campaign_or_404, errors, idea_or_404

router = Router(tags=["ideas"], auth=READ)

MAX_SEED = 2**31 - 1


class IdeaQuery(PageParams):
    sort: SortName = Field(DEFAULT_SORT, description="newest, most_supported, trending or random.")
    seed: int | None = Field(
        None, ge=0, le=MAX_SEED, description="Seed of the random order; the next/previous links keep it."
    )
    status: StatusName | None = Field(None, description="Only ideas in this status.")
    tag: str = Field("", max_length=50, description="Tag slug.")
    q: str = Field("", max_length=200, description="Words to search in titles, descriptions and tags.")
    mine: bool = Field(False, description="Only the caller's own ideas (drafts included).")


class AllIdeasQuery(IdeaQuery):
    campaign: str = Field("", max_length=80, description="Campaign slug.")


def _idea_page(request: HttpRequest, query: IdeaQuery, campaign: Any = None) -> dict[str, Any]:
    viewer = request.auth
    extra = {}
    seed = query.seed or 0
    if query.sort == "random" and query.seed is None:
        seed = secrets.randbelow(MAX_SEED)
        extra["seed"] = seed
    ideas = idea_list(
        viewer,
        campaign=campaign,
        sort=query.sort,
        status=query.status or "",
        tag=query.tag.strip(),
        q=query.q,
        seed=seed,
        mine=query.mine,
    )
    page = paginate(request, ideas, query, extra=extra)
    supported = member_supports(viewer, page["results"])
    for idea in page["results"]:
        idea.viewer_supports = idea.pk in supported
    return page


def _detail(viewer: Any, pk: int) -> Idea:
    """The idea as IdeaDetailOut shows it: progress on the ladder and what the viewer does and may do."""
    idea = idea_or_404(viewer, pk)
    state = viewer_state(viewer, idea)
    idea.viewer_supports = state["supports"]
    idea.viewer_follows = state["follows"]
    idea.progress = idea_progress(idea)
    # The same rules and names as the idea page's `can` map; "support" here means "may add a support now".
    idea.viewer_can = idea_can(viewer, idea, keys=("edit", "withdraw", "support", "comment"))
    idea.viewer_can["support"] = idea.viewer_can["support"] and not state["supports"]
    return idea


@router.get("/ideas", response={200: PageOut[IdeaOut], **errors(401, 404, 422)})
def list_ideas(request: HttpRequest, query: Query[AllIdeasQuery]):
    """Every idea the caller may see, across campaigns."""
    campaign = campaign_or_404(request.auth, query.campaign) if query.campaign else None
    return _idea_page(request, query, campaign)


@router.get("/campaigns/{slug}/ideas", response={200: PageOut[IdeaOut], **errors(401, 404, 422)})
def list_campaign_ideas(request: HttpRequest, slug: SlugPath, query: Query[IdeaQuery]):
    """The ideas of one campaign."""
    return _idea_page(request, query, campaign_or_404(request.auth, slug))


@router.post(
    "/campaigns/{slug}/ideas",
    auth=WRITE,
    response={201: IdeaDetailOut, **errors(400, 401, 403, 404, 409, 422)},
)
def create_idea(request: HttpRequest, slug: SlugPath, payload: IdeaCreateIn):
    """Submit an idea (published, or pending when the campaign pre-moderates), or keep it as a draft."""
    campaign = campaign_or_404(request.auth, slug)
    idea = services.idea_create(
        actor=request.auth,
        campaign=campaign,
        title=payload.title,
        body=payload.body,
        tags=payload.tags,
        coauthors=payload.coauthors,
        draft=payload.draft,
    )
    return Status(201, _detail(request.auth, idea.pk))


@router.get("/ideas/{id}", response={200: IdeaDetailOut, **errors(401, 404, 422)})
def get_idea(request: HttpRequest, id: IdPath) -> Idea:
    """One idea with its progress on the support ladder."""
    return _detail(request.auth, id)


@router.patch("/ideas/{id}", auth=WRITE, response={200: IdeaDetailOut, **errors(400, 401, 403, 404, 409, 422)})
def edit_idea(request: HttpRequest, id: IdPath, payload: IdeaEditIn) -> Idea:
    """Revise an idea. Fields left out keep their value; once public, every change is kept as a revision."""
    idea = idea_or_404(request.auth, id)
    services.idea_edit(
        actor=request.auth,
        idea=idea,
        title=idea.title if payload.title is None else payload.title,
        body=idea.body if payload.body is None else payload.body,
        tags=payload.tags,
        coauthors=payload.coauthors,
        note=payload.note,
    )
    return _detail(request.auth, id)


@router.get("/ideas/{id}/revisions", response={200: PageOut[RevisionOut], **errors(401, 404, 422)})
def list_revisions(request: HttpRequest, id: IdPath, query: Query[PageParams]):
    """The idea's published versions, oldest first, each with a word diff (HTML) against the one before."""
    idea = idea_or_404(request.auth, id)
    revisions = list(idea_revisions(idea))
    page = paginate(request, revisions, query)
    previous = {r.number: r for r in revisions}
    rows = []
    for revision in page["results"]:
        before = previous.get(revision.number - 1)
        rows.append(
            {
                "number": revision.number,
                "title": revision.title,
                "body": revision.body,
                "tags": revision.tags,
                "note": revision.note,
                "editor": revision.editor,
                "created_at": revision.created_at,
                "diff": {
                    "title": text_diff(before.title if before else "", revision.title),
                    "body": text_diff(before.body if before else "", revision.body),
                    "tags": text_diff(before.tags if before else "", revision.tags),
                },
            }
        )
    page["results"] = rows
    return page


@router.post("/ideas/{id}/submit", auth=WRITE, response={200: IdeaDetailOut, **errors(400, 401, 403, 404, 409)})
def submit_idea(request: HttpRequest, id: IdPath) -> Idea:
    """Submit a draft: it is published, or waits for a moderator when the campaign pre-moderates."""
    services.idea_submit_draft(actor=request.auth, idea=idea_or_404(request.auth, id))
    return _detail(request.auth, id)


@router.post("/ideas/{id}/withdraw", auth=WRITE, response={200: IdeaDetailOut, **errors(400, 401, 403, 404, 409, 422)})
def withdraw_idea(request: HttpRequest, id: IdPath, payload: Body[WithdrawIn | None] = None) -> Idea:
    """The author takes the idea back, optionally saying why."""
    services.idea_withdraw(
        actor=request.auth, idea=idea_or_404(request.auth, id), reason=payload.reason if payload else ""
    )
    return _detail(request.auth, id)
