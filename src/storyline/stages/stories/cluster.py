"""Online, time-aware grouping of a pile of articles into developing stories.

Articles are taken in publication order (undated ones last; ties by path, then id). Copies
(`stages/copies.py`: MinHash over word shingles) join their original's story. Every other
article looks up its heaviest features in an inverted index of the stories' heaviest centroid
features, compares itself with at most `max_candidates` of the stories found there (the most
index hits first), and joins the most similar if the cosine reaches `threshold`, else opens a
new story. Time is evidence: a story idle for more than `window_days` before the article's day
counts `idle_factor` of its similarity (a story is the same events over weeks, not a topic that
returns a year later), and when the article's day or the story's last day is unknown the cosine
must reach the higher `undated_threshold` (two events of one kind share their main names;
without the days that would tell them apart, the words must). A story keeps a decayed centroid
(each article it takes multiplies the earlier centroid by `decay`, so it resembles its recent
articles) cut to `centroid_size` features, never its articles' vectors, so memory grows with
the stories, not the articles, and assigning one article costs the stories its features index,
not a scan of all of them. Then a second pass merges stories, in the order they opened, whose
names agree: the cosine of the names in their profiles (the undecayed sums of their articles'
vectors) reaches `merge_threshold`, or `small_threshold` for a story of at most `small_story`
articles (a stray page of a long story), or `undated_merge` when either story has no dated
article. A developing story told in threads is one story; two events of one kind, each with its
own people and places, stay two. Last, a dated story of at most `absorb_size` articles (a stray
page) joins the larger story around its days whose whole profile it resembles most, if the two
share names (names cosine at least `absorb_names`): a second event of the same kind in the same
weeks, with names of its own, is not a stray page.
An article in another language (no per-story stage analyses it) comes after the English
ones and joins the story it resembles most, else the largest; it opens one only in a pile
without English. Everything is iterated in sorted order: the same pile gives the same stories.
Settings: `lexicon/en/stories.toml` [cluster].
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.lexicon import table
from storyline.model import Article
from storyline.stages.stories.features import (
    FeatureSettings,
    Vector,
    article_day,
    cosine,
    vectorize,
)


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The clustering's settings; the defaults are `stories.toml`'s [cluster]."""

    threshold: float
    undated_threshold: float
    merge_threshold: float
    undated_merge: float
    small_story: int
    small_threshold: float
    decay: float
    centroid_size: int
    index_terms: int
    query_terms: int
    max_candidates: int
    window_days: int
    idle_factor: float
    absorb_size: int
    absorb_threshold: float
    absorb_query_terms: int
    absorb_names: float

    @staticmethod
    def default() -> ClusterSettings:
        rules = table("stories", "cluster")
        return ClusterSettings(
            threshold=float(rules["threshold"]),
            undated_threshold=float(rules["undated_threshold"]),
            merge_threshold=float(rules["merge_threshold"]),
            undated_merge=float(rules["undated_merge"]),
            small_story=int(rules["small_story"]),
            small_threshold=float(rules["small_threshold"]),
            decay=float(rules["decay"]),
            centroid_size=int(rules["centroid_size"]),
            index_terms=int(rules["index_terms"]),
            query_terms=int(rules["query_terms"]),
            max_candidates=int(rules["max_candidates"]),
            window_days=int(rules["window_days"]),
            idle_factor=float(rules["idle_factor"]),
            absorb_size=int(rules["absorb_size"]),
            absorb_threshold=float(rules["absorb_threshold"]),
            absorb_query_terms=int(rules["absorb_query_terms"]),
            absorb_names=float(rules["absorb_names"]),
        )


@dataclass(frozen=True, slots=True)
class Story:
    """One developing story: its articles (ids, in the order they joined), its title, its
    first and last publication days (ISO, None when no article is dated)."""

    id: str
    title: str
    articles: tuple[str, ...]
    first: str | None
    last: str | None


@dataclass(slots=True)
class _Open:
    """A story while the pile is read: the decayed centroid its next article is compared
    with, the undecayed sum of its articles' vectors (its profile, compared when stories
    merge), and what the output needs."""

    number: int
    articles: list[str]
    centroid: Vector
    profile: Vector
    indexed: tuple[str, ...] = ()
    first: date | None = None
    last: date | None = None


def _order(article: Article) -> tuple[bool, str, str, str]:
    day = article_day(article)
    return (day is None, day.isoformat() if day else "", article.path, article.id)


def _heaviest(vector: Mapping[str, float], size: int) -> list[tuple[str, float]]:
    return sorted(vector.items(), key=lambda fw: (-fw[1], fw[0]))[:size]


