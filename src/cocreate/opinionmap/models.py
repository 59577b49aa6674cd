"""Models of the opinion map (Pol.is-style): per-campaign settings, participants (members or anonymous with a
cookie identity), statements with moderation, one vote per participant per statement, the latest report."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocreate.campaigns.models import Campaign


class StatementModeration(models.TextChoices):
    PRE = "pre", _("A moderator approves each submitted statement before it is shown")
    POST = "post", _("Submitted statements are shown at once; moderators may hide them")


class OpinionMapSettings(models.Model):
    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="opinionmap_settings")
    allow_anonymous = models.BooleanField(
        _("anonymous participants"), default=False, help_text=_("Visitors may vote without an account.")
    )
    allow_submissions = models.BooleanField(_("participants may submit statements"), default=True)
    statement_moderation = models.CharField(
        _("statement moderation"), max_length=10, choices=StatementModeration.choices, default=StatementModeration.PRE
    )
    min_votes = models.PositiveSmallIntegerField(
        _("votes to be placed on the map"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Participants with fewer votes are not placed (all statements, when there are fewer)."),
    )
    recompute_seconds = models.PositiveIntegerField(
        _("recompute at most every (seconds)"), default=30, validators=[MinValueValidator(1)]
    )
    attribution = models.TextField(_("data attribution"), blank=True, help_text=_("Markdown; shown on the pages."))

    class Meta:
        verbose_name = _("opinion map settings")
        verbose_name_plural = _("opinion map settings")

    def __str__(self):
        return f"{self.campaign}"


class Participant(models.Model):
    """Someone who votes: a member, or an anonymous visitor identified by a random cookie key, or an imported
    participant (external_id)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="opinion_participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="opinion_participations"
    )
    anon_key = models.CharField(max_length=64, blank=True, default="")
    external_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], condition=Q(user__isnull=False), name="opinion_participant_user"
            ),
            models.UniqueConstraint(
                fields=["campaign", "anon_key"], condition=~Q(anon_key=""), name="opinion_participant_anon"
            ),
        ]

    def __str__(self):
        return f"participant {self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None


class Moderation(models.IntegerChoices):
    SHOWN = 1, _("Shown")
    UNMODERATED = 0, _("Waiting for moderation")
    HIDDEN = -1, _("Hidden")


class Statement(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="opinion_statements")
    text = models.CharField(_("statement"), max_length=400)
    author = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements")
    moderation = models.SmallIntegerField(_("moderation"), choices=Moderation.choices, default=Moderation.SHOWN)
    is_meta = models.BooleanField(
        _("about the participant"),
        default=False,
        help_text=_(
            'A statement about who the participant is ("I live in a town"), not an opinion: shown and answered '
            "like any other, kept out of the map and of the groups' statements (Pol.is meta statements)."
        ),
    )
    external_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["campaign", "moderation"])]

    def __str__(self):
        return self.text[:60]


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    PASS = 0, _("Pass / unsure")
    DISAGREE = -1, _("Disagree")


class Vote(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=VoteValue.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "statement"], name="opinion_one_vote")]

    def __str__(self):
        return f"{self.participant_id} {self.statement_id} {self.value}"


class Report(models.Model):
    """The latest computed opinion map of a campaign (see math.py), with what it was computed from."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="opinion_report")
    data = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    vote_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    pending = models.BooleanField(default=False, help_text=_("A recompute is queued."))
    state = models.JSONField(
        default=dict, blank=True, help_text=_("What the next recompute starts from (opinionmap.math state).")
    )

    def __str__(self):
        return f"report {self.campaign}"
