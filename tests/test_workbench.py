"""The analyst's workbench over a small hand-made ledger (tests/workbench.py, no NLP): every list paged with
totals and links, the disputes board filtered, faceted, ranked with disputes between different sources first,
a page per proposition, claims that name their article, relations that name their claims, the disputed
claims marked on the document page, and CSV and JSON exports of claims, relations and disputes."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.cli import app as cli
from claimgraph.model import Document, Ledger
from claimgraph.present.api import create_app
from claimgraph.store import Store
from workbench import ARTICLES, claim, make_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("workbench") / "workbench.db"
    make_store(path).close()
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as client:
        yield client


def html(client: TestClient, path: str, status: int = 200, **params: object) -> str:
    response = client.get(path, params=params)  # type: ignore[arg-type]
    assert response.status_code == status, (path, response.text[:300])
    return response.text


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def board(client: TestClient, **params: object) -> dict:
    response = client.get("/api/disputes", params=params)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [d["proposition"]["id"] for d in body["disputes"]]


def invoke(db: str, *args: str) -> object:
    result = runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)
    return result


# 1. the disputes board: ranked, filtered, faceted, paged; a page per proposition


def test_disputes_between_different_sources_rank_before_one_sources_own_figures(client: TestClient) -> None:
    ranked = board(client)
    # the poll article holds six contradictions, all between one source's own monthly figures: last
    assert ids(ranked)[-1] == "p-poll" and len(ranked["disputes"][-1]["contradictions"]) == 6
    assert ranked["disputes"][-1]["source_pairs"] == 0 and ranked["disputes"][0]["source_pairs"] == 1
    assert ids(board(client, sort="most"))[0] == "p-poll"
    assert ids(board(client, sort="newest"))[0] == "p-floods"
    assert ids(board(client, sort="oldest"))[:2] == ["p-cholera", "p-water"]


@pytest.mark.parametrize("params, expected", [
    ({"outlet": "Valley Times"}, {"p-cholera", "p-water"}),
    ({"basis": "polarity"}, {"p-water"}),
    ({"across": "true"}, {"p-cholera", "p-water", "p-floods"}),
    ({"since": "2024-06"}, {"p-poll", "p-floods"}),
    ({"until": "2024-05"}, {"p-cholera", "p-water"}),
    ({"since": "2024-05-02", "until": "2024-05-31"}, {"p-cholera", "p-water"}),
    ({"stance": "denies"}, {"p-water"}),
    ({"source": "northfield"}, {"p-poll"}),
    ({"topic": "lanton"}, {"p-floods"}),
    ({"outlet": "Poll Weekly", "across": "true"}, set()),
])
def test_board_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    found = board(client, **params)
    assert set(ids(found)) == expected and found["total"] == len(expected)


def test_board_counts_disputes_per_facet_value(client: TestClient) -> None:
    facets = {name: {f["value"]: f["count"] for f in values} for name, values in board(client)["facets"].items()}
    assert facets["outlet"] == {"Harbour Post": 2, "Valley Times": 2, "Poll Weekly": 1, "River News": 1,
                                "Lanton Herald": 1}
    assert facets["basis"] == {"quantity": 3, "polarity": 1}
    assert facets["stance"] == {"asserts": 4, "denies": 1}
    assert facets["source"]["health ministry"] == 2
    narrowed = board(client, basis="quantity")["facets"]["outlet"]
    assert {f["value"] for f in narrowed} == {"Harbour Post", "Valley Times", "Poll Weekly", "River News",
                                              "Lanton Herald"}


def test_board_is_paged_with_totals_and_links_in_the_api_and_the_page(client: TestClient) -> None:
    seen, url = [], "/api/disputes?limit=3"
    while url:
        body = client.get(url).json()
        assert body["total"] == 4 and len(body["disputes"]) <= 3
        seen += ids(body)
        url = body["next"]
    assert seen == ids(board(client))
    first = text_of(html(client, "/disputes", limit=3))
    assert "1–3 of 4 disputed propositions" in first and "next →" in first
    second = html(client, "/disputes", limit=3, offset=3)
    assert "4–4 of 4 disputed propositions" in text_of(second) and 'rel="prev"' in second


def test_board_page_shows_facets_filters_and_a_csv_link(client: TestClient) -> None:
    page = html(client, "/disputes", outlet="Valley Times", since="", until="")  # a form's empty dates: no filter
    assert "1–2 of 2 disputed propositions" in text_of(page)
    assert 'href="/disputes?outlet=Valley+Times&amp;since=&amp;until=&amp;basis=polarity"' in page
    assert "outlet: Valley Times ×" in text_of(page)
    assert 'href="/api/disputes?outlet=Valley+Times&amp;since=&amp;until=&amp;format=csv"' in page
    assert html(client, "/disputes", since="yesterday", status=422)


def test_proposition_page_shows_its_claims_relations_and_timeline(client: TestClient) -> None:
    page = html(client, "/propositions/p-cholera")
    words = text_of(page)
    assert "cholera infections in the north" in words and "2 claims" in words
    assert "Why they conflict" in words and "revision" in words and "<svg" in page
    assert "health ministry : “120 people had been infected with cholera in the north.”" in words
    for c in (claim("cholera", 1), claim("msf", 1)):
        assert f'href="/documents/{c.document}#{c.id}"' in page
    body = client.get("/api/propositions/p-cholera").json()
    assert body["total"] == 2 and body["proposition"]["label"] == "cholera infections in the north"
    assert [r["revision"] for r in body["relations"]] == [True]
    assert body["relations"][0]["claim_b"]["source"] == "Doctors Without Borders"
    assert [row["revises"] for row in body["timeline"]] == [[], [claim("cholera", 1).id]]
    html(client, "/propositions/p-nothing", 404)
    assert client.get("/api/propositions/p-nothing").status_code == 404
    assert 'href="/propositions/p-cholera"' in html(client, "/disputes")


def test_every_list_says_how_many_and_links_onwards(tmp_path: Path) -> None:
    with Store(str(tmp_path / "many.db")) as store:
        documents = [Document(name=f"n{i}.txt", text=f"Item {i} of the many.\n") for i in range(55)]
        store.add(Ledger(documents=documents))
    client = TestClient(create_app(str(tmp_path / "many.db")))
    first = html(client, "/")
    assert "1–50 of 55 documents" in text_of(first) and 'href="/?offset=50&amp;limit=50"' in first
    assert "51–55 of 55 documents" in text_of(html(client, "/", offset=50))
    assert "Item 54 of the many." in first  # an untitled text's headline is its first line, not its file name


# 2. verification at a glance


def test_claim_cards_name_their_article_outlet_and_date(client: TestClient) -> None:
    page = html(client, "/search", q="cholera")
    words = text_of(page)
    assert "Cholera spreads in the north · Harbour Post · 2024-05-01" in words
    # an article without a title is named by its first line
    assert "Doctors Without Borders said at least 300 people had been infected with cholera in the… · Valley" in words
    assert "Valley Times · 2024-05-03" in words
    assert f'href="/documents/{claim("msf", 1).document}#{claim("msf", 1).id}">evidence' in page
    body = client.get("/api/claims", params={"q": "cholera"}).json()
    assert {c["article"]["outlet"] for c in body["claims"]} == {"Harbour Post", "Valley Times"}


def test_why_they_conflict_names_claims_by_source_and_words_not_ids(client: TestClient) -> None:
    page = html(client, "/disputes", topic="dunmore")
    why = page[page.index('<ul class="why">'): page.index("</ul>", page.index('<ul class="why">'))]
    assert "Mayor Ilse Tarno" in why and "the water supply in Dunmore was safe." in why
    assert "(Harbour Post, 2024-05-01)" in text_of(why)
    assert not re.search(r">\s*d[0-9a-f]{12}-c\d+\s*<", why)  # no claim id as link text


def test_document_page_marks_disputed_claims_and_links_to_the_dispute(client: TestClient) -> None:
    disputed, calm = claim("cholera", 1), ARTICLES["cholera"].claims
    page = html(client, f"/documents/{disputed.document}")
    assert re.search(f'<mark class="claim disputed" id="{disputed.id}"', page)
    assert "2 of its claims are disputed" in text_of(page)
    assert 'href="/propositions/p-cholera">the dispute' in page and 'href="/propositions/p-water">the dispute' in page
    assert "Doctors Without Borders : “at least 300 people" in text_of(page)
    assert len(calm) == 2


# 5. exports


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_api_csv_of_claims_relations_and_disputes_whole_or_filtered(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"format": "csv", "limit": 1})
    assert claims.headers["content-type"].startswith("text/csv")
    assert 'filename="claims.csv"' in claims.headers["content-disposition"]
    every = rows(claims.text)
    assert len(every) == sum(len(a.claims) for a in ARTICLES.values())  # all of them, not one page
    river = next(r for r in every if r["source"] == "river authority")
    assert (river["outlet"], river["date"], river["claim_date"], river["figures"]) == (
        "River News", "2024-10", "2024-10-WXX-5", "40 (person)")
    assert river["headline"] == "Floods in Lanton" and river["page"].startswith("/documents/")
    assert len(rows(client.get("/api/claims", params={"format": "csv", "outlet": "Poll Weekly"}).text)) == 4
    relations = rows(client.get("/api/relations", params={"format": "csv", "across": "true"}).text)
    assert len(relations) == 3 and {r["proposition"] for r in relations} == {"p-cholera", "p-water", "p-floods"}
    assert next(r for r in relations if r["proposition"] == "p-cholera")["revision"] == "True"
    disputes = rows(client.get("/api/disputes", params={"format": "csv", "basis": "quantity"}).text)
    assert [d["proposition"] for d in disputes] == ["p-cholera", "p-floods", "p-poll"]
    assert disputes[0]["outlets"] == "Harbour Post; Valley Times" and disputes[0]["page"] == "/propositions/p-cholera"
    paged = client.get("/api/relations", params={"limit": 2}).json()
    assert paged["total"] == 9 and len(paged["relations"]) == 2 and paged["next"]


def test_csv_cells_a_spreadsheet_would_run_are_defused() -> None:
    from claimgraph.present.export import csv_lines

    text = "".join(csv_lines(("a", "b"), [{"a": "=HYPERLINK(\"x\")", "b": "-12.5"}, {"a": "@SUM(A1)", "b": "+x"}]))
    assert rows(text) == [{"a": "'=HYPERLINK(\"x\")", "b": "-12.5"}, {"a": "'@SUM(A1)", "b": "'+x"}]


def test_cli_export_csv_and_json_with_the_pages_filters(db: str, tmp_path: Path) -> None:
    result = invoke(db, "export", "--format", "csv", "--what", "claims", "--outlet", "Valley Times")
    assert result.exit_code == 0 and [r["outlet"] for r in rows(result.stdout)] == ["Valley Times"] * 2
    out = tmp_path / "disputes.json"
    assert invoke(db, "export", "--format", "json", "--what", "disputes", "--across", "-o", str(out)).exit_code == 0
    assert [d["proposition"]["id"] for d in json.loads(out.read_text("utf-8"))][-1] != "p-poll"
    relations = json.loads(invoke(db, "export", "--what", "relations", "--basis", "polarity").stdout)
    assert [(r["claim_a"]["source"], r["claim_b"]["source"]) for r in relations] == [
        ("Mayor Ilse Tarno", "health ministry")]
    claims = json.loads(invoke(db, "export", "--what", "claims", "--since", "2024-10").stdout)
    assert {c["article"]["outlet"] for c in claims} == {"River News", "Lanton Herald"}
    ledger = json.loads(invoke(db, "export").stdout)
    assert ledger["format"] == "claimgraph/v1"


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "a ledger holds four tables, CSV holds one: add --what claims, relations or disputes"),
    (["--what", "claims", "--basis", "quantity"], "--basis cannot filter --what claims"),
    (["--what", "disputes", "--since", "May"], "--since takes a calendar date, YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--format", "table"], "'table' is not one of"),
])
def test_cli_export_refuses_in_words(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["--db", db, "export", *args])
    assert result.exit_code != 0
    said = " ".join(((result.stderr or "") + str(result.exception or "")).split())
    assert message in said and "E000" not in said


def test_claims_command_pages_with_article_and_date_columns_and_json(db: str) -> None:
    table = invoke(db, "claims", "--limit", "3")
    assert table.exit_code == 0
    assert "1–3 of 10 claims" in table.stdout and "article" in table.stdout and "2024-05-01" in table.stdout
    assert "--offset 3 for the next 3" in " ".join(table.stderr.split())
    for stance in ("asserts", "denies"):  # stance words are never cut
        assert all(stance[:-1] not in line or stance in line for line in table.stdout.splitlines())
    page = json.loads(invoke(db, "claims", "--json", "--limit", "2", "--offset", "2").stdout)
    assert page["total"] == 10 and len(page["claims"]) == 2 and page["claims"][0]["article"]["headline"]


def test_cli_disputes_filters_and_names_claims(db: str) -> None:
    result = invoke(db, "disputes", "--across", "--limit", "2")
    assert result.exit_code == 0 and "support for the governor" not in result.stdout
    assert "1–2 of 3 disputed propositions; --offset 2 for the next 2" in " ".join(result.stderr.split())
    said = " ".join(result.stdout.split())
    assert "health ministry: “120 people had been infected with cholera in the north.” vs Doctors Without Borders: " \
           "“at least 300 people" in said


# 3. timelines


@pytest.mark.parametrize("value, first, last", [
    ("2024-10-25", "2024-10-25", "2024-10-25"), ("2024-10-25T14:00", "2024-10-25", "2024-10-25"),
    ("2024-10", "2024-10-01", "2024-10-31"), ("2024", "2024-01-01", "2024-12-31"),
    ("2024-10-WXX-5", "2024-10-04", "2024-10-25"),  # "on Friday" in October 2024: one of its Fridays
    ("2024-W43", "2024-10-21", "2024-10-27"), ("2024-W43-WE", "2024-10-26", "2024-10-27"),
    ("2024-SU", "2024-06-01", "2024-08-31"), ("2024-WI", "2023-12-01", "2024-02-29"),
    ("2024-Q3", "2024-07-01", "2024-09-30"),
])
def test_partial_dates_are_placed_at_their_span(value: str, first: str, last: str) -> None:
    from claimgraph.present.chart import span

    assert tuple(d.isoformat() for d in span(value) or ()) == (first, last)


@pytest.mark.parametrize("value", ["XXXX-10-WXX-5", "PXD", None, "2024-02-30", "2024-13"])
def test_dates_without_a_place_on_the_calendar_are_not_plotted(value: str | None) -> None:
    from claimgraph.present.chart import span

    assert span(value) is None


def test_weekday_dated_figures_are_plotted_across_their_span(client: TestClient) -> None:
    page = html(client, "/timeline/p-floods")
    svg = page[page.index("<svg"): page.index("</svg>")]
    assert "No dated figures" not in page and svg.count("<circle") == 2 and svg.count('class="span"') == 2
    assert "River News" not in svg and "river authority: 40 person (2024-10-WXX-5)" in svg


def test_revisions_are_marked_on_the_timeline(client: TestClient) -> None:
    page = html(client, "/timeline/cholera")
    assert page.count('class="revision"') == 2  # the later figure's point and its row
    assert "at least 300 people" in page[page.index('<tr class="revision">'):]
    assert "revises an earlier figure" in page
    rows = client.get("/api/timeline/p-cholera").json()["rows"]
    assert [r["revises"] for r in rows] == [[], [claim("cholera", 1).id]]


def test_one_series_per_measured_thing_and_source_years_are_not_figures() -> None:
    from claimgraph.model import Claim, Quantity, Source
    from claimgraph.present.chart import timeline_charts
    from claimgraph.present.views import TimelineRow

    def said(source: str, content: str, *figures: Quantity) -> Claim:
        return Claim(document="d1", evidence=content, content=content, source=Source(source, source, "organization"),
                     quantities=list(figures))

    pct = "percent"
    rows = [
        TimelineRow(date, said("Pollster", f"Harris {h} percent, Trump {t} percent in the 2024 race",
                               Quantity(f"{h} percent", h, pct), Quantity(f"{t} percent", t, pct),
                               Quantity("2024", 2024)))
        for date, h, t in (("2024-08", 48, 45), ("2024-09", 47, 46), ("2024-10-WXX-1", 49, 44))
    ] + [TimelineRow("2024-Q3", said("statistics office", "the economy grew 2.1 percent",
                                     Quantity("2.1 percent", 2.1, pct, event="grow")))]
    [chart] = timeline_charts(rows)  # the year 2024 is no figure: one unit, one chart
    assert sorted(series for _, series in chart.legend) == [
        "Pollster: percent, Harris", "Pollster: percent, Trump", "statistics office: percent grow"]
    assert len(chart.lines) == 2 and len(chart.points) == 7
    labels = [label for _, label in chart.x_ticks]
    assert labels == ["Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024"]  # at most five, each once
    assert [label for _, label in chart.y_ticks] == ["0", "20", "40", "60"]


def test_timeline_words_pick_the_proposition_with_the_most_figures(db: str) -> None:
    result = invoke(db, "timeline", "the")  # four labels hold "the"; the governor's support has four figures
    assert result.exit_code == 0 and "support for the governor" in result.stdout
