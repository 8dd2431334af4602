"""Import of the ERP's posting export (``styr import-ledger FILE``, the upload page, the demo).

One function does it: ``import_ledger``. The file replaces exactly the periods (months) it covers,
atomically: the old postings of those periods and their rollups (LedgerMonth, LedgerCentreMonth)
are deleted and the new ones inserted in one transaction, so readers see either the old numbers or
the new ones, and a crash leaves the old ones. A file with any problem is rejected as a whole, with
every problem by line and column, and nothing changes. The same file twice (by SHA-256) is a no-op.

Files reach 10 million rows (about 1 GB), so nothing is held per row: the file is streamed in
chunks of whole lines, validated against lookup tables loaded once, and loaded in batches (COPY on
PostgreSQL, executemany on SQLite) while it is read. The header and the format (encoding,
delimiter, column names) are checked by ``styr.core.tabular.read_table`` on the head of the file;
the rows then take a fast path here, because tabular's general row objects cost more than the
whole rest of the import. The rules are the same: empty rows are skipped, quoted fields may hold
delimiters and line breaks, a row must have as many fields as the header, values are stripped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import mmap
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain
from os import PathLike
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, transaction

from styr.core.danish_values import parse_amount, parse_date, parse_period
from styr.core.money import from_oere, to_oere
from styr.core.tabular import (
    CP1252,
    DELIMITER_NAMES,
    HEAD_SIZE,
    UTF8,
    ProblemCollector,
    TableError,
    normalise_column_name,
    read_table,
)
from styr.documents.numbers import fmt_number, fmt_period, fmt_periods
from styr.organisation.models import CostCentre

from . import rollups
from .ledger_columns import PLAIN_AMOUNT, FileLayout, NotColumnar, first_line_header, read_ahead, read_postings
from .ledger_formats import ACCOUNT_COLUMN, OPTIONAL_COLUMNS, LedgerProfile, get_profile
from .ledger_loaders import drop_loose_tables
from .ledger_store import SUM_KEYS, PostingStore, fixed_width_copy, postings_table
from .models import (
    CAPITAL_DRANST,
    Art,
    Classification,
    Function,
    LedgerCentreMonth,
    LedgerImport,
    LedgerMonth,
    SuspensePosting,
)

__all__ = ["LedgerImportResult", "LedgerPreview", "Progress", "import_ledger", "preview_ledger"]

CHUNK_SIZE = 1 << 20  # bytes read and decoded at a time
HASH_WINDOW = 64 << 20  # bytes of a file mapped at a time for its SHA-256 (a multiple of mmap's granularity)
MAX_LINE = 16 << 20  # a "line" longer than this is not a posting export
BATCH_ROWS = 50_000  # rows per executemany / COPY write
PROGRESS_EVERY = 50_000  # rows between progress reports
MAX_LENGTHS = {"tekst": 200, "bilagsnr": 40, "gruppering": 10, "projekt": 40}

# Fast path for the amounts every ERP writes: "-12.345,67", "12345,67". Anything else goes through
# danish_values.parse_amount (trailing minus, spaces, machine form …) and Decimal.
_PLAIN_AMOUNT = re.compile(PLAIN_AMOUNT)
_FUNCTION_DOTTED = re.compile(r"[0-9]\.[0-9]{2}\.[0-9]{2}")
_FUNCTION_DIGITS = re.compile(r"[0-9]{4,5}")  # Statistics Denmark: 32201, and 2201 for 0.22.01
_ART_DOTTED = re.compile(r"[0-9]\.[0-9]{1,2}")
_ART_DIGITS = re.compile(r"[0-9]{2,3}")
_DRANST = {str(number): number for number in range(1, 10)}
# PostgreSQL: one import at a time (two imports of the same period would both delete, then both insert).
_ADVISORY_LOCK = 0x5354_5952_4C45_4447 % (1 << 62)
# The rollups' columns, and the columns of the sums that fill them, with the database's types.
_TABLE_COLUMNS = {
    LedgerMonth: ("period", "cost_centre_id", "function_id", "dranst", "art_id", "amount", "postings"),
    LedgerCentreMonth: ("period", "cost_centre_id", "capital", "service", "amount"),
}
_MONTH_COPY = [("period", ">i4"), ("cost_centre_id", ">i8"), ("function_id", ">i8"), ("dranst", ">i2"),
               ("art_id", ">i8"), ("amount_sum", ">i8"), ("amount_count", ">i4")]
_CENTRE_COPY = [("period", ">i4"), ("cost_centre_id", ">i8"), ("capital", "?"), ("service", "?"),
                ("amount_sum", ">i8")]

Source = str | PathLike[str] | bytes | BinaryIO


@dataclass(frozen=True)
class Progress:
    phase: str  # "læser", "beregner summer", "færdig"
    rows: int
    bytes_done: int
    bytes_total: int | None

    @property
    def fraction(self) -> float | None:
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)


@dataclass
class LedgerImportResult:
    """What an import did. ``unchanged``: the file was imported before and its data is still current."""

    file_name: str
    periods: list[str]
    rows: int = 0
    parked: int = 0
    total: Decimal = Decimal("0.00")
    format_description: str = ""
    seconds: float = 0.0
    unchanged: bool = False
    ledger_import: LedgerImport | None = None

    def summary(self) -> str:
        periods = fmt_periods([_period_number(text) for text in self.periods]) if self.periods else "ingen perioder"
        if self.unchanged:
            return (f"{self.file_name} er allerede indlæst (samme indhold), og dens tal er stadig gældende "
                    f"for {periods}; intet er ændret.")
        text = (f"{self.file_name} er indlæst: {_number(self.rows)} posteringer for {periods}, i alt "
                f"{_kroner(self.total)} kr. ({self.format_description}; {_seconds(self.seconds)} s).")
        if self.parked:
            text += f" {_number(self.parked)} posteringer med ukendt omkostningssted er parkeret."
        return text


@dataclass
class LedgerPreview:
    """The head of a file as the import reads it, for the upload page to show before confirming."""

    file_name: str
    format_description: str
    columns: list[tuple[str, str]]  # (header as written, what it is read as)
    ignored_columns: list[str]
    rows: list[dict[str, object]]  # the first rows as parsed
    checked_rows: int
    problems: TableError | None
    estimated_rows: int | None


# ---------------------------------------------------------------------------------------------------
# Public functions


def _seconds(seconds: float) -> str:
    """A duration for people, with a decimal comma (a float, as it is a time, never money)."""
    return fmt_number(Decimal(str(round(seconds, 1))), 1)


def import_ledger(
    source: Source,
    *,
    filename: str,
    period: str | None = None,
    profile: str | None = None,
    park_unknown: bool = False,
    user=None,
    progress: Callable[[Progress], None] | None = None,
) -> LedgerImportResult:
    """Import a posting file, replacing the periods it covers; return what was done.

    ``source`` is a path, the bytes, or a binary file object (read, not closed). ``period``
    ("2022-07") asserts the file's period: a posting dated outside it is a problem, and the period
    is replaced even by a file without postings. ``profile`` names a mapping profile in
    ``ledger_formats.PROFILES``. With ``park_unknown`` a posting whose cost centre is unknown is
    parked as a SuspensePosting instead of rejecting the file. ``user`` is recorded as the importer.
    ``progress`` is called now and then from the importing thread.

    Raises ``TableError`` (every problem, in Danish, by line and column) and changes nothing when
    the file is not valid; ``ValueError`` (Danish) for a bad ``period`` or ``profile``. Call it
    inside ``styr.core.audit.acting(...)`` so the audit trail says who imported what from where.
    """
    started = time.monotonic()
    chosen = get_profile(profile)
    wanted_period = _period_number(period) if period else None
    lookups = _Lookups.load()
    with _opened(source) as (stream, size), _Fingerprint(source, stream) as fingerprint:
        start = stream.tell() if stream.seekable() else None
        reader = _LedgerReader(stream, size, filename, chosen, wanted_period, park_unknown, lookups)
        store = None
        try:
            with transaction.atomic():
                _lock_imports()
                fingerprint.check()
                record = _new_record(filename, user)
                if start is not None and not park_unknown:
                    store = _import_columnar(reader, start, record.pk, progress, fingerprint.check)
                if store is None:
                    if start is not None:
                        stream.seek(start)
                        reader = _LedgerReader(stream, size, filename, chosen, wanted_period, park_unknown, lookups)
                    store = _import_row_by_row(reader, record.pk, progress)
                digest = fingerprint.result() or reader.sha256.hexdigest()
                if (current := _current_import_with(digest)) is not None:
                    raise _AlreadyImported(current)
                if not store.periods:
                    reader.problems.add(None, None, None, "filen indeholder ingen posteringer")
                    raise reader.problems.error()
                _report(progress, "beregner summer", reader, size)
                _rebuild_rollups(sorted(store.periods), store.sums())
                rollups.after_ledger_import(sorted(store.periods))
                _finish_record(record, reader, store, digest, time.monotonic() - started)
                store.publish()
        except _AlreadyImported as already:
            return _unchanged(filename, already.record)
        finally:
            if store is not None:
                store.discard()
    _report(progress, "færdig", reader, size)
    return LedgerImportResult(
        file_name=filename, periods=record.periods, rows=record.row_count, parked=record.suspense_count,
        total=record.total, format_description=record.format_description, seconds=record.seconds,
        ledger_import=record,
    )


def _import_columnar(reader: _LedgerReader, start: int, import_id: int,
                     progress: Callable[[Progress], None] | None,
                     check: Callable[[], None] = lambda: None) -> PostingStore | None:
    """Load an ordinary file through the columnar reader, in a savepoint; None (and nothing written)
    if the file is for the row-by-row reader (see ledger_columns). ``check`` is called after each block."""
    head = reader._read_head()
    reader._check_header(head)
    encoding = "cp1252" if reader.encoding == CP1252 else "utf-8"
    header = first_line_header(head, reader.delimiter, encoding)
    if header is None:
        return None
    positions = reader._positions(header)
    layout = FileLayout(
        delimiter=reader.delimiter, encoding=encoding, width=len(header),
        positions=positions, max_lengths=MAX_LENGTHS,
        combined_account=ACCOUNT_COLUMN if reader.profile.account_layout is not None else None)
    reader.stream.seek(start)
    store = PostingStore(import_id, reader.size)
    try:
        with transaction.atomic(), store:
            if reader.period is not None:
                store.start_period(reader.period)
            # Three threads: one reads and checks the file, one prepares what the database is sent, and
            # this one sends it; Arrow and the database driver let go of the GIL for most of their work.
            read = read_ahead(read_postings(reader.stream, layout, reader.values), name="ledger-reader")
            for prepared, periods, bytes_read in read_ahead(_prepared(store, read), name="ledger-preparer"):
                for period in sorted(periods):
                    store.start_period(period)
                store.write(prepared)
                reader.rows_seen, reader.bytes_done = store.rows, bytes_read
                _report(progress, "læser", reader, reader.size)
                check()
            store.finish()
    except NotColumnar:
        return None
    reader.total_oere = store.total_oere
    return store


def _prepared(store: PostingStore, blocks: Iterator) -> Iterator:
    """The blocks of the columnar reader, prepared for the store."""
    with closing(blocks):
        for table, periods, bytes_read in blocks:
            yield store.prepare(table), periods, bytes_read


def _import_row_by_row(reader: _LedgerReader, import_id: int,
                       progress: Callable[[Progress], None] | None) -> PostingStore:
    store = PostingStore(import_id, reader.size)
    with store:
        if reader.period is not None:
            store.start_period(reader.period)
        reader.run(_RowSink(store), progress)
        store.finish()
    return store


class _RowSink:
    """The row-by-row reader's batches of tuples, as Arrow tables for the store."""

    def __init__(self, store: PostingStore) -> None:
        self.store = store

    def start_period(self, period: int) -> None:
        self.store.start_period(period)

    def write(self, batch: list[tuple]) -> None:
        self.store.write(self.store.prepare(postings_table(batch)))

    def suspense(self, posting: SuspensePosting) -> None:
        self.store.suspense(posting)


