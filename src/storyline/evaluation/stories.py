"""`storyline eval stories`: story clustering scored on three corpora, each built as one pile
through the clustering the build runs (`stages.stories.group_stories`).

- ECB+ topics 1-35 as one pile: B-cubed of the stories against the sub-topics (a topic's
  `ecb` texts tell one event, its `ecbplus` texts another of the same kind) and against the
  topics. Tune: topics 1-20; held-out: 21-35 (the pile is clustered whole, each part scored
  on its own texts).
- The same ECB+ texts dated so that time cannot tell the two events of a topic apart (the
  adversarial check, `score_ecbplus_same_month`): topic t's texts in month t (topic 1 in
  February 2020), its `ecb` texts on days 3-7 and its `ecbplus` texts on days 12-16 (the n-th
  text of a sub-topic on day 3 + n mod 5 or 12 + n mod 5). Two quakes in two countries in the
  same weeks must stay two stories. Same splits; scored against the sub-topics.
- The 7 Timeline17 tasks as one pile (ingested and cleaned as `storyline build` does), gold:
  the three H1N1 collections one story, the two LibyaWar ones one story, EgyptianProtest and
  MJ one each. Tune: EgyptianProtest_cnn, H1N1_bbc, H1N1_guardian, LibyaWar_cnn; held-out:
  H1N1_reuters, LibyaWar_reuters, MJ_bbc.
- SemEval 2022 task 8 English pairs: Pearson and Spearman between the clustering's article
  similarity and the annotators' Overall score, sign turned so that agreement is positive.
  Tune: pairs whose first id is even; held-out: odd.
"""

from __future__ import annotations

import csv
import json
import math
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.evaluation.corpora import iter_ecbplus, text_article
from storyline.model import Article
from storyline.stages.stories import Story, cosine, group_stories, vectorize

ECB_TUNE = tuple(range(1, 21))
ECB_HELD_OUT = tuple(range(21, 36))
T17_STORIES = {
    "EgyptianProtest_cnn": "EgyptianProtest",
    "H1N1_bbc": "H1N1",
    "H1N1_guardian": "H1N1",
    "H1N1_reuters": "H1N1",
    "LibyaWar_cnn": "LibyaWar",
    "LibyaWar_reuters": "LibyaWar",
    "MJ_bbc": "MJ",
}
T17_TUNE = ("EgyptianProtest_cnn", "H1N1_bbc", "H1N1_guardian", "LibyaWar_cnn")
T17_HELD_OUT = ("H1N1_reuters", "LibyaWar_reuters", "MJ_bbc")


