"""Where sources agree and differ: claims of different articles about the same thing, grouped,
each group with a verdict (agree, complement, contradict) and an explanation that names the
values.

`claims` reads each sentence's checkable values (figures, dates, who it comes from),
`align` groups the sentences of different independent sources that are about the same thing,
and `verdicts` decides how each group's claims relate. Figures are also compared on their own:
every figure for the same counted thing across sources, wherever it stands. A syndicated copy
is not a source of its own (`stages/copies.py`): its claims are its original's, so it never
makes two sources agree. Settings and words: `lexicon/en/compare.toml`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import (
    Annotation,
    Article,
    ArticleTimex,
    Comparison,
    Copy,
    Entity,
    Event,
    Quote,
    Span,
)
from storyline.stages import annotate
from storyline.stages.compare.align import AlignSettings, Similarity, group
from storyline.stages.compare.claims import Statement, statements
from storyline.stages.compare.forecasts import forecast_comparisons, subject_lemma
from storyline.stages.compare.happenings import event_comparisons
from storyline.stages.compare.verdicts import (
    Found,
    calendar_dates,
    figure_comparison,
    list_comparisons,
    statement_comparison,
)
from storyline.stages.compare.wording import quote_comparisons
from storyline.stages.copies import independent_sources
from storyline.stages.events import reported

REQUIRES = ("articles", "annotations", "entities", "timexes", "quotes", "events", "copies")
ASSIGNS = ("comparisons",)

# how the dossier and the report order comparisons: what differs first
VERDICT_ORDER = {"contradict": 0, "complement": 1, "agree": 2}


def compare(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotation],
    entities: Sequence[Entity],
    timexes: Sequence[ArticleTimex],
    quotes: Sequence[Quote],
    events: Sequence[Event],
    copies: Sequence[Copy],
    *,
    nlp: Any,
    parses: annotate.ParseCache | None = None,
) -> list[Comparison]:
    """The story's comparisons: contradictions first, then complements, then agreements."""
    # one parse cache for the statements and the forecasts' subjects, even when not given
    parses = {} if parses is None else parses
    copied = {c.article for c in copies}
    originals = [a for a in articles if a.id not in copied]
    keys = independent_sources(
        {a.id: a.outlet for a in articles}, ((c.article, c.original) for c in copies)
    )
    found = statements(
        originals, annotations, entities, timexes, quotes, keys, nlp=nlp, parses=parses
    )
    labels = _labels(articles)
    settings = AlignSettings.default()
    similarity = Similarity(found, settings)
    names = {e.id: e.name for e in entities}
    out: list[Comparison] = []
    for members in group(similarity):
        chosen = [found[i] for i in members]
        topic = _topic(chosen, similarity.weight, names)
        made = statement_comparison(chosen, topic, _namer(labels))
        if made is not None:
            out.append(made)
    out.extend(_figures(found, labels, similarity))
    out.extend(list_comparisons(found, _namer(labels)))
    subject = _subject_finder(originals, annotations, nlp, parses)
    out.extend(forecast_comparisons(found, similarity, _namer(labels), subject))
    published = {a.id: (a.published.value if a.published else None) for a in originals}
    happened = [e for e in events if reported(e)]
    independent = keys_of(originals, keys)
    kinds = {e.id: e.type for e in entities}
    line_of = _line_finder(found)

    def alike(a: Span, b: Span) -> float:
        i, j = line_of(a), line_of(b)
        return 1.0 if i is None or j is None else similarity(i, j)

    out.extend(
        event_comparisons(happened, independent, published, names, _namer(labels), kinds, alike)
    )
    out.extend(quote_comparisons(quotes, independent, _namer(labels)))
    out.sort(
        key=lambda c: (
            VERDICT_ORDER[c.verdict],
            -c.independent,
            c.claims[0].span.article,
            c.claims[0].span.start,
            c.id,
        )
    )
    return out


def _line_finder(found: Sequence[Statement]) -> Callable[[Span], int | None]:
    """The statement that holds the start of a span (an event's sentence)."""
    by_article: dict[str, list[tuple[int, int, int]]] = {}
    for i, s in enumerate(found):
        by_article.setdefault(s.span.article, []).append((s.span.start, s.span.end, i))

    def find(span: Span) -> int | None:
        for start, end, i in by_article.get(span.article, []):
            if start <= span.start < end or span.start <= start < span.end:
                return i
        return None

    return find