class _Values:
    """The import's rules for a single value, shared by both readers: the value, or ValueError with
    the Danish message the row-by-row reader reports (the columnar reader only notes that there is one)."""

    def __init__(self, lookups: _Lookups, period: int | None, profile: LedgerProfile) -> None:
        self.lookups = lookups
        self.period = period
        self.layout = profile.account_layout

    def date(self, raw: str) -> tuple[int, date]:
        """(period yyyymm, day)."""
        day = parse_date(raw)
        period = day.year * 100 + day.month
        if self.period is not None and period != self.period:
            raise ValueError(f"«{raw.strip()}» ligger uden for perioden {_period_text(self.period)}")
        return period, day

    def function(self, raw: str, year: int) -> int:
        code = _function_code(raw)
        found = self.lookups.functions.get(year, {}).get(code)
        if found is None:
            raise ValueError(f"ukendt funktion {code} i kontoplanen for {year}{self._chart_hint(year)}")
        return found[0]

    def art(self, raw: str, year: int) -> int:
        code = _art_code(raw)
        found = self.lookups.arts.get(year, {}).get(code)
        if found is None:
            raise ValueError(f"ukendt art {code} i kontoplanen for {year}{self._chart_hint(year)}")
        return found

    def _chart_hint(self, year: int) -> str:
        return "" if self.lookups.functions.get(year) else f"; kontoplanen for {year} er ikke indlæst"

    def dranst(self, raw: str) -> int:
        text = raw.strip()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= 9:
            return int(text)
        raise ValueError(f"«{text}» er ikke en dranst; forventet et tal fra 1 til 9" if text
                         else "feltet er tomt; forventet en dranst fra 1 til 9")

    def cost_centre(self, raw: str) -> int:
        found = self.lookups.cost_centres.get(raw.strip())
        if found is None:
            raise ValueError("ukendt omkostningssted; det findes ikke i organisationen (indlæs organisationen "
                             "først, eller parkér posteringen)")
        return found

    def amount(self, raw: str) -> int:
        """In øre."""
        return to_oere(parse_amount(raw))

    def account(self, raw: str) -> tuple[str, str, str, str]:
        """A combined account string as (funktion, dranst, art, omkostningssted), by the profile's layout."""
        parts = self.layout.split(raw.strip())
        if parts is None:
            example = f"fx {self.layout.example}" if self.layout.example else "kontoplanens kontostreng"
            raise ValueError("kontostrengen kan ikke deles i funktion, dranst, art og omkostningssted; "
                             f"forventet {example}")
        return parts["funktion"], parts["dranst"], parts["art"], parts["omkostningssted"]


