"""The demo organisation: about 60 budget holders and 400 cost centres at scale 1.

It is written as the HR system's CSV and read through the real import, so the demo exercises the
same path as a municipality's own file.
"""

import csv
import io
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from styr.core.audit import acting
from styr.organisation.models import Person, Role, RoleAssignment, Unit
from styr.organisation.org_import import import_org

from .context import DemoContext, DemoLogin
from .names import DAYCARE_NAMES, DISTRICTS, FIRST_NAMES, LAST_NAMES, PLACES, ascii_fold

DEMO_PASSWORD = "styr-demo"  # noqa: S105 (printed for the demo; not a secret)
EMAIL_DOMAIN = "eksempel-kommune.dk"


@dataclass
class OrgNode:
    code: str
    name: str
    kind: str
    parent: "OrgNode | None" = None
    leader: tuple[str, str] | None = None  # (email, name)
    deputies: list[str] = field(default_factory=list)
    cost_centres: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng("organisation")
        self.nodes: list[OrgNode] = []
        self.emails: set[str] = set()
        self.counters = {"udvalg": 0, "bevillingsomraade": 0, "enhed": 0}
        self.next_cost_centre = 100100
        self.used_names: dict[str, int] = {}

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        base = ascii_fold(f"{first}.{last}").lower()
        email, n = f"{base}@{EMAIL_DOMAIN}", 1
        while email in self.emails:
            n += 1
            email = f"{base}{n}@{EMAIL_DOMAIN}"
        self.emails.add(email)
        return email, f"{first} {last}"

    def unique(self, name: str) -> str:
        count = self.used_names.get(name, 0) + 1
        self.used_names[name] = count
        return name if count == 1 else f"{name} {count}"

    def add(self, name: str, kind: str, parent: OrgNode | None, cost_centres: int, leader=None) -> OrgNode:
        if kind == "kommune":
            code = "K"
        else:
            self.counters[kind] += 1
            code = {"udvalg": "U", "bevillingsomraade": "B", "enhed": "E"}[kind] + f"{self.counters[kind]:04d}"
        node = OrgNode(code, self.unique(name) if kind != "kommune" else name, kind, parent,
                       leader or self.person())
        for _ in range(cost_centres):
            node.cost_centres.append(str(self.next_cost_centre))
            self.next_cost_centre += 10
        self.nodes.append(node)
        return node

    def area(self, committee: OrgNode, name: str, units: list[str], deputy: bool = False) -> OrgNode:
        holder = self.add(name, "bevillingsomraade", committee, 1 if units else 2)
        children = [self.add(unit_name, "enhed", holder, self.rng.randint(1, 3)) for unit_name in units]
        if deputy and children:
            # The deputy is, as usual, the leader of one of the area's own units.
            holder.deputies.append(children[0].leader[0])
        return holder


def _pick(rng: random.Random, pool: list[str], count: int) -> list[str]:
    """``count`` names from the pool; past its size, names repeat and get a number."""
    names = []
    while len(names) < count:
        names.extend(rng.sample(pool, min(len(pool), count - len(names))))
    return names