def _subject_finder(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotation],
    nlp: Any,
    parses: annotate.ParseCache,
) -> Callable[[Statement, int], str | None]:
    """The lemma of the subject of the clause a statement's word at `at` (an offset into the
    statement's text) belongs to: the sentence is parsed (once, through the parse cache) and
    the word climbs from auxiliary or complement to its verb; None for a pronoun, "there" or
    "it", or no subject."""
    by_id = {a.id: a for a in articles}

    def subject(statement: Statement, at: int) -> str | None:
        article, annotation = by_id.get(statement.article), annotations.get(statement.article)
        if article is None or annotation is None:
            return None
        (parse,) = annotate.parse_sentences(
            article, annotation, [statement.index], nlp=nlp, cache=parses
        )
        head = {arc.index: (arc.head, arc.dep) for arc in parse.arcs}
        where = statement.span.start + at
        tokens = annotation.tokens
        node = next((i for i in head if tokens[i].start <= where < tokens[i].end), None)
        return subject_lemma(head, node, lambda i: (tokens[i].pos, tokens[i].lemma))

    return subject


def keys_of(articles: Sequence[Article], keys: Mapping[str, str]) -> dict[str, str]:
    """The independent source of each of these articles (a copy has none of its own)."""
    return {a.id: keys[a.id] for a in articles}


def _namer(labels: Mapping[str, str]) -> Callable[[str], str]:
    def name(article: str) -> str:
        return labels.get(article, article)

    return name


def _labels(articles: Sequence[Article]) -> dict[str, str]:
    """How an explanation names an article: its outlet, else its file name."""
    return {a.id: a.outlet or Path(a.path).name for a in articles}


def _topic(
    chosen: Sequence[Statement], weight: Mapping[str, float], names: Mapping[str, str]
) -> str:
    shared = set(chosen[0].features)
    for statement in chosen[1:]:
        shared &= set(statement.features)
    if not shared:
        # the features most of the group holds
        counts: dict[str, int] = {}
        for statement in chosen:
            for f in statement.features:
                counts[f] = counts.get(f, 0) + 1
        shared = {f for f, n in counts.items() if n * 2 >= len(chosen)}
    ranked = sorted(shared, key=lambda f: (-weight.get(f, 0.0), f))[:4]
    parts = []
    for feature in ranked:
        kind, value = feature.split(":", 1)
        parts.append(names.get(value, value) if kind == "e" else value)
    return ", ".join(parts) or "the same passage"


def _figures(
    found: Sequence[Statement], labels: Mapping[str, str], similarity: Similarity
) -> list[Comparison]:
    settings = table("compare", "numbers")
    tolerance = float(settings["tolerance"])
    align = table("compare", "align")
    link = float(align["figure_link"])
    clash = float(align["figure_clash"])
    window = int(settings["clash_days"])
    by_noun: dict[str, list[tuple[int, Found]]] = {}
    for index, statement in enumerate(found):
        for figure in statement.figures:
            by_noun.setdefault(figure.noun, []).append((index, Found(figure, statement)))
    # two nouns for which the sources give the same two distinct figures (not small ones,
    # which any two counts share) are one thing
    big = float(settings["distinctive"])
    values = {noun: frozenset(f.figure.value for _, f in items) for noun, items in by_noun.items()}
    merged: dict[str, str] = {noun: noun for noun in by_noun}
    nouns = sorted(by_noun)
    for i, a in enumerate(nouns):
        for b in nouns[i + 1 :]:
            shared = {v for v in values[a] & values[b] if v >= big}
            # ... and those figures are most of what either gives: in a long story "people"
            # and "cases" share a few round numbers by chance
            if (
                len(shared) >= 2
                and 2 * len(shared) >= max(len(values[a]), len(values[b]))
                and merged[b] == b
            ):
                merged[b] = merged[a]
    groups: dict[str, list[tuple[int, Found]]] = {}
    for noun in nouns:
        groups.setdefault(merged[noun], []).extend(by_noun[noun])
    out = []
    most = int(settings["max_figures"])
    for noun, items in sorted(groups.items()):
        # a thing counted in hundreds of sentences (people, in a long story) is compared over
        # its first `max_figures` figures only: the pairs grow with the square of them
        items = items[:most]
        # a figure joins when a figure of another source stands in a similar sentence
        kept = [
            (i, f)
            for i, f in items
            if any(
                j != i
                and g.statement.witness != f.statement.witness
                and (similarity(i, j) >= link or values_shared(f, g))
                for j, g in items
            )
        ]
        if len({f.statement.witness for _, f in kept}) < 2:
            continue
        ordered = sorted(kept, key=lambda x: (x[1].figure.span.article, x[1].figure.span.start))
        position = {id(f): i for i, f in ordered}
        # two figures clash only when they count what the same verb says in similar
        # sentences, or where one article gives both from two named sources (a disputed
        # count: "the union says 6,500; the authority puts it at 4,000")
        disputed = {
            frozenset({a.figure.value, b.figure.value})
            for _, a in ordered
            for _, b in ordered
            if _disputed(a, b)
        }

        given: dict[str, set[float]] = {}
        for _, f in ordered:
            if not f.figure.ordinal:
                given.setdefault(f.statement.article, set()).add(f.figure.value)
        # cases in each country, each day: more than `max_values` figures for one thing
        many = len({f.figure.value for _, f in ordered}) > int(settings["max_values"])
        comparable = _comparable(similarity, position, disputed, clash, given, window, many)
        made = figure_comparison(
            [f for _, f in ordered], noun, tolerance, _namer(labels), comparable
        )
        if made is not None:
            out.append(made)
    return out


