"""The Spark engine on Timeline17: parity with the local engine, and local[1] against local[2].

    python scripts/spark_bench.py parity --articles 200 --master "local[2]"
    python scripts/spark_bench.py scaling --articles 400 --masters "local[1]" "local[2]"

The sample is taken round-robin from the tasks of `../shared/data/t17/*/articles.jsonl` (a
task's first articles, in file order), written as one JSONL file per task into a scratch
folder. `parity` builds it with `storyline build` and with `--engine spark=MASTER` and compares
every dossier.json, report.html and stories.json byte for byte. `scaling` runs the Spark job
alone (`storyline.spark.prepare`: ingest, clean, annotate, parses) once per master, each in a
fresh process with its own JVM, and reports its wall seconds without the session's start and
the CPU seconds of the executors' Python workers (what a loaded machine does not change).
Each prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"


def sample(count: int, folder: Path) -> Path:
    """`count` Timeline17 articles, round-robin over the tasks, as JSONL files in `folder`."""
    lines = {
        p.parent.name: [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
        for p in sorted(T17.glob("*/articles.jsonl"))
    }
    taken: dict[str, list[str]] = {name: [] for name in lines}
    depth = 0
    while sum(map(len, taken.values())) < count and depth < max(map(len, lines.values())):
        for name, rows in lines.items():
            if depth < len(rows) and sum(map(len, taken.values())) < count:
                taken[name].append(rows[depth])
        depth += 1
    inputs = folder / "t17"
    inputs.mkdir(parents=True, exist_ok=True)
    for name, rows in taken.items():
        (inputs / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return inputs


def _build(inputs: Path, out: Path, *engine: str) -> float:
    began = time.perf_counter()
    command = [sys.executable, "-m", "storyline", "build", str(inputs), "--out", str(out), *engine]
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - began


def _outputs(folder: Path) -> dict[str, bytes]:
    names = ("dossier.json", "report.html", "stories.json")
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.name in names
    }


def parity(count: int, master: str, scratch: Path) -> dict[str, object]:
    inputs = sample(count, scratch)
    local_s = _build(inputs, scratch / "local")
    spark_s = _build(inputs, scratch / "spark", "--engine", f"spark={master}")
    local, spark = _outputs(scratch / "local"), _outputs(scratch / "spark")
    differ = sorted(n for n in set(local) | set(spark) if local.get(n) != spark.get(n))
    stories = json.loads(local["stories.json"])
    return {
        "articles": count,
        "master": master,
        "stories": len(stories),
        "files_compared": len(local),
        "identical": not differ,
        "differ": differ,
        "local_build_s": round(local_s, 1),
        "spark_build_s": round(spark_s, 1),
    }


def job(inputs: Path, master: str) -> dict[str, object]:
    """The Spark job alone over `inputs` (run in its own process, one JVM per master)."""
    from storyline.config import Config
    from storyline.spark import prepare
    from storyline.spark.job import start_session
    from storyline.store.duckdb import Store

    began = time.perf_counter()
    session = start_session(master)
    started = time.perf_counter()
    with Store(":memory:") as store:
        prepared = prepare([inputs], config=Config(), master=master, cache=store, session=session)
    done = time.perf_counter()
    session.stop()
    return {
        "master": master,
        "articles": prepared.annotated,
        "partitions": prepared.partitions,
        "session_s": round(started - began, 1),
        "job_s": round(done - started, 1),
        "executor_cpu_s": round(prepared.cpu_seconds, 1),
        "cpu_s_per_article": round(prepared.cpu_seconds / max(prepared.annotated, 1), 3),
    }


def scaling(count: int, masters: list[str], scratch: Path) -> dict[str, object]:
    inputs = sample(count, scratch)
    runs = []
    for master in masters:
        command = [sys.executable, __file__, "job", str(inputs), "--master", master]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first = float(runs[0]["job_s"])
    for run in runs:
        run["speedup"] = round(first / float(run["job_s"]), 2)
    load = os.getloadavg()
    return {"articles": count, "runs": runs, "loadavg_1_5_15": [round(x, 2) for x in load]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("parity")
    one.add_argument("--articles", type=int, default=200)
    one.add_argument("--master", default="local[2]")
    two = sub.add_parser("scaling")
    two.add_argument("--articles", type=int, default=400)
    two.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    three = sub.add_parser("job")
    three.add_argument("inputs", type=Path)
    three.add_argument("--master", default="local[1]")
    args = parser.parse_args()
    if args.command == "job":
        print(json.dumps(job(args.inputs, args.master)))
        return
    with tempfile.TemporaryDirectory(prefix="storyline-spark-") as scratch:
        if args.command == "parity":
            found = parity(args.articles, args.master, Path(scratch))
        else:
            found = scaling(args.articles, args.masters, Path(scratch))
    print(json.dumps(found))


if __name__ == "__main__":
    main()
