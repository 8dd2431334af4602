"""Where an import's postings go: the database's bulk path, fed with Arrow tables.

Both readers of ``ledger_import`` (the columnar one for ordinary files, the row-by-row one for the
rest) hand over their postings as Arrow tables of ``POSTINGS`` and leave the writing to
``PostingStore``, which keeps the rule of the import: the periods a file covers are replaced, in the
open transaction, so that readers see the old numbers until the commit and the new ones after.

PostgreSQL keeps ``budget_posting`` partitioned by period (migration 0003), one partition per month
and a default partition for postings made by hand. An import makes a new table for each of its
periods and loads it with binary COPY ... FREEZE: the store gathers some megabytes of postings and
sends each month's part of them to the month's table as one batch in order of cost centre, builds
each new table's index once it is full, and at the very end swaps the new tables in for the
periods' partitions: DETACH the old, ATTACH the new. The one index is (cost_centre_id, period), for
the drill-down; there is no primary key (migration 0006). A batch in order of cost centre makes a
cost centre's postings of a month lie together in a few places, which the drill-down reads, and
makes the index's sort a quarter cheaper. Loading a table without indexes and indexing it afterwards
is several times cheaper than keeping the index up to date row by row (in measurements: 95 s
against 27 s + 14 s for 10 million rows), and the old partition stays readable while the new one is
built. FREEZE, which a table made in the same transaction allows, writes the rows as already visible
to all, so neither the COPY nor the first readers and the vacuum after it have to mark them one by
one. The swap holds a lock on the posting table for milliseconds, just before the commit. A file of
``SIDE_LOADING_BYTES`` or more is loaded on side connections, a few months on each, in parallel
(``ledger_loaders``); a smaller one in the import's own transaction. Every COPY checks that the
server stored as many rows as were sent.

SQLite inserts the new rows, then deletes the periods' old ones in one scan of the table; for a file
that replaces a large share of the table it drops the indexes first and builds them again after the
rows (the transaction keeps readers on the old snapshot in WAL mode, and a rollback restores the
indexes).

An imported posting's id is its import's id times 2³² plus its place in the file (``first_id``):
unique without a sequence (PostgreSQL spent half of the COPY on asking the id sequence for ten
million numbers), in the order of the file, and above every id the sequence gives postings made one
at a time.

The store also sums the postings per month and account string (``sums``), from which
``ledger_import`` writes the rollups, so millions of stored postings are never grouped again in SQL.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from django.db import DatabaseError, connection

from .ledger_loaders import SideLoaders, drop_loose_tables, new_table_name, new_table_sql
from .models import Posting, SuspensePosting

__all__ = ["POSTINGS", "PostingStore", "Prepared", "first_id", "fixed_width_copy", "posting_order", "postings_table"]

logger = logging.getLogger(__name__)

# The postings as both readers hand them over. Dates are days since 1970 (Arrow's date32).
POSTINGS = pa.schema([
    ("period", pa.int32()), ("date", pa.date32()), ("cost_centre_id", pa.int64()), ("function_id", pa.int64()),
    ("dranst", pa.int16()), ("art_id", pa.int64()), ("amount", pa.int64()), ("text", pa.string()),
    ("voucher", pa.string()), ("grouping", pa.string()), ("project", pa.string()),
])
SUM_KEYS = ["period", "cost_centre_id", "function_id", "dranst", "art_id"]
TEXT_COLUMNS = ("text", "voucher", "grouping", "project")

SQLITE_CACHE_KIB = 64 * 1024  # SQLite page cache during an import
# SQLite: a file of at least this size that holds at least half as many rows as the posting table
# (at about BYTES_PER_ROW) drops the table's indexes and builds them again after its rows: a third
# less work than keeping them up to date row by row.
SQLITE_REINDEX_BYTES = 20 << 20
BYTES_PER_ROW = 100
SQLITE_ROWS_PER_CALL = 50_000
SQLITE_ROWS_PER_STATEMENT = 50
SQLITE_FIELDS = 1 + len(POSTINGS)  # the id, then the postings' columns
# PostgreSQL: the postings gathered before they are sent, each month's part of them as one batch;
# at first fewer, doubling up to UNSENT_BYTES, so that the server has work from the file's first blocks on.
UNSENT_BYTES = 32 << 20
FIRST_UNSENT_BYTES = 4 << 20
SUM_EVERY = 1_000_000  # postings summed at a time (see prepare)
# PostgreSQL: a file of at least this size is loaded on side connections (ledger_loaders); a smaller
# one in the import's own transaction, where the connections would cost more than they save.
SIDE_LOADING_BYTES = 64 << 20

DEFAULT_PARTITION = "budget_posting_default"
# Binary COPY: the signature, flags and header extension; the end marker (a row of -1 fields).
COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
COPY_TRAILER = b"\xff\xff"
ID_SHIFT = 32  # an import's postings have ids from import id × 2³² on
# The fixed-width part of a binary COPY row, big-endian: the field count, then (length, value) for
# each number in COPY_COLUMNS' order; the four texts follow as (length, bytes).
_FIXED = np.dtype([
    ("fields", ">i2"), ("n_id", ">i4"), ("id", ">i8"), ("n_date", ">i4"), ("date", ">i4"),
    ("n_cc", ">i4"), ("cost_centre_id", ">i8"), ("n_fn", ">i4"), ("function_id", ">i8"),
    ("n_dranst", ">i4"), ("dranst", ">i2"), ("n_art", ">i4"), ("art_id", ">i8"),
    ("n_amount", ">i4"), ("amount", ">i8"),
])
# The columns a COPY sends. The period and the import, the same in every row of a new table, are the
# table's defaults while it is loaded: two fields fewer for the server to read in every row.
COPY_COLUMNS = ("id", "date", "cost_centre_id", "function_id", "dranst", "art_id", "amount", *TEXT_COLUMNS)
SHARED_COLUMNS = ("period", "ledger_import_id")
DAYS_1970_TO_2000 = 10_957  # PostgreSQL counts dates from 2000-01-01, Arrow from 1970-01-01


def _fixed_counts() -> np.ndarray:
    """What is the same in every row's fixed-width part: the field count and the numbers' lengths."""
    counts = np.zeros((), dtype=_FIXED)
    counts["fields"] = len(COPY_COLUMNS)
    for length, value in zip(_FIXED.names[1::2], _FIXED.names[2::2], strict=True):
        counts[length] = _FIXED[value].itemsize
    return counts


_FIXED_COUNTS = _fixed_counts()


def postings_table(rows: list[tuple]) -> pa.Table:
    """An Arrow table of ``POSTINGS`` from row tuples (period, ISO date, cost centre id, function id,
    dranst, art id, øre, text, voucher, grouping, project), as the row-by-row reader makes them."""
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in POSTINGS]
    arrays = [pa.array(values, type=field.type) if field.name != "date"
              else pc.cast(pa.array(values, pa.string()), pa.date32())
              for field, values in zip(POSTINGS, columns, strict=True)]
    return pa.Table.from_arrays(arrays, schema=POSTINGS)


@dataclass(frozen=True)
class Prepared:
    table: pa.Table  # of POSTINGS
    first_id: int  # the id of the table's first posting; the others follow in order


class PostingStore:
    """Writes an import's postings into the open transaction. Use as a context manager; call
    ``start_period`` before a period's first row, ``write`` with tables of ``POSTINGS``, then
    ``finish``, and ``publish`` as the last thing before the commit."""

    def __init__(self, import_id: int, size: int | None = None) -> None:
        self.import_id = import_id
        self.size = size  # of the file in bytes, if known
        self.periods: set[int] = set()
        self._next_id = first_id(import_id)
        self.rows = 0
        self.parked = 0
        self.total_oere = 0
        self.suspense_batch: list[SuspensePosting] = []
        # The sums: the postings' keys and amounts not yet summed, and the sums of the rest
        self._unsummed: list[pa.Table] = []
        self._unsummed_rows = 0
        self._summed: pa.Table | None = None
        self.postgresql = connection.vendor == "postgresql"
        self.table = connection.ops.quote_name(Posting._meta.db_table)
        # PostgreSQL: the postings not yet sent (tables as prepared, one after the other in the file),
        # the id of the first, and their bytes
        self._unsent: list[pa.Table] = []
        self._unsent_first = 0
        self._unsent_bytes = 0
        self._send_at = FIRST_UNSENT_BYTES
        self._side: SideLoaders | None = None
        self._new_table_sql = None
        # SQLite
        self.dropped_indexes: list[tuple[str, str]] = []
        self._cache_size: int | None = None
        self._threads = 0
        columns = ", ".join(connection.ops.quote_name(name) for name in ("id", *POSTINGS.names, "ledger_import_id"))
        # The import's id is written into the statement, so the rows go to SQLite as they are; one
        # statement inserts many rows, which saves SQLite and Python a step per row (about a fifth).
        row = "(" + ", ".join(["?"] * SQLITE_FIELDS) + f", {int(import_id)})"
        self._insert_one = f"INSERT INTO {self.table} ({columns}) VALUES {row}"  # noqa: S608
        self._insert_many = f"INSERT INTO {self.table} ({columns}) VALUES " + ", ".join(  # noqa: S608
            [row] * SQLITE_ROWS_PER_STATEMENT)

    def __enter__(self) -> PostingStore:
        with connection.cursor() as cursor:
            if self.postgresql:
                # Index builds and the month rollup's grouping: in memory rather than on disk.
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                cursor.execute("SET LOCAL work_mem = '256MB'")
                # No wait for the commit's WAL flush: a crash in the moment after the commit may lose
                # this import (never half of it, and never older data), and the file can be imported again.
                cursor.execute("SET LOCAL synchronous_commit = off")
            else:
                # SQLite's default page cache (2 MB) is far smaller than the indexes a big import updates.
                cursor.execute("PRAGMA cache_size")
                self._cache_size = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
                # Helper threads for the sort that builds an index again (see _drop_indexes_for_a_large_file).
                cursor.execute("PRAGMA threads")
                self._threads = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA threads = {min(4, os.cpu_count() or 1)}")
        if self.postgresql:
            self._new_table_sql = new_table_sql(Posting._meta.db_table)
            if self.size is not None and self.size >= SIDE_LOADING_BYTES:
                self._side = SideLoaders()
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if exc_type is not None and self._side is not None:
            self._side.abort()
        self._unsent.clear()
        if self._cache_size is not None and connection.connection is not None:
            connection.connection.execute(f"PRAGMA cache_size = {int(self._cache_size)}")
            connection.connection.execute(f"PRAGMA threads = {int(self._threads)}")

    # -- periods -------------------------------------------------------------------------------------

    def start_period(self, period: int) -> None:
        """The file covers ``period``: its old postings go, even if the file has none for it."""
        if period in self.periods:
            return
        if self.postgresql:
            self._create_new_partition(period)
        elif not self.periods:
            self._drop_indexes_for_a_large_file()
        self.periods.add(period)
        SuspensePosting.objects.filter(period=period).exclude(ledger_import_id=self.import_id).delete()

    # -- rows ----------------------------------------------------------------------------------------

    def prepare(self, table: pa.Table) -> Prepared:
        """What ``write`` needs of a table of ``POSTINGS``, made without the database, so that another
        thread can make it while this one writes: the ids and the sums. Every table prepared is written,
        in the order prepared (the sums are made here already)."""
        first, self._next_id = self._next_id, self._next_id + table.num_rows
        # Summed a million postings at a time: a block has nearly as many account strings and months as
        # postings, so summing each block on its own would only make the same rows to sum again.
        self._unsummed.append(table.select([*SUM_KEYS, "amount"]))
        self._unsummed_rows += table.num_rows
        if self._unsummed_rows >= SUM_EVERY:
            self._sum_up()
        return Prepared(table, first)

    def write(self, prepared: Prepared) -> None:
        """Store prepared postings (every period in them started)."""
        table = prepared.table
        if not table.num_rows:
            return
        self.rows += table.num_rows
        self.total_oere += pc.sum(table.column("amount")).as_py()
        if self.postgresql:
            if not self._unsent:
                self._unsent_first = prepared.first_id
            self._unsent.append(table)
            self._unsent_bytes += table.nbytes
            if self._unsent_bytes > self._send_at:
                self._send()
                self._send_at = min(2 * self._send_at, UNSENT_BYTES)
        else:
            self._insert_sqlite(table, prepared.first_id)

    def sums(self) -> pa.Table:
        """The postings prepared (and so written), summed per period and account string: ``SUM_KEYS``,
        amount_sum (øre) and amount_count (postings)."""
        self._sum_up()
        if self._summed is None:
            return pa.table({**{name: pa.array([], POSTINGS.field(name).type) for name in SUM_KEYS},
                             "amount_sum": pa.array([], pa.int64()), "amount_count": pa.array([], pa.int64())})
        return self._summed

    def _sum_up(self) -> None:
        if not self._unsummed:
            return
        sums = pa.concat_tables(self._unsummed).group_by(SUM_KEYS, use_threads=False).aggregate(
            [("amount", "sum"), ("amount", "count")]).select([*SUM_KEYS, "amount_sum", "amount_count"])
        self._unsummed, self._unsummed_rows = [], 0
        if self._summed is not None:
            sums = pa.concat_tables([self._summed, sums]).group_by(SUM_KEYS, use_threads=False).aggregate(
                [("amount_sum", "sum"), ("amount_count", "sum")]).select(
                [*SUM_KEYS, "amount_sum_sum", "amount_count_sum"]).rename_columns(
                [*SUM_KEYS, "amount_sum", "amount_count"])
        self._summed = sums

    def suspense(self, posting: SuspensePosting) -> None:
        posting.ledger_import_id = self.import_id
        self.suspense_batch.append(posting)
        self.parked += 1
        if len(self.suspense_batch) >= 1000:
            self._flush_suspense()

    def _flush_suspense(self) -> None:
        SuspensePosting.objects.bulk_create(self.suspense_batch)
        self.suspense_batch = []

    def finish(self) -> None:
        """Everything written: the last COPYs, the parked postings, the indexes."""
        if self.suspense_batch:
            self._flush_suspense()
        if self.postgresql:
            self._send()
            for period in sorted(self.periods):
                self._run(period, _FinishTable(self._new_name(period)))
            if self._side is not None:
                self._side.commit()  # the loaders index while the import goes on to the rollups
        else:
            if self.periods:
                # One scan for all the periods: the table has no index on the period (migration 0005).
                marks = ", ".join(["%s"] * len(self.periods))
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {self.table} WHERE period IN ({marks}) "  # noqa: S608
                                   f"AND ledger_import_id <> %s", [*sorted(self.periods), self.import_id])
            for _name, sql in self.dropped_indexes:
                connection.connection.execute(sql)
            self.dropped_indexes = []

    def publish(self) -> None:
        """PostgreSQL: swap the new tables in for the periods' partitions. The last step before the
        commit, as from DETACH on readers of the posting table wait for the commit."""
        if not self.postgresql:
            return
        if self._side is not None:
            self._side.wait()
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for period in sorted(self.periods):
                current = _partition_name(period)
                cursor.execute(f"DELETE FROM {quote(DEFAULT_PARTITION)} WHERE period = %s", [period])  # noqa: S608
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [current])
                if cursor.fetchone()[0]:
                    cursor.execute(f"ALTER TABLE {self.table} DETACH PARTITION {quote(current)}")
                    cursor.execute(f"DROP TABLE {quote(current)}")
                new = self._new_name(period)
                cursor.execute(f"ALTER TABLE {self.table} ATTACH PARTITION {new} FOR VALUES IN ({int(period)})")
                cursor.execute(f"ALTER TABLE {new} RENAME TO {quote(current)}")

    def discard(self) -> None:
        """PostgreSQL: drop this import's new tables that were not swapped in. Call it when the import
        is over, whatever its outcome, outside its transaction: loaders commit their tables before it."""
        if not self.postgresql:
            return
        if self._side is not None:
            self._side.abort()
        try:
            drop_loose_tables(self.import_id)
        except DatabaseError:
            # The next import drops them (ledger_import, under the import lock).
            logger.warning("indlæsning %s: nye tabeller blev ikke fjernet", self.import_id, exc_info=True)

    # -- PostgreSQL ----------------------------------------------------------------------------------

    def _new_name(self, period: int) -> str:
        """The import's new table for a period."""
        return connection.ops.quote_name(new_table_name(self.import_id, period))

    def _run(self, period: int, task, size: int = 0) -> None:
        """A task on a period's new table: on its side loader, or at once in the import's transaction."""
        if self._side is not None:
            self._side.run(period, task, size)
        else:
            with connection.cursor() as cursor:
                task(cursor.cursor)

    def _create_new_partition(self, period: int) -> None:
        shared = dict(zip(SHARED_COLUMNS, (period, self.import_id), strict=True))
        self._run(period, _Execute(self._new_table_sql(new_table_name(self.import_id, period), period, shared)))

    def _send(self) -> None:
        """COPY the gathered postings into their periods' new tables, each period's as one batch in
        order of cost centre, and in the order of the file within a cost centre (see the module)."""
        if not self._unsent:
            return
        postings = pa.concat_tables(self._unsent)
        first, size = self._unsent_first, self._unsent_bytes
        self._unsent, self._unsent_bytes = [], 0
        periods = _one_chunk(postings.column("period")).to_numpy()
        order = posting_order(periods, _one_chunk(postings.column("cost_centre_id")).to_numpy())
        rows = _binary_rows(postings, order, first)
        periods = periods[order]
        starts = np.flatnonzero(np.r_[True, periods[1:] != periods[:-1]])
        for start, end in zip(starts, np.r_[starts[1:], len(periods)], strict=True):
            batch = rows.slice(start, end - start)
            self._run(int(periods[start]), _CopyRows(self._new_name(int(periods[start])), _data(batch), len(batch)),
                      size * len(batch) // len(rows))

    # -- SQLite --------------------------------------------------------------------------------------

    def _drop_indexes_for_a_large_file(self) -> None:
        if self.size is None or self.size < SQLITE_REINDEX_BYTES:
            return
        raw = connection.connection
        (existing,) = raw.execute(f"SELECT count(*) FROM {self.table}").fetchone()  # noqa: S608
        if self.size // BYTES_PER_ROW < existing // 2:
            return
        self.dropped_indexes = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            [Posting._meta.db_table]).fetchall()
        for name, _sql in self.dropped_indexes:
            raw.execute(f"DROP INDEX {connection.ops.quote_name(name)}")

    def _insert_sqlite(self, table: pa.Table, first: int) -> None:
        connection.ensure_connection()
        raw = connection.connection
        width = SQLITE_FIELDS
        many = SQLITE_ROWS_PER_STATEMENT * width
        for start in range(0, table.num_rows, SQLITE_ROWS_PER_CALL):
            part = table.slice(start, SQLITE_ROWS_PER_CALL)
            rows = part.num_rows
            values = [None] * (rows * width)  # the rows' values one after the other
            values[0::width] = range(first + start, first + start + rows)
            for position, name in enumerate(POSTINGS.names, 1):
                column = part.column(name) if name != "date" else pc.cast(part.column("date"), pa.string())
                values[position::width] = column.to_pylist()
            whole = rows - rows % SQLITE_ROWS_PER_STATEMENT
            raw.executemany(self._insert_many, (values[at:at + many] for at in range(0, whole * width, many)))
            raw.executemany(self._insert_one,
                            (values[at:at + width] for at in range(whole * width, rows * width, width)))


