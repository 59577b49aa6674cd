from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ReactionRun(models.Model):
    """One reaction to one published event: written in the publishing transaction (the outbox), run by a task,
    retried with backoff until it succeeds or gives up. Owned by `cocreate.core.reactions`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to run")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    event_id = models.CharField(_("event"), max_length=32)
    event_type = models.CharField(_("event type"), max_length=200)
    payload = models.JSONField(_("event data"), default=dict)
    handler = models.CharField(_("reaction"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("enqueued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # For a failed run: when the periodic job tries again; empty once it has given up (staff may retry).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("reaction run")
        verbose_name_plural = _("reaction runs")
        constraints = [
            # The idempotency key: one run per reaction per event, however often it is enqueued or retried.
            models.UniqueConstraint(fields=["event_id", "handler"], name="core_reactionrun_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_reactionrun_due"),
        ]

    def __str__(self) -> str:
        return f"{self.handler} for {self.event_type} {self.event_id} ({self.status})"

    @property
    def gave_up(self) -> bool:
        return self.status == self.Status.FAILED and self.next_attempt_at is None
