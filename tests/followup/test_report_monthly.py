"""The monthly report (the agenda item's appendix): totals from exact sums, and text that agrees with
the tables to the digit."""

import re
from decimal import Decimal as D

import pytest

from styr.documents.numbers import fmt_mio
from styr.followup import report, report_render
from tests.followup.report_factories import build_reference_round


@pytest.fixture
def reference(cast):
    return build_reference_round(cast)


@pytest.fixture
def rep(reference):
    return report.round_report(reference.round, reference.oeu)


def row_of(table, name):
    return next(row for row in table.rows if row[0] == name)


def test_the_totals_are_the_exact_sums_of_the_lines(rep):
    part = rep.committees[0]
    lines = [a.line for a in part.operations]
    total = part.operations_total
    assert total.corrected_budget == sum(line.forecast.corrected_budget for line in lines)
    assert total.expected == sum(line.expected for line in lines)
    assert total.underspend == sum(line.underspend for line in lines) == D("46080000.00")
    table = report_render.committee_tables(rep)[0][2][0]
    assert table.total[0] == "I alt"
    assert table.total[5] == fmt_mio(total.underspend, unit=False) == "46,1"


def test_the_rows_are_rounded_one_by_one_and_the_total_from_the_exact_sum(reference):
    # 6,14 and two areas of 0,04 mio. kr.: the rows show 6,1, 0,0 and 0,0.
    for key, deviation in (("personalepuljer", "6140000"), ("bygninger", "40000"), ("kommunalbestyrelsen", "40000")):
        forecast = reference.round.forecasts.get(unit=reference.units[key], capital=False)
        forecast.expected = forecast.corrected_budget - D(deviation)
        forecast.save()
    table = report_render.committee_tables(report.round_report(reference.round, reference.oeu))[0][2][0]
    shown = sum(D(row[5].replace(",", ".")) for row in table.rows)
    assert shown == D("45.9")
    assert table.total[5] == "46,0"  # 46,00 exactly
    assert any("afrundet for sig" in note for note in table.notes)


def test_the_amounts_in_the_text_are_the_amounts_in_the_tables(reference, rep):
    item = report.agenda_item(rep)
    table = report_render.committee_tables(rep)[0][2][0]
    for key in ("jobcentret", "borgerservice", "voksenspecial", "digitalisering", "oekonomi", "personalepuljer"):
        unit = reference.units[key]
        first_amount = re.search(r"på (-?[\d.,]+) mio\. kr\.", item.paragraph_of(unit.code))[1]
        assert first_amount == row_of(table, unit.name)[5], unit.name
    assert "46,1 mio. kr." in item.resume and report_render.summary_table(rep).total[5] == "46,1"
    assert report_render.service_table(rep).rows[0][3] == "38,6"
    capital = report_render.capital_table(rep).rows[0]
    assert (capital[3], capital[4], capital[6], capital[7]) == ("74,4", "61,2", "73,0", "1,4")


def test_the_headers_say_the_unit_and_the_sign_of_the_deviation(rep):
    header = report_render.area_header()
    assert header[1] == "Oprindeligt budget (mio. kr.)"
    assert header[5] == "Afvigelse (mio. kr.; + = mindreforbrug)"


def test_where_plus_means_overspend_the_tables_and_the_text_flip_the_sign_together(reference, settings):
    settings.STYR_DEVIATION_CONVENTION = "forbrug_minus_budget"
    rep = report.round_report(reference.round, reference.oeu)
    table = report_render.committee_tables(rep)[0][2][0]
    assert row_of(table, "Jobcentret administration")[5] == "1,0"
    assert report_render.area_header()[5] == "Afvigelse (mio. kr.; + = merforbrug)"
    assert report.agenda_item(rep).paragraph_of(reference.units["jobcentret"].code).startswith(
        "Jobcentret administration forventer et merforbrug på 1,0 mio. kr.")


def test_the_pools_table_shows_the_financed_area_on_another_committee_and_the_unused_stability_pool(rep):
    table = report_render.pool_table(rep)
    health = row_of(table, "Sundhed og Myndighed, demografipulje")
    assert health[1:4] == ["10,0", "8,7", "1,3"]
    assert health[4] == "Merforbrug på Sundhed og Myndighed (Ældre- og Sundhedsudvalget)"
    stability = row_of(table, "Pulje til stabilitet og uændret serviceniveau")
    assert stability[1:4] == ["20,0", "0,0", "20,0"]
    assert "indgår som mindreforbrug på Økonomi fællesudgifter" in stability[4]


def test_a_forecast_not_yet_entered_counts_with_its_budget_and_is_marked(reference):
    from styr.followup.models import Forecast

    Forecast.objects.filter(round=reference.round, unit=reference.units["bygninger"]).update(expected=None)
    rep = report.round_report(reference.round, reference.oeu)
    row = row_of(report_render.committee_tables(rep)[0][2][0], "Administrationsbygninger")
    assert row[4].endswith(" *") and row[5] == "0,0 *"
    assert report_render.NOT_ENTERED_NOTE in report_render.committee_tables(rep)[0][2][0].notes


def test_the_forecast_develops_month_by_month_for_the_whole_municipality_and_each_committee(reference):
    rep = report.round_report(reference.round)
    assert rep.history.months == [6, 7]
    assert rep.history.series["Hele kommunen"] == [rep.previous_underspend, rep.underspend]
    assert rep.history.series["Økonomiudvalget"][0] == D("45700000.00")
    assert rep.history.series["Økonomiudvalget"][-1] == D("46080000.00")
    chart = report_render.history_chart(rep)
    assert chart.title == "Forventet afvigelse måned for måned, Hele kommunen"
    assert chart.header[0] == "Opfølgning" and chart.rows[0][0] == "jun. 22"
    committee = report_render.history_chart(rep, "Økonomiudvalget")
    assert committee.formatted_rows() == [("jun. 22", "45,7"), ("jul. 22", "46,1")]
    table = report_render.history_table(rep)
    assert table.header[0] == "Opfølgning" and len(table.header) == 1 + len(rep.history.series)
    assert table.rows[1][table.header.index("Økonomiudvalget (mio. kr.; + = mindreforbrug)")] == "46,1"


def test_each_committee_has_a_bar_chart_of_its_areas_deviation(rep):
    chart = report_render.committee_chart(rep, 0)
    assert chart.title == "Forventet afvigelse, Økonomiudvalget"
    assert chart.unit == "mio. kr."
    assert ("Jobcentret administration", D("-1.02")) in chart.rows


def test_a_committee_with_many_areas_charts_its_largest_deviations(rep, monkeypatch):
    monkeypatch.setattr(report_render, "MAX_BARS", 3)
    chart = report_render.committee_chart(rep, 0)
    assert chart.title == "Forventet afvigelse, Økonomiudvalget (de 3 største afvigelser)"
    assert [label for label, _ in chart.rows] == ["Demografipuljer", "Tværgående personalepuljer",
                                                   "Økonomi fællesudgifter"]
