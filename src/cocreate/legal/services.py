"""Writes about contributor agreements and their acceptance."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.core.errors import ApplicationError, TermsNotAccepted
from cocreate.core.events import publish
from cocreate.core.permissions import require_perm

from .events import AgreementAccepted, AgreementPublished
from .models import AgreementAcceptance, ContributorAgreement
from .selectors import current_agreement, has_accepted_current


def agreement_publish(*, actor: User, title: str, body: str, summary_of_changes: str = "") -> ContributorAgreement:
    """Publish a new version of the contributor agreement; every contributor must accept it again.

    Publishes AgreementPublished."""
    require_perm(actor, "legal.publish_agreement")
    if not body.strip():
        raise ApplicationError(_("The agreement needs a text."), field="body")
    with transaction.atomic():
        latest = ContributorAgreement.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
        agreement = ContributorAgreement(
            version=latest + 1,
            title=title.strip() or _("Contributor agreement"),
            body=body,
            summary_of_changes=summary_of_changes,
            published_at=timezone.now(),
        )
        agreement.full_clean()
        agreement.save()
        activity_record(
            actor=actor, verb=Verb.AGREEMENT_PUBLISHED, target=agreement, details={"version": agreement.version}
        )
        publish(AgreementPublished(agreement_id=agreement.pk, version=agreement.version))
    return agreement


def agreement_accept(*, actor: User, agreement: ContributorAgreement, ip_address: str | None = None):
    """Record that `actor` accepted `agreement` (idempotent). Only the current version can be accepted.

    Publishes AgreementAccepted."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to accept the agreement."), code="not_authenticated", status=401)
    current = current_agreement()
    if current is None or agreement.pk != current.pk:
        raise ApplicationError(_("That is not the current version of the agreement."), code="stale_agreement")
    with transaction.atomic():
        try:
            with transaction.atomic():
                acceptance = AgreementAcceptance.objects.create(user=actor, agreement=agreement, ip_address=ip_address)
        except IntegrityError:
            return AgreementAcceptance.objects.get(user=actor, agreement=agreement)
        publish(AgreementAccepted(user_id=actor.pk, agreement_id=agreement.pk))
    actor._cocreate_terms_ok = True  # type: ignore[attr-defined]  # legal.selectors caches the answer per request
    return acceptance


def require_terms_accepted(actor: User) -> None:
    """Refuse a contribution from someone who has not accepted the current agreement."""
    if not has_accepted_current(actor):
        raise TermsNotAccepted()
