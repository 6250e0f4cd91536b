"""merge_quotes: the blocking finds exactly the groups the all-pairs comparison found.

`merge_quotes` compares only the candidate pairs of `_candidate_pairs`; these tests hold it
to the old all-pairs loop (kept below as the reference) on generated quotes full of near
duplicates: copies, trimmed copies, copies with character edits close to the threshold, merged
words, and unrelated quotes.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from storyline.model import Quote, Span
from storyline.stages.quotes import _merge_key, _same_words, merge_quotes
from storyline.stages.quotes.merge import _candidate_pairs, _span_key

_VOCABULARY = (
    "the harbour wall will be rebuilt before winter and the mayor said that nobody was on "
    "quay when storm came we are ready to act council never listened fishermen pays for it "
    "a an of to in on at by ab cd ef gh ij kl mn op"
)
WORDS = _VOCABULARY.split()


def _quote(qid: str, article: str, start: int, text: str) -> Quote:
    span = Span(article, start, start + len(text), text)
    return Quote(qid, article, "direct", span, span, None, None)


def _in_articles(rng: random.Random, texts: list[str]) -> list[Quote]:
    """Each text a quote of one of 12 articles, drawn by `rng`."""
    return [_quote(f"q{n}", f"a{rng.randrange(12)}", n * 1000, t) for n, t in enumerate(texts)]


def reference_merge(quotes: Iterable[Quote], *, threshold: float = 90.0) -> list[Quote]:
    """The merge as it was before the blocking: every pair of quotes compared."""
    ordered = sorted(quotes, key=lambda q: (q.article, q.span.start, q.span.end, q.id))
    keys = [_merge_key(q.span.text) for q in ordered]
    group_of = list(range(len(ordered)))

    def root(i: int) -> int:
        while group_of[i] != i:
            group_of[i] = group_of[group_of[i]]
            i = group_of[i]
        return i

    for i, first in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            second = ordered[j]
            if first.article == second.article or not keys[i] or not keys[j]:
                continue
            if _same_words(keys[i], keys[j], threshold, fuzz):
                a, b = root(i), root(j)
                if a != b:
                    group_of[max(a, b)] = min(a, b)
    members: dict[int, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(ordered):
        members[root(i)].append(quote)
    merged = []
    for group in members.values():
        keep = group[0]
        others = [q for q in group[1:] if q.article != keep.article]
        same_article = [q for q in group[1:] if q.article == keep.article]
        also = tuple(sorted({s for q in others for s in (q.span, *q.also_in)}, key=_span_key))
        merged.append(replace(keep, also_in=also))
        merged.extend(same_article)
    return sorted(merged, key=lambda q: (q.article, q.span.start, q.span.end, q.id))


def _edit(rng: random.Random, text: str, edits: int) -> str:
    """`text` with `edits` random character insertions, deletions and substitutions."""
    chars = list(text)
    for _ in range(edits):
        where = rng.randrange(len(chars) + 1)
        kind = rng.choice(("insert", "delete", "substitute"))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz ,.'")
        if kind == "insert" or not chars:
            chars.insert(where, letter)
        elif where < len(chars):
            if kind == "delete":
                del chars[where]
            else:
                chars[where] = letter
    return "".join(chars)


def _variant(rng: random.Random, base: str) -> str:
    words = base.split()
    choice = rng.randrange(8)
    if choice == 6:  # inside a much longer quote, lightly edited, anywhere in it
        before = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 3 * len(words) + 1)))
        after = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 3 * len(words) + 1)))
        inside = _edit(rng, base, round(len(base) * rng.uniform(0.0, 0.08)))
        return f"{before} {inside} {after}"
    if choice == 0:
        return base
    if choice == 1:  # trimmed at either end, as outlets do
        start = rng.randrange(0, max(1, len(words) // 3))
        end = len(words) - rng.randrange(0, max(1, len(words) // 3))
        return " ".join(words[start:end])
    if choice == 2:  # case and punctuation only
        return '"' + base.upper() + '," he said.'
    if choice == 3:  # merged words: the same letters, other word boundaries
        return base.replace(" ", "", rng.randrange(1, 4))
    if choice == 4:  # a trimmed copy with edits
        start = rng.randrange(0, max(1, len(words) // 4))
        part = " ".join(words[start:])
        return _edit(rng, part, max(1, round(len(part) * rng.uniform(0.02, 0.14))))
    # character edits around the threshold (about one in ten characters)
    return _edit(rng, base, max(1, round(len(base) * rng.uniform(0.02, 0.14))))


def _quotes(seed: int, bases: int, copies: int) -> list[Quote]:
    rng = random.Random(seed)
    texts = []
    for _ in range(bases):
        base = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 40)))
        texts.append(base)
        texts.extend(_variant(rng, base) for _ in range(rng.randrange(copies)))
    texts.extend(["", "...", '" "'])  # no words at all
    return _in_articles(rng, texts)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_merge_finds_the_groups_of_the_all_pairs_comparison(seed: int) -> None:
    quotes = _quotes(seed, bases=25, copies=6)
    assert merge_quotes(quotes) == reference_merge(quotes)


def test_generated_quotes_hold_matches_of_both_scorers_and_near_misses() -> None:
    """The generated quotes exercise the test: pairs `ratio` accepts, pairs only
    `partial_ratio` accepts, and pairs just under the threshold."""
    keys = sorted({_merge_key(q.span.text) for q in _quotes(1, bases=25, copies=6)} - {""})
    by_ratio = only_partial = near = 0
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            score = fuzz.ratio(first, second)
            by_ratio += score >= 90
            near += 80 <= score < 90
            only_partial += score < 90 and _same_words(first, second, 90.0, fuzz)
    assert by_ratio >= 20 and only_partial >= 20 and near >= 20


@pytest.mark.parametrize("threshold", [70.0, 85.0, 90.0, 95.0, 100.0])
def test_candidates_hold_every_accepted_pair(threshold: float) -> None:
    quotes = _quotes(7, bases=20, copies=5)
    keys = [_merge_key(q.span.text) for q in quotes]
    articles = [q.article for q in quotes]
    accepted = {
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if keys[i]
        and keys[j]
        and articles[i] != articles[j]
        and _same_words(keys[i], keys[j], threshold, fuzz)
    }
    candidates = _candidate_pairs(keys, articles, threshold)
    assert accepted <= set(candidates)
    assert candidates == sorted(set(candidates))
    assert len(candidates) < len(keys) * (len(keys) - 1) // 4  # and it does prune


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # no word in common, ratio 90.5: blocking on words would lose it
        ("ab cd ef gh ij kl mn op", "abcd efgh ijkl mnop", True),
        # the same length: partial_ratio looks both ways
        (
            "the harbour wall will be rebuilt before winter",
            "he harbour wall will be rebuilt before winterx",
            True,
        ),
        # eight words inside a quote over twice as long, across the middle of its first
        # window, with an edit
        (
            "the harbour wall will be rebuilt before the storms",
            "we said it many times and we say it again the harbour wall will be rebult "
            "before the storms and the council knows it and the fishermen know it and the "
            "whole town knows it and everybody has known it for years",
            True,
        ),
        # eight words inside a much longer quote, with an edit
        (
            "the harbour wall will be rebuilt before the storms",
            "we said it many times and we say it again the harbour wall will be rebult "
            "before the storms and the council knows it",
            True,
        ),
        ("Nobody was on the quay.", "nobody was on the quay", True),
        # under eight words, only ratio counts: 85.7
        ("we are ready", "we are ready now", False),
    ],
)
def test_hand_built_pairs_match_as_before(first: str, second: str, same: bool) -> None:
    quotes = [_quote("x", "a", 0, first), _quote("y", "b", 5, second)]
    assert merge_quotes(quotes) == reference_merge(quotes)
    assert len(merge_quotes(quotes)) == (1 if same else 2)


_TEXT = st.text(alphabet="abcde ", min_size=0, max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.integers(0, 3)), min_size=2, max_size=12))
def test_candidates_hold_every_accepted_pair_on_any_text(items: list[tuple[str, int]]) -> None:
    keys = [_merge_key(text) for text, _ in items]
    articles = [f"a{number}" for _, number in items]
    accepted = {
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if keys[i]
        and keys[j]
        and articles[i] != articles[j]
        and _same_words(keys[i], keys[j], 90.0, fuzz)
    }
    assert accepted <= set(_candidate_pairs(keys, articles, 90.0))


def test_a_long_quote_inside_a_longer_one_at_the_strictest_threshold() -> None:
    """A quote of over 128 characters contained in one 8 or more characters longer: the case
    rapidfuzz's LCS with a cutoff misses, which the blocking must not use."""
    inner = " ".join(WORDS)[:150].strip()
    quotes = []
    for number, text in enumerate((inner, inner + " he said", "so " + inner + " and more")):
        span = Span(f"a{number}", 0, len(text), text)
        quotes.append(Quote(f"q{number}", f"a{number}", "direct", span, span, None, None))
    merged = merge_quotes(quotes, threshold=100.0)
    assert merged == reference_merge(quotes, threshold=100.0)
    assert len(merged) == 1


