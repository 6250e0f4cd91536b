"""Which sentences of different sources are about the same thing.

Each `Statement` is a sparse vector over its features (content lemmas, entity ids, date
values), each weighted by its inverse sentence frequency in the story (a word every sentence
holds says nothing about which thing a sentence is about), entity ids and dates weighted more
than words. Two sentences are similar by the cosine of their vectors. Candidate pairs come
from an inverted index over the features (a feature held by more than `max_posting`
sentences proposes no pair, so a large story is not compared pair by pair); only sentences of
different independent sources are paired (a syndicated copy's sentences are its original's).

Groups form by average linkage: the most similar pairs first, two groups merging while the
mean similarity of their cross pairs stays at least `group` and no source appears twice.

Why not a library: scikit-learn's TF-IDF and agglomerative clustering would do the weighting
and the linkage, but not the constraint that a group holds one sentence per source, which is
what makes a group a comparison; the inverted index keeps the work near-linear on large
stories where a dense similarity matrix would not fit (10,000 sentences: 100 million pairs).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from storyline.lexicon import table
from storyline.stages.compare.claims import Statement


@dataclass(frozen=True, slots=True)
class AlignSettings:
    link: float
    group: float
    max_posting: int
    max_claims: int
    entity_weight: float
    date_weight: float

    @staticmethod
    @cache
    def default() -> AlignSettings:
        t = table("compare", "align")
        return AlignSettings(
            link=float(t["link"]),
            group=float(t["group"]),
            max_posting=int(t["max_posting"]),
            max_claims=int(t["max_claims"]),
            entity_weight=float(t["entity_weight"]),
            date_weight=float(t["date_weight"]),
        )


class Similarity:
    """Cosine similarity of the story's statements, with their candidate pairs."""

    def __init__(self, statements: Sequence[Statement], settings: AlignSettings) -> None:
        self.statements = statements
        self.settings = settings
        n = len(statements)
        df = Counter(f for s in statements for f in s.features)
        self.weight = {f: _weight(f, d, n, settings) for f, d in df.items()}
        self.df = df
        self.norm = [
            math.sqrt(sum(self.weight[f] ** 2 for f in s.features)) or 1.0 for s in statements
        ]
        self._sets = [frozenset(s.features) for s in statements]

    def __call__(self, i: int, j: int) -> float:
        shared = self._sets[i] & self._sets[j]
        dot = sum(self.weight[f] ** 2 for f in sorted(shared))
        return dot / (self.norm[i] * self.norm[j])

    def pairs(self, threshold: float) -> list[tuple[float, int, int]]:
        """The pairs of statements of different sources at least `threshold` similar, most
        similar first."""
        postings: dict[str, list[int]] = defaultdict(list)
        for i, statement in enumerate(self.statements):
            for feature in statement.features:
                postings[feature].append(i)
        dots: dict[tuple[int, int], float] = defaultdict(float)
        witness = [s.witness for s in self.statements]
        for feature in sorted(postings):
            members = postings[feature]
            if len(members) < 2 or len(members) > self.settings.max_posting:
                continue
            w2 = self.weight[feature] ** 2
            for a_pos, a in enumerate(members):
                for b in members[a_pos + 1 :]:
                    if witness[a] != witness[b]:
                        dots[(a, b)] += w2
        found = []
        for (a, b), dot in dots.items():
            similarity = dot / (self.norm[a] * self.norm[b])
            if similarity >= threshold:
                found.append((similarity, a, b))
        found.sort(key=lambda x: (-x[0], x[1], x[2]))
        return found


def _weight(feature: str, df: int, n: int, settings: AlignSettings) -> float:
    idf = math.log((n + 1) / (df + 1)) + 1.0
    if feature.startswith("e:"):
        return idf * settings.entity_weight
    if feature.startswith("t:"):
        return idf * settings.date_weight
    return idf


def group(similarity: Similarity, passes: int = 2) -> list[list[int]]:
    """Groups of statements (indices) about the same thing, each from two or more independent
    sources, one statement per source; in order of their first statement.

    A sentence often states two things ("arriving from North Korea, ..., his first visit to
    Vietnam since 2017"), so grouping runs `passes` times: each later pass groups again the
    linked pairs that no earlier group holds together, so a sentence can be in one group per
    pass, with other sentences each time."""
    settings = similarity.settings
    links = similarity.pairs(settings.link)
    together: set[tuple[int, int]] = set()
    out: list[list[int]] = []
    for _ in range(passes):
        todo = [(s, a, b) for s, a, b in links if (a, b) not in together]
        if not todo:
            break
        found = _link(similarity, todo)
        for members in found:
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    together.add((a, b))
        out.extend(found)
    unique = {tuple(m): m for m in out}
    return [unique[key] for key in sorted(unique)]


def _link(similarity: Similarity, links: list[tuple[float, int, int]]) -> list[list[int]]:
    settings = similarity.settings
    statements = similarity.statements
    owner: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for _, a, b in links:
        ga, gb = owner.setdefault(a, a), owner.setdefault(b, b)
        members.setdefault(ga, [a])
        members.setdefault(gb, [b])
        if ga == gb:
            continue
        left, right = members[ga], members[gb]
        if len(left) + len(right) > settings.max_claims:
            continue
        if {statements[i].witness for i in left} & {statements[i].witness for i in right}:
            continue
        mean = sum(similarity(i, j) for i in left for j in right) / (len(left) * len(right))
        if mean < settings.group:
            continue
        keep, gone = (ga, gb) if ga < gb else (gb, ga)
        members[keep] = sorted(members[keep] + members[gone])
        for i in members[gone]:
            owner[i] = keep
        del members[gone]
    return [m for _, m in sorted(members.items()) if len(m) > 1]
