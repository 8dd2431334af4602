import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.core.danish_values import parse_amount, parse_date, parse_int, parse_period

# --- parse_amount -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-12.345,67", "-12345.67"),
        ("12.345,67", "12345.67"),
        ("12345,67", "12345.67"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("-0,5", "-0.5"),
        ("12345", "12345"),
        ("0", "0"),
        ("0,001", "0.001"),
        ("123,00-", "-123.00"),
        ("1.234,50-", "-1234.50"),
        ("  42,10  ", "42.10"),
        ("\u00a042\u00a0", "42"),
        ("1\u00a0234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1 234 567,89", "1234567.89"),
        ("- 5", "-5"),
    ],
)
def test_danish_amounts_are_parsed(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12345.67", "12345.67"), ("-12345.67", "-12345.67"), ("1.5", "1.5"), ("0.05", "0.05")],
)
def test_machine_amounts_with_one_dot_and_at_most_two_decimals_are_parsed(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_a_dot_followed_by_three_digits_is_a_thousands_separator_not_a_decimal_point():
    assert parse_amount("1.234") == Decimal("1234")
    assert parse_amount("1.23") == Decimal("1.23")


def test_an_amount_keeps_its_decimals_exactly_and_never_goes_through_float():
    result = parse_amount("12.345.678.901.234.567,89")
    assert isinstance(result, Decimal)
    assert result == Decimal("12345678901234567.89")
    assert str(parse_amount("0,10")) == "0.10"


def test_a_negative_zero_amount_comes_back_as_plain_zero():
    assert str(parse_amount("-0,00")) == "0.00"
    assert str(parse_amount("0,00-")) == "0.00"


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1,2,3",
        "12,3,4",
        "1.23.4,5",
        "1.2345",
        "1234.567",
        "12.34.56",
        "1.234.5",
        "12.345.67",
        "1,234.56",
        "1.234 567,89",
        "12,",
        ",5",
        "--5",
        "-5-",
        "+5",
        "5 -1",
        "1e5",
        "NaN",
        "Infinity",
        "1_000",
        "½",
        "١٢",
        "kr. 100",
        "100 kr.",
    ],
)
def test_malformed_amounts_are_rejected_with_a_danish_example(text):
    with pytest.raises(ValueError, match="er ikke et beløb; forventet fx -12.345,67"):
        parse_amount(text)


def test_the_amount_message_quotes_the_value():
    with pytest.raises(ValueError) as error:
        parse_amount(" 12,3,4 ")
    assert str(error.value) == "«12,3,4» er ikke et beløb; forventet fx -12.345,67"


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_an_empty_amount_is_rejected_as_empty(text):
    with pytest.raises(ValueError) as error:
        parse_amount(text)
    assert str(error.value) == "feltet er tomt; forventet et beløb, fx -12.345,67"


def format_danish(amount: Decimal, separator: str = ".", trailing_minus: bool = False) -> str:
    """The way Danish Excel and ERPs print an amount with two decimals."""
    whole, decimals = f"{amount.copy_abs():.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = f"{separator.join(groups)},{decimals}"
    if amount < 0:
        return f"{text}-" if trailing_minus else f"-{text}"
    return text


@given(
    amount=st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2),
    separator=st.sampled_from([".", "\u00a0", ""]),
    trailing_minus=st.booleans(),
)
def test_any_danish_formatted_amount_parses_back_to_the_same_value(amount, separator, trailing_minus):
    assert parse_amount(format_danish(amount, separator, trailing_minus)) == amount


@given(st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2))
def test_any_amount_parses_back_from_machine_form(amount):
    assert parse_amount(f"{amount:.2f}") == amount


# --- parse_int --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("-5", -5),
        ("5-", -5),
        ("1.234", 1234),
        ("1.234.567", 1234567),
        ("1\u00a0000", 1000),
        (" 7 ", 7),
        ("007", 7),
        ("-0", 0),
    ],
)
def test_whole_numbers_are_parsed(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize("text", ["1,5", "1.5", "1.2345", "abc", "1e3", "--1", "+1", "١"])
def test_malformed_whole_numbers_are_rejected(text):
    with pytest.raises(ValueError) as error:
        parse_int(text)
    assert str(error.value) == f"«{text}» er ikke et heltal; forventet fx 1.234 eller -5"


def test_an_empty_whole_number_is_rejected_as_empty():
    with pytest.raises(ValueError, match="^feltet er tomt; forventet et heltal"):
        parse_int(" ")


# --- parse_date -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["31-07-2022", "31.07.2022", "31/07/2022", "2022-07-31", "31-7-2022", " 31-07-2022 ", "2022-7-31"],
)
def test_danish_and_iso_dates_are_parsed(text):
    assert parse_date(text) == dt.date(2022, 7, 31)


def test_a_single_digit_day_and_month_are_accepted():
    assert parse_date("1.2.2023") == dt.date(2023, 2, 1)


def test_a_leap_day_is_accepted_only_in_a_leap_year():
    assert parse_date("29-02-2024") == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="ikke en gyldig dato"):
        parse_date("29-02-2023")


def test_an_impossible_date_is_rejected_with_a_danish_message():
    with pytest.raises(ValueError) as error:
        parse_date("31-02-2022")
    assert str(error.value) == "«31-02-2022» er ikke en gyldig dato; forventet fx 31-07-2022 eller 2022-07-31"


@pytest.mark.parametrize(
    "text",
    [
        "2022-02-30",
        "31-13-2022",
        "00-07-2022",
        "31-07-22",
        "31-07/2022",
        "2022/07/31",
        "31072022",
        "i går",
        "31-07-2022 12:00",
        "0000-01-01",
    ],
)
def test_malformed_dates_are_rejected(text):
    with pytest.raises(ValueError, match="er ikke en gyldig dato; forventet fx 31-07-2022 eller 2022-07-31"):
        parse_date(text)


def test_an_empty_date_is_rejected_as_empty():
    with pytest.raises(ValueError, match="^feltet er tomt; forventet en dato"):
        parse_date("")


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_any_date_parses_back_from_every_accepted_format(day):
    for pattern in ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"):
        assert parse_date(day.strftime(pattern)) == day


# --- parse_period -----------------------------------------------------------


@pytest.mark.parametrize("text", ["2022-07", "07-2022", "2022.07", "7-2022", "07.2022", " 2022-07 "])
def test_periods_are_parsed_to_year_and_month(text):
    assert parse_period(text) == (2022, 7)


@pytest.mark.parametrize(
    "text", ["2022-13", "00-2022", "2022-00", "2022", "22-07", "juli 2022", "2022-07-31"]
)
def test_malformed_periods_are_rejected(text):
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert str(error.value) == f"«{text}» er ikke en gyldig periode; forventet fx 2022-07 eller 07-2022"


def test_an_empty_period_is_rejected_as_empty():
    with pytest.raises(ValueError, match="^feltet er tomt; forventet en periode"):
        parse_period("")
