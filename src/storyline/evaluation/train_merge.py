"""Training of the pair model of event merging (`storyline.stages.events.pairs`) on the ECB+
TRAIN topics.

    python -m storyline.evaluation.train_merge ../shared/data/ecbplus [--cache DIR]

Each train topic is run through the stages up to the events' extraction as one story, and its
gold action mentions are read as the stage reads its own triggers (`events.given`). Every
candidate pair merging would compare (`merge.candidate_pairs`: one merge class or one trigger
stem) is an example, positive when the two mentions belong to one gold event. A logistic
regression (scikit-learn, fixed settings, so the same corpus gives the same file) is fit on
them. The threshold is chosen by cross-validation over the train topics: five folds of
topics, each scored (CoNLL F1 of the clustering over every gold mention, pooled) with the
model fit on the other four, for every threshold of a grid; the best pooled threshold is
kept. The dev topics are never read. Writes `storyline/models/merge_model.json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from storyline.evaluation.coref import conll
from storyline.evaluation.ecbplus import (
    PreparedTopic,
    _clusters,
    gold_mention_events,
    prepared_topics,
    split_topics,
)
from storyline.stages.events.merge import candidate_pairs, merge_with, order_key
from storyline.stages.events.pairs import FEATURES, MODEL_PATH, PairModel, stem

FOLDS = 5
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
C = 1.0


Examples = tuple[list[list[float]], list[int], list[str | None]]
MIN_PAIRS = 5  # a merge class needs this many training pairs for a prior of its own
MIN_LINKED = 3  # two stems are linked with this many pairs of one event among their pairs


def stem_links(topics: Sequence[PreparedTopic]) -> dict[str, float]:
    """Pairs of different trigger stems ("pair:x|y") with the share of their mention pairs
    in one topic that are one event, where at least `MIN_LINKED` are."""
    counts: dict[str, list[int]] = {}
    for prepared in topics:
        events = [m.event for d in prepared.docs for m in d.mentions]
        kept = [(stem(m.trigger.text), e) for m, e in zip(prepared.given, events, strict=True) if m]
        for n, (x, e) in enumerate(kept):
            for y, f in kept[n + 1 :]:
                if x != y:
                    key = "pair:" + "|".join(sorted((x, y)))
                    counts.setdefault(key, [0, 0])
                    counts[key][0] += int(e == f and not e.startswith("single:"))
                    counts[key][1] += 1
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


def fit(found: Sequence[Examples], links: dict[str, float], threshold: float = 0.5) -> PairModel:
    """The logistic regression and the class priors of the examples `found`."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    counts: dict[str, list[int]] = {}
    for _, labels, kinds in found:
        for label, kind in zip(labels, kinds, strict=True):
            if kind is not None and kind.startswith("class:"):
                counts.setdefault(kind, [0, 0])
                counts[kind][0] += label
                counts[kind][1] += 1
    positive = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    default = round((positive + 1) / (total + 2), 3)
    priors = {
        kind: round((c[0] + 1) / (c[1] + 2), 3)
        for kind, c in sorted(counts.items())
        if c[1] >= MIN_PAIRS
    }
    priors.update(links)
    priors = dict(sorted(priors.items()))
    prior = PairModel((), 0.0, threshold, priors, default)
    xs = [
        [*x, prior.prior(kind)]
        for features, _, kinds in found
        for x, kind in zip(features, kinds, strict=True)
    ]
    ys = [y for _, labels, _ in found for y in labels]
    model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    model.fit(xs, ys)
    weights = tuple(round(float(w), 6) for w in model.coef_[0])
    return PairModel(weights, round(float(model.intercept_[0]), 6), threshold, priors, default)


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
        links = stem_links(rest)
        fitted = fit([examples(p, links) for p in rest], links)
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
    links = stem_links(prepared)
    every = [examples(p, links) for p in prepared]
    final = fit(every, links, best)
    ys = [y for _, labels, _ in every for y in labels]
    return {
        "about": "storyline event merging pair model; see storyline/stages/events/pairs.py",
        "trained_on": "ECB+ train topics " + ",".join(str(t) for t in topics),
        "command": "python -m storyline.evaluation.train_merge ../shared/data/ecbplus",
        "pairs": len(ys),
        "positive": sum(ys),
        "cross_validation": {f"{t:.2f}": round(by_threshold[t][0], 4) for t in THRESHOLDS},
        "train_gold_conll_f1": round(gold_conll(prepared, final), 4),
        "features": list(FEATURES),
        "weights": dict(zip(FEATURES, final.weights, strict=True)),
        "bias": final.bias,
        "threshold": best,
        "default_prior": final.default,
        "priors": final.priors,
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
