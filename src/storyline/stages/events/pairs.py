"""The learned part of merging: how likely two event mentions are to tell one real event,
and clustering by that likelihood.

`PairModel` scores the features of a pair (`pair_features`) with boosted regression trees (a
logistic regression before session 11): the same kind of event (predicate, its merge class,
PLOVER type, the trigger word's stem and letters, the cosine of the two triggers' tok2vec
vectors, `events.vectors`),
compatible participants, time and place (the rules of `merge._conflict`, shared named
participants, the words of all participants, named or not: "the gunman", dates on the same
day or apart), and similar context: the content words of the two sentences, and of the two
articles (cosine of their words weighted by how rare they are in the story) and the named
participants the two articles mention. The article-level figures
tell which real event an article reports: two earthquakes a month apart are both
"earthquakes", but the places, the numbers and the names around them differ.

It is trained on ECB+ train topics only (`python -m storyline.evaluation.train_merge`); the
weights and the threshold ship as `storyline/models/merge_model.json`.

Beside the trigger's stem, a trigger word belongs to families of words news uses for one kind
of happening (`families`, the `[merge_families]` table of events.toml: "detained" and "arrest",
"tremor" and "quake"): a shared family makes a pair a candidate and is a feature, so different
words for one event are scored by the model rather than never compared. Two mentions in the
lead of their articles (`LEAD`) are a feature too: the lead tells the event the article is
about.

`cluster` joins mentions by average link over the candidate pairs (those of one merge class,
one stem, one family or a linked stem pair; any other pair counts as probability 0), best pair
first, until no two clusters reach the threshold; clusters holding mentions that conflict
never join.
"""

from __future__ import annotations

import heapq
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storyline.lexicon import table, words
from storyline.model import EventMention

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "merge_model.json"

FEATURES: tuple[str, ...] = (
    "same_predicate",
    "same_class",
    "same_stem",
    "same_type",
    "type_clash",
    "trigger_letters",
    "sentence_words",
    "article_words",
    "article_names",
    "same_article",
    "shared_participants",
    "conflict",
    "same_day",
    "dates_apart",
    "class_x_article_words",
    "class_x_article_names",
    "class_x_sentence_words",
    "stem_x_article_words",
    "same_article_near",
    "same_group",
    "class_x_same_group",
    "stem_x_same_group",
    "same_family",
    "family_x_same_group",
    "both_lead",
    "participant_words",
    "trigger_vector",
    "vector_x_same_group",
    "vector_x_other_stem",
    "class_prior",
)
# Articles whose words (`Story.article_vectors`) are at least this similar on average are
# taken to report the same real event (`Story.group`); chosen on ECB+ train topics, where
# grouping by it and then merging by trigger lemma scores best.
ARTICLE_LINK = 0.05
# A story of at most this many articles compares every pair of them for that grouping; a larger
# one each article with the `ARTICLE_WINDOW` that follow it in order of publication, so the
# grouping grows with the story, not with its square (issue 22). ECB+'s topics are far smaller.
WHOLE_ARTICLES = 300
ARTICLE_WINDOW = 50

_FUNCTION = words("language", "english_function_words")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_SUFFIXES = ("ings", "ing", "ions", "ion", "ments", "ment", "ed", "es", "s", "e")
# The first sentences of an article that hold mentions: its lead, which tells the event the
# article reports.
LEAD = 2


@dataclass(frozen=True, slots=True, eq=False)
class Tree:
    """One regression tree of a boosted pair model: node n (0 is the root) sends a pair whose
    feature `feature[n]` is at most `cut[n]` to `left[n]`, else to `right[n]`; a leaf
    (feature -1) adds `value[n]` to the pair's score."""

    feature: npt.NDArray[np.intp]
    cut: npt.NDArray[np.float64]
    left: npt.NDArray[np.intp]
    right: npt.NDArray[np.intp]
    value: npt.NDArray[np.float64]

    @classmethod
    def of(cls, data: Mapping[str, Sequence[float]]) -> Tree:
        return cls(
            np.asarray(data["feature"], dtype=np.intp),
            np.asarray(data["cut"], dtype=np.float64),
            np.asarray(data["left"], dtype=np.intp),
            np.asarray(data["right"], dtype=np.intp),
            np.asarray(data["value"], dtype=np.float64),
        )

    def leaves(self, rows: npt.NDArray[np.float32]) -> npt.NDArray[np.intp]:
        """The leaf each row of `rows` (pairs x features) ends in."""
        at = np.arange(len(rows))
        node = np.zeros(len(rows), dtype=np.intp)
        while True:
            feature = self.feature[node]
            inner = feature >= 0
            if not inner.any():
                return node
            left = rows[at, np.maximum(feature, 0)] <= self.cut[node]
            node = np.where(inner, np.where(left, self.left[node], self.right[node]), node)


