"""The follow-up reports (report.py) as a web page, Word, PDF and Excel.

Every number a reader sees in a table is formatted once, here (``table`` rows of text), and the
web page, the PDF and the Word file show those same strings; the sentences come from
``report.agenda_item``. Excel gets the exact amounts in kroner as numbers with a number format,
so that a sum in Excel is the sum in Styr.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from styr.documents import excel
from styr.documents.charts import Chart, bar_chart, line_chart
from styr.documents.numbers import MILLION, MONTH_ABBREVIATIONS, fmt_as_of, fmt_mio
from styr.documents.pdf import html_to_pdf
from styr.documents.word import WordDocument

from . import rules
from .report import AgendaItem, AnnualReport, AreaLine, RoundReport, agenda_item
from .table import Totals

FORMATS = ("html", "docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": excel.XLSX_CONTENT_TYPE,
}
UNIT = "mio. kr."
ROUNDING_NOTE = ("Beløb i mio. kr. Hver række er afrundet for sig, og totalerne er afrundet fra de præcise summer; "
                 "rækkerne lagt sammen kan derfor afvige en smule fra totalen.")
NOT_ENTERED_MARK = " *"
NOT_ENTERED_NOTE = "* Forventet regnskab er ikke indsendt endnu: linjen regnes med korrigeret budget."


@dataclass
class RenderedFile:
    filename: str
    content_type: str
    data: bytes


# ---------------------------------------------------------------------------------------------------
# Tables as text: the one place the report's numbers are formatted


def mio(value: Decimal | None) -> str:
    return fmt_mio(value, unit=False)


def deviation(underspend: Decimal | None) -> str:
    """A deviation in mio. kr., signed by the municipality's convention."""
    return "–" if underspend is None else fmt_mio(rules.shown_deviation(underspend), unit=False)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    anchor: str = ""
    text_columns: tuple[int, ...] = ()  # columns of text besides the first (names, notes)

    @property
    def numeric_columns(self) -> list[int]:
        return [i for i in range(1, len(self.header)) if i not in self.text_columns]

    @property
    def head(self) -> list[tuple[str, bool]]:
        """(header, numeric) per column, for the templates."""
        numeric = set(self.numeric_columns)
        return [(h, i in numeric) for i, h in enumerate(self.header)]

    @property
    def body(self) -> list[list[tuple[str, bool]]]:
        numeric = set(self.numeric_columns)
        return [[(cell, i in numeric) for i, cell in enumerate(row)] for row in self.rows]

    @property
    def foot(self) -> list[tuple[str, bool]] | None:
        numeric = set(self.numeric_columns)
        return None if self.total is None else [(cell, i in numeric) for i, cell in enumerate(self.total)]


def deviation_header(label: str = "Afvigelse") -> str:
    """"Afvigelse (mio. kr.; + = mindreforbrug)": the unit and the sign convention in the header."""
    return f"{label} ({UNIT}; {rules.deviation_short().strip('()')})"


AREA_HEADER = ["Bevillingsområde", f"Oprindeligt budget ({UNIT})", f"Korrigeret budget ({UNIT})",
               f"Forbrug til dato ({UNIT})", f"Forventet regnskab ({UNIT})"]


def area_header() -> list[str]:
    return [*AREA_HEADER, deviation_header(), deviation_header("Afvigelse ved seneste opfølgning")]


def _area_row(area: AreaLine) -> list[str]:
    f = area.forecast
    mark = "" if area.line.entered else NOT_ENTERED_MARK
    return [area.name, mio(f.original_budget), mio(f.corrected_budget), mio(f.actual_to_date),
            mio(area.line.expected) + mark, deviation(area.underspend) + mark, deviation(area.previous_underspend)]


def _total_row(label: str, t: Totals, has_previous: bool = True) -> list[str]:
    return [label, mio(t.original_budget), mio(t.corrected_budget), mio(t.actual_to_date), mio(t.expected),
            deviation(t.underspend), deviation(t.previous_underspend) if has_previous else "–"]


