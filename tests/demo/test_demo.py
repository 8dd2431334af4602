"""The demo municipality: realistic, and the same seed always gives the same municipality."""

import io

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from styr.demo.context import DemoContext
from styr.demo.generator import build_demo
from styr.demo.organisation import DEMO_PASSWORD, organisation_csv
from styr.organisation import access
from styr.organisation.models import CostCentre, Unit, UnitKind


def quiet(_line: str) -> None:
    pass


def ctx(seed=2022, scale=1):
    return DemoContext(seed=seed, scale=scale, year=2022, out=quiet)


def dump():
    return sorted(Unit.objects.values_list("code", "name", "parent__code", "kind", "leader__email", "leader__name"))


def test_the_same_seed_gives_the_same_organisation_file():
    assert organisation_csv(ctx())[0] == organisation_csv(ctx())[0]


def test_another_seed_gives_another_municipality():
    assert organisation_csv(ctx(seed=1))[0] != organisation_csv(ctx(seed=2))[0]


class _Rollback(Exception):
    pass


def built_and_rolled_back():
    try:
        with transaction.atomic():
            build_demo(ctx())
            result = dump(), sorted(CostCentre.objects.values_list("code", "unit__code"))
            raise _Rollback
    except _Rollback:
        return result


def test_the_same_seed_gives_the_same_data_in_the_database(db):
    first = built_and_rolled_back()
    assert not Unit.objects.exists()
    assert built_and_rolled_back() == first


def test_the_demo_has_about_sixty_budget_holders_and_four_hundred_cost_centres(db):
    build_demo(ctx())
    budget_holders = Unit.objects.filter(kind=UnitKind.BUDGET_HOLDER).count()
    assert 55 <= budget_holders <= 75
    assert 330 <= CostCentre.objects.count() <= 470
    committees = set(Unit.objects.filter(kind=UnitKind.COMMITTEE).values_list("name", flat=True))
    assert {"Økonomiudvalget", "Børne- og Ungeudvalget", "Ældre- og Sundhedsudvalget", "Socialudvalget",
            "Teknik- og Miljøudvalget"} <= committees
    assert Unit.objects.filter(name="Borgerservice administration", parent__name="Økonomiudvalget").exists()


def test_scale_20_gives_a_copenhagen_size_organisation():
    rows = organisation_csv(ctx(scale=20))[0].decode().splitlines()[1:]
    budget_holders = sum(1 for row in rows if ";bevillingsomraade;" in row)
    cost_centres = sum(len(row.rsplit(";", 1)[1].split()) for row in rows)
    assert budget_holders > 500 and cost_centres > 4000


def test_the_demo_logins_work_and_see_what_their_role_should(db):
    build_demo(ctx())
    request = RequestFactory().post("/log-ind/")
    leader = authenticate(request, username="leder", password=DEMO_PASSWORD)
    finance = authenticate(request, username="oekonomi", password=DEMO_PASSWORD)
    assert leader is not None and finance is not None
    leader_units = access.visible_units(leader)
    assert leader_units.filter(kind=UnitKind.BUDGET_HOLDER).count() == 1
    assert access.visible_units(finance).count() == Unit.objects.count()
    assert authenticate(request, username="admin", password=DEMO_PASSWORD).is_superuser


def test_the_command_refuses_to_build_twice_but_if_empty_is_a_no_op(db, capsys):
    call_command("demo", "--year", "2022", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = Unit.objects.count()
    call_command("demo", "--if-empty")
    assert Unit.objects.count() == count
    assert "leder2" in capsys.readouterr().out


def test_the_year_defaults_to_last_calendar_year(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert f"år {timezone.localdate().year - 1})" in out.getvalue()
