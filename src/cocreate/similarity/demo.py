"""Demo: a few true duplicates to find, then vectors and themes for every demo campaign."""

from __future__ import annotations

from cocreate.campaigns.models import Campaign
from cocreate.core.demo.extensions import DemoContext

from . import representation as rep
from .selectors import clear_cache
from .services import themes_refresh, vectors_ensure_campaign

DEMO_ORDER = 150

# Re-submissions of ideas the café campaign already has, in other words: what the duplicate queue is for.
DUPLICATES = [
    (
        "Give a bigger discount when people bring their own cup",
        "The reusable cup discount is only 10p and nobody notices it. Make it 30p off every drink in your own cup "
        "and print it on the menu board.",
    ),
    (
        "Sell yesterday's pastries cheaper in the morning",
        "Unsold pastries from yesterday are still good: put them in a basket by the till at half price until 11.",
    ),
    (
        "Let dogs into the cafés",
        "Dog walkers have to sit outside in the rain. Allow dogs in part of each café and put a water bowl "
        "by the door.",
    ),
    (
        "More power sockets for laptops at the long tables",
        "Everyone fights for the two sockets. Put a power strip under each long table so people can charge laptops.",
    ),
]


def seed_demo(ctx: DemoContext) -> dict[str, int]:
    from cocreate.core.errors import ApplicationError
    from cocreate.ideas.models import Idea
    from cocreate.ideas.services import idea_create

    counts = {"similar_duplicates": 0, "idea_vectors": 0, "themes": 0}
    cafe = Campaign.objects.filter(slug="less-waste-better-cafes").first()
    if cafe is not None:
        member = ctx.accounts["member"]
        for title, body in DUPLICATES:
            if Idea.objects.filter(campaign=cafe, title=title).exists():
                continue
            try:
                idea_create(actor=member, campaign=cafe, title=title, body=body)
            except ApplicationError:  # e.g. the submission phase closed: skip rather than write half an idea
                continue
            counts["similar_duplicates"] += 1
    for campaign in Campaign.objects.order_by("pk"):
        for method in rep.available_methods():
            counts["idea_vectors"] += vectors_ensure_campaign(campaign_id=campaign.pk, method=method)
        counts["themes"] += len(themes_refresh(actor=None, campaign=campaign))
    clear_cache()
    return counts
