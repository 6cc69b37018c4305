"""The SDG texts: the unofficial translation, editors' own nynorsk text and checks, official sources."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("framework", "0002_target_relevance")]

    operations = [
        migrations.RenameField("target", "title_nn", "title_nn_corrected"),
        migrations.RenameField("indicator", "title_nn", "title_nn_corrected"),
        migrations.RenameField("goal", "short_nb", "short_nb_source"),
        migrations.RenameField("goal", "title_nb", "title_nb_source"),
        migrations.RenameField("goal", "short_nn", "short_nn_unofficial"),
        migrations.RenameField("goal", "title_nn", "title_nn_unofficial"),
        migrations.AddField(
            model_name='goal',
            name='short_nb_unofficial',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name='goal',
            name='title_nb_unofficial',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='indicator',
            name='nb_checked',
            field=models.BooleanField(default=False, verbose_name='bokmål text checked against the official text'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='nn_checked',
            field=models.BooleanField(default=False, verbose_name='nynorsk text checked against the official text'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='title_nb_unofficial',
            field=models.TextField(blank=True, verbose_name='title (bokmål), unofficial translation'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='title_nn_unofficial',
            field=models.TextField(blank=True, verbose_name='title (nynorsk), unofficial translation'),
        ),
        migrations.AddField(
            model_name='target',
            name='nb_checked',
            field=models.BooleanField(default=False, verbose_name='bokmål text checked against the official text'),
        ),
        migrations.AddField(
            model_name='target',
            name='nn_checked',
            field=models.BooleanField(default=False, verbose_name='nynorsk text checked against the official text'),
        ),
        migrations.AddField(
            model_name='target',
            name='title_nb_unofficial',
            field=models.TextField(blank=True, verbose_name='title (bokmål), unofficial translation'),
        ),
        migrations.AddField(
            model_name='target',
            name='title_nn_unofficial',
            field=models.TextField(blank=True, verbose_name='title (nynorsk), unofficial translation'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='title_nn_corrected',
            field=models.TextField(blank=True, verbose_name='title (nynorsk), corrected by an editor'),
        ),
        migrations.AlterField(
            model_name='target',
            name='title_nn_corrected',
            field=models.TextField(blank=True, verbose_name='title (nynorsk), corrected by an editor'),
        ),
        migrations.CreateModel(
            name='OfficialTextSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=300, verbose_name='address')),
                ('publisher', models.CharField(max_length=100, verbose_name='publisher')),
                ('language_form', models.CharField(max_length=20, verbose_name='language form')),
                ('targets_seen', models.CharField(blank=True, max_length=200, verbose_name='targets seen on the page')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('position', models.PositiveIntegerField()),
                ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='official_sources', to='framework.goal', verbose_name='goal')),
            ],
            options={
                'verbose_name': 'official source of target texts',
                'verbose_name_plural': 'official sources of target texts',
                'ordering': ['goal', 'position'],
                'constraints': [models.UniqueConstraint(fields=('goal', 'url'), name='official_text_source_goal_url')],
            },
        ),
    ]
