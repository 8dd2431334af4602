"""The fixed cast (healthchecks' habit): a small municipality with two leaders in different
subtrees, finance staff, a director, an admin and an outsider."""

from types import SimpleNamespace

import pytest

from styr.organisation.models import Role, UnitKind

from .factories import make_person, make_unit, make_user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: SQLite hands out the ids of a rolled-back test again,
    so a cached budget overview (keyed by the data's ids and counts) could outlive its test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def org(db):
    """Kommune → two committees → budget holders → units; leader_a leads B1, leader_b leads B3."""
    root = make_unit("K", "Testkommune", kind=UnitKind.MUNICIPALITY)
    u1 = make_unit("U1", "Børne- og Ungeudvalget", root, kind=UnitKind.COMMITTEE)
    u2 = make_unit("U2", "Ældre- og Sundhedsudvalget", root, kind=UnitKind.COMMITTEE)
    b1 = make_unit("B1", "Egebjerg Skole", u1, kind=UnitKind.BUDGET_HOLDER, cost_centres=("100100",))
    e1 = make_unit("E1", "Indskoling", b1, cost_centres=("100110",))
    e2 = make_unit("E2", "SFO", b1, cost_centres=("100120", "100130"))
    b2 = make_unit("B2", "Dagtilbud Nord", u1, kind=UnitKind.BUDGET_HOLDER, cost_centres=("100200",))
    b3 = make_unit("B3", "Plejecenter Lindholm", u2, kind=UnitKind.BUDGET_HOLDER, cost_centres=("100300",))
    e3 = make_unit("E3", "Boenheder", b3, cost_centres=("100310",))
    return SimpleNamespace(root=root, u1=u1, u2=u2, b1=b1, b2=b2, b3=b3, e1=e1, e2=e2, e3=e3)


@pytest.fixture
def cast(org):
    leader_a = make_user("leder_a", first_name="Anne", last_name="Skov")
    leader_b = make_user("leder_b", first_name="Bo", last_name="Holm")
    org.b1.leader = make_person("Anne Skov", leader_a)
    org.b1.save()
    org.b3.leader = make_person("Bo Holm", leader_b)
    org.b3.save()
    return SimpleNamespace(
        org=org,
        admin=make_user("admin", role=Role.ADMIN),
        finance=make_user("okonomi", role=Role.FINANCE),
        director=make_user("direktor", role=Role.DIRECTORS),
        leader_a=leader_a,
        leader_b=leader_b,
        outsider=make_user("udenfor"),
    )
