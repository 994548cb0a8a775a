"""Shared fixtures: the full claimgraph pipeline, built once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from claimgraph.model import Document, Ledger, PublishedDate

LedgerOf = Callable[..., Ledger]


@pytest.fixture(scope="session")
def ledger_of() -> LedgerOf:
    """`ledger_of(text, date="2024-10", **fields)`: the Ledger the whole pipeline makes of one article
    (`fields`: other Document fields, such as author or outlet).

    The spaCy pipeline is loaded once (pipeline.build_nlp caches it); a missing model skips the test.
    """
    from claimgraph.pipeline import ModelNotFound, build_nlp, extract_one

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))

    def run(text: str, date: str = "2024-10", **fields: str) -> Ledger:
        precision = {4: "year", 7: "month", 10: "day"}[len(date)]
        published = PublishedDate(date, date, precision)  # type: ignore[arg-type]
        return extract_one(Document(name="t.txt", text=text, published=published, **fields))  # type: ignore[arg-type]

    return run


@pytest.fixture(scope="session")
def model_with() -> Callable[[str], Language]:
    """`model_with("claimgraph_times")`: the configured spaCy model (as the pipeline chooses it) plus one
    claimgraph component, to test that component alone; a missing model skips the test."""
    import spacy

    from claimgraph import annotate  # noqa: F401  (registers the components' factories)
    from claimgraph.pipeline import ModelNotFound, model_name

    def load(component: str) -> Language:
        try:
            nlp = spacy.load(model_name())
        except (ModelNotFound, OSError) as error:
            pytest.skip(str(error))
        nlp.add_pipe(component)
        return nlp

    return load
