"""PostgreSQL: budget_posting has no primary key; its one index is (cost_centre_id, period).

A ledger import builds every index of the posting table on each new month table, and the primary
key (id, period) was one sort of every posting more: a sixth of a 10-million-row import's work on the
server. Nothing needs it: nothing looks a posting up by its id alone (the drill-down finds a cost
centre's postings by the other index), ids are unique by how they are made (an import's postings
have ids from its own range: ledger_store.first_id; postings made by hand take theirs from the
sequence, far below), and the import checks that every COPY stored exactly the rows it sent, which
is what a key would have caught of a mistake in the loading (a batch sent twice). A partitioned
table's key must hold the partition key anyway (0003), so it never said that an id is unique.

SQLite keeps the id as its primary key; the model, and so the migration state, keep it too.
"""

from django.db import migrations


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE budget_posting DROP CONSTRAINT budget_posting_pkey")


def add(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE budget_posting ADD CONSTRAINT budget_posting_pkey PRIMARY KEY (id, period)")


class Migration(migrations.Migration):
    dependencies = [("budget", "0005_no_index_on_posting_period")]

    operations = [migrations.RunPython(drop, add)]