def _notes(areas: list[AreaLine]) -> list[str]:
    return [ROUNDING_NOTE] + ([NOT_ENTERED_NOTE] if any(not a.line.entered for a in areas) else [])


def committee_tables(report: RoundReport) -> list[tuple[str, str, list[Table]]]:
    """(committee name, anchor, [operations table, capital table]) for each committee."""
    result = []
    for part in report.committees:
        tables = [Table(f"Drift: {part.committee.name}", area_header(), [_area_row(a) for a in part.operations],
                        _total_row("I alt", part.operations_total,
                                   any(a.previous_underspend is not None for a in part.operations)),
                        _notes(part.operations), anchor=part.anchor)]
        if part.capital:
            tables.append(Table(f"Anlæg: {part.committee.name}", area_header(), [_area_row(a) for a in part.capital],
                                _total_row("I alt", part.capital_total,
                                           any(a.previous_underspend is not None for a in part.capital)),
                                _notes(part.capital)))
        result.append((part.committee.name, part.anchor, tables))
    return result


def summary_table(report: RoundReport) -> Table:
    header = ["Udvalg", *area_header()[1:]]
    rows = [_total_row(part.committee.name, part.operations_total) for part in report.committees]
    return Table(f"Drift pr. udvalg, {report.scope.name}", header, rows,
                 _total_row("I alt", report.operations_total, report.previous_underspend is not None),
                 [ROUNDING_NOTE], anchor="oversigt")


def pool_table(report: RoundReport) -> Table | None:
    if not report.pools:
        return None
    header = ["Pulje", f"Afsat ({UNIT})", f"Forventet træk ({UNIT})", f"Rest ({UNIT})", "Finansierer",
              deviation_header("Forventet afvigelse på det finansierede område")]
    rows = []
    for p in report.pools:
        if p.is_stability:
            finances = f"Forudsættes ikke anvendt; indgår som mindreforbrug på {p.pool.holder.name}"
        elif p.pool.finances is not None:
            where = f" ({p.financed_committee.name})" if p.financed_elsewhere else ""
            finances = f"Merforbrug på {p.pool.finances.name}{where}"
        else:
            finances = "–"
        rows.append([p.pool.name, mio(p.use.amount), mio(p.use.drawn), mio(p.use.left), finances,
                     deviation(p.financed_underspend)])
    return Table("Puljer", header, rows, notes=["Et træk på en demografipulje dækker det finansierede områdes "
                                                "merforbrug, højst med puljens beløb."], anchor="puljer",
                 text_columns=(4,))


def service_table(report: RoundReport) -> Table:
    s = report.service
    header = ["Serviceudgifter", f"Oprindeligt budget ({UNIT})", f"Forventet regnskab ({UNIT})", deviation_header(),
              deviation_header("Afvigelse ved seneste opfølgning")]
    return Table("Serviceudgifter i forhold til oprindeligt budget", header,
                 [[report.scope.name, mio(s.original_budget), mio(s.expected), deviation(s.underspend),
                   deviation(s.previous_underspend)]],
                 notes=["Serviceudgifterne måles mod det oprindeligt vedtagne budget (servicerammen i aftalen mellem "
                        "regeringen og KL). Et områdes afvigelse fordeles på service i forhold til serviceandelen "
                        "af dets korrigerede budget."], anchor="service")


def capital_table(report: RoundReport) -> Table | None:
    c = report.capital
    if c is None:
        return None
    o = c.outlook
    header = ["Anlæg", f"Korrigeret budget ({UNIT})", f"Forventet forbrug ({UNIT})", deviation_header(),
              deviation_header("Afvigelse ved seneste opfølgning"), f"Overføres til {report.year + 1} ({UNIT})",
              f"Forventet forbrug {report.year + 1} ({UNIT})", f"Mindreforbrug {report.year + 1} ({UNIT})"]
    return Table("Anlæg i alt", header, [[report.scope.name, mio(c.corrected_budget), mio(c.expected),
                                         deviation(o.underspend), deviation(c.previous_underspend), mio(o.transfer),
                                         mio(o.used_next_year), mio(o.underspend_next_year)]], anchor="anlaeg")


