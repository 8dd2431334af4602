"""One table to one .xlsx sheet, the same way for every export in Styr.

A title row (and an optional line under it saying period and unit), a bold header row that stays in
view when scrolling, columns wide enough for their content, and numbers stored as numbers with a
number format, so that Excel can sum them.

About the number formats: a format code in the file is always written the en-US way ("#,##0.00"),
and Excel shows it with the reader's own separators: Danish Excel displays "#,##0" as 1.406.800 and
"#,##0.00" as -2.093,80. Writing "#.##0" into the file would instead mean a decimal point.
Amounts are written as exact Decimals in kroner, never scaled, so a sum in Excel is the sum in Styr.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from . import numbers

NUMBER_FORMATS = {
    "text": "@",
    "int": "#,##0",
    "kr": "#,##0",  # whole kroner; the cell keeps the øre
    "kr_oere": "#,##0.00",
    "percent": '#,##0.0" %"',  # the value is in percent (4.8 → "4,8 %"), not a fraction
    "date": "dd-mm-yyyy",
}
MAX_WIDTH = 60
INVALID_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # one of NUMBER_FORMATS
    width: float | None = None  # in characters; None: fitted to the content

    def __post_init__(self):
        if self.kind not in NUMBER_FORMATS:
            raise ValueError(f"ukendt kolonnetype {self.kind!r}")


def _shown(value, kind: str) -> str:
    """Roughly what Excel will show, to size the column."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return "00-00-0000"
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        decimals = 2 if kind == "kr_oere" else 1 if kind == "percent" else 0
        return numbers.fmt_number(value, decimals) + (" %" if kind == "percent" else "")
    return str(value)


def _check_value(value):
    if isinstance(value, float):
        raise TypeError("beløb må aldrig være float; brug Decimal")
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Excel has no time zones: write the Danish wall-clock time.
        return value.astimezone(numbers.COPENHAGEN).replace(tzinfo=None)
    return value


def write_table(title: str, columns: Sequence[Column], rows: Iterable[Sequence], *,
                subtitle: str = "", sheet_title: str = "") -> bytes:
    """The table as the bytes of an .xlsx file. ``rows`` holds one value per column (None for empty)."""
    rows = [[_check_value(v) for v in row] for row in rows]
    widths = [len(c.header) + 2 for c in columns]
    for row in rows:
        for i, (value, column) in enumerate(zip(row, columns, strict=True)):
            widths[i] = max(widths[i], len(_shown(value, column.kind)) + 2)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((sheet_title or title).translate(INVALID_SHEET_CHARS)[:31] or "Ark1")
    header_row = 4 if subtitle else 3
    sheet.freeze_panes = f"A{header_row + 1}"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width or min(widths[i - 1], MAX_WIDTH)

    title_cell = WriteOnlyCell(sheet, title)
    title_cell.font = Font(bold=True, size=14)
    sheet.append([title_cell])
    if subtitle:
        sheet.append([subtitle])
    sheet.append([])
    headers = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="left" if column.kind in ("text", "date") else "right",
                                   wrap_text=True, vertical="bottom")
        headers.append(cell)
    sheet.append(headers)
    for row in rows:
        cells = []
        for value, column in zip(row, columns, strict=True):
            cell = WriteOnlyCell(sheet, value)
            if value is not None and column.kind != "text":
                cell.number_format = NUMBER_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)

    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
