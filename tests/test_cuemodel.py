"""The learned cue detector: its shipped weights, its features and its training."""

from __future__ import annotations

import json
import re

from storyline.evaluation.train_cues import train
from storyline.models.cues import MODEL_PATH, CueModel, cue_model


def test_shipped_model_holds_feature_keys_and_numbers_only() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"] == "PolNeAR train split"
    assert isinstance(data["bias"], float)
    assert data["weights"], "an empty model detects nothing"
    for key, value in data["weights"].items():
        assert isinstance(value, float)
        # "lemma=unleash", "subj_ent=PERSON", "kid=dobj_r", "quote_mark": one word at most
        # after the '='
        assert re.fullmatch(r"[a-z_]+(=\S{1,40})?", key), key
    assert list(data["weights"]) == sorted(data["weights"])


def test_shipped_model_prefers_an_action_by_a_named_person() -> None:
    model = cue_model()
    base = ["tag=VBD", "dep=ROOT", "subj_pos=PROPN", "subj_left", "kid=dobj_r"]
    person = model.probability([*base, "subj_ent=PERSON"])
    nobody = model.probability(["tag=VBD", "dep=ROOT", "subj=none", "kid=dobj_r"])
    assert person > nobody


def test_training_learns_a_separable_rule_and_is_deterministic() -> None:
    rows = [["lemma=announce", "subj_ent=PERSON"]] * 6 + [["lemma=rain", "subj=none"]] * 6
    labels = [1] * 6 + [0] * 6
    first = train(rows, labels, min_count=1)
    assert json.dumps(first) == json.dumps(train(rows, labels, min_count=1))
    model = CueModel(first["weights"], first["bias"])
    assert model.probability(["lemma=announce", "subj_ent=PERSON"]) > 0.8
    assert model.probability(["lemma=rain", "subj=none"]) < 0.2
    assert model.lemmas == frozenset({"announce"})


def test_training_drops_rare_features() -> None:
    rows = [["lemma=vow", "kid=ccomp_r"]] * 3 + [["lemma=once", "kid=ccomp_r"]]
    model = train(rows, [1, 1, 1, 0], min_count=2)
    assert "lemma=once" not in model["weights"]
    assert "lemma=vow" in model["weights"]