@dataclass(frozen=True, slots=True)
class PairModel:
    """The threshold of `cluster`, the share of pairs that are one event in the training data
    (`class_prior`): by merge class ("class:arrest"; `default` for a class it did not see
    often enough) and by the stems of two different trigger words often one event there
    ("pair:earthquake|quak"; those pairs are candidates too, `links`), and the scorer of a
    pair: boosted regression trees over `FEATURES` (`trees`, each leaf's value times `rate`,
    added to `bias`: the shipped model), or, with no trees, a logistic regression (`weights`
    of `FEATURES`)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    priors: dict[str, float]
    default: float
    trees: tuple[Tree, ...] = ()
    rate: float = 0.0

    def prior(self, kind: str | None) -> float:
        if kind is None:
            return 0.0
        return self.priors.get(kind, self.default if kind.startswith("class:") else 0.0)

    @property
    def links(self) -> frozenset[str]:
        return frozenset(k[len("pair:") :] for k in self.priors if k.startswith("pair:"))

    def probability(self, features: Sequence[float], kind: str | None) -> float:
        """How likely a pair with `features` (all of `FEATURES` but the last) is one event;
        `kind` is the key of its prior ("class:X", "pair:x|y", None: neither)."""
        return self.probabilities([features], [kind])[0]

    def probabilities(
        self, features: Sequence[Sequence[float]], kinds: Sequence[str | None]
    ) -> list[float]:
        """`probability` of many pairs at once (the trees read them together)."""
        rows = [(*found, self.prior(kind)) for found, kind in zip(features, kinds, strict=True)]
        size = len(self.weights) if not self.trees else len(FEATURES)
        for values in rows:
            if len(values) != size:
                raise ValueError(f"{len(values)} values for {size} features")
        if not self.trees:
            return [
                _logistic(self.bias + math.fsum(map(operator.mul, self.weights, values)))
                for values in rows
            ]
        if not rows:
            return []
        # scikit-learn's trees compare 32-bit values: the same here, so a pair falls in the
        # leaf it fell in at training
        return self.tree_probabilities(np.asarray(rows, dtype=np.float32))

    def tree_probabilities(self, table: npt.NDArray[np.float32]) -> list[float]:
        """The trees' probability of each row of `table` (pairs x `FEATURES`, the prior
        last, 32-bit as scikit-learn compares them)."""
        return [_logistic(value) for value in self.scores(table).tolist()]

    def scores(self, table: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The trees' summed score (before the logistic) of each row of `table` (pairs x
        `FEATURES`, 32-bit as scikit-learn compares them)."""
        score = np.full(len(table), self.bias, dtype=np.float64)
        for tree in self.trees:
            score += self.rate * tree.value[tree.leaves(table)]
        return score


def _logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def pair_model() -> PairModel | None:
    """The shipped model, or None where no model file is installed."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None  # a model for other features would score nonsense
    return PairModel(
        tuple(float(data["weights"][f]) for f in FEATURES) if "weights" in data else (),
        float(data["bias"]),
        float(data["threshold"]),
        {k: float(v) for k, v in data["priors"].items()},
        float(data["default_prior"]),
        tuple(Tree.of(tree) for tree in data.get("trees", ())),
        float(data.get("rate", 0.0)),
    )


def stem(word: str) -> str:
    """A crude stem of a trigger word ("arrested", "arrests" -> "arrest"), for a feature."""
    word = word.lower().split()[-1] if word.split() else word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


@cache
def _families() -> dict[str, frozenset[str]]:
    """The families of `[merge_families]` (events.toml) a word's stem belongs to."""
    found: dict[str, set[str]] = {}
    for name, members in sorted(table("events", "merge_families").items()):
        for word in members:
            found.setdefault(stem(word), set()).add(name)
    return {key: frozenset(names) for key, names in sorted(found.items())}


