import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0002_methods_and_needs_info'),
        ('similarity', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='VectorsVersion',
            fields=[
                ('campaign', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='campaigns.campaign')),
                ('version', models.PositiveBigIntegerField(default=0)),
            ],
        ),
    ]
