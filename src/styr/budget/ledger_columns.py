"""The ledger import's columnar reader: an ordinary posting file, read and checked a column at a time.

An ERP's posting export is millions of rows over a few thousand account strings, a year's days and
a handful of texts. Arrow's CSV reader (C++, streaming, in blocks) turns the file into columns of
text; each column of codes is dictionary-encoded, so a date, a function or a cost centre is parsed
and looked up once per distinct value, not once per row, and amounts are converted by Arrow's
string kernels. No Python runs per row.

The reader only says yes or no: a file with anything to report (a bad value, a row of the wrong
width, bytes that are not text, an unknown code) raises ``NotColumnar`` at the first such block, and
``ledger_import`` rolls back what was written and reads the file again row by row, which finds every
problem with its line and column, parks unknown cost centres when asked to, and skips rows of blanks.
One rule book, the row-by-row reader's; this module is its fast path for files that keep it.
"""

from __future__ import annotations

import csv
import io
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from .ledger_formats import ACCOUNT_PARTS
from .ledger_store import POSTINGS, TEXT_COLUMNS

__all__ = ["FileLayout", "NotColumnar", "Resolver", "first_line_header", "read_ahead", "read_postings"]

BLOCK_SIZE = 2 << 20  # bytes of the file parsed at a time (Arrow reads several blocks ahead: memory)
# The amounts every ERP writes: "-12.345,67", "12345,67". Others go through the resolver one by one.
PLAIN_AMOUNT = r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]{2}"
OPTIONAL = {"tekst": "text", "bilagsnr": "voucher", "gruppering": "grouping", "projekt": "project"}


class NotColumnar(Exception):
    """The file is for the row-by-row reader: it has a problem to report, or a form only that reader reads."""


class Resolver(Protocol):
    """The import's rules for single values (ledger_import._Values); each raises ValueError for a value
    it does not accept."""

    def date(self, raw: str) -> tuple[int, date]: ...  # (period yyyymm, day)
    def function(self, raw: str, year: int) -> int: ...
    def art(self, raw: str, year: int) -> int: ...
    def dranst(self, raw: str) -> int: ...
    def cost_centre(self, raw: str) -> int: ...
    def amount(self, raw: str) -> int: ...  # øre
    def account(self, raw: str) -> tuple[str, str, str, str]: ...  # (funktion, dranst, art, omk.sted)


@dataclass(frozen=True)
class FileLayout:
    """What the header said: the delimiter, the encoding, the number of columns and where each is."""

    delimiter: str
    encoding: str  # Python's codec name: "utf-8" or "cp1252"
    width: int
    positions: dict[str, int]  # canonical column name -> position
    max_lengths: dict[str, int]  # optional text column (Danish name) -> longest allowed
    combined_account: str | None  # the column holding a combined account string, if the profile has one


