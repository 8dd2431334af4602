"""The annual report section of reference document 000 ("Driftsregnskabet for Direktion og
sekretariater for 2013 viser et forbrug på 43,2 mio. kr. …"), written from the year's actuals.

The four areas are chosen so that the unit's totals are 000's (OB 78,8, KB 46,0, actuals 43,2 mio.
kr.). 000's own bullets add up to 35,7 mio. kr. against its 35,6; here each bullet is rounded from
its exact figure, as the table is.
"""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from styr.followup import report, report_render
from styr.organisation.models import UnitKind
from tests.budget.budget_factories import make_budget_line, make_change_line, make_posting
from tests.factories import make_unit

M = D(1_000_000)
YEAR = 2013
# name: (OB, change to KB, actuals) in mio. kr.
AREAS = {
    "Kommunalbestyrelsen, råd og nævn": ("10.0", "-0.5", "8.7"),
    "Kommunaldirektørens ramme": ("50.0", "-35.5", "15.34"),  # pools released to other areas lower its KB
    "Øvrige direktørområder": ("12.0", "0", "11.82"),
    "Digitalisering og effektivisering": ("6.8", "3.2", "7.3"),  # last year's underspend carried over
}


@pytest.fixture
def direction(cast):
    unit = make_unit("DOS", "Direktion og sekretariater", cast.org.root, kind=UnitKind.COMMITTEE)
    for number, (name, (ob, change, actual)) in enumerate(AREAS.items(), start=1):
        centre = f"8{number:02d}000"
        make_unit(f"DOS{number}", name, unit, kind=UnitKind.BUDGET_HOLDER, cost_centres=(centre,))
        make_budget_line(centre, D(ob) * M, year=YEAR)
        if D(change):
            make_change_line(centre, D(change) * M, year=YEAR)
        make_posting(centre, D(actual) * M, year=YEAR, month=12)
    return unit


def test_the_opening_says_spend_and_the_deviation_against_original_and_corrected_budget(direction):
    annual = report.annual_report(direction, YEAR)
    assert annual.title == "Årsrapport 2013 - Direktion og sekretariater"
    assert annual.opening == [
        "Driftsregnskabet for Direktion og sekretariater for 2013 viser et forbrug på 43,2 mio. kr. jf. tabel 1.",
        "I forhold til det oprindelige budget på 78,8 mio. kr. udgør mindreforbruget 35,6 mio. kr.",
        "Set i forhold til det korrigerede budget på 46,0 mio. kr. udgør mindreforbruget 2,8 mio. kr.",
    ]


def test_the_bullets_list_each_areas_contribution_against_the_original_budget(direction):
    annual = report.annual_report(direction, YEAR)
    assert annual.contributions_intro == ("Det samlede mindreforbrug på 35,6 mio. kr. i forhold til det oprindelige "
                                          "budget består af:")
    assert annual.contributions == [
        "Merforbrug på 0,5 mio. kr. på Digitalisering og effektivisering.",
        "Mindreforbrug på 1,3 mio. kr. på Kommunalbestyrelsen, råd og nævn.",
        "Mindreforbrug på 34,7 mio. kr. på Kommunaldirektørens ramme.",
        "Mindreforbrug på 0,2 mio. kr. på Øvrige direktørområder.",
    ]


def test_areas_in_balance_share_one_bullet(direction, cast):
    for number in (5, 6):
        centre = f"8{number:02d}000"
        make_unit(f"DOS{number}", f"Område {number}", direction, kind=UnitKind.BUDGET_HOLDER, cost_centres=(centre,))
        make_budget_line(centre, M, year=YEAR)
        make_posting(centre, M, year=YEAR, month=12)
    assert report.annual_report(direction, YEAR).contributions[-1] == "Balance på de øvrige 2 områder."


def test_table_1_holds_each_area_and_the_total_as_the_text_says(direction):
    table = report_render.annual_table(report.annual_report(direction, YEAR))
    assert table.caption == "Tabel 1: Driftsregnskab 2013, Direktion og sekretariater"
    assert ["Kommunaldirektørens ramme", "50,0", "14,5", "15,3", "34,7", "-0,8"] in table.rows
    assert table.total == ["I alt", "78,8", "46,0", "43,2", "35,6", "2,8"]


def test_a_year_not_yet_closed_is_called_preliminary(direction):
    make_posting("801000", D(1000), year=YEAR + 1, month=3)
    assert report.annual_report(direction, YEAR + 1).preliminary_note == (
        "Regnskabet er foreløbigt: der er posteringer til og med marts 2014.")
    assert report.annual_report(direction, YEAR).preliminary_note == ""


def test_the_annual_report_as_word_pdf_and_excel(direction):
    annual = report.annual_report(direction, YEAR)
    from docx import Document

    doc = Document(io.BytesIO(report_render.render_annual(annual, "docx").data))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == ["Budgetafvigelser"]
    assert "Mindreforbrug på 34,7 mio. kr. på Kommunaldirektørens ramme." in [p.text for p in doc.paragraphs]
    pdf = report_render.render_annual(annual, "pdf")
    assert pdf.filename == "aarsrapport-2013-direktion-og-sekretariater.pdf" and pdf.data.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(report_render.render_annual(annual, "xlsx").data))
    total = [c.value for c in book["Tabel 1"][9]]
    assert total[0] == "I alt" and D(str(total[3])) == D("43160000")
