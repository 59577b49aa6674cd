"""Reads of the activity log for staff (scoped to the campaigns they staff) and for the public."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AREAS, PUBLIC_VERBS, ActivityEntry, Verb
from .scopes import public_campaign_ids, staffed_campaign_ids


def _filtered(qs: QuerySet[ActivityEntry], *, campaign_id: int | None, actor: str, verb: str) -> QuerySet:
    if campaign_id is not None:
        qs = qs.filter(campaign_id=campaign_id)
    actor = (actor or "").strip()
    if actor:
        qs = qs.filter(actor_id=int(actor)) if actor.isdigit() else qs.filter(actor__email__iexact=actor)
    if verb:
        # "moderation" selects the whole area, "moderation.hide" one verb.
        qs = qs.filter(verb=verb) if "." in verb else qs.filter(verb__startswith=verb + ".")
    return qs


def staff_entries(
    viewer: Any, *, campaign_id: int | None = None, actor: str = "", verb: str = ""
) -> QuerySet[ActivityEntry]:
    """Entries `viewer` may read as staff, newest first: everything for site-wide staff, else the entries of the
    campaigns they facilitate or moderate (entries without a campaign, such as sign-ins, are site-wide)."""
    scope = staffed_campaign_ids(viewer)
    qs = ActivityEntry.objects.select_related("actor", "target_type")
    if scope is not None:
        qs = qs.filter(campaign_id__in=scope)
    return _filtered(qs, campaign_id=campaign_id, actor=actor, verb=verb).order_by("-created_at", "-id")


def public_entries(*, campaign_id: int | None = None, verb: str = "") -> QuerySet[ActivityEntry]:
    """Moderation and decision entries of campaigns the public may see, newest first."""
    qs = ActivityEntry.objects.select_related("actor").filter(
        verb__in=PUBLIC_VERBS, campaign_id__in=public_campaign_ids()
    )
    if verb and verb not in PUBLIC_VERBS and "." in verb:
        return qs.none()
    return _filtered(qs, campaign_id=campaign_id, actor="", verb=verb).order_by("-created_at", "-id")


def entries_for_target(target: Any, *, verbs: frozenset[str] | set[str] | tuple[str, ...] = ()) -> QuerySet:
    """The log of one object (oldest first), e.g. the moderation history of a comment or an idea's review steps."""
    from django.contrib.contenttypes.models import ContentType

    qs = ActivityEntry.objects.select_related("actor").filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    if verbs:
        qs = qs.filter(verb__in=verbs)
    return qs.order_by("created_at", "id")


def verb_choices(verbs: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """The verbs for a filter, grouped by area (an area value selects all its verbs)."""
    choices: list[tuple[str, str]] = []
    seen_areas: set[str] = set()
    for value, label in Verb.choices:
        if verbs is not None and value not in verbs:
            continue
        area = value.split(".", 1)[0]
        if area not in seen_areas and verbs is None:
            seen_areas.add(area)
            choices.append((area, str(AREAS.get(area, area))))
        choices.append((value, str(label)))
    return choices
