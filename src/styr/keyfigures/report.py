"""The agenda item "Orientering om udviklingen i kommunens økonomi" for a month (reference document
003, item 2; 004, item 6), generated from the series.

Every sentence is made from the numbers by a phrase function below: it takes plain figures (a
dataclass, no database) and says rise, fall, unchanged or missing in words that match the rounded
numbers it prints. ``economy_report(month)`` reads the figures and puts the item together;
outputs.py turns it into Word, PDF and Excel, the report page into HTML.

The month of a report is the month the figures close: the report for September 2018 gives the
liquidity at the end of September, the sick leave of September, and the population on 1 October
(Statistics Denmark's count, which closes September), as the reference does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from styr.documents.charts import Chart, bar_chart, line_chart
from styr.documents.numbers import (
    MILLION,
    MONTH_ABBREVIATIONS,
    fmt_date_long,
    fmt_mio,
    fmt_month,
    fmt_number,
    fmt_percent,
    fmt_pp,
    month_name,
)
from styr.organisation.models import Unit, UnitKind

from . import figures
from .rules import (
    Absence,
    AverageLiquidity,
    add_months,
    average_liquidity,
    change,
    direction,
    last_day_of_month,
    month_end_balance,
    shown_to_everyone,
    units_above_average,
)

TITLE = "Orientering om udviklingen i kommunens økonomi"
KIND = "Orientering"
PROPOSER = "Direktøren"
RECOMMENDATIONS = ["økonomirapporteringen tages til efterretning"]
TREATMENT = "Direktionen, Økonomiudvalget."
NO_CONSEQUENCES = "Der er ingen økonomiske konsekvenser."
CHART_MONTHS = 25  # two years and the month: the same month last year is on the chart
LIQUIDITY_CHART_DAYS = 730
NAMED_AREAS = 8  # the areas above the national average named in the text; the table has them all


def month_label_short(month: date) -> str:
    """"sep. 22", for chart axes."""
    return f"{MONTH_ABBREVIATIONS[month.month - 1]} {month.year % 100:02d}"


def _month(month: date) -> str:
    return fmt_month(month.year, month.month)


def _persons(count: int) -> str:
    return f"{fmt_number(count)} {'person' if abs(count) == 1 else 'personer'}"


# ---------------------------------------------------------------------------------------------------
# 1. Population


@dataclass(frozen=True)
class PopulationFigures:
    month: date  # the report's month; the population is counted on the first of the next
    now: int | None  # 1st of month + 1
    month_start: int | None  # 1st of month
    year_before: int | None  # 1st of month + 1, a year earlier


def population_point(p: PopulationFigures) -> str:
    """"Der har været et fald på 247 personer siden oktober 2017 frem til oktober 2018, hvor
    befolkningstallet er 48.735. Et fald på 50 personer i september måned." """
    counted = add_months(p.month, 1)
    year_before = add_months(counted, -12)
    if p.now is None:
        return f"Befolkningstallet for {_month(counted)} foreligger endnu ikke."
    twelve = change(p.now, p.year_before)
    if twelve is None:
        text = (f"Befolkningstallet er {fmt_number(p.now)} i {_month(counted)}; tallet for "
                f"{_month(year_before)} foreligger ikke, så udviklingen over tolv måneder kan ikke opgøres.")
    elif twelve == 0:
        text = (f"Befolkningstallet er uændret siden {_month(year_before)} og er {fmt_number(p.now)} i "
                f"{_month(counted)}.")
    else:
        kind = "en stigning" if twelve > 0 else "et fald"
        text = (f"Der har været {kind} på {_persons(abs(twelve))} siden {_month(year_before)} frem til "
                f"{_month(counted)}, hvor befolkningstallet er {fmt_number(p.now)}.")
    in_month = change(p.now, p.month_start)
    month_text = f"{month_name(p.month.month)} måned"
    if in_month is None:
        text += f" Tallet for {_month(p.month)} foreligger ikke, så ændringen i {month_text} kan ikke opgøres."
    elif in_month == 0:
        text += f" Befolkningstallet var uændret i {month_text}."
    else:
        kind = "En stigning" if in_month > 0 else "Et fald"
        text += f" {kind} på {_persons(abs(in_month))} i {month_text}."
    return text


# ---------------------------------------------------------------------------------------------------
# 2. Liquidity


