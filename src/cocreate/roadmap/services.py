"""Writes about the roadmap: items (from accepted ideas or added by staff), their status, progress and milestones,
and releases. Every change to an item is logged as a RoadmapEntry (who, what, when, note)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Campaign
from cocreate.core.errors import ApplicationError, Conflict, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import require_perm
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from .events import ReleasePublished, RoadmapItemCreated, RoadmapItemProgressed, RoadmapItemShipped
from .models import EntryKind, Milestone, Release, RoadmapEntry, RoadmapItem, RoadmapStatus

S = RoadmapStatus
# Where a status may move by hand. Shipping is final: a release note and the notifications have gone out.
STATUS_MOVES: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.IN_PROGRESS, S.SHIPPED}),
    S.IN_PROGRESS: frozenset({S.PLANNED, S.SHIPPED}),
    S.SHIPPED: frozenset(),
}


# ---- helpers -------------------------------------------------------------------------------------------


def _clean_title(title: str, field: str = "title") -> str:
    title = " ".join((title or "").split())
    if len(title) < 3:
        raise ApplicationError(_("Give it a title of at least 3 characters."), field=field)
    if len(title) > 160:
        raise ApplicationError(_("Keep the title under 160 characters."), field=field)
    return title


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > 2000:
        raise ApplicationError(_("Keep the note under 2,000 characters."), field="note")
    return note


def _full_clean(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from error


def _log(item: RoadmapItem, kind: str, *, actor: User | None, note: str = "", subject: str = "", release=None) -> None:
    """The item's public changelog entry, and the same step in the activity log (the audit)."""
    entry = RoadmapEntry.objects.create(
        item=item,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        status=item.status,
        progress=item.progress,
        note=note,
        subject=subject[:160],
        release=release,
    )
    activity_record(
        actor=actor,
        verb=f"roadmap.{kind}",
        target=item,
        details={
            "status": entry.status,
            "progress": entry.progress,
            "note": note,
            "subject": entry.subject,
            "release_id": getattr(release, "pk", None),
        },
    )


def _next_position(campaign: Campaign) -> int:
    top = RoadmapItem.objects.filter(campaign=campaign).aggregate(m=Max("position"))["m"]
    return 0 if top is None else top + 1


def _lock(item: RoadmapItem) -> RoadmapItem:
    return RoadmapItem.objects.select_for_update(of=("self",)).select_related("campaign", "idea").get(pk=item.pk)


def _ship(item: RoadmapItem, *, actor: User, now: datetime, note: str = "", release: Release | None = None) -> None:
    """Mark a locked item shipped, log it and publish RoadmapItemShipped (callers publish Progressed)."""
    item.status = S.SHIPPED
    item.progress = 100
    item.shipped_at = now
    if release is not None:
        item.release = release
    item.save(update_fields=["status", "progress", "shipped_at", "release", "updated_at"])
    _log(item, EntryKind.SHIPPED, actor=actor, note=note, release=release)
    publish(RoadmapItemShipped(item_id=item.pk, idea_id=item.idea_id, release_id=release.pk if release else None))


# ---- items ---------------------------------------------------------------------------------------------


def roadmap_item_create(
    *,
    actor: User,
    campaign: Campaign,
    title: str,
    summary: str = "",
    idea: Idea | None = None,
    note: str = "",
) -> RoadmapItem:
    """Staff add an item to a campaign's roadmap (planned), optionally tied to one of its ideas.
    Publishes RoadmapItemCreated."""
    require_perm(actor, "roadmap.manage", campaign)
    title, note = _clean_title(title), _clean_note(note)
    if idea is not None:
        if idea.campaign_id != campaign.pk:
            raise ApplicationError(_("The idea belongs to another campaign."), field="idea", code="wrong_campaign")
        if idea.status != IdeaStatus.ACCEPTED:
            raise ApplicationError(_("Only accepted ideas go on the roadmap."), field="idea", code="idea_not_accepted")
        if RoadmapItem.objects.filter(idea=idea).exists():
            raise Conflict(_("This idea is already on the roadmap."), field="idea", code="already_on_roadmap")
    with transaction.atomic():
        item = RoadmapItem(
            campaign=campaign,
            idea=idea,
            title=title,
            summary=(summary or "").strip(),
            position=_next_position(campaign),
            created_by=actor,
        )
        _full_clean(item)
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError as error:  # the same idea added concurrently
            raise Conflict(
                _("This idea is already on the roadmap."), field="idea", code="already_on_roadmap"
            ) from error
        _log(item, EntryKind.CREATED, actor=actor, note=note)
        publish(RoadmapItemCreated(item_id=item.pk, idea_id=item.idea_id))
    return item


