"""Drill-down pages: from the overview to the single postings, for the users who may see them."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.budget.models import Dranst
from styr.budget.views import PAGE_SIZE

from ..factories import make_unit
from .budget_factories import make_budget_line, make_change_line, make_posting


@pytest.fixture
def ledger(cast):
    make_budget_line("100100", 1_200_000)
    make_budget_line("100300", 2_400_000, function="5.30.27")
    make_change_line("100300", 120_000, function="5.30.27")
    make_posting("100100", D("14063.50"), month=7, text="Kridt og tavler", voucher="B-1001")
    make_posting("100300", D("-2093.80"), month=7, function="5.30.27", art="7.1", text="Egenbetaling", voucher="B-2001")
    make_posting("100300", 180_000, month=6, function="5.30.27", text="Løn juni", voucher="L-0601")
    make_posting("100310", 40_000, month=3, dranst=Dranst.ANLAEG, function="5.30.27", art="4.0",
                 text="Ny hæve-sænke-seng")
    return cast


def get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def test_finance_sees_the_municipality_with_committees_as_rows_and_danish_numbers(client, ledger):
    page = get(client, ledger.finance, "budget-overview", aar=2022, maaned=7).content.decode()
    assert "Testkommune" in page and "Børne- og Ungeudvalget" in page and "Ældre- og Sundhedsudvalget" in page
    assert "januar–juli 2022" in page and "(1.000 kr.)" in page
    assert "2.520" in page  # Plejecenter's KB: 2.400.000 + 120.000 kr. in 1.000 kr.
    assert "Afvigelse <span" in page and "KB − forbrug; + = mindreforbrug" in page
    assert "heraf serviceudgifter" in page and "<h2>Anlæg</h2>" in page


def test_the_overview_opens_on_the_latest_month_with_postings(client, ledger):
    page = get(client, ledger.finance, "budget-overview").content.decode()
    assert "januar–juli 2022" in page


def test_a_leader_starts_at_their_own_unit_and_sees_nothing_above_it(client, ledger):
    page = get(client, ledger.leader_a, "budget-overview", aar=2022, maaned=7).content.decode()
    assert "Egebjerg Skole" in page and "Indskoling" in page and "SFO" in page
    assert "Testkommune" not in page and "Plejecenter" not in page and "Børne- og Ungeudvalget" not in page


def test_the_breadcrumbs_show_only_the_ancestors_the_leader_may_see(client, ledger):
    page = get(client, ledger.leader_a, "budget-unit", "E2", aar=2022, maaned=7).content.decode()
    crumbs = page[page.index('aria-label="Brødkrumme"'):page.index("</nav>", page.index('aria-label="Brødkrumme"'))]
    assert "Egebjerg Skole" in crumbs and "Budget og regnskab" in crumbs
    assert "Børne- og Ungeudvalget" not in crumbs and "Testkommune" not in crumbs
    assert "Tilbage til Egebjerg Skole" in page


@pytest.mark.parametrize(("name", "code"), [
    ("budget-unit", "B3"), ("budget-unit", "E3"), ("budget-unit-excel", "B3"),
    ("budget-cost-centre", "100300"), ("budget-cost-centre", "100310"),
    ("budget-postings", "100300"), ("budget-postings-excel", "100300"),
])
def test_a_leader_of_b1_gets_404_on_every_page_and_export_of_b3(client, ledger, name, code):
    assert get(client, ledger.leader_a, name, code).status_code == 404
    assert get(client, ledger.leader_b, name, code).status_code == 200


@pytest.mark.parametrize("name", ["budget-cost-centre", "budget-postings", "budget-postings-excel"])
def test_an_unknown_cost_centre_is_404_like_one_outside_the_subtree(client, ledger, name):
    assert get(client, ledger.finance, name, "999999").status_code == 404


def test_a_cost_centre_shows_its_accounts_with_links_to_their_postings(client, ledger):
    page = get(client, ledger.leader_b, "budget-cost-centre", "100300", aar=2022, maaned=7).content.decode()
    assert "5.30.27 · 1 · 1.0" in page and "5.30.27 · 1 · 7.1" in page
    assert "Pleje og omsorg af ældre · Drift · Lønninger" in page
    assert "funktion=5.30.27&amp;dranst=1&amp;art=1.0" in page
    assert "Tilbage til Plejecenter Lindholm" in page


def test_a_cost_centre_without_budget_or_postings_says_so_in_words(client, ledger):
    page = get(client, ledger.finance, "budget-cost-centre", "100130", aar=2022, maaned=7).content.decode()
    assert "Der er hverken budget eller posteringer på omkostningsstedet i januar–juli 2022." in page


def test_the_posting_list_shows_postings_with_danish_dates_and_amounts(client, ledger):
    page = get(client, ledger.leader_b, "budget-postings", "100300", aar=2022, maaned=7).content.decode()
    assert "Egenbetaling" in page and "-2.093,80" in page and "15-07-2022" in page and "180.000,00" in page


def test_the_posting_list_of_an_empty_month_says_so_in_words(client, ledger):
    page = get(client, ledger.finance, "budget-postings", "100100", aar=2022, fra=5, maaned=5).content.decode()
    assert "Der er ingen posteringer på omkostningsstedet i maj 2022." in page


def test_the_posting_list_searches_text_and_voucher_number(client, ledger):
    by_text = get(client, ledger.finance, "budget-postings", "100300", aar=2022, maaned=7, q="egenbet").content.decode()
    assert "Egenbetaling" in by_text and "Løn juni" not in by_text
    by_voucher = get(client, ledger.finance, "budget-postings", "100300", aar=2022, maaned=7, q="L-06").content.decode()
    assert "Løn juni" in by_voucher and "Egenbetaling" not in by_voucher
    nothing = get(client, ledger.finance, "budget-postings", "100300", aar=2022, maaned=7, q="zzz").content.decode()
    assert "passer til filtret" in nothing


def test_the_posting_list_filters_by_account_and_month(client, ledger):
    page = get(client, ledger.finance, "budget-postings", "100300", aar=2022, maaned=7, art="7.1").content.decode()
    assert "Egenbetaling" in page and "Løn juni" not in page
    page = get(client, ledger.finance, "budget-postings", "100300", aar=2022, fra=6, maaned=6).content.decode()
    assert "Løn juni" in page and "Egenbetaling" not in page


def amounts_on(response) -> list[D]:
    return [p.amount for p in response.context["page"].object_list]


def test_the_posting_list_is_paged_fifty_at_a_time_and_sortable(client, cast):
    for i in range(PAGE_SIZE + 7):
        make_posting("100200", i + 1, month=1 + i % 6, day=1 + i % 28, voucher=f"V{i:03d}")
    first = get(client, cast.finance, "budget-postings", "100200", aar=2022, maaned=6)
    assert len(amounts_on(first)) == PAGE_SIZE and "Side 1 af 2" in first.content.decode()
    second = get(client, cast.finance, "budget-postings", "100200", aar=2022, maaned=6, side=2)
    assert len(amounts_on(second)) == 7
    by_amount = get(client, cast.finance, "budget-postings", "100200", aar=2022, maaned=6, sort="-beloeb")
    assert amounts_on(by_amount)[:3] == [D("57.00"), D("56.00"), D("55.00")]
    ascending = get(client, cast.finance, "budget-postings", "100200", aar=2022, maaned=6, sort="beloeb")
    assert amounts_on(ascending)[0] == D("1.00")
    by_date = get(client, cast.finance, "budget-postings", "100200", aar=2022, maaned=6, sort="dato")
    dates = [p.date for p in by_date.context["page"].object_list]
    assert dates == sorted(dates) and dates[0].month == 1
    nonsense = get(client, cast.finance, "budget-postings", "100200", sort="; drop table", side="x", maaned="13")
    assert nonsense.status_code == 200


def test_the_excel_export_holds_the_filtered_postings_with_their_amounts(client, ledger):
    response = get(client, ledger.leader_b, "budget-postings-excel", "100300", aar=2022, maaned=7, art="1.0")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "posteringer-100300-2022-01-07.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Posteringer på omkostningssted 100300"
    header = rows.index(next(r for r in rows if r and r[0] == "Dato"))
    data = rows[header + 1:]
    assert [(r[2], D(str(r[-1]))) for r in data] == [("Løn juni", D("180000"))]
    assert sheet.freeze_panes == f"A{header + 2}"


def test_the_unit_export_has_the_overview_totals(client, ledger):
    response = get(client, ledger.finance, "budget-unit-excel", "U2", aar=2022, maaned=7)
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    total = next(r for r in rows if r[2] == "i alt" and r[3] == "drift")
    assert D(str(total[5])) == D("2520000") and D(str(total[7])) == D("177906.2")


def test_the_overview_page_takes_the_same_number_of_queries_however_many_units(client, ledger,
                                                                           django_assert_max_num_queries):
    client.force_login(ledger.finance)
    url = reverse("budget-unit", args=["U1"])
    client.get(url)  # the session and the first-request work out of the way
    cache.clear()  # both measures compute the overview; a cached one takes fewer queries still
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"aar": 2022, "maaned": 7})
    for i in range(12):
        unit = make_unit(f"X{i}", f"Skole {i}", ledger.org.u1, cost_centres=(f"9{i:05d}",))
        make_unit(f"Y{i}", f"Afdeling {i}", unit, cost_centres=(f"8{i:05d}",))
        make_budget_line(f"9{i:05d}", 1000)
        make_posting(f"8{i:05d}", 10, month=3)
    with django_assert_max_num_queries(len(small)):
        page = client.get(url, {"aar": 2022, "maaned": 7})
    assert "Skole 11" in page.content.decode()
    assert len(small) <= 16


@pytest.mark.parametrize(("name", "code", "limit"), [
    ("budget-cost-centre", "100300", 14),
    ("budget-postings", "100300", 14),
])
def test_the_cost_centre_and_posting_pages_take_a_fixed_number_of_queries(client, ledger, name, code, limit,
                                                                           django_assert_max_num_queries):
    for i in range(120):
        make_posting(code, i, month=1 + i % 7, function="5.30.27", art=("1.0", "2.2", "4.0")[i % 3])
    client.force_login(ledger.leader_b)
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(name, args=[code]), {"aar": 2022, "maaned": 7}).status_code == 200
