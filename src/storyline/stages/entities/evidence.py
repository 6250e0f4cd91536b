"""Linking across articles by general evidence: how names are built, not which names.

Each rule joins two groups of clusters (what the earlier rules of `across` made) only when
the story holds one compatible candidate, so two people or two bodies that could both be
meant stay apart:

- `type_vote` (before any linking): a name the tagger types differently across articles
  ("Jane Roe" a person in five articles, a place in one; "Acme" a company in one, a person
  in another) takes the type of most of the articles that write it, so that the same name
  links whatever the tagger called it; a one-word name goes to the other type on a tie (a
  person with no given name is the weakest reading). Only a cluster that is that one name
  is retyped; countries, capitals, groups and events keep theirs.
- `lone_surname`: one word the tagger calls a person in several articles, where no full
  name of the story ends or starts with it, is one person (or one band, one team).
- `name_structure`: people whose names agree word by word: the same surname in any
  transliteration (`spelling_key`: "Zelenskyy" = "Zelensky" = "Zelenskiy"), the same given
  name or its initial ("J. Roe" = "Jane Roe"), middle names and patronymics optional
  ("Ivan Petrovich Roe" = "Ivan Roe"), generational suffixes ignored ("Roe III"). Two names
  with the same surname and different given or middle names clash, and groups holding a clash
  never merge. The candidates compatible with a group must be exactly those compatible with
  the other (closed-neighbourhood twins in the compatibility graph of one surname), so "J.
  Roe" joins neither "Jane Roe" nor "John Roe" when the story has both, while "Jane Roe" and
  "Jane Q. Roe" join. Roles naming different countries ("Russian ...", "Ukrainian ...")
  contradict and keep two people apart.
- `name_inside`: a longer name that holds another person's full name at its start or end,
  the extra words being headline words or words the story also writes in lower case ("Hire
  Jane Roe", "Jane Roe Returns", "Comedian Jane Roe"), joins that person when only one fits.
- `org_inside`: the same for organisations ("Harbour Board Nominee" in a headline joins the
  one "Harbour Board"), where `brand` finds more than one candidate.
- `calendar`: a day or a month the tagger glued to a name ("Jane Roe Saturday") counts as a
  word the story writes in lower case, for `name_inside` and the entity's name (months that
  are given names, "April", "May", "June", "August", are left out).
- `headline_inside`: a name met only in headlines whose first or last words are the name of
  exactly one entity of the body text, whatever the types, the rest being words the story
  writes in lower case ("Roe Hits Back", typed an organisation, joins the one "Roe").
- `abbreviation`: across articles a name's key spells out the short form of its first or
  last word ("Mt Cook" = "Mount Cook", "Elm St." = "Elm Street"; lexicon tables
  `leading_abbreviations`, `trailing_abbreviations`).
- `nickname`: `name_structure` with short given names: "Bob Roe" agrees with "Robert
  Roe" (lexicon table `given_name_forms`; a short form agrees with each full name it is listed
  under, never two full names with each other), and a place or an organisation that is one
  two-word name beginning with a short form ("Mo Roe", typed a place) joins the one person
  it fits only by that short form ("Maurice Roe").
- `acronym` (off by default, see `RULES`): an organisation written only as an acronym joins
  the one organisation of the story whose name's initials spell it ("AP" = "Associated
  Press", "EADS" = "European Aeronautic Defence and Space"); with two such organisations it
  joins neither, and a word in capitals met only in headlines is no acronym. An acronym the
  text spells out ("the Associated Press (AP)") joins its name within the article, and so
  across articles by the shared key, whatever this rule.
- `brand`: an organisation name that begins or ends the longer name of exactly one other
  organisation joins it ("TASS" = "Russian News Agency TASS", "Lockheed" = "Lockheed
  Martin"), unless it is a bare organisation noun ("Navy", "University") or its group already
  holds a longer name of its own.
- `brand_word` (off by default, see `RULES`): a one-word name the tagger typed a person or a
  place joins the organisation, and becomes one, when it begins exactly one organisation
  name of several words in the story ("Skylark" = "Skylark Air"), is no word of a person's
  full name there, no country, capital, demonym or province, and never written where only a
  place goes (`link_brand_words`).

Candidates come from indexes (a surname's spelling key, a name's initials, a name's first and
last words), never from all pairs of the story's groups.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from functools import cache

from storyline.lexicon import entry, table, words
from storyline.stages.entities._context import _Cluster, _Mention, _UnionFind
from storyline.stages.entities.gazetteer import load_gazetteer
from storyline.stages.entities.in_article import _initials, _is_acronym
from storyline.stages.entities.naming import ORG_HEADS, PLACE, compact

# The rules applied by default, and every rule (`acronym` is measured but left out: on the
# ECB+ train topics, held out, it lowered the named CoNLL F1 from 0.7466 to 0.7456 and it
# changed nothing on the tuning data; `brand_word` too: MEANTIME tune 0.8343 -> 0.8369 and
# held out 0.8096 -> 0.8133, but ECB+ train 0.7875 -> 0.7871; docs/benchmarks.md).
RULES: tuple[str, ...] = (
    "type_vote",
    "name_structure",
    "name_inside",
    "brand",
    "lone_spelling",
    "lone_surname",
    "org_inside",
    "abbreviation",
    "calendar",
    "headline_inside",
    "nickname",
)
ALL_RULES: tuple[str, ...] = (*RULES, "acronym", "brand_word")

_TRANSLITERATION: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in entry("entities", "transliteration")
)
_SUFFIXES = words("entities", "name_suffixes")
_HEADS = frozenset(w.casefold() for w in ORG_HEADS)
CALENDAR = words("entities", "calendar_words")
_LEADING: dict[str, str] = table("entities", "leading_abbreviations")
_TRAILING: dict[str, str] = table("entities", "trailing_abbreviations")
# (short form, full name) pairs of given names: ("bob", "robert")
_FORMS: frozenset[tuple[str, str]] = frozenset(
    (short, full)
    for full, shorts in table("entities", "given_name_forms").items()
    for short in shorts
)
_SHORT_FORMS = frozenset(short for short, _full in _FORMS)

Name = tuple[str, ...]


@cache
def spelling_key(word: str) -> str:
    """A word in a form shared by its transliterations: "Zelenskyy" -> "zelensky"."""
    key = compact(word)
    for pattern, replacement in _TRANSLITERATION:
        key = pattern.sub(replacement, key)
    return re.sub(r"(.)\1+", r"\1", key)


def person_name(name: Name) -> Name | None:
    """A person's name without generational suffixes; None if no given name is left."""
    while len(name) > 2 and name[-1] in _SUFFIXES:
        name = name[:-1]
    return name if len(name) >= 2 else None