def roadmap_item_for_accepted_idea(*, idea_id: int, actor_id: int | None = None, note: str = "") -> RoadmapItem | None:
    """The accepted idea's roadmap item, created (planned) the first time; idempotent, so a replayed
    IdeaStatusChanged never adds a second item. Runs as the system (the decision was already authorised).
    Publishes RoadmapItemCreated when it creates the item."""
    from cocreate.accounts.models import User

    with transaction.atomic():
        idea = Idea.objects.select_for_update().filter(pk=idea_id).first()
        if idea is None or idea.status != IdeaStatus.ACCEPTED:
            return None
        existing = RoadmapItem.objects.filter(idea=idea).first()
        if existing is not None:
            return existing
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
        if not note:  # the decision's public explanation says what will be done
            decision = idea.status_changes.filter(to_status=IdeaStatus.ACCEPTED).order_by("-created_at", "-id").first()
            note = decision.note if decision else ""
        item = RoadmapItem.objects.create(
            campaign_id=idea.campaign_id,
            idea=idea,
            title=idea.title[:160],
            summary=(note or "").strip(),
            position=_next_position(idea.campaign),
            created_by=actor,
        )
        _log(item, EntryKind.CREATED, actor=actor, note=_("The idea was accepted."))
        publish(RoadmapItemCreated(item_id=item.pk, idea_id=idea.pk))
    return item


def roadmap_item_update(
    *, actor: User, item: RoadmapItem, title: str, summary: str = "", position: int | None = None
) -> RoadmapItem:
    """Edit an item's title, summary and position on the board (logged; no event: nothing happened to the work)."""
    require_perm(actor, "roadmap.change_item", item)
    title = _clean_title(title)
    with transaction.atomic():
        item = _lock(item)
        item.title, item.summary = title, (summary or "").strip()
        if position is not None:
            item.position = position
        _full_clean(item)
        item.save()
        _log(item, EntryKind.EDITED, actor=actor)
    return item


def roadmap_item_progress(
    *, actor: User, item: RoadmapItem, status: str, progress: int | None = None, note: str = ""
) -> RoadmapItem:
    """Move an item (planned ⇄ in progress → shipped) and/or set its progress, with a note for the public.
    Publishes RoadmapItemProgressed, and RoadmapItemShipped when it ships."""
    require_perm(actor, "roadmap.change_item", item)
    note = _clean_note(note)
    if status not in S.values:
        raise ApplicationError(_("There is no such roadmap status."), field="status", code="invalid_status")
    if progress is not None and not 0 <= progress <= 100:
        raise ApplicationError(_("Progress is a percentage from 0 to 100."), field="progress", code="invalid_progress")
    with transaction.atomic():
        item = _lock(item)
        if item.status == S.SHIPPED:
            raise Conflict(_("This item has shipped; its progress is final."), code="already_shipped")
        if status != item.status and status not in STATUS_MOVES[item.status]:
            raise Conflict(_("That change of status is not possible."), field="status", code="invalid_transition")
        new_progress = item.progress if progress is None else progress
        if status == item.status and new_progress == item.progress and not note:
            raise ApplicationError(_("Nothing changed: move it, set the progress or add a note."), code="no_change")
        if status == S.SHIPPED:
            _ship(item, actor=actor, now=timezone.now(), note=note)
        else:
            changed_status = status != item.status
            item.status, item.progress = status, new_progress
            item.save(update_fields=["status", "progress", "updated_at"])
            _log(item, EntryKind.STATUS if changed_status else EntryKind.PROGRESS, actor=actor, note=note)
        publish(
            RoadmapItemProgressed(
                item_id=item.pk, idea_id=item.idea_id, status=item.status, progress=item.progress, note=note
            )
        )
    return item


