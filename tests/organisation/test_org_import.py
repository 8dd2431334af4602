"""Importing the organisation from the HR system's CSV file."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.core.tabular import TableError
from styr.organisation.models import CostCentre, Person, Unit, UnitKind
from styr.organisation.org_import import import_org

HEADER = "enhed_id;navn;overordnet_id;leder_email;omkostningssteder"
GOOD = "\n".join([
    HEADER,
    "K;Testkommune;;direktor@example.dk;",
    "U1;Børne- og Ungeudvalget;K;;",
    "B1;Egebjerg Skole;U1;anne@example.dk;100100",
    "E1;SFO;B1;bo@example.dk;100110 100120",
    "B2;Borgerservice;K;;100200",
]) + "\n"
TODAY = datetime.date(2022, 7, 31)


def snapshot():
    units = list(Unit.objects.order_by("code").values_list("code", "name", "parent__code", "leader__email",
                                                            "closed_on", "path"))
    centres = list(CostCentre.objects.order_by("code").values_list("code", "unit__code", "closed_on"))
    return units, centres, Person.objects.count(), LogEntry.objects.count()


def run(text: str, **kw):
    return import_org(text.encode("utf-8"), "org.csv", today=TODAY, **kw)


def rejected(text: str) -> TableError:
    before = snapshot()
    with pytest.raises(TableError) as info:
        run(text)
    assert snapshot() == before, "a rejected file must change nothing"
    return info.value


@pytest.fixture
def imported(db):
    return run(GOOD)


def test_a_good_file_builds_the_tree(imported):
    assert sorted(imported.created) == ["B1", "B2", "E1", "K", "U1"]
    e1 = Unit.objects.get(code="E1")
    assert [a.code for a in e1.ancestors()] == ["K", "U1", "B1"]
    assert e1.leader.email == "bo@example.dk"
    assert sorted(e1.cost_centres.values_list("code", flat=True)) == ["100110", "100120"]


def test_without_a_type_column_the_level_says_what_a_unit_is(imported):
    kinds = dict(Unit.objects.values_list("code", "kind"))
    assert kinds["K"] == UnitKind.MUNICIPALITY and kinds["U1"] == UnitKind.COMMITTEE
    assert kinds["B1"] == UnitKind.BUDGET_HOLDER and kinds["E1"] == UnitKind.UNIT


def test_the_same_file_again_changes_nothing(imported):
    before = snapshot()
    again = run(GOOD)
    assert not again.changed and again.unchanged == 5
    assert snapshot() == before


def test_a_renamed_and_moved_unit_is_updated_in_place_with_history(imported):
    pk = Unit.objects.get(code="E1").pk
    result = run(GOOD.replace("E1;SFO;B1", "E1;SFO og klub;B2"))
    assert result.updated == ["E1"]
    unit = Unit.objects.get(code="E1")
    assert unit.pk == pk and unit.name == "SFO og klub" and unit.parent.code == "B2"
    change = LogEntry.objects.get_for_object(unit).order_by("-timestamp").first()
    assert change.changes_dict["name"] == ["SFO", "SFO og klub"]


def test_a_unit_missing_from_the_file_is_closed_not_deleted(imported):
    result = run(GOOD.replace("E1;SFO;B1;bo@example.dk;100110 100120\n", ""))
    assert result.closed == ["E1"]
    unit = Unit.objects.get(code="E1")
    assert unit.closed_on == TODAY
    assert set(CostCentre.objects.filter(unit=unit).values_list("closed_on", flat=True)) == {TODAY}


def test_a_closed_unit_that_comes_back_is_reopened(imported):
    run(GOOD.replace("E1;SFO;B1;bo@example.dk;100110 100120\n", ""))
    result = run(GOOD)
    assert result.reopened == ["E1"]
    assert Unit.objects.get(code="E1").closed_on is None


def test_a_cost_centre_listed_under_another_unit_moves_there(imported):
    result = run(GOOD.replace("B2;Borgerservice;K;;100200", "B2;Borgerservice;K;;100200 100120")
                 .replace("100110 100120", "100110"))
    assert result.cost_centres_moved == 1
    assert CostCentre.objects.get(code="100120").unit.code == "B2"


def test_a_dry_run_reports_what_would_change_and_changes_nothing(imported):
    before = snapshot()
    result = run(GOOD.replace("Egebjerg Skole", "Egebjerg Skole og SFO"), dry_run=True)
    assert result.updated == ["B1"] and result.dry_run
    assert snapshot() == before


def test_optional_columns_give_type_leader_name_and_deputies(db):
    text = ("enhed_id;navn;overordnet_id;type;leder_email;leder_navn;stedfortraedere;omkostningssteder\n"
            "K;Testkommune;;kommune;d@example.dk;Dorte Dahl;;\n"
            "X;Pulje;K;bevillingsområde;p@example.dk;Per Poulsen;d@example.dk;900\n")
    run(text)
    pool = Unit.objects.get(code="X")
    assert pool.kind == UnitKind.BUDGET_HOLDER and pool.leader.name == "Per Poulsen"
    assert [p.name for p in pool.deputies.all()] == ["Dorte Dahl"]


def test_a_comma_separated_windows_1252_file_is_read(db):
    text = GOOD.replace(";", ",").replace("100110 100120", '"100110,100120"')
    import_org(text.encode("cp1252"), "org.csv", today=TODAY)
    assert Unit.objects.get(code="U1").name == "Børne- og Ungeudvalget"
    assert CostCentre.objects.filter(unit__code="E1").count() == 2


def problem_at(error: TableError, line, column):
    matches = [p for p in error.problems if p.line == line and p.column == column]
    assert matches, f"no problem at line {line}, column {column}: {[str(p) for p in error.problems]}"
    return matches[0]


def test_a_cycle_is_rejected_naming_the_units(imported):
    error = rejected(GOOD.replace("U1;Børne- og Ungeudvalget;K", "U1;Børne- og Ungeudvalget;E1"))
    problem = problem_at(error, 3, "overordnet_id")
    assert "ring" in problem.message and "U1" in problem.message and "E1" in problem.message


def test_an_unknown_parent_is_rejected(imported):
    error = rejected(GOOD.replace("B2;Borgerservice;K", "B2;Borgerservice;U9"))
    assert "ukendt overordnet enhed" in problem_at(error, 6, "overordnet_id").message


def test_a_duplicate_unit_id_is_rejected_naming_both_lines(imported):
    error = rejected(GOOD + "B1;Egebjerg Skole igen;U1;;\n")
    assert "linje 4" in problem_at(error, 7, "enhed_id").message


def test_a_cost_centre_under_two_units_is_rejected(imported):
    error = rejected(GOOD.replace("B2;Borgerservice;K;;100200", "B2;Borgerservice;K;;100110"))
    assert "linje 5" in problem_at(error, 6, "omkostningssteder").message


def test_a_row_with_too_few_fields_is_rejected(imported):
    error = rejected(GOOD + "B3;Kun to felter\n")
    assert "felter" in problem_at(error, 7, None).message


def test_a_missing_column_is_rejected_at_the_header(imported):
    error = rejected(GOOD.replace(";leder_email", "").replace(";direktor@example.dk", "")
                     .replace(";anne@example.dk", "").replace(";bo@example.dk", ""))
    assert any("leder_email" in str(p) for p in error.problems)


def test_a_bad_email_and_a_missing_name_are_rejected_with_line_and_column(imported):
    error = rejected(GOOD.replace("anne@example.dk", "anne(at)example").replace("B2;Borgerservice", "B2;"))
    assert "e-mail" in problem_at(error, 4, "leder_email").message
    assert "navn mangler" in problem_at(error, 6, "navn").message


def test_a_file_with_two_roots_is_rejected(imported):
    error = rejected(GOOD + "K2;Anden kommune;;;\n")
    assert "rodenhed" in problem_at(error, 7, "overordnet_id").message


def test_an_empty_file_is_rejected(imported):
    error = rejected(HEADER + "\n")
    assert "ingen enheder" in str(error)


def test_bytes_that_are_not_text_are_rejected(imported):
    before = snapshot()
    with pytest.raises(TableError):
        import_org(b"\x00\x01\x02\xff" * 10, "org.csv", today=TODAY)
    assert snapshot() == before


def test_every_change_is_in_the_audit_trail_with_its_source(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import-org", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    entry = LogEntry.objects.get_for_object(Unit.objects.get(code="B1")).get()
    assert entry.additional_data == {"kilde": "styr import-org org.csv"}


def test_the_command_rejects_a_bad_file_with_a_danish_message(db, tmp_path):
    path = tmp_path / "org.csv"
    path.write_text(GOOD.replace("B2;Borgerservice;K", "B2;Borgerservice;U9"), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import-org", str(path))
    assert "Filen er afvist, og intet er ændret" in str(info.value)
    assert "org.csv, linje 6, kolonne «overordnet_id»" in str(info.value)
    assert not Unit.objects.exists()


def test_the_styr_command_exits_non_zero_on_a_bad_file(tmp_path):
    path = tmp_path / "org.csv"
    path.write_text("helt;forkert\n1;2\n", encoding="utf-8")
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "STYR_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
           "PATH": "/usr/bin:/bin", "PYTHONPATH": "src:."}
    root = Path(__file__).resolve().parents[2]
    migrate = subprocess.run([sys.executable, "-m", "styr.cli", "migrate", "-v0"], env=env, capture_output=True,
                             text=True, check=False, cwd=root)
    assert migrate.returncode == 0, migrate.stderr
    result = subprocess.run([sys.executable, "-m", "styr.cli", "import-org", str(path)], env=env,
                            capture_output=True, text=True, check=False, cwd=root)
    assert result.returncode != 0
    assert "mangler" in result.stderr
