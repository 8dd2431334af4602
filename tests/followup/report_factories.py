"""A round built to match reference document 002, item 3 ("Budgetopfølgning pr. 31. juli 2022 -
Økonomiudvalgets eget område"), with the budget factories and the follow-up services.

Each area's corrected budget (KB) and expected result are chosen so that KB − expected is the
deviation 002 prints, now and at the previous round (June). The Økonomiudvalg's own areas add up
to 002's 46,1 mio. kr. (45,7 before) with the three demography pools of 24 mio. kr. unused on its
own area ("inden anvendelse af demografipuljer"); two areas that 002 does not mention (in
"Øvrige områder") and one it does not name (Tværgående personalepuljer) make up the difference.
All operations are service expenditure, and KB − OB is +7,5 mio. kr. on the committee (a carry-over
of -0,6 and a supplementary grant of +8,1), so the service frame against the ORIGINAL budget is
46,08 − 7,5 = 38,6 mio. kr. (45,7 − 7,5 = 38,2 before).
"""

import datetime
from decimal import Decimal as D
from types import SimpleNamespace

from styr.budget.models import ChangeKind, Dranst
from styr.followup import services
from styr.followup.models import AreaSetting, Pool, PoolKind
from styr.organisation.models import UnitKind
from tests.budget.budget_factories import make_budget_line, make_change_line, make_posting
from tests.factories import make_unit

M = D(1_000_000)
YEAR = 2022

# key: (name, committee key, OB, change to KB, deviation now, deviation in June) in mio. kr.;
# deviation = KB − expected (an overspend is negative, as 002 prints it).
AREAS = {
    "jobcentret": ("Jobcentret administration", "oeu", "30", "0", "-1.02", "-1.6"),
    "borgerservice": ("Borgerservice administration", "oeu", "12", "-0.6", "-0.4", "-0.3"),
    "voksenspecial": ("Voksenspecialenheden", "oeu", "40", "0", "-0.6", "-0.7"),
    "digitalisering": ("Digitalisering og IT fællesudgifter", "oeu", "25", "0", "-1.3", "-1.2"),
    "oekonomi": ("Økonomi fællesudgifter", "oeu", "60", "0", "19.1", "20.2"),
    "puljer": ("Demografipuljer", "oeu", "24", "0", "24", "24"),
    "personalepuljer": ("Tværgående personalepuljer", "oeu", "10", "8.1", "6.1", "5.2"),
    "bygninger": ("Administrationsbygninger", "oeu", "8", "0", "0.2", "0.1"),
    "kommunalbestyrelsen": ("Kommunalbestyrelsen", "oeu", "6", "0", "0", "0"),
    "boern": ("Børn og Familie", "u1", "50", "0", "0.1", "0"),
    "sundhed": ("Sundhed og Myndighed", "u2", "80", "0", "-8.7", "-9.2"),
    "handicap": ("Handicap og Psykiatri", "su", "120", "0", "-26.8", "-23.0"),
}
EXPLANATIONS = {
    "jobcentret": "Merforbruget vedrører hovedsageligt udgifter til lægeerklæringer.",
    "voksenspecial": ("Merforbruget skyldes manglende indtægter fra overhead på grund af tomme pladser på botilbud, "
                      "og der er som følge heraf igangsat en plan for tilpasning af medarbejderstaben."),
    "digitalisering": ("Merforbruget skyldes, at statens overtagelse af opgaven med beregning og opkrævning af "
                       "ejendomsskatter er udskudt til 2024."),
    "oekonomi": ("Ændringen fra sidste måned skyldes primært øgede udgifter til langtidssygdomspuljen og "
                 "krisesamtaler for medarbejdere."),
    "personalepuljer": "Puljerne til løn og kompetenceudvikling udmøntes i efteråret.",
}
# Capital on Digitalisering og IT: KB 100, expected 25,6 (June 38,8), 73,0 spent next year.
CAPITAL = {"kb": "100", "expected": "25.6", "previous": "38.8", "next_year": "73.0"}
POOLS = [
    ("Børn og Familie, demografipulje", 5, "boern",
     "til imødegåelse af den demografiske udvikling på børne- og familieområdet"),
    ("Sundhed og Myndighed, demografipulje", 10, "sundhed",
     "som sikkerhed for det politisk fastsatte serviceniveau på hjemmehjælpsområdet"),
    ("Voksen-handicapområdet, demografipulje", 9, "handicap",
     "til imødegåelse af den demografiske udvikling på voksen-handicapområdet"),
]
STABILITY = ("Pulje til stabilitet og uændret serviceniveau", 20,
             "til sikring af en fortsat stabilitet og et uændret serviceniveau på velfærdsområderne")