def first_line_header(head: bytes, delimiter: str, encoding: str | None) -> list[str] | None:
    """The header's fields if the file's first line is a complete, non-blank header; else None."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    end = head.find(b"\n")
    if end < 0:
        return None
    line = head[:end].rstrip(b"\r")
    try:
        text = line.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        return None
    if not text.strip(delimiter + " \t"):
        return None
    reader = csv.reader([text], delimiter=delimiter, strict=True)
    try:
        fields = next(reader)
    except (csv.Error, StopIteration):
        return None
    if text.count('"') % 2:  # a quoted header name that goes on over the next line
        return None
    return fields


class _Counted(io.RawIOBase):
    """The stream, counting the bytes Arrow has read (for the progress bar)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        # Arrow asks for bytes (and keeps them without a copy); RawIOBase's read would make them
        # from readinto, copying each block twice more.
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _Codes:
    """The raw texts of a column seen so far and what the rule makes of each, as Arrow arrays, so that
    a block's column is looked up in C++ (``index_in``) and only a text not seen before goes through
    the rule, once. A text the rule does not accept has nulls for its values."""

    def __init__(self, resolve: Callable[[str], object], *types: pa.DataType) -> None:
        self.resolve = resolve
        self.types = types
        self.raws: list[str] = []
        self.values: list[tuple] = []
        self.known = pa.array([], pa.string())
        self.arrays = tuple(pa.array([], kind) for kind in types)

    def positions(self, column: pa.Array) -> pa.Array:
        """Each row's place among the texts seen (never null)."""
        found = pc.index_in(column, value_set=self.known)
        if found.null_count:
            for raw in pc.unique(column.filter(pc.is_null(found))).to_pylist():
                value = _or_none(self.resolve, raw)
                self.raws.append(raw)
                self.values.append(value if isinstance(value, tuple) else (value,) * len(self.types))
            self.known = pa.array(self.raws, pa.string())
            columns = zip(*self.values, strict=True)
            self.arrays = tuple(pa.array(values, kind) for values, kind in zip(columns, self.types, strict=True))
            found = pc.index_in(column, value_set=self.known)
        return found

    def take(self, column: pa.Array, what: str) -> pa.Array:
        """The value of each row (a rule with one value); NotColumnar if the rule refused one."""
        positions = self.positions(column)  # first: it may add to the arrays
        values = self.arrays[0].take(positions)
        if values.null_count:
            raise NotColumnar(what)
        return values


def _or_none(rule: Callable[[str], object], raw: str) -> object:
    try:
        return rule(raw)
    except ValueError:
        return None


