"""Writes about campaigns: create and edit the brief and its rules, publish, invite."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.accounts.models import RoleAssignment, User
from cocreate.accounts.services import campaign_role_add, campaign_role_remove, forget_cached_roles
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.core.errors import ApplicationError
from cocreate.core.events import publish
from cocreate.core.methods import Section
from cocreate.core.methods import registry as methods
from cocreate.core.permissions import require_perm

from .events import CampaignChanged, CampaignPublished
from .models import (
    DEFAULT_METHOD,
    Campaign,
    CampaignInvitation,
    CampaignStatus,
    EvaluationCriterion,
    Phase,
    SupportStage,
)

CAMPAIGN_FIELDS = (
    "title", "goal", "brief", "constraints", "out_of_scope", "audience", "incentives", "ip_terms", "method",
    "visibility", "moderation", "status", "entries_per_member", "max_images_per_idea", "response_promise_days",
    "cover_image",
)  # fmt: skip


@dataclass(frozen=True)
class StageSpec:
    threshold: int
    window_days: int


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: int = 1
    description: str = ""


@dataclass(frozen=True)
class PhaseSpec:
    kind: str
    starts_at: datetime
    ends_at: datetime | None = None


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:70] or "campaign"
    slug, n = base, 2
    others = Campaign.objects.exclude(pk=exclude_pk) if exclude_pk else Campaign.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _validate_ladder(stages: Sequence[StageSpec]) -> None:
    if not stages:
        raise ApplicationError(_("Set at least one support threshold."), field="stages")
    previous = 0
    for stage in stages:
        if stage.threshold < 1 or stage.window_days < 1:
            raise ApplicationError(_("Thresholds and windows must be positive numbers."), field="stages")
        if stage.threshold <= previous:
            raise ApplicationError(
                _("Each stage of the ladder must need more supporters than the one before."), field="stages"
            )
        previous = stage.threshold


def _validate_phases(phases: Iterable[PhaseSpec]) -> None:
    for phase in phases:
        if phase.ends_at is not None and phase.ends_at <= phase.starts_at:
            raise ApplicationError(_("A phase must end after it starts."), field="phases")


def _replace_children(
    campaign: Campaign, stages: Sequence[StageSpec] | None, criteria: Sequence[CriterionSpec] | None, phases
) -> None:
    if stages is not None:
        _validate_ladder(stages)
        campaign.support_stages.all().delete()
        SupportStage.objects.bulk_create(
            SupportStage(campaign=campaign, position=i, threshold=s.threshold, window_days=s.window_days)
            for i, s in enumerate(stages)
        )
    if criteria is not None:
        if any(c.weight < 1 or c.weight > 100 for c in criteria):
            raise ApplicationError(_("Weights go from 1 to 100."), field="criteria")
        campaign.criteria.all().delete()
        EvaluationCriterion.objects.bulk_create(
            EvaluationCriterion(
                campaign=campaign, name=c.name.strip(), description=c.description, weight=c.weight, position=i
            )
            for i, c in enumerate(criteria)
            if c.name.strip()
        )
    if phases is not None:
        _validate_phases(phases)
        campaign.phases.all().delete()
        Phase.objects.bulk_create(
            Phase(campaign=campaign, kind=p.kind, starts_at=p.starts_at, ends_at=p.ends_at) for p in phases
        )


# Campaign fields that belong to a form section only some methods use (see cocreate.core.methods.Section).
FIELD_SECTIONS = {
    "moderation": Section.MODERATION,
    "entries_per_member": Section.ENTRIES_PER_MEMBER,
    "max_images_per_idea": Section.ENTRIES_PER_MEMBER,
    "response_promise_days": Section.RESPONSE_PROMISE,
}


def _applicable(method_key: str, fields: dict[str, Any], stages, criteria) -> tuple[dict[str, Any], Any, Any]:
    """Drop what the method does not use: a section that does not apply is not saved. An unknown key is left for
    full_clean to refuse."""
    if method_key not in methods:
        return fields, stages, criteria
    method = methods.get(method_key)
    fields = {k: v for k, v in fields.items() if k not in FIELD_SECTIONS or method.has(FIELD_SECTIONS[k])}
    return (
        fields,
        stages if method.has(Section.SUPPORT_LADDER) else None,
        criteria if method.has(Section.CRITERIA) else None,
    )


def _full_clean(campaign: Campaign) -> None:
    try:
        campaign.full_clean(exclude=["slug", "created_by"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(messages[0], field=field, code="invalid_campaign") from exc


def campaign_create(
    *,
    actor: User,
    stages: Sequence[StageSpec] = (StageSpec(100, 60),),
    criteria: Sequence[CriterionSpec] = (),
    phases: Sequence[PhaseSpec] = (),
    slug: str | None = None,
    **fields: Any,
) -> Campaign:
    """Create a campaign with its support ladder, weighted criteria and phases; the sections its method does not
    use are not saved (the model's defaults stay). Publishes CampaignChanged."""
    require_perm(actor, "campaigns.create")
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    fields, stages, criteria = _applicable(fields.get("method", DEFAULT_METHOD), fields, stages, criteria)
    with transaction.atomic():
        campaign = Campaign(created_by=actor, **fields)
        campaign.slug = slugify(slug)[:80] if slug else _unique_slug(campaign.title)
        if Campaign.objects.filter(slug=campaign.slug).exists():
            raise ApplicationError(_("Another campaign already uses that address."), field="slug")
        _full_clean(campaign)
        campaign.save()
        _replace_children(campaign, stages, criteria, phases)
        activity_record(actor=actor, verb=Verb.CAMPAIGN_CREATED, target=campaign, campaign_id=campaign.pk)
        publish(CampaignChanged(campaign_id=campaign.pk, actor_id=actor.pk, created=True))
    return campaign


def campaign_update(
    *,
    actor: User,
    campaign: Campaign,
    stages: Sequence[StageSpec] | None = None,
    criteria: Sequence[CriterionSpec] | None = None,
    phases: Sequence[PhaseSpec] | None = None,
    **fields: Any,
) -> Campaign:
    """Edit a campaign's brief and rules; child lists given replace the old ones; the sections its method does not
    use are left as they are. Publishes CampaignChanged."""
    require_perm(actor, "campaigns.change", campaign)
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    fields, stages, criteria = _applicable(fields.get("method", campaign.method), fields, stages, criteria)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        was_published = campaign.status == CampaignStatus.PUBLISHED
        for key, value in fields.items():
            setattr(campaign, key, value)
        _full_clean(campaign)
        campaign.save()
        _replace_children(campaign, stages, criteria, phases)
        published = not was_published and campaign.status == CampaignStatus.PUBLISHED
        activity_record(
            actor=actor,
            verb=Verb.CAMPAIGN_PUBLISHED if published else Verb.CAMPAIGN_UPDATED,
            target=campaign,
            campaign_id=campaign.pk,
            details={"fields": sorted(fields)},
        )
        publish(CampaignChanged(campaign_id=campaign.pk, actor_id=actor.pk))
        if published:
            publish(CampaignPublished(campaign_id=campaign.pk))
    return campaign


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def campaign_invite(*, actor: User, campaign: Campaign, emails: Iterable[str]) -> list[CampaignInvitation]:
    """Let these email addresses into an invite-only campaign (existing invitations are kept)."""
    require_perm(actor, "campaigns.change", campaign)
    wanted = list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))
    bad = [e for e in wanted if not _is_email(e)]
    if bad:  # the form checks too, but the API and commands reach this service directly
        raise ApplicationError(
            _("These are not email addresses: %(emails)s") % {"emails": ", ".join(bad)},
            field="emails",
            code="invalid_email",
        )
    created = []
    with transaction.atomic():
        for email in wanted:
            invitation, was_new = CampaignInvitation.objects.get_or_create(
                campaign=campaign, email=email, defaults={"invited_by": actor}
            )
            if was_new:
                created.append(invitation)
        if created:
            activity_record(
                actor=actor,
                verb=Verb.CAMPAIGN_INVITED,
                target=campaign,
                campaign_id=campaign.pk,
                details={"count": len(created), "emails": [i.email for i in created]},
            )
    return created


