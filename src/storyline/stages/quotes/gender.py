"""Whether "he" or "she" can stand for a person: the gender the article itself gives a name.

The evidence is the article's own text, never a list of first names (the name-to-gender
packages on PyPI are unmaintained or clients of a web service):

- a title or a gendered noun right before the name: "Mrs. Roe", "Sir John Doe", "actress
  Jane Roe", "his wife, Jane Roe";
- the first pronoun of one person after a name that opens its sentence, outside quoted words,
  with no other person between, when it is a subject, a possessive or a reflexive: "Jane Roe
  visited her school", "John Doe says he ..." ("Roe thanked him" says nothing: "him" is not
  Roe; nor does "Doe said the vote ended her career");
- "he" or "she" opening the next sentence when the name is the only person of its own:
  "Jane Roe won the state. She ...".

A name has the gender the article gives it more than twice as often as the other, else none,
and then a pronoun may stand for it as before. A surname alone ("Roe") shares the evidence of
the full name ("Jane Roe") when the article names only one person with that surname;
"Clinton" in an article with two Clintons does not.

    genders = article_genders(annotation, text, regions)
    genders.of("Roe")                   # "female", "male" or None
    genders.clashes("Roe", "he", 120)   # True when the article's words other than the "he"
                                        # at 120 call Roe a woman
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline import lexicon
from storyline.model import Annotation, Token
from storyline.stages.quotes._context import (
    _NO_SUBJECT_BEFORE,
    _Region,
    _sentence_starts,
    _token_starts,
)
from storyline.stages.quotes.regions import _inside

_MALE_PRONOUNS = lexicon.words("quotes", "male_pronouns")
_FEMALE_PRONOUNS = lexicon.words("quotes", "female_pronouns")
_MALE_BEFORE = lexicon.words("quotes", "male_titles") | lexicon.words("quotes", "male_nouns")
_FEMALE_BEFORE = lexicon.words("quotes", "female_titles") | lexicon.words("quotes", "female_nouns")
_NOUNS = lexicon.words("quotes", "male_nouns") | lexicon.words("quotes", "female_nouns")
_SUFFIXES = lexicon.words("quotes", "name_suffixes")
_TITLES = (
    lexicon.words("entities", "title_words")
    | lexicon.words("quotes", "male_titles")
    | lexicon.words("quotes", "female_titles")
)
# Nouns for a person ("the senator", "his wife"): a pronoun after one stands for it, not for
# the name before it.
_PERSON_NOUNS = lexicon.words("quotes", "role_nouns") | _NOUNS
_REPORTING_VERBS = lexicon.words("quotes", "reporting_verbs")
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
# What `_pronoun_after` finds when it finds no pronoun: someone else first, or no one.
_NONE, _ALONE = -1, -2
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(slots=True)
class Genders:
    """The genders an article gives its people, by name key (`key`)."""

    surnames: dict[str, str | None]  # a surname -> the one full name with it (None: several)
    # a name key -> the genders the article gives it, each with where the word saying it starts
    said: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def key(self, name: str) -> str:
        """A person's name without titles, suffixes or a possessive, in lower case: its first
        and last word, or the one full name with its surname when it is a surname alone."""
        words = _name_words(name)
        if len(words) == 1:
            return self.surnames.get(words[0]) or words[0]
        return " ".join(words[:1] + words[-1:])

    def note(self, name: str, gender: str, where: int) -> None:
        self.said.setdefault(self.key(name), []).append((gender, where))

    def of(self, name: str, *, besides: int = -1) -> str | None:
        """ "male" or "female" when the article gives the name that gender more than twice as
        often as the other (a pronoun after a name is now and then someone else's)."""
        found = Counter(g for g, at in self.said.get(self.key(name), ()) if at != besides)
        male, female = found["male"], found["female"]
        if male > 2 * female:
            return "male"
        if female > 2 * male:
            return "female"
        return None

    def clashes(self, name: str, pronoun: str, at: int) -> bool:
        """Whether the article gives `name` the gender opposite to that of `pronoun`, the word
        starting at `at`, by its other words: "Roe flew in. He said ..." makes Roe a man, but
        is no reason for that "He" to be Roe."""
        wanted = pronoun_gender(pronoun)
        known = self.of(name, besides=at)
        return wanted is not None and known is not None and known != wanted


def pronoun_gender(word: str) -> str | None:
    """ "male" for "he", "his", "him", "himself"; "female" for "she", "her", "herself"."""
    lower = word.lower()
    if lower in _MALE_PRONOUNS or lower == "him":
        return "male"
    if lower in _FEMALE_PRONOUNS:
        return "female"
    return None


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,").lower() for w in _POSSESSIVE.sub("", name.strip()).split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


def article_genders(annotation: Annotation, text: str, regions: Sequence[_Region]) -> Genders:
    """The genders the article's text gives its people (see the module docstring)."""
    people = [e for e in annotation.entities if e.label == "PERSON"]
    full: dict[str, set[str]] = {}
    for entity in people:
        words = _name_words(entity.text)
        if len(words) > 1:
            full.setdefault(words[-1], set()).add(" ".join(words[:1] + words[-1:]))
    genders = Genders({s: next(iter(n)) if len(n) == 1 else None for s, n in full.items()})
    tokens = annotation.tokens
    starts = _token_starts(annotation)
    sentences = annotation.sentences
    openings = _sentence_starts(annotation)
    named = {e.start for e in people}
    for entity in people:
        at = bisect_left(starts, entity.start)
        at_end = bisect_left(starts, entity.end)
        before = _word_before(text, tokens, at)
        if before in _MALE_BEFORE:
            genders.note(entity.text, "male", entity.start)
        elif before in _FEMALE_BEFORE:
            genders.note(entity.text, "female", entity.start)
        # the tagger kept the title in the name: "Mrs. Jane Roe"
        words = entity.text.split()
        first = words[0].rstrip(".").lower() if len(words) > 1 else ""
        if first in _MALE_BEFORE - _NOUNS:
            genders.note(entity.text, "male", entity.start)
        elif first in _FEMALE_BEFORE - _NOUNS:
            genders.note(entity.text, "female", entity.start)
        if _inside(regions, entity.start):
            continue
        which = bisect_right(openings, entity.start) - 1
        if which < 0:
            continue
        first_token = bisect_left(starts, sentences[which].start)
        if any(
            tokens[k].pos in _NO_SUBJECT_BEFORE
            or pronoun_gender(text[tokens[k].start : tokens[k].end]) is not None
            for k in range(first_token, at)
        ):
            # "... backing Jane Roe because he ...": the pronoun is the subject's; "Her
            # husband, John Doe, and her ...": the name is beside someone else
            continue
        found = _pronoun_after(text, tokens, regions, named, at_end, sentences[which].end)
        if found == _ALONE and which + 1 < len(sentences):
            # "Jane Roe flew to the town. She ...": the next sentence opens with a pronoun
            k = bisect_left(starts, sentences[which + 1].start)
            word = text[tokens[k].start : tokens[k].end].lower() if k < len(tokens) else ""
            if word in _SUBJECT_PRONOUNS and not _inside(regions, tokens[k].start):
                found = k
        gender = (
            pronoun_gender(text[tokens[found].start : tokens[found].end]) if found >= 0 else None
        )
        if gender is not None:
            genders.note(entity.text, gender, tokens[found].start)
    return genders


def _pronoun_after(
    text: str,
    tokens: Sequence[Token],
    regions: Sequence[_Region],
    named: set[int],
    first: int,
    end: int,
) -> int:
    """The index of the first pronoun of one person from token `first` to `end` (the name's
    sentence) when no other person comes first; `_ALONE` when the sentence ends with no one
    else named or spoken of in it; else `_NONE`."""
    reported = False
    for k in range(first, len(tokens)):
        token = tokens[k]
        if token.start >= end:
            return _ALONE
        if token.start in named or _inside(regions, token.start):
            return _NONE
        word = text[token.start : token.end].lower()
        if token.lemma.lower() in _PERSON_NOUNS or word in ("him", "i", "we", "they"):
            return _NONE
        if word == "her" and token.tag != "PRP$":
            return _NONE  # "Roe asked her": someone else
        reported = reported or token.lemma.lower() in _REPORTING_VERBS
        if pronoun_gender(word) is not None:
            # "Roe said he ...", not "Roe said the scandal is in her past"
            return k if not reported or word in _SUBJECT_PRONOUNS else _NONE
    return _ALONE


def _word_before(text: str, tokens: Sequence[Token], at: int) -> str:
    """The lower-case word right before token `at` on its line: a title, with its full stop
    ("Mrs. Roe"), or a noun, maybe with a comma ("his wife, Jane Roe")."""
    k = at - 1
    comma = False
    if k >= 0 and text[tokens[k].start : tokens[k].end] == ",":
        comma = True
        k -= 1
    if k < 0 or "\n" in text[tokens[k].end : tokens[at].start]:
        return ""
    word = text[tokens[k].start : tokens[k].end].lower()
    if word == "." and k > 0 and tokens[k - 1].end == tokens[k].start:
        word = text[tokens[k - 1].start : tokens[k - 1].end].lower() + "."
    if word.endswith("."):
        word = word[:-1]
        if len(word) > 3 or comma:
            return ""  # "... his wife. Roe said": a sentence, not an abbreviation, ends there
    return word if not comma or word in _NOUNS else ""
