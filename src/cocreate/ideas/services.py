"""Writes about ideas: drafts, submission, revisions, images, updates, lifecycle and the support ladder."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.accounts import ratelimit
from cocreate.accounts.models import User
from cocreate.accounts.standing import require_active
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Campaign, Moderation
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.images import check_images, process_image
from cocreate.core.permissions import has_perm, require_perm
from cocreate.legal.services import require_terms_accepted

from .events import IdeaRevised, IdeaStageReached, IdeaStatusChanged, IdeaSubmitted, IdeaUpdatePosted
from .lifecycle import CLIMBING_STATES, PUBLIC_STATES, STAFF_TRANSITIONS, IdeaStatus, target_of
from .models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, IdeaUpdate, Tag, trending_score
from .rules import perm_for_transition

MAX_TAGS = 8
MAX_COAUTHORS = 5


# ---- helpers -------------------------------------------------------------------------------------------


def parse_tags(raw: str | Iterable[str]) -> list[str]:
    """Comma-separated (or listed) tag names, cleaned and deduplicated in order."""
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    seen: dict[str, str] = {}
    for part in parts:
        name = " ".join(part.strip().lower().split())[:40]
        if name and slugify(name) and slugify(name) not in seen:
            seen[slugify(name)] = name
    if len(seen) > MAX_TAGS:
        raise ApplicationError(_("Use at most %(n)d tags.") % {"n": MAX_TAGS}, field="tags", code="too_many_tags")
    return list(seen.values())


def _set_tags(idea: Idea, names: Sequence[str]) -> None:
    tags = []
    for name in names:
        tag, _created = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    idea.tags.set(tags)


def resolve_coauthors(emails: str | Iterable[str], *, author: Any, listed: Iterable[Any] = ()) -> list[User]:
    """Members named by email as co-authors. Only members who allow it (User.coauthor_listing) can be named, plus
    those already `listed`; any other address is refused by name with the same words whether or not it has an
    account, so the field never tells who has one."""
    parts = emails.replace(";", ",").split(",") if isinstance(emails, str) else list(emails)
    wanted = list(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))
    if len(wanted) > MAX_COAUTHORS:
        raise ApplicationError(
            _("Name at most %(n)d co-authors.") % {"n": MAX_COAUTHORS},
            field="coauthors",
            code="too_many_coauthors",
        )
    allowed = Q(coauthor_listing=True) | Q(pk__in=[u.pk for u in listed]) | Q(pk=author.pk)
    found = {u.email.lower(): u for u in User.objects.filter(allowed, email__in=wanted, is_active=True)}
    missing = [e for e in wanted if e not in found]
    if missing:
        raise ApplicationError(
            _(
                "These addresses cannot be named as co-authors: %(emails)s. A co-author needs an account that "
                "allows it (in its settings)."
            )
            % {"emails": ", ".join(missing)},
            field="coauthors",
            code="unknown_coauthor",
        )
    return [found[e] for e in wanted if found[e].pk != author.pk]


def _clean_text(title: str, body: str) -> tuple[str, str]:
    title, body = " ".join((title or "").split()), (body or "").strip()
    if len(title) < 5:
        raise ApplicationError(_("Give your idea a title of at least 5 characters."), field="title")
    if len(title) > 160:
        raise ApplicationError(_("Keep the title under 160 characters."), field="title")
    if len(body) < 20:
        raise ApplicationError(_("Describe your idea in at least 20 characters."), field="body")
    if len(body) > 20000:
        raise ApplicationError(_("Keep the description under 20,000 characters."), field="body")
    return title, body


def _check_entry_limit(actor: User, campaign: Campaign, exclude: Idea | None = None) -> None:
    if not campaign.entries_per_member:
        return
    submitted = Idea.objects.filter(campaign=campaign, author=actor).exclude(
        status__in=[IdeaStatus.DRAFT, IdeaStatus.WITHDRAWN]
    )
    if exclude is not None:
        submitted = submitted.exclude(pk=exclude.pk)
    if submitted.count() >= campaign.entries_per_member:
        raise ApplicationError(
            ngettext(
                "This campaign accepts %(n)d entry per member, and you have submitted it.",
                "This campaign accepts %(n)d entries per member, and you have submitted them all.",
                campaign.entries_per_member,
            )
            % {"n": campaign.entries_per_member},
            code="entry_limit_reached",
        )


def _remove_images(images: Any) -> None:
    """Delete images and, once the transaction commits, their files: a removed image is no longer downloadable (F9)."""
    names = [(f.storage, f.name) for image in images for f in (image.image, image.thumbnail) if f]
    images.delete()

    def delete_files() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _add_images(idea: Idea, files: Sequence[Any], campaign: Campaign) -> None:
    if not files:
        return
    existing = idea.images.count()
    if existing + len(files) > campaign.max_images_per_idea:
        raise ApplicationError(
            _("This campaign allows at most %(n)d images per idea.") % {"n": campaign.max_images_per_idea},
            field="images",
            code="too_many_images",
        )
    check_images(files)  # every header before the first decode (F8)
    processed = [process_image(f) for f in files]  # validate them all before storing any
    for offset, p in enumerate(processed):
        IdeaImage.objects.create(
            idea=idea,
            image=p.image,
            thumbnail=p.thumbnail,
            position=existing + offset,
            alt_text=idea.title[:200],
        )


def _snapshot(idea: Idea, *, editor: Any, note: str = "") -> IdeaRevision:
    number = (idea.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return IdeaRevision.objects.create(
        idea=idea,
        number=number,
        title=idea.title,
        body=idea.body,
        tags=", ".join(sorted(idea.tags.values_list("name", flat=True))),
        note=note[:300],
        editor=editor,
    )


def _transition(
    idea: Idea,
    name: str,
    *,
    actor: User | None = None,
    note: str = "",
    now: datetime | None = None,
    restore_to: str | None = None,
) -> Idea:
    """Fire lifecycle transition `name` on a locked idea, log it and publish IdeaStatusChanged."""
    now = now or timezone.now()
    old = idea.status
    idea.status = target_of(old, name, restore_to)
    idea.status_changed_at = now
    if idea.status == IdeaStatus.PUBLISHED and idea.published_at is None:
        idea.published_at = now
        idea.stage_index, idea.stage_started_at = 0, now
        idea.trending = trending_score(idea.support_count, now)
    elif name == "reopen":
        idea.stage_started_at = now  # a reopened idea gets a fresh window for the stage it was on
    idea.save()
    change = IdeaStatusChange.objects.create(
        idea=idea, from_status=old, to_status=idea.status, actor=actor if actor else None, note=note
    )
    activity_record(
        actor=actor,
        verb=Verb.IDEA_STATUS_CHANGED,
        target=idea,
        details={"from": old, "to": idea.status, "transition": name, "note": note},
    )
    if idea.status in PUBLIC_STATES and old not in PUBLIC_STATES and not idea.revisions.exists():
        _snapshot(idea, editor=idea.author, note=_("First published version"))
    publish(
        IdeaStatusChanged(
            idea_id=idea.pk,
            from_status=old,
            to_status=idea.status,
            actor_id=getattr(actor, "pk", None),
            note=note,
            change_id=change.pk,
        )
    )
    return idea


def _lock(idea: Idea) -> Idea:
    return Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea.pk)


# ---- submission ---------------------------------------------------------------------------------------


def idea_create(
    *,
    actor: User,
    campaign: Campaign,
    title: str,
    body: str,
    tags: str | Iterable[str] = "",
    coauthors: str | Iterable[str] = "",
    images: Sequence[Any] = (),
    draft: bool = False,
) -> Idea:
    """Write a new idea: kept as a draft, or submitted at once (published, or pending when the campaign
    pre-moderates). Publishes IdeaSubmitted and, when submitted, IdeaStatusChanged."""
    # Visibility first: someone who may not see the campaign must not learn anything else about it.
    if not has_perm(actor, "campaigns.view", campaign):
        raise ApplicationError(_("This campaign does not exist."), code="not_found", status=404)
    require_terms_accepted(actor)
    require_perm(actor, "ideas.submit", campaign)  # signed in, sees the campaign, submission phase open
    require_active(actor)
    title, body = _clean_text(title, body)
    ratelimit.check(actor, "idea")
    check_images(images)
    tag_names = parse_tags(tags)
    coauthor_users = resolve_coauthors(coauthors, author=actor)
    with transaction.atomic():
        if not draft:
            _check_entry_limit(actor, campaign)
        idea = Idea.objects.create(campaign=campaign, author=actor, title=title, body=body)
        _set_tags(idea, tag_names)
        idea.coauthors.set(coauthor_users)
        _add_images(idea, images, campaign)
        IdeaStatusChange.objects.create(idea=idea, from_status="", to_status=IdeaStatus.DRAFT, actor=actor)
        if not draft:
            idea = _submit_locked(_lock(idea), actor=actor)
        publish(IdeaSubmitted(idea_id=idea.pk, author_id=actor.pk, status=idea.status))
    return idea


def _submit_locked(idea: Idea, *, actor: User) -> Idea:
    if idea.campaign.moderation == Moderation.PRE:
        return _transition(idea, "submit_for_moderation", actor=actor)
    return _transition(idea, "publish", actor=actor)


def idea_submit_draft(*, actor: User, idea: Idea) -> Idea:
    """Submit a draft: publish it, or send it to moderation when the campaign pre-moderates."""
    require_terms_accepted(actor)
    require_active(actor)
    # The author's draft, and `ideas.submit` on its campaign again: it may have closed or become invite-only since.
    require_perm(actor, "ideas.submit_draft", idea)
    with transaction.atomic():
        idea = _lock(idea)
        _check_entry_limit(actor, idea.campaign, exclude=idea)
        return _submit_locked(idea, actor=actor)


def idea_edit(
    *,
    actor: User,
    idea: Idea,
    title: str,
    body: str,
    tags: str | Iterable[str] | None = None,
    coauthors: str | Iterable[str] | None = None,
    images: Sequence[Any] = (),
    remove_image_ids: Iterable[int] = (),
    note: str = "",
) -> Idea:
    """Revise an idea. Once it is public, every change of text or tags is kept as a numbered revision.

    Publishes IdeaRevised when a revision is made."""
    require_terms_accepted(actor)
    require_active(actor)
    require_perm(actor, "ideas.change", idea)
    title, body = _clean_text(title, body)
    ratelimit.check(actor, "idea_edit")  # edits re-process images: limited like new ideas (F8)
    check_images(images)
    tag_names = parse_tags(tags) if tags is not None else None
    coauthor_users = (
        resolve_coauthors(coauthors, author=idea.author, listed=idea.coauthors.all()) if coauthors is not None else None
    )
    with transaction.atomic():
        idea = _lock(idea)
        before = (idea.title, idea.body, sorted(idea.tags.values_list("name", flat=True)))
        idea.title, idea.body = title, body
        idea.save(update_fields=["title", "body", "updated_at"])
        if tag_names is not None:
            _set_tags(idea, tag_names)
        if coauthor_users is not None and idea.is_author(actor):
            idea.coauthors.set(coauthor_users)
        ids = [int(i) for i in remove_image_ids]
        if ids:
            _remove_images(idea.images.filter(pk__in=ids))
        _add_images(idea, images, idea.campaign)
        after = (idea.title, idea.body, sorted(idea.tags.values_list("name", flat=True)))
        if idea.status in PUBLIC_STATES and before != after:
            revision = _snapshot(idea, editor=actor, note=note)
            publish(IdeaRevised(idea_id=idea.pk, revision_number=revision.number, editor_id=actor.pk))
    return idea


def idea_withdraw(*, actor: User, idea: Idea, reason: str = "") -> Idea:
    """The author takes their idea back. Publishes IdeaStatusChanged."""
    require_perm(actor, "ideas.withdraw", idea)
    with transaction.atomic():
        return _transition(_lock(idea), "withdraw", actor=actor, note=reason.strip())


def idea_moderate(*, actor: User, idea: Idea, approve: bool, reason: str = "") -> Idea:
    """A moderator publishes a pending idea, or returns it to its author with a reason."""
    require_perm(actor, "ideas.moderate", idea)
    if not approve and not reason.strip():
        raise ApplicationError(_("Tell the author why the idea goes back to them."), field="reason")
    with transaction.atomic():
        idea = _lock(idea)
        # "publish" also fires from a draft (the author's own submission); a moderator only decides pending ideas.
        if idea.status != IdeaStatus.PENDING:
            raise Conflict(
                _("Only ideas waiting for moderation can be approved or returned."), code="invalid_transition"
            )
        return _transition(idea, "publish" if approve else "return_to_draft", actor=actor, note=reason.strip())


def idea_change_status(*, actor: User, idea: Idea, transition: str, note: str = "") -> Idea:
    """Staff move an idea along the lifecycle (start review, accept, decline, reopen). Decisions with public
    explanations come with the review pipeline; the guards are already the lifecycle's. `resubmit` (back to review
    after more information) is also the author's: anyone who may edit the idea."""
    require_perm(actor, perm_for_transition(transition), idea)
    if transition not in STAFF_TRANSITIONS:
        raise Conflict(_("Staff cannot change an idea's status that way."), code="invalid_transition")
    with transaction.atomic():
        return _transition(_lock(idea), transition, actor=actor, note=note.strip())


