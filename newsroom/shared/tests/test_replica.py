"""Public reads on a replica (DATABASE_REPLICA_URL): a real process with the setting on, its replica
connection a second connection to the same database file, and every statement counted per connection."""

import json

from newsroom.tests.helpers import run_django

COUNT_READS = """
import json
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.utils import timezone

call_command("migrate", verbosity=0)
from accounts.models import User
from articles.models import Article, Section

section = Section.objects.create(name="Assam", slug="assam")
Article.objects.create(headline="Ferries resume", section=section, body="<p>Running.</p>",
                       status=Article.Status.PUBLISHED, published_at=timezone.now())
editor_user = User.objects.create_superuser(email="editor@example.com", full_name="Desk Editor",
                                           password="pw-for-a-test-42")

statements = {"default": [], "replica": []}

def counter(alias):
    def count(execute, sql, params, many, context):
        statements[alias].append(sql.split()[0].upper())
        return execute(sql, params, many, context)
    return count

def visit(client, method, path, **data):
    for alias in statements:
        statements[alias].clear()
    with connections["default"].execute_wrapper(counter("default")), \\
         connections["replica"].execute_wrapper(counter("replica")):
        response = getattr(client, method)(path, data)
    return {"status": response.status_code, **{alias: list(sql) for alias, sql in statements.items()}}

reader, editor = Client(), Client()
editor.force_login(editor_user)
print(json.dumps({
    "anonymous story": visit(reader, "get", "/news/ferries-resume/"),
    "anonymous search": visit(reader, "get", "/search/", q="ferries"),
    "contact form post": visit(reader, "post", "/contact/", name="Mridul", email="m@example.com",
                               subject="Hello", message="A question about ferries."),
    "logged-in editor": visit(editor, "get", "/news/ferries-resume/"),
}))
"""


def test_with_a_replica_only_anonymous_reads_go_to_it_and_writes_and_staff_stay_on_the_primary(tmp_path):
    database = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    result = run_django(
        COUNT_READS,
        env={"DATABASE_URL": database, "DATABASE_REPLICA_URL": database, "MEDIA_ROOT": str(tmp_path / "media")},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    for page in ("anonymous story", "anonymous search"):
        assert seen[page]["status"] == 200, page
        assert seen[page]["replica"] and set(seen[page]["replica"]) == {"SELECT"}, page
        assert seen[page]["default"] == [], page

    # A form post writes, so it reads the primary too (nobody misses what they have just saved).
    assert seen["contact form post"]["status"] in (200, 302)
    assert seen["contact form post"]["replica"] == []
    assert "INSERT" in seen["contact form post"]["default"]

    assert seen["logged-in editor"]["status"] == 200
    assert seen["logged-in editor"]["replica"] == []
    assert seen["logged-in editor"]["default"]


def test_without_the_setting_there_is_no_replica_and_no_router():
    result = run_django(
        "from django.conf import settings\n"
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
        "'newsroom.shared.replica.PublicReadsMiddleware' in settings.MIDDLEWARE)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['default'] [] False"
