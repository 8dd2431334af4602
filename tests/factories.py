"""Small factory functions for test data (no JSON fixtures)."""

from django.contrib.auth import get_user_model

from styr.organisation.models import CostCentre, Person, RoleAssignment, Unit, UnitKind
from styr.organisation.tree import rebuild_paths

PASSWORD = "korrekt-hest-batteri"


def make_user(username: str, *, role: str | None = None, unit: Unit | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.dk",
                                                password=PASSWORD, **fields)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def make_person(name: str, user=None) -> Person:
    email = user.email if user else f"{name.lower().replace(' ', '.')}@example.dk"
    return Person.objects.create(name=name, email=email, user=user)


def make_unit(code: str, name: str | None = None, parent: Unit | None = None, *, kind: str = UnitKind.UNIT,
              leader: Person | None = None, cost_centres: tuple[str, ...] = ()) -> Unit:
    unit = Unit.objects.create(code=code, name=name or code, parent=parent, kind=kind, leader=leader)
    for cc in cost_centres:
        CostCentre.objects.create(code=cc, unit=unit)
    rebuild_paths()
    unit.refresh_from_db()
    return unit
