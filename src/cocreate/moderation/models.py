"""Models of moderation: flags and abuse signals with their evidence. Moderators' actions are written to the
activity log. A member's standing and suspensions belong to accounts; where a support came from to engagement."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    IDEA = "idea", _("Idea")
    COMMENT = "comment", _("Comment")
    PROFILE = "profile", _("Member profile")


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive or offensive")
    OFF_TOPIC = "off_topic", _("Off the brief / off topic")
    DUPLICATE = "duplicate", _("Duplicate")
    OTHER = "other", _("Something else")


class FlagResolution(models.TextChoices):
    OPEN = "", _("Open")
    HIDDEN = "hidden", _("Content hidden")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    """A member (or the system's spam check, reporter empty) asks moderators to look at an idea, comment or
    profile. One flag per member per object (a constraint)."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="flags_made"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=FlagReason.choices)
    text = models.CharField(_("details"), max_length=1000, blank=True)
    spam_score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolution = models.CharField(max_length=10, choices=FlagResolution.choices, blank=True, default="")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "reporter"],
                condition=models.Q(reporter__isnull=False),
                name="one_flag_per_member_per_object",
            ),
        ]
        indexes = [models.Index(fields=["kind", "object_id", "resolved_at"], name="flag_object_open")]

    def __str__(self):
        return f"Flag {self.reason} on {self.kind} {self.object_id}"

    @property
    def is_system(self) -> bool:
        return self.reporter_id is None


class ActionKind(models.TextChoices):
    HIDE = "hide", _("Hid content")
    AUTO_HIDE = "auto_hide", _("Hid content automatically (flags)")
    RESTORE = "restore", _("Restored content")
    DISMISS = "dismiss", _("Dismissed flags")
    SUSPEND = "suspend", _("Suspended a member")
    UNSUSPEND = "unsuspend", _("Lifted a suspension")
    SET_TRUST = "set_trust", _("Set a trust level")
    DISCOUNT = "discount", _("Discounted supports")
    UNDISCOUNT = "undiscount", _("Counted supports again")
    DISMISS_SIGNAL = "dismiss_signal", _("Dismissed an abuse signal")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISCOUNTED = "discounted", _("Supports discounted")
    DISMISSED = "dismissed", _("Dismissed")


class AbuseSignal(models.Model):
    """A suspected support ring found by the detection job, with its evidence for a moderator to judge."""

    kind = models.CharField(max_length=20, default="support_ring")
    fingerprint = models.CharField(max_length=64, unique=True)
    summary = models.CharField(max_length=500)
    evidence = models.JSONField(default=dict)
    support_ids = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=SignalStatus.choices, default=SignalStatus.OPEN)
    detected_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-detected_at", "-id"]

    def __str__(self):
        return self.summary
