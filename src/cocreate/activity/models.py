"""The activity log: one append-only record of what people (and the system) did, written by services.

It sits just above the kernel so every context may write to it; it knows nothing about campaigns or ideas beyond
ids and a label, so a target deleted later still reads sensibly in the log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    """What happened, in the product's words. The part before the dot names the area (staff filter by it)."""

    # accounts and access
    SIGNED_IN = "account.signed_in", _("Signed in")
    SIGN_IN_FAILED = "account.sign_in_failed", _("Failed to sign in")
    PASSWORD_CHANGED = "account.password_changed", _("Changed their password")
    ROLE_GRANTED = "role.granted", _("Granted a role")
    ROLE_REVOKED = "role.revoked", _("Removed a role")
    TOKEN_CREATED = "token.created", _("Created an API token")
    TOKEN_REVOKED = "token.revoked", _("Revoked an API token")
    AGREEMENT_PUBLISHED = "agreement.published", _("Published a contributor agreement")
    # campaigns
    CAMPAIGN_CREATED = "campaign.created", _("Created a campaign")
    CAMPAIGN_UPDATED = "campaign.updated", _("Edited a campaign")
    CAMPAIGN_PUBLISHED = "campaign.published", _("Published a campaign")
    CAMPAIGN_INVITED = "campaign.invited", _("Invited people to a campaign")
    CAMPAIGN_SETTINGS = "campaign.settings_changed", _("Changed a method's settings")
    # ideas
    IDEA_STATUS_CHANGED = "idea.status_changed", _("Changed an idea's status")
    IDEA_MERGED = "idea.merged", _("Merged ideas")
    IDEA_UNMERGED = "idea.unmerged", _("Undid a merge")
    DUPLICATE_DISMISSED = "idea.duplicate_dismissed", _("Dismissed a possible duplicate")
    DUPLICATE_RESTORED = "idea.duplicate_restored", _("Restored a possible duplicate")
    # review
    REVIEW_ENTERED = "review.entered_review", _("Idea entered review")
    REVIEW_STAGES_CHANGED = "review.stages_changed", _("Changed the review stages")
    REVIEWER_ASSIGNED = "review.reviewer_assigned", _("Assigned a reviewer")
    REVIEWER_UNASSIGNED = "review.reviewer_unassigned", _("Unassigned a reviewer")
    REVIEW_STAGE_MOVED = "review.stage_moved", _("Moved an idea to a review stage")
    REVIEW_BULK_ASSIGN = "review.bulk_assign", _("Assigned a reviewer to several ideas")
    REVIEW_BULK_ROUND_ROBIN = "review.bulk_round_robin", _("Shared ideas among reviewers")
    REVIEW_BULK_MOVE_STAGE = "review.bulk_move_stage", _("Moved several ideas to a stage")
    SCORECARD_SUBMITTED = "review.scorecard_submitted", _("Submitted a scorecard")
    DECIDED = "review.decided", _("Decided on an idea")
    RESUBMITTED = "review.resubmitted", _("Sent an idea back to review")
    # moderation
    MODERATION_HIDE = "moderation.hide", _("Hid content")
    MODERATION_AUTO_HIDE = "moderation.auto_hide", _("Hid content automatically (flags)")
    MODERATION_RESTORE = "moderation.restore", _("Restored content")
    MODERATION_DISMISS = "moderation.dismiss", _("Dismissed flags")
    MODERATION_SUSPEND = "moderation.suspend", _("Suspended a member")
    MODERATION_UNSUSPEND = "moderation.unsuspend", _("Lifted a suspension")
    MODERATION_SET_TRUST = "moderation.set_trust", _("Set a trust level")
    MODERATION_DISCOUNT = "moderation.discount", _("Discounted supports")
    MODERATION_UNDISCOUNT = "moderation.undiscount", _("Counted supports again")
    MODERATION_DISMISS_SIGNAL = "moderation.dismiss_signal", _("Dismissed an abuse signal")
    MODERATION_STATEMENT = "moderation.statement", _("Moderated a statement")
    MODERATION_STATEMENT_META = "moderation.statement_meta", _("Marked a statement as meta")
    MODERATION_ENTRY = "moderation.entry", _("Moderated an entry")
    # roadmap
    ROADMAP_CREATED = "roadmap.created", _("Added an item to the roadmap")
    ROADMAP_EDITED = "roadmap.edited", _("Edited a roadmap item")
    ROADMAP_STATUS = "roadmap.status", _("Changed a roadmap item's status")
    ROADMAP_PROGRESS = "roadmap.progress", _("Updated a roadmap item's progress")
    ROADMAP_MILESTONE_ADDED = "roadmap.milestone_added", _("Added a milestone")
    ROADMAP_MILESTONE_DONE = "roadmap.milestone_done", _("Reached a milestone")
    ROADMAP_MILESTONE_REOPENED = "roadmap.milestone_reopened", _("Reopened a milestone")
    ROADMAP_MILESTONE_REMOVED = "roadmap.milestone_removed", _("Removed a milestone")
    ROADMAP_SHIPPED = "roadmap.shipped", _("Shipped a roadmap item")
    RELEASE_CREATED = "roadmap.release_created", _("Created a release")
    RELEASE_UPDATED = "roadmap.release_updated", _("Edited a release")
    RELEASE_PUBLISHED = "roadmap.release_published", _("Published a release")
    RELEASE_DELETED = "roadmap.release_deleted", _("Deleted a release")


