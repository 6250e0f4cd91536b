"""What each sentence states that another article can confirm or contradict.

A sentence of an analysed article becomes a `Statement`: its weighted features for alignment
(content lemmas, the ids of the entities it mentions, the date values it states), and its
checkable values:
- `dates`: the TIMEX3 values of its DATE expressions (`stages/timex`);
- `figures`: its numbers with what they count (`Figure`): the noun a number modifies, the
  word a unit measures ("a pay rise of 7 percent": rise), or, for a noun that says nothing
  ("put the figure at 6,500"), the counted noun of the figure before it; ordinals read as
  numbers ("her third visit"); numbers inside a date and durations are left out;
- `source`: who the article says the sentence comes from ("according to the port
  authority", a quote's speaker).

Figures need the dependency parse; only the sentences that hold a number are parsed (with
the run's parse cache, so a sentence the quotes or events stage parsed is not parsed again).
Word lists: `lexicon/en/compare.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.lexicon import table
from storyline.model import (
    Annotation,
    Arc,
    Article,
    ArticleTimex,
    Entity,
    Quote,
    Span,
    Token,
)
from storyline.stages import annotate

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_WORD = re.compile(r"^[\w][\w'’.-]*$")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a sentence states: its words, value, what it counts, whether it is an
    ordinal ("fifth") or approximate ("about 4,000")."""

    span: Span
    value: float
    noun: str
    ordinal: bool
    approximate: bool
    thing: str = ""  # the counted noun as the article writes it ("dock workers")
    source: str | None = None  # who gives the figure ("the port authority")
    predicate: str = ""  # the verb the figure's phrase hangs from ("walk", "capture")
    restated: bool = False  # read through "the figure", "the number", "the toll"
    bound: str = ""  # "min" for "at least 3", "max" for "as many as 80"
    increment: bool = False  # "five more pupils", "two new cases": added to a count


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of an article as the comparison reads it."""

    article: str
    witness: str
    span: Span
    features: tuple[str, ...]
    dates: tuple[str, ...]
    figures: tuple[Figure, ...]
    source: str | None
    published: str | None
    index: int = 0  # the sentence's position in its article
    items: tuple[tuple[str, ...], ...] = ()  # its enumerations ("trade, energy and education")
    role: tuple[str, ...] = ()  # the nouns that describe its named source ("the wire agency X")


@cache
def _numbers() -> dict[str, Any]:
    return table("compare", "numbers")


@cache
def _lists() -> dict[str, frozenset[str]]:
    numbers = _numbers()
    return {
        key: frozenset(numbers[key])
        for key in (
            "units",
            "time_units",
            "generic",
            "approximate",
            "at_least",
            "at_most",
            "increments",
        )
    }


def statements(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotation],
    entities: Sequence[Entity],
    timexes: Sequence[ArticleTimex],
    quotes: Sequence[Quote],
    witnesses: Mapping[str, str],
    *,
    nlp: Any,
    parses: annotate.ParseCache | None = None,
) -> list[Statement]:
    """Every sentence of the analysed articles with what it states, in article order."""
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            by_article.setdefault(mention.article, []).append(
                (mention.start, mention.end, entity.id)
            )
    dated: dict[str, list[ArticleTimex]] = {}
    for timex in timexes:
        dated.setdefault(timex.article, []).append(timex)
    spoken: dict[str, list[Quote]] = {}
    for quote in quotes:
        spoken.setdefault(quote.article, []).append(quote)
    out: list[Statement] = []
    for article in articles:
        annotation = annotations.get(article.id)
        if annotation is None or not article.analysed:
            continue
        published = article.published.value if article.published else None
        mentions = sorted(by_article.get(article.id, []))
        times = sorted(dated.get(article.id, []), key=lambda t: (t.start, t.end))
        said = spoken.get(article.id, [])
        tokens_of = _sentence_tokens(annotation)
        wanted = [
            i
            for i, toks in enumerate(tokens_of)
            if any(_is_number(t, article.text) for _, t in toks)
        ]
        arcs = {
            p.sentence: p.arcs
            for p in annotate.parse_sentences(article, annotation, wanted, nlp=nlp, cache=parses)
        }
        previous: list[Figure] = []
        for i, sentence in enumerate(annotation.sentences):
            for start, end in _lines(article.text, sentence.start, sentence.end):
                if len(article.text[start:end].split()) < 4:
                    continue
                span = article.span(start, end)
                toks = [(k, t) for k, t in tokens_of[i] if start <= t.start < end]
                inside = [(s, e, ent) for s, e, ent in mentions if s >= start and e <= end]
                stated = [
                    t for t in times if t.start >= start and t.end <= end and t.type == "DATE"
                ]
                # a name is one feature (its entity id), not one per word
                named = {
                    k
                    for k, t in toks
                    if t.pos == "PROPN" and any(s <= t.start < e for s, e, _ in inside)
                }
                lemmas = frozenset(_lemma(t) for k, t in toks if _content(t) and k not in named)
                features = sorted(
                    {f"w:{lemma}" for lemma in lemmas}
                    | {f"e:{ent}" for _, _, ent in inside}
                    | {f"t:{v}" for v in _date_keys(stated)}
                )
                figures = tuple(
                    f if f.source else replace(f, source=_source(article, f.span, said, True))
                    for f in _figures(article, toks, arcs.get(i, ()), stated, previous)
                )
                if figures:
                    previous = list(figures)
                source = _source(article, span, said)
                out.append(
                    Statement(
                        article=article.id,
                        witness=witnesses.get(article.id, article.id),
                        span=span,
                        features=tuple(features),
                        dates=tuple(sorted({t.value for t in stated})),
                        figures=figures,
                        index=i,
                        items=_enumerations(toks, article.text),
                        source=source,
                        published=published,
                        role=_role(source, toks, article.text, start, end),
                    )
                )
    return out


def _role(
    source: str | None, toks: Sequence[tuple[int, Token]], text: str, start: int, end: int
) -> tuple[str, ...]:
    """The common nouns written just before a named source in the sentence, which say what
    it is ("the wire agency" before "Northwind Press"): at most three words of one noun
    phrase, in their order; nothing when the source is no name or is not written there."""
    if not source or not any(c.isupper() for c in source):
        return ()
    at = text.find(source, start, end)
    if at < 0:
        return ()
    # the name starts at the source's first capitalised word that is not its first word
    # ("the wire agency Northwind Press"), or at the source itself
    for _, token in toks:
        if at < token.start < at + len(source) and text[token.start].isupper():
            at = token.start
            break
    before = [t for _, t in toks if t.end <= at]
    out: list[str] = []
    edge = at
    for token in reversed(before[-3:]):
        if token.pos not in ("NOUN", "ADJ", "PROPN") or text[token.end : edge].strip():
            break
        if token.pos == "NOUN":
            out.append(_lemma(token))
        edge = token.start
    return tuple(reversed(out))


def _enumerations(toks: Sequence[tuple[int, Token]], text: str) -> tuple[tuple[str, ...], ...]:
    """The sentence's lists of three or more things: runs of short common-noun phrases joined
    by commas and a last "and" or "or" ("fishing, shipping, tourism, and energy"), each
    item as the lemma of its last noun (lists of names are the entities' business)."""
    out: list[tuple[str, ...]] = []
    items: list[str] = []
    phrase: list[Token] = []
    closed = False

    def end_item(last: bool = False) -> bool:
        nouns = [t for t in phrase if t.pos == "NOUN"]
        if not nouns or len(phrase) > 4 or phrase[-1].pos == "PROPN":
            return False
        # the last item may carry the head the list shares ("trade, education and energy
        # issues"): its first noun names it
        items.append(_lemma(nouns[0] if last else nouns[-1]))
        return True

    def flush() -> None:
        nonlocal items, closed
        if closed and len(items) >= 3:
            out.append(tuple(items))
        items, closed = [], False

    for _, token in toks:
        word = text[token.start : token.end].lower()
        if word == "," or word in ("and", "or"):
            if phrase and not end_item():
                flush()
            elif word in ("and", "or") and items:
                closed = True
            phrase = []
            continue
        if token.pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM") or word == "-":
            phrase.append(token)
            continue
        # anything else ends the list, its last item included
        if phrase and closed:
            end_item(last=True)
        phrase = []
        flush()
    if phrase and closed:
        end_item(last=True)
    flush()
    return tuple(out)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's lines (a headline the tagger joined to the first sentence is its own),
    without their surrounding blanks."""
    out = []
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = position + line.index(stripped[0])
            out.append((first, first + len(stripped)))
        position += len(line) + 1
    return out


def _sentence_tokens(annotation: Annotation) -> list[list[tuple[int, Token]]]:
    """Each sentence's tokens with their index in `annotation.tokens`."""
    out: list[list[tuple[int, Token]]] = [[] for _ in annotation.sentences]
    s = 0
    sentences = annotation.sentences
    for index, token in enumerate(annotation.tokens):
        while s < len(sentences) and token.start >= sentences[s].end:
            s += 1
        if s < len(sentences) and token.start >= sentences[s].start:
            out[s].append((index, token))
    return out


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _content(token: Token) -> bool:
    lemma = _lemma(token)
    return (
        token.pos in _CONTENT
        and lemma not in STOP_WORDS
        and len(lemma) > 1
        and _WORD.match(lemma) is not None
    )


def _date_keys(stated: Iterable[ArticleTimex]) -> set[str]:
    """A date's value and its year, so "September 2023" and "2023-09-10" share a key."""
    keys: set[str] = set()
    for timex in stated:
        value = timex.value
        if value[:4].isdigit():
            keys.add(value)
            keys.add(value[:4])
    return keys


def _is_number(token: Token, text: str) -> bool:
    word = text[token.start : token.end].lower()
    numbers = _numbers()
    return (
        token.tag == "CD" or word in numbers["ordinals"] or _ORDINAL_DIGITS.match(word) is not None
    )


def _value(word: str) -> tuple[float, bool] | None:
    """A number's value and whether it is an ordinal; None for words that are no number."""
    numbers = _numbers()
    word = word.lower()
    if word in numbers["ordinals"]:
        return float(numbers["ordinals"][word]), True
    match = _ORDINAL_DIGITS.match(word)
    if match:
        return float(match.group(1)), True
    if word in numbers["cardinals"]:
        return float(numbers["cardinals"][word]), False
    if _DIGITS.match(word):
        return float(word.replace(",", "")), False
    return None


def _figures(
    article: Article,
    toks: Sequence[tuple[int, Token]],
    arcs: Sequence[Arc],
    stated: Sequence[ArticleTimex],
    previous: Sequence[Figure],
) -> tuple[Figure, ...]:
    if not arcs:
        return ()
    lists = _lists()
    scales = _numbers()["scales"]
    token_at = dict(toks)
    head = {arc.index: (arc.head, arc.dep) for arc in arcs}
    children: dict[int, list[tuple[int, str]]] = {}
    for arc in arcs:
        children.setdefault(arc.head, []).append((arc.index, arc.dep))
    text = article.text
    found: list[Figure] = []
    for index, token in toks:
        restated = False
        word = text[token.start : token.end]
        read = _value(word)
        if read is None or not _is_number(token, text):
            continue
        if any(t.start <= token.start < t.end for t in stated):
            continue  # a day or a year of a date
        value, ordinal = read
        if ordinal and value == 1:
            continue  # "the first strike since 1998" names no count
        if not ordinal and 1900 <= value <= 2100 and "," not in word:
            continue  # a year the tagger missed
        up, dep = head.get(index, (index, ""))
        # "6.5 million": the scale word is the number's head or its child
        approximate = False
        for child, cdep in children.get(index, []):
            cword = (
                text[token_at[child].start : token_at[child].end].lower()
                if child in token_at
                else ""
            )
            if cword in scales:
                value *= float(scales[cword])
            if cword in lists["approximate"] or cdep == "advmod":
                approximate = True
        noun_index = up
        if dep in ("nummod", "amod", "conj", "appos", "compound") and up in token_at:
            noun_index = up
        elif dep == "pobj" or dep == "nsubj" or dep == "dobj":
            # "6,500 of its members": the noun is the object of the number's "of"
            noun_index = index
            for child, cdep in children.get(index, []):
                if cdep == "prep":
                    for grand, gdep in children.get(child, []):
                        if gdep == "pobj":
                            noun_index = grand
        noun_token = token_at.get(noun_index)
        if (
            noun_token is not None
            and noun_token.pos not in ("NOUN", "PROPN")
            and head.get(noun_index, (noun_index, ""))[1] == "conj"
        ):
            # "her first trip and her third overall": the noun of the first conjunct
            noun_index = head[noun_index][0]
            noun_token = token_at.get(noun_index)
        noun = _lemma(noun_token) if noun_token is not None else ""
        if noun in scales and noun_index in head:
            value *= float(scales[noun])
            noun_index = head[noun_index][0]
            noun_token = token_at.get(noun_index)
            noun = _lemma(noun_token) if noun_token is not None else ""
        if noun in lists["time_units"]:
            continue  # a duration or an age: "three hours", "20 years"
        if noun_token is not None and noun_token.pos == "PROPN":
            continue  # an age or a clock time: "Ostby, 41", "11 GMT"
        if value == 1 and not ordinal and word.lower() == "one":
            continue  # "one of the", "one side": rarely a count anyone disputes
        before = _before(toks, index, text, 3)
        for prefix in before:
            if prefix in lists["approximate"]:
                approximate = True
        bound = ""
        for n in (3, 2, 1):
            if " ".join(before[-n:]) in lists["at_least"]:
                bound = "min"
            elif " ".join(before[-n:]) in lists["at_most"]:
                bound = "max"
        if noun in lists["units"]:
            # what the unit measures: its governor ("a pay rise of 7 percent": rise)
            governor = noun_index
            for _ in range(3):
                governor, gdep = head.get(governor, (governor, ""))
                governing = token_at.get(governor)
                if governing is None:
                    break
                if governing.pos in ("NOUN", "VERB"):
                    noun = f"{noun}:{_lemma(governing)}"
                    break
        elif noun in lists["generic"] or (
            noun == _lemma(token) and _restates(index, head, children, token_at, lists["generic"])
        ):
            # "put the figure at 6,500": the noun of the figure before it
            inherited = [f for f in previous if f.noun] + [f for f in found if f.noun]
            if not inherited:
                continue
            noun = inherited[-1].noun
            restated = True
        elif noun_token is None or noun_token.pos != "NOUN":
            continue  # no noun says what is counted
        end = token.end
        thing = ""
        if noun_token is not None and noun_token.pos in ("NOUN", "PROPN"):
            # the noun with its compound words ("dock workers"); the span runs to it when it
            # follows the number closely
            words = sorted(
                [noun_index]
                + [c for c, d in children.get(noun_index, []) if d == "compound" and c in token_at]
            )
            thing = text[token_at[words[0]].start : token_at[words[-1]].end]
            if 0 < token_at[words[-1]].start - token.end < 40 and words[0] > index:
                end = token_at[words[-1]].end
        elif inherited_thing := next(
            (f.thing for f in reversed([*previous, *found]) if f.noun == noun), ""
        ):
            thing = inherited_thing
        found.append(
            Figure(
                article.span(token.start, end),
                value,
                noun,
                ordinal,
                approximate,
                thing=thing,
                source=_giver(index, toks, head, children, text),
                predicate=_predicate(noun_index, head, token_at),
                restated=restated,
                bound=bound,
                increment=_increment(index, toks, noun_index, children, token_at, lists),
            )
        )
    return tuple(found)


def _increment(
    index: int,
    toks: Sequence[tuple[int, Token]],
    noun_index: int,
    children: Mapping[int, list[tuple[int, str]]],
    token_at: Mapping[int, Token],
    lists: Mapping[str, frozenset[str]],
) -> bool:
    """Whether the figure adds to a count ("five more pupils", "two new cases")."""
    after = [t for k, t in toks if k > index][:2]
    words = {_lemma(t) for t in after}
    words |= {_lemma(token_at[c]) for c, d in children.get(noun_index, []) if c in token_at}
    return bool(words & lists["increments"])


def _restates(
    index: int,
    head: Mapping[int, tuple[int, str]],
    children: Mapping[int, list[tuple[int, str]]],
    token_at: Mapping[int, Token],
    generic: frozenset[str],
) -> bool:
    """Whether the verb a bare number hangs from takes "the figure", "the number" as its
    subject or object ("put the figure at 6,500", "the toll rose to 15")."""
    node = index
    for _ in range(3):
        if node not in head or head[node][0] == node:
            return False
        node = head[node][0]
        token = token_at.get(node)
        if token is not None and token.pos in ("VERB", "AUX"):
            return any(
                dep in ("dobj", "nsubj", "nsubjpass")
                and c in token_at
                and _lemma(token_at[c]) in generic
                for c, dep in children.get(node, [])
            )
    return False


def _predicate(
    node: int, head: Mapping[int, tuple[int, str]], token_at: Mapping[int, Token]
) -> str:
    """The lemma of the first verb above a token (what the counted thing did or underwent)."""
    for _ in range(6):
        if node not in head or head[node][0] == node:
            return ""
        node = head[node][0]
        token = token_at.get(node)
        if token is not None and token.pos == "VERB":
            return _lemma(token)
    return ""


def _giver(
    index: int,
    toks: Sequence[tuple[int, Token]],
    head: Mapping[int, tuple[int, str]],
    children: Mapping[int, list[tuple[int, str]]],
    text: str,
) -> str | None:
    """Who gives the figure: "according to X" in its clause, or the subject of the reporting
    verb it hangs from ("the union has put the figure at 6,500", "the DUV says 6,500 ...")."""
    token_at = dict(toks)
    verbs = frozenset(table("compare", "attribution")["verbs"])
    node, via = index, ""
    for _ in range(8):
        for child, dep in children.get(node, []):
            if dep == "prep" and child in token_at and _lemma(token_at[child]) == "accord":
                phrase = _subtree(child, children, token_at, text, skip_first=2)
                if phrase:
                    return phrase
        token = token_at.get(node)
        if (
            token is not None
            and token.pos in ("VERB", "AUX")
            and via != "nsubj"
            and _lemma(token) in verbs
            and ";" not in _between(text, token, token_at[index])
        ):
            for child, dep in children.get(node, []):
                if dep in ("nsubj", "nsubjpass") and child in token_at:
                    subject = token_at[child]
                    if subject.pos != "PRON":
                        return _subtree(child, children, token_at, text)
        if node not in head or head[node][0] == node:
            break
        node, via = head[node]
    return None


def _between(text: str, a: Token, b: Token) -> str:
    return text[min(a.end, b.end) : max(a.start, b.start)]


def _subtree(
    node: int,
    children: Mapping[int, list[tuple[int, str]]],
    token_at: Mapping[int, Token],
    text: str,
    skip_first: int = 0,
) -> str | None:
    seen, stack = set(), [node]
    while stack:
        n = stack.pop()
        if n in seen or n not in token_at:
            continue
        seen.add(n)
        stack.extend(c for c, d in children.get(n, []) if d != "punct")
    ordered = sorted(seen)[skip_first:]
    if not ordered:
        return None
    return text[token_at[ordered[0]].start : token_at[ordered[-1]].end].strip(" ,.;")


def _before(toks: Sequence[tuple[int, Token]], index: int, text: str, n: int) -> list[str]:
    position = [i for i, _ in toks].index(index)
    return [text[t.start : t.end].lower() for _, t in toks[max(0, position - n) : position]]


_ACCORDING = re.compile(r"\baccording to ((?:the )?[\w’'-]+(?: [\w’'-]+){0,4}?)(?=[,.;)]|$)")


def _source(
    article: Article, span: Span, said: Sequence[Quote], inside: bool = False
) -> str | None:
    """Who the article says the words of `span` come from: "according to" in them, or the
    speaker of a quote they overlap (with `inside`, a quote that holds them)."""
    match = None if inside else _ACCORDING.search(span.text)
    if match:
        return match.group(1)
    for quote in said:
        if inside and not (quote.full.start <= span.start and span.end <= quote.full.end):
            continue
        if quote.full.start < span.end and span.start < quote.full.end and quote.speaker:
            return quote.speaker.name or quote.speaker.mention.text
    return None
