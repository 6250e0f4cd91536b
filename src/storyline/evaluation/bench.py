"""`make bench`: the whole build against bare spaCy, on the same texts, in one run.

The texts are real news from ../shared/data: PolNeAR dev, ECB+ and Timeline17 taken in turn
(`bench_records`). At each size (50, 100 and 200 texts by default) two fresh child processes
run one after the other on the same JSONL file: the baseline, bare `nlp.pipe` of the full
spaCy pipeline (tagger, parser, NER, ...), and `storyline build FILE --out DIR` through the
command line's own function, so the store, every story's dossier and report, the index and
stories.json are written exactly as a user's build writes them. Each child loads the spaCy
pipeline and warms it on four texts before its clock starts; the clock is wall time. Peak
memory is each child's own: the largest total resident size of the child and its worker
processes, sampled from /proc while it runs (and never below the child's own `ru_maxrss`); the
pages a forked worker shares with the child count in both, so with workers it is an upper
bound, and the peak of their summed proportional set sizes (PSS: a shared page split between
the processes that share it) is given beside it. CPU seconds count the child and its workers.

The ratio is the build's articles/s over the baseline's at the largest size; the last line
printed is one JSON object (`{"ratio": ..., "peak_rss_mb": ..., "articles": ..., ...}`),
which `python -m storyline.bench --json` prints too. Then the incremental measure of issue 21
(`rebuild_one_more`, in this process): a pile of 200 real articles (PolNeAR dev, ECB+,
Timeline17) built into a store and built again with one more article. Timings are wall-clock
on whatever machine runs it; only the ratios of one run are comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluation import corpora
from storyline.pipeline import build_stories
from storyline.store.duckdb import Store

SIZES = (50, 100, 200)
# the texts of `rebuild_one_more` (issue 21's measure): this many PolNeAR dev and ECB+ each
_SAMPLE_SECONDS = 0.05


def bench_records(data: Path, count: int) -> list[dict[str, Any]]:
    """The first `count` texts of a fixed mix: one from PolNeAR dev, one from ECB+, one from
    Timeline17 (its tasks in turn), and again, each as a JSONL record (text, title, date)."""
    sources = [_corpus(data, "polnear"), _corpus(data, "ecbplus"), _timeline17(data)]
    out: list[dict[str, Any]] = []
    while sources and len(out) < count:
        for source in list(sources):
            record = next(source, None)
            if record is None:
                sources.remove(source)
            elif len(out) < count:
                out.append(record)
    return out


def _corpus(data: Path, name: str) -> Iterator[dict[str, Any]]:
    for d in corpora.iter_corpus(name, data):
        yield {"text": d.text, "title": d.title, "published": d.published}


def _timeline17(data: Path) -> Iterator[dict[str, Any]]:
    """Timeline17's articles, one from each task in turn (tasks and lines in file order)."""
    tasks = sorted(p for p in (data / "t17").iterdir() if (p / "articles.jsonl").is_file())
    readers = [_t17_task(p / "articles.jsonl") for p in tasks]
    while readers:
        for reader in list(readers):
            record = next(reader, None)
            if record is None:
                readers.remove(reader)
            else:
                yield record