def bcubed(
    predicted: Mapping[str, str], gold: Mapping[str, str], items: Iterable[str] | None = None
) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold
    (item -> class), over `items` (default: every gold item) with both restricted to them."""
    keep = sorted(gold if items is None else items)
    by_cluster: dict[str, list[str]] = {}
    by_class: dict[str, list[str]] = {}
    for item in keep:
        by_cluster.setdefault(predicted[item], []).append(item)
        by_class.setdefault(gold[item], []).append(item)
    precision = recall = 0.0
    for item in keep:
        cluster = by_cluster[predicted[item]]
        same = sum(1 for other in cluster if gold[other] == gold[item])
        precision += same / len(cluster)
        recall += same / len(by_class[gold[item]])
    n = len(keep) or 1
    p, r = precision / n, recall / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "items": len(keep)}


def assignment(stories: Sequence[Story]) -> dict[str, str]:
    """Article id -> story id."""
    return {article: story.id for story in stories for article in story.articles}


# ------------------------------------------------------------------------------- ECB+


def ecbplus_pile(
    data: Path, topics: Sequence[int]
) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """The texts of `topics` as articles (id = ECB+ document id), with their sub-topic
    ("3/ecb", "3/ecbplus") and topic ("3") labels."""
    wanted = {str(t) for t in topics}
    articles: list[Article] = []
    subtopic: dict[str, str] = {}
    topic: dict[str, str] = {}
    for doc in iter_ecbplus(data.parent):
        number, name = doc.doc_id.split("/")
        if number not in wanted:
            continue
        part = "ecbplus" if name.endswith("ecbplus") else "ecb"
        articles.append(text_article(doc.doc_id, doc.text, given_date=doc.published))
        subtopic[doc.doc_id] = f"{number}/{part}"
        topic[doc.doc_id] = number
    return articles, subtopic, topic


def score_ecbplus(data: Path, *, topics: Sequence[int] | None = None) -> dict[str, Any]:
    """B-cubed of the stories of ECB+ `topics` (default 1-35) clustered as one pile."""
    topics = tuple(topics or (*ECB_TUNE, *ECB_HELD_OUT))
    articles, subtopic, topic = ecbplus_pile(data, topics)
    stories = group_stories(articles)
    predicted = assignment(stories)
    out: dict[str, Any] = {"articles": len(articles), "stories": len(stories)}
    for part, numbers in (("tune", ECB_TUNE), ("held_out", ECB_HELD_OUT), ("all", topics)):
        items = [a for a in subtopic if int(topic[a]) in numbers and int(topic[a]) in topics]
        if not items:
            continue
        out[part] = {
            "subtopic": bcubed(predicted, subtopic, items),
            "topic": bcubed(predicted, topic, items),
        }
    return out


def same_month(
    articles: Sequence[Article], subtopic: Mapping[str, str], topic: Mapping[str, str]
) -> list[Article]:
    """`articles` dated for the same-month check: topic t in month t (from February 2020),
    the first sub-topic's n-th text on day 3 + n mod 5, the second's on day 12 + n mod 5."""
    seen: dict[str, int] = {}
    dated: list[Article] = []
    for article in articles:
        number = int(topic[article.id])
        label = subtopic[article.id]
        n = seen.get(label, 0)
        seen[label] = n + 1
        first = 3 if label.endswith("/ecb") else 12
        day = date(2020 + number // 12, number % 12 + 1, first + n % 5)
        dated.append(text_article(article.id, article.text, given_date=day.isoformat()))
    return dated


def score_ecbplus_same_month(data: Path, *, topics: Sequence[int] | None = None) -> dict[str, Any]:
    """B-cubed against the sub-topics of the ECB+ `topics` (default 1-35) clustered as one
    pile with both events of each topic dated in the same month (`same_month`)."""
    topics = tuple(topics or (*ECB_TUNE, *ECB_HELD_OUT))
    articles, subtopic, topic = ecbplus_pile(data, topics)
    stories = group_stories(same_month(articles, subtopic, topic))
    predicted = assignment(stories)
    out: dict[str, Any] = {"articles": len(articles), "stories": len(stories)}
    for part, numbers in (("tune", ECB_TUNE), ("held_out", ECB_HELD_OUT), ("all", topics)):
        items = [a for a in subtopic if int(topic[a]) in numbers and int(topic[a]) in topics]
        if items:
            out[part] = {"subtopic": bcubed(predicted, subtopic, items)}
    return out


# --------------------------------------------------------------------------- Timeline17


def t17_pile(
    data: Path, *, tasks: Sequence[str] | None = None, per_task: int | None = None
) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """The Timeline17 tasks' articles, ingested and cleaned as a build does, with their gold
    story and their task; `per_task` keeps each task's first articles by publication day."""
    from storyline.config import Config
    from storyline.pipeline import run

    articles: list[Article] = []
    story: dict[str, str] = {}
    task_of: dict[str, str] = {}
    for task in tasks or tuple(T17_STORIES):
        source = data / task / "articles.jsonl"
        if not source.is_file():
            raise FileNotFoundError(f"no Timeline17 articles: {source}")
        with tempfile.TemporaryDirectory() as scratch:
            if per_task is not None:
                lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line]
                lines.sort(key=lambda line: str(json.loads(line)["published"]))
                source = Path(scratch) / task / "articles.jsonl"
                source.parent.mkdir()
                source.write_text("\n".join(lines[:per_task]) + "\n", encoding="utf-8")
            state, _ = run({"paths": [str(source)]}, config=Config(), until="clean")
        for article in state["articles"]:
            if article.id in story:  # the same text in two tasks: its first task keeps it
                continue
            articles.append(article)
            story[article.id] = T17_STORIES[task]
            task_of[article.id] = task
    return articles, story, task_of


def score_t17(
    data: Path, *, tasks: Sequence[str] | None = None, per_task: int | None = None
) -> dict[str, Any]:
    """B-cubed of the Timeline17 pile's stories against the 5 gold stories."""
    articles, gold, task_of = t17_pile(data, tasks=tasks, per_task=per_task)
    stories = group_stories(articles)
    predicted = assignment(stories)
    sizes = sorted((len(s.articles) for s in stories), reverse=True)
    out: dict[str, Any] = {
        "articles": len(articles),
        "stories": len(stories),
        "largest": sizes[:8],
        "singletons": sum(1 for n in sizes if n == 1),
    }
    for part, names in (("tune", T17_TUNE), ("held_out", T17_HELD_OUT)):
        items = [a for a in gold if task_of[a] in names]
        if items:
            out[part] = bcubed(predicted, gold, items)
    out["all"] = bcubed(predicted, gold)
    return out


