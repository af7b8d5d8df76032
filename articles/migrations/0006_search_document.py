"""Full-text search on PostgreSQL: a tsvector of every language's headline (A), summary (B) and
body (C), kept by a trigger (so bulk inserts and updates are covered too) and GIN-indexed.

The columns come from settings.LANGUAGES when the migration runs: a site that adds a language
adds a migration that calls `create_search_trigger` again. Nothing happens on SQLite.
"""

import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

FIELDS = (("headline", "A"), ("summary", "B"), ("body", "C"))


def _document_sql(languages):
    parts = []
    for field, weight in FIELDS:
        text = " || ' ' || ".join(f"coalesce(NEW.{field}_{code}, '')" for code in languages)
        parts.append(f"setweight(to_tsvector('simple', {text}), '{weight}')")
    return " || ".join(parts)


def create_search_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    languages = [code for code, _name in settings.LANGUAGES]
    columns = ", ".join(f"{field}_{code}" for field, _weight in FIELDS for code in languages)
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION articles_article_search_document() RETURNS trigger AS $$
        BEGIN
            NEW.search_document := {_document_sql(languages)};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
        CREATE TRIGGER articles_article_search_document
            BEFORE INSERT OR UPDATE OF {columns} ON articles_article
            FOR EACH ROW EXECUTE FUNCTION articles_article_search_document();
        CREATE INDEX IF NOT EXISTS articles_article_search_gin ON articles_article USING gin (search_document);
        """
    )
    # Fill the stories that already exist (the trigger fires on this update of their text).
    schema_editor.execute(f"UPDATE articles_article SET headline_{languages[0]} = headline_{languages[0]}")


def drop_search_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        DROP INDEX IF EXISTS articles_article_search_gin;
        DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
        DROP FUNCTION IF EXISTS articles_article_search_document();
        """
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_unicode_slugs"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_trigger, drop_search_trigger),
    ]