def _copies_and_trims(seed: int, bases: int) -> list[Quote]:
    """Quotes as outlets copy them: the same words, trimmed at either end, case and
    punctuation changed; each base quote in several articles."""
    rng = random.Random(seed)
    texts = []
    for _ in range(bases):
        base = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 40)))
        texts.append(base)
        words = base.split()
        for _ in range(rng.randrange(4)):
            start = rng.randrange(0, max(1, len(words) // 3))
            end = len(words) - rng.randrange(0, max(1, len(words) // 3))
            trimmed = " ".join(words[start:end])
            texts.append(rng.choice((base, trimmed, '"' + base.upper() + '," he said.')))
    texts = [t for t in texts if t.strip()]
    return _in_articles(rng, texts)


@pytest.mark.parametrize("seed", [4, 5])
def test_a_large_story_anchors_on_rare_words_and_finds_copies_and_trims(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above WHOLE_KEYS quotes each key is compared only with keys holding one of its rarest
    words: copies and trimmed copies still merge as the all-pairs comparison merges them."""
    from storyline.stages.quotes import merge as module

    quotes = _copies_and_trims(seed, bases=30)
    monkeypatch.setattr(module, "WHOLE_KEYS", 0)
    anchored = merge_quotes(quotes)
    monkeypatch.setattr(module, "WHOLE_KEYS", 10**9)
    assert anchored == merge_quotes(quotes) == reference_merge(quotes)


def test_the_anchored_filter_loses_only_merged_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pair the exact filter keeps and word anchors cannot: no word in common."""
    from storyline.stages.quotes import merge as module

    keys = ["ab cd ef gh ij kl mn op", "abcd efgh ijkl mnop"]
    monkeypatch.setattr(module, "WHOLE_KEYS", 0)
    assert _candidate_pairs(keys, ["a", "b"], 90.0) == []
    monkeypatch.setattr(module, "WHOLE_KEYS", 10**9)
    assert _candidate_pairs(keys, ["a", "b"], 90.0) == [(0, 1)]


def test_one_wording_in_one_article_is_not_merged_with_itself() -> None:
    """Grouping by wording first keeps the rule that two quotes of one article are never
    compared: the same words twice in one article stay two quotes until another article
    carries them too."""
    text = "the harbour wall will be rebuilt before winter"
    quotes = [_quote("q1", "a", 0, text), _quote("q2", "a", 100, text)]
    assert merge_quotes(quotes) == reference_merge(quotes)
    assert len(merge_quotes(quotes)) == 2
    quotes.append(_quote("q3", "b", 0, text))
    merged = merge_quotes(quotes)
    assert merged == reference_merge(quotes)
    # the first carries the other article
    assert [q.also_in for q in merged] == [(quotes[2].span,), ()]
