"""Every sentence of "Orientering om udviklingen i kommunens økonomi" from its numbers: rise, fall,
unchanged and missing data, in the reference minutes' wording (reference document 003, item 2)."""

from datetime import date
from decimal import Decimal

import pytest

from styr.keyfigures.report import (
    AbsenceFigures,
    ArrearsFigures,
    FollowUpFigures,
    HeadcountFigures,
    LiquidityFigures,
    PopulationFigures,
    ServiceFrameStatus,
    absence_point,
    arrears_point,
    follow_up_point,
    headcount_point,
    liquidity_point,
    population_point,
    service_frame_point,
)
from styr.keyfigures.rules import Absence, AverageLiquidity

D = Decimal
SEPTEMBER_2018 = date(2018, 9, 1)
MIO = 1_000_000


# --- 1. population ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "month_start", "year_before", "text"), [
    (48_735, 48_785, 48_982,  # the reference, word for word
     "Der har været et fald på 247 personer siden oktober 2017 frem til oktober 2018, hvor befolkningstallet er "
     "48.735. Et fald på 50 personer i september måned."),
    (48_735, 48_734, 48_000,
     "Der har været en stigning på 735 personer siden oktober 2017 frem til oktober 2018, hvor befolkningstallet "
     "er 48.735. En stigning på 1 person i september måned."),
    (48_735, 48_735, 48_735,
     "Befolkningstallet er uændret siden oktober 2017 og er 48.735 i oktober 2018. Befolkningstallet var uændret i "
     "september måned."),
    (48_735, None, None,
     "Befolkningstallet er 48.735 i oktober 2018; tallet for oktober 2017 foreligger ikke, så udviklingen over tolv "
     "måneder kan ikke opgøres. Tallet for september 2018 foreligger ikke, så ændringen i september måned kan ikke "
     "opgøres."),
    (None, 48_785, 48_982, "Befolkningstallet for oktober 2018 foreligger endnu ikke."),
])
def test_population(now, month_start, year_before, text):
    assert population_point(PopulationFigures(SEPTEMBER_2018, now, month_start, year_before)) == text


# --- 2. liquidity -------------------------------------------------------------------------------------


def avg(value, missing: int = 0, last_day=date(2018, 9, 30)) -> AverageLiquidity:
    return AverageLiquidity(date(2017, 10, 1), last_day, None if value is None else D(value), 365 - missing, missing)


@pytest.mark.parametrize(("end", "end_before", "average", "average_before", "text"), [
    ((date(2018, 9, 30), D("403000000")), (date(2017, 9, 30), D("390100000")), avg("470500000"),
     avg("425900000"),
     "Ultimo september ligger vores likvide aktiver på 403,0 mio. kr., hvilket er 12,9 mio. kr. højere end på samme "
     "tidspunkt i 2017. Gennemsnitlig likviditet de seneste 365 dage er 470,5 mio. kr., hvilket er 44,6 mio. kr. "
     "højere end sidste år."),
    ((date(2018, 9, 30), D("380000000")), (date(2017, 9, 30), D("403000000")), avg("400000000"),
     avg("420000000"),
     "Ultimo september ligger vores likvide aktiver på 380,0 mio. kr., hvilket er 23,0 mio. kr. lavere end på samme "
     "tidspunkt i 2017. Gennemsnitlig likviditet de seneste 365 dage er 400,0 mio. kr., hvilket er 20,0 mio. kr. "
     "lavere end sidste år."),
    ((date(2018, 9, 28), D("403000000")), (date(2017, 9, 30), D("403020000")), avg("400000000", missing=12),
     avg("400010000"),
     "Ultimo september (seneste opgørelse 28. september 2018) ligger vores likvide aktiver på 403,0 mio. kr., "
     "hvilket er det samme som på samme tidspunkt i 2017. Gennemsnitlig likviditet de seneste 365 dage er 400,0 "
     "mio. kr., hvilket er det samme som sidste år. Gennemsnittet er beregnet på de 353 af 365 dage, der er saldi "
     "for; 12 dage mangler."),
    ((date(2018, 9, 30), D("-5000000")), None, avg("-1000000"), avg(None),
     "Ultimo september ligger vores likvide aktiver på -5,0 mio. kr.; tallet for samme tidspunkt i 2017 foreligger "
     "ikke. Gennemsnitlig likviditet de seneste 365 dage er -1,0 mio. kr., og sidste års gennemsnit kan ikke "
     "opgøres. Gennemsnittet er ikke positivt, og kassekreditreglen er dermed ikke overholdt."),
    (None, None, avg(None), avg(None),
     "Der foreligger ingen likviditetstal for september 2018. Den gennemsnitlige likviditet over de seneste 365 dage "
     "kan ikke opgøres, da der ikke er saldi."),
])
def test_liquidity(end, end_before, average, average_before, text):
    assert liquidity_point(LiquidityFigures(SEPTEMBER_2018, end, end_before, average, average_before)) == text


