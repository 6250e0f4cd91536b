"""How the cross-article steps grow with the number of articles (issue 22).

`python -m storyline.evaluation.growth --cache DIR [--sizes 100,400,1600] [--write FILE]`

The sample: every Timeline17 article (seven stories, 1,584 articles) in the order of a hash of
its id, then ECB+ documents in the same order up to 1,600; size N is the first N of it, so each
size holds the smaller ones. Annotation is per article and not the subject: it is made once
into the DuckDB store `DIR/store.duckdb` (an `AnnotationCache`, with the sentence parses the
quotes, events and compare stages make), so a later run times the other steps alone.

Each size is built as one story (the worst case for the per-story steps: `build --one-story`)
step by step, with the stages' own functions in the pipeline's order, and the whole pile is
grouped into stories (`stages/stories`). For each step: CPU seconds (`time.process_time`) and
the peak of Python memory allocated while it runs (`tracemalloc`, in a second run of the step
so that tracing costs no timed CPU), and the growth exponent between consecutive sizes
(log of the CPU ratio over log of the size ratio: 1 is linear, 2 quadratic). Steps marked
"per article" do each article's own work (detection, parsing of candidate sentences); the
others compare articles or their records with each other.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import pickle
import re
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluation import corpora
from storyline.model import Annotation, Article, EventDate, Quote
from storyline.pipeline import STAGES, Context, State, run
from storyline.pipeline import _dossier as dossier_of
from storyline.report.html import render_report
from storyline.stages import copies, entities, events, published, quotes, stories, timex
from storyline.stages.entities import records as entity_records
from storyline.stages.events import merge
from storyline.stages.quotes._context import quote_id
from storyline.store.duckdb import Store

SIZES = (100, 400, 1600)
_BEGIN, _END = "<!-- growth:begin -->", "<!-- growth:end -->"


def sample(data: Path, size: int) -> list[dict[str, Any]]:
    """The first `size` records of the sample (Timeline17, then ECB+, each in hash order)."""

    def key(name: str) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    records: list[dict[str, Any]] = []
    for source in sorted((data / "t17").glob("*/articles.jsonl")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found = json.loads(line)
                records.append(
                    {
                        "id": found["id"],
                        "text": found["text"],
                        "published": found.get("published"),
                        "title": found.get("title"),
                    }
                )
    records.sort(key=lambda r: key(r["id"]))
    if len(records) < size:
        ecb = sorted(corpora.iter_corpus("ecbplus", data), key=lambda d: key(d.doc_id))
        records.extend(
            {"id": f"ecbplus/{d.doc_id}", "text": d.text, "published": d.published, "title": None}
            for d in ecb[: size - len(records)]
        )
    return records[:size]


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    cross: bool  # compares articles (or their records) with each other
    seconds: float
    peak_mb: float | None
    note: str = ""


class _Timer:
    """Times steps in CPU seconds; a cross-article step is run again under tracemalloc for its
    peak memory (its result from the first run is kept)."""

    def __init__(self, memory: bool) -> None:
        self.memory = memory
        self.steps: list[Step] = []

    def __call__(self, name: str, work: Callable[[], Any], *, cross: bool = True) -> Any:
        began = time.process_time()
        result = work()
        spent = time.process_time() - began
        peak = None
        if self.memory and cross:
            tracemalloc.start()
            work()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        self.steps.append(Step(name, cross, spent, peak))
        return result


def _link_across_timed(timer: _Timer, original: Callable[..., Any]) -> Callable[..., Any]:
    """`entities.records._link_across` timed as a step of its own (the entity stage's
    linking across articles; the rest of the stage is per article)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        return timer("entities: linking across articles", lambda: original(*args, **kwargs))

    return timed


