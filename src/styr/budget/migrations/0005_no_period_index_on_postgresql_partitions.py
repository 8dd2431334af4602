"""PostgreSQL: no index on budget_posting.period.

Each month is a partition of its own (0003), so a query for a period reads just that partition, and
an index of one repeated value per partition only costs the import its building (about a quarter
of a second per million postings). The model keeps the index for SQLite, where it is what finds a
period; Django's record of the schema is unchanged.
"""

from django.db import migrations


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS posting_period")


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS posting_period ON budget_posting (period)")


class Migration(migrations.Migration):
    dependencies = [("budget", "0004_ledger_centre_year")]

    operations = [migrations.RunPython(drop, create)]
