"""The `storyline` command: argument parsing and output only; the work is in the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.errors import NothingToBuildError, StorylineError
from storyline.model import InputReport

app = typer.Typer(
    help="Turn the news coverage of a developing story into a sourced dossier.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


@app.command()
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or http(s) addresses: text, Markdown, HTML, JSON(L), "
            "RSS/Atom feeds, sitemaps, WARC, any of them gzipped (see docs/cli.md, Inputs).",
            metavar="PATH|URL...",
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option("--out", help="Folder for dossier.json, report.html and storyline.duckdb."),
    ],
    config_file: Annotated[
        Path | None, typer.Option("--config", help="TOML config file (see docs/config.md).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Skip inputs larger than this many bytes.")
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes for spaCy.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Texts per spaCy batch.")] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any input was skipped.")
    ] = False,
    one_story: Annotated[
        bool,
        typer.Option(
            "--one-story", help="Build every input as one story (no grouping into stories)."
        ),
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            help="'local', or 'spark[=MASTER]' to run the per-article stages on Spark "
            "(local[*] by default) and write Parquet tables to OUT/parquet (docs/spark.md)."
        ),
    ] = "local",
) -> None:
    """Group PATHS into stories and build each story's dossier and report, an index page,
    stories.json and the DuckDB store (see docs/cli.md, Stories)."""
    from storyline.config import load_config
    from storyline.pipeline import StoriesResult, StoryBuild, build_stories
    from storyline.pipeline import build as run_build
    from storyline.report.changes import changes_since, previous_of
    from storyline.report.html import render_report
    from storyline.report.index import render_index
    from storyline.stages.stories import one_story as whole_pile
    from storyline.store.duckdb import Store
    from storyline.store.export import write_json, write_stories
    from storyline.store.files import remove_stale_stories, replacing, write_text

    config = load_config(
        config_file, model=model, max_bytes=max_bytes, workers=workers, batch_size=batch_size
    )
    master = _spark_master(engine)
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = list(paths)
    try:
        # every output is written beside its target and renamed when whole (store/files.py):
        # a killed build leaves the previous outputs, never a truncated one
        with (
            replacing(out_dir / "storyline.duckdb", copy=True) as database,
            Store(database) as store,
            _progress() as bar,
        ):
            task = bar.add_task("annotating", total=None)
            prepared = None
            if master is not None:  # the per-article stages on Spark, into the store's caches
                from storyline.spark import prepare

                bar.update(task, description=f"Spark ({master})")
                prepared = prepare(inputs, config=config, master=master, cache=store)
            start = prepared.start if prepared else None

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            if one_story:
                single = run_build(
                    inputs, config=config, cache=store, progress=advance, start=start
                )
                story = whole_pile(single.dossier.articles)
                result = StoriesResult(
                    (StoryBuild(story, single.dossier),),
                    single.dossier.inputs,
                    annotated=single.annotated,
                    cached=single.cached,
                )
            else:
                result = build_stories(
                    inputs, config=config, cache=store, progress=advance, start=start
                )
            if len(result.stories) == 1:
                only = result.stories[0]
                store.write_dossier(only.dossier, story=only.story.id)
    except NothingToBuildError as exc:
        # The build stopped before it had a dossier to account from: the error carries the
        # account of every input (each skip and its reason). The error line follows (see main).
        _print_account(exc.reports)
        raise
    pairs = [(built.story, built.dossier) for built in result.stories]
    # a story the last build made from the same articles keeps its folder as it is (its report
    # still says what changed when the story last changed); the others are written again
    kept = [
        built.reused and _written(out_dir / "stories" / built.story.id, built.dossier)
        for built in result.stories
    ]
    # what changed since the last build into this folder, read before anything is written
    previous = previous_of(out_dir)
    changed = [
        None if keep else changes_since(previous([a.path for a in d.articles]), d)
        for (_, d), keep in zip(pairs, kept, strict=True)
    ]
    # every report is rendered before anything is written: a failure leaves the last outputs
    reports = [
        "" if keep else render_report(dossier, change)
        for (_, dossier), change, keep in zip(pairs, changed, kept, strict=True)
    ]
    for (story, dossier), report, change, keep in zip(pairs, reports, changed, kept, strict=True):
        if keep:
            continue
        folder = out_dir / "stories" / story.id
        folder.mkdir(parents=True, exist_ok=True)
        write_json(dossier, folder / "dossier.json")
        write_text(folder / "report.html", report)
        if change is not None:
            write_text(folder / "changes.json", _changes_json(change))
        if len(pairs) > 1:
            with replacing(folder / "storyline.duckdb") as database, Store(database) as store:
                store.write_dossier(dossier, story=story.id)
    remove_stale_stories(out_dir / "stories", [story.id for story, _ in pairs])
    if master is not None:
        from storyline.spark import write_tables

        write_tables(pairs, out_dir / "parquet")
    write_stories(pairs, out_dir / "stories.json")
    write_text(out_dir / "index.html", render_index(pairs))
    if len(pairs) == 1 and not (kept[0] and _written(out_dir, pairs[0][1])):
        # one story: its dossier and report where a build always put them
        folder = out_dir / "stories" / pairs[0][0].id
        write_json(pairs[0][1], out_dir / "dossier.json")
        write_text(
            out_dir / "report.html", reports[0] or (folder / "report.html").read_text("utf-8")
        )
        if changed[0] is not None:
            write_text(out_dir / "changes.json", _changes_json(changed[0]))
    # Spark annotated the new articles; the build then found them all in the store's cache
    annotated, cached = (
        (prepared.annotated, prepared.cached) if prepared else (result.annotated, result.cached)
    )
    counts = _print_account(result.inputs)
    articles = [a for _, dossier in pairs for a in dossier.articles]
    for article in sorted(articles, key=lambda a: (a.path, a.id)):
        for note in article.notes:
            err.print(f"[cyan]note[/]: {_plain(article.path)}: {_plain(note)}", highlight=False)
    out.print(
        f"{len(result.inputs)} input(s): {counts['processed']} processed "
        f"({annotated} annotated, {cached} from the store's cache), "
        f"{counts['duplicate']} duplicate, {counts['skipped']} skipped; "
        f"{len(articles)} article(s), {sum(len(d.entities) for _, d in pairs)} entities, "
        f"{sum(len(d.timexes) for _, d in pairs)} time expressions; {len(pairs)} story(ies)",
        highlight=False,
    )
    known = [c for c in changed if c is not None]
    if known:
        out.print(
            "since the last build: "
            f"{sum(len(c.articles) for c in known)} new article(s), "
            f"{sum(len(c.events) for c in known)} new event(s), "
            f"{sum(len(c.statuses) for c in known)} status change(s), "
            f"{sum(len(c.quotes) for c in known)} new quote(s), "
            f"{sum(len(c.contradictions) for c in known)} new contradiction(s)",
            highlight=False,
        )
    if len(pairs) == 1:
        out.print(f"report: {_plain(str(out_dir / 'report.html'))}", highlight=False)
    else:
        out.print(f"stories: {_plain(str(out_dir / 'index.html'))}", highlight=False)
    if strict and counts["skipped"]:
        raise typer.Exit(1)


def _written(folder: Path, dossier: Any) -> bool:
    """Whether `folder` holds this dossier's dossier.json (the same bytes) and a report (an
    earlier build wrote them, and was not stopped before it did)."""
    from storyline.store.export import dossier_json

    if not (folder / "report.html").is_file():
        return False
    try:
        held = (folder / "dossier.json").read_bytes()
    except OSError:
        return False
    return held == dossier_json(dossier).encode("utf-8", "backslashreplace")


def _spark_master(engine: str) -> str | None:
    """The Spark master `--engine` names, or None for the local engine."""
    from storyline.spark.job import parse_engine

    return parse_engine(engine)


def _changes_json(changes: Any) -> str:
    """changes.json: what this build of a story holds that the last one did not."""
    return json.dumps(changes.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _print_account(reports: Iterable[InputReport]) -> dict[str, int]:
    """Print each duplicate or skipped input with its reason; return the count per status."""
    counts = {s: 0 for s in ("processed", "duplicate", "skipped")}
    for report in sorted(reports, key=lambda r: (r.path, r.status)):
        counts[report.status] += 1
        if report.status in ("duplicate", "skipped"):
            err.print(
                f"[yellow]{report.status}[/]: {_plain(report.path)}: {_plain(report.reason or '')}",
                highlight=False,
            )
    return counts


def _plain(text: str) -> str:
    """A path or message printed as it is: rich markup in it (a file named `[x]/].txt`)
    escaped, a file name's undecodable bytes shown as `\\xNN`."""
    from rich.markup import escape

    from storyline.store.files import shown

    return escape(shown(text))


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@app.command()
def export(
    store_dir: Annotated[Path, typer.Argument(help="A folder written by 'storyline build'.")],
    to: Annotated[str, typer.Option("--to", help="Format: parquet or json.")] = "parquet",
    dest: Annotated[
        Path | None, typer.Option(help="Output folder (default: STORE_DIR/TO).")
    ] = None,
) -> None:
    """Export the store's tables (one file per record type)."""
    from storyline.errors import StoreError
    from storyline.store.duckdb import Store

    database = store_dir / "storyline.duckdb"
    if not database.is_file():
        raise StoreError(f"no storyline.duckdb in {store_dir}; run 'storyline build' first")
    if to not in ("parquet", "json"):
        raise StoreError(f"unknown export format {to!r}; use parquet or json")
    target = dest or store_dir / to
    with Store(database) as store:
        export_tables = store.export_parquet if to == "parquet" else store.export_json
        written = export_tables(target)
    out.print(f"wrote {len(written)} file(s) to {_plain(str(target))}", highlight=False)


