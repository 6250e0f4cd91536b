"""`storyline eval pasted` and `storyline eval html`: cleaning whole pages, pasted or as HTML.

The pages are the English part of trafilatura's evaluation set
(`shared/data/trafilatura-eval/`: the HTML of 151 real pages and, for each, snippets that
must be in the main text, "with", and snippets that must not, "without"). The pages are split
by sorted file name: every third page (the third, sixth, ...) is held out, never read while
writing rules or training the line classifier; the rest is the tune part.

- `pasted`: each page rendered to text as a reader's copy of the whole page looks
  (`storyline.evaluation.render`, four renderers), cleaned by the clean stage as a pasted text
  file. Counted, over the snippets the copy holds (whitespace-normalised): must-have kept,
  must-not leaked, and the 4-word shingle F1 of the cleaned text against the must-have text.
- `html`: each page through storyline's HTML reader and the clean stage, against
  `trafilatura.extract` (its defaults) on the same pages in the same run, counted as
  trafilatura's `tests/evaluate.py` counts: a "with" snippet found is a true positive, one
  missing a false negative, a "without" snippet found a false positive.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.render import RENDERERS, render

SPLITS = ("tune", "heldout")


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    html: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    split: str


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def pages(folder: Path, split: str | None = None, limit: int | None = None) -> Iterator[Page]:
    """The evaluation pages in sorted file order; every third one is held out."""
    gold = json.loads((folder / "evaldata-en.json").read_text(encoding="utf-8"))
    by_file = {item["file"]: item for _, item in sorted(gold.items())}
    count = 0
    for index, name in enumerate(sorted(by_file)):
        part = "heldout" if index % 3 == 2 else "tune"
        if split is not None and part != split:
            continue
        if limit is not None and count >= limit:
            return
        item = by_file[name]
        html = _decode((folder / "html" / name).read_bytes())
        count += 1
        yield Page(name, html, tuple(item["with"]), tuple(item["without"]), part)


def norm(text: str) -> str:
    return " ".join(text.split())


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = text.casefold().split()
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}


def _f1(system: str, gold: str) -> tuple[int, int, int]:
    found, expected = _shingles(system), _shingles(gold)
    return len(found & expected), len(found), len(expected)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def score_pasted(
    folder: Path, *, split: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Pasted copies of the pages through the clean stage, per split and per renderer."""
    from storyline.model import Document, Skip
    from storyline.stages.clean import clean_or_skip

    scores: dict[str, Any] = {}
    for part in [split] if split else list(SPLITS):
        totals: dict[str, dict[str, int]] = {}
        skipped: list[str] = []
        per_page: list[tuple[int, int, int, int]] = []
        for page in pages(folder, part, limit):
            own = dict.fromkeys(("with", "kept", "without", "leaked"), 0)  # the page's
            for style in RENDERERS:
                raw = render(page.html, style)
                result = clean_or_skip(Document(f"{page.name}:{style}", raw, "text"))
                text = "" if isinstance(result, Skip) else norm(result.text)
                if isinstance(result, Skip):
                    skipped.append(result.path)
                source = norm(raw)
                t = totals.setdefault(style, dict.fromkeys(_COUNTS, 0))
                for snippet in map(norm, page.with_):
                    if snippet in source:
                        for c in (t, own):
                            c["with"] += 1
                            c["kept"] += snippet in text
                for snippet in map(norm, page.without):
                    if snippet in source:
                        for c in (t, own):
                            c["without"] += 1
                            c["leaked"] += snippet in text
                common, found, expected = _f1(text, " ".join(page.with_))
                t["shingles_common"] += common
                t["shingles_found"] += found
                t["shingles_gold"] += expected
                t["pages"] += 1
            per_page.append((own["with"], own["kept"], own["without"], own["leaked"]))
        scores[part] = (
            _summary(totals) | {"page_bootstrap_95": page_interval(per_page)} | {"skipped": skipped}
        )
    return scores


BOOTSTRAP_DRAWS = 2000


