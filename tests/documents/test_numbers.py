"""Danish numbers and dates, as DOMAIN.md §7 writes them."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.template import Context, Template

from styr.documents import numbers as n


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1406800, 0, "1.406.800"),
    (D("-2093.8"), 1, "-2.093,8"),
    (D("-2093.75"), 1, "-2.093,8"),  # half away from zero, also below zero
    (D("2.5"), 0, "3"),
    (D("-2.5"), 0, "-3"),
    (D("0.125"), 2, "0,13"),
    (D("-0.4"), 0, "0"),  # rounds to zero: no sign
    (0, 0, "0"),
    (999, 0, "999"),
    (1000, 0, "1.000"),
    (D("1234567.891"), 2, "1.234.567,89"),
    (D("-1000000"), 0, "-1.000.000"),
    (None, 0, "–"),
])
def test_numbers_have_dots_for_thousands_and_a_decimal_comma(value, decimals, expected):
    assert n.fmt_number(value, decimals) == expected


@pytest.mark.parametrize(("function", "value", "expected"), [
    (n.fmt_kr, 8000, "8.000 kr."),
    (n.fmt_kr, D("-8000.50"), "-8.001 kr."),
    (n.fmt_mio, D("46123456"), "46,1 mio. kr."),
    (n.fmt_mio, D("46150000"), "46,2 mio. kr."),
    (n.fmt_mio, D("-2093800"), "-2,1 mio. kr."),
    (n.fmt_mia, D("4250000000"), "4,3 mia. kr."),
    (n.fmt_tkr, D("1406800"), "1.407"),
    (n.fmt_tkr, D("-2093800"), "-2.094"),
    (n.fmt_tkr, D("499.99"), "0"),
    (n.fmt_amount, 8000, "8.000 kr."),
    (n.fmt_amount, D("46123456"), "46,1 mio. kr."),
    (n.fmt_amount, D("1200000000"), "1,2 mia. kr."),
    (n.fmt_percent, D("4.8"), "4,8 %"),
    (n.fmt_percent, D("-0.05"), "-0,1 %"),
    (n.fmt_pp, D("1.2"), "1,2 procentpoint"),
])
def test_amounts_and_percentages_carry_their_unit_after_the_number(function, value, expected):
    assert function(value) == expected


def test_a_table_may_use_a_true_minus_sign_but_the_default_is_a_hyphen():
    assert n.fmt_tkr(D("-2093800"), minus=n.MINUS) == "\u22122.094"
    assert n.fmt_number(-5) == "-5"


def test_mio_can_leave_the_unit_to_the_table_header():
    assert n.fmt_mio(D("46123456"), unit=False) == "46,1"


def test_a_share_is_a_percentage_of_the_whole_and_a_dash_without_a_whole():
    assert n.fmt_share(48, 1000) == "4,8 %"
    assert n.fmt_share(48, 0) == "–"


def test_float_is_refused_because_it_cannot_hold_oere_exactly():
    with pytest.raises(TypeError):
        n.fmt_kr(0.1)


@pytest.mark.parametrize(("function", "value", "expected"), [
    (n.fmt_date_long, date(2022, 7, 31), "31. juli 2022"),
    (n.fmt_date_long, date(2022, 1, 1), "1. januar 2022"),
    (n.fmt_as_of, date(2016, 12, 31), "pr. 31. december 2016"),
    (n.fmt_date_short, date(2022, 8, 29), "29-08-2022"),
    (n.fmt_date_short, date(2022, 3, 5), "05-03-2022"),
    # 22:30 UTC on 31 July is already 1 August in Copenhagen.
    (n.fmt_date_long, datetime(2022, 7, 31, 22, 30, tzinfo=UTC), "1. august 2022"),
    (n.fmt_date_long, None, "–"),
])
def test_dates_are_written_the_danish_way(function, value, expected):
    assert function(value) == expected


def test_months_have_danish_names_and_ranges_an_en_dash():
    assert [n.month_name(m) for m in (1, 3, 5, 12)] == ["januar", "marts", "maj", "december"]
    assert n.fmt_period(202207) == "juli 2022"
    assert n.fmt_month_range(2022, 1, 7) == "januar–juli 2022"
    assert n.fmt_month_range(2022, 7, 7) == "juli 2022"


def test_periods_are_said_as_runs_of_months():
    assert n.fmt_periods(list(range(202201, 202213))) == "januar–december 2022"
    assert n.fmt_periods([202211, 202205]) == "maj 2022 og november 2022"
    assert n.fmt_periods([202211, 202212, 202301, 202303]) == "november–december 2022, januar 2023 og marts 2023"
    assert n.fmt_periods([]) == n.EMPTY
    with pytest.raises(ValueError):
        n.month_name(13)


def test_the_template_filters_use_the_same_rules():
    template = Template("{% load danish %}{{ a|kr }}|{{ a|tkr }}|{{ b|mio }}|{{ c|procent }}|{{ c|pp }}|"
                        "{{ d|dato }}|{{ d|dato_kort }}|{{ d|pr_dato }}|{{ p|periode }}|{{ e|tal:1 }}|{{ none|kr }}")
    context = Context({"a": D("8000"), "b": D("46123456"), "c": D("4.8"), "d": date(2022, 7, 31), "p": 202207,
                       "e": D("-2093.8"), "none": None})
    assert template.render(context) == ("8.000 kr.|8|46,1 mio. kr.|4,8 %|4,8 procentpoint|31. juli 2022|31-07-2022|"
                                        "pr. 31. juli 2022|juli 2022|-2.093,8|–")


def test_an_excel_table_stores_exact_numbers_with_a_number_format_and_a_frozen_bold_header():
    import io

    import openpyxl

    from styr.documents.excel import Column, write_table

    content = write_table("Posteringer", [Column("Dato", "date"), Column("Tekst"), Column("Beløb (kr.)", "kr_oere")],
                          [[date(2022, 7, 1), "Kridt", D("-2093.80")], [date(2022, 7, 2), "Løn", D("1406800")]],
                          subtitle="januar–juli 2022")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value == "Posteringer" and sheet["A1"].font.b
    assert [c.value for c in sheet[4]] == ["Dato", "Tekst", "Beløb (kr.)"] and sheet["C4"].font.b
    assert sheet.freeze_panes == "A5"
    assert sheet["C5"].value == -2093.8 and sheet["C5"].number_format == "#,##0.00"  # Danish Excel: -2.093,80
    assert sheet["A5"].number_format == "dd-mm-yyyy"
    assert sheet.column_dimensions["B"].width >= len("Tekst")
    with pytest.raises(TypeError):
        write_table("x", [Column("Beløb", "kr")], [[0.1]])
