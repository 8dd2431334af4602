"""The columnar reader is a fast path, not a second rule book: an ordinary file goes through it, any
file with something to report or an unusual form goes row by row, and both store the same postings."""

import threading
from contextlib import closing
from decimal import Decimal

import pytest
from django.db import connection

from styr.budget import ledger_import, ledger_store
from styr.budget.ledger_columns import read_ahead
from styr.budget.ledger_import import import_ledger
from styr.budget.models import LedgerCentreMonth, LedgerImport, LedgerMonth, Posting
from styr.core.tabular import TableError

from .budget_factories import make_posting
from .ledger_factories import JULY, make_ledger_chart, posting_file, postings, three_months_file


@pytest.fixture
def chart(org):
    return make_ledger_chart(2022)


@pytest.fixture
def readers(monkeypatch):
    """Which reader stored each import: "columnar" or "row by row"."""
    used = []
    columnar, row_by_row = ledger_import._import_columnar, ledger_import._import_row_by_row

    def spy_columnar(*args, **kwargs):
        store = columnar(*args, **kwargs)
        if store is not None:
            used.append("columnar")
        return store

    def spy_row_by_row(*args, **kwargs):
        used.append("row by row")
        return row_by_row(*args, **kwargs)

    monkeypatch.setattr(ledger_import, "_import_columnar", spy_columnar)
    monkeypatch.setattr(ledger_import, "_import_row_by_row", spy_row_by_row)
    return used


def stored():
    return (postings(), sorted(LedgerMonth.objects.values_list("period", "cost_centre_id", "function_id", "dranst",
                                                               "art_id", "amount", "postings")),
            sorted(LedgerCentreMonth.objects.values_list("period", "cost_centre_id", "capital", "service", "amount")))


def test_an_ordinary_file_is_read_by_the_columnar_reader(chart, readers):
    import_ledger(JULY.encode(), filename="juli.csv")
    assert readers == ["columnar"]
    assert len(postings()) == 4


def test_a_file_with_a_problem_is_read_again_row_by_row_for_the_report(chart, readers):
    bad = posting_file("01-07-2022;3.22.01;1;1.0;100100;12,00;ok;B1", "02-07-2022;3.22.01;1;1.0;999999;1,00;x;B2")
    with pytest.raises(TableError) as info:
        import_ledger(bad.encode(), filename="juli.csv")
    assert readers == ["row by row"]
    assert (info.value.problems[0].line, info.value.problems[0].column) == (3, "omkostningssted")
    assert not Posting.objects.exists() and not LedgerImport.objects.exists()


def test_a_file_read_from_a_pipe_goes_row_by_row(chart, readers):
    class Pipe:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def read(self, size: int = -1) -> bytes:
            size = len(self.data) if size < 0 else size
            chunk, self.data = self.data[:size], self.data[size:]
            return chunk

        def seekable(self) -> bool:
            return False

    import_ledger(Pipe(JULY.encode()), filename="juli.csv")
    assert readers == ["row by row"] and len(postings()) == 4


VARIANTS = {
    "Danish and ISO dates, Statistics Denmark codes, odd amounts": posting_file(
        "01-07-2022;32201;1;10;100100;12.345,67;Løn juli;B1001",
        "15.07.2022;3.22.01;1;4.0;100110;-1000,5;Kreditnota;B1002",
        "2022-08-31;5.57.73;1;40;100300;250;  Hjælp  ;B1003",
        "31-08-2022;5.30.27;3;4.0;100300;1.000.000,00-;Ombygning;B1004",
    ),
    "quoted delimiters, quotes and line breaks; CRLF": posting_file(
        '01-07-2022;3.22.01;1;1.0;100100;1,00;"Leverandør; ""Mælk"" og\nbrød";B1',
        '"02-07-2022";3.22.01;1;1.0;100110;2,00;"ét felt";"B2"',
        newline="\r\n",
    ),
    "comma and tab delimiters": posting_file(
        "01-07-2022;3.22.01;1;1.0;100100;5;x;B1", delimiter="\t",
    ),
}


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_both_readers_store_the_same_postings(chart, readers, monkeypatch, text, encoding):
    data = text.encode(encoding)
    import_ledger(data, filename="fil.csv")
    by_columns = stored()
    assert by_columns[0], "the file has postings"
    Posting.objects.all().delete()
    LedgerImport.objects.update(sha256="")  # so that the same content is imported again
    monkeypatch.setattr(ledger_import, "_import_columnar", lambda *args, **kwargs: None)
    import_ledger(data, filename="fil.csv")
    assert stored() == by_columns
    assert readers[0] == "columnar", "the first import took the fast path"