def _structure(b: _Builder, scale: int) -> dict[str, OrgNode]:
    rng = b.rng
    director = b.person()
    directors = {"kd": director, "bu": b.person(), "sv": b.person(), "tek": b.person()}
    root = b.add(settings.MUNICIPALITY_NAME, "kommune", None, 0, leader=director)
    keep: dict[str, OrgNode] = {"root": root}

    oeu = b.add("Økonomiudvalget", "udvalg", root, 0, leader=directors["kd"])
    b.area(oeu, "Direktion og sekretariater", ["Direktionen", "Borgmestersekretariatet", "Udviklingssekretariatet"])
    b.area(oeu, "Kommunalbestyrelsen, råd og nævn", [])
    b.area(oeu, "Jobcenter administration", ["Jobcenter, ledelse og stab", "Sygedagpengeteamet"])
    keep["borgerservice"] = b.area(oeu, "Borgerservice administration", ["Borgerservice, Rådhuset", "Opkrævning"],
                                   deputy=True)
    b.area(oeu, "Digitalisering og IT", ["IT-drift", "Digitaliseringsteamet"])
    b.area(oeu, "Digitalisering og IT, fællesudgifter", [])
    b.area(oeu, "Økonomi, fællesudgifter", [])
    keep["finance"] = b.area(oeu, "Økonomistaben", ["Budget og analyse", "Regnskab", "Indkøb"], deputy=True)
    b.area(oeu, "HR og Personale", ["Løn og personale", "Arbejdsmiljø"])
    b.area(oeu, "Ejendomscenter", ["Bygningsdrift", "Rengøring"])
    b.area(oeu, "Demografipuljer", [])

    buu = b.add("Børne- og Ungeudvalget", "udvalg", root, 0, leader=directors["bu"])
    schools = [b.area(buu, f"{place} Skole", ["Indskoling", "Mellemtrin", "Udskoling", "SFO"],
                      deputy=i % 3 == 0) for i, place in enumerate(_pick(rng, PLACES, 12 * scale))]
    keep["school"] = schools[0]
    for district in _pick(rng, DISTRICTS, 5 * scale):
        b.area(buu, f"Dagtilbud {district}",
               [f"Børnehuset {name}" for name in _pick(rng, DAYCARE_NAMES, 4)], deputy=True)
    b.area(buu, "Børn og Familie", ["Myndighed børn og unge", "Familiehuset", "Plejefamilier"])
    b.area(buu, "PPR", ["Psykologer", "Tale og hørelse"])
    b.area(buu, "Sundhedsplejen", [])
    b.area(buu, "Tandplejen", ["Tandklinik Nord", "Tandklinik Syd"])
    b.area(buu, "Ungdomsskolen", ["Klubber"])

    aeu = b.add("Ældre- og Sundhedsudvalget", "udvalg", root, 0, leader=directors["sv"])
    care_homes = [b.area(aeu, f"Plejecenter {place}", ["Boenheder", "Køkken", "Aktivitetscenter"], deputy=True)
                  for place in _pick(rng, PLACES, 6 * scale)]
    keep["care_home"] = care_homes[0]
    for district in _pick(rng, DISTRICTS, 3 * scale):
        b.area(aeu, f"Hjemmeplejen {district}", ["Dagvagt", "Aften og nat"])
    b.area(aeu, "Sundhed og Myndighed", ["Visitation", "Hjælpemidler"])
    b.area(aeu, "Træning og Rehabilitering", ["Genoptræning", "Rehabiliteringsteam"])
    b.area(aeu, "Sygeplejen", [])

    su = b.add("Socialudvalget", "udvalg", root, 0, leader=directors["sv"])
    b.area(su, "Voksenspecialenheden", ["Bostøtte", "Dagtilbud voksne"], deputy=True)
    for place in _pick(rng, PLACES, 3 * scale):
        b.area(su, f"Botilbud {place}", ["Bofællesskab", "Nattevagt"])
    b.area(su, "Socialpsykiatrien", ["Væresteder", "Bostøtte psykiatri"])
    b.area(su, "Handicap og Psykiatri, myndighed", [])
    b.area(su, "Misbrugscentret", [])

    beu = b.add("Beskæftigelsesudvalget", "udvalg", root, 0, leader=directors["sv"])
    b.area(beu, "Jobcenter, forsørgelse og ydelser", [])
    b.area(beu, "Integration", ["Sprogcenter"])
    b.area(beu, "Ungeindsatsen", [])

    tmu = b.add("Teknik- og Miljøudvalget", "udvalg", root, 0, leader=directors["tek"])
    b.area(tmu, "Vej og Park", ["Vejdrift", "Parkafdeling", "Vintertjeneste"])
    b.area(tmu, "Natur og Miljø", ["Miljøtilsyn"])
    b.area(tmu, "Byg og Plan", ["Byggesag", "Planlægning"])
    b.area(tmu, "Kollektiv trafik", [])
    b.area(tmu, "Materielgården", ["Værksted"])
    b.area(tmu, "Affald og genbrug", ["Genbrugspladser"])

    kfu = b.add("Kultur- og Fritidsudvalget", "udvalg", root, 0, leader=directors["tek"])
    b.area(kfu, "Bibliotekerne", [f"{place} Bibliotek" for place in _pick(rng, PLACES, 3)])
    b.area(kfu, "Musikskolen", [])
    b.area(kfu, "Kultur og Fritid", ["Foreningsstøtte", "Kulturhuset"])
    b.area(kfu, "Idrætsanlæg", ["Svømmehallen", "Idrætscentret"])
    return keep


