"""Budget against actuals for any node of the organisation, down to accounts and single postings.

What every level shows: the original budget (OB), the corrected budget (KB = the year's OB lines
plus every change line of the year), the budget to date periodised by each line's profile
(periodisation.py), the actuals to date and the actuals by month; operations and capital apart,
and the service expenditure within operations marked. Sign: expenditure positive, income negative;
the deviation is KB − actuals, so a positive deviation is an underspend (mindreforbrug).

Operations are everything that is not capital (dranst 3): on the units' cost centres that is dranst
1 (drift) and 2 (statsrefusion), since financing (dranst 4–9) is booked on finance's own cost
centres. Service expenditure is operations on a function classified as service that year.

The queries do not grow with the size of the municipality: a unit's overview is a handful of
GROUP BY queries on the monthly rollups (LedgerCentreMonth per cost centre, LedgerMonth per
account), and each cost centre is mapped to its row in Python through the units' materialised paths.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min, OuterRef, Q, Subquery, Sum

from styr.documents.numbers import MONTH_ABBREVIATIONS, fmt_month_range
from styr.organisation.models import CostCentre, Unit

from . import periodisation
from .models import (
    Budget,
    BudgetChangeLine,
    BudgetLine,
    Classification,
    Dranst,
    LedgerCentreMonth,
    LedgerMonth,
    Posting,
    Profile,
)

ZERO = Decimal("0.00")
MONTHS = range(1, 13)


@dataclass
class Figures:
    """One row's numbers for one part (operations, service or capital)."""

    ob: Decimal = ZERO
    kb: Decimal = ZERO
    budget_to_date: Decimal = ZERO
    actual_to_date: Decimal = ZERO
    months: list[Decimal] = field(default_factory=lambda: [ZERO] * 12)

    def add(self, other: "Figures") -> None:
        self.ob += other.ob
        self.kb += other.kb
        self.budget_to_date += other.budget_to_date
        self.actual_to_date += other.actual_to_date
        self.months = [a + b for a, b in zip(self.months, other.months, strict=True)]

    @property
    def deviation(self) -> Decimal:
        """KB − actuals to date; positive is an underspend (mindreforbrug)."""
        return self.kb - self.actual_to_date

    @property
    def deviation_to_date(self) -> Decimal:
        """Budget to date − actuals to date; positive is an underspend so far."""
        return self.budget_to_date - self.actual_to_date

    @property
    def is_empty(self) -> bool:
        return not (self.ob or self.kb or self.budget_to_date or self.actual_to_date or any(self.months))


@dataclass
class Row:
    """A line of an overview: a unit (its whole subtree), a cost centre, or an account string."""

    kind: str  # "unit", "cost_centre", "account", "total"
    code: str
    name: str
    closed: bool = False
    operations: Figures = field(default_factory=Figures)
    service: Figures = field(default_factory=Figures)  # the service expenditure within operations
    capital: Figures = field(default_factory=Figures)
    # For accounts: the parts of the account string, for links to the postings.
    function: str = ""
    dranst: int | None = None
    art: str = ""
    is_service: bool = False

    def add(self, capital: bool, service: bool, figures: Figures) -> None:
        if capital:
            self.capital.add(figures)
        else:
            self.operations.add(figures)
            if service:
                self.service.add(figures)

    def part(self, key: str) -> Figures:
        return {"drift": self.operations, "service": self.service, "anlaeg": self.capital}[key]

    @property
    def is_empty(self) -> bool:
        return self.operations.is_empty and self.capital.is_empty


@dataclass
class Section:
    """One table of an overview page: the rows' figures for one part, with the total."""

    key: str  # "drift" or "anlaeg"
    title: str
    lines: list[tuple[Row, Figures]]
    total: Figures
    service_total: Figures | None = None


