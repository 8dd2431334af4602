"""Danish numbers, amounts and dates as the municipality writes them (DOMAIN.md §7).

"46,1 mio. kr.", "8.000 kr.", "1.406.800", "-2.093,8", "4,8 %", "1,2 procentpoint", "31. juli 2022",
"pr. 31. december 2016", "29-08-2022". Thousands are separated by dots, decimals by a comma, and "kr."
follows the amount.

Pure functions: Decimal (or int) in, text out. Rounding is half away from zero (ROUND_HALF_UP on
Decimal: 2,5 → 3 and -2,5 → -3), as in the municipality's printed accounts; a float is refused
because it cannot hold øre exactly. ``None`` gives an en dash, so a missing figure shows as "–".
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

EMPTY = "–"
HYPHEN = "-"  # the default minus: what Danish Word and Excel users type, and what reads back
MINUS = "\u2212"  # the typographic minus, for tables where it lines up with the digits

MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni",
               "juli", "august", "september", "oktober", "november", "december")
MONTH_ABBREVIATIONS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.",
                       "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
THOUSAND = Decimal(1000)
MILLION = Decimal(10) ** 6
BILLION = Decimal(10) ** 9  # "mia." is 10⁹ (milliard), never the English billion of 10¹²


def as_decimal(value: Decimal | int) -> Decimal:
    """The value as a Decimal; floats and other types are refused rather than guessed."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"forventede Decimal eller int, fik {type(value).__name__}: {value!r}")


def round_half_up(value: Decimal | int, decimals: int = 0) -> Decimal:
    """Round half away from zero to ``decimals`` places."""
    if decimals < 0:
        raise ValueError("decimals skal være 0 eller mere")
    return as_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def fmt_number(value: Decimal | int | None, decimals: int = 0, *, minus: str = HYPHEN) -> str:
    """1406800 → "1.406.800"; Decimal("-2093.8"), 1 → "-2.093,8". A value that rounds to zero has no sign."""
    if value is None:
        return EMPTY
    rounded = round_half_up(value, decimals)
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    text = _group_thousands(integer) + ("," + fraction if fraction else "")
    return (minus + text) if rounded < 0 else text


def fmt_kr(value: Decimal | int | None, decimals: int = 0, *, minus: str = HYPHEN) -> str:
    """8000 → "8.000 kr."."""
    if value is None:
        return EMPTY
    return f"{fmt_number(value, decimals, minus=minus)} kr."


def fmt_tkr(value: Decimal | int | None, decimals: int = 0, *, minus: str = HYPHEN) -> str:
    """An amount in kroner shown in 1.000 kr., for tables that say "1.000 kr." in the header:
    1406800 → "1.407"."""
    if value is None:
        return EMPTY
    return fmt_number(as_decimal(value) / THOUSAND, decimals, minus=minus)


def fmt_mio(value: Decimal | int | None, decimals: int = 1, *, unit: bool = True, minus: str = HYPHEN) -> str:
    """46_123_456 → "46,1 mio. kr." (or "46,1" with ``unit=False``, for a table headed "mio. kr.")."""
    if value is None:
        return EMPTY
    text = fmt_number(as_decimal(value) / MILLION, decimals, minus=minus)
    return f"{text} mio. kr." if unit else text


def fmt_mia(value: Decimal | int | None, decimals: int = 1, *, unit: bool = True, minus: str = HYPHEN) -> str:
    """4_250_000_000 → "4,3 mia. kr."."""
    if value is None:
        return EMPTY
    text = fmt_number(as_decimal(value) / BILLION, decimals, minus=minus)
    return f"{text} mia. kr." if unit else text


def fmt_amount(value: Decimal | int | None) -> str:
    """An amount for running text, in the unit a reader expects: "8.000 kr.", "46,1 mio. kr.", "4,3 mia. kr."."""
    if value is None:
        return EMPTY
    size = abs(as_decimal(value))
    if size >= BILLION:
        return fmt_mia(value)
    if size >= MILLION:
        return fmt_mio(value)
    return fmt_kr(value)


def fmt_percent(value: Decimal | int | None, decimals: int = 1, *, minus: str = HYPHEN) -> str:
    """A percentage given in percent: Decimal("4.8") → "4,8 %"."""
    if value is None:
        return EMPTY
    return f"{fmt_number(value, decimals, minus=minus)} %"


def fmt_share(part: Decimal | int | None, whole: Decimal | int | None, decimals: int = 1) -> str:
    """``part`` as a percentage of ``whole``: (48, 1000) → "4,8 %"; "–" when the whole is zero or missing."""
    if part is None or whole is None or as_decimal(whole) == 0:
        return EMPTY
    return fmt_percent(as_decimal(part) * 100 / as_decimal(whole), decimals)


def fmt_pp(value: Decimal | int | None, decimals: int = 1, *, minus: str = HYPHEN) -> str:
    """A difference of two percentages: Decimal("1.2") → "1,2 procentpoint"."""
    if value is None:
        return EMPTY
    return f"{fmt_number(value, decimals, minus=minus)} procentpoint"


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(COPENHAGEN)
        return value.date()
    return value


def month_name(month: int) -> str:
    """7 → "juli"."""
    if not 1 <= month <= 12:
        raise ValueError(f"måned {month} findes ikke")
    return MONTH_NAMES[month - 1]


def fmt_date_long(value: date | datetime | None) -> str:
    """date(2022, 7, 31) → "31. juli 2022" (a datetime is shown in Danish time)."""
    if value is None:
        return EMPTY
    day = _local_date(value)
    return f"{day.day}. {month_name(day.month)} {day.year}"


def fmt_as_of(value: date | datetime | None) -> str:
    """date(2016, 12, 31) → "pr. 31. december 2016"."""
    if value is None:
        return EMPTY
    return f"pr. {fmt_date_long(value)}"


def fmt_date_short(value: date | datetime | None) -> str:
    """date(2022, 8, 29) → "29-08-2022", as meeting headings write it."""
    if value is None:
        return EMPTY
    day = _local_date(value)
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def fmt_month(year: int, month: int) -> str:
    """(2022, 7) → "juli 2022"."""
    return f"{month_name(month)} {year}"


def fmt_period(period: int | None) -> str:
    """A ledger period yyyymm: 202207 → "juli 2022"."""
    if period is None:
        return EMPTY
    return fmt_month(period // 100, period % 100)


def fmt_month_range(year: int, first: int, last: int) -> str:
    """(2022, 1, 7) → "januar–juli 2022"; (2022, 7, 7) → "juli 2022"."""
    if first == last:
        return fmt_month(year, last)
    return f"{month_name(first)}–{month_name(last)} {year}"


def fmt_periods(periods: list[int]) -> str:
    """Ledger periods as a person says them, runs of months together: [202201, …, 202212] →
    "januar–december 2022"; [202205, 202211] → "maj 2022 og november 2022"."""
    runs: list[list[int]] = []
    for period in sorted(set(periods)):
        if runs and period == runs[-1][-1] + 1 and period // 100 == runs[-1][0] // 100:
            runs[-1].append(period)
        else:
            runs.append([period])
    texts = [fmt_month_range(run[0] // 100, run[0] % 100, run[-1] % 100) for run in runs]
    if len(texts) < 2:
        return texts[0] if texts else EMPTY
    return ", ".join(texts[:-1]) + " og " + texts[-1]
