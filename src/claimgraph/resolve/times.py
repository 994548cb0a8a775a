"""Resolve an English time expression to a TIMEX3 value against the document date.

Pure string work, no spaCy, so every rule can be tested on its own. The conventions follow TimeML
as annotated in TempEval-3, with choices made for a ledger of *news* claims:

* Underspecified references look back: a bare weekday is the nearest such day on or before the
  document date ("on Monday" in a Monday paper is that Monday); a bare month more than a quarter
  ahead of the document month is last year's ("in August" in a March paper).
* A document date is never made more precise than it was given. With a month-only date, "on Friday"
  is "2024-10-WXX-5", never an invented day; a shift smaller than half the anchor's unit ("yesterday",
  "last week" against "2024-10") keeps the anchor's own value, a larger one gives None.
* Parts of the day ("last night", "Friday evening") resolve to the day: the ledger asks *which day*.
* Durations ("for three years", "27 years") are not dates: they get a TIMEX3 duration ("P27Y"), so
  callers can tell them from points by the leading "P". Shifts relative to another event ("two years
  later") cannot be resolved from the document date and give None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimgraph.model import PublishedDate

__all__ = ["TIMEX_VALUE", "resolve_timex"]

# Every value resolve_timex returns matches this (TIMEX3 value attribute, the subset we produce).
TIMEX_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:\d+|X)(?:Y|M|W|D|DE|CE)|PT(?:\d+|X)(?:H|M|S)"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|WXX-[1-7]))?|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI)|-Q[1-4]"
    r"|-WXX-[1-7])?(?:T\d{2}:\d{2})?"
    r"|\d{3}X|\d{2}|T\d{2}:\d{2})$"
)

_MONTHS = {m: i for i, ms in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"], 1)
    for m in ms.split()}
_WEEKDAYS = {d: i for i, ds in enumerate(
    ["mon monday", "tue tues tuesday", "wed wednesday", "thu thur thurs thursday", "fri friday",
     "sat saturday", "sun sunday"], 1) for d in ds.split()}
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORD_ONES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth"]
_NUMBERS = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2} | {w: i for i, w in enumerate(_ONES, 1)}
_NUMBERS |= _TENS
_ORDINALS = {w: i for i, w in enumerate(_ORD_ONES, 1)} | {"twentieth": 20, "thirtieth": 30}
_VAGUE = {"several", "few", "a few", "many", "some", "recent", "the past several", "past several"}
_SEASONS = {"spring": ("SP", 5), "summer": ("SU", 8), "fall": ("FA", 11), "autumn": ("FA", 11),
            "winter": ("WI", 2)}  # code, month the season ends in
_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE", "centurie": "CE",
          "hour": "TH", "minute": "TM", "second": "TS", "yr": "Y", "min": "TM", "hr": "TH"}
_DAYS_PER = {"D": 1, "W": 7, "M": 30, "Y": 365}
_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
         "present": "PRESENT_REF", "recently": "PAST_REF", "past": "PAST_REF", "future": "FUTURE_REF"}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAY_RE = r"(?P<d>\d{1,2}(?:st|nd|rd|th)?|(?:twenty |thirty )?[a-z]+)"
# Words in front of an expression that do not change its value.
_LEAD = re.compile(
    r"^(?:(?:on|in|at|since|by|until|till|from|during|over|for|of|as of|before|after|through|"
    r"throughout|about|around|approximately|just|only|a mere|the|early|earlier|late|later|mid|middle of|"
    r"start of|end of|beginning of|the rest of)\s+)+"
)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>am|pm)\b"
                    r"|(?<!:)\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b(?!:)|\b(?P<word>noon|midday|midnight)\b")
_DATE_PATTERNS = [re.compile(p) for p in (
    rf"^(?P<m>{_MONTH_RE}) (?:the )?{_DAY_RE}(?: (?P<y>\d{{4}}))?$",
    rf"^(?:the )?{_DAY_RE} (?:of |day of )?(?P<m>{_MONTH_RE})(?: (?P<y>\d{{4}}))?$",
    rf"^(?P<m>{_MONTH_RE})(?: of)? (?P<y>\d{{4}})$",
    rf"^(?P<y>\d{{4}}) (?P<m>{_MONTH_RE})$",
    rf"^(?P<m>{_MONTH_RE})$",
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$",
    r"^(?P<m>\d{1,2})[-/](?P<y>\d{4})$|^(?P<y2>\d{4})[-/](?P<m2>\d{1,2})$",
)]
_NUMERIC_DMY = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})$")


def resolve_timex(text: str, anchor: PublishedDate | None) -> str | None:
    """The TIMEX3 value of `text` ("on October 3" -> "2024-10-03" for a 2024-10 paper), or None."""
    norm = _normalize(text)
    if not norm or re.search(r"\byears? old\b|\baged?\b|\bold$", norm):
        return None  # ages are not times
    clock = _CLOCK.search(norm)
    if clock:
        return _clock(norm, clock, anchor)
    return _resolve(norm, anchor)


def _normalize(text: str) -> str:
    s = text.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\b([ap])\.\s?m\.?", r"\1m", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)  # "Oct." -> "oct", "Sept." -> "sept"
    s = re.sub(r",(?!\d{3}\b)", " ", s)  # "October 3, 2023", but keep "12,000" a number
    s = re.sub(r"(?<=[a-z])-|-(?=[a-z])", " ", s)  # "twenty-first", "four-week", "Oct-2"
    s = re.sub(r"(?<=\d)(?=[a-z]{3,})(?!st|nd|rd|th)", " ", s)  # "10am" stays, "4week" splits
    return " ".join(re.sub(r"[^\w:/.,' -]|'s\b|(?<!\d)'(?!\d)|\.$", " ", s).split())


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    tens, _, one = word.partition(" ")
    return _TENS[tens] + _ONES.index(one) + 1 if tens in _TENS and one in _ONES[:9] else None


def _day(word: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    if m:
        n = int(m.group(1))
    else:
        tens, _, one = word.partition(" ")
        if one:
            n = _TENS.get(tens, 0) + _ORDINALS.get(one, _number(one) or 99) if tens in _TENS else 99
        else:
            n = _ORDINALS.get(word) or _number(word) or 99
    return n if 1 <= n <= 31 else None


def _resolve(norm: str, anchor: PublishedDate | None) -> str | None:
    future = re.match(r"^in (?:the next )?(\S+(?: \S+)?) (day|week|month|year)s?$", norm)
    if future and _number(future.group(1)) and anchor:  # "in 3 weeks": a point ahead
        return _shift(anchor, _UNITS[future.group(2)], _number(future.group(1)) or 0)
    core = _LEAD.sub("", norm).strip()
    for step in (_reference, _relative, _weekday, _explicit, _period, _ago, _duration):
        value = step(core, anchor)
        if value is not None:
            return value
    return None


def _reference(core: str, anchor: PublishedDate | None) -> str | None:
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
               "day before yesterday": -2, "day after tomorrow": 2, "this morning": 0,
               "this afternoon": 0, "this evening": 0, "this day": 0}
    base = re.sub(r" (?:morning|afternoon|evening|night)$", "", core)
    if core in offsets or base in ("yesterday", "tomorrow", "today"):
        return _shift(anchor, "D", offsets.get(core, offsets.get(base, 0))) if anchor else None
    return _REFS.get(core)


def _relative(core: str, anchor: PublishedDate | None) -> str | None:
    m = re.fullmatch(r"(this|last|next|past|coming|upcoming|previous|current|this past)? ?(?:fiscal )?"
                     rf"(week|weekend|month|year|quarter|spring|summer|fall|autumn|winter|{_MONTH_RE})", core)
    if not m or anchor is None:
        return None
    which, unit = m.group(1) or "", m.group(2)
    if not which and unit not in _SEASONS and unit != "weekend":
        return None  # a bare "year" or "June" is handled elsewhere, or is no point in time
    if unit in _MONTHS:
        return _named_month(_MONTHS[unit], which, anchor)
    if which == "past" and unit in ("week", "month", "year"):
        return f"P1{_UNITS[unit]}"  # "the past year": the twelve months up to now
    step = {"last": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "upcoming": 1}.get(which, 0)
    if unit == "weekend":
        return _weekend(anchor, step, bare=not which)
    if unit in _SEASONS:
        code, ends = _SEASONS[unit]
        past_season = step < 0 and (anchor.month or 12) <= ends  # "last summer" seen from before its end
        return f"{anchor.year + step if step > 0 or past_season else anchor.year}-{code}"
    if unit == "quarter":
        if anchor.month is None:
            return None
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + step
        return f"{q // 4}-Q{q % 4 + 1}"
    return _shift(anchor, _UNITS[unit], step)


def _named_month(month: int, which: str, anchor: PublishedDate) -> str:
    """ "last June" is the latest June before the document month, "next June" the first after it."""
    year = anchor.year
    if which in ("last", "past", "previous", "this past") and month >= (anchor.month or 13):
        year -= 1
    elif which in ("next", "coming", "upcoming") and month <= (anchor.month or 0):
        year += 1
    return f"{year}-{month:02d}"


def _weekend(anchor: PublishedDate, step: int, bare: bool) -> str | None:
    """TIMEX3 week-end value; a bare "the weekend" read Monday-Thursday is the one just past."""
    if anchor.precision != "day":
        return anchor.value if step == 0 else None
    day = date.fromisoformat(anchor.value)
    week_shift = step if step or not bare else (-1 if day.isoweekday() <= 4 else 0)
    if step < 0 and day.isoweekday() <= 5:
        week_shift = -1
    if step > 0 and day.isoweekday() <= 5:
        week_shift = 0
    y, w, _ = (day + timedelta(weeks=week_shift)).isocalendar()
    return f"{y}-W{w:02d}-WE"


def _weekday(core: str, anchor: PublishedDate | None) -> str | None:
    m = re.fullmatch(rf"(?:(last|this|next|past|coming) )?(?:(next|last|this) week (?:on )?)?({_WEEKDAY_RE})"
                     r"(?: (?:morning|afternoon|evening|night))?(?: (?:of )?(next|last|this) week)?", core)
    if not m:
        return None
    wd = _WEEKDAYS[m.group(3)]
    if anchor is None or anchor.precision != "day":
        return f"{anchor.value if anchor else 'XXXX'}-WXX-{wd}"
    day = date.fromisoformat(anchor.value)
    which = m.group(4) or m.group(2) or m.group(1)
    if which in ("next", "coming", "this"):  # the weekday of this / next ISO week
        target = day + timedelta(days=wd - day.isoweekday() + (7 if which != "this" else 0))
    else:  # nearest past; "last Friday" on a Friday is a week ago
        back = (day.isoweekday() - wd) % 7
        target = day - timedelta(days=back or (7 if which in ("last", "past") else 0))
    return target.isoformat()


def _explicit(core: str, anchor: PublishedDate | None) -> str | None:
    core = re.sub(rf"^(?:{_WEEKDAY_RE}) (?=\S)", "", core)  # "Monday, January 12, 2016"
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(core)
        if m:
            g = {k: v for k, v in m.groupdict().items() if v}
            month = _MONTHS.get(g.get("m", g.get("m2", ""))) or int(g.get("m", g.get("m2", "0")) or 0)
            year = int(g["y"]) if "y" in g else int(g["y2"]) if "y2" in g else None
            day = _day(g["d"]) if "d" in g else None
            if "d" in g and day is None:
                continue
            return _date(year, month, day, anchor)
    m = _NUMERIC_DMY.fullmatch(core)
    if m:  # US order unless the first number cannot be a month
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        month, day = (b, a) if a > 12 else (a, b)
        return _date(y + (2000 if y < 50 else 1900) if y < 100 else y, month, day, anchor)
    m = re.fullmatch(rf"(?:the )?{_DAY_RE}", core)
    if m and re.search(r"\d(?:st|nd|rd|th)$|^the ", core) and anchor and anchor.month and _day(m["d"]):
        day = _day(m["d"]) or 1  # "the 27th": this month's, or last month's when still ahead
        month, year = anchor.month, anchor.year
        if anchor.day and day > anchor.day:
            month, year = (month - 1, year) if month > 1 else (12, year - 1)
        return _date(year, month, day, None)
    return None


def _date(year: int | None, month: int, day: int | None, anchor: PublishedDate | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if year is None and anchor is not None:
        year = anchor.year
        if anchor.month is not None and month > anchor.month + 3:
            year -= 1  # news looks back: "in August" in a March paper is last August
    y = f"{year:04d}" if year is not None else "XXXX"
    if day is None:
        return f"{y}-{month:02d}"
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{y}-{month:02d}-{day:02d}"


def _period(core: str, anchor: PublishedDate | None) -> str | None:
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal|year|the year) )?(\d{4})|(?:the )?(\d{3})0s"
                     r"|(?:the )?'?([1-9])0s", core)
    if m:
        if m.group(1):
            return m.group(1) if 1000 <= int(m.group(1)) <= 2199 else None
        return f"{m.group(2)}X" if m.group(2) else f"19{m.group(3)}X"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", core)
    if m:
        return f"{int(m.group(1)) - 1:02d}"
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|q1|q2|q3|q4)(?: fiscal)? quarter"
                     r"(?: (?:of )?(\d{4}))?|q([1-4]) (\d{4})", core)
    if m:
        q = m.group(3) or str(_ORDINALS.get(m.group(1)) or m.group(1)[-1])  # "third", "3rd", "q3"
        year = m.group(4) or m.group(2) or (str(anchor.year) if anchor else "XXXX")
        return f"{year}-Q{q}"
    m = re.fullmatch(r"(spring|summer|fall|autumn|winter)(?: of)? (\d{4})", core)
    return f"{m.group(2)}-{_SEASONS[m.group(1)][0]}" if m else None


def _ago(core: str, anchor: PublishedDate | None) -> str | None:
    m = re.fullmatch(r"(.+?) (day|week|month|year|decade|hour|minute)s? "
                     r"(ago|earlier|before|from now|later|after)", core)
    if not m:
        return None
    if m.group(3) in ("earlier", "before", "later", "after"):
        return _duration(f"{m.group(1)} {m.group(2)}", anchor)  # TimeML: the length, not the point
    if anchor is None:
        return None
    n = _number(m.group(1)) or (3 if m.group(1) in _VAGUE else None)
    if n is None:
        return None
    unit = _UNITS[m.group(2)]
    if unit == "DE":
        unit, n = "Y", n * 10
    if unit.startswith("T"):  # "two hours ago": the document's day
        return _shift(anchor, "D", 0)
    return _shift(anchor, unit, -n if m.group(3) == "ago" else n)


def _duration(core: str, anchor: PublishedDate | None) -> str | None:
    m = re.fullmatch(r"((?:(?:more than|less than|at least|nearly|almost|about|some|over|roughly|up to|mere|"
                     r"the|past|last|next|first|coming|following|another|full|whole|entire|within) )*)"
                     r"(?:(.+?) )?(year|month|week|day|decade|century|centurie|hour|minute|second|yr|hr|min)"
                     r"s?(?: long)?", core)
    if not m:
        return None
    unit, amount = _UNITS[m.group(3)], m.group(2)
    if amount is None:
        if not core.endswith("s") and (
            not re.search(r"\b(?:past|next|following|whole|full|entire) ", m.group(1))
            or re.fullmatch(r"(?:next|this|last) (?:week|month|year)", core)
        ):
            return None  # "the day", "the second", "next month" without a date: a reference, not a length
        n = "X" if core.endswith("s") else "1"  # "recent weeks"; "the next decade"
    else:
        n = str(_number(amount) or "") or ("X" if amount in _VAGUE else "")
    if not n:
        return None
    if unit == "DE" and n != "X":
        return f"P{int(n) * 10}Y"
    return f"PT{n}{unit[1]}" if unit.startswith("T") else f"P{n}{unit}"


def _shift(anchor: PublishedDate | None, unit: str, n: int) -> str | None:
    """The day / ISO week / month / year `n` units from the anchor, at that unit's granularity."""
    if anchor is None:
        return None
    needed = {"D": "day", "W": "day", "M": "month", "Y": "year"}[unit]
    rank = {"year": 0, "month": 1, "day": 2}
    if rank[anchor.precision] < rank[needed]:
        span = {"year": 365, "month": 30}[anchor.precision]
        return anchor.value if abs(n) * _DAYS_PER[unit] <= span / 2 else None
    if unit == "Y":
        return str(anchor.year + n)
    if unit == "M":
        m = anchor.year * 12 + (anchor.month or 1) - 1 + n
        return f"{m // 12:04d}-{m % 12 + 1:02d}"
    day = date.fromisoformat(anchor.value) + timedelta(days=n * _DAYS_PER[unit])
    if unit == "W":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}"
    return day.isoformat()


def _clock(norm: str, m: re.Match[str], anchor: PublishedDate | None) -> str | None:
    if m["word"]:
        hour, minute = (0 if m["word"] == "midnight" else 12), 0
    else:
        hour, minute = int(m["h"] or m["h24"]), int(m["m"] or m["m24"] or 0)
        if m["ap"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if m["ap"] == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    rest = norm[: m.start()] + " " + norm[m.end():]
    rest = re.sub(r"\b(?:at|on|local time|[a-z]?[ecmp][sd]?t|gmt|utc|bst|cet|o'clock)\b", " ", rest)
    rest = " ".join(rest.split())
    day = _resolve(rest, anchor) if rest else (anchor.value if anchor and anchor.precision == "day" else None)
    prefix = day if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else ""
    return f"{prefix}T{hour:02d}:{minute:02d}"
