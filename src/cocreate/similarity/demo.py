"""Demo: a few true duplicates to find, one look-alike pair a moderator marked as not a duplicate, vectors and
themes for every demo campaign (refreshed twice, so the café's themes show they keep their ids)."""

from __future__ import annotations

from cocreate.campaigns.models import Campaign
from cocreate.core.demo import DemoContext
from cocreate.core.errors import ApplicationError as SecondThoughtsRefused
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea as _Idea

from . import representation as rep
from .selectors import clear_cache, duplicate_candidates
from .services import (
    duplicate_dismiss,
    duplicate_dismissal_restore,
    merge_ideas,
    merge_undo,
    themes_refresh,
    vectors_ensure_campaign,
)

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


# Looks like the deposit-cup idea (same words), proposes something else: boxes for food, not cups for drinks.
LOOK_ALIKE = (
    "A deposit box you can return to any café",
    "Pay a £1 deposit for a sturdy lunch box for takeaway salads and return it to any Larkfield café, where it is "
    "washed and reused.",
)
LOOK_ALIKE_OF = "A deposit cup you can return to any café"
NOT_A_DUPLICATE = "Same words, different proposal: one is about cups for drinks, the other about boxes for food."


def seed_demo(ctx: DemoContext) -> dict[str, int]:
    from cocreate.core.errors import ApplicationError
    from cocreate.ideas.models import Idea
    from cocreate.ideas.services import idea_create

    counts = {"similar_duplicates": 0, "idea_vectors": 0, "themes": 0, "themes_kept": 0, "dismissed_pairs": 0}
    cafe = Campaign.objects.filter(slug="less-waste-better-cafes").first()
    if cafe is not None:
        # Themes as they were before the latest ideas came in: the refresh below keeps the ids of those that
        # are essentially the same (links and filters keep working).
        before = {t.pk for t in themes_refresh(actor=None, campaign=cafe)}
        member = ctx.accounts["member"]
        for title, body in [*DUPLICATES, LOOK_ALIKE]:
            if Idea.objects.filter(campaign=cafe, title=title).exists():
                continue
            try:
                idea_create(actor=member, campaign=cafe, title=title, body=body)
            except ApplicationError:  # e.g. the submission phase closed: skip rather than write half an idea
                continue
            counts["similar_duplicates"] += 1
        counts["themes_kept"] = len(before & {t.pk for t in themes_refresh(actor=None, campaign=cafe)})
    for campaign in Campaign.objects.order_by("pk"):
        for method in rep.available_methods():
            counts["idea_vectors"] += vectors_ensure_campaign(campaign_id=campaign.pk, method=method)
        if campaign != cafe:
            themes_refresh(actor=None, campaign=campaign)
        counts["themes"] += campaign.themes.count()
    clear_cache()
    if cafe is not None:
        look_alike = Idea.objects.filter(campaign=cafe, title=LOOK_ALIKE[0]).first()
        original = Idea.objects.filter(campaign=cafe, title=LOOK_ALIKE_OF).first()
        if look_alike is not None and original is not None:
            # It is in the queue (same words); the moderator looked and said no.
            in_queue = any(
                {p.source.pk, p.target.pk} == {look_alike.pk, original.pk} for p in duplicate_candidates(cafe)
            )
            try:
                duplicate_dismiss(
                    actor=ctx.accounts["moderator"], source=look_alike, target=original, reason=NOT_A_DUPLICATE
                )
                counts["dismissed_pairs"] = 1
            except ApplicationError:
                pass
            ctx.log(f"  look-alike pair in the duplicate queue: {in_queue}; marked as not a duplicate")
    _second_thoughts(ctx)
    return counts


OPEN_STATES = (IdeaStatus.PUBLISHED, IdeaStatus.THRESHOLD_REACHED, IdeaStatus.UNDER_REVIEW)


def _second_thoughts(ctx: DemoContext) -> None:
    """Moderators change their minds, through the services (the activity log shows each step): a pair dismissed
    as "not a duplicate" goes back to the queue, and a merge done too quickly is undone, exactly."""
    moderator = ctx.accounts["moderator"]
    # Not in the café campaign: its duplicate queue tells the look-alike story above.
    for campaign in Campaign.objects.exclude(slug="less-waste-better-cafes").order_by("pk"):
        ideas = list(
            _Idea.objects.filter(campaign=campaign, status__in=OPEN_STATES, hidden_at__isnull=True).order_by("-pk")[:4]
        )
        if len(ideas) < 4:
            continue
        try:
            dismissal = duplicate_dismiss(
                actor=moderator, source=ideas[0], target=ideas[1], reason="Different streets, different problems."
            )
            duplicate_dismissal_restore(actor=moderator, dismissal=dismissal)
            merge = merge_ideas(
                actor=moderator, source=ideas[2], target=ideas[3], reason="Looked like the same bench at first."
            )
            merge_undo(actor=moderator, merge=merge)
        except SecondThoughtsRefused as error:  # a demo too small for the scene: skip it rather than fail the build
            ctx.log(f"  second thoughts skipped: {error}")
            continue
        return
