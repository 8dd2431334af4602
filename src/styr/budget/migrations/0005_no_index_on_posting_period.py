"""No index on budget_posting.period.

On PostgreSQL each month is a partition of its own (0003), so a query for a period reads just that
partition. On SQLite the ledger import, the only thing that looks postings up by period alone,
deletes the periods it replaces in one scan of the table (a third of a second per 10 million
postings); the export of a period reads it the same way. Building the index cost the import of a
year's postings 2 s on PostgreSQL and 8 s on SQLite; the drill-down finds a cost centre's postings by
(cost_centre, period), which stays.
"""

from django.db import migrations


def drop(apps, schema_editor) -> None:
    schema_editor.execute("DROP INDEX IF EXISTS posting_period")


def create(apps, schema_editor) -> None:
    schema_editor.execute("CREATE INDEX IF NOT EXISTS posting_period ON budget_posting (period)")


class Migration(migrations.Migration):
    dependencies = [("budget", "0004_ledger_centre_year")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveIndex(model_name="posting", name="posting_period")],
            database_operations=[migrations.RunPython(drop, create)],
        ),
    ]
