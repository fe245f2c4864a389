"""The full-text structures Django's ORM cannot declare, and the initial synonym list."""
from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_fts USING fts5("
    "title, phrasings, summary, body, lang UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS portal_search_fts"
PG_CREATE = [
    "ALTER TABLE portal_search_indexentry ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS portal_search_entry_vector ON portal_search_indexentry USING GIN (search_vector)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS portal_search_entry_vector",
    "ALTER TABLE portal_search_indexentry DROP COLUMN IF EXISTS search_vector",
]

INITIAL_SYNONYMS = {
    "ru": [
        "ТП, техприсоединение, технологическое присоединение, подключение к сетям, подключить",
        "ЦОК, центр обслуживания клиентов, офис обслуживания, клиентский офис",
        "свет, электроэнергия, электричество",
        "ЖКУ, коммунальные услуги, ЖКХ, коммуналка",
        "счетчик, прибор учета, ПУ, электросчетчик",
        "льгота, компенсация",
        "отключение, отключили, авария, аварийное отключение",
        "РЭС, район электрических сетей",
        "МФЦ, многофункциональный центр",
        "УФАС, антимонопольная служба",
        "жалоба, пожаловаться, жаловаться",
    ],
    "en": [
        "grid connection, connection to the grid, connect, hook up",
        "customer service centre, customer service center, service centre, office",
        "electricity, power, energy",
        "utilities, housing and utility services, utility bills",
        "meter, metering device",
        "benefit, compensation, allowance",
        "outage, power cut, blackout",
        "complaint, complain",
    ],
}


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for sql in PG_CREATE:
            schema_editor.execute(sql)


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for sql in PG_DROP:
            schema_editor.execute(sql)


def add_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    for lang, groups in INITIAL_SYNONYMS.items():
        for terms in groups:
            SynonymGroup.objects.get_or_create(lang=lang, terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.RunPython(create_fulltext, drop_fulltext),
        migrations.RunPython(add_synonyms, migrations.RunPython.noop),
    ]
