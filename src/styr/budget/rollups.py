"""Rollups: tables derived from others so that the overview of a unit or a whole municipality reads a
few thousand rows instead of every month of every cost centre and every budget line.

**LedgerCentreYear** is LedgerCentreMonth with a year's months side by side. The ledger import
replaces whole periods and rebuilds LedgerMonth and LedgerCentreMonth for them in its transaction;
``after_ledger_import`` then rebuilds LedgerCentreYear for the years of those periods from
LedgerCentreMonth, in the same transaction, so the overview never sees one rollup without the other.
Both keep service apart by the function's class: a function whose class changes (the chart import,
the admin) has the cost centres it was posted on summed again (``follow_reclassification``).

**BudgetCentreYear** holds each cost centre's OB, KB and budget to date of every month, per part,
made from the budget and change lines exactly as the overview makes them from the lines
(``overview.budget_by_cost_centre``). The lines stay the record: they are never changed by this, and
the rollup is only used while it was made from the data as it is now. A year's rollup carries a
fingerprint (``BudgetRollupStamp``) of everything it was made from: the highest id and the number of
the year's budgets, budget lines, changes and change lines (any insert or delete changes them, and
moving a row to another year changes both years'), which of the year's functions are service, the
salary profile (a setting), the state of last year's ledger (for lines that follow last year's
actuals) and ``VERSION``. The overview compares the fingerprint of the data with the stamp in the
query it makes anyway (``overview.data_state``) and reads the lines instead when they differ:
slower, never wrong. An update in place of a line's amount or account leaves no trace in the
fingerprint, so saving an existing line or function removes its year's stamp (receiver below).

The writes that change the budget bring the year's rollup up to date in their own transaction: the
budget import and a chart import rebuild it, a recorded budget change makes only the cost centres of
its lines again (``follow_budget_change``), and a ledger import rebuilds the next year's
(``after_ledger_import``). Rebuilds take a lock (PostgreSQL) and read the fingerprint before and
after the lines, so a write committed by someone else meanwhile leaves the rollup unstamped.
``migrate`` rebuilds every year whose stamp is missing or out of date (after this module's first
migration, or a changed salary profile). Whatever else writes budget rows (the shell, a bulk
create) leaves the rollup out of date until the next of these: the overview is slower meanwhile.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_save, pre_save

from . import periodisation
from .models import (
    CAPITAL_DRANST,
    MONTH_COLUMNS,
    TO_DATE_COLUMNS,
    Budget,
    BudgetCentreYear,
    BudgetChange,
    BudgetChangeLine,
    BudgetLine,
    BudgetRollupStamp,
    Classification,
    Function,
    LedgerCentreMonth,
    LedgerCentreYear,
    LedgerMonth,
)

VERSION = "1"  # what BudgetCentreYear holds and how: a new value makes every stamp out of date
# PostgreSQL: one rebuild of the budget rollup at a time (two would each delete, then each insert).
_ADVISORY_LOCK = 0x5354_5952_4255_4447 % (1 << 62)


# The ledger ------------------------------------------------------------------------------------------

def after_ledger_import(periods: list[int]) -> None:
    """Follow a ledger import that has replaced ``periods`` (yyyymm) and rebuilt their monthly rollups:
    the yearly rollup of their years, and the budget rollup of the years after them (their budget
    lines may follow last year's actuals). Call it in the import's transaction."""
    rebuild_centre_years(periods)
    for year in sorted({period // 100 + 1 for period in periods}):
        if _has_budget(year):
            rebuild_budget_year(year)


def rebuild_centre_years(periods: list[int]) -> None:
    """Rebuild LedgerCentreYear for every year that has one of ``periods`` (yyyymm) from
    LedgerCentreMonth. Call it after the monthly rollups of the periods are rebuilt."""
    years = sorted({period // 100 for period in periods})
    if not years:
        return
    quote = connection.ops.quote_name
    year_table, month_table = quote(LedgerCentreYear._meta.db_table), quote(LedgerCentreMonth._meta.db_table)
    marks = ", ".join(["%s"] * len(years))
    columns = ", ".join(MONTH_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {year_table} WHERE year IN ({marks})", years)  # noqa: S608
        for year in years:
            # Each month's column sums that period's rows (whole øre: exact on both databases).
            sums = ", ".join(f"SUM(CASE WHEN period = {year * 100 + m:d} THEN amount ELSE 0 END)" for m in range(1, 13))
            cursor.execute(
                f"INSERT INTO {year_table} (year, cost_centre_id, capital, service, {columns}) "  # noqa: S608
                f"SELECT %s, cost_centre_id, capital, service, {sums} FROM {month_table} "
                f"WHERE period >= %s AND period <= %s GROUP BY cost_centre_id, capital, service",
                [year, year * 100 + 1, year * 100 + 12])


def sum_centre_months(where: str, params: list) -> None:
    """Insert the LedgerCentreMonth rows summed from the LedgerMonth rows ``m`` that ``where`` selects
    (the caller deletes the rows they replace). Service is the class each function has now. The
    ledger import makes the same rows from its sums (ledger_import._centre_months)."""
    quote = connection.ops.quote_name
    month, centre = quote(LedgerMonth._meta.db_table), quote(LedgerCentreMonth._meta.db_table)
    function = quote(Function._meta.db_table)
    capital = ", ".join(str(int(value)) for value in CAPITAL_DRANST)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {centre} (period, cost_centre_id, capital, service, amount) "  # noqa: S608
            f"SELECT m.period, m.cost_centre_id, m.dranst IN ({capital}), f.classification = %s, SUM(m.amount) "
            f"FROM {month} m JOIN {function} f ON f.id = m.function_id WHERE {where} GROUP BY 1, 2, 3, 4",
            [Classification.SERVICE, *params])


def follow_reclassification(function: Function) -> None:
    """Move the actuals on ``function`` to its new part after its class changed (service or not).

    LedgerCentreMonth keeps service apart by the class a function had when its month was imported,
    while the budget and a cost centre's accounts read the class as it is: without this, a unit's
    service actuals would stay on the old side. The cost centres with postings on the function in
    its year are summed again from LedgerMonth, then the year's LedgerCentreYear. Takes the ledger
    import's lock (PostgreSQL): an import of the same months meanwhile would add its rows twice.
    """
    from .ledger_import import _lock_imports

    _lock_imports()
    quote = connection.ops.quote_name
    month, centre = quote(LedgerMonth._meta.db_table), quote(LedgerCentreMonth._meta.db_table)
    first, last = function.year * 100 + 1, function.year * 100 + 12
    touched = f"SELECT cost_centre_id FROM {month} WHERE function_id = %s AND period >= %s AND period <= %s"  # noqa: S608
    params = [first, last, function.pk, first, last]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {centre} WHERE period >= %s AND period <= %s "  # noqa: S608
                       f"AND cost_centre_id IN ({touched})", params)
        if not cursor.rowcount:
            return  # no postings on the function
    sum_centre_months(f"m.period >= %s AND m.period <= %s AND m.cost_centre_id IN ({touched})", params)
    rebuild_centre_years([first])


# The budget ------------------------------------------------------------------------------------------

def _fingerprint_parts(year: int) -> list[tuple[str, str, list]]:
    """(name, subquery, parameters) of everything the year's budget rollup is made from (see above)."""
    quote = connection.ops.quote_name
    budget, line = quote(Budget._meta.db_table), quote(BudgetLine._meta.db_table)
    change, change_line = quote(BudgetChange._meta.db_table), quote(BudgetChangeLine._meta.db_table)
    function, ledger = quote(Function._meta.db_table), quote(LedgerCentreYear._meta.db_table)
    # The lines of the year's changes, by the change's year as the overview reads them.
    change_lines = f"{change_line} JOIN {change} ON {change}.id = {change_line}.change_id"
    service = [year, Classification.SERVICE]
    return [
        ("Budget.max", _subquery("MAX(id)", budget, "budget_year = %s"), [year]),
        ("Budget.count", _subquery("COUNT(*)", budget, "budget_year = %s"), [year]),
        # Lines of the year from any budget: the year's own budget's and its predecessors' estimates.
        ("BudgetLine.max", _subquery("MAX(id)", line, "year = %s"), [year]),
        ("BudgetLine.count", _subquery("COUNT(*)", line, "year = %s"), [year]),
        ("BudgetChange.max", _subquery("MAX(id)", change, "year = %s"), [year]),
        ("BudgetChange.count", _subquery("COUNT(*)", change, "year = %s"), [year]),
        # Both in one pass over the year's change lines.
        ("BudgetChangeLine", _subquery(f"COUNT(*) || ':' || COALESCE(MAX({change_line}.id), 0)", change_lines,
                                       f"{change}.year = %s"), [year]),
        ("Function.service", _subquery("COUNT(*)", function, "year = %s AND classification = %s"), service),
        ("Function.service_ids", _subquery("SUM(id)", function, "year = %s AND classification = %s"), service),
        # Last year's rows are made anew, with new ids, by every import of a month of it: the first
        # row's id (by the index on year and cost centre: one step) tells.
        ("LedgerCentreYear.last_year", _subquery("id", ledger, "year = %s ORDER BY cost_centre_id LIMIT 1"),
         [year - 1]),
    ]


def _subquery(select: str, table: str, where: str) -> str:
    return f"(SELECT {select} FROM {table} WHERE {where})"  # noqa: S608 (the models' own table names)


def fingerprint_parts(year: int) -> tuple[list[str], list]:
    """The subqueries of a year's fingerprint and their parameters, for a SELECT of one's own."""
    parts = _fingerprint_parts(year)
    return [sql for _, sql, _ in parts], [param for _, _, params in parts for param in params]


def stamp_part(year: int) -> tuple[str, list]:
    """The subquery that gives the year's stamp (NULL without one)."""
    table = connection.ops.quote_name(BudgetRollupStamp._meta.db_table)
    return f"(SELECT fingerprint FROM {table} WHERE year = %s)", [year]  # noqa: S608


def fingerprint(values) -> str:
    """The fingerprint of the values the ``fingerprint_parts`` gave, with the salary profile and VERSION."""
    salary = ",".join(str(w) for w in getattr(settings, "STYR_SALARY_PROFILE", periodisation.DEFAULT_SALARY_PROFILE))
    return ":".join(["" if value is None else str(value) for value in values] + [salary, VERSION])


def _state(year: int) -> tuple[dict[str, object], str | None]:
    """The fingerprint's values by name, and the year's stamp, in one query."""
    parts, params = fingerprint_parts(year)
    stamp, stamp_params = stamp_part(year)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([*parts, stamp]), params + stamp_params)
        *values, stored = cursor.fetchone()
    return dict(zip([name for name, _, _ in _fingerprint_parts(year)], values, strict=True)), stored


