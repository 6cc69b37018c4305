"""The noise of an indicator result: the intervals of its yearly values and whether its trend is larger than
them (method ``trend_noise``). Runs stored before have none (an empty dict) until the next measurement run."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measurement', '0005_current_status'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatorresult',
            name='uncertainty',
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