def goal_table(report: RoundReport) -> Table | None:
    if not report.goals:
        return None
    return Table("Målopfølgning", ["Bevillingsområde", "Mål", "Status", "Bemærkning"],
                 [[g.unit.name, g.goal, g.get_colour_display(), g.note] for g in report.goals], anchor="maal",
                 text_columns=(1, 2, 3))


# ---------------------------------------------------------------------------------------------------
# Charts


def in_mio(amount: Decimal) -> Decimal:
    """Charts are always in mio. kr. with one decimal, as the tables beside them (the charts module would
    otherwise pick 1.000 kr. for a committee whose deviations are all under a million)."""
    return amount / MILLION


def highlight_overspend() -> bool:
    """Red bars are overspends: below zero only where an overspend is printed negative."""
    return settings.STYR_DEVIATION_CONVENTION == rules.BUDGET_MINUS_SPEND


MAX_BARS = 30  # more areas than this: the chart shows the largest deviations (the table above has them all)


def committee_chart(report: RoundReport, committee_index: int) -> Chart:
    part = report.committees[committee_index]
    areas = part.operations
    title = f"Forventet afvigelse, {part.committee.name}"
    if len(areas) > MAX_BARS:
        largest = set(map(id, sorted(areas, key=lambda a: abs(a.underspend), reverse=True)[:MAX_BARS]))
        areas = [a for a in areas if id(a) in largest]
        title += f" (de {MAX_BARS} største afvigelser)"
    return bar_chart([a.name for a in areas], [in_mio(rules.shown_deviation(a.underspend)) for a in areas],
                     title=title, unit=UNIT, decimals=1, highlight_negative=highlight_overspend(),
                     label_title="Bevillingsområde")


def history_chart(report: RoundReport, name: str | None = None) -> Chart | None:
    """The expected deviation month by month: the scope's total, or one committee's (``name``).
    One line per chart: a committee's line sits in its own section, where the reader is."""
    history = report.history
    name = name or next(iter(history.series), None)
    if not history.months or name not in history.series:
        return None
    labels = [f"{MONTH_ABBREVIATIONS[m - 1]} {report.year % 100:02d}" for m in history.months]
    values = [None if v is None else in_mio(rules.shown_deviation(v)) for v in history.series[name]]
    return line_chart(labels, {name: values}, title=f"Forventet afvigelse måned for måned, {name}", unit=UNIT,
                      decimals=1, reference_line=0, label_title="Opfølgning")


def history_table(report: RoundReport) -> Table | None:
    """Every series of the history in one table: the numbers behind the month-by-month charts."""
    history = report.history
    if not history.months:
        return None
    header = ["Opfølgning", *(deviation_header(name) for name in history.series)]
    rows = [[f"{MONTH_ABBREVIATIONS[m - 1]} {report.year % 100:02d}", *(deviation(values[i]) for values in
                                                                         history.series.values())]
            for i, m in enumerate(history.months)]
    return Table("Forventet afvigelse måned for måned", header, rows, anchor="udvikling")


def svg_data_uri(chart: Chart) -> str:
    """The chart as an image for the PDF: WeasyPrint draws an SVG image as it is, where inline SVG's
    style attributes would be read (and complained about) as the page's CSS."""
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode()).decode()


# ---------------------------------------------------------------------------------------------------
# Contexts for the templates (the web page and the document share the body partials)


def agenda_context(report: RoundReport) -> dict:
    return {"report": report, "item": agenda_item(report), "title": report.agenda_title}


def monthly_context(report: RoundReport) -> dict:
    committees = []
    for index, (name, anchor, tables) in enumerate(committee_tables(report)):
        chart = committee_chart(report, index) if report.committees[index].operations else None
        history = history_chart(report, name) if not report.is_committee else None
        committees.append({"name": name, "anchor": anchor, "tables": tables, "chart": chart, "history": history})
    return {
        "report": report, "title": report.monthly_title, "summary": summary_table(report),
        "committees": committees, "pools": pool_table(report), "service": service_table(report),
        "capital": capital_table(report), "goals": goal_table(report), "history": history_chart(report),
        "history_table": history_table(report), "deviation_short": rules.deviation_short(),
    }


