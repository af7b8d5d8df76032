"""Comments moved from the articles app to their own: every row, count and permission comes along."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_THE_MOVE = [("articles", "0013_article_comment_count"), ("comments", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state([t for t in targets if t[1]]).apps


def leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_comments_reports_the_block_list_and_moderators_rights_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    try:
        section = old.get_model("articles", "Section").objects.create(name="Assam", name_en="Assam", slug="assam")
        story = old.get_model("articles", "Article").objects.create(
            headline="Ferry resumes",
            headline_en="Ferry resumes",
            slug="ferry-resumes",
            section=section,
            status="published",
            published_at=timezone.now(),
        )
        Comment = old.get_model("articles", "Comment")
        first = Comment.objects.create(
            article=story, name="Mridul", email="m@example.com", body="At last.", status="approved"
        )
        Comment.objects.create(
            article=story, parent=first, name="Anjali", email="a@example.com", body="Yes!", status="approved"
        )
        Comment.objects.create(article=story, name="Spammer", email="s@example.com", body="Buy now", status="held")
        old.get_model("articles", "CommentReport").objects.create(
            comment=first, reason="other", ip_address="198.51.100.7"
        )
        old.get_model("articles", "BlockedTerm").objects.create(kind="word", value="casino")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        comment_type, _created = ContentType.objects.get_or_create(app_label="articles", model="comment")
        may_moderate, _created = Permission.objects.get_or_create(
            content_type=comment_type, codename="change_comment", defaults={"name": "Can change comment"}
        )
        old.get_model("auth", "Group").objects.create(name="Night moderators").permissions.add(may_moderate)
    finally:
        new = migrate(leaf_nodes())

    comments = new.get_model("comments", "Comment").objects.order_by("pk")
    assert [(c.name, c.status, c.parent_id) for c in comments] == [
        ("Mridul", "approved", None),
        ("Anjali", "approved", comments[0].pk),
        ("Spammer", "held", None),
    ]
    # Each comment carries the HTML readers see, made from its text.
    assert comments[0].body_html == "<p>At last.</p>"
    report = new.get_model("comments", "CommentReport").objects.get()
    assert (report.comment_id, report.reason, report.ip_address) == (comments[0].pk, "other", "198.51.100.7")
    assert new.get_model("comments", "BlockedTerm").objects.get().value == "casino"
    # The story's card counts its two approved comments, not the held one.
    assert new.get_model("articles", "Article").objects.get().comment_count == 2
    # The group still holds the right to moderate, now under the comments app.
    group = new.get_model("auth", "Group").objects.get(name="Night moderators")
    assert [(p.content_type.app_label, p.codename) for p in group.permissions.all()] == [("comments", "change_comment")]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert {"comments_comment", "comments_commentreport", "comments_blockedterm"} <= set(tables)
    assert not {"articles_comment", "articles_commentreport", "articles_blockedterm"} & set(tables)
