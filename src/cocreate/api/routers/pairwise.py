"""The pairwise wiki survey over the API: entries, the next pair, votes and results."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from cocreate.campaigns.models import Campaign
from cocreate.core.errors import NotFound
from cocreate.pairwise import selectors, services
from cocreate.pairwise.methods import PAIRWISE
from cocreate.pairwise.models import PairwiseEntry, PairwisePrompt

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas import PageOut
from .common import SlugPath, campaign_or_404, errors

router = Router(tags=["pairwise"], auth=READ)


class EntryOut(Schema):
    id: int
    text: str
    status: str
    is_seed: bool
    created_at: datetime


class EntryIn(Schema):
    text: str = Field(min_length=1, max_length=200)


class PairOut(Schema):
    prompt_id: int
    left: EntryOut
    right: EntryOut


class VoteIn(Schema):
    prompt_id: int = Field(ge=1, le=2**63 - 1)
    choice: Literal["left", "right", "cant_decide"]
    reason: Literal["", "both_good", "both_bad", "dont_know", "other"] = ""
    reason_text: str = Field("", max_length=300)


class VoteOut(Schema):
    id: int
    prompt_id: int
    choice: str
    winner_id: int | None
    reason: str
    created_at: datetime


class ResultOut(Schema):
    rank: int
    entry: EntryOut
    score: float = Field(description="Chance (0–100) of beating a randomly chosen other entry.")
    lower: float = Field(description="Lower end of the 95% band.")
    upper: float = Field(description="Upper end of the 95% band.")
    comparisons: int
    wins: int
    member_added: bool


class ResultsOut(Schema):
    votes: int
    cant_decide: int
    results: list[ResultOut]


def _pairwise_or_404(viewer, slug: str) -> Campaign:
    campaign = campaign_or_404(viewer, slug)
    if not PAIRWISE.applies_to(campaign):
        raise NotFound(_("This campaign is not a pairwise survey."), code="not_pairwise")
    selectors.settings_for(campaign)
    return campaign


def _entry(entry: PairwiseEntry) -> dict:
    return {
        "id": entry.pk,
        "text": entry.text,
        "status": entry.status,
        "is_seed": entry.is_seed,
        "created_at": entry.created_at,
    }


@router.get("/campaigns/{slug}/pairwise/entries", response={200: PageOut[EntryOut], **errors(401, 404, 422)})
def list_entries(request: HttpRequest, slug: SlugPath, query: PageQuery):
    """The entries in the survey (shown ones), oldest first."""
    campaign = _pairwise_or_404(request.auth, slug)
    return paginate(request, selectors.shown_entries(campaign), query)


@router.post(
    "/campaigns/{slug}/pairwise/entries", auth=WRITE, response={201: EntryOut, **errors(400, 401, 403, 404, 409, 422)}
)
def add_entry(request: HttpRequest, slug: SlugPath, payload: EntryIn):
    """Add an entry: shown at once from the campaign's moderators, `pending` approval from members."""
    campaign = _pairwise_or_404(request.auth, slug)
    return Status(201, _entry(services.entry_add(actor=request.auth, campaign=campaign, text=payload.text)))


@router.post(
    "/campaigns/{slug}/pairwise/next-pair", auth=WRITE, response={201: PairOut, **errors(401, 403, 404, 409, 422)}
)
def next_pair(request: HttpRequest, slug: SlugPath):
    """Serve the next pair to the caller (chosen adaptively; never the pair they saw last). Answer it with
    `POST …/pairwise/votes` and its `prompt_id`. 409 `too_few_entries` while fewer than two entries are shown."""
    campaign = _pairwise_or_404(request.auth, slug)
    prompt = services.prompt_next(actor=request.auth, campaign=campaign)
    return Status(201, {"prompt_id": prompt.pk, "left": _entry(prompt.left), "right": _entry(prompt.right)})


@router.post(
    "/campaigns/{slug}/pairwise/votes", auth=WRITE, response={201: VoteOut, **errors(400, 401, 403, 404, 409, 422)}
)
def cast_vote(request: HttpRequest, slug: SlugPath, payload: VoteIn):
    """Answer a pair served to you: `left`, `right`, or `cant_decide` with a `reason`. One answer per pair."""
    campaign = _pairwise_or_404(request.auth, slug)
    prompt = PairwisePrompt.objects.filter(pk=payload.prompt_id, campaign=campaign).select_related("campaign").first()
    if prompt is None:
        raise NotFound(_("This pair was not served in this survey."), field="prompt_id")
    vote = services.vote_cast(
        actor=request.auth,
        prompt=prompt,
        choice=payload.choice,
        reason=payload.reason,
        reason_text=payload.reason_text,
    )
    return Status(
        201,
        {
            "id": vote.pk,
            "prompt_id": prompt.pk,
            "choice": vote.choice,
            "winner_id": vote.winner_id,
            "reason": vote.reason,
            "created_at": vote.created_at,
        },
    )


@router.get("/campaigns/{slug}/pairwise/results", response={200: ResultsOut, **errors(401, 404, 422)})
def results(request: HttpRequest, slug: SlugPath):
    """The ranking: each entry's score (chance of beating a random other entry, 0–100) with a 95% band."""
    campaign = _pairwise_or_404(request.auth, slug)
    found = selectors.results(campaign)
    return {
        "votes": found.votes,
        "cant_decide": found.cant_decide,
        "results": [
            {
                "rank": row.rank,
                "entry": _entry(row.entry),
                "score": row.score,
                "lower": row.lower,
                "upper": row.upper,
                "comparisons": row.comparisons,
                "wins": row.wins,
                "member_added": row.member_added,
            }
            for row in found.rows
        ],
    }
