"""Roles of people, places and organisations, read from the words around a name.

A title before it ("Estonian Prime Minister Kaja Kallas"), an apposition after it (one role
per conjunct), "of the" + organisation after a person, a description set off by a dash; for
places and bodies also what the text says they are ("X is a close friend of Y", "consider X
a ...", "X's role as ..."); for organisations where they are, a standing adjective, a group
noun, and "news organisation" for one that people talk to. Patterns, not the parser: the
build runs the tagger with the parser off. Words in lexicon/en/entities.toml.
"""

from __future__ import annotations

import re

from storyline.lexicon import words
from storyline.model import Article, Span
from storyline.stages._index import Starts, once
from storyline.stages.entities._context import _Cluster, _Mention, _Tokens
from storyline.stages.entities.naming import (
    _DASHES,
    _DETERMINERS,
    _POSSESSIVE,
    _STOP_PUNCT,
    ORG_HEADS,
    PLACE,
    TITLE_WORDS,
)

STANDING_ADJECTIVES = words("entities", "standing_adjectives")
GROUP_NOUNS = words("entities", "group_nouns")
ORG_NOUNS = words("entities", "org_nouns")
_NOT_NEWS = words("entities", "not_news")
_PLURAL_COUNTS = words("entities", "plural_counts")
_COPULAS = words("entities", "copulas")
_CALLING = words("entities", "calling_verbs")
_NOT_DESCRIPTIONS = words("entities", "not_descriptions")
_CLAUSE_STOP = words("entities", "clause_stop")
_RELATIVES = words("entities", "relative_pronouns")
_RELATIVES_OR_BUT = _RELATIVES | {"but"}
_RELATIVES_OR_SAID = _RELATIVES | {"said", "says"}
_REPORTING = words("entities", "reporting_verbs")
_SPEAKING = words("entities", "speaking_verbs")


def _roles(clusters: list[_Cluster], toks: _Tokens, article: Article) -> None:
    named = sorted(
        ((m, c) for c in clusters for m in c.mentions if not m.metonym and not m.group),
        key=lambda mc: mc[0].start,
    )
    spans_of = [(m.start, m.end, c.type) for m, c in named]
    by_last = {
        idx[-1]: c for m, c in named if (idx := toks.covering(m.start, m.end)) and not m.nominal
    }
    for mention, cluster in named:
        if mention.description is not None:
            start, end = mention.description
            cluster.roles.append((article.text[start:end], article.span(start, end)))
        if mention.nominal or mention.event:
            continue
        idx = toks.covering(mention.start, mention.end)
        if not idx:
            continue
        if mention.label == "NORP" and not mention.country and not mention.group:
            # A name the tagger took for a group: "state oil firm X" makes it a company.
            for start, end in _premodifier(idx[0], "ORG", toks, spans_of):
                if article.text[start:end].split()[-1].casefold() in ORG_NOUNS:
                    mention.type = "ORG"
                    cluster.roles.append((article.text[start:end], article.span(start, end)))
            continue
        if mention.label == "NORP" or mention.type == "NORP":
            continue
        kind = cluster.type
        found: list[tuple[int, int]] = []
        texts: list[tuple[str, Span]] = []
        if not mention.country and not mention.city:
            found.extend(_premodifier(idx[0], kind, toks, spans_of))
            if kind == "ORG" or toks.lower(idx[-1] + 1) in GROUP_NOUNS:
                texts.extend(_org_descriptions(mention, idx, toks, spans_of, article))
        appositions = _apposition(idx[-1], toks, spans_of)
        found.extend(appositions)
        partner = _coordinated(idx[0], toks, by_last)
        for start, end in appositions:
            plural = _plural_description(start, end, toks)
            if plural is not None:
                texts.append((plural, article.span(start, end)))
                found.remove((start, end))
                if partner is not None:
                    partner.roles.append((plural, article.span(start, end)))
        if kind != "PERSON":
            # What a country or a body is said to be; said of a person it is mostly an
            # opinion ("X is a fraud"), and titles come from the rules above.
            found.extend(_predicates(idx, toks, spans_of))
            found.extend(_complement(idx, toks))
            found.extend(_role_as(idx, toks))
        if kind == "PERSON":
            found.extend(_of_affiliation(idx[-1], toks, spans_of))
            found.extend(_dash_description(idx[0], toks))
        if kind == "ORG" and mention.label == "ORG":
            texts.extend(_news_source(mention, idx, toks, article))
        for start, end in found:
            cluster.roles.append((article.text[start:end], article.span(start, end)))
        cluster.roles.extend(texts)


