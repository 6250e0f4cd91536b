"""Publication dates: taken from metadata, or inferred from what the text says about time.

This is the simple inference the foundation needs before the TIMEX3 tagger lands:

1. A small tagger finds explicit dates ("March 26", "26 March 2024", "September 2023",
   "in May") and relative ones ("yesterday", "on Monday", "nine months ago", "last week").
2. The tense around each date (spaCy tags: a past verb, or will/would/expected to/scheduled
   to) turns it into a bound: the text was written after what it reports as past and before
   what it reports as future.
3. Dates written without a year are in the writing year, or the year before for a past month
   later than the writing month (the convention of news copy, as in HeidelTime). The
   earliest writing year that makes every bound consistent is chosen.
4. Story-level pass (`infer_story_dates`): a relative expression in one article ("the port
   reopened yesterday") is matched to a sentence in another article that dates the same thing
   ("the port reopened on March 26") by shared content words; the match fixes the first
   article's date ("yesterday" of March 26 is March 27).

The result is a day, a month, or an `earliest/latest` range, with the sentences it rests on.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.model import Annotation, Article, Published, Span
from storyline.stages.timex import MONTHS

REQUIRES = ("articles", "annotations")
ASSIGNS = ("published",)

_MONTHS = MONTHS
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "mdy",
        re.compile(
            _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
            re.I,
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+"
            + _MONTH
            + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
            re.I,
        ),
    ),
    ("my", re.compile(_MONTH + r"(?:\s+of)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("m_rel_year", re.compile(_MONTH + r"\s+of\s+(?P<which>this|last|next)\s+year\b", re.I)),
    ("rel_month", re.compile(r"\b(?P<which>last|next|this)\s+" + _MONTH, re.I)),
    (
        "month",
        re.compile(
            r"\b(?:in|since|until|by|from|early|late|mid-?|during|before|after)\s+(?:early\s+|late\s+|mid-?)?"
            + _MONTH
            + r"\b(?!\s+\d)",
            re.I,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.I)),
    ("rel_unit", re.compile(r"\b(?P<which>last|next|this)\s+(?P<unit>week|month|year)\b", re.I)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|"
            + "|".join(_NUMBERS)
            + r"|a|an)\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
]
_FUTURE_WORDS = re.compile(
    r"\b(?:will|would|shall|'ll|going to|expected to|scheduled to|set to|due to|plans? to|"
    r"planned to|is to|are to|upcoming|next)\b",
    re.I,
)
_RELATIVE_KINDS = frozenset({"deictic", "ago", "weekday", "rel_unit"})
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "said",
        "say",
        "says",
        "also",
        "which",
        "who",
        "but",
        "not",
        "after",
        "before",
        "during",
        "than",
        "there",
    ]
)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Z]")


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    sentence: tuple[int, int]
    tense: str  # past | future | present


def infer_story_dates(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> list[Article]:
    """Set `published` on every article: metadata if given, else inferred (see module doc)."""
    by_id = {a.article: a for a in annotations}
    mentions = {a.id: _find_mentions(a, by_id.get(a.id)) for a in articles}
    story_years = sorted(int(a.given_date[:4]) for a in articles if a.given_date)
    story_year = story_years[len(story_years) // 2] if story_years else None
    own = {a.id: _own_inference(a, mentions[a.id], story_year) for a in articles}
    resolved_sentences = _dated_sentences(articles, mentions, own)
    result = []
    for article in articles:
        if article.given_date:
            day = article.given_date
            published: Published | None = Published(day, "given", day, day, "metadata")
        else:
            published = _anchor_across(
                article, mentions[article.id], own[article.id], resolved_sentences
            ) or _as_published(article, own[article.id])
        result.append(replace(article, published=published))
    return result


def _find_mentions(article: Article, annotation: Annotation | None) -> list[_Mention]:
    text = article.text
    sentences = (
        [(s.start, s.end) for s in annotation.sentences] if annotation else _rough_sentences(text)
    )
    past_tokens = _past_verbs(annotation) if annotation else set()
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, len(text)))
            taken.append((start, end))
            found.append(
                _Mention(
                    kind,
                    start,
                    end,
                    match.groupdict(),
                    sentence,
                    _tense(text, sentence, start, end, kind, match, past_tokens),
                )
            )
    return sorted(found, key=lambda m: m.start)


def _past_verbs(annotation: Annotation) -> set[int]:
    """Offsets of past-tense verbs: simple past, or a participle after a form of "have"
    ("will be held" is not past)."""
    past = set()
    previous = None
    for token in annotation.tokens:
        if token.tag == "VBD" or (
            token.tag == "VBN" and previous is not None and previous.lemma == "have"
        ):
            past.add(token.start)
        previous = token
    return past


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+|\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _tense(
    text: str,
    sentence: tuple[int, int],
    start: int,
    end: int,
    kind: str,
    match: re.Match[str],
    past_tokens: set[int],
) -> str:
    groups = match.groupdict()
    word = (groups.get("which") or groups.get("word") or "").lower()
    if kind == "ago" or word in ("last", "yesterday"):
        return "past"
    if word in ("next", "tomorrow"):
        return "future"
    clause_start = max(sentence[0], text.rfind(",", sentence[0], start) + 1, start - 120)
    before = text[clause_start:start]
    # The nearest verb before the date decides; a sentence-initial date looks after it.
    future = [clause_start + m.start() for m in _FUTURE_WORDS.finditer(before)]
    past = [p for p in past_tokens if clause_start <= p < start]
    if not future and not past:
        after_end = min(sentence[1], end + 80)
        future = [start] if _FUTURE_WORDS.search(text[end:after_end]) else []
        past = [start] if any(end <= p < after_end for p in past_tokens) else []
        if future and past:
            return "present"
    if future and (not past or max(future) > max(past)):
        return "future"
    if past:
        return "past"
    return "present"


def _month_of(groups: dict[str, str | None]) -> int:
    if groups.get("mnum"):
        return int(groups["mnum"] or 0)
    return _MONTHS[(groups.get("month") or "").lower().rstrip(".")]


def _interval(mention: _Mention, year: int) -> tuple[date, date] | None:
    """The period an explicit date mention denotes, given the writing year for yearless ones."""
    g = mention.groups
    try:
        if mention.kind in ("iso", "mdy", "dmy"):
            day = date(int(g["year"] or year), _month_of(g), int(g["day"] or 0))
            return day, day
        if mention.kind in ("my", "month", "m_rel_year", "rel_month"):
            month = _month_of(g)
            y = int(g["year"] or year)
            if mention.kind == "m_rel_year":
                y = year + {"this": 0, "last": -1, "next": 1}[(g.get("which") or "").lower()]
            return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])
    except (ValueError, KeyError):
        return None
    return None


def _yearless(mention: _Mention) -> bool:
    return mention.kind in ("mdy", "dmy", "month", "rel_month") and not mention.groups.get("year")


_Own = tuple[date, date, tuple[tuple[int, int], ...], date, date]


def _own_inference(
    article: Article, mentions: list[_Mention], story_year: int | None = None
) -> _Own | None:
    """Bounds from this article alone.

    Writing-month hypotheses are tried over the three years from the latest explicit year; a
    yearless past month later than the writing month moves to the year before (a "wrap"). The
    hypothesis with the fewest wraps wins, then the earliest. Returns the range, its evidence
    and the looser range that the dates not moved by a wrap allow. An article that names no
    year takes the story's (the median year of the articles with a given date).
    """
    years = sorted({int(m.groups["year"] or 0) for m in mentions if m.groups.get("year")})
    borrowed = not years
    if borrowed and story_year is not None:
        years = [story_year]
    if not years:
        return None
    best: tuple[tuple[int, int, int], _Own] | None = None
    for year in range(years[-1], years[-1] + 3):
        for month in range(1, 13):
            placed = _place_all(mentions, year, month)
            if placed is None:
                continue
            wraps, low, high, evidence, strict_low, strict_high = placed
            month_start = date(year, month, 1)
            month_end = date(year, month, calendar.monthrange(year, month)[1])
            if low > high or low > month_end or high < month_start:
                continue
            key = (wraps, year, month)
            if borrowed:  # every bound rests on the borrowed year: all of them are strict
                strict_low, strict_high = low, high
            if best is None or key < best[0]:
                best = (key, (low, high, evidence, strict_low, strict_high))
    return best[1] if best else None


def _place_all(
    mentions: list[_Mention], year: int, month: int
) -> tuple[int, date, date, tuple[tuple[int, int], ...], date, date] | None:
    low, high = date(year, 1, 1), date(year, 12, 31)
    strict_low, strict_high = date(1, 1, 1), date(9999, 12, 31)
    evidence: list[tuple[int, int]] = []
    wraps = 0
    for mention in mentions:
        if mention.kind in _RELATIVE_KINDS or mention.tense == "present":
            continue
        period = _place(mention, year)
        if period is None:
            continue
        first, last = period
        if _yearless(mention) and mention.kind != "rel_month":
            if mention.tense == "past" and first.month > month:
                wraps += 1
                period = _place(mention, year - 1)
                if period is None:
                    continue
                first, last = period
            elif mention.tense == "future" and first.month < month:
                return None
        if mention.tense == "past":
            if first > low:
                low = first
                evidence.append(mention.sentence)
            if not _yearless(mention):
                strict_low = max(strict_low, first)
        else:
            latest = last - timedelta(days=1) if first == last else last
            if latest < high:
                high = latest
                evidence.append(mention.sentence)
            if not _yearless(mention):
                strict_high = min(strict_high, latest)
    return wraps, low, high, tuple(dict.fromkeys(evidence)), strict_low, strict_high


def _place(mention: _Mention, year: int) -> tuple[date, date] | None:
    """A mention's period under writing year `year`; yearless past months may be a year back."""
    if mention.kind in _RELATIVE_KINDS:
        return None
    period = _interval(mention, year)
    if period is None or not _yearless(mention):
        return period
    if mention.kind == "rel_month" and (mention.groups.get("which") or "").lower() == "last":
        return _interval(mention, year - 1)
    return period


