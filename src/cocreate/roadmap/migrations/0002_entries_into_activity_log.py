"""Every roadmap entry so far is copied into the activity log (verb "roadmap.<kind>", the item as target, status,
progress, note, subject and release in the details). RoadmapEntry stays: it is the item's public changelog; from
now on the roadmap services write both. Going back removes the copies (the table still holds every entry)."""

from django.db import migrations

BATCH = 1000
KINDS = [
    "created",
    "edited",
    "status",
    "progress",
    "milestone_added",
    "milestone_done",
    "milestone_reopened",
    "milestone_removed",
    "shipped",
]


def forward(apps, schema_editor):
    RoadmapEntry = apps.get_model("roadmap", "RoadmapEntry")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    item_type = ContentType.objects.get_or_create(app_label="roadmap", model="roadmapitem")[0]
    batch = []
    for entry in RoadmapEntry.objects.select_related("item").order_by("id").iterator(chunk_size=BATCH):
        batch.append(
            ActivityEntry(
                actor_id=entry.actor_id,
                verb=f"roadmap.{entry.kind}",
                target_type=item_type,
                target_id=entry.item_id,
                target_label=entry.item.title[:200],
                campaign_id=entry.item.campaign_id,
                details={
                    "status": entry.status,
                    "progress": entry.progress,
                    "note": entry.note,
                    "subject": entry.subject,
                    "release_id": entry.release_id,
                },
                created_at=entry.created_at,
            )
        )
        if len(batch) >= BATCH:
            ActivityEntry.objects.bulk_create(batch)
            batch = []
    ActivityEntry.objects.bulk_create(batch)


def backward(apps, schema_editor):
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    ActivityEntry.objects.filter(verb__in=[f"roadmap.{kind}" for kind in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0001_initial"),
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
