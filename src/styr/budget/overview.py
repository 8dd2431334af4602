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
GROUP BY queries on two yearly rollups of a few thousand rows (rollups.py): LedgerCentreYear, a cost
centre's actuals per month, and BudgetCentreYear, its OB, KB and budget to date of every month,
made from the budget and change lines exactly as ``_budget_from_lines`` makes them. The budget
rollup is read only while its stamp says it was made from the data as it is; otherwise the
overview reads the lines, which is slower and gives the same figures. The database sums each cost
centre into its row of the overview through its unit's materialised path (``_row_key``). An
account's overview reads the monthly rollup per account string (LedgerMonth) and the lines.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import BigIntegerField, Case, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, StrIndex, Substr

from styr.core.money import from_oere
from styr.documents.numbers import MONTH_ABBREVIATIONS, fmt_month_range
from styr.organisation.models import CostCentre, Unit, subtree_q

from . import periodisation, rollups
from .models import (
    TO_DATE_COLUMNS,
    Budget,
    BudgetCentreYear,
    BudgetChangeLine,
    BudgetLine,
    Classification,
    Dranst,
    LedgerCentreMonth,
    LedgerCentreYear,
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


def _oere_sum(**options) -> Cast:
    """A sum of amounts in whole øre, as the database holds them (PostgreSQL sums a bigint as numeric:
    cast it back, so the driver gives plain integers)."""
    return _oere_sum_of("amount", **options)


def _oere_sum_of(column: str, **options) -> Cast:
    return Cast(Sum(column, **options), BigIntegerField())


def _tuples(queryset) -> list[tuple]:
    """The rows of a ``values_list`` query as the driver returns them, without Django's converter
    per value: an overview reads thousands of rollup rows whose amounts are whole øre already.
    (Booleans may come back as 0/1 on SQLite.)"""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _part_expressions() -> dict[str, Case]:
    """A budget or change line's part: capital (dranst 3) or not, service (its function's class) or not."""
    return {
        "is_capital": Case(When(dranst=Dranst.ANLAEG, then=Value(1)), default=Value(0), output_field=IntegerField()),
        "is_service": Case(When(function__classification=Classification.SERVICE, then=Value(1)), default=Value(0),
                           output_field=IntegerField()),
    }


def _budget_rows(scope: Q, year: int, keys: Iterable[str]) -> list[tuple[tuple, str, int, int]]:
    """(key, profile, OB, changes) in øre, summed per ``keys`` and profile, for the budget lines in scope."""
    sums = _budget_sums(scope, year, list(keys), {})
    return [(key[:-1], key[-1], ob, change) for key, (ob, change) in sums.items()]


def _budget_sums(scope: Q, year: int, keys: list[str], expressions: dict) -> dict[tuple, list[int]]:
    """[OB, changes] in øre per (*keys, profile) of the budget and change lines in scope, summed in the
    database in one query (the year's lines and its changes as one UNION ALL). ``expressions`` are
    annotations that ``keys`` may name."""
    original = (BudgetLine.objects.filter(scope, budget__budget_year=year, year=year)
                .annotate(**expressions, line_profile=F("profile"), changes=Value(0, IntegerField()))
                .values(*keys, "line_profile", "changes").annotate(total=_oere_sum()).order_by()
                .values_list(*keys, "line_profile", "changes", "total"))
    changes = (BudgetChangeLine.objects.filter(scope, change__year=year)
               .annotate(**expressions, line_profile=_change_profile(year), changes=Value(1, IntegerField()))
               .values(*keys, "line_profile", "changes").annotate(total=_oere_sum()).order_by()
               .values_list(*keys, "line_profile", "changes", "total"))
    sums: dict[tuple, list[int]] = {}
    for row in _tuples(original.union(changes, all=True)):
        # (*keys, profile, 0 or 1 for a change line, total); a change line without a budget line is even
        key = row[:-2] if row[-3] else (*row[:-3], Profile.EVEN)
        group = sums.get(key)
        if group is None:
            group = sums[key] = [0, 0]
        group[1 if row[-2] else 0] += row[-1] or 0
    return sums


def _last_year_actuals(scope: Q, year: int) -> dict[tuple[int, bool], list[int]]:
    """Last year's actuals per month in øre, operations and capital apart, of the cost centres in
    ``scope`` that have a budget line with the last-year profile."""
    following = BudgetLine.objects.filter(budget__budget_year=year, year=year, profile=Profile.LAST_YEAR)
    rows = (LedgerCentreYear.objects
            .filter(scope, year=year - 1, cost_centre_id__in=following.values("cost_centre_id"))
            .values("cost_centre_id", "capital").annotate(**_year_sums(12)).order_by()
            .values_list("cost_centre_id", "capital", *(f"m{m}" for m in MONTHS)))
    return {(cc, bool(capital)): [value or 0 for value in months] for cc, capital, *months in _tuples(rows)}


def budget_by_cost_centre(year: int, cost_centres: Iterable[int] | None = None) -> list[tuple]:
    """Every cost centre's budget of the year per part (or those of ``cost_centres``), as the overview
    makes it from the budget and change lines: (cost centre, capital, service, OB, KB, the twelve
    budgets to date, fallback), in øre. ``fallback`` marks one row of each cost centre whose
    last-year profile had no actuals last year to follow, so that summing it counts cost centres.
    What BudgetCentreYear holds (rollups.py)."""
    scope = Q() if cost_centres is None else Q(cost_centre_id__in=list(cost_centres))
    groups = _budget_sums(scope, year, ["cost_centre_id", "is_capital", "is_service"], _part_expressions())
    needs_last_year = any(profile == Profile.LAST_YEAR for _, _, _, profile in groups)
    periodiser = YearPeriodiser(_last_year_actuals(scope, year) if needs_last_year else {})
    parts: dict[tuple[int, bool, bool], list] = {}
    for (cc, capital, service, profile), (ob, change) in groups.items():
        capital, service = bool(capital), bool(service)
        part = parts.get((cc, capital, service))
        if part is None:
            part = parts[(cc, capital, service)] = [0, 0, [0] * 12]
        part[0] += ob
        part[1] += ob + change
        part[2] = [a + b for a, b in zip(part[2], periodiser.to_date(ob + change, profile, cc, capital), strict=True)]
    marked: set[int] = set()
    rows = []
    for (cc, capital, service), (ob, kb, to_date) in sorted(parts.items()):
        fallback = cc in periodiser.fallbacks and cc not in marked
        if fallback:
            marked.add(cc)
        rows.append((cc, capital, service, ob, kb, to_date, fallback))
    return rows


class Periodiser:
    """The budget to date of (cost centre, part, profile) groups; remembers the fallbacks it made.

    Each group is periodised on its own, as the rounding rules say (the øre of each group's months
    by the largest remainder), but the groups that share weights share a ``periodisation.ToDate``,
    so the thousands of even and salary groups of a municipality cost a division each, and last
    year's weights are made once per cost centre and part, only for those that ask for them."""

    def __init__(self, month: int, last_year: dict[tuple[int, bool], list[int]]):
        self.month = month
        self.last_year = last_year
        self.last_year_to_date: dict[tuple[int, bool], periodisation.ToDate] = {}
        self.salary = periodisation.salary_weights(getattr(settings, "STYR_SALARY_PROFILE",
                                                           periodisation.DEFAULT_SALARY_PROFILE))
        self.by_profile = {Profile.SALARY: self._periodise(self.salary),
                           Profile.EVEN: self._periodise(periodisation.EVEN)}
        self.fallbacks: set[int] = set()  # cost centres with the last-year profile but no actuals last year

    def _periodise(self, weights: periodisation.Weights):
        return periodisation.ToDate(weights, self.month)

    def to_date(self, oere: int, profile: str, cost_centre_id: int, capital: bool):
        """The budget to date in øre of an annual amount in øre."""
        if profile == Profile.LAST_YEAR:
            key = (cost_centre_id, capital)
            to_date = self.last_year_to_date.get(key)
            if to_date is None:
                weights = periodisation.weights_from_oere(self.last_year.get(key, [0] * 12))
                to_date = self.last_year_to_date[key] = self._periodise(weights)
            if to_date.weights.note:
                self.fallbacks.add(cost_centre_id)
            return to_date(oere)
        return self.by_profile.get(profile, self.by_profile[Profile.EVEN])(oere)


class YearPeriodiser(Periodiser):
    """A Periodiser for every month at once: ``to_date`` gives the twelve budgets to date (January,
    January–February, …, the year), what the budget rollup keeps (rollups.py)."""

    def __init__(self, last_year: dict[tuple[int, bool], list[int]]):
        super().__init__(12, last_year)

    def _periodise(self, weights: periodisation.Weights):
        return periodisation.ToDates(weights)


def _fallback_note(count: int) -> list[str]:
    if not count:
        return []
    which = "ét omkostningssted" if count == 1 else f"{count} omkostningssteder"
    return [f"Budgettet for {which} skulle følge sidste års forbrug, men der var intet forbrug sidste år; "
            "det er periodiseret jævnt."]


def _month_names(month: int) -> list[str]:
    return [f"m{m}" for m in range(1, month + 1)]


def _month_sums(year: int, month: int) -> dict[str, Cast]:
    return {f"m{m}": _oere_sum(filter=Q(period=period(year, m))) for m in range(1, month + 1)}


def _year_sums(month: int) -> dict[str, Cast]:
    """January to ``month`` of LedgerCentreYear rows, summed."""
    return {f"m{m}": Cast(Sum(f"m{m:02d}"), BigIntegerField()) for m in range(1, month + 1)}


class _Oere:
    """A row part's sums in whole øre while the rows are added up (thousands of rollup rows for a
    whole municipality); they become Decimal kroner once, at the end."""

    __slots__ = ("ob", "kb", "budget_to_date", "months")

    def __init__(self):
        self.ob = self.kb = self.budget_to_date = 0
        self.months = [0] * 12

    def add_months(self, values: Iterable[int | None]) -> None:
        """Add actuals for January onwards (None for a month without any)."""
        for m, value in enumerate(values):
            if value:
                self.months[m] += value

    def figures(self, month: int) -> Figures:
        return Figures(ob=from_oere(self.ob), kb=from_oere(self.kb), budget_to_date=from_oere(self.budget_to_date),
                       actual_to_date=from_oere(sum(self.months[:month])),
                       months=[from_oere(m) for m in self.months])


class _Sums:
    """The øre sums of each (row, capital, service)."""

    def __init__(self):
        self.parts: dict[tuple[int, bool, bool], tuple[Row, _Oere]] = {}

    def at(self, row: Row, capital: bool, service: bool) -> _Oere:
        key = (id(row), capital, service)
        if key not in self.parts:
            self.parts[key] = (row, _Oere())
        return self.parts[key][1]

    def finish(self, month: int) -> None:
        for (_, capital, service), (row, sums) in self.parts.items():
            row.add(capital, service, sums.figures(month))


# A unit and its children ---------------------------------------------------------------------------

def unit_overview(node: Unit, year: int, month: int) -> Overview:
    """The node's children (each with its whole subtree) and the node's own cost centres as rows."""
    overview = _cached(f"unit:{node.pk}", year, month,
                       lambda rollup: _units_overview([node], node, year, month, rollup))
    overview.node = node
    return overview


def roots_overview(roots: list[Unit], year: int, month: int) -> Overview:
    """One row per root (a leader of several units without a common parent they lead)."""
    ids = ",".join(str(pk) for pk in sorted(root.pk for root in roots))
    return _cached(f"roots:{ids}", year, month, lambda rollup: _units_overview(roots, None, year, month, rollup))


# The cache of finished overviews ---------------------------------------------------------------------
#
# A whole municipality's overview sums some ten thousand rollup rows (more when the budget rollup
# is out of date and the budget lines are periodised instead); the numbers change only when
# postings are imported or the budget changes. So a finished overview of a (node, year, month) is
# kept in Django's cache (each process its own, or one shared by a server's processes with
# STYR_CACHE_DIR: settings.py), under a key that holds ``data_state()``'s version. Nothing is ever
# invalidated: a write that matters changes the version, so the next request computes the overview
# anew under a new key and the old entries age out. The version is one cheap query (maxima of
# primary keys and a few small counts), read on every request, so a change made by another process
# or server is seen at once; a cached overview is never older than the data it is shown with.
#
# What changes the version: every ledger import (a new LedgerImport and new rollup rows), any new
# posting (the tests' factories rebuild the yearly rollup, as the import does), a budget import (its
# lines are replaced: new ids), a new, changed or deleted budget change or budget (counts, ids, the
# audit trail), and every change to units, cost centres and the chart's functions made through the
# application, the admin or the imports, which all write to the audit trail (auditlog). A change by
# hand in SQL that does none of these (an UPDATE of an amount) is not seen until the entry expires:
# OVERVIEW_CACHE_SECONDS.

OVERVIEW_CACHE_SECONDS = 6 * 60 * 60


def _version_parts(budget: bool = True) -> list[str]:
    """The version's subqueries: MAX(id) of the tables that only grow or are replaced, and MAX(id)
    and COUNT(*) of those whose rows may also be deleted (the budget's too unless ``budget`` is
    false). Table names are the models' own. Not the postings': on PostgreSQL their table has no
    index on the id (migration 0006), and every change to them rebuilds a yearly rollup."""
    from auditlog.models import LogEntry

    from .models import Budget, BudgetChange, LedgerImport

    quote = connections["default"].ops.quote_name
    parts = [f"(SELECT MAX(id) FROM {quote(model._meta.db_table)})"  # noqa: S608
             for model in (LedgerImport, LedgerCentreMonth, LedgerCentreYear, LogEntry)]
    budget_models = (Budget, BudgetLine, BudgetChange, BudgetChangeLine) if budget else ()
    for model in (*budget_models, Unit, CostCentre):
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT MAX(id) FROM {table})")  # noqa: S608
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608
    return parts


