"""Min lederside as data: one leader's own subtree, read in a fixed number of queries and cached.

Every part reads for the whole subtree at once and maps rows to the page's lines through the units'
materialised paths in Python, so a director's page costs the same number of queries as a school
leader's (tests/portal/test_query_count.py pins it). The page's lines are the leader's own units
and the units right below them, as on the budget pages; every number links to the page behind it.

The finished page is cached per user under the data version (``page_key``, versions.py), which
one cheap query reads on every request: a leader opening the page again, or a hundred leaders at
once, costs that query and not the page's twenty; any change to the figures gives a new version and
the page is made anew, so it is never older than the data.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from styr.budget import overview as budget
from styr.documents.numbers import fmt_month
from styr.followup import rules as followup_rules
from styr.followup.models import Forecast, GoalStatus, RiskPicture, RoundStatus
from styr.goals import rules as goal_rules
from styr.goals.models import Goal
from styr.goals.services import goal_text
from styr.organisation import access
from styr.organisation.models import Unit, subtree_q

from . import rules, versions
from .models import AbsenceTarget, NewsItem, NewsReceipt, SatisfactionResult, ToolLink

ZERO = Decimal("0.00")
SHOWN_GOALS = 6
SHOWN_NEWS = 5
SHOWN_TASKS = 12
# A safety net only: the version changes with the data (versions.py), so an entry is normally
# replaced long before it expires.
PORTAL_CACHE_SECONDS = 15 * 60


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------------------------------
# Lines


@dataclass
class Line:
    """One line of the page: a leader's own unit or one right below it."""

    code: str
    name: str
    path: str = ""
    kind: str = ""
    own: bool = False  # one of the leader's own units (a headline), not a unit below it
    kb: Decimal = ZERO
    actual: Decimal = ZERO
    expected: Decimal | None = None  # the latest round's expected result of the areas in the line
    forecast_url: str | None = None  # when the line is one area with one forecast
    not_entered: int = 0  # areas in the line whose forecast is not yet given (counted at KB)
    absence_month: Decimal | None = None
    absence_year: Decimal | None = None
    absence_hidden: bool = False  # too few employees to show
    absence_target: Decimal | None = None
    absence_url: str | None = None

    @property
    def deviation(self) -> Decimal | None:
        """KB − expected, as printed by the municipality's convention."""
        if self.expected is None:
            return None
        return followup_rules.shown_deviation(followup_rules.deviation(self.kb, self.expected))

    @property
    def over_target(self) -> bool:
        return (self.absence_month is not None and self.absence_target is not None
                and self.absence_month > self.absence_target)


@dataclass
class Trend:
    months: list[int]
    deviations: list[Decimal]  # shown deviation per round, in kroner

    def points(self, width: int = 240, height: int = 48) -> str:
        """The deviations as an SVG polyline's points, zero in the middle when it changes sign."""
        if len(self.deviations) < 2:
            return ""
        values = [float(v) for v in self.deviations]
        low, high = min(values + [0.0]), max(values + [0.0])
        span = (high - low) or 1.0
        step = width / (len(values) - 1)
        return " ".join(f"{i * step:.1f},{height - (v - low) / span * height:.1f}" for i, v in enumerate(values))

    def zero_y(self, height: int = 48) -> float:
        values = [float(v) for v in self.deviations]
        low, high = min(values + [0.0]), max(values + [0.0])
        return height - (0 - low) / ((high - low) or 1.0) * height


@dataclass
class Portal:
    roots: list[Unit]
    year: int
    month: int
    headlines: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    total: Line | None = None
    round_label: str = ""
    trend: Trend | None = None
    absence_available: bool = False
    absence_minimum: int = 0  # units with fewer employees do not show their sick leave
    absence_month: datetime.date | None = None
    national: Decimal | None = None
    goals: list[Goal] = field(default_factory=list)
    goal_counts: goal_rules.Aggregate | None = None
    goal_year: int | None = None
    satisfaction: list[dict] = field(default_factory=list)
    satisfaction_year: int | None = None
    tasks: list[rules.Task] = field(default_factory=list)
    task_count: int = 0
    meetings_available: bool = False
    news: list[NewsItem] = field(default_factory=list)
    unread: int = 0
    tools: list[ToolLink] = field(default_factory=list)

    @property
    def forecasts_missing(self) -> bool:
        """Whether a line's expected result counts an area at KB because its forecast is not given yet."""
        return any(item.not_entered for item in self.headlines + self.lines)


