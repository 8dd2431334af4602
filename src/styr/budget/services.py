"""Every write to the chart of accounts and the budget goes through one function here."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.db import transaction
from django.db.models import Sum

from styr.core.audit import log_bulk_change
from styr.core.danish_values import parse_amount, parse_int
from styr.core.tabular import ProblemCollector, read_table

from . import rollups, rules
from .accounts import Chart
from .models import (
    Art,
    Budget,
    BudgetChange,
    BudgetChangeLine,
    BudgetLine,
    Classification,
    Function,
    MainFunction,
    Profile,
)

ESTIMATE_YEARS = 3  # the budget year and three overslagsår (styrelsesloven § 38)


class ChangeRefused(Exception):
    """A budget change that breaks a rule; ``problems`` says which, in Danish."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ChangeLineInput:
    cost_centre: str
    function: str
    dranst: int
    art: str
    amount: Decimal


def record_budget_change(*, year: int, kind: str, decided_on: date, body: str, text: str,
                         lines: list[ChangeLineInput], financing: str = "", meeting_date: date | None = None,
                         case_number: str = "", created_by=None) -> BudgetChange:
    """Record a decided budget change (tillæg, omplacering, overførsel or puljeudmøntning).

    Raises ChangeRefused, and records nothing, when a rule is broken or an account is unknown.
    """
    problems = rules.change_problems(kind, [line.amount for line in lines], financing)
    chart = Chart(year)
    resolved = []
    for number, line in enumerate(lines, start=1):
        try:
            resolved.append((chart.cost_centre_id(line.cost_centre), chart.function_id(line.function),
                             line.dranst, chart.art_id(line.art), line.amount))
        except ValueError as exc:
            problems.append(f"Linje {number}: {exc}.")
    if not text.strip():
        problems.append("Budgetændringen skal have en tekst, der forklarer den.")
    if decided_on.year != year and kind != "overfoersel":
        problems.append(f"Datoen {decided_on:%d-%m-%Y} ligger ikke i budgetåret {year}.")
    if problems:
        raise ChangeRefused(problems)
    with transaction.atomic():
        before = rollups.budget_before_change(year)
        change = BudgetChange.objects.create(
            year=year, kind=kind, decided_on=decided_on, body=body, text=text, financing=financing,
            meeting_date=meeting_date, case_number=case_number, created_by=created_by)
        for cost_centre_id, function_id, dranst, art_id, amount in resolved:
            BudgetChangeLine.objects.create(change=change, cost_centre_id=cost_centre_id, function_id=function_id,
                                            dranst=dranst, art_id=art_id, amount=amount)
        rollups.follow_budget_change(change, before)
    return change


# --- The chart of accounts -------------------------------------------------------------------

CHART_LEVELS = {"hovedfunktion", "funktion", "art"}
CLASSIFICATIONS = {c.value: c.value for c in Classification} | {
    c.label.lower(): c.value for c in Classification} | {"serviceudgifter": "service", "overfoersel": "overfoersel",
                                                          "overførselsudgift": "overfoersel"}


@dataclass
class ChartImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"{self.created} nye, {self.updated} ændrede og {self.unchanged} uændrede konti."


