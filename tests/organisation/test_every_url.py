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

SEE_ALL = {"anonymous": LOGIN, "outsider": NOT_FOUND, "leader_outside": NOT_FOUND, "leader_inside": NOT_FOUND,
           "director": 200, "finance": 200, "admin": 200}
KEYFIGURES_EXPECTED = {
    "keyfigures-overview": {"anonymous": LOGIN, **ALL_USERS},
    "keyfigures-population": SEE_ALL,
    "keyfigures-liquidity": SEE_ALL,
    "keyfigures-arrears": SEE_ALL,
    "keyfigures-absence": {"anonymous": LOGIN, **{role: 302 for role in ROLES[1:]}, "outsider": 200},
    "keyfigures-absence-unit": UNIT_SCOPED,
    "keyfigures-headcount": {"anonymous": LOGIN, **{role: 302 for role in ROLES[1:]}, "outsider": 200},
    "keyfigures-headcount-unit": UNIT_SCOPED,
    "keyfigures-import": FINANCE_ONLY,
    "keyfigures-import-confirm": {**FINANCE_ONLY, "finance": 405, "admin": 405},  # a POST
    "keyfigures-report": SEE_ALL,
    "keyfigures-report-file": SEE_ALL,
    "keyfigures-report-meeting": {**SEE_ALL, "director": 405, "finance": 405, "admin": 405},  # a POST
}

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
    # A round's reports cover every area of the round: finance, directors and admins only.
    "followup-report": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                        "finance": 200, "admin": 200},
    "followup-report-file": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                             "finance": 200, "admin": 200},
    "followup-report-insert": {**FINANCE_ONLY, "finance": 405, "admin": 405},  # a POST
    "followup-annual": UNIT_SCOPED,
    "followup-annual-file": UNIT_SCOPED,
    "budget-ledger-imports": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                              "admin": 200},
    "budget-ledger-upload": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                             "admin": 200},
    "budget-ledger-start": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 405,
                            "admin": 405},  # a POST
    "budget-ledger-status": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},  # needs ?upload=<id>
    "budget-ledger-suspense": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "finance": 200,
                               "admin": 200},
    # Meetings: the director is a member of Direktionen; the sample meeting has a published agenda,
    # an open item and a closed one (only members and admins reach a closed item and its file).
    "meetings-list": {"anonymous": LOGIN, **ALL_USERS},
    "meetings-search": {"anonymous": LOGIN, **ALL_USERS},
    "meetings-meeting-create": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                               "admin": 200},
    "meetings-meeting": {"anonymous": LOGIN, **ALL_USERS},
    "meetings-meeting-publish": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},  # a POST
    # finance prepares items only until the agenda is published
    "meetings-item-create": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                             "admin": 200},
    "meetings-document": {"anonymous": LOGIN, **ALL_USERS},
    "meetings-item": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                     "admin": 200},
    "meetings-item-edit": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                          "admin": 200},
    "meetings-item-move": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},
    "meetings-item-delete": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},
    "meetings-item-attach": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},
    "meetings-item-decision": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                              "admin": 200},
    "meetings-item-correct": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},  # minutes not approved
    "meetings-attachment": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}, "director": 200,
                           "admin": 200},
    "meetings-case": {"anonymous": LOGIN, **ALL_USERS},
    # The OParl API is the one place that answers without a login: public data only, same for all.
    **{name: {role: 200 for role in ROLES} for name in (
        "oparl-system", "oparl-openapi", "oparl-body-list", "oparl-body", "oparl-organization-list",
        "oparl-organization", "oparl-calendar", "oparl-person-list", "oparl-person", "oparl-meeting-list",
        "oparl-meeting", "oparl-location", "oparl-meeting-file", "oparl-meeting-document", "oparl-agendaitem-list",
        "oparl-agendaitem", "oparl-paper-list", "oparl-paper", "oparl-consultation-list", "oparl-consultation",
        "oparl-file-list", "oparl-file", "oparl-file-download")},
    # Goals (tests/goals/goal_factories.py: a goal of B3) and Min lederside (a news item for B3's subtree).
    "goals-list": {"anonymous": LOGIN, **ALL_USERS},
    "goals-goal": UNIT_SCOPED,
    "goals-goal-status": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},  # a POST
    "goals-measurement": {"anonymous": LOGIN, **{role: 405 for role in ROLES[1:]}},  # a POST
    "goals-guiding-mark": {"anonymous": LOGIN, **ALL_USERS},  # the council's marks are public
    "goals-initiative": {"anonymous": LOGIN, **ALL_USERS},
    "goals-round-status": UNIT_SCOPED,
    "goals-report-board": {**FINANCE_ONLY, "director": 200},
    "goals-report-council": {**FINANCE_ONLY, "director": 200},
    "goals-report-annual": {"anonymous": LOGIN, **ALL_USERS, "outsider": NOT_FOUND},  # an outsider has no units
    "portal-home": {"anonymous": LOGIN, **ALL_USERS},
    "portal-news": {"anonymous": LOGIN, **ALL_USERS},
    "portal-news-create": FINANCE_ONLY,
    "portal-news-item": {**UNIT_SCOPED, "director": NOT_FOUND},  # leaders it reaches, and its authors
    "portal-satisfaction": UNIT_SCOPED,
    "portal-satisfaction-upload": FINANCE_ONLY,
    "portal-health": {role: 200 for role in ROLES},
    # Key figures: the municipality's own figures and the report for finance, directors and admins;
    # sick leave and headcount per unit (the start page sends a user with one top unit on to it).
    **KEYFIGURES_EXPECTED,
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
def meeting_sample(org):
    from tests.meetings.meeting_factories import url_test_sample

    return url_test_sample(org)