def page_key(user, today: datetime.date) -> str:
    """The cache key of the user's finished page: the data version (one query, read before the page
    is made, so an entry never holds data older than its key says), the user (news read, follow-ups
    owned, the right to send news), their units, the day (the default month, deadlines) and the
    settings the rules read."""
    roots = access.own_top_units(user)
    rule_settings = (settings.STYR_DEVIATION_CONVENTION, settings.STYR_ACTION_PLAN_THRESHOLD,
                     settings.STYR_ABSENCE_MIN_EMPLOYEES)
    digest = hashlib.sha256(f"{versions.portal_version(user)}|{rule_settings}".encode()).hexdigest()[:32]
    return f"styr:portal:{user.pk}:{'-'.join(str(r.pk) for r in roots)}:{today.isoformat()}:{digest}"


def cached_page(user, today: datetime.date, make: Callable[[], str]) -> SafeString:
    """The user's rendered page from the cache, or ``make()`` (which renders ``build``) stored there."""
    key = page_key(user, today)
    content = cache.get(key)
    if content is None:
        content = make()
        cache.set(key, content, PORTAL_CACHE_SECONDS)
    return mark_safe(content)  # noqa: S308 (rendered from our own template, escaped there)


def build(user, today: datetime.date) -> Portal:
    # The user's own units, also for a finance officer or a director who sees everything elsewhere:
    # the page is about one's own part of the organisation.
    roots = access.own_top_units(user)
    _, latest = budget.ledger_bounds()
    year, month = budget.default_period(latest, today)
    portal = Portal(roots=roots, year=year, month=month)
    portal.news, portal.unread = news_for(user)
    portal.tools = tools_for(roots)
    if not roots:
        return portal
    _lines(portal)
    forecasts = _forecasts(portal, year)
    _absence(portal)
    _goals(portal)
    _satisfaction(portal)
    tasks = _forecast_tasks(forecasts, year) + _goal_tasks(portal, forecasts) + _meeting_tasks(portal, user)
    tasks = rules.ordered(tasks)
    portal.task_count = len(tasks)
    portal.tasks = tasks[:SHOWN_TASKS]
    return portal


def _budget_rows(roots: list[Unit], year: int, month: int) -> dict:
    """(code, name, KB, actuals to date) of the leader's own units and the units right below them,
    from the budget overview (which keeps its own cache per unit and data version)."""
    single = len(roots) == 1
    overview = (budget.unit_overview(roots[0], year, month) if single
                else budget.roots_overview(roots, year, month))
    units = [(r.code, r.name, r.operations.kb, r.operations.actual_to_date) for r in overview.rows
             if r.kind == "unit"]
    total = overview.total.operations
    return {"headlines": [(roots[0].code, roots[0].name, total.kb, total.actual_to_date)] if single else units,
            "lines": units if single else [], "total": (total.kb, total.actual_to_date)}


def _lines(portal: Portal) -> None:
    """The budget overview of the leader's units: KB and actuals to date per line."""
    rows = _budget_rows(portal.roots, portal.year, portal.month)
    codes = [code for code, *_ in rows["headlines"] + rows["lines"]]
    units = {u["code"]: u for u in Unit.objects.filter(code__in=codes).values("code", "path", "kind")}

    def line(values: tuple, own: bool) -> Line:
        code, name, kb, actual = values
        unit = units.get(code, {})
        return Line(code, name, unit.get("path", ""), unit.get("kind", ""), own, kb=kb, actual=actual)

    portal.headlines = [line(values, True) for values in rows["headlines"]]
    portal.lines = [line(values, False) for values in rows["lines"]]
    portal.total = Line("", "I alt", kb=rows["total"][0], actual=rows["total"][1])
    for item in portal.headlines + portal.lines:
        item.absence_url = _url("keyfigures-absence-unit", item.code)


def _line_of(portal: Portal, path: str) -> list[Line]:
    """The headline and the line below it that hold the unit with ``path``."""
    return [item for item in portal.headlines + portal.lines if item.path and path.startswith(item.path)]


