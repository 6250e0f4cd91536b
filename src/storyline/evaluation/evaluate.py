"""storyline's own scorers (`storyline eval NAME`), each returning a JSON-ready dict.

- `seeds`: on ../shared/seeds with gold/seeds.json: boilerplate-line removal (precision and
  recall over lines, crossheads counted as removed when in `dropped`), kept content lines, and
  publication dates (exact day, or range inside a month holding the gold range).
- `clean`: on the dev corpora, the share of real paragraphs that cleaning keeps. These corpora
  carry no web debris, so every dropped paragraph is a false positive of a cleaning rule.
- `timeml`: TempEval-3 Task A measures of the timex tagger on a TimeML folder (default the
  TempEval-3 TimeBank + AQUAINT set), or of another system's output (`--system`).
- `dates`: publication-date inference on dev corpora whose true dates are known, with the
  dates withheld: MEANTIME (each of its four stories built as one story, datelines removed)
  and TempEval-3 (each document alone, its DCT withheld).
- `seed-timexes`: the share of the seeds' gold time expressions found with the gold value,
  anchored on the gold publication date (as TempEval gives the DCT).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluation import corpora, timeml
from storyline.model import Article, ArticleTimex, Document, Published, Timex
from storyline.pipeline import build, run
from storyline.stages import annotate, timex
from storyline.stages.clean import clean_document


def score_seeds(shared: Path, *, config: Config | None = None) -> dict[str, Any]:
    """One build of the seeds against their gold: lines dropped by cleaning, publication
    dates, (under `events`) the events, their status and the timeline, as `storyline eval
    events` gives them, and (under `comparisons`) the cross-source points as `storyline eval
    compare` scores them."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    dossier = build([shared / "seeds"], config=config or Config()).dossier
    true_positive = dropped_total = gold_total = 0
    dates: dict[str, Any] = {}
    for article in dossier.articles:
        key = Path(article.path).stem
        doc = gold[key]
        # Multisets of whole lines: a headline repeated twice after the first copy is
        # listed twice in the gold, and the first copy is content.
        expected = Counter(doc["boilerplate_lines"])
        dropped = Counter(d.text for d in article.dropped if d.reason != "source credit")
        true_positive += sum((expected & dropped).values())
        dropped_total += sum(dropped.values())
        gold_total += sum(expected.values())
        dates[key] = _date_verdict(
            article.published.value if article.published else None, doc["dct"]["value"]
        )
    from storyline.evaluation import compare
    from storyline.evaluation.seedevents import score_seed_events

    return {
        "events": score_seed_events(shared, dossier),
        "comparisons": compare.score_seeds(shared, dossier),
        "boilerplate_precision": round(true_positive / dropped_total, 4) if dropped_total else 1.0,
        "boilerplate_recall": round(true_positive / gold_total, 4) if gold_total else 1.0,
        "content_lines_dropped": dropped_total - true_positive,
        "published_correct": sum(1 for v in dates.values() if v["correct"]),
        "published_total": len(dates),
        "published": dates,
    }


def _date_verdict(value: str | None, gold: str | dict[str, str]) -> dict[str, Any]:
    low_gold, high_gold = (
        (gold, gold) if isinstance(gold, str) else (gold["earliest"], gold["latest"])
    )
    verdict: dict[str, Any] = {"value": value, "gold": gold, "correct": False}
    if value is None:
        return verdict
    low, high = _bounds(value)
    pinned = low_gold == high_gold
    if low == high:
        verdict["correct"] = low_gold <= low <= high_gold
    elif not pinned:
        span = (date.fromisoformat(high) - date.fromisoformat(low)).days
        verdict["correct"] = low <= low_gold and high >= high_gold and span <= 31
    return verdict


