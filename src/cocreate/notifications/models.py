"""Models of this context: one Notification per person per event, and each member's delivery choice per kind."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Delivery, Kind


class Notification(models.Model):
    """Something that happened that `recipient` cares about. `event_key` names the event, so the unique
    (recipient, event_key) pair makes a retried fan-out harmless: it never creates a second row."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    event_key = models.CharField(max_length=120)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idea = models.ForeignKey("ideas.Idea", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Where a click takes the member (a path on this site), and what the message needs (status, explanation...):
    # the text itself is written when shown, in the reader's language.
    target_url = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The member's choice when it was created (immediate, daily, weekly; in_app = no email) and when it went out.
    email_delivery = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.IN_APP)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="one_notification_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
            models.Index(
                fields=["email_delivery", "recipient"],
                condition=models.Q(emailed_at__isnull=True) & ~models.Q(email_delivery="in_app"),
                name="notification_email_pending",
            ),
            models.Index(fields=["event_key"], name="notification_event"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A member's choice for one kind; without a row the kind's default applies."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "kind"], name="one_preference_per_kind")]
        indexes = [models.Index(fields=["kind", "member"], name="preference_kind")]

    def __str__(self):
        return f"{self.member_id} {self.kind}: {self.delivery}"
