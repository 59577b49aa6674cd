"""Writes about people: their profile, the staff roles they hold, and their standing (trust level and
suspensions). The campaign team and moderation check their own permissions and call the system writes here."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.core.errors import ApplicationError, Conflict, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import require_perm

from .events import PasswordChanged
from .models import MemberStanding, Role, RoleAssignment, Suspension, User
from .standing import require_active

PROFILE_FIELDS = ("display_name", "bio", "time_zone", "coauthor_listing")


def sessions_end_all(*, member: User) -> None:
    """Sign `member` out of every session at once (their next request is anonymous): a new session generation
    changes the hash each session carries (User.get_session_auth_hash). Used when a member is suspended; a new
    password does the same by itself. The member's API tokens belong to the api context, which revokes them on the
    events that call for it."""
    User.objects.filter(pk=member.pk).update(session_generation=F("session_generation") + 1)
    member.session_generation = User.objects.values_list("session_generation", flat=True).get(pk=member.pk)


def password_changed_record(*, member: User, how: str) -> None:
    """Announce that `member`'s password changed (`how`: changed, reset or set), so credentials made with the old
    one are revoked (the api context revokes tokens). Publishes PasswordChanged."""
    activity_record(actor=member, verb=Verb.PASSWORD_CHANGED, target=member, details={"how": how})
    publish(PasswordChanged(member_id=member.pk, how=how))


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def profile_update(
    *, actor: User, display_name: str, bio: str = "", time_zone: str = "", coauthor_listing: bool | None = None
) -> User:
    """Change the signed-in member's public name, bio, time zone (empty: use the browser's) and whether others may
    name them as a co-author (None: leave it as it is)."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to change your profile."), code="not_authenticated", status=401)
    require_active(actor)  # a suspended member's profile is part of what was moderated
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
        if coauthor_listing is not None:
            user.coauthor_listing = coauthor_listing
        try:
            user.clean_fields(exclude=[f.name for f in User._meta.fields if f.name not in PROFILE_FIELDS])
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise ApplicationError(messages[0], field=field) from error
        user.save(update_fields=list(PROFILE_FIELDS))
    actor.display_name, actor.bio, actor.time_zone = display_name, bio, time_zone
    actor.coauthor_listing = user.coauthor_listing
    return user


def role_grant_sitewide(*, actor: User, email: str, role: str) -> RoleAssignment:
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
            activity_record(actor=actor, verb=Verb.ROLE_GRANTED, target=member, details={"role": role})
    except IntegrityError:
        raise Conflict(
            _("%(name)s is already a site-wide %(role)s.") % {"name": member.public_name, "role": Role(role).label},
            field="email",
            code="role_exists",
        ) from None
    return assignment


def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
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
        activity_record(
            actor=actor,
            verb=Verb.ROLE_REVOKED,
            target=assignment.user,
            campaign_id=assignment.campaign_id,
            details={"role": assignment.role},
        )


# ---- caches on the user object (roles and trust level are read many times per request) ----------------


def forget_cached_roles(*users: Any) -> None:
    """Drop the roles `accounts.selectors.user_roles` cached on these user objects for the request."""
    for user in users:
        if user is not None and hasattr(user, "_cocreate_roles"):
            del user._cocreate_roles


# ---- system writes for the campaign team and moderation (callers check permissions and log) ------------


def campaign_role_add(*, member: User, role: str, campaign_id: int) -> RoleAssignment:
    """Give `member` a role scoped to one campaign; holding it already changes nothing."""
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.get_or_create(user=member, role=role, campaign_id=campaign_id)
    forget_cached_roles(member)
    return assignment


def campaign_role_remove(*, email: str, role: str, campaign_id: int) -> int:
    """Take a campaign-scoped role away from the member with `email`. Returns how many assignments went."""
    with transaction.atomic():
        deleted, _details = RoleAssignment.objects.filter(
            campaign_id=campaign_id, role=role, user__email__iexact=(email or "").strip()
        ).delete()
    return deleted


def suspension_add(*, member: User, reason: str, ends_at: datetime, by: Any) -> Suspension:
    """Record a suspension (validated); the member can read but not contribute until `ends_at`. Every session of
    the member ends (their API tokens are revoked by the api context on MemberSuspended)."""
    suspension = Suspension(member=member, reason=reason, ends_at=ends_at, created_by=by)
    suspension.full_clean()
    with transaction.atomic():
        suspension.save()
        sessions_end_all(member=member)
    return suspension


def suspensions_lift(*, member: User, by: Any) -> int:
    """Lift the member's current suspensions. Returns how many were lifted."""
    now = timezone.now()
    return Suspension.objects.filter(member=member, lifted_at__isnull=True, ends_at__gt=now).update(
        lifted_at=now, lifted_by=by
    )


def standing_store(*, member: User, level: str, manual: bool | None = None, at: datetime | None = None):
    """Store a member's trust level (`manual`: set by staff, so the periodic computation leaves it alone; None
    keeps what it was). Returns the standing and whether it changed."""
    with transaction.atomic():
        standing, created = MemberStanding.objects.select_for_update().get_or_create(member=member)
        changed = created or standing.trust_level != level or (manual is not None and standing.manual != manual)
        if changed:
            standing.trust_level = level
            if manual is not None:
                standing.manual = manual
            standing.computed_at = at or timezone.now()
            standing.save()
    member._cocreate_trust = standing.trust_level  # type: ignore[attr-defined]  # accounts.standing's cache
    return standing, changed
