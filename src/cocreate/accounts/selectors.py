"""Reads about people and their roles."""

from __future__ import annotations

from typing import Any

from .models import Role, RoleAssignment, User
from .types import Actor


def user_roles(user: Any) -> frozenset[tuple[str, int | None]]:
    """(role, campaign_id or None) pairs for `user`, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_cocreate_roles", None)
    if cached is None:
        cached = frozenset(RoleAssignment.objects.filter(user=user).values_list("role", "campaign_id"))
        user._cocreate_roles = cached
    return cached


def has_role(user: Actor, roles: set[str] | frozenset[str], campaign_id: int | None = None) -> bool:
    """True if `user` holds one of `roles` site-wide, or scoped to `campaign_id` when one is given.
    Superusers and site-wide admins hold every role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    held = user_roles(user)
    if (Role.ADMIN, None) in held:
        return True
    return any(r in roles and (c is None or (campaign_id is not None and c == campaign_id)) for r, c in held)


# Higher outranks lower; a member without a role is 0. Superusers stand above every role.
ROLE_RANK: dict[str, int] = {Role.REVIEWER: 1, Role.MODERATOR: 2, Role.FACILITATOR: 3, Role.ADMIN: 4}
SUPERUSER_RANK = 5


def role_rank(user: Actor, *, site_wide_only: bool = False) -> int:
    """The rank of the highest role `user` holds (site-wide or in any campaign, unless `site_wide_only`)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if user.is_superuser:
        return SUPERUSER_RANK
    ranks = [ROLE_RANK.get(r, 0) for r, c in user_roles(user) if c is None or not site_wide_only]
    return max(ranks, default=0)


def staff_of_campaign_ids(user: Actor, roles: set[str]) -> set[int] | None:
    """Campaign ids where `user` holds one of `roles`; None means every campaign (site-wide role)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    held = user_roles(user)
    if (Role.ADMIN, None) in held or any(r in roles and c is None for r, c in held):
        return None
    return {c for r, c in held if r in roles and c is not None}


def members_by_email(emails: list[str]) -> list[User]:
    return list(User.objects.filter(email__in=[e.strip().lower() for e in emails if e.strip()], is_active=True))
