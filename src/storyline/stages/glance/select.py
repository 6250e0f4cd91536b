"""Date ranking and per-day sentence selection for the timeline summary.

The method starts from DATEWISE (Gholipour Ghalandari and Ifrim, ACL 2020): a day's score is
how many sentences refer to it; a day's candidates are the sentences that refer to it and the
undated lead sentences of the articles published on it or the day after; the summary is chosen
greedily to stay close to the candidates' word centroid. It adds what storyline knows: only
day-granularity dates are candidates, a sentence with no day of its own is dated by its event
mention's day, articles (not only sentences) are counted, and questions and first- or
second-person sentences are left out. Weights for a day told as past by later articles, for
the articles reporting merged events dated to it, for its publication count and its month are
there too, at 0 where Timeline17 did not support them. The weights are data
(`lexicon/en/glance.toml`; docs/benchmarks.md, "The story at a glance").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import Span

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# A sentence ends at . ! or ? (a closing quote or bracket may follow) before a capital.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class DateWeights:
    """How much each thing known of a day adds to its score (`glance.toml` [date_weights])."""

    sentences: float = 1.0
    articles: float = 0.0
    earlier: float = 0.0
    published: float = 0.0
    events: float = 0.0
    coarse: float = 0.0


@dataclass(frozen=True, slots=True)
class Settings:
    """The selection's settings; the defaults are `glance.toml`'s."""

    weights: DateWeights
    min_words: int
    max_words: int
    lead: int
    pub_days: int
    duplicate: float
    event_dates: bool = True  # an event mention's day dates its sentence (False: DATEWISE)
    personal: frozenset[str] = frozenset()  # words that make a sentence a voice, not a report
    questions: bool = True  # drop questions

    @staticmethod
    def default() -> Settings:
        weights = table("glance", "date_weights")
        rules = table("glance", "sentences")
        voice = table("glance", "voice")
        return Settings(
            weights=DateWeights(**{k: float(v) for k, v in sorted(weights.items())}),
            min_words=int(rules["min_words"]),
            max_words=int(rules["max_words"]),
            lead=int(rules["lead"]),
            pub_days=int(rules["pub_days"]),
            duplicate=float(rules["duplicate"]),
            event_dates=bool(rules["event_dates"]),
            personal=frozenset(str(w) for w in voice["first_and_second_person"]),
            questions=bool(voice["questions"]),
        )

    def with_weights(self, **weights: float) -> Settings:
        return replace(self, weights=replace(self.weights, **weights))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence of an article, with the dates it refers to."""

    span: Span
    index: int  # its position in the article
    published: date | None
    day: date | None  # the first day-granularity date it names
    months: tuple[str, ...]  # month-granularity dates it names (YYYY-MM)
    words: tuple[str, ...]  # lower-cased content words


@dataclass(frozen=True, slots=True)
class DaySummary:
    """One date of the timeline summary and the sentences chosen for it."""

    date: str
    score: float
    sentences: tuple[Span, ...]


def _day(value: str) -> date | None:
    """The day a value names ("2024-06-17", "2024-06-17TNI", "2024-06-17T04:46Z"), or None
    for a value that covers more than one day."""
    days = timevalues.period(value)
    return days[0] if days is not None and days[0] == days[1] and "/" not in value else None


def _sentence_spans(text: str) -> Iterable[tuple[int, int]]:
    """Sentence spans of an article's text: each line, split again at sentence ends."""
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        piece = start
        for match in _BOUNDARY.finditer(line):
            yield from _trimmed(text, piece, start + match.start())
            piece = start + match.end()
        yield from _trimmed(text, piece, start + len(line))


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _words(text: str) -> tuple[str, ...]:
    return tuple(
        w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in STOP_WORDS
    )


