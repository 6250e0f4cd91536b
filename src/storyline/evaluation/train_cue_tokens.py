"""Training of the contextual cue detector (`storyline.models.cue_tokens`) on PolNeAR train.

`python -m storyline.evaluation.train_cue_tokens POLNEAR_DIR [OUT]` rewrites
`cue_token_model.json` (deterministic: same corpus, same file). The examples are the
tokens `stages.quotes.detector` asks about (the verbs, nouns and adjectives of the parsed
sentences that the rules and the lemma detector leave alone and that the rules can make an
attribution of) in the train texts from the 301st on, in name order; a token is positive
when it lies inside a gold cue whose gold source holds our speaker's token. The first
`HELD_OUT` train texts are left out, so that `storyline eval polnear --split train --limit
300` scores the detector on texts it was not fit on.

The model is an L2 logistic regression (scikit-learn's lbfgs, at training time only) over
the standardised tok2vec rows and the parse keys seen in at least `MIN_COUNT` examples; its
threshold is the lowest whose precision, cross-fitted over two halves of the training
texts, reaches `PRECISION`: each attribution it adds must be a real one about as often as
those the rules find.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.evaluation.train_cues import HELD_OUT
from storyline.models.cue_tokens import TOKEN_MODEL_PATH

# Keys seen in fewer examples are dropped.
MIN_COUNT = 5
# The inverse L2 penalty (scikit-learn's C).
C = 0.05
# The precision the threshold must reach on the held-back half.
PRECISION = 0.45


def candidate_rows(
    documents: Sequence[tuple[str, str, Sequence[Any]]],
    articles: Sequence[Any],
    annotations: Sequence[Any],
    *,
    nlp: Any,
    parses: dict[Any, Any],
    rows: dict[Any, Any] | None = None,
) -> tuple[list[Any], list[list[str]], list[int], list[int]]:
    """The detector's examples: dense rows, keys, labels and the position of the text each
    came from."""
    from storyline.stages.quotes.cues import _attributions
    from storyline.stages.quotes.detector import _candidates
    from storyline.stages.quotes.extract import _context

    dense: list[Any] = []
    keys: list[list[str]] = []
    labels: list[int] = []
    origin: list[int] = []
    for position, ((_, _text, gold), article, annotation) in enumerate(
        zip(documents, articles, annotations, strict=True)
    ):
        found = _context(article, annotation, nlp=nlp, parses=parses, rows=rows)
        if found is None:
            continue
        ctx, vectors = found
        pairs = [(a.cue, a.source) for a in gold if a.cue and a.source]
        tokens = ctx.annotation.tokens
        for index, attribution, vector, features in _candidates(ctx, _attributions(ctx), vectors):
            start = tokens[index].start
            assert attribution.subject is not None
            speaker = tokens[attribution.subject].start
            label = any(
                any(a <= start < b for a, b in cue) and any(a <= speaker < b for a, b in source)
                for cue, source in pairs
            )
            dense.append(vector)
            keys.append(features)
            labels.append(int(label))
            origin.append(position)
    return dense, keys, labels, origin


def _design(dense: Sequence[Any], keys: Sequence[Sequence[str]], columns: Sequence[str]) -> Any:
    import numpy as np
    from scipy import sparse

    column = {k: i for i, k in enumerate(columns)}
    cells = [(r, column[k]) for r, row in enumerate(keys) for k in sorted(set(row)) if k in column]
    onehot = sparse.csr_matrix(
        (np.ones(len(cells)), ([r for r, _ in cells], [c for _, c in cells])),
        shape=(len(keys), len(columns)),
    )
    return sparse.hstack([sparse.csr_matrix(np.asarray(dense)), onehot]).tocsr()


def fit(dense: Sequence[Any], keys: Sequence[Sequence[str]], labels: Sequence[int]) -> Any:
    """The fitted parts: mean, scale, dense weights, keyed weights, bias."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    matrix = np.asarray(dense, dtype=np.float64)
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale == 0] = 1.0
    counts = Counter(k for row in keys for k in set(row))
    columns = sorted(k for k, n in counts.items() if n >= MIN_COUNT)
    design = _design((matrix - mean) / scale, keys, columns)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(design, np.asarray(labels))
    weights = model.coef_[0]
    width = matrix.shape[1]
    return (
        mean,
        scale,
        weights[:width],
        dict(zip(columns, weights[width:].tolist(), strict=True)),
        float(model.intercept_[0]),
    )


