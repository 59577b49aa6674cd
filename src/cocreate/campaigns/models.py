from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.core.methods import registry as methods
from cocreate.core.models import TimeStampedModel

DEFAULT_METHOD = "idea_challenge"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read")
    MEMBERS = "members", _("Members only: signed-in members can read")
    INVITE = "invite", _("Invite only: invited members and staff")


class Moderation(models.TextChoices):
    POST = "post", _("Post-moderation: ideas are published at once")
    PRE = "pre", _("Pre-moderation: a moderator approves each idea first")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Campaign(TimeStampedModel):
    """A challenge the organisation poses to its community, with its brief and its rules."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=160)
    goal = models.CharField(_("goal"), max_length=300, help_text=_("One sentence: what you want to achieve."))
    brief = models.TextField(_("brief"), help_text=_("Context and what you are looking for (markdown)."))
    constraints = models.TextField(_("constraints"), blank=True, help_text=_("Markdown."))
    out_of_scope = models.TextField(_("out of scope"), blank=True, help_text=_("Markdown."))
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    incentives = models.TextField(_("incentives and rewards"), blank=True, help_text=_("Markdown."))
    ip_terms = models.TextField(
        _("how contributions are used"),
        blank=True,
        help_text=_("Licence and use of contributions (markdown)."),
    )
    # A key of the method registry (cocreate.core.methods): no `choices`, because the methods are declared by the
    # apps that implement them; `clean()` checks the key is registered.
    method = models.CharField(_("method"), max_length=30, default=DEFAULT_METHOD)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    moderation = models.CharField(_("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
        db_index=True,
    )
    entries_per_member = models.PositiveIntegerField(
        _("entries per member"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    max_images_per_idea = models.PositiveSmallIntegerField(
        _("images per idea"), default=4, validators=[MaxValueValidator(12)]
    )
    response_promise_days = models.PositiveSmallIntegerField(
        _("response promise (days)"), default=30, validators=[MinValueValidator(1)]
    )
    cover_image = models.ImageField(_("cover image"), upload_to="campaigns/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="campaigns_created"
    )

    # Set on lists by campaigns.selectors.with_counts (what the campaign's method counts), not stored.
    contribution_total: int
    participant_total: int
    contributions_in_words: str
    participants_in_words: str

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.method not in methods:
            raise ValidationError({"method": _("Choose one of the methods this site offers.")})

    @property
    def method_spec(self):
        """This campaign's method declaration (cocreate.core.methods.CampaignMethod)."""
        return methods.of(self)

    def get_method_display(self) -> str:
        return str(self.method_spec.label) if self.method in methods else self.method

    def current_phases(self, now=None):
        now = now or timezone.now()
        return [p for p in self.phases.all() if p.is_open(now)]

    def phase_is_open(self, kind: str, now=None) -> bool:
        """A phase kind is open when a phase of that kind covers now; with no phase of that kind, it follows
        the campaign's publication (so a simple campaign needs no dates)."""
        if self.status != CampaignStatus.PUBLISHED:
            return False
        now = now or timezone.now()
        phases = [p for p in self.phases.all() if p.kind == kind]
        if not phases:
            return True
        return any(p.is_open(now) for p in phases)

    @property
    def stages(self):
        return list(self.support_stages.all())


class PhaseKind(models.TextChoices):
    SUBMISSION = "submission", _("Submission")
    SUPPORT = "support", _("Support")
    REVIEW = "review", _("Review")
    RESULTS = "results", _("Results")


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.campaign})"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)


class SupportStage(models.Model):
    """One rung of the support ladder: reach `threshold` supporters within `window_days` of the stage's start.

    A single threshold is a ladder of one. Reaching a stage restarts the clock for the next (LEGO Ideas)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="support_stages")
    position = models.PositiveSmallIntegerField(_("position"))
    threshold = models.PositiveIntegerField(_("supporters needed"), validators=[MinValueValidator(1)])
    window_days = models.PositiveIntegerField(_("within days"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="unique_stage_position"),
            models.CheckConstraint(condition=Q(threshold__gte=1), name="stage_threshold_positive"),
        ]

    def __str__(self):
        return f"{self.threshold} within {self.window_days} days"

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.window_days)


class EvaluationCriterion(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.CharField(_("description"), max_length=400, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name} (×{self.weight})"


class CampaignInvitation(TimeStampedModel):
    """Lets one email address into an invite-only campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "email"], name="one_invitation_per_email")]

    def __str__(self):
        return f"{self.email} → {self.campaign}"