def _given_agree(a: str, b: str) -> bool:
    if a == b or spelling_key(a) == spelling_key(b):
        return True
    return (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]


def _middles_agree(a: Name, b: Name) -> bool:
    """Middle names agree when one side has none or the shorter list is, in order, a list
    of names agreeing with some of the longer's."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    position = 0
    for word in short:
        while position < len(long) and not _given_agree(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def short_form(a: str, b: str) -> bool:
    """`nickname`: whether one given name is a short form of the other ("bob", "robert")."""
    return (a, b) in _FORMS or (b, a) in _FORMS


def names_agree(a: Name, b: Name, *, nicknames: bool = False) -> bool:
    """Whether two person names (with given names) can name one person; with `nicknames`,
    a given name also agrees with its short forms ("Bob Roe" = "Robert Roe")."""
    x, y = person_name(a), person_name(b)
    if x is None or y is None or spelling_key(x[-1]) != spelling_key(y[-1]):
        return False
    given = _given_agree(x[0], y[0]) or (nicknames and short_form(x[0], y[0]))
    return given and _middles_agree(x[1:-1], y[1:-1])


def _role_countries(cluster: _Cluster) -> set[str]:
    gazetteer = load_gazetteer()
    out: set[str] = set()
    for text, _span in cluster.roles:
        for word in re.findall(r"[\w.]+", text):
            key = compact(word)
            country = gazetteer.demonyms.get(key) or gazetteer.countries.get(key)
            if country:
                out.add(country)
    return out


def _surnames(names: Iterable[Name]) -> set[str]:
    return {spelling_key(n[-1]) for name in names if (n := person_name(name)) is not None}


def _persons_compatible(
    a: set[Name], b: set[Name], countries: tuple[set[str], set[str]], *, nicknames: bool = False
) -> bool:
    if countries[0] and countries[1] and not countries[0] & countries[1]:
        return False
    agree = False
    for x in a:
        for y in b:
            px, py = person_name(x), person_name(y)
            if px is None or py is None or spelling_key(px[-1]) != spelling_key(py[-1]):
                continue
            if not names_agree(px, py, nicknames=nicknames):
                return False  # the same surname, different given names: two people
            agree = True
    return agree


def _by_short_form(a: set[Name], b: set[Name]) -> bool:
    """Whether a name of one side has for its given name a short form of the other's."""
    return any(short_form(x[0], y[0]) for x in a for y in b)


