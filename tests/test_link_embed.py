import numpy as np

from claimgraph.link.embed import DIMENSIONS, MAX_TOKENS, embedder

CLAIMS = [
    "that 12,000 North Korean troops had been sent to Russia",
    "it was a lie",
    "that the ceasefire, agreed after weeks of talks between the two governments and their allies in the "
    "region, had held overnight in the north of the country despite reports of shelling near the border",
    "",
]


def test_a_vector_is_the_same_alone_and_in_any_batch() -> None:
    alone = np.vstack([embedder()([text]) for text in CLAIMS])
    for batch_size in (1, 2, 32):
        assert np.array_equal(embedder()(CLAIMS, batch_size=batch_size), alone)
    assert np.array_equal(embedder()(CLAIMS[::-1])[::-1], alone)


def test_vectors_are_unit_rows_in_input_order() -> None:
    vectors = embedder()(CLAIMS[:3])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) < float(vectors[0] @ vectors[0])
    assert embedder()([]).shape == (0, DIMENSIONS)


def test_text_beyond_the_model_length_is_cut() -> None:
    words = " ".join(f"word{i}" for i in range(MAX_TOKENS * 2))
    assert np.array_equal(embedder()([words]), embedder()([words + " and a different ending"]))
