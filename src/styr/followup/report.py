"""What a follow-up round reports, as data: the agenda item, the monthly report and the annual report.

Three products are written from one set of figures:

- the **agenda item** for Direktionen and Økonomiudvalget in the shape of reference document 002,
  item 3 ("Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område");
- the **monthly report**, its appendix: per committee and area OB, KB, actuals, expected result,
  deviation and the previous deviation, the pools, the service frame, capital and the goal statuses,
  and the forecast month by month;
- the **annual report** section of reference document 000 for a committee or an area.

Amounts stay exact Decimals here; they are rounded only when printed, and every sentence about an
amount comes from ``phrases`` (which rounds with ``fmt_mio`` as the tables do), so the text never
says something the tables contradict. The few sentences phrases.py has no function for (the fixed
paragraphs of the agenda item, the stability pool, the closing line) are at the end of this module.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from styr.budget.models import BudgetChangeLine, ChangeKind
from styr.budget.overview import ledger_bounds, unit_overview
from styr.documents.numbers import MILLION, fmt_as_of, fmt_mio, month_name, round_half_up
from styr.organisation.models import Unit, UnitKind

from . import phrases, rules
from .models import ActionPlanMeeting, AreaSetting, Forecast, GoalStatus, Pool, PoolKind, Round
from .table import Line, Totals, lines_for, totals

ZERO = Decimal("0.00")
DEFAULT_PARAGRAPH_THRESHOLD = 300_000  # kr.: "0,3 mio. kr." either way gets its own paragraph
EMPTY_EXPLANATIONS = {"", "-", "–", ".", "ingen", "ingen bemærkninger", "intet at bemærke", "ingen kommentarer",
                      "ok", "nej", "ingen afvigelse", "ingen afvigelser"}
RECOMMENDED_BY = "Direktøren"
RECOMMENDATION = "orienteringen tages til efterretning"
TREATMENT = ("Direktionen", "Økonomiudvalget")


class ReportRefused(Exception):
    """A report that cannot be written as asked; the message says why, in Danish."""


def paragraph_threshold() -> Decimal:
    """The deviation (either way, in kr.) that earns an area its own paragraph in the agenda item.

    Local practice: ``STYR_REPORT_PARAGRAPH_THRESHOLD`` in the settings, 0,3 mio. kr. by default.
    """
    value = getattr(settings, "STYR_REPORT_PARAGRAPH_THRESHOLD", DEFAULT_PARAGRAPH_THRESHOLD)
    return Decimal(value)


def printed(amount: Decimal) -> Decimal:
    """The amount as a reader sees it in mio. kr. with one decimal: what thresholds are compared to,
    so an area printed as "0,3 mio. kr." is never said to be "under 0,3 mio. kr."."""
    return round_half_up(amount / MILLION, 1) * MILLION


def says_something(explanation: str) -> bool:
    return explanation.strip().strip(".").lower() not in EMPTY_EXPLANATIONS


def genitive(name: str) -> str:
    """"Økonomiudvalget" → "Økonomiudvalgets"; a name already ending in s is left as it is."""
    return name if name.endswith("s") else f"{name}s"


# ---------------------------------------------------------------------------------------------------
# The round's figures


@dataclass
class AreaLine:
    """One area's line of a round (operations or capital), with its committee."""

    line: Line
    committee: Unit

    @property
    def forecast(self) -> Forecast:
        return self.line.forecast

    @property
    def unit(self) -> Unit:
        return self.line.forecast.unit

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def underspend(self) -> Decimal:
        return self.line.underspend

    @property
    def previous_underspend(self) -> Decimal | None:
        return self.line.previous_underspend

    @property
    def change(self) -> Decimal | None:
        return self.line.change


@dataclass
class CommitteePart:
    committee: Unit
    operations: list[AreaLine]
    capital: list[AreaLine]

    @property
    def operations_total(self) -> Totals:
        return totals([a.line for a in self.operations])

    @property
    def capital_total(self) -> Totals:
        return totals([a.line for a in self.capital])

    @property
    def anchor(self) -> str:
        return f"udvalg-{self.committee.code}".lower()