def import_chart(data: bytes, filename: str, *, year: int) -> ChartImportResult:
    """Load or update the year's chart from CSV: niveau;kode;navn[;klassifikation].

    ``niveau`` is hovedfunktion, funktion or art. Nothing is deleted: postings refer to the chart.
    """
    table = read_table(data, filename=filename, required=("niveau", "kode", "navn"), optional=("klassifikation",))
    problems = ProblemCollector(filename)
    wanted: dict[tuple[str, str], dict] = {}
    for row in table.rows:
        level, code, name = row.values["niveau"].lower(), row.values["kode"], row.values["navn"]
        classification = row.values.get("klassifikation", "").lower() or "service"
        if level not in CHART_LEVELS:
            problems.add(row.line, "niveau", level, "forventet hovedfunktion, funktion eller art")
            continue
        try:
            code = _chart_code(level, code)
        except ValueError as exc:
            problems.add(row.line, "kode", code, str(exc))
            continue
        if not name:
            problems.add(row.line, "navn", name, "navn mangler")
        if level == "funktion" and classification not in CLASSIFICATIONS:
            problems.add(row.line, "klassifikation", classification,
                         "forventet service, overfoersel, forsyning, finansiering eller oevrig")
            continue
        if (level, code) in wanted:
            problems.add(row.line, "kode", code, f"koden står også i linje {wanted[level, code]['line']}")
        wanted[level, code] = {"line": row.line, "name": name, "classification": CLASSIFICATIONS.get(classification)}
    problems.raise_if_any()
    result = ChartImportResult()
    models = {"hovedfunktion": MainFunction, "funktion": Function, "art": Art}
    with transaction.atomic():
        for (level, code), values in wanted.items():
            model = models[level]
            fields = {"name": values["name"]}
            if level == "funktion":
                fields["classification"] = values["classification"]
            obj = model.objects.filter(year=year, code=code).first()
            if obj is None:
                model.objects.create(year=year, code=code, **fields)
                result.created += 1
            elif any(getattr(obj, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(obj, k, v)
                obj.save()
                result.updated += 1
            else:
                result.unchanged += 1
        rollups.rebuild_stale_budget_years()  # which functions are service counts in the budget rollup
    return result


def _chart_code(level: str, code: str) -> str:
    from .accounts import normalise_art_code, normalise_function_code

    if level == "funktion":
        return normalise_function_code(code)
    if level == "art":
        return normalise_art_code(code)
    if len(code) == 4 and code[1] == "." and code.replace(".", "").isdigit():
        return code
    raise ValueError(f"«{code}» er ikke en hovedfunktion; forventet fx 3.22")


# --- The adopted budget ----------------------------------------------------------------------

BUDGET_COLUMNS = ("aar", "omkostningssted", "funktion", "dranst", "art", "beloeb")
PROFILES = {p.value: p.value for p in Profile} | {"jævn": "jaevn", "jævnt": "jaevn", "sidste år": "sidste_aar",
                                                  "løn": "loen"}


@dataclass
class BudgetImportResult:
    budget: Budget
    lines: int = 0
    totals: dict[int, Decimal] = field(default_factory=dict)

    def summary(self) -> str:
        from styr.documents.numbers import fmt_kr

        years = ", ".join(f"{year}: {fmt_kr(total)}" for year, total in sorted(self.totals.items()))
        return f"{self.budget.name}: {self.lines} budgetlinjer indlæst ({years})."


def xlsx_to_csv(data: bytes) -> bytes:
    """The first sheet of a workbook as semicolon CSV, so one reader (and its messages) serves both."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else _cell_text(v) for v in row])
    return out.getvalue().encode("utf-8")


def _cell_text(value) -> str:
    if isinstance(value, float):
        # Spreadsheet numbers are binary floats; the budget is in whole øre at most.
        value = Decimal(repr(value)).quantize(Decimal("0.01"))
    if isinstance(value, Decimal | int):
        return str(value).replace(".", ",")
    return str(value)


def import_budget(data: bytes, filename: str, *, budget_year: int, name: str = "", adopted_on: date | None = None,
                  decision: str = "") -> BudgetImportResult:
    """Load the adopted budget for ``budget_year`` and its estimate years from CSV or XLSX.

    Columns: aar, omkostningssted, funktion, dranst, art, beloeb, optional profil. A re-import
    replaces the budget's lines; a file with any problem changes nothing.
    """
    if filename.lower().endswith(".xlsx"):
        data = xlsx_to_csv(data)
    table = read_table(data, filename=filename, required=BUDGET_COLUMNS, optional=("profil",),
                       aliases={"år": "aar", "beløb": "beloeb", "omk_sted": "omkostningssted"})
    problems = ProblemCollector(filename)
    charts: dict[int, Chart] = {}
    lines: dict[tuple, tuple[int, Decimal, str]] = {}
    for row in table.rows:
        v = row.values
        year = problems.parse(row.line, "aar", v["aar"], parse_int)
        amount = problems.parse(row.line, "beloeb", v["beloeb"], parse_amount)
        if year is None or amount is None:
            continue
        if not budget_year <= year <= budget_year + ESTIMATE_YEARS:
            problems.add(row.line, "aar", v["aar"],
                         f"året skal være budgetåret {budget_year} eller et af de {ESTIMATE_YEARS} overslagsår")
            continue
        if year not in charts:
            charts[year] = Chart(year)
        chart = charts[year]
        key = _resolve_account(chart, row, problems)
        profile = PROFILES.get(v.get("profil", "").lower() or "jaevn")
        if profile is None:
            problems.add(row.line, "profil", v["profil"], "forventet jævn, sidste år eller løn")
        if key is None or profile is None:
            continue
        key = (year, *key)
        if key in lines:
            problems.add(row.line, None, None, f"samme år og kontostreng står også i linje {lines[key][0]}")
            continue
        lines[key] = (row.line, amount, profile)
    if not lines and not problems:
        problems.add(None, None, None, "filen indeholder ingen budgetlinjer")
    problems.raise_if_any()
    with transaction.atomic():
        budget, _ = Budget.objects.update_or_create(
            budget_year=budget_year,
            defaults={"name": name or f"Budget {budget_year}-{budget_year + ESTIMATE_YEARS}",
                      "adopted_on": adopted_on, "decision": decision})
        before = _budget_totals(budget)
        with disable_auditlog():  # one entry for the whole replacement below, not one per line
            budget.lines.all().delete()
        BudgetLine.objects.bulk_create(
            [BudgetLine(budget=budget, year=year, cost_centre_id=cc, function_id=fn, dranst=dranst, art_id=art,
                        amount=amount, profile=profile)
             for (year, cc, fn, dranst, art), (_, amount, profile) in lines.items()], batch_size=1000)
        after = _budget_totals(budget)
        changes = {f"budget {year}": (before.get(year, "–"), after.get(year, "–"))
                   for year in sorted(before.keys() | after.keys())}
        log_bulk_change(budget, {**changes, "fil": ("", filename)})
        rollups.rebuild_stale_budget_years()  # this year's, and those its estimate years' lines count in
    return BudgetImportResult(budget=budget, lines=len(lines), totals=after)


def _budget_totals(budget: Budget) -> dict[int, Decimal]:
    rows = budget.lines.values("year").annotate(total=Sum("amount")).order_by("year")
    return {row["year"]: row["total"] for row in rows}


def _resolve_account(chart: Chart, row, problems: ProblemCollector) -> tuple | None:
    from .accounts import parse_dranst

    v = row.values
    parts = []
    for column, resolve in (("omkostningssted", chart.cost_centre_id), ("funktion", chart.function_id),
                            ("dranst", parse_dranst), ("art", chart.art_id)):
        try:
            parts.append(resolve(v[column]))
        except ValueError as exc:
            problems.add(row.line, column, v[column], str(exc))
    return tuple(parts) if len(parts) == 4 else None
