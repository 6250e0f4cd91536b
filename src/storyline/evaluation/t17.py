"""`storyline eval t17`: timeline summaries scored on Timeline17 with tilse, news-tls style.

The protocol of `../shared/data/t17/README.md` (news-tls, Gholipour Ghalandari and Ifrim 2020):
for each gold timeline, L = its number of dates, K = its mean sentences per date (rounded), the
range its first..last date; the system timeline is `stages.glance.timeline_summary` over the
task's build (`dossier.json`), restricted to the task's keywords as news-tls restricts its
summaries. Scores: Date-F1 (chosen dates against gold dates) and alignment ROUGE-1/-2 F1 with
tilse's `align_date_content_costs_many_to_one`, each averaged over timelines. Sentences are
tokenized Penn-Treebank style on both sides before ROUGE, as the original tokenized data was.

tilse (0.2.1, installed without its heavy declared dependencies: `make dev` / `.ci/run`) needs
numpy, scipy and nltk (its Porter stemmer and Treebank tokenizer, no nltk data); its ROUGE is
the bundled ROUGE-1.5.5 Perl script (`--rouge original`, needs perl) or tilse's Python
reimplementation (`reimpl`).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline import timevalues
from storyline.stages.glance import (
    SalienceSettings,
    Settings,
    candidates,
    score_events,
    timeline_summary,
)
from storyline.stages.glance.salience import rank_key

TASKS = (
    "EgyptianProtest_cnn",
    "H1N1_bbc",
    "H1N1_guardian",
    "H1N1_reuters",
    "LibyaWar_cnn",
    "LibyaWar_reuters",
    "MJ_bbc",
)


def gold_timelines(task_dir: Path) -> list[tuple[str, dict[date, list[str]]]]:
    """The task's gold timelines: (name, {date: sentences})."""
    timelines = []
    with (task_dir / "timelines.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            days: dict[date, list[str]] = {}
            for value, sents in record["timeline"]:
                try:
                    days[date.fromisoformat(value[:10])] = list(sents)
                except ValueError:
                    continue  # MJ_bbc's gold has one entry dated '2011-04-0': no day, left out
            timelines.append((str(record["name"]), dict(sorted(days.items()))))
    return timelines


def protocol(gold: Mapping[date, Sequence[str]]) -> tuple[int, int, date, date]:
    """news-tls's L, K and range of one gold timeline."""
    days = sorted(gold)
    mean = sum(len(gold[d]) for d in days) / len(days)
    return len(days), max(1, round(mean)), days[0], days[-1]


def _tokenized(sentences: Sequence[str]) -> list[str]:
    from nltk.tokenize import TreebankWordTokenizer

    tokenizer = TreebankWordTokenizer()
    return [" ".join(tokenizer.tokenize(s)) for s in sentences]


def date_f1(predicted: Sequence[date], gold: Sequence[date]) -> float:
    """Date-F1 as news-tls computes it."""
    shared = len(set(predicted) & set(gold))
    if not predicted or not gold or not shared:
        return 0.0
    precision, recall = shared / len(set(predicted)), shared / len(set(gold))
    return 2 * precision * recall / (precision + recall)


def tilse_scores(
    predicted: Mapping[date, Sequence[str]],
    gold: Mapping[date, Sequence[str]],
    rouge: str = "original",
) -> dict[str, float]:
    """AR-1, AR-2 (F1, `align_date_content_costs_many_to_one`) and Date-F1 of one timeline."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge as tilse_rouge

    pred_tl = Timeline({d: _tokenized(s) for d, s in sorted(predicted.items())})
    gold_tl = GroundTruth([Timeline({d: _tokenized(s) for d, s in sorted(gold.items())})])
    evaluator = tilse_rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation=rouge
    )
    if predicted:
        scores = evaluator.evaluate_align_date_content_costs_many_to_one(pred_tl, gold_tl)
        ar1, ar2 = scores["rouge_1"]["f_score"], scores["rouge_2"]["f_score"]
    else:
        ar1 = ar2 = 0.0
    return {
        "ar1_f": round(float(ar1), 4),
        "ar2_f": round(float(ar2), 4),
        "date_f1": round(date_f1(list(predicted), list(gold)), 4),
    }


def load_build(build_dir: Path) -> dict[str, Any]:
    path = build_dir / "dossier.json"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def score_task(
    task_dir: Path,
    dossier: Mapping[str, Any],
    settings: Settings | None = None,
    rouge: str = "original",
    found: Sequence[Any] | None = None,
) -> list[dict[str, Any]]:
    """One score record per gold timeline of a task."""
    keywords: list[str] = []  # keywords.json here names the task ("H1N1", "MJ"), not a query
    settings = settings or Settings.default()
    found = candidates(dossier, settings.event_dates) if found is None else found
    records = []
    for name, gold in gold_timelines(task_dir):
        dates, per_date, first, last = protocol(gold)
        summary = timeline_summary(
            dossier, dates, per_date, first, last, keywords, settings=settings, found=found
        )
        predicted = {
            date.fromisoformat(day.date): [s.text for s in day.sentences] for day in summary
        }
        record: dict[str, Any] = {
            "task": task_dir.name,
            "timeline": name,
            "L": dates,
            "K": per_date,
        }
        record.update(tilse_scores(predicted, gold, rouge))
        records.append(record)
    return records


def salience_ap(
    dossier: Mapping[str, Any],
    gold_days: set[date],
    settings: SalienceSettings | None = None,
) -> dict[str, float]:
    """How well event salience finds the gold timelines' days: the average precision of the
    build's day-dated events ranked by salience (`stages/glance/salience.py`), an event
    relevant when its day is a gold day; beside it the same ranking by how many articles
    report each event (the plain count salience starts from)."""
    scored = score_events(dossier, settings)
    items: list[tuple[tuple[float, ...], tuple[float, ...], str, bool]] = []
    for event in dossier.get("events", ()):
        when = event.get("date") or {}
        if when.get("granularity") != "day":
            continue
        day = timevalues.first_day(str(when.get("value", "")))
        if day is None:
            continue
        articles = len({str(s["article"]) for s in event.get("sources", ())})
        ident = str(event["id"])
        items.append((rank_key(scored[ident]), (-float(articles),), ident, day in gold_days))

    def average_precision(order: int) -> float:
        ranked = sorted(items, key=lambda item: (item[order], item[2]))
        hits, total = 0, 0.0
        for position, item in enumerate(ranked, start=1):
            if item[3]:
                hits += 1
                total += hits / position
        return round(total / hits, 4) if hits else 0.0

    return {
        "events": len(items),
        "relevant": sum(1 for item in items if item[3]),
        "salience_ap": average_precision(0),
        "articles_ap": average_precision(1),
    }


def mean_scores(records: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    keys = ("ar1_f", "ar2_f", "date_f1")
    if not records:
        return {k: 0.0 for k in keys}
    return {k: round(statistics.fmean(float(r[k]) for r in records), 4) for k in keys}


def score_t17(
    data_dir: Path,
    builds: Path,
    tasks: Sequence[str] | None = None,
    rouge: str = "original",
    settings: Settings | None = None,
    build_missing: bool = False,
) -> dict[str, Any]:
    """Scores over the tasks built under `builds/<task>/dossier.json` (`storyline build
    data/t17/TASK/articles.jsonl --out BUILDS/TASK`); with `build_missing` a task with no build
    is built there first (its seconds in `build_seconds`), else it is listed as not built."""
    records: list[dict[str, Any]] = []
    missing: list[str] = []
    seconds: dict[str, float] = {}
    built: dict[str, float] = {}
    salience: dict[str, dict[str, float]] = {}
    for task in tasks or TASKS:
        build = builds / task
        if not (build / "dossier.json").is_file():
            if not build_missing:
                missing.append(task)
                continue
            began = time.perf_counter()
            build_task(data_dir / task, build)
            built[task] = round(time.perf_counter() - began, 1)
        began = time.perf_counter()
        dossier = load_build(build)
        records.extend(score_task(data_dir / task, dossier, settings, rouge))
        gold_days = {d for _, gold in gold_timelines(data_dir / task) for d in gold}
        salience[task] = salience_ap(dossier, gold_days)
        seconds[task] = round(time.perf_counter() - began, 2)
    return {
        "timelines": len(records),
        "mean": mean_scores(records),
        "salience": {
            "per_task": salience,
            "mean_salience_ap": round(
                statistics.fmean(s["salience_ap"] for s in salience.values()), 4
            )
            if salience
            else 0.0,
            "mean_articles_ap": round(
                statistics.fmean(s["articles_ap"] for s in salience.values()), 4
            )
            if salience
            else 0.0,
        },
        "per_task": {
            task: mean_scores([r for r in records if r["task"] == task])
            for task in sorted({str(r["task"]) for r in records})
        },
        "not_built": missing,
        "seconds": seconds,
        "build_seconds": built,
    }


def build_task(task_dir: Path, out: Path, until: str | None = None) -> None:
    """Build a task's articles into `out/dossier.json` as `storyline build` does; with `until`
    (YYYY-MM-DD) only the articles published by that day (the gate's slice)."""
    from storyline.config import Config
    from storyline.pipeline import build
    from storyline.store.export import write_json

    out.mkdir(parents=True, exist_ok=True)
    source = task_dir / "articles.jsonl"
    if until is not None:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.strip() and json.loads(line)["published"] <= until]
        source = out / "articles.jsonl"
        source.write_text("".join(kept), encoding="utf-8")
    result = build([str(source)], config=Config())
    write_json(result.dossier, out / "dossier.json")
