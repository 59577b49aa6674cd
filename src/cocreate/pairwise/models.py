"""Models of the pairwise wiki survey: per-campaign settings, entries, the pairs served and the votes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class PairwiseSettings(models.Model):
    """How one pairwise campaign runs. `revision` changes with every vote and moderation: the cached fit's key."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="pairwise_settings")
    allow_anonymous = models.BooleanField(
        _("visitors may vote without signing in"),
        default=False,
        help_text=_("Anonymous votes are told apart by a cookie."),
    )
    allow_member_entries = models.BooleanField(
        _("members may add entries"), default=True, help_text=_("Added entries wait for a moderator's approval.")
    )
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pairwise settings")
        verbose_name_plural = _("pairwise settings")

    def __str__(self):
        return f"{self.campaign} (pairwise)"


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    SHOWN = "shown", _("Shown")
    HIDDEN = "hidden", _("Hidden")


class PairwiseEntry(TimeStampedModel):
    """One answer to the campaign's question. Seed entries come from staff; members' entries are moderated."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="pairwise_entries")
    text = models.CharField(_("entry"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PENDING, db_index=True
    )
    is_seed = models.BooleanField(_("seed entry"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairwise_entries"
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pairwise entry")
        verbose_name_plural = _("pairwise entries")
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return self.text


class Choice(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    CANT_DECIDE = "cant_decide", _("I can't decide")


class CantDecideReason(models.TextChoices):
    BOTH_GOOD = "both_good", _("I like both")
    BOTH_BAD = "both_bad", _("I like neither")
    DONT_KNOW = "dont_know", _("I don't know enough to decide")
    OTHER = "other", _("Another reason")


class PairwisePrompt(models.Model):
    """A pair served to one voter (a member, or a visitor's cookie key). A vote must answer a prompt served."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="pairwise_prompts")
    left = models.ForeignKey(PairwiseEntry, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(PairwiseEntry, on_delete=models.CASCADE, related_name="+")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="pairwise_prompts"
    )
    visitor_key = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(left=F("right")), name="pairwise_prompt_two_entries")]
        indexes = [models.Index(fields=["campaign", "voter", "-created_at"])]

    def __str__(self):
        return f"{self.left_id} vs {self.right_id}"


class PairwiseVote(models.Model):
    """An answer to a prompt: who (member or visitor key), when, which side won, or "can't decide" and why."""

    prompt = models.OneToOneField(PairwisePrompt, on_delete=models.CASCADE, related_name="vote")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="pairwise_votes")
    choice = models.CharField(_("choice"), max_length=12, choices=Choice.choices)
    winner = models.ForeignKey(PairwiseEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    loser = models.ForeignKey(PairwiseEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=CantDecideReason.choices, blank=True)
    reason_text = models.CharField(_("in your words"), max_length=300, blank=True)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairwise_votes"
    )
    visitor_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(choice="cant_decide", winner__isnull=True, loser__isnull=True) & ~Q(reason=""))
                | (~Q(choice="cant_decide") & Q(winner__isnull=False, loser__isnull=False, reason="")),
                name="pairwise_vote_winner_or_reason",
            )
        ]

    def __str__(self):
        return f"{self.choice} on {self.prompt_id}"
