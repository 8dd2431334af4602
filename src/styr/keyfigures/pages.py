"""What each key-figure page shows: its chart, the numbers beside it, and the notes that go with
them. Plain functions returning template context, so the views stay a guard and a render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import reverse

from styr.documents.charts import bar_chart, line_chart
from styr.documents.numbers import MILLION, fmt_month, fmt_number
from styr.organisation.models import Unit

from . import figures
from .models import AbsenceMonth, ArrearsMonth, HeadcountMonth, LiquidityDay, PopulationMonth, Series
from .outputs import chart_table
from .report import liquidity_chart, month_label_short
from .rules import (
    Absence,
    add_months,
    average_liquidity,
    change,
    last_day_of_month,
    month_end_balance,
    roll_up,
    shown_to_everyone,
)

SERIES_PAGES = {
    Series.LIQUIDITY: "keyfigures-liquidity",
    Series.ARREARS: "keyfigures-arrears",
    Series.ABSENCE: "keyfigures-absence",
    Series.NATIONAL_ABSENCE: "keyfigures-absence",
    Series.HEADCOUNT: "keyfigures-headcount",
    Series.POPULATION: "keyfigures-population",
}
PAGE_MONTHS = 37  # three years and a month
UNIT_MONTHS = 25


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this one are numbers (right-aligned)
    links: list[str] | None = None  # a link for the first cell of each row, or ""

    def linked_rows(self) -> list[tuple[str, str, list[str]]]:
        """(link or "", first cell, the other cells) for each row."""
        links = self.links or [""] * len(self.rows)
        return [(link, row[0], row[1:]) for link, row in zip(links, self.rows, strict=True)]


def _month(m: date) -> str:
    return fmt_month(m.year, m.month)


def _signed(value, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = fmt_number(value, decimals)
    return f"+{text}" if value > 0 and text.strip("0,") else text


def _mio(value: Decimal | None, decimals: int = 1) -> str:
    return "–" if value is None else fmt_number(value / MILLION, decimals)


def _chart_item(chart) -> dict:
    return {"chart": chart, "rows": chart_table(chart)}


def _recent_months(model, field: str, count: int) -> list[date]:
    last = figures.month_span(model, field)[1]
    if last is None:
        return []
    return figures.months_back(last.replace(day=1), count)


# ---------------------------------------------------------------------------------------------------


def overview_cards(month: date | None) -> list[dict]:
    """The latest value of each series, for the overview page."""
    if month is None:
        return []
    report_month = month
    previous = add_months(month, -1)
    pop = figures.population([add_months(month, 1), month])
    liquidity = month_end_balance(figures.balances(month, last_day_of_month(month)), month)
    average = average_liquidity(figures.liquidity_window(last_day_of_month(month), 365), last_day_of_month(month))
    arrears = figures.arrears([month])
    absence = figures.total_absence([month, previous])
    staff = figures.total_staff([month])
    population_now = pop.get(add_months(month, 1))
    return [
        {"title": "Befolkning", "url": reverse("keyfigures-population"),
         "value": fmt_number(population_now) if population_now is not None else "–",
         "text": f"ved udgangen af {_month(report_month)}"},
        {"title": "Likviditet", "url": reverse("keyfigures-liquidity"),
         "value": f"{_mio(liquidity[1] if liquidity else None)} mio. kr.",
         "text": f"ultimo {_month(month)}; gennemsnit 365 dage {_mio(average.average)} mio. kr."},
        {"title": "Restancer", "url": reverse("keyfigures-arrears"),
         "value": f"{_mio(arrears[month].municipality if month in arrears else None)} mio. kr.",
         "text": f"hos kommunen ultimo {_month(month)}"},
        {"title": "Sygefravær", "url": reverse("keyfigures-absence"),
         "value": f"{fmt_number(absence[month].percent, 1)} %" if absence[month] else "–",
         "text": f"i {_month(month)} for hele kommunen"},
        {"title": "Ansatte", "url": reverse("keyfigures-headcount"),
         "value": fmt_number(staff[month].persons) if staff[month] else "–",
         "text": f"i {_month(month)}"},
    ]


def report_months() -> list[date]:
    """The months a report can be made for, newest first."""
    last = figures.latest_month()
    if last is None:
        return []
    first = min(day.replace(day=1) for day in (
        figures.month_span(LiquidityDay, "day")[0], figures.month_span(ArrearsMonth)[0],
        figures.month_span(AbsenceMonth)[0], figures.month_span(PopulationMonth)[0]) if day is not None)
    months, month = [], last
    while month >= first and len(months) < 60:
        months.append(month)
        month = add_months(month, -1)
    return months


def population_page() -> dict:
    months = _recent_months(PopulationMonth, "month", PAGE_MONTHS)
    pop = figures.population([add_months(months[0], -12), *months]) if months else {}
    chart = line_chart([month_label_short(m) for m in months], {"Befolkningstal": [pop.get(m) for m in months]},
                       title="Befolkningstal pr. den 1. i måneden", unit="personer", label_title="Måned")
    rows = [[f"1. {_month(m)}", fmt_number(pop.get(m)), _signed(change(pop.get(m), pop.get(add_months(m, -1)))),
             _signed(change(pop.get(m), pop.get(add_months(m, -12))))] for m in reversed(months)]
    return {
        "title": "Befolkning", "series": Series.POPULATION,
        "lead": "Befolkningstallet pr. den 1. i måneden; tallet pr. 1. oktober er befolkningen ved udgangen af "
                "september, som økonomirapporten bruger det.",
        "charts": [_chart_item(chart)] if months else [],
        "table": Table("Befolkningstal og ændringer", ["Pr.", "Befolkningstal", "Ændring på en måned",
                                                       "Ændring på 12 måneder"], rows),
    }


def liquidity_page(month: date) -> dict:
    months = figures.months_back(month, UNIT_MONTHS)
    balances = figures.balances(add_months(months[0], -24), last_day_of_month(month))
    rows = []
    for m in reversed(months):
        end = month_end_balance(balances, m)
        end_before = month_end_balance(balances, add_months(m, -12))
        average = average_liquidity(balances, last_day_of_month(m))
        rows.append([_month(m), _mio(end and end[1]), _mio(average.average), fmt_number(average.days_missing),
                     _signed(None if not (end and end_before) else (end[1] - end_before[1]) / MILLION, 1)])
    has_data = LiquidityDay.objects.exists()
    return {
        "title": "Likviditet", "series": Series.LIQUIDITY, "month": month, "month_choices": _months_with(
            LiquidityDay, "day"),
        "lead": "Saldoen på bank og kasse hver dag, og kassekreditreglens gennemsnit over de seneste 365 dage, der "
                "skal være positivt. Dage uden saldo indgår ikke i gennemsnittet; antallet står i tabellen.",
        "charts": [_chart_item(liquidity_chart(month))] if has_data else [],
        "table": Table("Likviditet pr. måned (mio. kr.)", ["Måned", "Ultimo", "Gennemsnit 365 dage",
                                                           "Dage uden saldo i gennemsnittet",
                                                           "Ultimo mod samme måned sidste år"], rows),
    }


def _months_with(model, field: str) -> list[date]:
    first, last = figures.month_span(model, field)
    if first is None:
        return []
    months, month = [], last.replace(day=1)
    while month >= first.replace(day=1):
        months.append(month)
        month = add_months(month, -1)
    return months


def arrears_page() -> dict:
    months = _recent_months(ArrearsMonth, "month", PAGE_MONTHS)
    rows_by_month = figures.arrears([add_months(months[0], -1), *months]) if months else {}

    def value(m, name):
        return getattr(rows_by_month[m], name) if m in rows_by_month else None

    chart = line_chart([month_label_short(m) for m in months], {
        "Hos kommunen": [value(m, "municipality") for m in months],
        "Hos Gældsstyrelsen": [value(m, "collection_agency") for m in months],
        "Heraf ejendomsskat": [value(m, "property_tax") for m in months],
    }, title="Restancer ved månedens udgang", unit="kr.", label_title="Måned")
    rows = []
    for m in reversed(months):
        previous = add_months(m, -1)
        rows.append([_month(m), _mio(value(m, "municipality"), 2), _mio(value(m, "property_tax"), 2),
                     _mio(value(m, "collection_agency"), 2),
                     _signed(_div(change(value(m, "municipality"), value(previous, "municipality"))), 2),
                     _signed(_div(change(value(m, "collection_agency"), value(previous, "collection_agency"))), 2)])
    return {
        "title": "Restancer", "series": Series.ARREARS,
        "lead": "Restancer ved månedens udgang: krav, kommunen selv har (heraf ejendomsskat), og krav, der er sendt "
                "til inddrivelse hos Gældsstyrelsen.",
        "charts": [_chart_item(chart)] if months else [],
        "table": Table("Restancer pr. måned (mio. kr.)", ["Måned", "Hos kommunen", "Heraf ejendomsskat",
                                                          "Hos Gældsstyrelsen", "Ændring hos kommunen",
                                                          "Ændring hos Gældsstyrelsen"], rows),
    }


def _div(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / MILLION


# ---------------------------------------------------------------------------------------------------
# Down the tree


def _subtree(unit: Unit) -> tuple[dict[int, str], list[Unit]]:
    units = list(Unit.objects.subtree_of(unit).only("id", "path", "code", "name", "parent_id", "closed_on"))
    return {u.pk: u.path for u in units}, [u for u in units if u.parent_id == unit.pk]


def _own(model, months: list[date], unit: Unit, make) -> dict[date, dict[int, object]]:
    result: dict[date, dict[int, object]] = {m: {} for m in months}
    for row in model.objects.filter(month__in=months, unit__path__startswith=unit.path):
        result[row.month][row.unit_id] = make(row)
    return result


def absence_unit_page(unit: Unit, month: date, *, full_access: bool) -> dict:
    """A unit's sick leave over two years against the national average, and its children's this month.
    ``full_access`` (finance, admin) shows small units' figures too."""
    minimum = figures.minimum_employees()
    months = figures.months_back(month, UNIT_MONTHS)
    paths, children = _subtree(unit)
    own_absence = _own(AbsenceMonth, months, unit, lambda r: Absence(r.sick_days, r.possible_days, r.employees))
    own_staff = _own(HeadcountMonth, months, unit, lambda r: figures.Staff(r.persons, r.fte))
    absence = {m: roll_up(rows, paths) for m, rows in own_absence.items()}
    staff = {m: roll_up(rows, paths, figures.Staff()) for m, rows in own_staff.items()}
    national = figures.national_absence(months)

    def shown(m: date, unit_id: int) -> Decimal | None:
        figures_now = absence[m].get(unit_id)
        if figures_now is None:
            return None
        employees = figures.employees_for(figures_now, staff[m].get(unit_id))
        return figures_now.percent if full_access or shown_to_everyone(employees, minimum) else None

    series = {unit.name: [shown(m, unit.pk) for m in months], "Landsgennemsnit": [national.get(m) for m in months]}
    chart = line_chart([month_label_short(m) for m in months], series, title=f"Sygefravær, {unit.name}", unit="%",
                       label_title="Måned", decimals=1)
    previous = add_months(month, -1)
    rows, links, hidden = [], [], 0
    bars = []
    for child in sorted(children, key=lambda u: u.name.lower()):
        figures_now = absence[month].get(child.pk)
        if figures_now is None and child.closed_on is not None:
            continue
        employees = figures.employees_for(figures_now, staff[month].get(child.pk)) if figures_now else None
        visible = figures_now is not None and (full_access or shown_to_everyone(employees, minimum))
        if figures_now is not None and not visible:
            hidden += 1
        percent_now, percent_before = shown(month, child.pk), shown(previous, child.pk)
        rows.append([child.name,
                     fmt_number(figures_now.sick_days, 1) if visible else "–",
                     fmt_number(figures_now.possible_days, 1) if visible else "–",
                     fmt_number(percent_now, 1), _signed(change(percent_now, percent_before), 1),
                     fmt_number(employees) if visible else (f"under {minimum}" if figures_now else "–")])
        links.append(reverse("keyfigures-absence-unit", args=[child.code]) + f"?maaned={month:%Y-%m}")
        if percent_now is not None:
            bars.append((child.name, percent_now))
    own = own_absence[month].get(unit.pk)
    if own is not None and children:
        own_employees = figures.employees_for(own, own_staff[month].get(unit.pk))
        own_visible = full_access or shown_to_everyone(own_employees, minimum)
        rows.append([f"{unit.name} (egne medarbejdere)", fmt_number(own.sick_days, 1) if own_visible else "–",
                     fmt_number(own.possible_days, 1) if own_visible else "–",
                     fmt_number(own.percent, 1) if own_visible else "–", "", fmt_number(own_employees)
                     if own_visible else f"under {minimum}"])
        links.append("")
    charts = [_chart_item(chart)]
    if len(bars) > 1:
        reference = national.get(month)
        charts.append(_chart_item(bar_chart(
            [name for name, _ in bars], [value for _, value in bars], title=f"Sygefravær {_month(month)}",
            unit="%", decimals=1, label_title="Enhed",
            reference_line=(reference, "Landsgennemsnit") if reference else None)))
    total = absence[month].get(unit.pk)
    notes = []
    if hidden or (total is not None and shown(month, unit.pk) is None):
        notes.append(f"Sygefravær vises ikke for enheder med færre end {minimum} medarbejdere, da tallene kan pege "
                     f"på enkeltpersoners helbred. Enhederne indgår i summerne ovenfor dem.")
    if full_access:
        notes.append(f"Du ser også tal for enheder med færre end {minimum} medarbejdere, fordi du har rollen økonomi "
                     f"eller administrator. Andre ser «–».")
    return {
        "title": f"Sygefravær – {unit.name}", "kind": "absence", "month": month,
        "month_choices": _months_with(AbsenceMonth, "month"),
        "headline": _absence_headline(total, shown(month, unit.pk), national.get(month), month),
        "charts": charts, "notes": notes,
        "table": Table(f"Sygefravær {_month(month)} under {unit.name}",
                       ["Enhed", "Sygedage", "Mulige arbejdsdage", "Sygefravær (%)",
                        "Ændring fra forrige måned (procentpoint)", "Medarbejdere"], rows, links=links)
        if rows else None,
    }


