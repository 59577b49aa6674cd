"""What the API reads and writes. Output schemas read model instances (with `resolve_*` for derived fields);
input schemas only type and bound the input: the services decide what is allowed."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from ninja import Schema
from pydantic import Field

from cocreate.core.markdown import render_markdown
from cocreate.core.methods import registry as methods
from cocreate.engagement.models import Alignment
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.selectors import SORTS

T = TypeVar("T")

SortName = Literal[tuple(SORTS)]  # type: ignore[valid-type]
StatusName = Literal[tuple(IdeaStatus.values)]  # type: ignore[valid-type]
AlignmentName = Literal[("", *Alignment.values)]  # type: ignore[valid-type]


def _absolute(context: Any, url: str) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(url) if request is not None else url


# ---- envelopes and errors ------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


class PageOut(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[T]


# ---- people --------------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.public_name


# ---- campaigns -----------------------------------------------------------------------------------------


class PhaseOut(Schema):
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    is_open: bool

    @staticmethod
    def resolve_is_open(obj: Any) -> bool:
        return obj.is_open()


class SupportStageOut(Schema):
    position: int
    threshold: int
    window_days: int


class CriterionOut(Schema):
    name: str
    description: str
    weight: int


class CampaignRefOut(Schema):
    slug: str
    title: str


def _method_description() -> str:
    """The registered methods, read when the API module loads (after every app registered its methods)."""
    keys = ", ".join(f"`{key}`" for key in methods.all_keys())
    return f"The campaign's method, one of the methods this site offers: {keys}."


class CampaignOut(Schema):
    slug: str
    title: str
    goal: str
    method: str = Field(description=_method_description())
    method_label: str
    visibility: str
    moderation: str
    status: str
    url: str
    submission_open: bool
    support_open: bool
    contribution_count: int | None = Field(
        None, description="In lists: what the method counts as a contribution (ideas, statements, votes…)."
    )
    contribution_label: str | None = Field(None, description='In lists: the count in words ("12 statements").')
    participant_count: int | None = Field(
        None, description="In lists: people who contributed (authors, participants, voters…)."
    )
    idea_count: int | None = Field(None, description="Deprecated: the same number as contribution_count.")
    contributor_count: int | None = Field(None, description="Deprecated: the same number as participant_count.")
    phases: list[PhaseOut]
    support_stages: list[SupportStageOut]
    created_at: datetime

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_submission_open(obj: Any) -> bool:
        return obj.phase_is_open("submission")

    @staticmethod
    def resolve_support_open(obj: Any) -> bool:
        return obj.phase_is_open("support")

    @staticmethod
    def resolve_method_label(obj: Any) -> str:
        return obj.get_method_display()

    @staticmethod
    def resolve_contribution_count(obj: Any) -> int | None:
        return getattr(obj, "contribution_total", None)

    @staticmethod
    def resolve_contribution_label(obj: Any) -> str | None:
        return getattr(obj, "contributions_in_words", None)

    @staticmethod
    def resolve_participant_count(obj: Any) -> int | None:
        return getattr(obj, "participant_total", None)

    @staticmethod
    def resolve_idea_count(obj: Any) -> int | None:
        return getattr(obj, "contribution_total", None)

    @staticmethod
    def resolve_contributor_count(obj: Any) -> int | None:
        return getattr(obj, "participant_total", None)

    @staticmethod
    def resolve_phases(obj: Any) -> list[Any]:
        return list(obj.phases.all())

    @staticmethod
    def resolve_support_stages(obj: Any) -> list[Any]:
        return list(obj.support_stages.all())


class CampaignDetailOut(CampaignOut):
    brief: str
    brief_html: str
    constraints: str
    out_of_scope: str
    audience: str
    incentives: str
    ip_terms: str
    entries_per_member: int | None
    max_images_per_idea: int
    response_promise_days: int
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_brief_html(obj: Any) -> str:
        return str(render_markdown(obj.brief))

    @staticmethod
    def resolve_criteria(obj: Any) -> list[Any]:
        return list(obj.criteria.all())


# ---- ideas ---------------------------------------------------------------------------------------------


class TagOut(Schema):
    name: str
    slug: str


class ImageOut(Schema):
    url: str
    thumbnail_url: str | None
    width: int
    height: int
    alt_text: str

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return _absolute(context, obj.image.url)

    @staticmethod
    def resolve_thumbnail_url(obj: Any, context: Any) -> str | None:
        return _absolute(context, obj.thumbnail.url) if obj.thumbnail else None


class ProgressOut(Schema):
    supporters: int
    threshold: int
    stage_number: int
    stages_total: int
    deadline: datetime | None
    days_left: int | None
    climbing: bool
    percent: int


class IdeaOut(Schema):
    id: int
    url: str
    campaign: CampaignRefOut
    author: PersonOut
    title: str
    body: str
    status: str
    status_label: str
    tags: list[TagOut]
    images: list[ImageOut]
    support_count: int
    comment_count: int
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    viewer_supports: bool = False

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_tags(obj: Any) -> list[Any]:
        return list(obj.tags.all())

    @staticmethod
    def resolve_images(obj: Any) -> list[Any]:
        return list(obj.images.all())

    @staticmethod
    def resolve_viewer_supports(obj: Any) -> bool:
        return bool(getattr(obj, "viewer_supports", False))


class ViewerCanOut(Schema):
    edit: bool
    withdraw: bool
    support: bool
    comment: bool


class IdeaDetailOut(IdeaOut):
    body_html: str
    coauthors: list[PersonOut]
    progress: ProgressOut | None
    viewer_follows: bool = False
    viewer_can: ViewerCanOut
    merged_into_id: int | None

    @staticmethod
    def resolve_body_html(obj: Any) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_coauthors(obj: Any) -> list[Any]:
        return list(obj.coauthors.all())


class IdeaCreateIn(Schema):
    title: str = Field(..., max_length=1000)
    body: str = Field(..., max_length=50_000)
    tags: list[str] = Field(default_factory=list, max_length=50)
    coauthors: list[str] = Field(default_factory=list, max_length=50, description="Co-authors' email addresses.")
    draft: bool = Field(False, description="Keep as a private draft instead of submitting.")


class IdeaEditIn(Schema):
    title: str | None = Field(None, max_length=1000)
    body: str | None = Field(None, max_length=50_000)
    tags: list[str] | None = Field(None, max_length=50, description="Replaces the tags when given.")
    coauthors: list[str] | None = Field(None, max_length=50, description="Replaces the co-authors when given.")
    note: str = Field("", max_length=300, description="What changed, shown in the revision history.")


class WithdrawIn(Schema):
    reason: str = Field("", max_length=2000)


class RevisionDiffOut(Schema):
    title: str
    body: str
    tags: str


class RevisionOut(Schema):
    number: int
    title: str
    body: str
    tags: str
    note: str
    editor: PersonOut | None
    created_at: datetime
    diff: RevisionDiffOut


# ---- engagement ----------------------------------------------------------------------------------------


class SupportOut(Schema):
    idea_id: int
    supporters: int
    viewer_supports: bool
    status: str


class CommentReplyOut(Schema):
    id: int
    parent_id: int | None
    author: PersonOut | None
    body: str
    body_html: str
    alignment: str
    is_official: bool
    deleted: bool
    created_at: datetime
    edited_at: datetime | None

    @staticmethod
    def resolve_deleted(obj: Any) -> bool:
        return obj.is_deleted

    @staticmethod
    def resolve_author(obj: Any) -> Any:
        return None if obj.is_deleted else obj.author

    @staticmethod
    def resolve_body(obj: Any) -> str:
        return "" if obj.is_deleted or obj.hidden_at else obj.body

    @staticmethod
    def resolve_body_html(obj: Any) -> str:
        return "" if obj.is_deleted or obj.hidden_at else str(render_markdown(obj.body))


class CommentOut(CommentReplyOut):
    replies: list[CommentReplyOut]

    @staticmethod
    def resolve_replies(obj: Any) -> list[Any]:
        return list(obj.replies.all()) if obj.parent_id is None else []


class CommentIn(Schema):
    body: str = Field(..., max_length=10_000)
    alignment: AlignmentName = ""
    parent_id: int | None = Field(None, ge=1, le=2**63 - 1)
    official: bool = Field(False, description="Staff only: mark as the organisation's official response.")


class CommentEditIn(Schema):
    body: str = Field(..., max_length=10_000)
    alignment: AlignmentName | None = None


# ---- me and tokens -------------------------------------------------------------------------------------


class RoleOut(Schema):
    role: str
    campaign_id: int | None


class TermsOut(Schema):
    accepted: bool
    current_version: int | None
    url: str


class MeOut(Schema):
    id: int
    email: str
    name: str
    display_name: str
    bio: str
    time_zone: str
    terms: TermsOut
    roles: list[RoleOut]
    authenticated_with: Literal["token", "session"]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool

    @staticmethod
    def resolve_active(obj: Any) -> bool:
        return obj.revoked_at is None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The raw token. Shown once: store it now.")


class TokenIn(Schema):
    name: str = Field(..., max_length=200)
