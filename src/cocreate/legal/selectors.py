from __future__ import annotations

from typing import Any

from .models import AgreementAcceptance, ContributorAgreement


def current_agreement() -> ContributorAgreement | None:
    """The newest published contributor agreement, or None when staff have not published one yet."""
    return ContributorAgreement.objects.filter(published_at__isnull=False).order_by("-version").first()


def has_accepted_current(user: Any) -> bool:
    """True when `user` accepted the current agreement (or there is none to accept)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_cocreate_terms_ok", None)
    if cached is not None:
        return cached
    agreement = current_agreement()
    ok = agreement is None or AgreementAcceptance.objects.filter(user=user, agreement=agreement).exists()
    user._cocreate_terms_ok = ok
    return ok


def acceptances_for_export():
    return AgreementAcceptance.objects.select_related("user", "agreement").order_by("accepted_at", "id")
