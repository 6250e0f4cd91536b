"""Readers for the public evaluation corpora (TempEval-3, PolNeAR, MEANTIME, ECB+).

Every reader yields :class:`CorpusDoc` records in a deterministic (natural-sorted)
order.  Nothing is read at import time; each ``iter_*`` function checks that the
corpus folder exists when it is *called* (not when the iterator is first advanced)
and raises :class:`FileNotFoundError` naming the missing path.

Layout expected under ``root`` (default ``../shared/data`` relative to the repository
root, i.e. the current working directory):

* ``tempeval3/{TimeBank,AQUAINT}/*.tml`` - TimeML.  ``text`` is the content of
  ``<TEXT>`` with all tags removed, character-exact (see :func:`read_timeml`).
* ``polnear/{train,dev}/text/*.txt`` plus ``polnear/metadata.tsv`` - ``text`` is the
  ``.txt`` file content exactly, so brat offsets of ``attributions/*.ann`` apply.
* ``meantime/intra_cross-doc_annotation/corpus_*/*.xml`` - CAT XML with tokens.  The
  sibling ``intra-doc_annotation`` folder holds the same 120 documents with the same
  tokens (fewer annotations) and is only used when the former is absent.
* ``ecbplus/<topic>/<topic>_<n>ecb[plus].xml`` - CAT XML with tokens.

Token-based corpora (MEANTIME, ECB+) carry sentence boundaries but no paragraph
boundaries, so their ``text`` has one sentence per line; for MEANTIME the title
(sentence 0) and dateline (sentence 1) are set off as their own paragraphs.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from storyline.model import Article, Published, Segment
from storyline.stages.timex import MONTHS as _MONTHS

__all__ = [
    "CORPORA",
    "DEFAULT_ROOT",
    "POLNEAR_SPLITS",
    "CorpusDoc",
    "TimeMLDoc",
    "TimeMLTimex",
    "detok_sentences",
    "detokenize",
    "iter_corpus",
    "iter_ecbplus",
    "iter_meantime",
    "iter_polnear",
    "iter_tempeval3",
    "natural_key",
    "read_timeml",
]

DEFAULT_ROOT: Path = Path("../shared/data")
CORPORA: tuple[str, ...] = ("tempeval3", "polnear", "meantime", "ecbplus")
POLNEAR_SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One document of an evaluation corpus."""

    corpus: str
    doc_id: str
    text: str
    published: str | None
    title: str | None


class TimeMLTimex(NamedTuple):
    """A gold TIMEX3 of a TimeML ``<TEXT>``; offsets index :attr:`TimeMLDoc.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A parsed TimeML file.

    ``dct`` is the raw ``value`` of the ``<DCT><TIMEX3>`` (may carry a time part,
    e.g. ``1998-02-13T14:26:00``); ``text`` is the ``<TEXT>`` content with every
    tag stripped (XML entities decoded, line ends as normalised by the XML parser);
    ``timexes`` are the TIMEX3 elements inside ``<TEXT>`` in document order, with
    ``text[t.start:t.end] == t.text``.
    """

    doc_id: str
    dct: str | None
    text: str
    timexes: tuple[TimeMLTimex, ...]
    title: str | None = None
    published: str | None = None