def _nickname_shaped(cluster: _Cluster) -> bool:
    """A place or an organisation that is one two-word name beginning with a short given
    name ("Mo Roe" typed a place): a person, if the story holds one it fits (`nickname`)."""
    if cluster.family not in ("PLACE", "ORG") or cluster.country:
        return False
    names = {m.words for m in cluster.mentions}
    if len(names) != 1:
        return False
    name = next(iter(names))
    return len(name) == 2 and name[0] in _SHORT_FORMS


def _groups(uf: _UnionFind, members: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i in members:
        out[uf.find(i)].append(i)
    return out


def link_names(clusters: list[_Cluster], uf: _UnionFind, *, nicknames: bool = False) -> None:
    """`name_structure`: people whose names agree, when the story leaves no doubt. With
    `nicknames` (rule `nickname`) a given name agrees with its short forms, and a place or
    organisation named "Mo Roe" joins the one person it fits by a short form ("Maurice Roe")."""
    persons = [i for i, c in enumerate(clusters) if c.type == "PERSON" and c.full_names]
    shaped = {i for i, c in enumerate(clusters) if nicknames and _nickname_shaped(c)}
    persons += sorted(shaped - set(persons))
    groups = _groups(uf, persons)
    # a group of such places or organisations fits a person only by a short form
    typed = {g for g, members in groups.items() if set(members) <= shaped}
    names = {g: set().union(*(clusters[i].full_names for i in m)) for g, m in groups.items()}
    countries = {
        g: set().union(*(_role_countries(clusters[i]) for i in m)) for g, m in groups.items()
    }
    block: dict[str, list[int]] = defaultdict(list)
    for g in sorted(groups):
        for key in sorted(_surnames(names[g])):
            block[key].append(g)
    neighbours: dict[int, set[int]] = {g: {g} for g in groups}
    for _key, members in sorted(block.items()):
        for x, g in enumerate(members):
            for h in members[x + 1 :]:
                if h in neighbours[g]:
                    continue
                pair = (countries[g], countries[h])
                if not _persons_compatible(names[g], names[h], pair, nicknames=nicknames):
                    continue
                if (g in typed or h in typed) and not _by_short_form(names[g], names[h]):
                    continue
                if g not in typed or h not in typed:
                    neighbours[g].add(h)
                    neighbours[h].add(g)
    for g in sorted(groups):
        for h in sorted(neighbours[g]):
            if h > g and neighbours[g] == neighbours[h]:
                uf.union(g, h)


def link_inside(
    clusters: list[_Cluster], uf: _UnionFind, common: Collection[str], kind: str = "PERSON"
) -> None:
    """`name_inside`: "Hire Jane Roe" joins the one person named "Jane Roe"; with `kind`
    "ORG" (`org_inside`), "Harbour Board Nominee" the one organisation "Harbour Board"."""
    persons = [i for i, c in enumerate(clusters) if c.type == kind and c.full_names]
    owners: dict[Name, set[int]] = defaultdict(set)
    for i in persons:
        for name in clusters[i].full_names:
            owners[name].add(uf.find(i))
    joins: list[tuple[int, int]] = []
    for i in persons:
        cluster = clusters[i]
        for m in cluster.mentions:
            name = m.words
            if len(name) < 3:
                continue
            found: set[int] = set()
            for size in range(2, len(name)):
                for inner, extra in ((name[:size], name[size:]), (name[-size:], name[:-size])):
                    if inner not in owners:
                        continue
                    if not (m.headline or all(w in common for w in extra)):
                        continue
                    found |= owners[inner] - {uf.find(i)}
            if len(found) == 1:
                joins.append((i, next(iter(found))))
    for i, g in joins:
        uf.union(i, g)


def link_acronyms(clusters: list[_Cluster], uf: _UnionFind) -> None:
    """`acronym`: an organisation written only as an acronym joins the one organisation
    whose name's initials spell it."""
    orgs = [i for i, c in enumerate(clusters) if c.type == "ORG"]
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i in orgs:
        for name in clusters[i].full_names:
            letters = _initials(name)
            if len(letters) >= 2:
                by_initials[letters].add(uf.find(i))
    joins: list[tuple[int, int]] = []
    for i in orgs:
        cluster = clusters[i]
        if cluster.full_names or not all(_is_acronym(m) for m in cluster.mentions):
            continue
        if all(m.headline for m in cluster.mentions):
            continue  # a headline in capitals ("HARBOUR CHIEF QUITS") spells no acronym
        spelled = {m.text.replace(".", "").casefold() for m in cluster.mentions}
        if len(spelled) != 1:
            continue
        found = by_initials.get(next(iter(spelled)), set()) - {uf.find(i)}
        if len(found) == 1:
            joins.append((i, next(iter(found))))
    for i, g in joins:
        uf.union(i, g)


def link_brands(clusters: list[_Cluster], uf: _UnionFind) -> None:
    """`brand`: a name that begins or ends the longer name of exactly one other organisation."""
    orgs = [i for i, c in enumerate(clusters) if c.type == "ORG"]
    longer: dict[Name, set[int]] = defaultdict(set)  # a beginning or ending -> groups
    names_of: dict[int, set[Name]] = defaultdict(set)
    for i in orgs:
        g = uf.find(i)
        for m in clusters[i].mentions:
            names_of[g].add(m.words)
        for name in clusters[i].full_names:
            for size in range(1, len(name)):
                longer[name[:size]].add(g)
                longer[name[-size:]].add(g)
    joins: list[tuple[int, int]] = []
    for i in orgs:
        g = uf.find(i)
        for name in sorted({m.words for m in clusters[i].mentions}):
            if not name or (len(name) == 1 and (name[0] in _HEADS or len(name[0]) < 3)):
                continue
            if g in longer.get(name, ()):
                continue  # its group holds a longer name of its own
            found = longer.get(name, set()) - {g}
            if len(found) == 1:
                joins.append((i, next(iter(found))))
    for i, g in joins:
        uf.union(i, g)


def link_brand_words(clusters: list[_Cluster], uf: _UnionFind) -> None:
    """`brand_word`: a one-word name typed a person or a place joins the one organisation
    name of several words of the story that it begins, and its mentions become the
    organisation's ("Skylark", a person to the tagger, = "Skylark Air").

    Refused when the word is a word of a person's full name in the story ("Tarrow" with a
    singer "Anna Tarrow" beside "Tarrow Motors"), a place the gazetteer knows ("Texas" beside
    "Texas Instruments") or one the story writes where only a place goes anywhere ("north
    of Velna" beside "Velna Gazette": `_Mention.placed`), an acronym (the `acronym` rule's
    case) or a word written in lower case (a web address), a bare organisation noun, or a
    word the story also writes alone as an organisation (the type vote kept these mentions
    apart from it); and when it begins two organisation names. A full name typed a person
    that the story also writes as an organisation ("Skylark Air" tagged a person once) is no
    person's name here; the cluster may hold that name besides the word, and nothing else.
    """
    gazetteer = load_gazetteer()
    owners: dict[Name, set[int]] = defaultdict(set)  # an organisation name -> its groups
    starting: dict[str, set[Name]] = defaultdict(set)  # a first word -> organisation names
    for i, cluster in enumerate(clusters):
        if cluster.type == "ORG":
            for name in cluster.full_names:
                owners[name].add(uf.find(i))
                starting[name[0]].add(name)
    person_words = {
        word
        for cluster in clusters
        if cluster.type == "PERSON"
        for name in cluster.full_names
        if name not in owners
        for word in name
    }
    placed = {m.words[0] for c in clusters for m in c.mentions if m.placed and m.words}
    # the word alone written as an organisation somewhere: the type vote has weighed that
    # reading against these mentions' and kept them apart
    voted = {
        m.words[0]
        for c in clusters
        if c.type == "ORG"
        for m in c.mentions
        if len(m.words) == 1 and m.type == "ORG"
    }
    joins: list[tuple[int, int]] = []
    for i, cluster in enumerate(clusters):
        if cluster.type not in ("PERSON", "GPE", "LOC") or cluster.country:
            continue
        if any(
            m.group or m.event or m.metonym or m.nominal or _is_acronym(m) or m.text.islower()
            for m in cluster.mentions
        ):
            continue
        if len(cluster.single_words) != 1:
            continue
        word = next(iter(cluster.single_words))
        if word in _HEADS or len(word) < 3 or word in person_words or word in placed:
            continue
        if word in voted:
            continue
        if gazetteer.knows(word):
            continue
        names = starting.get(word, set())
        if len(names) != 1:
            continue
        name = next(iter(names))
        found = {uf.find(g) for g in owners[name]} - {uf.find(i)}
        if cluster.full_names <= {name} and len(found) == 1:
            joins.append((i, next(iter(found))))
    for i, g in joins:
        for m in clusters[i].mentions:
            m.type = "ORG"
        uf.union(i, g)


def surname_candidates(
    clusters: list[_Cluster], persons: list[int], owner: dict[int, int]
) -> dict[str, set[int]]:
    """`lone_spelling`: groups by the spelling key of their surnames, for a surname alone
    written in another transliteration."""
    out: dict[str, set[int]] = defaultdict(set)
    for i in persons:
        for name in clusters[i].full_names:
            person = person_name(name)
            if person is not None:
                out[spelling_key(person[-1])].add(owner[i])
    return out


_VOTERS = frozenset({"PERSON", "ORG", "GPE", "LOC"})


def _family(kind: str) -> str:
    return "PLACE" if kind in PLACE else kind


def plain_key(mention: _Mention) -> str:
    """A name's key as linking within an article compares it."""
    return mention.key


def vote_types(clusters: list[_Cluster], key_of: Callable[[_Mention], str] = plain_key) -> None:
    """`type_vote`: a name the tagger types differently across the story's articles takes the
    type of most of its articles ("Jane Roe" a person in five articles, a place in one).

    Only a cluster that is that one name and nothing else is retyped (a cluster holding
    other names keeps its type); countries, capitals, groups and events never vote.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)  # key -> family -> clusters
    counts: dict[str, Counter[str]] = defaultdict(Counter)  # key -> family -> mentions
    kinds: dict[str, Counter[str]] = defaultdict(Counter)  # key -> type -> mentions
    one_word: set[str] = set()
    sole: list[tuple[int, str]] = []
    for i, cluster in enumerate(clusters):
        family = _family(cluster.type)
        if family not in ("PERSON", "ORG", "PLACE"):
            continue
        keyed = [(m, key_of(m)) for m in cluster.mentions]
        plain = [
            (m, key)
            for m, key in keyed
            if m.type in _VOTERS
            and key
            and not (m.country or m.group or m.city or m.event or m.nominal or m.metonym)
        ]
        for key in sorted({key for _, key in plain}):
            votes[key][family] += 1
        for m, key in plain:
            if len(m.words) == 1:
                one_word.add(key)
            counts[key][family] += 1
            kinds[key][m.type] += 1
        keys = {key for _, key in keyed if key}
        if len(plain) == len(cluster.mentions) and len(keys) == 1:
            sole.append((i, next(iter(keys))))
    winners: dict[str, str] = {}
    for key, families in votes.items():
        if len(families) < 2:
            continue
        # most articles first; for one word, a person without a given name is the weakest
        # reading ("Acme" a person in one article, a company in another); then most mentions
        weak = "PERSON" if key in one_word else ""
        rank = {f: (-n, f == weak, -counts[key][f]) for f, n in families.items()}
        ranked = sorted(families, key=lambda f: (*rank[f], f))
        first, second = ranked[0], ranked[1]
        if rank[first] == rank[second]:
            continue  # a tie: no majority
        if first == "PLACE":
            places = kinds[key]
            first = max(PLACE, key=lambda t: (places[t], t == "GPE"))
        winners[key] = first
    for i, key in sole:
        winner = winners.get(key)
        if winner is not None and _family(clusters[i].type) != _family(winner):
            for m in clusters[i].mentions:
                m.type = winner


def link_lone_names(alone: dict[str, list[int]], uf: _UnionFind) -> None:
    """`lone_surname`: one word the tagger calls a person in several articles, where no
    person of the story has a full name that ends or starts with it ("Roe" in three articles
    and no "Jane Roe" anywhere), is one person (or one band, one team)."""
    for _word, members in sorted(alone.items()):
        for other in members[1:]:
            uf.union(members[0], other)


def name_key(mention: _Mention) -> str:
    """`abbreviation`: a name's key with the short forms of its first and last word spelled
    out ("Mt Cook" -> "mountcook", "Elm St." -> "elmstreet"); other keys as they are."""
    key = mention.key
    words = mention.words
    if len(words) < 2 or not key or key != compact("".join(words)):
        return key  # one word, or a country, a group or an event
    first, last = _LEADING.get(words[0], words[0]), _TRAILING.get(words[-1], words[-1])
    return compact("".join((first, *words[1:-1], last)))


def link_headline_inside(clusters: list[_Cluster], uf: _UnionFind, common: Collection[str]) -> None:
    """`headline_inside`: a name met only in headlines whose first or last words are the
    name of exactly one entity of the story's body text, whatever the types, the other words
    being words the story writes in lower case ("Roe Hits Back" joins the one "Roe", "Harbour
    Strike Ends" the one "Harbour")."""
    body: dict[Name, set[int]] = defaultdict(set)
    for i, cluster in enumerate(clusters):
        for m in cluster.mentions:
            if not m.headline and m.words:
                body[m.words].add(uf.find(i))
    joins: list[tuple[int, int]] = []
    for i, cluster in enumerate(clusters):
        if not all(m.headline for m in cluster.mentions):
            continue
        group = uf.find(i)
        found: set[int] = set()
        for name in sorted({m.words for m in cluster.mentions}):
            for size in range(1, len(name)):
                for inner, extra in ((name[:size], name[size:]), (name[-size:], name[:-size])):
                    if inner in body and all(w in common for w in extra):
                        found |= body[inner] - {group}
        if len(found) == 1:
            joins.append((i, next(iter(found))))
    for i, g in joins:
        uf.union(i, g)
