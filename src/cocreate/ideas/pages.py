"""Ideas' parts of pages that lower contexts own (see `cocreate.core.pages`): a member's ideas on their profile."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest

from cocreate.core.pages import page_part

from .lifecycle import PUBLIC_STATES, IdeaStatus
from .selectors import ideas_visible_to

LISTED_STATES = PUBLIC_STATES - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN}


@page_part("member_profile")
def member_ideas(request: HttpRequest, *, member, **_: Any) -> dict:
    # Only what this viewer may see counts: ideas in campaigns they cannot read stay out of the numbers.
    visible = ideas_visible_to(request.user).filter(status__in=LISTED_STATES)
    newest_first = F("published_at").desc(nulls_last=True)
    ideas = list(visible.filter(author=member).select_related("campaign").order_by(newest_first, "-id"))
    coauthored = list(
        visible.filter(coauthors=member)
        .exclude(author=member)
        .select_related("campaign", "author")
        .order_by(newest_first, "-id")
    )
    return {
        "ideas": ideas,
        "coauthored": coauthored,
        "idea_stats": {
            "ideas": len(ideas),
            "supports": sum(idea.support_count for idea in ideas),
            "coauthored": len(coauthored),
        },
    }
