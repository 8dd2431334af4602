"""Imports of the key-figure series: one function per series, one way to do each.

Every import reads and checks the whole file first (formats.parse_file; a bad file raises
``TableError`` and nothing changes), then replaces the months the file covers in one transaction:
the old rows of those months go and the file's rows come in, so readers see the old month or the
new one, never half of each. For the series per unit the file is the whole month: units missing
from it have no figures for that month afterwards. Each import is recorded as a KeyFigureImport,
which the audit trail logs with the actor (``styr.core.audit.acting`` outside a web request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from styr.organisation.models import Unit

from .formats import ParsedFile, Source, parse_file
from .models import (
    AbsenceMonth,
    ArrearsMonth,
    HeadcountMonth,
    KeyFigureImport,
    LiquidityDay,
    NationalAbsenceMonth,
    PopulationMonth,
    Series,
)
from .rules import add_months

BATCH = 2000


@dataclass
class ImportResult:
    parsed: ParsedFile
    record: KeyFigureImport
    replaced: int  # rows of the same months that were there before

    def summary(self) -> str:
        months = _month_range(self.parsed.months)
        text = (f"{Series(self.parsed.series).label}: {self.parsed.file_name} er indlæst – "
                f"{len(self.parsed.records)} rækker for {months}")
        if self.replaced:
            text += f"; de {self.replaced} tidligere rækker for de måneder er erstattet"
        if self.parsed.detail:
            text += f" ({self.parsed.detail})"
        return text + "."


def _month_range(months: list[date]) -> str:
    from styr.documents.numbers import fmt_month

    if not months:
        return "ingen måneder"
    first, last = months[0], months[-1]
    if first == last:
        return fmt_month(first.year, first.month)
    return f"{fmt_month(first.year, first.month)} – {fmt_month(last.year, last.month)} ({len(months)} måneder)"


def read_series_file(series: str, source: Source, filename: str) -> ParsedFile:
    """Read and check a file without changing anything (the upload page's preview)."""
    return parse_file(series, source, filename, unit_codes=Unit.objects.values_list("code", flat=True))


def import_liquidity(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import daily balances (dato;saldo), replacing every day of the months the file covers."""
    parsed = read_series_file(Series.LIQUIDITY, source, filename)
    in_months = Q(pk__in=[])
    for month in parsed.months:
        in_months |= Q(day__gte=month, day__lt=add_months(month, 1))
    rows = [LiquidityDay(day=r.day, balance=r.balance) for r in parsed.records]
    return _replace(parsed, LiquidityDay.objects.filter(in_months), rows, user)


def import_arrears(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import arrears per month (with the municipality, of which property tax, and with Gældsstyrelsen)."""
    parsed = read_series_file(Series.ARREARS, source, filename)
    rows = [ArrearsMonth(month=r.month, municipality=r.municipality, property_tax=r.property_tax,
                         collection_agency=r.collection_agency) for r in parsed.records]
    return _replace(parsed, ArrearsMonth.objects.filter(month__in=parsed.months), rows, user)


def import_absence(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import sick days and possible working days per unit and month, or per employee and day (added
    up per unit and month on the way in). The file is the whole of each month it covers."""
    parsed = read_series_file(Series.ABSENCE, source, filename)
    units = _unit_ids(r.unit_code for r in parsed.records)
    rows = [AbsenceMonth(month=r.month, unit_id=units[r.unit_code], sick_days=r.sick_days,
                         possible_days=r.possible_days, employees=r.employees) for r in parsed.records]
    return _replace(parsed, AbsenceMonth.objects.filter(month__in=parsed.months), rows, user)


def import_national_absence(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import the national average sick-leave percentage per month."""
    parsed = read_series_file(Series.NATIONAL_ABSENCE, source, filename)
    rows = [NationalAbsenceMonth(month=r.month, percent=r.percent) for r in parsed.records]
    return _replace(parsed, NationalAbsenceMonth.objects.filter(month__in=parsed.months), rows, user)


def import_headcount(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import persons and full-time equivalents per unit and month. The file is the whole month."""
    parsed = read_series_file(Series.HEADCOUNT, source, filename)
    units = _unit_ids(r.unit_code for r in parsed.records)
    rows = [HeadcountMonth(month=r.month, unit_id=units[r.unit_code], persons=r.persons, fte=r.fte)
            for r in parsed.records]
    return _replace(parsed, HeadcountMonth.objects.filter(month__in=parsed.months), rows, user)


def import_population(source: Source, filename: str, *, user=None) -> ImportResult:
    """Import the population on the first day of each month."""
    parsed = read_series_file(Series.POPULATION, source, filename)
    rows = [PopulationMonth(month=r.month, population=r.population) for r in parsed.records]
    return _replace(parsed, PopulationMonth.objects.filter(month__in=parsed.months), rows, user)


IMPORTERS = {
    Series.LIQUIDITY: import_liquidity,
    Series.ARREARS: import_arrears,
    Series.ABSENCE: import_absence,
    Series.NATIONAL_ABSENCE: import_national_absence,
    Series.HEADCOUNT: import_headcount,
    Series.POPULATION: import_population,
}


def import_series(series: str, source: Source, filename: str, *, user=None) -> ImportResult:
    """The import for ``series`` (a Series value), for the command and the upload page."""
    if series not in IMPORTERS:
        raise ValueError(f"ukendt serie «{series}»; vælg en af {', '.join(IMPORTERS)}")
    return IMPORTERS[series](source, filename, user=user)


def _unit_ids(codes) -> dict[str, int]:
    return dict(Unit.objects.filter(code__in=set(codes)).values_list("code", "pk"))


def _replace(parsed: ParsedFile, old_rows, new_rows: list, user) -> ImportResult:
    with transaction.atomic():
        replaced, _ = old_rows.delete()
        type(new_rows[0]).objects.bulk_create(new_rows, batch_size=BATCH)
        record = KeyFigureImport.objects.create(series=parsed.series, file_name=parsed.file_name[:255],
                                                months=parsed.month_labels, row_count=parsed.row_count,
                                                imported_by=user if user is not None and user.is_authenticated
                                                else None)
    return ImportResult(parsed, record, replaced)