@dataclass
class PoolLine:
    """A pool and its expected use: a demography pool finances the named area's overspend, which
    may lie under another committee; a stability pool is not expected to be used, so it stays an
    underspend on the line of the area that holds it."""

    pool: Pool
    committee: Unit | None  # the holder's committee
    use: rules.PoolUse
    previous: rules.PoolUse | None
    financed_committee: Unit | None = None
    financed_underspend: Decimal | None = None
    financed_previous: Decimal | None = None

    @property
    def is_stability(self) -> bool:
        return self.pool.kind == PoolKind.STABILITY

    @property
    def financed_elsewhere(self) -> bool:
        return self.financed_committee is not None and self.financed_committee != self.committee


@dataclass
class ServiceFrame:
    """Service expenditure against the ORIGINAL budget (the government–KL agreement's frame)."""

    original_budget: Decimal
    expected: Decimal
    underspend: Decimal
    previous_underspend: Decimal | None


@dataclass
class CapitalSummary:
    corrected_budget: Decimal
    expected: Decimal
    outlook: rules.CapitalOutlook
    previous_underspend: Decimal | None


@dataclass
class History:
    """The expected deviation month by month: the scope's total and each committee's."""

    months: list[int]
    series: dict[str, list[Decimal | None]]


@dataclass
class RoundReport:
    round: Round
    scope: Unit
    committees: list[CommitteePart]
    pools: list[PoolLine]
    service: ServiceFrame
    capital: CapitalSummary | None
    carried_in: dict[int, Decimal]
    carry_over_allowed: dict[int, bool]
    action_plan_meetings: dict[int, datetime.date]
    goals: list[GoalStatus]
    history: History
    threshold: Decimal

    @property
    def year(self) -> int:
        return self.round.year

    @property
    def month(self) -> int:
        return self.round.month

    @property
    def as_of(self) -> datetime.date:
        return self.round.last_day

    @property
    def is_committee(self) -> bool:
        return self.scope.kind == UnitKind.COMMITTEE

    @property
    def scope_label(self) -> str:
        """"Økonomiudvalgets eget område" or "hele kommunen"."""
        return f"{genitive(self.scope.name)} eget område" if self.is_committee else "hele kommunen"

    @property
    def agenda_title(self) -> str:
        return f"Budgetopfølgning {fmt_as_of(self.as_of)} - {self.scope_label}"

    @property
    def monthly_title(self) -> str:
        return f"Månedsrapport {fmt_as_of(self.as_of)} - {self.scope.name}"

    @property
    def operations(self) -> list[AreaLine]:
        return [a for c in self.committees for a in c.operations]

    @property
    def capital_lines(self) -> list[AreaLine]:
        return [a for c in self.committees for a in c.capital]

    @property
    def operations_total(self) -> Totals:
        return totals([a.line for a in self.operations])

    @property
    def capital_total(self) -> Totals:
        return totals([a.line for a in self.capital_lines])

    @property
    def underspend(self) -> Decimal:
        """Operations in scope, KB − expected, before any use of the demography pools."""
        return self.operations_total.underspend

    @property
    def previous_underspend(self) -> Decimal | None:
        previous = [a.previous_underspend for a in self.operations if a.previous_underspend is not None]
        return sum(previous, ZERO) if previous else None

    @property
    def missing(self) -> list[AreaLine]:
        """Lines without an entered expected result (counted with their KB for now)."""
        return [a for a in [*self.operations, *self.capital_lines] if not a.line.entered]

    @property
    def stability_pools(self) -> list[PoolLine]:
        return [p for p in self.pools if p.is_stability]

    @property
    def demography_pools(self) -> list[PoolLine]:
        return [p for p in self.pools if not p.is_stability]

    def pools_held_by(self, unit: Unit) -> list[PoolLine]:
        return [p for p in self.pools if p.pool.holder_id == unit.pk]


