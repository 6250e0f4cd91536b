"""Name mentions in one article: the tagger's entities, repaired, and the names it missed.

`_fix_span` trims determiners, possessives and titles off a tagger span and completes a name
it cut short; `_as_organisation` makes "Da Nang" + "Law School" one organisation;
`_article_mentions` drops legal forms ("Inc."), links places to their country (`_place`: a
country, a code, a demonym, a capital as its government when `_is_metonym` says so);
`_missed_names` finds again a name the tagger marked elsewhere; `_headline_names` undoes a
headline's title case ("... and Western Relations"). Words in lexicon/en/entities.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from itertools import pairwise

from storyline.lexicon import entry, words
from storyline.model import Article, NamedEntity
from storyline.stages.entities._context import _Mention, _Tokens
from storyline.stages.entities.gazetteer import Gazetteer, capital_country
from storyline.stages.entities.naming import (
    _DETERMINERS,
    _POSSESSIVE,
    LABELS,
    ORG_HEADS,
    PLACE,
    TITLE_WORDS,
    _line_of,
    _words,
    compact,
    title_case,
)

GOVERNMENT_NOUNS = words("entities", "government_nouns")
CORPORATE_SUFFIXES = words("entities", "corporate_suffixes")
PEOPLE_NOUNS = words("entities", "people_nouns")
MOTION_WORDS = words("entities", "motion_words")
LITERAL_PREPOSITIONS = words("entities", "literal_prepositions")
METONYM_PREPOSITIONS = words("entities", "metonym_prepositions")
_ADJECTIVE_ENDINGS: tuple[str, ...] = tuple(entry("entities", "adjective_endings"))
_DEGREES = words("entities", "degrees")
_PLACE_NOUNS = words("entities", "place_nouns")
_PLACE_PREPOSITIONS = words("entities", "place_prepositions")
_PATRONYMIC_ENDINGS: tuple[str, ...] = tuple(entry("entities", "patronymic_endings"))
_PLACE_PATHS: frozenset[tuple[str, ...]] = frozenset(
    tuple(path.split()) for path in entry("entities", "place_paths")
)
_PLACE_OF = words("entities", "place_of_words") | _PLACE_NOUNS
_PLACE_ADJECTIVES = words("entities", "place_adjectives")
_MAX_NAME_TOKENS = 8


def _start(span: tuple[int, int]) -> int:
    return span[0]


class _Occupied:
    """Spans of text already taken by a name, asked whether a new span overlaps one.

    The spans are kept in order of their start with the length of the longest, so a question
    looks only at the spans starting within that length before the new one: the same answer
    as a scan of them all (`s < end and start < e`), without a scan per name.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        spans = self._spans
        first = bisect_left(spans, start - self._longest, key=_start)
        last = bisect_left(spans, end, key=_start)
        return any(s < end and start < e for s, e in spans[first:last])

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)


def _fix_span(ne: NamedEntity, label: str, toks: _Tokens) -> tuple[int, int] | None:
    """Trim determiners, possessives, titles and stray words off a tagger span."""
    text = toks.text
    idx = toks.covering(ne.start, ne.end)
    if not idx:
        return None
    # A name never crosses a line break ("Gulf of Aden" + a dateline below it): the line of
    # the span holding most of its tokens, the first of equals.
    lines: list[list[int]] = [[idx[0]]]
    for previous, current in pairwise(idx):
        if "\n" in text[toks.tokens[previous].end : toks.tokens[current].start]:
            lines.append([])
        lines[-1].append(current)
    idx = max(lines, key=len)
    while idx and toks.lower(idx[0]) in _DETERMINERS:
        idx = idx[1:]
    while idx and toks.word(idx[-1]) in _POSSESSIVE:
        idx = idx[:-1]
    if label == "PERSON":
        while idx and (
            toks.tokens[idx[0]].pos not in ("PROPN", "NOUN", "ADJ")
            or toks.lower(idx[0]).rstrip(".") in TITLE_WORDS
            or (len(idx) > 1 and toks.tokens[idx[0]].tag == "VBG")
            or (
                len(idx) > 1 and toks.lower(idx[0]).endswith("ing") and toks.lower(idx[0]) != "king"
            )
        ):
            idx = idx[1:]
        while idx and toks.tokens[idx[-1]].pos not in ("PROPN", "NOUN", "ADJ", "PUNCT"):
            idx = idx[:-1]
        while idx and toks.tokens[idx[-1]].pos == "PUNCT" and toks.word(idx[-1]) != ".":
            idx = idx[:-1]
    if not idx:
        return None
    start, end = toks.tokens[idx[0]].start, toks.tokens[idx[-1]].end
    if label == "PERSON":
        # "Lee Hsien" + "Loong", "Yoon Suk" + "-yeol": the tagger stopped short of the name.
        nxt = idx[-1] + 1
        while (tok := toks.get(nxt)) is not None and tok.start - end <= 1:
            word = toks.word(nxt)
            after = toks.get(nxt + 1)
            if (
                tok.start == end
                and word == "-"
                and after is not None
                and after.start == tok.end
                and toks.word(nxt + 1)[:1].isalpha()
            ):
                end = after.end
                nxt += 2
                continue
            if (
                len(idx) > 1
                and tok.start == end + 1
                and tok.pos == "PROPN"
                and word[:1].isupper()
                and text[end] == " "
                and len(idx) + (nxt - idx[-1]) <= 4
            ):
                end = tok.end
                nxt += 1
                continue
            break
    return start, end


