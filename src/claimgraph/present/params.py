"""The query and path parameters the API and the pages share, the patterns of the POST body's fields, and
the paging of list answers.

Every parameter is checked before a query runs, so a bad one is a 422 and never reaches SQL: text is at
most 500 characters and holds no control characters (a NUL cut SQLite's LIKE pattern short, so
`source=%00` matched every claim, and PostgreSQL refuses NUL outright); dates are calendar dates; `offset`
stays far inside SQL's 64-bit integers (2**63 overflowed SQLite into a 500); `limit` is 1 to 500, since a
page of none answered total 0 and left `next` pointing at itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Path, Query, Request

from ..store.queries import MAX_LIMIT

__all__ = [
    "ARTICLE_TEXT", "DATE_OR_TIME", "MAX_OFFSET", "NO_NUL", "PATTERN_MEANINGS", "DateParam", "FormDateParam",
    "FormatParam", "Limit", "Offset", "Pager", "PathText", "Text", "is_calendar_date", "paged", "pager",
]

MAX_OFFSET = 1_000_000_000  # far past any store's size, far below 2**63
MAX_TEXT = 500
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"

# Calendar dates as one regular expression, so that the OpenAPI schema states exactly what is accepted (a
# looser pattern plus a check in code made schemathesis's valid dates, such as 2023-02-30, come back 422)
_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              "|02-(?:0[1-9]|1[0-9]|2[0-8]))")
_DAY = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
DATE = f"^(?:{_YEAR}(?:-{_MONTH})?|{_DAY})$"
FORM_DATE = f"^$|{DATE}"  # a form's empty date field is no filter
DATE_OR_TIME = f"^(?:{_YEAR}(?:-{_MONTH})?|{_DAY}(?:[T ][0-9:.+Z-]*)?)$"  # a day may carry an ISO time

# No NUL, and not only whitespace (as Python's str.strip sees it, which counts \x1c-\x1f too)
ARTICLE_TEXT = r"^[^\x00]*[^\x00\s\x1c-\x1f][^\x00]*$"
NO_NUL = r"^[^\x00]*$"

# What each pattern means, for the 422 message (pydantic's would quote the regular expression)
PATTERN_MEANINGS = {
    PRINTABLE: "must hold no control characters", DATE: "must be a calendar date, YYYY[-MM[-DD]]",
    FORM_DATE: "must be empty or a calendar date, YYYY[-MM[-DD]]",
    DATE_OR_TIME: "must be a calendar date, YYYY[-MM[-DD]], a day maybe with an ISO time",
    ARTICLE_TEXT: "must hold some text and no NUL", NO_NUL: "must hold no NUL",
}


def is_calendar_date(value: str) -> bool:
    """Whether `value` is YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    return re.fullmatch(DATE, value) is not None


Text = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=PRINTABLE)]
PathText = Annotated[str, Path(max_length=2 * MAX_TEXT, pattern=PRINTABLE)]
DateParam = Annotated[str | None, Query(pattern=DATE, description="a document date, YYYY[-MM[-DD]]")]
FormDateParam = Annotated[str | None, Query(pattern=FORM_DATE,
                                           description="a document date, YYYY[-MM[-DD]], or empty")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="how many items in this page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many items to skip")]
FormatParam = Annotated[Literal["json", "csv"], Query(
    description="json: one page; csv: every row that passes the filters, as a spreadsheet reads it")]


@dataclass
class Pager:
    """Where a page of a list stands: how many items in all, which ones this page shows, and the links to
    the pages before and after (the same request with another offset; None at either end)."""

    total: int
    limit: int
    offset: int
    shown: int
    next: str | None
    previous: str | None


def pager(request: Request, total: int, limit: int, offset: int, shown: int) -> Pager:
    def at(start: int) -> str:
        url = request.url.include_query_params(offset=start, limit=limit)
        return f"{url.path}?{url.query}"

    after = at(offset + limit) if offset + limit < total else None
    before = at(max(0, offset - limit)) if offset > 0 else None
    return Pager(total, limit, offset, shown, after, before)


def paged(request: Request, key: str, items: list[Any], total: int, limit: int, offset: int,
          **more: Any) -> dict[str, Any]:
    """A page of a list answer: the items under `key`, how many there are in all, the links to the pages
    before and after, and `more` fields (a board's facet counts)."""
    where = pager(request, total, limit, offset, len(items))
    return {"total": total, "limit": limit, "offset": offset, "next": where.next, "previous": where.previous,
            **more, key: items}
