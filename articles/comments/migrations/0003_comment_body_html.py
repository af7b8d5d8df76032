"""Each comment keeps the HTML readers see, made once on save; existing comments get theirs here."""

from django.db import migrations, models

from articles.comments.text import comment_body_html


def render_bodies(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    db = schema_editor.connection.alias
    batch = []
    for comment in Comment.objects.using(db).only("pk", "body").iterator(chunk_size=2000):
        comment.body_html = comment_body_html(comment.body)
        batch.append(comment)
        if len(batch) == 2000:
            Comment.objects.using(db).bulk_update(batch, ["body_html"])
            batch = []
    Comment.objects.using(db).bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_tables_renamed_and_stories_counted"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(render_bodies, migrations.RunPython.noop),
    ]