def annual_table(annual: AnnualReport) -> Table:
    header = ["Område", f"Oprindeligt budget ({UNIT})", f"Korrigeret budget ({UNIT})", f"Regnskab ({UNIT})",
              deviation_header("Afvigelse fra oprindeligt budget"), deviation_header("Afvigelse fra korrigeret budget")]
    rows = [[line.name, mio(line.original), mio(line.corrected), mio(line.actual), deviation(line.against_original),
             deviation(line.against_corrected)] for line in annual.lines]
    t = annual.total
    return Table(f"Tabel 1: Driftsregnskab {annual.year}, {annual.unit.name}", header, rows,
                 ["I alt", mio(t.original), mio(t.corrected), mio(t.actual), deviation(t.against_original),
                  deviation(t.against_corrected)], [ROUNDING_NOTE], anchor="tabel-1")


def annual_goal_table(annual: AnnualReport) -> Table | None:
    if not annual.goals:
        return None
    return Table("Målopfølgning", ["Område", "Mål", "Status", "Bemærkning"],
                 [[g.unit.name, g.goal, g.get_colour_display(), g.note] for g in annual.goals],
                 text_columns=(1, 2, 3))


def annual_context(annual: AnnualReport) -> dict:
    return {"annual": annual, "title": annual.title, "table": annual_table(annual),
            "goals": annual_goal_table(annual)}


# ---------------------------------------------------------------------------------------------------
# File names


def slug(text: str) -> str:
    """"Økonomiudvalget" → "oekonomiudvalget" (Danish letters spelt out, as in the URLs)."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "rapport"


def round_filename(kind: str, report: RoundReport, fmt: str) -> str:
    stem = {"agenda": "budgetopfoelgning", "monthly": "maanedsrapport"}[kind]
    return f"{stem}-{report.year}-{report.month:02d}-{slug(report.scope.name)}.{fmt}"


def annual_filename(annual: AnnualReport, fmt: str) -> str:
    return f"aarsrapport-{annual.year}-{slug(annual.unit.name)}.{fmt}"


# ---------------------------------------------------------------------------------------------------
# HTML and PDF


def document_html(kind: str, data) -> str:
    """A whole HTML document (for PDF and the html format): the body partial without the site."""
    context = {"agenda": agenda_context, "monthly": monthly_context, "annual": annual_context}[kind](data)
    context["kind"] = kind
    if kind == "monthly":
        for committee in context["committees"]:
            committee["chart_src"] = svg_data_uri(committee["chart"]) if committee["chart"] else ""
        context["history_src"] = svg_data_uri(context["history"]) if context["history"] else ""
    context["municipality_name"] = settings.MUNICIPALITY_NAME
    return render_to_string(f"followup/report_{kind}_document.html", context)


def pdf(kind: str, data) -> bytes:
    return html_to_pdf(document_html(kind, data))


# ---------------------------------------------------------------------------------------------------
# Word


def _word_table(doc: WordDocument, table: Table) -> None:
    doc.table(table.header, table.rows, numeric_columns=table.numeric_columns, total_row=table.total,
              caption=table.caption)
    for note in table.notes:
        doc.paragraph(note)


def _word_chart(doc: WordDocument, chart: Chart) -> None:
    """The chart as a picture with a short caption; the long description is the picture's alt text."""
    doc.image(chart.png, 16, caption=f"Figur: {chart.title} ({chart.unit})")
    doc.document.inline_shapes[-1]._inline.docPr.set("descr", chart.alt_text)