def report_scope(round_: Round, code: str | None) -> Unit:
    """The unit a report covers: the round's scope, or a committee within it (``code``)."""
    if not code or code == round_.scope.code:
        return round_.scope
    unit = Unit.objects.filter(code=code).first()
    if unit is None or unit.kind != UnitKind.COMMITTEE or not unit.path.startswith(round_.scope.path):
        raise ReportRefused(f"{code} er ikke et udvalg i opfølgningsrunden.")
    return unit


def committees_of(round_: Round, scope: Unit) -> list[Unit]:
    """The committees with areas in the round, within ``scope``, by name (as the round's page)."""
    ids = (Forecast.objects.filter(round=round_, unit__path__startswith=scope.path)
           .values_list("unit__parent_id", flat=True).distinct())
    return list(Unit.objects.filter(pk__in=ids, kind=UnitKind.COMMITTEE).order_by("name"))


def round_report(round_: Round, scope: Unit | None = None) -> RoundReport:
    """Everything the agenda item and the monthly report say about ``round_`` for ``scope`` (a
    committee within the round, or the round's own scope). A fixed number of queries."""
    scope = scope or round_.scope
    forecasts = list(Forecast.objects.filter(round=round_, unit__path__startswith=scope.path)
                     .select_related("unit__parent").order_by("unit__parent__name", "unit__name", "capital"))
    risk_units = {f.unit_id for f in forecasts}  # the report does not flag action plans: no risk lookup
    lines = lines_for(forecasts, risk_units)
    by_committee: dict[int, CommitteePart] = {}
    for line in lines:
        committee = line.forecast.unit.parent
        part = by_committee.setdefault(committee.pk, CommitteePart(committee, [], []))
        (part.capital if line.forecast.capital else part.operations).append(AreaLine(line, committee))
    committees = sorted(by_committee.values(), key=lambda c: c.committee.name)
    areas = {f.unit_id: f.unit for f in forecasts}
    return RoundReport(
        round=round_, scope=scope, committees=committees,
        pools=_pools(round_, scope),
        service=_service(lines),
        capital=_capital([line for line in lines if line.forecast.capital]),
        carried_in=_carried_in(round_.year, scope, areas),
        carry_over_allowed=dict(AreaSetting.objects.filter(unit_id__in=areas)
                                .values_list("unit_id", "carry_over_allowed")),
        action_plan_meetings=_action_plan_meetings(round_, areas),
        goals=_goals(round_, GoalStatus.objects.filter(round=round_, unit_id__in=areas)),
        history=_history(round_, scope),
        threshold=paragraph_threshold(),
    )


def _goals(round_: Round, statuses) -> list[GoalStatus]:
    """The round's goal statuses, one per area and goal (the latest given, should one be given twice)."""
    latest = {(g.unit_id, g.goal): g for g in statuses.select_related("unit").order_by("pk")}
    return sorted(latest.values(), key=lambda g: (g.unit.name, g.goal))


def _committee_of(unit: Unit, committees: dict[int, Unit]) -> Unit | None:
    return next((committees[pk] for pk in reversed(unit.ancestor_ids()) if pk in committees), None)


def _pools(round_: Round, scope: Unit) -> list[PoolLine]:
    pools = list(Pool.objects.filter(year=round_.year, holder__path__startswith=scope.path)
                 .select_related("holder", "finances").order_by("name"))
    if not pools:
        return []
    committees = {u.pk: u for u in Unit.objects.filter(kind=UnitKind.COMMITTEE)}
    financed = _financed_forecasts(round_, {p.finances_id for p in pools if p.finances_id})
    result = []
    for pool in pools:
        forecast = financed.get(pool.finances_id)
        underspend = previous = None
        if forecast is not None:
            expected = forecast.expected if forecast.expected is not None else forecast.corrected_budget
            underspend = rules.deviation(forecast.corrected_budget, expected)
            if forecast.previous_expected is not None:
                previous = rules.deviation(forecast.corrected_budget, forecast.previous_expected)
        if pool.kind == PoolKind.STABILITY:
            use, previous_use = rules.pool_use(pool.amount, None), None
        else:
            use = rules.pool_use(pool.amount, underspend)
            previous_use = rules.pool_use(pool.amount, previous) if previous is not None else None
        result.append(PoolLine(
            pool=pool, committee=_committee_of(pool.holder, committees), use=use, previous=previous_use,
            financed_committee=_committee_of(pool.finances, committees) if pool.finances else None,
            financed_underspend=underspend, financed_previous=previous,
        ))
    return result


