"""Check that a refactor left the build's outputs byte-identical.

Builds three stories with the installed `storyline` command: the demo (examples/harbour-strike),
the five seed articles (../shared/seeds) and the first 50 PolNeAR dev articles (natural order,
as one JSONL with their title and publication date). For each it keeps `dossier.json`,
`report.html` and a dump of every table of `storyline.duckdb` (rows sorted, as JSON lines; the
database file itself carries page layout that is no output).

    python scripts/check_outputs.py --save /tmp/before   # on the commit before a change
    python scripts/check_outputs.py --against /tmp/before   # after it: lists every difference
    python scripts/check_outputs.py --manifest scripts/outputs-cafcad1.sha256.json   # hashes only

`--write-manifest FILE` records the hashes of a run; `scripts/outputs-cafcad1.sha256.json`
holds those of commit cafcad1, the last before the layout redesign (spaCy and the model pinned
as in pyproject.toml). The script only runs the command line, so
it builds the same on any commit; it is no part of the package and the build never imports it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR_ARTICLES = 50


def _natural_key(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _polnear_jsonl() -> Path:
    base = SHARED / "data" / "polnear"
    meta: dict[str, dict[str, str]] = {}
    lines = (base / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        meta[row.get("filename", "")] = row
    files = sorted((base / "dev" / "text").glob("*.txt"), key=lambda p: _natural_key(p.name))
    # inside the checkout, by a relative path: an article's path is part of the output
    out = Path("build") / "check-outputs" / "polnear50.jsonl"
    (ROOT / out).parent.mkdir(parents=True, exist_ok=True)
    with (ROOT / out).open("w", encoding="utf-8") as fh:
        for path in files[:POLNEAR_ARTICLES]:
            row = meta.get(path.stem, {})
            title = (row.get("title") or "").strip()
            published = (row.get("publication_date") or "").strip()[:10]
            record = {
                "text": path.read_bytes().decode("utf-8"),
                "title": None if title in ("", "None") else title,
                "published": None if published in ("", "None") else published,
            }
            fh.write(json.dumps(record) + "\n")
    return out


def _dump_store(database: Path, target: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        tables = sorted(
            name
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        )
        with target.open("w", encoding="utf-8") as fh:
            for table in tables:
                rows = con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()
                for row in rows:
                    fh.write(json.dumps([table, *row], default=str, ensure_ascii=False) + "\n")


def build_all(work: Path) -> dict[str, Path]:
    """Build every story into `work`; return {output name: file}.

    Inputs are named relative to the checkout (an article's path is part of the output), so
    two checkouts side by side build the same bytes."""
    command = Path(sys.executable).parent / "storyline"
    stories = {
        "demo": [Path("examples") / "harbour-strike"],
        "seeds": [Path("..") / "shared" / "seeds"],
        "polnear50": [_polnear_jsonl()],
    }
    outputs: dict[str, Path] = {}
    for name, inputs in stories.items():
        out = work / name
        subprocess.run(
            [str(command), "build", *map(str, inputs), "--out", str(out)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        _dump_store(out / "storyline.duckdb", out / "store.jsonl")
        # a pile may hold several stories: every dossier, report and story list it wrote
        kept = [out / "store.jsonl"] + [
            path
            for path in sorted(out.rglob("*"))
            if path.name in ("dossier.json", "report.html", "stories.json", "index.html")
        ]
        for path in kept:
            outputs[f"{name}/{path.relative_to(out).as_posix()}"] = path
    return outputs


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="copy the outputs into this folder")
    parser.add_argument("--against", type=Path, help="compare with outputs saved by --save")
    parser.add_argument("--manifest", type=Path, help="compare with recorded hashes")
    parser.add_argument("--write-manifest", type=Path, help="record this run's hashes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outputs = build_all(Path(tmp))
        hashes = {name: _sha(path) for name, path in sorted(outputs.items())}
        if args.save:
            for name, path in outputs.items():
                (args.save / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, args.save / name)
        if args.write_manifest:
            args.write_manifest.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
        differ: list[str] = []
        if args.against:
            differ += [
                name
                for name, path in outputs.items()
                if not (args.against / name).is_file()
                or (args.against / name).read_bytes() != path.read_bytes()
            ]
        if args.manifest:
            recorded = json.loads(args.manifest.read_text(encoding="utf-8"))
            differ += [name for name, sha in hashes.items() if recorded.get(name) != sha]
    for name in sorted(set(differ)):
        print(f"differs: {name}")
    print(f"{len(hashes)} outputs, {len(set(differ))} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
