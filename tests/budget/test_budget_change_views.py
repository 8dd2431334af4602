"""Finance staff record budget changes through the page; leaders see those that touch them."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from styr.budget.models import BudgetChange
from styr.budget.services import ChangeLineInput, record_budget_change

from .chart_factories import make_small_chart


@pytest.fixture
def chart(cast):
    make_small_chart(2022)
    return cast


def form_data(kind="omplacering", amounts=("-250.000", "250.000"), **extra):
    data = {"kind": kind, "decided_on": "12-05-2022", "body": "Økonomiudvalget", "meeting_date": "",
            "case_number": "22-010739", "text": "Flytning", "financing": "",
            "linje-TOTAL_FORMS": str(len(amounts)), "linje-INITIAL_FORMS": "0", "linje-MIN_NUM_FORMS": "1",
            "linje-MAX_NUM_FORMS": "200"}
    for i, (cost_centre, amount) in enumerate(zip(["100100", "100120", "100300"], amounts, strict=False)):
        data.update({f"linje-{i}-cost_centre": cost_centre, f"linje-{i}-function": "32201",
                     f"linje-{i}-dranst": "1", f"linje-{i}-art": "10", f"linje-{i}-amount": amount})
    data.update(extra)
    return data


def test_finance_staff_record_a_reallocation_typed_the_danish_way(client, chart):
    client.force_login(chart.finance)
    response = client.post(reverse("budget-change-create"), form_data())
    change = BudgetChange.objects.get()
    assert response.status_code == 302 and response.url == reverse("budget-change-detail", args=[change.pk])
    assert sorted(line.amount for line in change.lines.all()) == [D("-250000.00"), D("250000.00")]
    assert change.created_by == chart.finance
    page = client.get(response.url).content.decode()
    assert "-250.000,00" in page and "Økonomiudvalget" in page


def test_an_unbalanced_reallocation_is_shown_back_with_the_reason_and_not_saved(client, chart):
    client.force_login(chart.finance)
    page = client.post(reverse("budget-change-create"), form_data(amounts=("-250.000", "200.000"))).content.decode()
    assert "skal gå i nul" in page and "-50.000,00 kr." in page
    assert 'value="200.000"' in page  # what was typed is kept
    assert not BudgetChange.objects.exists()


def test_an_amount_that_is_not_a_number_is_marked_on_its_field(client, chart):
    client.force_login(chart.finance)
    page = client.post(reverse("budget-change-create"), form_data(amounts=("-250.000", "to hundrede"))).content
    assert "er ikke et beløb" in page.decode()
    assert not BudgetChange.objects.exists()


def test_more_lines_can_be_added_without_javascript(client, chart):
    client.force_login(chart.finance)
    page = client.post(reverse("budget-change-create"), form_data(flere="1")).content.decode()
    assert 'name="linje-3-amount"' in page and not BudgetChange.objects.exists()


def test_a_leader_sees_only_the_changes_that_touch_their_units(client, chart):
    for cost_centre, text in (("100100", "Skolen"), ("100300", "Plejecentret")):
        record_budget_change(year=2022, kind="overfoersel", decided_on=datetime.date(2022, 3, 1), body="KB",
                             text=text, lines=[ChangeLineInput(cost_centre, "3.22.01", 1, "1.0", D(1000))])
    client.force_login(chart.leader_a)
    page = client.get(reverse("budget-changes"), {"aar": 2022}).content.decode()
    assert "Skolen" in page and "Plejecentret" not in page
    client.force_login(chart.director)
    page = client.get(reverse("budget-changes"), {"aar": 2022}).content.decode()
    assert "Skolen" in page and "Plejecentret" in page