def idea_post_update(*, actor: User, idea: Idea, title: str, body: str) -> IdeaUpdate:
    """The author tells supporters what happened since. Publishes IdeaUpdatePosted."""
    require_terms_accepted(actor)
    require_active(actor)
    require_perm(actor, "ideas.post_update", idea)
    title, body = " ".join((title or "").split()), (body or "").strip()
    if len(title) < 3:
        raise ApplicationError(_("Give the update a title."), field="title")
    if len(body) < 10:
        raise ApplicationError(_("Write at least a sentence."), field="body")
    with transaction.atomic():
        update = IdeaUpdate.objects.create(idea=idea, author=actor, title=title[:160], body=body)
        publish(IdeaUpdatePosted(idea_id=idea.pk, update_id=update.pk, author_id=actor.pk))
    return update


# ---- merging (the lifecycle steps of similarity.services.merge_ideas / merge_undo) -----------------------


def idea_mark_merged(*, idea: Idea, target: Idea, actor: User, note: str = "") -> Idea:
    """Fire `merge` on a locked idea and point it at `target` (its old URL then redirects there).
    Callers check permissions and move what belongs to the idea. Publishes IdeaStatusChanged."""
    idea.merged_into = target
    return _transition(idea, "merge", actor=actor, note=note)


def idea_unmark_merged(*, idea: Idea, actor: User, restore_to: str, note: str = "") -> Idea:
    """Fire `unmerge` on a locked idea, back to exactly the state it had before the merge.
    Publishes IdeaStatusChanged."""
    idea.merged_into = None
    return _transition(idea, "unmerge", actor=actor, note=note, restore_to=restore_to)