def _bounds(value: str) -> tuple[str, str]:
    if "/" in value:
        low, high = value.split("/")
        return low, high
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        import calendar

        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def score_clean_survival(
    data: Path, *, corpus: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for name in [corpus] if corpus else ["polnear", "meantime", "tempeval3", "ecbplus"]:
        paragraphs = dropped = documents = 0
        reasons: dict[str, int] = {}
        for doc in corpora.iter_corpus(name, data, limit=limit):
            article = clean_document(Document(doc.doc_id, doc.text, "text", title=doc.title))
            documents += 1
            paragraphs += sum(1 for line in doc.text.splitlines() if line.strip())
            for item in article.dropped:
                if item.reason == "repeated headline":
                    continue
                dropped += 1
                reasons[item.reason] = reasons.get(item.reason, 0) + 1
        scores[name] = {
            "documents": documents,
            "paragraphs": paragraphs,
            "dropped": dropped,
            "kept_share": round(1 - dropped / paragraphs, 4) if paragraphs else 1.0,
            "dropped_by_reason": dict(sorted(reasons.items())),
        }
    return scores


def _tagger_tags(texts: list[str], config: Config) -> list[list[tuple[int, int, str]]]:
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    return annotate.tag_texts(texts, nlp=nlp, batch_size=config.batch_size)


def tag_timeml_docs(docs: list[corpora.TimeMLDoc], *, config: Config) -> list[list[Timex]]:
    """Our tagger's timexes for each TimeML document, anchored on its DCT, as TIMEX3 writes
    them (`timex.timeml_forms`: a range as its two ends, "in recent years" a duration)."""
    tags = _tagger_tags([d.text for d in docs], config)
    return [
        timex.timeml_forms(timex.tag(d.text, d.dct, tags=t))
        for d, t in zip(docs, tags, strict=True)
    ]


def score_timeml_dir(
    gold_dir: Path,
    *,
    system_dir: Path | None = None,
    config: Config | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """TempEval-3 Task A scores on every `.tml` file under `gold_dir`.

    Without `system_dir` the system is storyline's own tagger; `errors`, when given, is
    filled with one record per missed, spurious or mismatched timex.
    """
    if system_dir is not None:
        run = timeml.read_system_dir(system_dir, gold_dir)
        pairs: list[tuple[Sequence[timeml.TimexLike], Sequence[timeml.TimexLike]]] = [
            (d.gold, d.system) for d in run.docs
        ]
        names = [d.path for d in run.docs]
        scores = timeml.score_timeml(run)
    else:
        paths = sorted(Path(gold_dir).rglob("*.tml"), key=lambda p: str(p))
        if not paths:
            raise FileNotFoundError(f"no .tml files under {gold_dir}")
        docs = [corpora.read_timeml(p) for p in paths]
        tagged = tag_timeml_docs(docs, config=config or Config())
        pairs = [(d.timexes, s) for d, s in zip(docs, tagged, strict=True)]
        names = [str(p) for p in paths]
        scores = timeml.score_timeml(pairs)
    if errors is not None:
        for name, (gold, found) in zip(names, pairs, strict=True):
            errors.extend({"file": name, **d.to_dict()} for d in timeml.diff_timeml(gold, found))
    return scores.to_dict()


def _gold_dct(dct: dict[str, Any]) -> str:
    if "most_likely" in dct:
        return str(dct["most_likely"])
    value = dct["value"]
    return value if isinstance(value, str) else str(value["latest"])


def score_seed_timexes(shared: Path, *, config: Config | None = None) -> dict[str, Any]:
    """Gold time expressions of the seeds found (overlapping span) with the gold value."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    keys = sorted(gold)
    texts = [(shared / "seeds" / f"{key}.txt").read_text(encoding="utf-8") for key in keys]
    tags = _tagger_tags(texts, config or Config())
    found = total = found_all = total_all = 0
    misses: list[dict[str, str]] = []
    for key, text, doc_tags in zip(keys, texts, tags, strict=True):
        system = timex.tag(text, _gold_dct(gold[key]["dct"]), tags=doc_tags)
        for g in gold[key]["timexes"]:
            hit = any(
                s.start < g["end"] and g["start"] < s.end and s.value == g["value"] for s in system
            )
            total_all += 1
            found_all += hit
            if g.get("optional"):
                continue
            total += 1
            found += hit
            if not hit:
                got = [s.value for s in system if s.start < g["end"] and g["start"] < s.end]
                misses.append(
                    {"doc": key, "text": g["text"], "gold": g["value"], "got": ", ".join(got)}
                )
    return {
        "found_with_value": found,
        "gold": total,
        "share": round(found / total, 4) if total else 1.0,
        "share_with_optional": round(found_all / total_all, 4) if total_all else 1.0,
        "misses": misses,
    }


def _undated_text(doc: corpora.CorpusDoc) -> str:
    """The document's text without a MEANTIME dateline (the second of its blocks)."""
    if doc.corpus != "meantime":
        return doc.text
    blocks = doc.text.split("\n\n")
    return "\n\n".join(blocks[:1] + blocks[2:]) if len(blocks) > 2 else doc.text


def score_publication_dates(
    data: Path, *, corpus: str | None = None, limit: int | None = None, config: Config | None = None
) -> dict[str, Any]:
    """Inferred publication dates against the corpora's true dates, which are withheld.

    A date is correct by the seed rule: the right day, or a range of at most a month that
    holds it; it is wrong when the true date lies outside it (a wider range that holds the
    true date is neither). MEANTIME's stories (its top folders) are built one story at a time, so
    articles can date each other; TempEval-3 documents are dated alone.
    """
    config = config or Config()
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    if corpus == "t17":
        return {"t17": _score_t17_dates(data, limit=limit, config=config, nlp=nlp)}
    scores: dict[str, Any] = {}
    for name in [corpus] if corpus else ["meantime", "tempeval3"]:
        stories: dict[str, list[Article]] = {}
        truth: dict[str, str] = {}
        for doc in corpora.iter_corpus(name, data, limit=limit):
            if doc.published is None:
                continue
            article = clean_document(
                Document(doc.doc_id, _undated_text(doc), "text", title=doc.title)
            )
            story = doc.doc_id.split("/")[0] if name == "meantime" else doc.doc_id
            stories.setdefault(story, []).append(article)
            truth[article.path] = doc.published
        counts: Counter[str] = Counter()
        for story in sorted(stories):
            state, _ = run(stories[story], config=config, until="published", nlp=nlp)
            for article in state["articles"]:
                _count_date(counts, article.published, truth[article.path])
        scores[name] = _date_scores(counts)
    return scores


def _date_scores(counts: Counter[str]) -> dict[str, Any]:
    total = counts["documents"]
    dated = total - counts["undated"]
    return {
        **{key: counts[key] for key in sorted(counts)},
        "share_correct": round(counts["correct"] / total, 4) if total else 1.0,
        "precision": round(counts["correct"] / dated, 4) if dated else 1.0,
    }


def _count_date(counts: Counter[str], published: Published | None, truth: str) -> None:
    """Count one inferred date against the true day (see `score_publication_dates`)."""
    verdict = _date_verdict(published.value if published else None, truth)
    how = "undated"
    if published is not None:
        how = "anchored" if "anchored" in published.method else "bounded"
        if published.source in ("url", "timestamp", "dateline"):
            how = "stated"  # what the text states of itself
    counts["documents"] += 1
    counts[how] += 1
    counts[f"{how}_correct"] += verdict["correct"]
    counts["correct"] += verdict["correct"]
    if published is not None and not (published.earliest <= truth <= published.latest):
        counts["wrong"] += 1  # the true date is outside what was inferred


def _score_t17_dates(data: Path, *, limit: int | None, config: Config, nlp: Any) -> dict[str, Any]:
    """Timeline17's real articles, each task one story with every second article's date
    withheld (by date order), as in a pile where some inputs carry metadata and some do not:
    the withheld dates are inferred from the text and from the dated articles. `limit` takes
    the first articles of each task (by date). Parts as the stories scorer's: tune tasks and
    held-out tasks."""
    from storyline.evaluation.stories import T17_HELD_OUT, T17_TUNE

    parts: dict[str, Any] = {}
    for part, tasks in (("tune", T17_TUNE), ("held_out", T17_HELD_OUT)):
        counts: Counter[str] = Counter()
        for task in tasks:
            path = data / "t17" / task / "articles.jsonl"
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            records.sort(key=lambda r: (r["published"], r["id"]))
            records = records[:limit] if limit is not None else records
            articles = [
                clean_document(
                    Document(
                        r["id"], r["text"], "text", published=None if i % 2 else r["published"]
                    )
                )
                for i, r in enumerate(records)
            ]
            truth = {a.path: r["published"] for a, r in zip(articles, records, strict=True)}
            withheld = {a.path for i, a in enumerate(articles) if i % 2}
            state, ctx = run(articles, config=config, until="timex", nlp=nlp)
            # the detections the timex stage anchored, kept by the run
            found = ctx.time_detections(state["articles"], list(state["annotations"].values()))
            by_article: dict[str, list[ArticleTimex]] = {}
            for t in state["timexes"]:
                by_article.setdefault(t.article, []).append(t)
            for article in state["articles"]:
                if article.path in withheld:
                    _count_date(counts, article.published, truth[article.path])
                    if article.published is None:
                        _count_pinned(
                            counts,
                            by_article.get(article.id, []),
                            found[article.id],
                            truth[article.path],
                        )
        parts[part] = _date_scores(counts)
    return parts


def _count_pinned(
    counts: Counter[str], timexes: Sequence[ArticleTimex], found: timex.Detections, truth: str
) -> None:
    """Count the yearless dates of an undated article (its `timexes`, anchored from its
    detections `found`) that the story's dates placed in a year (`timex/years.py`):
    `year_pinned`, and `year_pinned_right` where the value is the one the article's true date
    `truth` gives, else `year_pinned_wrong`."""
    plain = {(t.start, t.end): t.value for t in timex.anchor(found, None)}
    true = {(t.start, t.end): t.value for t in timex.anchor(found, truth)}
    for t in timexes:
        if plain.get((t.start, t.end)) == t.value:
            continue
        counts["year_pinned"] += 1
        right = true.get((t.start, t.end)) == t.value
        counts["year_pinned_right" if right else "year_pinned_wrong"] += 1