def agenda_word(report: RoundReport, item: AgendaItem | None = None) -> WordDocument:
    item = item or agenda_item(report)
    doc = WordDocument(item.title, subtitle=f"Dagsordenspunkt til {' og '.join(item.treatment)}")
    doc.heading("Resume", 1).paragraph(item.resume)
    doc.heading("Indstillinger", 1).paragraph(item.recommendation_text)
    doc.heading("Behandling", 1).paragraph(item.treatment_text)
    doc.heading("Sagsfremstilling", 1)
    for paragraph in item.opening:
        doc.paragraph(paragraph)
    for section in item.sections:
        doc.heading(section.heading, section.level - 1)
        for paragraph in section.paragraphs:
            doc.paragraph(paragraph)
    doc.heading("Økonomiske konsekvenser", 1)
    for line in item.consequences:
        doc.paragraph(line)
    doc.heading("Bilag", 1)
    for attachment in item.attachments:
        doc.paragraph(attachment)
    return doc


def monthly_word(report: RoundReport) -> WordDocument:
    context = monthly_context(report)
    doc = WordDocument(report.monthly_title, subtitle=f"Bilag til budgetopfølgning {fmt_as_of(report.as_of)}")
    doc.toc()
    doc.heading("Oversigt", 1)
    _word_table(doc, context["summary"])
    for committee in context["committees"]:
        doc.heading(committee["name"], 1)
        for table in committee["tables"]:
            _word_table(doc, table)
        if committee["chart"] is not None:
            _word_chart(doc, committee["chart"])
    for key, heading in (("pools", "Puljer"), ("service", "Serviceudgifter"), ("capital", "Anlæg"),
                         ("goals", "Målopfølgning")):
        if context[key] is not None:
            doc.heading(heading, 1)
            _word_table(doc, context[key])
    if context["history"] is not None:
        doc.heading("Udviklingen måned for måned", 1)
        _word_chart(doc, context["history"])
        _word_table(doc, context["history_table"])
    return doc


def annual_word(annual: AnnualReport) -> WordDocument:
    context = annual_context(annual)
    doc = WordDocument(annual.title, subtitle=f"Regnskab {annual.year}")
    doc.heading("Økonomiopfølgning", 1)
    doc.heading("Budgetafvigelser", 2)
    if annual.preliminary_note:
        doc.paragraph(annual.preliminary_note)
    opening = annual.opening
    doc.paragraph(" ".join(opening[:2]))
    doc.paragraph(opening[2])
    doc.paragraph(annual.contributions_intro)
    doc.bullets(annual.contributions)
    _word_table(doc, context["table"])
    if context["goals"] is not None:
        doc.heading("Målopfølgning", 2)
        _word_table(doc, context["goals"])
    return doc


# ---------------------------------------------------------------------------------------------------
# Excel: one sheet per committee and a summary, amounts in kroner as numbers


@dataclass
class Sheet:
    name: str
    title: str
    subtitle: str
    columns: list[excel.Column]
    rows: list[list]
    total: list | None = None
    notes: list[str] = field(default_factory=list)


