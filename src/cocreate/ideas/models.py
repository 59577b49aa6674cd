import math
from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel

from .lifecycle import IdeaStatus

# Trending = log10(supports) + publication time / TRENDING_SCALE: an idea needs ten times the supports to
# outrank one published TRENDING_SCALE seconds later. It only changes when supports change, so it can be indexed.
TRENDING_SCALE = 1.5 * 24 * 3600


def trending_score(support_count: int, published_at: datetime | None) -> float:
    if published_at is None:
        return 0.0
    return round(math.log10(max(support_count, 1)) + published_at.timestamp() / TRENDING_SCALE, 7)


class Tag(models.Model):
    name = models.CharField(_("tag"), max_length=40, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Idea(TimeStampedModel):
    """A member's contribution to a campaign, climbing the support ladder towards review."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas")
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coauthored_ideas", verbose_name=_("co-authors")
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("description"), help_text=_("Markdown is supported."))
    tags = models.ManyToManyField(Tag, blank=True, related_name="ideas", verbose_name=_("tags"))
    status = models.CharField(_("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.DRAFT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Denormalised counters, kept exact by the engagement services inside their transactions.
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    trending = models.FloatField(default=0.0)
    # Support ladder position: the stage being climbed and when its clock started.
    stage_index = models.PositiveSmallIntegerField(default=0)
    stage_started_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Moderation: hidden ideas stay in the database and reappear exactly when restored.
    hidden_at = models.DateTimeField(null=True, blank=True, db_index=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # A campaign's list walks one of these in order and stops after a page: most ideas in a campaign
            # are listable, so filtering status row by row is cheaper than sorting the whole campaign.
            models.Index(fields=["campaign", "-published_at", "-id"], name="idea_newest"),
            models.Index(fields=["campaign", "-support_count", "-id"], name="idea_most_supported"),
            models.Index(fields=["campaign", "-trending", "-id"], name="idea_trending"),
            # Counts and rare-status filters (a page of accepted ideas) read this one instead.
            models.Index(fields=["campaign", "status", "hidden_at"], name="idea_campaign_status"),
            models.Index(fields=["status", "stage_started_at"], name="idea_ladder_clock"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:detail", kwargs={"pk": self.pk})

    def is_author(self, user) -> bool:
        return bool(user and user.is_authenticated and (user.pk == self.author_id))


class IdeaRevision(models.Model):
    """A published version of an idea's text; every edit after publication adds one, so the history is a diff."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    body = models.TextField()
    tags = models.CharField(max_length=500, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["idea", "number"], name="unique_revision_number")]

    def __str__(self):
        return f"{self.idea} r{self.number}"


class IdeaImage(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="ideas/%Y/%m/", width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to="ideas/thumbs/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text or f"Image {self.pk}"


class IdeaUpdate(TimeStampedModel):
    """A post by the author on their own idea's page (LEGO Ideas style progress news)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("update"), help_text=_("Markdown is supported."))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class IdeaStatusChange(models.Model):
    """Every lifecycle step, who caused it and why: the start of each idea's public timeline."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=IdeaStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=IdeaStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.idea}: {self.from_status} → {self.to_status}"