def _coordinated(first: int, toks: _Tokens, by_last: dict[int, _Cluster]) -> _Cluster | None:
    """The name joined to this one by "and" ("Ukraine and Russia, two ...")."""
    if toks.lower(first - 1) == "and":
        return by_last.get(first - 2)
    return None


def _plural_description(start: int, end: int, toks: _Tokens) -> str | None:
    """ "two former Soviet republics" after two names -> "former Soviet republic" each."""
    idx = toks.covering(start, end)
    if len(idx) < 2 or toks.lower(idx[0]) not in _PLURAL_COUNTS:
        return None
    last = toks.tokens[idx[-1]]
    if last.tag != "NNS":
        return None
    words = [toks.word(i) for i in idx[1:-1]] + [last.lemma or toks.word(idx[-1])]
    return " ".join(words)


def _noun_phrase(j: int, toks: _Tokens, sentence: int) -> tuple[int, int] | None:
    """An indefinite description from token j: "a close friend of Russia" -> its words."""
    if toks.word(j) in ("“", '"'):
        j += 1
    if toks.lower(j) not in ("a", "an"):
        return None
    j += 1
    if toks.word(j) in ("“", '"'):
        j += 1
    start = j
    if toks.lower(j) in _NOT_DESCRIPTIONS:
        return None  # "a little more bullish", "a lot", "a number of"
    while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
        word = toks.word(j)
        if word.casefold() == "than":
            return None
        if word in _STOP_PUNCT or word.casefold() in _RELATIVES_OR_BUT:
            break
        if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
            break
        j += 1
        if j - start > 12:
            return None
    if j == start:
        return None
    words = [i for i in range(start, j) if toks.tokens[i].pos == "NOUN"]
    if not words or not toks.word(words[0])[:1].islower():
        return None
    last = j - 1
    while last > start and toks.tokens[last].pos not in ("NOUN", "PROPN"):
        last -= 1
    return toks.tokens[start].start, toks.tokens[last].end


