"""The moderation audit log moves into the activity log: every ModerationAction row becomes an ActivityEntry with
the verb "moderation.<action>", its object as the target (kind and reason in the details, the label as written),
the same campaign and time. Reversible: going back recreates the table and moves the moderation entries back."""

from django.db import migrations

BATCH = 1000
# kind -> (app_label, model) of the moderated object
KINDS = {
    "idea": ("ideas", "idea"),
    "comment": ("engagement", "comment"),
    "profile": ("accounts", "user"),
    "signal": ("moderation", "abusesignal"),
}


def _types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return {
        kind: ContentType.objects.get_or_create(app_label=app, model=model)[0] for kind, (app, model) in KINDS.items()
    }


def forward(apps, schema_editor):
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    types = _types(apps)
    batch = []
    for action in ModerationAction.objects.order_by("id").iterator(chunk_size=BATCH):
        batch.append(
            ActivityEntry(
                actor_id=action.actor_id,
                verb=f"moderation.{action.action}",
                target_type=types.get(action.kind),
                target_id=action.object_id,
                target_label=action.object_label,
                campaign_id=action.campaign_id,
                details={"kind": action.kind, "reason": action.reason},
                created_at=action.created_at,
            )
        )
        if len(batch) >= BATCH:
            ActivityEntry.objects.bulk_create(batch)
            batch = []
    ActivityEntry.objects.bulk_create(batch)


def backward(apps, schema_editor):
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    # Only the verbs this table held: statement and entry moderation (written since) have no column here.
    entries = ActivityEntry.objects.filter(verb__startswith="moderation.").exclude(
        verb__in=["moderation.statement", "moderation.statement_meta", "moderation.entry"]
    )
    batch = []
    for entry in entries.order_by("id").iterator(chunk_size=BATCH):
        details = entry.details or {}
        batch.append(
            ModerationAction(
                actor_id=entry.actor_id,
                action=entry.verb.removeprefix("moderation.")[:16],
                kind=str(details.get("kind", ""))[:12],
                object_id=entry.target_id,
                object_label=entry.target_label,
                campaign_id=entry.campaign_id,
                reason=str(details.get("reason", ""))[:1000],
                created_at=entry.created_at,
            )
        )
        if len(batch) >= BATCH:
            ModerationAction.objects.bulk_create(batch)
            batch = []
    ModerationAction.objects.bulk_create(batch)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_standing_and_origin_move"),
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="ModerationAction"),
    ]
