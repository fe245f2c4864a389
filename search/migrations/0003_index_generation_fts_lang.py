"""The index generation token (vocabulary cache), and the SQLite full-text table with ``lang`` indexed.

``lang`` was an UNINDEXED column, so filtering on it read each matching row's stored text (the
column comes last, after the long body): at 20,000 documents that was most of a query's time.
Indexed, it is matched inside the full-text expression (``lang : "ru" AND {title ...} : (...)``).
The table is rebuilt from the stems kept in ``portal_search_indexentry``.
"""
import uuid

from django.db import migrations, models

FTS_COLUMNS = "title, phrasings, summary, body, lang{unindexed}, tokenize = 'unicode61 remove_diacritics 0'"


def _rebuild_fts(schema_editor, lang_indexed):
    if schema_editor.connection.vendor != "sqlite":
        return
    columns = FTS_COLUMNS.format(unindexed="" if lang_indexed else " UNINDEXED")
    schema_editor.execute("DROP TABLE IF EXISTS portal_search_fts")
    schema_editor.execute(f"CREATE VIRTUAL TABLE portal_search_fts USING fts5({columns})")
    schema_editor.execute(
        "INSERT INTO portal_search_fts (rowid, title, phrasings, summary, body, lang) "
        "SELECT id, title_stems, phrasings_stems, summary_stems, body_stems, lang FROM portal_search_indexentry")


def index_lang(apps, schema_editor):
    _rebuild_fts(schema_editor, lang_indexed=True)


def unindex_lang(apps, schema_editor):
    _rebuild_fts(schema_editor, lang_indexed=False)


def first_generation(apps, schema_editor):
    apps.get_model("portal_search", "IndexGeneration").objects.create(token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_fulltext_and_synonyms")]

    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
        migrations.RunPython(index_lang, unindex_lang),
    ]
