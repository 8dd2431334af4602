"""The three goal reports, built once as text and rendered to a web page, Word and PDF.

- the executive board's status on the guiding marks, twice a year (reference 002, item 1:
  "Direktionen drøfter to gange årligt status på arbejdet med pejlemærkerne");
- the council's yearly overall status on the guiding marks;
- the goal follow-up appendix of the annual report (reference 000: "Beskrivelsen af målopfyldelse
  kan ses i bilag til årsrapport"), per area with each goal's indicators.

Every number and colour is formatted here once; the page, the Word file and the PDF show the same strings.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string

from styr.documents.numbers import fmt_date_long, fmt_date_short, fmt_number
from styr.documents.pdf import html_to_pdf
from styr.documents.word import WordDocument
from styr.organisation.models import Unit, UnitKind

from . import rules
from .models import Goal, GoalColour, GuidingMark, Indicator, Initiative, Measurement

COLOUR_NAMES = dict(GoalColour.choices)
NOT_ASSESSED = "Ikke vurderet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def colour_name(colour: str | None) -> str:
    return COLOUR_NAMES.get(colour or "", NOT_ASSESSED)


def counts_text(agg: rules.Aggregate) -> str:
    """"3 grønne, 1 gul, 0 røde" – what a status colour stands on."""
    parts = [f"{agg.green} grøn{'ne' if agg.green != 1 else ''}", f"{agg.yellow} gul{'e' if agg.yellow != 1 else ''}",
             f"{agg.red} rød{'e' if agg.red != 1 else ''}"]
    if agg.not_assessed:
        parts.append(f"{agg.not_assessed} ikke vurderet")
    return ", ".join(parts)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    status_column: int | None = None  # its cells are colour names, shown with a mark on the web


@dataclass
class Block:
    heading: str
    level: int = 2
    status: str | None = None  # a colour value, shown beside the heading
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Report:
    kind: str
    title: str
    subtitle: str
    blocks: list[Block]

    @property
    def filename(self) -> str:
        return self.title.lower().replace(" ", "-").replace("–", "").replace(":", "").replace("--", "-")


# ---------------------------------------------------------------------------------------------------
# Guiding marks: the board's and the council's reports


def marks_for_year(year: int) -> list[GuidingMark]:
    goals = Goal.objects.filter(year=year).select_related("unit").order_by("unit__name", "title")
    return list(GuidingMark.objects.filter(first_year__lte=year, last_year__gte=year)
                .select_related("committee")
                .prefetch_related(Prefetch("goals", queryset=goals),
                                  Prefetch("initiatives", queryset=Initiative.objects.select_related("unit")))
                .order_by("committee__name", "position", "title"))


def _mark_block(mark: GuidingMark, *, all_goals: bool) -> Block:
    goals = list(mark.goals.all())
    agg = rules.aggregate(g.status for g in goals)
    block = Block(mark.title, level=3, status=agg.status)
    if mark.description:
        block.paragraphs.append(mark.description)
    block.paragraphs.append(f"Status: {colour_name(agg.status)} ({counts_text(agg)} mål).")
    initiatives = list(mark.initiatives.all())
    if initiatives:
        block.tables.append(Table("Indsatser", ["Indsats", "Ansvarlig", "Status", "Fremdrift"], [
            [i.title, i.unit.name if i.unit else "–", colour_name(i.status), i.progress_note or "–"]
            for i in initiatives], status_column=2))
    shown = goals if all_goals else [g for g in goals if g.status in (rules.RED, rules.YELLOW)]
    if shown:
        caption = "Mål" if all_goals else "Mål, der kræver opmærksomhed (gule og røde)"
        block.tables.append(Table(caption, ["Enhed", "Mål", "Status", "Bemærkning"], [
            [g.unit.name, g.title, colour_name(g.status), g.progress_note or "–"]
            for g in sorted(shown, key=lambda g: (-rules.SEVERITY.get(g.status, -1), g.unit.name, g.title))],
            status_column=2))
    elif not all_goals and goals:
        block.paragraphs.append("Ingen af målene er gule eller røde.")
    return block


def _marks_report(kind: str, title: str, subtitle: str, year: int, *, all_goals: bool) -> Report:
    marks = marks_for_year(year)
    summary = Table("Pejlemærkerne samlet", ["Udvalg", "Pejlemærke", "Status", "Mål", "Indsatser"], [], numeric=(4,),
                    status_column=2)
    by_committee: dict[Unit, list[Block]] = defaultdict(list)
    for mark in marks:
        block = _mark_block(mark, all_goals=all_goals)
        agg = rules.aggregate(g.status for g in mark.goals.all())
        summary.rows.append([mark.committee.name, mark.title, colour_name(agg.status), counts_text(agg),
                             str(len(mark.initiatives.all()))])
        by_committee[mark.committee].append(block)
    blocks = [Block("Overblik", paragraphs=[_overview_sentence(marks)], tables=[summary] if marks else [])]
    for committee, mark_blocks in by_committee.items():
        blocks.append(Block(committee.name))
        blocks.extend(mark_blocks)
    return Report(kind, title, subtitle, blocks)


def _overview_sentence(marks: list[GuidingMark]) -> str:
    if not marks:
        return "Der er ingen pejlemærker for perioden."
    statuses = [rules.aggregate(g.status for g in m.goals.all()).status for m in marks]
    agg = rules.aggregate(statuses)
    return (f"Kommunalbestyrelsen har {len(marks)} pejlemærker i valgperioden. Status: {counts_text(agg)}. "
            "Et pejlemærke er rødt, når mindst en tredjedel af dets vurderede mål er røde, grønt, når alle er "
            "grønne, og ellers gult.")


def board_report(year: int, half: int) -> Report:
    """Direktionens halvårlige status på pejlemærkerne: every mark, its initiatives, and the goals
    that need attention."""
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    return _marks_report("direktion", f"Status på pejlemærker – {half}. halvår {year}",
                         f"Til Direktionen · pr. {fmt_date_long(end)}", year, all_goals=False)


def council_report(year: int) -> Report:
    """Kommunalbestyrelsens årlige samlede status på pejlemærkerne, with every goal."""
    return _marks_report("kommunalbestyrelse", f"Samlet status på pejlemærker {year}",
                         "Til Kommunalbestyrelsen", year, all_goals=True)


# ---------------------------------------------------------------------------------------------------
# The annual report's appendix


def _latest(measurements: list[Measurement], until: datetime.date) -> Measurement | None:
    earlier = [m for m in measurements if m.measured_on <= until]
    return earlier[-1] if earlier else None


def indicator_row(indicator: Indicator, until: datetime.date) -> list[str]:
    latest = _latest(list(indicator.measurements.all()), until)
    value = latest.value if latest else None
    status = rules.indicator_status(baseline=indicator.baseline, target=indicator.target,
                                    direction=indicator.direction, latest=value)
    unit = indicator.unit_of_measure
    return [indicator.name, f"{fmt_number(indicator.baseline, 1)} {unit}", f"{fmt_number(indicator.target, 1)} {unit}",
            f"{fmt_number(value, 1)} {unit}" + (f" ({fmt_date_short(latest.measured_on)})" if latest else ""),
            colour_name(status)]


def annual_appendix(year: int, scope: list[Unit]) -> Report:
    """Bilag til årsrapport: målopfølgning for the areas in scope, each goal with its indicators'
    baseline, target and result at the end of the year."""
    until = datetime.date(year, 12, 31)
    goals = list(Goal.objects.filter(year=year, unit__in=Unit.objects.subtree_of(*scope))
                 .select_related("unit", "guiding_mark")
                 .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")))
                 .order_by("unit__path", "title"))
    by_unit: dict[Unit, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_unit[goal.unit].append(goal)
    names = ", ".join(u.name for u in scope)
    agg = rules.aggregate(g.status for g in goals)
    summary = f"{len(goals)} mål for {year} i {names}: {counts_text(agg)}." if goals else \
        f"Ingen mål for {year} i {names}."
    blocks = [Block("Sammenfatning", paragraphs=[summary])]
    for unit, unit_goals in sorted(by_unit.items(), key=lambda item: item[0].path):
        blocks.append(Block(unit.name, status=rules.aggregate(g.status for g in unit_goals).status))
        for goal in unit_goals:
            block = Block(goal.title, level=3, status=goal.status or None)
            facts = f"Status: {colour_name(goal.status)}."
            if goal.guiding_mark:
                facts += f" Understøtter pejlemærket «{goal.guiding_mark.title}»."
            block.paragraphs.append(facts)
            if goal.progress_note:
                block.paragraphs.append(goal.progress_note)
            indicators = list(goal.indicators.all())
            if indicators:
                block.tables.append(Table(f"Indikatorer for «{goal.title}»",
                                          ["Indikator", "Udgangspunkt", "Måltal", "Resultat", "Status"],
                                          [indicator_row(i, until) for i in indicators], numeric=(1, 2, 3),
                                          status_column=4))
            blocks.append(block)
    kind_name = "hele kommunen" if any(u.kind == UnitKind.MUNICIPALITY for u in scope) else names
    return Report("aarsrapport", f"Bilag til årsrapport {year}: Målopfølgning", kind_name, blocks)


# ---------------------------------------------------------------------------------------------------
# Rendering


def to_word(report: Report) -> bytes:
    doc = WordDocument(report.title, subtitle=report.subtitle)
    for block in report.blocks:
        heading = block.heading + (f" ({colour_name(block.status)})" if block.status else "")
        doc.heading(heading, min(block.level - 1, 3))
        for text in block.paragraphs:
            doc.paragraph(text)
        for table in block.tables:
            doc.table(table.header, table.rows, numeric_columns=table.numeric, caption=table.caption)
    return doc.to_bytes()


def to_pdf(report: Report, municipality_name: str) -> bytes:
    html = render_to_string("goals/report_document.html", {"report": report, "title": report.title,
                                                            "municipality_name": municipality_name})
    return html_to_pdf(html)