def preview_ledger(
    source: Source,
    *,
    filename: str,
    period: str | None = None,
    profile: str | None = None,
    park_unknown: bool = False,
    show: int = 10,
    check: int = 2_000,
) -> LedgerPreview:
    """Read the head of a file as ``import_ledger`` would, without writing anything.

    Returns the format found, the column mapping, the first ``show`` rows as parsed and the problems
    in the first ``check`` rows. A file whose header cannot be used gives a preview with only problems.
    """
    chosen = get_profile(profile)
    wanted_period = _period_number(period) if period else None
    with _opened(source) as (stream, size):
        reader = _LedgerReader(stream, size, filename, chosen, wanted_period, park_unknown, _Lookups.load())
        sink = _PreviewSink(reader.lookups, show)
        try:
            reader.run(sink, None, limit=check)
        except TableError as error:
            problems = error
        else:
            problems = reader.problems.error() if reader.problems else None
    estimated = None
    if size and reader.rows_seen and reader.bytes_done:
        estimated = round(size * reader.rows_seen / reader.bytes_done) if reader.limit_reached else reader.rows_seen
    return LedgerPreview(
        file_name=filename, format_description=reader.format_description, columns=reader.column_mapping,
        ignored_columns=reader.ignored_columns, rows=sink.rows, checked_rows=reader.rows_seen,
        problems=problems, estimated_rows=estimated,
    )


# ---------------------------------------------------------------------------------------------------
# Reading