# --------------------------------------------------------------------------- helpers


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers numerically ("2" < "10")."""
    parts = re.split(r"(\d+)", name)
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts)


def _require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise FileNotFoundError(f"{what} not found: {path} (no such directory)")
    return path


def _corpus_dir(root: Path, name: str) -> Path:
    root = Path(root)
    _require_dir(root, "corpus root")
    return _require_dir(root / name, f"{name} corpus folder")


def _iso_date(year: int | str, month: int | str, day: int | str) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _iso_prefix(value: str | None) -> str | None:
    """``YYYY-MM-DD`` if ``value`` starts with a valid ISO calendar date."""
    if not value:
        return None
    m = _ISO_PREFIX.match(value.strip())
    return _iso_date(*m.groups()) if m else None


def _read_xml(path: Path) -> ET.Element:
    # Parse from bytes so the XML declaration (or its absence, meaning UTF-8) decides
    # the encoding; every corpus file here is ASCII/UTF-8.
    return ET.fromstring(path.read_bytes())


# ------------------------------------------------------------------------ TempEval-3


def _flatten_timeml_text(
    elem: ET.Element,
    pieces: list[str],
    spans: list[tuple[int, int, ET.Element]],
    pos: int,
) -> int:
    """Append the character data of ``elem``'s content (not its tail) to ``pieces``.

    Records ``(start, end, element)`` for every TIMEX3 below ``elem``; returns the
    offset after the content.
    """
    if elem.text:
        pieces.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _flatten_timeml_text(child, pieces, spans, pos)
        if child.tag == "TIMEX3":
            spans.append((start, pos, child))
        if child.tail:
            pieces.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse one TimeML file: DCT value, plain ``<TEXT>`` string and gold TIMEX3s."""
    path = Path(path)
    root = _read_xml(path)
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise ValueError(f"TimeML file without <TEXT>: {path}")
    pieces: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _flatten_timeml_text(text_elem, pieces, spans, 0)
    text = "".join(pieces)
    timexes = sorted(
        (
            TimeMLTimex(
                start=start,
                end=end,
                text=text[start:end],
                type=elem.get("type", ""),
                value=elem.get("value", ""),
                tid=elem.get("tid", ""),
            )
            for start, end, elem in spans
        ),
        key=lambda t: (t.start, -t.end),
    )
    dct_elem = root.find("DCT/TIMEX3")
    dct = dct_elem.get("value") if dct_elem is not None else None
    docid_elem = root.find("DOCID")
    doc_id = (docid_elem.text or "").strip() if docid_elem is not None else ""
    title_elem = root.find("TITLE")
    title = " ".join("".join(title_elem.itertext()).split()) if title_elem is not None else ""
    return TimeMLDoc(
        doc_id=doc_id or path.stem,
        dct=dct,
        text=text,
        timexes=tuple(timexes),
        title=title or None,
        published=_iso_prefix(dct),
    )


def _timeml_files(root: Path) -> list[Path]:
    base = _corpus_dir(root, "tempeval3")
    return sorted(base.rglob("*.tml"), key=lambda p: natural_key(p.relative_to(base).as_posix()))


def iter_tempeval3(root: Path = DEFAULT_ROOT) -> Iterator[CorpusDoc]:
    """TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT); ``doc_id`` like ``TimeBank/ABC...``."""
    base = Path(root) / "tempeval3"
    files = _timeml_files(root)

    def gen() -> Iterator[CorpusDoc]:
        for path in files:
            doc = read_timeml(path)
            yield CorpusDoc(
                corpus="tempeval3",
                doc_id=path.relative_to(base).with_suffix("").as_posix(),
                text=doc.text,
                published=doc.published,
                title=doc.title,
            )

    return gen()


# -------------------------------------------------------------------------- PolNeAR


def _polnear_metadata(base: Path) -> dict[str, dict[str, str]]:
    meta_path = base / "metadata.tsv"
    if not meta_path.is_file():
        raise FileNotFoundError(f"PolNeAR metadata not found: {meta_path}")
    with meta_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["filename"]: row for row in reader if row.get("filename")}


