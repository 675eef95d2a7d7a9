"""The NumPy MiniLM encoder gives the same vectors as sentence-transformers does for all-MiniLM-L6-v2."""

import json
from pathlib import Path

import numpy as np
import pytest

from linkpad.directory.search.encoder import DIMENSIONS, get_encoder

REFERENCE = json.loads((Path(__file__).parent / "search_reference_vectors.json").read_text())


@pytest.fixture(scope="module")
def encoder():
    return get_encoder()


def cosine(encoder, a: str, b: str) -> float:
    first, second = encoder.encode([a, b])
    return float(first @ second)


def test_matches_the_published_sentence_transformers_example(encoder):
    # The cosines printed in the sentence-transformers quickstart for this model (sbert.net).
    vectors = encoder.encode(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    similarities = vectors @ vectors.T
    assert similarities[0, 1] == pytest.approx(0.6660, abs=2e-3)
    assert similarities[0, 2] == pytest.approx(0.1046, abs=2e-3)
    assert similarities[1, 2] == pytest.approx(0.1411, abs=2e-3)


def test_matches_the_stored_reference_vectors(encoder):
    vectors = encoder.encode(REFERENCE["sentences"])
    assert np.abs(vectors - np.array(REFERENCE["vectors"], dtype=np.float32)).max() < 1e-4


def test_vectors_are_unit_length_float32_and_384_wide(encoder):
    vectors = encoder.encode(["A walk in the park", "x", ""])
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batching_and_padding_do_not_change_a_vector(encoder):
    short = "debt advice"
    long = "A long description of a community group that meets every week in the church hall " * 5
    alone = encoder.encode([short])[0]
    batched = encoder.encode([long, short, long])[1]
    assert np.abs(alone - batched).max() < 1e-5
    assert np.array_equal(encoder.encode([short])[0], alone)  # deterministic


def test_bereavement_is_closer_to_grief_than_debt_is(encoder):
    grief = "I've been lonely since my wife died"
    assert cosine(encoder, grief, "bereavement support for widows and widowers") > cosine(
        encoder, grief, "debt advice"
    )
    assert cosine(encoder, "I owe money on my credit cards", "debt advice") > 0.4
    assert cosine(encoder, "I owe money on my credit cards", "gentle yoga class") < 0.2


def test_long_texts_are_cut_at_256_tokens(encoder):
    words = "support " * 600
    assert len(encoder.tokenizer.encode(words).ids) == 256
    assert np.isfinite(encoder.encode([words])).all()
