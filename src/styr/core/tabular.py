"""Reading the CSV-like files that municipal users upload.

The files come from Excel ("CSV (semikolonsepareret)", "CSV UTF-8") and from
ERP exports, so the reader accepts UTF-8 with or without BOM and Windows-1252,
semicolon, comma or tab as delimiter, and header names in any case and with
Danish letters. Everything that is wrong is reported as ``Problem`` objects in
Danish, with file, line and column, collected into one ``TableError`` so the
user can fix the whole file in one go instead of one error per upload.

Files can be around 1 GB, so rows are streamed: only a first chunk is read
up front (to detect encoding and delimiter) and ``Table.rows`` decodes and
parses the rest lazily.

Typical use::

    table = read_table(upload, filename="løn.csv", required=["cpr", "beloeb"])
    for row in table.rows:  # raises TableError after the last row if needed
        amount = table.problems.parse(
            row.line, "beloeb", row.values["beloeb"], parse_amount
        )
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = [
    "Problem",
    "ProblemCollector",
    "Row",
    "Table",
    "TableError",
    "normalise_column_name",
    "read_table",
    "read_table_from_path",
]

T = TypeVar("T")

# Enough to hold the header and many rows, small enough to be instant.
HEAD_SIZE = 64 * 1024
# TableError.__str__ shows this many problems; the rest are only counted.
SHOWN_IN_MESSAGE = 10

DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabulator"}

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 med BOM"
CP1252 = "Windows-1252"
UNREADABLE = "filen kan ikke læses som tekst (UTF-8 eller Windows-1252)"
SAVE_AS_UTF8 = "gem filen som «CSV UTF-8»"

# Bytes that are not valid UTF-8 show up as these lone surrogates, because
# the text is always decoded as UTF-8 with errors="surrogateescape" (see
# _Decoding for why that also works for Windows-1252 files).
_SURROGATES = re.compile("[\udc80-\udcff]")
_LINE_BREAKS = re.compile(rb"\r\n?|\n")
_TEXT_LINE_BREAKS = re.compile(r"\r\n?|\n")
_SPACES_AND_HYPHENS = re.compile(r"[\s\-]+")
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an uploaded file, worded for the user.

    ``value`` is the offending cell text, kept for structured display (e.g. a
    table of problems); ``__str__`` does not repeat it because the message
    already quotes it.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"linje {self.line}")
        if self.column is not None:
            where.append(f"kolonne «{self.column}»")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class TableError(Exception):
    """The file cannot be used; ``problems`` says why.

    ``problems`` may be cut short (see ``ProblemCollector``); ``total`` counts
    every problem found.
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        # Passing both on to Exception keeps the error picklable (task queues).
        super().__init__(problems, total)
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total

    def __str__(self) -> str:
        shown = self.problems[:SHOWN_IN_MESSAGE]
        lines = [str(problem) for problem in shown]
        rest = self.total - len(shown)
        if rest > 0:
            lines.append(f"… og {rest} {'problem' if rest == 1 else 'problemer'} mere")
        return "\n".join(lines)


class ProblemCollector:
    """Collects problems for one file; keeps the first ``limit`` but counts all.

    Nobody reads problem number 10,000, but "… og 9.900 problemer mere"
    tells the user the file is wrong in a systematic way.
    """

    def __init__(self, file: str, limit: int = 100) -> None:
        self.file = file
        self.limit = limit
        self.problems: list[Problem] = []
        self.total = 0

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, line: int | None, column: str | None, value: str | None, message: str) -> None:
        self.total += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(self.file, line, column, value, message))

    def parse(self, line: int | None, column: str, value: str, parser: Callable[[str], T]) -> T | None:
        """Return ``parser(value)``, or record its ValueError and return None."""
        try:
            return parser(value)
        except ValueError as error:
            self.add(line, column, value, str(error))
            return None

    def error(self) -> TableError:
        return TableError(self.problems, self.total)

    def raise_if_any(self) -> None:
        if self.total:
            raise self.error()


@dataclass(frozen=True)
class Row:
    line: int  # physical line in the file where the row starts
    values: dict[str, str]  # canonical column name -> stripped cell text


