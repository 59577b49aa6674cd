"""Reactions of this context, wired on app ready: what the activity log needs to know about campaigns."""

from __future__ import annotations

from collections.abc import Iterable

from cocreate.activity.scopes import register_campaign_titles, register_public_campaigns

from .models import Campaign, CampaignStatus, Visibility


@register_public_campaigns
def public_campaign_ids() -> list[int]:
    """Campaigns anyone may open: published or archived, visible to the public."""
    return list(
        Campaign.objects.filter(
            status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ARCHIVED], visibility=Visibility.PUBLIC
        ).values_list("pk", flat=True)
    )


@register_campaign_titles
def campaign_titles(ids: Iterable[int] | None) -> dict[int, str]:
    qs = Campaign.objects.all() if ids is None else Campaign.objects.filter(pk__in=list(ids))
    return dict(qs.values_list("pk", "title"))
