"""Demo campaign housekeeping through the services: the facilitator invites two guests, edits a brief, and a
moderator helps on a campaign for a while (the role given, then taken back), so the activity log shows each."""

from __future__ import annotations

from typing import Any

from .models import Campaign
from .services import campaign_invite, campaign_update, role_assign, role_remove

DEMO_ORDER = 850  # after the other demos: the role is taken back before anything else could rely on it


def seed_demo(ctx: Any) -> dict[str, int]:
    admin, moderator = ctx.accounts["admin"], ctx.accounts["moderator"]
    campaign = Campaign.objects.order_by("pk").first()
    if campaign is None:
        return {}
    campaign_invite(actor=admin, campaign=campaign, emails=["guest.one@example.org", "guest.two@example.org"])
    campaign_update(actor=admin, campaign=campaign, incentives=campaign.incentives)
    role_assign(actor=admin, campaign=campaign, email=moderator.email, role="facilitator")
    role_remove(actor=admin, campaign=campaign, email=moderator.email, role="facilitator")
    return {"campaign invitations": 2}
