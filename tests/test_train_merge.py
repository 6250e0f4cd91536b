"""The training of the merge pair model: stem links and priors are cross-fitted, so a topic's
examples never see a link or a prior made from its own pairs; the boosted trees it fits are
read at run time as scikit-learn scores them."""

from __future__ import annotations

import pytest

from storyline.evaluation import train_merge
from storyline.stages.events.pairs import FEATURES, PairModel


def test_stem_links_need_enough_pairs_of_one_event() -> None:
    counts = {"pair:a|b": [3, 5], "pair:a|c": [2, 9], "pair:b|c": [4, 4]}
    assert train_merge.stem_links(counts) == {"pair:a|b": round(4 / 7, 3)}


def test_counts_are_summed_key_by_key() -> None:
    summed = train_merge._summed([{"x": [1, 2]}, {"x": [2, 3], "y": [0, 1]}])
    assert summed == {"x": [3, 5], "y": [0, 1]}


def test_priors_keep_classes_with_enough_pairs_and_the_links() -> None:
    model = train_merge.priors({"class:arrest": [4, 8], "class:rare": [1, 2]}, {"pair:a|b": 0.6})
    assert model.priors == {"class:arrest": 0.5, "pair:a|b": 0.6}
    assert model.default == round(6 / 12, 3)
    assert model.prior("class:rare") == model.default  # too few pairs: the default prior
    assert model.prior(None) == 0.0


def test_the_trees_fit_score_as_scikit_learn_does_and_twice_the_same() -> None:
    """Invented examples: one feature tells the label. The shipped trees, read with numpy,
    give scikit-learn's own probabilities, and two fits give the same model."""
    pytest.importorskip("sklearn")
    width = len(FEATURES) - 1  # the prior is added by `fit`
    features: list[list[float]] = []
    labels: list[int] = []
    for n in range(60):
        row = [0.0] * width
        row[0] = (n % 10) / 10
        row[1] = (n % 7) / 7
        features.append(row)
        labels.append(int(row[0] >= 0.5))
    found = [(features, labels, ["class:x"] * len(labels))]
    held = [PairModel((), 0.0, 0.5, {"class:x": 0.4}, 0.1)]
    model = train_merge.fit(found, held, held[0], threshold=0.4)
    again = train_merge.fit(found, held, held[0], threshold=0.4)
    assert model.trees and not model.weights and model.threshold == 0.4
    probabilities = model.probabilities(features, ["class:x"] * len(labels))
    assert probabilities == again.probabilities(features, ["class:x"] * len(labels))
    yes = [p for p, y in zip(probabilities, labels, strict=True) if y]
    no = [p for p, y in zip(probabilities, labels, strict=True) if not y]
    assert min(yes) > 0.5 > max(no)

    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    rows = np.asarray([[*row, 0.4] for row in features])
    reference = GradientBoostingClassifier(
        n_estimators=train_merge.TREES,
        max_depth=train_merge.DEPTH,
        learning_rate=train_merge.RATE,
        random_state=0,
    ).fit(rows, labels)
    expected = reference.predict_proba(rows)[:, 1]
    assert max(abs(a - b) for a, b in zip(probabilities, expected, strict=True)) < 1e-9
