"""Models of this context: stored idea vectors and campaign themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