def _clean_meta(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if value in ("", "None") else value


def iter_polnear(root: Path = DEFAULT_ROOT, *, split: str = "dev") -> Iterator[CorpusDoc]:
    """PolNeAR documents of one split; ``text`` is the ``.txt`` content byte-exact.

    ``doc_id`` is the file stem (the ``filename`` column of ``metadata.tsv`` and the
    prefix of the split's ``attributions/<doc_id>_<annotator>.ann`` files).
    """
    if split not in POLNEAR_SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; valid: {', '.join(POLNEAR_SPLITS)}")
    base = _corpus_dir(root, "polnear")
    text_dir = _require_dir(base / split / "text", f"PolNeAR {split} text folder")
    files = sorted(text_dir.glob("*.txt"), key=lambda p: natural_key(p.name))
    meta = _polnear_metadata(base)

    def gen() -> Iterator[CorpusDoc]:
        for path in files:
            row = meta.get(path.stem, {})
            yield CorpusDoc(
                corpus="polnear",
                doc_id=path.stem,
                # bytes -> str without newline translation: brat offsets count "\r" too
                text=path.read_bytes().decode("utf-8"),
                published=_iso_prefix(row.get("publication_date")),
                title=_clean_meta(row.get("title")),
            )

    return gen()


# -------------------------------------------------------------------- detokenization

_CONTRACTION_TAILS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_CLITICS = frozenset(
    {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t"}
)
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "…"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{"})
_CURRENCY = frozenset({"$", "£", "€", "¥", "#"})  # and XX$ (US$, CA$ ...)
_OPEN_DOUBLE = {"``": '"', "“": "“"}
_CLOSE_DOUBLE = {"''": '"', "”": "”"}
_THOUSANDS = re.compile(r"\d{3}(?!\d)")


def _is_word_end(tok: str | None) -> bool:
    return tok is not None and tok != "" and tok[-1].isalnum()


def _is_word_start(tok: str | None) -> bool:
    return tok is not None and tok != "" and tok[0].isalnum()


def _starts_digit(tok: str | None) -> bool:
    return tok is not None and tok[:1].isdigit()


def _is_currency(tok: str) -> bool:
    return tok in _CURRENCY or (tok.endswith("$") and tok[:-1].isalpha() and tok[:-1].isupper())


def _is_thousands(prev: str | None, nxt: str | None) -> bool:
    return (
        prev is not None
        and prev.isdigit()
        and len(prev) <= 3
        and nxt is not None
        and _THOUSANDS.match(nxt) is not None
    )


@dataclass(slots=True)
class _QuoteState:
    double_open: bool = False
    single_open: bool = False


def _detok_sentence(tokens: Sequence[str], state: _QuoteState, split_hyphens: bool) -> str:
    n = len(tokens)
    glue = [False] * (n + 1)  # glue[i]: no space between tokens i-1 and i
    surface = list(tokens)
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < n else None
        digits_around = (
            prev is not None and prev.isdigit() and nxt is not None and nxt[:1].isdigit()
        )
        between_words = _is_word_end(prev) and _is_word_start(nxt)
        if tok in _OPEN_DOUBLE:
            surface[i] = _OPEN_DOUBLE[tok]
            state.double_open = True
            glue[i + 1] = True
        elif tok in _CLOSE_DOUBLE:
            surface[i] = _CLOSE_DOUBLE[tok]
            state.double_open = False
            glue[i] = True
        elif tok == '"':
            glue[i if state.double_open else i + 1] = True
            state.double_open = not state.double_open
        elif tok in ("`", "‘"):
            surface[i] = "'" if tok == "`" else tok
            state.single_open = True
            glue[i + 1] = True
        elif tok in ("'", "’"):
            if _is_word_end(prev) and nxt is not None and nxt.lower() in _CONTRACTION_TAILS:
                glue[i] = glue[i + 1] = True  # split contraction: it ' s -> it's
            elif not state.single_open and prev is None and _is_word_start(nxt):
                state.single_open = True
                glue[i + 1] = True
            else:  # closing single quote or plural possessive
                state.single_open = False
                glue[i] = True
        elif tok.lower() in _CLITICS:
            glue[i] = True
        elif (
            (tok in (":", ".", "/") and digits_around)  # 1 : 30, 8 . 7, 9 / 11
            or (tok == "," and _is_thousands(prev, nxt))  # 5 , 000
            or (tok == "/" and between_words)  # audio / video
            or (split_hyphens and tok == "-" and between_words)  # long - standing
        ):
            glue[i] = glue[i + 1] = True
        elif tok in _NO_SPACE_BEFORE:
            glue[i] = True
        elif tok in _NO_SPACE_AFTER or (_is_currency(tok) and _starts_digit(nxt)):
            glue[i + 1] = True
        elif tok.count('"') % 2:
            # quote glued to a word by the tokenizer ("We): keep the parity right
            state.double_open = not state.double_open
    out: list[str] = []
    for i, piece in enumerate(surface):
        if i and not glue[i]:
            out.append(" ")
        out.append(piece)
    return "".join(out)


def detokenize(tokens: Sequence[str], *, split_hyphens: bool = False) -> str:
    """Join PTB-style tokens into running text.

    No space before ``, . ; : ! ? % ) ]`` and clitics (``'s``, ``n't`` ...), none after
    ``( [`` or a currency sign before a number; PTB double quotes (two backticks, two
    apostrophes) become ``"`` attached to the quoted words; straight ``"`` are paired
    by parity (kept across the sentences of a document).  Numbers
    split by the tokenizer (``1 : 30``, ``8 . 7``, ``5 , 000``) are re-joined.  With
    ``split_hyphens`` a ``-`` token between two words is joined to both (for
    tokenizers that split ``long-standing`` into three tokens).
    """
    cleaned = [t.strip() for t in tokens]
    return _detok_sentence([t for t in cleaned if t], _QuoteState(), split_hyphens)


def detok_sentences(sentences: Sequence[Sequence[str]], *, split_hyphens: bool) -> list[str]:
    """Detokenize consecutive sentences, carrying the open-quote state across them."""
    state = _QuoteState()
    lines: list[str] = []
    for sent in sentences:
        toks = [t.strip() for t in sent]
        toks = [t for t in toks if t]
        if toks:
            lines.append(_detok_sentence(toks, state, split_hyphens))
    return lines


def _cat_sentences(root: ET.Element) -> list[list[str]]:
    """Tokens of a CAT document grouped by their ``sentence`` attribute (ordered)."""
    sentences: dict[int, list[tuple[int, str]]] = {}
    for order, tok in enumerate(root.iter("token")):
        sent = int(tok.get("sentence", "0"))
        t_id = tok.get("t_id")
        key = int(t_id) if t_id is not None and t_id.isdigit() else order
        sentences.setdefault(sent, []).append((key, tok.text or ""))
    return [[text for _, text in sorted(sentences[s])] for s in sorted(sentences)]


# ------------------------------------------------------------------------- MEANTIME

_DATELINE = re.compile(r"([A-Za-z]+)\.? (\d{1,2}) , (\d{4})")


def _dateline_date(tokens: Sequence[str]) -> str | None:
    m = _DATELINE.fullmatch(" ".join(t.strip() for t in tokens))
    if not m or m.group(1).lower() not in _MONTHS:
        return None
    return _iso_date(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))


def _meantime_dir(root: Path) -> Path:
    base = _corpus_dir(root, "meantime")
    for sub in ("intra_cross-doc_annotation", "intra-doc_annotation"):
        if (base / sub).is_dir():
            return base / sub
    raise FileNotFoundError(
        f"MEANTIME annotation folder not found: {base / 'intra_cross-doc_annotation'}"
    )


def iter_meantime(root: Path = DEFAULT_ROOT) -> Iterator[CorpusDoc]:
    """MEANTIME English (Wikinews); ``doc_id`` like ``corpus_gm/<doc_name>``.

    ``text`` = title, blank line, dateline, blank line, then one body sentence per
    line.  ``published`` comes from the dateline (sentence 1), falling back to the
    ``CREATION_TIME`` TIMEX3 when the dateline does not parse.
    """
    base = _meantime_dir(root)
    files = sorted(base.rglob("*.xml"), key=lambda p: natural_key(p.relative_to(base).as_posix()))

    def gen() -> Iterator[CorpusDoc]:
        for path in files:
            xml = _read_xml(path)
            sentences = _cat_sentences(xml)
            lines = detok_sentences(sentences, split_hyphens=False)
            title = lines[0] if lines else None
            published = _dateline_date(sentences[1]) if len(sentences) > 1 else None
            if published is None:
                for timex in xml.iter("TIMEX3"):
                    if timex.get("functionInDocument") == "CREATION_TIME":
                        published = _iso_prefix(timex.get("value"))
                        break
            if len(lines) > 2:
                text = "\n\n".join([lines[0], lines[1], "\n".join(lines[2:])])
            else:
                text = "\n\n".join(lines)
            yield CorpusDoc(
                corpus="meantime",
                doc_id=path.relative_to(base).with_suffix("").as_posix(),
                text=text,
                published=published,
                title=title,
            )

    return gen()


# ----------------------------------------------------------------------------- ECB+

_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)([/-])(\d\d?)\2(?:(\d\d)(?!\d)|(\d)(?=/))")
_URL_YMONTHD = re.compile(r"(?<!\d)((?:19|20)\d\d)/([A-Za-z]{3,9})/(\d\d?)(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")


def _url_date(url: str) -> str | None:
    """Publication date embedded in a news URL (``/2013/05/02/``, ``/2013/may/03/``,
    ``2007-04-11-``, ``/20070503/``), or None."""
    for m in _URL_YMD.finditer(url):
        found = _iso_date(m.group(1), m.group(3), m.group(4) or m.group(5))
        if found:
            return found
    for m in _URL_YMONTHD.finditer(url):
        month = _MONTHS.get(m.group(2).lower())
        if month is not None:
            found = _iso_date(m.group(1), month, m.group(3))
            if found:
                return found
    for m in _URL_COMPACT.finditer(url):
        found = _iso_date(*m.groups())
        if found:
            return found
    return None


def iter_ecbplus(root: Path = DEFAULT_ROOT) -> Iterator[CorpusDoc]:
    """ECB+ documents (``ecb`` and ``ecbplus`` files); ``doc_id`` like ``1/1_10ecbplus``.

    ``text`` has one sentence per line.  In ``*ecbplus.xml`` files sentence 0 is the
    tokenized source URL: it is left out of ``text`` and ``published`` is the date
    embedded in that URL when there is one (a heuristic; ECB+ has no DCT).  ``title``
    is always None (the corpus does not mark headlines).
    """
    base = _corpus_dir(root, "ecbplus")
    files = sorted(
        (p for p in base.glob("*/*.xml") if p.parent.name.isdigit()),
        key=lambda p: natural_key(p.relative_to(base).as_posix()),
    )

    def gen() -> Iterator[CorpusDoc]:
        for path in files:
            sentences = _cat_sentences(_read_xml(path))
            published = None
            if path.stem.endswith("ecbplus") and sentences:
                url = "".join(t.strip() for t in sentences[0])
                if "://" in url or url.lower().startswith("www."):
                    published = _url_date(url)
                    sentences = sentences[1:]
            lines = detok_sentences(sentences, split_hyphens=True)
            yield CorpusDoc(
                corpus="ecbplus",
                doc_id=path.relative_to(base).with_suffix("").as_posix(),
                text="\n".join(lines),
                published=published,
                title=None,
            )

    return gen()


# ------------------------------------------------------------------------- dispatch

_READERS: dict[str, Callable[[Path], Iterator[CorpusDoc]]] = {
    "tempeval3": iter_tempeval3,
    "polnear": iter_polnear,
    "meantime": iter_meantime,
    "ecbplus": iter_ecbplus,
}


def iter_corpus(
    name: str, root: Path = DEFAULT_ROOT, *, limit: int | None = None
) -> Iterator[CorpusDoc]:
    """Documents of corpus ``name`` (one of :data:`CORPORA`), at most ``limit`` of them.

    PolNeAR yields its ``dev`` split.
    """
    reader = _READERS.get(name)
    if reader is None:
        raise ValueError(f"unknown corpus {name!r}; valid names: {', '.join(CORPORA)}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    docs = reader(Path(root))
    return docs if limit is None else islice(docs, limit)


def text_article(
    name: str,
    text: str,
    *,
    article_id: str | None = None,
    given_date: str | None = None,
    published: Published | None = None,
) -> Article:
    """A corpus text as an `Article` whose cleaned text is `text` unchanged, so the corpus's
    character offsets apply as they are; its id is `name` unless `article_id` is given."""
    return Article(
        id=article_id or name,
        path=name,
        format="text",
        title=None,
        outlet=None,
        url=None,
        language="en",
        text=text,
        raw=text,
        dropped=(),
        segments=(Segment(0, 0, len(text)),),
        given_date=given_date,
        published=published,
    )
