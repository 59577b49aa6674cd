"""Demo: one merged pair of duplicate ideas (with its redirect and undo), then the search index for everything."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count

from cocreate.engagement.models import Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, IdeaRevision, IdeaStatusChange, trending_score

from . import index

DEMO_ORDER = 900  # after every other app's demo data, so the index covers it all


def seed_demo(ctx) -> dict[str, int]:
    from cocreate.similarity.services import merge_ideas

    merged = 0
    original = (
        Idea.objects.filter(status=IdeaStatus.PUBLISHED, merged_into__isnull=True, hidden_at__isnull=True)
        .annotate(n=Count("supports"))
        .filter(n__gte=2)
        .order_by("campaign_id", "pk")
        .select_related("campaign")
        .first()
    )
    if original is not None:
        supporters = list(Support.objects.filter(idea=original).order_by("pk").values_list("member_id", flat=True))
        members = [ctx.accounts["member"].pk, *supporters[:1]]  # one of them already supports the original
        published = ctx.now - timedelta(days=3)
        duplicate = Idea.objects.create(
            campaign=original.campaign,
            author=ctx.accounts["reviewer"]
            if original.author_id != ctx.accounts["reviewer"].pk
            else ctx.accounts["admin"],
            title=f"Same as: {original.title}"[:160],
            body=(
                "I think we need this too — "
                + original.body[:400]
                + "\n\n(Posted without noticing the earlier idea: a moderator merged the two.)"
            ),
            status=IdeaStatus.PUBLISHED,
            published_at=published,
            status_changed_at=published,
            stage_started_at=published,
        )
        revision = IdeaRevision.objects.create(
            idea=duplicate, number=1, title=duplicate.title, body=duplicate.body, editor=duplicate.author
        )
        IdeaRevision.objects.filter(pk=revision.pk).update(created_at=published)
        # The same history the services would have written: created as a draft, then published.
        for from_status, to_status in (("", IdeaStatus.DRAFT), (IdeaStatus.DRAFT, IdeaStatus.PUBLISHED)):
            change = IdeaStatusChange.objects.create(
                idea=duplicate, from_status=from_status, to_status=to_status, actor=duplicate.author
            )
            IdeaStatusChange.objects.filter(pk=change.pk).update(created_at=published)
        for member_id in dict.fromkeys(members):
            if member_id not in (duplicate.author_id, original.author_id):
                Support.objects.create(idea=duplicate, member_id=member_id)
        count = Support.objects.filter(idea=duplicate, discounted_at__isnull=True).count()
        Idea.objects.filter(pk=duplicate.pk).update(support_count=count, trending=trending_score(count, published))
        merge_ideas(
            actor=ctx.accounts["moderator"],
            source=duplicate,
            target=original,
            reason="The same proposal, posted twice: supporters are counted once on the original.",
        )
        merged = 1
    counts = index.rebuild()
    return {"merged_pairs": merged, "search_index_rows": sum(counts.values())}
