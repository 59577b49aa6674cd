"""Demo discussion: the most discussed public idea gets a lively debate, long enough that its page shows the
discussion in pages (engagement.selectors.THREADS_PER_PAGE threads each). Written through the services, as
members would, then dated over the last weeks."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q

from cocreate.accounts import ratelimit
from cocreate.accounts.models import User
from cocreate.core.errors import ApplicationError
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from . import services
from .models import Alignment, Comment
from .selectors import THREADS_PER_PAGE

DEMO_ORDER = 150

OPENINGS = [
    ("How would this work for people who come in only once a month?", Alignment.QUESTION),
    ("I'd use this every day. Please make it happen.", Alignment.IN_FAVOUR),
    ("Worried about the cost: who pays for it in the end?", Alignment.AGAINST),
    ("Start in one place first, to see if it works.", Alignment.SUGGESTION),
    ("We tried something similar at my workplace; it worked once people got used to it.", Alignment.IN_FAVOUR),
    ("It sounds nice, but the queue at lunchtime is already long.", Alignment.AGAINST),
    ("What happens on busy Saturdays?", Alignment.QUESTION),
    ("My kids would love this.", Alignment.IN_FAVOUR),
    ("Please keep it accessible for wheelchair users.", Alignment.QUESTION),
    ("I'd support it if it stays optional.", Alignment.IN_FAVOUR),
    ("Would the staff need extra training?", Alignment.QUESTION),
    ("Less waste is worth a small change of habit.", Alignment.IN_FAVOUR),
]
REPLIES = [
    "Thanks, {name}: good point, I added it to the description.",
    "Agreed, {name}.",
    "{name}, that is how it works in other cities, as far as I know.",
]


def seed_demo(ctx) -> dict[str, int]:
    idea = (
        Idea.objects.filter(status__in=[IdeaStatus.PUBLISHED, IdeaStatus.THRESHOLD_REACHED], hidden_at__isnull=True)
        .annotate(threads=Count("comments", filter=Q(comments__parent__isnull=True)))
        .order_by("-threads", "pk")
        .first()
    )
    if idea is None:
        return {}
    members = list(
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .exclude(pk=idea.author_id)
        .order_by("pk")[:80]
    )
    wanted = THREADS_PER_PAGE + 8 - idea.threads
    posted: list[Comment] = []
    ctx.rng.shuffle(members)
    with ratelimit.suspended():
        for member in members:
            if len(posted) >= wanted:
                break
            body, alignment = OPENINGS[len(posted) % len(OPENINGS)]
            try:  # members who have not accepted the agreement, or are suspended, stay out of it
                comment = services.comment_add(actor=member, idea=idea, body=body, alignment=alignment)
            except ApplicationError:
                continue
            if len(posted) % 4 == 0:
                reply = REPLIES[len(posted) % len(REPLIES)].format(name=member.public_name)
                services.comment_add(actor=idea.author, idea=idea, body=reply, parent=comment)
            posted.append(comment)
    # Spread them over the last three weeks, oldest first, after the idea's earlier discussion.
    for n, comment in enumerate(posted):
        at = ctx.now - timedelta(days=21) + timedelta(hours=12 * n)
        Comment.objects.filter(pk=comment.pk).update(created_at=at, updated_at=at)
        Comment.objects.filter(parent=comment).update(created_at=at + timedelta(hours=3), updated_at=at)
    ctx.log(f"  a lively discussion on “{idea.title}”: {len(posted)} more threads ({idea.pk})")
    return {"discussion threads": len(posted)}