class _opened:
    """The source as a binary stream and its size (None if unknown); closes what it opened."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.to_close: BinaryIO | None = None

    def __enter__(self) -> tuple[BinaryIO, int | None]:
        source = self.source
        if isinstance(source, bytes | bytearray):
            return io.BytesIO(source), len(source)
        if isinstance(source, str | PathLike):
            self.to_close = open(source, "rb")  # noqa: SIM115 (closed in __exit__)
            return self.to_close, Path(source).stat().st_size
        size = None
        if source.seekable():
            position = source.tell()
            size = source.seek(0, io.SEEK_END) - position
            source.seek(position)
        return source, size

    def __exit__(self, *exc) -> None:
        if self.to_close is not None:
            self.to_close.close()


class _Fingerprint:
    """The file's SHA-256, by which the same file imported again is recognised. A path or bytes are
    hashed in a thread of their own while the import reads them (hashing a gigabyte takes about a
    second); ``check`` ends the import as soon as the digest shows that the file's postings are in
    place already. Another seekable stream is hashed up front; an unseekable one by the reader."""

    def __init__(self, source: Source, stream: BinaryIO) -> None:
        self.digest: str | None = None
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        self.checked = False
        if isinstance(source, bytes | bytearray | str | PathLike):
            self.thread = threading.Thread(target=self._hash, args=(source,), name="ledger-sha256", daemon=True)
            self.thread.start()
        elif stream.seekable():
            self.digest = _sha256_of(stream)

    def __enter__(self) -> _Fingerprint:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.thread is not None:
            self.thread.join()

    def _hash(self, source: Source) -> None:
        try:
            if isinstance(source, bytes | bytearray):
                self.digest = hashlib.sha256(source).hexdigest()
            else:
                with open(source, "rb") as stream:
                    self.digest = _sha256_of_file(stream)
        except BaseException as error:  # noqa: BLE001 (raised in the importing thread by result())
            self.error = error

    def result(self) -> str | None:
        """The digest, once made (None: the reader hashes the file)."""
        if self.thread is not None:
            self.thread.join()
        if self.error is not None:
            raise self.error
        return self.digest

    def check(self) -> None:
        """Raise _AlreadyImported, once the digest is there, if the file's postings are in place."""
        if self.checked or (self.thread is not None and self.thread.is_alive()):
            return
        self.checked = True
        digest = self.result()
        if digest is not None and (current := _current_import_with(digest)) is not None:
            raise _AlreadyImported(current)


def _sha256_of_file(stream: BinaryIO) -> str:
    """The SHA-256 of an open file, read where it lies in memory (mapped) rather than copied in chunks;
    a window at a time, as mapped pages count towards the process's memory while they are mapped."""
    size = os.fstat(stream.fileno()).st_size
    digest = hashlib.sha256()
    for offset in range(0, size, HASH_WINDOW):
        with mmap.mmap(stream.fileno(), min(HASH_WINDOW, size - offset), access=mmap.ACCESS_READ,
                       offset=offset) as window:
            digest.update(window)
    return digest.hexdigest()


def _sha256_of(stream: BinaryIO) -> str:
    start = stream.tell()
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK_SIZE):
        digest.update(chunk)
    stream.seek(start)
    return digest.hexdigest()


class _Lookups:
    """Cost centres, functions and arts by code, loaded once per import."""

    def __init__(self, cost_centres: dict[str, int], functions: dict[int, dict[str, tuple[int, bool]]],
                 arts: dict[int, dict[str, int]]) -> None:
        self.cost_centres = cost_centres
        self.functions = functions  # year -> code -> (id, is service)
        self.arts = arts  # year -> code -> id

    @classmethod
    def load(cls) -> _Lookups:
        functions: dict[int, dict[str, tuple[int, bool]]] = {}
        for pk, year, code, classification in Function.objects.values_list("pk", "year", "code", "classification"):
            functions.setdefault(year, {})[code] = (pk, classification == Classification.SERVICE)
        arts: dict[int, dict[str, int]] = {}
        for pk, year, code in Art.objects.values_list("pk", "year", "code"):
            arts.setdefault(year, {})[code] = pk
        return cls(dict(CostCentre.objects.values_list("code", "pk")), functions, arts)