def _forecasts(portal: Portal, year: int) -> list[dict]:
    """The year's forecasts of the areas in the subtree: the trend per round, the latest round's
    expected result per line, and (returned) the open rounds' forecasts for the task list."""
    fields = ("pk", "round_id", "round__month", "round__status", "round__deadline", "round__year", "unit_id",
              "unit__code", "unit__name", "unit__path", "capital", "status", "expected", "corrected_budget")
    rows = list(Forecast.objects.filter(subtree_q(portal.roots, "unit__"))
                .filter(Q(round__year=year, capital=False) | Q(round__status=RoundStatus.OPEN))
                .values(*fields).order_by("round__month", "unit__name"))
    this_year = [r for r in rows if r["round__year"] == year and not r["capital"]]
    by_month: dict[int, list[dict]] = defaultdict(list)
    for r in this_year:
        by_month[r["round__month"]].append(r)
    if by_month:
        months = sorted(by_month)
        portal.trend = Trend(months, [followup_rules.shown_deviation(sum(
            (r["corrected_budget"] - _expected(r) for r in by_month[m]), ZERO)) for m in months])
        latest = by_month[months[-1]]
        portal.round_label = f"opfølgningen pr. {fmt_month(year, months[-1])}"
        expected_total = ZERO
        for r in latest:
            expected = _expected(r)
            expected_total += expected - r["corrected_budget"]
            for item in _line_of(portal, r["unit__path"]):
                item.expected = (item.expected or ZERO) + expected - r["corrected_budget"]
                item.not_entered += r["expected"] is None
                if item.path == r["unit__path"]:
                    item.forecast_url = reverse("followup-forecast", args=[r["pk"]])
        # The lines' expected results are their KB plus the forecasts' deviations from their KB,
        # so a line's deviation is exactly its areas' deviations (units below an area have none).
        for item in portal.headlines + portal.lines:
            if item.expected is not None:
                item.expected += item.kb
        portal.total.expected = portal.total.kb + expected_total
    return [r for r in rows if r["round__status"] == RoundStatus.OPEN]


def _expected(row: dict) -> Decimal:
    """A forecast row's expected result; one not given yet counts at KB, as no deviation."""
    return row["expected"] if row["expected"] is not None else row["corrected_budget"]


def _forecast_tasks(open_rows: list[dict], year: int) -> list[rules.Task]:
    if not open_rows:
        return []
    threshold = Decimal(settings.STYR_ACTION_PLAN_THRESHOLD)
    years = {r["round__year"] for r in open_rows}
    with_pictures = set(RiskPicture.objects.filter(year__in=years, unit_id__in={r["unit_id"] for r in open_rows},
                                                   risks__isnull=False).values_list("unit_id", "year"))
    facts = []
    for r in open_rows:
        expected = _expected(r)
        required = not r["capital"] and followup_rules.action_plan_required(
            followup_rules.deviation(r["corrected_budget"], expected), threshold=threshold,
            has_current_risk_picture=(r["unit_id"], r["round__year"]) in with_pictures)
        facts.append(rules.ForecastFact(r["pk"], r["unit__name"], r["capital"], r["status"], r["round__deadline"],
                                        required, r["unit__code"], r["round__year"]))
    urls = {"prognose": reverse("followup-forecast", args=[0]).replace("/0/", "/{pk}/"),
            "risikobillede": reverse("followup-risks", args=["KODE"]).replace("KODE", "{code}") + "?aar={year}"}
    return rules.forecast_tasks(facts, urls)


def _goal_tasks(portal: Portal, open_rows: list[dict]) -> list[rules.Task]:
    """An area in an open round whose goals have no status in the round yet."""
    areas = list({(r["round_id"], r["unit_id"]): r for r in open_rows if not r["capital"]}.values())
    if not areas:
        return []
    goals = list(Goal.objects.filter(subtree_q(portal.roots, "unit__"), year__in={a["round__year"] for a in areas})
                 .select_related("unit").only("title", "year", "unit__name", "unit__path"))
    given = set(GoalStatus.objects.filter(round_id__in={a["round_id"] for a in areas},
                                          unit_id__in={a["unit_id"] for a in areas})
                .values_list("round_id", "unit_id", "goal"))
    due: dict[tuple[int, int], int] = defaultdict(int)
    areas_at: dict[str, list[dict]] = defaultdict(list)  # an area may be in more than one open round
    for a in areas:
        areas_at[a["unit__path"]].append(a)
    for goal in goals:
        for path in _prefixes(goal.unit.path):
            for a in areas_at.get(path, []):
                area = Unit(pk=a["unit_id"], name=a["unit__name"], path=path)
                if a["round__year"] == goal.year and (a["round_id"], area.pk, goal_text(goal, area)) not in given:
                    due[(a["round_id"], area.pk)] += 1
    tasks = [rules.Task("maalstatus", f"Giv status på {due[(a['round_id'], a['unit_id'])]} mål for {a['unit__name']}",
                        reverse("goals-round-status", args=[a["round_id"], a["unit__code"]]), a["round__deadline"])
             for a in areas if due.get((a["round_id"], a["unit_id"]))]
    return tasks


