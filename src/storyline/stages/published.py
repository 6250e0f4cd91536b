"""Publication dates: taken from metadata, or inferred from what the text says about time.

The time expressions and the tense that governs them come from the timex stage: each article
is detected once (`timex.detect`) and its expressions anchored on each reference date tried
(`timex.anchor`); this module only reasons about when the text was written.

1. Bounds from one article: the text was written after what it reports as past and before
   what it reports as future. An expression whose value does not depend on the reference
   date ("March 26, 2024", "September 2023") bounds it directly. One without a year ("March
   26", "in May") is in the writing year, or the year before for a past month later than
   the writing month (the convention of news copy, as in HeidelTime); the writing month
   with the fewest such wraps wins, then the earliest.
2. Story pass (`infer_story_dates`): a relative expression ("yesterday", "nine months ago",
   "the day before") whose clause shares content words (lemmas of nouns, proper nouns,
   verbs and adjectives) with a dated clause of another article (or of its own) is resolved by the
   timex tagger against candidate writing days; the days for which it lands on the other
   article's date are the article's date. The best-matching clause pair wins, unless it
   contradicts the article's own bounds.

The result is a day, a month, or an `earliest/latest` range, with the sentences it rests on.
"""

from __future__ import annotations

import bisect
import calendar
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.lexicon import entry
from storyline.model import Annotation, Article, Published, Span, Timex, Token
from storyline.stages import stated, timex
from storyline.stages._index import once

REQUIRES = ("articles", "annotations")
ASSIGNS = ("published",)

# A reference date far from any news, to tell which expressions depend on the reference.
_PROBE = date(1901, 7, 15)
_CALENDAR = re.compile(r"(\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?(?:T.*)?")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_UNCOUNTED = frozenset({"say", "tell"})  # reporting verbs say nothing about the event
# A clause pair must share this many content words and this share of their weight. On
# MEANTIME, whose "stories" span years, every pair below 4 words and 0.065 was a false match;
# on Timeline17's real stories (every second article's date withheld, the tune tasks,
# `storyline eval dates --corpus t17`) the pairs above that were still wrong 34 times for 10
# right, and as wrong at every higher share, unless the other clause states its own
# calendar date (not one counted from its article's date, as "yesterday") and the pair shares
# a fifth of the weight: no pair of the tune tasks is that close, and the seeds' one is.
_MIN_SHARED = 4
_MIN_SCORE = 0.2
# How far from the other article's date a relative expression may put the writing day
# ("two years ago" reaches back further, but then month or year granularity decides).
_REACH = timedelta(days=800)
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z .'’-]*,\s*$")
# The years whose dates the reasoning below can move by `_REACH` and a few writing years
# without leaving Python's calendar: "9999-12-31" or "0001-01-01" in a text says nothing
# about when it was written, and its arithmetic would overflow.
_YEARS = range(date.min.year + 3, date.max.year - 3)


@dataclass(frozen=True, slots=True)
class _Mention:
    """A time expression of an article, seen without a reference date."""

    start: int
    end: int
    text: str
    value: str  # the timex value without a reference date: `2024-03-26`, `XXXX-05`, ...
    relative: bool  # its value depends on the reference date beyond the year
    probed: str | None  # its value against a reference date far from any news (`_PROBE`)
    sentence: tuple[int, int]
    tense: str | None
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def calendar(self) -> bool:
        """A month or day the text states, whatever the reference date.

        Bare years are left out: "in 1949" and "by 2030" bound the writing date too loosely
        to help, and their tense misleads more often than not.
        """
        return self.month is not None and not self.relative


@dataclass(frozen=True, slots=True)
class _Own:
    """What an article says about its own writing date."""

    low: date
    high: date
    evidence: tuple[tuple[int, int], ...]
    strict_low: date  # the bounds that rest only on dates written with their year
    strict_high: date
    closed: bool  # both bounds rest on the text, not on the writing-year hypothesis


@dataclass(frozen=True, slots=True)
class _Dated:
    """A clause of an article whose date is known: its content words and its period."""

    article: str
    words: frozenset[str]
    first: date
    last: date
    evidence: Span
    numbers: frozenset[str]


