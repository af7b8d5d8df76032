"""The comment models now belong to the comments app (articles/comments/migrations/0001): only the
migration state changes here; the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_article_comment_count"),
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BlockedTerm"),
                migrations.RemoveField(model_name="commentreport", name="comment"),
                migrations.DeleteModel(name="CommentReport"),
                migrations.DeleteModel(name="Comment"),
            ],
        ),
    ]
