"""Engagement's parts of pages that lower contexts own: the idea page's discussion and supporters, and which
ideas of a list the viewer supports (see `cocreate.core.pages`)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from cocreate.core.pages import page_part
from cocreate.ideas.lifecycle import PUBLIC_STATES
from cocreate.ideas.selectors import ideas_visible_to

from .forms import CommentForm
from .selectors import (
    THREADS_PER_PAGE,
    comment_thread,
    member_comment_count,
    member_supports,
    recent_supporters,
    viewer_state,
)


@page_part("idea_detail")
def idea_discussion(request: HttpRequest, *, idea, comment_form: CommentForm | None = None, **_: Any) -> dict:
    return {
        "comments": Paginator(comment_thread(idea), THREADS_PER_PAGE).get_page(request.GET.get("comments")),
        "comment_form": comment_form or CommentForm(),
        "supporters": recent_supporters(idea),
        "viewer": viewer_state(request.user, idea),
    }


@page_part("idea_list")
def supported_ideas(request: HttpRequest, *, ideas, **_: Any) -> dict:
    return {"supported_ids": member_supports(request.user, ideas)}


@page_part("member_profile")
def member_comments(request: HttpRequest, *, member, **_: Any) -> dict:
    # Comments count only on ideas this viewer may read.
    readable = ideas_visible_to(request.user).filter(status__in=PUBLIC_STATES)
    return {"comment_count": member_comment_count(member, readable)}