def candidates(dossier: Mapping[str, Any], event_dates: bool = True) -> tuple[Candidate, ...]:
    """Every sentence of every analysed article, with the dates its time expressions name
    (and, with `event_dates`, the days of the event mentions in it)."""
    by_article: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for timex in dossier.get("timexes", ()):
        by_article[str(timex["article"])].append(timex)
    # an event mention dated to a day dates its sentence when no time expression in it does
    # (the date may come from an earlier sentence: "On Monday ... . The talks ended ...")
    mention_days: dict[str, list[tuple[int, date]]] = defaultdict(list)
    for event in dossier.get("events", ()) if event_dates else ():
        for mention in event.get("mentions", ()):
            when = mention.get("date") or {}
            day = _day(str(when.get("value", "")))
            if day is not None and when.get("granularity") in ("day", "time"):
                mention_days[str(mention["article"])].append((int(mention["start"]), day))
    found: list[Candidate] = []
    for article in dossier.get("articles", ()):
        if not article.get("analysed", True):
            continue
        article_id = str(article["id"])
        text = str(article["text"])
        published_record = article.get("published") or {}
        published = _day(str(published_record.get("value", "")))
        timexes = sorted(by_article.get(article_id, ()), key=lambda t: (t["start"], t["end"]))
        dated = sorted(mention_days.get(article_id, ()))
        for index, (start, end) in enumerate(_sentence_spans(text)):
            inside = [t for t in timexes if start <= t["start"] and t["end"] <= end]
            days = [d for d in (_day(str(t["value"])) for t in inside) if d is not None]
            days += [d for at, d in dated if start <= at < end]
            values = [str(t["value"]) for t in inside]
            months = tuple(v for v in values if timevalues.granularity(v) == "month")
            sentence = text[start:end]
            found.append(
                Candidate(
                    span=Span(article_id, start, end, sentence),
                    index=index,
                    published=published,
                    day=days[0] if days else None,
                    months=months,
                    words=_words(sentence),
                )
            )
    return tuple(found)


def event_support(dossier: Mapping[str, Any]) -> dict[date, int]:
    """For each day, the distinct articles reporting the merged events dated to it."""
    support: dict[date, set[str]] = defaultdict(set)
    for event in dossier.get("events", ()):
        when = event.get("date") or {}
        if when.get("granularity") != "day":
            continue
        day = _day(str(when.get("value", "")))
        if day is None:
            continue
        for source in event.get("sources", ()):
            support[day].add(str(source["article"]))
    return {day: len(articles) for day, articles in sorted(support.items())}


