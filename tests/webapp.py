"""The server under test, shared by test_api.py and test_web.py: one temp SQLite database holding three
small articles (two that contradict each other on a figure, one hostile), ingested once per session
through the write API itself, since each pipeline run costs a second or two."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.present.api import create_app

TOKEN = "test-token-4f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 20_000  # a small body cap, so the 413 tests need no megabytes

MONDAY = {
    "text": (
        "Landslides near the town of Kestrel Bay have killed 9 people, the provincial emergency service said "
        "on Monday.\n\n"
        "Governor Amara Voss said rescue crews were still digging through the mud near Kestrel Bay.\n\n"
        "Rescue workers search the mud near Kestrel Bay on June 11. (Photo: Lena Ortiz, Getty Images)\n"
    ),
    "date": "2023-06-12", "title": "Landslides kill 9", "outlet": "Harbour Post", "author": "Mira Sol",
    "url": "https://example.org/kestrel-1",
}
WEDNESDAY = {
    "text": (
        "date 2023-06-14\n"
        "author: Tomas Reyes\n\n"
        "Villagers near Kestrel Bay said at least 25 people had died in the landslides, more than the emergency "
        "service has confirmed.\n\n"
        "The provincial emergency service denied that it had stopped the search.\n"
    ),
    "title": "Villagers count more dead", "outlet": "Valley Times",
}
HOSTILE = {
    "text": (
        "<script>alert(1)</script> Police said <img src=x onerror=alert(1)> the harbour bridge was closed "
        "on Friday.\n\n"
        'A spokesman said <a href="javascript:alert(1)">the ferry</a> would run again on Saturday.\n'
    ),
    "date": "2023-06-16", "title": "<script>alert('title')</script>", "outlet": "<b onmouseover=alert(2)>x</b>",
    "url": "javascript:alert(3)",
}


@dataclass
class World:
    client: TestClient
    monday: str
    wednesday: str
    hostile: str


_worlds: dict[str, World] = {}


def _postgres_url() -> str:
    """A fresh PostgreSQL database for this test session (left for the cluster to be reset with the CI machine)."""
    import os
    import uuid

    import sqlalchemy as sa

    admin_url = os.environ.get("CLAIMGRAPH_TEST_POSTGRES")
    if not admin_url:
        pytest.skip("CLAIMGRAPH_TEST_POSTGRES is not set: the API tests run on SQLite only")
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (psycopg) is not installed")
    url = sa.make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"claimgraph_api_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    engine.dispose()
    return sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def skip_without_model() -> None:
    """Skip the test when the spaCy model is not installed (loading it here also warms the cache)."""
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))


def world(tmp_path_factory: pytest.TempPathFactory, backend: str = "sqlite") -> World:
    """The server over `backend` ("sqlite" or "postgresql"), built once per session and backend."""
    if backend not in _worlds:
        skip_without_model()
        sqlite_file = str(Path(tmp_path_factory.mktemp("server")) / "server.db")
        db = _postgres_url() if backend == "postgresql" else sqlite_file
        client = TestClient(create_app(db, token=TOKEN, max_body_bytes=LIMIT))
        ids = []
        for body in (MONDAY, WEDNESDAY, HOSTILE):
            response = client.post("/api/documents", json=body, headers=AUTH)
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        _worlds[backend] = World(client, *ids)
    return _worlds[backend]