class _Execute:
    def __init__(self, sql: str) -> None:
        self.sql = sql

    def __call__(self, cursor) -> None:
        cursor.execute(self.sql)


class _CopyRows:
    """Binary COPY rows into a new table made in the same transaction (so FREEZE: see the module),
    and check that the server stored exactly as many rows as were sent."""

    def __init__(self, table: str, data: memoryview, rows: int) -> None:
        columns = ", ".join(connection.ops.quote_name(name) for name in COPY_COLUMNS)
        self.sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT binary, FREEZE)"  # noqa: S608
        self.data = data
        self.rows = rows

    def __call__(self, cursor) -> None:
        with cursor.copy(self.sql) as copy:
            copy.write(COPY_HEADER)
            copy.write(self.data)
            copy.write(COPY_TRAILER)
        if cursor.rowcount != self.rows:
            raise DatabaseError(f"{self.sql.split(' (')[0]}: {cursor.rowcount} rækker gemt af {self.rows} sendte")


class _FinishTable:
    """A new table loaded: the posting table's one index (cost_centre_id, period), built in one sort
    (there is no primary key on PostgreSQL: migration 0006), and no defaults any more."""

    def __init__(self, table: str) -> None:
        self.table = table

    def __call__(self, cursor) -> None:
        cursor.execute(f"CREATE INDEX ON {self.table} (cost_centre_id, period)")
        drop = ", ".join(f"ALTER COLUMN {connection.ops.quote_name(name)} DROP DEFAULT" for name in SHARED_COLUMNS)
        cursor.execute(f"ALTER TABLE {self.table} {drop}")


