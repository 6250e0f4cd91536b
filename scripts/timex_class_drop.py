"""Which expressions the tagger would do better to leave out: for each class of the time
expressions it writes on the tune parts of both timex corpora (its words, lower-cased, digits
as 9: "now", "for years", "9 years ago"), how many of them the gold matches with the same
value, matches with another value, or does not tag at all, and how value F1 would move if
the class were never written. An analysis only, on the tune parts only (the held-out parts
are never read); the scorer and the tagger do not change.

Value F1 is 2 x right / (system + gold), so leaving out a class raises it only where fewer
than about F1 / 2 of the class's expressions are right values.

    PYTHONPATH=src python scripts/timex_class_drop.py ../shared [ROWS]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from storyline.evaluation import timeml

Counts = dict[str, list[int]]  # class -> [right value, other value, not in the gold]


def expression_class(text: str) -> str:
    """The class of a written expression: its words, lower-cased, digits as 9."""
    return re.sub(r"\d+", "9", " ".join(text.lower().split()))


def class_counts(runs: Sequence[tuple[timeml.TimeMLDoc, Sequence[timeml.TimexLike]]]) -> Counts:
    counts: Counts = {}
    for doc, found in runs:
        pairs, _ = timeml._align(doc.timexes, found)
        matched = set()
        for i, j in pairs:
            matched.add(j)
            right = doc.timexes[i].value.strip() == found[j].value.strip()
            counts.setdefault(expression_class(found[j].text), [0, 0, 0])[0 if right else 1] += 1
        for j, timex in enumerate(found):
            if j not in matched:
                counts.setdefault(expression_class(timex.text), [0, 0, 0])[2] += 1
    return counts


def main(shared: Path, rows: int) -> None:
    totals: dict[str, tuple[int, int, int]] = {}
    counts: dict[str, Counts] = {}
    for name, scores, runs in timeml.both_corpora(shared, "tune"):
        totals[name] = (scores.value_matched, scores.system, scores.gold)
        counts[name] = class_counts(runs)
        print(f"{name} tune: value F1 {scores.value_f1:.4f}")

    def gain(name: str, key: str) -> float:
        right, system, gold = totals[name]
        r, w, s = counts[name].get(key, [0, 0, 0])
        return 2 * (right - r) / (system - r - w - s + gold) - 2 * right / (system + gold)

    keys = sorted({k for c in counts.values() for k in c})
    ranked = sorted(keys, key=lambda k: (-(gain("TempEval-3", k) + gain("MEANTIME", k)), k))
    print("class: value F1 change without it (TempEval-3, MEANTIME); right / other / untagged")
    for key in ranked[:rows]:
        te3 = counts["TempEval-3"].get(key, [0, 0, 0])
        mt = counts["MEANTIME"].get(key, [0, 0, 0])
        print(
            f"  {key!r}: {gain('TempEval-3', key):+.4f} {gain('MEANTIME', key):+.4f}; "
            f"{'/'.join(map(str, te3))}, {'/'.join(map(str, mt))}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20)
