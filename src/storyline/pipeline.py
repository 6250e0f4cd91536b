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
    said, happened = _quotes_and_events(dated, annotations, found, times, config=config)
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


def _quotes_and_events(
    articles: Sequence[Article],
    annotations: dict[str, Annotation],
    found: Sequence[Entity],
    times: Sequence[ArticleTimex],
    *,
    config: Config,
) -> tuple[list[Quote], list[Event]]:
    """Quotes and events of every analysed article, each merged across articles.

    Both parse their candidate sentences, so the model is needed even on a cached build; one
    parse cache means a sentence both stages want is parsed once.
    """
    todo = [a for a in articles if a.analysed and a.id in annotations]
    if not todo:
        return [], []
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    parses: ParseCache = {}
    said: list[Quote] = []
    for article in todo:
        said += quotes.extract_quotes(
            article, annotations[article.id], nlp=nlp, entities=found, parses=parses
        )
    todo_annotations = [annotations[a.id] for a in todo]
    mentions = [
        m
        for found_in in events.extract_all(
            todo, todo_annotations, nlp=nlp, entities=found, timexes=times, parses=parses
        )
        for m in found_in
    ]
    return quotes.merge_quotes(said), events.merge_events(
        mentions, events.places(found), events.memberships(found)
    )


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