def _unit(vector: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {f: w / norm for f, w in vector.items()}


def _add(a: Mapping[str, float], b: Mapping[str, float], scale: float, size: int) -> Vector:
    """`a` times `scale` plus `b`, cut to its `size` heaviest features."""
    merged = {f: w * scale for f, w in a.items()}
    for feature, weight in b.items():
        merged[feature] = merged.get(feature, 0.0) + weight
    return dict(_heaviest(merged, size))


class _Index:
    """Feature -> the stories whose heaviest centroid features hold it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.postings: dict[str, set[int]] = {}

    def update(self, story: _Open, vector: Mapping[str, float]) -> None:
        features = tuple(f for f, _ in _heaviest(vector, self.size))
        for feature in story.indexed:
            self.postings[feature].discard(story.number)
        for feature in features:
            self.postings.setdefault(feature, set()).add(story.number)
        story.indexed = features

    def candidates(self, features: Sequence[str], limit: int) -> list[int]:
        hits: Counter[int] = Counter()
        for feature in features:
            hits.update(self.postings.get(feature, ()))
        return [n for n, _ in sorted(hits.items(), key=lambda nh: (-nh[1], nh[0]))[:limit]]


def _best(
    vector: Vector,
    day: date | None,
    stories: Sequence[_Open],
    index: _Index,
    thresholds: tuple[float, float],
    settings: ClusterSettings,
    *,
    profiles: bool,
) -> _Open | None:
    """The most similar story found through the index that reaches its threshold:
    `thresholds[0]` when both `day` and the story's last day are known (a story idle more
    than `window_days` before `day` counts `idle_factor` of its similarity), `thresholds[1]`
    when either is unknown (no time evidence, so more evidence from the words)."""
    query = [f for f, _ in _heaviest(vector, settings.query_terms)]
    chosen: _Open | None = None
    best = 0.0
    for number in index.candidates(query, settings.max_candidates):
        story = stories[number]
        score = cosine(vector, _names(story.profile) if profiles else story.centroid)
        last = story.last
        if day is None or last is None:
            threshold = thresholds[1]
        else:
            threshold = thresholds[0]
            if (day - last).days > settings.window_days:
                score *= settings.idle_factor
        if score < threshold:
            continue
        if score > best or chosen is None:
            best, chosen = score, story
    return chosen


def _names(profile: Mapping[str, float]) -> Vector:
    """A profile's names, as a unit vector: stories merge on the people and places they
    share, not on the words every story of their kind has."""
    return _unit({f: w for f, w in profile.items() if f.startswith("n:")})


def _widen(story: _Open, first: date | None, last: date | None) -> None:
    if first is not None:
        story.first = min(story.first, first) if story.first else first
    if last is not None:
        story.last = max(story.last, last) if story.last else last


def group_stories(
    articles: Sequence[Article],
    *,
    copies: Mapping[str, str] | None = None,
    features: FeatureSettings | None = None,
    settings: ClusterSettings | None = None,
) -> tuple[Story, ...]:
    """The stories of `articles`, each article in exactly one; `copies` maps a copy's id to
    its original's (`stages/copies.py`), and a copy joins its original's story. Stories are
    listed by their first article's place in publication order."""
    settings = settings or ClusterSettings.default()
    vectors = vectorize(articles, features)
    copies = copies or {}
    stories: list[_Open] = []
    story_of: dict[str, int] = {}
    index = _Index(settings.index_terms)
    # English articles first; an article in another language, which the per-story stages do
    # not analyse, never opens a story of its own while there is one to join.
    ordered = sorted(articles, key=lambda a: (not a.analysed, _order(a)))
    for article in ordered:
        if article.id in story_of:  # the same text twice
            continue
        vector = vectors[article.id]
        day = article_day(article)
        original = copies.get(article.id)
        if original is not None and original in story_of:
            chosen: _Open | None = stories[story_of[original]]
        elif article.analysed:
            chosen = _best(
                vector,
                day,
                stories,
                index,
                (settings.threshold, settings.undated_threshold),
                settings,
                profiles=False,
            )
        else:
            anywhere = (0.0, 0.0)
            chosen = _best(vector, day, stories, index, anywhere, settings, profiles=False) or max(
                stories, key=lambda s: (len(s.articles), -s.number), default=None
            )
        if chosen is None:
            chosen = _Open(number=len(stories), articles=[], centroid={}, profile={})
            stories.append(chosen)
        chosen.centroid = _unit(
            _add(chosen.centroid, vector, settings.decay, settings.centroid_size)
        )
        chosen.profile = _add(chosen.profile, vector, 1.0, settings.centroid_size)
        chosen.articles.append(article.id)
        _widen(chosen, day, day)
        story_of[article.id] = chosen.number
        index.update(chosen, chosen.centroid)
    merged = _absorb(_merge(stories, settings), settings)
    by_id = {a.id: a for a in articles}
    return tuple(_story(s, by_id) for s in merged)