def families(mention: EventMention) -> frozenset[str]:
    """The families of words for one kind of happening a mention's trigger word (or its
    predicate) belongs to ("detained" -> arrest)."""
    known = _families()
    return known.get(stem(mention.trigger.text), frozenset()) | known.get(
        stem(mention.predicate), frozenset()
    )


def _letters(word: str) -> frozenset[str]:
    padded = f"#{word.lower()}#"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _content(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in _FUNCTION]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of the union, not built


@dataclass(slots=True)
class Story:
    """What the pair features read of a story's mentions, computed once per merge."""

    stems: list[str]
    families: list[frozenset[str]]
    letters: list[frozenset[str]]
    sentence_words: list[frozenset[str]]
    participant_words: list[frozenset[str]]
    article_vectors: dict[str, dict[str, float]]
    article_names: dict[str, frozenset[str]]
    sentence_number: list[int]
    group: dict[str, int]  # article -> the group of articles that report one real event
    # one row per mention: its trigger vector (`EventMention.vector`), zeros where it has none
    vectors: npt.NDArray[np.float64]
    # the cosines of one mention's vector with every mention's (`trigger_cosine`), kept while
    # the pairs of that mention are read one by one (`pair_features`)
    row: tuple[int, list[float]] | None = None

    def cosines(self, i: int, others: Sequence[int]) -> npt.NDArray[np.float64]:
        """The cosines of mention `i`'s trigger vector with those of `others` (the mentions
        it is paired with), in their order: only those, not every mention's, so a story's
        cosines grow with its pairs, not with the square of its mentions (issue 22). The same
        values as `trigger_cosine`: each is the same einsum of two rows of 96 numbers,
        rounded to 6 places."""
        picked = self.vectors[np.asarray(others, dtype=np.intp)]
        found: npt.NDArray[np.float64] = np.round(np.einsum("ij,j->i", picked, self.vectors[i]), 6)
        return found

    def trigger_cosine(self, i: int, j: int) -> float:
        """The cosine of the trigger vectors of mentions `i` and `j` (0 where either has
        none), rounded to 6 places: the cosines of mention `i` with all mentions are computed
        at once (numpy), as the pairs of `i` are read one after another."""
        if self.row is None or self.row[0] != i:
            # einsum, not `@`: a matrix product goes to the threaded BLAS, whose threads spin
            # on a busy machine (ten times the CPU of this loop)
            cosines = np.einsum("ij,j->i", self.vectors, self.vectors[i])
            self.row = (i, np.round(cosines, 6).tolist())
        return self.row[1][j]


def story(
    mentions: Sequence[EventMention],
    keys: Callable[[EventMention], set[str]],
    texts: Mapping[str, str],
) -> Story:
    """The per-mention and per-article figures the pair features compare. An article's words
    are those of its text in `texts` (else of the sentences its mentions stand in), its names
    the named participants of its mentions (`keys`)."""
    sentences: dict[str, dict[tuple[int, int], str]] = {}
    names: dict[str, set[str]] = {}
    for m in mentions:
        sentences.setdefault(m.article, {})[(m.sentence.start, m.sentence.end)] = m.sentence.text
        names.setdefault(m.article, set()).update(keys(m))
    bags = {
        article: Counter(
            _content(texts[article])
            if article in texts
            else [w for _, text in sorted(found.items()) for w in _content(text)]
        )
        for article, found in sentences.items()
    }
    seen: Counter[str] = Counter()
    for bag in bags.values():
        seen.update(bag.keys())
    total = len(bags)
    vectors: dict[str, dict[str, float]] = {}
    for article in sorted(bags):
        bag = bags[article]
        weighted = {
            w: (1 + math.log(n)) * math.log((1 + total) / (1 + seen[w])) for w, n in bag.items()
        }
        norm = math.sqrt(math.fsum(v * v for _, v in sorted(weighted.items())))
        vectors[article] = {w: v / norm for w, v in weighted.items()} if norm else {}
    articles = sorted(vectors)
    links = {
        (x, y): _cosine(vectors[articles[x]], vectors[articles[y]])
        for x, y in _article_pairs(articles, {m.article: m.published for m in mentions})
    }
    groups = cluster(len(articles), links, ARTICLE_LINK, set())
    group = {articles[x]: n for n, found in enumerate(groups) for x in found}
    order = {
        article: {span: n for n, span in enumerate(sorted(found))}
        for article, found in sentences.items()
    }
    return Story(
        stems=[stem(m.trigger.text) for m in mentions],
        families=[families(m) for m in mentions],
        letters=[_letters(m.trigger.text) for m in mentions],
        sentence_words=[
            frozenset(_content(m.sentence.text)) - frozenset(_content(m.trigger.text))
            for m in mentions
        ],
        participant_words=[
            frozenset(
                w
                for p in (*m.actors, *m.targets, m.location)
                if p is not None
                for w in _content(p.name)
            )
            for m in mentions
        ],
        article_vectors=vectors,
        article_names={a: frozenset(k) for a, k in names.items()},
        sentence_number=[order[m.article][(m.sentence.start, m.sentence.end)] for m in mentions],
        group=group,
        vectors=_matrix([m.vector for m in mentions]),
    )


