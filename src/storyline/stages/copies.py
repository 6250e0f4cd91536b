"""Syndication: which articles are copies of another (a wire story run by other outlets, a
republished or lightly edited text), and which article is the original.

Each analysed article's cleaned text becomes a set of word shingles (`shingle` words, lower
case). MinHash signatures (datasketch, fixed seed) in an LSH index give the candidate pairs
without comparing every pair; each candidate is then checked on the exact shingle sets: a
copy shares at least `jaccard` of the union, or the shorter text has at least `containment`
of its shingles in the longer one (a copy cut short or with its own debris). Copies join
groups (a copy of a copy is a copy); in each group the original is the one published first
(a known publication day before none), then the longer text, then the path. Every other
member is a copy of it, with its similarity to it and the passages it shares with it (runs of
at least `passage_words` words whose shingles the original holds), as spans into the copy's
cleaned text. Settings: `lexicon/en/syndication.toml`.

A copy is not a second witness: event salience counts the original's outlet for it
(`stages/glance/salience.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import Article, Copy, Span

REQUIRES = ("articles", "published")
ASSIGNS = ("copies",)

_WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True, slots=True)
class CopySettings:
    """The detector's settings; the defaults are `syndication.toml`'s [copies]."""

    shingle: int
    permutations: int
    seed: int
    lsh_threshold: float
    jaccard: float
    containment: float
    passage_words: int
    min_words: int

    @staticmethod
    def default() -> CopySettings:
        rules = table("syndication", "copies")
        return CopySettings(
            shingle=int(rules["shingle"]),
            permutations=int(rules["permutations"]),
            seed=int(rules["seed"]),
            lsh_threshold=float(rules["lsh_threshold"]),
            jaccard=float(rules["jaccard"]),
            containment=float(rules["containment"]),
            passage_words=int(rules["passage_words"]),
            min_words=int(rules["min_words"]),
        )


@dataclass(frozen=True, slots=True)
class _Text:
    article: Article
    words: tuple[tuple[int, int], ...]  # character offsets of each word
    shingles: tuple[str, ...]  # the shingle starting at each word (the last few have none)


def _shingled(article: Article, size: int) -> _Text:
    words = tuple((m.start(), m.end()) for m in _WORD.finditer(article.text))
    lowered = [article.text[s:e].lower() for s, e in words]
    shingles = tuple(" ".join(lowered[i : i + size]) for i in range(len(lowered) - size + 1))
    return _Text(article, words, shingles)


def _order(text: _Text) -> tuple[bool, str, int, str, str]:
    """Originals first: published first (known before unknown), then the longer, then path."""
    published = text.article.published
    day = timevalues.first_day(published.value) if published else None
    return (
        day is None,
        day.isoformat() if day else "",
        -len(text.words),
        text.article.path,
        text.article.id,
    )


def independent_sources(
    outlets: Mapping[str, str | None], copies: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Each article's independent source, from article id -> outlet and (copy, original)
    pairs: its outlet (lower-cased), or the article itself when it names none or when the
    whole story comes from one outlet; a copy's is its original's (it witnesses nothing its
    original did not)."""
    named = {a: (o or "").strip().lower() for a, o in outlets.items()}
    if len({o for o in named.values() if o}) <= 1:
        keys = {article: article for article in named}
    else:
        keys = {article: outlet or article for article, outlet in named.items()}
    for copy, original in copies:
        keys[copy] = keys.get(original, original)
    return keys


def find_copies(
    articles: Sequence[Article], settings: CopySettings | None = None
) -> tuple[Copy, ...]:
    """The copies among `articles`, each with its original; sorted by copy path."""
    from datasketch import MinHash, MinHashLSH

    settings = settings or CopySettings.default()
    texts = [
        text
        for text in (_shingled(a, settings.shingle) for a in articles if a.analysed)
        if len(text.words) >= settings.min_words
    ]
    sets = [frozenset(t.shingles) for t in texts]
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.permutations)
    signatures = []
    for index, shingles in enumerate(sets):
        signature = MinHash(num_perm=settings.permutations, seed=settings.seed)
        signature.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        signatures.append(signature)
        lsh.insert(str(index), signature)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, signature in enumerate(signatures):
        for other in sorted(int(key) for key in lsh.query(signature)):
            if other <= index or not _copied(sets[index], sets[other], settings):
                continue
            a, b = root(index), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(texts)):
        groups.setdefault(root(index), []).append(index)
    found: list[Copy] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ranked = sorted(members, key=lambda i: _order(texts[i]))
        original = ranked[0]
        for member in ranked[1:]:
            found.append(
                Copy(
                    article=texts[member].article.id,
                    original=texts[original].article.id,
                    similarity=round(_jaccard(sets[member], sets[original]), 4),
                    shared=_passages(texts[member], sets[original], settings),
                )
            )
    paths = {a.id: a.path for a in articles}
    return tuple(sorted(found, key=lambda c: (paths.get(c.article, ""), c.article)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _copied(a: frozenset[str], b: frozenset[str], settings: CopySettings) -> bool:
    shared = len(a & b)
    if not shared:
        return False
    smaller = min(len(a), len(b))
    return _jaccard(a, b) >= settings.jaccard or shared / smaller >= settings.containment


def _passages(copy: _Text, original: frozenset[str], settings: CopySettings) -> tuple[Span, ...]:
    """The copy's runs of at least `passage_words` words whose shingles the original holds."""
    covered = [False] * len(copy.words)
    for i, shingle in enumerate(copy.shingles):
        if shingle in original:
            for j in range(i, i + settings.shingle):
                covered[j] = True
    spans: list[Span] = []
    i = 0
    while i < len(covered):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(covered) and covered[j + 1]:
            j += 1
        if j - i + 1 >= settings.passage_words:
            spans.append(copy.article.span(copy.words[i][0], copy.words[j][1]))
        i = j + 1
    return tuple(spans)