def _dated_sentences(
    articles: Sequence[Article],
    mentions: dict[str, list[_Mention]],
    own: dict[str, _Own | None],
) -> list[tuple[str, frozenset[str], date, date, Span]]:
    """Sentences that state an absolute date, with the date resolved in their own article."""
    dated = []
    for article in articles:
        year = _writing_year(article, own[article.id])
        if year is None:
            continue
        found = mentions[article.id]
        for index, mention in enumerate(found):
            period = _place(mention, year)
            if (
                period is None
                or mention.kind in ("month", "rel_month")
                or mention.tense == "future"
            ):
                continue
            if mention.kind == "my" and period[0].month != period[1].month:
                continue
            s, e = mention.sentence
            # The clause this date belongs to: from the previous date in the sentence to the next.
            left = max([m.end for m in found[:index] if m.sentence == mention.sentence] + [s])
            right = min(
                [m.start for m in found[index + 1 :] if m.sentence == mention.sentence] + [e]
            )
            clause = article.text[left : mention.start] + " " + article.text[mention.end : right]
            dated.append(
                (article.id, _content_words(clause), period[0], period[1], article.span(s, e))
            )
    return dated


def _writing_year(article: Article, own: _Own | None) -> int | None:
    if article.given_date:
        return int(article.given_date[:4])
    if own and own[0].year == own[1].year:
        return own[0].year
    return None