def _article_pairs(
    articles: Sequence[str], published: Mapping[str, str | None]
) -> list[tuple[int, int]]:
    """The pairs (x, y), x < y, of positions in `articles` whose words `story` compares: all
    of them up to `WHOLE_ARTICLES` articles, else each article with the `ARTICLE_WINDOW`
    that follow it in order of publication (then of id)."""
    count = len(articles)
    if count <= WHOLE_ARTICLES:
        return [(x, y) for x in range(count) for y in range(x + 1, count)]

    def when(x: int) -> tuple[bool, str, str]:
        day = published.get(articles[x])
        return (day is None, day or "", articles[x])

    order = sorted(range(count), key=when)
    pairs = {
        (min(x, y), max(x, y))
        for n, x in enumerate(order)
        for y in order[n + 1 : n + 1 + ARTICLE_WINDOW]
    }
    return sorted(pairs)


def _matrix(vectors: Sequence[tuple[float, ...]]) -> npt.NDArray[np.float64]:
    """The trigger vectors as rows of one array (a missing one, or one of another width than
    the first, is a row of zeros: its cosine with any other is 0)."""
    width = next((len(v) for v in vectors if v), 0)
    out = np.zeros((len(vectors), width), dtype=np.float64)
    for n, vector in enumerate(vectors):
        if vector and len(vector) == width:
            out[n] = vector
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(v * b[w] for w, v in sorted(a.items()) if w in b)


def pair_features(
    i: int,
    j: int,
    mentions: Sequence[EventMention],
    context: Story,
    *,
    same_class: bool,
    shared: int,
    conflict: bool,
    same_day: bool,
    apart: bool,
    articles: dict[tuple[str, str], tuple[float, float]],
) -> list[float]:
    """The features of mentions `i` and `j` of a story, in the order of `FEATURES`, but the
    last (`PairModel.prior`). `articles` keeps the figures of each pair of articles (the
    cosine of their words, the overlap of their names) once computed."""
    a, b = mentions[i], mentions[j]
    same_stem = float(context.stems[i] == context.stems[j])
    both_typed = a.type is not None and b.type is not None
    same_article = a.article == b.article
    pair = (a.article, b.article) if a.article <= b.article else (b.article, a.article)
    known = articles.get(pair)
    if known is None:
        known = articles[pair] = (
            1.0
            if same_article
            else _cosine(
                context.article_vectors.get(pair[0], {}), context.article_vectors.get(pair[1], {})
            ),
            _jaccard(context.article_names[pair[0]], context.article_names[pair[1]]),
        )
    article_words, names = known
    sentence_words = _jaccard(context.sentence_words[i], context.sentence_words[j])
    vector = context.trigger_cosine(i, j)
    together = float(context.group[a.article] == context.group[b.article])
    family = float(bool(context.families[i] & context.families[j]))
    lead = float(
        not same_article and context.sentence_number[i] < LEAD and context.sentence_number[j] < LEAD
    )
    near = 0.0
    if same_article:
        near = 1.0 / (1.0 + abs(context.sentence_number[i] - context.sentence_number[j]))
    return [
        float(a.predicate == b.predicate),
        float(same_class),
        same_stem,
        float(both_typed and a.type == b.type),
        float(both_typed and a.type != b.type),
        _jaccard(context.letters[i], context.letters[j]),
        sentence_words,
        article_words,
        names,
        float(same_article),
        float(min(shared, 2)),
        float(conflict),
        float(same_day),
        float(apart),
        float(same_class) * article_words,
        float(same_class) * names,
        float(same_class) * sentence_words,
        same_stem * article_words,
        near,
        together,
        float(same_class) * together,
        same_stem * together,
        family,
        family * together,
        lead,
        _jaccard(context.participant_words[i], context.participant_words[j]),
        vector,
        vector * together,
        vector * (1.0 - same_stem),
    ]


