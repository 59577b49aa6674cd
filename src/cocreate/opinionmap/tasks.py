from django_tasks import task

from cocreate.campaigns.models import Campaign

from .services import report_compute


@task()
def recompute_report(campaign_id: int) -> int:
    """Recompute a campaign's opinion-map report (idempotent). Returns the vote count it used."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return report_compute(campaign=campaign).vote_count
