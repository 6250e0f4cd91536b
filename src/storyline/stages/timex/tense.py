"""The tense that governs a time expression, which decides the side of the DCT it lies on.

"is scheduled to visit on Wednesday" looks forward, "visited on Wednesday" back. The nearest
verb of the expression's sentence decides: from part-of-speech tags when the annotate stage
gave them, else from the words (modals, planning words, irregular past tenses, "-ed").
Sentences are found by punctuation, skipping abbreviations ("Gen. Smith", "Jan. 14"). The cue
words live in `lexicon/en/timex.toml`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from storyline.lexicon import entry, words
from storyline.stages.timex.patterns import _either

_NEGATED_PAST_MODALS = words("timex", "negated_past_modals")
_FUTURE_CUES = re.compile(
    r"(?i)(?<!\bhad\sbeen\s)\b(?:"
    rf"(?:{'|'.join(entry('timex', 'future_modals'))})(?!\s+(?:not\s+)?have\b)"
    rf"(?!(?<=\b(?:{'|'.join(entry('timex', 'negated_past_modals'))}))\s+not\b)|"
    + "|".join(entry("timex", "future_cues"))
    + r")\b"
)
_PRESENT_CUES = re.compile(rf"(?i)\b(?:{'|'.join(entry('timex', 'present_cues'))})\b")
_PAST_IRREGULAR: list[str] = entry("timex", "past_cues")
_NOT_PAST = "".join(f"(?<!{w})" for w in entry("timex", "not_past"))
_PAST_CUES = re.compile(
    rf"(?i)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?:{'|'.join(_PAST_IRREGULAR)}"
    rf"|[a-z]{{2,}}{_NOT_PAST}ed)\b"
)

_ABBREVIATIONS = words("timex", "abbreviations")
_BOUNDARY = re.compile(r"[.!?]['\"”’)]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    if m[0] == "\n":
        return True
    word = re.search(r"([A-Za-z]+)\.?['\"”’)]*$", text[max(0, m.start() - 12) : m.start() + 1])
    if word is None:
        return True
    token = word[1]
    # "U.S. officials", "Gen. Smith", "Jan. 14": an abbreviation, not a sentence end
    return not (len(token) == 1 or token.lower() in _ABBREVIATIONS)


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around `start:end`, by punctuation, skipping abbreviations."""
    left = 0
    window = max(0, start - 400)
    for m in _BOUNDARY.finditer(text, window, start):
        if _is_boundary(text, m):
            left = m.end()
    right = len(text)
    for m in _BOUNDARY.finditer(text, end, min(len(text), end + 400)):
        if _is_boundary(text, m):
            right = m.start() + 1
            break
    return left, right


_PLAN_WORDS = words("timex", "plan_words")
_REPORTING = words("timex", "reporting_verbs")
_BE = words("timex", "be_forms")


