"""PostgreSQL: a small ``head_vector`` (title, phrasings, summary) to rank on, GIN-indexed, and
the function that picks a search's candidates with it.

Ranking every match with ``ts_rank`` on the full ``search_vector`` read and decompressed a ~4 KB
vector per matching document: at 20,000 documents a one-word search took about 60 ms in the
database alone. The full vector still finds the documents (through its GIN index); the head
vector (a few hundred bytes, kept in the row) orders them. Filled here from the stored stems.
The long texts a search reads for its candidates and snippets are compressed with lz4 where the
server has it (decompressing 200 bodies' stems with pglz was most of fetching them; values are
recompressed as they are next written, e.g. by ``rebuild_search_index``).
``portal_search_candidates`` is explained in ``search.backends.embedded._Tiers``/``_PgTiers``
(``SET enable_seqscan = off`` holds only while it runs). SQLite is unchanged (its FTS5 table
ranks with bm25 and column filters).
"""
from django.db import migrations

CONFIGS = {"ru": "russian", "en": "english"}
HEAD = ("setweight(to_tsvector(%(config)s::regconfig, title_stems), 'A') || "
        "setweight(to_tsvector(%(config)s::regconfig, phrasings_stems), 'B') || "
        "setweight(to_tsvector(%(config)s::regconfig, summary_stems), 'C')")

CANDIDATES_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_search_candidates(
    config regconfig, every_query text, any_query text, lang_code varchar, lim integer)
RETURNS TABLE (tier integer, id bigint, score real)
LANGUAGE sql STABLE SET enable_seqscan = off
AS $f$
  (SELECT 0, e.id, ts_rank(e.head_vector, r) AS s
   FROM portal_search_indexentry e, to_tsquery(config, every_query) AS m, to_tsquery(config, any_query) AS r
   WHERE every_query IS NOT NULL AND e.lang = lang_code AND e.search_vector @@ m
   ORDER BY s DESC, e.id LIMIT lim / 2)
  UNION ALL
  (SELECT 1, e.id, ts_rank(e.head_vector, r) AS s
   FROM portal_search_indexentry e, to_tsquery(config, any_query) AS r
   WHERE e.lang = lang_code AND e.head_vector @@ r
   ORDER BY s DESC, e.id LIMIT lim)
  UNION ALL
  (SELECT 2, e.id, 0::real
   FROM portal_search_indexentry e, to_tsquery(config, any_query) AS r
   WHERE e.lang = lang_code AND e.search_vector @@ r
   LIMIT lim)
$f$
"""
LZ4_COLUMNS = ("body_stems", "body", "summary_stems", "summary")
LZ4 = """DO $$ BEGIN
  ALTER TABLE portal_search_indexentry {alter};
EXCEPTION WHEN OTHERS THEN NULL;  -- a server built without lz4 keeps pglz
END $$"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS portal_search_candidates(regconfig, text, text, varchar, integer)"


def add_head_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE portal_search_indexentry ADD COLUMN IF NOT EXISTS head_vector tsvector")
    for lang, config in CONFIGS.items():
        schema_editor.execute(f"UPDATE portal_search_indexentry SET head_vector = {HEAD} WHERE lang = %(lang)s",
                              {"config": config, "lang": lang})
    schema_editor.execute("CREATE INDEX IF NOT EXISTS portal_search_entry_head ON portal_search_indexentry "
                          "USING GIN (head_vector)")
    schema_editor.execute(CANDIDATES_FUNCTION)
    schema_editor.execute(LZ4.format(alter=", ".join(f"ALTER COLUMN {c} SET COMPRESSION lz4" for c in LZ4_COLUMNS)))


def drop_head_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_FUNCTION)
    schema_editor.execute("DROP INDEX IF EXISTS portal_search_entry_head")
    schema_editor.execute("ALTER TABLE portal_search_indexentry DROP COLUMN IF EXISTS head_vector")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_index_generation_fts_lang")]

    operations = [migrations.RunPython(add_head_vector, drop_head_vector)]
