"""Models of this context: stored idea vectors, campaign themes, and merges of duplicates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.ideas.lifecycle import IdeaStatus


class IdeaVector(models.Model):
    """An idea's text representation for one method, kept fresh by tasks on IdeaSubmitted/IdeaRevised/status."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="vectors")
    campaign_id_copy = models.PositiveIntegerField(db_index=True)  # the idea's campaign, so an index loads in one query
    method = models.CharField(max_length=20)
    text_hash = models.CharField(max_length=32)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "method"], name="one_vector_per_idea_method")]

    def __str__(self):
        return f"{self.idea_id} ({self.method})"


class Theme(models.Model):
    """A cluster of a campaign's ideas with a readable label made of its top terms."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("theme"), max_length=200)
    terms = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return self.label


class ThemeMembership(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="theme_membership")
    score = models.FloatField(default=0.0)

    def __str__(self):
        return f"{self.idea_id} in {self.theme_id}"


class VectorsVersion(models.Model):
    """A counter per campaign, bumped in the same transaction as any change to the campaign's stored vectors.

    Each web process keeps the campaign's index in memory with the version it was built from, so checking that
    it is fresh is one primary-key read instead of an aggregate over every vector of the campaign."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"vectors of campaign {self.campaign_id}: v{self.version}"


class DuplicateDismissal(models.Model):
    """A moderator's decision that two ideas are *not* duplicates: the pair leaves the duplicate queue and does
    not come back. Restoring it keeps the row (restored_at/by), so the table is also the audit trail of both
    decisions; dismissing the pair again writes a new row."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    first = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="+")  # the lower id
    second = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(default=timezone.now)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-dismissed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="dismissal_pair_in_order"),
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=models.Q(restored_at__isnull=True),
                name="one_standing_dismissal_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "restored_at"], name="dismissal_campaign")]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"

    @property
    def is_standing(self) -> bool:
        return self.restored_at is None


class IdeaMerge(models.Model):
    """A duplicate merged into another idea, with everything that moved, so the merge can be undone exactly."""

    source = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="merges_out")
    target = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="merges_in")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    previous_status = models.CharField(max_length=20, choices=IdeaStatus.choices)
    # What moved: ids of supports, follows, comments and co-authors moved to the target, and the members whose
    # support was dropped because they already supported the target (so undo restores them on the source).
    moved = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "ideas_ideamerge"  # the table keeps the name it was born with
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="merge_into_another_idea"),
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(undone_at__isnull=True), name="one_active_merge_per_source"
            ),
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_id}"
