"""The words of a notification, written when it is shown or emailed, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cocreate.ideas.lifecycle import IdeaStatus

from .kinds import Kind
from .models import Notification


def _status_label(value: str) -> str:
    try:
        return str(IdeaStatus(value).label)
    except ValueError:
        return value


def describe(notification: Notification) -> str:
    """One sentence saying what happened (without the explanation, which `detail` gives)."""
    d = notification.data or {}
    idea = notification.idea.title if notification.idea_id and notification.idea else _("an idea")
    actor = notification.actor.public_name if notification.actor_id and notification.actor else ""
    kind = notification.kind
    if kind == Kind.DECISION:
        return _("Decision on “%(idea)s”: %(status)s.") % {"idea": idea, "status": _status_label(d.get("to", ""))}
    if kind == Kind.MERGED:
        if d.get("undone"):
            return _("“%(idea)s” is no longer merged into “%(target)s”.") % {
                "idea": idea,
                "target": d.get("target_title", ""),
            }
        if d.get("target_title"):
            return _("“%(idea)s” was merged into “%(target)s”: the discussion continues there.") % {
                "idea": idea,
                "target": d["target_title"],
            }
        return _("“%(idea)s” was merged into another idea.") % {"idea": idea}
    if kind == Kind.SHIPPED:
        return _("“%(idea)s” shipped! An idea you cared about is now real.") % {"idea": idea}
    if kind == Kind.OFFICIAL_REPLY:
        return _("Official reply on “%(idea)s”.") % {"idea": idea}
    if kind == Kind.REPLY:
        return _("%(actor)s replied to your comment on “%(idea)s”.") % {"actor": actor, "idea": idea}
    if kind == Kind.MENTION:
        return _("%(actor)s mentioned you on “%(idea)s”.") % {"actor": actor, "idea": idea}
    if kind == Kind.COMMENT:
        return _("%(actor)s commented on your idea “%(idea)s”.") % {"actor": actor, "idea": idea}
    if kind == Kind.STATUS_CHANGED:
        return _("“%(idea)s” is now: %(status)s.") % {"idea": idea, "status": _status_label(d.get("to", ""))}
    if kind == Kind.UPDATE:
        if d.get("revision"):
            return _("“%(idea)s” was revised (version %(n)s).") % {"idea": idea, "n": d["revision"]}
        return _("News from “%(idea)s”: the author posted an update.") % {"idea": idea}
    if kind == Kind.STAGE_REACHED:
        return _("“%(idea)s” reached %(threshold)s supporters (stage %(stage)s).") % {
            "idea": idea,
            "threshold": d.get("threshold", ""),
            "stage": d.get("stage", ""),
        }
    if kind == Kind.REVIEWER_ASSIGNED:
        return _("You were asked to review “%(idea)s”.") % {"idea": idea}
    if kind == Kind.MODERATION:
        action = d.get("action")
        if action == "suspended":
            if d.get("until"):
                return _("Your account is suspended until %(until)s.") % {"until": d["until"][:10]}
            return _("Your account is suspended.")
        what = {"idea": _("Your idea"), "comment": _("Your comment"), "profile": _("Your profile")}.get(
            d.get("content", ""), _("Your content")
        )
        if action == "restored":
            return _("%(what)s is visible again.") % {"what": what}
        return _("%(what)s was hidden by the moderators.") % {"what": what}
    return idea


def detail(notification: Notification) -> str:
    """The explanation, reason or excerpt that comes with it, if any."""
    d = notification.data or {}
    return d.get("explanation") or d.get("reason") or d.get("excerpt") or ""