def _financed_forecasts(round_: Round, unit_ids: set[int]) -> dict[int, Forecast]:
    """The financed areas' operations forecasts: from this round, else from another round of the
    same month (a committee's own round), since the financed area may lie outside the round."""
    found: dict[int, Forecast] = {}
    candidates = (Forecast.objects.filter(round__year=round_.year, round__month=round_.month, unit_id__in=unit_ids,
                                          capital=False).order_by("round_id"))
    for forecast in candidates:
        if forecast.unit_id not in found or forecast.round_id == round_.pk:
            found[forecast.unit_id] = forecast
    return found


def _service(lines: list[Line]) -> ServiceFrame:
    """rules.service_expected per area, summed, against the summed original service budget."""
    original = expected = previous_expected = ZERO
    has_previous = False
    for line in lines:
        f = line.forecast
        if f.capital:
            continue
        original += f.service_original_budget
        expected += rules.service_expected(line.expected, f.corrected_budget, f.service_corrected_budget)
        before = f.previous_expected if f.previous_expected is not None else line.expected
        has_previous |= f.previous_expected is not None
        previous_expected += rules.service_expected(before, f.corrected_budget, f.service_corrected_budget)
    return ServiceFrame(original_budget=original, expected=expected,
                        underspend=rules.service_frame(original, expected),
                        previous_underspend=rules.service_frame(original, previous_expected) if has_previous else None)


def _capital(lines: list[Line]) -> CapitalSummary | None:
    """Each project's outlook (rules.capital_outlook), summed: an overspent project does not eat
    another's transfer to next year."""
    if not lines:
        return None
    kb = expected = underspend = transfer = used = left = ZERO
    previous = [line.previous_underspend for line in lines if line.previous_underspend is not None]
    for line in lines:
        outlook = rules.capital_outlook(line.forecast.corrected_budget, line.expected,
                                        line.forecast.expected_next_year)
        kb += line.forecast.corrected_budget
        expected += line.expected
        underspend += outlook.underspend
        transfer += outlook.transfer
        used += outlook.used_next_year
        left += outlook.underspend_next_year
    return CapitalSummary(corrected_budget=kb, expected=expected,
                          outlook=rules.CapitalOutlook(underspend=underspend, transfer=transfer, used_next_year=used,
                                                       underspend_next_year=left),
                          previous_underspend=sum(previous, ZERO) if previous else None)


def _area_of_path(path: str, area_ids: set[int]) -> int | None:
    return next((int(p) for p in path.strip("/").split("/") if p and int(p) in area_ids), None)


def _carried_in(year: int, scope: Unit, areas: dict[int, Unit]) -> dict[int, Decimal]:
    """Each area's carry-over from last year (the change rows of kind "overfoersel"); negative is
    a carried-in overspend, which has lowered this year's KB."""
    rows = (BudgetChangeLine.objects.filter(change__year=year, change__kind=ChangeKind.CARRY_OVER,
                                            cost_centre__unit__path__startswith=scope.path)
            .values("cost_centre__unit__path").annotate(total=Sum("amount")).order_by())
    carried: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        area = _area_of_path(row["cost_centre__unit__path"], set(areas))
        if area is not None:
            carried[area] += row["total"]
    return dict(carried)


