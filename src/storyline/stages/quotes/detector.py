"""The contextual cue detector: cue words that no list and no lemma names.

After the rules and the lemma-keyed detector (`cues._attributions`) have taken their cues,
every verb, noun and adjective of the parsed sentences that they left alone, outside quote
marks, is offered to a second learned model (`storyline.models.cue_tokens`) that reads the
tok2vec rows of the token, its head and its speaker rather than its lemma, so it can take a
word it never saw for a cue ("X lambasted the plan", "X's misgivings about ..."). A token is
asked only when the rules can make an attribution of it (a verb's subject and its clause or
objects, `cues._reporting_verb`; a noun's possessor and its clause, `cues._possessed_cue`; a
linking verb's subject and an adjective's complement, `cues._stance_adjective`), and its
attribution is kept when the model gives it at least the model's threshold. Such a cue
frames no direct quote (as the lemma detector's do not), and its quote has been through
this model's own check, so the attribution check (`confidence`) leaves it alone.

The tok2vec rows are the sentence parse's own (`annotate.parse_sentences(rows=...)`), kept
by the pipeline; a sentence whose parse came from a cache without them is run through
tok2vec once here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from storyline.model import Annotation, Article, Parse
from storyline.models.cue_tokens import WIDTH, token_cue_model
from storyline.stages._index import Starts
from storyline.stages.annotate import SentenceRows
from storyline.stages.quotes._context import _Attribution, _Context, _entities_at
from storyline.stages.quotes.cues import (
    _not_a_cue,
    _possessed_cue,
    _reporting_verb,
    _stance_adjective,
)
from storyline.stages.quotes.regions import _inside

_POS = frozenset({"VERB", "NOUN", "ADJ"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MARKS = '"“”'
_BUCKETS = (2, 5, 10, 20, 40)


class TokenRows:
    """The tok2vec row of each parsed token of one article: the mean of the rows of the
    sentence-level tokens that overlap it (the sentence parse may split a word otherwise)."""

    def __init__(
        self,
        article: Article,
        annotation: Annotation,
        parsed: Sequence[Parse],
        *,
        nlp: Any,
        rows: SentenceRows | None,
    ) -> None:
        self._article = article
        self._annotation = annotation
        self._nlp = nlp
        self._rows: SentenceRows = {} if rows is None else rows
        self._keys = [
            (
                article.id,
                annotation.sentences[p.sentence].start,
                annotation.sentences[p.sentence].end,
            )
            for p in parsed
        ]
        self._index = Starts([(k[1], k[2]) for k in self._keys])
        self._filled = False

    def _fill(self) -> None:
        """Run tok2vec over the parsed sentences whose rows nobody kept."""
        self._filled = True
        missing = [k for k in self._keys if k not in self._rows]
        if not missing:
            return
        texts = [self._article.text[start:end] for _, start, end in missing]
        with self._nlp.select_pipes(enable=["tok2vec"]):
            for key, doc in zip(missing, self._nlp.pipe(texts), strict=True):
                starts = [key[1] + token.idx for token in doc]
                ends = [key[1] + token.idx + len(token.text) for token in doc]
                self._rows[key] = (starts, ends, doc.tensor)

    def row(self, index: int | None) -> Any:
        """The row of token `index` (zeros for None or a token no sentence row covers)."""
        if index is None:
            return np.zeros(WIDTH)
        if not self._filled:
            self._fill()
        token = self._annotation.tokens[index]
        for found in self._index.holding(token.start):
            starts, ends, tensor = self._rows[self._keys[found]]
            chosen = [
                n
                for n, (a, b) in enumerate(zip(starts, ends, strict=True))
                if a < token.end and b > token.start
            ]
            if chosen and len(tensor):
                return np.asarray(tensor[chosen], dtype=np.float64).mean(axis=0)
        return np.zeros(WIDTH)


def _detected(ctx: _Context, found: Sequence[_Attribution], rows: TokenRows) -> list[_Attribution]:
    """The attributions of the tokens the model takes for cues, among those `found` left."""
    model = token_cue_model()
    out = []
    for _index, attribution, vector, keys in _candidates(ctx, found, rows):
        if model.probability(vector, keys) >= model.threshold:
            out.append(attribution)
    return out


def _candidates(
    ctx: _Context, found: Sequence[_Attribution], rows: TokenRows
) -> list[tuple[int, _Attribution, Any, list[str]]]:
    """Each token the detector is asked about: its index, the attribution the rules make of
    it and its features (the dense rows and the parse keys). The training reads them too."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    cues = Starts([a.cue for a in found])
    contents = Starts([a.content or (0, 0) for a in found])
    taken = {a.verb for a in found}
    out = []
    for index in sorted(graph.head):
        token = tokens[index]
        if token.pos not in _POS or index in taken or cues.holding(token.start):
            continue
        if _inside(ctx.regions, token.start):
            continue
        attribution = _attribution(ctx, index)
        if attribution is None or attribution.subject is None or attribution.content is None:
            continue
        keys = _keys(ctx, index, attribution)
        if contents.holding(token.start):
            keys.append("in_content")
        head = graph.head.get(index, index)
        vector = np.concatenate(
            [
                rows.row(index),
                rows.row(head if head != index else None),
                rows.row(attribution.subject),
            ]
        )
        out.append((index, replace(attribution, learned=True), vector, keys))
    return out


def _attribution(ctx: _Context, index: int) -> _Attribution | None:
    token = ctx.annotation.tokens[index]
    if token.pos == "VERB":
        return None if _not_a_cue(ctx, index) else _reporting_verb(ctx, index)
    if token.pos == "NOUN":
        return _possessed_cue(ctx, index)
    if ctx.graph.dep.get(index) == "acomp":
        return _stance_adjective(ctx, index)
    return None


def _bucket(count: int) -> str:
    for cut in _BUCKETS:
        if count <= cut:
            return str(cut)
    return "more"


def _keys(ctx: _Context, index: int, attribution: _Attribution) -> list[str]:
    """The parse keys of a candidate: its tag and dependency, its head's part of speech, its
    children's dependencies, its speaker's kind and side, the reported words' side and
    length, a quote mark in the sentence."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    token = tokens[index]
    keys = [f"pos={token.pos}", f"tag={token.tag}", f"dep={graph.dep.get(index, '')}"]
    head = graph.head.get(index, index)
    keys.append("root" if head == index else f"head_pos={tokens[head].pos}")
    for kid in graph.kids(index):
        dep = graph.dep[kid]
        if dep not in ("punct", "det"):
            keys.append(f"kid={dep}_{'r' if kid > index else 'l'}")
    subject = attribution.subject
    assert subject is not None
    word = text[tokens[subject].start : tokens[subject].end].lower()
    label = next(
        (
            e.label
            for e in _entities_at(ctx.annotation, tokens[subject].start)
            if e.label in _LABELS
        ),
        None,
    )
    if word in _PRONOUNS:
        keys.append(f"subj_pron={word}")
    elif label is not None:
        keys.append(f"subj_ent={label}")
    keys.append(f"subj_pos={tokens[subject].pos}")
    keys.append("subj_left" if subject < index else "subj_right")
    assert attribution.content is not None
    start, end = attribution.content
    keys.append("content_right" if start >= token.start else "content_left")
    keys.append(f"content_words={_bucket(len(text[start:end].split()))}")
    sentence = ctx.annotation.sentences[graph.sentence[index]]
    if any(mark in text[sentence.start : sentence.end] for mark in _MARKS):
        keys.append("quote_mark")
    return keys
