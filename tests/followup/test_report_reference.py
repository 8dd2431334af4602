"""The generated agenda item reproduces reference document 002, item 3 ("Budgetopfølgning pr.
31. juli 2022 - Økonomiudvalgets eget område") from a round built with its figures
(tests/followup/report_factories.py says how the figures were chosen).

Where the text differs from 002 it does so on purpose: every area sentence names the area as the
organisation does ("Jobcentret administration forventer …", where 002 writes "Jobcentret forventer
…"), and signs are consistent. 002 writes Borgerservice's previous figure as "et forventet
merforbrug på 0,3 mio. kr." without the minus every other overspend in it has; an overspend is
negative here throughout, so our text says "-0,3 mio. kr.".
"""

import pytest

from styr.followup import report
from tests.followup.report_factories import build_reference_round


@pytest.fixture
def reference(cast):
    return build_reference_round(cast)


@pytest.fixture
def item(reference):
    return report.agenda_item(report.round_report(reference.round, reference.oeu))


def paragraph(item, reference, key):
    return item.paragraph_of(reference.units[key].code)


def test_the_title_resume_recommendation_and_treatment_are_those_of_the_reference(item):
    assert item.title == "Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område"
    assert item.resume == (
        "Økonomistaben fremlægger budgetopfølgning pr. 31. juli 2022. Dispositionsregnskaberne viser et samlet "
        "mindreforbrug på 46,1 mio. kr. i forhold til korrigeret budget og inden anvendelse af demografipuljer "
        "(ved seneste opfølgning 45,7 mio. kr.).")
    assert item.recommendation_text == "Direktøren indstiller, at orienteringen tages til efterretning."
    assert item.treatment_text == "Direktionen, Økonomiudvalget."
    assert item.opening == [
        "Baggrunden for budgetopfølgningen er partnerskabsholdernes dispositionsregnskaber.",
        "Såfremt en partnerskabsholder forventer merforbrug, vil der blive udarbejdet en handleplan i dialog med "
        "direktøren og Økonomistaben."]
    assert item.attachments == ["Månedsrapport pr. 31. juli 2022 - Økonomiudvalget"]


def test_the_job_centre_expects_an_overspend_and_has_no_carry_over_access(item, reference):
    assert paragraph(item, reference, "jobcentret") == (
        "Jobcentret administration forventer et merforbrug på -1,0 mio. kr. (ved seneste opfølgning et forventet "
        "merforbrug på -1,6 mio. kr.). Merforbruget vedrører hovedsageligt udgifter til lægeerklæringer. "
        "Der er ikke overførselsadgang på området.")


def test_citizen_service_wins_back_part_of_its_carried_in_overspend_after_an_action_plan_meeting(item, reference):
    # 002 prints the previous figure as "merforbrug på 0,3 mio. kr."; see the module docstring.
    assert paragraph(item, reference, "borgerservice") == (
        "Borgerservice administration forventer et merforbrug på -0,4 mio. kr. (ved seneste opfølgning et forventet "
        "merforbrug på -0,3 mio. kr.). Borgerservice administration har fået overført et merforbrug på -0,6 mio. kr. "
        "fra 2021 og forventer at indhente 0,2 mio. kr. i 2022. Der er afholdt handleplansmøde ultimo august måned.")


@pytest.mark.parametrize(("key", "sentence"), [
    ("voksenspecial", "Voksenspecialenheden forventer et merforbrug på -0,6 mio. kr. (ved seneste opfølgning et "
                      "forventet merforbrug på -0,7 mio. kr.). Merforbruget skyldes manglende indtægter fra overhead"),
    ("digitalisering", "Digitalisering og IT fællesudgifter forventer et merforbrug på -1,3 mio. kr. (ved seneste "
                       "opfølgning et forventet merforbrug på -1,2 mio. kr.). Merforbruget skyldes, at statens"),
])
def test_each_area_with_a_deviation_gets_its_sentence_then_the_budget_holders_explanation(item, reference, key,
                                                                                           sentence):
    assert paragraph(item, reference, key).startswith(sentence)


def test_the_stability_pool_not_expected_used_shows_as_underspend_in_its_holders_line(item, reference):
    assert paragraph(item, reference, "oekonomi") == (
        "Økonomi fællesudgifter forventer et mindreforbrug på 19,1 mio. kr. (ved seneste opfølgning et forventet "
        "mindreforbrug på 20,2 mio. kr.). Mindreforbruget vedrører hovedsageligt, at den afsatte pulje på "
        "20,0 mio. kr. til sikring af en fortsat stabilitet og et uændret serviceniveau på velfærdsområderne ikke "
        "forudsættes anvendt. Ændringen fra sidste måned skyldes primært øgede udgifter til langtidssygdomspuljen "
        "og krisesamtaler for medarbejdere.")


def test_each_demography_pool_says_what_is_drawn_for_the_area_it_finances(item):
    pools = {s.heading: " ".join(s.paragraphs) for s in item.sections}
    assert pools["Børn og Familie, demografipulje"].startswith(
        "Der er på Økonomiudvalgets område afsat 5,0 mio. kr. for 2022 i en demografipulje til imødegåelse af den "
        "demografiske udvikling på børne- og familieområdet. Der forventes aktuelt ikke et træk på puljen (uændret "
        "i forhold til sidste måned).")
    health = pools["Sundhed og Myndighed, demografipulje"]
    assert "afsat 10,0 mio. kr. for 2022 i en demografipulje som sikkerhed for det politisk fastsatte " \
           "serviceniveau på hjemmehjælpsområdet." in health
    assert "Et eventuelt merforbrug i Sundhed og Myndighed (på Ældre- og Sundhedsudvalgets område) finansieres af " \
           "denne pulje." in health
    assert health.endswith("Der forventes et merforbrug på -8,7 mio. kr. i 2022 på området (ved seneste opfølgning "
                           "et forventet merforbrug på -9,2 mio. kr.).")
    disability = pools["Voksen-handicapområdet, demografipulje"]
    assert "Der forventes et træk på hele puljen på 9,0 mio. kr. (uændret i forhold til sidste måned)." in disability
    assert "(på Socialudvalgets område)" in disability
    assert disability.endswith("Der forventes et merforbrug på -26,8 mio. kr. i 2022 på området (ved seneste "
                               "opfølgning et forventet merforbrug på -23,0 mio. kr.).")