def _action_plan_meetings(round_: Round, areas: dict[int, Unit]) -> dict[int, datetime.date]:
    """The latest action-plan meeting per area held since the round's month began (a meeting after
    the month's end, before the report is written, is news for the report)."""
    start = datetime.date(round_.year, round_.month, 1)
    meetings = (ActionPlanMeeting.objects.filter(unit_id__in=areas, held_on__gte=start, held_on__year=round_.year)
                .order_by("held_on").values_list("unit_id", "held_on"))
    return dict(meetings)  # ordered by date, so the latest meeting per area wins


def _history(round_: Round, scope: Unit) -> History:
    """The expected operations deviation of every round of the year up to this one (same scope)."""
    rounds = {r.pk: r.month for r in Round.objects.filter(year=round_.year, month__lte=round_.month,
                                                          scope=round_.scope)}
    months = sorted(set(rounds.values()))
    rows = (Forecast.objects.filter(round_id__in=rounds, capital=False, unit__path__startswith=scope.path)
            .values_list("round_id", "unit__parent__name", "corrected_budget", "expected"))
    total: dict[int, Decimal] = defaultdict(lambda: ZERO)
    per_committee: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for round_id, committee, kb, expected in rows:
        underspend = rules.deviation(kb, expected if expected is not None else kb)
        month = rounds[round_id]
        total[month] += underspend
        per_committee[committee][month] += underspend
    label = scope.name if scope.kind == UnitKind.COMMITTEE else "Hele kommunen"
    series: dict[str, list[Decimal | None]] = {label: [total.get(m) for m in months]}
    if scope.kind != UnitKind.COMMITTEE:
        for committee in sorted(per_committee):
            series[committee] = [per_committee[committee].get(m) for m in months]
    return History(months=months, series=series)


# ---------------------------------------------------------------------------------------------------
# The agenda item


@dataclass
class Section:
    """A heading in the case text and its paragraphs; ``level`` 3 under Sagsfremstilling, 4 under a
    committee's heading in a report for the whole municipality."""

    heading: str
    paragraphs: list[str]
    level: int = 3
    code: str = ""  # the area's or pool's unit code, for tests and links


@dataclass
class AgendaItem:
    title: str
    resume: str
    recommended_by: str
    recommendations: list[str]
    treatment: list[str]
    opening: list[str]
    sections: list[Section]
    consequences: list[str]
    attachments: list[str]

    @property
    def recommendation_text(self) -> str:
        """"Direktøren indstiller, at orienteringen tages til efterretning."."""
        return f"{self.recommended_by} indstiller, at {' og '.join(self.recommendations)}."

    @property
    def treatment_text(self) -> str:
        return ", ".join(self.treatment) + "."

    def case_text(self) -> str:
        """Sagsfremstilling as plain text: paragraphs apart by a blank line, headings on a line of
        their own (what an agenda item in the meetings module holds)."""
        blocks = list(self.opening)
        for section in self.sections:
            blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        return "\n\n".join(blocks)

    def plain_text(self) -> str:
        """The whole item as text, in the order of reference document 002."""
        parts = [self.title, "", "Resume", "", self.resume, "", "Indstillinger", "", self.recommendation_text, "",
                 "Behandling", "", self.treatment_text, "", "Sagsfremstilling", "", self.case_text(), "",
                 "Økonomiske konsekvenser", "", "\n\n".join(self.consequences)]
        if self.attachments:
            parts += ["", "Bilag", "", "\n".join(self.attachments)]
        return "\n".join(parts) + "\n"

    def paragraph_of(self, code: str) -> str:
        """The text of the section about the area or pool with this unit code (tests, previews)."""
        return " ".join(p for s in self.sections if s.code == code for p in s.paragraphs)


