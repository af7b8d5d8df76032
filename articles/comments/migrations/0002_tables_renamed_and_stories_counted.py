"""The comment tables take the comments app's names, and each story's comment count is written."""

from django.db import migrations
from django.db.models import Count, OuterRef, Q, Subquery


def count_comments(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    db = schema_editor.connection.alias
    approved = (
        Comment.objects.using(db)
        .filter(article=OuterRef("pk"), status="approved")
        # As Comment.objects.shown(): a reply under a conversation readers no longer see is not counted.
        .filter(Q(parent__isnull=True) | Q(parent__status="approved"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    commented = Comment.objects.using(db).filter(status="approved").values("article")
    Article.objects.using(db).filter(pk__in=commented).update(comment_count=Subquery(approved))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0014_comments_moved_to_their_own_app"),
    ]

    operations = [
        migrations.AlterModelTable(name="comment", table=None),
        migrations.AlterModelTable(name="commentreport", table=None),
        migrations.AlterModelTable(name="blockedterm", table=None),
        migrations.RunPython(count_comments, migrations.RunPython.noop),
    ]
