"""PolNeAR attribution scoring and the seed-quote check (`storyline eval polnear|seeds`).

PolNeAR (Newell, Margolin and Ruths 2018) annotates attributions in 2016 US election news as
brat standoff: `T` lines are text-bound spans (`Source`, `Cue`, `Content`, also `Attribution`,
`Discard`, `Discuss`), `E` lines tie one attribution's spans together
(`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`; `Attribution-no-source` has no Source;
a rare second content is `Content2`). A span may be discontinuous: `315 448;463 553`.

Span matching, for each role (content, source, cue) separately, per document:

- a span is the set of characters of its fragments; gold spans are the role's spans of the
  document's attributions, system spans those of our quotes (content = `Quote.full`, source =
  `Speaker.mention`, cue = `Quote.cue`); identical spans count once on each side;
- exact: a gold and a system span cover the same characters once whitespace and the
  punctuation `,.;:` at either end of each fragment are ignored;
- overlap: gold and system spans are paired one-to-one, greedily, the pair sharing the most
  characters first (ties: the earlier gold span, then the earlier system span); a pair needs
  at least one shared non-space character. Each gold or system span is in at most one pair;
- precision = pairs / system spans, recall = pairs / gold spans, F1 their harmonic mean,
  summed over documents (micro average).

`attribution` scores content and source together: an overlap pair of contents whose system
speaker mention overlaps the gold source (or both have none) counts; precision and recall
over all system and gold contents. Documents annotated by several annotators are scored
against the first annotator's file in name order. System quotes starting inside a span that
file marks `Discard` (text the annotators ruled out of the article: editor's notes, author
bios, "read more" lines) are left out, as the gold has no attribution there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.corpora import text_article
from storyline.lexicon import words
from storyline.model import Article, Quote, Span

Fragments = tuple[tuple[int, int], ...]
_EDGE = " \t\r\n,.;:"


@dataclass(frozen=True, slots=True)
class BratAttribution:
    """One gold attribution: its content, source and cue as character fragments."""

    id: str
    content: Fragments
    source: Fragments | None
    cue: Fragments | None


@dataclass(frozen=True, slots=True)
class Counts:
    gold: int
    system: int
    matched: int

    def to_dict(self) -> dict[str, float | int]:
        precision = self.matched / self.system if self.system else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "gold": self.gold,
            "system": self.system,
            "matched": self.matched,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }


def read_brat(path: Path) -> list[BratAttribution]:
    """The attributions of one PolNeAR `.ann` file, in `E` order."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            fragments = tuple(
                (int(a), int(b))
                for a, b in (piece.split() for piece in offsets.split(";") if piece.strip())
            )
            spans[fields[0]] = (label, fragments)
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for argument in fields[1].split():
                role, _, target = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789") or role, []).append(target)
            events.append((fields[0], roles))
    attributions = []
    for event_id, roles in events:
        content = tuple(
            sorted(f for t in roles.get("Content", []) if t in spans for f in spans[t][1])
        )
        if not content:
            continue
        attributions.append(
            BratAttribution(
                event_id,
                content,
                _first(spans, roles.get("Source", [])),
                _first(spans, roles.get("Cue", [])),
            )
        )
    return attributions