def rank_dates(
    found: Sequence[Candidate],
    events: Mapping[date, int],
    weights: DateWeights,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, float]]:
    """Day dates in [start, end] by score, highest first (ties: the earlier day first)."""
    sentences: Counter[date] = Counter()
    earlier: Counter[date] = Counter()
    articles: dict[date, set[str]] = defaultdict(set)
    published: dict[date, set[str]] = defaultdict(set)
    months: Counter[str] = Counter()
    for cand in found:
        if cand.published is not None:
            for back in range(2):
                published[cand.published - timedelta(days=back)].add(cand.span.article)
        for month in cand.months:
            months[month] += 1
        if cand.day is None:
            continue
        sentences[cand.day] += 1
        articles[cand.day].add(cand.span.article)
        if cand.published is not None and cand.published > cand.day:
            earlier[cand.day] += 1
    scored: list[tuple[date, float]] = []
    for day in sorted(set(sentences) | set(events) | set(published)):
        if (start is not None and day < start) or (end is not None and day > end):
            continue
        score = (
            weights.sentences * sentences[day]
            + weights.articles * len(articles.get(day, ()))
            + weights.earlier * earlier[day]
            + weights.published * len(published.get(day, ()))
            + weights.events * events.get(day, 0)
            + weights.coarse * months[f"{day.year:04d}-{day.month:02d}"]
        )
        if score > 0:
            scored.append((day, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored


def _vector(words: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    counts = Counter(words)
    return {w: n * idf[w] for w, n in sorted(counts.items()) if w in idf}


def _add(into: dict[str, float], vector: Mapping[str, float], scale: float = 1.0) -> None:
    for w, v in vector.items():
        into[w] = into.get(w, 0.0) + scale * v


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def _centroid(
    mentioned: Sequence[dict[str, float]], lead: Sequence[dict[str, float]]
) -> dict[str, float]:
    """The day's word centroid: the mean of the sentences naming it and the mean of the lead
    sentences published on it, over the words both share (all words when one side is empty)."""
    ment: dict[str, float] = {}
    pub: dict[str, float] = {}
    for vector in mentioned:
        _add(ment, vector, 1.0 / len(mentioned))
    for vector in lead:
        _add(pub, vector, 1.0 / len(lead))
    if not ment or not pub:
        return ment or pub
    return {w: ment[w] + pub[w] for w in sorted(ment) if w in pub}


def timeline_summary(
    dossier: Mapping[str, Any],
    dates: int,
    sentences: int,
    start: date | None = None,
    end: date | None = None,
    keywords: Sequence[str] = (),
    settings: Settings | None = None,
    found: Sequence[Candidate] | None = None,
) -> tuple[DaySummary, ...]:
    """The `dates` most salient days in [start, end], each with up to `sentences` sentences
    that best tell it, no sentence a repeat of one already chosen; in date order.

    `keywords` (lower-cased) keep only sentences naming one of them, as news-tls does with a
    task's query; `found` lets a caller reuse `candidates(dossier)`."""
    settings = settings or Settings.default()
    found = candidates(dossier, settings.event_dates) if found is None else found
    ranked = rank_dates(found, event_support(dossier), settings.weights, start, end)
    documents = Counter(w for cand in found for w in set(cand.words))
    total = max(len(found), 1)
    idf = {w: math.log(total / n) + 1.0 for w, n in sorted(documents.items())}
    vectors = [_vector(cand.words, idf) for cand in found]
    mentioned: dict[date, list[int]] = defaultdict(list)
    lead: dict[date, list[int]] = defaultdict(list)
    for i, cand in enumerate(found):
        if cand.day is not None:
            mentioned[cand.day].append(i)
        elif cand.published is not None and cand.index < settings.lead:
            for back in range(settings.pub_days):
                lead[cand.published - timedelta(days=back)].append(i)
    lowered = [k.lower() for k in keywords if k.strip()]

    def allowed(i: int) -> bool:
        cand = found[i]
        if not settings.min_words <= len(cand.span.text.split()) <= settings.max_words:
            return False
        if settings.questions and cand.span.text.rstrip("\"'”’) ").endswith("?"):
            return False
        if settings.personal & {m.group(0).lower() for m in _WORD.finditer(cand.span.text)}:
            return False
        return not lowered or any(k in cand.span.text.lower() for k in lowered)

    chosen_vectors: list[dict[str, float]] = []
    seen_text: set[str] = set()
    result: list[DaySummary] = []
    for day, score in ranked:
        if len(result) >= dates:
            break
        pool = sorted(set(mentioned.get(day, [])) | set(lead.get(day, [])))
        centroid = _centroid(
            [vectors[i] for i in mentioned.get(day, [])], [vectors[i] for i in lead.get(day, [])]
        )
        picked: list[int] = []
        summed: dict[str, float] = {}
        options = [i for i in pool if allowed(i)]
        while len(picked) < sentences:
            best, best_sim = -1, 0.0
            for i in options:
                if i in picked or found[i].span.text in seen_text:
                    continue
                if any(_cosine(vectors[i], v) > settings.duplicate for v in chosen_vectors):
                    continue
                trial = dict(summed)
                _add(trial, vectors[i])
                sim = _cosine(centroid, trial)
                if sim > best_sim:
                    best, best_sim = i, sim
            if best < 0:
                break
            picked.append(best)
            _add(summed, vectors[best])
            chosen_vectors.append(vectors[best])
            seen_text.add(found[best].span.text)
        if picked:
            result.append(
                DaySummary(day.isoformat(), round(score, 4), tuple(found[i].span for i in picked))
            )
    result.sort(key=lambda s: s.date)
    return tuple(result)
