"""Compose the stages into a build, and check that each stage's needs are met before it runs.

ingest -> clean -> annotate -> published -> timex -> entities -> quotes -> events. Each stage module
declares `REQUIRES` and `ASSIGNS`; `check_order` refuses an order in which a stage needs
something no earlier stage provides. Annotations (the costly part) are cached per article in
the store, keyed by the article's content id and the config fingerprint, so re-running a build
changes nothing and adding one article annotates only that article. Quotes and events parse
their candidate sentences on every build, each sentence once (a shared parse cache).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from storyline.config import Config
from storyline.errors import NothingToBuildError, PipelineOrderError
from storyline.model import (
    Annotation,
    Article,
    ArticleTimex,
    Dossier,
    Entity,
    Event,
    InputReport,
    Quote,
)
from storyline.stages import annotate, clean, entities, events, ingest, published, quotes, timex
from storyline.stages.annotate import ParseCache
from storyline.store.duckdb import Store

STAGES: tuple[ModuleType, ...] = (
    ingest,
    clean,
    annotate,
    published,
    timex,
    entities,
    quotes,
    events,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    dossier: Dossier
    annotated: int
    cached: int


def check_order(stages: Sequence[ModuleType]) -> None:
    """Raise `PipelineOrderError` if a stage requires what no earlier stage assigns."""
    provided: set[str] = set()
    for stage in stages:
        missing = [need for need in stage.REQUIRES if need not in provided]
        if missing:
            raise PipelineOrderError(stage.__name__.rsplit(".", 1)[-1], missing)
        provided.update(stage.ASSIGNS)


def build(
    paths: Iterable[str | Path],
    *,
    config: Config,
    store: Store | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Run every stage over `paths`; account for every input in `dossier.inputs`."""
    check_order(STAGES)
    ingested = ingest.ingest(paths, max_bytes=config.max_bytes)
    reports = [InputReport(s.path, "skipped", reason=s.reason) for s in ingested.skips]
    articles: list[Article] = []
    first_path: dict[str, str] = {}
    for document in ingested.documents:
        article = clean.clean_document(document)
        if article.id in first_path:
            reports.append(
                InputReport(
                    document.path, "duplicate", article.id, f"same text as {first_path[article.id]}"
                )
            )
            continue
        first_path[article.id] = document.path
        articles.append(article)
    if not articles:
        raise NothingToBuildError(len(reports))

    fingerprint = config.fingerprint()
    cached = store.load_annotations([a.id for a in articles], fingerprint) if store else {}
    todo = [a for a in articles if a.analysed and a.id not in cached]
    fresh = _annotate(todo, config=config, progress=progress)
    if store and fresh:
        store.save_annotations(fresh, fingerprint)
    annotations = {**cached, **{a.article: a for a in fresh}}
    ordered = [annotations[a.id] for a in articles if a.id in annotations]
    # Whether an annotation came from the cache is a property of this run, not of the
    # dossier: it is reported in BuildResult, so a rebuild gives byte-identical output.
    reports.extend(InputReport(a.path, "processed", a.id) for a in articles)

    dated = published.infer_story_dates(articles, ordered)
    times = timex.extract_timexes(dated, ordered)
    found = entities.resolve_entities(dated, ordered)
    parses: ParseCache = {}
    said = _quotes(dated, annotations, found, config=config, parses=parses)
    happened = _events(dated, annotations, found, times, config=config, parses=parses)
    dossier = Dossier(
        articles=tuple(sorted(dated, key=lambda a: (a.path, a.id))),
        entities=tuple(found),
        quotes=tuple(said),
        timexes=tuple(times),
        events=tuple(happened),
        timeline=tuple(events.timeline(happened)),
        inputs=tuple(sorted(reports, key=lambda r: (r.path, r.status))),
    )
    if store:
        store.write_dossier(dossier)
    return BuildResult(dossier, annotated=len(fresh), cached=len(cached))


def _quotes(
    articles: Sequence[Article],
    annotations: dict[str, Annotation],
    found: Sequence[Entity],
    *,
    config: Config,
    parses: ParseCache,
) -> list[Quote]:
    """Quotes of every analysed article, the same words in several articles merged."""
    todo = [a for a in articles if a.analysed and a.id in annotations]
    if not todo:
        return []
    # Quotes parse their candidate sentences, so the model is needed even on a cached build.
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    extracted = [
        q
        for article in todo
        for q in quotes.extract_quotes(
            article, annotations[article.id], nlp=nlp, entities=found, parses=parses
        )
    ]
    return quotes.merge_quotes(extracted)


def _events(
    articles: Sequence[Article],
    annotations: dict[str, Annotation],
    found: Sequence[Entity],
    times: Sequence[ArticleTimex],
    *,
    config: Config,
    parses: ParseCache,
) -> list[Event]:
    """Events of every analysed article, merged across articles."""
    todo = [a for a in articles if a.analysed and a.id in annotations]
    if not todo:
        return []
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    by_article: dict[str, list[ArticleTimex]] = {}
    for t in times:
        by_article.setdefault(t.article, []).append(t)
    mentions = [
        m
        for article in todo
        for m in events.extract_events(
            article,
            annotations[article.id],
            nlp=nlp,
            entities=found,
            timexes=by_article.get(article.id, ()),
            parses=parses,
        )
    ]
    return events.merge_events(mentions, events.places(found))


def _annotate(
    articles: list[Article], *, config: Config, progress: Progress | None
) -> list[Annotation]:
    if not articles:
        return []
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    results: list[Annotation] = []
    step = max(config.batch_size * config.workers, 1)
    for start in range(0, len(articles), step):
        batch = articles[start : start + step]
        results.extend(
            annotate.annotate_articles(
                batch, nlp=nlp, batch_size=config.batch_size, workers=config.workers
            )
        )
        if progress:
            progress(len(results), len(articles))
    return results
