"""Cheap per-article signals for story clustering: weighted content words and names.

No spaCy: a story pile can hold thousands of articles, and grouping them must not wait for a
full parse (annotation runs per story afterwards). An article's features are its lower-cased
content words (spaCy's English stop words and `stories.toml`'s `stop` left out) and its
capitalised names (a capitalised word that does not open a sentence, `n:` before it, so that
"Ford" the name and "ford" the word stay apart), the headline's words counting
`title_weight` times. Weights are TF-IDF (`1 + log tf` times the smoothed
`log((1 + N) / (1 + df)) + 1` over the pile, so a feature every article of a small pile has
keeps weight), names times `name_weight`; a feature of fewer than `min_df` texts matches
nothing and is left out; the vector is cut to its `vector_size` heaviest features and scaled
to unit length, so a dot product is a cosine. Settings: `lexicon/en/stories.toml`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from storyline import timevalues
from storyline.lexicon import table, words
from storyline.model import Article

Vector = dict[str, float]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# a sentence opens the text, a line, or follows . ! ? (and a closing quote or bracket)
_OPENERS = re.compile(r"(?:^|\n|[.!?][\"'”’)\]]*\s+)\s*[\"'“‘(\[]*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """How articles become vectors; the defaults are `stories.toml`'s [features]."""

    min_length: int
    min_df: int
    vector_size: int
    name_weight: float
    title_weight: float

    @staticmethod
    def default() -> FeatureSettings:
        rules = table("stories", "features")
        return FeatureSettings(
            min_length=int(rules["min_length"]),
            min_df=int(rules["min_df"]),
            vector_size=int(rules["vector_size"]),
            name_weight=float(rules["name_weight"]),
            title_weight=float(rules["title_weight"]),
        )


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | words("stories", "stop")


def count_terms(
    text: str, *, title: str | None = None, settings: FeatureSettings | None = None
) -> Counter[str]:
    """The raw feature counts of one text (and its headline): content words and `n:` names.

    >>> sorted(count_terms("Storms hit Varnholm. Varnholm braces for floods.").items())
    [('braces', 1), ('floods', 1), ('hit', 1), ('n:varnholm', 1), ('storms', 1), ('varnholm', 2)]
    """
    settings = settings or FeatureSettings.default()
    stop = _stop_words()
    not_names = words("stories", "not_names")
    counts: Counter[str] = Counter()
    for part, weight in ((text, 1), (title or "", max(int(settings.title_weight), 1))):
        openers = {m.end() for m in _OPENERS.finditer(part)}
        for match in _WORD.finditer(part):
            word = match.group(0).replace("’", "'")
            lowered = word.lower()
            if lowered.endswith("'s"):
                lowered = lowered[:-2]
            if len(lowered) < settings.min_length:
                continue
            if lowered not in stop:
                counts[lowered] += weight
            if word[0].isupper() and match.start() not in openers and lowered not in not_names:
                counts["n:" + lowered] += weight
    return counts


def document_frequencies(counts: Iterable[Counter[str]]) -> Counter[str]:
    """In how many of the texts each feature occurs."""
    df: Counter[str] = Counter()
    for found in counts:
        df.update(found.keys())
    return df


def weigh(
    counts: Mapping[str, int],
    df: Mapping[str, int],
    total: int,
    settings: FeatureSettings | None = None,
) -> Vector:
    """A unit TF-IDF vector of one text's counts, cut to its `vector_size` heaviest features
    (ties by feature, so the cut does not depend on the order the counts were made in)."""
    settings = settings or FeatureSettings.default()
    weighted: list[tuple[float, str]] = []
    for feature, count in counts.items():
        if df.get(feature, 0) < settings.min_df:
            continue
        idf = math.log((1 + total) / (1 + df.get(feature, 0))) + 1
        weight = (1 + math.log(count)) * idf
        if feature.startswith("n:"):
            weight *= settings.name_weight
        if weight > 0:
            weighted.append((weight, feature))
    weighted.sort(key=lambda wf: (-wf[0], wf[1]))
    kept = weighted[: settings.vector_size]
    norm = math.sqrt(sum(w * w for w, _ in kept)) or 1.0
    return {feature: w / norm for w, feature in kept}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors (a cosine when both are unit vectors)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[f] for f, w in a.items() if f in b)


def article_day(article: Article) -> date | None:
    """The article's publication day (inferred, else as given), or None."""
    value = article.published.value if article.published else article.given_date
    return timevalues.first_day(value) if value else None


def vectorize(
    articles: Sequence[Article], settings: FeatureSettings | None = None
) -> dict[str, Vector]:
    """Article id -> unit TF-IDF vector, the document frequencies taken over `articles`."""
    settings = settings or FeatureSettings.default()
    counts = {a.id: count_terms(a.text, title=a.title, settings=settings) for a in articles}
    df = document_frequencies(counts.values())
    return {aid: weigh(found, df, len(counts), settings) for aid, found in counts.items()}


def similarity(
    a: Article,
    b: Article,
    *,
    background: Sequence[Article] = (),
    settings: FeatureSettings | None = None,
) -> float:
    """How alike two articles are for story clustering (0 to 1), the document frequencies
    taken over `background` and the two."""
    pile = {x.id: x for x in (*background, a, b)}
    vectors = vectorize(list(pile.values()), settings)
    return cosine(vectors[a.id], vectors[b.id])
