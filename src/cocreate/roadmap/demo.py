"""Demo roadmap: the base community's accepted ideas on each campaign's roadmap — some planned, some in progress
with milestones and progress notes, some shipped in a published release that credits their co-creators — plus an
item the team added itself. Built through the services, then dated so the history reads like months of work."""

from __future__ import annotations

from datetime import timedelta

from cocreate.campaigns.models import Campaign
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from . import services
from .models import Milestone, Release, RoadmapEntry, RoadmapItem, RoadmapStatus

DEMO_ORDER = 500

MILESTONES = [
    "Cost estimate and supplier quotes",
    "Prototype in one location",
    "Feedback round with the people who proposed it",
    "Roll-out plan approved",
    "Available everywhere",
]
NOTES = [
    "We talked to three suppliers; the numbers work.",
    "The prototype is running and the first feedback is good.",
    "Half the locations are done; the rest follow next month.",
    "Training for the staff is scheduled.",
]
TEAM_ITEMS = [
    (
        "Publish a yearly report on what we did with your ideas",
        "Every accepted idea, what it cost and what it changed.",
    ),
]


def seed_demo(ctx) -> dict[str, int]:
    facilitator = ctx.accounts["facilitator"]
    rng = ctx.rng
    counts = {"roadmap_items": 0, "roadmap_milestones": 0, "releases": 0}
    release_number = 0
    for campaign in Campaign.objects.order_by("pk"):
        ideas = list(Idea.objects.filter(campaign=campaign, status=IdeaStatus.ACCEPTED).order_by("pk"))
        if not ideas:
            continue
        items = []
        for idea in ideas:
            item = services.roadmap_item_for_accepted_idea(idea_id=idea.pk, actor_id=facilitator.pk)
            if item is not None and item.release_id is None and item.status == RoadmapStatus.PLANNED:
                items.append(item)
        for title, summary in TEAM_ITEMS:
            if not RoadmapItem.objects.filter(campaign=campaign, title=title).exists():
                services.roadmap_item_create(actor=facilitator, campaign=campaign, title=title, summary=summary)
        n = len(items)
        shipped = items[: max(1, n // 3)]
        in_progress = items[len(shipped) : len(shipped) + max(1, n // 3)] if n > 1 else []
        for item in shipped + in_progress:
            services.roadmap_item_progress(
                actor=facilitator, item=item, status=RoadmapStatus.IN_PROGRESS, progress=10, note=rng.choice(NOTES[:1])
            )
            for index, title in enumerate(rng.sample(MILESTONES, 3)):
                due = (ctx.now + timedelta(days=rng.randint(-60, 90))).date()
                milestone = services.milestone_add(actor=facilitator, item=item, title=title, due_date=due)
                counts["roadmap_milestones"] += 1
                if item in shipped or index == 0:
                    services.milestone_set_done(actor=facilitator, milestone=milestone, done=True)
        for item in in_progress:
            services.roadmap_item_progress(
                actor=facilitator,
                item=item,
                status=RoadmapStatus.IN_PROGRESS,
                progress=rng.choice([25, 40, 60, 75]),
                note=rng.choice(NOTES[1:]),
            )
        if shipped:
            release_number += 1
            release = services.release_create(
                actor=facilitator,
                campaign=campaign,
                title="Your ideas, built" if release_number == 1 else "More of your ideas, built",
                version=f"2026.{release_number}",
                notes=(
                    "This release puts the first accepted ideas of the campaign into practice. "
                    "**Thank you** to everyone who proposed, supported and discussed them."
                ),
                items=shipped,
            )
            services.release_publish(actor=facilitator, release=release)
            counts["releases"] += 1
        _spread_history(ctx, campaign)
        counts["roadmap_items"] += RoadmapItem.objects.filter(campaign=campaign).count()
    _this_week(facilitator)
    return counts


def _this_week(facilitator) -> None:
    """This week on the team's own item, through the services, so the activity log holds every roadmap step: it
    starts, moves on, gets a clearer summary, a milestone reached then reopened, one dropped, and a release drafted,
    renamed and discarded (the report ships with next year's release instead)."""
    item = RoadmapItem.objects.filter(title=TEAM_ITEMS[0][0], status=RoadmapStatus.PLANNED).order_by("pk").first()
    if item is None:
        return
    services.roadmap_item_progress(actor=facilitator, item=item, status=RoadmapStatus.IN_PROGRESS, progress=10)
    services.roadmap_item_progress(
        actor=facilitator, item=item, status=RoadmapStatus.IN_PROGRESS, progress=30, note=NOTES[0]
    )
    services.roadmap_item_update(
        actor=facilitator, item=item, title=item.title, summary=TEAM_ITEMS[0][1] + " Published every January."
    )
    outline = services.milestone_add(actor=facilitator, item=item, title="Outline agreed")
    services.milestone_set_done(actor=facilitator, milestone=outline, done=True)
    services.milestone_set_done(actor=facilitator, milestone=outline, done=False, note="One more section to add.")
    printed = services.milestone_add(actor=facilitator, item=item, title="Printed copies")
    services.milestone_remove(actor=facilitator, milestone=printed)
    draft = services.release_create(
        actor=facilitator, campaign=item.campaign, title="Yearly report", version="draft-report", items=[item]
    )
    services.release_update(
        actor=facilitator, release=draft, title="Yearly report (draft)", version="draft-report", items=[item]
    )
    services.release_delete(actor=facilitator, release=draft)


def _spread_history(ctx, campaign: Campaign) -> None:
    """Date each item's history between its idea's acceptance and now (the services stamp 'now'): shipped items'
    stories end on their release's day, a week or two ago."""
    rng = ctx.rng
    released_on = ctx.now - timedelta(days=rng.randint(6, 15), hours=rng.randint(0, 12))
    Release.objects.filter(campaign=campaign).update(published_at=released_on)
    for item in RoadmapItem.objects.filter(campaign=campaign).select_related("idea").order_by("pk"):
        accepted = item.idea.status_changed_at if item.idea and item.idea.status_changed_at else None
        start = min(accepted or ctx.now - timedelta(days=90), released_on - timedelta(days=20))
        end = released_on if item.status == RoadmapStatus.SHIPPED else ctx.now - timedelta(hours=6)
        entries = list(RoadmapEntry.objects.filter(item=item).order_by("pk"))
        stamps = sorted(start + (end - start) * rng.random() for _ in entries)
        if stamps:
            stamps[0] = start + timedelta(hours=1)
        if item.status == RoadmapStatus.SHIPPED and stamps:
            stamps[-1] = released_on
        for entry, at in zip(entries, stamps, strict=True):
            RoadmapEntry.objects.filter(pk=entry.pk).update(created_at=at)
            if entry.kind == "milestone_done":
                Milestone.objects.filter(item=item, title=entry.subject).update(
                    done_at=at, due_date=(at + timedelta(days=rng.randint(-5, 10))).date()
                )
        RoadmapItem.objects.filter(pk=item.pk).update(
            created_at=start + timedelta(hours=1),
            shipped_at=released_on if item.status == RoadmapStatus.SHIPPED else None,
        )
