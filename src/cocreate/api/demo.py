"""Demo API tokens: the demo member made one for a script and revoked an older one (both through the services)."""

from __future__ import annotations

from typing import Any

from .services import token_create, token_revoke

DEMO_ORDER = 800


def seed_demo(ctx: Any) -> dict[str, int]:
    member = ctx.accounts["member"]
    old, _raw = token_create(actor=member, name="Old laptop")
    token_revoke(actor=member, token=old)
    token_create(actor=member, name="Weekly export script")
    return {"API tokens": 2}