@dataclass(frozen=True)
class LiquidityFigures:
    month: date
    month_end: tuple[date, Decimal] | None  # the last day of the month with a balance, and it
    year_before_end: tuple[date, Decimal] | None
    average: AverageLiquidity
    average_year_before: AverageLiquidity


def _higher_lower(delta: Decimal, decimals: int = 1) -> str:
    return "højere" if direction(delta / MILLION, decimals) == "op" else "lavere"


def liquidity_point(f: LiquidityFigures) -> str:
    """"Ultimo september ligger vores likvide aktiver på 403 mio. kr., hvilket er 12,9 mio. kr. højere
    end på samme tidspunkt i 2017. Gennemsnitlig likviditet er 470,5 mio. kr., hvilket er 44,6 mio.
    kr. højere end sidste år." The average is kassekreditreglen's: over the last 365 days."""
    month_word = month_name(f.month.month)
    last_year = f.month.year - 1
    if f.month_end is None:
        text = f"Der foreligger ingen likviditetstal for {_month(f.month)}."
    else:
        day, balance = f.month_end
        when = f"Ultimo {month_word}"
        if day != last_day_of_month(f.month):
            when += f" (seneste opgørelse {fmt_date_long(day)})"
        text = f"{when} ligger vores likvide aktiver på {fmt_mio(balance)}"
        if f.year_before_end is None:
            text += f"; tallet for samme tidspunkt i {last_year} foreligger ikke."
        else:
            delta = balance - f.year_before_end[1]
            if direction(delta / MILLION, 1) == "uændret":
                text += f", hvilket er det samme som på samme tidspunkt i {last_year}."
            else:
                text += (f", hvilket er {fmt_mio(abs(delta))} {_higher_lower(delta)} end på samme tidspunkt "
                         f"i {last_year}.")
    return text + " " + _average_sentence(f.average, f.average_year_before)


def _average_sentence(now: AverageLiquidity, before: AverageLiquidity) -> str:
    if now.average is None:
        return "Den gennemsnitlige likviditet over de seneste 365 dage kan ikke opgøres, da der ikke er saldi."
    text = f"Gennemsnitlig likviditet de seneste 365 dage er {fmt_mio(now.average)}"
    if before.average is None:
        text += ", og sidste års gennemsnit kan ikke opgøres."
    else:
        delta = now.average - before.average
        if direction(delta / MILLION, 1) == "uændret":
            text += ", hvilket er det samme som sidste år."
        else:
            text += f", hvilket er {fmt_mio(abs(delta))} {_higher_lower(delta)} end sidste år."
    if now.average <= 0:
        text += " Gennemsnittet er ikke positivt, og kassekreditreglen er dermed ikke overholdt."
    text += _missing_days(now, "Gennemsnittet")
    if before.average is not None:
        text += _missing_days(before, "Sidste års gennemsnit")
    return text


def _missing_days(average: AverageLiquidity, subject: str) -> str:
    """Missing days are said, never filled in: the reader decides how much to trust the average."""
    if average.complete:
        return ""
    days = "dag" if average.days_missing == 1 else "dage"
    return (f" {subject} er beregnet på de {average.days_present} af 365 dage, der er saldi for; "
            f"{average.days_missing} {days} mangler.")


# ---------------------------------------------------------------------------------------------------
# 3. Arrears


@dataclass(frozen=True)
class ArrearsFigures:
    month: date
    municipality: Decimal | None
    property_tax: Decimal | None
    collection_agency: Decimal | None
    municipality_before: Decimal | None  # end of the month before
    collection_agency_before: Decimal | None


def _moved(now: Decimal, before: Decimal | None, previous_month: date) -> str:
    """"steget med 0,39 mio. kr. til 45,21 mio. kr.", in two decimals as the reference writes arrears."""
    if before is None:
        return (f"på {fmt_mio(now, 2)}; tallet for {_month(previous_month)} foreligger ikke, så ændringen kan "
                f"ikke opgøres")
    delta = now - before
    word = direction(delta / MILLION, 2)
    if word == "uændret":
        return f"uændrede på {fmt_mio(now, 2)}"
    verb = "steget" if word == "op" else "faldet"
    return f"{verb} med {fmt_mio(abs(delta), 2)} til {fmt_mio(now, 2)}"


def _end(text: str) -> str:
    """A full stop, but not a second one after "kr."."""
    return text if text.endswith(".") else text + "."