class Scored:
    """Scored candidate pairs in order of (i, j), as `((i, j), probability)`, held as three
    arrays (`firsts`, `seconds`: 32-bit positions; `scores`), 16 bytes a pair: what `cluster`
    reads, summed there with numpy in the same order as pair by pair."""

    __slots__ = ("firsts", "scores", "seconds")

    def __init__(
        self,
        firsts: npt.NDArray[np.int32],
        seconds: npt.NDArray[np.int32],
        scores: npt.NDArray[np.float64],
    ) -> None:
        self.firsts, self.seconds, self.scores = firsts, seconds, scores

    def __len__(self) -> int:
        return len(self.firsts)

    def __iter__(self) -> Iterator[tuple[tuple[int, int], float]]:
        pairs = zip(self.firsts.tolist(), self.seconds.tolist(), strict=True)
        return zip(pairs, self.scores.tolist(), strict=True)


# In a story of at least `STORY_ARTICLES` articles, each pair's score in clustering is mixed
# with how alike the two mentions' neighbourhoods are (`neighbour_cosines`): `MIX` of the
# cosine of their scored pairs' rows, each row cut to its `NEIGHBOURS` best scores. Two
# mentions of one event score high with the same other mentions; two of one kind of
# happening (two check-ins) less so, and a pair no other mention backs has a cosine of 0.
# In a smaller story an event told twice is such a pair (the seeds: five articles), so the
# scores are read as they are. MIX was chosen by the 5-fold cross-validation over ECB+ train
# topics (14 to 39 articles each; benchmarks.md, Session 21): 0.35 of 0.2 / 0.35 / 0.5.
MIX = 0.35
NEIGHBOURS = 20
STORY_ARTICLES = 10


def neighbour_cosines(size: int, scores: Scored, cap: int = NEIGHBOURS) -> npt.NDArray[np.float64]:
    """The cosine, for each scored pair (i, j) of `scores`, of i's and j's rows of scores
    over the `size` items (a pair not scored is 0), each row cut to its `cap` highest
    scores (ties: the lower item first), so a pair costs `cap` look-ups however large the
    story; 0 where either row is empty."""
    found = np.zeros(len(scores), dtype=np.float64)
    if not len(scores):
        return found
    src = np.concatenate([scores.firsts, scores.seconds]).astype(np.int64)
    dst = np.concatenate([scores.seconds, scores.firsts]).astype(np.int64)
    weight = np.concatenate([scores.scores, scores.scores])
    order = np.lexsort((dst, -weight, src))
    src, dst, weight = src[order], dst[order], weight[order]
    rank = np.arange(len(src)) - np.searchsorted(src, src, side="left")
    kept = rank < cap
    src, dst, weight = src[kept], dst[kept], weight[kept]
    norm = np.sqrt(np.bincount(src, weights=weight * weight, minlength=size))
    # each item's kept row as a slice of (src, dst) sorted by item then neighbour
    order = np.lexsort((dst, src))
    src, dst, weight = src[order], dst[order], weight[order]
    keys = src * size + dst
    begin = np.searchsorted(src, np.arange(size), side="left")
    length = np.bincount(src, minlength=size)
    firsts = scores.firsts.astype(np.int64)
    seconds = scores.seconds.astype(np.int64)
    dot = np.zeros(len(scores), dtype=np.float64)
    for step in range(cap):
        has = length[firsts] > step
        where = begin[firsts[has]] + step
        other = seconds[has] * size + dst[where]
        at = np.minimum(np.searchsorted(keys, other), len(keys) - 1)
        hit = keys[at] == other
        dot[np.flatnonzero(has)[hit]] += weight[where[hit]] * weight[at[hit]]
    both = (norm[firsts] > 0) & (norm[seconds] > 0)
    found[both] = dot[both] / (norm[firsts[both]] * norm[seconds[both]])
    return found


