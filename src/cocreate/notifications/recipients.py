"""Who hears about what: the people concerned by an idea, mentions, and one plan per domain event.

Runs in the background task, never in the request: an idea may have tens of thousands of supporters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify

from cocreate.accounts.models import User
from cocreate.core.permissions import has_perm
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.similarity.models import IdeaMerge

from .kinds import Kind

# `@` followed by a member's display name as a slug: "@sam-rivera" for "Sam Rivera". Case does not matter.
MENTION_RE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9_-]{0,78})")
MAX_MENTIONS = 20

DECISION_STATUSES = frozenset({IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.NEEDS_INFO})
# Kinds that pick the one notification a person gets when an event concerns them in several ways (a mention in
# a reply to their own comment is one notification, not two): the first that applies wins.
COMMENT_PRIORITY = (Kind.OFFICIAL_REPLY, Kind.REPLY, Kind.MENTION, Kind.COMMENT)


@dataclass
class Plan:
    """One event's notifications: each recipient with its kind, and what they all share."""

    recipients: dict[int, str] = field(default_factory=dict)
    idea_id: int | None = None
    actor_id: int | None = None
    target_url: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def add(self, member_ids, kind: str) -> None:
        for member_id in member_ids:
            if member_id is not None:
                self.recipients.setdefault(int(member_id), kind)


def concerned_ids(idea_id: int) -> set[int]:
    """Author, co-authors, supporters whose support counts (not discounted) and followers."""
    ids: set[int] = set(Idea.objects.filter(pk=idea_id).values_list("author_id", flat=True))
    ids.update(Idea.coauthors.through.objects.filter(idea_id=idea_id).values_list("user_id", flat=True))
    ids.update(Support.objects.filter(idea_id=idea_id, discounted_at__isnull=True).values_list("member_id", flat=True))
    ids.update(Follow.objects.filter(idea_id=idea_id).values_list("member_id", flat=True))
    return ids


def contributor_ids(idea_id: int) -> set[int]:
    ids: set[int] = set(Idea.objects.filter(pk=idea_id).values_list("author_id", flat=True))
    ids.update(Idea.coauthors.through.objects.filter(idea_id=idea_id).values_list("user_id", flat=True))
    return ids


def mention_slugs(text: str) -> list[str]:
    seen: list[str] = []
    for match in MENTION_RE.finditer(text or ""):
        slug = match.group(1).lower().strip("-_")
        if slug and slug not in seen:
            seen.append(slug)
    return seen[:MAX_MENTIONS]


def resolve_mentions(text: str) -> set[int]:
    """Members whose display name slugifies to a mentioned slug (case-insensitive); unknown names are ignored."""
    slugs = mention_slugs(text)
    if not slugs:
        return set()
    query = Q()
    for slug in slugs:
        parts = [p for p in re.split(r"[-_]+", slug) if p]
        part_query = Q()
        for part in parts:
            part_query &= Q(display_name__icontains=part)
        query |= part_query
    wanted = set(slugs)
    return {
        pk
        for pk, name in User.objects.filter(query, is_active=True).values_list("pk", "display_name")
        if slugify(name) in wanted
    }


def _idea_url(idea_id: int | None, anchor: str = "") -> str:
    if idea_id is None:
        return ""
    return reverse("ideas:detail", kwargs={"pk": idea_id}) + anchor


def _status_kind(to_status: str) -> str:
    if to_status in DECISION_STATUSES:
        return Kind.DECISION
    if to_status == IdeaStatus.MERGED:
        return Kind.MERGED
    return Kind.STATUS_CHANGED


def plan_status_changed(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["idea_id"]))
    plan.data = {"from": p.get("from_status", ""), "to": p["to_status"], "explanation": p.get("note", "")}
    kind = _status_kind(p["to_status"])
    if p.get("from_status") == IdeaStatus.MERGED:  # an unmerge, told like MergeUndone (they share the key)
        kind = Kind.MERGED
        plan.data["undone"] = True
    plan.add(concerned_ids(p["idea_id"]), kind)
    return plan


def plan_decided(p: dict[str, Any]) -> Plan:
    status = IdeaStatus.MERGED if p["decision"] == "merged" else p["decision"]
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["idea_id"]))
    plan.data = {"to": status, "explanation": p.get("explanation", "")}
    if p.get("merged_into_id"):
        plan.data["target_id"] = p["merged_into_id"]
        plan.data["target_title"] = _title(p["merged_into_id"])
    plan.add(concerned_ids(p["idea_id"]), _status_kind(status))
    return plan


def _title(idea_id: int) -> str:
    return Idea.objects.filter(pk=idea_id).values_list("title", flat=True).first() or ""


def plan_stage(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["idea_id"], target_url=_idea_url(p["idea_id"]))
    plan.data = {"stage": p["stage_number"], "threshold": p["threshold"]}
    plan.add(concerned_ids(p["idea_id"]), Kind.STAGE_REACHED)
    return plan


def plan_update(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["idea_id"]))
    plan.data = {"update_id": p["update_id"]}
    plan.add(concerned_ids(p["idea_id"]), Kind.UPDATE)
    return plan


def plan_revised(p: dict[str, Any]) -> Plan:
    url = reverse("ideas:history", kwargs={"pk": p["idea_id"]}) + f"?r={p['revision_number']}"
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"), target_url=url)
    plan.data = {"revision": p["revision_number"]}
    plan.add(concerned_ids(p["idea_id"]), Kind.UPDATE)
    return plan


