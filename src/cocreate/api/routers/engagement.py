from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from cocreate.core.errors import NotFound
from cocreate.engagement import services
from cocreate.engagement.models import Comment
from cocreate.engagement.selectors import comment_thread

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import CommentEditIn, CommentIn, CommentOut, PageOut, SupportOut
from ..selectors import comment_visible_to
from .common import IdPath, errors, idea_reference_or_404

router = Router(tags=["engagement"], auth=READ)


def _comment_or_404(viewer, pk: int) -> Comment:
    comment = comment_visible_to(viewer, pk)
    if comment is None:
        raise NotFound(_("This comment does not exist."))
    return comment


@router.post("/ideas/{id}/support", auth=WRITE, response={201: SupportOut, **errors(401, 403, 404, 409, 422)})
def add_support(request: HttpRequest, id: IdPath):
    """Support an idea (once per member). 409 `already_supported` the second time."""
    idea = services.support_add(actor=request.auth, idea=idea_reference_or_404(request.auth, id)).idea
    return Status(
        201, {"idea_id": idea.pk, "supporters": idea.support_count, "viewer_supports": True, "status": idea.status}
    )


@router.delete("/ideas/{id}/support", auth=WRITE, response={204: None, **errors(401, 403, 404, 409, 422)})
def remove_support(request: HttpRequest, id: IdPath):
    """Take a support back. 409 `not_supported` when there is none."""
    services.support_remove(actor=request.auth, idea=idea_reference_or_404(request.auth, id))
    return Status(204, None)


@router.get("/ideas/{id}/comments", response={200: PageOut[CommentOut], **errors(401, 404, 422)})
def list_comments(request: HttpRequest, id: IdPath, query: Query[PageParams]):
    """The discussion, oldest thread first; each top-level comment carries its replies. Pages count threads."""
    return paginate(request, comment_thread(idea_reference_or_404(request.auth, id)), query)


@router.post("/ideas/{id}/comments", auth=WRITE, response={201: CommentOut, **errors(400, 401, 403, 404, 422)})
def add_comment(request: HttpRequest, id: IdPath, payload: CommentIn):
    """Comment, or reply in a thread with `parent_id`. Staff may mark a comment `official`."""
    idea = idea_reference_or_404(request.auth, id)
    parent = None
    if payload.parent_id is not None:
        parent = comment_visible_to(request.auth, payload.parent_id)
        if parent is None:
            raise NotFound(_("The comment you reply to does not exist."), field="parent_id")
    comment = services.comment_add(
        actor=request.auth,
        idea=idea,
        body=payload.body,
        alignment=payload.alignment,
        parent=parent,
        official=payload.official,
    )
    return Status(201, comment)


@router.patch("/comments/{id}", auth=WRITE, response={200: CommentOut, **errors(400, 401, 403, 404, 422)})
def edit_comment(request: HttpRequest, id: IdPath, payload: CommentEditIn) -> Comment:
    """Authors may edit their comment for a while after posting."""
    return services.comment_edit(
        actor=request.auth, comment=_comment_or_404(request.auth, id), body=payload.body, alignment=payload.alignment
    )


@router.delete("/comments/{id}", auth=WRITE, response={204: None, **errors(401, 403, 404, 422)})
def delete_comment(request: HttpRequest, id: IdPath):
    """Remove a comment's text; its place (and its replies) stay in the thread."""
    services.comment_delete(actor=request.auth, comment=_comment_or_404(request.auth, id))
    return Status(204, None)
