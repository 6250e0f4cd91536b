"""The training of the merge pair model: stem links and priors are cross-fitted, so a topic's
examples never see a link or a prior made from its own pairs (no scikit-learn needed here)."""

from __future__ import annotations

from storyline.evaluation import train_merge


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
