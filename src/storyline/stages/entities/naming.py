"""Naming helpers shared by the whole stage.

The forms in which two names are compared ("Hà Nội" = "Hanoi", "Viet Nam" = "Vietnam", "the
Hà Nội's" -> "ha noi"), whether a line is a title-case headline, and the words that are no part
of a name (titles and articles before it, possessives after it) or that end an organisation's
name. The word lists live in lexicon/en/entities.toml.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storyline.lexicon import words

# The tagger's labels we keep, and the type each becomes (NER labels: grammar, kept in code).
LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
PLACE = ("GPE", "LOC")

TITLE_WORDS = words("entities", "title_words")
ORG_HEADS = words("entities", "org_heads")
_DETERMINERS = words("entities", "determiners")
# Punctuation (syntax, not vocabulary): possessive endings, dashes, marks that end a phrase.
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DASHES = frozenset({"—", "–", "--"})
_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]")
_STOP_PUNCT = frozenset({",", ";", ".", "—", "–", ")", ":", "“", "”", '"', "?", "!", "("})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Hà Nội" -> "ha noi", "Đà Nẵng" -> "da nang"."""
    if text.isascii():  # no accent to strip, and ASCII folds as it lowers
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """Key that ignores case, accents, spaces, dots and hyphens: "Viet Nam" -> "vietnam"."""
    folded = fold(text)
    if folded.isascii():  # the ASCII letters and digits are its only alphanumerics
        return _NOT_ASCII_ALNUM.sub("", folded)
    return "".join(c for c in folded if c.isalnum())


def normalize_name(name: str) -> str:
    """Case-, accent- and article-insensitive words: "the Hà Nội's" -> "ha noi"."""
    text = fold(name).replace("’", "'").strip()
    for suffix in ("'s", "'"):
        text = text.removesuffix(suffix)
    text = text.removeprefix("the ")
    return " ".join(text.replace(".", "").split())


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalize_name(text).split() if w)


def title_case(line: str) -> bool:
    """Whether a line is written in title case (a headline, a crosshead)."""
    if line.rstrip().endswith((".", "!", ",", ";")):
        return False  # a sentence full of names ("... Defense & Space Company (EADS).")
    words = [w for w in re.findall(r"[A-Za-z][\w\-’']*", line) if len(w) > 3]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised * 4 >= len(words) * 3


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]
