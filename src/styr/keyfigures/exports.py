"""Each series written back in its import format (``styr keyfigures export``), so that what was
imported can be exported, corrected and imported again."""

from __future__ import annotations

from .formats import (
    AbsenceRecord,
    ArrearsRecord,
    HeadcountRecord,
    LiquidityRecord,
    NationalAbsenceRecord,
    PopulationRecord,
    write_file,
)
from .models import (
    AbsenceMonth,
    ArrearsMonth,
    HeadcountMonth,
    LiquidityDay,
    NationalAbsenceMonth,
    PopulationMonth,
    Series,
)


def _records(series: str):
    if series == Series.LIQUIDITY:
        return (LiquidityRecord(r.day, r.balance) for r in LiquidityDay.objects.order_by("day").iterator())
    if series == Series.ARREARS:
        return (ArrearsRecord(r.month, r.municipality, r.property_tax, r.collection_agency)
                for r in ArrearsMonth.objects.order_by("month"))
    if series == Series.ABSENCE:
        return (AbsenceRecord(r.month, r.unit.code, r.sick_days, r.possible_days, r.employees)
                for r in AbsenceMonth.objects.select_related("unit").order_by("month", "unit__code").iterator())
    if series == Series.NATIONAL_ABSENCE:
        return (NationalAbsenceRecord(r.month, r.percent) for r in NationalAbsenceMonth.objects.order_by("month"))
    if series == Series.HEADCOUNT:
        return (HeadcountRecord(r.month, r.unit.code, r.persons, r.fte)
                for r in HeadcountMonth.objects.select_related("unit").order_by("month", "unit__code").iterator())
    if series == Series.POPULATION:
        return (PopulationRecord(r.month, r.population) for r in PopulationMonth.objects.order_by("month"))
    raise ValueError(f"ukendt serie «{series}»; vælg en af {', '.join(Series.values)}")


def export_series(series: str) -> bytes:
    """The whole series as a file in its import format (UTF-8 with BOM, semicolons, Danish decimals)."""
    return write_file(series, _records(series))