def _predicates(
    idx: list[int], toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "X is a close friend of Y", "X, like Z, is a ...": the description after the copula."""
    j = idx[-1] + 1
    sentence = toks.sentence_of[idx[-1]]
    if toks.lower(idx[0] - 1) == "like" and toks.word(idx[0] - 2) == "," and toks.word(j) == ",":
        # "Y, like X, is a ...": X is one too.
        if toks.lower(j + 1) in _COPULAS:
            phrase = _noun_phrase(j + 2, toks, sentence)
            return [phrase] if phrase else []
        return []
    if toks.word(j) == "," and toks.lower(j + 1) == "like":
        k = j + 2
        while toks.get(k) is not None and toks.word(k) != "," and k - j < 8:
            k += 1
        j = k + 1
    if toks.lower(j) not in _COPULAS or toks.sentence_of[j] != sentence:
        return []
    if toks.lower(idx[0] - 1) not in ("", ".", ",", "but", "and", "“", '"') and toks.tokens[
        idx[0] - 1
    ].pos not in ("PUNCT", "CCONJ", "SCONJ", "ADV"):
        return []
    phrase = _noun_phrase(j + 1, toks, sentence)
    return [phrase] if phrase else []


def _role_as(idx: list[int], toks: _Tokens) -> list[tuple[int, int]]:
    """ "X's historical role as Y's main supplier", "the role X plays ... as a supplier"."""
    first, last = idx[0], idx[-1]
    sentence = toks.sentence_of[last]
    j = None
    if toks.word(last + 1) in _POSSESSIVE:
        k = last + 2
        while toks.get(k) is not None and toks.tokens[k].pos == "ADJ":
            k += 1
        if toks.lower(k) == "role" and toks.lower(k + 1) == "as":
            j = k + 2
    elif toks.lower(first - 1) == "role" and toks.lower(last + 1) in ("plays", "played", "play"):
        for k in range(last + 2, min(len(toks.tokens), last + 15)):
            if toks.sentence_of[k] != sentence or toks.word(k) in (";", ".", "—"):
                break
            if toks.lower(k) == "as":
                j = k + 1
                break
    if j is None:
        return []
    if toks.lower(j) in ("a", "an"):
        phrase = _noun_phrase(j, toks, sentence)
        return [phrase] if phrase else []
    k = j
    while (token := toks.get(k)) is not None and toks.sentence_of[k] == sentence:
        if toks.word(k) in _STOP_PUNCT or toks.lower(k) in _CLAUSE_STOP or k - j > 10:
            break
        if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
            break
        k += 1
    last_noun = k - 1
    while last_noun >= j and toks.tokens[last_noun].pos not in ("NOUN", "PROPN"):
        last_noun -= 1
    if last_noun < j or toks.tokens[last_noun].pos != "NOUN":
        return []
    return [(toks.tokens[j].start, toks.tokens[last_noun].end)]


def _complement(idx: list[int], toks: _Tokens) -> list[tuple[int, int]]:
    """ "they consider X a trusted partner" -> "trusted partner"."""
    if toks.lower(idx[0] - 1) not in _CALLING:
        return []
    phrase = _noun_phrase(idx[-1] + 1, toks, toks.sentence_of[idx[-1]])
    return [phrase] if phrase else []


def _org_head(mention: _Mention) -> str | None:
    """The noun that says what kind of body a name is: "University of X" -> "university"."""
    words = mention.text.split()
    for i, word in enumerate(words):
        if word.casefold() in ("of", "for") and i > 0:
            words = words[:i]
            break
    head = words[-1] if words else ""
    return head.casefold() if head in ORG_HEADS or head.casefold() in ORG_NOUNS else None


def _org_descriptions(
    mention: _Mention,
    idx: list[int],
    toks: _Tokens,
    spans: list[tuple[int, int, str]],
    article: Article,
) -> list[tuple[str, Span]]:
    """What a text says an organisation is, from the words around its name:

    - where it is: "Singapore's X Institute", "X Center in Honolulu" -> "Singapore-based
      institute", "Honolulu-based center";
    - an adjective of standing before it with the kind of body: "the ruling X Party of
      Vietnam" -> "ruling party of Vietnam";
    - a group noun after it: "the OPEC group of oil exporters" -> "group of oil
      exporters" (and the name is an organisation).
    """
    out: list[tuple[str, Span]] = []
    text = article.text
    first, last = idx[0], idx[-1]
    head = _org_head(mention)
    place = None
    if toks.word(first - 1) in _POSSESSIVE and first >= 2:
        owner = _entity_at(toks.tokens[first - 2].start, spans)
        if owner in PLACE:
            place = (toks.tokens[first - 2].start, toks.tokens[first - 1].end)
            for found in _indexed(spans).holding(toks.tokens[first - 2].start)[-1:]:
                place = (spans[found][0], toks.tokens[first - 2].end)
    elif (
        toks.lower(last + 1) == "in"
        and last + 2 < len(toks.tokens)
        and _entity_at(toks.tokens[last + 2].start, spans) in PLACE
    ):
        for found in _indexed(spans).starting(toks.tokens[last + 2].start)[-1:]:
            place = (spans[found][0], spans[found][1])
    if place is not None and not all(w[:1].isupper() for w in text[place[0] : place[1]].split()):
        place = None  # "the Russian government's X" is no address
    if place is not None and head:
        name = text[place[0] : place[1]]
        span = article.span(min(place[0], mention.start), max(place[1], mention.end))
        out.append((f"{name}-based {head}", span))
    adjective = toks.get(first - 1)
    if (
        adjective is not None
        and head
        and toks.lower(first - 1) in STANDING_ADJECTIVES
        and toks.lower(first - 2) in _DETERMINERS
    ):
        tail = re.search(r"\b(?:of|for)\b.*$", mention.text)
        words = [toks.word(first - 1), head] + ([tail.group()] if tail else [])
        out.append((" ".join(words), article.span(adjective.start, mention.end)))
    if toks.lower(last + 1) in GROUP_NOUNS and toks.lower(last + 2) == "of":
        j = last + 3
        sentence = toks.sentence_of[last]
        while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
            if toks.word(j) in _STOP_PUNCT or toks.lower(j) in _CLAUSE_STOP:
                break
            if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
                break
            j += 1
        if j > last + 3:
            start, end = toks.tokens[last + 1].start, toks.tokens[j - 1].end
            out.append((text[start:end], article.span(start, end)))
            mention.type = "ORG"
    return out


def _news_source(
    mention: _Mention, idx: list[int], toks: _Tokens, article: Article
) -> list[tuple[str, Span]]:
    """An organisation that people talk to or that quotes and reports is a news
    organisation: "told Reuters", "spoke on Monday to VOA", "Bloomberg quoted", a closing
    "(AP)" credit."""
    if any(w in _NOT_NEWS for w in mention.words):
        return []
    first, last = idx[0], idx[-1]
    sentence = toks.sentence_of[first]
    cue: int | None = None
    if toks.lower(first - 1) == "told" and toks.lower(first - 2) not in ("was", "were", "been"):
        cue = first - 1
    elif toks.lower(first - 1) == "to":
        for k in range(first - 2, max(-1, first - 6), -1):
            if toks.sentence_of[k] != sentence or toks.word(k) in _STOP_PUNCT:
                break
            if toks.lower(k) in _SPEAKING:
                cue = k
                break
    elif toks.lower(last + 1) in _REPORTING:
        cue = last + 1
    elif toks.word(first - 1) == "(" and toks.word(last + 1) == ")":
        after = toks.text[toks.tokens[last + 1].end : toks.tokens[last + 1].end + 2]
        if after[:1] in ("\n", ""):
            cue = first - 1
    if cue is None:
        return []
    start = min(toks.tokens[cue].start, mention.start)
    end = max(toks.tokens[cue].end, mention.end)
    return [("news organisation", article.span(start, end))]


def _entity_at(offset: int, spans: list[tuple[int, int, str]]) -> str | None:
    for found in _indexed(spans).holding(offset):
        return spans[found][2]
    return None


def _indexed(spans: list[tuple[int, int, str]]) -> Starts:
    """The article's name spans (`_roles`'s list, never changed once made) by start."""
    return once("named spans", spans, lambda: Starts([(s, e) for s, e, _k in spans]))


def _premodifier(
    first: int, kind: str, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Title words right before a name: "Russian President", "state media outlet"."""
    collected: list[int] = []
    j = first - 1
    sentence = toks.sentence_of[first] if first < len(toks.sentence_of) else -1
    while j >= 0 and toks.sentence_of[j] == sentence and len(collected) < 10:
        token = toks.tokens[j]
        word = toks.word(j)
        owner = _entity_at(token.start, spans)
        if owner == "PERSON":
            break
        if word in _POSSESSIVE and j > 0 and toks.tokens[j - 1].pos in ("PROPN", "NOUN"):
            collected.extend([j, j - 1])
            j -= 2
            continue
        if token.pos in ("PROPN", "NOUN", "ADJ", "NUM") or word in ("(", ")", "-"):
            collected.append(j)
            j -= 1
            continue
        if word.casefold() in ("based", "appointed", "elected") and token.start > 0:
            collected.append(j)
            j -= 1
            continue
        if (
            word.casefold() in ("of", "for")
            and collected
            and toks.tokens[collected[-1]].pos == "PROPN"
            and j > 0
            and toks.tokens[j - 1].pos == "PROPN"
        ):
            collected.append(j)
            j -= 1
            continue
        break
    collected.sort()
    while collected and (
        toks.lower(collected[0]) in ("of", "for", ")", "-")
        or toks.word(collected[0]) in _POSSESSIVE
    ):
        collected = collected[1:]
    while collected and toks.word(collected[0]) == "(":
        collected = collected[1:]
    if not collected:
        return []
    adjacent = toks.tokens[collected[-1]]
    head = toks.word(collected[-1])
    if _entity_at(adjacent.start, spans) is not None:
        return []
    if kind == "PERSON":
        if adjacent.pos not in ("NOUN", "PROPN"):
            return []
        if adjacent.pos == "PROPN" and head.casefold().rstrip(".") not in TITLE_WORDS:
            return []
    elif not (adjacent.pos == "NOUN" and head[:1].islower()) and not head.casefold().endswith(
        "based"
    ):
        return []
    if not any(_entity_at(toks.tokens[i].start, spans) is None for i in collected):
        return []
    return [(toks.tokens[collected[0]].start, adjacent.end)]


