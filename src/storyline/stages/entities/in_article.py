"""Linking within one article, without pronouns: the same name; a surname or given name
alone joins the nearest full name ending or starting with it (with a one-letter slip when
nothing matches exactly); an acronym joins the organisation whose initials it spells; a
shorter organisation name that ends a longer one joins it; "Ford" joins "Ford Motor Company"
when no other name starts so; and "the Russian leader" joins the article's one person whose
role names that country (`_nominal_mentions`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence

from rapidfuzz import fuzz

from storyline.lexicon import words
from storyline.model import Article
from storyline.stages.entities._context import _Cluster, _Mention, _Tokens, _UnionFind
from storyline.stages.entities.gazetteer import Gazetteer
from storyline.stages.entities.naming import _POSSESSIVE, PLACE, TITLE_WORDS, _words, compact

_ACRONYM_SKIP = words("entities", "acronym_skip")
_GENERIC_TITLES = words("entities", "generic_titles")
# every office word, case-folded: "Russia's President"
_ANY_TITLE = frozenset(w.casefold() for w in TITLE_WORDS | _GENERIC_TITLES)
_FUZZY_SURNAME = 85


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _ACRONYM_SKIP and w)


def _is_acronym(mention: _Mention) -> bool:
    bare = mention.text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _link_in_article(mentions: list[_Mention], toks: _Tokens) -> list[_Cluster]:
    uf = _UnionFind(len(mentions))
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        family = "PLACE" if m.type in PLACE else m.type
        if m.city:
            family = "CITY"
        slot = (family, m.key)
        if slot in first_by_key:
            uf.union(first_by_key[slot], i)
        else:
            first_by_key[slot] = i
    persons = _Persons(
        mentions,
        [
            i
            for i, m in enumerate(mentions)
            if m.type == "PERSON" and len(m.words) > 1 and not m.country
        ],
    )
    for i, m in enumerate(mentions):
        if len(m.words) != 1 or m.country or m.city or m.type in ("NORP", "EVENT"):
            continue
        target = _person_for_word(i, m.words[0], mentions, persons)
        if target is not None:
            uf.union(target, i)
            m.type = "PERSON"
    orgs = [i for i, m in enumerate(mentions) if m.type == "ORG"]
    # The organisations by their words, by the proper endings of their words, by their
    # initials and by their first word, so that each looks only at the names it joins: a
    # look at every organisation for each made a long article's names quadratic. Only the
    # groups matter (`_UnionFind.groups`), so a name joins the first of a list once the
    # list is joined together (`chain`).
    by_words: dict[tuple[str, ...], list[int]] = {}
    by_ending: dict[tuple[str, ...], list[int]] = {}
    by_initials: dict[str, int] = {}
    by_first: dict[str, list[int]] = {}
    for j in orgs:
        words = mentions[j].words
        by_words.setdefault(words, []).append(j)
        for size in range(2, len(words)):
            by_ending.setdefault(words[-size:], []).append(j)
        if not _is_acronym(mentions[j]):
            by_initials.setdefault(_initials(words), j)
        if len(words) > 1:
            by_first.setdefault(words[0], []).append(j)
    chained: set[int] = set()

    def join(i: int, group: list[int]) -> None:
        if not group:
            return
        if id(group) not in chained:
            chained.add(id(group))
            for a, b in itertools.pairwise(group):
                uf.union(a, b)
        uf.union(i, group[0])

    for i in orgs:
        m = mentions[i]
        if _is_acronym(m):
            letters = m.text.replace(".", "").casefold()
            if letters in by_initials:
                uf.union(i, by_initials[letters])
            else:
                expansion = _expansion_before(i, letters, mentions, toks)
                if expansion is not None:
                    uf.union(i, expansion)
            continue
        # `_names_org_variant`: the shorter name ends the longer one
        if len(m.words) >= 2:
            join(i, by_ending.get(m.words, []))
        for size in range(2, len(m.words)):
            join(i, by_words.get(m.words[-size:], []))
        # "Ford" after "Ford Motor Company" in the same article, if no other name starts so.
        if len(m.words) == 1:
            longer = {mentions[j].words for j in by_first.get(m.words[0], [])}
            if len(longer) == 1:
                join(i, by_words[next(iter(longer))])
    return [_Cluster([mentions[i] for i in group]) for group in uf.groups()]


class _Persons:
    """The article's full names (positions in its mentions, in order) by their last word,
    their first word and the initial of their last word, so that a one-word mention looks
    only at the names it could stand for: a look at every name for each made a long
    article's names quadratic."""

    def __init__(self, mentions: list[_Mention], persons: list[int]) -> None:
        self.by_last: dict[str, list[int]] = {}
        self.by_first: dict[str, list[int]] = {}
        self.by_initial: dict[str, list[int]] = {}
        for p in persons:
            words = mentions[p].words
            self.by_last.setdefault(words[-1], []).append(p)
            self.by_first.setdefault(words[0], []).append(p)
            self.by_initial.setdefault(words[-1][:1], []).append(p)
        self.any = bool(persons)


