"""HTML fragments built in Python: the highlighted article text and the timeline chart's geometry.

Article text is hostile input. The highlighted article is the one place where our own tags interleave with
it, so it is built here from pieces: every piece of the article (and every claim field that goes into an
attribute) passes through `markupsafe.escape`, and only the literal tags written below are markup. Nothing
else in the templates is ever marked safe. The timeline is computed as numbers (coordinates, colours) and
drawn as inline SVG by the template, where autoescaping covers every label: no JavaScript chart library,
and nothing that a Content-Security-Policy of default-src 'self' would block (presentation attributes,
not inline styles).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..model import Claim
from .views import TimelineRow

__all__ = ["Chart", "highlight", "safe_url", "timeline_chart"]


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: a document's `javascript:` URL must never be a link."""
    if not url:
        return None
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) else None


def _find(haystack: str, needle: str | None, offset: int) -> tuple[int, int] | None:
    if not needle:
        return None
    at = haystack.find(needle)
    return (offset + at, offset + at + len(needle)) if at >= 0 else None


def highlight(text: str, claims: list[Claim], disputed: Collection[str] = ()) -> Markup:
    """The article with each claim's evidence in `<mark class="claim" id="<claim id>">`, and inside it the
    source mention, cue and content in `<span class="src|cue|content">`. The marks of the `disputed` claims
    also have the class `disputed`, and those of the article's own voice `own`: nearly every sentence of an
    article is a claim of its author, and the stylesheet lets those recede behind the attributed ones.

    Evidence spans of different claims may overlap (two claims in one sentence): marks are nested, and a
    span that would cross the end of the mark it starts in is cut there, so the markup is always well formed
    and every claim keeps its anchor. Roles may overlap too; a piece of text carries every role over it.
    """
    size = len(text)
    spans: list[tuple[int, int, Claim]] = []
    empty: dict[int, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.start, -c.end, c.id)):
        start, end = max(0, min(claim.start, size)), max(0, min(claim.end, size))
        if end <= start:
            empty.setdefault(start, []).append(claim)
            continue
        spans.append((start, end, claim))
    nested: list[tuple[int, int, Claim]] = []
    stack: list[tuple[int, int, Claim]] = []
    for start, end, claim in spans:
        while stack and stack[-1][1] <= start:
            stack.pop()
        if stack and end > stack[-1][1]:
            end = stack[-1][1]
        stack.append((start, end, claim))
        nested.append((start, end, claim))

    roles: list[tuple[int, int, str]] = []
    for start, end, claim in nested:
        evidence = text[start:end]
        for role, needle in (("content", claim.content), ("cue", claim.cue), ("src", claim.source.mention)):
            found = _find(evidence, needle, start)
            if found:
                roles.append((*found, role))

    bounds = sorted({0, size, *empty, *(s for s, _, _ in nested), *(e for _, e, _ in nested),
                     *(s for s, _, _ in roles), *(e for _, e, _ in roles)})
    opens: dict[int, list[tuple[int, int, Claim]]] = {}
    closes: Counter[int] = Counter()
    for item in nested:
        opens.setdefault(item[0], []).append(item)
        closes[item[1]] += 1
    out: list[str] = []
    for here, after in zip(bounds, [*bounds[1:], size], strict=True):
        out.append("</mark>" * closes[here])
        for claim in empty.get(here, []):
            out.append(_open(claim, claim.id in disputed) + "</mark>")
        for _, _, claim in opens.get(here, []):
            out.append(_open(claim, claim.id in disputed))
        if after > here:
            piece = escape(text[here:after])
            covering = sorted({role for s, e, role in roles if s <= here and after <= e})
            out.append(f'<span class="{" ".join(covering)}">{piece}</span>' if covering else str(piece))
    return Markup("".join(out))


def _open(claim: Claim, disputed: bool) -> str:
    flags = {"caption": claim.caption, "own": claim.source.kind == "author", "disputed": disputed}
    classes = " ".join(["claim", *(name for name, on in flags.items() if on)])
    title = (f"{claim.source.name} · {claim.stance} · {claim.certainty}" + (" · photo caption" if claim.caption else "")
             + (" · disputed" if disputed else ""))
    return (f'<mark class="{classes}" id="{escape(claim.id)}" data-stance="{escape(claim.stance)}" '
            f'title="{escape(title)}">')


PALETTE = ("#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 280, 64, 16, 16, 48


@dataclass
class Point:
    x: float
    y: float
    colour: str
    label: str  # tooltip text; escaped by the template
    claim: Claim


@dataclass
class Chart:
    """Everything the template needs to draw the SVG; empty `points` means there is nothing to plot."""

    unit: str | None
    points: list[Point] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (colour, "x,y x,y ...")
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, source)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM


def _day(value: str) -> int | None:
    try:
        parts = [int(p) for p in value.split("-")[:3]]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1).toordinal()
    except (ValueError, IndexError):
        return None


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:,.2g}"


def timeline_chart(rows: list[TimelineRow]) -> Chart:
    """Dated figures of the most frequent unit: x is the date, y the figure, one colour per source."""
    units = Counter(q.unit for row in rows for q in row.claim.quantities)
    unit = units.most_common(1)[0][0] if units else None
    data = [(day, q.value, row) for row in rows if row.date and (day := _day(row.date)) is not None
            for q in row.claim.quantities if q.unit == unit]
    chart = Chart(unit)
    if not data:
        return chart
    days, values = [d for d, _, _ in data], [v for _, v, _ in data]
    low_x, high_x = min(days), max(days)
    low_y, high_y = min(0.0, min(values)), max(values) * 1.1 or 1.0
    span_x = (WIDTH - LEFT - RIGHT)
    span_y = (HEIGHT - TOP - BOTTOM)

    def x_of(day: int) -> float:
        return round(LEFT + span_x / 2 if high_x == low_x else LEFT + (day - low_x) / (high_x - low_x) * span_x, 1)

    def y_of(value: float) -> float:
        return round(TOP + span_y - (value - low_y) / (high_y - low_y) * span_y, 1)

    colours: dict[str, str] = {}
    by_source: dict[str, list[tuple[float, float]]] = {}
    for day, value, row in sorted(data, key=lambda item: (item[0], item[2].claim.source.name)):
        source = row.claim.source.name
        colour = colours.setdefault(source, PALETTE[len(colours) % len(PALETTE)])
        x, y = x_of(day), y_of(value)
        chart.points.append(Point(x, y, colour, f"{source}: {_number(value)} {unit or ''} ({row.date})", row.claim))
        by_source.setdefault(source, []).append((x, y))
    chart.lines = [(colours[s], " ".join(f"{x},{y}" for x, y in pts)) for s, pts in by_source.items() if len(pts) > 1]
    chart.legend = [(colour, source) for source, colour in colours.items()]
    dates = sorted({row.date for _, _, row in data if row.date})
    step = max(1, len(dates) // 6 + (len(dates) % 6 > 0))
    chart.x_ticks = [(x_of(_day(d) or low_x), d) for d in dates[::step]]
    chart.y_ticks = [(y_of(v), _number(v)) for v in (low_y, (low_y + high_y) / 2, high_y)]
    return chart
