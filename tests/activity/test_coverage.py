"""Every service that changes state writes an activity entry, or is listed as exempt with the reason.

`CASES` calls each covered service once and expects its verb in the log; `test_every_service_is_covered_or_exempt`
reads every `services.py` and fails on a public function that is in neither list, so a new service cannot slip
past the log unnoticed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

import cocreate
from cocreate.accounts.models import Role, RoleAssignment
from cocreate.activity.models import ActivityEntry, Verb
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import (
    CampaignFactory,
    CriterionFactory,
    IdeaFactory,
    MemberFactory,
    MilestoneFactory,
    PairwiseEntryFactory,
    ReleaseFactory,
    RoadmapItemFactory,
    StatementFactory,
    SupportFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _admin():
    return staff(Role.ADMIN)


# ---- accounts, access, campaigns -------------------------------------------------------------------------


def role_grant_sitewide():
    from cocreate.accounts.services import role_grant_sitewide

    role_grant_sitewide(actor=_admin(), email=MemberFactory().email, role=Role.MODERATOR)


def role_revoke():
    from cocreate.accounts.services import role_revoke

    assignment = RoleAssignment.objects.get(user=staff(Role.MODERATOR))
    role_revoke(actor=_admin(), assignment=assignment)


def password_changed_record():
    from cocreate.accounts.services import password_changed_record

    password_changed_record(member=MemberFactory(), how="changed")


def tokens_revoke_all():
    from cocreate.api.services import token_create, tokens_revoke_all

    member = MemberFactory()
    token_create(actor=member, name="Script")
    tokens_revoke_all(member_id=member.pk, actor_id=member.pk)


def token_create():
    from cocreate.api.services import token_create

    token_create(actor=MemberFactory(), name="Script")


def token_revoke():
    from cocreate.api.services import token_create, token_revoke

    member = MemberFactory()
    token, _raw = token_create(actor=member, name="Script")
    token_revoke(actor=member, token=token)


def agreement_publish():
    from cocreate.legal.services import agreement_publish

    agreement_publish(actor=_admin(), title="Agreement", body="You keep your copyright.")


def campaign_create():
    from cocreate.campaigns.services import campaign_create

    campaign_create(actor=_admin(), title="Greener streets", goal="Trees.", brief="Ideas for trees.")


def campaign_update():
    from cocreate.campaigns.services import campaign_update

    campaign_update(actor=_admin(), campaign=CampaignFactory(), goal="More trees.")


def campaign_publish():
    from cocreate.campaigns.services import campaign_update

    campaign_update(actor=_admin(), campaign=CampaignFactory(status="draft"), status="published")


def campaign_invite():
    from cocreate.campaigns.services import campaign_invite

    campaign_invite(actor=_admin(), campaign=CampaignFactory(), emails=["guest@example.org"])


def role_assign():
    from cocreate.campaigns.services import role_assign

    role_assign(actor=_admin(), campaign=CampaignFactory(), email=MemberFactory().email, role="moderator")


def role_remove():
    from cocreate.campaigns.services import role_remove

    campaign = CampaignFactory()
    member = staff(Role.MODERATOR, campaign=campaign)
    role_remove(actor=_admin(), campaign=campaign, email=member.email, role="moderator")


# ---- ideas -----------------------------------------------------------------------------------------------


def idea_create():
    from cocreate.ideas.services import idea_create

    idea_create(
        actor=MemberFactory(),
        campaign=CampaignFactory(),
        title="Bike lanes",
        body="Paint the cycle lanes green, all the way.",
    )


def idea_submit_draft():
    from cocreate.ideas.services import idea_create, idea_submit_draft

    member = MemberFactory()
    idea = idea_create(
        actor=member,
        campaign=CampaignFactory(),
        title="Bike lanes",
        body="Paint the cycle lanes green, all the way.",
        draft=True,
    )
    idea_submit_draft(actor=member, idea=idea)


def idea_withdraw():
    from cocreate.ideas.services import idea_withdraw

    idea = IdeaFactory()
    idea_withdraw(actor=idea.author, idea=idea, reason="Changed my mind")


def idea_moderate():
    from cocreate.ideas.services import idea_moderate

    idea_moderate(actor=_admin(), idea=IdeaFactory(status=IdeaStatus.PENDING, published_at=None), approve=True)


def idea_change_status():
    from cocreate.ideas.services import idea_change_status

    idea_change_status(actor=_admin(), idea=IdeaFactory(), transition="start_review")


def idea_advance_ladder():
    from cocreate.ideas.services import idea_advance_ladder

    idea_advance_ladder(idea=IdeaFactory(support_count=100))


def merge_ideas():
    from cocreate.similarity.services import merge_ideas

    source = IdeaFactory()
    merge_ideas(actor=_admin(), source=source, target=IdeaFactory(campaign=source.campaign), reason="Same")


def merge_undo():
    from cocreate.similarity.services import merge_ideas, merge_undo

    source, admin = IdeaFactory(), _admin()
    merge = merge_ideas(actor=admin, source=source, target=IdeaFactory(campaign=source.campaign))
    merge_undo(actor=admin, merge=merge)


def idea_mark_duplicate():
    from cocreate.similarity.services import idea_mark_duplicate

    source = IdeaFactory()
    idea_mark_duplicate(actor=source.author, idea=source, target=IdeaFactory(campaign=source.campaign))


def duplicate_dismiss():
    from cocreate.similarity.services import duplicate_dismiss

    source = IdeaFactory()
    duplicate_dismiss(actor=_admin(), source=source, target=IdeaFactory(campaign=source.campaign))


def duplicate_dismissal_restore():
    from cocreate.similarity.services import duplicate_dismiss, duplicate_dismissal_restore

    source, admin = IdeaFactory(), _admin()
    dismissal = duplicate_dismiss(actor=admin, source=source, target=IdeaFactory(campaign=source.campaign))
    duplicate_dismissal_restore(actor=admin, dismissal=dismissal)


# ---- review ----------------------------------------------------------------------------------------------


def _in_review():
    from cocreate.review.services import review_send

    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign)
    idea, admin = IdeaFactory(campaign=campaign), _admin()
    review_send(actor=admin, idea=idea)
    idea.refresh_from_db()
    return idea, admin


def _reviewer(idea):
    return staff(Role.REVIEWER, campaign=idea.campaign)


def review_send():
    _in_review()


def review_enter():
    from cocreate.review.services import review_enter

    review_enter(idea=IdeaFactory(), reason="threshold")


def review_stages_set():
    from cocreate.review.services import review_stages_set

    review_stages_set(actor=_admin(), campaign=CampaignFactory(), names=["Screening", "Panel"])


def review_assign():
    from cocreate.review.services import review_assign

    idea, admin = _in_review()
    review_assign(actor=admin, idea=idea, reviewer=_reviewer(idea))


def review_assign_round_robin():
    from cocreate.review.services import review_assign_round_robin

    idea, admin = _in_review()
    _reviewer(idea)
    review_assign_round_robin(actor=admin, ideas=[idea])


def review_unassign():
    from cocreate.review.services import review_assign, review_unassign

    idea, admin = _in_review()
    reviewer = _reviewer(idea)
    review_assign(actor=admin, idea=idea, reviewer=reviewer)
    review_unassign(actor=admin, idea=idea, reviewer=reviewer)


def review_move_stage():
    from cocreate.review.services import review_move_stage, review_stages_ensure

    idea, admin = _in_review()
    review_move_stage(actor=admin, idea=idea, stage=review_stages_ensure(idea.campaign)[1])


def review_bulk():
    from cocreate.review.services import review_bulk, review_stages_ensure

    idea, admin = _in_review()
    review_bulk(actor=admin, ideas=[idea], action="move_stage", stage=review_stages_ensure(idea.campaign)[1])


def scorecard_submit():
    from cocreate.review.services import review_assign, scorecard_submit

    idea, admin = _in_review()
    reviewer = _reviewer(idea)
    review_assign(actor=admin, idea=idea, reviewer=reviewer)
    scores = {c.pk: 3 for c in idea.campaign.criteria.all()}
    scorecard_submit(actor=reviewer, idea=idea, scores=scores)


def decision_make():
    from cocreate.review.services import decision_make

    idea, admin = _in_review()
    decision_make(actor=admin, idea=idea, outcome="accepted", explanation="A clear plan that fits the brief well.")


def review_resubmit():
    from cocreate.review.services import decision_make, review_resubmit

    idea, admin = _in_review()
    decision_make(actor=admin, idea=idea, outcome="needs_info", explanation="Please tell us where exactly, thanks.")
    idea.refresh_from_db()
    review_resubmit(actor=idea.author, idea=idea, note="On the main square.")


# ---- moderation ------------------------------------------------------------------------------------------


def content_hide():
    from cocreate.moderation.services import content_hide

    content_hide(actor=_admin(), target=IdeaFactory(), reason="Advertising")


def content_restore():
    from cocreate.moderation.services import content_hide, content_restore

    idea, admin = IdeaFactory(), _admin()
    content_hide(actor=admin, target=idea, reason="Advertising")
    content_restore(actor=admin, target=idea, reason="A mistake")


def flags_dismiss():
    from cocreate.moderation.services import flags_dismiss

    flags_dismiss(actor=_admin(), kind="idea", object_id=IdeaFactory().pk)


def member_suspend():
    from cocreate.moderation.services import member_suspend

    member_suspend(actor=_admin(), member=MemberFactory(), until=timezone.now() + timedelta(days=3), reason="Spam")


def member_unsuspend():
    from cocreate.moderation.services import member_suspend, member_unsuspend

    member, admin = MemberFactory(), _admin()
    member_suspend(actor=admin, member=member, until=timezone.now() + timedelta(days=3), reason="Spam")
    member_unsuspend(actor=admin, member=member)


def trust_level_set():
    from cocreate.moderation.services import trust_level_set

    trust_level_set(actor=_admin(), member=MemberFactory(), level="trusted", reason="Known")


def supports_discount():
    from cocreate.moderation.services import supports_discount

    supports_discount(actor=_admin(), supports=[SupportFactory()], reason="Ring")


def signal_resolve():
    from cocreate.moderation.models import AbuseSignal
    from cocreate.moderation.services import signal_resolve

    signal = AbuseSignal.objects.create(support_ids=[SupportFactory().pk], summary="Ring")
    signal_resolve(actor=_admin(), signal=signal, action="dismiss", reason="Friends, not a ring")


def statement_moderate():
    from cocreate.opinionmap.services import statement_moderate

    statement_moderate(actor=_admin(), statement=StatementFactory(), moderation=-1)


def statement_mark_meta():
    from cocreate.opinionmap.services import statement_mark_meta

    statement_mark_meta(actor=_admin(), statement=StatementFactory(), is_meta=True)


def opinionmap_settings_update():
    from cocreate.opinionmap.services import settings_update

    settings_update(actor=_admin(), campaign=StatementFactory().campaign, min_votes=3)


def pairwise_settings_update():
    from cocreate.pairwise.services import settings_update

    campaign = PairwiseEntryFactory().campaign
    settings_update(actor=_admin(), campaign=campaign, allow_anonymous=False, allow_member_entries=True)


def entry_moderate():
    from cocreate.pairwise.services import entry_moderate

    entry_moderate(actor=_admin(), entry=PairwiseEntryFactory(), status="hidden")


# ---- roadmap ---------------------------------------------------------------------------------------------


def roadmap_item_create():
    from cocreate.roadmap.services import roadmap_item_create

    roadmap_item_create(actor=_admin(), campaign=CampaignFactory(), title="Yearly report")


def roadmap_item_for_accepted_idea():
    from cocreate.roadmap.services import roadmap_item_for_accepted_idea

    roadmap_item_for_accepted_idea(idea_id=IdeaFactory(status=IdeaStatus.ACCEPTED).pk)


def roadmap_item_update():
    from cocreate.roadmap.services import roadmap_item_update

    roadmap_item_update(actor=_admin(), item=RoadmapItemFactory(), title="A better title")


def roadmap_item_progress():
    from cocreate.roadmap.services import roadmap_item_progress

    roadmap_item_progress(actor=_admin(), item=RoadmapItemFactory(), status="in_progress", progress=20)


def milestone_add():
    from cocreate.roadmap.services import milestone_add

    milestone_add(actor=_admin(), item=RoadmapItemFactory(), title="Drawings")


def milestone_set_done():
    from cocreate.roadmap.services import milestone_set_done

    milestone_set_done(actor=_admin(), milestone=MilestoneFactory(), done=True)


def milestone_remove():
    from cocreate.roadmap.services import milestone_remove

    milestone_remove(actor=_admin(), milestone=MilestoneFactory())


def release_create():
    from cocreate.roadmap.services import release_create

    release_create(actor=_admin(), campaign=CampaignFactory(), title="Spring", version="2.0")


def release_update():
    from cocreate.roadmap.services import release_update

    release = ReleaseFactory()
    release_update(actor=_admin(), release=release, title="Spring", version="2.1")


def release_publish():
    from cocreate.roadmap.services import release_publish

    release = ReleaseFactory()
    RoadmapItemFactory(campaign=release.campaign, release=release, status="in_progress")
    release_publish(actor=_admin(), release=release)


def release_delete():
    from cocreate.roadmap.services import release_delete

    release_delete(actor=_admin(), release=ReleaseFactory())


# (qualified service, how to call it, the verb it must write)
CASES: list[tuple[str, Callable[[], None], str]] = [
    ("accounts.role_grant_sitewide", role_grant_sitewide, Verb.ROLE_GRANTED),
    ("accounts.role_revoke", role_revoke, Verb.ROLE_REVOKED),
    ("accounts.password_changed_record", password_changed_record, Verb.PASSWORD_CHANGED),
    ("api.tokens_revoke_all", tokens_revoke_all, Verb.TOKEN_REVOKED),
    ("api.token_create", token_create, Verb.TOKEN_CREATED),
    ("api.token_revoke", token_revoke, Verb.TOKEN_REVOKED),
    ("legal.agreement_publish", agreement_publish, Verb.AGREEMENT_PUBLISHED),
    ("campaigns.campaign_create", campaign_create, Verb.CAMPAIGN_CREATED),
    ("campaigns.campaign_update", campaign_update, Verb.CAMPAIGN_UPDATED),
    ("campaigns.campaign_update", campaign_publish, Verb.CAMPAIGN_PUBLISHED),
    ("campaigns.campaign_invite", campaign_invite, Verb.CAMPAIGN_INVITED),
    ("campaigns.role_assign", role_assign, Verb.ROLE_GRANTED),
    ("campaigns.role_remove", role_remove, Verb.ROLE_REVOKED),
    ("ideas.idea_create", idea_create, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_submit_draft", idea_submit_draft, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_withdraw", idea_withdraw, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_moderate", idea_moderate, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_change_status", idea_change_status, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_advance_ladder", idea_advance_ladder, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_mark_merged", merge_ideas, Verb.IDEA_STATUS_CHANGED),
    ("ideas.idea_unmark_merged", merge_undo, Verb.IDEA_STATUS_CHANGED),
    ("similarity.merge_ideas", merge_ideas, Verb.IDEA_MERGED),
    ("similarity.merge_undo", merge_undo, Verb.IDEA_UNMERGED),
    ("similarity.idea_mark_duplicate", idea_mark_duplicate, Verb.IDEA_MERGED),
    ("similarity.duplicate_dismiss", duplicate_dismiss, Verb.DUPLICATE_DISMISSED),
    ("similarity.duplicate_dismissal_restore", duplicate_dismissal_restore, Verb.DUPLICATE_RESTORED),
    ("review.review_send", review_send, Verb.REVIEW_ENTERED),
    ("review.review_enter", review_enter, Verb.REVIEW_ENTERED),
    ("review.review_stages_set", review_stages_set, Verb.REVIEW_STAGES_CHANGED),
    ("review.review_assign", review_assign, Verb.REVIEWER_ASSIGNED),
    ("review.review_assign_round_robin", review_assign_round_robin, Verb.REVIEWER_ASSIGNED),
    ("review.review_unassign", review_unassign, Verb.REVIEWER_UNASSIGNED),
    ("review.review_move_stage", review_move_stage, Verb.REVIEW_STAGE_MOVED),
    ("review.review_bulk", review_bulk, Verb.REVIEW_BULK_MOVE_STAGE),
    ("review.scorecard_submit", scorecard_submit, Verb.SCORECARD_SUBMITTED),
    ("review.decision_make", decision_make, Verb.DECIDED),
    ("review.review_resubmit", review_resubmit, Verb.RESUBMITTED),
    ("moderation.content_hide", content_hide, Verb.MODERATION_HIDE),
    ("moderation.content_restore", content_restore, Verb.MODERATION_RESTORE),
    ("moderation.flags_dismiss", flags_dismiss, Verb.MODERATION_DISMISS),
    ("moderation.member_suspend", member_suspend, Verb.MODERATION_SUSPEND),
    ("moderation.member_unsuspend", member_unsuspend, Verb.MODERATION_UNSUSPEND),
    ("moderation.trust_level_set", trust_level_set, Verb.MODERATION_SET_TRUST),
    ("moderation.supports_discount", supports_discount, Verb.MODERATION_DISCOUNT),
    ("moderation.signal_resolve", signal_resolve, Verb.MODERATION_DISMISS_SIGNAL),
    ("opinionmap.statement_moderate", statement_moderate, Verb.MODERATION_STATEMENT),
    ("opinionmap.statement_mark_meta", statement_mark_meta, Verb.MODERATION_STATEMENT_META),
    ("opinionmap.settings_update", opinionmap_settings_update, Verb.CAMPAIGN_SETTINGS),
    ("pairwise.settings_update", pairwise_settings_update, Verb.CAMPAIGN_SETTINGS),
    ("pairwise.entry_moderate", entry_moderate, Verb.MODERATION_ENTRY),
    ("roadmap.roadmap_item_create", roadmap_item_create, Verb.ROADMAP_CREATED),
    ("roadmap.roadmap_item_for_accepted_idea", roadmap_item_for_accepted_idea, Verb.ROADMAP_CREATED),
    ("roadmap.roadmap_item_update", roadmap_item_update, Verb.ROADMAP_EDITED),
    ("roadmap.roadmap_item_progress", roadmap_item_progress, Verb.ROADMAP_STATUS),
    ("roadmap.milestone_add", milestone_add, Verb.ROADMAP_MILESTONE_ADDED),
    ("roadmap.milestone_set_done", milestone_set_done, Verb.ROADMAP_MILESTONE_DONE),
    ("roadmap.milestone_remove", milestone_remove, Verb.ROADMAP_MILESTONE_REMOVED),
    ("roadmap.release_create", release_create, Verb.RELEASE_CREATED),
    ("roadmap.release_update", release_update, Verb.RELEASE_UPDATED),
    ("roadmap.release_publish", release_publish, Verb.RELEASE_PUBLISHED),
    ("roadmap.release_delete", release_delete, Verb.RELEASE_DELETED),
]

_CONTRIBUTION = "a member's own contribution: its row records author and time, and it is public content, not an act"
_DERIVED = "computes derived data (vectors, themes, reports, counters) from what is already recorded"
_READ = "reads or validates only; writes nothing"
_PERSONAL = "the member's own settings or inbox; nobody else is affected"
_OWNER = "the owning context's write for another context's service, which checks permission and logs the act"

# Public functions of services.py that write no entry, and why.
EXEMPT: dict[str, str] = {
    "activity.activity_record": "the log's own write",
    "core.reaction_retry": "the kernel sits below the log and cannot write to it; the ReactionRun keeps its attempts",
    "accounts.time_zone_names": _READ,
    "accounts.profile_update": _PERSONAL,
    "accounts.forget_cached_roles": "clears a per-request cache",
    "accounts.sessions_end_all": _OWNER + " (moderation.member_suspend)",
    "accounts.campaign_role_add": _OWNER + " (campaigns.role_assign)",
    "accounts.campaign_role_remove": _OWNER + " (campaigns.role_remove)",
    "accounts.standing_store": _OWNER + " (moderation.trust_level_set; computed levels are derived)",
    "accounts.suspension_add": _OWNER + " (moderation.member_suspend)",
    "accounts.suspensions_lift": _OWNER + " (moderation.member_unsuspend)",
    "engagement.comment_set_hidden": _OWNER + " (moderation.content_hide / content_restore)",
    "engagement.merge_move_engagement": _OWNER + " (similarity.merge_ideas)",
    "engagement.merge_return_engagement": _OWNER + " (similarity.merge_undo)",
    "engagement.support_origin_record": "the origin row is itself evidence kept for abuse detection",
    "engagement.support_origin_restore": "puts back an origin row when a merge is undone (the merge is logged)",
    "engagement.supports_recount": _DERIVED,
    "engagement.supports_set_discounted": _OWNER + " (moderation.supports_discount)",
    "ideas.idea_coauthors_change": _OWNER + " (similarity.merge_ideas / merge_undo)",
    "ideas.idea_comment_count_change": _DERIVED,
    "ideas.idea_ladder_restore": _OWNER + " (similarity.merge_undo)",
    "ideas.idea_set_hidden": _OWNER + " (moderation.content_hide / content_restore)",
    "ideas.idea_support_count_set": _DERIVED,
    "api.token_authenticate": "checks a token; last_used_at is a coarse hint, not an act",
    "engagement.support_add": _CONTRIBUTION,
    "engagement.support_remove": _CONTRIBUTION,
    "engagement.support_toggle": _CONTRIBUTION,
    "engagement.comment_add": _CONTRIBUTION,
    "engagement.comment_edit": _CONTRIBUTION,
    "engagement.comment_delete": _CONTRIBUTION,
    "engagement.follow_add": _PERSONAL,
    "engagement.follow_remove": _PERSONAL,
    "ideas.parse_tags": _READ,
    "ideas.resolve_coauthors": _READ,
    "ideas.idea_edit": "an author's revision: kept as a numbered IdeaRevision with its editor",
    "ideas.idea_post_update": _CONTRIBUTION,
    "ideas.ideas_advance_lifecycle": "the periodic sweep: each step goes through the logged lifecycle transition",
    "legal.agreement_accept": "the acceptance row is the legal record (who, which version, when, from where)",
    "legal.require_terms_accepted": _READ,
    "moderation.load_target": _READ,
    "moderation.kind_of": _READ,
    "moderation.author_id_of": _READ,
    "moderation.label_of": _READ,
    "moderation.campaign_id_of": _READ,
    "moderation.flag_create": "a member's report: the Flag row records reporter and reason; acting on it is logged",
    "moderation.flag_system": "the spam check's flag (a Flag row); an automatic hide is logged as auto_hide",
    "moderation.spam_check": "runs the spam check; see flag_system",
    "moderation.trust_level_recompute": _DERIVED + "; a trust level set by hand is logged",
    "moderation.trust_levels_recompute_all": _DERIVED,
    "moderation.detect_support_rings": "raises AbuseSignal rows for moderators; resolving one is logged",
    "moderation.moderation_sweep": _DERIVED,
    "notifications.notifications_deliver": "delivery: Notification rows are their own record",
    "notifications.notifications_create": "delivery: Notification rows are their own record",
    "notifications.notifications_send_immediate": "delivery: Notification rows are their own record",
    "notifications.period_start": _READ,
    "notifications.notifications_send_digests": "delivery: Notification rows are their own record",
    "notifications.notification_mark_read": _PERSONAL,
    "notifications.notifications_mark_all_read": _PERSONAL,
    "notifications.preferences_update": _PERSONAL,
    "notifications.preferences_of_member": _READ,
    "notifications.unsubscribe_with_token": _PERSONAL,
    "opinionmap.new_anon_key": _READ,
    "opinionmap.is_valid_anon_key": _READ,
    "opinionmap.settings_for": "creates the default settings on first read",
    "opinionmap.participant_get": _READ,
    "opinionmap.participant_ensure": _CONTRIBUTION,
    "opinionmap.vote_cast": _CONTRIBUTION,
    "opinionmap.statement_submit": _CONTRIBUTION,
    "opinionmap.report_schedule": _DERIVED,
    "opinionmap.vote_matrix": _READ,
    "opinionmap.report_compute": _DERIVED,
    "opinionmap.report_recompute": _DERIVED,
    "pairwise.entry_add": _CONTRIBUTION + " (staff seed entries are shown at once; hiding one is logged)",
    "pairwise.prompt_next": "serves a pair to vote on",
    "pairwise.vote_cast": _CONTRIBUTION,
    "review.review_stages_ensure": "creates the default stages on first use",
    "review.record_first_response": _DERIVED + " (the response-promise clock)",
    "review.campaign_reviewers": _READ,
    "review.weighted_total": _READ,
    "review.response_records_rebuild": _DERIVED,
    "similarity.vectors_version_bump": _DERIVED,
    "similarity.idea_vectors_refresh": _DERIVED,
    "similarity.vectors_ensure_campaign": _DERIVED,
    "similarity.themes_refresh": _DERIVED,
    "similarity.merge_check": _READ,
    "similarity.merge_preview": _READ,
}


@pytest.mark.parametrize(("service", "call", "verb"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_service_writes_its_entry(service, call, verb, django_capture_on_commit_callbacks):
    before = set(ActivityEntry.objects.filter(verb=verb).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        call()
    written = ActivityEntry.objects.filter(verb=verb).exclude(pk__in=before)
    assert written.exists(), f"{service} wrote no {verb} entry"


def _service_functions() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(cocreate.__path__):
        try:
            module = importlib.import_module(f"cocreate.{info.name}.services")
        except ModuleNotFoundError:
            continue
        for name, obj in vars(module).items():
            obj = inspect.unwrap(obj) if callable(obj) else obj  # lru_cache and other decorators
            if name.startswith("_") or not inspect.isfunction(obj) or obj.__module__ != module.__name__:
                continue
            found.add(f"{info.name}.{name}")
    return found


def test_every_service_is_covered_or_exempt():
    covered = {service for service, _call, _verb in CASES}
    functions = _service_functions()
    missing = sorted(functions - covered - set(EXEMPT))
    assert not missing, f"services that write no activity entry and are not listed as exempt: {missing}"
    stale = sorted((covered | set(EXEMPT)) - functions)
    assert not stale, f"listed but no longer services: {stale}"
    assert not covered & set(EXEMPT)


def test_a_service_that_stops_logging_fails_its_case(monkeypatch, django_capture_on_commit_callbacks):
    """The check above is honest: with the roadmap's log call removed, its case finds no entry."""
    from cocreate.roadmap import services

    monkeypatch.setattr(services, "activity_record", lambda **kwargs: None)
    with django_capture_on_commit_callbacks(execute=True):
        roadmap_item_update()
    assert not ActivityEntry.objects.filter(verb=Verb.ROADMAP_EDITED).exists()
