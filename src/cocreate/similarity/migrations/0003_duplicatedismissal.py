import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0002_methods_and_needs_info'),
        ('ideas', '0003_merges_and_moderation'),
        ('similarity', '0002_vectorsversion'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DuplicateDismissal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=1000, verbose_name='reason')),
                ('dismissed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('restored_at', models.DateTimeField(blank=True, null=True)),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campaigns.campaign')),
                ('dismissed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('first', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='ideas.idea')),
                ('restored_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('second', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='ideas.idea')),
            ],
            options={
                'ordering': ['-dismissed_at', '-id'],
                'indexes': [models.Index(fields=['campaign', 'restored_at'], name='dismissal_campaign')],
                'constraints': [models.CheckConstraint(condition=models.Q(('first__lt', models.F('second'))), name='dismissal_pair_in_order'), models.UniqueConstraint(condition=models.Q(('restored_at__isnull', True)), fields=('first', 'second'), name='one_standing_dismissal_per_pair')],
            },
        ),
    ]
