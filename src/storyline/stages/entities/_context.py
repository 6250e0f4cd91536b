"""The stage's working records: a mention being resolved, a cluster of mentions, a
union-find over clusters, and token lookup in one article. Shared by every module of the
stage; none of them leaves it (`records` turns clusters into `Entity` records).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import ClassVar

from storyline.model import Annotation, Article, Span, Token
from storyline.stages.entities.naming import PLACE, compact


@dataclass(slots=True)
class _Mention:
    article: str
    start: int
    end: int
    text: str
    type: str
    words: tuple[str, ...]
    label: str
    country: str | None = None
    metonym: bool = False
    city: bool = False
    group: bool = False
    nominal: bool = False
    event: str | None = None
    description: tuple[int, int] | None = None
    headline: bool = False  # in a title-case line
    placed: bool = False  # one word written where only a place goes ("north of Velna")
    # Counts every change of any mention's fields, so that a cluster can keep its `type`
    # until one of its mentions changes (`_Cluster.type`).
    edits: ClassVar[int] = 0

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        _Mention.edits += 1

    @property
    def key(self) -> str:
        if self.event:
            return f"event:{self.event}"
        if self.country and not self.group:
            return f"country:{self.country}"
        if self.group and self.country:
            return f"people:{self.country}"
        return compact("".join(self.words))


@dataclass(slots=True)
class _Cluster:
    mentions: list[_Mention]
    roles: list[tuple[str, Span]] = field(default_factory=list)
    # (mentions list, its length, `_Mention.edits`) when `type` was last worked out, and it
    _typed: tuple[object, int, int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def type(self) -> str:
        """The cluster's type, counted again only when its mentions changed: asked once per
        mention and pair of clusters, a count each time made repetitive text quadratic."""
        typed = self._typed
        if (
            typed is not None
            and typed[0] is self.mentions
            and typed[1] == len(self.mentions)
            and typed[2] == _Mention.edits
        ):
            return typed[3]
        kind = self._count_type()
        self._typed = (self.mentions, len(self.mentions), _Mention.edits, kind)
        return kind

    def _count_type(self) -> str:
        types = Counter(m.type for m in self.mentions)
        if any(m.type == "PERSON" and len(m.words) > 1 for m in self.mentions):
            return "PERSON"
        if any(m.country and not m.group for m in self.mentions):
            return "GPE"
        places = Counter({t: n for t, n in types.items() if t in PLACE})
        if places and "NORP" in types:  # "Soviet" joined "Soviet Union"
            types = places
        return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def family(self) -> str:
        return "PLACE" if self.type in PLACE else self.type

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.mentions if m.key}

    @property
    def full_names(self) -> set[tuple[str, ...]]:
        return {m.words for m in self.mentions if len(m.words) > 1 and not m.country}

    @property
    def single_words(self) -> set[str]:
        return {m.words[0] for m in self.mentions if len(m.words) == 1}

    @property
    def country(self) -> str | None:
        countries = Counter(m.country for m in self.mentions if m.country)
        return countries.most_common(1)[0][0] if countries else None


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


class _Tokens:
    """Token lookup for one article."""

    def __init__(self, article: Article, annotation: Annotation) -> None:
        self.text = article.text
        self.tokens = annotation.tokens
        self.starts = [t.start for t in self.tokens]
        # each token's words and their folded form, cut once (asked hundreds of thousands of
        # times by the mention and role rules)
        self._words = [self.text[t.start : t.end] for t in self.tokens]
        self._lowers = [w.casefold() for w in self._words]
        self.sentence_of: list[int] = []
        bounds = [s.start for s in annotation.sentences]
        index = 0
        for token in self.tokens:
            while index + 1 < len(bounds) and bounds[index + 1] <= token.start:
                index += 1
            self.sentence_of.append(index)

    def word(self, i: int) -> str:
        return self._words[i] if 0 <= i < len(self._words) else ""

    def first_at_or_after(self, offset: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def covering(self, start: int, end: int) -> list[int]:
        i = self.first_at_or_after(start)
        out = []
        while i < len(self.tokens) and self.tokens[i].end <= end:
            out.append(i)
            i += 1
        return out

    def get(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def lower(self, i: int) -> str:
        return self._lowers[i] if 0 <= i < len(self._lowers) else ""

    def lemma(self, i: int) -> str:
        return (self.tokens[i].lemma or self.word(i)).casefold()
