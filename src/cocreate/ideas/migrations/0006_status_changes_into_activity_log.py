"""Every status change so far is copied into the activity log (verb "idea.status_changed", the idea as target).
IdeaStatusChange stays: it is the idea's public timeline and the notifications' key; from now on the lifecycle
service writes both. Going back removes the copies (the table still holds every change)."""

from django.db import migrations

BATCH = 1000


def forward(apps, schema_editor):
    IdeaStatusChange = apps.get_model("ideas", "IdeaStatusChange")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    idea_type = ContentType.objects.get_or_create(app_label="ideas", model="idea")[0]
    batch = []
    changes = IdeaStatusChange.objects.select_related("idea").order_by("id")
    for change in changes.iterator(chunk_size=BATCH):
        batch.append(
            ActivityEntry(
                actor_id=change.actor_id,
                verb="idea.status_changed",
                target_type=idea_type,
                target_id=change.idea_id,
                target_label=change.idea.title[:200],
                campaign_id=change.idea.campaign_id,
                details={"from": change.from_status, "to": change.to_status, "note": change.note},
                created_at=change.created_at,
            )
        )
        if len(batch) >= BATCH:
            ActivityEntry.objects.bulk_create(batch)
            batch = []
    ActivityEntry.objects.bulk_create(batch)


def backward(apps, schema_editor):
    apps.get_model("activity", "ActivityEntry").objects.filter(verb="idea.status_changed").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0005_ideamerge_to_similarity"),
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
