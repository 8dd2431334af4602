"""The economy report as a file: Word, PDF, Excel, or a whole HTML page.

The text and numbers come from report.EconomyReport; this module only lays them out, with the
shared document builders (documents.word, documents.pdf) and openpyxl for the workbook.
"""

from __future__ import annotations

import base64
from datetime import date
from io import BytesIO

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from styr.documents import excel, pdf
from styr.documents.charts import Chart
from styr.documents.word import WordDocument

from . import figures
from .report import EconomyReport, month_label_short
from .rules import add_months, average_liquidity, last_day_of_month, month_end_balance

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "xlsx": (excel.XLSX_CONTENT_TYPE, "xlsx"),
}
WORD_IMAGE_CM = 16


def file_name(report: EconomyReport, fmt: str) -> str:
    return f"oekonomirapport-{report.month:%Y-%m}.{FORMATS[fmt][1]}"


def render(report: EconomyReport, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"ukendt format «{fmt}»; vælg html, docx, pdf eller xlsx")
    return {"html": to_html, "docx": to_docx, "pdf": to_pdf, "xlsx": to_xlsx}[fmt](report)


def chart_table(chart: Chart, limit: int = 60) -> list[tuple[str, ...]]:
    """The chart's numbers for a table beside it: a time series newest first, and a daily one at
    each month's end; bars in their own order."""
    rows = chart.formatted_rows()
    if chart.kind == "bar":
        return rows
    if len(rows) <= limit:
        return rows[::-1]
    month_ends = []
    for (label, *values), (next_label, *_) in zip(rows, [*rows[1:], ("",)], strict=True):
        if label[3:] != next_label[3:]:  # "30-09-2022" → the month changes after this day
            month_ends.append((label, *values))
    return month_ends[::-1]


def context(report: EconomyReport, *, for_print: bool = False) -> dict:
    charts = []
    for chart in report.charts:
        item = {"chart": chart, "rows": chart_table(chart)}
        if for_print:
            # As an image, WeasyPrint draws the SVG with its SVG renderer; inline, its HTML stylesheet
            # parser would also read (and warn about) every SVG style attribute.
            item["image"] = "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode()).decode()
        charts.append(item)
    return {"report": report, "charts": charts, "for_print": for_print}


def to_html(report: EconomyReport) -> bytes:
    """A whole, self-contained HTML document (the same layout as the PDF)."""
    return render_to_string("keyfigures/report_document.html", context(report)).encode()


def to_pdf(report: EconomyReport) -> bytes:
    html = render_to_string("keyfigures/report_document.html", context(report, for_print=True))
    return pdf.html_to_pdf(html)


def to_docx(report: EconomyReport) -> bytes:
    doc = WordDocument(report.heading, subtitle=f"{report.municipality} · Sagstype: {report.kind}")
    doc.heading("Resume og sagens baggrund", 1).paragraph(report.resume)
    doc.heading("Indstillinger", 1).paragraph(f"{report.proposer} indstiller, at").numbered(report.recommendations)
    doc.heading("Behandling", 1).paragraph(report.treatment)
    doc.heading("Sagsfremstilling", 1).numbered(report.points)
    doc.heading("Økonomiske konsekvenser", 1).paragraph(report.economic_consequences)
    doc.heading("Bilag", 1).bullets(report.attachments)
    doc.page_break()
    doc.heading(report.attachments[0], 1)
    doc.table(report.key_header, [row.cells() for row in report.key_rows], numeric_columns=range(1, 6),
              caption=f"Nøgletal for {report.month_label}")
    for chart in report.charts:
        doc.image(chart.png, WORD_IMAGE_CM, caption=chart.title)
        _describe_last_image(doc, chart.alt_text)
    if report.area_rows:
        doc.table(["Bevillingsområde", "Sygefravær (%)", "Medarbejdere", "Over landsgennemsnittet"],
                  report.area_rows, numeric_columns=(1, 2), caption=f"Sygefravær pr. bevillingsområde, "
                  f"{report.month_label}")
    doc.heading("Om tallene", 2).bullets(report.notes)
    return doc.to_bytes()


def _describe_last_image(doc: WordDocument, alt_text: str) -> None:
    """Word's alternative text for the picture just added (WordDocument.image has no parameter for it)."""
    shapes = doc.document.inline_shapes
    if len(shapes):
        shapes[-1]._inline.docPr.set("descr", alt_text)


# ---------------------------------------------------------------------------------------------------
# Excel: the key figures and each series' months, in kroner (never scaled), one sheet each


