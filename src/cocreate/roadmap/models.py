"""The public roadmap (Decidim's accountability): what the organisation does with accepted ideas, and releases
that say what shipped and credit the people whose ideas it was."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class RoadmapStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    SHIPPED = "shipped", _("Shipped")


class Release(TimeStampedModel):
    """What shipped together. Scoped to one campaign, so its facilitators publish it and its audience reads it."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="releases")
    title = models.CharField(_("title"), max_length=160)
    version = models.CharField(_("version"), max_length=40)
    notes = models.TextField(_("release notes"), blank=True, help_text=_("Markdown is supported."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = [models.F("published_at").desc(nulls_first=True), "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "version"], name="unique_release_version")]

    def __str__(self):
        return f"{self.title} ({self.version})"

    def get_absolute_url(self):
        return reverse("roadmap:release", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RoadmapItem(TimeStampedModel):
    """One thing the organisation is doing, usually an accepted idea; planned → in progress → shipped."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="roadmap_items")
    idea = models.OneToOneField(
        "ideas.Idea", null=True, blank=True, on_delete=models.SET_NULL, related_name="roadmap_item"
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown is supported."))
    status = models.CharField(_("status"), max_length=20, choices=RoadmapStatus.choices, default=RoadmapStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    position = models.PositiveIntegerField(_("position"), default=0)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    release = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.SET_NULL, related_name="items", verbose_name=_("release")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["campaign", "status", "position", "id"], name="roadmap_board")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="roadmap_progress_percent"),
            models.CheckConstraint(
                condition=Q(status="shipped", shipped_at__isnull=False) | ~Q(status="shipped"),
                name="roadmap_shipped_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:item", kwargs={"pk": self.pk})


class Milestone(models.Model):
    item = models.ForeignKey(RoadmapItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=160)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None


class EntryKind(models.TextChoices):
    CREATED = "created", _("Added to the roadmap")
    EDITED = "edited", _("Edited")
    STATUS = "status", _("Status changed")
    PROGRESS = "progress", _("Progress updated")
    MILESTONE_ADDED = "milestone_added", _("Milestone added")
    MILESTONE_DONE = "milestone_done", _("Milestone reached")
    MILESTONE_REOPENED = "milestone_reopened", _("Milestone reopened")
    MILESTONE_REMOVED = "milestone_removed", _("Milestone removed")
    SHIPPED = "shipped", _("Shipped")


class RoadmapEntry(models.Model):
    """The audit log of an item: who did what, when, and why. Append-only; the public item page shows it."""

    item = models.ForeignKey(RoadmapItem, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=RoadmapStatus.choices)
    progress = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)
    subject = models.CharField(max_length=160, blank=True)  # e.g. the milestone's title
    release = models.ForeignKey(Release, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = _("roadmap entries")

    def __str__(self):
        return f"{self.item}: {self.get_kind_display()}"