# ---- the campaign team ----------------------------------------------------------------------------------

CAMPAIGN_ROLES = ("facilitator", "moderator", "reviewer")


def role_assign(*, actor: User, campaign: Campaign, email: str, role: str) -> RoleAssignment:
    """Give the member with this email a role scoped to `campaign` (facilitator, moderator or reviewer).

    Assigning a role the member already holds changes nothing and returns the existing assignment."""
    require_perm(actor, "campaigns.change", campaign)
    if role not in CAMPAIGN_ROLES:
        raise ApplicationError(_("Choose facilitator, moderator or reviewer."), field="role", code="invalid_role")
    member = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if member is None:
        raise ApplicationError(
            _("No member has that email address. Ask them to join first."), field="email", code="unknown_member"
        )
    with transaction.atomic():
        held = RoleAssignment.objects.filter(user=member, role=role, campaign=campaign).exists()
        assignment = campaign_role_add(member=member, role=role, campaign_id=campaign.pk)
        if not held:
            activity_record(
                actor=actor, verb=Verb.ROLE_GRANTED, target=member, campaign_id=campaign.pk, details={"role": role}
            )
    forget_cached_roles(actor if getattr(actor, "pk", None) == member.pk else None)
    return assignment


def role_remove(*, actor: User, campaign: Campaign, email: str, role: str) -> bool:
    """Take a campaign-scoped role away from a member (site-wide roles are managed by admins elsewhere).

    Returns whether there was such a role to remove."""
    require_perm(actor, "campaigns.change", campaign)
    with transaction.atomic():
        deleted = campaign_role_remove(email=email, role=role, campaign_id=campaign.pk)
        if deleted:
            activity_record(
                actor=actor,
                verb=Verb.ROLE_REVOKED,
                target=User.objects.filter(email__iexact=(email or "").strip()).first(),
                campaign_id=campaign.pk,
                details={"role": role},
            )
    if getattr(actor, "email", "").lower() == (email or "").strip().lower():
        forget_cached_roles(actor)
    return deleted > 0
