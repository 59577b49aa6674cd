"""What a notification can be about, and how each kind reaches a member unless they choose otherwise."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DECISION = "decision", _("Decisions on ideas you care about")
    MERGED = "merged", _("Ideas you care about merged into another (or the merge undone)")
    SHIPPED = "shipped", _("Ideas you care about shipped")
    OFFICIAL_REPLY = "official_reply", _("Official replies")
    REPLY = "reply", _("Replies to your comments")
    MENTION = "mention", _("Mentions of you")
    STATUS_CHANGED = "status_changed", _("Other status changes")
    UPDATE = "update", _("Updates and revisions of ideas you care about")
    STAGE_REACHED = "stage_reached", _("Support stages and thresholds reached")
    COMMENT = "comment", _("New comments on your ideas")
    MODERATION = "moderation", _("Your content hidden or restored, your account suspended")
    REVIEWER_ASSIGNED = "reviewer_assigned", _("Ideas assigned to you for review")


class Delivery(models.TextChoices):
    """How one kind reaches one member. Every choice but OFF also shows it in the notification centre."""

    OFF = "off", _("Off")
    IN_APP = "in_app", _("In the notification centre only")
    IMMEDIATE = "immediate", _("Email at once")
    DAILY = "daily", _("Daily email digest")
    WEEKLY = "weekly", _("Weekly email digest")


# Defaults: at once for what a person acts on or waited for, a digest for progress, in-app only for the rest.
DEFAULT_DELIVERY: dict[str, str] = {
    Kind.DECISION: Delivery.IMMEDIATE,
    Kind.MERGED: Delivery.IMMEDIATE,
    Kind.SHIPPED: Delivery.IMMEDIATE,
    Kind.OFFICIAL_REPLY: Delivery.IMMEDIATE,
    Kind.REPLY: Delivery.IMMEDIATE,
    Kind.MENTION: Delivery.IMMEDIATE,
    Kind.MODERATION: Delivery.IMMEDIATE,
    Kind.STATUS_CHANGED: Delivery.DAILY,
    Kind.UPDATE: Delivery.DAILY,
    Kind.STAGE_REACHED: Delivery.DAILY,
    Kind.COMMENT: Delivery.IN_APP,
    Kind.REVIEWER_ASSIGNED: Delivery.IN_APP,
}

EMAIL_DELIVERIES = frozenset({Delivery.IMMEDIATE, Delivery.DAILY, Delivery.WEEKLY})
DIGEST_DELIVERIES = frozenset({Delivery.DAILY, Delivery.WEEKLY})