def _scores(parts: Any, dense: Sequence[Any], keys: Sequence[Sequence[str]]) -> Any:
    import numpy as np

    mean, scale, vector, weights, bias = parts
    matrix = (np.asarray(dense, dtype=np.float64) - mean) / scale
    score = matrix @ vector + bias
    score += np.asarray([sum(weights.get(k, 0.0) for k in sorted(set(row))) for row in keys])
    return 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0)))


def threshold(
    dense: Sequence[Any],
    keys: Sequence[Sequence[str]],
    labels: Sequence[int],
    origin: Sequence[int],
) -> float:
    """The lowest threshold (in hundredths) whose precision over both halves of the texts,
    each scored by a model fit on the other, reaches `PRECISION`."""
    import numpy as np

    halves = [np.asarray([o % 2 == h for o in origin]) for h in (0, 1)]
    probability = np.zeros(len(labels))
    y = np.asarray(labels)
    for fit_half, score_half in ((halves[0], halves[1]), (halves[1], halves[0])):
        fitted = fit(
            [d for d, keep in zip(dense, fit_half, strict=True) if keep],
            [k for k, keep in zip(keys, fit_half, strict=True) if keep],
            y[fit_half].tolist(),
        )
        probability[score_half] = _scores(
            fitted,
            [d for d, keep in zip(dense, score_half, strict=True) if keep],
            [k for k, keep in zip(keys, score_half, strict=True) if keep],
        )
    for cut in range(5, 100):
        chosen = probability >= cut / 100
        if chosen.any() and y[chosen].mean() >= PRECISION:
            return cut / 100
    return 1.0


def model_file(
    dense: Sequence[Any],
    keys: Sequence[Sequence[str]],
    labels: Sequence[int],
    origin: Sequence[int],
) -> dict[str, Any]:
    mean, scale, vector, weights, bias = fit(dense, keys, labels)
    kept = {k: round(v, 4) for k, v in sorted(weights.items()) if round(v, 4)}
    return {
        "about": "storyline contextual cue detector; see storyline/models/cue_tokens.py",
        "trained_on": f"PolNeAR train split, texts {HELD_OUT + 1} and later in name order",
        "examples": len(labels),
        "positives": int(sum(labels)),
        "threshold": threshold(dense, keys, labels, origin),
        "bias": round(bias, 4),
        "mean": [round(float(v), 4) for v in mean],
        "scale": [round(float(v), 4) for v in scale],
        "dense": [round(float(v), 4) for v in vector],
        "weights": kept,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_cue_tokens [POLNEAR_DIR [OUT]]`."""
    from storyline.config import Config
    from storyline.evaluation import polnear
    from storyline.stages.annotate import annotate_articles, load_pipeline

    args = list(sys.argv[1:] if argv is None else argv)
    directory = Path(args[0]) if args else Path("../shared/data/polnear")
    out = Path(args[1]) if len(args) > 1 else TOKEN_MODEL_PATH
    config = Config()
    nlp = load_pipeline(config.model, check=config.check_model)
    documents = polnear.polnear_documents(directory, "train")[HELD_OUT:]
    articles = [polnear.plain_article(name, text) for name, text, _ in documents]
    annotations = annotate_articles(articles, nlp=nlp)
    dense, keys, labels, origin = candidate_rows(
        documents, articles, annotations, nlp=nlp, parses={}, rows={}
    )
    model = model_file(dense, keys, labels, origin)
    out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(
        f"{out}: {model['examples']} tokens, {model['positives']} cues, "
        f"threshold {model['threshold']}, {len(model['weights'])} keyed weights"
    )


if __name__ == "__main__":
    main()
