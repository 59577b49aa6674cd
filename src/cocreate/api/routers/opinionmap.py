"""Opinion map (Pol.is-style) endpoints: statements, votes, moderation and the latest report."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from cocreate.core.errors import ApplicationError, NotFound
from cocreate.core.permissions import has_perm
from cocreate.opinionmap import selectors, services
from cocreate.opinionmap.models import Statement

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut
from .common import IdPath, SlugPath, errors

router = Router(tags=["opinion map"], auth=READ)


class StatementOut(Schema):
    id: int
    text: str
    moderation: Literal["shown", "unmoderated", "hidden"]
    about_participant: bool = Field(False, description="A meta statement: about who participants are, not an opinion")
    agree: int = 0
    disagree: int = 0
    passes: int = Field(0, alias="pass")

    @staticmethod
    def resolve_moderation(obj: Statement) -> str:
        return {1: "shown", 0: "unmoderated", -1: "hidden"}[obj.moderation]

    @staticmethod
    def resolve_about_participant(obj: Statement) -> bool:
        return obj.is_meta

    @staticmethod
    def resolve_agree(obj: Statement) -> int:
        return getattr(obj, "n_agree", 0)

    @staticmethod
    def resolve_disagree(obj: Statement) -> int:
        return getattr(obj, "n_disagree", 0)

    @staticmethod
    def resolve_passes(obj: Statement) -> int:
        return getattr(obj, "n_pass", 0)


class StatementIn(Schema):
    text: str = Field(..., min_length=5, max_length=400)


class ModerationIn(Schema):
    moderation: Literal["shown", "unmoderated", "hidden"] | None = None
    about_participant: bool | None = Field(
        None, description="Mark a meta statement (kept out of the map and of the groups' statements), or unmark it"
    )


class VoteIn(Schema):
    statement_id: int = Field(..., ge=1)
    value: Literal[-1, 0, 1]


class VoteOut(Schema):
    statement_id: int
    value: int
    next_statement_id: int | None
    participant_key: str | None = Field(
        None,
        description="Anonymous callers only: your participant identity in this campaign. Send it back as the "
        "X-Participant-Key header (or keep the cookie set with it) so your later votes count as yours.",
    )


class ReportOut(Schema):
    computed_at: datetime | None
    vote_count: int
    pending: bool
    data: dict[str, Any]


def _campaign(viewer: Any, slug: str):
    campaign = selectors.opinion_campaign(viewer, slug)
    if campaign is None:
        raise NotFound(_("This opinion map does not exist."))
    return campaign


@router.get("/campaigns/{slug}/opinion/statements", response={200: PageOut[StatementOut], **errors(401, 404, 422)})
def list_statements(request: HttpRequest, slug: SlugPath, query: Query[PageParams]):
    """Shown statements with their vote totals (staff also see waiting and hidden ones)."""
    return paginate(request, selectors.statements_for(request.auth, _campaign(request.auth, slug)), query)


@router.post(
    "/campaigns/{slug}/opinion/statements", auth=WRITE, response={201: StatementOut, **errors(400, 401, 403, 404, 422)}
)
def submit_statement(request: HttpRequest, slug: SlugPath, payload: StatementIn):
    """Submit a statement; `unmoderated` until a moderator shows it when the campaign pre-moderates."""
    statement = services.statement_submit(actor=request.auth, campaign=_campaign(request.auth, slug), text=payload.text)
    return Status(201, statement)


@router.patch("/opinion/statements/{id}", auth=WRITE, response={200: StatementOut, **errors(400, 401, 403, 404, 422)})
def moderate_statement(request: HttpRequest, id: IdPath, payload: ModerationIn):
    """Campaign staff show or hide a statement, or mark it as about the participant (a meta statement)."""
    statement = Statement.objects.select_related("campaign").filter(pk=id).first()
    if statement is None or selectors.opinion_campaign(request.auth, statement.campaign.slug) is None:
        raise NotFound(_("This statement does not exist."))
    if payload.moderation is None and payload.about_participant is None:
        raise ApplicationError(_("Send moderation, about_participant or both."), code="nothing_to_change")
    if payload.moderation is not None:
        value = {"shown": 1, "unmoderated": 0, "hidden": -1}[payload.moderation]
        statement = services.statement_moderate(actor=request.auth, statement=statement, moderation=value)
    if payload.about_participant is not None:
        statement = services.statement_mark_meta(
            actor=request.auth, statement=statement, is_meta=payload.about_participant
        )
    return statement


PARTICIPANT_HEADER = "X-Participant-Key"


def _anonymous_key(request: HttpRequest, campaign) -> str:
    """The anonymous caller's identity, as the web page keeps it: the X-Participant-Key header, else the
    participation cookie, else a new one. 401 when the campaign does not take anonymous votes."""
    if not has_perm(request.auth, "opinionmap.vote", campaign):
        raise ApplicationError(
            _("Sign in or use an API token: this opinion map does not take anonymous votes."),
            code="not_authenticated",
            status=401,
        )
    sent = request.headers.get(PARTICIPANT_HEADER)
    if sent is not None:
        if not services.is_valid_anon_key(sent):
            raise ApplicationError(
                _("The X-Participant-Key header does not hold a participant key this site issued."),
                code="invalid_participant_key",
            )
        return sent
    cookie = request.COOKIES.get(services.ANON_COOKIE, "")
    return cookie if services.is_valid_anon_key(cookie) else services.new_anon_key()


@router.post("/campaigns/{slug}/opinion/votes", response={200: VoteOut, **errors(400, 401, 403, 404, 422)})
def cast_vote(request: HttpRequest, response: HttpResponse, slug: SlugPath, payload: VoteIn):
    """Agree (1), disagree (-1) or pass (0); voting again on a statement replaces the earlier vote.

    With a token or a signed-in session you vote as yourself. When the campaign allows anonymous participants,
    callers without credentials vote too: the answer carries `participant_key` (also set as the
    `cocreate_opinion` cookie, as the web page does); send it back as the `X-Participant-Key` header to keep
    voting as the same participant. Otherwise 401 `not_authenticated`; a key this site did not issue: 400
    `invalid_participant_key`."""
    campaign = _campaign(request.auth, slug)
    anonymous = not getattr(request.auth, "is_authenticated", False)
    key = _anonymous_key(request, campaign) if anonymous else ""
    statement = selectors.statement_visible(request.auth, campaign, payload.statement_id)
    if statement is None:
        raise NotFound(_("This statement does not exist."), code="statement_not_found")
    vote = services.vote_cast(
        actor=request.auth, campaign=campaign, statement=statement, value=payload.value, anon_key=key
    )
    following = selectors.next_statement(campaign, vote.participant)
    if key:
        response.set_cookie(
            services.ANON_COOKIE,
            key,
            max_age=services.ANON_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return {
        "statement_id": statement.pk,
        "value": vote.value,
        "next_statement_id": following.pk if following else None,
        "participant_key": key or None,
    }


@router.get("/campaigns/{slug}/opinion/report", response={200: ReportOut, **errors(401, 404, 422)})
def get_report(request: HttpRequest, slug: SlugPath):
    """The latest computed map: points (participant ids are internal), groups with representative statements,
    consensus and divisive statements with per-group statistics. 404 `no_report` before the first computation."""
    report = selectors.latest_report(_campaign(request.auth, slug))
    if report is None:
        raise NotFound(_("No report has been computed yet."), code="no_report")
    return report
