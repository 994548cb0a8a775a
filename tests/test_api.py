"""The JSON API: every endpoint, its filters and paging, the token-guarded write, the body cap, SQL injection,
hostile parameters and bodies refused in the documented 422 shape, CSP."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from claimgraph.present.api import create_app
from webapp import AUTH, LIMIT, MONDAY, TOKEN, World, world

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE claims; --", '" OR ""="', "%", "_",
              "1) UNION SELECT payload FROM claims --"]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def w(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    """Every API test runs on SQLite and, where CLAIMGRAPH_TEST_POSTGRES is set, on PostgreSQL."""
    return world(tmp_path_factory, request.param)


def claims(w: World, **params: object) -> dict:
    response = w.client.get("/api/claims", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_documents_list_and_one_document(w: World) -> None:
    listing = w.client.get("/api/documents").json()
    assert listing["total"] == 3
    assert {d["id"] for d in listing["documents"]} == {w.monday, w.wednesday, w.hostile}
    assert listing["documents"][0]["id"] == w.hostile  # newest first
    one = w.client.get(f"/api/documents/{w.monday}").json()
    assert one["title"] == MONDAY["title"] and one["text"] == MONDAY["text"]
    assert one["published"]["value"] == "2023-06-12"
    assert one["claims"] and all(c["page"] == f"/documents/{w.monday}#{c['id']}" for c in one["claims"])
    assert any(c["caption"] for c in one["claims"])
    assert w.client.get("/api/documents/nope").status_code == 404


def test_author_from_the_body_or_the_text_header(w: World) -> None:
    listing = {d["id"]: d for d in w.client.get("/api/documents").json()["documents"]}
    assert (listing[w.monday]["author"], listing[w.monday]["outlet"]) == ("Mira Sol", "Harbour Post")
    wednesday = w.client.get(f"/api/documents/{w.wednesday}").json()
    assert wednesday["author"] == "Tomas Reyes" and wednesday["published"]["value"] == "2023-06-14"
    assert wednesday["text"].startswith("Villagers near Kestrel Bay")  # the header is not article text
    [caption] = [c for c in w.client.get(f"/api/documents/{w.monday}").json()["claims"] if c["caption"]]
    assert caption["source"] == {"name": "Mira Sol", "mention": "", "kind": "author"}
    assert w.client.get("/api/documents/" + w.hostile).json()["author"] is None


def test_claims_filters(w: World) -> None:
    everything = claims(w)
    assert everything["total"] == len(everything["claims"]) >= 5
    by_source = claims(w, source="EMERGENCY service")
    assert by_source["total"] == 2
    assert {c["source"]["name"] for c in by_source["claims"]} == {"provincial emergency service"}
    denials = claims(w, stance="denies")["claims"]
    assert [c["content"] for c in denials] == ["that it had stopped the search"]
    assert claims(w, certainty="certain")["total"] == everything["total"] - claims(w, certainty="possible")["total"] \
        - claims(w, certainty="probable")["total"] - claims(w, certainty="conditional")["total"]
    assert {c["document"] for c in claims(w, since="2023-06-13")["claims"]} == {w.wednesday, w.hostile}
    assert {c["document"] for c in claims(w, until="2023-06-12")["claims"]} == {w.monday}
    assert {c["document"] for c in claims(w, since="2023-06", until="2023-06")["claims"]} == {
        w.monday, w.wednesday, w.hostile}
    assert claims(w, since="2023-07")["total"] == 0
    found = claims(w, q="LANDSLIDES people")
    assert found["total"] == 2 and all("landslides" in c["evidence"].lower() for c in found["claims"])
    assert claims(w, document=w.wednesday)["total"] == 2
    page = claims(w, limit=2, offset=1)
    assert page["total"] == everything["total"]
    assert [c["id"] for c in page["claims"]] == [c["id"] for c in everything["claims"][1:3]]


def refused(response: Response) -> list[dict]:
    """The 422's details, checked against the documented shape (HTTPValidationError)."""
    assert response.status_code == 422, response.text
    details = response.json()["detail"]
    assert details and all(set(d) == {"loc", "msg", "type"} and isinstance(d["msg"], str) for d in details)
    return details