def _content_words(text: str) -> frozenset[str]:
    words = set()
    for word in _CONTENT.findall(text):
        lower = word.lower().strip(".'’")
        if lower in _STOP or len(lower) < 3 or lower in _MONTHS or lower in _WEEKDAYS:
            continue
        words.add(lower[:5])  # a crude stem: "upgraded"/"upgrade", "visits"/"visit"
    return frozenset(words)


def _anchor_across(
    article: Article,
    mentions: list[_Mention],
    own: _Own | None,
    dated: list[tuple[str, frozenset[str], date, date, Span]],
) -> Published | None:
    """Fix the date through a relative expression that another article dates absolutely."""
    best: tuple[float, Published] | None = None
    for mention in mentions:
        if mention.kind not in ("deictic", "ago") or mention.tense == "future":
            continue
        s, e = mention.sentence
        words = _content_words(
            article.text[s:e].replace(article.text[mention.start : mention.end], " ")
        )
        for other_id, other_words, first, last, span in dated:
            if other_id == article.id:
                continue
            shared = words & other_words
            if len(shared) < 3:
                continue
            score = len(shared) / len(words | other_words)
            low, high = _shift(mention, first, last)
            if own and (high < own[3] or low > own[4]):
                continue  # contradicts what the article says itself
            value = low.isoformat() if low == high else _range_value(low, high)
            method = (
                f"'{article.text[mention.start : mention.end]}' anchored on a dated sentence "
                f"of article {other_id}"
            )
            candidate = Published(
                value,
                "inferred",
                low.isoformat(),
                high.isoformat(),
                method,
                (article.span(s, e), span),
            )
            if best is None or score > best[0]:
                best = (score, candidate)
    return best[1] if best else None


def _shift(mention: _Mention, first: date, last: date) -> tuple[date, date]:
    """The writing date implied when `mention` refers to the period `first..last`."""
    g = mention.groups
    if mention.kind == "deictic":
        offset = {"yesterday": 1, "today": 0, "tonight": 0, "tomorrow": -1}[
            (g["word"] or "").lower()
        ]
        return first + timedelta(days=offset), last + timedelta(days=offset)
    raw = (g.get("n") or "1").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    unit = (g.get("unit") or "day").lower()
    if unit == "month":
        return _add_months(first, n, start=True), _add_months(last, n, start=False)
    if unit == "year":
        return date(first.year + n, 1, 1) if first.month == 1 and first.day == 1 else _add_months(
            first, 12 * n, start=True
        ), _add_months(last, 12 * n, start=False)
    days = n * _UNIT_DAYS[unit]
    return first + timedelta(days=days), last + timedelta(days=days)


def _add_months(day: date, months: int, *, start: bool) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, 1) if start else date(year, month, calendar.monthrange(year, month)[1])


def _range_value(low: date, high: date) -> str:
    if (
        low.day == 1
        and (low.year, low.month) == (high.year, high.month)
        and high.day == calendar.monthrange(high.year, high.month)[1]
    ):
        return f"{low.year:04d}-{low.month:02d}"
    return f"{low.isoformat()}/{high.isoformat()}"


def _as_published(article: Article, own: _Own | None) -> Published | None:
    if own is None:
        return None
    low, high, evidence = own[0], own[1], own[2]
    value = low.isoformat() if low == high else _range_value(low, high)
    return Published(
        value,
        "inferred",
        low.isoformat(),
        high.isoformat(),
        "bounded by the dates the text reports as past and as future",
        tuple(article.span(s, e) for s, e in evidence),
    )
