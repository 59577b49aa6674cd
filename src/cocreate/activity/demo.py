"""Demo entries only the log itself can make: sign-ins and failed sign-ins happen at the door, not in a service
the demo calls. Each demo account signed in now and then over the last weeks; someone mistyped a password."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .models import Verb
from .services import activity_record

DEMO_ORDER = 900  # last: the log then reads like the rest of the demo happened first


def seed_demo(ctx: Any) -> dict[str, int]:
    count = 0
    for account in ctx.accounts.values():
        for _visit in range(ctx.rng.randint(2, 5)):
            at = ctx.now - timedelta(days=ctx.rng.uniform(0, 30))
            activity_record(actor=account, verb=Verb.SIGNED_IN, target=account, at=at)
            count += 1
    member = ctx.accounts["member"]
    at = ctx.now - timedelta(days=2, minutes=3)
    activity_record(actor=None, verb=Verb.SIGN_IN_FAILED, target=member, details={"known_account": True}, at=at)
    activity_record(actor=None, verb=Verb.SIGN_IN_FAILED, details={"known_account": False}, at=at)
    activity_record(actor=member, verb=Verb.SIGNED_IN, target=member, at=at + timedelta(minutes=1))
    # ...and then chose a new password (allauth announces it at the door too).
    activity_record(
        actor=member,
        verb=Verb.PASSWORD_CHANGED,
        target=member,
        details={"how": "changed"},
        at=at + timedelta(minutes=2),
    )
    return {"sign-in entries": count + 4}
