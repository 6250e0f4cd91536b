"""storyline's own scorers (`storyline eval NAME`), each returning a JSON-ready dict.

- `seeds`: on ../shared/seeds with gold/seeds.json: boilerplate-line removal (precision and
  recall over lines, crossheads counted as removed when in `dropped`), kept content lines, and
  publication dates (exact day, or range inside a month holding the gold range).
- `clean`: on the dev corpora, the share of real paragraphs that cleaning keeps. These corpora
  carry no web debris, so every dropped paragraph is a false positive of a cleaning rule.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from storyline import corpora
from storyline.config import Config
from storyline.model import Document
from storyline.pipeline import build
from storyline.stages.clean import clean_document


def score_seeds(shared: Path, *, config: Config | None = None) -> dict[str, Any]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    dossier = build([shared / "seeds"], config=config or Config()).dossier
    true_positive = dropped_total = gold_total = 0
    dates: dict[str, Any] = {}
    for article in dossier.articles:
        key = Path(article.path).stem
        doc = gold[key]
        # Multisets of whole lines: a headline repeated twice after the first copy is
        # listed twice in the gold, and the first copy is content.
        expected = Counter(doc["boilerplate_lines"])
        dropped = Counter(d.text for d in article.dropped if d.reason != "source credit")
        true_positive += sum((expected & dropped).values())
        dropped_total += sum(dropped.values())
        gold_total += sum(expected.values())
        dates[key] = _date_verdict(
            article.published.value if article.published else None, doc["dct"]["value"]
        )
    return {
        "boilerplate_precision": round(true_positive / dropped_total, 4) if dropped_total else 1.0,
        "boilerplate_recall": round(true_positive / gold_total, 4) if gold_total else 1.0,
        "content_lines_dropped": dropped_total - true_positive,
        "published_correct": sum(1 for v in dates.values() if v["correct"]),
        "published_total": len(dates),
        "published": dates,
    }


def _date_verdict(value: str | None, gold: str | dict[str, str]) -> dict[str, Any]:
    low_gold, high_gold = (
        (gold, gold) if isinstance(gold, str) else (gold["earliest"], gold["latest"])
    )
    verdict: dict[str, Any] = {"value": value, "gold": gold, "correct": False}
    if value is None:
        return verdict
    low, high = _bounds(value)
    pinned = low_gold == high_gold
    if low == high:
        verdict["correct"] = low_gold <= low <= high_gold
    elif not pinned:
        span = (date.fromisoformat(high) - date.fromisoformat(low)).days
        verdict["correct"] = low <= low_gold and high >= high_gold and span <= 31
    return verdict


def _bounds(value: str) -> tuple[str, str]:
    if "/" in value:
        low, high = value.split("/")
        return low, high
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        import calendar

        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def score_clean_survival(
    data: Path, *, corpus: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for name in [corpus] if corpus else ["polnear", "meantime", "tempeval3", "ecbplus"]:
        paragraphs = dropped = documents = 0
        reasons: dict[str, int] = {}
        for doc in corpora.iter_corpus(name, data, limit=limit):
            article = clean_document(Document(doc.doc_id, doc.text, "text", title=doc.title))
            documents += 1
            paragraphs += sum(1 for line in doc.text.splitlines() if line.strip())
            for item in article.dropped:
                if item.reason == "repeated headline":
                    continue
                dropped += 1
                reasons[item.reason] = reasons.get(item.reason, 0) + 1
        scores[name] = {
            "documents": documents,
            "paragraphs": paragraphs,
            "dropped": dropped,
            "kept_share": round(1 - dropped / paragraphs, 4) if paragraphs else 1.0,
            "dropped_by_reason": dict(sorted(reasons.items())),
        }
    return scores
