"""`storyline eval compare`: where sources agree and differ, scored three ways.

- **Seeds** (`../shared/gold/seeds.json`, `cross_source`: 25 points where outlets state the
  same fact, each with a verdict). A gold claim is located in its article's cleaned text (all
  25 points' claims are exact substrings). A comparison *finds* a point when its claims
  overlap gold claims of at least two of the point's documents; each comparison finds at most
  one point and each point is found by at most one comparison (the one-to-one matching that
  finds the most points, and among those gets the most verdicts right). A found point is
  *right* when the verdicts match. A *false alarm* is a contradiction that finds (by
  overlap, matched or not) a point the gold says agree.
- **ClaimDiff** (`../shared/data/claimdiff`, train files only: claim pairs of two presses on
  one topic, labelled as one strengthening or weakening the other, or neither). The check of
  alignment: our statement similarity (the build's own features and weights, with the
  topic's claims as the story) separates related pairs from unrelated ones (AUC), and at the
  build's `link` threshold, how many aligned pairs are related (precision) and how many
  related pairs are aligned (recall). Topics are split by a hash of their name: a third is
  held out and only scored.
- **Demo** (`examples/harbour-strike`): its syndicated copy is named as a copy of its original,
  and its disagreement (two counts of the strikers) is a contradiction.
- **ECB+ contradictions** (`--corpus ecbplus --split tune|held_out`): each half of six topics
  built as one story; the counts, and every contradiction to read (`score_ecbplus`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.model import Comparison, Dossier


def _locate(text: str, claim: str) -> tuple[int, int] | None:
    start = text.find(claim)
    return None if start < 0 else (start, start + len(claim))


def score_seeds(shared: Path, dossier: Dossier) -> dict[str, Any]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    by_key = {Path(a.path).stem: a for a in dossier.articles}
    points = gold["cross_source"]
    comparisons = list(dossier.comparisons)
    missing = 0
    located: list[dict[str, list[tuple[int, int]]]] = []
    for point in points:
        spans: dict[str, list[tuple[int, int]]] = {}
        for claim in point["claims"]:
            article = by_key.get(claim["document"])
            found = _locate(article.text, claim["claim"]) if article else None
            if found is None or article is None:
                missing += 1
                continue
            spans.setdefault(article.id, []).append(found)
        located.append(spans)

    def documents(comparison: Comparison, spans: dict[str, list[tuple[int, int]]]) -> int:
        hit = {
            c.span.article
            for c in comparison.claims
            if any(s < c.span.end and c.span.start < e for s, e in spans.get(c.span.article, []))
        }
        return len(hit)

    # the one-to-one matching of points and comparisons that finds the most points and,
    # among those, gets the most verdicts right (scipy's assignment solver)
    from scipy.optimize import linear_sum_assignment

    table = [[documents(c, spans) for c in comparisons] for spans in located]
    weights = [
        [
            (2.0 + (c.verdict == point["verdict"])) if table[p][i] >= 2 else 0.0
            for i, c in enumerate(comparisons)
        ]
        for p, point in enumerate(points)
    ]
    chosen: dict[int, int] = {}
    if comparisons:
        rows_index, cols_index = linear_sum_assignment(weights, maximize=True)
        chosen = {
            int(p): int(i) for p, i in zip(rows_index, cols_index, strict=True) if weights[p][i] > 0
        }
    rows = []
    right = found_count = false_alarms = 0
    for number, point in enumerate(points):
        false_alarms += sum(
            1
            for i, c in enumerate(comparisons)
            if table[number][i] >= 2 and point["verdict"] == "agree" and c.verdict == "contradict"
        )
        row: dict[str, Any] = {"point": number, "topic": point["topic"], "gold": point["verdict"]}
        if number in chosen:
            index = chosen[number]
            found_count += 1
            right += comparisons[index].verdict == point["verdict"]
            row.update(
                verdict=comparisons[index].verdict,
                comparison=comparisons[index].id,
                explanation=comparisons[index].explanation,
            )
        rows.append(row)
    used = set(chosen.values())
    verdicts: dict[str, int] = {}
    for c in comparisons:
        verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
    return {
        "points": len(points),
        "found": found_count,
        "right": right,
        "false_alarms": false_alarms,
        "claims_not_located": missing,
        "comparisons": len(comparisons),
        "matched_comparisons": len(used),
        "verdicts": dict(sorted(verdicts.items())),
        "by_point": rows,
    }


def held_out(topic: str) -> bool:
    """A third of ClaimDiff's topics, by a hash of the name, are only scored."""
    return int(hashlib.sha1(topic.encode("utf-8")).hexdigest(), 16) % 3 == 0


