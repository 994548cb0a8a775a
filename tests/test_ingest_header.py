"""The plain-text header block: `key value` lines (date, title, author, outlet, url) ended by a blank line."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.ingest import read_inputs
from claimgraph.ingest.text import Header, parse_header
from claimgraph.model import Document

FREE_KEYS = ("title", "author", "outlet")
# A value as a header line holds it: one line, no whitespace at its ends (the parser strips it).
values = st.text(st.characters(blacklist_characters="\n"), min_size=1).filter(lambda v: v == v.strip())
urls = st.from_regex(r"https?://[a-z]{1,12}\.[a-z]{2,4}/[A-Za-z0-9_/-]{0,20}", fullmatch=True)
dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)
line_breaks = st.sampled_from(["\n", "\r\n"])
blank_lines = st.sampled_from(["\n\n", "\r\n\r\n", "\n \n", "\n\t\n\n"])
bodies = st.text(min_size=1).filter(lambda body: not body[0].isspace())


@st.composite
def header_blocks(draw: st.DrawFn) -> tuple[dict[str, str], list[str]]:
    """Distinct keys in any order, any case, with or without a colon: the fields and their lines."""
    keys = draw(st.lists(st.sampled_from(("date", "url", *FREE_KEYS)), min_size=1, max_size=5, unique=True))
    fields: dict[str, str] = {}
    lines = []
    for key in keys:
        fields[key] = draw(dates if key == "date" else urls if key == "url" else values)
        written = "".join(c.upper() if draw(st.booleans()) else c for c in key)
        colon, space = draw(st.sampled_from(["", ":"])), draw(st.sampled_from([" ", "  ", "\t"]))
        lines.append(f"{written}{colon}{space}{fields[key]}")
    return fields, lines


def _as_dict(header: Header) -> dict[str, str]:
    given = {"title": header.title, "author": header.author, "outlet": header.outlet, "url": header.url,
             "date": header.date.text if header.date else None}
    return {key: value for key, value in given.items() if value is not None}


@given(header_blocks(), line_breaks, blank_lines, bodies)
def test_header_block_round_trips(block, line_break, blank, body):
    fields, lines = block
    header, rest = parse_header(line_break.join(lines) + blank + body)
    assert _as_dict(header) == fields
    assert rest == body


@given(header_blocks(), line_breaks, bodies)
def test_an_unknown_key_ends_the_header_and_stays_text(block, line_break, body):
    fields, lines = block
    text_part = f"Section: World{line_break}{line_break}{body}"
    header, rest = parse_header(line_break.join(lines) + line_break + text_part)
    assert _as_dict(header) == fields
    assert rest == text_part


@given(header_blocks(), st.sampled_from(["2024-13", "2023-02-30", "tomorrow", "2024-1", "2024-10x"]), bodies)
def test_a_bad_date_line_ends_the_header_and_stays_text(block, bad, body):
    fields, lines = block
    fields.pop("date", None)
    lines = [line for line in lines if not line.lower().startswith("date")]
    text_part = f"date {bad}\n\n{body}"
    header, rest = parse_header("\n".join([*lines, text_part]))
    assert _as_dict(header) == fields
    assert rest == text_part


# Lines a text may start with: header lines, near misses and prose, to mix into arbitrary texts.
MIXED_LINES = st.one_of(
    st.builds("{} {}".format, st.sampled_from(["date", "Date:", "title", "Author:", "outlet", "URL"]), values),
    st.sampled_from(["date 2024-10-25", "date 2024-10 Troops crossed.", "date 2024-02-30", "", " ",
                     "Title IX", "authors Jane", "url two words", "Author:", "date night ideas"]),
    st.text(st.characters(blacklist_characters="\n")),
)
HEADER_LINE = re.compile(r"(date|title|author|outlet|url):?[ \t]+\S", re.IGNORECASE)


@given(st.lists(MIXED_LINES, max_size=6))
def test_only_header_lines_are_ever_taken_from_the_text(lines):
    text = "\n".join(lines)
    header, body = parse_header(text)
    assert text.endswith(body), "the body is the text after the header, never less"
    if header == Header():
        assert body == text
        return
    taken = text[: len(text) - len(body)].removeprefix("\ufeff").strip()
    for line in taken.split("\n"):
        assert HEADER_LINE.match(line.strip()) or not line.strip(), line
    for value in _as_dict(header).values():
        assert value in taken


@pytest.mark.parametrize(
    "text",
    ["date night ideas", "Date: tomorrow", "date 2024-13 Month thirteen", "URL shortener services grew.\n\nMore.",
     "Title\n\nNo value on the key's line.", "Authors: Jane Doe and John Roe\n\nText."],
)
def test_prose_stays_text(text):
    assert parse_header(text) == (Header(), text)


def test_a_key_given_twice_ends_the_header():
    header, body = parse_header("title One\ntitle Two\n\nText.")
    assert header == Header(title="One")
    assert body == "title Two\n\nText."


def test_founding_article_layout_keeps_its_body():
    header, body = parse_header(" date 2024-10 South Korean intelligence has found ...\n\nMore.")
    assert header.date is not None and header.date.value == "2024-10" and header.author is None
    assert body == "South Korean intelligence has found ...\n\nMore."


def test_text_file_takes_every_header_field(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("date 2024-10-25\nTitle: Ceasefire holds\nauthor Jane Doe\noutlet: Daily Planet\n"
                    "url https://planet.example/ceasefire\n\nThe ceasefire held overnight.\n", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert (doc.name, doc.title, doc.author, doc.outlet, doc.url) == (
        "statement.txt", "Ceasefire holds", "Jane Doe", "Daily Planet", "https://planet.example/ceasefire")
    assert doc.published is not None and doc.published.value == "2024-10-25"
    assert doc.text == "The ceasefire held overnight.\n"


def test_a_header_without_text_is_an_empty_file(tmp_path):
    path = tmp_path / "only-header.txt"
    path.write_text("author Jane Doe\noutlet Daily Planet\n\n", encoding="utf-8")
    [error] = read_inputs([str(path)])
    assert not isinstance(error, Document) and "no text after the header" in error.reason
