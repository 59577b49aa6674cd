"""Writes of the kernel."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import reactions
from .errors import Conflict
from .models import ReactionRun
from .permissions import require_perm


def reaction_retry(*, actor: object | AnonymousUser, run: ReactionRun) -> ReactionRun:
    """Run a failed reaction again now (admins, once the cause is fixed); its backoff starts afresh."""
    require_perm(actor, "core.retry_reaction", run)
    if run.status != ReactionRun.Status.FAILED:
        raise Conflict(_("Only a failed reaction can be retried."), code="reaction_not_failed")
    with transaction.atomic():
        return reactions.retry_now(run=run)
