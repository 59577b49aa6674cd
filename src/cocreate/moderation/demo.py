"""Demo moderation: reports in the queue, a hidden comment and idea with reasons, a suspended member, trust levels,
and a support ring (8 fresh accounts, 2 shared addresses, the same 3 ideas within minutes) already detected."""

from __future__ import annotations

from datetime import timedelta

from cocreate.accounts.models import MemberStanding, TrustLevel, User
from cocreate.core.context import hash_value
from cocreate.engagement.models import Comment, Support, SupportOrigin
from cocreate.ideas.lifecycle import SUPPORTABLE_STATES
from cocreate.ideas.models import Idea, trending_score
from cocreate.ideas.services import idea_advance_ladder

from . import services
from .models import AbuseSignal, Flag

DEMO_ORDER = 150


def seed_demo(ctx) -> dict[str, int]:
    moderator = ctx.accounts["moderator"]
    members = list(User.objects.filter(is_staff=False, is_superuser=False).exclude(role_assignments__isnull=False)[:40])
    comments = list(Comment.objects.filter(deleted_at__isnull=True).select_related("idea").order_by("id")[:60])
    ideas = list(Idea.objects.filter(status__in=SUPPORTABLE_STATES).order_by("id")[:40])
    if len(members) < 4 or len(comments) < 2 or len(ideas) < 4:
        return {}

    def pick(offset: int, not_id: int | None = None) -> User:
        """A member from the list, wrapping around for small demos, never `not_id`."""
        for n in range(len(members)):
            member = members[(offset + n) % len(members)]
            if member.pk != not_id:
                return member
        return members[0]

    # Trust levels by the rules, then a few trusted regulars.
    for member in members:
        services.trust_level_recompute(member=member, now=ctx.now)
    for member in members[:6]:
        MemberStanding.objects.update_or_create(member=member, defaults={"trust_level": TrustLevel.TRUSTED})
    # Reports of several kinds.
    reasons = ["spam", "abusive", "off_topic", "duplicate", "other"]
    flags = 0
    for i, comment in enumerate(comments[5:12]):
        reporter = pick(10 + i, comment.author_id)
        Flag.objects.create(
            kind="comment", object_id=comment.pk, reporter=reporter, reason=reasons[i % 5],
            text="Looks like an advert to me." if reasons[i % 5] == "other" else "",
        )  # fmt: skip
        flags += 1
    for i, idea in enumerate(ideas[10:13]):
        reporter = pick(20 + i, idea.author_id)
        Flag.objects.create(kind="idea", object_id=idea.pk, reporter=reporter, reason=reasons[(i + 2) % 5],
                            text="Same as another idea." if i == 1 else "")  # fmt: skip
        flags += 1
    Flag.objects.create(kind="profile", object_id=pick(30).pk, reporter=pick(31, pick(30).pk), reason="spam",
                        text="Profile links to a shop.")  # fmt: skip
    # Hidden content with reasons the authors see.
    services.content_hide(actor=moderator, target=comments[0], reason="Personal attack on another member.")
    services.content_hide(
        actor=moderator, target=ideas[min(13, len(ideas) - 1)], reason="Advertising a commercial product."
    )
    # A suspended member.
    services.member_suspend(
        actor=moderator,
        member=pick(35),
        until=ctx.now + timedelta(days=7),
        reason="Repeated insults after a warning.",
    )
    # A support ring: 8 fresh accounts on 2 addresses supporting the same 3 ideas within minutes.
    targets = ideas[:3]
    ring = []
    for n in range(8):
        user = User.objects.create_user(
            email=f"fresh{n + 1}@ring.example", password=None, display_name=f"fresh_{n + 1}"
        )
        user.date_joined = ctx.now - timedelta(hours=3)
        user.save(update_fields=["date_joined"])
        ring.append(user)
    start = ctx.now - timedelta(hours=2)
    supports = 0
    for n, user in enumerate(ring):
        for k, idea in enumerate(targets):
            if idea.author_id == user.pk:
                continue
            support = Support.objects.create(idea=idea, member=user)
            at = start + timedelta(minutes=n, seconds=20 * k + ctx.rng.randint(0, 15))
            Support.objects.filter(pk=support.pk).update(created_at=at)
            SupportOrigin.objects.create(
                support=support, ip_hash=hash_value(f"198.51.100.{7 + n % 2}"), user_agent_hash=hash_value("demo"),
                created_at=at,
            )  # fmt: skip
            supports += 1
    for idea in targets:
        counted = Support.objects.filter(idea=idea, discounted_at__isnull=True).count()
        Idea.objects.filter(pk=idea.pk).update(
            support_count=counted, trending=trending_score(counted, idea.published_at)
        )
        # As support_add would have: the ring's supports may lift the idea up its ladder (that is the harm).
        idea_advance_ladder(
            idea=Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea.pk)
        )
    signals = services.detect_support_rings(now=ctx.now)
    _moderators_week(ctx, moderator=moderator, members=members, comments=comments, ideas=ideas)
    return {"moderation_flags": flags + 1, "moderation_ring_supports": supports, "moderation_signals": len(signals)}


def _moderators_week(ctx, *, moderator: User, members: list[User], comments: list, ideas: list) -> None:
    """The rest of a moderator's week, through the services, so the activity log shows every kind of moderation:
    three trusted regulars report a rude comment (hidden automatically) and a moderator upholds it; a reported
    comment is judged fine; a trust level set by hand; a short suspension lifted early; supports discounted by
    mistake and counted again; a small "ring" that turns out to be three neighbours."""
    rude = comments[min(14, len(comments) - 1)]
    for reporter in [m for m in members[:6] if m.pk != rude.author_id][:3]:
        services.flag_create(actor=reporter, kind="comment", object_id=rude.pk, reason="abusive")
    services.content_hide(actor=moderator, target=rude, reason="Insulting another member.")
    judged = comments[5]
    services.content_hide(actor=moderator, target=judged, reason="Looked like an advert at first sight.")
    services.content_restore(actor=moderator, target=judged, reason="Not an advert: the shop is the idea's subject.")
    services.flags_dismiss(actor=moderator, kind="comment", object_id=judged.pk, reason="Fair comment.")
    services.trust_level_set(actor=moderator, member=members[0], level="trusted", reason="A regular since spring.")
    cooled = members[-1]
    services.member_suspend(
        actor=moderator, member=cooled, until=ctx.now + timedelta(days=2), reason="Heated replies; a day to cool off."
    )
    services.member_unsuspend(actor=moderator, member=cooled, reason="Apologised to the thread.")
    neighbours = list(Support.objects.filter(idea=ideas[5], discounted_at__isnull=True).order_by("id")[:3])
    if neighbours:
        services.supports_discount(actor=moderator, supports=neighbours, reason="Same address: checking.")
        services.supports_discount(actor=moderator, supports=neighbours, reason="Three neighbours.", undo=True)
        signal = AbuseSignal.objects.create(
            fingerprint=f"demo-neighbours-{ideas[5].pk}",
            summary="3 supports from one address on the same idea within an hour",
            evidence={"idea_ids": [ideas[5].pk]},
            support_ids=[s.pk for s in neighbours],
        )
        services.signal_resolve(actor=moderator, signal=signal, action="dismiss", reason="Three neighbours.")