class _LedgerReader:
    """Streams a posting file: checks every row and hands the good ones to a sink in batches."""

    def __init__(self, stream: BinaryIO, size: int | None, filename: str, profile: LedgerProfile,
                 period: int | None, park_unknown: bool, lookups: _Lookups) -> None:
        self.stream = stream
        self.size = size
        self.filename = filename
        self.profile = profile
        self.period = period
        self.park_unknown = park_unknown
        self.lookups = lookups
        self.values = _Values(lookups, period, profile)
        self.problems = ProblemCollector(filename)
        self.sha256 = hashlib.sha256()
        self.hashed_up_front = stream.seekable()  # by _Fingerprint
        self.encoding: str | None = None
        self.delimiter = ";"
        self.column_mapping: list[tuple[str, str]] = []
        self.ignored_columns: list[str] = []
        self.written: dict[str, str] = {}  # canonical column -> header as written
        self.rows_seen = 0
        self.bytes_done = 0
        self.limit_reached = False
        self.total_oere = 0
        self.raw_functions: dict[int, dict[str, int]] = {}
        self.raw_arts: dict[int, dict[str, int]] = {}

    # -- the format ---------------------------------------------------------------------------------

    @property
    def format_description(self) -> str:
        parts = [DELIMITER_NAMES.get(self.delimiter, self.delimiter), self.encoding or UTF8]
        if self.profile.name != "standard":
            parts.append(f"profil «{self.profile.name}»")
        return ", ".join(parts)

    def _check_header(self, head: bytes) -> None:
        """Let tabular check the header and detect the format on the head of the file."""
        table = read_table(head, filename=self.filename, required=self.profile.required,
                           optional=OPTIONAL_COLUMNS, aliases=self.profile.all_aliases)
        self.delimiter = table.delimiter
        self.encoding = None if table.encoding == UTF8 and head.isascii() else table.encoding
        self.ignored_columns = list(table.ignored_columns)

    def _positions(self, header: list[str]) -> dict[str, int]:
        known = {name: name for name in (*self.profile.required, *OPTIONAL_COLUMNS)}
        known.update({normalise_column_name(alias): name for alias, name in self.profile.all_aliases.items()})
        positions: dict[str, int] = {}
        for position, written in enumerate(header):
            name = known.get(normalise_column_name(written))
            if name is not None and name not in positions:
                positions[name] = position
                self.written[name] = written.strip().lstrip("\ufeff")
                self.column_mapping.append((self.written[name], name))
        return positions

    # -- bytes to lines -----------------------------------------------------------------------------

    def _blocks(self, head: bytes) -> Iterator[bytes]:
        """The raw file: the head already read, then the rest; hashed here unless hashed up front."""
        data = head
        while data:
            if not self.hashed_up_front:
                self.sha256.update(data)
            yield data
            data = self.stream.read(CHUNK_SIZE)

    def _chunks(self, head: bytes) -> Iterator[list[str]]:
        """The file as lists of lines, decoded a megabyte at a time, cut at line breaks."""
        pending = b""
        lines_before = 0
        first = True
        blocks = self._blocks(head)
        while True:
            data = next(blocks, b"")
            buffer = pending + data if pending else data
            if data:
                # Cut after the last line break; a lone CR at the very end may be half of a CRLF.
                cut = max(buffer.rfind(b"\n"), buffer.rfind(b"\r", 0, len(buffer) - 1)) + 1
                if cut == 0:
                    if len(buffer) > MAX_LINE:
                        self._fatal(lines_before + 1, "linjen er urimeligt lang; er det en posteringsfil?")
                    pending = buffer
                    continue
                buffer, pending = buffer[:cut], buffer[cut:]
            elif not buffer:
                return
            if first:
                first = False
                if buffer.startswith(b"\xef\xbb\xbf"):
                    buffer = buffer[3:]
                    self.bytes_done += 3
            text = self._decode(buffer, lines_before)
            self.bytes_done += len(buffer)
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            lines = text.split("\n")
            if lines[-1] == "":
                lines.pop()
            lines_before += len(lines)
            yield lines
            if not data:
                return

    def _decode(self, buffer: bytes, lines_before: int) -> str:
        """Decode whole lines; the encoding is settled as tabular settles it (see tabular._Decoding)."""
        if b"\x00" in buffer:
            self._fatal(lines_before + buffer.count(b"\n", 0, buffer.find(b"\x00")) + 1,
                        "filen kan ikke læses som tekst (UTF-8 eller Windows-1252)")
        if buffer.isascii():
            return buffer.decode("ascii")
        if self.encoding == CP1252:
            codec = "cp1252"
        else:
            codec = "utf-8"
        try:
            text = buffer.decode(codec)
        except UnicodeDecodeError as utf8_error:
            bad = utf8_error.start
            if self.encoding is None:  # only ASCII so far: this is the first sign of the encoding
                try:
                    text = buffer.decode("cp1252")
                except UnicodeDecodeError as cp1252_error:
                    bad = cp1252_error.start  # one of the five bytes cp1252 leaves undefined
                else:
                    self.encoding = CP1252
                    return text
            label = self.encoding or UTF8
            line = lines_before + buffer.count(b"\n", 0, bad) + 1
            self._fatal(line, f"linjen kan ikke læses som {label} ligesom begyndelsen af filen; "
                              "gem filen som «CSV UTF-8»")
        if self.encoding is None:
            self.encoding = UTF8
        return text

    def _fatal(self, line: int | None, message: str) -> None:
        self.problems.add(line, None, None, message)
        raise self.problems.error()

    # -- lines to postings --------------------------------------------------------------------------

    def _read_head(self) -> bytes:
        # A loop because read() on pipes and uploads may return less than asked.
        head = b""
        while len(head) < HEAD_SIZE and (chunk := self.stream.read(HEAD_SIZE - len(head))):
            head += chunk
        return head

    def run(self, sink, progress: Callable[[Progress], None] | None, limit: int | None = None) -> None:  # noqa: C901
        """Read every row (or the first ``limit``); good rows go to ``sink``; raise TableError at the end
        if anything was wrong. The hot loop: keep it flat, with dict lookups cached by the raw text."""
        head = self._read_head()
        self._check_header(head)
        lines = chain.from_iterable(self._chunks(head))
        delimiter = self.delimiter
        blank = delimiter + " \t\u00a0"
        line_no, header = self._next_record(lines, 0, delimiter, blank)
        positions = self._positions(header or [])
        width = len(header or [])
        layout = self.profile.account_layout
        i_date, i_amount = positions["dato"], positions["beloeb"]
        i_account = positions.get(ACCOUNT_COLUMN, -1)
        i_fn, i_dr = positions.get("funktion", -1), positions.get("dranst", -1)
        i_art, i_cc = positions.get("art", -1), positions.get("omkostningssted", -1)
        optional = any(name in positions for name in OPTIONAL_COLUMNS)
        i_text, i_voucher, i_group, i_project = (positions.get(name, -1) for name in OPTIONAL_COLUMNS)
        max_text, max_voucher, max_group, max_project = (MAX_LENGTHS[name] for name in OPTIONAL_COLUMNS)

        problems = self.problems
        add = problems.add
        dates: dict[str, tuple] = {}
        cost_centres: dict[str, int] = dict(self.lookups.cost_centres)
        accounts: dict[str, tuple[str, str, str, str]] = {}
        dranst_of = dict(_DRANST)
        amount_match = _PLAIN_AMOUNT.fullmatch
        batch: list[tuple] = []
        total = rows = 0
        seen_periods: set[int] = set()
        next_progress = PROGRESS_EVERY

        for line in lines:
            line_no += 1
            if '"' in line:
                row_line, fields, extra = self._quoted(line, lines, line_no, delimiter)
                line_no += extra
                if not any(value.strip() for value in fields):
                    continue
            else:
                # Only a line that begins with a delimiter or a space can be empty: strip just those.
                if line[:1] in blank and not line.strip(blank):
                    continue
                row_line, fields = line_no, line.split(delimiter)
            if len(fields) != width:
                add(row_line, None, None, _width_message(row_line, fields, width))
                continue
            rows += 1
            bad = problems.total

            raw_date = fields[i_date]
            try:
                iso, period, functions, arts = dates[raw_date]
            except KeyError:
                try:
                    iso, period, functions, arts = dates[raw_date] = self._date_entry(raw_date)
                except ValueError as error:
                    add(row_line, self.written["dato"], raw_date.strip(), str(error))
                    iso = None

            if layout is None:
                raw_fn, raw_dr, raw_art, raw_cc = fields[i_fn], fields[i_dr], fields[i_art], fields[i_cc]
            else:
                raw_account = fields[i_account]
                try:
                    raw_fn, raw_dr, raw_art, raw_cc = accounts[raw_account]
                except KeyError:
                    try:
                        raw_fn, raw_dr, raw_art, raw_cc = accounts[raw_account] = self.values.account(raw_account)
                    except ValueError as error:
                        add(row_line, self.written[ACCOUNT_COLUMN], raw_account.strip(), str(error))
                        continue

            try:
                dranst = dranst_of[raw_dr]
            except KeyError:
                dranst = self._dranst(raw_dr, dranst_of, row_line)
            try:
                cc_id = cost_centres[raw_cc]
            except KeyError:
                try:
                    cc_id = cost_centres[raw_cc] = self.values.cost_centre(raw_cc)
                except ValueError as error:
                    cc_id = None
                    if not self.park_unknown:
                        add(row_line, self._column("omkostningssted"), raw_cc.strip(), str(error))
            raw_amount = fields[i_amount]
            if amount_match(raw_amount):
                oere = int(raw_amount.replace(".", "").replace(",", ""))
            else:
                oere = self._amount(raw_amount, row_line)
            if iso is not None:
                try:
                    fn_id = functions[raw_fn]
                except KeyError:
                    fn_id = self._function(raw_fn, functions, period, row_line)
                try:
                    art_id = arts[raw_art]
                except KeyError:
                    art_id = self._art(raw_art, arts, period, row_line)

            if optional:
                text = fields[i_text].strip() if i_text >= 0 else ""
                voucher = fields[i_voucher].strip() if i_voucher >= 0 else ""
                group = fields[i_group].strip() if i_group >= 0 else ""
                project = fields[i_project].strip() if i_project >= 0 else ""
                if (len(text) > max_text or len(voucher) > max_voucher or len(group) > max_group
                        or len(project) > max_project):
                    for name, value in zip(OPTIONAL_COLUMNS, (text, voucher, group, project), strict=True):
                        if len(value) > MAX_LENGTHS[name]:
                            add(row_line, self.written[name], value[:40] + "…",
                                f"feltet er længere end {MAX_LENGTHS[name]} tegn")
            else:
                text = voucher = group = project = ""

            if problems.total != bad:
                continue
            if problems and limit is None:  # the file will be rejected: check the rest, write nothing more
                continue
            if period not in seen_periods:
                seen_periods.add(period)
                sink.start_period(period)
            if cc_id is None:
                sink.suspense(SuspensePosting(
                    line=row_line, period=period, date=date.fromisoformat(iso), cost_centre_code=raw_cc.strip(),
                    function_code=_function_code(raw_fn), dranst=dranst, art_code=_art_code(raw_art),
                    amount=from_oere(oere), text=text[:200], voucher=voucher))
                continue
            total += oere
            batch.append((period, iso, cc_id, fn_id, dranst, art_id, oere, text, voucher, group, project))
            if len(batch) >= BATCH_ROWS:
                sink.write(batch)
                batch = []
            if rows >= next_progress:
                next_progress += PROGRESS_EVERY
                self.rows_seen = rows
                _report(progress, "læser", self, self.size)
            if limit is not None and rows >= limit:
                self.limit_reached = True
                break

        self.rows_seen = rows
        self.total_oere = total
        if header is None:
            self._fatal(None, "filen er tom")
        if batch and (not problems or limit is not None):
            sink.write(batch)
        problems.raise_if_any()

    def _next_record(self, lines: Iterator[str], line_no: int, delimiter: str,
                     blank: str) -> tuple[int, list[str] | None]:
        for line in lines:
            line_no += 1
            if '"' in line:
                _, fields, extra = self._quoted(line, lines, line_no, delimiter)
                line_no += extra
                if any(value.strip() for value in fields):
                    return line_no, fields
            elif line.strip(blank):
                return line_no, line.split(delimiter)
        return line_no, None

    def _quoted(self, line: str, lines: Iterator[str], line_no: int,
                delimiter: str) -> tuple[int, list[str], int]:
        """A record with quotes, which may go on over the next lines: (first line, fields, extra lines)."""
        source = _Continued(line, lines)
        reader = csv.reader(source, delimiter=delimiter)
        try:
            fields = next(reader)
        except csv.Error as error:
            message = f"linjen kan ikke læses som CSV ({error})"
            if "field larger than field limit" in str(error):
                message = 'et felt er urimeligt langt; mangler der et afsluttende anførselstegn (")?'
            self._fatal(line_no, message)
        if source.ran_dry:
            self._fatal(line_no, 'et anførselstegn (") lukkes aldrig; rækken fortsætter til slutningen af filen')
        return line_no, fields, reader.line_num - 1

    # -- values -------------------------------------------------------------------------------------

    def _column(self, name: str) -> str:
        return self.written.get(name) or self.written.get(ACCOUNT_COLUMN) or name

    def _date_entry(self, raw: str) -> tuple:
        """(ISO date, period yyyymm, functions of its year, arts of its year) for a date cell."""
        period, day = self.values.date(raw)
        # Per year, caches of the chart by the raw texts, so the hot loop finds "32201" directly.
        if day.year not in self.raw_functions:
            self.raw_functions[day.year] = {code: pk for code, (pk, _service)
                                            in self.lookups.functions.get(day.year, {}).items()}
            self.raw_arts[day.year] = dict(self.lookups.arts.get(day.year, {}))
        return day.isoformat(), period, self.raw_functions[day.year], self.raw_arts[day.year]

    def _dranst(self, raw: str, cache: dict[str, int], line: int) -> int:
        try:
            cache[raw] = self.values.dranst(raw)
        except ValueError as error:
            self.problems.add(line, self._column("dranst"), raw.strip(), str(error))
            return 0
        return cache[raw]

    def _amount(self, raw: str, line: int) -> int:
        try:
            return self.values.amount(raw)
        except ValueError as error:
            self.problems.add(line, self.written["beloeb"], raw.strip(), str(error))
            return 0

    def _function(self, raw: str, cache: dict[str, int], period: int, line: int) -> int:
        try:
            cache[raw] = self.values.function(raw, period // 100)
        except ValueError as error:
            self.problems.add(line, self._column("funktion"), raw.strip(), str(error))
            return 0
        return cache[raw]

    def _art(self, raw: str, cache: dict[str, int], period: int, line: int) -> int:
        try:
            cache[raw] = self.values.art(raw, period // 100)
        except ValueError as error:
            self.problems.add(line, self._column("art"), raw.strip(), str(error))
            return 0
        return cache[raw]


class _Continued:
    """The lines of a quoted record for csv.reader, which asks for the next line only while a quoted
    field is open; ``ran_dry`` says the file ended inside one."""

    def __init__(self, first: str, rest: Iterator[str]) -> None:
        self.first = first
        self.rest = rest
        self.ran_dry = False

    def __iter__(self) -> Iterator[str]:
        yield self.first + "\n"
        for line in self.rest:
            yield line + "\n"
        self.ran_dry = True


def _function_code(raw: str) -> str:
    """ "3.22.01" as it is, "32201" (Statistics Denmark) and "2201" (= 0.22.01) as "3.22.01"/"0.22.01"."""
    text = raw.strip()
    if _FUNCTION_DOTTED.fullmatch(text):
        return text
    if _FUNCTION_DIGITS.fullmatch(text):
        digits = text.zfill(5)
        return f"{digits[0]}.{digits[1:3]}.{digits[3:]}"
    if not text:
        raise ValueError("feltet er tomt; forventet en funktion, fx 3.22.01 eller 32201")
    raise ValueError(f"«{text}» er ikke en funktion; forventet fx 3.22.01 eller 32201")


def _art_code(raw: str) -> str:
    """ "4.0" as it is, "40" as "4.0"."""
    text = raw.strip()
    if _ART_DOTTED.fullmatch(text):
        return text
    if _ART_DIGITS.fullmatch(text):
        return f"{text[0]}.{text[1:]}"
    if not text:
        raise ValueError("feltet er tomt; forventet en art, fx 4.0 eller 40")
    raise ValueError(f"«{text}» er ikke en art; forventet fx 4.0 eller 40")


def _width_message(line: int, fields: list[str], width: int) -> str:
    count = len(fields)
    message = f"rækken har {count} {'felt' if count == 1 else 'felter'}; overskriften har {width}"
    breaks = sum(value.count("\n") for value in fields)
    if breaks and count < width:
        message += f" (rækken fortsætter til linje {line + breaks}; mangler der et afsluttende anførselstegn?)"
    return message


# ---------------------------------------------------------------------------------------------------
# Writing


class _PreviewSink:
    """Keeps the first rows as the import would store them, with codes instead of ids."""

    def __init__(self, lookups: _Lookups, show: int) -> None:
        self.show = show
        self.rows: list[dict[str, object]] = []
        self.cost_centres = {pk: code for code, pk in lookups.cost_centres.items()}
        self.functions = {value[0]: code for codes in lookups.functions.values() for code, value in codes.items()}
        self.arts = {pk: code for codes in lookups.arts.values() for code, pk in codes.items()}

    def start_period(self, period: int) -> None:
        pass

    def write(self, batch: list[tuple]) -> None:
        for period, iso, cc_id, fn_id, dranst, art_id, oere, text, voucher, group, project in batch:
            if len(self.rows) >= self.show:
                return
            self.rows.append({
                "periode": _period_text(period), "dato": date.fromisoformat(iso), "funktion": self.functions[fn_id],
                "dranst": dranst, "art": self.arts[art_id], "omkostningssted": self.cost_centres[cc_id],
                "beloeb": from_oere(oere), "tekst": text, "bilagsnr": voucher, "gruppering": group,
                "projekt": project, "parkeret": False,
            })

    def suspense(self, posting: SuspensePosting) -> None:
        if len(self.rows) < self.show:
            self.rows.append({
                "periode": _period_text(posting.period), "dato": posting.date, "funktion": posting.function_code,
                "dranst": posting.dranst, "art": posting.art_code, "omkostningssted": posting.cost_centre_code,
                "beloeb": posting.amount, "tekst": posting.text, "bilagsnr": posting.voucher, "gruppering": "",
                "projekt": "", "parkeret": True,
            })


def _rebuild_rollups(periods: list[int], sums: pa.Table) -> None:
    """LedgerMonth and LedgerCentreMonth of the periods, from the sums the store made of the rows it
    wrote."""
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(periods))
    with connection.cursor() as cursor:
        for model in (LedgerMonth, LedgerCentreMonth):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)} WHERE period IN ({marks})", periods)  # noqa: S608
    # In the order of the indexes (cost_centre, period) and (period, cost_centre): their pages are then
    # filled one after the other instead of each row finding its own (a third of the time).
    months = sums.select([*SUM_KEYS, "amount_sum", "amount_count"]).sort_by(
        [("cost_centre_id", "ascending"), ("period", "ascending")])
    _insert(LedgerMonth, months, _MONTH_COPY)
    _insert(LedgerCentreMonth, _centre_months(sums).sort_by([("period", "ascending"),
                                                             ("cost_centre_id", "ascending")]), _CENTRE_COPY)


