"""The tense reader of time expressions (`timex.tense`): each sentence's cues read once, and
the nearest cue tried first, give what reading every cue for every span gave."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest

from storyline.stages.timex import tense
from storyline.stages.timex.tense import _QUOTE, _SUBORDINATE, tenses

TEXTS = (
    'The minister said on Monday that talks "will resume next week" in the capital.',
    "No one could be reached on Wednesday. The ferry had been scheduled to sail on Friday, "
    "and officials expect a vote in April. Gen. Smith arrived Jan. 14 and will leave soon.",
    "Prices have slumped since March, warnings on Thursday that strikes could harm trade "
    "went unheeded, and the plan was set for May 3 as originally scheduled.",
    "The council met yesterday. It may have voted last month. It is set to decide tomorrow, "
    "though the mayor, who resigned on Tuesday, says it will wait until June.",
)


def _old_tense(text: str, start: int, end: int, tags: Any) -> str | None:
    """`tense._tense` before session 19: every pattern's word cues, then every cue read."""
    s_start, s_end = tense._sentence_span(text, start, end)
    if tags is not None:
        cues = tense._tag_cues(text, s_start, s_end, tags)
        cues += [c for c in tense._word_cues(text, s_start, s_end) if c[2] == "future"]
    else:
        cues = tense._word_cues(text, s_start, s_end)
    best: tuple[int, str] | None = None
    for c_start, c_end, kind in cues:
        if start <= c_start < end:
            continue
        between = text[c_end:start] if c_end <= start else text[end:c_start]
        if _QUOTE.search(between):
            continue
        if c_end > start and _SUBORDINATE.search(between):
            continue
        distance = start - c_end if c_end <= start else (c_start - end) + 25
        if kind == "modal":
            kind = "future"
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


def _spans(text: str) -> list[tuple[int, int]]:
    """Every word and every pair of neighbouring words of `text`, as spans."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    return words + [(a[0], b[1]) for a, b in pairwise(words)]


@pytest.mark.parametrize("text", TEXTS)
def test_tenses_without_tags_are_those_every_cue_gave(text: str) -> None:
    spans = _spans(text)
    expected = [_old_tense(text, s, e, None) for s, e in spans]
    assert tenses(text, spans) == expected
    assert len(set(expected)) > 2  # the spans meet several tenses, not only None


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_tenses_with_tags_are_those_every_cue_gave(nlp: Any, text: str) -> None:
    doc = nlp(text)
    tags = [(t.idx, t.idx + len(t.text), t.tag_) for t in doc]
    spans = _spans(text)
    ordered = sorted(tags)
    expected = []
    for s, e in spans:
        s_start, s_end = tense._sentence_span(text, s, e)
        inside = [t for t in ordered if not (t[1] <= s_start or t[0] >= s_end)]
        expected.append(_old_tense(text, s, e, inside))
    assert tenses(text, spans, tags=tags) == expected
    assert len(set(expected)) > 2


def test_future_only_word_cues_are_the_future_ones_of_all() -> None:
    for text in TEXTS:
        every = tense._word_cues(text, 0, len(text))
        assert tense._word_cues(text, 0, len(text), future_only=True) == [
            c for c in every if c[2] == "future"
        ]
