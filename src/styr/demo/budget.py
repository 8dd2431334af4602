"""The demo's economy: chart of accounts, adopted budgets, the year's budget changes and two
years of postings with a plausible monthly profile.

Postings are written as the ERP's export file and read through the real ledger import.
"""

import calendar
import csv
import io
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from styr.budget.models import ChangeKind
from styr.budget.services import ChangeLineInput, import_budget, import_chart, record_budget_change
from styr.core.audit import acting
from styr.organisation.models import CostCentre, UnitKind

from .chart import TRANSFER_FUNCTIONS, chart_csv, functions_for
from .context import DemoContext

HOLIDAY_MONTH = 5  # ferietillæg is paid with May's salary: the month salaries jump
SUPPLIERS = ["Lyreco", "Dansk Skoleindkøb", "Kommunernes IT", "Hørkram Foodservice", "Abena", "Rengøringsgården",
             "Elektrikerfirmaet Jensen", "VVS-Centret", "Brandt Entreprise", "Zealand Busser", "Vejmaterialer A/S"]
# How big a cost centre is, in kr. a year, by the kind of area it lies in.
SIZE_BY_WORD = [("Skole", 9_000_000), ("Børnehuset", 5_000_000), ("Plejecenter", 10_000_000),
                ("Hjemmeplejen", 14_000_000), ("forsørgelse", 60_000_000), ("Botilbud", 7_000_000),
                ("Børn og Familie", 20_000_000), ("Sundhed og Myndighed", 25_000_000)]
DEFAULT_SIZE = 3_000_000
# Areas whose forecast in the reference minutes runs over budget; the demo gives them an overspend.
OVERSPENDERS = {"Jobcenter administration": 0.06, "Borgerservice administration": 0.03,
                "Sundhed og Myndighed": 0.08, "Voksenspecialenheden": 0.04,
                "Digitalisering og IT, fællesudgifter": 0.05}
POOLS = {"Økonomi, fællesudgifter": 20_000_000, "Demografipuljer": 24_000_000}


@dataclass
class Line:
    cost_centre: str
    function: str
    dranst: int
    art: str
    amount: Decimal  # annual budget of the demo year, kr.
    profile: str
    kind: str  # salary, purchase, income, transfer, refund, capital, pool
    deviation: float  # how far actual spending ends from budget (+ = more spent)


def _kr(value: float) -> Decimal:
    return Decimal(round(value / 1000) * 1000)


def _area_of(cost_centre: CostCentre) -> tuple[str, str]:
    unit = cost_centre.unit
    area = unit if unit.kind == UnitKind.BUDGET_HOLDER else unit.parent
    return unit.name, area.name if area else unit.name


def plan_lines(ctx: DemoContext) -> list[Line]:
    """The demo year's budget, line by line, with how each will turn out."""
    rng = ctx.rng("budget")
    lines: list[Line] = []
    centres = CostCentre.objects.select_related("unit__parent").order_by("code")
    for cc in centres:
        unit_name, area_name = _area_of(cc)
        size = next((s for word, s in SIZE_BY_WORD if word.lower() in f"{unit_name} {area_name}".lower()),
                    DEFAULT_SIZE) * rng.uniform(0.6, 1.4)
        deviation = OVERSPENDERS.get(area_name, 0.0) + rng.gauss(-0.01, 0.025)
        functions = functions_for(unit_name, area_name)
        if area_name in POOLS:
            lines.append(Line(cc.code, functions[0], 1, "4.0", _kr(POOLS[area_name]), "jaevn", "pool", 0.0))
            continue
        for function in functions:
            share = size / len(functions)
            if function in TRANSFER_FUNCTIONS:
                lines += [Line(cc.code, function, 1, "5.2", _kr(share), "jaevn", "transfer", deviation),
                          Line(cc.code, function, 2, "8.6", _kr(-share * 0.5), "jaevn", "refund", deviation)]
                continue
            lines += [Line(cc.code, function, 1, "1.0", _kr(share * 0.72), "loen", "salary", deviation),
                      Line(cc.code, function, 1, "2.9", _kr(share * 0.10), "sidste_aar", "purchase", deviation * 2),
                      Line(cc.code, function, 1, "4.0", _kr(share * 0.18), "jaevn", "purchase", deviation * 2)]
            if "Børnehuset" in unit_name or "SFO" in unit_name or "Plejecenter" in area_name:
                lines.append(Line(cc.code, function, 1, "7.2", _kr(-share * 0.12), "jaevn", "income", -deviation))
        if rng.random() < 0.06:
            lines.append(Line(cc.code, functions[0], 3, "4.5", _kr(rng.uniform(2e6, 18e6)), "jaevn", "capital",
                              rng.uniform(-0.45, -0.1)))
    return lines


