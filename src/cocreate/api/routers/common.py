"""Small helpers the routers share: id bounds, lookups that 404 the same way everywhere."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Path

from cocreate.campaigns.models import Campaign
from cocreate.campaigns.selectors import campaign_detail
from cocreate.core.errors import NotFound
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import idea_detail, idea_reference

from ..schemas import ErrorOut

# Ids beyond a 64-bit integer cannot exist; refusing them early keeps the database from overflowing.
MAX_ID = 2**63 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
SlugPath = Annotated[str, Path(max_length=80)]


def errors(*codes: int) -> dict[int, Any]:
    """Document these error statuses as the shared error body in the OpenAPI document."""
    return {code: ErrorOut for code in codes}


def campaign_or_404(viewer: Any, slug: str) -> Campaign:
    campaign = campaign_detail(viewer, slug)
    if campaign is None:
        raise NotFound(_("This campaign does not exist."))
    return campaign


def idea_or_404(viewer: Any, pk: int) -> Idea:
    idea = idea_detail(viewer, pk)
    if idea is None:
        raise NotFound(_("This idea does not exist."))
    return idea


def idea_reference_or_404(viewer: Any, pk: int) -> Idea:
    """For actions on an idea (support, comment): the same visibility, without what only a page needs."""
    idea = idea_reference(viewer, pk)
    if idea is None:
        raise NotFound(_("This idea does not exist."))
    return idea
