"""Progress of an ingest that suits where it runs: a rich bar on a terminal; in a log (cron, a script, a pipe),
a line when it starts and one every `every` documents, so that a run of many minutes shows it is alive and how
far it got (a run from cron printed nothing for six minutes, then one line of counts)."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import Progress

__all__ = ["IngestProgress"]


class IngestProgress:
    def __init__(self, console: Console, total: int | None, every: int = 25) -> None:
        """`total`: the documents to come, or None when they are streamed and not counted first."""
        self.console, self.total, self.every = console, total, max(1, every)
        self.done = self.claims = self.failed = 0
        self.started = time.monotonic()
        self._bar: Progress | None = None
        if console.is_terminal:
            self._bar = Progress(console=console, transient=True, disable=total is not None and total < 2)

    def __enter__(self) -> IngestProgress:
        if self._bar is not None:
            self._bar.__enter__()
            self._task = self._bar.add_task("ingesting", total=self.total)
        else:
            self._line("ingest: started" if self.total is None else f"ingest: {self.total} documents to analyse")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def advance(self, claims: int = 0, failed: bool = False) -> None:
        self.done += 1
        self.claims += claims
        self.failed += failed
        if self._bar is not None:
            self._bar.advance(self._task)
        elif self.done % self.every == 0 or self.done == self.total:
            elapsed = time.monotonic() - self.started
            of = "" if self.total is None else f"/{self.total}"
            self._line(f"ingest: {self.done}{of} documents, {self.claims} claims stored, {self.failed} "
                       f"failed, {elapsed:.0f} s ({self.done / elapsed if elapsed else 0:.1f} documents/s)")

    def _line(self, text: str) -> None:
        self.console.print(text, highlight=False, markup=False, soft_wrap=True)