def _centre_months(sums: pa.Table) -> pa.Table:
    """LedgerCentreMonth's rows from the sums per period and account string, by the rule of
    rollups.sum_centre_months (capital by the dranst, service by the class each function has now),
    which makes them from LedgerMonth in SQL when a function changes class."""
    functions = pc.unique(sums.column("function_id")).to_pylist()
    service = Function.objects.filter(pk__in=functions, classification=Classification.SERVICE)
    parts = pa.table({
        "period": sums.column("period"), "cost_centre_id": sums.column("cost_centre_id"),
        "capital": pc.is_in(sums.column("dranst"), value_set=pa.array([int(d) for d in CAPITAL_DRANST], pa.int16())),
        "service": pc.is_in(sums.column("function_id"),
                            value_set=pa.array(list(service.values_list("pk", flat=True)), pa.int64())),
        "amount": sums.column("amount_sum"),
    })
    keys = ["period", "cost_centre_id", "capital", "service"]
    return parts.group_by(keys, use_threads=False).aggregate([("amount", "sum")]).select([*keys, "amount_sum"])


def _insert(model, rows: pa.Table, layout: list[tuple[str, str]]) -> None:
    """Insert ``rows`` into the model's table: ``layout`` names the columns of ``rows`` that fill the
    table's (_TABLE_COLUMNS), in order, with their types; binary COPY on PostgreSQL, executemany on SQLite."""
    if not rows.num_rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(name) for name in _TABLE_COLUMNS[model])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT binary)") as copy:  # noqa: S608
                copy.write(fixed_width_copy(rows, layout))
        else:
            values = zip(*(rows.column(name).to_pylist() for name, _kind in layout), strict=True)
            marks = ", ".join(["?"] * len(layout))
            connection.connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608


