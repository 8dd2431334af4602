"""The goal rules as pure functions: numbers and colours in, colours and numbers out.

Colours are GoalColour values: "groen", "gul", "roed"; None means not assessed.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

GREEN, YELLOW, RED = "groen", "gul", "roed"
SEVERITY = {GREEN: 0, YELLOW: 1, RED: 2}
UP, DOWN = "op", "ned"
# A guiding mark is red when at least this share of its assessed goals is red: one red goal among
# ten does not make the council's mark red, but a third of them does.
RED_SHARE = Decimal(1) / 3


def indicator_status(*, baseline: Decimal, target: Decimal, direction: str, latest: Decimal | None) -> str | None:
    """An indicator's colour from its latest measurement against the target.

    Green: the target is reached (or passed, in the good direction). Yellow: better than the
    baseline but not yet at the target. Red: no better than the baseline. None: nothing measured.
    """
    if latest is None:
        return None
    sign = 1 if direction == UP else -1
    if sign * (latest - target) >= 0:
        return GREEN
    if sign * (latest - baseline) > 0:
        return YELLOW
    return RED


def progress(*, baseline: Decimal, target: Decimal, latest: Decimal | None) -> Decimal | None:
    """How far from the baseline to the target the latest measurement has come, in percent
    (0 at the baseline, 100 at the target; below 0 when it went the wrong way)."""
    if latest is None or target == baseline:
        return None
    return ((latest - baseline) * 100 / (target - baseline)).quantize(Decimal(1))


def worst(colours: Iterable[str | None]) -> str | None:
    """The worst assessed colour; None when none is assessed. A goal is as far as its weakest indicator."""
    assessed = [c for c in colours if c in SEVERITY]
    return max(assessed, key=SEVERITY.__getitem__) if assessed else None


@dataclass(frozen=True)
class Aggregate:
    status: str | None
    green: int
    yellow: int
    red: int
    not_assessed: int

    @property
    def assessed(self) -> int:
        return self.green + self.yellow + self.red

    @property
    def total(self) -> int:
        return self.assessed + self.not_assessed


def aggregate(colours: Iterable[str | None], red_share: Decimal = RED_SHARE) -> Aggregate:
    """A guiding mark's (or an area's) status from its goals' colours.

    Red when at least ``red_share`` of the assessed goals are red; green when every assessed goal
    is green; yellow otherwise. Goals without a status are counted but do not decide the colour;
    with no assessed goal at all the status is None (not assessed).
    """
    counts = Counter(c if c in SEVERITY else None for c in colours)
    green, yellow, red = counts[GREEN], counts[YELLOW], counts[RED]
    assessed = green + yellow + red
    if not assessed:
        status = None
    elif red and Decimal(red) / assessed >= red_share:
        status = RED
    elif green == assessed:
        status = GREEN
    else:
        status = YELLOW
    return Aggregate(status, green, yellow, red, counts[None])


def half_year(month: int) -> int:
    """1 for January–June, 2 for July–December: the executive board's two yearly status meetings."""
    return 1 if month <= 6 else 2
