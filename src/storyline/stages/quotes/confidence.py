"""The attribution check: is the speaker we found for a quote really its source?

The rules find a speaker for every cue they take, and about one in seven of those on
PolNeAR is no gold source (a common noun the parser made the subject of a verb that reports
nothing, a pronoun inside someone else's reported words, an object taken for a subject).
A second logistic regression, trained like the cue detector (`storyline.models.cues`) but
on the quotes we find, scores each quote's attribution from the parse: the cue's lemma,
tag, dependency, word list and detector probability; the speaker's tag, dependency, entity
label, pronoun, role noun and length; where the speaker sits (before or after the cue,
inside quote marks, inside another quote's words); the quote's kind and length.

Below `ATTRIBUTION_THRESHOLD_DIRECT` a direct quote keeps its words without a speaker (the
words are certain, the speaker is not); below `ATTRIBUTION_THRESHOLD` any other quote is
dropped (its words are only known through the cue). The weights are
`models/attribution_model.json`, trained on the PolNeAR train texts from the 301st on:
`python -m storyline.evaluation.train_cues --attributions ../shared/data/polnear` (the
first 300 train texts stay held out).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Quote
from storyline.models.cues import (
    ATTRIBUTION_THRESHOLD,
    ATTRIBUTION_THRESHOLD_DIRECT,
    attribution_model,
    cue_model,
    verb_features,
)
from storyline.stages._index import Starts, once
from storyline.stages.quotes._context import _Context, _entities_at, _token_starts
from storyline.stages.quotes.cues import REPORTING_VERBS, SPEECH_VERBS, _lemma
from storyline.stages.quotes.regions import _inside
from storyline.stages.quotes.speaker import (
    _GROUP_PRONOUNS,
    _PERSON_PRONOUNS,
    _RELATIVE,
    _ROLE_NOUNS,
    _THING_PRONOUNS,
    _subject,
)

_PRONOUNS = _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS | _RELATIVE
_BUCKETS = (1, 2, 3, 5, 8, 13, 21, 34)


def _screen(ctx: _Context, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes whose attribution the model believes; a direct quote it doubts keeps its
    words without a speaker, any other doubted quote is dropped."""
    model = attribution_model()
    kept: list[Quote] = []
    for quote in quotes:
        if quote.speaker is not None:
            probability = model.probability(_features(ctx, quote, quotes))
            direct = quote.kind == "direct"
            if probability < (ATTRIBUTION_THRESHOLD_DIRECT if direct else ATTRIBUTION_THRESHOLD):
                if quote.kind != "direct":
                    continue
                quote = replace(quote, speaker=None)
        kept.append(quote)
    return kept


def _bucket(count: int) -> str:
    for cut in _BUCKETS:
        if count <= cut:
            return str(cut)
    return "more"


def _head_of(ctx: _Context, start: int, end: int) -> int | None:
    """The parsed token of `[start, end)` whose head lies outside it (else its last token)."""
    tokens = ctx.annotation.tokens
    graph = ctx.graph
    starts = _token_starts(ctx.annotation)
    first = bisect.bisect_left(starts, start)
    inside = []
    for index in range(first, len(tokens)):
        if tokens[index].start >= end:
            break
        inside.append(index)
    if not inside:
        return None
    for index in inside:
        head = graph.head.get(index)
        if head is None:
            continue
        if head == index or not start <= tokens[head].start < end:
            return index
    return inside[-1]


def _features(ctx: _Context, quote: Quote, quotes: Sequence[Quote]) -> list[str]:
    """The feature keys of one quote's attribution (it has a speaker)."""
    assert quote.speaker is not None
    tokens = ctx.annotation.tokens
    graph = ctx.graph
    features = [f"kind={quote.kind}", f"implicit={quote.implicit}"]
    mention = quote.speaker.mention
    speaker = _head_of(ctx, mention.start, mention.end)
    cue = _head_of(ctx, quote.cue.start, quote.cue.end) if quote.cue else None
    if quote.cue is None:
        features.append("cue=none")
    if cue is not None:
        features.extend(_cue_features(ctx, cue))
        assert quote.cue is not None
        features.append(f"cue_words={_bucket(len(quote.cue.text.split()))}")
    elif quote.cue is not None:
        features.append("cue_text=" + quote.cue.text.lower()[:12])
    word = mention.text.lower()
    features.append(f"spk_words={_bucket(len(mention.text.split()))}")
    if word in _PRONOUNS:
        features.append(f"spk_pron={word}")
        features.append(f"spk_resolved={quote.speaker.name is not None}")
    if speaker is not None:
        token = tokens[speaker]
        features.append(f"spk_tag={token.tag}")
        features.append(f"spk_dep={graph.dep.get(speaker, 'none')}")
        if token.pos == "NOUN":
            features.append(f"spk_lemma={token.lemma.lower()}")
        label = next((e.label for e in _entities_at(ctx.annotation, token.start)), "none")
        features.append(f"spk_ent={label}")
        if token.lemma.lower() in _ROLE_NOUNS:
            features.append("spk_role")
        if cue is not None:
            features.append("spk_before" if speaker < cue else "spk_after")
            features.append(f"spk_dist={_bucket(abs(speaker - cue))}")
    if _inside(ctx.regions, mention.start):
        features.append("spk_in_quote")
    # the other quotes whose content holds a position, from an index of the quotes'
    # contents built once per list (a look at every other quote made this quadratic)
    contents = once("quote contents", quotes, lambda: Starts([_full(o) for o in quotes]))
    if any(quotes[i] is not quote for i in contents.holding(mention.start)):
        features.append("spk_in_other_content")
    cue_span = quote.cue
    if cue_span is not None and any(
        quotes[i] is not quote and quotes[i].cue != cue_span
        for i in contents.holding(cue_span.start)
    ):
        features.append("cue_in_other_content")
    features.append(f"content_words={_bucket(len(quote.full.text.split()))}")
    if quote.channel is not None:
        features.append("channel")
    if ctx.paragraphs and ctx.paragraphs[0][0] <= quote.full.start <= ctx.paragraphs[0][1]:
        features.append("headline_par")
    return features


def _full(quote: Quote) -> tuple[int, int]:
    return quote.full.start, quote.full.end


def _cue_features(ctx: _Context, cue: int) -> list[str]:
    """The cue's lemma, tag, dependency, word list, detector probability and head."""
    text = ctx.article.text
    tokens = ctx.annotation.tokens
    graph = ctx.graph
    token = tokens[cue]
    lemma = _lemma(text, token)
    features = [
        f"cue_lemma={lemma}",
        f"cue_tag={token.tag}",
        f"cue_dep={graph.dep.get(cue, 'none')}",
    ]
    features.append("cue_listed" if lemma in REPORTING_VERBS else "cue_other")
    if lemma in SPEECH_VERBS:
        features.append("cue_speech")
    if token.pos == "VERB" and cue in graph.sentence:
        sentence = ctx.annotation.sentences[graph.sentence[cue]]
        subject = _subject(graph, tokens, cue, ctx.regions)
        probability = cue_model().probability(
            verb_features(
                text,
                tokens,
                graph,
                ctx.annotation.entities,
                cue,
                subject,
                (sentence.start, sentence.end),
                lambda position: _entities_at(ctx.annotation, position),
            )
        )
        features.append(f"cue_p={int(probability * 5)}")
    if cue in graph.head:
        head = graph.head[cue]
        features.append("cue_root" if head == cue else f"cue_head_pos={tokens[head].pos}")
    return features
