"""The stage: the time expressions of every analysed article, anchored on its publication date.

Each article is detected once; its expressions are anchored on the reference date
(`dct.reference_date`) and, when the publication date is known only to the month or the year,
also on the first day of that period, the two values joined into a range where they disagree.
An article with no publication date has its yearless dates placed in the one year its story's
stated dates allow, if only one does (years.py). Publication-date inference needs the same
detections: `detect_articles` makes them once for both stages (`detected=`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import date

from storyline.model import Annotation, Article, ArticleTimex, Timex
from storyline.stages.timex.anchoring import anchor
from storyline.stages.timex.dct import _between, reference_date
from storyline.stages.timex.detection import Detections, detect, thaw
from storyline.stages.timex.years import pin_years, story_window


def detect_articles(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> dict[str, Detections]:
    """Every article's time expressions, not yet anchored, by article id: each detected once,
    with its annotation's part-of-speech tags (without tags where it has no annotation).

    Publication-date inference (`published.infer_story_dates`) and this stage anchor the same
    detections; a build that hands these to both (`detected=`) detects each article once.
    """
    by_article = {a.article: a for a in annotations}
    return {a.id: detect(a.text, tags=_tags(by_article.get(a.id))) for a in articles}


def thaw_articles(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    frozen: Mapping[str, Sequence[Sequence[int]]],
) -> dict[str, Detections]:
    """The detections `detection.freeze` kept for these articles (by article id), given back
    without running the rules over the texts; an article whose kept detections do not fit its
    text is left out (the caller detects it again)."""
    by_article = {a.article: a for a in annotations}
    out: dict[str, Detections] = {}
    for article in articles:
        if article.id not in frozen:
            continue
        found = thaw(article.text, frozen[article.id], tags=_tags(by_article.get(article.id)))
        if found is not None:
            out[article.id] = found
    return out


def _tags(annotation: Annotation | None) -> list[tuple[int, int, str]] | None:
    if annotation is None:
        return None
    return [(t.start, t.end, t.tag) for t in annotation.tokens]


def _tag_article(
    article: Article, found: Detections, window: tuple[date, date] | None = None
) -> list[Timex]:
    """The article's time expressions, anchored (`found`: its detections). When its
    publication date is known only to the month or the year, a relative expression is
    resolved on both ends of that period and, where the two disagree, given as the range
    between them: "on Wednesday" in a story of June 2024 is some day from 5 June to 3 July,
    not the Wednesday after 30 June. With no publication date, a yearless date is placed in
    the one year of the story's `window` (`years.story_window`) it fits, if only one."""
    published = article.published
    late = anchor(found, reference_date(published))
    if published is None and window is not None:
        return pin_years(found, late, window)
    if (
        published is None
        or not re.fullmatch(r"\d{4}(?:-\d{2})?", published.value)
        or not published.earliest
        or published.earliest == published.latest
    ):
        return late
    early = {(t.start, t.end): t for t in anchor(found, published.earliest)}
    return [_between(early.get((t.start, t.end)), t) for t in late]


def extract_timexes(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    *,
    detected: Mapping[str, Detections] | None = None,
) -> list[ArticleTimex]:
    """The time expressions of every analysed article, anchored on its publication date.

    The part-of-speech tags of the annotate stage give the tense of the governing verb. The
    articles are one story: the dates their metadata states place the yearless dates of the
    undated ones (`years.story_window`). `detected` may give the articles' detections, made by
    `detect_articles` from the same articles and annotations; an article it lacks is detected
    here.
    """
    by_article = {a.article: a for a in annotations}
    window = story_window(articles)
    found: list[ArticleTimex] = []
    for article in articles:
        annotation = by_article.get(article.id)
        if annotation is None or not article.analysed:
            continue
        expressions = detected.get(article.id) if detected is not None else None
        if expressions is None:
            expressions = detect(article.text, tags=_tags(annotation))
        for t in _tag_article(article, expressions, window):
            key = f"{article.id}:{t.start}:{t.end}".encode()
            found.append(
                ArticleTimex(
                    id=hashlib.sha256(key).hexdigest()[:16],
                    article=article.id,
                    start=t.start,
                    end=t.end,
                    text=t.text,
                    type=t.type,
                    value=t.value,
                    mod=t.mod,
                )
            )
    return sorted(found, key=lambda t: (t.article, t.start, t.end))
