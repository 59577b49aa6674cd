"""The four audit tables move into (or are copied to) the activity log without losing a row, and back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("activity", "0001_initial"),
    ("ideas", "0005_ideamerge_to_similarity"),
    ("moderation", "0002_standing_and_origin_move"),
    ("review", "0003_response_delay"),
    ("roadmap", "0001_initial"),
]
AFTER = [
    ("ideas", "0006_status_changes_into_activity_log"),
    ("moderation", "0003_actions_into_activity_log"),
    ("review", "0004_actions_into_activity_log"),
    ("roadmap", "0002_entries_into_activity_log"),
]
AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _migrate(targets):
    """Every app at its latest migration except those named (so the historical models match the tables)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    plan = dict(executor.loader.graph.leaf_nodes()) | dict(targets)
    executor.migrate(list(plan.items()))
    return executor.loader.project_state(list(plan.items())).apps


def _old_rows(apps):
    User = apps.get_model("accounts", "User")
    Campaign = apps.get_model("campaigns", "Campaign")
    Idea = apps.get_model("ideas", "Idea")
    actor = User.objects.create(email="mod@example.org", display_name="Mo")
    campaign = Campaign.objects.create(title="Streets", slug="streets", goal="g", brief="b")
    idea = Idea.objects.create(campaign=campaign, author=actor, title="Green lanes", body="Paint them green.")
    apps.get_model("ideas", "IdeaStatusChange").objects.create(
        idea=idea, from_status="draft", to_status="published", actor=actor, note="first"
    )
    apps.get_model("moderation", "ModerationAction").objects.create(
        actor=actor,
        action="hide",
        kind="idea",
        object_id=idea.pk,
        object_label="Green lanes",
        campaign_id=campaign.pk,
        reason="Advert",
        created_at=AT,
    )
    apps.get_model("review", "ReviewAction").objects.create(
        actor=actor, action="decided", idea=idea, campaign=campaign, details={"outcome": "accepted"}, at=AT
    )
    item = apps.get_model("roadmap", "RoadmapItem").objects.create(campaign=campaign, title="Lanes", position=0)
    apps.get_model("roadmap", "RoadmapEntry").objects.create(
        item=item, kind="status", actor=actor, status="in_progress", progress=20, note="Started"
    )
    return actor, campaign, idea, item


def test_the_audit_tables_move_into_the_log_and_back():
    apps = _migrate(BEFORE)
    actor, campaign, idea, item = _old_rows(apps)

    apps = _migrate(AFTER)
    entries = {e.verb: e for e in apps.get_model("activity", "ActivityEntry").objects.all()}
    assert set(entries) == {"idea.status_changed", "moderation.hide", "review.decided", "roadmap.status"}
    hide = entries["moderation.hide"]
    assert (hide.actor_id, hide.target_id, hide.target_label, hide.campaign_id, hide.created_at) == (
        actor.pk,
        idea.pk,
        "Green lanes",
        campaign.pk,
        AT,
    )
    assert hide.details == {"kind": "idea", "reason": "Advert"} and hide.target_type.model == "idea"
    decided = entries["review.decided"]
    assert decided.details == {"outcome": "accepted"} and decided.created_at == AT and decided.target_id == idea.pk
    status = entries["idea.status_changed"]
    assert status.details == {"from": "draft", "to": "published", "note": "first"}
    assert status.campaign_id == campaign.pk and status.target_label == "Green lanes"
    roadmap = entries["roadmap.status"]
    assert roadmap.target_id == item.pk and roadmap.details["progress"] == 20 and roadmap.details["note"] == "Started"
    # The timelines stay where they were.
    assert apps.get_model("ideas", "IdeaStatusChange").objects.count() == 1
    assert apps.get_model("roadmap", "RoadmapEntry").objects.count() == 1

    apps = _migrate(BEFORE)
    assert not apps.get_model("activity", "ActivityEntry").objects.exists()
    action = apps.get_model("moderation", "ModerationAction").objects.get()
    assert (action.action, action.kind, action.object_id, action.reason, action.created_at) == (
        "hide",
        "idea",
        idea.pk,
        "Advert",
        AT,
    )
    review = apps.get_model("review", "ReviewAction").objects.get()
    assert (review.action, review.idea_id, review.campaign_id, review.details) == (
        "decided",
        idea.pk,
        campaign.pk,
        {"outcome": "accepted"},
    )
    _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