def budget_fingerprint(year: int) -> str:
    """The fingerprint of the data a rollup of ``year`` would be made from now."""
    return fingerprint(_state(year)[0].values())


def budget_rollup_is_current(year: int) -> bool:
    """Whether the year's BudgetCentreYear rows were made from the data as it is now."""
    values, stored = _state(year)
    return stored == fingerprint(values.values())


def rebuild_budget_year(year: int) -> None:
    """Make the year's BudgetCentreYear rows from the budget and change lines, and stamp them.

    The fingerprint is read before and after the lines: a write committed by another transaction in
    between (PostgreSQL reads each statement anew) leaves the rows unstamped, so they are not used.
    """
    from . import overview

    with transaction.atomic():
        _lock()
        before = budget_fingerprint(year)
        rows = overview.budget_by_cost_centre(year)
        after = budget_fingerprint(year)
        _replace_rows(year, None, rows)
        _stamp(year, before if before == after else None)


def budget_before_change(year: int) -> dict[str, object] | None:
    """Call in the transaction of a budget change, before it writes: the fingerprint's values when the
    year's rollup is current, for ``follow_budget_change``. Takes the rebuild lock (PostgreSQL), so
    budget changes follow one another."""
    _lock()
    values, stored = _state(year)
    return values if stored == fingerprint(values.values()) else None