@app.command()
def serve(
    store_dir: Annotated[Path, typer.Argument(help="A folder written by 'storyline build'.")],
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; the default serves this machine only."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the store's views and JSON API read-only in a local web app (see docs/serve.md)."""
    from storyline.serve import run

    run(store_dir, host=host, port=port)


@app.command()
def timex(
    source: Annotated[
        str, typer.Argument(help="A text file, or - for standard input.", show_default=False)
    ] = "-",
    dct: Annotated[
        str | None,
        typer.Option(help="Document creation time YYYY-MM-DD the relative expressions use."),
    ] = None,
    timeml_input: Annotated[
        bool,
        typer.Option(
            "--timeml",
            help="SOURCE is a TimeML file (DCT + TEXT); print it with TIMEX3 tags inserted.",
        ),
    ] = False,
    tags: Annotated[
        bool,
        typer.Option(help="Use the spaCy tagger for the tense of the governing verb."),
    ] = True,
) -> None:
    """Print the time expressions of a text, one JSON object per line."""
    from storyline.config import Config
    from storyline.errors import InputError
    from storyline.evaluation.corpora import read_timeml
    from storyline.evaluation.timeml import to_timeml
    from storyline.stages import annotate
    from storyline.stages.timex import tag, timeml_forms

    path = _source_path(source)
    doc_id = path.stem if source != "-" else "stdin"
    if timeml_input:
        try:
            doc = read_timeml(path if source != "-" else Path("/dev/stdin"))
        except Exception as exc:  # a parse error of any kind is one line for the user
            raise InputError(f"cannot read TimeML from {source}: {exc}") from exc
        text, reference = doc.text, dct or doc.dct
    else:
        text, reference = _read_text(source, source), dct
    _check_dct(dct)
    token_tags = None
    if tags:
        config = Config()
        nlp = annotate.load_pipeline(config.model, check=config.check_model)
        token_tags = annotate.tag_texts([text], nlp=nlp)[0]
    found = tag(text, reference, tags=token_tags)
    if timeml_input:
        sys.stdout.write(to_timeml(doc_id, reference or "", text, timeml_forms(found)))
        return
    for t in found:
        record = {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
        if t.mod:
            record["mod"] = t.mod
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _source_path(source: str) -> Path:
    """The path of a command's input, which must be a file unless it is "-" (standard input)."""
    from storyline.errors import InputError

    path = Path(source)
    if source != "-" and not path.is_file():
        raise InputError(f"no such file: {source}")
    return path


def _read_text(source: str, label: str) -> str:
    """The UTF-8 text of a file, or of standard input for "-"; one error line otherwise."""
    from storyline.errors import InputError

    raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label} is not UTF-8 text") from exc


def _check_dct(dct: str | None) -> None:
    from storyline.errors import InputError
    from storyline.stages.timex import parse_dct

    if dct is not None and parse_dct(dct) is None:
        raise InputError(f"--dct {dct!r} is not a date; use YYYY-MM-DD")


@app.command()
def quotes(
    source: Annotated[
        str, typer.Argument(help="A text file, or - for standard input.", show_default=False)
    ] = "-",
    dct: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD the channel dates are anchored on."),
    ] = None,
) -> None:
    """Print the quotes of one article text, one JSON object per line."""
    from storyline.config import Config
    from storyline.errors import InputError
    from storyline.stages import annotate
    from storyline.stages.quotes import extract_quotes_from_text

    path = _source_path(source)
    _check_dct(dct)
    label = "standard input" if source == "-" else source
    text = _read_text(source, label)
    if "\x00" in text:
        raise InputError(f"{label} is not a text file (it holds NUL bytes)")
    if not text.strip():
        raise InputError(f"{label} holds no text")
    config = Config()
    nlp = annotate.load_pipeline(config.model, check=config.check_model)
    name = path.name if source != "-" else "stdin"
    article, found = extract_quotes_from_text(text, nlp=nlp, published=dct, path=name)
    if not article.analysed:
        raise InputError(
            f"{label}: the text reads as {article.language!r}; quotes are found in English only"
        )
    for quote in found:
        sys.stdout.write(json.dumps(_quote_record(article, quote), ensure_ascii=False) + "\n")


