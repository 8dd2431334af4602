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
    "budget-cost-centre": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},
    "budget-postings": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},
    "budget-postings-excel": {"anonymous": LOGIN, **{role: NOT_FOUND for role in ROLES[1:]}},
}


def sample_kwargs(org) -> dict:
    """A value for every URL parameter the site uses, pointing into leader_b's subtree."""
    return {"code": org.b3.code}


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
    kwargs = sample_kwargs(cast.org)
    wrong = []
    for name, route in named_patterns():
        needed = {key: value for key, value in kwargs.items() if f"<str:{key}>" in route or f"<{key}>" in route}
        url = reverse(name, kwargs=needed)
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
