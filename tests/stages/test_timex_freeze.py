"""What the store keeps of an article's detected time expressions gives the same detections
back (`timex.freeze` / `thaw_articles`), and a kept list that does not fit the text is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.stages.timex import anchor, detect, freeze
from storyline.stages.timex.detection import thaw

DEMO = Path(__file__).resolve().parents[2] / "examples" / "harbour-strike"
INVENTED = (
    "The ferry strike began on Monday, 3 March 2025, and the union said on Tuesday night that "
    "talks would resume later in the day. By the 19th the harbour had been shut for 18-19 days; "
    "in the third quarter of 2024 traffic fell, and since 2019 wages have risen every year.",
    "No date at all here.",
)


def _texts(shared: Path) -> list[str]:
    seeds = sorted((shared / "seeds").glob("*"))
    demo = sorted(DEMO.glob("*.txt")) + sorted(DEMO.glob("*.md"))
    return [*INVENTED, *(p.read_text("utf-8") for p in [*seeds, *demo] if p.is_file())]


def test_thaw_gives_back_what_detect_found(shared: Path) -> None:
    texts = _texts(shared)
    assert len(texts) > 5
    expressions = 0
    for text in texts:
        found = detect(text)
        again = thaw(text, freeze(found))
        assert again is not None
        got = [(c.start, c.end, c.priority, c.rule.name, c.match.span()) for c in again.candidates]
        want = [(c.start, c.end, c.priority, c.rule.name, c.match.span()) for c in found.candidates]
        assert got == want
        assert [c.match.groupdict() for c in again.candidates] == [
            c.match.groupdict() for c in found.candidates
        ]
        assert anchor(again, "2025-03-04") == anchor(found, "2025-03-04")
        expressions += len(found.candidates)
    assert expressions > 50


@pytest.mark.parametrize(
    "frozen",
    [
        [(10_000, 0)],  # no such rule
        [(0, 5)],  # the rule does not match there
    ],
)
def test_a_kept_list_that_does_not_fit_is_refused(frozen: list[tuple[int, int]]) -> None:
    assert thaw("nothing to see", frozen) is None