def _article_mentions(
    article: Article,
    found: Iterable[NamedEntity],
    toks: _Tokens,
    gazetteer: Gazetteer,
    taken: Sequence[tuple[int, int]] = (),
) -> list[_Mention]:
    """Our mentions from tagger spans: spans repaired, places linked to their country."""
    entities = sorted(found, key=lambda e: (e.start, e.end))
    # Adjacent organisation spans are one name ("the John F. Kennedy" + "School of ...").
    joined: list[NamedEntity] = []
    for ne in entities:
        if (
            joined
            and ne.label == "ORG"
            and joined[-1].label == "ORG"
            and article.text[joined[-1].end : ne.start].strip() == ""
            and ne.start - joined[-1].end <= 1
        ):
            prev = joined.pop()
            joined.append(NamedEntity(prev.start, ne.end, "ORG", article.text[prev.start : ne.end]))
        else:
            joined.append(ne)
    joined = [_as_organisation(ne, k, joined, toks) for k, ne in enumerate(joined)]
    occupied = _Occupied(taken)
    mentions: list[_Mention] = []
    for ne in joined:
        label = LABELS.get(ne.label)
        if label is None:
            continue
        span = _fix_span(ne, ne.label, toks)
        if span is None:
            continue
        start, end = span
        if occupied.overlaps(start, end):
            continue
        text = article.text[start:end]
        mention = _Mention(article.id, start, end, text, label, _words(text), ne.label)
        if not mention.words:
            continue
        if label == "ORG":
            _trim_org_possessive(mention, toks, gazetteer)
            words = mention.words
            while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
                words = words[:-1]
            mention.words = words
            if len(words) > 1 and words[-1] in GOVERNMENT_NOUNS:
                owner = compact(" ".join(words[:-1]))
                country = gazetteer.countries.get(owner) or gazetteer.demonyms.get(owner)
                if country is None and len(owner) == 2:
                    country = gazetteer.codes.get(owner)
                if country:
                    mention.type, mention.country = "GPE", country
        if _degree(mention, toks):
            continue
        _place(mention, toks, gazetteer)
        if not mention.words:
            continue
        _context_type(mention, toks)
        occupied.add(mention.start, mention.end)
        mentions.append(mention)
    return mentions


def _context_type(mention: _Mention, toks: _Tokens) -> None:
    """The type the words around a name, or its make, give where the tagger's disagrees: a
    one-word "person" after "the village of" or "in" is a place ("in Velna"), and so is one
    at the end of a journey ("bound for Velna", "travelling to Velna"); a place or body of
    three capitalised words, no country or capital, with a patronymic in the middle is a
    person ("Irina Olegovna Markova"). A one-word name of any type written where only a
    place goes ("in Velna", "bound for Velna", "north of Velna", "suburban Velna") is marked
    `placed`."""
    idx = toks.covering(mention.start, mention.end)
    if not idx:
        return
    first, last = idx[0], idx[-1]
    if len(mention.words) == 1:
        if toks.word(last + 1) in ("'s", "’s") or toks.lower(last + 1) == "'":
            return  # "in Roe's view"
        before = toks.lower(first - 1)
        of_place = before == "of" and toks.lower(first - 2) in _PLACE_NOUNS
        path = (toks.lower(first - 2), before) in _PLACE_PATHS
        mention.placed = (
            path
            or before in _PLACE_PREPOSITIONS
            or before in _PLACE_ADJECTIVES
            or (before == "of" and toks.lower(first - 2) in _PLACE_OF)
        )
        if mention.type == "PERSON" and mention.label == "PERSON":
            if of_place or path or before in _PLACE_PREPOSITIONS:
                mention.type = "GPE"
            return
    if mention.type not in ("GPE", "LOC", "ORG") or mention.country or mention.city:
        return
    words = toks.text[mention.start : mention.end].split()
    if len(words) != 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return
    if any(w.casefold() in ORG_HEADS or w.casefold() in CORPORATE_SUFFIXES for w in words):
        return
    if words[1].casefold().endswith(_PATRONYMIC_ENDINGS):
        mention.type = "PERSON"  # "Irina Olegovna Markova"