def arrears_point(a: ArrearsFigures) -> str:
    """"I den seneste måned er restancerne, der ligger til inddrivelse ved SKAT, steget med 0,39 mio.
    kr. Restancer til kommunen er steget med 10,36 mio. kr. herunder ejendomsskatter." """
    if a.municipality is None or a.collection_agency is None:
        return f"Der foreligger ingen restancetal for {_month(a.month)}."
    previous = add_months(a.month, -1)
    text = _end(f"I {_month(a.month)} er restancerne til inddrivelse hos Gældsstyrelsen "
                f"{_moved(a.collection_agency, a.collection_agency_before, previous)}")
    own = f"Restancerne hos kommunen er {_moved(a.municipality, a.municipality_before, previous)}"
    if a.property_tax:
        own += f", heraf ejendomsskatter {fmt_mio(a.property_tax, 2)}"
    return f"{text} {_end(own)}"


# ---------------------------------------------------------------------------------------------------
# 4. Sick leave


@dataclass(frozen=True)
class AbsenceFigures:
    month: date
    now: Decimal | None  # percent
    month_before: Decimal | None
    year_before: Decimal | None
    national: Decimal | None


def absence_point(s: AbsenceFigures) -> str:
    """"Sygefraværet i september 2018 ligger på 4,8 %, hvilket er 1,2 procentpoint højere end fraværet
    i august 2018, hvor det var på 3,6 %, og fraværet i september 2017 er det samme …" """
    previous, last_year = add_months(s.month, -1), add_months(s.month, -12)
    if s.now is None:
        return f"Der foreligger ingen tal for sygefraværet i {_month(s.month)}."
    # Percentages are compared as printed (one decimal), so 4,8 % against 4,8 % is never "0,1
    # procentpoint højere", and the difference is the one a reader computes from the text.
    s = AbsenceFigures(s.month, *(None if v is None else _one_decimal(v)
                                  for v in (s.now, s.month_before, s.year_before)), s.national)
    text = f"Sygefraværet i {_month(s.month)} ligger på {fmt_percent(s.now)}"
    if s.month_before is None:
        text += f"; fraværet for {_month(previous)} foreligger ikke."
    else:
        text += _compared(s.now, s.month_before, f"fraværet i {_month(previous)}",
                          f", hvor det var på {fmt_percent(s.month_before)}") + "."
    if s.year_before is None:
        text += f" Fraværet for {_month(last_year)} foreligger ikke."
    else:
        delta = s.now - s.year_before
        if direction(delta, 1) == "uændret":
            text += f" Fraværet i {_month(last_year)} var det samme, {fmt_percent(s.year_before)}."
        else:
            word = "højere" if delta > 0 else "lavere"
            text += (f" I {_month(last_year)} var fraværet {fmt_percent(s.year_before)}, så det er "
                     f"{fmt_pp(abs(delta))} {word} end samme måned sidste år.")
    if s.national is not None:
        text += f" Landsgennemsnittet for {_month(s.month)} er {fmt_percent(s.national)}."
    return text


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _compared(now: Decimal, before: Decimal, other: str, tail: str) -> str:
    delta = now - before
    if direction(delta, 1) == "uændret":
        return f", hvilket er det samme som {other}"
    word = "højere" if delta > 0 else "lavere"
    return f", hvilket er {fmt_pp(abs(delta))} {word} end {other}{tail}"


@dataclass(frozen=True)
class FollowUpFigures:
    month: date
    national: Decimal | None
    units: list[tuple[str, Absence]]  # the budget holders and their sick leave this month
    minimum: int  # settings.STYR_ABSENCE_MIN_EMPLOYEES


