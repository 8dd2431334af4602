"""PostgreSQL: a large import's new month tables, loaded on connections of their own, in parallel.

On one connection the server does all of a 10-million-row import on one core: the COPY of every
month, then each month's indexes one after the other, while the importer waits. ``SideLoaders``
spreads the months over ``LOADERS`` more connections instead, each driven by a thread with a
transaction of its own that makes its months' new tables, fills them (binary COPY ... FREEZE, which a
table made in the same transaction allows) and indexes them. The server then works on as many cores
as there are loaders while the importer reads on, and the import's own connection writes the rollups
while the loaders index.

The new tables are not partitions of the posting table, so no reader sees them until the import's
own transaction swaps them in (``PostingStore.publish``): a reader sees the old month or the new
one, never a mix. A loader commits its tables only once they are complete and indexed, because the
import's connection can only attach tables it can see. Until then a failure or a kill leaves nothing
behind (the server rolls the loaders' transactions back). After it, tables that an import did not
get to swap in are loose; ``drop_loose_tables`` drops them, when the import ends without swapping
them in, and after a kill at the start of the next import, which holds the import lock.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

import psycopg
from django.db import DatabaseError, connection

__all__ = ["LOADERS", "SideLoaders", "drop_loose_tables", "new_table_sql"]

logger = logging.getLogger(__name__)

LOADERS = 2  # side connections per import; more than the server's cores only adds switching
QUEUED_BYTES = 64 << 20  # rows queued per loader at most (a COPY task holds up to ledger_store.UNSENT_BYTES)
SESSION = (
    # Index builds sort in memory.
    "SET maintenance_work_mem = '256MB'",
    # The loaders are the parallelism: a parallel index build in each would only add temporary files.
    "SET max_parallel_maintenance_workers = 0",
    # A loader's commit need not wait for the WAL flush: until the import's own transaction commits,
    # its tables are not in use, and that commit is the one that counts (see PostingStore).
    "SET synchronous_commit = off",
)
NEW_TABLE_PREFIX = "budget_posting_i"  # budget_posting_i<import id>_<period>

Task = Callable[[psycopg.Cursor], None]


def new_table_name(import_id: int, period: int) -> str:
    return f"{NEW_TABLE_PREFIX}{int(import_id)}_{int(period)}"


def new_table_sql(parent: str) -> Callable[[str, int, dict[str, int]], str]:
    """A function giving the CREATE TABLE of a new table for ``parent``'s partition of a period: the
    parent's columns, NOT NULL and CHECK constraints (which ATTACH requires, by name), a check of
    the period, which lets ATTACH skip scanning the table for rows outside the partition's bound, and
    the given columns' defaults. Written out from the catalog rather than as ``LIKE parent``, which
    would make a loader wait for any lock the import's own transaction holds on the posting table."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                       "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", [parent])
        columns = [(name, f"{quote(name)} {kind}{' NOT NULL' if not_null else ''}")
                   for name, kind, not_null in cursor.fetchall()]
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'c' ORDER BY conname", [parent])
        checks = [f"CONSTRAINT {quote(name)} {definition}" for name, definition in cursor.fetchall()]

    def sql(name: str, period: int, defaults: dict[str, int]) -> str:
        parts = [f"{column} DEFAULT {int(defaults[each])}" if each in defaults else column for each, column in columns]
        return f"CREATE TABLE {quote(name)} ({', '.join([*parts, *checks])}, CHECK (period = {int(period)}))"

    return sql


def drop_loose_tables(import_id: int | None = None) -> list[str]:
    """Drop the new tables (of one import, or of every import) that are not partitions; their names.
    Of every import only under the import lock, when no other import is loading."""
    pattern = (new_table_name(import_id, 0)[:-1] if import_id is not None else NEW_TABLE_PREFIX).replace("_", r"\_")
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname LIKE %s AND relkind = 'r' AND NOT relispartition "
                       "AND relnamespace = current_schema()::regnamespace ORDER BY 1", [pattern + "%"])
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)}")
    return names


