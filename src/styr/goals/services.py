"""Every write of goals goes through one function here; the models are audited (audit.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from styr.followup.models import GoalColour, GoalStatus, Round, RoundStatus
from styr.organisation import access
from styr.organisation.models import Unit

from .models import Goal, Indicator, Measurement

GOAL_TEXT_LENGTH = GoalStatus._meta.get_field("goal").max_length


class GoalRefused(Exception):
    """An action the rules do not allow; the message says why, in Danish."""


def can_update(user, unit: Unit) -> bool:
    """Finance staff, and the leaders of the unit or a unit above it, update its goals."""
    if access.can_edit_finance(user):
        return True
    return Unit.objects.subtree_of(*access.leader_roots(user)).filter(pk=unit.pk).exists()


def set_goal_status(goal: Goal, *, user, colour: str, note: str) -> Goal:
    """The leader's assessment of a goal: green, yellow or red, and what lies behind it."""
    if colour not in GoalColour.values:
        raise GoalRefused("Vælg grøn, gul eller rød.")
    if colour != GoalColour.GREEN and not note.strip():
        raise GoalRefused(f"Skriv en bemærkning, når «{goal.title}» ikke er grøn.")
    goal.status, goal.progress_note = colour, note.strip()
    goal.status_updated_at, goal.status_updated_by = timezone.now(), user
    goal.save(update_fields=["status", "progress_note", "status_updated_at", "status_updated_by"])
    return goal


def record_measurement(indicator: Indicator, *, user, measured_on: datetime.date, value: Decimal,
                       note: str = "") -> Measurement:
    """A measurement of an indicator; a second one on the same day replaces the first."""
    measurement, _ = Measurement.objects.update_or_create(
        indicator=indicator, measured_on=measured_on,
        defaults={"value": value, "note": note.strip(), "recorded_by": user})
    return measurement


def area_goals(area: Unit, year: int):
    """The goals of the area and every unit under it for the year, the area's own first."""
    return (Goal.objects.filter(unit__path__startswith=area.path, year=year).select_related("unit")
            .order_by("unit__depth", "unit__name", "title"))


def goal_text(goal: Goal, area: Unit) -> str:
    """How the goal is named in the round (followup.GoalStatus.goal): its title, prefixed by its
    unit when it belongs to a unit under the area, so that two units' goals of the same title stay apart."""
    text = goal.title if goal.unit_id == area.pk else f"{goal.unit.name}: {goal.title}"
    return text[:GOAL_TEXT_LENGTH]


def round_areas(round_: Round, user) -> list[Unit]:
    """The areas of the round whose goal status the user may give (their own, or all for finance)."""
    units = Unit.objects.filter(pk__in=round_.forecasts.values("unit_id")).order_by("name")
    if access.can_edit_finance(user):
        return list(units)
    return list(units.filter(pk__in=Unit.objects.subtree_of(*access.leader_roots(user)).values("pk")))


@dataclass(frozen=True)
class StatusInput:
    goal: Goal
    colour: str
    note: str


def record_goal_statuses_for_round(round_: Round, *, area: Unit, statuses: list[StatusInput], user) -> int:
    """The budget holder's goal status for the round: each goal's own status is updated, and the
    round gets a followup.GoalStatus row per goal (created, or updated when given again).

    Refused when the round is closed, when the area is not part of it, when a goal is not the
    area's, or when the user may not update the area's goals. All or nothing."""
    if round_.status != RoundStatus.OPEN:
        raise GoalRefused("Runden er afsluttet; målstatus kan ikke længere ændres.")
    if not round_.forecasts.filter(unit=area).exists():
        raise GoalRefused(f"{area} er ikke med i {round_}.")
    if not can_update(user, area):
        raise GoalRefused("Du kan kun give status på dine egne mål.")
    own = set(area_goals(area, round_.year).values_list("pk", flat=True))
    for given in statuses:
        if given.goal.pk not in own:
            raise GoalRefused(f"«{given.goal.title}» hører ikke til {area} i {round_.year}.")
    with transaction.atomic():
        for given in statuses:
            set_goal_status(given.goal, user=user, colour=given.colour, note=given.note)
            text = goal_text(given.goal, area)
            GoalStatus.objects.update_or_create(round=round_, unit=area, goal=text,
                                                defaults={"colour": given.colour, "note": given.note.strip()})
    return len(statuses)


def goal_statuses_due(round_: Round, area: Unit) -> int:
    """How many of the area's goals have no status in the round yet."""
    given = set(GoalStatus.objects.filter(round=round_, unit=area).values_list("goal", flat=True))
    return sum(1 for goal in area_goals(area, round_.year) if goal_text(goal, area) not in given)
