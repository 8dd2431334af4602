"""The meeting rules, as the municipality's minutes write them."""

import re
from datetime import date

import pytest

from styr.meetings import rules
from styr.meetings.conf import DEFAULT_CASE_NUMBER_PATTERN
from tests.meetings.meeting_factories import MINIMAL_PDF, at, office_file

PATTERN = re.compile(DEFAULT_CASE_NUMBER_PATTERN)


@pytest.mark.parametrize("number", ["22-010739", "20-082075K", "326-2018-9389", "326-2018-259179", "14/19290"])
def test_the_default_case_number_format_accepts_the_municipalitys_forms(number):
    assert rules.case_number_problem(number, PATTERN) is None


@pytest.mark.parametrize("number", ["22010739", "abc-2018-1", "22-01", "326-18-9389", "22-010739 x", "2-010739"])
def test_a_case_number_in_another_form_is_refused_with_a_danish_reason(number):
    assert "kommunens format" in rules.case_number_problem(number, PATTERN)


def test_a_missing_case_number_is_refused():
    assert rules.case_number_problem(" ", PATTERN) == "Sagsnummeret mangler."


def test_kle_numbers_are_hovedgruppe_gruppe_emne_with_an_optional_handlingsfacet():
    assert rules.kle_problem("85.13.00") is None
    assert rules.kle_problem("85.13.00", "G01") is None
    assert "KLE" in rules.kle_problem("85.13")
    assert "handlingsfacet" in rules.kle_problem("85.13.00", "G1")
    assert rules.kle_problem("", "G01") == "En handlingsfacet kræver et KLE-nummer."
    assert rules.split_journal_number("85.13.00 g01") == ("85.13.00", "G01")
    assert rules.split_journal_number("85.13.00") == ("85.13.00", "")


def test_the_meeting_line_and_the_document_heading_read_as_in_the_minutes():
    assert rules.meeting_time_line(at(2022, 8, 29, 8, 30)) == "Mandag d. 29. august 2022 kl. 08:30"
    assert rules.document_heading("referat", "Direktionen", at(2022, 8, 29)) == "REFERAT Direktionen d. 29-08-2022"
    assert rules.document_heading("dagsorden", "Økonomiudvalget", date(2018, 10, 24)) == \
        "DAGSORDEN Økonomiudvalget d. 24-10-2018"
    assert rules.item_heading(5, "Orientering om sager på vej", True) == "Punkt 5: Lukket: Orientering om sager på vej"


def test_one_recommendation_is_one_sentence_and_several_are_numbered():
    assert rules.recommendation_text("Økonomichefen", ["orienteringen tages til efterretning"]) == \
        ("Økonomichefen indstiller, at orienteringen tages til efterretning.", [])
    assert rules.recommendation_text("Direktøren", ["At programmet drøftes."]) == \
        ("Direktøren indstiller, at programmet drøftes.", [])
    lead, points = rules.recommendation_text("Sekretariatschefen", ["vedhæftede dokument godkendes",
                                                                     "processen præsenteres"])
    assert lead == "Sekretariatschefen indstiller, at"
    assert points == ["vedhæftede dokument godkendes.", "processen præsenteres."]
    assert rules.recommendation_text("X", []) == ("", [])


def test_decisions_are_written_per_body_and_date():
    assert rules.decision_heading("Økonomiudvalgets", date(2018, 10, 24)) == \
        "Økonomiudvalgets møde den 24. oktober 2018:"
    assert rules.decision_sentence("Godkendt", "") == "Godkendt."
    assert rules.decision_sentence("Godkendt", "Status gives i november") == "Godkendt. Status gives i november."
    assert rules.decision_sentence("", "") == "-"
    assert rules.treatment_line(["Direktionen", "Økonomiudvalget"]) == "Direktionen, Økonomiudvalget."


def test_files_are_recognised_by_content_not_by_name():
    assert rules.detect_file_type(MINIMAL_PDF) == "pdf"
    assert rules.detect_file_type(office_file("word")) == "docx"
    assert rules.detect_file_type(office_file("xl")) == "xlsx"
    assert rules.detect_file_type(b"MZ\x90\x00 an exe renamed to .pdf") is None
    assert rules.detect_file_type(b"PK\x03\x04 not really a zip") is None
    assert rules.detect_file_type(office_file("ppt")) is None  # a ZIP, but neither Word nor Excel


def test_attachment_problems_say_what_is_wrong():
    mb = 1024 * 1024
    assert rules.attachment_problem(5, b"%PDF-", 20 * mb, "pdf") is None
    assert rules.attachment_problem(0, b"", 20 * mb, None) == "Filen er tom."
    assert "største tilladte er 20 MB" in rules.attachment_problem(21 * mb, b"%PDF-", 20 * mb, "pdf")
    assert "ikke en PDF-" in rules.attachment_problem(10, b"GIF89a", 20 * mb, None)


def test_year_wheel_entries_fall_on_the_right_meetings():
    august = [date(2022, 8, 1), date(2022, 8, 15), date(2022, 8, 29)]
    every_month = set(range(1, 13))
    assert rules.standing_item_due(every_month, "hvert", date(2022, 8, 15), august)
    assert rules.standing_item_due(every_month, "foerste", date(2022, 8, 1), august)
    assert not rules.standing_item_due(every_month, "foerste", date(2022, 8, 15), august)
    assert rules.standing_item_due(every_month, "sidste", date(2022, 8, 29), august)
    assert not rules.standing_item_due({3, 6, 9, 12}, "hvert", date(2022, 8, 29), august)
    # A new meeting not yet among the month's dates still counts.
    assert rules.standing_item_due(every_month, "sidste", date(2022, 8, 31), august)


def test_search_text_becomes_a_safe_fts5_query():
    assert rules.fts_query('budget "OR" drop*') == '"budget"* AND "or"* AND "drop"*'
    assert rules.fts_query("  ") == ""