def _t17_task(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield {"text": row["text"], "title": None, "published": row.get("published")}


def run(
    data: Path,
    *,
    sizes: Sequence[int] = SIZES,
    workers: int = 1,
    rebuild: bool = True,
) -> dict[str, Any]:
    """Baseline and build at each size (children, one after the other), then
    `rebuild_one_more` on `rebuild_pile` (skipped when `rebuild` is False)."""
    records = bench_records(data, max(sizes))
    load_before = os.getloadavg()[0]
    measured: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            source = Path(tmp) / f"bench-{size}.jsonl"
            source.write_text(
                "".join(json.dumps(r) + "\n" for r in records[:size]), encoding="utf-8"
            )
            bare = _child(["baseline", str(source)])
            built = _child(
                ["build", str(source), str(Path(tmp) / f"out-{size}"), "--workers", str(workers)]
            )
            measured[str(size)] = {
                "articles": size,
                "words": sum(len(r["text"].split()) for r in records[:size]),
                "bare_seconds": bare["seconds"],
                "build_seconds": built["seconds"],
                "bare_articles_per_s": round(size / bare["seconds"], 2),
                "build_articles_per_s": round(size / built["seconds"], 2),
                "ratio": round(bare["seconds"] / built["seconds"], 3),
                "bare_peak_rss_mb": bare["peak_rss_mb"],
                "build_peak_rss_mb": built["peak_rss_mb"],
                "bare_peak_pss_mb": bare["peak_pss_mb"],
                "build_peak_pss_mb": built["peak_pss_mb"],
                "build_cpu_seconds": built["cpu_seconds"],
                "bare_cpu_seconds": bare["cpu_seconds"],
            }
    load_after = os.getloadavg()[0]
    rebuilt = None
    if rebuild:
        rebuilt = rebuild_one_more(rebuild_pile(data), config=Config())
    largest = measured[str(max(sizes))]
    return {
        "ratio": largest["ratio"],
        "peak_rss_mb": largest["build_peak_rss_mb"],
        "articles": largest["articles"],
        "baseline_peak_rss_mb": largest["bare_peak_rss_mb"],
        "peak_pss_mb": largest["build_peak_pss_mb"],
        "workers": workers,
        "load_1min_before": round(load_before, 2),
        "load_1min_after": round(load_after, 2),
        "date": date.today().isoformat(),
        "sizes": measured,
        "rebuild_one_more": rebuilt,
    }


# issue 21's pile: 200 real articles of several stories, and one more that continues one of them
PILE_SOURCES: tuple[tuple[str, int], ...] = (("polnear", 70), ("ecbplus", 70))
PILE_TASKS: tuple[tuple[str, int], ...] = (
    ("H1N1_guardian", 21),
    ("LibyaWar_cnn", 20),
    ("MJ_bbc", 20),
)


def rebuild_pile(data: Path) -> list[dict[str, Any]]:
    """The records `rebuild_one_more` builds: 70 PolNeAR dev and 70 ECB+ texts and the first
    20 articles of three Timeline17 stories (200), then the 21st H1N1_guardian article (the one
    more, which joins a story the pile has)."""
    records = [
        {"text": d.text, "title": d.title, "published": d.published}
        for name, limit in PILE_SOURCES
        for d in corpora.iter_corpus(name, data, limit=limit)
    ]
    later: list[dict[str, Any]] = []
    for task, limit in PILE_TASKS:
        lines = (data / "t17" / task / "articles.jsonl").read_text("utf-8").splitlines()[:limit]
        found = [json.loads(line) for line in lines]
        picked = [{"text": r["text"], "title": r["id"], "published": r["published"]} for r in found]
        records.extend(picked[:20])
        later.extend(picked[20:])
    return records + later


def _child(arguments: list[str]) -> dict[str, Any]:
    """Run `_child_main` in a fresh interpreter; its result with the peak resident size of
    it and its worker processes, sampled while it runs."""
    with tempfile.TemporaryDirectory() as tmp:
        result, errors = Path(tmp) / "result.json", Path(tmp) / "stderr.txt"
        command = [sys.executable, "-m", "storyline.evaluation.bench", "--child", *arguments]
        with errors.open("w", encoding="utf-8") as stderr:
            child = subprocess.Popen(
                [*command, "--result", str(result)], stdout=subprocess.DEVNULL, stderr=stderr
            )
            peak_rss = peak_pss = 0
            while child.poll() is None:
                rss, pss = _tree_memory_kb(child.pid)
                peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
                time.sleep(_SAMPLE_SECONDS)
        if child.returncode != 0:
            tail = errors.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"bench child {arguments[0]} failed ({child.returncode}):\n{tail}")
        found: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    own = found.pop("own_peak_kb")
    found["peak_rss_mb"] = round(max(peak_rss, own) / 1024)
    found["peak_pss_mb"] = round(max(peak_pss, own if peak_rss <= own else 0) / 1024)
    return found


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """The resident and the proportional kilobytes (RSS, PSS) of process `pid` and all its
    descendants now, summed ((0, 0) once gone). A page a forked worker shares with its parent
    counts in each one's RSS, and split between them in their PSS: the sum of PSS is what
    the processes hold together."""
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        proc = Path("/proc") / str(current)
        try:
            status = (proc / "status").read_text(encoding="ascii")
            rollup = (proc / "smaps_rollup").read_text(encoding="ascii")
            kids = [
                int(k)
                for task in (proc / "task").iterdir()
                for k in (task / "children").read_text(encoding="ascii").split()
            ]
        except OSError:
            continue  # it ended while being read
        rss += _field_kb(status, "VmRSS:")
        pss += _field_kb(rollup, "Pss:")
        todo.extend(kids)
    return rss, pss


def _field_kb(text: str, name: str) -> int:
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(name)), 0)


def _child_main(kind: str, source: Path, out: Path | None, workers: int, result: Path) -> None:
    """One measured run: "baseline" (bare `nlp.pipe` over the texts of `source`) or "build"
    (`storyline build source --out out`), after the spaCy pipeline is loaded and warmed."""
    from storyline.stages.annotate import load_pipeline

    config = Config()
    texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines()]
    nlp = load_pipeline(config.model, check=config.check_model)
    list(nlp.pipe(texts[:4]))  # warm up both runs alike
    if kind == "baseline":
        wall, cpu = time.perf_counter(), _cpu()
        for _ in nlp.pipe(texts, batch_size=config.batch_size):
            pass
    else:
        from storyline.cli import app

        command = ["build", str(source), "--out", str(out), "--workers", str(workers)]
        wall, cpu = time.perf_counter(), _cpu()
        app(command, standalone_mode=False)
    seconds, cpu_seconds = time.perf_counter() - wall, _cpu() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result.write_text(
        json.dumps(
            {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), "own_peak_kb": own}
        ),
        encoding="utf-8",
    )


