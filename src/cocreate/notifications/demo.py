"""Demo: unread notifications of several kinds waiting for the demo member, and their choices."""

from __future__ import annotations

from datetime import timedelta

from cocreate.engagement.models import Support
from cocreate.ideas.models import Idea

from .kinds import Delivery, Kind
from .models import Notification, NotificationPreference

DEMO_ORDER = 900  # after every other app's demo data


def seed_demo(ctx) -> dict[str, int]:
    member = ctx.accounts["member"]
    staff = ctx.accounts.get("facilitator")
    supported = list(
        Idea.objects.filter(pk__in=Support.objects.filter(member=member).values("idea_id")).order_by("pk")[:6]
    )
    ideas = supported or list(Idea.objects.filter(status="published").order_by("pk")[:6])
    if not ideas:
        return {"notifications": 0}
    pick = ideas.__getitem__
    n = len(ideas)
    specs = [
        (Kind.DECISION, pick(0), {"to": "accepted", "explanation": "We pilot it in three cafés this spring."}, 2),
        (Kind.OFFICIAL_REPLY, pick(1 % n), {"excerpt": "Thanks! Our operations team is costing this now."}, 5),
        (Kind.STAGE_REACHED, pick(2 % n), {"stage": 1, "threshold": 25}, 9),
        (Kind.UPDATE, pick(3 % n), {"update_id": 0}, 20),
        (Kind.MENTION, pick(4 % n), {"excerpt": "I think @sam-rivera tried this at home — how did it go?"}, 30),
        (Kind.SHIPPED, pick(5 % n), {"item_id": 0}, 50),
        (Kind.STATUS_CHANGED, pick(0), {"to": "under_review"}, 26 * 60),
    ]
    rows = [
        Notification(
            recipient=member,
            kind=kind,
            event_key=f"demo:{index}",
            actor=staff if kind in {Kind.DECISION, Kind.OFFICIAL_REPLY, Kind.MENTION} else None,
            idea=idea,
            target_url=idea.get_absolute_url(),
            data=data,
            email_delivery=Delivery.IN_APP,
        )
        for index, (kind, idea, data, _minutes) in enumerate(specs)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    for index, (_kind, _idea, _data, minutes) in enumerate(specs):
        Notification.objects.filter(recipient=member, event_key=f"demo:{index}").update(
            created_at=ctx.now - timedelta(minutes=minutes)
        )
    # One read, the rest waiting.
    Notification.objects.filter(recipient=member, event_key=f"demo:{len(specs) - 1}").update(read_at=ctx.now)
    for kind, delivery in ((Kind.UPDATE, Delivery.WEEKLY), (Kind.COMMENT, Delivery.DAILY)):
        NotificationPreference.objects.update_or_create(member=member, kind=kind, defaults={"delivery": delivery})
    return {"notifications": len(rows), "notification_preferences": 2}
