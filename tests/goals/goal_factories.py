"""Goals, guiding marks and the objects the URL walk needs, placed in leader_b's subtree (B3)."""

import datetime
from decimal import Decimal

from styr.goals.models import Direction, Goal, GuidingMark, Indicator, Initiative, Measurement


def make_mark(committee, title="Flere ældre klarer sig selv", year=2022) -> GuidingMark:
    return GuidingMark.objects.create(title=title, committee=committee, first_year=year, last_year=year + 3)


def make_goal(unit, title="Sygefraværet under 5 %", year=2022, status="", mark=None, note="") -> Goal:
    return Goal.objects.create(unit=unit, title=title, year=year, status=status, guiding_mark=mark,
                               progress_note=note)


def make_indicator(goal, *, baseline="6.0", target="5.0", direction=Direction.DOWN, values=()) -> Indicator:
    indicator = Indicator.objects.create(goal=goal, name="Sygefravær", unit_of_measure="%",
                                         baseline=Decimal(baseline), target=Decimal(target), direction=direction)
    for month, value in enumerate(values, start=1):
        Measurement.objects.create(indicator=indicator, measured_on=datetime.date(goal.year, month, 28),
                                   value=Decimal(value))
    return indicator


def url_sample(org):
    """One guiding mark for U2, an initiative, and a goal of B3 with an indicator (created once)."""
    goal = Goal.objects.filter(unit=org.b3, title="Sygefraværet under 5 %").first()
    if goal is None:
        mark = make_mark(org.u2)
        initiative = Initiative.objects.create(title="Hverdagsrehabilitering", unit=org.b3)
        initiative.guiding_marks.add(mark)
        goal = make_goal(org.b3, mark=mark)
        goal.initiative = initiative
        goal.save()
        make_indicator(goal, values=["5.8"])
    return goal
