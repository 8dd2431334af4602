"""The demo's follow-up: seven monthly rounds with forecasts, explanations, pools, risk pictures and
action-plan meetings. Budget holders' forecasts close in on the year's real outcome month by month,
as they do in practice; the last round is still open, with some areas missing or returned."""

import datetime
import random
from decimal import Decimal

from styr.budget.overview import unit_overview
from styr.core.audit import acting
from styr.followup import services
from styr.followup.figures import committees_in
from styr.followup.models import AreaSetting, ForecastStatus, GoalColour, GoalStatus, Pool, PoolKind
from styr.organisation.models import Unit, UnitKind

from .context import DemoContext

ROUND_MONTHS = range(2, 9)  # February to August: seven rounds
UNDERSPEND_REASONS = [
    "Mindreforbruget skyldes vakante stillinger, som først besættes efter sommerferien.",
    "Færre indkøb end planlagt; udgifterne forventes at komme i efteråret.",
    "Lavere aktivitet end forudsat i budgettet.",
]
OVERSPEND_REASONS = [
    "Merforbruget skyldes flere borgere visiteret til hjælp end forudsat i budgettet.",
    "Merforbruget vedrører hovedsageligt udgifter til vikarer under sygefravær.",
    "Merforbruget skyldes manglende indtægter på grund af tomme pladser; der er igangsat en plan for "
    "tilpasning af medarbejderstaben.",
    "Udgiften er ikke budgetlagt, og der er ikke modtaget DUT-kompensation for merudgiften.",
]
RISKS = [
    ("Flere borgere med behov for hjælp end forudsat", 4, 1_500_000, "Revisitation og skærpet opfølgning"),
    ("Udgifter til vikarer ved langtidssygdom", 3, 600_000, "Fraværssamtaler og puljevikarer"),
    ("Tomme pladser giver færre indtægter", 3, 900_000, "Tilpasning af normering"),
    ("Prisstigninger på indkøb", 2, 300_000, "Genforhandling af aftaler"),
]
POOL_EXPLANATIONS = {
    "Demografipuljer": "Puljerne disponeres efter beslutning i Økonomiudvalget; trækket fremgår under de områder, "
                       "puljerne finansierer.",
    "Økonomi, fællesudgifter": "Mindreforbruget vedrører hovedsageligt, at den afsatte pulje til sikring af en "
                               "fortsat stabilitet og et uændret serviceniveau ikke forudsættes anvendt.",
}
GOALS = ["Sygefraværet nedbringes til under 5 %", "Brugertilfredsheden er mindst 4 på en skala fra 1 til 5"]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("followup")
    year = ctx.year
    root = Unit.objects.get(parent__isnull=True)
    finance = _user("oekonomi")
    with acting(finance, source="styr demo"):
        _settings_and_pools(year)
        outcome = _year_outcome(root, year)
        for month in ROUND_MONTHS:
            round_ = services.open_round(year=year, month=month, scope=root,
                                         deadline=datetime.date(year, month + 1, 10), created_by=finance)
            last = month == ROUND_MONTHS[-1]
            _answer(round_, outcome, month, rng, finance, last=last)
            if not last:
                services.close_round(round_, user=finance)
        _risk_pictures(year, outcome, rng)
        ctx.out(f"  {len(ROUND_MONTHS)} opfølgningsrunder med prognoser, puljer og risikobilleder.")


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _area(name: str) -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.BUDGET_HOLDER, name=name).first()


def _settings_and_pools(year: int) -> None:
    jobcentre = _area("Jobcenter administration")
    if jobcentre:
        AreaSetting.objects.create(unit=jobcentre, carry_over_allowed=False, carry_over_cap_percent=0)
    pools_area, common = _area("Demografipuljer"), _area("Økonomi, fællesudgifter")
    for name, amount, financed, text in (
        ("Demografipulje, børn og familie", 5_000_000, "Børn og Familie",
         "til imødegåelse af den demografiske udvikling på børne- og familieområdet"),
        ("Demografipulje, hjemmehjælp", 10_000_000, "Sundhed og Myndighed",
         "som sikkerhed for det politisk fastsatte serviceniveau på hjemmehjælpsområdet"),
        ("Demografipulje, voksen-handicap", 9_000_000, "Handicap og Psykiatri, myndighed",
         "til imødegåelse af den demografiske udvikling på voksen-handicapområdet"),
    ):
        Pool.objects.create(year=year, name=name, kind=PoolKind.DEMOGRAPHY, holder=pools_area,
                            amount=Decimal(amount), finances=_area(financed), description=text)
    Pool.objects.create(year=year, name="Pulje til stabilitet og uændret serviceniveau", kind=PoolKind.STABILITY,
                        holder=common, amount=Decimal(20_000_000),
                        description="til sikring af en fortsat stabilitet og et uændret serviceniveau på "
                                    "velfærdsområderne")


