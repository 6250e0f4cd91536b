"""A quote that several outlets carry, compared word by word: who changed what.

The quotes stage already merged the same words told by several articles into one quote with
`also_in` (`stages/quotes/merge.py`: near-identical words, or one a trimmed part of the
other). Here each independent source's rendering is compared with the first one's, word by
word (case and punctuation aside, `difflib` on the word lists): words cut at either end are a
trimmed quote; words replaced, added or dropped inside are a changed quote. The same words,
or only trimmed, agree; changed words complement each other (neither rendering is the only
one), and the explanation says which outlet has which words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence

from storyline.model import Claim, Comparison, Quote, Span, Verdict
from storyline.stages.compare.verdicts import compared

_WORD = re.compile(r"[\w’']+")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def quote_comparisons(
    quotes: Sequence[Quote], witnesses: Mapping[str, str], label: Callable[[str], str]
) -> list[Comparison]:
    """One comparison per direct quote two or more independent sources carry (an indirect
    quote's words are the reporter's own, so their differences say nothing)."""
    out = []
    for quote in quotes:
        if quote.kind != "direct":
            continue
        chosen: dict[str, Span] = {}
        for span in (quote.span, *quote.also_in):
            if span.article in witnesses:
                chosen.setdefault(witnesses[span.article], span)
        if len(chosen) < 2:
            continue
        spans = sorted(chosen.values(), key=lambda s: (s.article, s.start))
        out.append(_compare(quote, spans, label))
    return out


def _changes(base: list[str], other: list[str]) -> tuple[list[str], bool]:
    """The words changed inside the quote (as "X -> Y"), and whether either end was cut."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    codes = matcher.get_opcodes()
    changed, trimmed = [], False
    for position, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            continue
        at_end = position in (0, len(codes) - 1)
        if at_end and tag in ("delete", "insert"):
            trimmed = True
            continue
        before = " ".join(base[i1:i2]) or "(nothing)"
        after = " ".join(other[j1:j2]) or "(nothing)"
        changed.append(f"\u201c{before}\u201d \u2192 \u201c{after}\u201d")
    return changed, trimmed


def _compare(quote: Quote, spans: Sequence[Span], label: Callable[[str], str]) -> Comparison:
    who = (quote.speaker.name or quote.speaker.mention.text) if quote.speaker else None
    topic = f"The words of {who}" if who else "The words of a quote"
    base = _words(spans[0].text)
    notes, trimmed_by = [], []
    for span in spans[1:]:
        changed, trimmed = _changes(base, _words(span.text))
        if changed:
            notes.append(f"{label(span.article)} has {', '.join(changed)}")
        if trimmed:
            trimmed_by.append(label(span.article))
    verdict: Verdict = "complement" if notes else "agree"
    if notes:
        explanation = (
            f"The outlets render the quote differently, word for word against "
            f"{label(spans[0].article)}: " + "; ".join(notes) + "."
        )
    else:
        explanation = f"{', '.join(label(s.article) for s in spans)} quote the same words" + (
            f" ({', '.join(trimmed_by)} a shorter part of them)." if trimmed_by else "."
        )
    claims = tuple(
        Claim(span=s, kind="quote", value=" ".join(_words(s.text)), source=who) for s in spans
    )
    return compared(topic, verdict, explanation, claims, len(spans))