@dataclass
class Overview:
    year: int
    month: int
    rows: list[Row]
    total: Row
    node: Unit | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def months(self) -> range:
        return range(1, self.month + 1)

    @property
    def month_slice(self) -> str:
        """For templates: ``months|slice:overview.month_slice`` gives January to the chosen month."""
        return f":{self.month}"

    @property
    def period_label(self) -> str:
        return fmt_month_range(self.year, 1, self.month)

    @property
    def is_empty(self) -> bool:
        return self.total.is_empty

    @property
    def sections(self) -> list[Section]:
        """Operations always (with the service part), capital only when there is any."""
        sections = [Section("drift", "Drift", [(r, r.operations) for r in self.rows if not r.operations.is_empty
                                               or r.kind != "account"],
                            self.total.operations, self.total.service)]
        capital_rows = [(r, r.capital) for r in self.rows if not r.capital.is_empty]
        if capital_rows:
            sections.append(Section("anlaeg", "Anlæg", capital_rows, self.total.capital))
        return sections

    @property
    def has_capital(self) -> bool:
        return not self.total.capital.is_empty


# Periods and years ---------------------------------------------------------------------------------

def period(year: int, month: int) -> int:
    return year * 100 + month


def ledger_bounds() -> tuple[int | None, int | None]:
    """The first and the latest period with postings (yyyymm), or None when there are none."""
    bounds = LedgerCentreMonth.objects.aggregate(first=Min("period"), last=Max("period"))
    return bounds["first"], bounds["last"]


def default_period(latest: int | None, today: date, year: int | None = None) -> tuple[int, int]:
    """The year and month a page opens on: the latest month with postings (in ``year``, when
    given); with no postings, the current month this year and December in another year."""
    if year is None:
        if latest:
            return latest // 100, latest % 100
        return today.year, today.month
    if latest and latest // 100 == year:
        return year, latest % 100
    if latest and latest // 100 > year:
        return year, 12
    return year, today.month if year == today.year else 12


