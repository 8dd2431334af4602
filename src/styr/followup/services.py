"""Every write of the follow-up goes through one function here; each is audited."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from styr.organisation import access
from styr.organisation.models import Unit, UnitKind

from .figures import area_figures
from .models import (
    ActionPlanMeeting,
    Forecast,
    ForecastStatus,
    Risk,
    RiskPicture,
    Round,
    RoundStatus,
)


class FollowupRefused(Exception):
    """An action the rules do not allow; the message says why, in Danish."""


def open_round(*, year: int, month: int, scope: Unit, deadline: datetime.date, created_by=None) -> Round:
    """Open a round and pre-fill every budget holder's figures in scope."""
    if scope.kind not in (UnitKind.MUNICIPALITY, UnitKind.COMMITTEE):
        raise FollowupRefused("En opfølgningsrunde omfatter hele kommunen eller et udvalg.")
    if not 1 <= month <= 12:
        raise FollowupRefused("Måneden skal være 1–12.")
    if Round.objects.filter(year=year, month=month, scope=scope).exists():
        raise FollowupRefused(f"Der findes allerede en opfølgningsrunde for {month:02d}-{year} for {scope}.")
    figures = area_figures(scope, year, month)
    units = {u.code: u for u in Unit.objects.filter(code__in={f.unit_code for f in figures})}
    previous = _previous_expected(year, month, [units[f.unit_code] for f in figures])
    with transaction.atomic():
        round_ = Round.objects.create(year=year, month=month, scope=scope, deadline=deadline, created_by=created_by)
        Forecast.objects.bulk_create([
            Forecast(round=round_, unit=units[f.unit_code], capital=f.capital, original_budget=f.original_budget,
                     corrected_budget=f.corrected_budget, actual_to_date=f.actual_to_date,
                     naive_forecast=f.naive_forecast, service_original_budget=f.service_original_budget,
                     service_corrected_budget=f.service_corrected_budget,
                     previous_expected=previous.get((units[f.unit_code].pk, f.capital)))
            for f in figures
        ])
    return round_


def _previous_expected(year: int, month: int, units: list[Unit]) -> dict[tuple[int, bool], Decimal]:
    """Each area's expected result in the latest earlier round of the year that has one."""
    found: dict[tuple[int, bool], Decimal] = {}
    earlier = (Forecast.objects.filter(round__year=year, round__month__lt=month, unit__in=units,
                                       expected__isnull=False)
               .order_by("round__month").values_list("unit_id", "capital", "expected"))
    for unit_id, capital, expected in earlier:
        found[(unit_id, capital)] = expected  # later months overwrite earlier ones
    return found


def can_edit(user, forecast: Forecast) -> bool:
    """A budget holder edits their own areas' forecasts until submitted; finance staff always may."""
    if forecast.round.status != RoundStatus.OPEN:
        return False
    if access.can_edit_finance(user):
        return True
    return (forecast.status in (ForecastStatus.DRAFT, ForecastStatus.RETURNED)
            and access.visible_units(user).filter(pk=forecast.unit_id).exists())


def save_forecast(forecast: Forecast, *, user, expected: Decimal, explanation: str,
                  expected_next_year: Decimal | None = None, submit: bool = False) -> Forecast:
    """Record the budget holder's expected result and explanation; ``submit`` sends it to Økonomi."""
    if not can_edit(user, forecast):
        raise FollowupRefused("Prognosen kan ikke ændres: den er indsendt, eller runden er afsluttet.")
    if submit and not explanation.strip() and abs(forecast.corrected_budget - expected) >= 100_000:
        raise FollowupRefused("Skriv en forklaring, når der forventes en afvigelse fra budgettet.")
    forecast.expected = expected
    forecast.explanation = explanation.strip()
    forecast.expected_next_year = expected_next_year
    if submit:
        forecast.status = ForecastStatus.SUBMITTED
        forecast.submitted_by = user
        forecast.submitted_at = timezone.now()
        forecast.return_comment = ""
    forecast.save()
    return forecast


