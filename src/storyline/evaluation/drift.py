"""Digests of a learned model's training examples on a small fixed slice of its corpus, so
that a test can tell in seconds, without retraining, that the pipeline has moved them.

A training command (`train_merge`, `train_cues`) writes `drift_record` of its slice into the
weights file it writes; `tests/test_model_drift.py` recomputes the slice's examples through
today's stages and compares (`drift_found`). A change to a rule the training reads (a time
expression, an entity, a speaker) that moves one example makes the shipped file one the
command no longer gives: the test then asks for the retraining.

The digest is sha-256 over the examples in their order, each a row of features and its
label: feature keys (strings) sorted, as training reads them as a set; numbers rounded to
`PLACES` decimals. Features that are cosines of spaCy's float32 vectors (`loose`) can differ
in their last bits from one CPU to another, so they are left out of the digest and recorded
as column sums instead, compared within `LOOSE_TOLERANCE`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

PLACES = 6
LOOSE_PLACES = 3
LOOSE_TOLERANCE = 0.01


def _row(row: Sequence[Any], loose: frozenset[int]) -> list[Any]:
    if all(isinstance(value, str) for value in row):
        return sorted(set(row))
    return [round(float(v), PLACES) for n, v in enumerate(row) if n not in loose]


def drift_record(
    slice_name: str,
    rows: Sequence[Sequence[Any]],
    labels: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    names: Sequence[str] = (),
    loose: Sequence[str] = (),
) -> dict[str, Any]:
    """The record of a slice's examples: `rows` of features (strings or numbers named
    `names`), their `labels` and, for the pair model, the `kinds` of their priors; the
    features named in `loose` are summed instead of digested."""
    columns = {name: names.index(name) for name in loose}
    skipped = frozenset(columns.values())
    hashed = hashlib.sha256()
    for n, (row, label) in enumerate(zip(rows, labels, strict=True)):
        kind = kinds[n] if kinds is not None else None
        line = json.dumps([_row(row, skipped), int(label), kind], separators=(",", ":"))
        hashed.update(line.encode("utf-8") + b"\n")
    return {
        "slice": slice_name,
        "examples": len(rows),
        "positive": int(sum(labels)),
        "digest": hashed.hexdigest()[:16],
        "sums": {
            name: round(sum(float(row[column]) for row in rows), LOOSE_PLACES)
            for name, column in columns.items()
        },
    }


def drift_found(recorded: dict[str, Any], today: dict[str, Any]) -> str | None:
    """How the slice's examples of today differ from the `recorded` ones (None: they do
    not), in a few words for the test's one line."""
    if recorded["slice"] != today["slice"]:
        return f"the slice changed ({recorded['slice']!r} -> {today['slice']!r})"
    for key in ("examples", "positive", "digest"):
        if recorded[key] != today[key]:
            return f"{key} {recorded[key]} -> {today[key]}"
    for name, total in recorded["sums"].items():
        if abs(today["sums"].get(name, float("inf")) - total) > LOOSE_TOLERANCE:
            return f"sum of {name} {total} -> {today['sums'].get(name)}"
    return None