def mio(text: str) -> D:
    return D(text) * M


def build_reference_round(cast) -> SimpleNamespace:
    """The July 2022 round of the whole municipality (and June before it), as 002 describes it."""
    org = cast.org
    committees = {
        "oeu": make_unit("OEU", "Økonomiudvalget", org.root, kind=UnitKind.COMMITTEE),
        "su": make_unit("SU", "Socialudvalget", org.root, kind=UnitKind.COMMITTEE),
        "u1": org.u1, "u2": org.u2,
    }
    units = {}
    for number, (key, (name, committee, ob, change, _, _)) in enumerate(AREAS.items(), start=1):
        centre = f"9{number:02d}000"
        units[key] = make_unit(f"R{number:02d}", name, committees[committee], kind=UnitKind.BUDGET_HOLDER,
                               cost_centres=(centre,))
        make_budget_line(centre, mio(ob), year=YEAR)
        if D(change) < 0:
            make_change_line(centre, mio(change), year=YEAR, kind=ChangeKind.CARRY_OVER)
        elif D(change) > 0:
            make_change_line(centre, mio(change), year=YEAR)
        make_posting(centre, (mio(ob) * 7 / 12).quantize(D("0.01")), year=YEAR, month=7)
    capital_centre = units["digitalisering"].cost_centres.get().code
    make_budget_line(capital_centre, mio(CAPITAL["kb"]), year=YEAR, dranst=Dranst.ANLAEG, art="4.0")
    make_posting(capital_centre, mio("12.5"), year=YEAR, month=6, dranst=Dranst.ANLAEG, art="4.0")

    AreaSetting.objects.create(unit=units["jobcentret"], carry_over_allowed=False, carry_over_cap_percent=0)
    for name, amount, financed, description in POOLS:
        Pool.objects.create(year=YEAR, name=name, kind=PoolKind.DEMOGRAPHY, holder=units["puljer"],
                            amount=amount * M, finances=units[financed], description=description)
    Pool.objects.create(year=YEAR, name=STABILITY[0], kind=PoolKind.STABILITY, holder=units["oekonomi"],
                        amount=STABILITY[1] * M, description=STABILITY[2])
    services.record_action_plan_meeting(units["borgerservice"], held_on=datetime.date(YEAR, 8, 29))

    june = services.open_round(year=YEAR, month=6, scope=org.root, deadline=datetime.date(YEAR, 7, 10),
                               created_by=cast.finance)
    _answer(june, cast, units, now=False)
    services.close_round(june, user=cast.finance)
    july = services.open_round(year=YEAR, month=7, scope=org.root, deadline=datetime.date(YEAR, 8, 10),
                               created_by=cast.finance)
    _answer(july, cast, units, now=True)
    return SimpleNamespace(june=june, round=july, units=units, committees=committees, oeu=committees["oeu"])


def _answer(round_, cast, units, *, now: bool) -> None:
    for key, (_, _, _, _, deviation_now, deviation_before) in AREAS.items():
        forecast = round_.forecasts.get(unit=units[key], capital=False)
        deviation = mio(deviation_now if now else deviation_before)
        services.save_forecast(forecast, user=cast.finance, expected=forecast.corrected_budget - deviation,
                               explanation=EXPLANATIONS.get(key, "") if now else "")
    capital = round_.forecasts.get(unit=units["digitalisering"], capital=True)
    services.save_forecast(capital, user=cast.finance, expected=mio(CAPITAL["expected" if now else "previous"]),
                           explanation="", expected_next_year=mio(CAPITAL["next_year"]) if now else None)
