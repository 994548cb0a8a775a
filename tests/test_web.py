"""The HTML pages: documents with highlighted claims, the disputes board and its links to the evidence,
sources, timelines, search, and hostile article text rendered inert."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.present.api import create_app
from webapp import AUTH, TOKEN, World, world

FOUNDING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "000_6063921b93890a6a.txt"
MARK = re.compile(r'<mark class="claim( caption)?(?: own)?(?: disputed)?" id="([^"]+)"[^>]*>')


@pytest.fixture(scope="session")
def w(tmp_path_factory: pytest.TempPathFactory) -> World:
    return world(tmp_path_factory)


def page(w: World, path: str, status: int = 200) -> str:
    response = w.client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    assert "<script" not in response.text  # the pages run no script at all
    return response.text


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def evidence_at(html: str, claim_id: str) -> str:
    """The text inside the highlighted mark with this id (marks may nest)."""
    start = html.index(f'id="{claim_id}"')
    start = html.index(">", start) + 1
    depth, at = 1, start
    for tag in re.finditer(r"<(/?)mark\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            at = start + tag.start()
            break
    return text_of(html[start:at])


def test_index_lists_documents_and_links_disputes_and_search(w: World) -> None:
    html = page(w, "/")
    for document in (w.monday, w.wednesday, w.hostile):
        assert f'href="/documents/{document}"' in html
    assert 'href="/disputes"' in html and 'action="/search"' in html and 'name="q"' in html
    assert 'href="/sources/provincial%20emergency%20service"' in html
    assert "<th>Author</th>" in html and "<td>Mira Sol</td>" in html and "<td>Tomas Reyes</td>" in html


def test_document_page_highlights_each_claim_by_offsets(w: World) -> None:
    html = page(w, f"/documents/{w.monday}")
    claims = w.client.get(f"/api/documents/{w.monday}").json()["claims"]
    marks = {m.group(2): bool(m.group(1)) for m in MARK.finditer(html)}
    assert set(marks) == {c["id"] for c in claims}
    for claim in claims:
        assert evidence_at(html, claim["id"]) == claim["evidence"]
        assert marks[claim["id"]] == claim["caption"]
    assert '<span class="src">the provincial emergency service</span> <span class="cue">said</span>' in html
    assert '<span class="content">Landslides near the town of Kestrel Bay have killed 9 people</span>' in html
    assert "photo caption" in html
    assert '<a href="https://example.org/kestrel-1"' in html
    assert re.search(r"Harbour Post ·\s*by Mira Sol ·", html)
    page(w, "/documents/nope", 404)


def test_disputes_board_links_every_claim_to_its_highlighted_evidence(w: World) -> None:
    html = page(w, "/disputes")
    revision = "revised: 9 (Jun 12) -&gt; at least 25 (Jun 14)"
    for expected in (revision, "Villagers near Kestrel Bay", "provincial emergency service"):
        assert expected in html
    links = set(re.findall(r'href="(/documents/[^"#]+#[^"]+)"', html))
    assert len(links) >= 2
    for link in links:
        path, claim_id = link.split("#")
        target = page(w, path)
        assert re.search(f'<mark class="claim[a-z ]*" id="{claim_id}"', target)
        claim = next(c for c in w.client.get("/api" + path).json()["claims"] if c["id"] == claim_id)
        assert evidence_at(target, claim_id) == claim["evidence"]
    assert "No disputed propositions" in page(w, "/disputes?topic=zebra")


def test_source_page_counts_contradictions_by_others(w: World) -> None:
    html = page(w, "/sources/provincial%20emergency%20service")
    assert "contradicted by others 1 time " in text_of(html).replace("\n", " ")
    assert "that it had stopped the search" in html
    page(w, "/sources/nobody", 404)


def test_timeline_page_draws_the_figures_in_inline_svg(w: World) -> None:
    [dispute] = w.client.get("/api/disputes").json()["disputes"]
    html = page(w, f"/timeline/{dispute['proposition']['id']}")
    svg = html[html.index("<svg"): html.index("</svg>")]
    assert svg.count("<circle") == 2 and "2023-06-12" in svg and "2023-06-14" in svg
    assert "Villagers near Kestrel Bay: 25 people (2023-06-14)" in svg
    page(w, "/timeline/no such thing anywhere", 404)


def test_search_page(w: World) -> None:
    assert "2 claims" in page(w, "/search?q=landslides")
    assert "1 claim" in page(w, "/search?stance=denies")
    assert "0 claims" in w.client.get("/search", params={"q": "' OR 1=1 --"}).text
    html = w.client.get("/search", params={"q": "<script>alert(1)</script>"}).text  # the hostile article has it
    assert "1 claim" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "2 claims" in w.client.get("/search", params={"q": "landslides", "since": "' OR 1=1"}).text
    assert "2 claims" in w.client.get("/search", params={"q": "landslides", "until": "2019-13-99"}).text


def test_search_page_refuses_what_no_form_sends(w: World) -> None:
    for params in ({"q": "landslides", "offset": 2**63}, {"source": "\x00"}, {"q": "x" * 501}):
        assert w.client.get("/search", params=params).status_code == 422, params


def test_hostile_article_is_stored_and_rendered_inert(w: World) -> None:
    stored = w.client.get(f"/api/documents/{w.hostile}").json()
    assert "<script>alert(1)</script>" in stored["text"]  # kept as written, escaped only when shown
    html = page(w, f"/documents/{w.hostile}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&#34;javascript:" in html
    assert "<script>alert" not in html and "<img" not in html and "<b " not in html
    assert 'href="javascript:' not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # the title, escaped
    assert "javascript:alert(3)" in html and 'href="javascript:alert(3)' not in html  # the URL as text only
    for path in ("/", "/search?q=alert", "/sources/spokesman"):
        assert "<script>alert" not in page(w, path)


def test_static_files_and_csp(w: World) -> None:
    css = w.client.get("/static/claimgraph.css")
    assert css.status_code == 200 and "mark.claim" in css.text
    html = page(w, "/")
    assert "http://" not in html and "https://" not in html.replace("https://example.org", "")
    assert w.client.get("/").headers["content-security-policy"].startswith("default-src 'self'")


@pytest.mark.skipif(not FOUNDING.exists(), reason="the founding article is not in ../shared/corpus")
def test_founding_article_posted_shows_its_claims(w: World, tmp_path: Path) -> None:
    client = TestClient(create_app(str(tmp_path / "founding.db"), token=TOKEN))
    response = client.post("/api/documents", json={"text": FOUNDING.read_text("utf-8")}, headers=AUTH)
    assert response.status_code == 201, response.text
    html = client.get(response.json()["url"]).text
    claims = client.get("/api" + response.json()["url"]).json()["claims"]
    assert len(claims) > 10 and len(MARK.findall(html)) == len(claims)
    assert "Zelensky" in html and "<script" not in html
    assert client.get("/disputes").text.count('class="dispute"') >= 1
