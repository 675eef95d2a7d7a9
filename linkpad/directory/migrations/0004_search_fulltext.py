"""The full-text half of search, which Django's model layer cannot describe.

SQLite: an FTS5 table (Porter stemming, accents folded) whose rowid is the search index row's id,
kept in step with `directory_servicesearchindex` by triggers, so bulk writes and cascaded deletes
of services can never leave it behind. PostgreSQL: a stored, generated `tsvector` column with a GIN
index. Each backend's half is a no-op on the other.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE directory_service_fts USING fts5(
        document, tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_servicesearchindex BEGIN
        INSERT INTO directory_service_fts (rowid, document) VALUES (new.id, new.document);
    END""",
    """CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF document ON directory_servicesearchindex
    BEGIN
        DELETE FROM directory_service_fts WHERE rowid = old.id;
        INSERT INTO directory_service_fts (rowid, document) VALUES (new.id, new.document);
    END""",
    """CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_servicesearchindex BEGIN
        DELETE FROM directory_service_fts WHERE rowid = old.id;
    END""",
    "INSERT INTO directory_service_fts (rowid, document) SELECT id, document FROM directory_servicesearchindex",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_service_fts_delete",
    "DROP TRIGGER IF EXISTS directory_service_fts_update",
    "DROP TRIGGER IF EXISTS directory_service_fts_insert",
    "DROP TABLE IF EXISTS directory_service_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE directory_servicesearchindex ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', document)) STORED""",
    "CREATE INDEX directory_search_vector_gin ON directory_servicesearchindex USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS directory_search_vector_gin",
    "ALTER TABLE directory_servicesearchindex DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
            elidable=False,
        )
    ]