def data_version() -> str:
    """A string that changes whenever the figures of an overview may have changed (see above)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(_version_parts()))
        return ":".join("" if value is None else str(value) for value in cursor.fetchone())


def data_state(year: int) -> tuple[str, bool]:
    """The data version of the year's overviews and whether the year's budget rollup is current
    (rollups.py), in one query. The version takes the year's budget from the rollup's fingerprint
    (the rows of that year's budget, lines and changes, and the salary profile the budget to date
    follows), so that a change of another year's budget leaves this year's overviews in the cache."""
    parts = _version_parts(budget=False)
    fingerprint, params = rollups.fingerprint_parts(year)
    stamp, stamp_params = rollups.stamp_part(year)
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([*parts, *fingerprint, stamp]), params + stamp_params)
        *values, stored = cursor.fetchone()
    budget = rollups.fingerprint(values[len(parts):])
    text = ":".join("" if value is None else str(value) for value in values[:len(parts)])
    return f"{text}|{budget}", stored == budget


def _cached(which: str, year: int, month: int, compute) -> Overview:
    """The overview ``compute(rollup)`` makes, from the cache when it holds one for the data as it is;
    ``rollup`` says whether the year's budget rollup may be read instead of the budget lines."""
    version, rollup = data_state(year)
    digest = hashlib.sha256(version.encode()).hexdigest()[:32]
    key = f"styr:budget-overview:{which}:{year}:{month}:{digest}"
    overview = cache.get(key)
    if overview is None:
        overview = compute(rollup)
        node, overview.node = overview.node, None  # the caller's own unit is put back on the way out
        cache.set(key, overview, OVERVIEW_CACHE_SECONDS)
        overview.node = node
    return overview


