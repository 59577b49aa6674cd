"""Reads about campaigns, scoped to what the viewer may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.accounts.types import Actor
from cocreate.core.methods import registry as methods

from .models import Campaign, CampaignStatus, Phase, Visibility

STAFF: set[str] = {Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER}


def campaigns_visible_to(viewer: Actor) -> QuerySet[Campaign]:
    """Campaigns the viewer may open: published ones their audience allows, plus those they run."""
    qs = Campaign.objects.all()
    readable = Q(status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ARCHIVED]) & Q(visibility=Visibility.PUBLIC)
    if getattr(viewer, "is_authenticated", False):
        readable |= Q(status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ARCHIVED]) & (
            Q(visibility=Visibility.MEMBERS)
            | Q(visibility=Visibility.INVITE, invitations__email__iexact=getattr(viewer, "email", ""))
        )
        staff_ids = staff_of_campaign_ids(viewer, STAFF)
        if staff_ids is None:
            return qs
        readable |= Q(pk__in=staff_ids)
    return qs.filter(readable).distinct()


def campaign_list(viewer: Actor, *, include_archived: bool = False) -> QuerySet[Campaign]:
    qs = campaigns_visible_to(viewer)
    if not include_archived:
        qs = qs.exclude(status=CampaignStatus.ARCHIVED)
    return qs.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_at")), "support_stages"
    ).order_by("status", "-created_at")


def with_counts(campaigns: Iterable[Campaign]) -> list[Campaign]:
    """The campaigns, each with what its method counts: `contribution_total` (ideas, statements, votes…),
    `participant_total`, and both in the method's words. One query per count function for the whole list."""
    campaigns = list(campaigns)
    counts = methods.counts(campaigns)
    for campaign in campaigns:
        method = methods.of(campaign)
        campaign.contribution_total, campaign.participant_total = counts[campaign.pk]
        campaign.contributions_in_words = method.contributions_in_words(campaign.contribution_total)
        campaign.participants_in_words = method.participants_in_words(campaign.participant_total)
    return campaigns


def campaign_detail(viewer: Actor, slug: str) -> Campaign | None:
    return (
        campaigns_visible_to(viewer).filter(slug=slug).prefetch_related("phases", "support_stages", "criteria").first()
    )