# ---- milestones ----------------------------------------------------------------------------------------


def milestone_add(*, actor: User, item: RoadmapItem, title: str, due_date: date | None = None) -> Milestone:
    """Add a milestone to an item (logged; no event until it is reached)."""
    require_perm(actor, "roadmap.change_item", item)
    title = _clean_title(title)
    with transaction.atomic():
        item = _lock(item)
        top = item.milestones.aggregate(m=Max("position"))["m"]
        milestone = Milestone(item=item, title=title, due_date=due_date, position=0 if top is None else top + 1)
        _full_clean(milestone)
        milestone.save()
        _log(item, EntryKind.MILESTONE_ADDED, actor=actor, subject=title)
    return milestone


def milestone_set_done(*, actor: User, milestone: Milestone, done: bool, note: str = "") -> Milestone:
    """Mark a milestone reached (or not yet). Reaching one publishes RoadmapItemProgressed with its title."""
    require_perm(actor, "roadmap.change_item", milestone.item)
    note = _clean_note(note)
    with transaction.atomic():
        item = _lock(milestone.item)
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.done == done:
            raise Conflict(
                _("This milestone is already reached.") if done else _("This milestone is not reached yet."),
                code="no_change",
            )
        milestone.done_at = timezone.now() if done else None
        milestone.save(update_fields=["done_at"])
        kind = EntryKind.MILESTONE_DONE if done else EntryKind.MILESTONE_REOPENED
        _log(item, kind, actor=actor, note=note, subject=milestone.title)
        if done:
            publish(
                RoadmapItemProgressed(
                    item_id=item.pk,
                    idea_id=item.idea_id,
                    status=item.status,
                    progress=item.progress,
                    note=_("Milestone reached: %(title)s") % {"title": milestone.title},
                )
            )
    return milestone


def milestone_remove(*, actor: User, milestone: Milestone) -> None:
    """Remove a milestone that is no longer part of the plan (logged)."""
    require_perm(actor, "roadmap.change_item", milestone.item)
    with transaction.atomic():
        item = _lock(milestone.item)
        title = milestone.title
        Milestone.objects.filter(pk=milestone.pk).delete()
        _log(item, EntryKind.MILESTONE_REMOVED, actor=actor, subject=title)


# ---- releases ------------------------------------------------------------------------------------------


def _release_fields(title: str, version: str, notes: str) -> tuple[str, str, str]:
    title = _clean_title(title)
    version = " ".join((version or "").split())
    if not version:
        raise ApplicationError(_("Give the release a version, e.g. 1.2 or “Spring 2027”."), field="version")
    if len(version) > 40:
        raise ApplicationError(_("Keep the version under 40 characters."), field="version")
    return title, version, (notes or "").strip()


def _check_release_items(campaign: Campaign, items: Sequence[RoadmapItem], release: Release | None) -> list[int]:
    ids = list(dict.fromkeys(i.pk for i in items))
    rows = list(RoadmapItem.objects.filter(pk__in=ids).select_related("release"))
    if len(rows) != len(ids):
        raise NotFound(_("One of the chosen items does not exist."), field="items")
    for row in rows:
        if row.campaign_id != campaign.pk:
            raise ApplicationError(
                _("“%(title)s” belongs to another campaign.") % {"title": row.title},
                field="items",
                code="wrong_campaign",
            )
        if row.status == S.PLANNED:
            raise ApplicationError(
                _("“%(title)s” is still planned: start it or ship it first.") % {"title": row.title},
                field="items",
                code="item_not_started",
            )
        if row.release is not None and row.release.is_published and row.release_id != (release.pk if release else None):
            raise Conflict(
                _("“%(title)s” already shipped in release %(version)s.")
                % {"title": row.title, "version": row.release.version},
                field="items",
                code="already_released",
            )
    return ids