def _units_overview(roots: list[Unit], node: Unit | None, year: int, month: int, rollup: bool) -> Overview:
    if node is not None:
        row_units = list(Unit.objects.filter(parent=node).values("id", "code", "name", "closed_on"))
    else:
        row_units = [{"id": r.pk, "code": r.code, "name": r.name, "closed_on": r.closed_on} for r in roots]
    rows: list[Row] = [Row("unit", u["code"], u["name"], closed=u["closed_on"] is not None) for u in row_units]
    row_by_key: dict[int, Row] = {u["id"]: row for u, row in zip(row_units, rows, strict=True)}
    if node is not None:  # the node's own cost centres are rows of their own
        for cc in CostCentre.objects.filter(unit=node).values("id", "code", "name", "closed_on"):
            row_by_key[-cc["id"]] = Row("cost_centre", cc["code"], cc["name"], closed=cc["closed_on"] is not None)
            rows.append(row_by_key[-cc["id"]])

    # Cost centres outside the rows get no key (_row_key), so the scope only narrows what the database
    # reads: the whole municipality needs none.
    scope = Q() if node is not None and node.parent_id is None else subtree_q(roots, "cost_centre__unit__")
    notes = _fill(row_by_key=row_by_key, row_key=lambda: _row_key(node, roots), scope=scope, year=year,
                  month=month, rollup=rollup)
    overview = Overview(year, month, _ordered(rows), Row("total", "", "I alt"), node=node, notes=notes)
    for row in overview.rows:
        overview.total.operations.add(row.operations)
        overview.total.service.add(row.service)
        overview.total.capital.add(row.capital)
    return overview