def follow_up_point(f: FollowUpFigures) -> str:
    """The budget holders whose sick leave is above the national average, named for follow-up
    (reference 003, point 5) – except those too small to be named (health data)."""
    if f.national is None:
        return (f"Landsgennemsnittet for sygefravær i {_month(f.month)} foreligger ikke, så "
                f"bevillingsområderne kan ikke sammenlignes med det.")
    if not any(absence.percent is not None for _, absence in f.units):
        return f"Sygefraværet pr. bevillingsområde for {_month(f.month)} foreligger ikke."
    above, hidden = units_above_average(f.units, f.national, f.minimum)
    average = fmt_percent(f.national)
    if above:
        named = [f"{unit.name} ({fmt_percent(unit.percent)})" for unit in above[:NAMED_AREAS]]
        if len(above) > NAMED_AREAS:
            rest = len(above) - NAMED_AREAS
            named.append(f"{fmt_number(rest)} {'andet' if rest == 1 else 'andre'} (se tabellen i bilaget)")
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " og " + named[-1]
        area = "bevillingsområde" if len(above) == 1 else "bevillingsområder"
        highest = "" if len(above) <= NAMED_AREAS else ", højest"
        text = (f"{fmt_number(len(above))} {area} har i {_month(f.month)} et sygefravær over "
                f"landsgennemsnittet på {average} og følges op{highest}: {listed}.")
    else:
        text = f"Ingen bevillingsområder har i {_month(f.month)} et sygefravær over landsgennemsnittet på {average}."
    if hidden:
        areas = "område" if hidden == 1 else "områder"
        lies = "ligger" if not above else "ligger desuden"
        text += (f" {fmt_number(hidden)} {areas} med færre end {f.minimum} medarbejdere {lies} over "
                 f"landsgennemsnittet; de nævnes ikke, da tallene kan pege på enkeltpersoners helbred.")
    return text


# ---------------------------------------------------------------------------------------------------
# 5. Headcount


@dataclass(frozen=True)
class HeadcountFigures:
    month: date
    persons: int | None
    fte: Decimal | None
    persons_month_before: int | None
    persons_year_before: int | None


def headcount_point(h: HeadcountFigures) -> str:
    """"I september 2018 er der 3.812 ansatte svarende til 3.201,4 årsværk. Det er 12 flere end i
    august 2018 og 45 færre end i september 2017." """
    if h.persons is None:
        return f"Der foreligger ingen tal for antal ansatte i {_month(h.month)}."
    text = f"I {_month(h.month)} er der {fmt_number(h.persons)} ansatte"
    if h.fte is not None:
        text += f" svarende til {fmt_number(h.fte, 1)} årsværk"
    parts = []
    for before, when in ((h.persons_month_before, add_months(h.month, -1)),
                         (h.persons_year_before, add_months(h.month, -12))):
        delta = change(h.persons, before)
        if delta is None:
            parts.append(f"tallet for {_month(when)} foreligger ikke")
        elif delta == 0:
            parts.append(f"det samme som i {_month(when)}")
        else:
            parts.append(f"{fmt_number(abs(delta))} {'flere' if delta > 0 else 'færre'} end i {_month(when)}")
    return text + ". Det er " + " og ".join(parts) + "."


# ---------------------------------------------------------------------------------------------------
# 6. Service frame and capital – a hook for the follow-up module


@dataclass(frozen=True)
class ServiceFrameStatus:
    """What the budget follow-up says for the month: the expected underspend (positive) or
    overspend (negative) against the service frame, and capital spent against its budget."""

    underspend: Decimal
    capital_spent: Decimal | None = None
    capital_budget: Decimal | None = None


def service_frame_status(month: date) -> ServiceFrameStatus | None:
    """The service frame and capital for ``month`` from the budget follow-up round of the whole
    municipality for that month, or None when there is no such round."""
    from styr.followup.models import Round
    from styr.followup.report import round_report

    round_ = (Round.objects.filter(year=month.year, month=month.month, scope__parent__isnull=True)
              .select_related("scope").first())
    if round_ is None:
        return None
    report = round_report(round_)
    capital = report.capital
    return ServiceFrameStatus(
        underspend=report.service.underspend,
        capital_spent=report.capital_total.actual_to_date if capital else None,
        capital_budget=capital.corrected_budget if capital else None,
    )


def service_frame_point(month: date, status: ServiceFrameStatus | None) -> str:
    """"Servicerammen er i balance med et mindreforbrug på 54,8 mio. kr. Der foreligger endnu ikke
    valide data for anlægsforbruget." (reference 004)"""
    if status is None:
        return (f"Der foreligger endnu ikke data fra budgetopfølgningen for {_month(month)} om servicerammen "
                f"og anlægsforbruget.")
    if direction(status.underspend / MILLION, 1) == "uændret":
        text = "Servicerammen er i balance."
    elif status.underspend > 0:
        text = _end(f"Servicerammen er i balance med et mindreforbrug på {fmt_mio(status.underspend)}")
    else:
        text = _end(f"Servicerammen forventes overskredet med et merforbrug på {fmt_mio(-status.underspend)}")
    if status.capital_spent is None:
        return text + " Der foreligger endnu ikke valide data for anlægsforbruget."
    capital = f"Anlægsforbruget er {fmt_mio(status.capital_spent)}"
    if status.capital_budget:
        capital += f" af et korrigeret anlægsbudget på {fmt_mio(status.capital_budget)}"
    return f"{text} {_end(capital)}"


