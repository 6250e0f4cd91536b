"""Time the build of N PolNeAR articles with two checkouts, in one run on one machine.

    python scripts/compare_builds.py --base ../base --articles 400

Writes the first N PolNeAR texts (dev, then train, in natural order, with their title and
publication date) as one JSONL, then builds it with `storyline build` from each checkout
(`PYTHONPATH=<checkout>/src`, the same Python), alternating base and this checkout `--runs`
times, and prints each build's CPU seconds (user + system, of the build process) and wall
seconds, and the ratio. The annotation cache starts empty each time (a fresh output folder).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def _natural_key(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def write_articles(target: Path, count: int) -> None:
    lines = (POLNEAR / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    meta = {
        row["filename"]: row
        for row in (dict(zip(header, x.split("\t"), strict=False)) for x in lines[1:])
    }
    files = [
        path
        for split in ("dev", "train")
        for path in sorted(
            (POLNEAR / split / "text").glob("*.txt"), key=lambda p: _natural_key(p.name)
        )
    ][:count]
    with target.open("w", encoding="utf-8") as fh:
        for path in files:
            row = meta.get(path.stem, {})
            title = (row.get("title") or "").strip()
            day = (row.get("publication_date") or "").strip()[:10]
            fh.write(
                json.dumps(
                    {
                        "text": path.read_bytes().decode("utf-8"),
                        "title": None if title in ("", "None") else title,
                        "published": None if day in ("", "None") else day,
                    }
                )
                + "\n"
            )


def build_once(checkout: Path, source: Path, out: Path) -> tuple[float, float]:
    """CPU and wall seconds of one build with `checkout`'s code."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "storyline"), "build", str(source), "--out", str(out)],
        cwd=checkout,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "polnear.jsonl"
        write_articles(source, args.articles)
        for run in range(args.runs):
            for name, checkout in (("base", args.base.resolve()), ("this", ROOT)):
                cpu, wall = build_once(checkout, source, Path(tmp) / f"{name}{run}")
                results[name].append((cpu, wall))
                print(f"{name} run {run + 1}: {cpu:.1f} CPU s, {wall:.1f} wall s", flush=True)
    base = min(c for c, _ in results["base"])
    this = min(c for c, _ in results["this"])
    print(
        f"{args.articles} articles: base {base:.1f} CPU s, this {this:.1f} CPU s, "
        f"ratio {this / base:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