def _person_for_word(
    index: int, word: str, mentions: list[_Mention], persons: _Persons
) -> int | None:
    """The full name in the article that a one-word mention stands for, if any."""
    if not persons.any:
        return None

    def nearest(candidates: list[int]) -> int | None:
        if not candidates:
            return None
        before = bisect_left(candidates, index)  # candidates are in order
        return candidates[before - 1] if before else candidates[0]

    by_last = persons.by_last.get(word, [])
    if by_last:
        return nearest(by_last)
    by_first = persons.by_first.get(word, [])
    if by_first:
        return nearest(by_first)
    if len(word) >= 4:
        close = [
            p
            for p in persons.by_initial.get(word[:1], [])
            if fuzz.ratio(mentions[p].words[-1], word) >= _FUZZY_SURNAME
        ]
        if len({mentions[p].words for p in close}) == 1:
            return nearest(close)
    return None


def _expansion_before(
    index: int, letters: str, mentions: list[_Mention], toks: _Tokens
) -> int | None:
    """ "Communist Party of Vietnam (CPV)": the organisation just before a bracketed acronym."""
    m = mentions[index]
    head = toks.text[max(0, m.start - 120) : m.start]
    if not head.endswith("("):
        return None
    words = _words(head[:-1].split(",")[-1])
    for size in range(len(letters), len(words) + 1):
        if _initials(words[-size:]) == letters:
            begin = m.start - 120 if m.start >= 120 else 0
            for j in range(index - 1, -1, -1):
                other = mentions[j]
                if other.end < begin or other.end < m.start - 80:
                    break
                if other.type == "ORG":
                    return j
            return None
    return None


def _names_org_variant(a: tuple[str, ...], b: tuple[str, ...], *, minimum: int) -> bool:
    """Whether the shorter organisation name ends the longer one ("Inouye X" / "X")."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= minimum and len(short) < len(long) and long[-len(short) :] == short


def _nominal_mentions(
    clusters: list[_Cluster], toks: _Tokens, article: Article, gazetteer: Gazetteer
) -> None:
    """ "the Russian leader", "Russia's president": the one person of the article whose role
    names that country (and that office, unless the noun is "leader", "head" or "chief")."""
    holders: list[tuple[_Cluster, str, set[str]]] = []
    for cluster in clusters:
        if cluster.type != "PERSON":
            continue
        for text, _span in cluster.roles:
            words = [compact(w) for w in re.findall(r"[\w.]+", text)]
            for word in words:
                country = gazetteer.demonyms.get(word) or gazetteer.countries.get(word)
                if country:
                    holders.append((cluster, country, set(words)))
    if not holders:
        return
    taken = {(m.start, m.end) for c in clusters for m in c.mentions}
    n = len(toks.tokens)
    for i in range(n - 2):
        first, second, third = toks.word(i), toks.word(i + 1), toks.word(i + 2)
        if first.casefold() == "the" and compact(second) in gazetteer.demonyms:
            country, noun_index, start = gazetteer.demonyms[compact(second)], i + 2, i
        elif third.casefold() in _ANY_TITLE and (
            second in _POSSESSIVE and compact(first) in gazetteer.countries
        ):
            country, noun_index, start = gazetteer.countries[compact(first)], i + 2, i
        elif compact(first) in gazetteer.countries and first[:1].isupper():
            # "Vietnam Party Chief", "Russia President": the country name before the office.
            country, noun_index, start = gazetteer.countries[compact(first)], i + 1, i
            if second.casefold() == "party":
                noun_index = i + 2
        else:
            continue
        noun = toks.lower(noun_index)
        if noun not in TITLE_WORDS and noun not in _GENERIC_TITLES:
            continue
        following = toks.get(noun_index + 1)
        if (
            following is not None
            and toks.word(noun_index + 1)[:1].isupper()
            and "\n" not in toks.text[toks.tokens[noun_index].end : following.start]
        ):
            continue  # "the Russian President Vladimir Putin": a title, not a mention
        party = toks.lower(noun_index - 1) == "party"
        span = (toks.tokens[start].start, toks.tokens[noun_index].end)
        if span in taken:
            continue
        matches = {
            id(cluster): cluster
            for cluster, held, words in holders
            if held == country
            and (noun in _GENERIC_TITLES or noun in words)
            and (not party or "party" in words)
        }
        if len(matches) != 1:
            continue
        cluster = next(iter(matches.values()))
        text = article.text[span[0] : span[1]]
        cluster.mentions.append(
            _Mention(article.id, span[0], span[1], text, "PERSON", (), "PERSON", nominal=True)
        )
        taken.add(span)
