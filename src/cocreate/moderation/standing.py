"""How a member's trust level is computed from their contributions (the rules are in `accounts.standing`, which
holds the standing every contribution service checks; the computation reads ideas and comments, so it lives here)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from cocreate.accounts.models import TrustLevel


def compute_trust_level(user: Any, now: datetime | None = None) -> str:
    """The level the rules above give `user` today."""
    from allauth.account.models import EmailAddress

    from cocreate.engagement.models import Comment, Support
    from cocreate.ideas.lifecycle import PUBLIC_STATES
    from cocreate.ideas.models import Idea

    now = now or timezone.now()
    age = now - user.date_joined
    if age < timedelta(days=getattr(settings, "MODERATION_BASIC_DAYS", 1)):
        return TrustLevel.NEW
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return TrustLevel.NEW
    ideas = Idea.objects.filter(author=user, status__in=PUBLIC_STATES)
    comments = Comment.objects.filter(author=user, deleted_at__isnull=True)
    accepted = ideas.filter(hidden_at__isnull=True).count() + comments.filter(hidden_at__isnull=True).count()
    if accepted < 1:
        return TrustLevel.NEW
    if age < timedelta(days=getattr(settings, "MODERATION_TRUSTED_DAYS", 14)):
        return TrustLevel.BASIC
    ever_hidden = ideas.filter(hidden_at__isnull=False).exists() or comments.filter(hidden_at__isnull=False).exists()
    if ever_hidden or accepted < getattr(settings, "MODERATION_TRUSTED_CONTRIBUTIONS", 5):
        return TrustLevel.BASIC
    received = Support.objects.filter(idea__author=user, discounted_at__isnull=True).count()
    if received < getattr(settings, "MODERATION_TRUSTED_SUPPORTS", 3):
        return TrustLevel.BASIC
    return TrustLevel.TRUSTED