def agenda_item(report: RoundReport) -> AgendaItem:
    """The agenda item of reference document 002, item 3, written from the round's figures."""
    year = report.year
    sections: list[Section] = []
    level = 3 if report.is_committee else 4
    rest: list[AreaLine] = []
    for part in report.committees:
        chosen: list[Section] = []
        for area in part.operations:
            pools = [p for p in report.pools_held_by(area.unit) if not p.is_stability]
            if pools:
                chosen += [Section(p.pool.name, [pool_paragraph(report, p)], level, area.unit.code) for p in pools]
            elif has_paragraph(report, area):
                chosen.append(Section(area.name, area_paragraphs(report, area), level, area.unit.code))
            else:
                rest.append(area)
        if chosen and not report.is_committee:
            sections.append(Section(part.committee.name, [], 3, part.committee.code))
        sections += chosen
    if rest:
        sections.append(Section("Øvrige områder", [rest_sentence(rest, report.threshold)], 3))
    sections.append(Section("Serviceudgifter", service_paragraphs(report), 3))
    if report.capital is not None:
        c = report.capital
        sections.append(Section("Anlæg", [phrases.capital_sentences(
            year=year, underspend=c.outlook.underspend, previous=c.previous_underspend, transfer=c.outlook.transfer,
            used_next_year=c.outlook.used_next_year, underspend_next_year=c.outlook.underspend_next_year)], 3))
    consequences = [phrases.consequence_line("Drift", year, report.underspend),
                    phrases.consequence_line("Serviceramme", year, report.service.underspend)]
    if report.capital is not None:
        consequences.append(phrases.consequence_line("Anlæg", year, report.capital.outlook.underspend))
    return AgendaItem(
        title=report.agenda_title,
        resume=phrases.resume_sentence(year=year, month_end=report.as_of, underspend=report.underspend,
                                       previous=report.previous_underspend),
        recommended_by=RECOMMENDED_BY, recommendations=[RECOMMENDATION], treatment=list(TREATMENT),
        opening=opening_paragraphs(report), sections=sections, consequences=consequences,
        attachments=[report.monthly_title],
    )


def has_paragraph(report: RoundReport, area: AreaLine) -> bool:
    """An area gets its own paragraph when its deviation is at least the threshold either way, when
    the budget holder's explanation says something, or when the deviation moved notably since the
    last round (both compared as printed, in mio. kr. with one decimal)."""
    if abs(printed(area.underspend)) >= report.threshold:
        return True
    if area.line.entered and says_something(area.forecast.explanation):
        return True
    return area.change is not None and abs(printed(area.underspend) - printed(area.previous_underspend)) \
        >= report.threshold


def area_paragraphs(report: RoundReport, area: AreaLine) -> list[str]:
    """The generated sentence, the budget holder's explanation, then carry-over and action plan."""
    first = [phrases.area_sentence(area.name, area.underspend, area.previous_underspend)]
    first += [stability_pool_sentence(p, area.underspend) for p in report.pools_held_by(area.unit) if p.is_stability]
    explanation = [p.strip() for p in area.forecast.explanation.split("\n\n") if p.strip()] \
        if area.line.entered and says_something(area.forecast.explanation) else []
    paragraphs = [" ".join([*first, *[" ".join(p.split()) for p in explanation[:1]]])]
    paragraphs += [" ".join(p.split()) for p in explanation[1:]]
    after = []
    if not report.carry_over_allowed.get(area.unit.pk, True):
        after.append(NO_CARRY_OVER)
    carried = report.carried_in.get(area.unit.pk, ZERO)
    if carried < 0 and not phrases.is_balance(carried):
        # Only the carried-in overspend can be won back: an area ending with an underspend has won back all
        # of it, not more.
        recovered = min(rules.recovered_from_carried_overspend(carried, area.underspend), -carried)
        after.append(phrases.carried_overspend_sentence(area.name, carried, recovered, report.year))
    held = report.action_plan_meetings.get(area.unit.pk)
    if held is not None:
        after.append(action_plan_sentence(held))
    if after:
        paragraphs[-1] = " ".join([paragraphs[-1], *after])
    return paragraphs


