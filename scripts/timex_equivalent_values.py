"""How much of the time-value gap is the string comparison: value F1 of both timex corpora
counted as the scorer counts it (exact strings, as the official TempEval-3 toolkit does) and
again with values that ISO 8601 and TimeML write two ways taken as equal. An analysis only:
the scorer (`storyline.evaluation.timeml`) and the gate do not change.

The forms taken as equal: a week number with or without its leading zero (`2000-W7`,
`2000-W07`: ISO 8601 writes two digits), an hour alone and the same hour at minute 00
(`T17`, `T17:00`), and a count of decades, centuries or millennia in any of the unit codes
the corpora use or in years (`P1E`, `P1DE`, `P10Y`; `PXC`, `PXCE`).

    PYTHONPATH=src python scripts/timex_equivalent_values.py ../shared tune|heldout
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from storyline.evaluation import timeml

# unit codes of long durations to their length in years
_LONG_UNITS = {"DE": 10, "E": 10, "CE": 100, "C": 100, "ML": 1000, "L": 1000}


def equivalent_form(value: str) -> str:
    """`value` in one spelling of the forms ISO 8601 and TimeML allow two of."""
    value = value.strip()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    value = re.sub(r"T(\d\d)(?![:\d])", r"T\1:00", value)
    m = re.fullmatch(r"P(\d+|X)(DE|CE|ML|E|C|L)", value)
    if m:
        years = _LONG_UNITS[m[2]]
        value = f"PX{years}Y" if m[1] == "X" else f"P{int(m[1]) * years}Y"
    return value


def main(shared: Path, part: timeml.Part) -> None:
    for name, scores, runs in timeml.both_corpora(shared, part):
        pairs: dict[tuple[str, str], int] = {}
        for doc, found in runs:
            for d in timeml.diff_timeml(doc.timexes, found):
                if d.kind != "value" or d.gold_value is None or d.system_value is None:
                    continue
                if equivalent_form(d.gold_value) == equivalent_form(d.system_value):
                    key = (d.gold_value, d.system_value)
                    pairs[key] = pairs.get(key, 0) + 1
        right = scores.value_matched + sum(pairs.values())
        total = scores.system + scores.gold
        print(
            f"{name} {part}: value F1 {scores.value_f1:.4f} ({scores.value_matched} right of "
            f"{scores.system} system, {scores.gold} gold); with equivalent forms "
            f"{2 * right / total:.4f} ({right} right)"
        )
        if part == "tune":  # the held-out part is scored, never read
            for (gold, system), count in sorted(pairs.items()):
                print(f"    gold {gold} = ours {system}: {count}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "tune")  # type: ignore[arg-type]
