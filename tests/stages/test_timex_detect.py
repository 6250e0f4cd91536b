"""Detection and anchoring: `detect` once, `anchor` on any number of reference dates.

What `detect` finds depends on the text alone, so anchoring the same detections on several
reference dates, in any order, gives what `tag` gives for each date; and every rule the
detector runs has a normaliser. The holiday and era patterns are built from the lexicon, so
every name listed there is found.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.lexicon import table
from storyline.stages.timex import anchor, detect, tag, tenses
from storyline.stages.timex.anchoring import _NORMALISERS
from storyline.stages.timex.detection import _RULES

TEXT = (
    "The council voted on Tuesday to close the bridge. Repairs start next week and will "
    "last three months; a year earlier, in the third quarter of 2023, traffic fell. The "
    "mayor met them the following day, at 5 p.m., and again on March 3. Since 2017 the "
    "toll has doubled, and it will rise in the coming years, officials said yesterday."
)
TAGS = [
    (0, 3, "DT"),
    (12, 17, "VBD"),
    (77, 81, "MD"),
    (178, 181, "VBD"),
    (279, 283, "VBD"),
]
REFERENCES = [None, "2024-06-17", "1901-07-15", "2024-02-29", "0001-01-05", "9999-12-30"]


@pytest.mark.parametrize("tags", [None, TAGS])
def test_anchoring_one_detection_on_each_date_is_tagging_on_it(
    tags: list[tuple[int, int, str]] | None,
) -> None:
    found = detect(TEXT, tags=tags)
    for reference in [*REFERENCES, *reversed(REFERENCES)]:
        assert anchor(found, reference) == tag(TEXT, reference, tags=tags)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dates().map(str), min_size=1, max_size=4))
def test_any_order_of_reference_dates_gives_the_same_values(references: list[str]) -> None:
    found = detect(TEXT, tags=TAGS)
    for reference in references:
        assert anchor(found, reference) == tag(TEXT, reference, tags=TAGS)


def test_every_rule_has_a_normaliser() -> None:
    assert [rule.name for rule in _RULES] == list(_NORMALISERS)


def test_every_holiday_and_era_of_the_lexicon_is_found() -> None:
    for name in table("timex", "holidays"):
        text = f"They met on {name} 2020."
        assert [t.text for t in tag(text, "2024-06-17")] == [f"{name} 2020"], name
    for name in table("timex", "eras"):
        text = f"a {name}-era law"
        assert [t.text for t in tag(text, "2024-06-17")] == [f"{name}-era"], name


def test_the_tense_of_a_detection_is_the_tense_tenses_reads() -> None:
    found = detect(TEXT, tags=TAGS)
    spans = [(t.start, t.end) for t in anchor(found, None)]
    assert [found.tense(s, e) for s, e in spans] == tenses(TEXT, spans, tags=TAGS)