def score_claimdiff(folder: Path, *, nlp: Any, limit: int | None = None) -> dict[str, Any]:
    from storyline.stages.compare.align import AlignSettings, Similarity
    from storyline.stages.compare.claims import Statement

    strength = json.loads((folder / "ClaimDiff-strength-train.json").read_text("utf-8"))["data"]
    weak = json.loads((folder / "ClaimDiff-weak-train.json").read_text("utf-8"))["data"]
    weakens = {p["pair_id"]: p["relation"] for p in weak}
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for pair in strength:
        by_topic.setdefault(pair["topic"], []).append(pair)
    topics = sorted(by_topic)[:limit] if limit else sorted(by_topic)
    from storyline.stages.compare.forecasts import forecast_comparisons

    settings = AlignSettings.default()
    parts: dict[str, list[tuple[float, bool]]] = {"tune": [], "held_out": []}
    clashes: dict[str, int] = {"tune": 0, "held_out": 0}
    for topic in topics:
        pairs = by_topic[topic]
        texts = sorted({p["claim_a"] for p in pairs} | {p["claim_b"] for p in pairs})
        docs = list(nlp.pipe(texts))
        side: dict[str, str] = {}
        for p in pairs:
            side.setdefault(p["claim_a"], "a")
            side.setdefault(p["claim_b"], "b")
        statements = [
            _statement(text, doc, side.get(text, "a"), Statement)
            for text, doc in zip(texts, docs, strict=True)
        ]
        similarity = Similarity(statements, settings)
        index = {text: i for i, text in enumerate(texts)}
        part = "held_out" if held_out(topic) else "tune"
        # claims of different presses on a contentious topic: expectations that clash
        clashes[part] += len(
            forecast_comparisons(statements, similarity, str, _doc_subjects(texts, docs))
        )
        for p in pairs:
            related = bool(p["relation"]) or bool(weakens.get(p["pair_id"]))
            value = similarity(index[p["claim_a"]], index[p["claim_b"]])
            parts[part].append((value, related))
    return {
        part: _alignment_scores(values, settings.link) | {"forecast_clashes": clashes[part]}
        for part, values in parts.items()
    } | {
        "topics": len(topics),
        "link": settings.link,
    }


def _doc_subjects(texts: Sequence[str], docs: Sequence[Any]) -> Any:
    """`forecasts.subject_lemma` over a claim's own spaCy parse (a ClaimDiff claim is its own
    text, so its statement's offsets are the doc's)."""
    from storyline.stages.compare.forecasts import subject_lemma

    by_text = dict(zip(texts, docs, strict=True))

    def subject(statement: Any, at: int) -> str | None:
        doc = by_text[statement.span.text]
        head = {t.i: (t.head.i, t.dep_) for t in doc}
        node = next((t.i for t in doc if t.idx <= at < t.idx + len(t.text)), None)
        return subject_lemma(head, node, lambda i: (doc[i].pos_, doc[i].lemma_))

    return subject


