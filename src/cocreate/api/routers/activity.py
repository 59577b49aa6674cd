"""The activity log over the API: staff read their scope of it; anyone reads the public moderation and decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from cocreate.activity import selectors
from cocreate.activity.models import Verb
from cocreate.core.permissions import require_perm

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut
from .common import errors

router = Router(tags=["activity"], auth=WRITE)


class ActivityFilters(PageParams):
    campaign: int | None = Field(None, description="Only this campaign's entries.")
    actor: str = Field("", description="Only this member's entries: an id or an email address (staff only).")
    verb: str = Field("", description="A verb (`moderation.hide`) or an area (`moderation`).")


class ActivityEntryOut(Schema):
    id: int
    created_at: datetime
    verb: str
    verb_label: str
    actor_id: int | None
    actor_name: str
    target_type: str
    target_id: int | None
    target_label: str
    campaign_id: int | None
    details: dict[str, Any]

    @staticmethod
    def resolve_verb_label(entry: Any) -> str:
        return str(Verb(entry.verb).label) if entry.verb in Verb.values else entry.verb

    @staticmethod
    def resolve_actor_name(entry: Any) -> str:
        return entry.actor.public_name if entry.actor else ""

    @staticmethod
    def resolve_target_type(entry: Any) -> str:
        return entry.target_type.model if entry.target_type_id else ""


class PublicEntryOut(ActivityEntryOut):
    @staticmethod
    def resolve_details(entry: Any) -> dict[str, Any]:
        return entry.public_details()

    @staticmethod
    def resolve_actor_id(entry: Any) -> None:
        return None

    @staticmethod
    def resolve_actor_name(entry: Any) -> str:
        return ""


@router.get("/activity", response={200: PageOut[ActivityEntryOut], **errors(401, 403, 422)})
def staff_log(request: HttpRequest, query: Query[ActivityFilters]):
    """The activity log the caller may read as staff, newest first: admins see the whole site, facilitators and
    moderators their campaigns. No client addresses, even hashed."""
    require_perm(request.auth, "activity.view_log")
    if query.campaign is not None:
        require_perm(request.auth, "activity.view_campaign_log", query.campaign)
    entries = selectors.staff_entries(request.auth, campaign_id=query.campaign, actor=query.actor, verb=query.verb)
    return paginate(
        request, entries, query, extra={"campaign": query.campaign, "actor": query.actor, "verb": query.verb}
    )


@router.get("/activity/public", response={200: PageOut[PublicEntryOut], **errors(422)}, auth=READ)
def public_log(request: HttpRequest, query: Query[ActivityFilters]):
    """Moderation and decisions in public campaigns, newest first: what was hidden, restored, merged or decided,
    with the reasons given. No people's names beyond the target's label."""
    entries = selectors.public_entries(campaign_id=query.campaign, verb=query.verb)
    return paginate(request, entries, query, extra={"campaign": query.campaign, "verb": query.verb})
