"""PostgreSQL: the posting table has one index, (cost_centre_id, period), and no primary key (migration
0006) and no CHECK constraints (0007); an import builds the same index on each new month, and the
migrations keep stored postings."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from styr.budget.ledger_import import import_ledger
from styr.budget.models import Posting

from .budget_factories import make_posting
from .ledger_factories import JULY, make_ledger_chart

BEFORE = ("budget", "0005_no_index_on_posting_period")
AFTER = ("budget", "0006_posting_without_primary_key_on_postgresql")
LATEST = ("budget", "0007_posting_without_check_constraints")


def indexes(table: str = "budget_posting") -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [table])
        return [definition.split(" USING ")[1] for (definition,) in cursor.fetchall()]


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps the primary key of the model")


@pytest.mark.django_db
def test_the_posting_table_and_an_imported_month_have_one_index_by_cost_centre_and_no_primary_key(org):
    make_ledger_chart(2022)
    import_ledger(JULY.encode(), filename="juli.csv")
    assert indexes() == ["btree (cost_centre_id, period)"]
    assert indexes("budget_posting_p202207") == ["btree (cost_centre_id, period)"]


@pytest.mark.django_db
def test_an_imported_month_has_its_period_and_import_in_every_row_and_no_defaults_left(org):
    make_ledger_chart(2022)
    result = import_ledger(JULY.encode(), filename="juli.csv")
    assert set(Posting.objects.values_list("period", "ledger_import_id")) == {(202207, result.ledger_import.pk)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'budget_posting_p202207' "
                       "AND column_default IS NOT NULL")
        assert cursor.fetchall() == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_drops_the_primary_key_and_keeps_the_postings(org):
    try:
        migrate(BEFORE)
        assert indexes() == ["btree (cost_centre_id, period)", "btree (id, period)"]
        for n, code in enumerate(["100300", "100100", "100300"]):
            make_posting(code, n + 1, month=7, voucher=f"B{n}")
        migrate(AFTER)
        assert indexes() == ["btree (cost_centre_id, period)"]
        assert sorted(Posting.objects.values_list("voucher", flat=True)) == ["B0", "B1", "B2"]
    finally:
        migrate(LATEST)


def checks(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                       "AND contype = 'c' ORDER BY 1", [table])
        return [definition for (definition,) in cursor.fetchall()]


@pytest.mark.django_db
def test_the_server_does_not_check_each_imported_posting_again_but_a_month_keeps_its_period(org):
    make_ledger_chart(2022)
    import_ledger(JULY.encode(), filename="juli.csv")
    assert checks("budget_posting") == []
    assert checks("budget_posting_p202207") == ["CHECK ((period = 202207))"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_drops_the_checks_and_keeps_the_postings(org):
    try:
        migrate(AFTER)
        assert checks("budget_posting") == ["CHECK ((dranst >= 0))", "CHECK ((period >= 0))"]
        make_posting("100300", 1, month=7, voucher="B0")
        migrate(LATEST)
        assert checks("budget_posting") == []
        assert list(Posting.objects.values_list("voucher", flat=True)) == ["B0"]
    finally:
        migrate(LATEST)