# ---------------------------------------------------------------------------------------------------
# The key-figure table (the same in every output)


@dataclass(frozen=True)
class KeyRow:
    label: str
    kind: str  # "persons", "mio", "percent", "fte"
    now: Decimal | int | None
    month_before: Decimal | int | None
    year_before: Decimal | int | None

    @property
    def change_month(self):
        return change(self.now, self.month_before)

    @property
    def change_year(self):
        return change(self.now, self.year_before)

    def formatted(self, value) -> str:
        if self.kind == "mio":
            return fmt_mio(value, unit=False)
        if self.kind == "percent":
            return fmt_number(value, 1)
        if self.kind == "fte":
            return fmt_number(value, 1)
        return fmt_number(value)

    @property
    def display_label(self) -> str:
        return self.label + {"mio": " (mio. kr.)", "percent": " (%)"}.get(self.kind, "")

    def cells(self) -> list[str]:
        values = (self.now, self.month_before, self.year_before, self.change_month, self.change_year)
        return [self.display_label, *(self.formatted(v) for v in values)]


# ---------------------------------------------------------------------------------------------------
# The item


@dataclass
class EconomyReport:
    month: date
    municipality: str
    points: list[str]
    key_rows: list[KeyRow]
    area_rows: list[tuple[str, str, str, str]]  # budget holder, sick leave %, employees, above average
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str = TITLE
    kind: str = KIND
    proposer: str = PROPOSER
    recommendations: list[str] = field(default_factory=lambda: list(RECOMMENDATIONS))
    treatment: str = TREATMENT
    economic_consequences: str = NO_CONSEQUENCES

    @property
    def month_label(self) -> str:
        return _month(self.month)

    @property
    def heading(self) -> str:
        return f"{self.title} – {self.month_label}"

    @property
    def resume(self) -> str:
        return (f"Økonomistaben fremsender den månedlige økonomirapportering for {self.month_label} med "
                f"befolkningstal, likviditet, restancer, sygefravær og antal ansatte.")

    @property
    def recommendation_text(self) -> str:
        return f"{self.proposer} indstiller, at " + "; ".join(self.recommendations)

    @property
    def attachments(self) -> list[str]:
        return [f"{self.month_label} – Månedsrapport"]

    @property
    def key_header(self) -> list[str]:
        return ["Nøgletal", self.month_label, _month(add_months(self.month, -1)),
                _month(add_months(self.month, -12)), "Ændring i måneden", "Ændring på 12 måneder"]

    @property
    def case_text(self) -> str:
        return "\n".join(f"{i}. {point}" for i, point in enumerate(self.points, start=1))


def economy_report(month: date, *, with_charts: bool = True) -> EconomyReport:
    """The item for ``month`` (the first of the month), from the series as they are now."""
    previous, last_year = add_months(month, -1), add_months(month, -12)
    pop = figures.population([add_months(month, 1), month, add_months(month, -11)])
    population = PopulationFigures(month, pop.get(add_months(month, 1)), pop.get(month),
                                   pop.get(add_months(month, -11)))
    liquidity = _liquidity(month)
    arrears_rows = figures.arrears([month, previous, last_year])
    now_arrears, before_arrears = arrears_rows.get(month), arrears_rows.get(previous)
    arrears = ArrearsFigures(
        month, now_arrears and now_arrears.municipality, now_arrears and now_arrears.property_tax,
        now_arrears and now_arrears.collection_agency, before_arrears and before_arrears.municipality,
        before_arrears and before_arrears.collection_agency)
    absence_total = figures.total_absence([month, previous, last_year])
    national = figures.national_absence([month, previous, last_year])
    absence = AbsenceFigures(month, *(_percent(absence_total[m]) for m in (month, previous, last_year)),
                             national.get(month))
    areas = _budget_holders(month)
    follow_up = FollowUpFigures(month, national.get(month), [(u.name, a) for u, a, _ in areas],
                                figures.minimum_employees())
    staff = figures.total_staff([month, previous, last_year])
    headcount = HeadcountFigures(month, _persons_of(staff[month]), staff[month] and staff[month].fte,
                                 _persons_of(staff[previous]), _persons_of(staff[last_year]))
    points = [population_point(population), liquidity_point(liquidity), arrears_point(arrears),
              absence_point(absence), follow_up_point(follow_up), headcount_point(headcount),
              service_frame_point(month, service_frame_status(month))]
    key_rows = _key_rows(month, pop, liquidity, arrears_rows, absence_total, national, staff)
    report = EconomyReport(month=month, municipality=settings.MUNICIPALITY_NAME, points=points, key_rows=key_rows,
                           area_rows=_area_rows(areas, national.get(month)))
    report.notes = _notes()
    if with_charts:
        report.charts = report_charts(month)
    return report


