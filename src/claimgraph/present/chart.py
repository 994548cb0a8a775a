"""The timeline charts' geometry: numbers (coordinates, colours, labels) that the template draws as inline SVG.

No JavaScript chart library and no inline style, so a Content-Security-Policy of default-src 'self' blocks
nothing; every label is escaped by the template.

What is drawn, and why:
* Each date is placed at its span: a day at that day, a month, a season, a quarter, a week or "a Friday in
  October 2024" (`2024-10-WXX-5`, what "on Friday" resolves to against a month-only date) at the middle of
  the days it may be, with a bar across them. Such dates were dropped before, so a timeline of weekday
  claims said "No dated figures to plot".
* One chart per unit (percent and people never share an axis), and in it one series per measured thing and
  per source: a poll's two candidates and a growth rate are three lines, not one.
* A figure that looks like a year (a bare 1800-2100 written as four digits) is a date, not a figure.
* At most five date labels, worded for the range shown (days, months or years), and round figures on the
  value axis, so that labels do not overlap.
* A figure that revises an earlier one (a later figure of the same count, see `views.is_revision`) is
  ringed, and its tooltip says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field

from ..model import Claim, Quantity
from .views import TimelineRow

__all__ = ["Chart", "span", "timeline_charts"]

PALETTE = ("#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 280, 64, 40, 16, 48
MAX_CHARTS = 4  # units per proposition drawn; the table below the charts lists every figure
X_TICKS, Y_TICKS = 5, 4
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}  # months; winter YYYY ends in February of YYYY


def span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a TIMEX3 date may be: a day, a month, a year, a week (`2024-W43`, its weekend
    `-WE`), a weekday of a month (`2024-10-WXX-5`), a season (`2024-SU`) or a quarter (`2024-Q3`); None for
    what has no calendar place (`XXXX-...`, durations)."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|T)", value)
    try:
        if m:
            year, month, day = int(m.group(1)), m.group(2), m.group(3)
            if day:
                one = dt.date(year, int(month), int(day))
                return one, one
            if month:
                return dt.date(year, int(month), 1), dt.date(year, int(month), calendar.monthrange(year, int(month))[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-WXX-([1-7])", value):
            year, month, weekday = int(m.group(1)), int(m.group(2)), int(m.group(3)) - 1
            days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
                    if dt.date(year, month, d).weekday() == weekday]
            return dt.date(year, month, days[0]), dt.date(year, month, days[-1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            first = monday + dt.timedelta(days=5 if m.group(3) else 0)
            return first, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|Q[1-4])", value):
            year, code = int(m.group(1)), m.group(2)
            first_month, last_month = SEASONS.get(code) or (3 * int(code[1]) - 2, 3 * int(code[1]))
            start = dt.date(year - (first_month > last_month), first_month, 1)
            return start, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    except ValueError:
        return None
    return None


def _year_like(q: Quantity) -> bool:
    return q.unit is None and re.fullmatch(r"(1[89]|20|21)\d\d", q.text.strip()) is not None


_AFTER = re.compile(r"\s*(?:for|of|among)\s+((?:[\w’'-]+\s*){1,3}?)(?=$|[,;.]|\s+(?:and|but|while|to|from)\b)")
_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,3})(?:(?:at|on|with|had|has|is|was|polled|got|gets)\s+)?$")


def _thing(q: Quantity, claim: Claim) -> str:
    """What a figure measures, as far as the claim's words tell: its unit and event, and, when the claim
    gives several figures of that unit, whose ("48 percent for Harris", "Trump 45 percent")."""
    thing = " ".join(word for word in (q.unit or "figure", q.event) if word)
    if sum(other.unit == q.unit for other in claim.quantities) < 2:
        return thing
    at = claim.content.find(q.text)
    if at < 0:
        return thing
    after = _AFTER.match(claim.content[at + len(q.text):])
    if q.unit:  # "48 percent for Harris": the unit's own words come first
        after = _AFTER.match(re.sub(rf"^\s*{re.escape(q.unit)}\w*", "", claim.content[at + len(q.text):]))
    before = _BEFORE.search(claim.content[:at])
    whose = after.group(1) if after else before.group(1) if before else f"figure {claim.quantities.index(q) + 1}"
    return f"{thing}, {whose.strip()}"


@dataclass
class Point:
    x: float
    y: float
    x0: float  # the ends of the date's span (equal for a day)
    x1: float
    colour: str
    label: str  # tooltip text; escaped by the template
    claim: Claim
    revision: bool = False


@dataclass
class Chart:
    """Everything the template needs to draw one SVG: the figures of one unit."""

    unit: str | None
    points: list[Point] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (colour, "x,y x,y ...")
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, "source: measured thing")
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:,.2g}"


def _nice_step(extent: float) -> float:
    raw = extent / Y_TICKS or 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _date_ticks(low: int, high: int) -> list[tuple[int, str]]:
    """At most X_TICKS dates between two days, on calendar boundaries for the range shown: New Year's days
    over more than three years, firsts of months over more than three months, else days."""
    first, last = dt.date.fromordinal(low), dt.date.fromordinal(high)
    if high - low > 3 * 365:
        ticks = [(dt.date(year, 1, 1).toordinal(), str(year)) for year in range(first.year, last.year + 1)]
    elif high - low > 90:
        months = [dt.date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
                  for n in range((last.year - first.year) * 12 + last.month - first.month + 1)]
        ticks = [(month.toordinal(), f"{month:%b} {month.year}") for month in months]
    else:
        ticks = [(day, f"{dt.date.fromordinal(day):%b} {dt.date.fromordinal(day).day}")
                 for day in range(low, high + 1, max(1, math.ceil((high - low) / (X_TICKS - 1))))]
    inside = [(day, label) for day, label in ticks if low <= day <= high]
    return inside[:: math.ceil(len(inside) / X_TICKS)] if inside else [(low, first.isoformat())]


Datum = tuple[tuple[dt.date, dt.date], float, TimelineRow, Quantity]


def _chart(unit: str | None, data: list[Datum]) -> Chart:
    low_x = min(first for (first, _), _, _, _ in data).toordinal()
    high_x = max(last for (_, last), _, _, _ in data).toordinal()
    values = [value for _, value, _, _ in data]
    step = _nice_step(max(values) - min(0.0, min(values)))
    low_y, high_y = math.floor(min(0.0, min(values)) / step) * step, math.ceil(max(values) / step) * step or step
    span_x, span_y = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: float) -> float:
        return round(LEFT + span_x / 2 if high_x == low_x else LEFT + (day - low_x) / (high_x - low_x) * span_x, 1)

    def y_of(value: float) -> float:
        return round(TOP + span_y - (value - low_y) / (high_y - low_y) * span_y, 1)

    chart = Chart(unit)
    colours: dict[str, str] = {}
    series: dict[str, list[tuple[float, float]]] = {}
    for (first, last), value, row, q in sorted(data, key=lambda d: (d[0], d[2].claim.source.name)):
        key = f"{row.claim.source.name}: {_thing(q, row.claim)}"
        colour = colours.setdefault(key, PALETTE[len(colours) % len(PALETTE)])
        middle = (first.toordinal() + last.toordinal()) / 2
        x, y = x_of(middle), y_of(value)
        note = "; revises an earlier figure" if row.revises else ""
        label = f"{row.claim.source.name}: {_number(value)} {unit or ''} ({row.date}){note}"
        chart.points.append(Point(x, y, x_of(first.toordinal()), x_of(last.toordinal()), colour, label, row.claim,
                                  bool(row.revises)))
        series.setdefault(key, []).append((x, y))
    chart.lines = [(colours[key], " ".join(f"{x},{y}" for x, y in points))
                   for key, points in series.items() if len(points) > 1]
    chart.legend = [(colour, key) for key, colour in colours.items()]
    chart.x_ticks = [(x_of(day), label) for day, label in _date_ticks(low_x, high_x)]
    chart.y_ticks = [(y_of(low_y + i * step), _number(low_y + i * step))
                     for i in range(round((high_y - low_y) / step) + 1)]
    return chart


def timeline_charts(rows: list[TimelineRow]) -> list[Chart]:
    """One chart per unit, the unit with the most dated figures first; empty when nothing can be placed."""
    by_unit: dict[str | None, list[Datum]] = {}
    for row in rows:
        days = span(row.date)
        if days is None:
            continue
        for q in row.claim.quantities:
            if not _year_like(q):
                by_unit.setdefault(q.unit, []).append((days, q.value, row, q))
    ranked = sorted(by_unit.items(), key=lambda item: -len(item[1]))[:MAX_CHARTS]
    return [_chart(unit, data) for unit, data in ranked]