def test_the_pool_holder_has_no_paragraph_of_its_own_only_its_pools(item, reference):
    headings = [s.heading for s in item.sections]
    assert "Demografipuljer" not in headings
    assert headings.index("Børn og Familie, demografipulje") < headings.index("Digitalisering og IT fællesudgifter")


def test_areas_near_balance_are_counted_in_a_closing_line(item):
    headings = [s.heading for s in item.sections]
    assert "Kommunalbestyrelsen" not in headings and "Administrationsbygninger" not in headings
    rest = next(s for s in item.sections if s.heading == "Øvrige områder")
    assert rest.paragraphs == ["De øvrige 2 områder forventer hver en afvigelse på under 0,3 mio. kr., i alt et "
                               "mindreforbrug på 0,2 mio. kr. Heraf forventer 1 balance."]


def test_an_area_under_the_threshold_with_an_explanation_gets_a_paragraph(reference):
    from styr.followup.models import Forecast

    Forecast.objects.filter(round=reference.round, unit=reference.units["bygninger"]).update(
        explanation="Udskudt vedligehold af taget på rådhuset.")
    item = report.agenda_item(report.round_report(reference.round, reference.oeu))
    assert item.paragraph_of(reference.units["bygninger"].code) == (
        "Administrationsbygninger forventer et mindreforbrug på 0,2 mio. kr. (ved seneste opfølgning et forventet "
        "mindreforbrug på 0,1 mio. kr.). Udskudt vedligehold af taget på rådhuset.")


def test_the_paragraph_threshold_is_a_setting(reference, settings):
    settings.STYR_REPORT_PARAGRAPH_THRESHOLD = 100_000
    item = report.agenda_item(report.round_report(reference.round, reference.oeu))
    assert "Administrationsbygninger" in [s.heading for s in item.sections]


def test_the_service_frame_is_measured_against_the_original_budget(item):
    service = next(s for s in item.sections if s.heading == "Serviceudgifter")
    assert service.paragraphs[0].startswith("I aftalen mellem regeringen og KL om kommunernes økonomi i 2022 er der "
                                            "sat en ramme for kommunernes samlede udgifter til service.")
    assert service.paragraphs[1] == (
        "Der forventes et mindreforbrug på serviceudgifter på 38,6 mio. kr. (sidste opfølgning et forventet "
        "mindreforbrug på 38,2 mio. kr.) i forhold til oprindeligt budget.")
    assert service.paragraphs[2].startswith("Mindreforbruget på serviceudgifterne skal ses i sammenhæng med, at den "
                                            "afsatte pulje på 20,0 mio. kr.")


def test_capital_is_transferred_to_next_year_where_most_of_it_is_spent(item):
    capital = next(s for s in item.sections if s.heading == "Anlæg")
    assert capital.paragraphs == [
        "På anlæg forventes et mindreforbrug i 2022 på 74,4 mio. kr. (sidste opfølgning et forventet mindreforbrug "
        "på 61,2 mio. kr.). Restbevillingen forventes overført til udførelse i 2023, hvor der forventes forbrugt "
        "73,0 mio. kr. samt et mindreforbrug på 1,4 mio. kr."]


def test_the_economic_consequences_are_those_of_the_reference(item):
    assert item.consequences == ["Drift 2022: 46,1 mio. kr. i forventet mindreforbrug",
                                 "Serviceramme 2022: 38,6 mio. kr. i forventet mindreforbrug",
                                 "Anlæg 2022: 74,4 mio. kr. i forventet mindreforbrug"]


def test_the_case_text_for_the_meeting_holds_the_headings_and_paragraphs_in_order(item):
    text = item.case_text()
    assert text.startswith("Baggrunden for budgetopfølgningen er partnerskabsholdernes dispositionsregnskaber.")
    assert "\n\nJobcentret administration\n\nJobcentret administration forventer et merforbrug" in text
    assert text.index("Serviceudgifter") < text.index("\n\nAnlæg\n\n")


def test_the_whole_municipality_groups_the_areas_under_their_committees(reference):
    item = report.agenda_item(report.round_report(reference.round))
    assert item.title == "Budgetopfølgning pr. 31. juli 2022 - hele kommunen"
    levels = [(s.heading, s.level) for s in item.sections]
    assert ("Socialudvalget", 3) in levels and ("Handicap og Psykiatri", 4) in levels
    # The three areas of the test municipality without budgets or forecasts are said to be missing.
    assert any("mangler endnu et forventet regnskab" in p for p in item.opening)


def test_a_committee_outside_the_round_is_refused(reference, cast):
    with pytest.raises(report.ReportRefused):
        report.report_scope(reference.round, cast.org.b1.code)
    assert report.report_scope(reference.round, "OEU") == reference.oeu
    assert report.report_scope(reference.round, None) == reference.round.scope