def _percent(absence: Absence | None) -> Decimal | None:
    return None if absence is None else absence.percent


def _persons_of(staff) -> int | None:
    return None if staff is None else staff.persons


def _liquidity(month: date) -> LiquidityFigures:
    end, end_last_year = last_day_of_month(month), last_day_of_month(add_months(month, -12))
    balances = figures.balances(end_last_year - timedelta(days=364), end)
    return LiquidityFigures(month, month_end_balance(balances, month),
                            month_end_balance(balances, add_months(month, -12)),
                            average_liquidity(balances, end), average_liquidity(balances, end_last_year))


def _budget_holders(month: date) -> list[tuple[Unit, Absence, int | None]]:
    """Each open budget holder with sick leave this month (its whole subtree) and its employees."""
    paths = figures.unit_paths()
    absence = figures.absence_tree([month], paths)[month]
    staff = figures.staff_tree([month], paths)[month]
    holders = Unit.objects.open().filter(kind=UnitKind.BUDGET_HOLDER).order_by("name")
    result = []
    for unit in holders:
        if unit.pk in absence:
            employees = figures.employees_for(absence[unit.pk], staff.get(unit.pk))
            counted = Absence(absence[unit.pk].sick_days, absence[unit.pk].possible_days, employees)
            result.append((unit, counted, employees))
    return result


def _area_rows(areas, national: Decimal | None) -> list[tuple[str, str, str, str]]:
    """The budget holders' sick leave for the report's table; small areas are shown without figures."""
    minimum = figures.minimum_employees()
    rows = []
    for unit, absence, employees in areas:
        if not shown_to_everyone(employees, minimum):
            rows.append((unit.name, "–", f"under {minimum}", ""))
            continue
        percent = absence.percent
        above = national is not None and percent is not None and round(percent, 1) > round(national, 1)
        rows.append((unit.name, fmt_number(percent, 1), fmt_number(employees), "over" if above else ""))
    return rows


def _key_rows(month, pop, liquidity: LiquidityFigures, arrears_rows, absence_total, national, staff) -> list[KeyRow]:
    previous, last_year = add_months(month, -1), add_months(month, -12)
    months = (month, previous, last_year)
    end_balances = figures.balances(last_day_of_month(add_months(month, -13)), last_day_of_month(month))
    ends = [month_end_balance(end_balances, m) for m in months]
    before_window = figures.liquidity_window(last_day_of_month(previous), 365)
    averages = [liquidity.average.average, average_liquidity(before_window, last_day_of_month(previous)).average,
                liquidity.average_year_before.average]
    pop_rows = figures.population([add_months(m, 1) for m in months])

    def arrears_field(name: str) -> list:
        return [getattr(arrears_rows[m], name) if m in arrears_rows else None for m in months]

    return [
        KeyRow("Befolkningstal ved månedens udgang", "persons", *(pop_rows.get(add_months(m, 1)) for m in months)),
        KeyRow("Likvide aktiver ultimo", "mio", *(e and e[1] for e in ends)),
        KeyRow("Gennemsnitlig likviditet, 365 dage", "mio", *averages),
        KeyRow("Restancer hos kommunen", "mio", *arrears_field("municipality")),
        KeyRow("heraf ejendomsskat", "mio", *arrears_field("property_tax")),
        KeyRow("Restancer hos Gældsstyrelsen", "mio", *arrears_field("collection_agency")),
        KeyRow("Sygefravær", "percent", *(_percent(absence_total[m]) for m in months)),
        KeyRow("Sygefravær, landsgennemsnit", "percent", *(national.get(m) for m in months)),
        KeyRow("Ansatte", "persons", *(_persons_of(staff[m]) for m in months)),
        KeyRow("Årsværk", "fte", *(staff[m] and staff[m].fte for m in months)),
    ]