def first_id(import_id: int) -> int:
    """The id of an import's first posting."""
    return int(import_id) << ID_SHIFT


def _partition_name(period: int) -> str:
    return f"budget_posting_p{int(period)}"


def posting_order(periods: np.ndarray, cost_centres: np.ndarray) -> np.ndarray:
    """The positions of postings in order of period, then cost centre, then place in the file: a
    stable sort of one whole-number key (a period's rank among the few periods above the cost centre's
    id), in two passes of NumPy's radix sort on 16 bits each when the key fits in 32 bits, as it does
    for any real number of cost centres; a comparison sort takes three times as long."""
    if not len(periods):
        return np.zeros(0, dtype=np.intp)
    present = np.sort(pc.unique(pa.array(periods)).to_numpy())  # a hash, not a sort of every row
    rank = np.searchsorted(present, periods).astype(np.uint64)
    width = int(cost_centres.max()) + 1
    if cost_centres.min() < 0 or len(present) * width >= 1 << 32:
        return np.lexsort((cost_centres, periods))
    key = (rank * np.uint64(width) + cost_centres.astype(np.uint64)).astype(np.uint32)
    low = np.argsort((key & 0xFFFF).astype(np.uint16), kind="stable")
    return low[np.argsort((key[low] >> 16).astype(np.uint16), kind="stable")]


