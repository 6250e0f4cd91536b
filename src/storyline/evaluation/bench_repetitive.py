"""`make bench`, part two: does the work per kilobyte stay flat on repetitive text?

One article made of one invented line repeated to 16, 32, 64, 128 and 256 KB, for three kinds
of repetition (a quote with its speaker, names, dates). Each is cleaned and annotated
(spaCy, untimed), then the stages after annotation run one by one, timed in CPU seconds per
stage. The table gives each stage's seconds per KB as a ratio to its seconds per KB at 32 KB,
measured in the same process: about 1 at every size is linear work, a ratio that doubles with
the size is a quadratic step.

    python -m storyline.evaluation.bench_repetitive --sizes 16,32,64,128,256 --until quotes \
        --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.model import Document
from storyline.pipeline import run
from storyline.stages.annotate import load_pipeline
from storyline.stages.clean import clean_document

# Invented lines, one per kind of repetition.
LINES = {
    "quotes": "\u201cThe ferry will stay in port until the talks resume,\u201d said Mira Halden.",
    "names": (
        "Mira Halden met Tomas Ek and the Kessmark Port Authority in Lunmark, and Mira Halden "
        "thanked Tomas Ek."
    ),
    "dates": (
        "On March 4, 2025 the union met; on Tuesday, 17 June 2024 it walked out, and by "
        "2025-03-05 the port reopened."
    ),
}
STAGES = ("published", "timex", "entities", "quotes", "events")
BASELINE_KB = 32


def repetitive_text(kind: str, kilobytes: int) -> str:
    """The line of `kind` repeated, one per paragraph, to about `kilobytes` KB."""
    line = LINES[kind]
    count = max(1, kilobytes * 1024 // (len(line) + 1))
    return "\n".join(line for _ in range(count))


def run_sizes(
    kinds: list[str], sizes: list[int], *, until: str, config: Config
) -> dict[str, dict[int, dict[str, float]]]:
    """{kind: {size in KB: {stage: CPU seconds}}} for the stages after annotation."""
    nlp = load_pipeline(config.model, check=config.check_model)
    seconds: dict[str, dict[int, dict[str, float]]] = {}
    for kind in kinds:
        seconds[kind] = {}
        for size in sizes:
            article = clean_document(Document(f"{kind}.txt", repetitive_text(kind, size), "text"))
            state, _ = run([article], config=config, until="annotate", nlp=nlp)
            _, ctx = run(state, config=config, until=until, nlp=nlp)
            seconds[kind][size] = {
                name: round(ctx.seconds[name], 3) for name in STAGES if name in ctx.seconds
            }
    return seconds


def per_kb_ratios(times: dict[int, dict[str, float]]) -> dict[int, dict[str, float | None]]:
    """Each stage's seconds per KB as a ratio to the same at `BASELINE_KB` (None when the
    baseline took under 10 ms, too little to compare)."""
    base = times[BASELINE_KB]
    ratios: dict[int, dict[str, float | None]] = {}
    for size, stages in times.items():
        ratios[size] = {
            name: (
                round((seconds / size) / (base[name] / BASELINE_KB), 2)
                if base.get(name, 0) >= 0.01
                else None
            )
            for name, seconds in stages.items()
        }
    return ratios


def markdown(seconds: dict[str, dict[int, dict[str, float]]]) -> str:
    timed = [n for n in STAGES if any(n in st for t in seconds.values() for st in t.values())]
    rows = ["| kind | KB | " + " | ".join(timed) + " |", "|---|---|" + "---|" * len(timed)]
    for kind, times in seconds.items():
        ratios = per_kb_ratios(times) if BASELINE_KB in times else {}
        for size, stages in times.items():
            cells = []
            for name in timed:
                if name not in stages:
                    cells.append("")
                    continue
                ratio = ratios.get(size, {}).get(name)
                cells.append(f"{stages[name]} s" + (f" (x{ratio})" if ratio is not None else ""))
            rows.append(f"| {kind} | {size} | " + " | ".join(cells) + " |")
    return (
        "\n".join(rows)
        + f"\n\nCPU seconds per stage; in brackets its seconds per KB over those at {BASELINE_KB}"
        " KB (1 is linear).\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(LINES), help="of: " + ", ".join(LINES))
    parser.add_argument("--sizes", default="16,32,64,128,256", help="KB, comma-separated")
    parser.add_argument("--until", default="events", choices=STAGES, help="last stage timed")
    parser.add_argument("--write", type=Path, help="replace the results block in this file")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")} | {BASELINE_KB})
    kinds = [k for k in args.kinds.split(",") if k in LINES]
    seconds = run_sizes(kinds, sizes, until=args.until, config=Config())
    print(json.dumps(_json_ready(seconds), indent=2))
    table = markdown(seconds)
    print(table)
    if args.write:
        _write_block(args.write, table)


def _write_block(path: Path, table: str) -> None:
    """Put `table` between this benchmark's markers in `path` (appended when absent)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    begin, end = "<!-- bench-repetitive:begin -->", "<!-- bench-repetitive:end -->"
    block = f"{begin}\n{table}{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def _json_ready(seconds: dict[str, dict[int, dict[str, float]]]) -> dict[str, Any]:
    return {kind: {str(size): stages for size, stages in t.items()} for kind, t in seconds.items()}


if __name__ == "__main__":
    main()
