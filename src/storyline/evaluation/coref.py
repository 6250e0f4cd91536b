"""Coreference scorers (MUC, B-cubed, CEAF-e, CoNLL) and the entity evaluations built on them.

The three metrics follow the reference CoNLL scorer (v8, Pradhan et al. 2014) for key and
response mention sets that may differ: a mention found by only one side counts as a singleton
of that side, nothing is removed.

- `muc`: links; recall sum(|K| - |p(K)|) / sum(|K| - 1), precision the same with the roles
  swapped (Vilain et al. 1995).
- `b_cubed`: per mention, the share of its cluster found in the other side's cluster.
- `ceaf_e`: entity-based CEAF, phi4 similarity 2|K∩R| / (|K| + |R|) under the best one-to-one
  alignment of key and response entities.
- `conll`: the unweighted average of the three F1 scores.

The best alignment is the assignment problem. scipy's `linear_sum_assignment` solves it, but
scipy is not a dependency (a 35 MB wheel for one 40-line routine), so `_best_assignment` is the
Hungarian algorithm (Kuhn-Munkres, O(n^3)) run per connected component of the key/response
overlap graph: on MEANTIME the largest component has a few dozen entities, so the whole score
takes well under a second. It is checked against brute force in tests/test_coref.py.

`score_seed_entities` and `score_meantime_entities` run the entity stage over the seeds (gold in
gold/seeds.json) and over MEANTIME's cross-document entity annotation.
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from storyline.evaluation.corpora import text_article
from storyline.model import Annotation, Article, Entity

M = TypeVar("M", bound=Hashable)

__all__ = [
    "GoldMention",
    "Score",
    "b_cubed",
    "ceaf_e",
    "conll",
    "muc",
    "read_meantime",
    "read_seed_gold",
    "score_meantime_entities",
    "score_seed_entities",
]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _clusters(clusters: Iterable[Collection[M]]) -> list[frozenset[M]]:
    return [frozenset(c) for c in clusters if c]


def _muc_side(key: list[frozenset[M]], response: list[frozenset[M]]) -> float:
    owner = {m: i for i, cluster in enumerate(response) for m in cluster}
    numerator = denominator = 0
    for cluster in key:
        parts = {owner.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator / denominator if denominator else 0.0


def muc(key: Iterable[Collection[M]], response: Iterable[Collection[M]]) -> Score:
    """MUC link-based precision and recall."""
    k, r = _clusters(key), _clusters(response)
    return Score(_muc_side(r, k), _muc_side(k, r))


def _b3_side(key: list[frozenset[M]], response: list[frozenset[M]]) -> float:
    owner = {m: cluster for cluster in response for m in cluster}
    total = sum(len(c) for c in key)
    if not total:
        return 0.0
    found = 0.0
    for cluster in key:
        overlaps = Counter(owner[m] for m in cluster if m in owner)
        found += sum(n * n for n in overlaps.values()) / len(cluster)
    return found / total


def b_cubed(key: Iterable[Collection[M]], response: Iterable[Collection[M]]) -> Score:
    """B-cubed precision and recall (mention-weighted)."""
    k, r = _clusters(key), _clusters(response)
    return Score(_b3_side(r, k), _b3_side(k, r))


def ceaf_e(key: Iterable[Collection[M]], response: Iterable[Collection[M]]) -> Score:
    """Entity-based CEAF (phi4) precision and recall."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return Score(0.0, 0.0)
    owner = {m: j for j, cluster in enumerate(r) for m in cluster}
    edges: dict[int, set[int]] = defaultdict(set)
    for i, cluster in enumerate(k):
        for m in cluster:
            if m in owner:
                edges[i].add(owner[m])
    similarity = 0.0
    for keys, responses in _components(edges):
        weights = [
            [2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in responses] for i in keys
        ]
        similarity += sum(weights[i][j] for i, j in _best_assignment(weights))
    return Score(similarity / len(r), similarity / len(k))


