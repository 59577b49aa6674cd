"""The review pipeline: stages per campaign, the queue, reviewer assignments, scorecards, decisions with their
public explanation and each idea's first official response. Review actions are written to the activity log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DEFAULT_STAGES = (_("Screening"), _("Expert review"), _("Decision"))
SCORE_MIN, SCORE_MAX = 0, 5
# A spread (highest minus lowest weighted total among reviewers) at or above this many points is "high":
# reviewers disagree enough that someone should look before deciding.
HIGH_SPREAD = 1.5


class ReviewStage(models.Model):
    """One step of a campaign's review pipeline (screening → expert review → decision by default)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="review_stages")
    name = models.CharField(_("stage"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [models.UniqueConstraint(fields=["campaign", "position"], name="unique_review_stage_position")]

    def __str__(self):
        return self.name


class EntryReason(models.TextChoices):
    THRESHOLD = "threshold", _("Reached the support threshold")
    STAFF = "staff", _("Picked by staff")


class ReviewItem(models.Model):
    """An idea in its campaign's review queue. Closed once a final decision is made."""

    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="review_item")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="review_items")
    stage = models.ForeignKey(ReviewStage, on_delete=models.RESTRICT, related_name="items")
    reason = models.CharField(max_length=20, choices=EntryReason.choices, default=EntryReason.THRESHOLD)
    entered_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entered_at", "id"]
        indexes = [models.Index(fields=["campaign", "closed_at", "entered_at"], name="review_queue_order")]

    def __str__(self):
        return f"{self.idea} @ {self.stage}"


class ReviewAssignment(models.Model):
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="review_assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "reviewer"], name="one_assignment_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} → {self.idea}"


class Scorecard(models.Model):
    """One reviewer's evaluation of one idea against the campaign's weighted criteria."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="scorecards")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorecards")
    public_note = models.TextField(_("public note"), blank=True, max_length=2000)
    # Weighted total on the 0–5 scale, kept with the card so queues sort and filter without recomputing.
    weighted_total = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "reviewer"], name="one_scorecard_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} on {self.idea}: {self.weighted_total}"


class CriterionScore(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("campaigns.EvaluationCriterion", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX), name="score_0_to_5"),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another idea")
    NEEDS_INFO = "needs_info", _("Needs more information")


class Decision(models.Model):
    """A decision on an idea with the public explanation posted on it as an official response."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    explanation = models.TextField(_("public explanation"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    merged_into = models.ForeignKey("ideas.Idea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.ForeignKey(
        "engagement.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(explanation=""), name="decision_has_explanation"),
        ]

    def __str__(self):
        return f"{self.idea}: {self.outcome}"


class ResponseKind(models.TextChoices):
    OFFICIAL_COMMENT = "official_comment", _("Official response")
    STATUS_CHANGE = "status_change", _("Status changed by staff")
    DECISION = "decision", _("Decision")


class ResponseRecord(models.Model):
    """When an idea first heard back officially: the response promise is measured against this."""

    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="response_record")
    first_response_at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=ResponseKind.choices)
    # first_response_at minus the idea's publication, kept so the promise can be checked by a plain comparison
    # in the database (date arithmetic across two columns runs row by row in Python on SQLite).
    delay = models.DurationField(null=True, blank=True)

    def __str__(self):
        return f"{self.idea}: {self.kind} at {self.first_response_at}"