def _quote_record(article: Any, quote: Any) -> dict[str, Any]:
    """One quote as `storyline quotes` prints it: offsets into the input text as given."""

    def where(span: Any) -> dict[str, Any]:
        return {
            "start": article.raw_offset(span.start),
            "end": article.raw_offset(span.end),
            "text": span.text,
        }

    speaker = None
    if quote.speaker is not None:
        speaker = {**where(quote.speaker.mention), "name": quote.speaker.name}
    channel = None
    if quote.channel is not None:
        channel = {**where(quote.channel.span), "date": quote.channel.date}
    return {
        "kind": quote.kind,
        **where(quote.span),
        "speaker": speaker,
        "cue": where(quote.cue) if quote.cue is not None else None,
        "channel": channel,
        "implicit": quote.implicit,
    }


@app.command()
def timeline(
    build_dir: Annotated[Path, typer.Argument(help="A folder written by 'storyline build'.")],
    dates: Annotated[int, typer.Option("--dates", min=1, help="How many dates (L).")] = 10,
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, help="Sentences per date at most (K).")
    ] = 2,
    start: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    keyword: Annotated[
        list[str] | None,
        typer.Option("--keyword", help="Keep only sentences naming a keyword (repeatable)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="tls, json or md.")] = "tls",
) -> None:
    """The story at a glance: the most salient dates and the sentences that tell each."""
    from storyline.stages.glance import timeline_summary

    if fmt not in ("tls", "json", "md"):
        raise StorylineError(f"unknown format {fmt!r}; use tls, json or md")
    path = build_dir / "dossier.json"
    if not path.is_file():
        raise StorylineError(f"no dossier.json in {build_dir}; run 'storyline build' first")
    try:
        dossier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorylineError(f"cannot read {path}: {exc}") from exc
    summary = timeline_summary(
        dossier,
        dates,
        sentences,
        _iso_day(start, "--start"),
        _iso_day(end, "--end"),
        keywords=keyword or (),
    )
    if fmt == "tls":
        rows = [[day.date, [s.text for s in day.sentences]] for day in summary]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "json":
        records = [
            {
                "date": day.date,
                "score": day.score,
                "sentences": [
                    {"text": s.text, "article": s.article, "start": s.start, "end": s.end}
                    for s in day.sentences
                ],
            }
            for day in summary
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        for day in summary:
            print(f"## {day.date}\n")
            for s in day.sentences:
                print(f"- {s.text} ([{s.article}:{s.start}-{s.end}])")
            print()


def _iso_day(value: str | None, option: str) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StorylineError(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


@app.command("eval")
def evaluate(
    name: Annotated[
        str,
        typer.Argument(
            help="Scorer: seeds, clean, timeml, meantime-timexes, seed-timexes, dates, entities, "
            "polnear, pasted, html, quotes, events, plover, factuality, ecbplus, t17, "
            "ecbplus-entities or compare."
        ),
    ],
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="For 'timeml': the gold TimeML folder (default: TempEval-3); for 'polnear': "
            "the PolNeAR folder; for 'plover': the GSR records file; for 'factuality': the "
            "MEANTIME folder; for 'ecbplus': the ECB+ folder (default: the shared ones)."
        ),
    ] = None,
    shared: Annotated[
        Path, typer.Option(help="The shared folder with seeds/, gold/ and data/.")
    ] = Path("../shared"),
    corpus: Annotated[
        str | None,
        typer.Option(
            help="For 'clean' and 'dates': one corpus (default: all; 'dates' also takes t17, "
            "Timeline17's stories with every second date withheld); for 'compare': ecbplus "
            "(the contradictions of six ECB+ topics, with --split tune or heldout)."
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Score at most this many documents per corpus (ECB+: per topic)."),
    ] = None,
    system: Annotated[
        Path | None,
        typer.Option(help="For 'timeml': score this folder of system TimeML files instead."),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            help="For 'polnear': the split, dev or train; for 'ecbplus': dev, train or all;"
            " for 'timeml', 'meantime-timexes', 'pasted', 'html' and 'compare --corpus ecbplus':"
            " tune, heldout or all"
            " (every third document or page is held out; the default scores all)."
        ),
    ] = "dev",
    errors: Annotated[
        Path | None,
        typer.Option(
            help="For 'timeml' and 'meantime-timexes': write every missed/spurious/wrong"
            " timex here (JSONL)."
        ),
    ] = None,
) -> None:
    """Run one of storyline's own scorers and print the scores as JSON."""
    from storyline.evaluation.runner import EvalOptions, score

    options = EvalOptions(shared, gold, corpus, limit, system, split, errors)
    out.print_json(json.dumps(score(name, options), sort_keys=True))


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="RSS/Atom feeds and sitemaps: http(s) addresses or files.",
            metavar="FEED_OR_URL...",
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder built as 'storyline build DIR/fetched --out DIR' would."
        ),
    ],
    every: Annotated[
        float, typer.Option("--every", min=0.05, help="Minutes between two polls.")
    ] = 15.0,
    polls: Annotated[
        int | None, typer.Option("--polls", min=1, help="Stop after this many polls.")
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="TOML config file (see docs/config.md).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Skip pages and inputs larger than this many bytes.")
    ] = None,
    one_story: Annotated[
        bool, typer.Option("--one-story", help="Build every article as one story.")
    ] = False,
) -> None:
    """Poll feeds and sitemaps, keep every new article in DIR/fetched and rebuild DIR from it
    (see docs/cli.md, storyline watch); Ctrl-C stops."""
    from storyline.config import load_config
    from storyline.watch import Poll
    from storyline.watch import watch as follow

    limit = load_config(config_file, max_bytes=max_bytes).max_bytes

    def rebuild(folder: Path, target: Path) -> str:
        # the build command itself, its lines held back: a poll prints one line (watch.py
        # passes on the build's lines about the new articles, and what changed)
        with out.capture() as printed, err.capture() as said:
            build(
                [str(folder)],
                target,
                config_file=config_file,
                model=model,
                max_bytes=max_bytes,
                one_story=one_story,
            )
        return printed.get() + said.get()

    done = 0

    def show(poll: Poll) -> None:
        nonlocal done
        done = poll.number
        for problem in poll.problems:
            err.print(f"[yellow]watch[/]: {_plain(problem)}", highlight=False)
        out.print(_plain(poll.line()), highlight=False)

    try:
        follow(
            sources,
            out_dir,
            rebuild=rebuild,
            every=every,
            polls=polls,
            max_bytes=limit,
            on_poll=show,
        )
    except KeyboardInterrupt:
        out.print(f"watch stopped after {done} poll(s)", highlight=False)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """storyline: a sourced dossier from the news coverage of a developing story."""
    if version:
        from storyline import __version__

        out.print(__version__)
        raise typer.Exit()


def main() -> None:
    """Entry point: a `StorylineError` becomes one line on stderr and exit status 1."""
    try:
        app()
    except StorylineError as exc:
        err.print(f"[red]error[/]: {_plain(str(exc))}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