def test_a_combined_account_string_is_read_by_columns_too(chart, readers):
    import_ledger(b"dato;kontostreng;beloeb;tekst\n31-07-2022;3.22.01-1-4.0-100110;10,00;x\n"
                  b"31-07-2022;32201-3-10-100300;20,00;y\n", filename="k.csv", profile="kontostreng")
    assert readers == ["columnar"]
    assert sorted(Posting.objects.values_list("function__code", "dranst", "art__code", "cost_centre__code")) == [
        ("3.22.01", 1, "4.0", "100110"), ("3.22.01", 3, "1.0", "100300")]


def test_postings_made_by_hand_are_replaced_by_an_import_of_their_month_only(chart):
    make_posting("100100", 999, month=7)
    make_posting("100100", 111, month=6)
    import_ledger(JULY.encode(), filename="juli.csv")
    assert [row[0] for row in postings()] == [202206, 202207, 202207, 202207, 202207]
    assert not Posting.objects.filter(period=202207, amount=999).exists()


def test_importing_a_month_again_replaces_it_and_keeps_the_ids_unique(chart):
    import_ledger(JULY.encode(), filename="juli.csv")
    first = set(Posting.objects.values_list("pk", flat=True))
    LedgerImport.objects.update(sha256="")
    import_ledger(JULY.encode(), filename="juli.csv")
    second = set(Posting.objects.values_list("pk", flat=True))
    assert len(second) == 4 and not first & second


def test_an_imported_posting_is_numbered_by_its_import_and_its_place_in_the_file(chart):
    result = import_ledger(JULY.encode(), filename="juli.csv")
    first = ledger_store.first_id(result.ledger_import.pk)
    in_file_order = list(Posting.objects.order_by("pk").values_list("pk", "voucher"))
    vouchers = [line.split(";")[7] for line in JULY.splitlines()[1:]]
    assert in_file_order == [(first + n, voucher) for n, voucher in enumerate(vouchers)]
    by_hand = make_posting("100100", 5, month=8)
    assert by_hand.pk not in {pk for pk, _ in in_file_order}
    assert Posting.objects.count() == len(vouchers) + 1


def test_every_posting_of_a_file_is_stored_once_whatever_the_batching(chart, monkeypatch):
    monkeypatch.setattr(ledger_store, "SQLITE_ROWS_PER_CALL", 60)  # 60 = 50 in one statement + 10 one by one
    lines = [f"{n % 28 + 1:02d}-{n % 2 + 7:02d}-2022;3.22.01;1;1.0;100100;{n},00;tekst {n};B{n}" for n in range(123)]
    result = import_ledger(posting_file(*lines).encode(), filename="mange.csv")
    first = ledger_store.first_id(result.ledger_import.pk)
    stored_rows = list(Posting.objects.order_by("pk").values_list("pk", "voucher", "amount"))
    assert stored_rows == [(first + n, f"B{n}", Decimal(n)) for n in range(123)]


def test_postgresql_keeps_one_partition_per_imported_month(chart):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL partitions the posting table; SQLite has one table")
    import_ledger(JULY.encode(), filename="juli.csv")
    LedgerImport.objects.update(sha256="")
    import_ledger(JULY.encode(), filename="juli.csv")
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = 'budget_posting'::regclass ORDER BY 1")
        partitions = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'budget_posting_i%%' AND relkind = 'r'")
        (loose,) = cursor.fetchone()
    assert partitions == ["budget_posting_default", "budget_posting_p202207"]
    assert loose == 0, "no new table is left outside the partitioned table"


