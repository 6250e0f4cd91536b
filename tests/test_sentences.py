"""The packaged sentence encoder (all-MiniLM-L6-v2 in numpy): meaning, pieces, determinism."""

from __future__ import annotations

import numpy as np

from storyline.models.sentences import cosine, encoder


def test_paraphrases_are_closer_than_other_news() -> None:
    texts = [
        "The court sentenced him to ten years in prison.",
        "A judge jailed the man for a decade.",
        "Subscribe to our newsletter for the latest updates.",
        "Sign up for our daily email briefing.",
        "An earthquake of magnitude 6.1 struck the island on Tuesday.",
        "A strong quake hit the island early Tuesday.",
    ]
    v = encoder().vectors(texts)
    assert v.shape == (6, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    for a, b in ((0, 1), (2, 3), (4, 5)):
        pair = cosine(v[a], v[b])
        others = [cosine(v[a], v[c]) for c in range(6) if c not in (a, b)]
        assert pair > 0.5 > max(others)


def test_pieces_carry_offsets_and_span_vectors() -> None:
    text = "The police arrested three men."
    enc = encoder().encode([text])[0]
    assert [text[s:e] for s, e in enc.offsets] == ["The", "police", "arrested", "three", "men", "."]
    assert enc.pieces.shape == (6, 384)
    arrested = enc.span_vector(16, 24)
    assert arrested is not None and abs(float(np.linalg.norm(arrested)) - 1.0) < 1e-5
    assert enc.span_vector(100, 120) is None


def test_same_text_same_vector_whatever_the_batch() -> None:
    alone = encoder().vectors(["Rescuers pulled survivors from the rubble."])[0]
    mixed = encoder().vectors(
        [
            "A much longer sentence about the markets, the banks and the central bank's rate.",
            "Rescuers pulled survivors from the rubble.",
            "Short.",
        ]
    )[1]
    assert cosine(alone, mixed) == 1.0