@dataclass(frozen=True)
class Table:
    """A file whose header has been checked; ``rows`` streams the data rows.

    ``rows`` can be iterated once. Rows with the wrong number of fields are
    recorded in ``problems`` and skipped; after the last row the iterator
    raises ``TableError`` if ``problems`` holds anything, including problems
    the caller added while iterating. Text that cannot be decoded stops it
    at once.
    """

    filename: str
    delimiter: str
    header_line: int
    columns: tuple[str, ...]  # canonical names present, in file order
    ignored_columns: tuple[str, ...]  # header names as written, not used
    problems: ProblemCollector
    rows: Iterator[Row]
    _decoding: _Decoding

    @property
    def encoding(self) -> str:
        """The file's encoding: "UTF-8", "UTF-8 med BOM" or "Windows-1252".

        A file that is pure ASCII in its first 64 KiB says "UTF-8" (which it
        is so far) until a row shows it to be Windows-1252.
        """
        return self._decoding.label or UTF8

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES[self.delimiter]


def normalise_column_name(name: str) -> str:
    """Fold "  Beløb i alt " to "beloeb_i_alt" so users need not match exactly."""
    folded = name.strip().lstrip("\ufeff").lower().translate(_DANISH_LETTERS)
    return _SPACES_AND_HYPHENS.sub("_", folded)