def pool_paragraph(report: RoundReport, pool: PoolLine) -> str:
    """A demography pool: what is set aside, what is expected drawn, and the financed area."""
    committee = pool.committee.name if pool.committee else report.scope.name
    name_phrase = f"en demografipulje {pool.pool.description}".strip()
    text = [phrases.pool_sentences(committee=committee, name_phrase=name_phrase, year=report.year, use=pool.use,
                                   previous=pool.previous),
            f"Puljen disponeres efter beslutning i {committee}."]
    financed = pool.pool.finances
    if financed is not None:
        where = f" (på {genitive(pool.financed_committee.name)} område)" if pool.financed_elsewhere else ""
        text.append(f"Et eventuelt merforbrug i {financed.name}{where} finansieres af denne pulje.")
        if pool.financed_underspend is not None:
            text.append(phrases.expected_sentence(pool.financed_underspend, pool.financed_previous,
                                                  where=f"i {report.year} på området"))
    return " ".join(text)


def service_paragraphs(report: RoundReport) -> list[str]:
    service = report.service
    paragraphs = [SERVICE_AGREEMENT.format(year=report.year, municipality=settings.MUNICIPALITY_NAME),
                  phrases.service_sentence(service.underspend, service.previous_underspend)]
    stability = report.stability_pools
    if stability and service.underspend > 0 and not phrases.is_balance(service.underspend):
        amount = sum((p.pool.amount for p in stability), ZERO)
        described = f" {stability[0].pool.description}" if len(stability) == 1 and stability[0].pool.description \
            else ""
        text = (f"Mindreforbruget på serviceudgifterne skal ses i sammenhæng med, at den afsatte pulje på "
                f"{fmt_mio(amount)}{described} ikke forventes forbrugt")
        if report.demography_pools:
            text += ", og at eventuelle træk på demografipuljerne ligger i fagudvalgene"
        paragraphs.append(text + ".")
    return paragraphs


def opening_paragraphs(report: RoundReport) -> list[str]:
    paragraphs = list(OPENING)
    missing = report.missing
    if missing:
        count = len(missing)
        of = len(report.operations) + len(report.capital_lines)
        paragraphs.append(f"{count} af {of} linjer mangler endnu et forventet regnskab fra den budgetansvarlige; "
                          f"{'den indgår' if count == 1 else 'de indgår'} foreløbigt med korrigeret budget.")
    return paragraphs


# ---------------------------------------------------------------------------------------------------
# The annual report (reference document 000)


@dataclass
class AnnualLine:
    code: str
    name: str
    original: Decimal
    corrected: Decimal
    actual: Decimal

    @property
    def against_original(self) -> Decimal:
        """OB − actuals: positive is an underspend."""
        return self.original - self.actual

    @property
    def against_corrected(self) -> Decimal:
        return self.corrected - self.actual


@dataclass
class AnnualReport:
    unit: Unit
    year: int
    lines: list[AnnualLine]
    total: AnnualLine
    goals: list[GoalStatus] = field(default_factory=list)
    last_period: int | None = None  # the latest month with postings, when the year is not complete

    @property
    def title(self) -> str:
        return f"Årsrapport {self.year} - {self.unit.name}"

    @property
    def opening(self) -> list[str]:
        return phrases.annual_opening(name=self.unit.name, year=self.year, actual=self.total.actual,
                                      original=self.total.original, corrected=self.total.corrected)

    @property
    def contributions_intro(self) -> str:
        underspend = self.total.against_original
        if phrases.is_balance(underspend):
            return "Regnskabet er i balance med det oprindelige budget. Afvigelserne på de enkelte områder er:"
        return (f"Det samlede {phrases.kind_of(underspend)} på {fmt_mio(abs(underspend))} i forhold til det "
                "oprindelige budget består af:")

    @property
    def contributions(self) -> list[str]:
        """One bullet per area that deviates from its original budget, the rest in one bullet."""
        bullets = [phrases.contribution_bullet(line.name, line.against_original) for line in self.lines
                   if not phrases.is_balance(line.against_original)]
        balanced = [line for line in self.lines if phrases.is_balance(line.against_original)]
        if len(balanced) == 1:
            bullets.append(phrases.contribution_bullet(balanced[0].name, ZERO))
        elif balanced:
            bullets.append(phrases.contribution_bullet(f"de øvrige {len(balanced)} områder", ZERO))
        return bullets

    @property
    def preliminary_note(self) -> str:
        if self.last_period is None or self.last_period >= self.year * 100 + 12:
            return ""
        return (f"Regnskabet er foreløbigt: der er posteringer til og med {month_name(self.last_period % 100)} "
                f"{self.last_period // 100}.")


