"""Training of the pair model of event merging (`storyline.stages.events.pairs`) on the ECB+
TRAIN topics.

    python -m storyline.evaluation.train_merge ../shared/data/ecbplus [--cache DIR]

Each train topic is run through the stages up to the events' extraction as one story, and its
gold action mentions are read as the stage reads its own triggers (`events.given`). Every
candidate pair merging would compare (`merge.candidate_pairs`: one merge class, one trigger
stem, one family of words) is an example, positive when the two mentions belong to one gold
event. The linked stem pairs and the priors of a topic's examples are *cross-fitted*: made
from the other topics only (`cross_fitted`), as merging meets a story it was not trained on,
so the model does not learn to trust a prior that already holds the topic's own answer; the
shipped priors are those of every train topic. Boosted regression trees (scikit-learn's
gradient boosting, fixed seed and settings, so the same corpus gives the same file) are fit on
them; run time reads the trees from the JSON file with numpy. The threshold is chosen
by cross-validation over the train topics: five folds of topics, each scored (CoNLL F1 of
the clustering over every gold mention, pooled) with the model fit on the other four, for
every threshold of a grid; the best pooled threshold is kept. The dev topics are never read.
Writes `storyline/models/merge_model.json`, with the digest of the examples of a small slice
(`SLICE_TEXTS` texts of the first train topic, `slice_record`) that
`tests/test_model_drift.py` recomputes: a change to the stages that moves them fails it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from storyline.evaluation.coref import conll
from storyline.evaluation.drift import drift_record
from storyline.evaluation.ecbplus import (
    PreparedTopic,
    _clusters,
    annotated_sentences,
    gold_mention_events,
    prepare_topic,
    prepared_topics,
    read_topic,
    split_topics,
)
from storyline.stages.events.merge import candidate_pairs, merge_with, order_key
from storyline.stages.events.pairs import FEATURES, MODEL_PATH, PairModel, Tree, stem

FOLDS = 5
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# the boosted trees (scikit-learn's GradientBoostingClassifier, fixed seed): chosen by the
# cross-validation below over train topics
TREES = 100
DEPTH = 3
RATE = 0.1


Examples = tuple[list[list[float]], list[int], list[str | None]]
MIN_PAIRS = 5  # a merge class needs this many training pairs for a prior of its own
MIN_LINKED = 3  # two stems are linked with this many pairs of one event among their pairs
# The slice whose examples the file records (`slice_record`): this many texts of the first
# train topic, run as one story (a few seconds), with the shipped stem links.
SLICE_TEXTS = 6
# The features that are cosines of spaCy's float32 vectors: summed over the slice, not digested
# (`drift.drift_record`)
LOOSE = ("trigger_vector", "vector_x_same_group", "vector_x_other_stem")
COMMAND = "python -m storyline.evaluation.train_merge ../shared/data/ecbplus"


Counts = dict[str, list[int]]  # key -> [pairs of one event, pairs]


def link_counts(prepared: PreparedTopic) -> Counts:
    """Pairs of different trigger stems ("pair:x|y") of one topic's gold mentions: how many
    of their mention pairs are one event, and how many there are."""
    counts: Counts = {}
    events = [m.event for d in prepared.docs for m in d.mentions]
    kept = [(stem(m.trigger.text), e) for m, e in zip(prepared.given, events, strict=True) if m]
    for n, (x, e) in enumerate(kept):
        for y, f in kept[n + 1 :]:
            if x != y:
                key = "pair:" + "|".join(sorted((x, y)))
                counts.setdefault(key, [0, 0])
                counts[key][0] += int(e == f and not e.startswith("single:"))
                counts[key][1] += 1
    return counts


def _summed(parts: Iterable[Counts]) -> Counts:
    total: Counts = {}
    for part in parts:
        for key, (right, seen) in part.items():
            total.setdefault(key, [0, 0])
            total[key][0] += right
            total[key][1] += seen
    return total


def stem_links(counts: Counts) -> dict[str, float]:
    """The linked stem pairs of summed `link_counts`: those with at least `MIN_LINKED` pairs
    of one event among at least `MIN_PAIRS`, with their share of pairs of one event."""
    return {
        key: round((c[0] + 1) / (c[1] + 2), 3)
        for key, c in sorted(counts.items())
        if c[0] >= MIN_LINKED and c[1] >= MIN_PAIRS
    }


def examples(prepared: PreparedTopic, links: dict[str, float]) -> Examples:
    """The candidate pairs of a topic's gold mentions (with the stem pairs `links`):
    features, labels, the keys of their priors."""
    events = [m.event for d in prepared.docs for m in d.mentions]
    kept = [(m, e) for m, e in zip(prepared.given, events, strict=True) if m is not None]
    kept.sort(key=lambda pair: order_key(pair[0]))
    ordered = [m for m, _ in kept]
    linked = frozenset(k[len("pair:") :] for k in links)
    candidates = candidate_pairs(
        ordered, prepared.places, prepared.members, prepared.texts(), linked
    )
    labels = [int(kept[i][1] == kept[j][1]) for i, j in candidates.pairs]
    return candidates.features, labels, candidates.kinds


def class_counts(found: Examples) -> Counts:
    """Pairs of one merge class ("class:arrest") in a topic's examples: of one event, all."""
    counts: Counts = {}
    _, labels, kinds = found
    for label, kind in zip(labels, kinds, strict=True):
        if kind is not None and kind.startswith("class:"):
            counts.setdefault(kind, [0, 0])
            counts[kind][0] += label
            counts[kind][1] += 1
    return counts