def _absence_headline(total: Absence | None, shown: Decimal | None, national: Decimal | None, month: date) -> str:
    if total is None:
        return f"Der er ingen tal for sygefravær i {_month(month)}."
    if shown is None:
        return f"Sygefraværet i {_month(month)} vises ikke, fordi enheden har for få medarbejdere."
    text = f"Sygefraværet i {_month(month)} er {fmt_number(shown, 1)} %"
    if national is not None:
        text += f" mod et landsgennemsnit på {fmt_number(national, 1)} %"
    return text + "."


def headcount_unit_page(unit: Unit, month: date) -> dict:
    months = figures.months_back(month, UNIT_MONTHS)
    paths, children = _subtree(unit)
    own_staff = _own(HeadcountMonth, months, unit, lambda r: figures.Staff(r.persons, r.fte))
    staff = {m: roll_up(rows, paths, figures.Staff()) for m, rows in own_staff.items()}

    def value(m, unit_id, name):
        found = staff[m].get(unit_id)
        return None if found is None else getattr(found, name)

    chart = line_chart([month_label_short(m) for m in months],
                       {"Ansatte": [value(m, unit.pk, "persons") for m in months],
                        "Årsværk": [value(m, unit.pk, "fte") for m in months]},
                       title=f"Ansatte og årsværk, {unit.name}", unit="antal", label_title="Måned", decimals=0)
    previous, rows, links = add_months(month, -1), [], []
    for child in sorted(children, key=lambda u: u.name.lower()):
        if value(month, child.pk, "persons") is None and child.closed_on is not None:
            continue
        rows.append([child.name, fmt_number(value(month, child.pk, "persons")),
                     fmt_number(value(month, child.pk, "fte"), 1),
                     _signed(change(value(month, child.pk, "persons"), value(previous, child.pk, "persons")))])
        links.append(reverse("keyfigures-headcount-unit", args=[child.code]) + f"?maaned={month:%Y-%m}")
    own = own_staff[month].get(unit.pk)
    if own is not None and children:
        rows.append([f"{unit.name} (egne medarbejdere)", fmt_number(own.persons), fmt_number(own.fte, 1), ""])
        links.append("")
    total = staff[month].get(unit.pk)
    headline = (f"I {_month(month)} er der {fmt_number(total.persons)} ansatte svarende til "
                f"{fmt_number(total.fte, 1)} årsværk." if total else f"Der er ingen tal for ansatte i {_month(month)}.")
    return {
        "title": f"Ansatte – {unit.name}", "kind": "headcount", "month": month,
        "month_choices": _months_with(HeadcountMonth, "month"), "headline": headline,
        "charts": [_chart_item(chart)], "notes": [],
        "table": Table(f"Ansatte {_month(month)} under {unit.name}",
                       ["Enhed", "Ansatte", "Årsværk", "Ændring fra forrige måned"], rows, links=links)
        if rows else None,
    }
