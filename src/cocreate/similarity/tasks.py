from django_tasks import task


@task()
def refresh_idea_vectors(idea_id: int) -> int:
    """Keep one idea's vectors fresh (idempotent: unchanged text writes nothing)."""
    from .services import idea_vectors_refresh

    return idea_vectors_refresh(idea_id=idea_id)


@task()
def refresh_campaign_themes(campaign_id: int) -> int:
    from cocreate.campaigns.models import Campaign

    from .services import themes_refresh

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    return len(themes_refresh(actor=None, campaign=campaign)) if campaign else 0


@task()
def refresh_all_themes() -> dict[str, int]:
    """The periodic job: recluster every campaign that has ideas."""
    from cocreate.campaigns.models import Campaign

    from .services import themes_refresh

    counts = {}
    for campaign in Campaign.objects.filter(ideas__isnull=False).distinct().order_by("pk"):
        counts[campaign.slug] = len(themes_refresh(actor=None, campaign=campaign))
    return counts
