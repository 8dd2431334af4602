"""The portal's rules as pure functions: who a news item reaches, which target applies, how survey
answers add up, and which tasks a leader has."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# The forecast statuses a budget holder still has to act on (followup.ForecastStatus).
FORECAST_TO_ANSWER = frozenset({"kladde", "returneret"})


def path_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def news_reaches(*, audience_kind: str, audience_path: str, units: Iterable[tuple[str, str]]) -> bool:
    """Whether a news item reaches a leader of ``units`` ((kind, path) of the units they lead).

    A level (kind) reaches leaders of units of that kind; a subtree (the path of its top unit)
    reaches leaders of units inside it, the top unit included; both together reach leaders of units
    of that kind inside the subtree; neither reaches every leader."""
    for kind, path in units:
        if audience_kind and kind != audience_kind:
            continue
        if audience_path and not path.startswith(audience_path):
            continue
        return True
    return False


def nearest_target(path: str, targets: Mapping[int, Decimal]) -> Decimal | None:
    """The target of the unit itself, or else of its nearest unit above that has one."""
    for unit_id in reversed(path_ids(path)):
        if unit_id in targets:
            return targets[unit_id]
    return None


def weighted_average(results: Iterable[tuple[Decimal, int]]) -> Decimal | None:
    """Averages of several units added up weighted by their number of answers, to two decimals:
    a unit with 200 answers counts ten times one with 20. None when there are no answers."""
    total = answers = 0
    for average, count in results:
        total += average * count
        answers += count
    if not answers:
        return None
    return (Decimal(total) / answers).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Task:
    kind: str  # "prognose", "risikobillede", "maalstatus", "dagsordenspunkt", "opfoelgning"
    text: str
    url: str
    due: datetime.date | None = None

    def overdue(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class ForecastFact:
    """What the task rules need to know of one of the leader's forecasts in the open round."""

    pk: int
    area: str
    capital: bool
    status: str
    deadline: datetime.date
    action_plan_required: bool
    area_code: str
    year: int


def forecast_tasks(forecasts: Iterable[ForecastFact], urls: Mapping[str, str]) -> list[Task]:
    """A forecast the budget holder has not submitted (or that finance sent back) is a task until the
    round's deadline; an expected overspend beyond the threshold without a current risk picture
    (followup.rules.action_plan_required) asks for a risk picture. ``urls`` holds URL patterns with
    "{pk}" and "{code}" for the forecast and the risk picture."""
    tasks = []
    for f in forecasts:
        part = "anlæg" if f.capital else "drift"
        if f.status in FORECAST_TO_ANSWER:
            verb = "Ret og indsend" if f.status == "returneret" else "Indsend"
            tasks.append(Task("prognose", f"{verb} forventet regnskab for {f.area} ({part})",
                              urls["prognose"].format(pk=f.pk), f.deadline))
        if f.action_plan_required:
            tasks.append(Task("risikobillede", f"Udfyld risikobillede for {f.area}: der forventes merforbrug",
                              urls["risikobillede"].format(code=f.area_code, year=f.year), f.deadline))
    return tasks


def ordered(tasks: Iterable[Task]) -> list[Task]:
    """Soonest deadline first; tasks without a deadline last, in the order given."""
    indexed = list(enumerate(tasks))
    indexed.sort(key=lambda pair: (pair[1].due is None, pair[1].due or datetime.date.max, pair[0]))
    return [task for _, task in indexed]