def _ordered(rows: Iterable[Row]) -> list[Row]:
    """Units first, then own cost centres; closed rows without figures are left out."""
    kept = [r for r in rows if not (r.closed and r.is_empty)]
    return sorted(kept, key=lambda r: (r.kind != "unit", r.name.lower() if r.kind == "unit" else r.code))


def _row_key(node: Unit | None, roots: list[Unit]) -> Case:
    """Which row of the overview a rollup or budget row belongs to, computed in the database from the
    cost centre's unit's materialised path: minus the cost centre's id for the node's own cost
    centres, else the id of the node's child on the path (the path after the node's own, up to the
    next "/"); without a node, the root the path starts with; NULL outside them. Summing per row
    there sends a few dozen rows to Python instead of one per cost centre (a whole municipality has
    thousands), and the query stays the same size however many units there are."""
    path = "cost_centre__unit__path"
    if node is None:  # the outermost root first, should one lie inside another
        whens = [When(**{f"{path}__startswith": root.path}, then=Value(root.pk))
                 for root in sorted(roots, key=lambda root: len(root.path))]
    else:
        rest = Substr(path, len(node.path) + 1)
        child = Cast(Substr(rest, 1, StrIndex(rest, Value("/")) - 1), BigIntegerField())
        whens = [When(cost_centre__unit_id=node.pk, then=Value(0) - F("cost_centre_id")),
                 When(**{f"{path}__startswith": node.path}, then=child)]
    return Case(*whens, default=None, output_field=BigIntegerField())