def read_discards(path: Path) -> list[tuple[int, int]]:
    """The character fragments of the `Discard` spans of one PolNeAR `.ann` file."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and fields[1].startswith("Discard "):
            for piece in fields[1].partition(" ")[2].split(";"):
                a, b = piece.split()
                found.append((int(a), int(b)))
    return sorted(found)


def outside_discards(quotes: Sequence[Quote], discards: Sequence[tuple[int, int]]) -> list[Quote]:
    """The quotes whose reported words do not start inside a discarded span."""
    return [q for q in quotes if not any(a <= q.full.start < b for a, b in discards)]


def _first(spans: dict[str, tuple[str, Fragments]], targets: Sequence[str]) -> Fragments | None:
    for target in targets:
        if target in spans:
            return spans[target][1]
    return None


def exact_matches(text: str, gold: Sequence[Fragments], system: Sequence[Fragments]) -> int:
    """How many system spans equal a gold span (edge whitespace and `,.;:` ignored)."""
    wanted = {_normal(text, g) for g in set(gold)}
    return sum(1 for s in set(system) if _normal(text, s) in wanted)


def overlap_pairs(
    text: str, gold: Sequence[Fragments], system: Sequence[Fragments]
) -> list[tuple[int, int]]:
    """One-to-one `(gold index, system index)` pairs, most shared characters first.

    Indices are into the deduplicated, sorted lists `sorted(set(gold))` and
    `sorted(set(system))`.
    """
    golds = sorted(set(gold))
    systems = sorted(set(system))
    gold_chars = [_chars(text, g) for g in golds]
    system_chars = [_chars(text, s) for s in systems]
    candidates = []
    for i, g in enumerate(gold_chars):
        for j, s in enumerate(system_chars):
            shared = len(g & s)
            if shared:
                candidates.append((-shared, golds[i], systems[j], i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _chars(text: str, fragments: Fragments) -> set[int]:
    return {i for a, b in fragments for i in range(a, min(b, len(text))) if not text[i].isspace()}


def _normal(text: str, fragments: Fragments) -> Fragments:
    out = []
    for a, b in fragments:
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and text[b - 1] in _EDGE:
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


def score_spans(
    text: str, gold: Sequence[Fragments], system: Sequence[Fragments]
) -> tuple[Counts, Counts]:
    """Exact and overlap counts of one document for one role."""
    n_gold, n_system = len(set(gold)), len(set(system))
    exact = Counts(n_gold, n_system, exact_matches(text, gold, system))
    overlap = Counts(n_gold, n_system, len(overlap_pairs(text, gold, system)))
    return exact, overlap


@dataclass(frozen=True, slots=True)
class _System:
    content: Fragments
    source: Fragments | None
    cue: Fragments | None


def system_attributions(quotes: Sequence[Quote]) -> list[_System]:
    """Our quotes as PolNeAR attributions: the quotes sharing one cue (the parts of a quote
    broken by "he said", or a quote and the implicit one after it) are one attribution whose
    content is their `full` spans, as PolNeAR writes such a content discontinuously."""
    groups: dict[tuple[int, int, int], list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: (q.full.start, q.full.end)):
        key = (quote.cue.start, quote.cue.end, 0) if quote.cue else (quote.full.start, -1, 1)
        groups.setdefault(key, []).append(quote)
    found = []
    for members in groups.values():
        fragments: list[tuple[int, int]] = []
        for quote in members:
            piece = (quote.full.start, quote.full.end)
            if fragments and piece[0] < fragments[-1][1]:
                fragments[-1] = (fragments[-1][0], max(fragments[-1][1], piece[1]))
            elif piece not in fragments:
                fragments.append(piece)
        first = members[0]
        source = first.speaker.mention if first.speaker else None
        found.append(
            _System(
                tuple(fragments),
                ((source.start, source.end),) if source else None,
                ((first.cue.start, first.cue.end),) if first.cue else None,
            )
        )
    return found


def score_document(
    text: str, gold: Sequence[BratAttribution], quotes: Sequence[Quote]
) -> dict[str, Counts]:
    """Counts for one document: `{content,source,cue}_{exact,overlap}` and `attribution`."""
    system = system_attributions(quotes)
    expected: dict[str, list[Fragments]] = {
        "content": [a.content for a in gold],
        "source": [a.source for a in gold if a.source],
        "cue": [a.cue for a in gold if a.cue],
    }
    found: dict[str, list[Fragments]] = {
        "content": [a.content for a in system],
        "source": [a.source for a in system if a.source],
        "cue": [a.cue for a in system if a.cue],
    }
    counts: dict[str, Counts] = {}
    for role in ("content", "source", "cue"):
        exact, overlap = score_spans(text, expected[role], found[role])
        counts[f"{role}_exact"] = exact
        counts[f"{role}_overlap"] = overlap
    counts["attribution"] = _attribution_counts(text, gold, system)
    return counts


def _attribution_counts(
    text: str, gold: Sequence[BratAttribution], system: Sequence[_System]
) -> Counts:
    by_found: dict[Fragments, _System] = {}
    for item in system:
        by_found.setdefault(item.content, item)
    by_content: dict[Fragments, BratAttribution] = {}
    for attribution in gold:
        by_content.setdefault(attribution.content, attribution)
    golds = sorted(by_content)
    systems = sorted(by_found)
    matched = 0
    for i, j in overlap_pairs(text, golds, systems):
        expected = by_content[golds[i]].source
        source = by_found[systems[j]].source
        if expected is None and source is None:
            matched += 1
        elif expected is not None and source is not None:
            matched += bool(_chars(text, expected) & _chars(text, source))
    return Counts(len(golds), len(systems), matched)


def _add(total: dict[str, Counts], counts: dict[str, Counts]) -> None:
    for key, value in counts.items():
        old = total.get(key, Counts(0, 0, 0))
        total[key] = Counts(
            old.gold + value.gold, old.system + value.system, old.matched + value.matched
        )


def polnear_documents(
    directory: Path, split: str = "dev"
) -> list[tuple[str, str, list[BratAttribution]]]:
    """`(name, text, gold attributions)` of every annotated text of a PolNeAR split."""
    root = directory / "polnear" if (directory / "polnear").is_dir() else directory
    text_dir = root / split / "text"
    ann_dir = root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"no PolNeAR {split} split under {root} (need text/, attributions/)"
        )
    documents = []
    for path in sorted(text_dir.glob("*.txt")):
        annotations = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
        if not annotations:
            continue
        text = path.read_bytes().decode("utf-8")
        documents.append((path.stem, text, read_brat(annotations[0])))
    return documents


def _discards(directory: Path, split: str) -> dict[str, list[tuple[int, int]]]:
    """Per text of the split, the `Discard` spans of the file `polnear_documents` scores."""
    root = directory / "polnear" if (directory / "polnear").is_dir() else directory
    found = {}
    for path in sorted((root / split / "text").glob("*.txt")):
        annotations = sorted((root / split / "attributions").glob(f"{path.stem}_*.ann"))
        if annotations:
            found[path.stem] = read_discards(annotations[0])
    return found


def plain_article(name: str, text: str, published: str | None = None) -> Article:
    """An Article whose cleaned text is `text` unchanged, so corpus offsets apply as they are."""
    from storyline.stages.clean import article_id

    return text_article(name, text, article_id=article_id(text), given_date=published)


def score_polnear(
    directory: Path, *, nlp: Any, split: str = "dev", limit: int | None = None
) -> dict[str, Any]:
    """Run `extract_quotes` on a PolNeAR split and score content, source and cue spans.

    `directory` is the PolNeAR folder (holding `dev/`) or its parent; `limit` scores the
    first texts only, in name order. Returns per role the exact and overlap counts with
    precision, recall and F1, where the source overlap F1 is lost (`source_errors`, see
    `document_errors`), and the timings.
    """
    from storyline.stages.annotate import annotate_articles
    from storyline.stages.quotes import extract_quotes

    documents = polnear_documents(Path(directory), split)[:limit]
    articles = [plain_article(name, text) for name, text, _ in documents]
    started = time.perf_counter()
    annotations = annotate_articles(articles, nlp=nlp)
    annotated = time.perf_counter()
    found = [extract_quotes(a, n, nlp=nlp) for a, n in zip(articles, annotations, strict=True)]
    finished = time.perf_counter()
    total: dict[str, Counts] = {}
    errors: dict[str, int] = {}
    discards = _discards(Path(directory), split)
    for (name, text, gold), quotes in zip(documents, found, strict=True):
        kept = outside_discards(quotes, discards.get(name, []))
        _add(total, score_document(text, gold, kept))
        add_errors(errors, document_errors(text, gold, kept))
    scores: dict[str, Any] = {"split": split, "documents": len(documents)}
    scores.update({key: total[key].to_dict() for key in sorted(total)})
    if errors:
        scores["source_errors"] = summarize_errors(errors)
    scores["seconds"] = {
        "annotate": round(annotated - started, 2),
        "quotes": round(finished - annotated, 2),
    }
    return scores


def time_polnear(directory: Path, *, nlp: Any, split: str = "dev") -> dict[str, float]:
    """Seconds for a bare `nlp.pipe` of the split's texts (all components) against
    annotate (parser off) + `extract_quotes`, in the same process."""
    from storyline.stages.annotate import annotate_articles
    from storyline.stages.quotes import extract_quotes

    documents = polnear_documents(Path(directory), split)
    texts = [text for _, text, _ in documents]
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    bare = time.perf_counter() - started
    articles = [plain_article(name, text) for name, text, _ in documents]
    started = time.perf_counter()
    annotations = annotate_articles(articles, nlp=nlp)
    annotated = time.perf_counter() - started
    started = time.perf_counter()
    for article, annotation in zip(articles, annotations, strict=True):
        extract_quotes(article, annotation, nlp=nlp)
    quoting = time.perf_counter() - started
    return {
        "bare_pipe_all_components": round(bare, 2),
        "annotate_parser_off": round(annotated, 2),
        "extract_quotes": round(quoting, 2),
        "ratio_quotes_to_bare_pipe": round(quoting / bare, 3) if bare else 0.0,
    }


# --------------------------------------------------------------------------- errors

# Where the PolNeAR source overlap F1 is lost: the unmatched sources in five buckets.
#
# Each gold source the overlap pairing leaves unmatched, and each system source it leaves
# unmatched, falls in the first bucket that fits:
#
# - `pairing` (the scorer): it shares a character with a source of the other side that the
#   one-to-one pairing gave to another span;
# - `nested` (system only): it lies inside the content of a gold attribution. PolNeAR is
#   univocal (each token in at most one attribution: of the 19,158 distinct gold sources of
#   dev and train one, on train, sits inside an attribution's content), so an attribution
#   reported inside reported words ("X said that Y claimed ...") is never gold there, right
#   or wrong;
# - `wrong_source`: the attribution was found (a system content shares a character with one
#   of the gold source's contents, or the system source's content with a gold content), with
#   another source, or none;
# - `missed` (gold only): no system content touches the attribution: no cue was found;
# - `spurious` (system only): the system content touches no gold content.
#
# For each bucket, `f1_if_fixed` is the source overlap F1 the split would have if that
# bucket's gold sources were all matched and its system sources all gone (a bucket of `g`
# gold and `s` system sources: matched + g, system + g - s). `partial` counts the matched
# pairs whose spans differ beyond whitespace and `,.;:` at the edges (what overlap forgives).

ERROR_BUCKETS = ("pairing", "nested", "wrong_source", "missed", "spurious")


def document_errors(
    text: str, gold: Sequence[BratAttribution], quotes: Sequence[Quote]
) -> dict[str, int]:
    """Where one document loses source overlap F1 (the buckets above): the unmatched gold
    and system sources by bucket (`gold_X`, `system_X`), the pronoun gold sources among
    them (`gold_X_pronoun`), `matched`, `partial`, `gold` and `system`."""
    pronouns = _pronouns()
    system = system_attributions(quotes)
    golds = sorted({a.source for a in gold if a.source})
    systems = sorted({a.source for a in system if a.source})
    pairs = overlap_pairs(text, golds, systems)
    paired_gold = {i for i, _ in pairs}
    paired_system = {j for _, j in pairs}
    gold_chars = [_chars(text, g) for g in golds]
    system_chars = [_chars(text, s) for s in systems]
    system_contents = [_chars(text, a.content) for a in system]
    gold_contents = [_chars(text, a.content) for a in gold]
    counts: dict[str, int] = {
        "gold": len(golds),
        "system": len(systems),
        "matched": len(pairs),
        "partial": sum(1 for i, j in pairs if _normal(text, golds[i]) != _normal(text, systems[j])),
    }
    for i, source in enumerate(golds):
        if i in paired_gold:
            continue
        if any(gold_chars[i] & s for s in system_chars):
            bucket = "pairing"
        else:
            contents: set[int] = set()
            for attribution in gold:
                if attribution.source == source:
                    contents |= _chars(text, attribution.content)
            found = any(contents & c for c in system_contents)
            bucket = "wrong_source" if found else "missed"
        _count_error(counts, f"gold_{bucket}")
        if _fragment_words(text, source) in pronouns:
            _count_error(counts, f"gold_{bucket}_pronoun")
    for j, source in enumerate(systems):
        if j in paired_system:
            continue
        if any(system_chars[j] & g for g in gold_chars):
            bucket = "pairing"
        elif system_chars[j] and any(system_chars[j] <= c for c in gold_contents):
            bucket = "nested"
        else:
            contents = set()
            for item in system:
                if item.source == source:
                    contents |= _chars(text, item.content)
            bucket = "wrong_source" if any(contents & c for c in gold_contents) else "spurious"
        _count_error(counts, f"system_{bucket}")
    return counts


def summarize_errors(counts: dict[str, int]) -> dict[str, Any]:
    """Split totals as buckets with their gold and system counts and `f1_if_fixed`."""
    gold, system, matched = counts["gold"], counts["system"], counts["matched"]
    out: dict[str, Any] = {"f1": _f1(matched, gold, system), "partial": counts["partial"]}
    for bucket in ERROR_BUCKETS:
        g = counts.get(f"gold_{bucket}", 0)
        s = counts.get(f"system_{bucket}", 0)
        out[bucket] = {
            "gold": g,
            "gold_pronoun": counts.get(f"gold_{bucket}_pronoun", 0),
            "system": s,
            "f1_if_fixed": _f1(matched + g, gold, system + g - s),
        }
    return out


def add_errors(total: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def _f1(matched: int, gold: int, system: int) -> float:
    return round(2 * matched / (gold + system), 4) if gold + system else 0.0


def _count_error(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def _fragment_words(text: str, fragments: Fragments) -> str:
    return " ".join(text[a:b] for a, b in fragments).strip().lower()


def _pronouns() -> frozenset[str]:
    return frozenset(words("quotes", "source_pronouns"))


# --------------------------------------------------------------------------- seeds


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """
    a an the of in at for and to on by from with s unnamed unidentified said its his her
    their
    """
)


def speaker_matches(name: str, gold: str) -> bool:
    """Whether our speaker name and a gold speaker description share a content word
    ("Vuving" ~ "Alexander Vuving", "Experts" ~ "unnamed experts")."""
    return bool(_content_words(name) & _content_words(gold))


def _content_words(text: str) -> set[str]:
    import re

    words = {w.casefold() for w in re.findall(r"[^\W_]+", text)}
    singular = {w[:-1] for w in words if w.endswith("s") and len(w) > 3}
    return (words | singular) - _STOP


def _to_clean(article: Article, raw_start: int, raw_end: int) -> tuple[int, int] | None:
    start = end = None
    for segment in article.segments:
        low, high = segment.raw_start, segment.raw_start + segment.length
        if start is None and low <= raw_start < high:
            start = segment.start + raw_start - low
        if low < raw_end <= high:
            end = segment.start + raw_end - low
    if start is None or end is None or end <= start:
        return None
    return start, end


def _covers(quote: Quote, start: int, end: int) -> bool:
    """The quote's words cover at least half of the gold span."""
    shared = min(end, quote.span.end) - max(start, quote.span.start)
    return shared * 2 >= end - start


