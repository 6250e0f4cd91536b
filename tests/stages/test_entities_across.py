"""Linking across articles finds through its indexes what comparing all pairs found.

`_link_across` used to compare, within each block of names that end in the same word (or
people whose names start with the same word), every name with every other. It now looks up a
name's own endings, blocks people by first word and initials, and builds each group's context
once. `_all_pairs` below is the code as it was; both must give the same groups on random
clusters built to collide (few words, typos, initials, acronyms) and on the seeds and the demo,
with the rules of `evidence` (added later, tested in test_entities_evidence.py) left out.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from storyline.stages.entities import across, records
from storyline.stages.entities._context import _Cluster, _Mention, _UnionFind
from storyline.stages.entities.across import _link_across, _org_guard, _typo_match
from storyline.stages.entities.in_article import _names_org_variant
from storyline.stages.entities.naming import compact

ROOT = Path(__file__).resolve().parents[2]


def _all_pairs(clusters: list[_Cluster], context: list[set[str]]) -> list[list[int]]:
    """`_link_across` before the indexes: every pair within each block."""
    uf = _UnionFind(len(clusters))
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        family = cluster.family
        for m in cluster.mentions:
            if not m.key:
                continue
            if family == "PERSON" and len(m.words) == 1:
                continue
            slot_family = "CITY" if m.city else family
            by_key[(slot_family, m.key)].append(i)
    for (_family, key), members in sorted(by_key.items()):
        anchor = members[0]
        for other in members[1:]:
            if _org_guard(clusters[anchor], clusters[other], key):
                uf.union(anchor, other)
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
                (-len(context[i] & set().union(*(context[k] for k in groups[g]))), g)
                for g in candidates
            )
            if scored[0][0] < 0 and (len(scored) == 1 or scored[0][0] < scored[1][0]):
                candidates = {scored[0][1]}
        if len(candidates) == 1:
            uf.union(i, groups[next(iter(candidates))][0])
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


_FIRST = ["donald", "d", "don", "hillary", "h", "john", "j", "jon", "nguyen", "xi"]
_MIDDLE = ["j", "phu", "f", "jinping"]
_LAST = ["trump", "trumpp", "tromp", "clinton", "klinton", "smith", "trong", "throng", "doe"]
_ORG = ["party", "of", "vietnam", "communist", "national", "the", "center", "asia", "bank"]
_CONTEXT = [f"k{n}" for n in range(8)]


def _mention(rng: random.Random, article: str, kind: str, words: tuple[str, ...]) -> _Mention:
    text = " ".join(w.upper() if kind == "ORG" and len(words) == 1 else w for w in words)
    start = rng.randint(0, 1000)
    return _Mention(article, start, start + len(text), text, kind, words, kind)


def _person(rng: random.Random) -> tuple[str, ...]:
    size = rng.choice([1, 2, 2, 2, 3])
    if size == 1:
        return (rng.choice(_LAST + _FIRST),)
    middle = (rng.choice(_MIDDLE),) if size == 3 else ()
    return (rng.choice(_FIRST), *middle, rng.choice(_LAST))


def _cluster(rng: random.Random, article: str) -> _Cluster:
    roll = rng.random()
    if roll < 0.55:
        names = [_person(rng) for _ in range(rng.randint(1, 3))]
        return _Cluster([_mention(rng, article, "PERSON", name) for name in names])
    if roll < 0.85:
        names = [
            tuple(rng.choice(_ORG) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(1, 2))
        ]
        return _Cluster([_mention(rng, article, "ORG", name) for name in names])
    if roll < 0.93:
        name = rng.choice([("soviet", "union"), ("western", "europe"), ("asia",)])
        return _Cluster([_mention(rng, article, "LOC", name)])
    return _Cluster([_mention(rng, article, "NORP", (rng.choice(["soviet", "western"]),))])


@pytest.mark.parametrize("seed", range(40))
def test_random_clusters(seed: int) -> None:
    rng = random.Random(seed)
    clusters = []
    context = []
    for article in range(rng.randint(2, 30)):
        for _ in range(rng.randint(1, 12)):
            clusters.append(_cluster(rng, f"a{article}"))
            context.append(set(rng.sample(_CONTEXT, rng.randint(0, 4))))
    assert _link_across(clusters, context, rules=()) == _all_pairs(clusters, context)


def test_random_clusters_merge_something() -> None:
    """The random clusters do exercise every rule: fewer groups than clusters."""
    rng = random.Random(0)
    clusters = [_cluster(rng, f"a{n % 20}") for n in range(200)]
    context = [set(rng.sample(_CONTEXT, 3)) for _ in clusters]
    assert len(_link_across(clusters, context, rules=())) < len(clusters) // 2


@pytest.mark.model
@pytest.mark.parametrize("story", ["examples/harbour-strike", "../shared/seeds"])
def test_built_stories(story: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.config import Config
    from storyline.pipeline import build

    path = ROOT / story
    if not path.is_dir():
        pytest.skip(f"{story} missing")
    seen: list[tuple[list[_Cluster], list[set[str]]]] = []

    def recording(
        clusters: list[_Cluster], context: list[set[str]], **options: Any
    ) -> list[list[int]]:
        seen.append((clusters, context))
        return across._link_across(clusters, context, **options)

    monkeypatch.setattr(records, "_link_across", recording)
    build([path], config=Config())
    (clusters, context), *_ = seen
    assert len(clusters) > 10
    assert _link_across(clusters, context, rules=()) == _all_pairs(clusters, context)
