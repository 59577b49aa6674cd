from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class ContributorAgreement(TimeStampedModel):
    """A version of the terms every contributor accepts before contributing. The newest published one is current."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("terms (markdown)"))
    summary_of_changes = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class AgreementAcceptance(models.Model):
    """Who accepted which version, when: the consent record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acceptances")
    agreement = models.ForeignKey(ContributorAgreement, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agreement"], name="one_acceptance_per_version")]

    def __str__(self):
        return f"{self.user} accepted v{self.agreement.version}"
