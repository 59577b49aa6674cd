"""What the log needs to know from the layers above it, registered by them (the log imports only the kernel).

- accounts registers which campaigns a member staffs (None: the whole site), for the staff page's scope;
- campaigns registers which campaigns the public may see, and their titles, for the public page and the filters.

Until a provider is registered the answers fail closed: nobody staffs anything, no campaign is public."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

StaffScope = Callable[[Any], "set[int] | None"]
PublicCampaigns = Callable[[], Iterable[int]]
CampaignTitles = Callable[["Iterable[int] | None"], dict[int, str]]

_staff_scope: list[StaffScope] = []
_public_campaigns: list[PublicCampaigns] = []
_campaign_titles: list[CampaignTitles] = []


def register_staff_scope(provider: StaffScope) -> StaffScope:
    _staff_scope[:] = [provider]
    return provider


def register_public_campaigns(provider: PublicCampaigns) -> PublicCampaigns:
    _public_campaigns[:] = [provider]
    return provider


def register_campaign_titles(provider: CampaignTitles) -> CampaignTitles:
    _campaign_titles[:] = [provider]
    return provider


def staffed_campaign_ids(user: Any) -> set[int] | None:
    """Campaign ids whose activity `user` may read as staff; None means every campaign (site-wide staff)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    return _staff_scope[0](user) if _staff_scope else set()


def public_campaign_ids() -> list[int]:
    return list(_public_campaigns[0]()) if _public_campaigns else []


def campaign_titles(ids: Iterable[int] | None) -> dict[int, str]:
    """Titles by campaign id (None: every campaign)."""
    if not _campaign_titles:
        return {}
    if ids is None:
        return _campaign_titles[0](None)
    wanted = [i for i in ids if i is not None]
    return _campaign_titles[0](wanted) if wanted else {}