def _binary_rows(table: pa.Table, order: np.ndarray, first: int) -> pa.BinaryArray:
    """The postings (of ``POSTINGS``, the first with id ``first`` and the others after it in the
    table's order) as binary COPY rows in the order ``order``, in an Arrow array whose data buffer is
    the rows back to back: the numbers laid out with NumPy, joined to the texts by Arrow (no Python
    loop per row)."""
    n = table.num_rows
    fixed = np.empty(n, dtype=_FIXED)
    fixed[:] = _FIXED_COUNTS  # the field count and the numbers' lengths, the same in every row
    fixed["id"] = order + first  # the ids follow the table's order
    for name in ("cost_centre_id", "function_id", "dranst", "art_id", "amount"):
        fixed[name] = _one_chunk(table.column(name)).to_numpy()[order]
    fixed["date"] = _one_chunk(table.column("date")).cast(pa.int32()).to_numpy()[order] - DAYS_1970_TO_2000
    parts = [_fixed_binary(fixed, _FIXED.itemsize, n)]
    positions = pa.array(order)
    for name in TEXT_COLUMNS:
        text = pc.cast(_one_chunk(table.column(name)).take(positions), pa.binary())
        lengths = pc.binary_length(text).to_numpy(zero_copy_only=False).astype(">i4")
        parts += [_fixed_binary(lengths, 4, n), text]
    return pc.binary_join_element_wise(*parts, b"")


