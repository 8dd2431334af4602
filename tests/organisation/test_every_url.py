"""Walk every URL pattern of the site as every role, and prove who gets what.

A new URL pattern makes this test fail until it is given its expected answers below: no page can
be added without saying who may see it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "outsider", "leader_outside", "leader_inside", "director", "finance", "admin"]
ALL_USERS = {role: 200 for role in ROLES[1:]}
LOGIN = "login"  # anonymous users are sent to the login page
NOT_FOUND = 404

FINANCE_ONLY = {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200, "admin": 200}
UNIT_SCOPED = {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND, "leader_inside": 200,
               "director": 200, "finance": 200, "admin": 200}

# For each URL name: the status per role. Unit pages are requested for unit B3, which leader_b
# ("leader_inside") leads and leader_a ("leader_outside") does not.
EXPECTED = {
    "core-home": {"anonymous": LOGIN, **ALL_USERS},
    "login": {"anonymous": 200, **{role: 302 for role in ROLES[1:]}},  # logged-in users go on to the start page
    "logout": {role: 405 for role in ROLES},  # logging out is a POST
    "core-audit": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "admin": 200},
    "core-accessibility": {role: 200 for role in ROLES},
    "core-about": {role: 200 for role in ROLES},
    "organisation-tree": {"anonymous": LOGIN, **ALL_USERS},
    "organisation-search": {"anonymous": LOGIN, **ALL_USERS},
    "organisation-import": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                            "admin": 200},
    "organisation-unit": {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND,
                          "leader_inside": 200, "director": 200, "finance": 200, "admin": 200},
    "budget-overview": {"anonymous": LOGIN, **ALL_USERS},  # an outsider sees "no units yet"
    "budget-unit": {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND,
                    "leader_inside": 200, "director": 200, "finance": 200, "admin": 200},
    "budget-unit-excel": {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND,
                          "leader_inside": 200, "director": 200, "finance": 200, "admin": 200},
    # The sample code is a unit's ("B3"), which is no cost centre: 404 for everyone here. Who reaches
    # a real cost centre and its postings is proved in tests/budget/test_drilldown_views.py.
    "budget-cost-centre": UNIT_SCOPED,
    "budget-postings": UNIT_SCOPED,
    "budget-postings-excel": UNIT_SCOPED,
    "budget-changes": {"anonymous": LOGIN, **ALL_USERS},
    "budget-change-detail": {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND,
                             "leader_inside": 200, "director": 200, "finance": 200, "admin": 200},
    "budget-change-create": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                             "admin": 200},
    "budget-budgets": {"anonymous": LOGIN, **ALL_USERS},
    "budget-upload": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200, "admin": 200},
    "followup-rounds": {"anonymous": LOGIN, **ALL_USERS},
    "followup-round-create": FINANCE_ONLY,
    "followup-round": {"anonymous": LOGIN, **ALL_USERS, "outsider": NOT_FOUND},
    "followup-round-reminders": FINANCE_ONLY,
    "followup-forecast": UNIT_SCOPED,
    "followup-forecast-approve": {**FINANCE_ONLY, "finance": 405, "admin": 405},
    "followup-forecast-return": {**FINANCE_ONLY, "finance": 405, "admin": 405},
    "followup-risks": UNIT_SCOPED,
    "budget-ledger-imports": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                              "admin": 200},
    "budget-ledger-upload": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                             "admin": 200},
    "budget-ledger-start": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 405,
                            "admin": 405},  # a POST
    "budget-ledger-status": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},  # needs ?upload=<id>
    "budget-ledger-suspense": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                               "admin": 200},
}


def budget_change_in_b3(org) -> dict:
    from datetime import date
    from decimal import Decimal

    from styr.budget.services import ChangeLineInput, record_budget_change
    from tests.budget.chart_factories import make_small_chart

    make_small_chart(2022)
    change = record_budget_change(year=2022, kind="overfoersel", decided_on=date(2022, 3, 1), body="KB", text="x",
                                  lines=[ChangeLineInput("100300", "5.30.27", 1, "1.0", Decimal(1000))])
    return {"pk": change.pk}


def followup_round(org) -> dict:
    import datetime

    from styr.followup.models import Round

    round_ = Round.objects.filter(year=2022, month=7).first()
    if round_ is None:
        from styr.followup.services import open_round

        round_ = open_round(year=2022, month=7, scope=org.root, deadline=datetime.date(2022, 8, 10))
    return round_


def forecast_in_b3(org) -> dict:
    return {"pk": followup_round(org).forecasts.get(unit=org.b3, capital=False).pk}


# URL parameters other than a unit's code, per URL name: objects placed in leader_b's subtree.
SAMPLE_OBJECTS = {
    "budget-cost-centre": lambda org: {"code": "100300"},  # a cost centre of B3
    "budget-postings": lambda org: {"code": "100300"},
    "budget-postings-excel": lambda org: {"code": "100300"},
    "followup-round": lambda org: {"pk": followup_round(org).pk},
    "followup-round-reminders": lambda org: {"pk": followup_round(org).pk},
    "followup-forecast": forecast_in_b3,
    "followup-forecast-approve": forecast_in_b3,
    "followup-forecast-return": forecast_in_b3,
    "budget-change-detail": budget_change_in_b3,
}


def url_kwargs(name: str, route: str, org) -> dict:
    if name in SAMPLE_OBJECTS:
        return SAMPLE_OBJECTS[name](org)
    return {"code": org.b3.code} if "<str:code>" in route else {}


def named_patterns(resolver=None, prefix=""):
    """(name, route) for every named pattern outside the Django admin, which guards itself (staff only)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if getattr(entry, "app_name", None) == "admin":
                continue
            yield from named_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, prefix + str(entry.pattern)


def users_by_role(cast):
    return {"anonymous": None, "outsider": cast.outsider, "leader_outside": cast.leader_a,
            "leader_inside": cast.leader_b, "director": cast.director, "finance": cast.finance,
            "admin": cast.admin}


def test_every_url_pattern_has_expected_answers():
    names = {name for name, _ in named_patterns()}
    missing = names - EXPECTED.keys()
    assert not missing, f"URL patterns without expected answers in this test: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_expected_answer_from_every_page(client, cast, role):
    user = users_by_role(cast)[role]
    if user is not None:
        client.force_login(user)
    wrong = []
    for name, route in named_patterns():
        url = reverse(name, kwargs=url_kwargs(name, route, cast.org))
        response = client.get(url)
        expected = EXPECTED[name][role]
        if expected == LOGIN:
            ok = response.status_code == 302 and response.url.startswith(reverse("login"))
        else:
            ok = response.status_code == expected
        if not ok:
            wrong.append(f"{url}: got {response.status_code}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_a_leader_cannot_reach_another_leaders_unit_through_search(client, cast):
    client.force_login(cast.leader_a)
    response = client.get(reverse("organisation-search"), {"q": "Plejecenter"})
    assert "Plejecenter Lindholm" not in response.content.decode()
    response = client.get(reverse("organisation-search"), {"q": "Egebjerg"})
    assert "Egebjerg Skole" in response.content.decode()


def test_a_leaders_tree_holds_only_their_own_units(client, cast):
    client.force_login(cast.leader_a)
    page = client.get(reverse("organisation-tree")).content.decode()
    assert "Egebjerg Skole" in page and "SFO" in page
    assert "Plejecenter" not in page and "Dagtilbud Nord" not in page and "Testkommune" not in page


def test_the_django_admin_is_for_staff_only(client, cast):
    client.force_login(cast.leader_a)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
