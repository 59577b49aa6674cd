from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class Support(models.Model):
    """One member's support for one idea. The constraint, not the code, guarantees there is never a second."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="supports")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Moderators may discount a suspicious support: it is kept (and can be restored) but not counted.
    discounted_at = models.DateTimeField(null=True, blank=True)
    discounted_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "member"], name="one_support_per_member")]

    def __str__(self):
        return f"{self.member} supports {self.idea}"


class Alignment(models.TextChoices):
    IN_FAVOUR = "favour", _("In favour")
    AGAINST = "against", _("Against")
    QUESTION = "question", _("Question")
    SUGGESTION = "suggestion", _("Suggestion")


class Comment(TimeStampedModel):
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("comment"), max_length=5000)
    alignment = models.CharField(_("alignment"), max_length=12, choices=Alignment.choices, blank=True)
    is_official = models.BooleanField(_("official response"), default=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Deleted comments keep their row (replies hang from them) but show no text.
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Moderation: a hidden comment keeps its place in the thread, with the reason shown instead of the text.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_thread")]

    def __str__(self):
        return f"Comment {self.pk} on {self.idea_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Follow(models.Model):
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "member"], name="one_follow_per_member")]

    def __str__(self):
        return f"{self.member} follows {self.idea}"


class SupportOrigin(models.Model):
    """Where a support came from (hashed IP and user agent), the evidence abuse detection works on."""

    support = models.OneToOneField(Support, on_delete=models.CASCADE, related_name="origin")
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    user_agent_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "moderation_supportorigin"

    def __str__(self):
        return f"origin of support {self.support_id}"
