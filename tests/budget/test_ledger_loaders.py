"""PostgreSQL: a large import's month tables are loaded on side connections and swapped in by the import's
own transaction; whatever happens, the old months stay until that commits and no table is left over."""

import threading

import pytest
from django.db import DatabaseError, connection

from styr.budget import ledger_loaders, ledger_store, rollups
from styr.budget.ledger_import import import_ledger
from styr.budget.models import LedgerCentreMonth, LedgerImport, LedgerMonth

from .ledger_factories import AUGUST, JULY, make_ledger_chart, posting_file, postings

pytestmark = pytest.mark.django_db(transaction=True)  # the side connections see only what is committed


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL loads on side connections")


@pytest.fixture
def chart(org):
    return make_ledger_chart(2022)


@pytest.fixture
def side_loading(monkeypatch):
    """Every file is loaded on side connections; the loaders used, as they are made."""
    made = []
    monkeypatch.setattr(ledger_store, "SIDE_LOADING_BYTES", 0)
    original = ledger_store.SideLoaders

    def spy(*args, **kwargs):
        made.append(original(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(ledger_store, "SideLoaders", spy)
    return made


def tables() -> tuple[list[str], list[str]]:
    """The posting table's partitions, and the new tables outside it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = 'budget_posting'::regclass ORDER BY 1")
        partitions = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT relname FROM pg_class WHERE relname LIKE 'budget\\_posting\\_i%%' AND relkind = 'r' "
                       "AND NOT relispartition ORDER BY 1")
        loose = [name for (name,) in cursor.fetchall()]
    return partitions, loose


def rollup_rows():
    return (sorted(LedgerMonth.objects.values_list("period", "cost_centre_id", "amount", "postings")),
            sorted(LedgerCentreMonth.objects.values_list("period", "cost_centre_id", "amount")))


BOTH_MONTHS = posting_file(*JULY.splitlines()[1:], *AUGUST.splitlines()[1:])


def test_a_large_file_is_loaded_on_side_connections_and_stored_as_in_one_transaction(chart, side_loading):
    import_ledger(BOTH_MONTHS.encode(), filename="begge.csv")
    assert len(side_loading) == 1, "the file went to the side loaders"
    by_side, rollups_by_side = postings(), rollup_rows()
    partitions, loose = tables()
    assert {"budget_posting_default", "budget_posting_p202207", "budget_posting_p202208"} <= set(partitions)
    assert loose == []

    ledger_store.SIDE_LOADING_BYTES = 1 << 40  # (monkeypatch restores it) the same file in one transaction
    LedgerImport.objects.update(sha256="")
    import_ledger(BOTH_MONTHS.encode(), filename="begge.csv")
    assert len(side_loading) == 1
    assert postings() == by_side and rollup_rows() == rollups_by_side
    assert len(by_side) == 5


def test_an_import_that_fails_after_its_loaders_committed_leaves_the_old_months_and_no_tables(
        chart, side_loading, monkeypatch):
    import_ledger(JULY.encode(), filename="juli.csv")
    before = postings(), rollup_rows(), tables()

    def broken(periods):
        raise RuntimeError("årsopgørelsen fejlede")

    monkeypatch.setattr(rollups, "after_ledger_import", broken)
    with pytest.raises(RuntimeError, match="årsopgørelsen fejlede"):
        import_ledger(BOTH_MONTHS.encode(), filename="begge.csv")
    assert (postings(), rollup_rows(), tables()) == before
    assert before[2][1] == [] and LedgerImport.objects.count() == 1


def test_a_loader_that_fails_fails_the_import_and_changes_nothing(chart, side_loading, monkeypatch):
    import_ledger(JULY.encode(), filename="juli.csv")
    before = postings(), rollup_rows()
    threads = threading.active_count()

    def failing_copy(self, cursor):
        cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(ledger_store._CopyRows, "__call__", failing_copy)
    LedgerImport.objects.update(sha256="")
    with pytest.raises(DatabaseError, match="division by zero"):
        import_ledger(BOTH_MONTHS.encode(), filename="begge.csv")
    assert (postings(), rollup_rows()) == before
    assert tables()[1] == []
    assert threading.active_count() == threads, "every loader's thread has ended"


def test_the_next_import_drops_the_tables_a_killed_import_left(chart):
    with connection.cursor() as cursor:  # as a killed import's committed loader leaves it
        cursor.execute("CREATE TABLE budget_posting_i999999_202207 (LIKE budget_posting)")
    assert tables()[1] == ["budget_posting_i999999_202207"]
    import_ledger(JULY.encode(), filename="juli.csv")
    assert tables()[1] == [] and "budget_posting_p202207" in tables()[0]


def test_a_copy_that_stores_another_number_of_rows_than_was_sent_is_an_error():
    class Cursor:
        rowcount = 2

        def copy(self, sql):
            class Copy:
                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return False

                def write(self, data):
                    pass

            return Copy()

    with pytest.raises(DatabaseError, match="2 rækker gemt af 3 sendte"):
        ledger_store._CopyRows('"ny"', memoryview(b"..."), 3)(Cursor())


def test_each_batch_of_a_month_is_stored_in_order_of_cost_centre_and_of_the_file_within_one(chart):
    centres = ["100300", "100100", "100110"]
    rows = [f"{n % 28 + 1:02d}-07-2022;3.22.01;1;1.0;{centres[n % 3]};{n},00;r{n};B{n}" for n in range(30)]
    import_ledger(posting_file(*rows).encode(), filename="juli.csv")
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.code, p.voucher FROM budget_posting_p202207 p "
                       "JOIN organisation_costcentre c ON c.id = p.cost_centre_id ORDER BY p.ctid")
        stored = cursor.fetchall()
    by_centre = {code: [f"B{n}" for n in range(30) if centres[n % 3] == code] for code in centres}
    assert stored == [(code, voucher) for code in sorted(centres, key=lambda code: _centre_id(code))
                      for voucher in by_centre[code]]


def _centre_id(code: str) -> int:
    from styr.organisation.models import CostCentre

    return CostCentre.objects.get(code=code).pk


def test_side_loaders_commit_what_they_made_or_roll_it_back_when_stopped(chart):
    committed = ledger_loaders.SideLoaders()
    committed.run(202207, ledger_store._Execute("CREATE TABLE budget_posting_i888888_202207 (x int)"))
    committed.commit()
    committed.wait()
    assert tables()[1] == ["budget_posting_i888888_202207"]
    ledger_loaders.drop_loose_tables(888888)

    stopped = ledger_loaders.SideLoaders()
    stopped.run(202207, ledger_store._Execute("CREATE TABLE budget_posting_i888889_202207 (x int)"))
    stopped.run(202207, ledger_store._Execute("SELECT pg_sleep(30)"))
    stopped.abort()
    assert tables()[1] == []