class SideLoaders:
    """``LOADERS`` side connections; each period's tasks run in order on the loader given the period."""

    def __init__(self, count: int = LOADERS) -> None:
        params = connection.get_connection_params()
        for django_only in ("cursor_factory", "context"):
            params.pop(django_only, None)
        self._loaders: list[_Loader] = []
        try:
            for _ in range(count):
                self._loaders.append(_Loader(params))
        except BaseException:
            self.abort()
            raise
        self._owner: dict[int, _Loader] = {}

    def run(self, period: int, task: Task, size: int = 0) -> None:
        """Queue ``task`` on the period's loader (a new period goes to the next loader in turn);
        ``size``: the bytes it holds, which wait for room when the loader has enough queued."""
        loader = self._owner.get(period)
        if loader is None:
            loader = self._owner[period] = self._loaders[len(self._owner) % len(self._loaders)]
        loader.put(task, size)

    def commit(self) -> None:
        """Each loader commits once its queued tasks are done; returns at once (see ``wait``)."""
        for loader in self._loaders:
            loader.put(_COMMIT)

    def wait(self) -> None:
        """Wait for every loader's commit; raise the first loader's error, if any."""
        for loader in self._loaders:
            loader.join()
        for loader in self._loaders:
            loader.raise_error()

    def abort(self) -> None:
        """Stop every loader, rolling back what it has not committed."""
        for loader in self._loaders:
            loader.stop()
        for loader in self._loaders:
            loader.join()


class _Commit:
    pass


class _Stop(Exception):
    pass


_COMMIT = _Commit()


class _Loader:
    """One side connection and the thread that runs its tasks in one transaction."""

    def __init__(self, params: dict) -> None:
        self.connection = psycopg.connect(**params)  # here, so that a refused connection fails the import
        self.tasks: queue.SimpleQueue = queue.SimpleQueue()
        self.queued = threading.Condition()
        self.queued_bytes = 0
        self.error: BaseException | None = None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._work, name="ledger-loader", daemon=True)
        self.thread.start()

    def raise_error(self) -> None:
        """Raise the error that stopped the loader, if any; a database's as Django's DatabaseError, as
        the import's own connection raises it."""
        if self.error is None:
            return
        if isinstance(self.error, psycopg.Error):
            raise DatabaseError(str(self.error)) from self.error
        raise self.error

    def put(self, task: Task | _Commit, size: int = 0) -> None:
        with self.queued:
            while True:
                self.raise_error()
                if not self.thread.is_alive():
                    raise RuntimeError("indlæsningens forbindelse til databasen er lukket")
                if not self.queued_bytes or self.queued_bytes + size <= QUEUED_BYTES:
                    break
                self.queued.wait(timeout=0.1)
            self.queued_bytes += size
        self.tasks.put((task, size))

    def stop(self) -> None:
        if not self.thread.is_alive():
            return
        self.stopped.set()
        try:
            self.connection.cancel_safe(timeout=5)  # a COPY or an index build under way ends with an error
        except psycopg.Error:
            logger.warning("kunne ikke afbryde en indlæsningsforbindelse", exc_info=True)

    def join(self) -> None:
        self.thread.join()

    def _work(self) -> None:
        try:
            with self.connection.cursor() as cursor:
                for setting in SESSION:
                    cursor.execute(setting)
                while True:
                    task, size = self._next()
                    if task is _COMMIT:
                        break
                    task(cursor)
                    with self.queued:
                        self.queued_bytes -= size
                        self.queued.notify()
            self.connection.commit()
        except BaseException as error:  # noqa: BLE001 (handed to the importer by put and wait)
            if not self.stopped.is_set():
                self.error = error
        finally:
            self.connection.close()  # rolls back whatever is not committed

    def _next(self) -> tuple[Task | _Commit, int]:
        while not self.stopped.is_set():
            try:
                return self.tasks.get(timeout=0.1)
            except queue.Empty:
                continue
        raise _Stop
