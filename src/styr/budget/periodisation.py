"""Periodisation: how a year's budget is spread over the twelve months, so that the actuals to date
can be compared with the budget to date, and not with month/12 of the year's budget.

Each budget line has a profile (``BudgetLine.profile``):

- **jævnt** (even): 1/12 a month.
- **som sidste års forbrug** (last year): the monthly shares of the cost centre's actuals last year,
  for a school whose spending dips in July, or a pool spent in December. With no actuals last year
  there is nothing to copy, and the line falls back to even, with a note saying so.
- **lønprofil** (salary): twelve equal months, except that the special holiday allowance (særlig
  feriegodtgørelse, 1,5 % of the year's pay for most municipal staff) is paid with the pay for May
  (the part earned September–April, 1 %) and August (May–August, 0,5 %), so May weighs 1,12 and
  August 1,06 of an ordinary month. The agreements differ between staff groups and change over
  time (verify locally), hence the setting ``STYR_SALARY_PROFILE``.

Weights are whole numbers relative to their sum (100, 100, …, 112, …), so the shares are exact
fractions that sum to exactly 1. Amounts are Decimal kroner; the twelve monthly amounts are
rounded to whole øre by the largest-remainder method and always sum exactly to the annual amount.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate

from styr.core.money import from_oere, to_oere

from .models import Profile

MONTHS = 12
DEFAULT_SALARY_PROFILE = (100, 100, 100, 100, 112, 100, 100, 106, 100, 100, 100, 100)
NO_ACTUALS_LAST_YEAR = "Intet forbrug sidste år at fordele efter; budgettet er periodiseret jævnt."


@dataclass(frozen=True)
class Weights:
    """Twelve non-negative whole-number weights, one per month, relative to their sum."""

    parts: tuple[int, ...]
    note: str = ""  # why these weights, when they are not what the profile asked for

    def __post_init__(self):
        if len(self.parts) != MONTHS or min(self.parts) < 0 or sum(self.parts) == 0:
            raise ValueError(f"en profil skal have 12 ikke-negative vægte med en positiv sum, fik {self.parts}")

    @property
    def shares(self) -> tuple[Fraction, ...]:
        """Each month's share of the year, as exact fractions summing to 1."""
        total = sum(self.parts)
        return tuple(Fraction(p, total) for p in self.parts)


EVEN = Weights((1,) * MONTHS)


def salary_weights(parts: Sequence[int] = DEFAULT_SALARY_PROFILE) -> Weights:
    """The salary profile: ordinary months plus the months that pay the holiday allowance."""
    return Weights(tuple(parts))


def weights_from_actuals(monthly: Sequence[Decimal]) -> Weights:
    """Weights from last year's actuals per month (January first).

    Months against the year's direction (a refund in a spending year) count as zero, since a
    negative share of the budget cannot be spent. With no actuals, or none in the year's
    direction, the weights are even and the note says why.
    """
    return weights_from_oere([to_oere(m) for m in monthly])


def weights_from_oere(oere: Sequence[int]) -> Weights:
    """``weights_from_actuals`` for amounts in whole øre."""
    if len(oere) != MONTHS:
        raise ValueError("forventede forbrug for 12 måneder")
    direction = 1 if sum(oere) >= 0 else -1
    parts = tuple([max(0, o * direction) for o in oere])
    if sum(parts) == 0:
        return Weights(EVEN.parts, note=NO_ACTUALS_LAST_YEAR)
    return Weights(parts)


def weights_for(profile: str, *, salary: Sequence[int] = DEFAULT_SALARY_PROFILE,
                last_year: Sequence[Decimal] | None = None) -> Weights:
    """The weights of a budget line's profile; ``last_year`` is the cost centre's actuals per month."""
    if profile == Profile.SALARY:
        return salary_weights(salary)
    if profile == Profile.LAST_YEAR:
        return weights_from_actuals(last_year or [Decimal(0)] * MONTHS)
    return EVEN


