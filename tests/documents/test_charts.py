"""Charts: they render as SVG and PNG, say Danish numbers, leave gaps for missing values and describe
themselves to those who cannot see them."""

import re
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from styr.documents.charts import NEGATIVE, PRIMARY, bar_chart, line_chart

MONTHS = ["jan. 22", "feb. 22", "mar. 22", "apr. 22", "maj 22", "jun. 22"]
SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


def texts(svg: str) -> list[str]:
    root = parse(svg)
    return ["".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")]


def test_a_line_chart_renders_as_svg_with_title_and_description_and_as_png():
    chart = line_chart(MONTHS, {"Sygefravær": [Decimal("5.1"), Decimal("4.8"), Decimal("4.6"), Decimal("4.2"),
                                                Decimal("3.9"), Decimal("3.7")]},
                       title="Sygefravær", unit="%")
    root = parse(chart.svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").text == "Sygefravær" and root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.get("width") is None and root.get("viewBox")  # scales with the page
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n") and len(chart.png) > 10_000
    assert "<?xml" not in chart.svg and "<metadata" not in chart.svg


def test_the_axis_and_the_labels_use_danish_numbers_and_say_the_unit():
    values = [Decimal(v) for v in ("401234567", "395000000", "412500000", "388000000", "420000000", "403000000")]
    chart = line_chart(MONTHS, {"Likviditet": values}, title="Likvide aktiver ultimo", unit="kr.")
    labels = texts(chart.svg)
    assert "mio. kr." in labels
    assert "403,0" in labels  # the last value at the line's end, with a decimal comma
    ticks = [t for t in labels if re.fullmatch(r"[0-9.]+(,[0-9]+)?", t)]
    assert ticks and not any("," in t and "." in t.split(",")[1] for t in ticks)
    assert chart.unit == "mio. kr." and chart.header == ("", "Likviditet (mio. kr.)") and chart.kind == "line"
    assert chart.formatted_rows()[0] == ("jan. 22", "401,2")


def test_thousands_are_separated_by_dots_on_the_axis():
    chart = bar_chart([str(year) for year in range(2019, 2049)], [48_735 + 250 * i for i in range(30)],
                      title="Befolkning", unit="personer")
    labels = texts(chart.svg)
    assert any(re.fullmatch(r"[0-9]{2}\.[0-9]{3}", t) for t in labels), labels  # e.g. "50.000"
    assert "personer" in labels


def test_missing_values_are_gaps_in_the_line_not_zeros():
    values = [Decimal("4.0"), Decimal("4.5"), None, None, Decimal("5.0"), Decimal("5.5")]
    chart = line_chart(MONTHS, {"Sygefravær": values}, title="Sygefravær", unit="%")
    line = next(path for path in parse(chart.svg).iter(f"{SVG}path")
                if PRIMARY in (path.get("style") or "") and "stroke-width: 2" in path.get("style"))
    moves = re.findall(r"M ", line.get("d"))
    assert len(moves) == 2  # the line is lifted over the gap: two pieces
    assert chart.formatted_rows()[2] == ("mar. 22", "–")
    assert "Data mangler for 2 punkter" in chart.alt_text


def test_a_lone_value_between_gaps_is_shown_as_a_dot():
    chart = line_chart(MONTHS, {"Sygefravær": [None, None, Decimal("4.2"), None, None, None]},
                       title="Sygefravær", unit="%")
    assert "<use" in chart.svg  # matplotlib draws markers as <use> of one marker shape
    assert "senest 4,2 % (mar. 22)" in chart.alt_text


def test_several_lines_are_named_at_their_end_and_described():
    chart = line_chart(MONTHS, {"Kommunen": [Decimal("5")] * 6, "Landsgennemsnit": [Decimal("4.5")] * 6},
                       title="Sygefravær", unit="%", reference_line=(Decimal("4"), "Mål"))
    labels = texts(chart.svg)
    assert "Kommunen" in labels and "Landsgennemsnit" in labels and "Mål (4,0 %)" in labels
    assert chart.alt_text == (
        "Kurvediagram: Sygefravær (%) fra jan. 22 til jun. 22. Kommunen: senest 5,0 % (jun. 22), det samme hele "
        "perioden. Landsgennemsnit: senest 4,5 % (jun. 22), det samme hele perioden. Stiplet linje: Mål (4,0 %).")
    assert chart.rows[0] == ("jan. 22", Decimal("5"), Decimal("4.5"))


def test_a_daily_series_gets_a_time_axis_labelled_by_month_and_dated_rows():
    days = [date(2022, 1, 1) + timedelta(days=i) for i in range(365)]
    chart = line_chart(days, {"Likviditet": [Decimal(400_000_000 + i * 10_000) for i in range(365)]},
                       title="Likviditet pr. dag", unit="kr.", reference_line=0)
    labels = texts(chart.svg)
    assert "jan. 22" in labels and "jul. 22" in labels and "01-01-2022" not in labels
    assert chart.formatted_rows()[-1] == ("31-12-2022", "403,6")


def test_bars_below_zero_are_red_and_carry_their_number():
    chart = bar_chart(["jul.", "aug.", "sep."], [Decimal("1500000"), Decimal("-2300000"), Decimal("400000")],
                      title="Ændring i restancer", unit="kr.")
    assert NEGATIVE in chart.svg and PRIMARY in chart.svg
    labels = texts(chart.svg)
    assert {"1,5", "−2,3", "0,4"} <= set(labels) or {"1,5", "-2,3", "0,4"} <= set(labels)
    assert chart.alt_text == ("Søjlediagram: Ændring i restancer (mio. kr.). 3 søjler fra jul. til sep. "
                              "Højest: jul. med 1,5 mio. kr. Lavest: aug. med -2,3 mio. kr.")
    calm = bar_chart(["a", "b"], [Decimal(-1), Decimal(1)], title="x", unit="", highlight_negative=False)
    assert NEGATIVE not in calm.svg


def test_long_labels_make_horizontal_bars_with_a_reference_line():
    units = ["Egebjerg Skole", "Dagtilbud Nord", "Plejecenter Lindholm"]
    chart = bar_chart(units, [Decimal("5.1"), None, Decimal("7.2")], title="Sygefravær pr. område", unit="%",
                      reference_line=(Decimal("4.5"), "Landsgennemsnit"))
    labels = texts(chart.svg)
    assert "Plejecenter Lindholm" in labels and "Landsgennemsnit (4,5 %)" in labels and "7,2" in labels
    assert chart.formatted_rows() == [("Egebjerg Skole", "5,1"), ("Dagtilbud Nord", "–"),
                                      ("Plejecenter Lindholm", "7,2")]
    assert "Stiplet linje: Landsgennemsnit (4,5 %)." in chart.alt_text


def test_text_from_users_is_escaped_and_never_read_as_mathematics():
    chart = bar_chart(["<b>A&B</b>", "Pris $5$"], [Decimal(1), Decimal(2)], title="Test <script>", unit="antal")
    parse(chart.svg)  # still well-formed
    assert "<script>" not in chart.svg and "Test &lt;script&gt;" in chart.svg
    assert "Pris $5$" in texts(chart.svg)


def test_two_charts_on_one_page_do_not_share_element_ids():
    first = line_chart(MONTHS, {"a": [Decimal(1)] * 6}, title="Første", unit="")
    second = line_chart(MONTHS, {"a": [Decimal(2)] * 6}, title="Anden", unit="")
    ids = lambda svg: set(re.findall(r'\sid="([^"]+)"', svg))  # noqa: E731
    assert ids(first.svg) and not ids(first.svg) & ids(second.svg)
    for ref in re.findall(r'(?:url\(#|href="#)([^")]+)', first.svg):
        assert ref in ids(first.svg)
    assert ".styr-chart *{" in first.svg and "\n  <style type=\"text/css\">*{" not in first.svg


def test_the_same_data_draws_the_same_svg():
    def make():
        return line_chart(MONTHS, {"a": [Decimal(i) for i in range(6)]}, title="Stabil", unit="%").svg

    assert make() == make()


def test_floats_are_refused_and_lengths_must_match():
    with pytest.raises(TypeError):
        bar_chart(["a"], [1.5], title="x", unit="")
    with pytest.raises(ValueError, match="2 etiketter, men 1 værdier"):
        bar_chart(["a", "b"], [Decimal(1)], title="x", unit="")
    with pytest.raises(ValueError, match="serien «a»"):
        line_chart(MONTHS, {"a": [Decimal(1)]}, title="x", unit="")


def test_a_chart_without_any_data_still_renders_and_says_so():
    chart = line_chart(MONTHS, {"Befolkning": [None] * 6}, title="Befolkning", unit="personer")
    assert chart.svg and chart.png
    assert "Befolkning: ingen data." in chart.alt_text


def test_a_bar_chart_without_bars_still_renders():
    chart = bar_chart([], [], title="Sygefravær pr. udvalg", unit="%")
    assert chart.svg and chart.png and chart.alt_text == "Søjlediagram: Sygefravær pr. udvalg (%). Der er ingen data."