def _statement(text: str, doc: Any, side: str, statement: Any) -> Any:
    """A ClaimDiff claim as the compare stage reads a sentence: content lemmas, named
    entities (by their text: the corpus has no entity ids) and date words."""
    from storyline.model import Span, Token
    from storyline.stages.compare.claims import _content

    lemmas = frozenset(
        t.lemma_.lower()
        for t in doc
        if _content(Token(t.idx, t.idx + len(t.text), t.lemma_, t.pos_, t.tag_))
    )
    features = sorted(
        {f"w:{w}" for w in lemmas}
        | {f"e:{e.text.lower()}" for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")}
        | {f"t:{e.text.lower()}" for e in doc.ents if e.label_ == "DATE"}
    )
    return statement(
        article=side,
        witness=side,
        span=Span(side, 0, len(text), text),
        features=tuple(features),
        dates=(),
        figures=(),
        source=None,
        published=None,
    )


def _alignment_scores(values: Sequence[tuple[float, bool]], link: float) -> dict[str, Any]:
    positives = [v for v, r in values if r]
    negatives = [v for v, r in values if not r]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    auc = wins / (len(positives) * len(negatives)) if positives and negatives else 0.0
    aligned = [r for v, r in values if v >= link]
    precision = sum(aligned) / len(aligned) if aligned else 0.0
    recall = sum(aligned) / len(positives) if positives else 0.0
    curve = {}
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        above = [r for v, r in values if v >= threshold]
        curve[str(threshold)] = {
            "aligned": len(above),
            "precision": round(sum(above) / len(above), 3) if above else 0.0,
        }
    return {
        "pairs": len(values),
        "related": len(positives),
        "by_threshold": curve,
        "auc": round(auc, 3),
        "aligned": len(aligned),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "related_share": round(len(positives) / len(values), 3) if values else 0.0,
    }


# ECB+ topics whose contradictions were read one by one: while the rules were written, and
# held out until the end (docs/benchmarks.md)
ECBPLUS_TOPICS = {
    "tune": ("1", "3", "4", "6", "8", "12"),
    "held_out": ("13", "14", "16", "18", "19", "20"),
}


def score_ecbplus(data: Path, part: str) -> dict[str, Any]:
    """Each half of each ECB+ topic of `part` (its ECB and its ECB+ articles: different
    seminal events) built as one story, each article its own source (ECB+ names no outlets),
    a URL date as its publication date: how many comparisons, contradictions and complements,
    and every contradiction's topic and explanation, to be read one by one."""
    import tempfile

    from storyline.config import Config
    from storyline.evaluation.corpora import iter_ecbplus
    from storyline.pipeline import build

    topics = ECBPLUS_TOPICS[part]
    halves: dict[str, list[Any]] = {}
    for doc in iter_ecbplus(data):
        topic, name = doc.doc_id.split("/")
        if topic in topics:
            half = "plus" if name.endswith("ecbplus") else "ecb"
            halves.setdefault(f"{topic}_{half}", []).append(doc)
    rows: list[dict[str, Any]] = []
    for key in sorted(halves, key=lambda k: (int(k.split("_")[0]), k)):
        with tempfile.TemporaryDirectory() as folder:
            for doc in halves[key]:
                head = f"DATE: {doc.published}\n---\n" if doc.published else ""
                name = doc.doc_id.split("/")[1] + ".txt"
                (Path(folder) / name).write_text(head + doc.text + "\n", encoding="utf-8")
            dossier = build([folder], config=Config()).dossier
        verdicts = [c.verdict for c in dossier.comparisons]
        rows.append(
            {
                "half": key,
                "documents": len(halves[key]),
                "comparisons": len(verdicts),
                "contradictions": [
                    {"topic": c.topic, "explanation": c.explanation}
                    for c in dossier.comparisons
                    if c.verdict == "contradict"
                ],
                "complements": verdicts.count("complement"),
            }
        )
    return {
        "part": part,
        "topics": list(topics),
        "comparisons": sum(r["comparisons"] for r in rows),
        "contradictions": sum(len(r["contradictions"]) for r in rows),
        "complements": sum(r["complements"] for r in rows),
        "halves": rows,
    }


def score_demo(dossier: Dossier) -> dict[str, Any]:
    """Whether the demo's copy is named and its two strike counts flagged."""
    names = {a.id: Path(a.path).name for a in dossier.articles}
    copies = [
        {"copy": names.get(c.article, c.article), "original": names.get(c.original, c.original)}
        for c in dossier.copies
    ]
    flagged = [
        c
        for c in dossier.comparisons
        if c.verdict == "contradict" and {"6500", "4000"} <= {claim.value for claim in c.claims}
    ]
    return {
        "copies": copies,
        "strikers_contradiction": bool(flagged),
        "explanation": flagged[0].explanation if flagged else None,
        "contradictions": sum(1 for c in dossier.comparisons if c.verdict == "contradict"),
        "comparisons": len(dossier.comparisons),
    }


def score(shared: Path, examples: Path, *, nlp: Any, limit: int | None = None) -> dict[str, Any]:
    from storyline.config import Config
    from storyline.pipeline import build

    seeds = build(sorted((shared / "seeds").glob("*.txt")), config=Config()).dossier
    demo = build([examples], config=Config()).dossier
    return {
        "seeds": score_seeds(shared, seeds),
        "claimdiff": score_claimdiff(shared / "data" / "claimdiff", nlp=nlp, limit=limit),
        "demo": score_demo(demo),
    }
