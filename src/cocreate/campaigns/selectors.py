"""Reads about campaigns, scoped to what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.ideas.lifecycle import PUBLIC_STATES

from .models import Campaign, CampaignStatus, Phase, Visibility

STAFF: set[str] = {Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER}


def campaigns_visible_to(viewer: Any) -> QuerySet[Campaign]:
    """Campaigns the viewer may open: published ones their audience allows, plus those they run."""
    qs = Campaign.objects.all()
    readable = Q(status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ARCHIVED]) & Q(visibility=Visibility.PUBLIC)
    if getattr(viewer, "is_authenticated", False):
        readable |= Q(status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ARCHIVED]) & (
            Q(visibility=Visibility.MEMBERS) | Q(visibility=Visibility.INVITE, invitations__email__iexact=viewer.email)
        )
        staff_ids = staff_of_campaign_ids(viewer, STAFF)
        if staff_ids is None:
            return qs
        readable |= Q(pk__in=staff_ids)
    return qs.filter(readable).distinct()


def campaign_list(viewer: Any, *, include_archived: bool = False) -> QuerySet[Campaign]:
    qs = campaigns_visible_to(viewer)
    if not include_archived:
        qs = qs.exclude(status=CampaignStatus.ARCHIVED)
    return (
        qs.annotate(
            idea_total=Count("ideas", filter=Q(ideas__status__in=PUBLIC_STATES), distinct=True),
            contributor_total=Count("ideas__author", filter=Q(ideas__status__in=PUBLIC_STATES), distinct=True),
        )
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_at")), "support_stages")
        .order_by("status", "-created_at")
    )


def campaign_detail(viewer: Any, slug: str) -> Campaign | None:
    return (
        campaigns_visible_to(viewer).filter(slug=slug).prefetch_related("phases", "support_stages", "criteria").first()
    )