def link(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


@pytest.mark.parametrize("path, key", [("/api/propositions", "propositions"), ("/api/documents", "documents"),
                                       ("/api/claims", "claims"), ("/api/sources", "sources")])
def test_lists_are_paged_with_totals_and_links(w: World, path: str, key: str) -> None:
    everything = w.client.get(path, params={"limit": 500}).json()
    assert everything["total"] == len(everything[key]) >= 3
    assert everything["next"] is None and everything["previous"] is None
    seen, url = [], f"{path}?limit=2"
    while url:
        page = w.client.get(url).json()
        assert page["total"] == everything["total"] and len(page[key]) <= page["limit"] == 2
        seen += page[key]
        url = page["next"]
    assert seen == everything[key]
    second = w.client.get(path, params={"limit": 2, "offset": 2}).json()
    assert link(second["previous"]) == (path, {"limit": ["2"], "offset": ["0"]})


def test_paging_links_keep_the_filters(w: World) -> None:
    page = w.client.get("/api/claims", params={"since": "2023-06", "limit": 1}).json()
    assert link(page["next"]) == ("/api/claims", {"since": ["2023-06"], "limit": ["1"], "offset": ["1"]})
    beyond = w.client.get("/api/claims", params={"since": "2023-06", "limit": 1, "offset": 1000}).json()
    assert beyond["claims"] == [] and beyond["next"] is None and beyond["total"] == page["total"]


@pytest.mark.parametrize("path, params", [
    ("/api/claims", {"since": "' OR 1=1 --"}), ("/api/claims", {"until": "2023-13-45x"}),
    ("/api/claims", {"since": "2019-13-99"}), ("/api/claims", {"until": "2023-02-30"}),
    ("/api/claims", {"since": "0000"}), ("/api/claims", {"limit": "1; DROP TABLE claims"}),
    ("/api/claims", {"limit": 100_000}), ("/api/claims", {"limit": 0}), ("/api/claims", {"offset": -1}),
    ("/api/claims", {"offset": 2**63}), ("/api/documents", {"offset": 2**63}), ("/api/sources", {"limit": 0}),
    ("/api/propositions", {"offset": 2**63}), ("/api/claims", {"source": "\x00"}), ("/api/claims", {"q": "a\x00b"}),
    ("/api/claims", {"document": "x" * 501}), ("/api/disputes", {"topic": "\x1b[2J"}), ("/api/documents/%00", {}),
    ("/api/sources/a%00b", {}), ("/api/timeline/%00", {}),
])
def test_bad_parameters_are_refused_with_a_422_not_run(w: World, path: str, params: dict) -> None:
    [detail] = refused(w.client.get(path, params=params))
    assert detail["loc"][0] in ("query", "path")


def test_real_leap_days_and_month_ends_are_accepted(w: World) -> None:
    for params in ({"since": "2024-02-29"}, {"until": "2000-02-29"}, {"since": "2023-04-30"}, {"until": "2023-12-31"}):
        assert w.client.get("/api/claims", params=params).status_code == 200, params
    assert w.client.get("/api/claims", params={"since": "1900-02-29"}).status_code == 422


@pytest.mark.parametrize("attack", INJECTIONS)
def test_sql_injection_in_every_filter_returns_normally(w: World, attack: str) -> None:
    for name in ("source", "stance", "certainty", "q", "document"):
        body = claims(w, **{name: attack})
        assert body["total"] == 0 and body["claims"] == []
    response = w.client.get("/api/disputes", params={"topic": attack})
    assert response.status_code == 200 and response.json()["disputes"] == []
    for path in ("/api/documents/", "/api/sources/", "/api/timeline/"):
        response = w.client.get(path + attack)
        assert response.status_code == 404, (path, response.text)
        assert "sqlite" not in response.text.lower() and "select" not in response.text.lower()
    assert w.client.get("/api/documents").json()["total"] == 3  # nothing dropped


def test_sources_and_one_source(w: World) -> None:
    sources = w.client.get("/api/sources").json()["sources"]
    names = {s["name"]: s for s in sources}
    assert names["provincial emergency service"]["claims"] == 2
    assert names["provincial emergency service"]["documents"] == 2
    record = w.client.get("/api/sources/provincial emergency service").json()
    assert len(record["claims"]) == 2 and record["contradicted_by_others"] == 1
    # the shared event first; the later figure of another source on the same count is a revision
    revision = "kill, as of 2023-06-14: revised: 9 (Jun 12) -> at least 25 (Jun 14)"
    assert record["relations"][0]["explanation"] == revision
    assert w.client.get("/api/sources/nobody at all").status_code == 404


def test_propositions_disputes_and_timeline(w: World) -> None:
    propositions = w.client.get("/api/propositions").json()["propositions"]
    assert len(propositions) >= 2 and all(p["id"].startswith("p-") for p in propositions)
    board = w.client.get("/api/disputes").json()["disputes"]
    [dispute] = board
    assert dispute["contradictions"][0]["basis"] == "quantity"
    assert {q["value"] for c in dispute["claims"] for q in c["quantities"]} == {9, 25}
    assert {c["page"].split("#")[0] for c in dispute["claims"]} == {f"/documents/{w.monday}",
                                                                  f"/documents/{w.wednesday}"}
    assert w.client.get("/api/disputes", params={"topic": "kestrel"}).json()["disputes"]
    assert w.client.get("/api/disputes", params={"topic": "zebra"}).json()["disputes"] == []
    proposition = dispute["proposition"]["id"]
    rows = w.client.get(f"/api/timeline/{proposition}").json()["rows"]
    assert [(r["date"], r["claim"]["quantities"][0]["value"]) for r in rows] == [("2023-06-12", 9), ("2023-06-14", 25)]
    by_words = w.client.get("/api/timeline/killed 9 people").json()
    assert by_words["proposition"]["id"] == proposition


def test_post_needs_the_token(w: World) -> None:
    body = {"text": "The harbour master said the port was closed.", "date": "2023-06-20"}
    assert w.client.post("/api/documents", json=body).status_code == 401
    for header in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, "Bearer "):
        response = w.client.post("/api/documents", json=body, headers={"Authorization": header})
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert w.client.get("/api/documents").json()["total"] == 3


