"""The benchmark's own parts: its posting file is one the import accepts, and its table is Markdown."""

from bench.__main__ import repeated, table
from bench.generate import COST_CENTRES, HEADER, danish, generate
from bench.measures import Measure
from styr.budget.ledger_import import import_ledger
from styr.organisation.models import CostCentre


def test_the_bench_file_is_realistic_and_accepted_by_the_import(db, tmp_path):
    from bench.prepare import prepare

    prepare()
    path = generate(tmp_path / "p.csv", 2_000)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and text.count("\n") == 2_001
    assert 80 < len(text.encode()) / 2_000 < 120, "about 100 bytes a row"
    result = import_ledger(path, filename="p.csv")
    assert result.rows == 2_000 and len(result.periods) == 12
    assert CostCentre.objects.filter(code__in=["100100", "100110", COST_CENTRES[-1]]).count() == 3


def test_danish_amounts_in_the_bench_file():
    assert [danish(n) for n in (0, 5, -123456789, 100000)] == ["0,00", "0,05", "-1.234.567,89", "1.000,00"]


def test_the_table_has_a_ratio_where_there_is_a_baseline():
    lines = table([Measure("DuckDB", 2.0, "s"), Measure("import", 12.0, "s", "≤ 6× DuckDB", 2.0)]).splitlines()
    assert lines[0] == "| measure | value | unit | goal | baseline | ratio |"
    assert lines[3] == "| import | 12,00 | s | ≤ 6× DuckDB | 2,00 | 6,00× |"


def test_a_repeated_measure_is_the_median_time_and_the_largest_peak():
    runs = iter([(5.0, 300.0, "a"), (3.0, 500.0, "b"), (4.0, 400.0, "c")])
    assert repeated("import", 3, lambda: next(runs)) == (4.0, 500.0, "c")
