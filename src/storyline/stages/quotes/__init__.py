"""Who said what: direct, indirect and mixed quotes with speaker, cue and channel.

The stage moves into this package; for now `content` holds the whole stage and this module
re-exports the names other modules and the tests use. The split by concern follows.
"""

from __future__ import annotations

from storyline.stages.quotes.content import (
    ASSIGNS,
    REPORTING_VERBS,
    REQUIRES,
    SPEECH_VERBS,
    _inside,
    _merge_key,
    _regions,
    _same_words,
    _subject,
    extract_quotes,
    extract_quotes_from_text,
    find_quote_regions,
    merge_quotes,
)

__all__ = [
    "ASSIGNS",
    "REPORTING_VERBS",
    "REQUIRES",
    "SPEECH_VERBS",
    "_inside",
    "_merge_key",
    "_regions",
    "_same_words",
    "_subject",
    "extract_quotes",
    "extract_quotes_from_text",
    "find_quote_regions",
    "merge_quotes",
]
