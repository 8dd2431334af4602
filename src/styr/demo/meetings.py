"""The demo's meetings: a year of Direktionen's Monday meetings (about 40), with the year wheel's
standing items, open and closed items, cases that travel on to Økonomiudvalget and
Kommunalbestyrelsen, small PDF attachments, decisions, follow-ups and approved minutes.

Everything goes through meetings.services, as a real year would. The politicians are fictional
people without logins; Direktionen is the municipal director and the committee directors.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from styr.core.audit import acting
from styr.documents.numbers import COPENHAGEN, fmt_as_of, fmt_date_long, fmt_month
from styr.documents.pdf import html_to_pdf
from styr.meetings import services
from styr.meetings.models import Body, BodyKind, ItemKind, Phrase, Recurrence, StandingItem
from styr.organisation.models import Person, Unit, UnitKind

from .context import DemoContext
from .names import FIRST_NAMES, LAST_NAMES, ascii_fold

HOLIDAY_WEEKS = {1, 7, 28, 29, 30, 31, 42, 52, 53}  # new year, winter, summer and autumn holidays, Christmas

# (title, kind, KLE, who recommends, recommendation, resume, travels to ØU/KB)
CASES = [
    ("Principper for det videre arbejde med pejlemærker", ItemKind.DECISION, "00.01.00", "Sekretariatschefen",
     "Direktionen godkender de foreslåede principper for organisationens videre arbejde med pejlemærkerne",
     "Kommunalbestyrelsen har godkendt sine pejlemærker for valgperioden. Organisationen skal sikre, at arbejdet "
     "med dem aftales og igangsættes.", False),
    ("Implementering af sags- og dokumenthåndteringsstrategien", ItemKind.DECISION, "85.02.00",
     "Sekretariatschefen", "initieringsdokumentet godkendes\nprocessen præsenteres på chefgruppens næste møde",
     "Der er identificeret en række barrierer for at implementere strategien i de administrative afdelinger.",
     False),
    ("Status på digitaliseringsprojekter", ItemKind.DISCUSSION, "85.13.00", "Chefen for Digitalisering og IT",
     "oversigten over gennemførte budgetreduktioner tages til efterretning\nporteføljeoverblikket drøftes",
     "Overblik over de digitaliseringsprojekter, der skal bidrage til de aftalte budgetreduktioner.", False),
    ("Risikobilleder i økonomistyringen", ItemKind.DISCUSSION, "00.30.00", "Økonomichefen",
     "orienteringen om risikobilleder drøftes",
     "Risikobilleder som en dialogbaseret tilgang, der kan erstatte automatiske handleplansmøder.", False),
    ("Revision af kasse- og regnskabsregulativet", ItemKind.DECISION, "00.30.00", "Økonomichefen",
     "Direktionen anbefaler, at regulativet godkendes",
     "Regulativet er revideret og forelægges til godkendelse før kommunalbestyrelsens behandling.", True),
    ("Anlægsoversigt og overførsel af uforbrugte rådighedsbeløb", ItemKind.DECISION, "00.30.10", "Økonomichefen",
     "de uforbrugte rådighedsbeløb overføres til næste år",
     "Oversigten viser forventede mindreforbrug på anlæg, som foreslås overført.", True),
    ("Status på IT-governance og råderumskatalog", ItemKind.INFORMATION, "85.13.00", "Stabschefen",
     "orienteringen tages til efterretning",
     "Arbejdet med at skabe effektivisering ved indkøb af IT-systemer og undgå dobbelte systemer.", False),
    ("Kanalstrategi for borgerbetjeningen", ItemKind.DISCUSSION, "16.00.00", "Chefen for Borgerservice",
     "udkastet til kanalstrategi drøftes", "Et udkast til en fælles kanalstrategi for borgerbetjeningen.",
     False),
    ("Budgetproces for næste år", ItemKind.DECISION, "00.30.00", "Økonomichefen",
     "tidsplanen for budgetprocessen godkendes\nrammerne sendes til fagudvalgene",
     "Tidsplan og principper for budgetlægningen for det kommende år.", True),
    ("Sygefravær og trivsel – status", ItemKind.INFORMATION, "81.04.04", "HR-chefen",
     "orienteringen tages til efterretning", "Status på sygefraværet og indsatserne for at nedbringe det.",
     False),
]
CLOSED_TITLES = ["Ansættelse af ny skoleleder", "Udbud af rengøring – tildeling", "Personalesag i Borgerservice",
                 "Salg af ejendom – forhandlingsmandat", "Forenklet politisk betjening",
                 "Orientering om sager på vej til Direktionen"]


def _politicians(rng, count: int, taken: set[str]) -> list[Person]:
    people = []
    while len(people) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        email = ascii_fold(name.replace(" ", ".")).lower() + "@politiker.eksempel-kommune.dk"
        if email in taken:
            continue
        taken.add(email)
        people.append(Person.objects.create(name=name, email=email))
    return people


def _bodies(ctx: DemoContext) -> tuple[Body, Body, Body]:
    rng = ctx.rng("meetings")
    root = Unit.objects.get(kind=UnitKind.MUNICIPALITY)
    directors = [root.leader] + [u.leader for u in Unit.objects.filter(kind=UnitKind.COMMITTEE).select_related(
        "leader").order_by("code") if u.leader]
    board = Body.objects.create(name="Direktionen", kind=BodyKind.DIRECTORS, order=1,
                                default_place="Direktionens mødelokale, Rådhuset")
    board.members.set({p.pk for p in directors if p})
    taken: set[str] = set()
    council_members = _politicians(rng, 15, taken)
    finance = Body.objects.create(name="Økonomiudvalget", kind=BodyKind.FINANCE_COMMITTEE, order=2,
                                  default_place="Udvalgsværelse 1, Rådhuset")
    finance.members.set(council_members[:7])
    council = Body.objects.create(name="Kommunalbestyrelsen", kind=BodyKind.COUNCIL, order=3,
                                  default_place="Byrådssalen, Rådhuset")
    council.members.set(council_members)
    return board, finance, council


def _year_wheel(board: Body, year: int) -> None:
    economy = services.get_or_create_case(f"{year % 100:02d}-004743", "Økonomirapportering", kle="00.30.04")
    StandingItem.objects.bulk_create([
        StandingItem(body=board, title="Orientering om udviklingen i kommunens økonomi", order=1,
                     recurrence=Recurrence.FIRST_OF_MONTH, case=economy, recommended_by="Direktøren",
                     recommendations="økonomirapporteringen tages til efterretning",
                     resume="Økonomistaben fremsender den månedlige økonomirapportering med likviditet, forbrug, "
                            "restancer, sygefravær og antal ansatte."),
        StandingItem(body=board, title="Niveau 2 ledermøde", kind=ItemKind.DISCUSSION, months="3,6,9,12",
                     recurrence=Recurrence.FIRST_OF_MONTH, order=2, recommended_by="Direktøren",
                     recommendations="programmet drøftes",
                     resume="Direktionen drøfter oplægget til dagsordenen for det næste ledermøde."),
        StandingItem(body=board, title="Orientering om sager på vej til udvalgsbehandling", closed=True,
                     keep_last=True, order=1),
        StandingItem(body=board, title="Formidling af Direktionens drøftelser og beslutninger til organisationen",
                     closed=True, keep_last=True, order=2),
        StandingItem(body=board, title="Eventuelt", keep_last=True, order=3),
    ])


def _mondays(year: int, rng) -> list[date]:
    day = date(year, 1, 1)
    day += timedelta(days=(7 - day.weekday()) % 7)
    days = []
    while day.year == year:
        if day.isocalendar().week not in HOLIDAY_WEEKS and rng.random() > 0.06:
            days.append(day)
        day += timedelta(days=7)
    return days


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


class _Attachments:
    """Small PDFs made with the shared PDF module; one per kind of report, reused (rendering is slow)."""

    def __init__(self, municipality: str):
        self.municipality = municipality
        self.cache: dict[str, bytes] = {}

    def pdf(self, kind: str, title: str) -> bytes:
        if kind not in self.cache:
            self.cache[kind] = html_to_pdf(
                f'<h1 class="running-title">{kind}</h1><p>{self.municipality}</p>'
                f"<p>Bilaget er dannet til demokommunen og indeholder ingen rigtige oplysninger.</p>"
                f"<p>Emne: {title}</p>")
        return self.cache[kind]


def _decide(item, rng, *, phrase: str, owner=None, follow_up_day: date | None = None) -> None:
    text = ""
    if item.kind == ItemKind.DISCUSSION and rng.random() < 0.5:
        text = "Direktionens bemærkninger indarbejdes, inden sagen går videre."
    follow_ups = []
    if follow_up_day and owner is not None:
        follow_ups = [services.FollowUpInput(f"Status gives på møde med administrative chefer d. "
                                             f"{fmt_date_long(follow_up_day)}", owner, follow_up_day)]
    services.record_decision(item, phrase=phrase, text=text, follow_ups=follow_ups)


def _phrase(item, travels: bool) -> str:
    if item.kind == ItemKind.INFORMATION:
        return Phrase.NOTED
    if item.kind == ItemKind.DISCUSSION:
        return Phrase.DISCUSSED
    return Phrase.RECOMMENDED if travels else Phrase.APPROVED


def build(ctx: DemoContext) -> None:
    with acting(source="styr demo"):
        _build(ctx)


def _build(ctx: DemoContext) -> None:  # noqa: C901 (a year of meetings, told in order)
    rng = ctx.rng("meetings")
    year = ctx.year
    board, finance, council = _bodies(ctx)
    _year_wheel(board, year)
    files = _Attachments(Unit.objects.get(kind=UnitKind.MUNICIPALITY).name)
    owners = list(get_user_model().objects.filter(username__in=["oekonomi", "direktion"]).order_by("username"))
    hosts = list(Unit.objects.open().filter(kind=UnitKind.BUDGET_HOLDER).order_by("code"))
    mondays = _mondays(year, rng)
    last_in_month = {max(d for d in mondays if d.month == m) for m in {d.month for d in mondays}}
    case_queue = list(CASES)
    rng.shuffle(case_queue)
    travelling = []  # (item, case) decided in Direktionen, to go on to ØU and KB
    serial = 10000
    meetings = []
    for day in mondays:
        host = rng.choice(hosts) if day in last_in_month and day.month not in (1, 12) else None
        meeting = services.create_meeting(board, _at(day, 8 if rng.random() < 0.6 else 12, 30),
                                          host_unit=host, standing_items=False)
        meetings.append(meeting)
    for meeting in meetings:  # the calendar first, then the agendas, so "first meeting of the month" is known
        services.add_standing_items(meeting)
    for index, meeting in enumerate(meetings):
        day = meeting.starts_at.astimezone(COPENHAGEN).date()
        added = []
        if day.month != 1 and day == min(d for d in mondays if d.month == day.month):
            serial += 1
            as_of = date(year, day.month, 1) - timedelta(days=1)
            item = services.add_generated_item(
                meeting, title=f"Budgetopfølgning {fmt_as_of(as_of)}", case_number=f"{year % 100:02d}-002837",
                case_title="Budgetopfølgning", kind=ItemKind.DECISION, recommended_by="Direktøren",
                resume=f"Økonomistaben fremlægger budgetopfølgning pr. {fmt_date_long(as_of)} på grundlag af "
                       "partnerskabsholdernes dispositionsregnskaber.",
                recommendations=["orienteringen tages til efterretning"], treatment=[board, finance],
                case_text="Såfremt en partnerskabsholder forventer merforbrug, udarbejdes et risikobillede i "
                          "dialog med direktøren og Økonomistaben.",
                economic_consequences="Se bilaget for drift, serviceramme og anlæg.",
                attachments=[(f"Månedsrapport {fmt_month(as_of.year, as_of.month)}.pdf",
                              files.pdf("Månedsrapport", "budgetopfølgning"), f"{year % 100:02d}-{serial:06d}")],
                generated_by="budgetopfølgning")
            added.append((item, True))
        if case_queue and rng.random() < 0.45:
            title, kind, kle, by, recommendation, resume, travels = case_queue.pop()
            serial += 1
            case = services.get_or_create_case(f"{year % 100:02d}-{rng.randint(10000, 99999):06d}", title, kle=kle)
            item = services.add_item(
                meeting, title=title, kind=kind, case=case, recommended_by=by,
                recommendations=recommendation.split("\n"), resume=resume,
                treatment=[board, finance, council] if travels else [board],
                case_text=f"{resume}\n\nSagen er forberedt af administrationen.\n- Baggrund og tidsplan\n"
                          "- Konsekvenser for organisationen",
                economic_consequences="Ingen." if not travels else "Afholdes inden for den eksisterende ramme.",
                document_number=f"{year % 100:02d}-{serial:06d}")
            serial += 1
            services.add_attachment(item, title=f"{title} – notat", filename="notat.pdf",
                                    data=files.pdf("Notat", title), document_number=f"{year % 100:02d}-{serial:06d}")
            added.append((item, travels))
        if rng.random() < 0.35:
            services.add_item(meeting, title=rng.choice(CLOSED_TITLES), closed=True, kind=ItemKind.DECISION,
                              resume="Fortroligt: personoplysninger eller forhandlingsforhold.",
                              recommended_by="Direktøren", recommendations=["indstillingen godkendes"],
                              treatment=[board])
        last = index == len(meetings) - 1
        services.publish_agenda(meeting, at=meeting.starts_at - timedelta(days=5))
        if last:
            continue  # the year's last meeting: agenda published, decisions not yet recorded
        for item in services.ordered_items(meeting):
            travels = next((t for i, t in added if i.pk == item.pk), False)
            follow_up_day = None
            if item.kind == ItemKind.DISCUSSION and rng.random() < 0.5:
                follow_up_day = day + timedelta(days=rng.choice((21, 28, 35)))
            phrase = _phrase(item, travels) if item.title != "Eventuelt" else ""
            if phrase:
                _decide(item, rng, phrase=phrase, owner=rng.choice(owners) if owners else None,
                        follow_up_day=follow_up_day)
            else:
                services.record_decision(item, text="Intet.")
            if travels:
                travelling.append(item)
        services.approve_minutes(meeting, at=meeting.starts_at + timedelta(days=2))

    _committees(travelling, finance, council, rng)
    ctx.out(f"  {len(meetings)} møder i Direktionen, {finance.meetings.count()} i Økonomiudvalget, "
            f"{council.meetings.count()} i Kommunalbestyrelsen")


def _committees(travelling, finance: Body, council: Body, rng) -> None:
    """Økonomiudvalget meets on the Wednesday after, Kommunalbestyrelsen the Thursday a week later;
    the cases recommended by Direktionen get their decisions there."""
    by_week: dict[date, list] = {}
    for item in travelling:
        monday = item.meeting.starts_at.astimezone(COPENHAGEN).date()
        by_week.setdefault(monday, []).append(item)
    for monday, items in sorted(by_week.items()):
        committee = services.create_meeting(finance, _at(monday + timedelta(days=2), 16), standing_items=False)
        council_meeting = None
        for item in items:
            on_finance = services.add_item(committee, title=item.title, kind=item.kind, case=item.case,
                                           resume=item.resume, recommended_by=item.recommended_by,
                                           recommendations=item.recommendation_list(),
                                           treatment=list(item.treatment.all()))
            item.committee_item = on_finance
        services.publish_agenda(committee, at=committee.starts_at - timedelta(days=5))
        for item in items:
            goes_to_council = council in item.treatment.all()
            services.record_decision(item.committee_item,
                                     phrase=Phrase.RECOMMENDED if goes_to_council else Phrase.APPROVED)
            if goes_to_council:
                if council_meeting is None:
                    council_meeting = services.create_meeting(council, _at(monday + timedelta(days=10), 17),
                                                              standing_items=False)
                services.add_item(council_meeting, title=item.title, kind=item.kind, case=item.case,
                                  resume=item.resume, recommended_by="Økonomiudvalget",
                                  recommendations=item.recommendation_list(), treatment=[council])
        services.approve_minutes(committee, at=committee.starts_at + timedelta(days=2))
        if council_meeting is not None:
            services.publish_agenda(council_meeting, at=council_meeting.starts_at - timedelta(days=5))
            for item in services.ordered_items(council_meeting):
                services.record_decision(item, phrase=Phrase.APPROVED if rng.random() < 0.9 else Phrase.POSTPONED)
            services.approve_minutes(council_meeting, at=council_meeting.starts_at + timedelta(days=2))
