"""A third kind of peer group: a kommune and its most similar kommuner (method ``similar_kommuner``). Only the
choices change; runs stored before have no such rows until the next measurement run."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measurement', '0006_indicator_uncertainty'),
    ]

    operations = [
        migrations.AlterField(
            model_name='peerpercentile',
            name='group_kind',
            field=models.CharField(choices=[('network', 'network'), ('kostra', 'KOSTRA group'), ('similar', 'similar kommuner')], max_length=10),
        ),
    ]