KIND_FORMATS = {"persons": excel.NUMBER_FORMATS["int"], "mio": excel.NUMBER_FORMATS["kr"],
                "percent": '#,##0.0" %"', "fte": "#,##0.0"}
PERCENT_POINTS = '#,##0.0" pp"'


def to_xlsx(report: EconomyReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nøgletal"
    _title(sheet, f"Nøgletal – {report.month_label}", f"{report.municipality}. Beløb i kr.")
    header = ["Nøgletal", *report.key_header[1:]]
    _header(sheet, 3, header)
    for index, row in enumerate(report.key_rows, start=4):
        values = [row.now, row.month_before, row.year_before, row.change_month, row.change_year]
        label = row.label + (" (kr.)" if row.kind == "mio" else " (%)" if row.kind == "percent" else "")
        sheet.cell(index, 1, label)
        for column, value in enumerate(values, start=2):
            cell = sheet.cell(index, column, value)
            cell.number_format = PERCENT_POINTS if row.kind == "percent" and column >= 5 else KIND_FORMATS[row.kind]
    _widths(sheet, [46, 16, 16, 16, 18, 20])
    sheet.freeze_panes = "A4"

    text = workbook.create_sheet("Sagsfremstilling")
    _title(text, report.heading, report.resume)
    for index, point in enumerate(report.points, start=4):
        text.cell(index, 1, index - 3)
        text.cell(index, 2, point).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(text, [5, 110])

    for name, header, rows, formats in _series_sheets(report.month):
        series_sheet = workbook.create_sheet(name)
        _title(series_sheet, name, "Pr. måned, de seneste 25 måneder")
        _header(series_sheet, 3, header)
        for r, values in enumerate(rows, start=4):
            for c, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
                cell = series_sheet.cell(r, c, value)
                if value is not None and fmt:
                    cell.number_format = fmt
        _widths(series_sheet, [16] + [22] * (len(header) - 1))
        series_sheet.freeze_panes = "A4"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _title(sheet, title: str, subtitle: str) -> None:
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.cell(2, 1, subtitle)


def _header(sheet, row: int, header: list[str]) -> None:
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row, column, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="left" if column == 1 else "right", wrap_text=True)


def _widths(sheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _series_sheets(month: date):
    months = figures.months_back(month, 25)
    labels = [month_label_short(m) for m in months]
    kr, integer, one = excel.NUMBER_FORMATS["kr"], excel.NUMBER_FORMATS["int"], "#,##0.0"
    pop = figures.population([add_months(m, 1) for m in months])
    yield ("Befolkning", ["Måned", "Befolkningstal ved månedens udgang"],
           [[label, pop.get(add_months(m, 1))] for label, m in zip(labels, months, strict=True)], [None, integer])
    balances = figures.balances(add_months(months[0], -12), last_day_of_month(month))
    liquidity_rows = []
    for label, m in zip(labels, months, strict=True):
        end = month_end_balance(balances, m)
        average = average_liquidity(balances, last_day_of_month(m))
        liquidity_rows.append([label, end and end[1], average.average, average.days_missing])
    yield ("Likviditet", ["Måned", "Likvide aktiver ultimo (kr.)", "Gennemsnit 365 dage (kr.)",
                          "Dage uden saldo i gennemsnittet"], liquidity_rows, [None, kr, kr, integer])
    arrears = figures.arrears(months)
    yield ("Restancer", ["Måned", "Hos kommunen (kr.)", "Heraf ejendomsskat (kr.)", "Hos Gældsstyrelsen (kr.)"],
           [[label, *((arrears[m].municipality, arrears[m].property_tax, arrears[m].collection_agency)
                      if m in arrears else (None, None, None))] for label, m in zip(labels, months, strict=True)],
           [None, kr, kr, kr])
    absence, national = figures.total_absence(months), figures.national_absence(months)
    yield ("Sygefravær", ["Måned", "Sygedage", "Mulige arbejdsdage", "Sygefravær (%)", "Landsgennemsnit (%)"],
           [[label, *((absence[m].sick_days, absence[m].possible_days, absence[m].percent) if absence[m]
                      else (None, None, None)), national.get(m)] for label, m in zip(labels, months, strict=True)],
           [None, one, one, '#,##0.0" %"', '#,##0.0" %"'])
    staff = figures.total_staff(months)
    yield ("Ansatte", ["Måned", "Ansatte", "Årsværk"],
           [[label, *((staff[m].persons, staff[m].fte) if staff[m] else (None, None))]
            for label, m in zip(labels, months, strict=True)], [None, integer, one])
