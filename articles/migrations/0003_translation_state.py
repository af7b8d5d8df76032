# Translation state of stories: when the original text last changed, and when each translation did.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_article_workflow'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='original_updated_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='original text updated at'),
        ),
        migrations.CreateModel(
            name='ArticleTranslationState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=15, verbose_name='language')),
                ('updated_at', models.DateTimeField(verbose_name='translation updated at')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translation_states', to='articles.article', verbose_name='story')),
            ],
            options={
                'verbose_name': 'translation state',
                'verbose_name_plural': 'translation states',
                'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='article_translation_state_unique')],
            },
        ),
    ]