def mixed(size: int, scores: Scored, mix: float = MIX) -> Scored:
    """`scores` with each pair's score mixed with its `neighbour_cosines`: (1 - mix) of the
    score and `mix` of the cosine, what `cluster` reads."""
    if not len(scores) or mix == 0.0:
        return scores
    cosines = neighbour_cosines(size, scores)
    return Scored(scores.firsts, scores.seconds, (1.0 - mix) * scores.scores + mix * cosines)


@dataclass(slots=True)
class Codes:
    """What `pair_rows` compares of each mention, as numbers (one entry a mention): codes
    that are equal where the values are (predicate, merge class, stem, PLOVER type with -1
    for none, article in order of id, article group, day with -1 for none, the word sets the
    Jaccard features read), the sentence's number, the families as bits, and the periods
    of the dates as day numbers (`has_period` where there is one)."""

    predicate: npt.NDArray[np.intp]
    kind: npt.NDArray[np.intp]
    stem: npt.NDArray[np.intp]
    type: npt.NDArray[np.intp]
    article: npt.NDArray[np.intp]
    group: npt.NDArray[np.intp]
    sentence: npt.NDArray[np.intp]
    family: npt.NDArray[np.int64]
    letters: npt.NDArray[np.intp]
    words: npt.NDArray[np.intp]
    participants: npt.NDArray[np.intp]
    named: npt.NDArray[np.intp]
    day: npt.NDArray[np.intp]
    has_period: npt.NDArray[np.bool_]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    articles: list[str]  # the articles by code
    # the distinct word sets by code, for the letters, sentence words, participant words and
    # named participants
    sets: tuple[
        list[frozenset[str]], list[frozenset[str]], list[frozenset[str]], list[frozenset[str]]
    ]


def _coded(values: Sequence[object], order: Sequence[object] | None = None) -> npt.NDArray[np.intp]:
    found: dict[object, int] = {}
    if order is not None:
        for value in order:
            found.setdefault(value, len(found))
    return np.fromiter(
        (found.setdefault(v, len(found)) for v in values), dtype=np.intp, count=len(values)
    )


def _set_codes(sets: Sequence[frozenset[str]]) -> tuple[npt.NDArray[np.intp], list[frozenset[str]]]:
    found: dict[frozenset[str], int] = {}
    codes = np.fromiter(
        (found.setdefault(s, len(found)) for s in sets), dtype=np.intp, count=len(sets)
    )
    return codes, list(found)


def codes(
    mentions: Sequence[EventMention],
    context: Story,
    kinds: Sequence[str],
    named: Sequence[frozenset[str]],
    days: Sequence[str | None],
    periods: Sequence[tuple[date, date] | None],
) -> Codes:
    """The `Codes` of a story's mentions; `kinds` are their merge classes, `named` the keys
    of their named participants, `days` and `periods` those of their dates (`merge._Facts`)."""
    names = {name: 1 << n for n, name in enumerate(sorted(set().union(*context.families)))}
    articles = sorted({m.article for m in mentions})
    letters, letter_sets = _set_codes(context.letters)
    sentence, sentence_sets = _set_codes(context.sentence_words)
    taking, taking_sets = _set_codes(context.participant_words)
    naming, naming_sets = _set_codes(named)
    return Codes(
        predicate=_coded([m.predicate for m in mentions]),
        kind=_coded(kinds),
        stem=_coded(context.stems),
        type=_coded([m.type for m in mentions], [None]) - 1,
        article=_coded([m.article for m in mentions], articles),
        group=np.asarray([context.group[m.article] for m in mentions], dtype=np.intp),
        sentence=np.asarray(context.sentence_number, dtype=np.intp),
        family=np.asarray([sum(names[f] for f in fs) for fs in context.families], dtype=np.int64),
        letters=letters,
        words=sentence,
        participants=taking,
        named=naming,
        day=_coded(days, [None]) - 1,
        has_period=np.asarray([p is not None for p in periods], dtype=np.bool_),
        start=np.asarray([p[0].toordinal() if p else 0 for p in periods], dtype=np.int64),
        end=np.asarray([p[1].toordinal() if p else 0 for p in periods], dtype=np.int64),
        articles=articles,
        sets=(letter_sets, sentence_sets, taking_sets, naming_sets),
    )


def _each(codes: npt.NDArray[np.intp], figure: Callable[[int], float]) -> npt.NDArray[np.float64]:
    """`figure` of each code in `codes`, computed once a distinct code."""
    known: dict[int, float] = {}
    return np.fromiter(
        (known[c] if c in known else known.setdefault(c, figure(c)) for c in codes.tolist()),
        dtype=np.float64,
        count=len(codes),
    )