# ---- counters and moderation state: other contexts change them only through these ----------------------


def idea_support_count_set(*, idea: Idea, count: int) -> Idea:
    """The one place an idea's support count (and with it the trending score) changes. The caller holds the
    idea's row lock and knows the exact count: engagement counts the supports that count."""
    idea.support_count = count
    idea.trending = trending_score(count, idea.published_at)
    Idea.objects.filter(pk=idea.pk).update(support_count=idea.support_count, trending=idea.trending)
    return idea


def idea_comment_count_change(*, idea_id: int, delta: int) -> None:
    """Add `delta` (may be negative) to an idea's count of standing comments; it never goes below zero."""
    if delta > 0:
        Idea.objects.filter(pk=idea_id).update(comment_count=F("comment_count") + delta)
    elif delta < 0:
        Idea.objects.filter(pk=idea_id).update(comment_count=Greatest(F("comment_count") + delta, 0))


def idea_set_hidden(*, idea: Idea, hidden: bool, reason: str = "", by: Any = None) -> Idea:
    """Hide an idea with a reason (or show it again). A system write for moderation, which checks permissions,
    closes flags and logs; the caller holds the idea's row lock."""
    idea.hidden_at = timezone.now() if hidden else None
    idea.hidden_reason = reason if hidden else ""
    idea.hidden_by = by if hidden and getattr(by, "is_authenticated", False) else None
    idea.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    return idea


