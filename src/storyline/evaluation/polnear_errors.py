"""Where the PolNeAR source overlap F1 is lost: the unmatched sources in four buckets.

Each gold source the overlap pairing leaves unmatched, and each system source it leaves
unmatched, falls in the first bucket that fits:

- `pairing` (the scorer): it shares a character with a source of the other side that the
  one-to-one pairing gave to another span;
- `wrong_source`: the attribution was found (a system content shares a character with one
  of the gold source's contents, or the system source's content with a gold content), with
  another source, or none;
- `missed` (gold only): no system content touches the attribution: no cue was found;
- `spurious` (system only): the system content touches no gold content.

For each bucket, `f1_if_fixed` is the source overlap F1 the split would have if that
bucket's gold sources were all matched and its system sources all gone (a bucket of `g`
gold and `s` system sources: matched + g, system + g - s). `partial` counts the matched
pairs whose spans differ beyond whitespace and `,.;:` at the edges (what overlap forgives).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.evaluation.polnear import (
    BratAttribution,
    Fragments,
    _chars,
    _normal,
    overlap_pairs,
    system_attributions,
)
from storyline.lexicon import words
from storyline.model import Quote

BUCKETS = ("pairing", "wrong_source", "missed", "spurious")


def document_errors(
    text: str, gold: Sequence[BratAttribution], quotes: Sequence[Quote]
) -> dict[str, int]:
    """The unmatched gold and system sources of one document by bucket (`gold_X`,
    `system_X`), the pronoun gold sources among them (`gold_X_pronoun`), `matched`,
    `partial`, `gold` and `system`."""
    pronouns = _pronouns()
    system = system_attributions(quotes)
    golds = sorted({a.source for a in gold if a.source})
    systems = sorted({a.source for a in system if a.source})
    pairs = overlap_pairs(text, golds, systems)
    paired_gold = {i for i, _ in pairs}
    paired_system = {j for _, j in pairs}
    gold_chars = [_chars(text, g) for g in golds]
    system_chars = [_chars(text, s) for s in systems]
    system_contents = [_chars(text, a.content) for a in system]
    gold_contents = [_chars(text, a.content) for a in gold]
    counts: dict[str, int] = {
        "gold": len(golds),
        "system": len(systems),
        "matched": len(pairs),
        "partial": sum(1 for i, j in pairs if _normal(text, golds[i]) != _normal(text, systems[j])),
    }
    for i, source in enumerate(golds):
        if i in paired_gold:
            continue
        if any(gold_chars[i] & s for s in system_chars):
            bucket = "pairing"
        else:
            contents: set[int] = set()
            for attribution in gold:
                if attribution.source == source:
                    contents |= _chars(text, attribution.content)
            found = any(contents & c for c in system_contents)
            bucket = "wrong_source" if found else "missed"
        _count(counts, f"gold_{bucket}")
        if _words(text, source) in pronouns:
            _count(counts, f"gold_{bucket}_pronoun")
    for j, source in enumerate(systems):
        if j in paired_system:
            continue
        if any(system_chars[j] & g for g in gold_chars):
            bucket = "pairing"
        else:
            contents = set()
            for item in system:
                if item.source == source:
                    contents |= _chars(text, item.content)
            bucket = "wrong_source" if any(contents & c for c in gold_contents) else "spurious"
        _count(counts, f"system_{bucket}")
    return counts


def summarize(counts: dict[str, int]) -> dict[str, Any]:
    """Split totals as buckets with their gold and system counts and `f1_if_fixed`."""
    gold, system, matched = counts["gold"], counts["system"], counts["matched"]
    out: dict[str, Any] = {"f1": _f1(matched, gold, system), "partial": counts["partial"]}
    for bucket in BUCKETS:
        g = counts.get(f"gold_{bucket}", 0)
        s = counts.get(f"system_{bucket}", 0)
        out[bucket] = {
            "gold": g,
            "gold_pronoun": counts.get(f"gold_{bucket}_pronoun", 0),
            "system": s,
            "f1_if_fixed": _f1(matched + g, gold, system + g - s),
        }
    return out


def add(total: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def _f1(matched: int, gold: int, system: int) -> float:
    return round(2 * matched / (gold + system), 4) if gold + system else 0.0


def _count(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def _words(text: str, fragments: Fragments) -> str:
    return " ".join(text[a:b] for a, b in fragments).strip().lower()


def _pronouns() -> frozenset[str]:
    return frozenset(words("quotes", "source_pronouns"))