def _fill(*, row_by_key: dict[int, Row], row_key, scope: Q, year: int, month: int, rollup: bool) -> list[str]:
    """Add budgets and actuals of the cost centres in ``scope`` to their rows: ``row_key()`` is the
    expression that gives a cost centre's key in ``row_by_key`` (see ``_row_key``). The budget comes
    from the budget rollup when ``rollup`` says it is current, else from the lines: the same figures."""
    sums = _Sums()
    actuals = (LedgerCentreYear.objects.filter(scope, year=year).annotate(row_key=row_key())
               .values("row_key", "capital", "service").annotate(**_year_sums(month)).order_by()
               .values_list("row_key", "capital", "service", *_month_names(month)))
    for key, capital, service, *months in _tuples(actuals):
        if key in row_by_key:
            sums.at(row_by_key[key], bool(capital), bool(service)).add_months(months)
    fill_budget = _budget_from_rollup if rollup else _budget_from_lines
    fallbacks = fill_budget(sums=sums, row_by_key=row_by_key, row_key=row_key, scope=scope, year=year, month=month)
    sums.finish(month)
    return _fallback_note(fallbacks)


def _budget_from_rollup(*, sums: "_Sums", row_by_key: dict[int, Row], row_key, scope: Q, year: int,
                        month: int) -> int:
    """The budget of the rows from BudgetCentreYear; the number of cost centres that fell back to even."""
    to_date = Cast(Sum(TO_DATE_COLUMNS[month - 1]), BigIntegerField()) if month else Value(0)
    budget = (BudgetCentreYear.objects.filter(scope, year=year).annotate(row_key=row_key())
              .values("row_key", "capital", "service")
              .annotate(ob_sum=_oere_sum_of("ob"), kb_sum=_oere_sum_of("kb"), to_date=to_date,
                        fallbacks=Sum(Case(When(fallback=True, then=Value(1)), default=Value(0),
                                           output_field=IntegerField())))
              .order_by().values_list("row_key", "capital", "service", "ob_sum", "kb_sum", "to_date", "fallbacks"))
    fallbacks = 0
    for key, capital, service, ob, kb, budget_to_date, fell_back in _tuples(budget):
        row = row_by_key.get(key)
        if row is not None:
            part = sums.at(row, bool(capital), bool(service))
            part.ob += ob or 0
            part.kb += kb or 0
            part.budget_to_date += budget_to_date or 0
            fallbacks += fell_back or 0
    return fallbacks