def _tag_cues(
    text: str, s_start: int, s_end: int, tags: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`(start, end, kind)` tense cues of a sentence from part-of-speech tags."""
    cues: list[tuple[int, int, str]] = []
    sentence = [t for t in tags if _in_span(t, s_start, s_end)]
    words = [text[t[0] : t[1]].lower() for t in sentence]
    for i, (t_start, t_end, tag_) in enumerate(sentence):
        word = words[i]
        previous = words[i - 1] if i else ""
        following = words[i + 1 : i + 3]
        kind = None
        if tag_ == "MD":
            if following[:1] == ["have"] or following == ["not", "have"]:
                kind = "past"  # "may have been", "would not have": a modal perfect
            elif word in _NEGATED_PAST_MODALS and (
                following[:1] in (["not"], ["n't"]) or _negative_subject(text, s_start, t_start)
            ):
                # "could not be reached Wednesday", "no one could be reached Wednesday",
                # "neither he nor his lawyer could be located Friday": a failure already met
                kind = "past"
            else:
                kind = "future" if word not in ("could", "can", "might") else "modal"
        elif word in _PLAN_WORDS and _as_planned(text, s_start, t_start):
            kind = None  # "went ahead as scheduled on Tuesday": the main verb decides
        elif word in _PLAN_WORDS and tag_ in ("VBN", "VBD", "JJ"):
            # "set" plans only as "set to" / "set for" ("set aside", "set Friday as")
            if words[max(0, i - 2) : i] == ["had", "been"]:
                kind = "past"  # "had been set to lapse on Monday": a plan already overtaken
            elif word != "set" or following[:1] in (["to"], ["for"]):
                kind = "future"
            else:
                kind = "past" if tag_ == "VBD" else None
        elif tag_ == "VBD" or (
            tag_ == "VBN" and previous not in _BE and previous not in ("have", "has", "had")
        ):
            kind = "past"
        elif tag_ in ("VBZ", "VBP"):
            if word in ("has", "have") and _perfect_follows(sentence, i):
                kind = "perfect"  # what has happened: past for a weekday, no side for a month
            else:
                kind = "report" if word in _REPORTING else "present"
        if kind is not None:
            cues.append((t_start, t_end, kind))
    return cues


def _in_span(token: tuple[int, int, str], s_start: int, s_end: int) -> bool:
    return not (token[1] <= s_start or token[0] >= s_end)


def _perfect_follows(sentence: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether the auxiliary at `i` starts a perfect: a participle after at most two adverbs."""
    for _, _, tag_ in sentence[i + 1 : i + 4]:
        if tag_ == "VBN":
            return True
        if tag_ not in ("RB", "RBR", "RBS"):
            return False
    return False


_WORD_PATTERNS = ((_FUTURE_CUES, "future"), (_PAST_CUES, "past"), (_PRESENT_CUES, "present"))


def _word_cues(
    text: str, s_start: int, s_end: int, *, future_only: bool = False
) -> list[tuple[int, int, str]]:
    """`(start, end, kind)` tense cues of a sentence from its words; with `future_only`,
    only its future cues (those of the future pattern still future after the checks: what a
    reader with tags keeps, without running the other patterns)."""
    sentence = text[s_start:s_end]
    cues: list[tuple[int, int, str]] = []
    for pattern, kind in _WORD_PATTERNS[:1] if future_only else _WORD_PATTERNS:
        for m in pattern.finditer(sentence):
            found = kind
            word = m[0].lower()
            if word in _PLAN_WORDS and _as_planned(text, s_start, s_start + m.start()):
                continue  # "opened as planned on Tuesday": the main verb decides
            if (
                kind == "future"
                and word in _NEGATED_PAST_MODALS
                and _negative_subject(text, s_start, s_start + m.start())
            ):
                found = "past"  # "no one could be reached Wednesday"
            if future_only and found != "future":
                continue
            cues.append((s_start + m.start(), s_start + m.end(), found))
    return cues


# "as planned", "as previously scheduled", "as expected": a plan word in a clause of
# comparison says nothing of when the main verb happens
_AS_PLANNED = re.compile(r"(?i)\bas\s+(?:[a-z]+ly\s+)?$")


def _as_planned(text: str, s_start: int, at: int) -> bool:
    """Whether the plan word at `at` follows "as" ("as planned", "as originally scheduled")."""
    return _AS_PLANNED.search(text, max(s_start, at - 25), at) is not None


# a negative subject just before a modal, in the same clause: "no one could", "neither he
# nor his lawyer could", "none of the officials could" (no verb or conjunction between)
_CLAUSE_BREAK = _either(
    [*entry("timex", "subordinators"), "whether", "when", "knows?", "said", "says"]
)
_NEGATIVE_SUBJECT = re.compile(
    rf"(?i)\b(?:{_either(entry('timex', 'negative_subjects'))})\b"
    rf"(?:(?!\b(?:{_CLAUSE_BREAK})\b)[^.;:,])*$"
)


def _negative_subject(text: str, s_start: int, at: int) -> bool:
    """Whether a negative subject ("no one", "neither ... nor") governs the modal at `at`."""
    return _NEGATIVE_SUBJECT.search(text, max(s_start, at - 80), at) is not None


_QUOTE = re.compile(r"[\"“”]|``|''")
_SUBORDINATE = re.compile(rf"(?i)\b(?:{_either(entry('timex', 'subordinators'))})\b")


def _tense(
    text: str, start: int, end: int, tags: Sequence[tuple[int, int, str]] | None
) -> str | None:
    """`future`, `past`, `present`, `perfect` or `report` from the verb nearest to the
    expression.

    The nearest cue before the expression wins, then the nearest after it; a planning
    word ("scheduled", "due", "set to") or a modal counts as future, a modal perfect ("may
    have been") as past. With tags, a present perfect ("has slumped") is `perfect`.
    """
    s_start, s_end = _sentence_span(text, start, end)
    return _nearest(text, start, end, _cues(text, s_start, s_end, tags))


def _cues(
    text: str, s_start: int, s_end: int, tags: Sequence[tuple[int, int, str]] | None
) -> list[tuple[int, int, str]]:
    """The tense cues of the sentence `s_start:s_end`: from `tags` with the future cues of
    its words, or from its words alone."""
    if tags is not None:
        return _tag_cues(text, s_start, s_end, tags) + _word_cues(
            text, s_start, s_end, future_only=True
        )
    return _word_cues(text, s_start, s_end)


def _nearest(text: str, start: int, end: int, cues: Sequence[tuple[int, int, str]]) -> str | None:
    """The kind of the cue of `cues` that governs `start:end` (see `_tense`): the nearest one
    not cut off from it, the first of `cues` among equally near ones. The cues are tried
    nearest first, so the text between is searched only until one passes."""
    ranked = sorted(
        (start - c_end if c_end <= start else (c_start - end) + 25, n)
        for n, (c_start, c_end, _kind) in enumerate(cues)
        if not start <= c_start < end
    )
    for _distance, n in ranked:
        c_start, c_end, kind = cues[n]
        between = text[c_end:start] if c_end <= start else text[end:c_start]
        if _QUOTE.search(between):
            continue  # a verb on the other side of a quotation mark is someone else's clause
        if c_end > start and _SUBORDINATE.search(between):
            continue  # "warnings on Thursday that strikes could harm ties": not its verb
        return "future" if kind == "modal" else kind
    return None


def tenses(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> list[str | None]:
    """The tense that governs each `(start, end)` span of `text`, as `tag` reads it.

    `future`, `past`, `present`, `perfect`, `report` or None, from the nearest verb of the
    span's sentence (part-of-speech `tags` when given, else the words).
    """
    reader = _Tenses(text, tags)
    return [reader.tense(start, end) for start, end in spans]


class _Tenses:
    """The tense of any span of one text, from its part-of-speech tags (sorted once) or,
    without tags, from its words. A span's tense does not depend on the reference date, so
    each is read once however often the text is anchored."""

    __slots__ = ("_known", "_sentences", "ends", "starts", "tags", "text")

    def __init__(self, text: str, tags: Sequence[tuple[int, int, str]] | None) -> None:
        self.text = text
        self.tags = sorted(tags) if tags is not None else None
        self.starts = [t[0] for t in self.tags] if self.tags is not None else []
        self.ends = [t[1] for t in self.tags] if self.tags is not None else []
        self._known: dict[tuple[int, int], str | None] = {}
        # the cues of each sentence, read once for all the spans it holds
        self._sentences: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    def tense(self, start: int, end: int) -> str | None:
        if (start, end) in self._known:
            return self._known[(start, end)]
        sentence = _sentence_span(self.text, start, end)
        cues = self._sentences.get(sentence)
        if cues is None:
            s_start, s_end = sentence
            if self.tags is None:
                cues = _cues(self.text, s_start, s_end, None)
            else:
                # only the tokens of the expression's sentence can be its cues
                low = bisect.bisect_right(self.ends, s_start)
                high = bisect.bisect_left(self.starts, s_end)
                cues = _cues(self.text, s_start, s_end, self.tags[low:high])
            self._sentences[sentence] = cues
        found = _nearest(self.text, start, end, cues)
        self._known[(start, end)] = found
        return found
