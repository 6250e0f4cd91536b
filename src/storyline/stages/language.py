"""Language identification for articles and paragraphs, with lingua.

lingua is accurate on short text, which is what a trailing comment prompt or a caption is,
but loading its models for 24 languages costs about 3.5 s and 420 MB (measured on the dev
machine). So the detector is built on first use, and a paragraph of ordinary English prose
(eight or more words, at least a sixth of them English function words) is settled without
it; only short or doubtful paragraphs reach lingua.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from storyline.lexicon import words

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH_FUNCTION_WORDS = words("language", "english_function_words")
_LANGUAGES = [
    "ENGLISH",
    "SPANISH",
    "FRENCH",
    "GERMAN",
    "ITALIAN",
    "PORTUGUESE",
    "DUTCH",
    "RUSSIAN",
    "UKRAINIAN",
    "POLISH",
    "TURKISH",
    "ARABIC",
    "CHINESE",
    "JAPANESE",
    "KOREAN",
    "VIETNAMESE",
    "INDONESIAN",
    "HINDI",
    "PERSIAN",
    "HEBREW",
    "SWEDISH",
    "CZECH",
    "ROMANIAN",
    "GREEK",
]


def looks_english(text: str) -> bool:
    """Ordinary English prose, decided without a model (see the module docstring)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 8:
        return False
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words) >= 1 / 6


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of `text` and lingua's confidence, or ("und", 0.0) when unsure."""
    if looks_english(text):
        return "en", 1.0
    if len(_WORD.findall(text)) == 0:
        return UNDETERMINED, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return UNDETERMINED, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def confidence(text: str, language: str) -> float:
    """lingua's confidence that `text` is in `language` (1.0 for plain English prose)."""
    if language == "en" and looks_english(text):
        return 1.0
    from lingua import IsoCode639_1

    code = getattr(IsoCode639_1, language.upper(), None)
    if code is None:
        return 0.0
    detector = _detector()
    for value in detector.compute_language_confidence_values(text):
        if value.language.iso_code_639_1 == code:
            return float(value.value)
    return 0.0


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()