def test_a_missing_day_in_last_years_average_is_said_too():
    text = liquidity_point(LiquidityFigures(SEPTEMBER_2018, None, None, avg("1000000"), avg("1000000", missing=1)))
    assert text.endswith("Sidste års gennemsnit er beregnet på de 364 af 365 dage, der er saldi for; 1 dag mangler.")


# --- 3. arrears ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "before", "text"), [
    ((D("80360000"), D("12500000"), D("45390000")), (D("70000000"), D("45000000")),
     "I september 2018 er restancerne til inddrivelse hos Gældsstyrelsen steget med 0,39 mio. kr. til 45,39 mio. "
     "kr. Restancerne hos kommunen er steget med 10,36 mio. kr. til 80,36 mio. kr., heraf ejendomsskatter 12,50 "
     "mio. kr."),
    ((D("60000000"), D("0"), D("44000000")), (D("70000000"), D("45000000")),
     "I september 2018 er restancerne til inddrivelse hos Gældsstyrelsen faldet med 1,00 mio. kr. til 44,00 mio. "
     "kr. Restancerne hos kommunen er faldet med 10,00 mio. kr. til 60,00 mio. kr."),
    ((D("70002000"), D("1000000"), D("45000000")), (D("70000000"), D("45000000")),
     "I september 2018 er restancerne til inddrivelse hos Gældsstyrelsen uændrede på 45,00 mio. kr. Restancerne "
     "hos kommunen er uændrede på 70,00 mio. kr., heraf ejendomsskatter 1,00 mio. kr."),
    ((D("70000000"), D("0"), D("45000000")), (None, None),
     "I september 2018 er restancerne til inddrivelse hos Gældsstyrelsen på 45,00 mio. kr.; tallet for august 2018 "
     "foreligger ikke, så ændringen kan ikke opgøres. Restancerne hos kommunen er på 70,00 mio. kr.; tallet for "
     "august 2018 foreligger ikke, så ændringen kan ikke opgøres."),
    ((None, None, None), (D("70000000"), D("45000000")), "Der foreligger ingen restancetal for september 2018."),
])
def test_arrears(now, before, text):
    assert arrears_point(ArrearsFigures(SEPTEMBER_2018, *now, *before)) == text


# --- 4. sick leave ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "month_before", "year_before", "national", "text"), [
    (D("4.8"), D("3.6"), D("4.8"), None,
     "Sygefraværet i september 2018 ligger på 4,8 %, hvilket er 1,2 procentpoint højere end fraværet i august 2018, "
     "hvor det var på 3,6 %. Fraværet i september 2017 var det samme, 4,8 %."),
    (D("3.9"), D("4.2"), D("5.1"), D("4.5"),
     "Sygefraværet i september 2018 ligger på 3,9 %, hvilket er 0,3 procentpoint lavere end fraværet i august 2018, "
     "hvor det var på 4,2 %. I september 2017 var fraværet 5,1 %, så det er 1,2 procentpoint lavere end samme måned "
     "sidste år. Landsgennemsnittet for september 2018 er 4,5 %."),
    (D("4.83"), D("4.78"), D("4.1"), None,
     "Sygefraværet i september 2018 ligger på 4,8 %, hvilket er det samme som fraværet i august 2018. I september "
     "2017 var fraværet 4,1 %, så det er 0,7 procentpoint højere end samme måned sidste år."),
    (D("4.8"), None, None, None,
     "Sygefraværet i september 2018 ligger på 4,8 %; fraværet for august 2018 foreligger ikke. Fraværet for "
     "september 2017 foreligger ikke."),
    (None, D("3.6"), D("4.8"), D("4.5"), "Der foreligger ingen tal for sygefraværet i september 2018."),
])
def test_sick_leave(now, month_before, year_before, national, text):
    assert absence_point(AbsenceFigures(SEPTEMBER_2018, now, month_before, year_before, national)) == text


def area(name: str, percent: str, employees: int | None = 20) -> tuple[str, Absence]:
    return name, Absence(D(percent), D(100), employees)


