"""The stage's entry points: `extract_quotes` runs the modules over one annotated article
(regions, a title-case headline tagged again, candidate sentences, parse, cues, speakers,
content), and
`extract_quotes_from_text` cleans and annotates a plain text first (`storyline quotes FILE`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from storyline.model import Annotation, Arc, Article, Document, Entity, Parse, Quote
from storyline.stages.annotate import (
    ParseCache,
    SentenceRows,
    annotate_articles,
    dependency_graph,
    parse_sentences,
    split_at_paragraphs,
)
from storyline.stages.clean import clean_document
from storyline.stages.published import given
from storyline.stages.quotes._context import _Context, _Mentions
from storyline.stages.quotes.confidence import _screen
from storyline.stages.quotes.content import (
    _bare_cues,
    _colon_frames,
    _dedupe,
    _direct_and_mixed,
    _indirect,
    _labelled,
)
from storyline.stages.quotes.cues import _attributions, _candidate_sentences
from storyline.stages.quotes.regions import _paragraphs, _regions
from storyline.stages.quotes.speaker import _fill_implicit, _register_speakers


def extract_quotes(
    article: Article,
    annotation: Annotation,
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    parses: ParseCache | None = None,
    mentions: Mapping[str, _Mentions] | None = None,
    rows: SentenceRows | None = None,
) -> list[Quote]:
    """The quotes of one annotated article, sorted by position.

    `nlp` is the spaCy pipeline that annotated it (only candidate sentences are parsed; with
    `parses`, a cache shared with other stages). With `entities`, each speaker is linked to
    the entity with a mention at its name; `mentions` is `index_mentions(entities)`, made once
    for a story's articles (without it, each article indexes the story's mentions itself).
    The attribution check (`confidence`) has the last word on each speaker. With `rows`, the
    sentences parsed here leave their tok2vec rows (for the events stage's trigger vectors).
    """
    found = _extract(
        article,
        annotation,
        nlp=nlp,
        entities=entities,
        parses=parses,
        mentions=mentions,
        rows=rows,
    )
    if found is None:
        return []
    quotes, ctx = found
    return _screen(ctx, quotes)


def _extract(
    article: Article,
    annotation: Annotation,
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    parses: ParseCache | None = None,
    mentions: Mapping[str, _Mentions] | None = None,
    rows: SentenceRows | None = None,
) -> tuple[list[Quote], _Context] | None:
    """The quotes the rules find, before the attribution check, with the context they were
    found in (None for an article with nothing to read); the check's training reads both."""
    if not article.analysed or not article.text.strip():
        return None
    text = article.text
    paragraphs = _paragraphs(text)
    regions = _regions(text)
    annotation = split_at_paragraphs(annotation, text)
    annotation, headline = _title_case_headline(article, annotation, nlp)
    candidates = _candidate_sentences(article, annotation, regions)
    parsed = (
        parse_sentences(article, annotation, candidates, nlp=nlp, cache=parses, rows=rows)
        if candidates
        else ()
    )  # the headline too: other stages share the cache and its rows
    parsed = tuple(headline.get(p.sentence, p) for p in parsed)
    graph = dependency_graph(annotation, parsed)
    ctx = _Context(article, annotation, graph, regions, entities, paragraphs, mentions=mentions)
    attributions = _attributions(ctx)
    _register_speakers(ctx, attributions)
    quotes = _direct_and_mixed(ctx, attributions) + _indirect(ctx, attributions)
    quotes += _bare_cues(ctx, attributions, quotes)
    quotes = _colon_frames(ctx, attributions, _labelled(ctx, quotes))
    quotes = _dedupe(quotes)
    return _fill_implicit(ctx, sorted(quotes, key=lambda q: (q.full.start, q.span.start))), ctx


_WORDS = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case_headline(
    article: Article, annotation: Annotation, nlp: Any
) -> tuple[Annotation, dict[int, Parse]]:
    """A title-case headline ("Harbour Mayor Backs Ferry Plan") tagged and parsed again with
    its words in lower case where the body does not write them capitalised: the tagger reads
    a capitalised verb as a name, so no cue rule sees it. Returns the annotation with the
    headline's tokens retagged and the headline sentences' parses by sentence index (nothing
    when the first line is not in title case)."""
    text = article.text
    end = text.find("\n")
    end = len(text) if end < 0 else end
    long_words = [w for w in _WORDS.findall(text, 0, end) if len(w) > 3]
    if nlp is None or len(long_words) < 3:
        return annotation, {}
    if sum(w[0].isupper() for w in long_words) < 0.6 * len(long_words):
        return annotation, {}
    body = set(_WORDS.findall(text, end))
    lowered = list(text[:end])
    for match in _WORDS.finditer(text, 0, end):
        word = match.group()
        if word[0].isupper() and word[1:].islower() and (word not in body or word.lower() in body):
            lowered[match.start()] = word[0].lower()
    sentences = [i for i, s in enumerate(annotation.sentences) if s.end <= end]
    if not sentences:
        return annotation, {}
    position = {token.start: i for i, token in enumerate(annotation.tokens)}
    tokens = list(annotation.tokens)
    found: dict[int, Parse] = {}
    recased = "".join(lowered)
    pieces = [
        recased[annotation.sentences[i].start : annotation.sentences[i].end] for i in sentences
    ]
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == "ner"]):
        for index, doc in zip(sentences, nlp.pipe(pieces), strict=True):
            offset = annotation.sentences[index].start
            arcs = []
            for token in doc:
                child = position.get(offset + token.idx)
                head = position.get(offset + token.head.idx)
                if child is None or head is None or token.is_space:
                    continue
                arcs.append(Arc(child, head, token.dep_))
                if tokens[child].end == offset + token.idx + len(token.text):
                    tokens[child] = replace(
                        tokens[child], lemma=token.lemma_, pos=token.pos_, tag=token.tag_
                    )
            found[index] = Parse(index, tuple(arcs))
    return replace(annotation, tokens=tuple(tokens)), found


def sentences_to_parse(article: Article, annotation: Annotation) -> tuple[Annotation, list[int]]:
    """The annotation cut at line breaks (as `extract_quotes` reads it) and the indices of its
    sentences that `extract_quotes` parses, so they can be parsed ahead (`stages.prepare`)."""
    if not article.analysed or not article.text.strip():
        return annotation, []
    return _to_parse(article, annotation, _regions(article.text))


def _to_parse(
    article: Article, annotation: Annotation, regions: Sequence[Any]
) -> tuple[Annotation, list[int]]:
    annotation = split_at_paragraphs(annotation, article.text)
    return annotation, _candidate_sentences(article, annotation, regions)


def extract_quotes_from_text(
    text: str,
    *,
    nlp: Any,
    published: str | None = None,
    path: str = "-",
) -> tuple[Article, list[Quote]]:
    """Clean, annotate and quote a plain text (for `storyline quotes FILE`).

    Offsets of the quotes are into `article.text` (the cleaned text); `article.raw_offset`
    maps them back to `text`. `published` (`YYYY-MM-DD`) anchors channel dates.
    """
    article = clean_document(Document(path, text, "text", published=published))
    if published:
        article = replace(article, published=given(published))
    if not article.analysed:
        return article, []
    annotation = annotate_articles([article], nlp=nlp)[0]
    return article, extract_quotes(article, annotation, nlp=nlp)
