"""The full-text search table on SQLite (FTS5); PostgreSQL searches with its Danish configuration
and needs no table."""

from django.db import migrations


def create_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS meetings_search USING fts5("
            "item_id UNINDEXED, title, content, tokenize = 'unicode61')"
        )


def drop_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS meetings_search")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(create_fts_table, drop_fts_table)]