def priors(classes: Counts, links: dict[str, float], threshold: float = 0.5) -> PairModel:
    """A model holding only the priors of summed `class_counts` and the stem pairs `links`."""
    positive = sum(c[0] for c in classes.values())
    total = sum(c[1] for c in classes.values())
    default = round((positive + 1) / (total + 2), 3)
    found = {
        kind: round((c[0] + 1) / (c[1] + 2), 3)
        for kind, c in sorted(classes.items())
        if c[1] >= MIN_PAIRS
    }
    found.update(links)
    return PairModel((), 0.0, threshold, dict(sorted(found.items())), default)


def cross_fitted(topics: Sequence[PreparedTopic]) -> tuple[list[Examples], list[PairModel]]:
    """Each topic's examples with the stem pairs and priors of the *other* topics, as merging
    meets a story it was not trained on: a pair of words linked only by this topic's own
    pairs is no candidate, and no prior tells the model the answer it is fit to."""
    links = [link_counts(p) for p in topics]
    found: list[Examples] = []
    linked: list[dict[str, float]] = []
    for n, prepared in enumerate(topics):
        linked.append(stem_links(_summed(c for k, c in enumerate(links) if k != n)))
        found.append(examples(prepared, linked[-1]))
    classes = [class_counts(f) for f in found]
    held = [
        priors(_summed(c for k, c in enumerate(classes) if k != n), linked[n])
        for n in range(len(topics))
    ]
    return found, held