def story_steps(
    articles: Sequence[Article],
    annotations: dict[str, Annotation],
    *,
    config: Config,
    nlp: Any,
    parses: dict[Any, Any],
    memory: bool,
    dump: Path | None = None,
    rules: bool = False,
    parsed: set[str] | None = None,
) -> tuple[list[Step], dict[str, int]]:
    """Build `articles` as one story, step by step; the steps' times and what was made.
    `parsed` holds the real articles built before with these `parses` (updated here)."""
    parsed = set() if parsed is None else parsed
    timer = _Timer(memory)
    ctx = Context(config, nlp=nlp)
    ctx.parses = parses
    state: State = {"articles": list(articles), "annotations": annotations}
    stage = {s.name: s.step for s in STAGES}
    kept = [annotations[a.id] for a in articles if a.id in annotations]
    # a repeated article's time expressions are its original's (they depend on the text)
    originals = [a for a in articles if _REPEAT not in a.id]
    detected = timer(
        "time expressions: detection",
        lambda: timex.detect_articles(
            originals, [annotations[a.id] for a in originals if a.id in annotations]
        ),
        cross=False,
    )
    for article in articles:
        detected.setdefault(article.id, detected[_original(article.id)])
    ctx.detections = detected
    state["articles"] = timer(
        "publication dates across articles",
        lambda: published.infer_story_dates(articles, kept, detected=ctx.detections),
    )
    state["published"] = True
    state.update(
        timer("time expressions: anchoring", lambda: stage["timex"](state, ctx), cross=False)
    )
    original = getattr(entity_records, "_link_across")  # noqa: B009 (not exported)
    setattr(entity_records, "_link_across", _link_across_timed(timer, original))  # noqa: B010
    try:
        began = time.process_time()
        found = entities.resolve_entities(state["articles"], kept)
        whole = time.process_time() - began
    finally:
        setattr(entity_records, "_link_across", original)  # noqa: B010
    across = timer.steps[-1]
    timer.steps.append(Step("entities: within articles", False, whole - across.seconds, None))
    state["entities"] = found
    todo = [a for a in state["articles"] if a.analysed and a.id in annotations]
    todo_annotations = [annotations[a.id] for a in todo]
    mentions = quotes.index_mentions(found)
    # a repeated article's quotes are its original's, moved to its id (not timed), as its
    # event mentions are below: the same text gives the same quotes
    told = timer(
        "quotes: extraction",
        lambda: {
            a.id: quotes.extract_quotes(
                a, n, nlp=nlp, entities=found, parses=parses, mentions=mentions
            )
            for a, n in zip(todo, todo_annotations, strict=True)
            if _REPEAT not in a.id
        },
        cross=False,
    )
    said = [
        q
        for a in todo
        for q in (
            told[a.id] if a.id in told else [_moved_quote(q, a.id) for q in told[_original(a.id)]]
        )
    ]
    state["quotes"] = timer("quotes: merging across articles", lambda: quotes.merge_quotes(said))
    # a repeated article's event mentions are its original's, moved to its id (not timed)
    real = [(a, n) for a, n in zip(todo, todo_annotations, strict=True) if _REPEAT not in a.id]
    extracted = timer(
        "events: extraction",
        lambda: events.extract_all(
            [a for a, _ in real],
            [n for _, n in real],
            nlp=nlp,
            entities=found,
            timexes=state["timexes"],
            parses=parses,
        ),
        cross=False,
    )
    of = {a.id: found_in for (a, _), found_in in zip(real, extracted, strict=True)}
    per_article = [
        of[a.id] if a.id in of else [_moved(m, a.id, _years(a.id)) for m in of[_original(a.id)]]
        for a in todo
    ]
    flat = [m for found_in in per_article for m in found_in]
    texts = {a.id: a.text for a in todo}
    places, members = entities.places(found), entities.memberships(found)
    pairs_made = 0
    if rules:
        # the rules alone (no pair model): the rules' share of merging, on its own
        merged = timer(
            "events: merging across articles (rules alone)",
            lambda: merge.merge_with(flat, places, members, texts, model=None),
        )
    else:
        # the pair model's candidate pairs are counted (`merge._scored`'s pairs, not timed)
        counted: list[int] = []
        scored = getattr(merge, "_scored")  # noqa: B009 (not exported)

        def counting(*args: Any, **kwargs: Any) -> Any:
            found = scored(*args, **kwargs)
            counted.append(len(found[0].firsts))
            return found

        setattr(merge, "_scored", counting)  # noqa: B010
        try:
            merged = timer(
                "events: merging across articles",
                lambda: events.merge_events(flat, places, members, texts),
            )
        finally:
            setattr(merge, "_scored", scored)  # noqa: B010
        pairs_made = counted[0] if counted else 0
    state.update(event_mentions=per_article, events=merged, timeline=events.timeline(merged))
    state.update(timer("copies (syndication)", lambda: stage["copies"](state, ctx)))
    # a repetition stands for another article, not a copy of its original: the steps after
    # would otherwise leave it out as one (comparisons read originals only)
    state["copies"] = [c for c in state["copies"] if not _repeats(c.article, c.original)]
    # comparing parses the sentences it reads (per article, kept in the parse cache): the
    # first run does that, the second (timed as the step) only compares; where every
    # original was built before in this process (`parsed`), its sentences are parsed and
    # the first run would only compare twice
    if not parsed >= {_original(a.id) for a in articles}:
        timer("comparisons: parsing sentences", lambda: stage["compare"](state, ctx), cross=False)
    parsed.update(a.id for a in articles if _REPEAT not in a.id)
    state.update(timer("comparisons", lambda: stage["compare"](state, ctx)))
    state.update(timer("cited summary and salience", lambda: stage["summary"](state, ctx)))
    state["inputs"] = []
    dossier = dossier_of(state)
    page = timer("report.html (coverage table included)", lambda: render_report(dossier))
    if dump is not None:
        # what merging and the report read, to time other versions of them on the same input
        with (dump / f"size-{len(articles)}.pickle").open("wb") as handle:
            pickle.dump({"merge": (flat, places, members, texts), "dossier": dossier}, handle)
    made = {
        "characters": sum(len(a.text) for a in articles),
        "entities": len(found),
        "event_mentions": len(flat),
        "candidate_pairs": pairs_made,
        "events": len(merged),
        "report_kb": _utf8_bytes(page) // 1024,
        "table_cells": page.count("<td"),
    }
    return timer.steps, made