def _apposition(
    last: int, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "NAME, a professor at X and expert on Y," -> one role per conjunct."""
    comma = last + 1
    if toks.word(comma) != "," if toks.get(comma) else True:
        return []
    j = comma + 1
    if toks.lower(j) in _DETERMINERS:
        j += 1
    start = j
    first = toks.get(start)
    if first is None or first.pos not in ("NOUN", "ADJ", "PROPN", "NUM"):
        return []
    for s_start, s_end, kind in (spans[i] for i in _indexed(spans).starting(first.start)):
        if s_start == first.start:
            if kind == "PERSON":
                return []
            after = toks.first_at_or_after(s_end)
            if toks.lower(after) in (",", "and", "or"):
                return []  # a list of names: "Russia, China and others"
    collected: list[int] = []
    sentence = toks.sentence_of[last]
    while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
        word = toks.word(j)
        if word in _STOP_PUNCT or (
            token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD")
        ):
            break
        if (
            word.casefold() in _RELATIVES
            and collected
            and (toks.lower(start - 1) in _DETERMINERS or toks.lower(start) in _PLURAL_COUNTS)
            and toks.tokens[collected[-1]].pos == "NOUN"
        ):
            break  # "X, a professor who ...": the relative clause is not the role
        if word.casefold() in _RELATIVES_OR_SAID:
            return []
        collected.append(j)
        j += 1
        if len(collected) > 20:
            return []
    if not collected:
        return []
    ends_sentence = toks.get(j) is None or toks.word(j) in (",", ".", ";", "—", "–", ")", ":")
    ends_sentence = ends_sentence or (
        toks.lower(j) in _RELATIVES and toks.tokens[j - 1].pos == "NOUN"
    )
    if not ends_sentence:
        return []
    parts: list[list[int]] = [[]]
    for i in collected:
        if toks.lower(i) == "and" and _entity_at(toks.tokens[i].start, spans) is None:
            parts.append([])
        else:
            parts[-1].append(i)
    common = [i for i in collected if toks.tokens[i].pos == "NOUN" and toks.word(i)[:1].islower()]
    if not common:
        return []
    if not all(
        any(toks.tokens[i].pos == "NOUN" and toks.word(i)[:1].islower() for i in part)
        for part in parts
        if part
    ):
        parts = [collected]
    out = []
    for part in parts:
        while part and toks.lower(part[0]) in _DETERMINERS:
            part = part[1:]
        if part:
            out.append((toks.tokens[part[0]].start, toks.tokens[part[-1]].end))
    return out


def _of_affiliation(
    last: int, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "Jane Roe of the Brookings Institution" -> "of the Brookings Institution"."""
    j = last + 1
    if toks.lower(j) != "of":
        return []
    k = j + 1
    if toks.lower(k) == "the":
        k += 1
    # "of the Inouye Asia-Pacific Center": the organisation may start after a name word
    # that the tagger left out of it.
    for _ in range(3):
        token = toks.get(k)
        if token is None:
            return []
        for start, end, kind in (spans[i] for i in _indexed(spans).starting(token.start)):
            if start == token.start and kind == "ORG":
                return [(toks.tokens[j].start, end)]
        if token.pos != "PROPN" or not toks.word(k)[:1].isupper():
            return []
        k += 1
    return []


def _dash_description(first: int, toks: _Tokens) -> list[tuple[int, int]]:
    """ "the leader of the party — General Secretary NAME": the description before the dash."""
    j = first - 1
    while (
        j >= 0
        and toks.get(j) is not None
        and (toks.lower(j).rstrip(".") in TITLE_WORDS or toks.tokens[j].pos == "PROPN")
    ):
        j -= 1
    if toks.word(j) not in _DASHES if toks.get(j) else True:
        return []
    end_index = j - 1
    k = end_index
    sentence = toks.sentence_of[first]
    while (
        k >= 0 and toks.sentence_of[k] == sentence and toks.word(k) not in (",", ";", ":", *_DASHES)
    ):
        k -= 1
    start_index = k + 1
    if end_index - start_index > 15 or end_index < start_index:
        return []
    if toks.lower(start_index) not in _DETERMINERS:
        return []
    nxt = toks.get(start_index + 1)
    if (
        nxt is None
        or nxt.pos not in ("NOUN", "ADJ")
        or not toks.word(start_index + 1)[:1].islower()
    ):
        return []
    return [(toks.tokens[start_index + 1].start, toks.tokens[end_index].end)]