def _sum_of_parts(a: Found, b: Found) -> bool:
    """Whether `b`'s sentence gives figures for the same thing that add up to `a`'s ("30
    sailors" and "18 Greek and 12 Maltese sailors"): parts, not another count."""
    same = [
        f.value
        for f in b.statement.figures
        if f.noun == b.figure.noun and not f.ordinal and f.value != a.figure.value
    ]
    return len(same) >= 2 and abs(sum(same) - a.figure.value) < 1e-9


def _other_occasions(a: Statement, b: Statement) -> bool:
    """Whether the two sentences are dated to days that cannot meet ("flooded 400
    homes in 2019" beside "flooded 40 on Sunday"): figures of two occasions."""
    ours, theirs = calendar_dates(a.dates), calendar_dates(b.dates)
    return bool(ours and theirs) and not any(
        timevalues.overlaps(x, y) for x in ours for y in theirs
    )


def _together(a: Found, b: Found) -> bool:
    """Whether `b`'s sentence gives `a`'s figure too ("out of 30 sailors, 18 are ...")."""
    return any(f.value == a.figure.value and f.noun == b.figure.noun for f in b.statement.figures)


def _parts(a: Found, b: Found, given: Mapping[str, set[float]]) -> bool:
    """Whether `b`'s article gives `a`'s figure too (and it is no dispute of two named
    sources): the two figures then count different things the article tells apart."""
    return a.figure.value in given.get(b.statement.article, set())


def _other_source(a: str, b: str) -> bool:
    """Whether two named sources are two ("Gordon Brown" and "Brown" are one)."""
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return not (words_a <= words_b or words_b <= words_a)


def _disputed(a: Found, b: Found) -> bool:
    """Two figures for one thing that one article gives side by side (in one sentence or the
    next), each from its own named source, the second restating the first through "the
    figure", "the number" ("4,000 dockers took part, according to the port authority; the
    union has put the figure at 6,500")."""
    fa, fb = a.figure, b.figure
    if _sum_of_parts(a, b) or _sum_of_parts(b, a):
        return False
    return (
        a.statement.article == b.statement.article
        and abs(a.statement.index - b.statement.index) <= 1
        and fa.value != fb.value
        and not fa.ordinal
        and not fb.ordinal
        and fa.noun == fb.noun
        and (fa.restated or fb.restated)
        and bool(fa.source and fb.source)
        and _other_source(str(fa.source), str(fb.source))
        and not any(ch.isdigit() for ch in str(fa.source) + str(fb.source))
        and len(str(fa.source).split()) <= 5
        and len(str(fb.source).split()) <= 5
    )


def _days_apart(a: Statement, b: Statement) -> int:
    """Days between the two articles' publication (0 when either is undated)."""
    first = [timevalues.first_day(s.published) if s.published else None for s in (a, b)]
    if first[0] is None or first[1] is None:
        return 0
    return abs((first[0] - first[1]).days)


def _comparable(
    similarity: Similarity,
    position: Mapping[int, int],
    disputed: set[frozenset[float]],
    clash: float,
    given: Mapping[str, set[float]],
    window: int,
    many: bool,
) -> Callable[[Found, Found], bool]:
    def comparable(a: Found, b: Found) -> bool:
        if _sum_of_parts(a, b) or _sum_of_parts(b, a):
            return False
        if frozenset({a.figure.value, b.figure.value}) in disputed:
            return True
        if _parts(a, b, given) or _parts(b, a, given) or _together(a, b) or _together(b, a):
            return False
        if _other_occasions(a.statement, b.statement):
            return False
        if a.figure.increment or b.figure.increment:
            return False  # "five more pupils", "two new cases": a count of its own
        if many:
            return False  # a thing the story counts many ways is many things
        if _days_apart(a.statement, b.statement) > window:
            return False  # a running count told days apart changed, it did not clash
        return (
            a.figure.predicate != ""
            and a.figure.predicate == b.figure.predicate
            and similarity(position[id(a)], position[id(b)]) >= clash
        )

    return comparable


def values_shared(a: Found, b: Found) -> bool:
    """Two sources giving the same figure for the same noun."""
    return a.figure.value == b.figure.value and a.figure.ordinal == b.figure.ordinal
