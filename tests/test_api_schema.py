"""Schemathesis over `/openapi.json`, in process: every operation, valid and invalid inputs, every built-in
check (no 500, only documented statuses, bodies that match the schema, invalid input refused).

The app is its own small store (two articles that dispute a figure), since the POSTs add documents. Each
valid POST runs the whole NLP pipeline, but the bodies drawn are a few words long and fast to analyse; the
examples are bounded and derandomized so the run is the same each time and takes seconds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from claimgraph.present.api import create_app
from webapp import AUTH, MONDAY, TOKEN, WEDNESDAY, skip_without_model

EXAMPLES = {"GET": 30, "POST": 10}
RUN = settings(max_examples=1, deadline=None, derandomize=True, database=None,
               suppress_health_check=list(HealthCheck))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    """A fresh app for each run: schemathesis ends the app's lifespan (its writer) when a test ends."""
    skip_without_model()
    app = create_app(str(tmp_path / "schema.db"), token=TOKEN)
    with TestClient(app) as client:
        for body in (MONDAY, WEDNESDAY):
            assert client.post("/api/documents", json=body, headers=AUTH).status_code == 201
        yield app


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_meets_its_schema(app: FastAPI, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(RUN, max_examples=EXAMPLES[operation.method.upper()])
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH)

        try:
            check()
        except Exception as error:  # every operation is run, then all failures are reported together
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
