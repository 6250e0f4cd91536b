"""Trigger vectors for merging: how spaCy's own token-to-vector layer reads a mention's
trigger words in their sentence.

`en_core_web_sm` has no static word vectors, but its `tok2vec` layer gives every token a row
of `doc.tensor` (96 numbers) from the word and the few words around it. Two triggers whose
rows point the same way are often words for one kind of happening ("quake" and "temblor",
"fired" and "sacked") even where no stem, family or merge class puts them together; merging
reads the cosine of two mentions' vectors as a pair feature (`pairs.pair_features`).

The sentences of an article that hold a mention are run through `tok2vec` alone, in order
(each the same text `annotate.parse_sentences` gives the parser, so the rows are those the
parse read), and a mention's vector is the mean of the rows of the tokens its trigger covers,
at unit length and rounded to `DIGITS` places, so the same text gives the same vector.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.model import Article, EventMention
from storyline.stages.annotate import SentenceRows

DIGITS = 4


def with_vectors(
    article: Article,
    mentions: Sequence[EventMention],
    *,
    nlp: Any,
    parsed: SentenceRows | None = None,
) -> list[EventMention]:
    """`mentions` of `article`, each with the `vector` of its trigger (empty where no token of
    the sentence's own tokenisation lies in the trigger). A sentence whose rows `parsed` holds
    (its parse left them, `annotate.parse_sentences`) is not run through tok2vec again."""
    rows: dict[tuple[int, int], tuple[list[int], list[int], Any]] = {}
    spans = []
    for start, end in sorted({(m.sentence.start, m.sentence.end) for m in mentions}):
        kept = parsed.get((article.id, start, end)) if parsed is not None else None
        if kept is None:
            spans.append((start, end))
        else:
            rows[(start, end)] = kept
    if spans:
        with nlp.select_pipes(enable=["tok2vec"]):
            texts = [article.text[start:end] for start, end in spans]
            for (start, end), doc in zip(spans, nlp.pipe(texts), strict=True):
                starts = [start + token.idx for token in doc]
                ends = [start + token.idx + len(token.text) for token in doc]
                rows[(start, end)] = (starts, ends, doc.tensor)
    out: list[EventMention] = []
    for mention in mentions:
        starts, ends, tensor = rows[(mention.sentence.start, mention.sentence.end)]
        chosen = [
            n
            for n, (a, b) in enumerate(zip(starts, ends, strict=True))
            if a < mention.trigger.end and b > mention.trigger.start
        ]
        out.append(replace(mention, vector=_unit(tensor, chosen)))
    return out


def _unit(tensor: Any, chosen: Sequence[int]) -> tuple[float, ...]:
    if not chosen or len(tensor) == 0:
        return ()
    # the rows as Python floats once (the same float64 values), not one numpy scalar a time
    picked = [tensor[n].tolist() for n in chosen]
    if len(picked) == 1:
        # `fsum` of one value is the value, but for -0.0, which it gives as 0.0 (as does
        # adding 0.0); most triggers are one token, and this skips 96 calls
        summed = [v + 0.0 for v in picked[0]]
    else:
        summed = [math.fsum(column) for column in zip(*picked, strict=True)]
    norm = math.sqrt(math.fsum(v * v for v in summed))
    if norm == 0.0:
        return ()
    return tuple(round(v / norm, DIGITS) for v in summed)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The cosine of two mention vectors (0 where either is missing), rounded to 6 places as
    merging reads it (`pairs.Story.trigger_cosine`, which computes it with numpy)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return round(math.fsum(x * y for x, y in zip(a, b, strict=True)), 6)
