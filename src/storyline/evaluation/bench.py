"""`make bench`: the pipeline's speed and memory against bare spaCy, in the same process.

Runs over real news text from ../shared/data (PolNeAR dev and ECB+), first `nlp.pipe` of the
full spaCy pipeline (the baseline), then storyline's build (ingest from JSONL, clean, annotate
with the parser off, dates, entities) on the same texts, and prints articles/s, words/s,
peak memory and the ratio; then a pile of 200 real articles (PolNeAR dev, ECB+, Timeline17)
built into a store and built again with one more article (the share of the first build the
second costs, `rebuild_one_more`). Timings are wall-clock
on whatever machine runs it; only the ratios are comparable between machines.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluation import corpora
from storyline.models.events import detect as detect_events
from storyline.models.events import event_model
from storyline.pipeline import build, build_stories
from storyline.stages.annotate import annotate_articles, load_pipeline, tag_texts
from storyline.stages.timex import reference_date
from storyline.stages.timex import tag as tag_timexes
from storyline.store.duckdb import Store


def run(data: Path, *, limit: int) -> dict[str, Any]:
    docs = [
        d for name in ("polnear", "ecbplus") for d in corpora.iter_corpus(name, data, limit=limit)
    ]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    config = Config()
    nlp = load_pipeline(config.model, check=config.check_model)
    list(nlp.pipe(texts[:4]))  # warm up both paths equally
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config.batch_size):
        pass
    bare = time.perf_counter() - start
    peak_bare = _peak_mb()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.jsonl"
        source.write_text(
            "".join(
                json.dumps({"text": d.text, "title": d.title, "published": d.published}) + "\n"
                for d in docs
            ),
            encoding="utf-8",
        )
        start = time.perf_counter()
        result = build([source], config=config)
        ours = time.perf_counter() - start
    # The timex stage alone, on the same cleaned texts with the tags the build computed
    # (recomputed here, untimed), to give its share of the whole pipeline's time.
    articles = [a for a in result.dossier.articles if a.analysed]
    tags = tag_texts([a.text for a in articles], nlp=nlp, batch_size=config.batch_size)
    start = time.perf_counter()
    expressions = sum(
        len(tag_timexes(a.text, reference_date(a.published), tags=t))
        for a, t in zip(articles, tags, strict=True)
    )
    timex_seconds = time.perf_counter() - start
    # The learned event-mention detector alone, the same way: on annotations recomputed here
    # (untimed), its weights loaded before the clock starts.
    annotations = annotate_articles(articles, nlp=nlp, batch_size=config.batch_size)
    event_model()
    start = time.perf_counter()
    detected = sum(
        len(detect_events(n, a.text)) for a, n in zip(articles, annotations, strict=True)
    )
    detector_seconds = time.perf_counter() - start
    rebuild = rebuild_one_more(rebuild_pile(data), config=config)
    return {
        "rebuild_one_more": rebuild,
        "date": date.today().isoformat(),
        "articles": len(texts),
        "words": words,
        "built_articles": len(result.dossier.articles),
        "bare_spacy": {
            "seconds": round(bare, 2),
            "articles_per_s": round(len(texts) / bare, 1),
            "words_per_s": round(words / bare),
        },
        "storyline": {
            "seconds": round(ours, 2),
            "articles_per_s": round(len(texts) / ours, 1),
            "words_per_s": round(words / ours),
        },
        "speed_ratio": round(bare / ours, 2),
        "timex": {
            "seconds": round(timex_seconds, 3),
            "expressions": expressions,
            "articles_per_s": round(len(articles) / timex_seconds, 1),
            "words_per_s": round(sum(len(a.text.split()) for a in articles) / timex_seconds),
            "share_of_pipeline": round(timex_seconds / ours, 4),
        },
        "event_detector": {
            "seconds": round(detector_seconds, 3),
            "mentions": detected,
            "share_of_pipeline": round(detector_seconds / ours, 4),
        },
        "stage_cpu_share": {
            name: round(seconds / sum(result.seconds.values()), 4)
            for name, seconds in result.seconds.items()
        },
        "peak_mb_after_bare": round(peak_bare),
        "peak_mb_after_storyline": round(_peak_mb()),
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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _markdown(scores: dict[str, Any]) -> str:
    b, s = scores["bare_spacy"], scores["storyline"]
    return (
        f"| run ({scores['date']}) | articles | words | seconds | articles/s | words/s |\n"
        "|---|---|---|---|---|---|\n"
        f"| bare `nlp.pipe` (full en_core_web_sm) | {scores['articles']} | {scores['words']} "
        f"| {b['seconds']} | {b['articles_per_s']} | {b['words_per_s']} |\n"
        f"| `storyline build` (whole pipeline) | {scores['articles']} | {scores['words']} "
        f"| {s['seconds']} | {s['articles_per_s']} | {s['words_per_s']} |\n\n"
        f"Speed ratio storyline/bare spaCy: **{scores['speed_ratio']}x** "
        f"(above 1 means faster than bare spaCy). Peak RSS: {scores['peak_mb_after_bare']} MB "
        f"after the baseline, {scores['peak_mb_after_storyline']} MB after storyline.\n\n"
        f"Time-expression tagger alone: {scores['timex']['seconds']} s for "
        f"{scores['timex']['expressions']} expressions ({scores['timex']['words_per_s']} words/s), "
        f"**{100 * scores['timex']['share_of_pipeline']:.1f}%** of the whole pipeline's time.\n\n"
        f"Event-mention detector alone: {scores['event_detector']['seconds']} s for "
        f"{scores['event_detector']['mentions']} mentions, "
        f"**{100 * scores['event_detector']['share_of_pipeline']:.1f}%** of the whole "
        "pipeline's time.\n\n"
        f"A pile of {scores['rebuild_one_more']['articles'] - 1} real articles (PolNeAR dev, ECB+, "
        "Timeline17) built into a store, then built again with one more: "
        f"{scores['rebuild_one_more']['annotated_again']} article annotated again, "
        f"{scores['rebuild_one_more']['stories_rebuilt']} of "
        f"{scores['rebuild_one_more']['stories']} stories built again, "
        f"{scores['rebuild_one_more']['rebuild_cpu_seconds']} against "
        f"{scores['rebuild_one_more']['cold_cpu_seconds']} CPU s, "
        f"**{100 * (scores['rebuild_one_more']['share_of_cold'] or 0):.0f}%** of the first build "
        "(issue 21's bar: under 10%).\n\n"
        "Share of the build's CPU time by stage: "
        + ", ".join(
            f"{name} {100 * share:.1f}%" for name, share in scores["stage_cpu_share"].items()
        )
        + ".\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DEFAULT_ROOT)
    parser.add_argument("--limit", type=int, default=60, help="documents per corpus")
    parser.add_argument("--write", type=Path, help="replace the results block in this file")
    args = parser.parse_args()
    scores = run(args.data, limit=args.limit)
    table = _markdown(scores)
    print(json.dumps(scores, indent=2))
    print(table)
    if args.write:
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        block = f"{begin}\n{table}{end}"
        if begin in text and end in text:
            text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
        else:
            text += "\n" + block + "\n"
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