def _notes() -> list[str]:
    minimum = figures.minimum_employees()
    return [
        "Befolkningstallet er opgjort pr. den 1. i måneden; tallet pr. 1. i den følgende måned er "
        "befolkningen ved månedens udgang.",
        "Gennemsnitlig likviditet er kassekreditreglens: gennemsnittet af de daglige saldi de seneste 365 dage. "
        "Dage uden saldo indgår ikke, og antallet nævnes.",
        "Sygefraværet er sygedage i procent af mulige arbejdsdage, lagt sammen over enhederne (ikke et gennemsnit "
        f"af procenter); ændringer i sygefravær er i procentpoint. Bevillingsområder med færre end {minimum} "
        "medarbejdere vises uden tal.",
    ]


# ---------------------------------------------------------------------------------------------------
# Charts


def report_charts(month: date) -> list[Chart]:
    months = figures.months_back(month, CHART_MONTHS)
    labels = [month_label_short(m) for m in months]
    pop = figures.population([add_months(m, 1) for m in months])
    arrears_rows = figures.arrears(months)
    absence_total = figures.total_absence(months)
    national = figures.national_absence(months)
    staff = figures.total_staff(months)
    charts = [
        line_chart(labels, {"Befolkningstal": [pop.get(add_months(m, 1)) for m in months]},
                   title="Befolkningstal ved månedens udgang", unit="personer", label_title="Måned"),
        liquidity_chart(month),
        line_chart(labels, {
            "Hos kommunen": [arrears_rows[m].municipality if m in arrears_rows else None for m in months],
            "Hos Gældsstyrelsen": [arrears_rows[m].collection_agency if m in arrears_rows else None for m in months],
        }, title="Restancer ved månedens udgang", unit="kr.", label_title="Måned"),
        line_chart(labels, {"Kommunen": [_percent(absence_total[m]) for m in months],
                            "Landsgennemsnit": [national.get(m) for m in months]},
                   title="Sygefravær", unit="%", label_title="Måned", decimals=1),
        committee_chart(month, national.get(month)),
        line_chart(labels, {"Ansatte": [_persons_of(staff[m]) for m in months]},
                   title="Ansatte", unit="personer", label_title="Måned"),
    ]
    return charts


def committee_chart(month: date, national: Decimal | None) -> Chart:
    """Sick leave per committee this month, against the national average. Committees are large, but
    the small-unit rule applies here too."""
    paths = figures.unit_paths()
    absence = figures.absence_tree([month], paths)[month]
    staff = figures.staff_tree([month], paths)[month]
    names, values = [], []
    for unit in Unit.objects.open().filter(kind=UnitKind.COMMITTEE).order_by("name"):
        if unit.pk not in absence:
            continue
        employees = figures.employees_for(absence[unit.pk], staff.get(unit.pk))
        names.append(unit.name)
        values.append(absence[unit.pk].percent if shown_to_everyone(employees, figures.minimum_employees())
                      else None)
    reference = (national, "Landsgennemsnit") if national is not None else None
    return bar_chart(names, values, title=f"Sygefravær pr. udvalg, {_month(month)}", unit="%",
                     reference_line=reference, label_title="Udvalg", decimals=1)


def liquidity_chart(month: date, days: int = LIQUIDITY_CHART_DAYS) -> Chart:
    """Daily balances over two years with kassekreditreglen's running 365-day average, and zero."""
    end = last_day_of_month(month)
    first = end - timedelta(days=days - 1)
    balances = figures.balances(first - timedelta(days=364), end)
    dates = [first + timedelta(days=i) for i in range(days)]
    running = _running_average(balances, dates)
    return line_chart(dates, {"Gennemsnit 365 dage": running,
                              "Saldo pr. dag": [balances.get(day) for day in dates]},
                      title="Likviditet", unit="kr.", label_title="Dato",
                      reference_line=(0, "Kassekreditreglens grænse"))


def _running_average(balances: dict[date, Decimal], dates: list[date]) -> list[Decimal | None]:
    """The 365-day average for each date, as rules.average_liquidity computes it (a window with no
    balance at all, or with more than a month missing, is left out of the chart)."""
    result = []
    for day in dates:
        average = average_liquidity(balances, day)
        result.append(average.average if average.days_missing <= 31 else None)
    return result
