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


def test_shipped_attribution_check_holds_feature_keys_and_numbers_only() -> None:
    from storyline.evaluation.train_cues import HELD_OUT
    from storyline.models.cues import ATTRIBUTION_MODEL_PATH

    data = json.loads(ATTRIBUTION_MODEL_PATH.read_text(encoding="utf-8"))
    # fit after the held-out texts only, so `eval polnear --split train --limit 300` is fair
    held_out = f"PolNeAR train split, texts {HELD_OUT + 1} and later in name order"
    assert data["trained_on"] == held_out
    assert data["weights"], "an empty model checks nothing"
    for key, value in data["weights"].items():
        assert isinstance(value, float)
        assert re.fullmatch(r"[a-z_]+(=\S{1,40})?", key), key
    assert list(data["weights"]) == sorted(data["weights"])


def test_attribution_check_doubts_a_speaker_inside_quote_marks() -> None:
    from storyline.models.cues import attribution_model

    model = attribution_model()
    base = ["kind=indirect", "implicit=False", "cue_listed", "cue_speech", "spk_before"]
    named = model.probability([*base, "spk_ent=PERSON", "spk_tag=NNP", "cue_p=4"])
    quoted = model.probability([*base, "spk_pron=he", "spk_in_quote", "cue_p=0"])
    assert named > 0.8 > quoted


def test_attribution_check_penalises_rare_features_harder_than_the_detector() -> None:
    from storyline.evaluation.train_cues import ATTRIBUTION_L2

    # a cue lemma seen in five quotes, all on a gold source, beside a common feature
    rows = [["cue_lemma=grill", "kind=indirect"]] * 5 + [["kind=indirect"]] * 45
    labels = [1] * 5 + [1, 0] * 22 + [1]
    loose = train(rows, labels)["weights"]["cue_lemma=grill"]
    strict = train(rows, labels, l2=ATTRIBUTION_L2)["weights"]["cue_lemma=grill"]
    assert ATTRIBUTION_L2 > 1.0
    assert 0 < strict < loose


def test_a_lemma_with_no_weight_is_judged_by_its_frame() -> None:
    # "recapitulate" was too rare in the training texts to keep a weight of its own: the
    # detector still looks at it (its frame decides); a lemma it learned against it does not
    model = CueModel({"lemma=announce": 1.2, "lemma=rain": -2.0, "kid=ccomp_r": 0.9}, -1.0)
    assert model.may_be_cue("announce")
    assert model.may_be_cue("recapitulate")
    assert not model.may_be_cue("rain")
    assert model.lemmas == frozenset({"announce"})
