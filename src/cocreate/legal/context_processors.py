from django.db.models import Exists, OuterRef

from .models import AgreementAcceptance, ContributorAgreement


def _terms_pending(request) -> bool:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "legal:accept":
        return False
    cached = getattr(user, "_cocreate_terms_ok", None)
    if cached is None:
        # One query: the current version, annotated with whether this member accepted it (None: no agreement yet).
        accepted = (
            ContributorAgreement.objects.filter(published_at__isnull=False)
            .order_by("-version")
            .annotate(accepted=Exists(AgreementAcceptance.objects.filter(user=user, agreement=OuterRef("pk"))))
            .values_list("accepted", flat=True)
            .first()
        )
        cached = accepted is None or bool(accepted)
        user._cocreate_terms_ok = cached
    return not cached


def terms(request):
    """`terms_pending`: the signed-in member has not accepted the current contributor agreement.

    Evaluated lazily (templates call it), so pages that never show it pay nothing."""
    return {"terms_pending": lambda: _terms_pending(request)}
