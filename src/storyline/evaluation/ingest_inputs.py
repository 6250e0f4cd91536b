"""Scores of ingest on real inputs (issue 17): guessed encodings and page metadata.

`python -m storyline.evaluation.ingest_inputs --shared PATH [--split dev|heldout|all]`

1. Encodings: the texts of the SemEval-2022 task 8 sample (several languages), cut to their
   first 200 and 1,000 characters, encoded in the single-byte code page their language is
   written in when not in UTF-8 (cp1252 for German, Spanish, French and Italian, cp1250 for
   Polish, cp1254 for Turkish, cp1251 for Russian), and decoded by `encoding.decode`: the
   share decoded back exactly, per language. Rows alternate between the dev and held-out
   splits (row index even: dev).
2. Page metadata: the 151 English pages of trafilatura's evaluation set read by `ingest`; the
   share of the pages whose gold authors (a set of names, normalised alike on both sides: see
   `_names`) and publication date are found exactly, among the pages that have one (pages in
   file-name order, odd index: held-out).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from storyline.stages.ingest import decode, ingest

CODE_PAGES = {
    "de": "cp1252",
    "es": "cp1252",
    "fr": "cp1252",
    "it": "cp1252",
    "pl": "cp1250",
    "tr": "cp1254",
    "ru": "cp1251",
}
LENGTHS = (200, 1000)
_SEPARATORS = re.compile(r"\s*(?:;|,|&|/|\band\b)\s*", re.I)


def _in_split(index: int, split: str) -> bool:
    return split == "all" or (index % 2 == 0) == (split == "dev")


def score_encodings(shared: Path, split: str) -> dict[str, dict[str, float | int]]:
    """Per language and length: how many texts and the share decoded exactly."""
    csv.field_size_limit(sys.maxsize)
    path = shared / "data" / "semeval2022-task8" / "training_set.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, row in enumerate(rows):
        if not _in_split(index, split):
            continue
        language = row["lang1"]
        code_page = CODE_PAGES.get(language)
        if code_page is None:
            continue
        for length in LENGTHS:
            text = " ".join(row["text1"].split())[:length]
            try:
                data = text.encode(code_page)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            key = f"{language}/{code_page}/{length}"
            counts[key][0] += 1
            counts[key][1] += decode(data) == text
    return {
        key: {"texts": n, "exact": round(ok / n, 3) if n else 0.0}
        for key, (n, ok) in sorted(counts.items())
    }


def score_metadata(shared: Path, split: str) -> dict[str, dict[str, float | int]]:
    """Authors and dates found on the pages with gold ones."""
    folder = shared / "data" / "trafilatura-eval"
    gold = json.loads((folder / "evaldata-en.json").read_text(encoding="utf-8"))
    entries = sorted(gold.values(), key=lambda e: str(e["file"]))
    tallies = {"authors": [0, 0], "date": [0, 0]}
    for index, entry in enumerate(entries):
        if not _in_split(index, split):
            continue
        path = folder / "html" / str(entry["file"])
        found = ingest([path], max_bytes=5_000_000).documents
        document = found[0] if found else None
        if entry.get("author"):
            expected = _names(entry["author"])
            got = _names(list(getattr(document, "authors", ())))
            tallies["authors"][0] += 1
            tallies["authors"][1] += got == expected
        if entry.get("date"):
            tallies["date"][0] += 1
            tallies["date"][1] += bool(document and document.published == entry["date"])
    return {
        key: {"pages": n, "exact": round(ok / n, 3) if n else 0.0}
        for key, (n, ok) in tallies.items()
    }


def _names(value: object) -> set[str]:
    """The names of a byline, normalised the same way for the gold and for ours: split at
    `;`, `,`, `&`, `/` and "and", full stops dropped, case folded."""
    items = value if isinstance(value, list) else [value]
    names: set[str] = set()
    for item in items:
        for piece in _SEPARATORS.split(str(item)):
            name = " ".join(piece.replace(".", " ").split()).casefold()
            if name:
                names.add(name)
    return names


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--part", choices=("encodings", "metadata", "all"), default="all")
    args = parser.parse_args(argv)
    result: dict[str, object] = {"split": args.split}
    if args.part in ("encodings", "all"):
        result["encodings"] = score_encodings(args.shared, args.split)
    if args.part in ("metadata", "all"):
        result["metadata"] = score_metadata(args.shared, args.split)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