def _prefixes(path: str) -> list[str]:
    """"/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the paths of the unit and every unit above it."""
    ids = rules.path_ids(path)
    return ["/" + "/".join(str(i) for i in ids[:n]) + "/" for n in range(1, len(ids) + 1)]


def _meeting_tasks(portal: Portal, user) -> list[rules.Task]:
    """Follow-ups on decisions assigned to the user, and agenda items they own (when meetings has owners)."""
    if not apps.is_installed("styr.meetings"):
        return []
    from styr.meetings.models import AgendaItem, FollowUp

    portal.meetings_available = True
    follow_ups = (FollowUp.objects.filter(owner=user, done=False).select_related("item__meeting__body")
                  .order_by("due", "pk")[:SHOWN_TASKS])
    tasks = [rules.Task("opfoelgning", f"Opfølgning: {f.text} ({f.item.meeting})",
                        reverse("meetings-meeting", args=[f.item.meeting_id]), f.due) for f in follow_ups]
    if any(f.name == "owner" for f in AgendaItem._meta.get_fields()):
        upcoming = (AgendaItem.objects.filter(owner=user, decision__isnull=True).select_related("meeting__body")
                    .order_by("meeting__starts_at")[:SHOWN_TASKS])
        tasks += [rules.Task("dagsordenspunkt", f"Dagsordenspunkt: {item.title} ({item.meeting})",
                             reverse("meetings-meeting", args=[item.meeting_id]), item.meeting.starts_at.date())
                  for item in upcoming]
    return tasks


# ---------------------------------------------------------------------------------------------------
# Sick leave, goals, satisfaction


def _absence(portal: Portal) -> None:
    """Sick leave of each line (days summed over the subtree, never percentages averaged) for the
    latest month and the last twelve, against the line's target and the national average."""
    if not apps.is_installed("styr.keyfigures"):
        return
    from styr.keyfigures.models import AbsenceMonth, NationalAbsenceMonth
    from styr.keyfigures.rules import absence_percent, add_months, shown_to_everyone

    portal.absence_available = True
    portal.absence_minimum = settings.STYR_ABSENCE_MIN_EMPLOYEES
    scope = AbsenceMonth.objects.filter(subtree_q(portal.roots, "unit__"))
    last = scope.aggregate(last=Max("month"))["last"]
    targets = dict(AbsenceTarget.objects.filter(unit_id__in=_ids_on_paths(portal)).values_list("unit_id", "percent"))
    for item in portal.headlines + portal.lines:
        item.absence_target = rules.nearest_target(item.path, targets) if item.path else None
    if last is None:
        return
    portal.absence_month = last
    first = add_months(last, -11)
    portal.national = NationalAbsenceMonth.objects.filter(month=last).values_list("percent", flat=True).first()
    # Summed per unit in the database and per line here: one GROUP BY over the subtree, where a
    # filtered sum per line made the database test every row against every line's path (seconds for
    # a committee with a hundred areas).
    this_month = Q(month=last)
    per_unit = (scope.filter(month__gte=first, month__lte=last).values("unit__path").order_by()
                .annotate(s=Sum("sick_days"), p=Sum("possible_days"), sm=Sum("sick_days", filter=this_month),
                          pm=Sum("possible_days", filter=this_month), e=Sum("employees", filter=this_month),
                          k=Count("employees", filter=this_month), c=Count("pk", filter=this_month)))
    items = portal.headlines + portal.lines
    totals = _per_line(items, per_unit)
    for item in items:
        sums = totals[id(item)]
        known = sums["c"] and sums["k"] == sums["c"]
        employees = sums["e"] if known else None
        if not shown_to_everyone(employees, portal.absence_minimum):
            item.absence_hidden = bool(sums["c"] or sums["p"])
            continue
        item.absence_month = absence_percent(sums["sm"] or ZERO, sums["pm"] or ZERO)
        item.absence_year = absence_percent(sums["s"] or ZERO, sums["p"] or ZERO)


