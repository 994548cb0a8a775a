"""The web app in a real browser: the real server (uvicorn) over a SQLite database holding the founding article,
driven by Debian's Chromium through Playwright. The disputes board lists the article's contradictions, a claim
link lands on the document page scrolled to that claim's highlighted evidence, and a screenshot of the board is
saved (to $CLAIMGRAPH_SCREENSHOT_DIR, else pytest's tmp_path).

Skips when /usr/bin/chromium, the playwright package or ../shared/corpus is missing (CI installs Chromium
with .ci/chromium.sh, tolerating failure)."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FOUNDING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "000_6063921b93890a6a.txt"
TIMEOUT_MS = 15_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: .ci/chromium.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not FOUNDING.exists():
    pytest.skip(f"the founding article is not in ../shared/corpus ({FOUNDING})", allow_module_level=True)

Page = sync_api.Page
expect = sync_api.expect


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path) -> Iterator[str]:
    """The base URL of a live uvicorn server over the database at `db`, for as long as the caller holds it."""
    import uvicorn

    from claimgraph.present.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="claimgraph-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        assert thread.is_alive(), "uvicorn exited before starting"
        assert time.monotonic() < deadline, "uvicorn did not start within 15 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive(), "uvicorn did not shut down within 15 s"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a live uvicorn server over a temp database with the founding article ingested."""
    from claimgraph.ingest import read_inputs
    from claimgraph.model import Document
    from claimgraph.pipeline import Ingested, ModelNotFound, build_nlp, ingest
    from claimgraph.store import Store

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    documents = [d for d in read_inputs([str(FOUNDING)]) if isinstance(d, Document)]
    assert len(documents) == 1
    with Store(str(db)) as store:
        results = list(ingest(documents, store))
    assert [type(r) for r in results] == [Ingested] and results[0].new, results
    yield from _serve(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield launched
        finally:
            launched.close()


def _page_in(browser: sync_api.Browser, **options: object) -> Iterator[Page]:
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def browser_page(browser: sync_api.Browser) -> Iterator[Page]:
    yield from _page_in(browser, viewport={"width": 1280, "height": 900})


def _screenshot_dir(tmp_path: Path) -> Path:
    directory = Path(os.environ.get("CLAIMGRAPH_SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _api(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + path, timeout=15) as response:
        return json.load(response)


def test_disputes_board_lists_the_founding_contradictions(server: str, browser_page: Page, tmp_path: Path) -> None:
    page = browser_page
    response = page.goto(server + "/disputes")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("Disputes")
    assert page.locator("section.dispute").count() >= 1
    quantity = page.locator("ul.why li").filter(has=page.locator("span.badge", has_text=re.compile(r"^quantity$")))
    expect(quantity.first).to_be_visible()
    expect(quantity.first).to_contain_text("12,000 vs 10,000")
    expect(page.locator("ul.why span.badge", has_text=re.compile(r"^polarity$")).first).to_be_visible()

    shot = _screenshot_dir(tmp_path) / "disputes.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000, "the screenshot is suspiciously small"
    print(f"disputes board screenshot: {shot}")


def test_claim_link_lands_on_its_highlighted_evidence(server: str, browser_page: Page) -> None:
    page = browser_page
    page.goto(server + "/disputes")
    row = page.locator("ul.why li").filter(has_text="12,000 vs 10,000").first
    link = row.locator("a[href*='#']").last  # the 10,000 claim: further down the article than the 12,000 one
    href = link.get_attribute("href")
    assert href and href.startswith("/documents/") and "#" in href, href
    document_path, claim_id = href.split("#", 1)
    claims = {c["id"]: c for c in _api(server, "/api" + document_path)["claims"]}
    assert claim_id in claims, (claim_id, sorted(claims))
    evidence = claims[claim_id]["evidence"]
    assert "10,000" in evidence

    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    mark = page.locator(f"mark.claim[id='{claim_id}']")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    expect(mark).to_contain_text("10,000")
    assert " ".join(mark.inner_text().split()) == " ".join(evidence.split())
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == claim_id
    # anchored: the page scrolled down to the claim rather than staying at the top
    assert page.evaluate("() => window.scrollY") > 0
    top = page.evaluate(f"() => document.getElementById({json.dumps(claim_id)}).getBoundingClientRect().top")
    assert -2 <= top < page.viewport_size["height"], top  # sub-pixel rounding may leave it a fraction above 0
    # highlighted: the mark has a visible background (not transparent)
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    # its source, cue and content are marked inside the evidence
    assert mark.locator("span.content").count() >= 1


PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def phone_page(browser: sync_api.Browser) -> Iterator[Page]:
    yield from _page_in(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


def test_every_page_fits_a_390_px_phone_without_sideways_scrolling(server: str, phone_page: Page,
                                                                    tmp_path: Path) -> None:
    board = _api(server, "/api/disputes")["disputes"]
    document = _api(server, "/api/documents")["documents"][0]
    proposition = board[0]["proposition"]["id"]
    source = board[0]["claims"][0]["source"]["name"]
    paths = ["/", "/disputes", "/disputes?across=true&sort=newest", f"/propositions/{proposition}",
             f"/timeline/{proposition}", document["page"], "/search?q=troops", "/sources", "/propositions",
             "/sources/" + urllib.parse.quote(source, safe=""), "/docs"]
    page = phone_page
    for path in paths:
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
        search = page.locator("header.top input[name=q]").bounding_box()
        assert search and search["x"] >= 0 and search["x"] + search["width"] <= PHONE["width"], (path, search)
    page.goto(server + "/disputes")
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "disputes-390.png"), full_page=True)


@pytest.fixture(scope="module")
def workbench_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server over the hand-built workbench store (tests/workbench.py): four disputed propositions,
    several outlets, a revision and weekday-dated figures, with no NLP."""
    from workbench import make_store

    db = tmp_path_factory.mktemp("workbench") / "workbench.db"
    make_store(db).close()
    yield from _serve(db)


def test_the_board_pages_onwards_and_filters_by_a_facet(workbench_server: str, browser_page: Page) -> None:
    page = browser_page
    page.goto(workbench_server + "/disputes?limit=3")
    expect(page.get_by_text(re.compile(r"1–3 of 4 disputed propositions")).first).to_be_visible()
    page.get_by_role("link", name=re.compile("next")).first.click()
    expect(page.get_by_text(re.compile(r"4–4 of 4 disputed propositions")).first).to_be_visible()
    page.goto(workbench_server + "/disputes")
    everything = page.locator("section.dispute").count()
    page.locator("a[href*='basis=polarity']").first.click()
    page.wait_for_url(re.compile(r"basis=polarity"))
    assert 0 < page.locator("section.dispute").count() < everything


def test_a_proposition_page_shows_its_claims_and_a_timeline_of_weekday_dated_figures(
    workbench_server: str, browser_page: Page
) -> None:
    page = browser_page
    response = page.goto(workbench_server + "/propositions/p-cholera")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_contain_text("cholera")
    expect(page.get_by_text("at least 300 people").first).to_be_visible()
    page.goto(workbench_server + "/timeline/p-floods")
    expect(page.get_by_text("No dated figures")).to_have_count(0)
    expect(page.locator("svg circle")).to_have_count(2)  # two figures dated "on Friday" / "on Tuesday" of a month