def _version_taken(campaign: Campaign, version: str, exclude: Release | None = None) -> None:
    qs = Release.objects.filter(campaign=campaign, version__iexact=version)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise Conflict(
            _("This campaign already has a release %(version)s.") % {"version": version},
            field="version",
            code="version_taken",
        )


def release_create(
    *, actor: User, campaign: Campaign, title: str, version: str, notes: str = "", items: Sequence[RoadmapItem] = ()
) -> Release:
    """A draft release of a campaign listing in-progress or shipped items (nothing is public until published)."""
    require_perm(actor, "roadmap.manage", campaign)
    title, version, notes = _release_fields(title, version, notes)
    with transaction.atomic():
        _version_taken(campaign, version)
        ids = _check_release_items(campaign, items, None)
        release = Release(campaign=campaign, title=title, version=version, notes=notes, created_by=actor)
        _full_clean(release)
        release.save()
        RoadmapItem.objects.filter(pk__in=ids).update(release=release)
        activity_record(actor=actor, verb=Verb.RELEASE_CREATED, target=release, details={"version": version})
    return release


def release_update(
    *, actor: User, release: Release, title: str, version: str, notes: str = "", items: Sequence[RoadmapItem] = ()
) -> Release:
    """Edit a draft release and the items it lists."""
    require_perm(actor, "roadmap.change_release", release)
    title, version, notes = _release_fields(title, version, notes)
    with transaction.atomic():
        release = Release.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=release.pk)
        if release.is_published:
            raise Conflict(_("This release is already published."), code="already_published")
        _version_taken(release.campaign, version, exclude=release)
        ids = _check_release_items(release.campaign, items, release)
        release.title, release.version, release.notes = title, version, notes
        _full_clean(release)
        release.save()
        RoadmapItem.objects.filter(release=release).exclude(pk__in=ids).update(release=None)
        RoadmapItem.objects.filter(pk__in=ids).update(release=release)
        activity_record(actor=actor, verb=Verb.RELEASE_UPDATED, target=release, details={"version": version})
    return release


def release_publish(*, actor: User, release: Release) -> Release:
    """Publish a draft release: its items are shipped (if not yet) and credited to their ideas' co-creators.
    Publishes ReleasePublished, and RoadmapItemShipped (plus RoadmapItemProgressed) per newly shipped item."""
    require_perm(actor, "roadmap.publish_release", release)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.is_published:
            raise Conflict(_("This release is already published."), code="already_published")
        items = list(RoadmapItem.objects.select_for_update().filter(release=release).order_by("position", "id"))
        if not items:
            raise ApplicationError(_("Choose at least one item for the release."), field="items", code="empty_release")
        now = timezone.now()
        release.published_at = now
        release.save(update_fields=["published_at", "updated_at"])
        note = _("Shipped in %(title)s (%(version)s).") % {"title": release.title, "version": release.version}
        for item in items:
            if item.status == S.SHIPPED:
                _log(item, EntryKind.SHIPPED, actor=actor, note=note, release=release)
                continue
            _ship(item, actor=actor, now=now, note=note, release=release)
            publish(
                RoadmapItemProgressed(
                    item_id=item.pk, idea_id=item.idea_id, status=item.status, progress=100, note=note
                )
            )
        activity_record(actor=actor, verb=Verb.RELEASE_PUBLISHED, target=release, details={"version": release.version})
        publish(ReleasePublished(release_id=release.pk))
    return release


def release_delete(*, actor: User, release: Release) -> None:
    """Delete a draft release (its items stay on the roadmap)."""
    require_perm(actor, "roadmap.change_release", release)
    with transaction.atomic():
        RoadmapItem.objects.filter(release=release).update(release=None)
        deleted, _rows = Release.objects.filter(pk=release.pk, published_at__isnull=True).delete()
        if deleted:
            activity_record(
                actor=actor, verb=Verb.RELEASE_DELETED, target=release, details={"version": release.version}
            )