def _per_line(items: list[Line], per_unit) -> dict[int, dict]:
    """Per line (by id()): the sums of the units at or below it, from rows with the unit's path."""
    empty = {"s": None, "p": None, "sm": None, "pm": None, "e": None, "k": 0, "c": 0}
    totals = {id(item): dict(empty) for item in items}
    by_path: dict[str, list[Line]] = defaultdict(list)
    for item in items:
        if item.path:
            by_path[item.path].append(item)
    for row in per_unit:
        for path in _prefixes(row.pop("unit__path")):
            for item in by_path.get(path, []):
                sums = totals[id(item)]
                for name, value in row.items():
                    if value is not None:
                        sums[name] = value if sums[name] is None else sums[name] + value
    return totals


def _ids_on_paths(portal: Portal) -> set[int]:
    ids: set[int] = set()
    for item in portal.headlines + portal.lines:
        ids.update(rules.path_ids(item.path))
    return ids


def _goals(portal: Portal) -> None:
    """This year's goals of the subtree (or the latest year's, before this year's are set):
    the count per status and the most pressing ones."""
    scope = Goal.objects.filter(subtree_q(portal.roots, "unit__"))
    counts_by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for year, status, count in scope.values_list("year", "status").annotate(n=Count("pk")).order_by():
        counts_by_year[year][status] = count
    if not counts_by_year:
        return
    year = portal.year if portal.year in counts_by_year else max(counts_by_year)
    portal.goal_year = year
    counts = counts_by_year[year]
    portal.goal_counts = goal_rules.Aggregate(None, counts.get(goal_rules.GREEN, 0), counts.get(goal_rules.YELLOW, 0),
                                              counts.get(goal_rules.RED, 0), counts.get("", 0))
    severity = Case(When(status=goal_rules.RED, then=Value(0)), When(status=goal_rules.YELLOW, then=Value(1)),
                    When(status="", then=Value(2)), default=Value(3), output_field=IntegerField())
    portal.goals = list(scope.filter(year=year).select_related("unit").annotate(severity=severity)
                        .order_by("severity", "unit__path", "title")[:SHOWN_GOALS])


def _satisfaction(portal: Portal) -> None:
    """Each question's average over the subtree (weighted by answers), this year and the year before."""
    scope = SatisfactionResult.objects.filter(subtree_q(portal.roots, "unit__"))
    latest = Subquery(scope.order_by("-year").values("year")[:1])  # the latest year and the one before, in one query
    rows = scope.filter(year__gte=latest - 1).values_list("question", "year", "average", "responses").order_by()
    per_question: dict[str, dict[int, list[tuple[Decimal, int]]]] = defaultdict(lambda: defaultdict(list))
    years = set()
    for question, y, average, responses in rows:
        per_question[question][y].append((average, responses))
        years.add(y)
    if not years:
        return
    year = portal.satisfaction_year = max(years)
    portal.satisfaction = [
        {"question": question, "average": rules.weighted_average(by_year.get(year, [])),
         "previous": rules.weighted_average(by_year.get(year - 1, [])),
         "responses": sum(n for _, n in by_year.get(year, []))}
        for question, by_year in sorted(per_question.items()) if year in by_year]


# ---------------------------------------------------------------------------------------------------
# News and tools


def news_q(user) -> Q:
    """The news items that reach the user (see rules.news_reaches), as a query."""
    condition = Q(pk__in=[])
    for unit in access.leader_roots(user):
        condition |= (Q(audience_kind="") | Q(audience_kind=unit.kind)) & (
            Q(audience_unit__isnull=True) | Q(audience_unit_id__in=rules.path_ids(unit.path)))
    return condition


def visible_news(user):
    """Authors see every item; leaders the items that reach them."""
    from .services import can_publish_news

    items = NewsItem.objects.all()
    return items if can_publish_news(user) else items.filter(news_q(user))


def read_annotation(user) -> dict:
    return {"read": Exists(NewsReceipt.objects.filter(news=OuterRef("pk"), user=user))}


def news_for(user) -> tuple[list[NewsItem], int]:
    items = NewsItem.objects.filter(news_q(user)).annotate(**read_annotation(user))
    latest = list(items.order_by("read", "-published_at", "-pk")[:SHOWN_NEWS])
    unread = items.filter(read=False).count() if any(not n.read for n in latest) else 0
    return latest, unread


def tools_for(roots: list[Unit]) -> list[ToolLink]:
    kinds = {r.kind for r in roots}
    return list(ToolLink.objects.filter(Q(audience_kind="") | Q(audience_kind__in=kinds)))