@pytest.mark.parametrize(("units", "national", "text"), [
    ([area("Skolen", "6.1"), area("Plejecentret", "7.2"), area("Dagtilbuddet", "3.0")], D("4.5"),
     "2 bevillingsområder har i september 2018 et sygefravær over landsgennemsnittet på 4,5 % og følges op: "
     "Plejecentret (7,2 %) og Skolen (6,1 %)."),
    ([area("Skolen", "6.1"), area("Dagtilbuddet", "3.0")], D("4.5"),
     "1 bevillingsområde har i september 2018 et sygefravær over landsgennemsnittet på 4,5 % og følges op: "
     "Skolen (6,1 %)."),
    ([area("Dagtilbuddet", "3.0")], D("4.5"),
     "Ingen bevillingsområder har i september 2018 et sygefravær over landsgennemsnittet på 4,5 %."),
    ([area("Skolen", "6.1"), area("Sundhedsplejen", "9.0", employees=3)], D("4.5"),
     "1 bevillingsområde har i september 2018 et sygefravær over landsgennemsnittet på 4,5 % og følges op: "
     "Skolen (6,1 %). 1 område med færre end 5 medarbejdere ligger desuden over landsgennemsnittet; de nævnes "
     "ikke, da tallene kan pege på enkeltpersoners helbred."),
    ([area("Sundhedsplejen", "9.0", employees=3), area("Musikskolen", "8.0", employees=None)], D("4.5"),
     "Ingen bevillingsområder har i september 2018 et sygefravær over landsgennemsnittet på 4,5 %. 2 områder med "
     "færre end 5 medarbejdere ligger over landsgennemsnittet; de nævnes ikke, da tallene kan pege på "
     "enkeltpersoners helbred."),
    ([area("Skolen", "6.1")], None,
     "Landsgennemsnittet for sygefravær i september 2018 foreligger ikke, så bevillingsområderne kan ikke "
     "sammenlignes med det."),
    ([], D("4.5"), "Sygefraværet pr. bevillingsområde for september 2018 foreligger ikke."),
])
def test_follow_up_of_areas_above_the_national_average(units, national, text):
    assert follow_up_point(FollowUpFigures(SEPTEMBER_2018, national, units, minimum=5)) == text


def test_a_long_list_of_areas_names_the_highest_and_refers_to_the_table():
    units = [area(f"Område {i:02d}", f"{5 + i / 10}") for i in range(11)]
    text = follow_up_point(FollowUpFigures(SEPTEMBER_2018, D("4.5"), units, minimum=5))
    assert text.startswith("11 bevillingsområder har i september 2018 et sygefravær over landsgennemsnittet på "
                           "4,5 % og følges op, højest: Område 10 (6,0 %), Område 09 (5,9 %)")
    assert text.endswith("Område 03 (5,3 %) og 3 andre (se tabellen i bilaget).")


# --- 5. headcount -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persons", "fte", "month_before", "year_before", "text"), [
    (3812, D("3201.4"), 3800, 3857,
     "I september 2018 er der 3.812 ansatte svarende til 3.201,4 årsværk. Det er 12 flere end i august 2018 og 45 "
     "færre end i september 2017."),
    (3812, None, 3812, None,
     "I september 2018 er der 3.812 ansatte. Det er det samme som i august 2018 og tallet for september 2017 "
     "foreligger ikke."),
    (None, None, 3800, 3857, "Der foreligger ingen tal for antal ansatte i september 2018."),
])
def test_headcount(persons, fte, month_before, year_before, text):
    assert headcount_point(HeadcountFigures(SEPTEMBER_2018, persons, fte, month_before, year_before)) == text


# --- 6. the service frame (a hook for the follow-up module) --------------------------------------------


@pytest.mark.parametrize(("status", "text"), [
    (None, "Der foreligger endnu ikke data fra budgetopfølgningen for september 2018 om servicerammen og "
           "anlægsforbruget."),
    (ServiceFrameStatus(D(54_800_000)),  # reference document 004
     "Servicerammen er i balance med et mindreforbrug på 54,8 mio. kr. Der foreligger endnu ikke valide data for "
     "anlægsforbruget."),
    (ServiceFrameStatus(D(-12_300_000), D(80_000_000), D(120_000_000)),
     "Servicerammen forventes overskredet med et merforbrug på 12,3 mio. kr. Anlægsforbruget er 80,0 mio. kr. af et "
     "korrigeret anlægsbudget på 120,0 mio. kr."),
    (ServiceFrameStatus(D(20_000)), "Servicerammen er i balance. Der foreligger endnu ikke valide data for "
                                    "anlægsforbruget."),
])
def test_service_frame(status, text):
    assert service_frame_point(SEPTEMBER_2018, status) == text