def _jaccards(
    sets: list[frozenset[str]], mine: int, theirs: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """`_jaccard` of set `mine` with each of `theirs` (codes into `sets`): the same division
    of the same two counts, so the same values."""
    one = sets[mine]
    return _each(theirs, lambda c: _jaccard(one, sets[c]))


def _shared(
    sets: list[frozenset[str]], mine: int, theirs: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    one = sets[mine]
    return _each(theirs, lambda c: float(min(len(one & sets[c]), 2)))


def pair_rows(
    i: int,
    js: npt.NDArray[np.intp],
    context: Story,
    coded: Codes,
    *,
    conflict: npt.NDArray[np.bool_],
    cosines: npt.NDArray[np.float64],
    articles: dict[tuple[int, int], tuple[float, float]],
) -> npt.NDArray[np.float64]:
    """`pair_features` of mention `i` with each of `js` at once, one row a pair: the same
    values to the bit (each is the same comparison, division or product of the same
    numbers), computed over arrays rather than pair by pair; `conflict` says which pairs'
    participants or dates clash (`merge._clash_of`), `cosines` are the trigger cosines of
    the pairs (`Story.cosines`), `articles` keeps each pair of articles' figures."""
    n = len(js)
    out = np.empty((n, len(FEATURES) - 1), dtype=np.float64)
    same_class = (coded.kind[js] == coded.kind[i]).astype(np.float64)
    same_stem = (coded.stem[js] == coded.stem[i]).astype(np.float64)
    typed = (coded.type[js] >= 0) & (coded.type[i] >= 0)
    same_type = coded.type[js] == coded.type[i]
    mine = int(coded.article[i])
    theirs = coded.article[js]
    same_article = theirs == mine

    def figures(other: int) -> tuple[float, float]:
        pair = (min(mine, other), max(mine, other))
        known = articles.get(pair)
        if known is None:
            one, two = coded.articles[pair[0]], coded.articles[pair[1]]
            known = articles[pair] = (
                1.0
                if one == two
                else _cosine(
                    context.article_vectors.get(one, {}), context.article_vectors.get(two, {})
                ),
                _jaccard(context.article_names[one], context.article_names[two]),
            )
        return known

    article_words = _each(theirs, lambda other: figures(other)[0])
    names = _each(theirs, lambda other: figures(other)[1])
    letters, words, taking, naming = coded.sets
    sentence_words = _jaccards(words, int(coded.words[i]), coded.words[js])
    together = (coded.group[js] == coded.group[i]).astype(np.float64)
    family = ((coded.family[js] & coded.family[i]) != 0).astype(np.float64)
    number = coded.sentence[i]
    lead = (~same_article & (number < LEAD) & (coded.sentence[js] < LEAD)).astype(np.float64)
    near = np.where(
        same_article, 1.0 / (1.0 + np.abs(coded.sentence[js] - number).astype(np.float64)), 0.0
    )
    day = coded.day[i]
    apart = (
        coded.has_period[i]
        & coded.has_period[js]
        & ~((coded.start[i] <= coded.end[js]) & (coded.start[js] <= coded.end[i]))
    )
    out[:, 0] = coded.predicate[js] == coded.predicate[i]
    out[:, 1] = same_class
    out[:, 2] = same_stem
    out[:, 3] = typed & same_type
    out[:, 4] = typed & ~same_type
    out[:, 5] = _jaccards(letters, int(coded.letters[i]), coded.letters[js])
    out[:, 6] = sentence_words
    out[:, 7] = article_words
    out[:, 8] = names
    out[:, 9] = same_article
    out[:, 10] = _shared(naming, int(coded.named[i]), coded.named[js])
    out[:, 11] = conflict
    out[:, 12] = (coded.day[js] == day) & (day >= 0)
    out[:, 13] = apart
    out[:, 14] = same_class * article_words
    out[:, 15] = same_class * names
    out[:, 16] = same_class * sentence_words
    out[:, 17] = same_stem * article_words
    out[:, 18] = near
    out[:, 19] = together
    out[:, 20] = same_class * together
    out[:, 21] = same_stem * together
    out[:, 22] = family
    out[:, 23] = family * together
    out[:, 24] = lead
    out[:, 25] = _jaccards(taking, int(coded.participants[i]), coded.participants[js])
    out[:, 26] = cosines
    out[:, 27] = cosines * together
    out[:, 28] = cosines * (1.0 - same_stem)
    return out


def cluster(
    size: int,
    scores: Mapping[tuple[int, int], float] | Iterable[tuple[tuple[int, int], float]],
    threshold: float,
    cannot: set[tuple[int, int]],
    start: Sequence[Sequence[int]] | None = None,
) -> list[list[int]]:
    """Average-link clustering of `size` items over the scored pairs `scores` ((i, j) with
    i < j; a pair not scored counts 0), best first, while the best average reaches
    `threshold`; two clusters holding a pair of `cannot` never join. `scores` is a mapping
    or the `((i, j), score)` items already in order of (i, j), read once. `start` is an initial
    partition (each item alone by default). Clusters come back as sorted item lists, in order
    of their first item."""
    groups = [list(g) for g in start] if start is not None else [[i] for i in range(size)]
    owner = {item: n for n, g in enumerate(groups) for item in g}
    alive = {n: True for n in range(len(groups))}
    sums: dict[int, dict[int, float]] = {n: {} for n in range(len(groups))}
    blocked: dict[int, set[int]] = {n: set() for n in range(len(groups))}
    if isinstance(scores, Scored):
        _sum_links(scores, groups, sums)
    else:
        items = sorted(scores.items()) if isinstance(scores, Mapping) else scores
        for (i, j), p in items:
            a, b = owner[i], owner[j]
            if a != b:
                sums[a][b] = sums[a].get(b, 0.0) + p
                sums[b][a] = sums[b].get(a, 0.0) + p
    for i, j in sorted(cannot):
        a, b = owner[i], owner[j]
        if a != b:
            blocked[a].add(b)
            blocked[b].add(a)
    heap: list[tuple[float, int, int]] = []

    def push(a: int, b: int) -> None:
        if b in blocked[a]:
            return
        link = sums[a][b] / (len(groups[a]) * len(groups[b]))
        if link >= threshold:
            heapq.heappush(heap, (-link, min(a, b), max(a, b)))

    for a in sorted(sums):
        for b in sorted(sums[a]):
            if a < b:
                push(a, b)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b in blocked[a] or b not in sums[a]:
            continue
        link = sums[a][b] / (len(groups[a]) * len(groups[b]))
        if abs(link + negative) > 1e-12:
            continue  # stale: a cluster grew since
        new = len(groups)
        groups.append(sorted(groups[a] + groups[b]))
        alive[a] = alive[b] = False
        alive[new] = True
        sums[new] = {}
        blocked[new] = (blocked[a] | blocked[b]) - {a, b}
        for old in (a, b):
            for other, value in sums[old].items():
                if other not in (a, b) and alive.get(other):
                    sums[new][other] = sums[new].get(other, 0.0) + value
            for other in blocked[old]:
                blocked[other].discard(old)
                if other not in (a, b):
                    blocked[other].add(new)
        for other in sorted(sums[new]):
            sums[other].pop(a, None)
            sums[other].pop(b, None)
            sums[other][new] = sums[new][other]
            push(new, other)
    found = [groups[n] for n in sorted(alive) if alive[n]]
    return sorted(found, key=lambda g: g[0])


def _sum_links(
    scored: Scored, groups: Sequence[Sequence[int]], sums: dict[int, dict[int, float]]
) -> None:
    """The summed scores between each two groups that a scored pair links (`cluster`'s first
    sums), with numpy: each sum adds its pairs' scores one by one in the pairs' order from
    0.0 (`np.bincount` adds its weights in order), as the loop over pairs does, so the same
    values to the bit."""
    owner = np.empty(sum(len(g) for g in groups), dtype=np.int32)
    owner[[i for g in groups for i in g]] = [n for n, g in enumerate(groups) for _ in g]
    a, b = owner[scored.firsts], owner[scored.seconds]
    keep = a != b
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    del a, b
    links, where = np.unique(low.astype(np.int64) * len(groups) + high, return_inverse=True)
    del low, high
    totals = np.bincount(where.ravel(), weights=scored.scores[keep], minlength=len(links))
    del where, keep
    for link, total in zip(links.tolist(), totals.tolist(), strict=True):
        x, y = divmod(link, len(groups))
        sums[x][y] = total
        sums[y][x] = total