def return_forecast(forecast: Forecast, *, user, comment: str) -> Forecast:
    """Økonomi sends a submitted forecast back to the budget holder, saying why."""
    if not access.can_edit_finance(user):
        raise FollowupRefused("Kun Økonomi kan sende en prognose retur.")
    if forecast.status != ForecastStatus.SUBMITTED:
        raise FollowupRefused("Kun en indsendt prognose kan sendes retur.")
    if not comment.strip():
        raise FollowupRefused("Skriv en bemærkning til den budgetansvarlige.")
    forecast.status = ForecastStatus.RETURNED
    forecast.return_comment = comment.strip()
    forecast.save()
    return forecast


def approve_forecast(forecast: Forecast, *, user) -> Forecast:
    if not access.can_edit_finance(user):
        raise FollowupRefused("Kun Økonomi kan godkende en prognose.")
    if forecast.status != ForecastStatus.SUBMITTED:
        raise FollowupRefused("Kun en indsendt prognose kan godkendes.")
    forecast.status = ForecastStatus.APPROVED
    forecast.approved_by = user
    forecast.approved_at = timezone.now()
    forecast.save()
    return forecast


def close_round(round_: Round, *, user) -> Round:
    if not access.can_edit_finance(user):
        raise FollowupRefused("Kun Økonomi kan afslutte en runde.")
    round_.status = RoundStatus.CLOSED
    round_.save()
    return round_


def missing_forecasts(round_: Round) -> list[Forecast]:
    """The areas that have not submitted: the reminder list."""
    return list(round_.forecasts.filter(status__in=[ForecastStatus.DRAFT, ForecastStatus.RETURNED])
                .select_related("unit__leader").order_by("unit__name", "capital"))


def send_reminders(round_: Round) -> int:
    """E-mail the leaders of areas that have not submitted (Django's mail backend; console by default)."""
    by_email: dict[str, list[str]] = {}
    for forecast in missing_forecasts(round_):
        leader = forecast.unit.leader
        if leader and leader.email:
            by_email.setdefault(leader.email, []).append(forecast.unit.name)
    from styr.documents.numbers import fmt_date_long

    messages = [
        (f"Påmindelse: {round_}",
         f"Der mangler forventet regnskab for {', '.join(sorted(set(areas)))}.\n"
         f"Fristen er {fmt_date_long(round_.deadline)}.\n\nVenlig hilsen\nØkonomi",
         settings.DEFAULT_FROM_EMAIL, [email])
        for email, areas in sorted(by_email.items())
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def has_current_risk_picture(unit: Unit, year: int, since: datetime.datetime | None = None) -> bool:
    """A risk picture with at least one risk, updated this year (or since the given time)."""
    pictures = RiskPicture.objects.filter(unit=unit, year=year, risks__isnull=False)
    if since is not None:
        pictures = pictures.filter(updated_at__gte=since)
    return pictures.exists()


def save_risk(unit: Unit, year: int, *, user, description: str, likelihood: int, consequence: Decimal,
              mitigation: str = "", owner: str = "", due_date: datetime.date | None = None,
              risk: Risk | None = None) -> Risk:
    if not 1 <= likelihood <= 5:
        raise FollowupRefused("Sandsynligheden skal være 1–5.")
    if consequence < 0:
        raise FollowupRefused("Konsekvensen er et beløb i kr., som risikoen kan koste; den kan ikke være negativ.")
    with transaction.atomic():
        picture, _ = RiskPicture.objects.get_or_create(unit=unit, year=year)
        picture.updated_by = user
        picture.save()
        risk = risk or Risk(picture=picture)
        risk.description, risk.likelihood, risk.consequence = description, likelihood, consequence
        risk.mitigation, risk.owner, risk.due_date = mitigation, owner, due_date
        risk.save()
    return risk


def record_action_plan_meeting(unit: Unit, *, held_on: datetime.date, participants: str = "",
                               note: str = "") -> ActionPlanMeeting:
    return ActionPlanMeeting.objects.create(unit=unit, held_on=held_on, participants=participants, note=note)