def conll(key: Iterable[Collection[M]], response: Iterable[Collection[M]]) -> dict[str, Any]:
    """MUC, B-cubed and CEAF-e, and their CoNLL average F1."""
    k, r = _clusters(key), _clusters(response)
    scores = {"muc": muc(k, r), "b_cubed": b_cubed(k, r), "ceaf_e": ceaf_e(k, r)}
    result: dict[str, Any] = {name: s.as_dict() for name, s in scores.items()}
    result["conll_f1"] = round(sum(s.f1 for s in scores.values()) / 3, 4)
    return result


def _components(edges: dict[int, set[int]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of a bipartite graph given as left -> set(right)."""
    by_right: dict[int, set[int]] = defaultdict(set)
    for left, rights in edges.items():
        for right in rights:
            by_right[right].add(left)
    seen: set[int] = set()
    components = []
    for start in sorted(edges):
        if start in seen:
            continue
        lefts, rights, todo = {start}, set(), [start]
        seen.add(start)
        while todo:
            left = todo.pop()
            for right in edges[left]:
                if right in rights:
                    continue
                rights.add(right)
                for other in by_right[right]:
                    if other not in seen:
                        seen.add(other)
                        lefts.add(other)
                        todo.append(other)
        components.append((sorted(lefts), sorted(rights)))
    return components


def _best_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows matched to columns (one-to-one) maximising the summed weight (Hungarian)."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    n = max(rows, cols)
    if n == 0:
        return []
    top = max((w for row in weights for w in row), default=0.0)
    # Minimise (top - weight) over a square matrix padded with zero-weight cells.
    cost = [
        [top - (weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)]
        for i in range(n)
    ]
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row, both 1-based; 0 = free
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [math.inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted(
        (match[j] - 1, j - 1)
        for j in range(1, n + 1)
        if match[j] and match[j] - 1 < rows and j - 1 < cols
    )


# ----------------------------------------------------------------------- alignment

MentionId = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold mention: characters [start, end) of an article's text, in gold cluster `entity`."""

    article: str
    start: int
    end: int
    text: str
    entity: str
    type: str


def align_mentions(
    gold: Sequence[GoldMention], entities: Sequence[Entity]
) -> dict[MentionId, tuple[str, MentionId]]:
    """Map each gold mention to (system entity id, system mention) where one matches.

    A system mention matches a gold mention when it overlaps it and holds its head word:
    "Nguyen Phu Trong" matches "General Secretary Nguyen Phu Trong", "Communist Party" matches
    "Communist Party of Vietnam"; "Russian" does not match "the Russian leader" nor "Ukraine"
    "the invasion of Ukraine". The largest overlap wins; each system mention is used once.
    """
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            by_article[m.article].append((m.start, m.end, entity.id))
    for spans in by_article.values():
        spans.sort()
    used: set[MentionId] = set()
    aligned: dict[MentionId, tuple[str, MentionId]] = {}
    for g in sorted(gold, key=lambda g: (g.article, g.start, g.end)):
        head_start, head_end = _head(g.text)
        head_start, head_end = head_start + g.start, head_end + g.start
        best: tuple[int, int, int, str] | None = None
        for start, end, entity_id in by_article.get(g.article, ()):
            if start >= g.end or end <= g.start or (g.article, start, end) in used:
                continue
            overlap = min(end, g.end) - max(start, g.start)
            if start <= head_start and head_end <= end:
                candidate = (overlap, start, end, entity_id)
                if best is None or candidate[0] > best[0]:
                    best = candidate
        if best is not None:
            _, start, end, entity_id = best
            used.add((g.article, start, end))
            aligned[(g.article, g.start, g.end)] = (entity_id, (g.article, start, end))
    return aligned


_HEAD_STOP = frozenset({"of", "in", "for", "at", "on", "from", "with", "to"})


def _head(text: str) -> tuple[int, int]:
    """The head word of a mention: the last word before a preposition ("invasion of
    Ukraine" -> "invasion"), else the last word, without a possessive ending ("Roe's" ->
    "Roe"); offsets into `text`."""
    words = list(re.finditer(r"\w[\w.\-’']*", text))
    if not words:
        return 0, len(text)
    head = words[-1]
    for previous, word in pairwise(words):
        if word.group() in _HEAD_STOP:
            head = previous
            break
    # a possessive ending is no part of the head: "Roe's" -> "Roe"
    bare = re.sub(r"(?:['’]s|['’])$", "", head.group())
    return head.start(), head.start() + (len(bare) or len(head.group()))


def _response_clusters(
    gold: Sequence[GoldMention], aligned: dict[MentionId, tuple[str, MentionId]]
) -> list[list[MentionId]]:
    by_entity: dict[str, list[MentionId]] = defaultdict(list)
    for g in gold:
        gid = (g.article, g.start, g.end)
        if gid in aligned:
            by_entity[aligned[gid][0]].append(gid)
    return [by_entity[k] for k in sorted(by_entity)]


def _key_clusters(gold: Sequence[GoldMention]) -> list[list[MentionId]]:
    by_entity: dict[str, list[MentionId]] = defaultdict(list)
    for g in gold:
        by_entity[g.entity].append((g.article, g.start, g.end))
    return [by_entity[k] for k in sorted(by_entity)]


# ------------------------------------------------------------------------- seeds


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _occurrences(text: str, alias: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<![\w])" + re.escape(alias) + r"(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text) if not _inside_name(text, m)]


def _inside_name(text: str, match: re.Match[str]) -> bool:
    """Whether an occurrence is the first word(s) of a longer proper name ("Asia" in "the
    Asia Program"): a capitalised word follows that is no title, in a line that is not in
    title case (a headline capitalises every word)."""
    from storyline.stages.entities import TITLE_WORDS, title_case

    following = re.match(r" ([A-Z][\w\-]*)", text[match.end() : match.end() + 40])
    if following is None or following.group(1).casefold() in TITLE_WORDS:
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    return not title_case(text[line_start : line_end if line_end >= 0 else len(text)])


def read_seed_gold(
    gold: dict[str, Any], articles: dict[str, Article]
) -> tuple[list[GoldMention], dict[str, dict[str, Any]]]:
    """Gold mentions of the seeds' entities, found in the cleaned texts, and the gold entities.

    The gold lists aliases per document, not offsets, so every occurrence (whole words, case
    as written) of an alias in the cleaned text is a mention of that document's entity. A
    capital listed both for its state (`metonymic_mentions`, with evidence) and for the city
    goes to the state inside the evidence and to the city elsewhere; an occurrence inside a
    longer one ("Vietnam" in "Vietnam News Agency"), or overlapping a longer one of the same
    entity ("the invasion" / "invasion of Ukraine" in "the invasion of Ukraine"), is left
    out, and so is one that begins a longer proper name the gold does not list ("Asia" in
    "the Asia Program", `_inside_name`). `articles` maps the seed file stem to its cleaned
    article; boilerplate is already gone from it.
    """
    entities = {e["canonical"]: e for e in gold["entities"]}
    mentions: list[GoldMention] = []
    for key in sorted(articles):
        article = articles[key]
        text = article.text
        claims: dict[tuple[int, int], list[tuple[str, bool]]] = defaultdict(list)
        evidence: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_entity in gold["documents"][key]["entities"]:
            name = doc_entity["canonical"]
            for meto in doc_entity.get("metonymic_mentions", ()):
                for start, end in _occurrences(text, meto["evidence"]):
                    evidence[name].append((start, end))
            for alias in doc_entity["aliases_in_doc"]:
                for span in _occurrences(text, alias):
                    metonymic = any(
                        m["surface"] == alias for m in doc_entity.get("metonymic_mentions", ())
                    )
                    claims[span].append((name, metonymic))
        chosen: dict[tuple[int, int], str] = {}
        for span, owners in claims.items():
            names = sorted({n for n, _ in owners})
            if len(names) > 1:
                inside = [
                    n
                    for n, meto in owners
                    if meto and any(s <= span[0] and span[1] <= e for s, e in evidence[n])
                ]
                literal = [n for n, meto in owners if not meto]
                names = inside or literal or names
            chosen[span] = names[0]
        spans = sorted(chosen, key=lambda s: (s[0] - s[1], s[0]))
        kept: list[tuple[int, int]] = []
        for span in spans:
            # Inside a longer one, or overlapping a longer one of the same entity ("the
            # invasion" in "the invasion of Ukraine", both aliases): one mention, the longer.
            if any(
                (s <= span[0] and span[1] <= e)
                or (s < span[1] and span[0] < e and chosen[(s, e)] == chosen[span])
                for s, e in kept
            ):
                continue
            kept.append(span)
        kept.sort()
        for start, end in kept:
            name = chosen[(start, end)]
            mentions.append(
                GoldMention(article.id, start, end, text[start:end], name, entities[name]["type"])
            )
    return mentions, entities


def _seed_articles(shared: Path) -> tuple[dict[str, Article], list[Annotation], float]:
    """The seeds as the build reads them, up to annotate; the seconds annotation took."""
    from storyline.config import Config
    from storyline.pipeline import run

    state, ctx = run({"paths": [shared / "seeds"]}, config=Config(), until="annotate")
    articles = {Path(a.path).stem: a for a in state["articles"]}
    annotations = [state["annotations"][articles[k].id] for k in sorted(articles)]
    return articles, annotations, ctx.seconds["annotate"]


def _role_matches(gold_role: str, system_roles: Iterable[str]) -> bool:
    from rapidfuzz import fuzz

    wanted = _role_key(gold_role)
    for role in system_roles:
        found = _role_key(role)
        if not wanted or not found:
            continue
        if wanted in found or (found in wanted and len(found) * 2 >= len(wanted)):
            return True
        if fuzz.token_set_ratio(wanted, found) >= 90:
            return True
    return False


def _role_key(text: str) -> str:
    """A role's words for matching: case, accents, articles and brackets aside, and a place
    written any of its ways counts as the place ("Russia's", "Russian", "Russia-based" ->
    "russia")."""
    from storyline.stages.entities import compact, load_gazetteer

    gazetteer = load_gazetteer()
    text = re.sub(r"\([^)]*\)", " ", _fold(text))
    text = re.sub(r"'s\b", "", text.replace(".", ""))
    words = [w for w in re.findall(r"[\w\-]+", text) if w not in {"a", "an", "the"}]
    words = [w.removesuffix("-based") for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = compact(" ".join(words[i : i + 2])) if i + 1 < len(words) else ""
        if pair and pair in gazetteer.demonyms:
            out.append(compact(gazetteer.demonyms[pair]))
            i += 2
            continue
        country = gazetteer.demonyms.get(compact(words[i]))
        out.append(compact(country) if country else words[i])
        i += 1
    return " ".join(out)


def score_seed_entities(shared: Path, **options: Any) -> dict[str, Any]:
    """Entity resolution on the seeds against gold/seeds.json.

    Returns B-cubed precision/recall/F1 over the gold entities' mentions (`b_cubed`; MUC,
    CEAF-e and CoNLL alongside), `aliases` (each gold cross-document alias and whether all its
    occurrences land on the system entity that holds most of its gold entity's mentions),
    `roles` (gold roles per document found among that entity's roles in that article),
    `merged_people` (system entities holding mentions of two or more gold people) and timings.
    `options` go to `resolve_entities`.
    """
    from storyline.stages.entities import resolve_entities

    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    articles, annotations, annotate_s = _seed_articles(shared)
    started = time.perf_counter()
    entities = resolve_entities(list(articles.values()), annotations, **options)
    resolve_s = time.perf_counter() - started
    mentions, gold_entities = read_seed_gold(gold, articles)
    aligned = align_mentions(mentions, entities)
    key = _key_clusters(mentions)
    response = _response_clusters(mentions, aligned)
    scores = conll(key, response)

    # The system entity standing for each gold entity: the one holding most of its mentions.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for g in mentions:
        hit = aligned.get((g.article, g.start, g.end))
        if hit:
            votes[g.entity][hit[0]] += 1
    standing = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    by_id = {e.id: e for e in entities}

    alias_rows = []
    for name, entity in sorted(gold_entities.items()):
        occurrences = [g for g in mentions if g.entity == name]
        for alias in entity["aliases"]:
            found = [g for g in occurrences if g.text == alias]
            if not found:
                continue
            landed = sum(
                1
                for g in found
                if (hit := aligned.get((g.article, g.start, g.end))) and hit[0] == standing[name]
            )
            alias_rows.append(
                {"entity": name, "alias": alias, "occurrences": len(found), "landed": landed}
            )
    covered = sum(1 for row in alias_rows if row["landed"] == row["occurrences"])

    role_rows = []
    for stem in sorted(articles):
        article = articles[stem]
        for doc_entity in gold["documents"][stem]["entities"]:
            name = doc_entity["canonical"]
            system = by_id.get(standing.get(name, ""))
            found_roles = [
                role.text
                for role in (system.roles if system else ())
                if any(s.article == article.id for s in role.evidence)
            ]
            for role in doc_entity["roles"]:
                role_rows.append(
                    {
                        "doc": stem,
                        "entity": name,
                        "role": role,
                        "found": _role_matches(role, found_roles),
                    }
                )
    roles_found = sum(1 for row in role_rows if row["found"])

    people: dict[str, set[str]] = defaultdict(set)
    for g in mentions:
        hit = aligned.get((g.article, g.start, g.end))
        if hit and g.type == "PERSON":
            people[hit[0]].add(g.entity)
    merged = [
        {"entity": by_id[e].name, "gold_people": sorted(names)}
        for e, names in sorted(people.items())
        if len(names) > 1
    ]
    return {
        "gold_mentions": len(mentions),
        "aligned_mentions": len(aligned),
        "b_cubed": scores["b_cubed"],
        "muc": scores["muc"],
        "ceaf_e": scores["ceaf_e"],
        "conll_f1": scores["conll_f1"],
        "aliases_covered": covered,
        "aliases_total": len(alias_rows),
        "alias_coverage": round(covered / len(alias_rows), 4) if alias_rows else 1.0,
        "aliases_missed": [row for row in alias_rows if row["landed"] < row["occurrences"]],
        "roles_found": roles_found,
        "roles_total": len(role_rows),
        "role_recall": round(roles_found / len(role_rows), 4) if role_rows else 1.0,
        "roles_missed": [row for row in role_rows if not row["found"]],
        "merged_people": merged,
        "entities": len(entities),
        "seconds": {"annotate": round(annotate_s, 3), "resolve": round(resolve_s, 3)},
    }


# ---------------------------------------------------------------------- MEANTIME

# MEANTIME entity types the stage resolves (people, organisations, places); products,
# financial instruments and mixed groups have no counterpart among the tagger's names.
MEANTIME_TYPES = ("PER", "ORG", "LOC")
NAMED = ("NAM", "PRE.NAM")


@dataclass(frozen=True, slots=True)
class MeantimeDoc:
    """A MEANTIME document as text (one sentence a line) with its gold entity mentions."""

    doc_id: str
    text: str
    mentions: tuple[GoldMention, ...]
    syntactic_types: tuple[str, ...]


def _annotation_dir(directory: Path) -> Path:
    for sub in ("intra_cross-doc_annotation", "intra-doc_annotation"):
        if (directory / sub).is_dir():
            return directory / sub
    if any(directory.glob("*.xml")) or any(directory.glob("*/*.xml")):
        return directory
    raise FileNotFoundError(f"no MEANTIME annotation folder under {directory}")


def read_meantime(directory: Path) -> list[MeantimeDoc]:
    """MEANTIME documents with their entity mentions and cross-document instances.

    `directory` is the corpus folder (holding `intra_cross-doc_annotation/`) or a folder of
    CAT XML files. A mention's gold cluster is the `instance_id` of the ENTITY it refers to
    (shared across documents), or the document-local ENTITY when it has none.
    """
    from storyline.evaluation.corpora import detokenize

    base = _annotation_dir(directory)
    docs = []
    for path in sorted(base.rglob("*.xml"), key=lambda p: p.relative_to(base).as_posix()):
        root = ET.fromstring(path.read_bytes())
        doc_id = path.relative_to(base).with_suffix("").as_posix()
        sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for tok in root.iter("token"):
            sentences[int(tok.get("sentence", "0"))].append(
                (int(tok.get("t_id", "0")), (tok.text or "").strip())
            )
        offsets: dict[int, tuple[int, int]] = {}
        lines = []
        position = 0
        for number in sorted(sentences):
            tokens = sorted(sentences[number])
            line = detokenize([t for _, t in tokens])
            cursor = 0
            for t_id, token in tokens:
                found = line.find(token, cursor) if token else -1
                if found >= 0 and found - cursor <= 2:
                    offsets[t_id] = (position + found, position + found + len(token))
                    cursor = found + len(token)
            lines.append(line)
            position += len(line) + 1
        text = "\n".join(lines)
        markables = root.find("Markables")
        relations = root.find("Relations")
        if markables is None or relations is None:
            continue
        anchors: dict[str, list[int]] = {}
        syntactic: dict[str, str] = {}
        instances: dict[str, tuple[str, str]] = {}
        for element in markables:
            m_id = element.get("m_id", "")
            if element.tag == "ENTITY_MENTION":
                anchors[m_id] = [int(a.get("t_id", "0")) for a in element.iter("token_anchor")]
                syntactic[m_id] = element.get("syntactic_type", "")
            elif element.tag == "ENTITY":
                instance = element.get("instance_id") or f"{doc_id}#{m_id}"
                instances[m_id] = (instance, element.get("ent_type", ""))
        mentions = []
        types = []
        for relation in relations.iter("REFERS_TO"):
            target = relation.find("target")
            if target is None or target.get("m_id", "") not in instances:
                continue
            instance, ent_type = instances[target.get("m_id", "")]
            for source in relation.findall("source"):
                m_id = source.get("m_id", "")
                spans = [offsets[t] for t in anchors.get(m_id, []) if t in offsets]
                if not spans:
                    continue
                start, end = min(s for s, _ in spans), max(e for _, e in spans)
                mentions.append(
                    GoldMention(doc_id, start, end, text[start:end], instance, ent_type)
                )
                types.append(syntactic.get(m_id, ""))
        docs.append(MeantimeDoc(doc_id, text, tuple(mentions), tuple(types)))
    return docs


def _meantime_article(doc: MeantimeDoc) -> Article:
    return text_article(doc.doc_id, doc.text)


# MEANTIME's four corpora are four stories; the first two are read to tune the rules, the
# other two only scored.
MEANTIME_TUNE = ("corpus_airbus", "corpus_apple")
MEANTIME_HELDOUT = ("corpus_gm", "corpus_stock")


def _meantime_key(docs: Sequence[MeantimeDoc], types: Sequence[str]) -> list[GoldMention]:
    gold = [
        m
        for d in docs
        for m, syntactic in zip(d.mentions, d.syntactic_types, strict=True)
        if m.type in types and syntactic in NAMED
    ]
    # One gold mention per span (a span is annotated once per instance it refers to).
    unique: dict[MentionId, GoldMention] = {}
    for m in gold:
        unique.setdefault((m.article, m.start, m.end), m)
    return list(unique.values())


def _story_scores(
    docs: Sequence[MeantimeDoc], entities: Sequence[Entity], types: Sequence[str]
) -> dict[str, Any]:
    gold = _meantime_key(docs, types)
    aligned = align_mentions(gold, entities)
    key = _key_clusters(gold)
    return {
        "documents": len(docs),
        "key_mentions": len(gold),
        "key_entities": len(key),
        "cross_document_entities": sum(1 for cluster in key if len({a for a, _, _ in cluster}) > 1),
        "aligned_mentions": len(aligned),
        "named": conll(key, _response_clusters(gold, aligned)),
    }


def score_meantime_entities(
    directory: Path,
    *,
    types: Sequence[str] = MEANTIME_TYPES,
    cache: Any = None,
    **options: Any,
) -> dict[str, Any]:
    """Cross-document entity coreference on MEANTIME: MUC, B-cubed, CEAF-e, CoNLL F1.

    The key is the gold named mentions (`NAM`, `PRE.NAM`) of people, organisations and places
    with their cross-document instances. `named` scores the response restricted to the
    system mentions that match a key mention (how well matched names are clustered);
    `end_to_end` also keeps every other system mention, as a twinless mention; these resolve
    the 120 documents as one story. `stories` resolves each corpus (airbus, apple, gm, stock)
    as its own story, as a build would, and scores the tuning corpora (`MEANTIME_TUNE`) and
    the held-out ones (`MEANTIME_HELDOUT`) apart. `cache` keeps annotations between runs (an
    `AnnotationCache`); `options` go to `resolve_entities`.
    """
    from storyline.config import Config
    from storyline.pipeline import run
    from storyline.stages.entities import resolve_entities

    docs = read_meantime(directory)
    articles = [_meantime_article(d) for d in docs]
    state, ctx = run(articles, config=Config(), until="annotate", cache=cache)
    annotations = [state["annotations"][a.id] for a in articles]
    annotate_s = ctx.seconds["annotate"]
    started = time.perf_counter()
    entities = resolve_entities(articles, annotations, **options)
    resolve_s = time.perf_counter() - started

    gold = _meantime_key(docs, types)
    aligned = align_mentions(gold, entities)
    key = _key_clusters(gold)
    named = _response_clusters(gold, aligned)
    gold_of = {system: gid for gid, (_, system) in aligned.items()}
    full: dict[str, list[MentionId]] = defaultdict(list)
    for entity in entities:
        for sm in entity.mentions:
            mid = (sm.article, sm.start, sm.end)
            full[entity.id].append(gold_of.get(mid, mid))
    singletons = [[g] for cluster in key for g in cluster]

    corpus_of = [d.doc_id.split("/")[0] for d in docs]
    stories: dict[str, Any] = {}
    for part, corpora in (("tune", MEANTIME_TUNE), ("heldout", MEANTIME_HELDOUT)):
        part_docs: list[MeantimeDoc] = []
        part_entities: list[Entity] = []
        for corpus in corpora:
            chosen = [i for i, c in enumerate(corpus_of) if c == corpus]
            part_docs += [docs[i] for i in chosen]
            part_entities += resolve_entities(
                [articles[i] for i in chosen], [annotations[i] for i in chosen], **options
            )
        stories[part] = {"corpora": list(corpora), **_story_scores(part_docs, part_entities, types)}
    return {
        "documents": len(docs),
        "key_mentions": len(gold),
        "key_entities": len(key),
        "cross_document_entities": sum(1 for cluster in key if len({a for a, _, _ in cluster}) > 1),
        "aligned_mentions": len(aligned),
        "system_mentions": sum(len(e.mentions) for e in entities),
        "named": conll(key, named),
        "end_to_end": conll(key, [full[k] for k in sorted(full)]),
        "baseline_singletons": conll(key, singletons),
        "stories": stories,
        "seconds": {"annotate": round(annotate_s, 3), "resolve": round(resolve_s, 3)},
    }