def goal_sample(org):
    from tests.goals.goal_factories import url_sample

    return url_sample(org)


def news_sample(org):
    from tests.portal.portal_factories import url_sample_news

    return url_sample_news(org)


SAMPLE_OBJECTS = {
    "budget-cost-centre": lambda org: {"code": "100300"},  # a cost centre of B3
    "budget-postings": lambda org: {"code": "100300"},
    "budget-postings-excel": lambda org: {"code": "100300"},
    "followup-round": lambda org: {"pk": followup_round(org).pk},
    "followup-round-reminders": lambda org: {"pk": followup_round(org).pk},
    "followup-forecast": forecast_in_b3,
    "followup-forecast-approve": forecast_in_b3,
    "followup-forecast-return": forecast_in_b3,
    "followup-report": lambda org: {"pk": followup_round(org).pk, "kind": "dagsorden"},
    "followup-report-file": lambda org: {"pk": followup_round(org).pk, "kind": "maanedsrapport", "fmt": "xlsx"},
    "followup-report-insert": lambda org: {"pk": followup_round(org).pk},
    "followup-annual-file": lambda org: {"code": org.b3.code, "fmt": "docx"},
    "budget-change-detail": budget_change_in_b3,
    "meetings-meeting-create": lambda org: meeting_sample(org) and {},  # the director must be a member first
    "meetings-meeting": lambda org: {"pk": meeting_sample(org).meeting.pk},
    "meetings-meeting-publish": lambda org: {"pk": meeting_sample(org).meeting.pk},
    "meetings-item-create": lambda org: {"pk": meeting_sample(org).meeting.pk},
    "meetings-document": lambda org: {"pk": meeting_sample(org).meeting.pk, "kind": "referat", "fmt": "pdf"},
    **{name: (lambda org: {"pk": meeting_sample(org).closed_item.pk}) for name in (
        "meetings-item", "meetings-item-edit", "meetings-item-move", "meetings-item-delete", "meetings-item-attach",
        "meetings-item-decision", "meetings-item-correct")},
    "meetings-attachment": lambda org: {"pk": meeting_sample(org).closed_file.pk},
    "meetings-case": lambda org: {"pk": meeting_sample(org).case.pk},
    "oparl-body": lambda org: {"key": "kommune"},
    "oparl-organization": lambda org: {"pk": meeting_sample(org).body.pk},
    "oparl-calendar": lambda org: {"pk": meeting_sample(org).body.pk},
    "oparl-person": lambda org: {"pk": meeting_sample(org).member.pk},
    "oparl-meeting": lambda org: {"pk": meeting_sample(org).meeting.pk},
    "oparl-location": lambda org: {"pk": meeting_sample(org).meeting.pk},
    "oparl-meeting-file": lambda org: {"pk": meeting_sample(org).meeting.pk, "kind": "dagsorden"},
    "oparl-meeting-document": lambda org: {"pk": meeting_sample(org).meeting.pk, "kind": "dagsorden"},
    "oparl-agendaitem": lambda org: {"pk": meeting_sample(org).closed_item.pk},
    "oparl-paper": lambda org: {"pk": meeting_sample(org).case.pk},
    "oparl-consultation": lambda org: {"pk": meeting_sample(org).open_item.pk},
    "oparl-file": lambda org: {"pk": meeting_sample(org).open_file.pk},
    "oparl-file-download": lambda org: {"pk": meeting_sample(org).open_file.pk},
    "goals-goal": lambda org: {"pk": goal_sample(org).pk},
    "goals-goal-status": lambda org: {"pk": goal_sample(org).pk},
    "goals-measurement": lambda org: {"pk": goal_sample(org).indicators.first().pk},
    "goals-guiding-mark": lambda org: {"pk": goal_sample(org).guiding_mark_id},
    "goals-initiative": lambda org: {"pk": goal_sample(org).initiative_id},
    "goals-round-status": lambda org: {"pk": followup_round(org).pk, "code": org.b3.code},
    "portal-news-item": lambda org: {"pk": news_sample(org).pk},
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