# ---------------------------------------------------------------------------------------------------
# The import record


class _AlreadyImported(Exception):
    def __init__(self, record: LedgerImport) -> None:
        super().__init__(record.pk)
        self.record = record


def _lock_imports() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        # New tables left by an import that was killed after its side loaders committed them.
        drop_loose_tables()
    # SQLite: the transaction is IMMEDIATE (settings), so it holds the write lock already.


def _current_import_with(digest: str) -> LedgerImport | None:
    """The import of the same content whose postings are still the ones in place, if any."""
    record = LedgerImport.objects.filter(sha256=digest).order_by("-pk").first()
    if record is None:
        return None
    later = LedgerImport.objects.filter(pk__gt=record.pk).exclude(sha256="").values_list("periods", flat=True)
    if any(set(periods) & set(record.periods) for periods in later):
        return None
    return record


def _new_record(filename: str, user) -> LedgerImport:
    # Created without an audit entry; _finish_record writes the one entry, with the final numbers.
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        return LedgerImport.objects.create(file_name=filename[:255], sha256="", imported_by=user)


def _finish_record(record: LedgerImport, reader: _LedgerReader, store: PostingStore, digest: str,
                   seconds: float) -> None:
    from auditlog.context import disable_auditlog
    from auditlog.receivers import log_create

    record.sha256 = digest
    record.periods = [_period_text(period) for period in sorted(store.periods)]
    record.row_count = store.rows
    record.suspense_count = store.parked
    record.total = from_oere(store.total_oere)
    record.format_description = reader.format_description
    record.seconds = round(seconds, 2)
    with disable_auditlog():
        record.save()
    log_create(sender=LedgerImport, instance=record, created=True)


def _unchanged(filename: str, record: LedgerImport) -> LedgerImportResult:
    return LedgerImportResult(file_name=filename, periods=list(record.periods), rows=record.row_count,
                              parked=record.suspense_count, total=record.total,
                              format_description=record.format_description, unchanged=True, ledger_import=record)


def _report(progress: Callable[[Progress], None] | None, phase: str, reader: _LedgerReader,
            size: int | None) -> None:
    if progress is not None:
        progress(Progress(phase=phase, rows=reader.rows_seen, bytes_done=reader.bytes_done, bytes_total=size))


# ---------------------------------------------------------------------------------------------------
# Small helpers


def _period_number(text: str) -> int:
    year, month = parse_period(text)
    return year * 100 + month


def _period_text(period: int) -> str:
    return f"{period // 100}-{period % 100:02d}"


def period_label(period: int) -> str:
    """ "juli 2022" for 202207."""
    return fmt_period(period)


def _number(value: int) -> str:
    return fmt_number(value)


def _kroner(amount: Decimal) -> str:
    return fmt_number(amount, 2)