def _unique_name(name: str, taken: set[str]) -> str:
    base = name.translate(excel.INVALID_SHEET_CHARS)[:31] or "Ark"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def workbook(sheets: list[Sheet]) -> bytes:
    """Sheets as in documents.excel (title, subtitle, bold header in view, numbers with a format),
    several in one file, with a bold total row."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(_unique_name(sheet.name, taken))
        ws.append([sheet.title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([sheet.subtitle])
        ws.append([])
        ws.append([c.header for c in sheet.columns])
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=4, column=index)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="left" if column.kind == "text" else "right", wrap_text=True,
                                       vertical="bottom")
        ws.freeze_panes = "A5"
        rows = [*sheet.rows, *([sheet.total] if sheet.total is not None else [])]
        for number, row in enumerate(rows, start=5):
            for index, (value, column) in enumerate(zip(row, sheet.columns, strict=True), start=1):
                if isinstance(value, float):
                    raise TypeError("beløb må aldrig være float; brug Decimal")
                cell = ws.cell(row=number, column=index, value=value)
                if value is not None and column.kind != "text":
                    cell.number_format = excel.NUMBER_FORMATS[column.kind]
                if sheet.total is not None and number == 4 + len(rows):
                    cell.font = Font(bold=True)
        for note in sheet.notes:
            ws.append([])
            ws.append([note])
        for index, column in enumerate(sheet.columns, start=1):
            longest = max([len(column.header) // 2] + [len(str(r[index - 1] or "")) for r in rows] + [10])
            ws.column_dimensions[get_column_letter(index)].width = column.width or min(longest + 4, excel.MAX_WIDTH)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


KR = "kr"


def _area_columns(first: str = "Bevillingsområde") -> list[excel.Column]:
    short = rules.deviation_short()
    return [excel.Column(first, "text"), excel.Column("Oprindeligt budget (kr.)", KR),
            excel.Column("Korrigeret budget (kr.)", KR), excel.Column("Forbrug til dato (kr.)", KR),
            excel.Column("Forventet regnskab (kr.)", KR), excel.Column(f"Afvigelse (kr.) {short}", KR),
            excel.Column(f"Afvigelse ved seneste opfølgning (kr.) {short}", KR),
            excel.Column("Indsendt", "text"), excel.Column("Forklaring", "text", width=60)]


def _shown(value: Decimal | None) -> Decimal | None:
    return None if value is None else rules.shown_deviation(value)


def _area_values(area: AreaLine) -> list:
    f = area.forecast
    return [area.name, f.original_budget, f.corrected_budget, f.actual_to_date, area.line.expected,
            _shown(area.underspend), _shown(area.previous_underspend), "ja" if area.line.entered else "nej",
            f.explanation]


def _total_values(label: str, t: Totals) -> list:
    return [label, t.original_budget, t.corrected_budget, t.actual_to_date, t.expected, _shown(t.underspend),
            _shown(t.previous_underspend), None, None]


def round_sheets(report: RoundReport) -> list[Sheet]:
    subtitle = (f"{fmt_as_of(report.as_of)} · beløb i kr. · udgifter positive, indtægter negative · afvigelse = "
                f"korrigeret budget − forventet regnskab {rules.deviation_short()}")
    sheets = [Sheet("Oversigt", report.monthly_title, subtitle, _area_columns("Udvalg"),
                    [_total_values(p.committee.name, p.operations_total) for p in report.committees],
                    _total_values("I alt", report.operations_total), [ROUNDING_NOTE.replace("mio. kr.", "kr.")])]
    for part in report.committees:
        rows = [_area_values(a) for a in part.operations]
        if part.capital:
            rows += [[f"{a.name} (anlæg)", *_area_values(a)[1:]] for a in part.capital]
        sheets.append(Sheet(part.committee.name, f"{part.committee.name}: {report.monthly_title}", subtitle,
                            _area_columns(), rows, _total_values("I alt, drift", part.operations_total),
                            ["Anlæg står under drift og indgår ikke i totalen."] if part.capital else []))
    if report.pools:
        columns = [excel.Column("Pulje", "text"), excel.Column("Afsat (kr.)", KR),
                   excel.Column("Forventet træk (kr.)", KR), excel.Column("Rest (kr.)", KR),
                   excel.Column("Finansierer", "text"),
                   excel.Column(f"Forventet afvigelse på det finansierede område (kr.) {rules.deviation_short()}", KR)]
        sheets.append(Sheet("Puljer", f"Puljer: {report.monthly_title}", subtitle, columns, [
            [p.pool.name, p.use.amount, p.use.drawn, p.use.left, p.pool.finances.name if p.pool.finances else None,
             _shown(p.financed_underspend)] for p in report.pools]))
    return sheets


def agenda_sheet(item: AgendaItem) -> Sheet:
    lines = [[item.title], ["Resume"], [item.resume], ["Indstillinger"], [item.recommendation_text],
             ["Behandling"], [item.treatment_text], ["Sagsfremstilling"], *[[p] for p in item.opening]]
    for section in item.sections:
        lines += [[section.heading], *[[p] for p in section.paragraphs]]
    lines += [["Økonomiske konsekvenser"], *[[c] for c in item.consequences], ["Bilag"],
              *[[a] for a in item.attachments]]
    return Sheet("Dagsordenspunkt", item.title, "Teksten til dagsordenen", [excel.Column("Tekst", "text", width=120)],
                 lines)


def annual_sheets(annual: AnnualReport) -> list[Sheet]:
    columns = [excel.Column("Område", "text"), excel.Column("Oprindeligt budget (kr.)", KR),
               excel.Column("Korrigeret budget (kr.)", KR), excel.Column("Regnskab (kr.)", KR),
               excel.Column(f"Afvigelse fra oprindeligt budget (kr.) {rules.deviation_short()}", KR),
               excel.Column(f"Afvigelse fra korrigeret budget (kr.) {rules.deviation_short()}", KR)]

    def values(line):
        return [line.name, line.original, line.corrected, line.actual, _shown(line.against_original),
                _shown(line.against_corrected)]

    text = [[s] for s in [*annual.opening, annual.contributions_intro, *annual.contributions]]
    return [Sheet("Tabel 1", annual.title, f"Driftsregnskab {annual.year} · beløb i kr.", columns,
                  [values(line) for line in annual.lines], ["I alt", *values(annual.total)[1:]]),
            Sheet("Tekst", annual.title, "Afsnittet til årsrapporten", [excel.Column("Tekst", "text", width=120)],
                  text)]


# ---------------------------------------------------------------------------------------------------
# One entry point for the views and the command


def render_round(kind: str, report: RoundReport, fmt: str) -> RenderedFile:
    """``kind`` "agenda" or "monthly", ``fmt`` one of FORMATS."""
    if kind not in ("agenda", "monthly") or fmt not in FORMATS:
        raise ValueError(f"ukendt rapport {kind}/{fmt}")
    filename = round_filename(kind, report, fmt)
    if fmt == "html":
        data = document_html(kind, report).encode()
    elif fmt == "pdf":
        data = pdf(kind, report)
    elif fmt == "docx":
        data = (agenda_word(report) if kind == "agenda" else monthly_word(report)).to_bytes()
    else:
        sheets = round_sheets(report)
        data = workbook([agenda_sheet(agenda_item(report)), *sheets] if kind == "agenda" else sheets)
    return RenderedFile(filename, CONTENT_TYPES[fmt], data)


def render_annual(annual: AnnualReport, fmt: str) -> RenderedFile:
    if fmt not in FORMATS:
        raise ValueError(f"ukendt format {fmt}")
    if fmt == "html":
        data = document_html("annual", annual).encode()
    elif fmt == "pdf":
        data = pdf("annual", annual)
    elif fmt == "docx":
        data = annual_word(annual).to_bytes()
    else:
        data = workbook(annual_sheets(annual))
    return RenderedFile(annual_filename(annual, fmt), CONTENT_TYPES[fmt], data)


# ---------------------------------------------------------------------------------------------------
# Onto a meeting's agenda


def insert_agenda_item(report: RoundReport, meeting, *, case_number: str):
    """Put the generated agenda item on ``meeting`` with the monthly report as a PDF appendix, through
    the meetings module's one write path for generated items."""
    from styr.meetings import services as meetings
    from styr.meetings.models import Body, ItemKind

    item = agenda_item(report)
    appendix = render_round("monthly", report, "pdf")
    appendix_name = f"{report.monthly_title}.pdf"  # the meeting shows the file name as the appendix's title
    bodies = list(Body.objects.filter(name__in=item.treatment)) or [meeting.body]
    return meetings.add_generated_item(
        meeting, title=item.title, case_number=case_number, kind=ItemKind.INFORMATION, resume=item.resume,
        recommended_by=item.recommended_by, recommendations=item.recommendations, treatment=bodies,
        case_text=item.case_text(), economic_consequences="\n\n".join(item.consequences),
        attachments=[(appendix_name, appendix.data, "")], case_title=f"Budgetopfølgning {report.year}",
        generated_by="budgetopfølgning",
    )