def follow_budget_change(change: BudgetChange, before: dict[str, object] | None) -> None:
    """Bring the rollup of the change's year up to date after ``change`` and its lines were written.

    A change moves money on the cost centres of its lines only. So when the rollup was current
    before (``before``) and nothing but this change has been written since (the fingerprint has
    grown by exactly its rows), only those cost centres are made again: a budget change does not
    cost a whole year's rebuild. Anything else rebuilds the year.
    """
    from . import overview

    year = change.year
    lines = list(BudgetChangeLine.objects.filter(change=change).values_list("id", "cost_centre_id"))
    now, _ = _state(year)
    expected = None
    if before is not None:
        count, highest = (int(part) for part in str(before["BudgetChangeLine"]).split(":"))
        expected = {
            **before,
            "BudgetChange.max": max(before["BudgetChange.max"] or 0, change.pk),
            "BudgetChange.count": before["BudgetChange.count"] + 1,
            "BudgetChangeLine": f"{count + len(lines)}:{max([highest, *(pk for pk, _ in lines)])}",
        }
    if now != expected:
        rebuild_budget_year(year)
        return
    cost_centres = {cc for _, cc in lines}
    _replace_rows(year, cost_centres, overview.budget_by_cost_centre(year, cost_centres))
    after, _ = _state(year)
    _stamp(year, fingerprint(now.values()) if after == now else None)


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
    # SQLite: a writing transaction holds the database's one write lock already.