def _budget_from_lines(*, sums: "_Sums", row_by_key: dict[int, Row], row_key, scope: Q, year: int,
                       month: int) -> int:
    """The budget of the rows from the budget and change lines; the number of cost centres that fell
    back to even. Lines of the same cost centre, part and profile are periodised together (the same
    weights), so the database sums them per group, about one group per cost centre and profile, and
    gives each group's row, as for the actuals."""
    groups = _budget_sums(scope, year, ["row_key", "cost_centre_id", "is_capital", "is_service"],
                          {"row_key": row_key(), **_part_expressions()})
    needs_last_year = any(profile == Profile.LAST_YEAR and key in row_by_key for key, _, _, _, profile in groups)
    periodiser = Periodiser(month, _last_year_actuals(scope, year) if needs_last_year else {})
    for (key, cc, capital, service, profile), (ob, change) in groups.items():
        row = row_by_key.get(key)
        if row is not None:
            capital, service = bool(capital), bool(service)
            part = sums.at(row, capital, service)
            part.ob += ob
            part.kb += ob + change
            part.budget_to_date += periodiser.to_date(ob + change, profile, cc, capital)
    return len(periodiser.fallbacks)


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
    sums = _Sums()
    for values in actuals:
        row = row_for(values)
        sums.at(row, _is_capital(row.dranst), row.is_service).add_months(values[f"m{m}"] for m in range(1, month + 1))

    scope = Q(cost_centre=cost_centre)
    budget = _budget_rows(scope, year, ACCOUNT_FIELDS)
    needs_last_year = any(profile == Profile.LAST_YEAR for _, profile, *_ in budget)
    periodiser = Periodiser(month, _last_year_actuals(scope, year) if needs_last_year else {})
    for key, profile, ob, change in budget:
        row = row_for(dict(zip(ACCOUNT_FIELDS, key, strict=True)))
        capital = _is_capital(row.dranst)
        part = sums.at(row, capital, row.is_service)
        part.ob += ob
        part.kb += ob + change
        part.budget_to_date += periodiser.to_date(ob + change, profile, cost_centre.pk, capital)
    sums.finish(month)

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