def _merge(stories: Sequence[_Open], settings: ClusterSettings) -> list[_Open]:
    """The second, coarser pass: each story in the order it opened joins the most similar
    merged story (by the profiles, the undecayed sums) at least `merge_threshold` alike, or
    stays apart. A developing story told in threads (the vaccine, the schools, the deaths)
    is one story; two events of one kind, with their own names, stay two."""
    groups: list[_Open] = []
    index = _Index(settings.index_terms)
    for story in stories:
        vector = _names(story.profile)
        threshold = (
            settings.small_threshold
            if len(story.articles) <= settings.small_story
            else settings.merge_threshold
        )
        thresholds = (threshold, max(threshold, settings.undated_merge))
        chosen = _best(vector, story.first, groups, index, thresholds, settings, profiles=True)
        if chosen is None:
            chosen = _Open(number=len(groups), articles=[], centroid={}, profile={})
            groups.append(chosen)
        chosen.profile = _add(chosen.profile, story.profile, 1.0, settings.centroid_size)
        chosen.articles.extend(story.articles)
        _widen(chosen, story.first, story.last)
        index.update(chosen, chosen.profile)
    return groups


def _absorb(groups: Sequence[_Open], settings: ClusterSettings) -> list[_Open]:
    """The third pass: a dated story of at most `absorb_size` articles (a stray page, a side
    thread) joins the larger story whose days it falls within (`window_days` either side),
    whose names it shares (the cosine of their names at least `absorb_names`: another event
    of the same kind in the same weeks has its own people and places) and whose whole
    profile, words and names, it resembles most, if at least `absorb_threshold`. The larger
    stories are indexed on their whole profiles and a small story looks up its
    `absorb_query_terms` heaviest features (a stray page shares few of a long story's
    heaviest words). The larger stories' profiles and days are not changed by
    what they absorb until every small story has chosen, so the result does not depend on
    the order small stories are taken in."""
    large = [g for g in groups if len(g.articles) > settings.absorb_size and g.first is not None]
    index = _Index(settings.centroid_size)
    for story in large:
        story.indexed = ()  # the merge pass's index is done with
        index.update(story, story.profile)
    units = {story.number: _unit(story.profile) for story in large}
    names = {story.number: _names(story.profile) for story in large}
    spans = {story.number: (story.first, story.last) for story in large}
    by_number = {story.number: story for story in large}
    window = timedelta(days=settings.window_days)
    kept: list[_Open] = []
    for story in groups:
        if story.number in by_number or story.first is None or story.last is None:
            kept.append(story)
            continue
        vector = _unit(story.profile)
        own = _names(story.profile)
        query = [f for f, _ in _heaviest(vector, settings.absorb_query_terms)]
        chosen: _Open | None = None
        best = settings.absorb_threshold
        for number in index.candidates(query, settings.max_candidates):
            first, last = spans[number]
            if first is None or last is None:
                continue
            if story.first < first - window or story.last > last + window:
                continue
            if cosine(own, names[number]) < settings.absorb_names:
                continue
            score = cosine(vector, units[number])
            if score > best or (score == best and chosen is None):
                best, chosen = score, by_number[number]
        if chosen is None:
            kept.append(story)
            continue
        chosen.articles.extend(story.articles)
        _widen(chosen, story.first, story.last)
    return kept


def one_story(articles: Sequence[Article]) -> Story:
    """Every article as one story (`storyline build --one-story`), in publication order."""
    ordered = sorted(articles, key=_order)
    story = _Open(number=0, articles=[a.id for a in ordered], centroid={}, profile={})
    days = [d for d in (article_day(a) for a in ordered) if d is not None]
    _widen(story, min(days, default=None), max(days, default=None))
    return _story(story, {a.id: a for a in articles})


def _story(story: _Open, articles: Mapping[str, Article]) -> Story:
    members = sorted((articles[a] for a in story.articles), key=_order)
    first = members[0]
    digest = hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:10]
    return Story(
        id=f"story-{digest}",
        title=story_title(first),
        articles=tuple(a.id for a in members),
        first=story.first.isoformat() if story.first else None,
        last=story.last.isoformat() if story.last else None,
    )


def story_title(article: Article, limit: int = 90) -> str:
    """A story's title: its first article's headline, else that article's first line, cut
    at a word boundary to `limit` characters."""
    text = (article.title or "").strip() or next(
        (line.strip() for line in article.text.splitlines() if line.strip()), article.path
    )
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
