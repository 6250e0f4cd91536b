"""The PLOVER scorer: our 2021 types in the gold records' 2016 names, and reading records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.plover import gsr_type, read_records


@pytest.mark.parametrize(
    ("event_type", "mode", "status", "expected"),
    [
        ("CONSULT", "visit", "happened", "CONSULT"),
        ("REQUEST", None, "happened", "DEMAND"),
        ("ACCUSE", "disapprove", "happened", "DISAPPROVE"),
        ("ACCUSE", "investigate", "happened", "INVESTIGATE"),
        ("ASSAULT", "military", "happened", "FIGHT"),
        ("ASSAULT", None, "happened", "ASSAULT"),
        # a stated intent is its own event
        ("AID", None, "expected", "AGREE"),
        ("SANCTION", None, "planned", "THREATEN"),
        # a cooperative act denied is a refusal; a hostile one denied is not
        ("AGREE", None, "negated", "REJECT"),
        ("CONSULT", "meet", "negated", "REJECT"),
        ("COERCE", "arrest", "negated", "COERCE"),
        (None, None, "happened", None),
    ],
)
def test_types_in_the_gold_records_names(
    event_type: str | None, mode: str | None, status: str, expected: str | None
) -> None:
    assert gsr_type(event_type, mode, status) == expected


def test_records_keep_type_actors_and_event_words(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        json.dumps(
            [
                {"id": "doc", "event": "DOCUMENT", "text": "header"},
                {
                    "id": "r1",
                    "event": "DEMAND",
                    "text": "Norway said Chile must pay the fine.",
                    "source": [{"actorText": "Norway"}],
                    "target": [{"actorText": "Chile"}],
                    "textInfo": {"markup": "Norway (EVT: said) that Chile (EVT: must pay)"},
                },
                {"id": "r2", "event": "AGREE", "text": ""},
            ]
        ),
        encoding="utf-8",
    )
    (record,) = read_records(path)
    assert (record.id, record.type, record.sources, record.targets) == (
        "r1",
        "DEMAND",
        ("Norway",),
        ("Chile",),
    )
    assert record.event_words == ("said", "must pay")


@pytest.mark.parametrize(("mode", "expected"), [("abduct", "COERCE"), ("seize", "COERCE")])
def test_abduction_and_destroying_property_are_the_drafts_coercion(
    mode: str, expected: str
) -> None:
    assert gsr_type("ASSAULT", mode) == expected
    assert gsr_type("ASSAULT", "beat") == "ASSAULT"