def rebuild_one_more(records: list[dict[str, Any]], *, config: Config) -> dict[str, Any]:
    """Issue 21's incremental measure: the pile of all `records` but the last built into a
    store (grouped into stories, as `storyline build` does), then built again with the last
    one added: the CPU seconds of each, how many articles the second build annotated and
    extracted event mentions from, how many stories it built again, and its share of the
    first (the bar: under a tenth)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pile"
        folder.mkdir()
        (folder / "pile.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records[:-1]), encoding="utf-8"
        )
        with Store(Path(tmp) / "store.duckdb") as store:
            start = time.process_time()
            first = build_stories([folder], config=config, cache=store)
            cold = time.process_time() - start
            (folder / "zz-one-more.jsonl").write_text(
                json.dumps(records[-1]) + "\n", encoding="utf-8"
            )
            start = time.process_time()
            again = build_stories([folder], config=config, cache=store)
            warm = time.process_time() - start
    return {
        "articles": len(records),
        "stories": len(again.stories),
        "stories_rebuilt": sum(not built.reused for built in again.stories),
        "cold_cpu_seconds": round(cold, 2),
        "rebuild_cpu_seconds": round(warm, 2),
        "annotated_first": first.annotated,
        "annotated_again": again.annotated,
        "events_extracted_again": again.extracted,
        "share_of_cold": round(warm / cold, 3) if cold else None,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _markdown(scores: dict[str, Any]) -> str:
    rows = "".join(
        f"| {m['articles']} | {m['words']} | {m['bare_seconds']} | {m['build_seconds']} "
        f"| {m['bare_articles_per_s']} | {m['build_articles_per_s']} | **{m['ratio']}x** "
        f"| {m['bare_cpu_seconds']} | {m['build_cpu_seconds']} "
        f"| {m['bare_peak_rss_mb']} | {m['build_peak_rss_mb']} | {m['build_peak_pss_mb']} |\n"
        for m in scores["sizes"].values()
    )
    text = (
        f"Run of {scores['date']}, `storyline build --workers {scores['workers']}`, load "
        f"(1 min) {scores['load_1min_before']} before and {scores['load_1min_after']} after "
        "the timed runs.\n\n"
        "| articles | words | bare `nlp.pipe` s | `storyline build` s | bare articles/s "
        "| build articles/s | ratio | bare CPU s | build CPU s (workers too) "
        "| bare peak RSS MB | build peak RSS MB | build peak PSS MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|\n" + rows + "\n"
        f"Ratio at {scores['articles']} articles: **{scores['ratio']}x** (build articles/s over "
        f"bare `nlp.pipe` articles/s; issue 22's bar: >= 1.0), peak RSS "
        f"**{scores['peak_rss_mb']} MB**, its proportional set size {scores['peak_pss_mb']} MB "
        f"(bar: <= 1,536 MB; bare spaCy {scores['baseline_peak_rss_mb']} MB).\n"
    )
    rebuild = scores["rebuild_one_more"]
    if rebuild:
        text += (
            f"\nA pile of {rebuild['articles'] - 1} real articles (PolNeAR dev, ECB+, Timeline17) "
            "built into a store, then built again with one more: "
            f"{rebuild['annotated_again']} article annotated again, "
            f"{rebuild['stories_rebuilt']} of {rebuild['stories']} stories built again, "
            f"{rebuild['rebuild_cpu_seconds']} against {rebuild['cold_cpu_seconds']} CPU s, "
            f"**{100 * (rebuild['share_of_cold'] or 0):.0f}%** of the first build "
            "(issue 21's bar: under 10%).\n"
        )
    return text


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DEFAULT_ROOT)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="texts per measured build"
    )
    parser.add_argument("--workers", type=int, default=1, help="the build's --workers")
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="skip the incremental measure (a 200-article pile built twice)",
    )
    parser.add_argument("--write", type=Path, help="replace the results block in this file")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, source, *rest = args.child
        out = Path(rest[0]) if rest else None
        _child_main(kind, Path(source), out, args.workers, args.result)
        return
    scores = run(
        args.data,
        sizes=sorted(set(args.sizes)),
        workers=args.workers,
        rebuild=not args.no_rebuild,
    )
    if not args.json:
        print(_markdown(scores))
    if args.write:
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        block = f"{begin}\n{_markdown(scores)}{end}"
        if begin in text and end in text:
            text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
        else:
            text += "\n" + block + "\n"
        args.write.write_text(text, encoding="utf-8")
    print(json.dumps(scores, sort_keys=False))


if __name__ == "__main__":
    main()
