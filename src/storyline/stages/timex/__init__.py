"""Time expressions: find them in news text and normalise them to TIMEX3 values.

`tag(text, dct)` finds every time expression and gives it a TIMEX3 type and value at the
granularity the text states: "September 2023" is `2023-09`, "last week" is an ISO week,
"May 15 and 16" is the range `2024-05-15/2024-05-16`, "the past two years" is `P2Y` and
"in recent months" is `PAST_REF`. Relative expressions are anchored on the document
creation time (`dct`), and weekdays, months and seasons without a year take the tense of
the verb that governs them: "is scheduled to visit on Wednesday" looks forward from the
DCT, "visited on Wednesday" looks back; "since Tuesday", "until Friday" and "Friday's
ruling" say their side whatever the verb. Expressions that news anchors on the last date
mentioned ("a year earlier" after "the third quarter", "the following year", "that
quarter", "the previous Friday") use that date.

Tagging is two steps. Detection (`detect(text, tags=...)`, detection.py) finds where the
expressions are; it depends on the text alone. Anchoring (`anchor(detections, dct)`,
anchoring.py) gives them values against a reference date. A caller that needs one text
against several dates (publication-date inference, a date known only to the month) detects
once and anchors on each date; `tag` does both for one date.

The stage, `extract_timexes(articles, annotations)` (extract.py), anchors each analysed
article on its publication date (`reference_date`, dct.py). Publication-date inference runs
before it on the same texts: `detect_articles` detects every article once for both.

    REQUIRES: articles, annotations, published        ASSIGNS: timexes

Modules: patterns.py (the vocabulary, the pattern pieces, numbers in words), detection.py
(the rules' patterns, candidates, selection), anchoring.py (each rule's normaliser,
`anchor`, `tag`), dates.py (written calendar dates), relative.py (expressions relative to
the DCT or to the last date given), quarters.py (earnings periods), durations.py (durations
and sets), clock.py (clock times), tense.py (the governing tense), _context.py and
_calendar.py (what the normalisers share), dct.py (the DCT, the reference date, ranges),
extract.py (the stage). Every word list and word-to-value table is in `lexicon/en/timex.toml`.

Why our own: dateparser, the usual Python choice, parses single strings rather than
finding expressions in running text, drops granularity (it turns "September 2023" into a
day) and ignores tense. HeidelTime, the reference tagger, needs Java and TreeTagger. The
scores of this module on TempEval-3 are in docs/benchmarks.md (`storyline eval timeml`).
Calendar arithmetic is the standard library's `datetime`.
"""

from __future__ import annotations

from storyline.stages.timex.anchoring import anchor, tag
from storyline.stages.timex.dct import parse_dct, range_endpoints, reference_date, timeml_forms
from storyline.stages.timex.detection import Detections, detect, freeze
from storyline.stages.timex.extract import detect_articles, extract_timexes, thaw_articles
from storyline.stages.timex.patterns import MONTHS
from storyline.stages.timex.tense import tenses

__all__ = [
    "ASSIGNS",
    "MONTHS",
    "REQUIRES",
    "Detections",
    "anchor",
    "detect",
    "detect_articles",
    "extract_timexes",
    "freeze",
    "parse_dct",
    "range_endpoints",
    "reference_date",
    "tag",
    "tenses",
    "thaw_articles",
    "timeml_forms",
]

REQUIRES = ("articles", "annotations", "published")
ASSIGNS = ("timexes",)
