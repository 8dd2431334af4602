"""The round page costs the same number of queries whatever the number of areas."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.followup.services import open_round
from styr.organisation.models import UnitKind
from tests.factories import make_unit


def queries_for_round_page(client, round_) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("followup-round", args=[round_.pk])).status_code == 200
    return len(captured)


def test_the_round_page_does_not_grow_with_the_municipality(client, cast):
    client.force_login(cast.finance)
    small = open_round(year=2022, month=6, scope=cast.org.root, deadline=datetime.date(2022, 7, 10))
    small_count = queries_for_round_page(client, small)
    for number in range(6):
        make_unit(f"BX{number}", f"Ny skole {number}", cast.org.u1, kind=UnitKind.BUDGET_HOLDER,
                  cost_centres=(f"90{number}000",))
    large = open_round(year=2022, month=7, scope=cast.org.root, deadline=datetime.date(2022, 8, 10))
    assert large.forecasts.count() > small.forecasts.count() + 5
    assert queries_for_round_page(client, large) == small_count