def read_table(
    source: bytes | BinaryIO,
    *,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> Table:
    """Check the header of an uploaded file and return a streaming ``Table``.

    ``required`` and ``optional`` are canonical column names (already in
    normalised form); ``aliases`` maps other header names (normalised here)
    to them. Raises ``TableError`` if the file is unreadable or the header
    does not fit. A file object is read but not closed.
    """
    known = _known_columns(required, optional, aliases or {})
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    problems = ProblemCollector(filename)

    head = _read_head(stream)
    decoding = _detect_encoding(head, len(head) < HEAD_SIZE, problems)
    delimiter = _detect_delimiter(decoding.preview(head), known)

    text = io.TextIOWrapper(
        io.BufferedReader(_Rejoined(head, stream)),
        encoding="utf-8-sig" if decoding.label == UTF8_BOM else "utf-8",
        errors="surrogateescape",
        newline="",  # let csv see the line breaks inside quoted fields
    )
    records = _records(text, delimiter, decoding, problems)
    header = next(records, None)
    if header is None:
        wanted = ", ".join(f"«{name}»" for name in required)
        problems.add(None, None, None, "filen er tom" + (f"; forventet {wanted}" if wanted else ""))
        raise problems.error()
    header_line, header_fields = header

    positions, ignored = _match_header(header_line, header_fields, known, problems)
    missing = [name for name in required if name not in positions]
    if missing:
        found = ", ".join(f"«{field.strip()}»" for field in header_fields if field.strip())
        problems.add(
            header_line,
            None,
            None,
            f"{_missing_message(missing)}; overskriften har {found} "
            f"(læst med {DELIMITER_NAMES[delimiter]} som skilletegn)",
        )
    problems.raise_if_any()

    return Table(
        filename=filename,
        delimiter=delimiter,
        header_line=header_line,
        columns=tuple(positions),
        ignored_columns=tuple(ignored),
        problems=problems,
        rows=_rows(records, positions, len(header_fields), problems),
        _decoding=decoding,
    )


def read_table_from_path(path: str | PathLike[str], **kwargs: Any) -> Table:
    """``read_table`` on a file on disk; ``filename`` defaults to its name.

    The file is closed when ``rows`` is exhausted or closed.
    """
    kwargs.setdefault("filename", Path(path).name)
    file = open(path, "rb")  # closed by _closing, or below on error
    try:
        table = read_table(file, **kwargs)
    except BaseException:
        file.close()
        raise
    return dataclasses.replace(table, rows=_closing(table.rows, file))


def _closing(rows: Iterator[Row], file: BinaryIO) -> Iterator[Row]:
    try:
        yield from rows
    finally:
        file.close()


def _known_columns(
    required: Sequence[str], optional: Sequence[str], aliases: Mapping[str, str]
) -> dict[str, str]:
    """Map every accepted normalised header name to its canonical column name."""
    canonical = [*required, *optional]
    for name in canonical:
        if normalise_column_name(name) != name:
            # A programming error, not a user one: rows would be keyed
            # differently from what the caller asked for.
            raise ValueError(
                f"column name {name!r} must be given normalised: {normalise_column_name(name)!r}"
            )
    known = {name: name for name in canonical}
    for alias, name in aliases.items():
        if name not in canonical:
            raise ValueError(f"alias {alias!r} points to unknown column {name!r}")
        known[normalise_column_name(alias)] = name
    return known


def _read_head(stream: BinaryIO) -> bytes:
    # A loop because read() on pipes and sockets may return less than asked.
    head = b""
    while len(head) < HEAD_SIZE:
        chunk = stream.read(HEAD_SIZE - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _line_of(data: bytes, offset: int) -> int:
    return len(_LINE_BREAKS.findall(data, 0, offset)) + 1


class _Decoding:
    """Which encoding the file has, decided as late as it needs to be.

    All files are decoded as UTF-8 with errors="surrogateescape". That
    mapping is lossless (the bytes can be recovered exactly) and keeps every
    ASCII byte as itself, so csv splits a Windows-1252 file correctly too;
    only cells with non-ASCII text are then re-decoded as Windows-1252.

    Deciding late matters for big ERP exports in Windows-1252 whose first
    64 KiB are only digits: the first row with "ø" settles it. ``label`` is
    None until then.
    """

    def __init__(self, label: str | None) -> None:
        self.label = label

    def preview(self, head: bytes) -> str:
        """The head as text, good enough for finding the header."""
        codec = "cp1252" if self.label == CP1252 else "utf-8-sig"
        return head.decode(codec, errors="replace")

    def decode(self, fields: list[str]) -> list[str] | None:
        """The fields as real text, or None if they are not text."""
        if all(field.isascii() for field in fields):
            # Fast path for most rows; NUL is ASCII but never text in a CSV.
            return None if any("\x00" in field for field in fields) else fields
        invalid_utf8 = any(_SURROGATES.search(field) for field in fields)
        if self.label is None:
            self.label = CP1252 if invalid_utf8 else UTF8
        if self.label == CP1252:
            try:
                fields = [field.encode("utf-8", "surrogateescape").decode("cp1252") for field in fields]
            except UnicodeDecodeError:
                return None  # one of the five bytes cp1252 leaves undefined
        elif invalid_utf8:
            return None
        return None if any("\x00" in field for field in fields) else fields


def _detect_encoding(head: bytes, at_eof: bool, problems: ProblemCollector) -> _Decoding:
    """Decide the encoding from the head of the file, or raise TableError."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.add(None, None, None, f"{UNREADABLE}; den er gemt som UTF-16, {SAVE_AS_UTF8}")
    elif head.startswith(b"PK\x03\x04"):
        problems.add(
            None,
            None,
            None,
            f"{UNREADABLE}; det ligner en Excel-projektmappe (.xlsx), {SAVE_AS_UTF8}",
        )
    elif (nul := head.find(b"\x00")) >= 0:
        problems.add(_line_of(head, nul), None, None, UNREADABLE)
    problems.raise_if_any()

    has_bom = head.startswith(codecs.BOM_UTF8)
    body = head[len(codecs.BOM_UTF8) :] if has_bom else head
    try:
        # Incremental, so a character cut in two at the end of the head is
        # not mistaken for invalid UTF-8.
        decoded = codecs.getincrementaldecoder("utf-8")().decode(body, final=at_eof)
    except UnicodeDecodeError as error:
        # With a BOM the file promises UTF-8; falling back would be a guess.
        bad = (len(head) - len(body)) + error.start
        if not has_bom:
            try:
                head.decode("cp1252")
                return _Decoding(CP1252)
            except UnicodeDecodeError as cp1252_error:
                bad = cp1252_error.start  # cp1252 leaves five bytes undefined
        problems.add(_line_of(head, bad), None, None, UNREADABLE)
        raise problems.error() from None
    if has_bom:
        return _Decoding(UTF8_BOM)
    if decoded.isascii() and not at_eof:
        # Could still be either (even a cut-off last byte); see _Decoding.
        return _Decoding(None)
    return _Decoding(UTF8)


def _detect_delimiter(head_text: str, known: Mapping[str, str]) -> str:
    """Pick the delimiter that splits the header into the most known names.

    Ties go to the first of ; , TAB: semicolon is what Danish Excel writes,
    and a one-column file must not be split on its decimal commas.
    """
    best, best_score = ";", 0
    for delimiter in DELIMITER_NAMES:
        rows = csv.reader(io.StringIO(head_text, newline=""), delimiter=delimiter)
        header = next((row for row in rows if _has_content(row)), [])
        names = {known.get(normalise_column_name(field)) for field in header}
        score = len(names - {None})
        if score > best_score:
            best, best_score = delimiter, score
    if best_score:
        return best
    # No known names at all (so the header will be reported as wrong, unless
    # nothing is required): let the stdlib guess from the first lines.
    sample = "".join(io.StringIO(head_text, newline="").readlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITER_NAMES)).delimiter
    except csv.Error:
        return best


def _has_content(fields: Sequence[str]) -> bool:
    # Excel writes ";;;;" for rows that only have formatting: treat as empty.
    return any(field.strip() for field in fields)


def _records(
    text: TextIO, delimiter: str, decoding: _Decoding, problems: ProblemCollector
) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, decoded fields) for every non-empty record."""
    reader = csv.reader(text, delimiter=delimiter)
    while True:
        # line_num counts the physical lines read so far, so a record that
        # spans several lines (quoted line breaks) starts on the next one.
        line = reader.line_num + 1
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = f"linjen kan ikke læses som CSV ({error})"
            if "field larger than field limit" in str(error):
                message = 'et felt er urimeligt langt; mangler der et afsluttende anførselstegn (")?'
            problems.add(line, None, None, message)
            raise problems.error() from None
        if not _has_content(raw):
            continue
        fields = decoding.decode(raw)
        if fields is None:
            label = decoding.label or UTF8
            problems.add(
                line,
                None,
                None,
                f"linjen kan ikke læses som {label} ligesom begyndelsen af filen; {SAVE_AS_UTF8}",
            )
            raise problems.error()
        yield line, fields


def _match_header(
    line: int,
    fields: Sequence[str],
    known: Mapping[str, str],
    problems: ProblemCollector,
) -> tuple[dict[str, int], list[str]]:
    """Return (canonical name -> field position, ignored header names)."""
    positions: dict[str, int] = {}
    spellings: dict[str, list[str]] = {}
    ignored: list[str] = []
    for position, field in enumerate(fields):
        name = known.get(normalise_column_name(field))
        if name is None:
            if field.strip():  # nameless columns (a trailing ";") are no news
                ignored.append(field.strip())
            continue
        spellings.setdefault(name, []).append(field.strip())
        positions.setdefault(name, position)
    for name, written in spellings.items():
        if len(written) > 1:
            # Which of them holds the real data would be a guess.
            listed = ", ".join(f"«{spelling}»" for spelling in written)
            problems.add(line, name, None, f"kolonnen findes flere gange: {listed}")
    return positions, ignored


def _missing_message(missing: Sequence[str]) -> str:
    listed = ", ".join(f"«{name}»" for name in missing)
    noun = "kolonnen" if len(missing) == 1 else "kolonnerne"
    return f"mangler {noun} {listed}"


def _rows(
    records: Iterator[tuple[int, list[str]]],
    positions: Mapping[str, int],
    width: int,
    problems: ProblemCollector,
) -> Iterator[Row]:
    for line, fields in records:
        if len(fields) != width:
            problems.add(line, None, None, _width_message(line, fields, width))
            continue
        yield Row(line, {name: fields[i].strip() for name, i in positions.items()})
    problems.raise_if_any()


def _width_message(line: int, fields: Sequence[str], width: int) -> str:
    count = len(fields)
    message = f"rækken har {count} {'felt' if count == 1 else 'felter'}; overskriften har {width}"
    breaks = sum(len(_TEXT_LINE_BREAKS.findall(field)) for field in fields)
    if breaks and count < width:
        # Too few fields over several lines: the sign of a stray quote that
        # swallowed delimiters and line breaks until the next quote.
        message += (
            f" (rækken fortsætter til linje {line + breaks}; mangler der et afsluttende anførselstegn?)"
        )
    return message


class _Rejoined(io.RawIOBase):
    """The head already read for detection, followed by the rest of the stream.

    Lets us detect on any readable object, seekable or not (uploads, pipes),
    without reading the whole file into memory.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer)
        if self._head:
            size = min(len(target), len(self._head))
            target[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(target)) or b""
        target[: len(data)] = data
        return len(data)