def read_postings(stream: BinaryIO, layout: FileLayout,
                  resolver: Resolver) -> Iterator[tuple[pa.Table, set[int], int]]:
    """The file's postings a block at a time: a table of ``POSTINGS``, the periods in it, and the
    bytes of the file read so far. ``stream`` stands at the start of the file. Raises
    ``NotColumnar`` (see the module)."""
    names = [f"c{position}" for position in range(layout.width)]
    used = sorted(set(layout.positions.values()))
    counted = _Counted(stream)
    try:
        reader = pa_csv.open_csv(
            counted,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, block_size=BLOCK_SIZE,
                                            encoding="cp1252" if layout.encoding == "cp1252" else "utf8"),
            parse_options=pa_csv.ParseOptions(delimiter=layout.delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(column_types={names[i]: pa.string() for i in used},
                                                  include_columns=[names[i] for i in used],
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
        converter = _BlockConverter(layout, resolver)
        for batch in reader:
            if batch.num_rows:
                table, periods = converter.convert(batch)
                yield table, periods, counted.count
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError) as error:
        raise NotColumnar(str(error)) from error


class _BlockConverter:
    def __init__(self, layout: FileLayout, resolver: Resolver) -> None:
        self.layout = layout
        self.resolver = resolver
        self.dates = _Codes(resolver.date, pa.int32(), pa.date32())
        self.dranst = _Codes(resolver.dranst, pa.int16())
        self.cost_centres = _Codes(resolver.cost_centre, pa.int64())
        self.accounts = _Codes(resolver.account, *[pa.string()] * len(ACCOUNT_PARTS))
        self.functions: dict[int, _Codes] = {}
        self.arts: dict[int, _Codes] = {}

    def _year_codes(self, cache: dict[int, _Codes], year: int, resolve) -> _Codes:
        if year not in cache:
            cache[year] = _Codes(lambda raw, year=year: resolve(raw, year), pa.int64())
        return cache[year]

    def convert(self, batch: pa.RecordBatch) -> tuple[pa.Table, set[int]]:
        layout = self.layout
        column = {name: batch.column(f"c{position}") for name, position in layout.positions.items()}
        n = batch.num_rows

        day_at = self.dates.positions(column["dato"])
        period = self.dates.arrays[0].take(day_at)
        if period.null_count:
            raise NotColumnar("dato")
        day = self.dates.arrays[1].take(day_at)
        periods = set(pc.unique(period).to_pylist())

        if layout.combined_account is None:
            raw = {name: column[name] for name in ACCOUNT_PARTS}
        else:
            account_at = self.accounts.positions(column[layout.combined_account])
            raw = {name: values.take(account_at) for name, values in zip(ACCOUNT_PARTS, self.accounts.arrays,
                                                                          strict=True)}
            if raw["funktion"].null_count:
                raise NotColumnar("kontostreng")

        dranst = self.dranst.take(raw["dranst"], "dranst")
        cost_centre = self.cost_centres.take(raw["omkostningssted"], "omkostningssted")
        function = self._by_year(self.functions, self.resolver.function, raw["funktion"], periods, period)
        art = self._by_year(self.arts, self.resolver.art, raw["art"], periods, period)

        texts = {}
        for danish, name in OPTIONAL.items():
            if danish in column:
                values = pc.utf8_trim_whitespace(column[danish])
                limit = layout.max_lengths[danish]
                # Bytes first: a text of no more bytes than the limit has no more characters either.
                if len(values) and pc.max(pc.binary_length(values)).as_py() > limit and \
                        pc.max(pc.utf8_length(values)).as_py() > limit:
                    raise NotColumnar(danish)
                texts[name] = values
            else:
                texts[name] = pa.nulls(n, pa.string()).fill_null("")
        table = pa.Table.from_arrays(
            [period, day, cost_centre, function, dranst, art, self._amounts(column["beloeb"]),
             *(texts[name] for name in TEXT_COLUMNS)], schema=POSTINGS)
        return table, periods

    def _by_year(self, cache: dict[int, _Codes], resolve, raws: pa.Array, periods: set[int],
                 period: pa.Array) -> pa.Array:
        """Functions and arts belong to a year's chart: look each code up in the charts of the years
        present, and take the one of the posting's own year. A code missing from a chart is a problem
        only if a posting of that year has it."""
        years = sorted({each // 100 for each in periods})
        per_year = []
        for year in years:
            codes = self._year_codes(cache, year, resolve)
            positions = codes.positions(raws)
            per_year.append(codes.arrays[0].take(positions))
        if len(years) == 1:
            result = per_year[0]
        else:
            year = pc.divide(period, pa.scalar(100, pa.int32()))
            result = pc.choose(pc.index_in(year, value_set=pa.array(years, pa.int32())), *per_year)
        if result.null_count:
            raise NotColumnar("kontoplan")
        return result

    def _amounts(self, raw: pa.Array) -> pa.Array:
        plain = pc.match_substring_regex(raw, f"^{PLAIN_AMOUNT}$")
        digits = pc.replace_substring(pc.replace_substring(raw, ".", ""), ",", "")
        if pc.all(plain).as_py():
            return pc.cast(digits, pa.int64())
        # Other forms ("12,5", "1 234,00", a trailing minus…): one by one, as the row-by-row reader does.
        values = pc.cast(pc.if_else(plain, digits, "0"), pa.int64()).to_pylist()
        texts = raw.to_pylist()
        for position in pc.indices_nonzero(pc.invert(plain)).to_pylist():
            oere = _or_none(self.resolver.amount, texts[position])
            if oere is None:
                raise NotColumnar("beloeb")
            values[position] = oere
        return pa.array(values, pa.int64())


_END = object()


def read_ahead(items: Iterator, depth: int = 2, name: str = "ledger-reader") -> Iterator:
    """``items``, made in a thread of their own up to ``depth`` ahead, so that reading the file (Arrow
    lets go of the GIL) goes on while the database stores the last block. Whatever the thread raises
    is raised here; leaving early stops the thread, and closes ``items`` (a generator made by another
    ``read_ahead`` stops its own thread in turn)."""
    ready: queue.Queue = queue.Queue(depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_END)
        except BaseException as error:  # noqa: BLE001 (handed to the consumer, which raises it)
            put(error)
        finally:
            if hasattr(items, "close"):
                items.close()

    worker = threading.Thread(target=produce, name=name, daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()
