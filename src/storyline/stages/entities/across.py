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

from rapidfuzz import fuzz

from storyline.stages.entities._context import _Cluster, _UnionFind
from storyline.stages.entities.in_article import _is_acronym, _names_org_variant
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


def _link_across(clusters: list[_Cluster], context: list[set[str]]) -> list[list[int]]:
    """Merge the per-article clusters into corpus entities; returns groups of cluster indices."""
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
            by_key[(slot_family, m.key)].append(i)
    for (_family, key), members in sorted(by_key.items()):
        anchor = members[0]
        for other in members[1:]:
            if _org_guard(clusters[anchor], clusters[other], key):
                uf.union(anchor, other)

    # A shorter organisation name of three words or more that ends a longer one.
    orgs: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        if cluster.type == "ORG":
            for name in cluster.full_names:
                orgs[name[-1]].append((name, i))
    for _last, names in sorted(orgs.items()):
        for name, i in names:
            for longer, k in names:
                if len(name) >= 3 and _names_org_variant(name, longer, minimum=3):
                    uf.union(i, k)

    persons = [i for i, c in enumerate(clusters) if c.type == "PERSON" and c.full_names]
    # Near-identical full names, only where the context agrees.
    by_first: dict[str, list[int]] = defaultdict(list)
    for i in persons:
        for name in clusters[i].full_names:
            by_first[name[0]].append(i)
    for _first, members in sorted(by_first.items()):
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                if _typo_match(clusters[i], clusters[j], context[i], context[j]):
                    uf.union(i, j)

    # Surname-only people: the one full name in the corpus that the word ends (or starts).
    groups = uf.groups()
    owner = {i: g for g, members in enumerate(groups) for i in members}
    full_by_word: dict[str, set[int]] = defaultdict(set)
    first_by_word: dict[str, set[int]] = defaultdict(set)
    for i in persons:
        for name in clusters[i].full_names:
            full_by_word[name[-1]].add(owner[i])
            first_by_word[name[0]].add(owner[i])
    for i, cluster in enumerate(clusters):
        if cluster.type != "PERSON" or cluster.full_names or len(cluster.single_words) != 1:
            continue
        word = next(iter(cluster.single_words))
        candidates = full_by_word.get(word) or first_by_word.get(word) or set()
        if len(candidates) > 1:
            scored = sorted(
                (
                    -len(context[i] & set().union(*(context[k] for k in groups[g]))),
                    g,
                )
                for g in candidates
            )
            if scored[0][0] < 0 and (len(scored) == 1 or scored[0][0] < scored[1][0]):
                candidates = {scored[0][1]}
        if len(candidates) == 1:
            uf.union(i, groups[next(iter(candidates))][0])

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
