"""Min lederside costs the same number of queries for a school leader and for the municipal director:
the page must not grow with the organisation. Made anew it costs MAX_QUERIES; from the cache, a
handful."""

import datetime

import pytest
from django.apps import apps
from django.test import override_settings

from styr.followup.services import open_round
from styr.organisation.models import UnitKind
from styr.portal.models import AbsenceTarget, SatisfactionResult
from tests.budget.budget_factories import make_budget_line, make_posting
from tests.factories import make_person, make_unit, make_user
from tests.goals.goal_factories import make_goal

from .portal_factories import make_news

MAX_QUERIES = 30
# The session, the user, their person, the units they lead, the data version, their roles (for the
# page header): nothing that grows with the municipality, and nothing of the page itself.
CACHED_QUERIES = 6


def absence(unit, sick, employees) -> None:
    """Sick leave for July 2022, when the key-figures module is there."""
    if apps.is_installed("styr.keyfigures"):
        from styr.keyfigures.models import AbsenceMonth, NationalAbsenceMonth

        AbsenceMonth.objects.create(month=datetime.date(2022, 7, 1), unit=unit, sick_days=sick, possible_days=100,
                                    employees=employees)
        NationalAbsenceMonth.objects.get_or_create(month=datetime.date(2022, 7, 1), defaults={"percent": 5})


def grow(org, areas: int) -> None:
    """``areas`` more budget holders under the children's committee, each with two units, figures,
    goals, sick leave and survey results."""
    cc = 200000
    for n in range(areas):
        area = make_unit(f"BX{n}", f"Skole {n}", org.u1, kind=UnitKind.BUDGET_HOLDER, cost_centres=(str(cc),))
        for m in range(2):
            unit = make_unit(f"EX{n}-{m}", f"Klasse {n}-{m}", area, cost_centres=(str(cc + m + 1),))
            absence(unit, 3, 12)
        make_budget_line(str(cc), "1000000", year=2022)
        make_posting(str(cc), "80000", year=2022, month=7)
        make_goal(area, f"Mål {n}", status="gul", note="x")
        SatisfactionResult.objects.create(unit=area, year=2022, question="Samlet", average=4, responses=20)
        cc += 10


@pytest.fixture
def portal_data(cast):
    org = cast.org
    make_budget_line("100100", "1800000", year=2022)
    make_posting("100100", "150000", year=2022, month=7)
    absence(org.e1, 4, 10)
    AbsenceTarget.objects.create(unit=org.root, percent=5)
    make_goal(org.b1, "Trivsel", status="groen")
    SatisfactionResult.objects.create(unit=org.b1, year=2022, question="Samlet", average=4, responses=20)
    make_news("Til alle")
    return cast


def director_of_everything(org):
    director = make_user("kommunaldirektoer")
    org.root.leader = make_person("Kommunaldirektøren", director)
    org.root.save()
    return director


def count_for(client, user, django_assert_max_num_queries, most: int = MAX_QUERIES) -> int:
    client.force_login(user)
    client.get("/min-side/")  # warm: the session and content types (and the page, when there is a cache)
    with django_assert_max_num_queries(most) as queries:
        assert client.get("/min-side/").status_code == 200
    return len(queries)


# The page is cached between requests (dashboard.cached_page); without a cache it does all its work
# every time, and that is what is counted here.
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_the_portal_of_a_small_and_of_a_large_subtree_costs_the_same_queries(client, portal_data,
                                                                            django_assert_max_num_queries):
    org = portal_data.org
    director = director_of_everything(org)
    open_round(year=2022, month=7, scope=org.root, deadline=datetime.date(2022, 8, 10))
    small_school = count_for(client, portal_data.leader_a, django_assert_max_num_queries)
    small_director = count_for(client, director, django_assert_max_num_queries)
    grow(org, 25)
    open_round(year=2022, month=8, scope=org.root, deadline=datetime.date(2022, 9, 10))
    large_director = count_for(client, director, django_assert_max_num_queries)
    large_school = count_for(client, portal_data.leader_a, django_assert_max_num_queries)
    assert large_director == small_director
    assert large_school == small_school


def test_a_cached_portal_costs_a_handful_of_queries_for_a_small_and_a_large_subtree(client, portal_data,
                                                                                   django_assert_max_num_queries):
    org = portal_data.org
    director = director_of_everything(org)
    open_round(year=2022, month=7, scope=org.root, deadline=datetime.date(2022, 8, 10))
    counts = [count_for(client, user, django_assert_max_num_queries, CACHED_QUERIES)
              for user in (portal_data.leader_a, director)]
    grow(org, 25)
    counts += [count_for(client, user, django_assert_max_num_queries, CACHED_QUERIES)
               for user in (portal_data.leader_a, director)]
    assert counts == [CACHED_QUERIES] * 4