def _degree(mention: _Mention, toks: _Tokens) -> bool:
    """ "Jane Roe, M.D.", "Jane Roe, PhD": a credential after a name and a comma."""
    if compact(mention.text) not in _DEGREES:
        return False
    before = toks.text[: mention.start].rstrip()
    return before.endswith(",") and before[:-1].rstrip()[-1:].isalpha()


def _as_organisation(
    ne: NamedEntity, index: int, spans: Sequence[NamedEntity], toks: _Tokens
) -> NamedEntity:
    """A place or group name followed by capitalised words ending in an organisation noun is
    that organisation: "Da Nang" + "Law School", "Islamic" + "State"."""
    if ne.label not in ("GPE", "LOC", "NORP", "FAC"):
        return ne
    text = toks.text
    if title_case(_line_of(text, ne.start)):
        return ne
    idx = toks.covering(ne.start, ne.end)
    if not idx:
        return ne
    j, end, last = idx[-1] + 1, ne.end, ""
    while (token := toks.get(j)) is not None and j - idx[-1] <= 4:
        word = toks.word(j)
        if token.start > end + 1 or "\n" in text[end : token.start]:
            break
        if not (word[:1].isupper() and token.pos in ("PROPN", "NOUN")) and word != "-":
            break
        end, last = token.end, word
        j += 1
        if word in ORG_HEADS:
            break
    if last not in ORG_HEADS:
        return ne
    following = spans[index + 1] if index + 1 < len(spans) else None
    if following is not None and following.start < end:
        return ne
    return NamedEntity(ne.start, end, "ORG", text[ne.start : end])


def _missed_names(
    toks: _Tokens, lexicon: dict[str, str], taken: Sequence[tuple[int, int]]
) -> list[NamedEntity]:
    """Occurrences of known names that the tagger did not mark ("Vuving said", once).

    `lexicon` maps a name as written to its tagger label; the longest name wins and a name
    never overlaps a mention already found.
    """
    found: list[NamedEntity] = []
    occupied = _Occupied(taken)
    text = toks.text
    i = 0
    while i < len(toks.tokens):
        token = toks.tokens[i]
        if not text[token.start : token.start + 1].isupper():
            i += 1
            continue
        hit = None
        for j in range(min(len(toks.tokens), i + _MAX_NAME_TOKENS) - 1, i - 1, -1):
            surface = text[token.start : toks.tokens[j].end]
            if surface in lexicon:
                hit = (j, surface)
                break
        if hit is None:
            i += 1
            continue
        j, surface = hit
        start, end = token.start, toks.tokens[j].end
        after = text[end : end + 1]
        if (after.isalnum() or after == "-") or occupied.overlaps(start, end):
            i += 1
            continue
        found.append(NamedEntity(start, end, lexicon[surface], surface))
        occupied.add(start, end)
        i = j + 1
    return found


