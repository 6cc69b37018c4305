"""The full-text index of practices, one per database: FTS5 on SQLite, tsvector columns with GIN on PostgreSQL.

Both index the same terms (``SearchDocument.document``), made by the shared normaliser, so a query finds the
same practices on either database. SQLite's tokenizer keeps diacritics ('får' is not 'far').
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE practices_fts USING fts5(document, tokenize=\"unicode61 remove_diacritics 0\")",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS practices_fts"]

POSTGRES_FORWARD = [
    # The terms as they are: no parser or stemmer between the normaliser and the index.
    "ALTER TABLE practices_searchdocument ADD COLUMN terms tsvector"
    " GENERATED ALWAYS AS (array_to_tsvector(string_to_array(document, ' '))) STORED",
    "CREATE INDEX practices_searchdocument_terms_idx ON practices_searchdocument USING GIN (terms)",
    # PostgreSQL's own Norwegian stemmer over the text as written, used to rank the matches.
    "ALTER TABLE practices_searchdocument ADD COLUMN norwegian tsvector"
    " GENERATED ALWAYS AS (to_tsvector('norwegian', text)) STORED",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS practices_searchdocument_terms_idx",
    "ALTER TABLE practices_searchdocument DROP COLUMN IF EXISTS terms",
    "ALTER TABLE practices_searchdocument DROP COLUMN IF EXISTS norwegian",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [("practices", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
