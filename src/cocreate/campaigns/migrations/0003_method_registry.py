"""Campaign.method reads the method registry (cocreate.core.methods) instead of fixed choices.

"survey" and "configurator" were offered by the old choices but never implemented: such campaigns have always run
as idea challenges, so their rows say so now. Not reversible in meaning (we cannot know which rows were which), so
going back leaves them as idea challenges."""

from django.db import migrations, models

UNIMPLEMENTED = ["survey", "configurator"]


def unimplemented_to_idea_challenge(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    Campaign.objects.filter(method__in=UNIMPLEMENTED).update(method="idea_challenge")


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_methods_and_needs_info")]

    operations = [
        migrations.AlterField(
            model_name="campaign",
            name="method",
            field=models.CharField(default="idea_challenge", max_length=30, verbose_name="method"),
        ),
        migrations.RunPython(unimplemented_to_idea_challenge, migrations.RunPython.noop),
    ]