def _trim_org_possessive(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> None:
    """ "Canada’s University of Toronto" names the university, not Canada."""
    match = re.match(r"^(.+?)['’]s\s+", mention.text)
    if not match:
        return
    owner = compact(match.group(1))
    if owner in gazetteer.countries or owner in gazetteer.capitals:
        cut = match.end()
        mention.start += cut
        mention.text = mention.text[cut:]
        mention.words = _words(mention.text)


def _place(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> None:
    """Countries, capitals, demonyms: link the mention to its country where the data says."""
    key = compact(mention.text)
    if mention.type in PLACE or mention.label == "ORG":
        country = gazetteer.countries.get(key)
        if (
            country is None
            and (mention.label == "GPE" or "." in mention.text)
            and len(key) == 2
            and mention.text.replace(".", "").isupper()
        ):
            country = gazetteer.codes.get(key)
        if country is not None:
            if mention.type == "ORG":
                if len(mention.words) > 1 or mention.text.replace(".", "").isupper():
                    mention.type = "GPE"
                else:
                    return
            mention.country = country
            mention.type = "GPE"
            return
        capital = capital_country(mention.text, gazetteer)
        if capital is not None and mention.type in PLACE:
            if _is_metonym(mention, toks, gazetteer):
                mention.country = capital
                mention.metonym = True
            else:
                mention.city = True
            mention.type = "GPE"
        return
    if mention.type != "NORP":
        return
    plural = key.endswith("s") and key[:-1] in gazetteer.demonyms
    country = gazetteer.demonyms.get(key) or (gazetteer.demonyms.get(key[:-1]) if plural else None)
    if country is None:
        return
    mention.country = country
    idx = toks.covering(mention.start, mention.end)
    after = idx[-1] + 1 if idx else -1
    following = toks.lower(after)
    before = toks.lower(idx[0] - 1) if idx else ""
    if plural:
        mention.group = True
    elif following in PEOPLE_NOUNS or following in GOVERNMENT_NOUNS:
        token = toks.tokens[after]
        mention.end = token.end
        mention.text = toks.text[mention.start : mention.end]
        mention.words = _words(mention.text)
        mention.group = following in PEOPLE_NOUNS
        mention.type = "NORP" if mention.group else "GPE"
    elif (
        before == "the"
        and toks.get(after) is not None
        and toks.tokens[after].pos
        not in (
            "NOUN",
            "PROPN",
            "ADJ",
        )
    ):
        mention.group = True
    else:
        mention.type = "GPE"


def _is_metonym(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> bool:
    """Whether a capital stands for its government here ("Hanoi said") or is the city."""
    idx = toks.covering(mention.start, mention.end)
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    line_start = toks.text.rfind("\n", 0, mention.start) + 1
    after_text = toks.text[mention.end : mention.end + 3]
    if toks.text[line_start : mention.start].strip() == "" and (
        after_text[:1] in (":", ",", "—", "–", "-", "(") or after_text.strip()[:1] in ("—", "–")
    ):
        return False  # a dateline: "HANOI —", "Moscow, June 19"
    if mention.text.isupper() and len(mention.text) > 3:
        return False
    previous = toks.lower(first - 1)
    if previous in LITERAL_PREPOSITIONS:
        return False
    if previous == "to" and (
        toks.lower(first - 2) in MOTION_WORDS or toks.lower(first - 3) in ("way", "trip", "visit")
    ):
        return False
    if previous in MOTION_WORDS:
        return False  # "to visit Hanoi"
    nxt = last + 1
    following = toks.word(nxt) if toks.get(nxt) else ""
    if following in _POSSESSIVE:
        return True
    token = toks.get(nxt)
    if token is not None and token.pos in ("NOUN", "PROPN") and following[:1].islower():
        return following.casefold() in GOVERNMENT_NOUNS or following.casefold() == "officials"
    # Subject of a verb, possibly after an adverb or a coordinated capital or country.
    probe = nxt
    for _ in range(4):
        token = toks.get(probe)
        if token is None:
            break
        word = toks.lower(probe)
        if token.pos in ("VERB", "AUX") and token.tag not in ("VBG", "VBN"):
            return True
        if token.pos == "ADV" or word == "and":
            probe += 1
            continue
        if token.pos == "PROPN" and _is_state(toks.word(probe), gazetteer):
            probe += 1
            continue
        break
    if previous in METONYM_PREPOSITIONS or previous == "to":
        return True
    return previous == "and" and first >= 2 and _is_state(toks.word(first - 2), gazetteer)


def _is_state(word: str, gazetteer: Gazetteer) -> bool:
    key = compact(word)
    return key in gazetteer.capitals or key in gazetteer.countries


def _adjectival(word: str) -> bool:
    """ "Western", "Soviet", "Nordic": a capitalised word shaped like an adjective."""
    return word[:1].isupper() and word.casefold().endswith(_ADJECTIVE_ENDINGS)


def _headline_names(
    mentions: list[_Mention],
    toks: _Tokens,
    adjectives: set[str],
    body_names: set[str],
    gazetteer: Gazetteer,
) -> list[_Mention]:
    """A headline's title case fools the tagger: "... and Western Relations" is no
    organisation when its first word is an adjective met elsewhere ("Western sanctions") and
    the name itself never appears outside title-case lines. The adjective alone is kept."""
    out: list[_Mention] = []
    for m in mentions:
        first = m.text.split()[0] if m.text.split() else ""
        if (
            m.label == "ORG"
            and len(m.words) > 1
            and first in adjectives
            and m.text.split()[-1] not in ORG_HEADS
            and m.text not in body_names
            and title_case(_line_of(toks.text, m.start))
        ):
            end = m.start + len(first)
            m = _Mention(m.article, m.start, end, first, "NORP", _words(first), "NORP")
            _place(m, toks, gazetteer)
        out.append(m)
    return out