def _year_outcome(root: Unit, year: int) -> dict[tuple[str, bool], Decimal]:
    """What each area really spent in the demo year: what good forecasts close in on."""
    outcome = {}
    for committee in committees_in(root):
        for row in unit_overview(committee, year, 12).rows:
            if row.kind == "unit":
                outcome[(row.code, False)] = row.operations.actual_to_date
                outcome[(row.code, True)] = row.capital.actual_to_date
    return outcome


def _answer(round_, outcome, month: int, rng: random.Random, finance, *, last: bool) -> None:
    forecasts = list(round_.forecasts.select_related("unit__leader__user"))
    for number, forecast in enumerate(forecasts):
        if last and number % 9 == 4:
            continue  # not yet submitted in the open round
        leader = forecast.unit.leader.user if forecast.unit.leader and forecast.unit.leader.user else finance
        expected = _expected(forecast, outcome, month, rng)
        underspend = forecast.corrected_budget - expected
        reasons = OVERSPEND_REASONS if underspend < 0 else UNDERSPEND_REASONS
        explanation = POOL_EXPLANATIONS.get(forecast.unit.name) or (
            rng.choice(reasons) if abs(underspend) >= 100_000 else "")
        services.save_forecast(forecast, user=leader, expected=expected, explanation=explanation, submit=True,
                               expected_next_year=(underspend * Decimal("0.9")).quantize(Decimal(1000))
                               if forecast.capital and underspend > 0 else None)
        if last and number % 9 == 7:
            services.return_forecast(forecast, user=finance, comment="Uddyb venligst forklaringen på afvigelsen.")
        elif not (last and number % 3 == 0):
            services.approve_forecast(forecast, user=finance)
        if last and number < 24 and not forecast.capital:
            for goal in GOALS:
                GoalStatus.objects.create(round=round_, unit=forecast.unit, goal=goal,
                                          colour=rng.choice(list(GoalColour.values)),
                                          note="Status drøftet med medarbejderne.")


def _expected(forecast, outcome, month: int, rng: random.Random) -> Decimal:
    """Early in the year forecasts lean on the budget; by autumn they are close to the outcome."""
    if forecast.unit.name == "Økonomi, fællesudgifter" and not forecast.capital:
        return (forecast.corrected_budget - Decimal(20_000_000) + Decimal(rng.randint(0, 1_500_000))).quantize(
            Decimal(1000))
    if forecast.unit.name == "Demografipuljer":
        # The pools are reported before use: the areas they finance carry the overspend.
        return Decimal(0)
    real = outcome.get((forecast.unit.code, forecast.capital), forecast.corrected_budget)
    weight = Decimal(month) / 12
    noise = Decimal(rng.gauss(0, 0.004)) * abs(forecast.corrected_budget)
    value = forecast.corrected_budget + (real - forecast.corrected_budget) * (Decimal("0.4") + weight) + noise
    return min(value, real * Decimal("1.05") if real > 0 else value).quantize(Decimal(1000))


def _risk_pictures(year: int, outcome, rng: random.Random) -> None:
    """Risk pictures for most areas expecting an overspend; one is left without, to be flagged."""
    from styr.followup.models import Forecast

    latest = Forecast.objects.filter(round__year=year, capital=False, expected__isnull=False,
                                     status__in=[ForecastStatus.SUBMITTED, ForecastStatus.APPROVED,
                                                 ForecastStatus.RETURNED]).order_by("-round__month")
    seen, overspenders = set(), []
    for forecast in latest.select_related("unit__leader__user"):
        if forecast.unit_id not in seen:
            seen.add(forecast.unit_id)
            if forecast.corrected_budget - forecast.expected < -300_000:
                overspenders.append(forecast)
    for forecast in overspenders[1:]:
        user = forecast.unit.leader.user if forecast.unit.leader else None
        for description, likelihood, consequence, mitigation in rng.sample(RISKS, 2):
            services.save_risk(forecast.unit, year, user=user, description=description, likelihood=likelihood,
                               consequence=Decimal(consequence), mitigation=mitigation,
                               owner=str(forecast.unit.leader or ""), due_date=datetime.date(year, 10, 1))
    borgerservice = _area("Borgerservice administration")
    if borgerservice:
        services.record_action_plan_meeting(borgerservice, held_on=datetime.date(year, 8, 29),
                                            participants="Partnerskabsholder, økonomichef og direktør",
                                            note="Plan for at indhente det overførte merforbrug gennemgået.")
