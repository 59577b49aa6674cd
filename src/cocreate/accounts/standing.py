"""A member's standing: trust level and suspension. `require_active` is the one check every contribution service
calls; `trust_level` feeds rate limits and auto-hiding.

Trust levels (recomputed by the periodic sweep and when the member's contributions change; staff may set one by
hand, which the computation then leaves alone):

- **new**: every account starts here;
- **basic**: account at least `MODERATION_BASIC_DAYS` (1) day old, a verified email address, and at least one
  accepted contribution (a public idea or a comment, not hidden);
- **trusted**: account at least `MODERATION_TRUSTED_DAYS` (14) days old, at least `MODERATION_TRUSTED_CONTRIBUTIONS`
  (5) public ideas and comments, none of them hidden by moderators, and at least `MODERATION_TRUSTED_SUPPORTS` (3)
  supports received on their ideas (discounted supports do not count).

Staff (moderators, facilitators, admins, anywhere) count as trusted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cocreate.core.errors import PermissionDenied

from .models import MemberStanding, Role, Suspension, TrustLevel
from .selectors import staff_of_campaign_ids


class Suspended(PermissionDenied):
    default_code = "suspended"


def is_staff_anywhere(user: Any) -> bool:
    ids = staff_of_campaign_ids(user, {Role.MODERATOR, Role.FACILITATOR})
    return ids is None or bool(ids)


def trust_level(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return TrustLevel.NEW
    cached = getattr(user, "_cocreate_trust", None)
    if cached is None:
        cached = (
            MemberStanding.objects.filter(member_id=user.pk).values_list("trust_level", flat=True).first()
            or TrustLevel.NEW
        )
        user._cocreate_trust = cached
    return cached


def is_trusted(user: Any) -> bool:
    return is_staff_anywhere(user) or trust_level(user) == TrustLevel.TRUSTED


def active_suspension(user: Any, now: datetime | None = None) -> Suspension | None:
    if not getattr(user, "is_authenticated", False):
        return None
    now = now or timezone.now()
    return (
        Suspension.objects.filter(member_id=user.pk, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("-ends_at")
        .first()
    )


def require_active(actor: Any) -> None:
    """Refuse contributions (ideas, comments, supports, flags, statements) from a suspended member."""
    suspension = active_suspension(actor)
    if suspension is not None:
        until = formats.date_format(timezone.localtime(suspension.ends_at), "DATETIME_FORMAT")
        raise Suspended(
            _("Your account is suspended until %(until)s, so you can read but not contribute. Reason: %(reason)s")
            % {"until": until, "reason": suspension.reason}
        )
