"""Charts for pages, PDFs and Word documents: a bar chart and a line chart, drawn the same way everywhere.

    chart = line_chart(["jan. 22", "feb. 22", …], {"Sygefravær": [Decimal("5.1"), None, …],
                       "Landsgennemsnit": […]}, title="Sygefravær", unit="%")
    chart.svg        # inline <svg> with <title> and <desc>, for a page or a PDF
    chart.png        # bytes, for Word (``WordDocument.image(chart.png, 16)``)
    chart.alt_text   # one Danish sentence or three saying what the chart shows
    chart.header, chart.rows, chart.formatted_rows()   # the numbers, for a table beside the chart

What a reader should get from them: calm colours (DKFDS's primary blue and greys; red only for
negative bars), Danish numbers on the axis ("1.000", "4,5", never "1,000.0"), the unit said once
under the title ("mio. kr.", "%"), lines labelled at their end instead of a legend, no frame, no
3D, no shadows. ``unit="kr."`` is scaled to what the numbers need (kr., 1.000 kr., mio. kr., mia.
kr.), and the table shows the same scale as the axis. ``None`` is a gap in a line and an empty bar.

Values are Decimal (or int) all the way in; they become floats only inside the drawing, because
matplotlib draws in floating point. The table rows keep the Decimals.

Rendering is lazy (``svg`` and ``png`` are drawn on first use) and serialised by a lock, because
matplotlib's settings are process-wide; pyplot is never used, so no GUI backend is involved.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from . import numbers

__all__ = ["Chart", "bar_chart", "line_chart"]

PRIMARY = "#0059b3"  # DKFDS primary
SERIES_COLOURS = (PRIMARY, "#454545", "#8c8c8c", "#002f5f", "#bcbcbc")
NEGATIVE = "#b51d09"  # DKFDS error red: only for bars below zero
TEXT = "#1a1a1a"
MUTED = "#5c5c5c"
GRID = "#e2e2e2"
AXIS = "#8c8c8c"

WIDTH_IN, HEIGHT_IN = 7.2, 3.5  # 18,3 × 8,9 cm: a page's text width, and fits Word's 16 cm scaled
PNG_DPI = 200
MAX_X_LABELS = 12
MAX_DIRECT_LABELS = 25  # more bars than this get an axis instead of a number on each bar
SHORT_LABEL = 8  # bar labels up to this long fit under vertical bars; longer ones make the bars horizontal
FONT_FAMILY = "IBM Plex Sans"
FALLBACK_FAMILY = "DejaVu Sans"
FONT_FILES = ("IBMPlexSans-Regular.ttf", "IBMPlexSans-SemiBold.ttf", "IBMPlexSans-Bold.ttf")

_RENDER_LOCK = threading.Lock()
# With IBM Plex Sans first and DejaVu Sans as the glyph fallback, matplotlib looks for a semibold
# DejaVu too and says so on every chart; it then uses Plex, which has it.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
_SVG_PREAMBLE = re.compile(r"^.*?(?=<svg)", re.S)
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SVG_SIZE = re.compile(r'\s(width|height)="[0-9.]+pt"')
_SVG_ID = re.compile(r'(\sid=)"([^"]+)"')
_SVG_REF = re.compile(r'(url\(#|href="#)([^")]+)')

Number = Decimal | int


@dataclass(frozen=True)
class Scale:
    divisor: Decimal
    unit: str
    decimals: int


@dataclass(frozen=True, eq=False)
class Chart:
    """A drawn chart and the numbers behind it.

    ``rows`` are (label, value, value, …) with the values in ``unit`` (already scaled, as Decimal or
    None); ``header`` names the columns, the unit included. ``svg`` and ``png`` are drawn on first use.
    """

    title: str
    unit: str
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    alt_text: str
    decimals: int
    _draw: Callable[[Figure], None] = field(repr=False)
    height_in: float = HEIGHT_IN
    kind: str = "line"  # "line" (rows in time order) or "bar" (rows in the bars' order)

    @cached_property
    def svg(self) -> str:
        """An inline ``<svg role="img">`` that scales to its container, with ``<title>`` and ``<desc>``."""
        ident = "chart-" + hashlib.sha256(repr((self.title, self.rows)).encode()).hexdigest()[:10]
        raw = _render(self._draw, "svg", salt=ident, height=self.height_in).decode()
        raw = _SVG_METADATA.sub("", _SVG_PREAMBLE.sub("", raw, count=1))
        # Several charts share a page: their ids must differ, and matplotlib's "*{…}" rule must
        # not reach outside the chart.
        raw = _SVG_ID.sub(lambda m: f'{m[1]}"{ident}-{m[2]}"', raw)
        raw = _SVG_REF.sub(lambda m: f"{m[1]}{ident}-{m[2]}", raw)
        raw = raw.replace("*{stroke-linejoin", ".styr-chart *{stroke-linejoin")
        start = raw.index(">", raw.index("<svg")) + 1
        opening = _SVG_SIZE.sub("", raw[:start - 1])
        opening += (f' role="img" class="styr-chart" aria-labelledby="{ident}-title {ident}-desc"'
                    ' style="max-width:100%;height:auto">')
        accessible = (f'<title id="{ident}-title">{html.escape(self.title)}</title>'
                      f'<desc id="{ident}-desc">{html.escape(self.alt_text)}</desc>')
        return opening + accessible + raw[start:]

    @cached_property
    def png(self) -> bytes:
        return _render(self._draw, "png", salt="", height=self.height_in)

    def formatted_rows(self) -> list[tuple[str, ...]]:
        """``rows`` as Danish text ("1.234,5", "–" for a missing value), for a table or a document."""
        return [(str(label), *(numbers.fmt_number(v, self.decimals) for v in values))
                for label, *values in self.rows]


# ---------------------------------------------------------------------------------------------------
# The two charts


def bar_chart(labels: Sequence[str], values: Sequence[Number | None], *, title: str, unit: str,
              highlight_negative: bool = True, reference_line: Number | tuple[Number, str] | None = None,
              label_title: str = "", decimals: int | None = None) -> Chart:
    """Bars for ``labels``, one value each. Short labels (months, years) stand under upright bars;
    long ones (unit names) make the bars horizontal, read top-down in the given order. With up to
    25 bars each bar carries its number and the value axis is left out. Negative bars are red when
    ``highlight_negative``. ``reference_line`` is a value or (value, label), e.g. a national average."""
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} etiketter, men {len(values)} værdier")
    scale = _scale(unit, values, decimals)
    shown = [_scaled(v, scale) for v in values]
    reference = _reference(reference_line, scale)
    labels = [str(label) for label in labels]
    horizontal = any(len(label) > SHORT_LABEL for label in labels) or len(labels) > 40

    def draw(fig: Figure) -> None:
        _bars(fig, labels, shown, scale, title, horizontal, highlight_negative, reference)

    header = (label_title, f"{title} ({scale.unit})" if scale.unit else title)
    return Chart(title=title, unit=scale.unit, header=header,
                 rows=tuple((label, value) for label, value in zip(labels, shown, strict=True)),
                 alt_text=_bar_alt_text(labels, shown, title, scale, reference), decimals=scale.decimals,
                 _draw=draw, height_in=max(HEIGHT_IN, 1.25 + 0.27 * len(labels)) if horizontal else HEIGHT_IN,
                 kind="bar")


def line_chart(x_labels: Sequence[str] | Sequence[date], series: dict[str, Sequence[Number | None]], *,
               title: str, unit: str, reference_line: Number | tuple[Number, str] | None = None, label_title: str = "",
               decimals: int | None = None) -> Chart:
    """One line per series over ``x_labels``; ``None`` leaves a gap (a lone point between gaps is a
    dot). The first series is blue and drawn strongest, the others grey. Lines are named at their
    right end; a single line shows its last value there instead. ``reference_line`` is a value or
    (value, label), drawn dashed (e.g. 0 for the liquidity rule).

    ``x_labels`` may be dates (a daily series): the axis is then a time axis labelled by month
    ("jan. 22"), and the table says each date ("31-01-2022")."""
    if not series:
        raise ValueError("mindst én dataserie")
    for name, values in series.items():
        if len(values) != len(x_labels):
            raise ValueError(f"serien «{name}» har {len(values)} værdier, men der er {len(x_labels)} etiketter")
    every_value = [v for values in series.values() for v in values]
    scale = _scale(unit, every_value, decimals)
    shown = {name: [_scaled(v, scale) for v in values] for name, values in series.items()}
    reference = _reference(reference_line, scale)
    dates = list(x_labels) if x_labels and all(isinstance(x, date) for x in x_labels) else None
    labels = [numbers.fmt_date_short(x) for x in x_labels] if dates else [str(label) for label in x_labels]

    def draw(fig: Figure) -> None:
        _lines(fig, labels, shown, scale, title, reference, dates)

    names = list(shown)
    unit_suffix = f" ({scale.unit})" if scale.unit else ""
    header = (label_title, *(f"{name}{unit_suffix}" for name in names))
    rows = tuple((label, *(shown[name][i] for name in names)) for i, label in enumerate(labels))
    return Chart(title=title, unit=scale.unit, header=header, rows=rows,
                 alt_text=_line_alt_text(labels, shown, title, scale, reference), decimals=scale.decimals,
                 _draw=draw)


# ---------------------------------------------------------------------------------------------------
# Numbers


def _scale(unit: str, values: Sequence[Number | None], decimals: int | None) -> Scale:
    """Amounts in kroner are shown in the unit their size calls for; other units as given."""
    present = [numbers.as_decimal(v) for v in values if v is not None]
    largest = max((abs(v) for v in present), default=Decimal(0))
    if unit == "kr.":
        if largest >= numbers.BILLION:
            divisor, name, default = numbers.BILLION, "mia. kr.", 1
        elif largest >= numbers.MILLION:
            divisor, name, default = numbers.MILLION, "mio. kr.", 1
        elif largest >= 10 * numbers.THOUSAND:
            divisor, name, default = numbers.THOUSAND, "1.000 kr.", 0
        else:
            divisor, name, default = Decimal(1), "kr.", 0
        return Scale(divisor, name, default if decimals is None else decimals)
    if decimals is None:
        whole = all(v == v.to_integral_value() for v in present)
        decimals = 0 if whole or unit in ("personer", "antal") else 1
    return Scale(Decimal(1), unit, decimals)


def _scaled(value: Number | None, scale: Scale) -> Decimal | None:
    if value is None:
        return None
    value = numbers.as_decimal(value)
    return value if scale.divisor == 1 else value / scale.divisor


def _reference(reference, scale: Scale) -> tuple[Decimal, str] | None:
    """(value in the chart's scale, the label drawn by the line: "Landsgennemsnit (4,5 %)")."""
    if reference is None:
        return None
    value, label = reference if isinstance(reference, tuple) else (reference, "")
    value = _scaled(value, scale)
    return value, f"{label} ({_with_unit(_fmt(value, scale), scale)})" if label else ""


def _float(value: Decimal | None) -> float:
    # Drawing only: matplotlib works in floats. NaN makes the gap in a line.
    return math.nan if value is None else float(value)


def _fmt(value: Decimal | None, scale: Scale) -> str:
    return numbers.fmt_number(value, scale.decimals)


def _with_unit(text: str, scale: Scale) -> str:
    if scale.unit == "%":
        return f"{text} %"
    if scale.unit == "1.000 kr.":
        return f"{text} (1.000 kr.)"
    return f"{text} {scale.unit}".rstrip()


class DanishTicks(Formatter):
    """Axis numbers the Danish way, all with as many decimals as the step between ticks needs."""

    def __init__(self) -> None:
        self.decimals = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        steps = [abs(b - a) for a, b in zip(locs, locs[1:], strict=False) if b != a]
        step = min(steps, default=1.0)
        self.decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0

    def __call__(self, x, pos=None) -> str:
        # A tick position is a float chosen by matplotlib, not an amount: rounded to a Decimal for text.
        return numbers.fmt_number(Decimal(f"{float(x):.10f}"), self.decimals, minus=numbers.MINUS)


def _plain(text: str) -> str:
    """Text that matplotlib must not read as mathematics ("$" starts mathtext)."""
    return text.replace("$", r"\$")


# ---------------------------------------------------------------------------------------------------
# Drawing


@cache
def _font_family() -> list[str]:
    """IBM Plex Sans (DKFDS's typeface, from node_modules) when its files are there, else DejaVu Sans."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        font_dir = Path(settings.NODE_MODULES) / "dkfds" / "dist" / "fonts" / "IBMPlexSans" / "complete" / "ttf"
    except (ImproperlyConfigured, AttributeError):  # outside Django (a plain script): DejaVu will do
        font_dir = None
    found = False
    for name in FONT_FILES:
        if font_dir is not None and (font_dir / name).exists():
            font_manager.fontManager.addfont(str(font_dir / name))
            found = True
    if not found:
        try:
            font_manager.findfont(FONT_FAMILY, fallback_to_default=False)
            found = True
        except ValueError:
            pass
    return [FONT_FAMILY, FALLBACK_FAMILY] if found else [FALLBACK_FAMILY]


def _style() -> dict:
    return {
        "font.family": _font_family(),
        "font.size": 10,
        "text.color": TEXT,
        "axes.edgecolor": AXIS,
        "axes.labelcolor": MUTED,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": MUTED,
        "ytick.labelcolor": MUTED,
        "svg.fonttype": "none",  # text stays text in the SVG: sharp, searchable, in the page's font
        "axes.unicode_minus": True,
    }


def _render(draw: Callable[[Figure], None], fmt: str, *, salt: str, height: float) -> bytes:
    with _RENDER_LOCK, rc_context({**_style(), "svg.hashsalt": salt or None}):
        fig = Figure(figsize=(WIDTH_IN, height))
        FigureCanvasAgg(fig)
        draw(fig)
        out = io.BytesIO()
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return out.getvalue()


def _frame(fig: Figure, title: str, scale: Scale, *, right: float = 0.97, left: float = 0.09):
    height = fig.get_figheight()  # the margins are fixed in inches, so a taller chart keeps them
    fig.text(0.012, 1 - 0.12 / height, _plain(title), fontsize=12, fontweight="bold", va="top", ha="left")
    if scale.unit:
        fig.text(0.012, 1 - 0.42 / height, _plain(scale.unit), fontsize=9.5, color=MUTED, va="top", ha="left")
    bottom, top = 0.42 / height, 1 - 0.63 / height
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(AXIS)
    ax.tick_params(length=0, pad=4)
    ax.set_axisbelow(True)
    return ax


def _lines(fig: Figure, labels: list[str], series: dict[str, list[Decimal | None]], scale: Scale, title: str,
           reference: tuple[Decimal, str] | None, dates: list[date] | None) -> None:
    n = len(labels)
    single = len(series) == 1
    longest_name = max(len(name) for name in series)
    right = 0.90 if single else max(0.70, 0.96 - 0.0115 * longest_name)
    ax = _frame(fig, title, scale, right=right)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(DanishTicks())
    xs = [(day - dates[0]).days for day in dates] if dates else list(range(n))
    ends = []
    for index, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        width = 2.0 if index == 0 else 1.4
        if n > 400:
            width *= 0.7
        ys = [_float(v) for v in values]
        ax.plot(xs, ys, color=colour, linewidth=width, solid_capstyle="round", zorder=3 + len(series) - index)
        lone = [i for i, v in enumerate(values) if v is not None and (i == 0 or values[i - 1] is None)
                and (i == n - 1 or values[i + 1] is None)]
        if lone:
            ax.plot([xs[i] for i in lone], [ys[i] for i in lone], "o", color=colour, markersize=3.5, zorder=4)
        last = next((i for i in range(n - 1, -1, -1) if values[i] is not None), None)
        if last is not None:
            text = _fmt(values[last], scale) if single else name
            ends.append([ys[last], xs[last], text, colour])
    if reference is not None:
        value, label = reference
        ax.axhline(_float(value), color=MUTED, linewidth=1, linestyle=(0, (4, 3)), zorder=2)
        if label:
            ax.annotate(_plain(label), (0, _float(value)), xytext=(2, 3), textcoords="offset points",
                        fontsize=9, color=MUTED, va="bottom")
    _floor_at_zero(ax, series, reference)
    _cross_zero(ax)
    room = _label_room(right - 0.09)
    if dates:
        ax.set_xlim(xs[0], xs[-1] if n > 1 else 1)
        ticks, tick_labels = _month_ticks(dates, room)
        ax.set_xticks(ticks, tick_labels)
    else:
        ax.set_xlim(-0.5 if n < 60 else 0, n - 0.5 if n < 60 else n - 1)
        longest = max((len(label) for label in labels), default=1)
        step = max(1, math.ceil(n / max(2, min(MAX_X_LABELS, room // (longest + 2)))))
        ticks = list(range(n - 1, -1, -step))[::-1]  # counted back from the last, so the newest has a label
        ax.set_xticks(ticks, [_plain(labels[i]) for i in ticks])
    _label_ends(ax, ends)


def _label_room(axes_fraction: float) -> int:
    """About how many characters of tick text fit along the x axis."""
    return int(axes_fraction * WIDTH_IN * 72 / (0.56 * 10))


def _month_ticks(dates: list[date], room: int) -> tuple[list[int], list[str]]:
    """Ticks on the first of every 1st, 2nd, 3rd, 6th or 12th month, as many as the axis has room for."""
    first = dates[0]
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= dates[-1]:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    fits = max(2, min(MAX_X_LABELS, room // 9))
    step = next((s for s in (1, 2, 3, 6, 12) if len(months) / s <= fits), 12)
    chosen = [m for m in months if (m.month - 1) % step == 0]
    return ([(m - first).days for m in chosen],
            [f"{numbers.MONTH_ABBREVIATIONS[m.month - 1]} {m.year % 100:02d}" for m in chosen])


def _label_ends(ax, ends: list[list]) -> None:
    """Names (or the last value) at the right end of each line, pushed apart so they do not overlap."""
    if not ends:
        return
    low, high = ax.get_ylim()
    gap = (high - low) * 0.075
    ends.sort(key=lambda end: end[0])
    for previous, end in zip(ends, ends[1:], strict=False):
        end[0] = max(end[0], previous[0] + gap)
    for y, x, text, colour in ends:
        ax.annotate(_plain(text), (x, y), xytext=(6, 0), textcoords="offset points", fontsize=9.5,
                    color=colour, va="center", ha="left", fontweight="semibold", annotation_clip=False)


def _floor_at_zero(ax, series: dict[str, list[Decimal | None]], reference) -> None:
    """A chart that reaches down to zero without going below it stands on zero, not on a margin."""
    low, high = ax.get_ylim()
    values = [v for vs in series.values() for v in vs if v is not None]
    if reference is not None:
        values.append(reference[0])
    if low < 0 and values and min(values) >= 0:
        ax.set_ylim(0, high)


def _cross_zero(ax) -> None:
    low, high = ax.get_ylim()
    if low < 0 < high:
        ax.axhline(0, color=AXIS, linewidth=0.9, zorder=2)


def _bars(fig: Figure, labels: list[str], values: list[Decimal | None], scale: Scale, title: str,
          horizontal: bool, highlight_negative: bool, reference: tuple[Decimal, str] | None) -> None:
    n = len(labels)
    direct = n <= MAX_DIRECT_LABELS
    longest = max((len(label) for label in labels), default=0)
    left = min(0.45, 0.03 + 0.0115 * longest) if horizontal else 0.09
    ax = _frame(fig, title, scale, left=left, right=0.93 if horizontal else 0.97)
    heights = [0.0 if v is None else _float(v) for v in values]
    colours = [NEGATIVE if highlight_negative and v is not None and v < 0 else PRIMARY for v in values]
    positions = list(range(n))
    value_axis = ax.xaxis if horizontal else ax.yaxis
    if horizontal:
        ax.barh(positions, heights, color=colours, height=0.68, zorder=3)
        ax.set_yticks(positions, [_plain(label) for label in labels])
        ax.invert_yaxis()
        ax.spines["bottom"].set_visible(not direct)
        ax.spines["left"].set_visible(True)
        ax.spines["left"].set_color(AXIS)
    else:
        ax.bar(positions, heights, color=colours, width=0.68, zorder=3)
        ax.set_xticks(positions, [_plain(label) for label in labels])
        ax.spines["bottom"].set_visible(False)
        ax.axhline(0, color=AXIS, linewidth=0.9, zorder=4)
    value_axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    value_axis.set_major_formatter(DanishTicks())
    if direct:
        _bar_numbers(ax, positions, values, heights, scale, horizontal)
        if horizontal:
            ax.set_xticks([])
        else:
            ax.set_yticks([])
    else:
        ax.grid(axis="x" if horizontal else "y", color=GRID, linewidth=0.8)
    if horizontal and min(heights, default=0) < 0:
        ax.axvline(0, color=AXIS, linewidth=0.9, zorder=4)
    if reference is not None:
        value, label = reference
        line = ax.axvline if horizontal else ax.axhline
        line(_float(value), color=TEXT, linewidth=1, linestyle=(0, (4, 3)), zorder=5)
        if label:
            if horizontal:
                ax.annotate(_plain(label), (_float(value), 1), xycoords=("data", "axes fraction"), xytext=(0, 3),
                            textcoords="offset points", fontsize=9, color=TEXT, va="bottom", ha="center")
            else:
                ax.annotate(_plain(label), (1, _float(value)), xycoords=("axes fraction", "data"), xytext=(0, 3),
                            textcoords="offset points", fontsize=9, color=TEXT, ha="right", va="bottom")


def _bar_numbers(ax, positions, values, heights, scale: Scale, horizontal: bool) -> None:
    low, high = min([*heights, 0.0]), max([*heights, 0.0])
    span = (high - low) or 1.0
    if horizontal:
        ax.set_xlim(low - span * (0.14 if low < 0 else 0), high + span * 0.14)
    else:
        ax.set_ylim(low - span * (0.12 if low < 0 else 0), high + span * 0.12)
    for position, value, height in zip(positions, values, heights, strict=True):
        text = _fmt(value, scale)
        below = height < 0
        if horizontal:
            ax.annotate(text, (height, position), xytext=(-4 if below else 4, 0), textcoords="offset points",
                        va="center", ha="right" if below else "left", fontsize=9, color=TEXT)
        else:
            ax.annotate(text, (position, height), xytext=(0, -3 if below else 3), textcoords="offset points",
                        ha="center", va="top" if below else "bottom", fontsize=9, color=TEXT)


# ---------------------------------------------------------------------------------------------------
# Words for those who cannot see the chart


def _extremes(labels: list[str], values: list[Decimal | None]):
    present = [(v, label) for label, v in zip(labels, values, strict=True) if v is not None]
    if not present:
        return None
    high = max(present, key=lambda item: item[0])
    low = min(present, key=lambda item: item[0])
    return high, low, len(values) - len(present)


def _sentence(text: str) -> str:
    """End with one full stop, also after "kr."."""
    return text if text.endswith(".") else text + "."


def _missing(count: int) -> str:
    if not count:
        return ""
    return f" Data mangler for {count} {'punkt' if count == 1 else 'punkter'}."


def _reference_text(reference: tuple[Decimal, str] | None, scale: Scale) -> str:
    if reference is None:
        return ""
    value, label = reference
    return " " + _sentence(f"Stiplet linje: {label or 'reference (' + _with_unit(_fmt(value, scale), scale) + ')'}")


def _bar_alt_text(labels, values, title, scale, reference) -> str:
    text = f"Søjlediagram: {title}" + (f" ({scale.unit})" if scale.unit else "") + "."
    found = _extremes(labels, values)
    if found is None:
        return text + " Der er ingen data."
    (high, high_label), (low, low_label), missing = found
    text += " " + _sentence(f"{len(labels)} søjler fra {labels[0]} til {labels[-1]}")
    text += " " + _sentence(f"Højest: {high_label} med {_with_unit(_fmt(high, scale), scale)}")
    if len(labels) > 1:
        text += " " + _sentence(f"Lavest: {low_label} med {_with_unit(_fmt(low, scale), scale)}")
    return text + _missing(missing) + _reference_text(reference, scale)


def _line_alt_text(labels, series, title, scale, reference) -> str:
    text = f"Kurvediagram: {title}" + (f" ({scale.unit})" if scale.unit else "")
    text = _sentence(text + (f" fra {labels[0]} til {labels[-1]}" if labels else ""))
    for name, values in series.items():
        found = _extremes(labels, values)
        if found is None:
            text += f" {name}: ingen data."
            continue
        (high, high_label), (low, low_label), missing = found
        last = next(i for i in range(len(values) - 1, -1, -1) if values[i] is not None)
        text += f" {name}: senest {_with_unit(_fmt(values[last], scale), scale)} ({labels[last]})"
        if _fmt(high, scale) == _fmt(low, scale):
            text += ", det samme hele perioden."
        else:
            text += f", højest {_fmt(high, scale)} ({high_label}), lavest {_fmt(low, scale)} ({low_label})."
        text += _missing(missing)
    return text + _reference_text(reference, scale)