AREAS: dict[str, str] = {
    "account": _("Accounts and access"),
    "role": _("Roles"),
    "token": _("API tokens"),
    "agreement": _("Contributor agreements"),
    "campaign": _("Campaigns"),
    "idea": _("Ideas"),
    "review": _("Review"),
    "moderation": _("Moderation"),
    "roadmap": _("Roadmap"),
}

# What the public page may show: moderation of content and decisions on ideas (suspensions, trust levels,
# discounted supports and abuse signals concern members, so they stay staff-only).
PUBLIC_VERBS: frozenset[str] = frozenset(
    {
        Verb.MODERATION_HIDE,
        Verb.MODERATION_AUTO_HIDE,
        Verb.MODERATION_RESTORE,
        Verb.MODERATION_STATEMENT,
        Verb.MODERATION_ENTRY,
        Verb.DECIDED,
        Verb.IDEA_MERGED,
        Verb.IDEA_UNMERGED,
    }
)
# The details a public entry may show (reasons and explanations staff write for the author and the public).
PUBLIC_DETAIL_KEYS: frozenset[str] = frozenset({"reason", "outcome", "explanation"})


class ActivityEntry(models.Model):
    """Who did what to which target, in which campaign, when, from where (a keyed hash of the address)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    verb = models.CharField(_("what"), max_length=40, choices=Verb.choices, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    # Kept as written, so an entry still reads sensibly after its target is deleted or renamed.
    target_label = models.CharField(_("target"), max_length=200, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    # A plain id, not a foreign key: the log sits below campaigns (every context writes to it) and outlives them.
    campaign_id = models.PositiveBigIntegerField(_("campaign"), null=True, blank=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(_("address (hashed)"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")
        indexes = [
            models.Index(fields=["campaign_id", "-created_at"], name="activity_campaign_time"),
            models.Index(fields=["actor", "-created_at"], name="activity_actor_time"),
            models.Index(fields=["target_type", "target_id", "created_at"], name="activity_target_time"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.target_label}"

    # Append-only: an entry is written once. (Deleting a member or a content type still nulls the reference:
    # that goes through the database, not through these methods.)
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The activity log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The activity log is append-only.")

    @property
    def area(self) -> str:
        return self.verb.split(".", 1)[0]

    def public_details(self) -> dict:
        return {k: v for k, v in (self.details or {}).items() if k in PUBLIC_DETAIL_KEYS and v}
