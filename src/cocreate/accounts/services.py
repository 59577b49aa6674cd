"""Writes about people: their profile and the staff roles they hold."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cocreate.core.errors import ApplicationError, Conflict, NotFound
from cocreate.core.permissions import require_perm

from .models import Role, RoleAssignment, User

PROFILE_FIELDS = ("display_name", "bio", "time_zone")


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def profile_update(*, actor: Any, display_name: str, bio: str = "", time_zone: str = "") -> User:
    """Change the signed-in member's public name, bio and time zone (empty: use the browser's)."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to change your profile."), code="not_authenticated", status=401)
    display_name = display_name.strip()
    bio = bio.strip()
    time_zone = time_zone.strip()
    if not display_name:
        raise ApplicationError(_("Please give the name other members see."), field="display_name")
    if time_zone and time_zone not in time_zone_names():
        raise ApplicationError(_("Choose a time zone from the list."), field="time_zone", code="unknown_time_zone")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        user.display_name, user.bio, user.time_zone = display_name, bio, time_zone
        try:
            user.clean_fields(exclude=[f.name for f in User._meta.fields if f.name not in PROFILE_FIELDS])
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise ApplicationError(messages[0], field=field) from error
        user.save(update_fields=list(PROFILE_FIELDS))
    actor.display_name, actor.bio, actor.time_zone = display_name, bio, time_zone
    return user


def role_grant_sitewide(*, actor: Any, email: str, role: str) -> RoleAssignment:
    """Give the member with `email` a staff role on the whole site. Only admins manage roles."""
    require_perm(actor, "accounts.manage_roles")
    if role not in Role.values:
        raise ApplicationError(_("Choose one of the roles."), field="role", code="unknown_role")
    member = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if member is None:
        raise NotFound(_("No active member has that email address."), field="email", code="unknown_member")
    try:
        with transaction.atomic():
            assignment = RoleAssignment(user=member, role=role, campaign=None)
            assignment.save()
    except IntegrityError:
        raise Conflict(
            _("%(name)s is already a site-wide %(role)s.") % {"name": member.public_name, "role": Role(role).label},
            field="email",
            code="role_exists",
        ) from None
    return assignment


def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    """Remove a role assignment (site-wide or campaign-scoped). The last site-wide admin cannot be removed."""
    require_perm(actor, "accounts.manage_roles")
    with transaction.atomic():
        if assignment.role == Role.ADMIN and assignment.campaign_id is None:
            admins = RoleAssignment.objects.select_for_update().filter(role=Role.ADMIN, campaign__isnull=True)
            if admins.count() <= 1:
                raise Conflict(_("The site needs at least one admin: grant the role to someone else first."))
        deleted, _rows = RoleAssignment.objects.filter(pk=assignment.pk).delete()
        if not deleted:
            raise NotFound(_("That role assignment no longer exists."))