def score_seed_quotes(shared: Path, *, nlp: Any) -> dict[str, Any]:
    """The seed articles' gold quotes against `extract_quotes` after real ingest and clean.

    Per seed and in total: direct quotes found with the gold speaker, indirect and mixed
    quotes found with the right speaker (a quote covering at least half the gold words), the
    quotes whose speaker is someone else (`wrong_speaker`), and the cross-article merge:
    gold quotes carried by two seeds, and the quotes `merge_quotes` put together.
    Optional gold quotes are left out.
    """
    from storyline.stages import annotate, entities, ingest
    from storyline.stages.clean import clean_document
    from storyline.stages.quotes import extract_quotes, merge_quotes

    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    documents = ingest.ingest([shared / "seeds"], max_bytes=5_000_000).documents
    articles = [clean_document(d) for d in documents]
    annotations = annotate.annotate_articles(articles, nlp=nlp)
    people = entities.resolve_entities(articles, annotations)
    per_seed: dict[str, Any] = {}
    totals = {k: [0, 0] for k in ("direct", "indirect", "mixed")}
    wrong: list[dict[str, str]] = []
    all_quotes: list[Quote] = []
    for article, annotation in zip(articles, annotations, strict=True):
        key = Path(article.path).stem
        quotes = extract_quotes(article, annotation, nlp=nlp, entities=people)
        all_quotes.extend(quotes)
        seed = {k: [0, 0] for k in ("direct", "indirect", "mixed")}
        misses = []
        for item in gold[key]["quotes"]:
            if item.get("optional"):
                continue
            kind = item["kind"]
            span = _to_clean(article, item["start"], item["end"])
            seed[kind][1] += 1
            hits = [q for q in quotes if span and _covers(q, *span)]
            right = [
                q
                for q in hits
                if q.speaker and q.speaker.name and speaker_matches(q.speaker.name, item["speaker"])
            ]
            seed[kind][0] += bool(right)
            if not right:
                misses.append({"kind": kind, "text": item["text"][:80], "gold": item["speaker"]})
            for q in hits:
                if q.speaker and q.speaker.name and q not in right:
                    wrong.append(
                        {
                            "seed": key,
                            "text": q.span.text[:80],
                            "speaker": q.speaker.name,
                            "gold": item["speaker"],
                        }
                    )
        for kind, (hit, count) in seed.items():
            totals[kind][0] += hit
            totals[kind][1] += count
        per_seed[key] = {
            **{kind: {"found": h, "gold": n} for kind, (h, n) in seed.items()},
            "quotes": len(quotes),
            "misses": misses,
        }
    merged = merge_quotes(all_quotes)
    return {
        **{
            kind: {"found": h, "gold": n, "share": round(h / n, 4) if n else 1.0}
            for kind, (h, n) in totals.items()
        },
        "wrong_speaker": wrong,
        "merge": {
            "gold_shared_quotes": _gold_shared(gold),
            "merged_groups": [
                {"text": q.span.text[:80], "also_in": len(q.also_in)} for q in merged if q.also_in
            ],
        },
        "seeds": per_seed,
    }


def _gold_shared(gold: dict[str, Any]) -> int:
    """Gold quotes of different seeds with the same words (how `merge_quotes` groups them)."""
    from rapidfuzz import fuzz

    from storyline.stages.quotes import _merge_key, _same_words

    items = [(k, _merge_key(q["text"])) for k, d in gold.items() for q in d["quotes"]]
    return sum(
        1
        for i, (k, a) in enumerate(items)
        for k2, b in items[i + 1 :]
        if k != k2 and _same_words(a, b, 90.0, fuzz)
    )


def spans_to_fragments(spans: Iterable[Span]) -> list[Fragments]:
    return [((s.start, s.end),) for s in spans]