def organisation_csv(ctx: DemoContext) -> tuple[bytes, dict[str, OrgNode]]:
    """The demo organisation as the HR system would export it (semicolon-separated UTF-8)."""
    builder = _Builder(ctx)
    keep = _structure(builder, ctx.scale)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["enhed_id", "navn", "overordnet_id", "type", "leder_email", "leder_navn",
                     "stedfortraedere", "omkostningssteder"])
    for node in builder.nodes:
        writer.writerow([node.code, node.name, node.parent.code if node.parent else "", node.kind,
                         node.leader[0] if node.leader else "", node.leader[1] if node.leader else "",
                         " ".join(node.deputies), " ".join(node.cost_centres)])
    return out.getvalue().encode("utf-8"), keep


def build(ctx: DemoContext) -> None:
    data, keep = organisation_csv(ctx)
    with acting(source="styr demo"):
        result = import_org(data, "demo-organisation.csv")
    ctx.out(f"  {result.summary()}")
    units = {u.code: u for u in Unit.objects.filter(code__in=[n.code for n in keep.values()])
             .select_related("leader")}
    _create_users(ctx, {name: units[node.code] for name, node in keep.items()})


def _create_users(ctx: DemoContext, units: dict[str, Unit]) -> None:
    """A login for every leader (one shared password hash: hashing thousands would take minutes),
    and one short, easy login per role for the demo."""
    User = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)
    people = list(Person.objects.filter(user__isnull=True).order_by("email"))
    named = {
        units["finance"].leader_id: "oekonomi",
        units["root"].leader_id: "direktion",
        units["school"].leader_id: "leder",
        units["care_home"].leader_id: "leder2",
    }
    users = []
    for person in people:
        first, _, last = person.name.partition(" ")
        users.append(User(username=named.get(person.pk, person.email), email=person.email,
                          first_name=first, last_name=last, password=password_hash))
    User.objects.bulk_create(users, batch_size=500)
    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in people])}
    for person in people:
        person.user = by_email[person.email]
    Person.objects.bulk_update(people, ["user"], batch_size=500)

    admin = User.objects.create(username="admin", email=f"admin@{EMAIL_DOMAIN}", first_name="System",
                                last_name="Administrator", password=password_hash, is_staff=True, is_superuser=True)
    finance = User.objects.get(username="oekonomi")
    directors = User.objects.get(username="direktion")
    RoleAssignment.objects.bulk_create([
        RoleAssignment(user=admin, role=Role.ADMIN),
        RoleAssignment(user=finance, role=Role.FINANCE),
        RoleAssignment(user=directors, role=Role.DIRECTORS),
    ])
    finance.is_staff = True
    finance.save(update_fields=["is_staff"])
    ctx.logins.extend([
        DemoLogin("admin", "Administrator", "alt, også Django-admin og revisionsspor"),
        DemoLogin("oekonomi", "Økonomi", f"{units['finance'].leader} – hele kommunen, kan indlæse og rette"),
        DemoLogin("direktion", "Direktion", f"{units['root'].leader} – hele kommunen, læseadgang"),
        DemoLogin("leder", "Leder", f"{units['school'].leader} – kun {units['school'].name}"),
        DemoLogin("leder2", "Leder", f"{units['care_home'].leader} – kun {units['care_home'].name}"),
    ])
