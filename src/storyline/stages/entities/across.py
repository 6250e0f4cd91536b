"""Linking across articles: the per-article clusters merged into the story's entities.

The same normalised name (case, diacritics, dots, spaces and hyphens ignored); a shorter
organisation name of three words or more that ends a longer one; a near-identical full name
(rapidfuzz ratio >= 88) only where the context agrees; a surname-only person joins the one
full name in the story that it ends; an adjective with no country ("Soviet") joins the place
it derives from. Guards refuse people with different first names or initials, and entities
of different kinds. Candidate pairs come from blocking keys (a name's last words, a person's
first word), never from all pairs of clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from rapidfuzz import fuzz

from storyline.stages.entities import evidence
from storyline.stages.entities._context import _Cluster, _UnionFind
from storyline.stages.entities.in_article import _is_acronym
from storyline.stages.entities.naming import compact

_FUZZY_NAME = 88


def _compatible_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Guard: no merge of different first names or different given initials."""
    if len(a) != len(b):
        return False
    for x, y in zip(a[:-1], b[:-1], strict=True):
        if x == y:
            continue
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
            continue
        return False
    return a[-1][:1] == b[-1][:1]


def _link_across(
    clusters: list[_Cluster],
    context: list[set[str]],
    *,
    common: Collection[str] = frozenset(),
    rules: Collection[str] = evidence.RULES,
) -> list[list[int]]:
    """Merge the per-article clusters into corpus entities; returns groups of cluster indices.

    `rules` names the rules of `evidence` to apply (all by default; none gives the linking
    of names alone); `common` is the words the story writes in lower case.
    """
    key_of = evidence.name_key if "abbreviation" in rules else evidence.plain_key
    if "type_vote" in rules:
        evidence.vote_types(clusters, key_of)
    uf = _UnionFind(len(clusters))
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        family = cluster.family
        for m in cluster.mentions:
            if not m.key:
                continue
            if family == "PERSON" and len(m.words) == 1:
                continue  # surname-only mentions are resolved below
            slot_family = "CITY" if m.city else family
            by_key[(slot_family, key_of(m))].append(i)
    for (_family, key), members in sorted(by_key.items()):
        anchor = members[0]
        for other in members[1:]:
            if _org_guard(clusters[anchor], clusters[other], key):
                uf.union(anchor, other)

    _link_org_endings(clusters, uf)
    persons = [i for i, c in enumerate(clusters) if c.type == "PERSON" and c.full_names]
    _link_typos(clusters, context, persons, uf)
    if "name_structure" in rules:
        evidence.link_names(clusters, uf, nicknames="nickname" in rules)
    if "name_inside" in rules:
        evidence.link_inside(clusters, uf, common)
    if "org_inside" in rules:
        evidence.link_inside(clusters, uf, common, "ORG")
    if "headline_inside" in rules:
        evidence.link_headline_inside(clusters, uf, common)
    if "acronym" in rules:
        evidence.link_acronyms(clusters, uf)
    if "brand" in rules:
        evidence.link_brands(clusters, uf)
    if "brand_word" in rules:
        evidence.link_brand_words(clusters, uf)

    # Surname-only people: the one full name in the corpus that the word ends (or starts).
    groups = uf.groups()
    owner = {i: g for g, members in enumerate(groups) for i in members}
    full_by_word: dict[str, set[int]] = defaultdict(set)
    first_by_word: dict[str, set[int]] = defaultdict(set)
    for i in persons:
        for name in clusters[i].full_names:
            full_by_word[name[-1]].add(owner[i])
            first_by_word[name[0]].add(owner[i])
    by_spelling = (
        evidence.surname_candidates(clusters, persons, owner) if "lone_spelling" in rules else {}
    )
    # the context of a group's articles, built once per group, not once per surname
    group_context: dict[int, set[str]] = {}
    alone: dict[str, list[int]] = defaultdict(list)  # a word no full name of the story holds
    for i, cluster in enumerate(clusters):
        if cluster.type != "PERSON" or cluster.full_names or len(cluster.single_words) != 1:
            continue
        word = next(iter(cluster.single_words))
        candidates = (
            full_by_word.get(word)
            or first_by_word.get(word)
            or by_spelling.get(evidence.spelling_key(word))
            or set()
        )
        if len(candidates) > 1:
            for g in candidates - group_context.keys():
                group_context[g] = set().union(*(context[k] for k in groups[g]))
            scored = sorted((-len(context[i] & group_context[g]), g) for g in candidates)
            if scored[0][0] < 0 and (len(scored) == 1 or scored[0][0] < scored[1][0]):
                candidates = {scored[0][1]}
        if len(candidates) == 1:
            uf.union(i, groups[next(iter(candidates))][0])
        elif not candidates:
            alone[word].append(i)
    if "lone_surname" in rules:
        evidence.link_lone_names(alone, uf)

    # Adjectives with no country ("Soviet", "Western") join the place they derive from.
    places: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        if cluster.family == "PLACE":
            for m in cluster.mentions:
                if not m.country and not m.metonym:
                    places.setdefault(compact("".join(m.words)), i)
                    if len(m.words) > 1:
                        places.setdefault("first:" + m.words[0], i)
    for i, cluster in enumerate(clusters):
        if cluster.type != "NORP" or cluster.country:
            continue
        word = compact("".join(next(iter(cluster.mentions)).words))
        for candidate in (word, word[:-3], word[:-2], word[:-1]):
            target = places.get(candidate) if len(candidate) >= 4 else None
            target = target if target is not None else places.get("first:" + candidate)
            if target is not None and candidate:
                uf.union(target, i)
                break
    return uf.groups()