# ---------------------------------------------------------------------------- SemEval


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson's correlation (0 when either side is constant)."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson's on average ranks)."""
    return pearson(_ranks(x), _ranks(y))


def semeval_pairs(path: Path) -> list[tuple[str, str, str, float]]:
    """The English-English pairs: (pair id, text 1, text 2, Overall)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["pair_id"], row["text1"], row["text2"], float(row["Overall"]))
            for row in csv.DictReader(handle)
            if row["lang1"] == "en" and row["lang2"] == "en"
        ]


def semeval_part(pair_id: str) -> str:
    """A pair's part: "tune" when its first id is even, else "held_out"."""
    return "tune" if int(pair_id.split("_")[0]) % 2 == 0 else "held_out"


def score_semeval(path: Path) -> dict[str, Any]:
    """Correlation of the clustering's article similarity (document frequencies over every
    English text of the file) with the annotators' Overall (1 very similar ... 4 very
    dissimilar, its sign turned)."""
    pairs = semeval_pairs(path)
    articles: dict[str, Article] = {}
    for pair_id, first, second, _ in pairs:
        for side, text in (("1", first), ("2", second)):
            key = f"{pair_id}/{side}"
            articles[key] = text_article(key, text)
    vectors = vectorize(list(articles.values()))
    out: dict[str, Any] = {}
    for part in ("tune", "held_out", "all"):
        kept = [p for p in pairs if part in ("all", semeval_part(p[0]))]
        ours = [cosine(vectors[f"{p[0]}/1"], vectors[f"{p[0]}/2"]) for p in kept]
        agreement = [-p[3] for p in kept]
        out[part] = {
            "pairs": len(kept),
            "pearson": round(pearson(ours, agreement), 4),
            "spearman": round(spearman(ours, agreement), 4),
        }
    return out


# ---------------------------------------------------------------------------- growth


def _variant(article: Article, copy: int) -> Article:
    """Copy number `copy` of an article: every other sentence from a shifted start dropped
    (a text of its own) and its date moved `copy` years on, so each copy's stories are new."""
    lines = [line for line in article.text.splitlines() if line.strip()]
    kept = [line for i, line in enumerate(lines) if (i + copy) % 3 != 0] or lines
    text = "\n".join(kept)
    day = article.given_date
    if day and copy:
        day = f"{int(day[:4]) + copy * 3:04d}{day[4:]}"
    return text_article(
        f"{article.path}#{copy}", text, article_id=f"{article.id}-{copy}", given_date=day
    )


def score_growth(data: Path, sizes: Sequence[int] = (1000, 5000, 20000)) -> dict[str, Any]:
    """CPU time of the grouping, and the process's peak memory after it, on piles of `sizes`
    articles made from the Timeline17 pile: each copy drops other sentences and moves three
    years on, so the number of stories grows with the pile."""
    import resource
    import time

    articles, _, _ = t17_pile(data)
    out: dict[str, Any] = {}
    for size in sorted(sizes):
        pile = [_variant(articles[i % len(articles)], i // len(articles)) for i in range(size)]
        began = time.process_time()
        stories = group_stories(pile)
        seconds = time.process_time() - began
        out[str(size)] = {
            "stories": len(stories),
            "cpu_seconds": round(seconds, 1),
            "ms_per_article": round(1000 * seconds / size, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    return out


# ------------------------------------------------------------------------------ all


def score_stories(
    shared: Path, *, corpus: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The scores (or `corpus`'s: ecbplus with its same-month check, same-month alone, t17,
    semeval, growth); `limit` keeps the first
    `limit` ECB+ topics and that many Timeline17 articles per task."""
    data = shared / "data"
    out: dict[str, Any] = {}
    if corpus in (None, "ecbplus"):
        topics = tuple(range(1, 36))[:limit] if limit else None
        out["ecbplus"] = score_ecbplus(data / "ecbplus", topics=topics)
    if corpus in (None, "ecbplus", "same-month"):
        topics = tuple(range(1, 36))[:limit] if limit else None
        out["ecbplus_same_month"] = score_ecbplus_same_month(data / "ecbplus", topics=topics)
    if corpus in (None, "t17"):
        out["t17"] = score_t17(data / "t17", per_task=limit)
    if corpus in (None, "semeval"):
        out["semeval"] = score_semeval(data / "semeval2022-task8" / "training_set.csv")
    if corpus == "growth":
        out["growth"] = score_growth(data / "t17", (limit,) if limit else (1000, 5000, 20000))
    if corpus not in (None, "ecbplus", "same-month", "t17", "semeval", "growth"):
        raise ValueError(
            f"unknown corpus {corpus!r} for 'stories';"
            " choose ecbplus, same-month, t17, semeval or growth"
        )
    return out