def fit(
    found: Sequence[Examples],
    held: Sequence[PairModel],
    final: PairModel,
    threshold: float = 0.5,
) -> PairModel:
    """Boosted regression trees over the examples `found`, each topic's prior feature read
    from its own cross-fitted priors `held`; the model ships the priors of `final`."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier  # type: ignore[import-untyped]

    xs = np.asarray(
        [
            [*x, prior.prior(kind)]
            for (features, _, kinds), prior in zip(found, held, strict=True)
            for x, kind in zip(features, kinds, strict=True)
        ],
        dtype=np.float64,
    )
    ys = np.asarray([y for _, labels, _ in found for y in labels])
    model = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
    )
    model.fit(xs, ys)
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append(
            Tree.of(
                {
                    "feature": [max(int(f), -1) for f in tree.feature],
                    "cut": [float(c) for c in tree.threshold],
                    "left": [int(n) for n in tree.children_left],
                    "right": [int(n) for n in tree.children_right],
                    "value": [float(v) for v in tree.value[:, 0, 0]],
                }
            )
        )
    bias = float(model._raw_predict_init(xs[:1])[0, 0])
    return PairModel(
        (), bias, threshold, final.priors, final.default, tuple(trees), float(model.learning_rate)
    )


def trained(topics: Sequence[PreparedTopic], threshold: float = 0.5) -> PairModel:
    """The pair model of `topics`: weights fit on cross-fitted examples, priors of them all."""
    found, held = cross_fitted(topics)
    links = stem_links(_summed(link_counts(p) for p in topics))
    final = priors(_summed(class_counts(f) for f in found), links)
    return fit(found, held, final, threshold)


def slice_record(data: Path, links: dict[str, float], *, nlp: Any) -> dict[str, Any]:
    """The drift record (`drift.drift_record`) of the examples of the first `SLICE_TEXTS`
    texts of the first train topic, with the stem pairs `links` (the shipped ones)."""
    topic = split_topics(data, "train")[0]
    docs = read_topic(data, topic, annotated_sentences(data), limit=SLICE_TEXTS)
    features, labels, kinds = examples(prepare_topic(topic, docs, nlp=nlp), links)
    return drift_record(
        f"ECB+ topic {topic}, first {SLICE_TEXTS} texts",
        features,
        labels,
        kinds=kinds,
        names=FEATURES[:-1],
        loose=LOOSE,
    )


def gold_conll(topics: Sequence[PreparedTopic], model: PairModel | None) -> float:
    """CoNLL F1 over every gold mention of `topics`, merged with `model`."""
    key: dict[tuple[str, int], str] = {}
    response: dict[tuple[str, int], str] = {}
    merge = partial(merge_with, model=model)
    for prepared in topics:
        events = [m.event for d in prepared.docs for m in d.mentions]
        for n, (gold, system) in enumerate(
            zip(events, gold_mention_events(prepared, merge), strict=True)
        ):
            key[(str(prepared.topic), n)] = f"{prepared.topic}|{gold}"
            response[(str(prepared.topic), n)] = f"{prepared.topic}|{system}"
    return float(conll(_clusters(key), _clusters(response))["conll_f1"])


def train(data: Path, *, nlp: Any, cache: Path | None) -> dict[str, Any]:
    topics = split_topics(data, "train")
    prepared = list(prepared_topics(data, topics, nlp=nlp, cache=cache))
    folds = [[p for n, p in enumerate(prepared) if n % FOLDS == k] for k in range(FOLDS)]
    by_threshold: dict[float, list[float]] = {t: [] for t in THRESHOLDS}
    held_out: dict[float, dict[tuple[str, int], tuple[str, str]]] = {t: {} for t in THRESHOLDS}
    for k, fold in enumerate(folds):
        inside = {p.topic for p in fold}
        rest = [p for p in prepared if p.topic not in inside]
        fitted = trained(rest)
        for threshold in THRESHOLDS:
            model = replace(fitted, threshold=threshold)
            merge = partial(merge_with, model=model)
            for prepared_topic in fold:
                events = [m.event for d in prepared_topic.docs for m in d.mentions]
                found = gold_mention_events(prepared_topic, merge)
                for n, (gold, system) in enumerate(zip(events, found, strict=True)):
                    held_out[threshold][(str(prepared_topic.topic), n)] = (
                        f"{prepared_topic.topic}|{gold}",
                        f"{prepared_topic.topic}|{system}",
                    )
        print(f"fold {k + 1}/{FOLDS} done", file=sys.stderr)
    for threshold in THRESHOLDS:
        labels = held_out[threshold]
        key = {m: g for m, (g, _) in labels.items()}
        response = {m: s for m, (_, s) in labels.items()}
        scored = conll(_clusters(key), _clusters(response))
        by_threshold[threshold].append(float(scored["conll_f1"]))
    best = max(THRESHOLDS, key=lambda t: (by_threshold[t][0], -t))
    final = trained(prepared, best)
    every, _ = cross_fitted(prepared)
    ys = [y for _, labels, _ in every for y in labels]
    links = {k: v for k, v in final.priors.items() if k.startswith("pair:")}
    return {
        "about": "storyline event merging pair model; see storyline/stages/events/pairs.py",
        "trained_on": "ECB+ train topics " + ",".join(str(t) for t in topics),
        "command": COMMAND,
        "pairs": len(ys),
        "positive": sum(ys),
        "cross_validation": {f"{t:.2f}": round(by_threshold[t][0], 4) for t in THRESHOLDS},
        "train_gold_conll_f1": round(gold_conll(prepared, final), 4),
        "drift_check": slice_record(data, links, nlp=nlp),
        "features": list(FEATURES),
        "bias": final.bias,
        "rate": final.rate,
        "threshold": best,
        "default_prior": final.default,
        "priors": final.priors,
        "trees": [
            {
                "feature": tree.feature.tolist(),
                "cut": tree.cut.tolist(),
                "left": tree.left.tolist(),
                "right": tree.right.tolist(),
                "value": tree.value.tolist(),
            }
            for tree in final.trees
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the ECB+ folder")
    parser.add_argument("--cache", type=Path, help="a folder for the topics' parses")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    from storyline.config import Config
    from storyline.stages.annotate import load_pipeline

    nlp = load_pipeline(Config().model)
    model = train(args.data, nlp=nlp, cache=args.cache)
    text = json.dumps(model, indent=1, sort_keys=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    threshold = model["threshold"]
    score = model["cross_validation"][f"{threshold:.2f}"]
    print(f"wrote {args.output}: threshold {threshold}, cross-validated CoNLL F1 {score}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