def spread(amount: Decimal, weights: Weights = EVEN) -> list[Decimal]:
    """The annual amount spread over twelve months in whole øre, summing exactly to ``amount``.

    Each month gets its exact share rounded down; the øre left over go one each to the months
    with the largest remainders (the earlier month first on a tie). Income (negative amounts) is
    spread as its positive counterpart with the sign put back, so the rule is symmetric.
    """
    return [from_oere(m) for m in spread_oere(to_oere(amount), weights)]


def spread_oere(oere: int, weights: Weights = EVEN) -> list[int]:
    """``spread`` in whole øre (what the overview uses, as it sums in øre)."""
    sign, size = (1 if oere >= 0 else -1), abs(oere)
    total = sum(weights.parts)
    shares = [divmod(size * w, total) for w in weights.parts]
    months = [whole for whole, _ in shares]
    left = size - sum(months)
    if left:
        behind = [-rest for _, rest in shares]  # sorted() is stable: on a tie the earlier month first
        for i in sorted(range(MONTHS), key=behind.__getitem__)[:left]:
            months[i] += 1
    return [sign * m for m in months]


def to_date(amount: Decimal, weights: Weights, month: int) -> Decimal:
    """The budget for January up to and including ``month``: the first months of ``spread``."""
    return from_oere(to_date_oere(to_oere(amount), weights, month))


def to_date_oere(oere: int, weights: Weights, month: int) -> int:
    """``to_date`` in whole øre. The overview periodises thousands of groups per page, so the even
    profile takes the short way: every month has the same remainder, and the øre left over go to
    the first months, which gives the same result as ``spread`` (tested)."""
    if not 0 <= month <= MONTHS:
        raise ValueError(f"måned {month} findes ikke")
    if weights is EVEN:
        sign, size = (1 if oere >= 0 else -1), abs(oere)
        whole, left = divmod(size, MONTHS)
        return sign * (whole * month + min(month, left))
    return sum(spread_oere(oere, weights)[:month])


class ToDate:
    """``to_date_oere`` of one set of weights and one month, for many amounts (an overview
    periodises thousands of budget groups with the salary profile, say).

    With T the sum of the weights, an amount of q·T + r øre spreads as q·w plus the spread of r in
    each month: the exact shares differ by whole øre, so the remainders, and with them the øre left
    over and the months they go to, are those of r. So the budget to date is q·(w₁ + … + w_month)
    plus that of r, and each r < T is spread once however many amounts share it (tested against
    ``to_date_oere``). For weights with a large sum (last year's actuals in øre) the r hardly repeat,
    but nothing is lost either.
    """

    def __init__(self, weights: Weights, month: int):
        if not 0 <= month <= MONTHS:
            raise ValueError(f"måned {month} findes ikke")
        self.weights = weights
        self.month = month
        self.total = sum(weights.parts)
        self.head = sum(weights.parts[:month])
        self._rest: dict[int, int] = {}

    def __call__(self, oere: int) -> int:
        sign, size = (1, oere) if oere >= 0 else (-1, -oere)
        whole, rest = divmod(size, self.total)
        tail = self._rest.get(rest)
        if tail is None:
            tail = self._rest[rest] = to_date_oere(rest, self.weights, self.month)
        return sign * (whole * self.head + tail)


class ToDates:
    """The budget to date of every month of the year at once (January, January–February, …, the
    whole year), ``[to_date_oere(oere, weights, m) for m in 1…12]``, for many amounts with one set
    of weights: the same split as ``ToDate`` (q·T + r øre is q times the weights plus the spread of
    r), with the spread of each r made once."""

    def __init__(self, weights: Weights):
        self.weights = weights
        self.total = sum(weights.parts)
        self.heads = tuple(accumulate(weights.parts))
        self._rest: dict[int, tuple[int, ...]] = {}

    def __call__(self, oere: int) -> list[int]:
        sign, size = (1, oere) if oere >= 0 else (-1, -oere)
        whole, rest = divmod(size, self.total)
        tail = self._rest.get(rest)
        if tail is None:
            tail = self._rest[rest] = tuple(accumulate(spread_oere(rest, self.weights)))
        return [sign * (whole * head + part) for head, part in zip(self.heads, tail, strict=True)]
