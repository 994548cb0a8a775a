"""The highlighted article: the one HTML fragment built in Python (the timeline's geometry is `chart.py`).

Article text is hostile input. The highlighted article is the one place where our own tags interleave with
it, so it is built here from pieces: every piece of the article (and every claim field that goes into an
attribute) passes through `markupsafe.escape`, and only the literal tags written below are markup. Nothing
else in the templates is ever marked safe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from markupsafe import Markup, escape

from ..model import Claim

__all__ = ["highlight", "safe_url"]


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
