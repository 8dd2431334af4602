"""Import of the organisation from the HR system's CSV export (``styr import-org FILE``).

The file is the whole organisation: a re-import updates units in place, reopens units that come
back, and closes (never deletes) units and cost centres that are no longer in it. A file with any
problem is rejected as a whole and nothing changes.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from styr.core.tabular import ProblemCollector, read_table

from .models import CostCentre, Person, Unit, UnitKind
from .tree import rebuild_paths

REQUIRED_COLUMNS = ("enhed_id", "navn", "overordnet_id", "leder_email", "omkostningssteder")
OPTIONAL_COLUMNS = ("type", "leder_navn", "stedfortraedere")
COLUMN_ALIASES = {
    "id": "enhed_id", "enhedsid": "enhed_id", "enheds_id": "enhed_id",
    "overordnet": "overordnet_id", "foraelder_id": "overordnet_id",
    "leder": "leder_email", "leder_e_mail": "leder_email",
    "omkostningssted": "omkostningssteder",
    "stedfortraeder": "stedfortraedere",
}
KIND_NAMES = {
    "kommune": UnitKind.MUNICIPALITY,
    "udvalg": UnitKind.COMMITTEE,
    "bevillingsomraade": UnitKind.BUDGET_HOLDER,
    "bevillingsområde": UnitKind.BUDGET_HOLDER,
    "partnerskabsholder": UnitKind.BUDGET_HOLDER,
    "enhed": UnitKind.UNIT,
    "institution": UnitKind.UNIT,
}
# Without a type column, the level in the tree says what a unit is.
KIND_BY_DEPTH = [UnitKind.MUNICIPALITY, UnitKind.COMMITTEE, UnitKind.BUDGET_HOLDER]
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
LIST_SEPARATORS = re.compile(r"[\s,|]+")


@dataclass
class OrgRow:
    line: int
    code: str
    name: str
    parent_code: str
    leader_email: str
    leader_name: str
    kind: str
    cost_centres: list[str]
    deputies: list[str]


@dataclass
class OrgImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    unchanged: int = 0
    cost_centres_created: int = 0
    cost_centres_moved: int = 0
    cost_centres_closed: int = 0
    people_created: int = 0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.reopened or self.closed or self.cost_centres_created
                    or self.cost_centres_moved or self.cost_centres_closed or self.people_created)

    def summary(self) -> str:
        parts = [
            f"{len(self.created)} nye enheder",
            f"{len(self.updated)} ændrede",
            f"{len(self.reopened)} genåbnede",
            f"{len(self.closed)} lukkede",
            f"{self.unchanged} uændrede",
            f"omkostningssteder: {self.cost_centres_created} nye, {self.cost_centres_moved} flyttede, "
            f"{self.cost_centres_closed} lukkede",
            f"{self.people_created} nye personer",
        ]
        prefix = "Prøvekørsel – intet er gemt: " if self.dry_run else ""
        return prefix + ", ".join(parts) + "."


class _DryRun(Exception):
    pass


def _split_list(text: str) -> list[str]:
    return [item for item in LIST_SEPARATORS.split(text.strip()) if item]


def _valid_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def parse_org_rows(data: bytes, filename: str) -> list[OrgRow]:
    """Read and check the file; raises TableError naming every problem by line and column."""
    table = read_table(data, filename=filename, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS,
                       aliases=COLUMN_ALIASES)
    problems = ProblemCollector(filename)
    rows: list[OrgRow] = []
    for row in table.rows:
        v = row.values
        org_row = OrgRow(
            line=row.line, code=v["enhed_id"], name=v["navn"], parent_code=v["overordnet_id"],
            leader_email=v["leder_email"].lower(), leader_name=v.get("leder_navn", ""),
            kind=v.get("type", "").lower(), cost_centres=_split_list(v["omkostningssteder"]),
            deputies=[e.lower() for e in _split_list(v.get("stedfortraedere", ""))],
        )
        _check_row(org_row, problems)
        rows.append(org_row)
    if not rows:
        problems.add(None, None, None, "filen indeholder ingen enheder")
    _check_tree(rows, problems)
    problems.raise_if_any()
    return rows


def _check_row(row: OrgRow, problems: ProblemCollector) -> None:
    if not CODE_PATTERN.match(row.code):
        problems.add(row.line, "enhed_id", row.code,
                     "enheds-id mangler eller er ugyldigt; forventet bogstaver og tal (højst 40 tegn)")
    if not row.name:
        problems.add(row.line, "navn", row.name, "navn mangler")
    elif len(row.name) > 200:
        problems.add(row.line, "navn", row.name[:40] + "…", "navnet er længere end 200 tegn")
    if row.leader_email and not _valid_email(row.leader_email):
        problems.add(row.line, "leder_email", row.leader_email, "er ikke en gyldig e-mailadresse")
    for email in row.deputies:
        if not _valid_email(email):
            problems.add(row.line, "stedfortraedere", email, "er ikke en gyldig e-mailadresse")
    if row.kind and row.kind not in KIND_NAMES:
        problems.add(row.line, "type", row.kind,
                     "ukendt type; forventet kommune, udvalg, bevillingsområde eller enhed")
    for code in row.cost_centres:
        if not CODE_PATTERN.match(code):
            problems.add(row.line, "omkostningssteder", code, "ugyldigt omkostningssted; forventet bogstaver og tal")


def _check_tree(rows: list[OrgRow], problems: ProblemCollector) -> None:
    by_code: dict[str, OrgRow] = {}
    cost_centre_lines: dict[str, int] = {}
    for row in rows:
        if row.code in by_code:
            problems.add(row.line, "enhed_id", row.code, f"enheds-id'et står også i linje {by_code[row.code].line}")
        else:
            by_code[row.code] = row
        for code in row.cost_centres:
            if code in cost_centre_lines:
                problems.add(row.line, "omkostningssteder", code,
                             f"omkostningsstedet står også i linje {cost_centre_lines[code]}")
            else:
                cost_centre_lines[code] = row.line
    roots = [row for row in rows if not row.parent_code]
    if rows and not roots:
        problems.add(None, "overordnet_id", None,
                     "ingen rodenhed: præcis én række skal have et tomt overordnet_id (kommunen)")
    for extra in roots[1:]:
        problems.add(extra.line, "overordnet_id", "",
                     f"mere end én rodenhed (også linje {roots[0].line}); kun kommunen må mangle overordnet")
    for row in rows:
        if row.parent_code and row.parent_code not in by_code:
            problems.add(row.line, "overordnet_id", row.parent_code, "ukendt overordnet enhed; den står ikke i filen")
    _check_cycles(by_code, problems)


def _check_cycles(by_code: dict[str, OrgRow], problems: ProblemCollector) -> None:
    reported: set[str] = set()
    for start in by_code.values():
        seen: list[str] = []
        code = start.code
        while code and code in by_code and code not in seen:
            seen.append(code)
            code = by_code[code].parent_code
        if code in seen and code not in reported:
            ring = seen[seen.index(code):]
            reported.update(ring)
            first = by_code[ring[0]]
            problems.add(first.line, "overordnet_id", first.parent_code,
                         "enhederne danner en ring: " + " → ".join([*ring, ring[0]]))


def _depths(rows: list[OrgRow]) -> dict[str, int]:
    by_code = {row.code: row for row in rows}
    depths: dict[str, int] = {}

    def depth(code: str) -> int:
        if code not in depths:
            parent = by_code[code].parent_code
            depths[code] = 0 if not parent else depth(parent) + 1
        return depths[code]

    for row in rows:
        depth(row.code)
    return depths


def import_org(data: bytes, filename: str, *, today: date | None = None, dry_run: bool = False) -> OrgImportResult:
    """Bring the organisation in line with the file, atomically.

    Raises TableError (with every problem) and changes nothing when the file is not valid.
    With ``dry_run`` the whole import runs and is rolled back: the result says what it would do.
    """
    rows = parse_org_rows(data, filename)
    today = today or timezone.localdate()
    result = OrgImportResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            _apply(rows, today, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _apply(rows: list[OrgRow], today: date, result: OrgImportResult) -> None:
    people = _people_for(rows, result)
    depths = _depths(rows)
    existing = {unit.code: unit for unit in Unit.objects.prefetch_related("deputies")}
    # Parents before children, so each parent exists when its child is saved.
    for row in sorted(rows, key=lambda r: depths[r.code]):
        wanted = {
            "name": row.name, "kind": _kind(row, depths[row.code]),
            "parent": existing[row.parent_code] if row.parent_code else None,
            "leader": people.get(row.leader_email),
            "closed_on": None,
        }
        deputies = {people[email] for email in row.deputies}
        unit = existing.get(row.code)
        if unit is None:
            unit = existing[row.code] = Unit.objects.create(code=row.code, **wanted)
            unit.deputies.set(deputies)
            result.created.append(row.code)
            continue
        changed = [name for name, value in wanted.items() if getattr(unit, name) != value]
        deputies_changed = set(unit.deputies.all()) != deputies
        if "closed_on" in changed:
            result.reopened.append(row.code)
        elif changed or deputies_changed:
            result.updated.append(row.code)
        else:
            result.unchanged += 1
        if changed:
            for name in changed:
                setattr(unit, name, wanted[name])
            unit.save()
        if deputies_changed:
            unit.deputies.set(deputies)
    in_file = {row.code for row in rows}
    for code, unit in existing.items():
        if code not in in_file and unit.closed_on is None:
            unit.closed_on = today
            unit.save()
            result.closed.append(code)
    rebuild_paths()
    _apply_cost_centres(rows, existing, today, result)


def _kind(row: OrgRow, depth: int) -> str:
    if row.kind:
        return KIND_NAMES[row.kind]
    return KIND_BY_DEPTH[depth] if depth < len(KIND_BY_DEPTH) else UnitKind.UNIT


def _people_for(rows: list[OrgRow], result: OrgImportResult) -> dict[str, Person]:
    names = {row.leader_email: row.leader_name for row in rows if row.leader_email}
    for row in rows:
        for email in row.deputies:
            names.setdefault(email, "")
    people = {p.email.lower(): p for p in Person.objects.filter(email__in=names)}
    for email, name in names.items():
        person = people.get(email)
        if person is None:
            people[email] = Person.objects.create(email=email, name=name)
            result.people_created += 1
        elif name and person.name != name:
            person.name = name
            person.save()
    return people


def _apply_cost_centres(rows: list[OrgRow], units: dict[str, Unit], today: date, result: OrgImportResult) -> None:
    existing = {cc.code: cc for cc in CostCentre.objects.all()}
    wanted = {code: units[row.code] for row in rows for code in row.cost_centres}
    for code, unit in wanted.items():
        cost_centre = existing.get(code)
        if cost_centre is None:
            CostCentre.objects.create(code=code, unit=unit)
            result.cost_centres_created += 1
        elif cost_centre.unit_id != unit.pk or cost_centre.closed_on is not None:
            if cost_centre.unit_id != unit.pk:
                result.cost_centres_moved += 1
            cost_centre.unit = unit
            cost_centre.closed_on = None
            cost_centre.save()
    for code, cost_centre in existing.items():
        if code not in wanted and cost_centre.closed_on is None:
            cost_centre.closed_on = today
            cost_centre.save()
            result.cost_centres_closed += 1