def budget_csv(lines: list[Line], budget_year: int, demo_year: int) -> bytes:
    """The adopted budget for ``budget_year`` and its three estimate years (2 % a year in prices)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["aar", "omkostningssted", "funktion", "dranst", "art", "beloeb", "profil"])
    for year in range(budget_year, budget_year + 4):
        factor = Decimal("1.02") ** (year - demo_year)
        for line in lines:
            amount = (line.amount * factor).quantize(Decimal(1000))
            if line.kind == "capital" and year != demo_year:
                continue  # capital projects are budgeted for the year they are built
            writer.writerow([year, line.cost_centre, line.function, line.dranst, line.art,
                             f"{amount:.2f}".replace(".", ","), line.profile])
    return out.getvalue().encode("utf-8")


def month_weights(kind: str, rng: random.Random) -> list[float]:
    if kind == "salary":
        weights = [1.0] * 12
        weights[HOLIDAY_MONTH - 1] = 1.5
    elif kind == "capital":
        weights = [0.0] * 12
        for month in rng.sample(range(2, 12), 3):
            weights[month] = rng.uniform(0.5, 1.5)
    elif kind == "refund":
        weights = [1.0 if month % 3 == 2 else 0.0 for month in range(12)]
    else:
        weights = [rng.uniform(0.7, 1.3) for _ in range(12)]
        weights[6] *= 0.6  # July: summer holiday, fewer purchases
    total = sum(weights)
    return [w / total for w in weights]


def postings_csv(lines: list[Line], year: int, demo_year: int, ctx: DemoContext) -> bytes:
    """A year of postings as the ERP exports them: semicolon, Danish amounts and dates."""
    rng = ctx.rng(f"postings-{year}")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["dato", "omkostningssted", "funktion", "dranst", "art", "beloeb", "tekst", "bilagsnr"])
    voucher = year * 1_000_000
    factor = Decimal("1.02") ** (year - demo_year)
    for line in lines:
        if line.kind == "pool":
            continue  # a pool is spent by moving budget out of it, never by postings
        spent = float(line.amount * factor) * (1 + line.deviation) * (1 + rng.gauss(0, 0.01))
        for month, weight in enumerate(month_weights(line.kind, rng), start=1):
            if weight == 0:
                continue
            month_total = Decimal(round(spent * weight, 2)).quantize(Decimal("0.01"))
            parts = 1 if line.kind in ("salary", "income", "refund", "capital") else rng.randint(1, 4)
            last_day = calendar.monthrange(year, month)[1]
            remaining = month_total
            for part in range(parts):
                amount = remaining if part == parts - 1 else (month_total / parts * Decimal(rng.uniform(0.6, 1.4))
                                                              ).quantize(Decimal("0.01"))
                remaining -= amount
                voucher += 1
                day = last_day if line.kind == "salary" else rng.randint(1, last_day)
                writer.writerow([f"{day:02d}-{month:02d}-{year}", line.cost_centre, line.function, line.dranst,
                                 line.art, f"{amount:.2f}".replace(".", ","), _text(line.kind, month, rng),
                                 str(voucher)])
    return out.getvalue().encode("utf-8")


def _text(kind: str, month: int, rng: random.Random) -> str:
    month_name = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                  "november", "december"][month - 1]
    return {
        "salary": f"Lønkørsel {month_name}",
        "income": f"Forældrebetaling {month_name}",
        "transfer": f"Udbetaling af ydelser {month_name}",
        "refund": f"Statsrefusion, kvartal {(month - 1) // 3 + 1}",
        "capital": "Entreprise, a conto",
    }.get(kind, f"Faktura – {rng.choice(SUPPLIERS)}")


def build(ctx: DemoContext) -> None:
    year = ctx.year
    with acting(source="styr demo"):
        for chart_year in range(year - 1, year + 4):
            import_chart(chart_csv(), "demo-kontoplan.csv", year=chart_year)
        lines = plan_lines(ctx)
        for budget_year in (year - 1, year):
            result = import_budget(budget_csv(lines, budget_year, year), f"demo-budget-{budget_year}.csv",
                                   budget_year=budget_year, adopted_on=date(budget_year - 1, 10, 10),
                                   decision=f"Kommunalbestyrelsens møde den 10. oktober {budget_year - 1}")
            ctx.out(f"  {result.summary()}")
        _changes(ctx, lines)
        _postings(ctx, lines)


def _postings(ctx: DemoContext, lines: list[Line]) -> None:
    from styr.budget.ledger_import import import_ledger

    for year in (ctx.year - 1, ctx.year):
        data = postings_csv(lines, year, ctx.year, ctx)
        result = import_ledger(data, filename=f"demo-posteringer-{year}.csv")
        ctx.out(f"  Posteringer {year}: {result.summary()}")


def _changes(ctx: DemoContext, lines: list[Line]) -> None:
    """The year's decided changes: carry-overs, reallocations, pool releases, supplementary grants."""
    rng = ctx.rng("changes")
    year = ctx.year
    by_kind: dict[str, list[Line]] = {}
    for line in lines:
        by_kind.setdefault(line.kind, []).append(line)
    salary = by_kind["salary"]

    def account(line: Line, amount: Decimal) -> ChangeLineInput:
        return ChangeLineInput(line.cost_centre, line.function, line.dranst, line.art, amount)

    carried = [account(line, _kr(-float(line.amount) * max(-0.05, min(0.05, line.deviation))))
               for line in rng.sample(salary, min(25, len(salary)))]
    record_budget_change(year=year, kind=ChangeKind.CARRY_OVER, decided_on=date(year, 3, 28),
                         body="Kommunalbestyrelsen", meeting_date=date(year, 3, 28), case_number=f"{year % 100}-002104",
                         text=f"Overførsel af uforbrugte midler og merforbrug fra {year - 1} til {year}",
                         lines=[c for c in carried if c.amount != 0])
    pools = {line.cost_centre: line for line in by_kind.get("pool", [])}
    pool_lines = list(pools.values())
    if pool_lines:
        demography = pool_lines[-1]
        for month, target in ((4, salary[len(salary) // 3]), (9, salary[len(salary) // 2])):
            amount = _kr(rng.uniform(1e6, 3e6))
            record_budget_change(
                year=year, kind=ChangeKind.POOL_RELEASE, decided_on=date(year, month, 20), body="Økonomiudvalget",
                meeting_date=date(year, month, 20), case_number=f"{year % 100}-00{month}311",
                text="Udmøntning af demografipulje til imødegåelse af den demografiske udvikling",
                lines=[account(demography, -amount), account(target, amount)])
    for month in (5, 10):
        giver, taker = rng.sample(salary, 2)
        amount = _kr(rng.uniform(2e5, 9e5))
        record_budget_change(year=year, kind=ChangeKind.REALLOCATION, decided_on=date(year, month, 12),
                             body="Økonomiudvalget", meeting_date=date(year, month, 12),
                             case_number=f"{year % 100}-0{month}4417", text="Omplacering mellem bevillingsområder",
                             lines=[account(giver, -amount), account(taker, amount)])
    for month, text in ((6, "Tillægsbevilling til vintertjeneste efter hård vinter"),
                        (11, "Tillægsbevilling til øgede udgifter til ejendomsskattesystemet")):
        target = rng.choice(salary)
        record_budget_change(year=year, kind=ChangeKind.SUPPLEMENTARY, decided_on=date(year, month, 24),
                             body="Kommunalbestyrelsen", meeting_date=date(year, month, 24),
                             case_number=f"{year % 100}-0{month}5520", text=text,
                             financing="Finansieres af kassebeholdningen",
                             lines=[account(target, _kr(rng.uniform(5e5, 2e6)))])