def page_interval(
    per_page: Sequence[tuple[int, int, int, int]], draws: int = BOOTSTRAP_DRAWS, seed: int = 0
) -> dict[str, list[float]]:
    """How far the pages can tell: the 95% interval of must-have kept and must-not leaked
    over `draws` resamples of the pages with replacement (each page's counts, all its
    renderings together: must-have, kept, must-not, leaked). A page's snippets come and go
    together (one page can hold a run of leaks), so the pages, not the snippets, are drawn."""
    if not per_page:
        return {"must_have_kept": [1.0, 1.0], "must_not_leaked": [1.0, 1.0]}
    rng = random.Random(seed)
    kept: list[float] = []
    leaked: list[float] = []
    n = len(per_page)
    for _ in range(draws):
        sample = [per_page[rng.randrange(n)] for _ in range(n)]
        kept.append(_share(sum(c[1] for c in sample), sum(c[0] for c in sample)))
        leaked.append(_share(sum(c[3] for c in sample), sum(c[2] for c in sample)))
    low, high = round(0.025 * (draws - 1)), round(0.975 * (draws - 1))
    kept.sort()
    leaked.sort()
    return {
        "must_have_kept": [round(kept[low], 4), round(kept[high], 4)],
        "must_not_leaked": [round(leaked[low], 4), round(leaked[high], 4)],
    }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


_COUNTS = (
    "pages",
    "with",
    "kept",
    "without",
    "leaked",
    "shingles_common",
    "shingles_found",
    "shingles_gold",
)


def _summary(totals: dict[str, dict[str, int]]) -> dict[str, Any]:
    every = {k: sum(t[k] for t in totals.values()) for k in _COUNTS}
    out: dict[str, Any] = {}
    for name, t in [("all", every), *sorted(totals.items())]:
        out[name] = {
            "pages": t["pages"],
            "must_have": t["with"],
            "must_have_kept": _ratio(t["kept"], t["with"]),
            "must_not": t["without"],
            "must_not_leaked": _ratio(t["leaked"], t["without"]),
            # shingle recall against the must-have snippets (only they are known to be text)
            "must_have_shingle_recall": _ratio(t["shingles_common"], t["shingles_gold"]),
        }
    return out


def _counts(result: str | None, page: Page) -> dict[str, int]:
    """trafilatura's `tests/evaluate.py`: snippets found in the result, or all missed."""
    if not result:
        return {"tp": 0, "fn": len(page.with_), "fp": 0, "tn": len(page.without)}
    tp = sum(1 for s in page.with_ if s in result)
    fp = sum(1 for s in page.without if s in result)
    return {"tp": tp, "fn": len(page.with_) - tp, "fp": fp, "tn": len(page.without) - fp}


def _prf(c: dict[str, int]) -> dict[str, Any]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return c | {
        "must_have_found": _ratio(c["tp"], c["tp"] + c["fn"]),
        "must_not_leaked": _ratio(c["fp"], c["fp"] + c["tn"]),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f, 4),
    }


def storyline_text(page: Page) -> str | None:
    """storyline's main text of a page: the HTML reader, then the clean stage."""
    from storyline.model import Skip
    from storyline.stages.clean import clean_or_skip
    from storyline.stages.ingest.html import read_html

    document = read_html(page.name, page.html, {})
    if isinstance(document, Skip):
        return None
    result = clean_or_skip(document)
    return None if isinstance(result, Skip) else result.text


def score_html(
    folder: Path, *, split: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """storyline's main text of each page against `trafilatura.extract` in the same run."""
    import trafilatura

    scores: dict[str, Any] = {}
    for part in [split] if split else list(SPLITS):
        ours = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
        theirs = dict(ours)
        count = 0
        for page in pages(folder, part, limit):
            for key, value in _counts(storyline_text(page), page).items():
                ours[key] += value
            for key, value in _counts(trafilatura.extract(page.html), page).items():
                theirs[key] += value
            count += 1
        scores[part] = {
            "pages": count,
            "storyline": _prf(ours),
            "trafilatura_extract": _prf(theirs),
        }
    return scores