def _one_chunk(column: pa.ChunkedArray) -> pa.Array:
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _fixed_binary(data: np.ndarray, width: int, n: int) -> pa.Array:
    """Equal-sized byte strings (a NumPy array's records) as an Arrow binary array, without copying them."""
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    return pa.BinaryArray.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def fixed_width_copy(table: pa.Table, columns: list[tuple[str, str]]) -> bytes:
    """Binary COPY data (header, rows, trailer) of a table of whole numbers without nulls: ``columns``
    are (name in ``table``, NumPy big-endian type matching the database column) in the COPY's order."""
    layout = [("fields", ">i2")]
    for name, kind in columns:
        layout += [(f"n_{name}", ">i4"), (name, kind)]
    rows = np.zeros(table.num_rows, dtype=np.dtype(layout))
    rows["fields"] = len(columns)
    for name, kind in columns:
        rows[f"n_{name}"] = np.dtype(kind).itemsize
        rows[name] = table.column(name).to_numpy()
    return COPY_HEADER + rows.tobytes() + COPY_TRAILER


def _data(rows: pa.BinaryArray) -> memoryview:
    """A binary array's values back to back, without copying them."""
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int32, count=len(rows) + 1, offset=rows.offset * 4)
    return memoryview(rows.buffers()[2])[int(offsets[0]):int(offsets[-1])]