def test_post_of_stored_text_answers_200_with_its_id(w: World) -> None:
    response = w.client.post("/api/documents", json=MONDAY, headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"id": w.monday, "url": f"/documents/{w.monday}", "created": False}


@pytest.mark.parametrize("body", [
    {"text": "x", "date": "2023-02-30"}, {"text": ""}, {"text": " \n\x1c"}, {"text": "x", "byline": "me"},
    {"date": "2023"}, {"text": "date 2023-06-01\n  "}, {"text": "a\x00b"}, {"text": "x", "title": "\x00"},
    {"text": "x", "date": 2023}, {"text": ["x"]},
])
def test_post_validation(w: World, body: dict) -> None:
    refused(w.client.post("/api/documents", json=body, headers=AUTH))


@pytest.mark.parametrize("raw", [
    b'{"text": "Police said the bridge was closed.", "date": 1e999999}',  # an infinite float the 422 once echoed
    b'{"text": "Police said the bridge \\ud800 was closed."}',  # a lone surrogate, which UTF-8 cannot carry
    b'{"text": "x", "\\ud800": 1}', b'{"text": "x", "date": NaN}', b'{"text": "x"', b"[]", b"null",
])
def test_bodies_json_cannot_echo_are_refused_with_a_422(w: World, raw: bytes) -> None:
    response = w.client.post("/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    refused(response)


def test_a_body_that_is_not_utf8_is_a_400(w: World) -> None:
    response = w.client.post("/api/documents", content=b'{"text": "\xff"}',
                             headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400 and set(response.json()) == {"detail"}


def test_bodies_over_the_limit_are_refused(w: World) -> None:
    big = {"text": "word " * LIMIT}
    response = w.client.post("/api/documents", json=big, headers=AUTH)
    assert response.status_code == 413 and "content-security-policy" in response.headers

    def chunks() -> Iterator[bytes]:  # no Content-Length: the bytes received are counted
        yield b'{"text": "'
        for _ in range(LIMIT // 1000 + 1):
            yield b"a" * 1000
        yield b'"}'

    response = w.client.post("/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert w.client.get("/api/documents").json()["total"] == 3


def test_write_api_is_off_without_a_token(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMGRAPH_API_TOKEN", raising=False)
    client = TestClient(create_app(str(tmp_path / "off.db")))
    for headers in ({}, AUTH):
        assert client.post("/api/documents", json={"text": "x"}, headers=headers).status_code == 403
    monkeypatch.setenv("CLAIMGRAPH_API_TOKEN", "from-env")
    client = TestClient(create_app(str(tmp_path / "on.db")))
    assert client.post("/api/documents", json={"text": "x"}).status_code == 401


def test_openapi_is_served_and_docs_need_no_cdn(w: World) -> None:
    schema = w.client.get("/openapi.json").json()
    wanted = {"/api/documents", "/api/claims", "/api/sources", "/api/propositions", "/api/disputes"}
    assert wanted <= set(schema["paths"])
    docs = w.client.get("/docs")
    assert docs.status_code == 200 and "/api/claims" in docs.text
    assert "cdn" not in docs.text.lower() and "<script" not in docs.text


def test_every_response_has_a_content_security_policy(w: World) -> None:
    for path in ("/api/documents", "/api/claims", "/", "/docs", "/static/claimgraph.css", "/api/documents/nope"):
        assert "default-src 'self'" in w.client.get(path).headers["content-security-policy"]


def test_tokens_are_compared_in_constant_time(w: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bearer token goes through hmac.compare_digest, whose time does not depend on where bytes differ."""
    import claimgraph.present.api as api

    seen: list[tuple[bytes, bytes]] = []
    real = api.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api.hmac, "compare_digest", spy)
    response = w.client.post("/api/documents", json=MONDAY, headers={"Authorization": "Bearer wrong-token"})
    assert response.status_code == 401
    assert seen == [(b"wrong-token", TOKEN.encode())]