def _link_org_endings(clusters: list[_Cluster], uf: _UnionFind) -> None:
    """A shorter organisation name of three words or more that ends a longer one.

    Each name looks up its own endings of three words or more among the names, instead of
    being compared with every name that ends in the same word: the pairs found are the same
    (those where one name is a proper ending, of three words or more, of the other).
    """
    orgs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        if cluster.type == "ORG":
            for name in cluster.full_names:
                if len(name) >= 3:
                    orgs[name].append(i)
    for name, owners in sorted(orgs.items()):
        for size in range(3, len(name)):
            for k in orgs.get(name[-size:], ()):
                for i in owners:
                    uf.union(i, k)


def _link_typos(
    clusters: list[_Cluster], context: list[set[str]], persons: list[int], uf: _UnionFind
) -> None:
    """Near-identical full names, only where the context agrees (`_typo_match`).

    Candidates are people who share a first word, as ever, and also the initials of a name:
    two names match only if they are equal or `_compatible_names`, and either way they have
    the same initials, word for word. Within a block, people already merged are one group,
    and two groups are compared until one pair of their people matches.
    """
    blocks: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i in persons:
        names = clusters[i].full_names
        initials = {tuple(word[0] for word in name) for name in names}
        for first in {name[0] for name in names}:
            for shape in initials:
                blocks[(first, shape)].append(i)
    for _key, members in sorted(blocks.items()):
        grouped: dict[int, list[int]] = defaultdict(list)
        for i in members:
            grouped[uf.find(i)].append(i)
        groups = list(grouped.values())
        for x, group in enumerate(groups):
            for other in groups[x + 1 :]:
                if uf.find(group[0]) == uf.find(other[0]):
                    continue
                if _groups_match(group, other, clusters, context):
                    uf.union(group[0], other[0])


def _groups_match(
    group: list[int], other: list[int], clusters: list[_Cluster], context: list[set[str]]
) -> bool:
    """Whether a person of one group is a near-identical name of a person of the other."""
    for i in group:
        for j in other:
            lo, hi = min(i, j), max(i, j)  # in cluster order, as the names were always compared
            if _typo_match(clusters[lo], clusters[hi], context[lo], context[hi]):
                return True
    return False


def _org_guard(a: _Cluster, b: _Cluster, key: str) -> bool:
    """Clusters sharing a short key (an acronym) merge only if their full names agree."""
    if a.family != b.family:
        return False
    if a.family != "ORG" or len(key) > 6:
        return True
    acronym = any(_is_acronym(m) and m.key == key for m in (*a.mentions, *b.mentions))
    if not acronym:
        return True
    long_a = {compact("".join(w)) for w in a.full_names if len(w) > 1}
    long_b = {compact("".join(w)) for w in b.full_names if len(w) > 1}
    return not long_a or not long_b or bool(long_a & long_b)


def _typo_match(a: _Cluster, b: _Cluster, context_a: set[str], context_b: set[str]) -> bool:
    for x in a.full_names:
        for y in b.full_names:
            if x == y:
                return True
            if not _compatible_names(x, y):
                continue
            if fuzz.ratio(" ".join(x), " ".join(y)) < _FUZZY_NAME:
                continue
            surnames = (a.single_words | {x[-1]}) & (b.single_words | {y[-1]})
            if surnames or len(context_a & context_b) >= 2:
                return True
    return False
