"""The migrations that add the Assamese columns keep every row and what was written in it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The migrations under test, by app and name (whatever number they come to have).
ADDING_ASSAMESE = [
    ("articles", "correction_note_in_assamese"),
    ("accounts", "reporter_name_in_assamese"),
    ("enquiries", "contact_details_in_assamese"),
]


def graph():
    loader = MigrationExecutor(connection).loader
    loader.build_graph()
    return loader.graph


def just_before_them():
    nodes = graph().node_map
    mine = [key for key in nodes for app, name in ADDING_ASSAMESE if key[0] == app and key[1].endswith(name)]
    assert len(mine) == len(ADDING_ASSAMESE)
    return [parent.key for key in mine for parent in nodes[key].parents if parent.key[0] == key[0]]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_assamese_columns_arrive_without_losing_a_row_or_a_word():
    old = migrate(just_before_them())
    try:
        user = old.get_model("accounts", "User").objects.create(email="anjali@example.com", full_name="Anjali Baruah")
        old.get_model("accounts", "Reporter").objects.create(user=user, slug="anjali-baruah", status="approved")
        section = old.get_model("articles", "Section").objects.create(name="Assam", name_en="Assam", slug="assam")
        Article = old.get_model("articles", "Article")
        for n, correction in enumerate(["An earlier version misspelt Majuli.", ""]):
            Article.objects.create(
                headline=f"Story {n}",
                headline_en=f"Story {n}",
                slug=f"story-{n}",
                section=section,
                status="published",
                published_at=timezone.now(),
                correction=correction,
            )
        old.get_model("enquiries", "ContactDetails").objects.create(
            pk=1, address="Panbazar, Guwahati", email="desk@example.com", phones="+91 361 254 0000 (news desk)"
        )
    finally:
        new = migrate(graph().leaf_nodes())  # every app as the rest of the suite expects it

    reporter = new.get_model("accounts", "Reporter").objects.get()
    assert (reporter.user.full_name, reporter.name_as) == ("Anjali Baruah", "")
    stories = new.get_model("articles", "Article").objects.order_by("slug")
    assert [(s.slug, s.correction_en or "", s.correction_as) for s in stories] == [
        ("story-0", "An earlier version misspelt Majuli.", None),
        ("story-1", "", None),
    ]
    details = new.get_model("enquiries", "ContactDetails").objects.get()
    assert (details.address_en, details.phones_en, details.address_as) == (
        "Panbazar, Guwahati",
        "+91 361 254 0000 (news desk)",
        None,
    )