def available_years(first: int | None, last: int | None, today: date) -> list[int]:
    """Years with a budget or postings, and this year."""
    years = set(Budget.objects.values_list("budget_year", flat=True)) | {today.year}
    if first and last:
        years |= set(range(first // 100, last // 100 + 1))
    return sorted(years, reverse=True)


# Budgets and their periodisation ---------------------------------------------------------------------

def _is_capital(dranst: int) -> bool:
    return dranst == Dranst.ANLAEG


def _is_service(classification: str) -> bool:
    return classification == Classification.SERVICE


def _change_profile(year: int) -> Subquery:
    """A change line is periodised like the original budget line of the same account string
    (a supplementary appropriation for salaries follows the salary profile); without one, evenly."""
    return Subquery(BudgetLine.objects.filter(
        budget__budget_year=year, year=year, cost_centre=OuterRef("cost_centre"), function=OuterRef("function"),
        dranst=OuterRef("dranst"), art=OuterRef("art"),
    ).values("profile")[:1])


def _budget_rows(scope: Q, year: int, keys: Iterable[str]) -> list[tuple[tuple, str, Decimal, Decimal]]:
    """(key, profile, OB, changes) summed per ``keys`` and profile, for the budget lines in scope."""
    keys = list(keys)
    sums: dict[tuple, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    original = (BudgetLine.objects.filter(scope, budget__budget_year=year, year=year)
                .values(*keys, "profile").annotate(total=Sum("amount")).order_by())
    for row in original:
        sums[(tuple(row[k] for k in keys), row["profile"])][0] += row["total"]
    changes = (BudgetChangeLine.objects.filter(scope, change__year=year)
               .annotate(line_profile=_change_profile(year))
               .values(*keys, "line_profile").annotate(total=Sum("amount")).order_by())
    for row in changes:
        sums[(tuple(row[k] for k in keys), row["line_profile"] or Profile.EVEN)][1] += row["total"]
    return [(key, profile, ob, change) for (key, profile), (ob, change) in sums.items()]


def _last_year_actuals(cost_centre_ids: set[int], year: int) -> dict[tuple[int, bool], list[Decimal]]:
    """Each cost centre's actuals per month last year, operations and capital apart."""
    if not cost_centre_ids:
        return {}
    months: dict[tuple[int, bool], list[Decimal]] = defaultdict(lambda: [ZERO] * 12)
    rows = (LedgerCentreMonth.objects
            .filter(cost_centre_id__in=cost_centre_ids,
                    period__gte=period(year - 1, 1), period__lte=period(year - 1, 12))
            .values("cost_centre_id", "capital", "period").annotate(total=Sum("amount")).order_by())
    for row in rows:
        months[(row["cost_centre_id"], row["capital"])][row["period"] % 100 - 1] += row["total"]
    return months


class Periodiser:
    """The budget to date of (cost centre, part, profile) groups; remembers the fallbacks it made."""

    def __init__(self, year: int, month: int, last_year: dict[tuple[int, bool], list[Decimal]]):
        self.month = month
        self.last_year = last_year
        self.salary = periodisation.salary_weights(getattr(settings, "STYR_SALARY_PROFILE",
                                                           periodisation.DEFAULT_SALARY_PROFILE))
        self.fallbacks: set[int] = set()  # cost centres with the last-year profile but no actuals last year

    def to_date(self, amount: Decimal, profile: str, cost_centre_id: int, capital: bool) -> Decimal:
        if profile == Profile.SALARY:
            weights = self.salary
        elif profile == Profile.LAST_YEAR:
            weights = periodisation.weights_from_actuals(self.last_year.get((cost_centre_id, capital), [ZERO] * 12))
            if weights.note:
                self.fallbacks.add(cost_centre_id)
        else:
            weights = periodisation.EVEN
        return periodisation.to_date(amount, weights, self.month)


def _fallback_note(count: int) -> list[str]:
    if not count:
        return []
    which = "ét omkostningssted" if count == 1 else f"{count} omkostningssteder"
    return [f"Budgettet for {which} skulle følge sidste års forbrug, men der var intet forbrug sidste år; "
            "det er periodiseret jævnt."]


def _month_sums(year: int, month: int) -> dict[str, Sum]:
    return {f"m{m}": Sum("amount", filter=Q(period=period(year, m))) for m in range(1, month + 1)}


def _actual_figures(row: dict, month: int) -> Figures:
    months = [row.get(f"m{m}") or ZERO for m in MONTHS]
    return Figures(actual_to_date=sum(months[:month], ZERO), months=months)


# A unit and its children ---------------------------------------------------------------------------

def _scope(prefix: str, roots: list[Unit]) -> Q:
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(**{f"{prefix}unit__path__startswith": root.path})
    return condition


def unit_overview(node: Unit, year: int, month: int) -> Overview:
    """The node's children (each with its whole subtree) and the node's own cost centres as rows."""
    return _units_overview([node], node, year, month)


def roots_overview(roots: list[Unit], year: int, month: int) -> Overview:
    """One row per root (a leader of several units without a common parent they lead)."""
    return _units_overview(roots, None, year, month)


def _units_overview(roots: list[Unit], node: Unit | None, year: int, month: int) -> Overview:
    units = list(Unit.objects.subtree_of(*roots).values("id", "code", "name", "path", "parent_id", "closed_on")
                 .order_by("name"))
    row_units = [u for u in units if u["parent_id"] == node.pk] if node else \
        [u for u in units if u["id"] in {r.pk for r in roots}]
    rows: dict[tuple[str, int], Row] = {
        ("unit", u["id"]): Row("unit", u["code"], u["name"], closed=u["closed_on"] is not None) for u in row_units
    }
    row_ids = {u["id"] for u in row_units}
    row_of_unit = {}
    for u in units:
        row_of_unit[u["id"]] = next((int(p) for p in u["path"].strip("/").split("/") if int(p) in row_ids), None)

    row_of_cc: dict[int, Row] = {}
    for cc in CostCentre.objects.filter(_scope("", roots)).values("id", "code", "name", "unit_id", "closed_on"):
        row_unit = row_of_unit.get(cc["unit_id"])
        if row_unit is not None:
            row_of_cc[cc["id"]] = rows[("unit", row_unit)]
        else:  # the node's own cost centre
            row = Row("cost_centre", cc["code"], cc["name"], closed=cc["closed_on"] is not None)
            rows[("cost_centre", cc["id"])] = row_of_cc[cc["id"]] = row

    notes = _fill(rows=row_of_cc, scope=_scope("cost_centre__", roots), year=year, month=month)
    overview = Overview(year, month, _ordered(rows.values()), Row("total", "", "I alt"), node=node, notes=notes)
    for row in overview.rows:
        overview.total.operations.add(row.operations)
        overview.total.service.add(row.service)
        overview.total.capital.add(row.capital)
    return overview


def _ordered(rows: Iterable[Row]) -> list[Row]:
    """Units first, then own cost centres; closed rows without figures are left out."""
    kept = [r for r in rows if not (r.closed and r.is_empty)]
    return sorted(kept, key=lambda r: (r.kind != "unit", r.name.lower() if r.kind == "unit" else r.code))


def _fill(*, rows: dict[int, Row], scope: Q, year: int, month: int) -> list[str]:
    """Add budgets and actuals of the cost centres in ``scope`` to the row each one maps to."""
    actuals = (LedgerCentreMonth.objects.filter(scope, period__gte=period(year, 1), period__lte=period(year, month))
               .values("cost_centre_id", "capital", "service").annotate(**_month_sums(year, month)).order_by())
    for row in actuals:
        if row["cost_centre_id"] in rows:
            rows[row["cost_centre_id"]].add(row["capital"], row["service"], _actual_figures(row, month))

    budget = _budget_rows(scope, year, ["cost_centre_id", "dranst", "function__classification"])
    last_year = _last_year_actuals({key[0] for key, profile, *_ in budget if profile == Profile.LAST_YEAR}, year)
    periodiser = Periodiser(year, month, last_year)
    # Lines of the same cost centre, part and profile are periodised together: the same weights.
    groups: dict[tuple[int, bool, bool, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for (cc, dranst, classification), profile, ob, change in budget:
        group = groups[(cc, _is_capital(dranst), _is_service(classification), profile)]
        group[0] += ob
        group[1] += change
    for (cc, capital, service, profile), (ob, change) in groups.items():
        if cc in rows:
            kb = ob + change
            figures = Figures(ob=ob, kb=kb, budget_to_date=periodiser.to_date(kb, profile, cc, capital))
            rows[cc].add(capital, service, figures)
    return _fallback_note(len(periodiser.fallbacks))


# A cost centre's accounts ----------------------------------------------------------------------------

ACCOUNT_FIELDS = ["function_id", "function__code", "function__name", "function__classification",
                  "dranst", "art_id", "art__code", "art__name"]


def cost_centre_overview(cost_centre: CostCentre, year: int, month: int) -> Overview:
    """One row per account string (function, dranst, art) of the cost centre."""
    rows: dict[tuple, Row] = {}

    def row_for(values: dict) -> Row:
        key = (values["function_id"], values["dranst"], values["art_id"])
        if key not in rows:
            rows[key] = Row(
                "account", f'{values["function__code"]} · {values["dranst"]} · {values["art__code"]}',
                f'{values["function__name"]} · {Dranst(values["dranst"]).label} · {values["art__name"]}',
                function=values["function__code"], dranst=values["dranst"], art=values["art__code"],
                is_service=_is_service(values["function__classification"]),
            )
        return rows[key]

    actuals = (LedgerMonth.objects.filter(cost_centre=cost_centre, period__gte=period(year, 1),
                                          period__lte=period(year, month))
               .values(*ACCOUNT_FIELDS).annotate(**_month_sums(year, month)).order_by())
    for values in actuals:
        row = row_for(values)
        row.add(_is_capital(row.dranst), row.is_service, _actual_figures(values, month))

    scope = Q(cost_centre=cost_centre)
    budget = _budget_rows(scope, year, ACCOUNT_FIELDS)
    needs_last_year = any(profile == Profile.LAST_YEAR for _, profile, *_ in budget)
    periodiser = Periodiser(year, month, _last_year_actuals({cost_centre.pk} if needs_last_year else set(), year))
    for key, profile, ob, change in budget:
        row = row_for(dict(zip(ACCOUNT_FIELDS, key, strict=True)))
        capital = _is_capital(row.dranst)
        kb = ob + change
        row.add(capital, row.is_service, Figures(ob=ob, kb=kb, budget_to_date=periodiser.to_date(
            kb, profile, cost_centre.pk, capital)))

    ordered = sorted(rows.values(), key=lambda r: (_is_capital(r.dranst), r.function, r.dranst, r.art))
    notes = _fallback_note(len(periodiser.fallbacks))
    overview = Overview(year, month, ordered, Row("total", "", "I alt"), notes=notes)
    for row in ordered:
        overview.total.operations.add(row.operations)
        overview.total.service.add(row.service)
        overview.total.capital.add(row.capital)
    return overview


# The overview as a flat table (CSV and Excel) ---------------------------------------------------------

ROW_TYPES = {"unit": "enhed", "cost_centre": "omkostningssted", "account": "konto", "total": "i alt"}
TABLE_COLUMNS = [
    ("kode", "Kode", "text"), ("navn", "Navn", "text"), ("type", "Type", "text"), ("del", "Del", "text"),
    ("ob", "Oprindeligt budget (kr.)", "kr_oere"), ("kb", "Korrigeret budget (kr.)", "kr_oere"),
    ("budget_til_dato", "Budget til dato (kr.)", "kr_oere"), ("forbrug_til_dato", "Forbrug til dato (kr.)", "kr_oere"),
    ("afvigelse_til_dato", "Afvigelse til dato (budget til dato − forbrug; + = mindreforbrug)", "kr_oere"),
    ("afvigelse", "Afvigelse (KB − forbrug; + = mindreforbrug)", "kr_oere"),
] + [(f"m{m:02d}", f"Forbrug {MONTH_ABBREVIATIONS[m - 1]} (kr.)", "kr_oere") for m in MONTHS]


def table_rows(overview: Overview) -> list[list]:
    """One line per row and part (operations; its service part; capital), then the totals.

    The service line is a part of the operations line above it, not an addition to it.
    Months after the overview's month are empty.
    """
    lines = []
    for row in [*overview.rows, overview.total]:
        for key in ("drift", "service", "anlaeg"):
            figures = row.part(key)
            if key != "drift" and figures.is_empty and row.kind != "total":
                continue
            months = [figures.months[m - 1] if m <= overview.month else None for m in MONTHS]
            lines.append([row.code, row.name, ROW_TYPES[row.kind], key, figures.ob, figures.kb,
                          figures.budget_to_date, figures.actual_to_date, figures.deviation_to_date,
                          figures.deviation, *months])
    return lines


# Postings -------------------------------------------------------------------------------------------

POSTING_SORTS = {
    "dato": ("date", "id"), "-dato": ("-date", "-id"),
    "beloeb": ("amount", "id"), "-beloeb": ("-amount", "-id"),
    "bilag": ("voucher", "id"), "-bilag": ("-voucher", "-id"),
    "tekst": ("text", "id"), "-tekst": ("-text", "-id"),
}
DEFAULT_POSTING_SORT = "-dato"


@dataclass(frozen=True)
class PostingFilter:
    """Which postings of a cost centre to list: months ``first``–``last`` of ``year``, one account
    string or part of one, and a search in text and voucher number."""

    year: int
    first: int
    last: int
    function: str = ""
    dranst: int | None = None
    art: str = ""
    query: str = ""
    sort: str = DEFAULT_POSTING_SORT

    @property
    def period_label(self) -> str:
        return fmt_month_range(self.year, self.first, self.last)

    @property
    def narrowed(self) -> bool:
        return bool(self.function or self.dranst or self.art or self.query)


def postings(cost_centre: CostCentre, selection: PostingFilter):
    """The cost centre's postings as selected, sorted; a page of them is two queries (count, rows)."""
    rows = Posting.objects.filter(cost_centre=cost_centre, period__gte=period(selection.year, selection.first),
                                  period__lte=period(selection.year, selection.last))
    if selection.function:
        rows = rows.filter(function__code=selection.function)
    if selection.dranst:
        rows = rows.filter(dranst=selection.dranst)
    if selection.art:
        rows = rows.filter(art__code=selection.art)
    if selection.query:
        rows = rows.filter(Q(text__icontains=selection.query) | Q(voucher__icontains=selection.query))
    order = POSTING_SORTS.get(selection.sort, POSTING_SORTS[DEFAULT_POSTING_SORT])
    return rows.select_related("function", "art").order_by(*order)


def cost_centre_accounts(cost_centre: CostCentre, year: int) -> list[dict]:
    """The account strings the cost centre has postings on in the year, for the filters."""
    return list(LedgerMonth.objects.filter(cost_centre=cost_centre, period__gte=period(year, 1),
                                           period__lte=period(year, 12))
                .values("function__code", "function__name", "dranst", "art__code", "art__name")
                .distinct().order_by("function__code", "dranst", "art__code"))