_REPEAT = "~"  # an article repeated under a new id: ORIGINAL~N


def _utf8_bytes(text: str, chunk: int = 1 << 20) -> int:
    """The length of `text` in UTF-8, a megabyte of characters at a time: the report of a
    6,400-article story is a string of a gigabyte, which `encode` would copy whole."""
    return sum(len(text[n : n + chunk].encode("utf-8")) for n in range(0, len(text), chunk))


def _repeats(one: str, other: str) -> bool:
    """Whether two articles are one real article and its repetition, or two of its
    repetitions."""
    return _original(one) == _original(other)


def _original(article: str) -> str:
    """The id of the real article that `article` is (itself) or repeats."""
    return article.split(_REPEAT)[0]


def _years(article: str) -> int:
    """How many years the dates of a repeated article (`ORIGINAL~N`) moved."""
    _, _, copy = article.partition(_REPEAT)
    return SHIFT * int(copy) if copy else 0


def _moved(value: Any, new: str, years: int = 0) -> Any:
    """`value` (a record, or tuples and lists of them) with every `article` field set to
    `new` and its dates (an event mention's publication and event date) `years` later: a
    repeated article's records."""
    if isinstance(value, (tuple, list)):
        return type(value)(_moved(v, new, years) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    dated = isinstance(value, EventDate)
    for f in fields(value):
        old = getattr(value, f.name)
        if f.name == "article" and isinstance(old, str):
            moved = new
        elif isinstance(old, str) and (f.name == "published" or (dated and f.name == "value")):
            moved = _later(old, years)
        else:
            moved = _moved(old, new, years)
        if moved is not old and moved != old:
            changes[f.name] = moved
    return replace(value, **changes) if changes else value


def _moved_quote(quote: Quote, new: str) -> Quote:
    """A repeated article's quote: its original's (`quote`) moved to article `new`, under
    the id the quotes stage gives a quote of that article at those offsets."""
    moved: Quote = _moved(quote, new)
    return replace(moved, id=quote_id(new, moved.kind, moved.span, moved.full))


# a repetition's dates move by this many years a copy (a multiple of 4: February 29 stays a
# day), so the copies of one event are other events of the same kind, with the same people,
# years apart: a longer story, not the same one told more often
SHIFT = 4
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _later(value: str, years: int) -> str:
    """A date value (`2011-03-20`, `2011-03/2011-05`, `2011-W12`) `years` later."""
    if not years:
        return value
    return _YEAR.sub(lambda m: f"{int(m[1]) + years:04d}", value)


def measure(
    data: Path,
    cache: Path,
    sizes: Sequence[int],
    *,
    real: int | None = None,
    memory: bool = True,
    dump: Path | None = None,
    rules: bool = False,
) -> dict[str, Any]:
    """Every size's steps (`story_steps`) and the pile's grouping into stories. With `real`,
    only the first `real` records are real articles: a larger size repeats them under new
    ids (`_replica`: the same text and annotation, and the parses of its sentences, with its
    dates `SHIFT` years a copy later), so the steps see more articles without annotating
    more."""
    cache.mkdir(parents=True, exist_ok=True)
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
    records = sample(data, min(max(sizes), real or max(sizes)))
    source = cache / f"sample-{len(records)}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    config = Config(max_bytes=1 << 30)
    with Store(cache / "store.duckdb") as store:
        state, ctx = run({"paths": [str(source)]}, config=config, until="annotate", cache=store)
        pool: list[Article] = state["articles"]
        annotations: dict[str, Annotation] = state["annotations"]
        nlp = ctx.pipeline()
        before = frozenset(ctx.parses)
        ids = {a.id for a in pool}
        results: list[dict[str, Any]] = []
        parsed: set[str] = set()  # the real articles whose sentences comparing parsed
        for size in sizes:
            keys: dict[str, list[tuple[str, int, int]]] = {}
            for key in ctx.parses:
                keys.setdefault(key[0], []).append(key)
            chosen = [
                _replica(pool[n % len(pool)], n // len(pool), annotations, ctx.parses, keys)
                for n in range(size)
            ]
            steps, made = story_steps(
                chosen,
                annotations,
                config=config,
                nlp=nlp,
                parses=ctx.parses,
                memory=memory,
                # a size of repetitions is its real articles' input repeated: not kept
                dump=dump if size <= len(pool) else None,
                rules=rules,
                parsed=parsed,
            )
            timer = _Timer(memory)
            dated = published.infer_story_dates(
                chosen, [annotations[a.id] for a in chosen if a.id in annotations]
            )
            found = copies.find_copies(dated)
            copied = {c.article: c.original for c in found if not _repeats(c.article, c.original)}
            grouped = timer(
                "stories: grouping the pile",
                partial(stories.group_stories, dated, copies=copied),
            )
            made["stories"] = len(grouped)
            results.append(
                {
                    "size": size,
                    "articles": len(chosen),
                    "real": min(size, len(pool)),
                    "made": made,
                    "steps": [
                        {
                            "name": s.name,
                            "cross": s.cross,
                            "seconds": round(s.seconds, 3),
                            "peak_mb": None if s.peak_mb is None else round(s.peak_mb, 1),
                        }
                        for s in [*steps, *timer.steps]
                    ],
                }
            )
            print(json.dumps(results[-1]), flush=True)
        # the real articles' new parses are kept for the next run (a replica's are copies)
        grown = {key[0] for key in ctx.parses if key not in before and key[0] in ids}
        if grown:
            store.save_parses(
                {k: v for k, v in ctx.parses.items() if k[0] in grown}, config.fingerprint()
            )
    return {"date": time.strftime("%Y-%m-%d"), "sizes": results}


def _replica(
    article: Article,
    copy: int,
    annotations: dict[str, Annotation],
    parses: dict[tuple[str, int, int], Any],
    keys: dict[str, list[tuple[str, int, int]]],
) -> Article:
    """`article` itself (`copy` 0) or its `copy`-th repetition under a new id, with its
    annotation and its sentences' parses (`keys`: the parse keys of each article) under that
    id too, and its dates `SHIFT * copy` years later."""
    if copy == 0:
        return article
    new = f"{article.id}{_REPEAT}{copy}"
    if new not in annotations and article.id in annotations:  # (an unread article has none)
        annotations[new] = replace(annotations[article.id], article=new)
        for key in keys.get(article.id, ()):
            parses[(new, key[1], key[2])] = parses[key]
    years = SHIFT * copy
    published = article.published
    if published is not None:
        published = replace(
            published,
            value=_later(published.value, years),
            earliest=_later(published.earliest, years),
            latest=_later(published.latest, years),
        )
    given = None if article.given_date is None else _later(article.given_date, years)
    return replace(
        article,
        id=new,
        path=f"{article.path}{_REPEAT}{copy}",
        published=published,
        given_date=given,
    )


def exponents(results: Sequence[dict[str, Any]]) -> dict[str, list[float | None]]:
    """Each step's growth exponent between consecutive sizes (log CPU ratio / log size
    ratio), the size being the articles' characters (articles differ in length: the work of
    a step grows with the text, its mentions and its events); None where a time is under
    0.05 s (too small to read)."""
    out: dict[str, list[float | None]] = {}
    names = _step_names(results)
    for low, high in itertools.pairwise(results):
        times = {s["name"]: s["seconds"] for s in low["steps"]}
        later = {s["name"]: s["seconds"] for s in high["steps"]}
        for name in names:  # None too where a size skipped the step
            before, after = times.get(name), later.get(name)
            value = None
            if before is not None and after is not None and before >= 0.05 and after >= 0.05:
                ratio = math.log(_volume(high) / _volume(low))
                value = round(math.log(after / before) / ratio, 2)
            out.setdefault(name, []).append(value)
    return out


def _step_names(results: Sequence[dict[str, Any]]) -> list[str]:
    """Every step of any size, in the order the sizes ran them (a size may skip one:
    comparing's parsing run)."""
    return list(dict.fromkeys(s["name"] for r in results for s in r["steps"]))


def _volume(result: dict[str, Any]) -> float:
    return float(result["made"].get("characters") or result["articles"])


def markdown(scores: dict[str, Any]) -> str:
    results = scores["sizes"]
    slopes = exponents(results)
    head = " | ".join(f"{r['articles']} articles" for r in results)
    gaps = " | ".join(f"{a['articles']}->{b['articles']}" for a, b in itertools.pairwise(results))
    slopes_head = f" exponent in characters {gaps} |" if gaps else ""
    lines = [
        f"| step ({scores['date']}), CPU s / peak MB | {head} |{slopes_head}",
        "|---" * (1 + len(results) + max(len(results) - 1, 0)) + "|",
    ]
    steps = {s["name"]: s for r in results for s in r["steps"]}
    for step in (steps[n] for n in _step_names(results)):
        name = step["name"] + ("" if step["cross"] else " (per article)")
        cells = []
        for r in results:
            own = next((s for s in r["steps"] if s["name"] == step["name"]), None)
            if own is None:
                cells.append("")
            elif own["peak_mb"] is None:
                cells.append(f"{own['seconds']:.2f}")
            else:
                cells.append(f"{own['seconds']:.2f} / {own['peak_mb']:.0f}")
        slope = " | ".join("" if v is None else f"{v:.2f}" for v in slopes.get(step["name"], []))
        tail = f" {slope} |" if gaps else ""
        lines.append(f"| {name} | {' | '.join(cells)} |{tail}")
    made = "; ".join(
        f"{r['articles']}: " + ", ".join(f"{k} {v}" for k, v in r["made"].items()) for r in results
    )
    return "\n".join(lines) + f"\n\nWhat each size made: {made}.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DEFAULT_ROOT)
    parser.add_argument("--cache", type=Path, required=True, help="the store's folder")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--no-memory", action="store_true", help="CPU seconds only")
    parser.add_argument(
        "--real", type=int, help="real articles; larger sizes repeat them under new ids"
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="merge events by the rules alone (the pair model's share left out)",
    )
    parser.add_argument("--write", type=Path, help="replace the growth block in this file")
    parser.add_argument(
        "--dump",
        type=Path,
        help="keep each size's merge input and dossier (sizes of real articles only)",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    scores = measure(
        args.data,
        args.cache,
        sizes,
        real=args.real,
        memory=not args.no_memory,
        dump=args.dump,
        rules=args.rules_only,
    )
    table = markdown(scores)
    print(json.dumps(scores))
    print(table)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        if _BEGIN not in text:
            raise SystemExit(f"{args.write} has no {_BEGIN} block")
        head, rest = text.split(_BEGIN, 1)
        tail = rest.split(_END, 1)[1]
        args.write.write_text(f"{head}{_BEGIN}\n{table}{_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