def plan_comment(p: dict[str, Any]) -> Plan:
    comment = Comment.objects.select_related("idea", "idea__campaign").filter(pk=p["comment_id"]).first()
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"))
    plan.target_url = _idea_url(p["idea_id"], f"#comment-{p['comment_id']}")
    if comment is None or comment.is_deleted or comment.hidden_at:
        return plan
    plan.data = {"excerpt": " ".join(comment.body.split())[:160]}
    by_kind: dict[str, set[int]] = {kind: set() for kind in COMMENT_PRIORITY}
    if comment.is_official:
        by_kind[Kind.OFFICIAL_REPLY] = concerned_ids(comment.idea_id)
    if comment.parent_id:
        by_kind[Kind.REPLY] = set(Comment.objects.filter(pk=comment.parent_id).values_list("author_id", flat=True))
    # Mentions reach only people who may see the idea: a private campaign stays private.
    mentioned = User.objects.filter(pk__in=resolve_mentions(comment.body))
    by_kind[Kind.MENTION] = {user.pk for user in mentioned if has_perm(user, "ideas.view", comment.idea)}
    by_kind[Kind.COMMENT] = contributor_ids(comment.idea_id)
    for kind in COMMENT_PRIORITY:
        plan.add(by_kind[kind], kind)
    return plan


def plan_reviewer_assigned(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["idea_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["idea_id"]))
    plan.add([p["reviewer_id"]], Kind.REVIEWER_ASSIGNED)
    return plan


def plan_shipped(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["idea_id"], target_url=_idea_url(p["idea_id"]))
    plan.data = {"item_id": p["item_id"]}
    plan.add(concerned_ids(p["idea_id"]), Kind.SHIPPED)
    return plan


def _moved_members(merge_id: int) -> set[int]:
    """Members whose support or follow moved with the merge, or was dropped because they already supported or
    followed the target, read from IdeaMerge.moved (`supports` / `follows`: Support / Follow ids;
    `dropped_supports` / `dropped_follows`: entries with a `member_id`; `coauthors`: member ids)."""
    merge = IdeaMerge.objects.filter(pk=merge_id).first()
    if merge is None or not isinstance(merge.moved, dict):
        return set()
    moved = merge.moved

    def ints(key: str) -> list[int]:
        return [int(v) for v in moved.get(key) or [] if isinstance(v, int | str) and str(v).isdigit()]

    def members(key: str) -> list[int]:
        return [int(v["member_id"]) for v in moved.get(key) or [] if isinstance(v, dict) and v.get("member_id")]

    ids = set(Support.objects.filter(pk__in=ints("supports")).values_list("member_id", flat=True))
    ids.update(Follow.objects.filter(pk__in=ints("follows")).values_list("member_id", flat=True))
    ids.update(members("dropped_supports") + members("dropped_follows") + ints("coauthors"))
    return ids


def plan_merged(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["source_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["target_id"]))
    plan.data = {"to": IdeaStatus.MERGED, "target_id": p["target_id"], "target_title": _title(p["target_id"])}
    plan.add(concerned_ids(p["source_id"]) | _moved_members(p["merge_id"]), Kind.MERGED)
    return plan


def plan_merge_undone(p: dict[str, Any]) -> Plan:
    plan = Plan(idea_id=p["source_id"], actor_id=p.get("actor_id"), target_url=_idea_url(p["source_id"]))
    plan.data = {"undone": True, "target_id": p["target_id"], "target_title": _title(p["target_id"])}
    plan.add(concerned_ids(p["source_id"]), Kind.MERGED)
    return plan


def _content_url(kind: str, object_id: int) -> tuple[int | None, str]:
    if kind == "idea":
        return object_id, _idea_url(object_id)
    if kind == "comment":
        idea_id = Comment.objects.filter(pk=object_id).values_list("idea_id", flat=True).first()
        return idea_id, _idea_url(idea_id, f"#comment-{object_id}") if idea_id else ""
    try:
        return None, reverse("accounts:profile", kwargs={"pk": object_id})
    except NoReverseMatch:  # pragma: no cover - the profile page always exists today
        return None, ""


def plan_content(p: dict[str, Any]) -> Plan:
    idea_id, url = _content_url(p["content"], p["object_id"])
    plan = Plan(idea_id=idea_id, actor_id=p.get("actor_id"), target_url=url)
    plan.data = {"action": p["action"], "content": p["content"], "reason": p.get("reason", "")}
    plan.add([p["author_id"]], Kind.MODERATION)
    return plan


def plan_suspended(p: dict[str, Any]) -> Plan:
    plan = Plan(actor_id=p.get("actor_id"))
    plan.data = {"action": "suspended", "until": p.get("until_iso", ""), "reason": p.get("reason", "")}
    plan.add([p["member_id"]], Kind.MODERATION)
    return plan


PLANNERS = {
    "status_changed": plan_status_changed,
    "decided": plan_decided,
    "stage": plan_stage,
    "update": plan_update,
    "revised": plan_revised,
    "comment": plan_comment,
    "reviewer_assigned": plan_reviewer_assigned,
    "shipped": plan_shipped,
    "merged": plan_merged,
    "merge_undone": plan_merge_undone,
    "content": plan_content,
    "suspended": plan_suspended,
}