def _replace_rows(year: int, cost_centres: set[int] | None, rows: list[tuple]) -> None:
    table = connection.ops.quote_name(BudgetCentreYear._meta.db_table)
    columns = ", ".join(["year", "cost_centre_id", "capital", "service", "ob", "kb", *TO_DATE_COLUMNS, "fallback"])
    values = [(year, cc, capital, service, ob, kb, *to_date, fallback)
              for cc, capital, service, ob, kb, to_date, fallback in rows]
    with connection.cursor() as cursor:
        if cost_centres is None:
            cursor.execute(f"DELETE FROM {table} WHERE year = %s", [year])  # noqa: S608
        elif cost_centres:
            marks = ", ".join(["%s"] * len(cost_centres))
            cursor.execute(f"DELETE FROM {table} WHERE year = %s AND cost_centre_id IN ({marks})",  # noqa: S608
                           [year, *sorted(cost_centres)])
        if connection.vendor == "postgresql":  # COPY: a year's rows in a fraction of the time of INSERTs
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        elif values:
            marks = ", ".join(["%s"] * len(values[0]))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608


def _stamp(year: int, fingerprint_now: str | None) -> None:
    BudgetRollupStamp.objects.filter(year=year).delete()
    if fingerprint_now is not None:
        BudgetRollupStamp.objects.create(year=year, fingerprint=fingerprint_now)


def rebuild_stale_budget_years() -> list[int]:
    """Rebuild every year with a budget whose rollup is missing or out of date; the years rebuilt."""
    years = [year for year in _budget_years() if not budget_rollup_is_current(year)]
    for year in years:
        rebuild_budget_year(year)
    return years


def _budget_years() -> list[int]:
    return sorted(set(Budget.objects.values_list("budget_year", flat=True))
                  | set(BudgetChange.objects.values_list("year", flat=True)))


def _has_budget(year: int) -> bool:
    return Budget.objects.filter(budget_year=year).exists() or BudgetChange.objects.filter(year=year).exists()


# Receivers ------------------------------------------------------------------------------------------

def _saved_in_place(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # Only an amount or account of a line, or a function's class, changed in place matters: a budget
    # or change moved to another year changes both years' row counts, which the fingerprint has.
    if not created:
        _lock()  # after a rebuild under way has stamped, so that the stamp goes too
        year = instance.change.year if sender is BudgetChangeLine else instance.year
        BudgetRollupStamp.objects.filter(year=year).delete()


for _model in (BudgetLine, BudgetChangeLine, Function):
    post_save.connect(_saved_in_place, sender=_model, dispatch_uid=f"styr.budget.rollups.saved:{_model.__name__}")


def _read_stored_class(sender, instance: Function, raw: bool = False, **kwargs) -> None:
    # Whether the class changes can only be told before the row is written.
    instance._styr_stored_class = None if raw or instance._state.adding else (
        Function.objects.filter(pk=instance.pk).values_list("classification", flat=True).first())


def _reclassified(sender, instance: Function, **kwargs) -> None:
    stored = getattr(instance, "_styr_stored_class", None)
    if stored is not None and stored != instance.classification:
        follow_reclassification(instance)
    instance._styr_stored_class = None


pre_save.connect(_read_stored_class, sender=Function, dispatch_uid="styr.budget.rollups.function-class")
post_save.connect(_reclassified, sender=Function, dispatch_uid="styr.budget.rollups.reclassified")


def rebuild_after_migrate(**kwargs) -> None:
    """post_migrate: the budget rollups of every year that needs one (connected in apps.py)."""
    if BudgetRollupStamp._meta.db_table in connection.introspection.table_names():
        rebuild_stale_budget_years()
