"""The review audit trail moves into the activity log: every ReviewAction row becomes an ActivityEntry with the
verb "review.<action>", the idea as its target (its title kept as the label), the same campaign, details and time.
Reversible: going back recreates the table and moves the review entries back (none is lost either way)."""

from django.db import migrations

BATCH = 1000


def _idea_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="ideas", model="idea")[0]


def forward(apps, schema_editor):
    ReviewAction = apps.get_model("review", "ReviewAction")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    idea_type = _idea_type(apps)
    batch = []
    for action in ReviewAction.objects.select_related("idea").order_by("id").iterator(chunk_size=BATCH):
        batch.append(
            ActivityEntry(
                actor_id=action.actor_id,
                verb=f"review.{action.action}",
                target_type=idea_type if action.idea_id else None,
                target_id=action.idea_id,
                target_label=(action.idea.title if action.idea_id else "")[:200],
                campaign_id=action.campaign_id,
                details=action.details or {},
                created_at=action.at,
            )
        )
        if len(batch) >= BATCH:
            ActivityEntry.objects.bulk_create(batch)
            batch = []
    ActivityEntry.objects.bulk_create(batch)


def backward(apps, schema_editor):
    ReviewAction = apps.get_model("review", "ReviewAction")
    ActivityEntry = apps.get_model("activity", "ActivityEntry")
    Idea = apps.get_model("ideas", "Idea")
    Campaign = apps.get_model("campaigns", "Campaign")
    idea_type = _idea_type(apps)
    entries = ActivityEntry.objects.filter(verb__startswith="review.")
    idea_ids = set(Idea.objects.values_list("pk", flat=True))
    campaign_ids = set(Campaign.objects.values_list("pk", flat=True))
    batch = []
    for entry in entries.order_by("id").iterator(chunk_size=BATCH):
        idea_id = entry.target_id if entry.target_type_id == idea_type.pk and entry.target_id in idea_ids else None
        batch.append(
            ReviewAction(
                actor_id=entry.actor_id,
                action=entry.verb.removeprefix("review.")[:40],
                idea_id=idea_id,
                campaign_id=entry.campaign_id if entry.campaign_id in campaign_ids else None,
                details=entry.details or {},
                at=entry.created_at,
            )
        )
        if len(batch) >= BATCH:
            ReviewAction.objects.bulk_create(batch)
            batch = []
    ReviewAction.objects.bulk_create(batch)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_response_delay"),
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="ReviewAction"),
    ]
