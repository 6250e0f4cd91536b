"""Shared helpers for the s16 experiment (not product code)."""
import hashlib, pickle
from dataclasses import replace
import numpy as np
from storyline.stages.annotate import dependency_graph, parse_sentences
from storyline.stages.quotes._context import _Context, _entities_at
from storyline.stages.quotes.regions import _paragraphs, _regions, _inside
from storyline.stages.quotes.extract import _to_parse
from storyline.stages.quotes.cues import (_attributions, _not_a_cue, _possessed_cue,
    _reporting_verb, _stance_adjective)
from storyline.stages._index import Starts

C = "/work/cache/s16-polnear/"

def load(split):
    return pickle.load(open(C + split + ".pkl", "rb"))

def context(article, annotation, parses):
    if not article.analysed or not article.text.strip():
        return None
    text = article.text
    paragraphs = _paragraphs(text)
    regions = _regions(text)
    annotation, candidates = _to_parse(article, annotation, regions)
    parsed = parse_sentences(article, annotation, candidates, nlp=None, cache=parses) if candidates else ()
    graph = dependency_graph(annotation, parsed)
    return _Context(article, annotation, graph, regions, (), paragraphs), parsed

_POS = frozenset({"VERB", "NOUN", "ADJ"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MARKS = '"“”'
_BUCKETS = (2, 5, 10, 20, 40)

def candidates(ctx, found):
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
        out.append((index, replace(attribution, learned=True), keys))
    return out

def _attribution(ctx, index):
    token = ctx.annotation.tokens[index]
    if token.pos == "VERB":
        return None if _not_a_cue(ctx, index) else _reporting_verb(ctx, index)
    if token.pos == "NOUN":
        return _possessed_cue(ctx, index)
    if ctx.graph.dep.get(index) == "acomp":
        return _stance_adjective(ctx, index)
    return None

def _bucket(count):
    for cut in _BUCKETS:
        if count <= cut:
            return str(cut)
    return "more"

def _keys(ctx, index, attribution):
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
    word = text[tokens[subject].start : tokens[subject].end].lower()
    label = next((e.label for e in _entities_at(ctx.annotation, tokens[subject].start) if e.label in _LABELS), None)
    if word in _PRONOUNS:
        keys.append(f"subj_pron={word}")
    elif label is not None:
        keys.append(f"subj_ent={label}")
    keys.append(f"subj_pos={tokens[subject].pos}")
    keys.append("subj_left" if subject < index else "subj_right")
    start, end = attribution.content
    keys.append("content_right" if start >= token.start else "content_left")
    keys.append(f"content_words={_bucket(len(text[start:end].split()))}")
    sentence = ctx.annotation.sentences[graph.sentence[index]]
    if any(mark in text[sentence.start : sentence.end] for mark in _MARKS):
        keys.append("quote_mark")
    return keys

def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()