def annual_report(unit: Unit, year: int) -> AnnualReport:
    """The year's operations for ``unit`` and each of its children (from the actuals to December)."""
    overview = unit_overview(unit, year, 12)
    lines = [AnnualLine(row.code, row.name, row.operations.ob, row.operations.kb, row.operations.actual_to_date)
             for row in overview.rows if not row.operations.is_empty]
    t = overview.total.operations
    _, last = ledger_bounds()
    goals_round = (Round.objects.filter(year=year, goal_statuses__unit__path__startswith=unit.path)
                   .order_by("-month").first())
    goals = _goals(goals_round, GoalStatus.objects.filter(round=goals_round, unit__path__startswith=unit.path)) \
        if goals_round else []
    return AnnualReport(unit=unit, year=year, lines=lines, total=AnnualLine(unit.code, unit.name, t.ob, t.kb,
                                                                             t.actual_to_date),
                        goals=goals, last_period=last if last and last // 100 == year else None)


# ---------------------------------------------------------------------------------------------------
# Sentences phrases.py has no function for: fixed text, the stability pool and the closing line.

OPENING = (
    "Baggrunden for budgetopfølgningen er partnerskabsholdernes dispositionsregnskaber.",
    "Såfremt en partnerskabsholder forventer merforbrug, vil der blive udarbejdet en handleplan i dialog med "
    "direktøren og Økonomistaben.",
)
SERVICE_AGREEMENT = (
    "I aftalen mellem regeringen og KL om kommunernes økonomi i {year} er der sat en ramme for kommunernes samlede "
    "udgifter til service. Måltallet for, om {municipality} overholder sin del af aftalen, er det oprindeligt "
    "vedtagne budget til service."
)
NO_CARRY_OVER = "Der er ikke overførselsadgang på området."


def action_plan_sentence(held: datetime.date) -> str:
    """"Der er afholdt handleplansmøde ultimo august måned." (primo: days 1–10, medio: 11–20)."""
    part = "primo" if held.day <= 10 else "medio" if held.day <= 20 else "ultimo"
    return f"Der er afholdt handleplansmøde {part} {month_name(held.month)} måned."


def stability_pool_sentence(pool: PoolLine, underspend: Decimal) -> str:
    """The pool that is not expected to be used is part of its holder's underspend; say so."""
    amount = fmt_mio(pool.pool.amount)
    described = f" {pool.pool.description}" if pool.pool.description else ""
    if underspend >= pool.pool.amount / 2:
        return (f"Mindreforbruget vedrører hovedsageligt, at den afsatte pulje på {amount}{described} ikke "
                "forudsættes anvendt.")
    return f"Området rummer den afsatte pulje på {amount}{described}, som ikke forudsættes anvendt."


def rest_sentence(rest: list[AreaLine], threshold: Decimal) -> str:
    """The closing line: how many areas are left without a paragraph, and how many are in balance."""
    if len(rest) == 1:
        return phrases.area_sentence(rest[0].name, rest[0].underspend, None)
    total = sum((a.underspend for a in rest), ZERO)
    balanced = sum(1 for a in rest if phrases.is_balance(a.underspend))
    count = len(rest)
    if balanced == count:
        return f"De øvrige {count} områder forventer balance."
    together = "samlet balance" if phrases.is_balance(total) else f"i alt {phrases.deviation_phrase(total)}"
    text = f"De øvrige {count} områder forventer hver en afvigelse på under {fmt_mio(threshold)}, {together}"
    text = text if text.endswith(".") else text + "."  # "… mio. kr." already ends the sentence
    if balanced:
        text += f" Heraf forventer {balanced} balance."
    return text