def idea_coauthors_change(*, idea: Idea, add: Iterable[int] = (), remove: Iterable[int] = ()) -> None:
    """Add or remove co-authors by member id (a merge brings the duplicate's authors along; undo takes them
    back). A system write: the caller checked permissions."""
    if add:
        idea.coauthors.add(*add)
    if remove:
        idea.coauthors.remove(*remove)


def idea_ladder_restore(*, idea: Idea, stage_index: int, stage_started_at: datetime | None) -> Idea:
    """Put a locked idea back on the ladder stage it had (undoing a merge that only lifted it a stage)."""
    idea.stage_index, idea.stage_started_at = stage_index, stage_started_at
    Idea.objects.filter(pk=idea.pk).update(stage_index=stage_index, stage_started_at=stage_started_at)
    return idea


# ---- the support ladder -------------------------------------------------------------------------------


def idea_advance_ladder(*, idea: Idea, now: datetime | None = None) -> Idea:
    """Move a locked idea up its campaign's ladder: each stage reached restarts the clock; the last one reached
    means threshold reached; a window missed means expired. Safe to call any number of times."""
    now = now or timezone.now()
    if idea.status not in CLIMBING_STATES or idea.stage_started_at is None:
        return idea
    stages = list(idea.campaign.support_stages.all())
    if not stages:
        return idea
    # The deadline comes first: supports counted after the window closed (before the periodic job got to the
    # idea) are kept, but they arrived too late to lift it.
    if idea.stage_index < len(stages) and now >= idea.stage_started_at + stages[idea.stage_index].window:
        return _transition(
            idea,
            "expire",
            now=now,
            note=_("Did not reach %(n)d supporters in time.") % {"n": stages[idea.stage_index].threshold},
        )
    changed = False
    while idea.stage_index < len(stages) and idea.support_count >= stages[idea.stage_index].threshold:
        reached = stages[idea.stage_index]
        idea.stage_index += 1
        idea.stage_started_at = now
        changed = True
        publish(IdeaStageReached(idea_id=idea.pk, stage_number=idea.stage_index, threshold=reached.threshold))
    if idea.stage_index >= len(stages):
        idea.stage_index = len(stages) - 1
        idea.save(update_fields=["stage_index", "stage_started_at"])
        return _transition(idea, "reach_threshold", now=now, note=_("Reached the support threshold."))
    if changed:
        idea.save(update_fields=["stage_index", "stage_started_at"])
    return idea


def ideas_advance_lifecycle(*, now: datetime | None = None) -> dict[str, int]:
    """Periodic job: expire ideas past their window and move on those that reached their threshold.
    Idempotent: running it twice changes nothing more."""
    now = now or timezone.now()
    counts = {"expired": 0, "threshold_reached": 0, "checked": 0}
    # Only ideas that must move: per campaign stage, those past the window or at the threshold.
    due = Q()
    for campaign in (
        Campaign.objects.filter(ideas__status__in=CLIMBING_STATES).distinct().prefetch_related("support_stages")
    ):
        for index, stage in enumerate(campaign.support_stages.all()):
            due |= Q(campaign=campaign, stage_index=index) & (
                Q(stage_started_at__lte=now - stage.window) | Q(support_count__gte=stage.threshold)
            )
    if not due:
        return counts
    candidates = Idea.objects.filter(status__in=CLIMBING_STATES, stage_started_at__isnull=False).filter(due)
    for pk in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            idea = _lock(Idea(pk=pk))
            before = idea.status
            idea = idea_advance_ladder(idea=idea, now=now)
            counts["checked"] += 1
            if idea.status != before and idea.status in counts:
                counts[idea.status] += 1
    return counts
