"""The demo's Min lederside: sick-leave targets, two years of user-satisfaction surveys (read
through the real import), news from the central administration, and the leaders' tool links."""

from __future__ import annotations

import csv
import datetime
import io
import random

from django.contrib.auth import get_user_model

from styr.core.audit import acting
from styr.documents.numbers import COPENHAGEN
from styr.organisation.models import Unit, UnitKind
from styr.portal import services
from styr.portal.models import AbsenceTarget, NewsItem, ToolLink

from .context import DemoContext

QUESTIONS = ["Samlet tilfredshed", "Personalets faglighed og engagement", "Information og dialog",
             "Indflydelse på egen hverdag"]
SURVEYED = ("Skole", "Dagtilbud", "Børnehuset", "Plejecenter", "Boenheder", "Hjemmeplejen", "Botilbud",
            "Bibliotek", "Indskoling", "Mellemtrin", "Udskoling", "SFO")
TOOLS = [
    ("Løn og personale", "https://sd.eksempel-kommune.dk/", "Ansættelser, fravær og lønsedler"),
    ("Økonomisystemet", "https://oekonomi.eksempel-kommune.dk/", "Fakturaer og disponering"),
    ("Intranettet", "https://intra.eksempel-kommune.dk/", "Vejledninger og skabeloner"),
    ("Indkøbsportalen", "https://indkoeb.eksempel-kommune.dk/", "Aftaler og bestilling"),
    ("Arbejdsmiljø", "https://apv.eksempel-kommune.dk/", "APV og trivselsmålinger"),
]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("portal")
    finance = get_user_model().objects.get(username="oekonomi")
    with acting(finance, source="styr demo"):
        _targets()
        result = services.import_satisfaction(_survey_file(ctx, rng), "brugertilfredshed.csv", user=finance)
        _news(ctx, finance)
        ToolLink.objects.bulk_create([ToolLink(title=title, url=url, description=text, position=n)
                                      for n, (title, url, text) in enumerate(TOOLS)])
    ctx.out(f"  {result.summary()} {NewsItem.objects.count()} nyheder og {len(TOOLS)} værktøjer.")


def _targets() -> None:
    root = Unit.objects.get(parent__isnull=True)
    targets = [AbsenceTarget(unit=root, percent=5)]
    for name, percent in (("Børne- og Ungeudvalget", "4.8"), ("Ældre- og Sundhedsudvalget", "6.0"),
                          ("Socialudvalget", "5.8")):
        unit = Unit.objects.filter(name=name, kind=UnitKind.COMMITTEE).first()
        if unit:
            targets.append(AbsenceTarget(unit=unit, percent=percent))
    AbsenceTarget.objects.bulk_create(targets)


def _survey_file(ctx: DemoContext, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["enhed_id", "aar", "spoergsmaal", "gennemsnit", "svar"])
    units = Unit.objects.open().filter(kind__in=[UnitKind.BUDGET_HOLDER, UnitKind.UNIT]).order_by("path")
    for unit in units:
        if not any(word in unit.name for word in SURVEYED):
            continue
        level = rng.uniform(3.4, 4.5)
        for year in (ctx.year - 1, ctx.year):
            answers = rng.randint(18, 260)
            for question in QUESTIONS:
                value = max(1.0, min(5.0, level + rng.gauss(0, 0.25) + (0.05 if year == ctx.year else 0)))
                writer.writerow([unit.code, year, question, f"{value:.2f}".replace(".", ","), answers])
    return out.getvalue().encode("utf-8")


def _news(ctx: DemoContext, finance) -> None:
    def at(month: int, day: int) -> datetime.datetime:
        return datetime.datetime(ctx.year, month, day, 9, tzinfo=COPENHAGEN)

    children = Unit.objects.filter(name="Børne- og Ungeudvalget").first()
    elderly = Unit.objects.filter(name="Ældre- og Sundhedsudvalget").first()
    items = [
        ("Budgetopfølgning pr. 31. august er åben", "Giv forventet regnskab og status på dine mål senest den "
         "10. september. Kontakt din økonomikonsulent, hvis tallene ser forkerte ud.", UnitKind.BUDGET_HOLDER,
         None, at(9, 1)),
        ("Nyt om sygefraværssamtaler", "HR har opdateret vejledningen om sygefraværssamtaler. Den nye vejledning "
         "ligger på intranettet.", "", None, at(8, 25)),
        ("Ny skema for elevfravær", "Skolerne skal fra næste måned indberette elevfravær i det nye skema.", "",
         children, at(8, 18)),
        ("Vikarbudget i ældreplejen", "Direktionen har besluttet en fælles pulje til vikarer i ældreplejen i "
         "efteråret. Læs mere om ansøgning på intranettet.", "", elderly, at(8, 12)),
        ("Sommerferie og lukkedage", "Husk at registrere lukkedage i løn- og personalesystemet.", UnitKind.UNIT,
         None, at(6, 20)),
        ("Årsregnskabet er godkendt", "Kommunalbestyrelsen har godkendt årsregnskabet. Tak for jeres bidrag.", "",
         None, at(5, 30)),
    ]
    NewsItem.objects.bulk_create([
        NewsItem(title=title, body=body, audience_kind=kind, audience_unit=unit, published_at=when, author=finance)
        for title, body, kind, unit, when in items])
