"""The stage: the time expressions of every analysed article, anchored on its publication date.

Each article is detected once; its expressions are anchored on the reference date
(`dct.reference_date`) and, when the publication date is known only to the month or the year,
also on the first day of that period, the two values joined into a range where they disagree.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from storyline.model import Annotation, Article, ArticleTimex, Timex
from storyline.stages.timex.anchoring import anchor
from storyline.stages.timex.dct import _between, reference_date
from storyline.stages.timex.detection import detect


def _tag_article(article: Article, tags: list[tuple[int, int, str]]) -> list[Timex]:
    """The article's time expressions. When its publication date is known only to the month
    or the year, a relative expression is resolved on both ends of that period and, where the
    two disagree, given as the range between them: "on Wednesday" in a story of June 2024 is
    some day from 5 June to 3 July, not the Wednesday after 30 June."""
    published = article.published
    found = detect(article.text, tags=tags)
    late = anchor(found, reference_date(published))
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
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> list[ArticleTimex]:
    """The time expressions of every analysed article, anchored on its publication date.

    The part-of-speech tags of the annotate stage give the tense of the governing verb.
    """
    by_article = {a.article: a for a in annotations}
    found: list[ArticleTimex] = []
    for article in articles:
        annotation = by_article.get(article.id)
        if annotation is None or not article.analysed:
            continue
        tags = [(t.start, t.end, t.tag) for t in annotation.tokens]
        for t in _tag_article(article, tags):
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
