"""Shared fixtures: the full claimgraph pipeline, built once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.model import Document, Ledger, PublishedDate

LedgerOf = Callable[..., Ledger]


@pytest.fixture(scope="session")
def ledger_of() -> LedgerOf:
    """`ledger_of(text, date="2024-10")`: the Ledger the whole pipeline makes of one article.

    The spaCy pipeline is loaded once (pipeline.build_nlp caches it); a missing model skips the test.
    """
    from claimgraph.pipeline import ModelNotFound, build_nlp, extract_one

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))

    def run(text: str, date: str = "2024-10") -> Ledger:
        precision = {4: "year", 7: "month", 10: "day"}[len(date)]
        published = PublishedDate(date, date, precision)  # type: ignore[arg-type]
        return extract_one(Document(name="t.txt", text=text, published=published))

    return run
