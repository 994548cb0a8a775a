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
from .encoding import ROLES, Window, decode, windows

__all__ = ["RoleTagger", "TaggerUnavailable", "role_tagger"]

Span = tuple[int, int]
BATCH = 8


class TaggerUnavailable(ClaimgraphError):
    code = "E410"


def default_path() -> Path:
    return Path(str(resources.files("claimgraph.learn").joinpath("weights", "attribution-tagger.onnx")))


class RoleTagger:
    def __init__(self, path: Path | None = None, threads: int = 1) -> None:
        import onnxruntime

        path = path or default_path()
        if not path.is_file():
            raise TaggerUnavailable(f"no attribution model at {path}; run `make train-attribution`")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

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
        length = max(len(w.ids) for w in chunk)
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        cases, mask = np.zeros_like(ids), np.zeros_like(ids)
        for row, window in enumerate(chunk):
            n = len(window.ids)
            ids[row, :n], cases[row, :n], mask[row, :n] = window.ids, window.cases, 1
        logits = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "case_ids": cases})[0]
        tags = logits.argmax(-1)
        return [tags[row, : len(window.ids)] for row, window in enumerate(chunk)]


@cache
def role_tagger() -> RoleTagger:
    """The process-wide tagger (loading takes about a quarter of a second)."""
    return RoleTagger()