def infer_story_dates(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    *,
    detected: Mapping[str, timex.Detections] | None = None,
) -> list[Article]:
    """Set `published` on every article: metadata if given, else inferred (see module doc).

    `detected` may give every article's time expressions, made by `timex.detect_articles`
    from the same articles and annotations (the timex stage anchors the same ones).
    """
    by_id = {a.article: a for a in annotations}
    if detected is None:
        detected = timex.detect_articles(articles, annotations)
    # what a page states (its URL, a timestamp line) comes before what its text implies, and
    # a day it states dates the story's other articles as a metadata date does
    told = {a.id: stated.stated_date(a) for a in articles if not a.given_date}
    ours = articles
    articles = [
        replace(a, given_date=day.value)
        if (day := told.get(a.id)) is not None and day.earliest == day.latest
        else a
        for a in articles
    ]
    mentions = {a.id: _find_mentions(a, by_id.get(a.id), detected[a.id]) for a in articles}
    story_years = sorted(
        year for a in articles if a.given_date and (year := int(a.given_date[:4])) in _YEARS
    )
    story_year = story_years[len(story_years) // 2] if story_years else None
    own = {a.id: _own_inference(mentions[a.id], story_year) for a in articles}
    dated = [
        clause
        for a in articles
        for clause in _dated_clauses(
            a, by_id.get(a.id), detected[a.id], mentions[a.id], own[a.id], story_year
        )
    ]
    idf, story_words = _word_statistics(articles, by_id)
    postings = _postings(dated, story_words)
    result = []
    for original, article in zip(ours, articles, strict=True):
        published: Published | None = told.get(article.id)
        if original.given_date:
            published = given(original.given_date)
        elif published is None or published.earliest != published.latest:
            inferred = _anchor_across(
                article,
                by_id.get(article.id),
                mentions[article.id],
                own[article.id],
                dated,
                idf,
                story_words,
                postings,
            ) or _as_published(article, own[article.id])
            published = _within(_caption_bound(article, inferred), published)
        result.append(replace(original, published=published))
    return result


def _postings(dated: Sequence[_Dated], story_words: frozenset[str]) -> dict[str, list[int]]:
    """For each word that is not one of the story's own, the dated clauses that hold it (by
    their place in `dated`): a clause can date another only through such a word."""
    postings: dict[str, list[int]] = {}
    for number, clause in enumerate(dated):
        for word in sorted(clause.words - story_words):
            postings.setdefault(word, []).append(number)
    return postings


def _sharing(
    words: frozenset[str],
    dated: Sequence[_Dated],
    story_words: frozenset[str],
    postings: dict[str, list[int]] | None,
) -> list[_Dated]:
    """The dated clauses that share a word with `words` that is not one of the story's own
    (the only ones `_anchor_across` may take), in their order in `dated`; every clause
    without `postings`. Found through the index, not by reading every clause of the story
    for every relative expression (issue 22)."""
    if postings is None:
        return list(dated)
    found: set[int] = set()
    for word in words - story_words:
        found.update(postings.get(word, ()))
    return [dated[number] for number in sorted(found)]


def _within(inferred: Published | None, month: Published | None) -> Published | None:
    """The inferred date where it agrees with the month a URL states, else that month."""
    if month is not None and (
        inferred is None or inferred.earliest < month.earliest or inferred.latest > month.latest
    ):
        return month
    return inferred


def _caption_bound(article: Article, inferred: Published | None) -> Published | None:
    """An inferred range whose lower bound a dated photo caption raises: the picture was
    taken on that day, so the article is from then or later."""
    if inferred is None or inferred.earliest == inferred.latest:
        return inferred
    low, high = date.fromisoformat(inferred.earliest), date.fromisoformat(inferred.latest)
    later = [c for c in stated.captions(article) if low < c.day <= high]
    if not later:
        return inferred
    caption = max(later, key=lambda c: (c.day, -(c.start or 0)))
    if caption.start is None or caption.end is None:
        return inferred
    return Published(
        _range_value(caption.day, high),
        "caption",
        caption.day.isoformat(),
        high.isoformat(),
        inferred.method + "; no earlier than the date of a photo caption",
        (*inferred.evidence, article.span(caption.start, caption.end)),
    )


def given(day: str) -> Published:
    """The publication date that metadata gives (`YYYY-MM-DD`)."""
    return Published(day, "given", day, day, "metadata")


def _word_statistics(
    articles: Sequence[Article], annotations: dict[str, Annotation]
) -> tuple[dict[str, float], frozenset[str]]:
    """Over the analysed articles: log((N + 1) / df) of each content word over their N
    sentences, and the story's own words, those more than half of the articles use (and at
    least three): they name the story ("strike", "port", "workers"), not one of its days."""
    counts: Counter[str] = Counter()
    in_articles: Counter[str] = Counter()
    total = analysed = 0
    for article in articles:
        annotation = annotations.get(article.id)
        if annotation is None or not article.analysed:
            continue
        analysed += 1
        # one pass over the tokens: each content word counted once per sentence it is in
        seen: set[tuple[int, str]] = set()
        used: set[str] = set()
        starts = [s.start for s in annotation.sentences]
        for token in annotation.tokens:
            if token.pos not in _CONTENT_POS:
                continue
            lemma = token.lemma.lower()
            used.add(lemma)
            if lemma not in _UNCOUNTED:
                seen.add((bisect.bisect_right(starts, token.start), lemma))
        total += len(annotation.sentences)
        counts.update(word for _, word in seen)
        in_articles.update(used)
    most = max(2, analysed // 2)
    idf = {word: math.log((total + 1) / count) for word, count in counts.items()}
    return idf, frozenset(word for word, count in in_articles.items() if count > most)


def _sentences(article: Article, annotation: Annotation | None) -> list[tuple[int, int]]:
    if annotation is not None:
        return [(s.start, s.end) for s in annotation.sentences]
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+|\n+", article.text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(article.text)))
    return spans


def _find_mentions(
    article: Article, annotation: Annotation | None, detected: timex.Detections
) -> list[_Mention]:
    """The DATE and TIME expressions of the article (`detected`: its time expressions), with
    their tense and calendar parts."""
    text = article.text
    bare = [t for t in timex.anchor(detected, None) if t.type in ("DATE", "TIME")]
    probed = {t.end: t.value for t in timex.anchor(detected, _PROBE)}
    sentences = _sentences(article, annotation)
    starts = [s for s, _ in sentences]
    tenses = [detected.tense(t.start, t.end) for t in bare]
    found = []
    for t, tense in zip(bare, tenses, strict=True):
        # sentences are in text order and do not overlap: the last one starting at or
        # before the expression is the only one that can hold it
        index = bisect.bisect_right(starts, t.start) - 1
        sentence = (0, len(text))
        if index >= 0 and sentences[index][0] <= t.start < sentences[index][1]:
            sentence = sentences[index]
        parts = _CALENDAR.fullmatch(t.value)
        year = month = day = None
        relative = probed.get(t.end) != t.value
        if parts is not None:
            year = None if parts[1] == "XXXX" else int(parts[1])
            if year is not None and year not in _YEARS:
                continue
            month, day = int(parts[2]), int(parts[3]) if parts[3] else None
            # "March 26" changes with the reference only in its year: not relative
            relative = relative and year is not None
        found.append(
            _Mention(
                t.start,
                t.end,
                t.text,
                t.value,
                relative,
                probed.get(t.end),
                sentence,
                tense,
                year,
                month,
                day,
            )
        )
    return found


def _interval(mention: _Mention, year: int) -> tuple[date, date] | None:
    """The period a calendar mention denotes, given the writing year for yearless ones."""
    if mention.month is None:
        return None
    y = mention.year if mention.year is not None else year
    try:
        if mention.day is not None:
            day = date(y, mention.month, mention.day)
            return day, day
        last = calendar.monthrange(y, mention.month)[1]
        return date(y, mention.month, 1), date(y, mention.month, last)
    except ValueError:
        return None


def _own_inference(mentions: list[_Mention], story_year: int | None = None) -> _Own | None:
    """Bounds from this article alone.

    The text was written after the dates it reports as past and before those it reports as
    future. A date written with its year bounds the writing date directly; a yearless one
    ("on March 26", "in May") is placed in a hypothesised writing year, and a yearless past
    month later than the writing month in the year before (a "wrap"). The writing years tried:
    - dates with their year on both sides: every year between them, and when the yearless
      dates fit several, the range spans them all rather than guess one;
    - a past date with its year ("in September 2023"): the latest such year and the two after
      it;
    - only future dates with their year: none closes the range (the writing year could be any
      before them);
    - no year at all: the story's (the median year of its articles with a given date).
    Among the writing months tried, the fewest wraps win, then the earliest. The years tried
    are a hypothesis wherever dated bounds do not close the range: `_as_published` gives a
    range only where both bounds are set, and `storyline eval dates` counts what it gets wrong.
    """
    usable = [m for m in mentions if m.calendar and m.tense in ("past", "future")]
    past = sorted({m.year for m in usable if m.year is not None and m.tense == "past"})
    future = sorted({m.year for m in usable if m.year is not None and m.tense == "future"})
    dated = _dated_bounds(usable)
    tries: list[int]
    if dated is not None:
        tries = list(range(dated[0].year, min(dated[1].year, dated[0].year + _YEARS_TRIED) + 1))
    elif past:
        tries = list(range(past[-1], past[-1] + 3))
    elif future:
        tries = list(range(future[-1], future[-1] + 3))
    elif story_year is not None:
        tries = list(range(story_year, story_year + 3))
    else:
        return None
    borrowed = not past and not future
    placements: list[tuple[tuple[int, int, int], _Own]] = []
    for rank, year in enumerate(tries):
        for month in range(1, 13):
            placed = _place_all(usable, year, month)
            if placed is None:
                continue
            wraps, low, high, evidence, strict_low, strict_high, closed = placed
            month_start = date(year, month, 1)
            month_end = date(year, month, calendar.monthrange(year, month)[1])
            if low > high or low > month_end or high < month_start:
                continue
            if borrowed:  # every bound rests on the borrowed year: all of them are strict
                strict_low, strict_high = low, high
            elif not past:
                closed = False
            own = _Own(low, high, evidence, strict_low, strict_high, closed)
            placements.append(((wraps, rank, month), own))
    if not placements:
        return None
    placements.sort(key=lambda p: p[0])
    fewest = [(key, own) for key, own in placements if key[0] == placements[0][0][0]]
    first = fewest[0][1]
    if dated is None or len({key[1] for key, _ in fewest}) == 1:
        return first
    # the dated bounds hold more than one writing year that the yearless dates fit
    evidence = tuple(dict.fromkeys(s for _, own in fewest for s in own.evidence))
    low = min(own.low for _, own in fewest)
    high = max(own.high for _, own in fewest)
    return replace(first, low=low, high=high, evidence=evidence)


# a range closed by dated bounds that lie further apart is tried year by year up to here
_YEARS_TRIED = 12


def _dated_bounds(mentions: list[_Mention]) -> tuple[date, date] | None:
    """The lower and upper bound of the writing date that dates written with their year
    give, when they give both."""
    lows = [
        p[0]
        for m in mentions
        if m.year is not None and m.tense == "past"
        if (p := _interval(m, m.year))
    ]
    highs = [
        _written_by(*p)
        for m in mentions
        if m.year is not None and m.tense == "future"
        if (p := _interval(m, m.year))
    ]
    if not lows or not highs:
        return None
    return max(lows), min(highs)


def _written_by(first: date, last: date) -> date:
    """The latest writing day a future period allows: the day before a future day, the
    last day of a future month."""
    return last - timedelta(days=1) if first == last else last


def _place_all(
    mentions: list[_Mention], year: int, month: int
) -> tuple[int, date, date, tuple[tuple[int, int], ...], date, date, bool] | None:
    low, high = date(year, 1, 1), date(year, 12, 31)
    strict_low, strict_high = date(1, 1, 1), date(9999, 12, 31)
    evidence: list[tuple[int, int]] = []
    wraps = 0
    low_set = high_set = False
    for mention in mentions:
        period = _interval(mention, year)
        if period is None:
            continue
        first, last = period
        yearless = mention.year is None
        if yearless:
            if mention.tense == "past" and first.month > month:
                wraps += 1
                period = _interval(mention, year - 1)
                if period is None:
                    continue
                first, last = period
            elif mention.tense == "future" and first.month < month:
                return None
        if mention.tense == "past":
            low_set = True
            if first > low:
                low = first
                evidence.append(mention.sentence)
            if not yearless:
                strict_low = max(strict_low, first)
        else:
            high_set = True
            latest = _written_by(first, last)
            if latest < high:
                high = latest
                evidence.append(mention.sentence)
            if not yearless:
                strict_high = min(strict_high, latest)
    evidence_of = tuple(dict.fromkeys(evidence))
    return wraps, low, high, evidence_of, strict_low, strict_high, low_set and high_set


def _period(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers: `2024-06-19`, `2024-06`, `2024-W25`, `A/B`."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = _period(first), _period(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    week = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value)
    try:
        if week:
            if int(week[1]) not in _YEARS:
                return None
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return monday, monday + timedelta(days=6)
        parts = _CALENDAR.fullmatch(value)
        if parts is None or parts[1] == "XXXX":
            return None
        year, month = int(parts[1]), int(parts[2])
        if year not in _YEARS:
            return None
        if parts[3]:
            day = date(year, month, int(parts[3]))
            return day, day
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def _tokens_in(annotation: Annotation, start: int, end: int) -> Sequence[Token]:
    """The tokens within `start:end` (tokens are in text order: two bisections, not a scan of
    the article, which a long article asks thousands of times)."""
    tokens = annotation.tokens
    first = bisect.bisect_left(tokens, start, key=lambda t: t.start)
    last = bisect.bisect_left(tokens, end, key=lambda t: t.start)
    return [t for t in tokens[first:last] if t.end <= end]


def _near(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `spans` (sorted) that overlap `start:end`."""
    if not spans:
        return []
    # the same list is asked about every clause: its longest span is found once
    longest = once("longest span", spans, lambda: max(e - s for s, e in spans))
    first = bisect.bisect_right(spans, start - longest, key=lambda span: span[0])
    last = bisect.bisect_left(spans, end, key=lambda span: span[0])
    return [(s, e) for s, e in spans[first:last] if e > start]


def _content_words(
    annotation: Annotation, start: int, end: int, skip: Sequence[tuple[int, int]]
) -> frozenset[str]:
    """Lower-cased lemmas of the content words in `start:end`, outside the `skip` spans
    (sorted)."""
    skip = _near(skip, start, end)
    return frozenset(
        t.lemma.lower()
        for t in _tokens_in(annotation, start, end)
        if t.pos in _CONTENT_POS
        and t.lemma.lower() not in _UNCOUNTED
        and not any(s <= t.start < e for s, e in skip)
    )


def _numbers(
    article: Article, annotation: Annotation, start: int, end: int, skip: Sequence[tuple[int, int]]
) -> frozenset[str]:
    """The numerals written in digits in `start:end`, outside the `skip` spans (sorted)."""
    skip = _near(skip, start, end)
    return frozenset(
        article.text[t.start : t.end].replace(",", "")
        for t in _tokens_in(annotation, start, end)
        if t.tag == "CD"
        and any(c.isdigit() for c in article.text[t.start : t.end])
        and not any(s <= t.start < e for s, e in skip)
    )


def _clause(
    mention: tuple[int, int], sentence: tuple[int, int], others: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """The part of the sentence a date belongs to: from the previous date to the next
    (`others`: the article's dates, sorted)."""
    first = bisect.bisect_left(others, sentence[0], key=lambda span: span[0])
    last = bisect.bisect_right(others, sentence[1], key=lambda span: span[0])
    inside = others[first:last]
    left = max([e for s, e in inside if sentence[0] <= s and e <= mention[0]] + [sentence[0]])
    right = min([s for s, e in inside if s >= mention[1] and e <= sentence[1]] + [sentence[1]])
    return left, right


def _dated_clauses(
    article: Article,
    annotation: Annotation | None,
    detected: timex.Detections,
    mentions: list[_Mention],
    own: _Own | None,
    story_year: int | None = None,
) -> list[_Dated]:
    """Clauses of this article that state a date it can resolve on its own (`detected`: the
    article's time expressions). Only calendar dates: a day counted from the article's own
    date ("said yesterday", "on Monday") recurs in a long story and anchors nothing
    (`_MIN_SCORE`)."""
    if annotation is None or not article.analysed:
        return []
    spans: list[tuple[int, int]] = sorted((m.start, m.end) for m in mentions)
    periods: list[tuple[_Mention, date, date]] = []
    if article.given_date:
        resolved: dict[int, Timex] = {t.end: t for t in timex.anchor(detected, article.given_date)}
        for mention in mentions:
            t = resolved.get(mention.end)
            period = _period(t.value) if t is not None else None
            if period is not None and mention.tense != "future" and not mention.relative:
                periods.append((mention, *period))
    else:
        # a yearless date takes the writing year only where the text bounds it on both sides
        closed = own is not None and own.closed and own.low.year == own.high.year
        year = own.low.year if own is not None and closed else None
        for mention in mentions:
            if not mention.calendar or mention.tense == "future":
                continue
            pinned = _weekday_year(article.text, mention, story_year)
            if mention.year is None and pinned is None and (year is None or mention.day is None):
                continue  # "in May" alone is too loose to date another article by
            period = _interval(mention, pinned or year or 0)
            if period is not None:
                periods.append((mention, *period))
    dated = []
    for mention, first, last in periods:
        if mention.text.lower().startswith("since"):
            continue  # "since November": when a state began, not when the clause happened
        if _DATELINE.search(article.text, max(0, mention.start - 60), mention.start):
            continue  # "KESSMARK, April 10 (KNS) -": the writing date, not an event's
        start, end = _clause((mention.start, mention.end), mention.sentence, spans)
        words = _content_words(annotation, start, end, spans)
        numbers = _numbers(article, annotation, start, end, spans)
        s, e = mention.sentence
        dated.append(_Dated(article.id, words, first, last, article.span(s, e), numbers))
    return dated


# Monday first, as date.weekday() counts: the full names of the timex vocabulary
_WEEKDAYS = tuple(names[0] for names in entry("timex", "weekdays"))


def _weekday_year(text: str, mention: _Mention, story_year: int | None) -> int | None:
    """The year of a yearless day that names its weekday ("on Monday, March 17"): the one
    year next to the story's in which that day falls on that weekday, if only one does."""
    if mention.year is not None or mention.month is None or mention.day is None:
        return None
    if story_year is None:
        return None
    named = [i for i, name in enumerate(_WEEKDAYS) if name in mention.text.lower()]
    if len(named) != 1:
        return None
    years = []
    for year in (story_year - 1, story_year, story_year + 1):
        try:
            if date(year, mention.month, mention.day).weekday() == named[0]:
                years.append(year)
        except ValueError:
            continue  # February 29 of a common year
    return years[0] if len(years) == 1 else None


def _sentence_tags(annotation: Annotation, mention: _Mention) -> list[tuple[int, int, str]]:
    """The part-of-speech tags of the mention's sentence, offsets relative to the sentence."""
    s, e = mention.sentence
    return [(t.start - s, t.end - s, t.tag) for t in _tokens_in(annotation, s, e)]


class _Resolver:
    """The period a relative mention resolves to if its sentence was written on a given day.

    The sentence (with the part-of-speech tags of `_sentence_tags`) is detected once, on the
    first day asked, and anchored once per day: the bisections of `_days_matching` against
    the story's dated clauses ask for many of the same days.
    """

    def __init__(self, article: Article, annotation: Annotation, mention: _Mention) -> None:
        self._article = article
        self._annotation = annotation
        self._mention = mention
        self._found: timex.Detections | None = None
        self._periods: dict[date, tuple[date, date] | None] = {}

    def period_at(self, day: date) -> tuple[date, date] | None:
        if day not in self._periods:
            self._periods[day] = self._resolve(day)
        return self._periods[day]

    def _resolve(self, day: date) -> tuple[date, date] | None:
        s, e = self._mention.sentence
        if self._found is None:
            tags = _sentence_tags(self._annotation, self._mention)
            self._found = timex.detect(self._article.text[s:e], tags=tags)
        for t in timex.anchor(self._found, day):
            if t.end == self._mention.end - s:
                return _period(t.value)
        return None


def _days_matching(resolver: _Resolver, first: date, last: date) -> tuple[date, date] | None:
    """The writing days for which the resolver's mention resolves to a period overlapping
    `first..last`.

    Relative expressions move forward with the reference day (the day before, the week
    before, the Wednesday after), so the days form one interval, found by bisection.
    """
    period_at = resolver.period_at
    low_day, high_day = first - _REACH, last + _REACH

    def search(reaches: bool) -> date | None:
        # `reaches`: the first day whose period ends on or after `first` (lower edge);
        # otherwise the first day whose period starts after `last` (one past the upper edge).
        lo, hi = 0, (high_day - low_day).days
        found = None
        while lo <= hi:
            mid = (lo + hi) // 2
            period = period_at(low_day + timedelta(days=mid))
            if period is None:
                return None
            if (period[1] >= first) if reaches else (period[0] > last):
                found, hi = mid, mid - 1
            else:
                lo = mid + 1
        return None if found is None else low_day + timedelta(days=found)

    start_day = search(True)
    past_day = search(False)
    if start_day is None:
        return None
    end_day = (past_day - timedelta(days=1)) if past_day is not None else high_day
    if end_day < start_day:
        return None
    return start_day, end_day


def _anchors(mention: _Mention) -> bool:
    """Whether a relative expression can carry a date across articles.

    Days counted back or forward from the writing day ("yesterday", "two days ago", "nine
    months ago") can. "Today" cannot: in news it mostly describes a state ("shares were
    down today") that many articles repeat about different days. A bare weekday or week
    ("on Monday", "last week") fits one span in every week, and the words around it rarely
    tell which week. One that looks ahead ("tomorrow") announces a plan, which may move.
    """
    if not mention.relative or mention.probed is None:
        return False
    probed = _period(mention.probed)
    if probed is None or probed[0] > _PROBE:
        return False  # "tomorrow", "in two weeks": a plan, which may move
    if mention.value == "PAST_REF":
        return len(mention.probed) > 4  # "twenty years ago" dates to a year at best
    return mention.value == "XXXX-XX-XX" and 0 < (_PROBE - probed[0]).days <= 7


def _anchor_across(
    article: Article,
    annotation: Annotation | None,
    mentions: list[_Mention],
    own: _Own | None,
    dated: list[_Dated],
    idf: dict[str, float],
    story_words: frozenset[str] = frozenset(),
    postings: dict[str, list[int]] | None = None,
) -> Published | None:
    """Date the article through the relative expression that a dated clause dates best.

    The clause pair that shares the largest part of its content words (see `_MIN_SHARED`),
    each word weighed by its inverse sentence frequency in the story, wins unless it
    contradicts what the article says itself or the two clauses give different numbers.
    Weighing matters: the words every article of a story repeats ("strike", "port") say
    little about which event a clause reports, and a pair that shares only such words
    (`_word_statistics`) is no match at all: in our demo story "thousands marched ... yesterday
    in support of the striking dock workers" shared six of them with the day the strike
    ended, and took that day.
    """
    if annotation is None or not article.analysed:
        return None
    spans = sorted((m.start, m.end) for m in mentions)
    best: tuple[float, date, date, _Mention, _Dated] | None = None
    for mention in filter(_anchors, mentions):
        sentence = mention.sentence
        start, end = _clause((mention.start, mention.end), sentence, spans)
        words = _content_words(annotation, start, end, spans)
        numbers = _numbers(article, annotation, start, end, spans)
        resolver = _Resolver(article, annotation, mention)
        for other in _sharing(words, dated, story_words, postings):
            shared = words & other.words
            same_sentence = other.article == article.id and other.evidence.start == sentence[0]
            if same_sentence or len(shared) < _MIN_SHARED or shared <= story_words:
                continue
            if numbers and other.numbers and not numbers & other.numbers:
                continue  # "fell 26 points" and "fell 9.48 points" are different days
            union = words | other.words
            score = sum(idf.get(w, 0.0) for w in shared) / sum(idf.get(w, 0.0) for w in union)
            if score < _MIN_SCORE or (best is not None and score <= best[0]):
                continue
            days = _days_matching(resolver, other.first, other.last)
            if days is None:
                continue
            low, high = days
            if own is not None and (high < own.strict_low or low > own.strict_high):
                continue  # contradicts what the article says itself
            best = (score, low, high, mention, other)
    if best is None:
        return None
    _, low, high, mention, other = best
    s, e = mention.sentence
    return Published(
        _range_value(low, high),
        "inferred",
        low.isoformat(),
        high.isoformat(),
        f"'{mention.text}' anchored on a dated sentence of article {other.article}",
        (article.span(s, e), other.evidence),
    )


def _range_value(low: date, high: date) -> str:
    if low == high:
        return low.isoformat()
    if (
        low.day == 1
        and (low.year, low.month) == (high.year, high.month)
        and high.day == calendar.monthrange(high.year, high.month)[1]
    ):
        return f"{low.year:04d}-{low.month:02d}"
    return f"{low.isoformat()}/{high.isoformat()}"


def _as_published(article: Article, own: _Own | None) -> Published | None:
    """The article's own bounds, when the text gives both a lower and an upper one.

    With only one side ("written after March 2023"), the other would be the end of a guessed
    writing year, which is wrong for most real news (see `storyline eval dates`).
    """
    if own is None or not own.closed:
        return None
    low, high, evidence = own.low, own.high, own.evidence
    return Published(
        _range_value(low, high),
        "inferred",
        low.isoformat(),
        high.isoformat(),
        "bounded by the dates the text reports as past and as future",
        tuple(article.span(s, e) for s, e in evidence),
    )
