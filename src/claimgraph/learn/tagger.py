"""The attribution tagger at run time: int8 ONNX, onnxruntime on the CPU, no network.

`training/attribution.py` writes the model; this module only reads it. A text is cut into windows by
`claimgraph.learn.encoding` exactly as in training, the windows run in batches, and each role's BIO tags
come back as character spans.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ClaimgraphError
from .encoding import ROLES, Window, decode, pad, windows
from .onnx import cpu_session

__all__ = ["RoleTagger", "TaggerUnavailable", "role_tagger"]

Span = tuple[int, int]
BATCH = 8


class TaggerUnavailable(ClaimgraphError):
    code = "E410"


def default_path() -> Path:
    return Path(str(resources.files("claimgraph.learn").joinpath("weights", "attribution-tagger.onnx")))


class RoleTagger:
    def __init__(self, path: Path | None = None, threads: int = 1) -> None:
        path = path or default_path()
        if not path.is_file():
            raise TaggerUnavailable(f"no attribution model at {path}; run `make train-attribution`")
        self.session = cpu_session(path, threads)

    def __call__(self, text: str) -> dict[str, list[Span]]:
        """Character spans per role, sorted; a role's spans do not overlap one another."""
        cut = windows(text)
        found: dict[str, list[Span]] = {role: [] for role in ROLES}
        order = sorted(range(len(cut)), key=lambda i: len(cut[i].ids))  # similar lengths pad less
        for start in range(0, len(order), BATCH):
            chunk = [cut[i] for i in order[start : start + BATCH]]
            for window, tags in zip(chunk, self._tags(chunk), strict=True):
                for role, spans in decode(text, window, tags).items():
                    found[role].extend(spans)
        return {role: sorted(spans) for role, spans in found.items()}

    def _tags(self, chunk: list[Window]) -> list[np.ndarray]:
        ids, mask, cases = pad(chunk)
        logits = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "case_ids": cases})[0]
        tags = logits.argmax(-1)
        return [tags[row, : len(window.ids)] for row, window in enumerate(chunk)]


@cache
def role_tagger() -> RoleTagger:
    """The process-wide tagger (loading takes about a quarter of a second)."""
    return RoleTagger()