def test_read_ahead_hands_over_every_item_and_the_readers_error():
    assert list(read_ahead(iter(range(10)))) == list(range(10))

    def failing():
        yield 1
        raise ValueError("ødelagt blok")

    items = read_ahead(failing())
    assert next(items) == 1
    with pytest.raises(ValueError, match="ødelagt blok"):
        next(items)


def test_read_ahead_stops_its_thread_when_the_consumer_stops():
    before = threading.active_count()
    items = read_ahead(iter(range(1000)), depth=1)
    assert next(items) == 0
    items.close()
    assert threading.active_count() == before


def test_read_ahead_of_a_read_ahead_stops_both_threads_when_the_consumer_stops():
    before = threading.active_count()

    def doubled(inner):
        with closing(inner):
            yield from (n * 2 for n in inner)

    items = read_ahead(doubled(read_ahead(iter(range(1000)), depth=1)), depth=1)
    assert next(items) == 0
    items.close()
    assert threading.active_count() == before


def test_a_problem_in_a_later_block_undoes_what_the_columnar_reader_wrote(chart, readers, monkeypatch):
    from styr.budget import ledger_columns

    import_ledger(JULY.encode(), filename="juli.csv")
    before = stored()
    monkeypatch.setattr(ledger_columns, "BLOCK_SIZE", 4096)  # many blocks from a small file
    writes = []
    original_write = ledger_store.PostingStore.write

    def counting_write(store, prepared):
        writes.append(prepared.table.num_rows)
        original_write(store, prepared)

    monkeypatch.setattr(ledger_store.PostingStore, "write", counting_write)
    good = [f"{n % 28 + 1:02d}-07-2022;3.22.01;1;1.0;100100;{n},00;række {n};B{n}" for n in range(400)]
    with pytest.raises(TableError) as info:
        import_ledger(posting_file(*good, "01-07-2022;3.22.01;1;1.0;100100;tolv;x;B9").encode(), filename="ny.csv")
    assert readers == ["columnar", "row by row"]
    assert (info.value.problems[0].line, info.value.problems[0].column) == (402, "beloeb")
    assert len(writes) > 1 and sum(writes) < 400, "blocks were written before the bad one was met"
    assert stored() == before and LedgerImport.objects.count() == 1



def test_codes_are_looked_up_by_their_text_and_a_new_text_goes_through_the_rule_once():
    import pyarrow as pa

    from styr.budget.ledger_columns import NotColumnar, _Codes

    asked = []

    def rule(raw: str) -> int:
        asked.append(raw)
        if raw == "x":
            raise ValueError("ikke et tal")
        return int(raw) * 10

    codes = _Codes(rule, pa.int64())
    assert codes.take(pa.array(["1", "2", "1"]), "felt").to_pylist() == [10, 20, 10]
    assert codes.take(pa.array(["2", "3", "3"]), "felt").to_pylist() == [20, 30, 30], "a block with a new text"
    assert sorted(asked) == ["1", "2", "3"]
    with pytest.raises(NotColumnar):
        codes.take(pa.array(["1", "x"]), "felt")


def test_the_sums_are_the_same_however_many_postings_are_summed_at_a_time(chart, monkeypatch):
    data = three_months_file(60)
    import_ledger(data, filename="mange.csv")
    at_once = stored()
    Posting.objects.all().delete()
    LedgerImport.objects.update(sha256="")
    monkeypatch.setattr(ledger_store, "SUM_EVERY", 7)
    monkeypatch.setattr(ledger_import, "BATCH_ROWS", 5)
    monkeypatch.setattr(ledger_import, "_import_columnar", lambda *args, **kwargs: None)  # batches of 5
    import_ledger(data, filename="mange.csv")
    assert stored() == at_once
    assert sum(row[6] for row in at_once[1]) == 60
