"""Run the stages from their declarations.

ingest -> clean -> annotate -> published -> timex -> entities -> quotes -> events -> copies ->
compare -> summary.
Each stage module declares `REQUIRES` and `ASSIGNS` (the names of what it reads and what it
adds to a run); `STAGES` pairs those declarations with the step that calls the stage, and `run`
executes them in order over a `State` (a dict from those names to the records made so far),
refusing an order whose needs are unmet. `build` is `run` from input paths to the end plus the
`Dossier`; the scorers and the tests call `run(articles, until=...)`, so they score the wiring
the product runs.

Annotations (the costly part) are cached per article in an `AnnotationCache` (the DuckDB store
is one), keyed by the article's content id and the config fingerprint, so re-running a build
changes nothing and adding one article annotates only that article. Quotes and events parse
their candidate sentences once per run (one parse cache per run, kept in the store too). A
cache that is also an `incremental.ResultCache` (the store) keeps each document's cleaned
article, each article's event mentions and, in `build_stories`, each story's dossier, so a
rebuild with one more article redoes that article's work and the stages of its story alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from storyline import incremental
from storyline.config import Config
from storyline.errors import NothingToBuildError, PipelineOrderError
from storyline.model import (
    Annotation,
    Article,
    ArticleTimex,
    Document,
    Dossier,
    Entity,
    EventMention,
    InputReport,
    Skip,
)
from storyline.stages import (
    annotate,
    clean,
    compare,
    copies,
    entities,
    events,
    glance,
    ingest,
    prepare,
    published,
    quotes,
    stories,
    timex,
)
from storyline.stages.annotate import ParseCache, SentenceRows
from storyline.stages.events.extract import DetectorCache

Progress = Callable[[int, int], None]
# What a run has made so far, by the names the stages declare: "documents", "articles",
# "annotations" (article id -> Annotation), "published", "timexes", "entities", "quotes",
# "event_mentions" (each analysed article's unmerged event mentions), "events", "timeline",
# "copies" (syndicated copies and their originals), "salience" (event id -> Salience),
# "summary" (the cited summary's sentences), "comparisons" (where sources agree and differ),
# and "inputs" (the account of every input).
State = dict[str, Any]


class AnnotationCache(Protocol):
    """Where annotations and sentence parses outlive a run (the DuckDB store implements it)."""

    def load_annotations(self, ids: Iterable[str], fingerprint: str) -> dict[str, Annotation]:
        """The cached annotations of these article ids, for this config."""
        ...

    def save_annotations(self, annotations: Iterable[Annotation], fingerprint: str) -> None:
        """Keep these annotations for later runs with this config."""
        ...

    def load_parses(self, ids: Iterable[str], fingerprint: str) -> ParseCache:
        """The cached sentence parses of these article ids, for this config."""
        ...

    def save_parses(self, parses: ParseCache, fingerprint: str) -> None:
        """Keep these articles' sentence parses (all of each article's) for later runs."""
        ...


@dataclass
class Context:
    """What the steps of one run share: the config, the cache, the spaCy pipeline (loaded on
    first use), the parse cache (a sentence two stages parse is parsed once) and the time
    expressions detected in each article (detected once, anchored by two stages)."""

    config: Config
    cache: AnnotationCache | None = None
    progress: Progress | None = None
    nlp: Any = None
    parses: ParseCache = field(default_factory=dict)
    # the tok2vec rows of the sentences quotes and events parse in this run (in memory only):
    # the events stage's trigger vectors read them instead of running tok2vec again
    rows: SentenceRows = field(default_factory=dict)
    # the event detector's words of the articles whose sentences were chosen ahead
    event_words: DetectorCache = field(default_factory=dict)
    # the parses that came from the cache (only new ones are saved at the end of the run)
    parsed_before: frozenset[tuple[str, int, int]] = frozenset()
    annotated: int = 0
    cached: int = 0
    # articles whose event mentions were extracted (not taken from the store) in this run
    extracted: int = 0
    detections: dict[str, timex.Detections] | None = None
    # CPU seconds each stage took in this run (time.process_time), for `make bench`
    seconds: dict[str, float] = field(default_factory=dict)

    def time_detections(
        self, articles: Sequence[Article], annotations: Sequence[Annotation]
    ) -> dict[str, timex.Detections]:
        """Every article's time expressions, detected once per run: publication-date
        inference and the timex stage anchor the same detections (they depend on the text
        and its tags, which no stage changes)."""
        if self.detections is None:
            self.detections = {}
        # an article detected by an earlier run over the pile (`build_stories`) is kept
        missing = [a for a in articles if a.id not in self.detections]
        if missing:
            self.detections.update(_detect(missing, annotations, self))
        return self.detections

    @property
    def results(self) -> incremental.ResultCache | None:
        """The cache, when it also keeps per-article results and dossiers (the store does)."""
        return self.cache if isinstance(self.cache, incremental.ResultCache) else None

    def pipeline(self) -> Any:
        if self.nlp is None:
            self.nlp = annotate.load_pipeline(self.config.model, check=self.config.check_model)
        return self.nlp


Step = Callable[[State, Context], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage as the pipeline runs it: its declarations and the step that calls it."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    step: Step


def _ingest(state: State, ctx: Context) -> State:
    ingested = ingest.ingest(state["paths"], max_bytes=ctx.config.max_bytes)
    reports = [InputReport(s.path, "skipped", reason=s.reason) for s in ingested.skips]
    return {"documents": ingested.documents, "inputs": reports}


def _clean(state: State, ctx: Context) -> State:
    # a document cleaned by an earlier build is taken from the store (cleaning runs language
    # identification, whose model takes seconds to load)
    kept = ctx.results
    fingerprint = ctx.config.fingerprint()
    documents: list[Document] = state["documents"]
    keys = [incremental.document_key(d) for d in documents] if kept else []
    known = kept.load_cleaned(keys, fingerprint) if kept else {}
    fresh: dict[str, Article] = {}
    cleaned: list[tuple[str, Article | Skip]] = []
    for n, document in enumerate(documents):
        article: Article | Skip | None = known.get(keys[n]) if kept else None
        if article is None:
            article = clean.clean_or_skip(document)
            if kept and not isinstance(article, Skip):
                fresh[keys[n]] = article
        cleaned.append((document.path, _carry(document, article)))
    if kept and fresh:
        kept.save_cleaned(fresh, fingerprint)
    return account_articles(cleaned, state.get("inputs", []))


def clean_one(document: Document) -> Article | Skip:
    """The clean stage for one document: its article, carrying what ingest found beyond the
    text (bylines, other metadata, its notes), or a Skip. The Spark engine calls it per
    document on the executors."""
    return _carry(document, clean.clean_or_skip(document))


def _carry(document: Document, article: Article | Skip) -> Article | Skip:
    """The cleaned article with what ingest found beyond the text (a Skip as it is)."""
    if isinstance(article, Skip):
        return article
    authors = document.authors or _byline_authors(article)
    return replace(
        article,
        authors=authors,
        meta=document.meta,
        notes=(*document.notes, *article.notes),
    )


def _byline_authors(article: Article) -> tuple[str, ...]:
    """The names of the byline lines cleaning dropped ("By Jane Roe, Europe correspondent"),
    in order, for an input that gave no authors."""
    names: list[str] = []
    for dropped in article.dropped:
        if dropped.reason == "byline":
            names.extend(n for n in clean.byline_names(dropped.text) if n not in names)
    return tuple(names)


def account_articles(
    cleaned: Iterable[tuple[str, Article | Skip]], inputs: Iterable[InputReport] = ()
) -> State:
    """The run's articles from each document's path and cleaned article (in input order):
    a skip and an exact duplicate of an earlier article are accounted for, not kept."""
    reports: list[InputReport] = list(inputs)
    articles: list[Article] = []
    first_path: dict[str, str] = {}
    for path, article in cleaned:
        if isinstance(article, Skip):
            reports.append(InputReport(article.path, "skipped", reason=article.reason))
            continue
        if article.id in first_path:
            reports.append(
                InputReport(path, "duplicate", article.id, f"same text as {first_path[article.id]}")
            )
            continue
        first_path[article.id] = path
        articles.append(article)
    if not articles:
        raise NothingToBuildError(len(reports), reports)
    reports.extend(InputReport(a.path, "processed", a.id) for a in articles)
    return {"articles": articles, "inputs": reports}


def _annotate(state: State, ctx: Context) -> State:
    articles: list[Article] = state["articles"]
    fingerprint = ctx.config.fingerprint()
    ids = [a.id for a in articles]
    cached = ctx.cache.load_annotations(ids, fingerprint) if ctx.cache else {}
    todo = [a for a in articles if a.analysed and a.id not in cached]
    fresh: list[Annotation] = []
    ahead = prepare.Prepared()
    if todo and ctx.config.workers > 1 and len(todo) > 1:
        # worker processes annotate and parse what quotes and events will parse (stages/prepare)
        ahead = prepare.prepare_articles(
            todo,
            nlp=ctx.pipeline(),
            batch_size=ctx.config.batch_size,
            workers=ctx.config.workers,
            progress=ctx.progress,
        )
        fresh = ahead.annotations
    elif todo:
        nlp = ctx.pipeline()
        step = max(ctx.config.batch_size, 1)
        for start in range(0, len(todo), step):
            fresh.extend(
                annotate.annotate_articles(
                    todo[start : start + step], nlp=nlp, batch_size=ctx.config.batch_size
                )
            )
            if ctx.progress:
                ctx.progress(len(fresh), len(todo))
    if ctx.cache and fresh:
        ctx.cache.save_annotations(fresh, fingerprint)
    if ctx.cache and cached:
        # a cached article's sentences that stages parsed in an earlier run are not parsed again
        ctx.parses.update(ctx.cache.load_parses(sorted(cached), fingerprint))
        ctx.parsed_before = frozenset(ctx.parses)
    ctx.parses.update(ahead.parses)  # parsed in this run: saved at its end
    ctx.rows.update(ahead.rows)
    ctx.event_words.update(ahead.event_words)
    ctx.annotated, ctx.cached = len(fresh), len(cached)
    return {"annotations": {**cached, **{a.article: a for a in fresh}}}


def _annotations(state: State) -> list[Annotation]:
    """The annotations of the run's articles, in article order (articles in another language
    have none)."""
    annotations: dict[str, Annotation] = state["annotations"]
    return [annotations[a.id] for a in state["articles"] if a.id in annotations]


def _detect(
    articles: Sequence[Article], annotations: Sequence[Annotation], ctx: Context
) -> dict[str, timex.Detections]:
    """The articles' time expressions: those a build into the same store detected before are
    given back from it (`timex_cache`, `timex.freeze`), the others detected and kept."""
    kept = ctx.results
    if kept is None:
        return timex.detect_articles(articles, annotations)
    fingerprint = ctx.config.fingerprint()
    version = incremental.code_version()
    frozen = kept.load_detections({a.id: version for a in articles}, fingerprint)
    found = timex.thaw_articles(articles, annotations, frozen)
    todo = [a for a in articles if a.id not in found]
    fresh = timex.detect_articles(todo, annotations) if todo else {}
    if fresh:
        kept.save_detections(
            {article: (version, timex.freeze(d)) for article, d in fresh.items()}, fingerprint
        )
    return {a.id: found[a.id] if a.id in found else fresh[a.id] for a in articles}


def _published(state: State, ctx: Context) -> State:
    annotations = _annotations(state)
    detected = ctx.time_detections(state["articles"], annotations)
    dated = published.infer_story_dates(state["articles"], annotations, detected=detected)
    return {"articles": dated, "published": True}


def _copies(state: State, ctx: Context) -> State:
    return {"copies": list(copies.find_copies(state["articles"]))}


def _timex(state: State, ctx: Context) -> State:
    annotations = _annotations(state)
    detected = ctx.time_detections(state["articles"], annotations)
    return {"timexes": timex.extract_timexes(state["articles"], annotations, detected=detected)}


def _entities(state: State, ctx: Context) -> State:
    return {"entities": entities.resolve_entities(state["articles"], _annotations(state))}


def _parsed(state: State) -> tuple[list[Article], list[Annotation]]:
    """The analysed articles whose sentences quotes and events parse."""
    todo = [a for a in state["articles"] if a.analysed and a.id in state["annotations"]]
    return todo, [state["annotations"][a.id] for a in todo]


def _quotes(state: State, ctx: Context) -> State:
    todo, annotations = _parsed(state)
    if not todo:
        return {"quotes": []}
    nlp = ctx.pipeline()
    found = state["entities"]
    mentions = quotes.index_mentions(found)  # once for the story, not once per article
    said = [
        quote
        for article, annotation in zip(todo, annotations, strict=True)
        for quote in quotes.extract_quotes(
            article,
            annotation,
            nlp=nlp,
            entities=found,
            parses=ctx.parses,
            mentions=mentions,
            rows=ctx.rows,
        )
    ]
    return {"quotes": quotes.merge_quotes(said)}


def _events(state: State, ctx: Context) -> State:
    todo, annotations = _parsed(state)
    if not todo:
        return {"event_mentions": [], "events": [], "timeline": []}
    found = state["entities"]
    per_article = _event_mentions(todo, annotations, found, state["timexes"], ctx)
    mentions = [mention for found_in in per_article for mention in found_in]
    texts = {article.id: article.text for article in todo}
    for key in [key for key in ctx.rows if key[0] in texts]:
        del ctx.rows[key]  # read by the trigger vectors only
    for article in texts:
        ctx.event_words.pop(article, None)
    merged = events.merge_events(
        mentions, entities.places(found), entities.memberships(found), texts
    )
    return {"event_mentions": per_article, "events": merged, "timeline": events.timeline(merged)}


def _event_mentions(
    todo: Sequence[Article],
    annotations: Sequence[Annotation],
    found: Sequence[Entity],
    timexes: Sequence[ArticleTimex],
    ctx: Context,
) -> list[list[EventMention]]:
    """Each article's event mentions: from the store when it holds them under the same key
    (`incremental.mention_key`), else extracted (and kept). Every article is given only its
    own entity mentions, of entities made slim, so its mentions depend on nothing else."""
    mentioned = incremental.entity_mentions(found)
    own: dict[str, list[ArticleTimex]] = {}
    for t in timexes:
        own.setdefault(t.article, []).append(t)
    cache = ctx.results
    fingerprint = ctx.config.fingerprint()
    keys = (
        {a.id: incremental.mention_key(a, own.get(a.id, []), mentioned.get(a.id, [])) for a in todo}
        if cache is not None
        else {}
    )
    known: dict[str, list[EventMention]] = (
        cache.load_mentions(keys, fingerprint) if cache is not None else {}
    )
    fresh: dict[str, tuple[str, list[EventMention]]] = {}
    out: list[list[EventMention]] = []
    for article, annotation in zip(todo, annotations, strict=True):
        if article.id in known:
            out.append(known[article.id])
            continue
        extracted = events.extract_events(
            article,
            annotation,
            nlp=ctx.pipeline(),
            timexes=own.get(article.id, []),
            parses=ctx.parses,
            entity_mentions=mentioned.get(article.id, []),
            rows=ctx.rows,
            detected=ctx.event_words,
        )
        if cache is not None:
            fresh[article.id] = (keys[article.id], extracted)
        out.append(extracted)
    if cache is not None and fresh:
        cache.save_mentions(fresh, fingerprint)
    ctx.extracted += len(todo) - len(known)
    return out


def _compare(state: State, ctx: Context) -> State:
    todo, _ = _parsed(state)
    if not todo:
        return {"comparisons": []}
    found = compare.compare(
        state["articles"],
        state["annotations"],
        state["entities"],
        state["timexes"],
        state["quotes"],
        state["events"],
        state["copies"],
        nlp=ctx.pipeline(),
        parses=ctx.parses,
    )
    return {"comparisons": found}


def _summary(state: State, ctx: Context) -> State:
    reported = [e for e in state["events"] if events.reported(e)]
    found = state["entities"]
    view = glance.records(state["articles"], state["timexes"], reported, found, state["copies"])
    salience = glance.score_events(view)
    scored = [replace(e, salience=salience[e.id]) for e in reported]
    view = glance.records(state["articles"], state["timexes"], scored, found, state["copies"])
    return {"salience": salience, "summary": list(glance.cited_summary(view))}


STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest.REQUIRES, ingest.ASSIGNS, _ingest),
    Stage("clean", clean.REQUIRES, clean.ASSIGNS, _clean),
    Stage("annotate", annotate.REQUIRES, annotate.ASSIGNS, _annotate),
    Stage("published", published.REQUIRES, published.ASSIGNS, _published),
    Stage("timex", timex.REQUIRES, timex.ASSIGNS, _timex),
    Stage("entities", entities.REQUIRES, entities.ASSIGNS, _entities),
    Stage("quotes", quotes.REQUIRES, quotes.ASSIGNS, _quotes),
    Stage("events", events.REQUIRES, events.ASSIGNS, _events),
    Stage("copies", copies.REQUIRES, copies.ASSIGNS, _copies),
    Stage("compare", compare.REQUIRES, compare.ASSIGNS, _compare),
    Stage("summary", glance.REQUIRES, glance.ASSIGNS, _summary),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def check_order(stages: Sequence[Stage], *, provided: Iterable[str] = ()) -> None:
    """Raise `PipelineOrderError` if a stage requires what neither `provided` nor an earlier
    stage assigns."""
    have = set(provided)
    for stage in stages:
        missing = [need for need in stage.requires if need not in have]
        if missing:
            raise PipelineOrderError(stage.name, missing)
        have.update(stage.assigns)


def run(
    start: Mapping[str, Any] | Sequence[Article],
    *,
    config: Config,
    until: str | None = None,
    cache: AnnotationCache | None = None,
    progress: Progress | None = None,
    nlp: Any = None,
    stages: Sequence[Stage] = STAGES,
    parses: ParseCache | None = None,
    save_parses: bool = True,
    rows: SentenceRows | None = None,
    detections: dict[str, timex.Detections] | None = None,
    event_words: DetectorCache | None = None,
) -> tuple[State, Context]:
    """Run the stages from where `start` stands: every stage, or with `until` that stage and
    the earlier ones it needs by their declarations (`until="entities"` runs no quotes).

    `start` is a state (`{"paths": [...]}` to start at ingest) or a list of cleaned articles
    (to start at annotate); a stage whose output `start` already holds, and every stage before
    it, is skipped. `nlp` is a loaded spaCy pipeline to use instead of loading the config's;
    `parses` a parse cache to share with the caller, `rows` the tok2vec rows of its parses,
    `detections` the articles' time expressions already detected, `event_words` the event
    detector's words of articles read ahead; with `save_parses` False the caller keeps its
    parses in `cache` itself (`build_stories`, once for the pile).
    """
    state: State = dict(start) if isinstance(start, Mapping) else {"articles": list(start)}
    todo = list(stages) if until is None else _needed(stages, until)
    done = [i for i, stage in enumerate(todo) if all(a in state for a in stage.assigns)]
    if done:
        todo = todo[done[-1] + 1 :]
    check_order(todo, provided=state)
    ctx = Context(config, cache=cache, progress=progress, nlp=nlp)
    if parses is not None:
        ctx.parses = parses  # shared: what this run parses, the caller's cache holds too
    if rows is not None:
        ctx.rows = rows
    if detections is not None:
        ctx.detections = detections
    if event_words is not None:
        ctx.event_words = event_words
    for stage in todo:
        began = time.process_time()
        state.update(stage.step(state, ctx))
        ctx.seconds[stage.name] = time.process_time() - began
    if ctx.cache is not None and save_parses:
        _save_parses(ctx)
    return state, ctx


def _save_parses(ctx: Context) -> None:
    """Keep the sentences this run parsed: every parse of each article that has a new one."""
    grown = {key[0] for key in ctx.parses if key not in ctx.parsed_before}
    if grown and ctx.cache is not None:
        kept = {key: arcs for key, arcs in ctx.parses.items() if key[0] in grown}
        ctx.cache.save_parses(kept, ctx.config.fingerprint())


def _needed(stages: Sequence[Stage], until: str) -> list[Stage]:
    """Stage `until` and, walking back, each earlier stage that assigns something a kept
    stage requires."""
    names = [stage.name for stage in stages]
    if until not in names:
        raise ValueError(f"unknown stage {until!r}; stages: {', '.join(names)}")
    last = names.index(until)
    keep = [stages[last]]
    needs = set(stages[last].requires)
    for stage in reversed(stages[:last]):
        if needs & set(stage.assigns):
            keep.append(stage)
            needs |= set(stage.requires)
    return keep[::-1]


@dataclass(frozen=True, slots=True)
class BuildResult:
    dossier: Dossier
    annotated: int
    cached: int
    seconds: dict[str, float] = field(default_factory=dict)
    # the articles whose sentences this run parsed, and how many parses came from the cache
    parsed: tuple[str, ...] = ()
    reused_parses: int = 0


def build(
    paths: Iterable[str | Path],
    *,
    config: Config,
    cache: AnnotationCache | None = None,
    progress: Progress | None = None,
    start: Mapping[str, Any] | None = None,
) -> BuildResult:
    """Run every stage over `paths`; account for every input in `dossier.inputs`.

    `start` is a state to run from instead of the paths (the Spark engine's cleaned
    articles and their account). Raises `NothingToBuildError` (which carries the account)
    when no input made an article.
    """
    begin = {"paths": list(paths)} if start is None else start
    state, ctx = run(begin, config=config, cache=cache, progress=progress)
    # Whether an annotation came from the cache is a property of this run, not of the
    # dossier: it is reported in BuildResult, so a rebuild gives byte-identical output.
    return BuildResult(
        _dossier(state),
        annotated=ctx.annotated,
        cached=ctx.cached,
        seconds=ctx.seconds,
        parsed=tuple(sorted({key[0] for key in ctx.parses if key not in ctx.parsed_before})),
        reused_parses=len(ctx.parsed_before),
    )


def _dossier(state: State) -> Dossier:
    """The dossier of a finished run."""
    return Dossier(
        articles=tuple(sorted(state["articles"], key=lambda a: (a.path, a.id))),
        entities=tuple(state["entities"]),
        quotes=tuple(state["quotes"]),
        timexes=tuple(state["timexes"]),
        # the events the dossier lists; the detector's generic ones stay in state["events"]
        events=tuple(
            replace(e, salience=state["salience"].get(e.id))
            for e in state["events"]
            if events.reported(e)
        ),
        timeline=tuple(state["timeline"]),
        comparisons=tuple(state["comparisons"]),
        summary=tuple(state["summary"]),
        copies=tuple(state["copies"]),
        inputs=tuple(sorted(state["inputs"], key=lambda r: (r.path, r.status))),
    )


@dataclass(frozen=True, slots=True)
class StoryBuild:
    """One story of a pile and its dossier."""

    story: stories.Story
    dossier: Dossier
    # the dossier came from the store: the story's articles and inputs were those of the
    # last build (`incremental.story_key`), so its stages did not run again
    reused: bool = False


@dataclass(frozen=True, slots=True)
class StoriesResult:
    """A pile built story by story: the stories (in the order they opened), the account of
    every input, and how many annotations were made or came from the cache."""

    stories: tuple[StoryBuild, ...]
    inputs: tuple[InputReport, ...]
    annotated: int
    cached: int
    seconds: dict[str, float] = field(default_factory=dict)
    # articles whose event mentions this build extracted (the others came from the store)
    extracted: int = 0


def build_stories(
    paths: Iterable[str | Path],
    *,
    config: Config,
    cache: AnnotationCache | None = None,
    progress: Progress | None = None,
    start: Mapping[str, Any] | None = None,
) -> StoriesResult:
    """Group the pile at `paths` into stories (`stages/stories`) and build one dossier per
    story. The per-article stages (ingest, clean, annotate, publication dates) run once for
    the pile; the stages across articles (entities, quotes, events, copies, comparisons,
    summary) run per story. A story's dossier accounts for its own articles and their exact
    duplicates (the skipped inputs belong to no story: `inputs` lists them); with one story, it
    accounts for every input, as `build` does, and is the same dossier `build` makes.
    `start` is a state to run from instead of the paths, as in `build`."""
    begin = {"paths": list(paths)} if start is None else start
    state, ctx = run(begin, config=config, until="published", cache=cache, progress=progress)
    articles: list[Article] = state["articles"]
    found = copies.find_copies(articles)
    grouped = stories.group_stories(articles, copies={c.article: c.original for c in found})
    reports: list[InputReport] = state["inputs"]
    seconds = dict(ctx.seconds)
    built: list[StoryBuild] = []
    kept = cache if isinstance(cache, incremental.ResultCache) else None
    fingerprint = config.fingerprint()
    extracted = 0
    for story in grouped:
        members = set(story.articles)
        mine = [a for a in articles if a.id in members]
        # one story accounts for every input; each of several for its articles and duplicates
        mine_inputs = [r for r in reports if r.article in members]
        inputs = reports if len(grouped) == 1 else mine_inputs
        # a story whose articles and inputs are those of the last build keeps its dossier
        key = incremental.story_key(mine, inputs) if kept is not None else ""
        before = kept.load_story(story.id, key, fingerprint) if kept is not None else None
        if before is not None:
            built.append(StoryBuild(story, before, reused=True))
            continue
        start = {**state, "articles": mine, "inputs": inputs}
        # the stories share the pile's parse cache (loaded from the store with the annotations)
        story_state, story_ctx = run(
            start,
            config=config,
            nlp=ctx.nlp,
            parses=ctx.parses,
            cache=cache,
            save_parses=False,
            rows=ctx.rows,
            detections=ctx.detections,  # the pile's, detected once for publication dates
            event_words=ctx.event_words,
        )
        ctx.nlp = story_ctx.nlp
        extracted += story_ctx.extracted
        for name, spent in story_ctx.seconds.items():
            seconds[name] = seconds.get(name, 0.0) + spent
        dossier = _dossier(story_state)
        if kept is not None:
            kept.save_story(story.id, key, dossier, fingerprint)
        built.append(StoryBuild(story, dossier))
    if kept is not None:
        kept.keep_stories([story.id for story in grouped], fingerprint)
    if cache is not None:
        _save_parses(ctx)
    return StoriesResult(
        tuple(built),
        tuple(sorted(reports, key=lambda r: (r.path, r.status))),
        annotated=ctx.annotated,
        cached=ctx.cached,
        seconds=seconds,
        extracted=extracted,
    )
