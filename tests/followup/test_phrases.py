"""The Danish sentences of the follow-up, one case per row: each as a finance officer would write it."""

from decimal import Decimal as D

import pytest

from styr.followup import phrases
from styr.followup.rules import pool_use

M = D(1_000_000)


@pytest.mark.parametrize(("underspend", "previous", "expected"), [
    # Overspend now and before (reference 002, Jobcentret)
    (D("-1.02") * M, D("-1.6") * M,
     "Jobcentret forventer et merforbrug på -1,0 mio. kr. (ved seneste opfølgning et forventet merforbrug på "
     "-1,6 mio. kr.)."),
    # Overspend now, underspend before
    (D("-0.4") * M, D("0.3") * M,
     "Jobcentret forventer et merforbrug på -0,4 mio. kr. (ved seneste opfølgning et forventet mindreforbrug på "
     "0,3 mio. kr.)."),
    # Underspend, first round: no comparison
    (D("19.1") * M, None, "Jobcentret forventer et mindreforbrug på 19,1 mio. kr."),
    # Unchanged once rounded as the table rounds
    (D("-1.04") * M, D("-0.96") * M,
     "Jobcentret forventer et merforbrug på -1,0 mio. kr. (uændret i forhold til seneste opfølgning)."),
    # Balance: less than 0,05 mio. kr. either way
    (D("-40000"), D("-1.6") * M,
     "Jobcentret forventer balance mellem budget og forventet regnskab (ved seneste opfølgning et forventet "
     "merforbrug på -1,6 mio. kr.)."),
    (D("2.0") * M, D("20000"),
     "Jobcentret forventer et mindreforbrug på 2,0 mio. kr. (ved seneste opfølgning forventedes balance)."),
])
def test_the_area_sentence_adapts_to_the_numbers(underspend, previous, expected):
    assert phrases.area_sentence("Jobcentret", underspend, previous) == expected


def test_an_overspend_is_printed_positive_where_the_municipality_counts_plus_as_overspend(settings):
    settings.STYR_DEVIATION_CONVENTION = "forbrug_minus_budget"
    assert phrases.area_sentence("Borgerservice", D("-400000"), None) == (
        "Borgerservice forventer et merforbrug på 0,4 mio. kr.")


def test_the_general_sentence_for_an_area_of_another_committee():
    assert phrases.expected_sentence(D("-8.7") * M, D("-9.2") * M, where="i 2022 på området") == (
        "Der forventes et merforbrug på -8,7 mio. kr. i 2022 på området (ved seneste opfølgning et forventet "
        "merforbrug på -9,2 mio. kr.).")


def test_an_overspend_carried_in_and_partly_won_back():
    assert phrases.carried_overspend_sentence("Borgerservice", D("-0.6") * M, D("0.2") * M, 2022) == (
        "Borgerservice har fået overført et merforbrug på -0,6 mio. kr. fra 2021 og forventer at indhente "
        "0,2 mio. kr. i 2022.")
    assert phrases.carried_overspend_sentence("Borgerservice", D("-0.6") * M, D("-0.1") * M, 2022).endswith(
        "og forventer ikke at indhente noget af det i 2022.")


@pytest.mark.parametrize(("use", "previous", "ending"), [
    (pool_use(5 * M, D(0)), pool_use(5 * M, D(0)),
     "Der forventes aktuelt ikke et træk på puljen (uændret i forhold til sidste måned)."),
    (pool_use(10 * M, D("-8.7") * M), pool_use(10 * M, D("-9.2") * M),
     "Der forventes et træk på puljen på 8,7 mio. kr., så der resterer 1,3 mio. kr. (ved seneste opfølgning "
     "9,2 mio. kr.)."),
    (pool_use(9 * M, D("-26.8") * M), None,
     "Der forventes et træk på hele puljen på 9,0 mio. kr."),
])
def test_the_demography_pool_says_what_is_drawn_and_what_is_left(use, previous, ending):
    text = phrases.pool_sentences(committee="Økonomiudvalget", name_phrase="en demografipulje", year=2022,
                                  use=use, previous=previous)
    assert text.startswith(f"Der er på Økonomiudvalgets område afsat {phrases.fmt_mio(use.amount)} for 2022 i "
                           "en demografipulje.")
    assert text.endswith(ending)


def test_the_service_frame_sentence_compares_with_the_original_budget():
    assert phrases.service_sentence(D("38.6") * M, D("38.2") * M) == (
        "Der forventes et mindreforbrug på serviceudgifter på 38,6 mio. kr. (sidste opfølgning et forventet "
        "mindreforbrug på 38,2 mio. kr.) i forhold til oprindeligt budget.")


def test_the_capital_sentences_carry_the_remainder_to_next_year():
    text = phrases.capital_sentences(year=2022, underspend=D("74.4") * M, previous=D("61.2") * M,
                                     transfer=D("74.4") * M, used_next_year=D("73.0") * M,
                                     underspend_next_year=D("1.4") * M)
    assert text == ("På anlæg forventes et mindreforbrug i 2022 på 74,4 mio. kr. (sidste opfølgning et forventet "
                    "mindreforbrug på 61,2 mio. kr.). Restbevillingen forventes overført til udførelse i 2023, hvor "
                    "der forventes forbrugt 73,0 mio. kr. samt et mindreforbrug på 1,4 mio. kr.")


def test_the_resume_and_the_economic_consequences():
    import datetime

    assert phrases.resume_sentence(year=2022, month_end=datetime.date(2022, 7, 31), underspend=D("46.1") * M,
                                   previous=D("45.7") * M) == (
        "Økonomistaben fremlægger budgetopfølgning pr. 31. juli 2022. Dispositionsregnskaberne viser et samlet "
        "mindreforbrug på 46,1 mio. kr. i forhold til korrigeret budget og inden anvendelse af demografipuljer "
        "(ved seneste opfølgning 45,7 mio. kr.).")
    assert phrases.consequence_line("Drift", 2022, D("46.1") * M) == (
        "Drift 2022: 46,1 mio. kr. i forventet mindreforbrug")
    assert phrases.consequence_line("Drift", 2022, D("-1.2") * M) == "Drift 2022: -1,2 mio. kr. i forventet merforbrug"


def test_the_annual_report_opening_as_in_the_reference_document():
    assert phrases.annual_opening(name="Direktion og sekretariater", year=2013, actual=D("43.2") * M,
                                  original=D("78.8") * M, corrected=D("46.0") * M) == [
        "Driftsregnskabet for Direktion og sekretariater for 2013 viser et forbrug på 43,2 mio. kr. jf. tabel 1.",
        "I forhold til det oprindelige budget på 78,8 mio. kr. udgør mindreforbruget 35,6 mio. kr.",
        "Set i forhold til det korrigerede budget på 46,0 mio. kr. udgør mindreforbruget 2,8 mio. kr.",
    ]
    assert phrases.contribution_bullet("Digitalisering og effektivisering", D("-0.5") * M) == (
        "Merforbrug på 0,5 mio. kr. på Digitalisering og effektivisering.")
