"""Comments move from the articles app to their own (articles.comments): the tables are kept as they
are (renamed in 0002), so no row is copied or lost."""


import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("comment", "commentreport", "blockedterm")


def move_content_types(apps, schema_editor, *, source="articles", target="comments"):
    """Keep each model's content type (and with it the groups' permissions and the admin history)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="comments", target="articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0013_article_comment_count'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BlockedTerm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('word', 'Word or phrase'), ('email', 'E-mail address or @domain'), ('ip', 'IP address')], default='word', max_length=5, verbose_name='kind')),
                        ('value', models.CharField(help_text='A word or phrase; an e-mail address, or @example.com for a whole domain; an IP address.', max_length=200, verbose_name='value')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='added at')),
                    ],
                    options={
                        'verbose_name': 'blocked term',
                        'db_table': 'articles_blockedterm',
                        'verbose_name_plural': 'blocked terms',
                        'ordering': ['kind', 'value'],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'value'), name='blockedterm_unique_kind_value')],
                    },
                ),
                migrations.CreateModel(
                    name='Comment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=80, verbose_name='name')),
                        ('email', models.EmailField(help_text='Never shown to readers.', max_length=254, verbose_name='e-mail address')),
                        ('body', models.TextField(max_length=3000, verbose_name='comment')),
                        ('status', models.CharField(choices=[('held', 'Awaiting moderation'), ('approved', 'Approved'), ('spam', 'Spam'), ('removed', 'Removed')], default='held', max_length=10, verbose_name='status')),
                        ('hold_reason', models.CharField(blank=True, choices=[('', 'New comment'), ('links', 'Too many links'), ('blocked_word', 'A blocked word'), ('blocked_address', 'A blocked e-mail or IP address'), ('known_spammer', 'Earlier comments from this address were spam')], default='', max_length=20, verbose_name='why it was held')),
                        ('is_staff_reply', models.BooleanField(default=False, help_text='Posted by a member of staff.', verbose_name='from the newsroom')),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                        ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='browser')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='posted at')),
                        ('report_count', models.PositiveIntegerField(default=0, verbose_name='reports')),
                        ('reported_at', models.DateTimeField(blank=True, null=True, verbose_name='last reported at')),
                        ('moderated_at', models.DateTimeField(blank=True, null=True, verbose_name='moderated at')),
                        ('removed_at', models.DateTimeField(blank=True, null=True, verbose_name='removed at')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='articles.article', verbose_name='story')),
                        ('moderated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='moderated by')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='comments.comment', verbose_name='in reply to')),
                        ('removed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='removed by')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='comments', to=settings.AUTH_USER_MODEL, verbose_name='account')),
                    ],
                    options={
                        'verbose_name': 'comment',
                        'db_table': 'articles_comment',
                        'verbose_name_plural': 'comments',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CommentReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(choices=[('abuse', 'Abusive or hateful'), ('spam', 'Spam or advertising'), ('personal', "Shares someone's personal details"), ('other', 'Something else')], default='abuse', max_length=10, verbose_name='reason')),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='reported at')),
                        ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='comments.comment', verbose_name='comment')),
                    ],
                    options={
                        'verbose_name': 'comment report',
                        'db_table': 'articles_commentreport',
                        'verbose_name_plural': 'comment reports',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.AddIndex(
                    model_name='comment',
                    index=models.Index(fields=['article', 'status', 'created_at'], name='comment_article_status_date'),
                ),
                migrations.AddIndex(
                    model_name='comment',
                    index=models.Index(fields=['status', '-created_at'], name='comment_status_date'),
                ),
                migrations.AddIndex(
                    model_name='comment',
                    index=models.Index(fields=['email', 'status'], name='comment_email_status'),
                ),
                migrations.AddIndex(
                    model_name='comment',
                    index=models.Index(condition=models.Q(('status', 'held'), ('report_count__gt', 0), _connector='OR'), fields=['article', 'status', 'report_count', 'id'], name='comment_waiting'),
                ),
                migrations.AddConstraint(
                    model_name='comment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'removed'), _negated=True), ('removed_at__isnull', False), _connector='OR'), name='comment_removed_has_date'),
                ),
                ],
            database_operations=[migrations.RunPython(move_content_types, move_content_types_back)],
        ),
    ]
