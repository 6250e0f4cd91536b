"""The per-article stages as a pyspark job: ingest, clean, annotate and the sentence parses.

`prepare(paths, config=..., master=..., cache=store)` spreads the inputs over Spark tasks (a
folder's files one by one, as `ingest.files.walk_outputs` lists them; each Parquet file's rows
through Spark's Parquet reader), ingests and cleans each input with the stage functions the local
engine calls (`ingest.ingest`, `pipeline.clean_one`), annotates each partition's articles
with one spaCy pipeline per executor process (leaving out the articles `cache` already
holds, as a local rebuild does), and parses the sentences quotes and events will
ask for, with the function the local engine's `--workers` processes run on their slices
(`stages.prepare.prepare_slice`: which sentences the stages parse depends on the article
alone, and a sentence gets the same parse in any batch). The driver keeps the annotations
and parses in `cache` (the store's caches, keyed by article and config fingerprint) and
returns the cleaned articles with the account of every input, the state the ordinary
`build_stories` starts from.

Inputs are numbered in the order the local engine reads them and every record carries its
number, so the driver puts the articles and the account back in that order whatever the
partitions were.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.errors import ConfigError, EngineError
from storyline.model import Annotation, Article, Document, InputReport, Skip
from storyline.pipeline import AnnotationCache, State, account_articles, clean_one
from storyline.stages import annotate, ingest
from storyline.stages.annotate import ParseCache
from storyline.stages.ingest.files import walk_outputs
from storyline.stages.ingest.records import read_record
from storyline.stages.prepare import prepare_slice

DEFAULT_MASTER = "local[*]"
# a location only Spark's readers reach (hdfs://, s3a://, gs://, file://), not a web address
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
PARQUET_SUFFIX = ".parquet"
# Articles per partition of the annotate step at most (a partition's results are held in
# the executor until it is done), and partitions per core at least (long and short articles
# even out between the cores).
PARTITION_ARTICLES = 256
PARTITIONS_PER_CORE = 4

# (input number, record number within that input): the order the local engine reads them
Key = tuple[int, int]
# what the annotate step returns per document: its key, path, cleaned article (or why it was
# skipped), annotation (analysed articles) and sentence parses
Cleaned = tuple[Key, str, Article | Skip, Annotation | None, ParseCache]
# a cleaned document before the annotate step: its key, path and article (or skip)
CleanRow = tuple[Key, str, Article | Skip]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the Spark job made: the state `build_stories` starts from (`articles`, `inputs`),
    how many articles it annotated and how many the cache held already, the partitions it
    used and the executors' CPU time."""

    start: State
    annotated: int
    cached: int
    partitions: int
    # CPU seconds the executors' Python workers spent in the job's stages (all cores)
    cpu_seconds: float = 0.0


def parse_engine(value: str) -> str | None:
    """The Spark master an `--engine` value names, or None for the local engine.

    >>> parse_engine("local"), parse_engine("spark"), parse_engine("spark=local[2]")
    (None, 'local[*]', 'local[2]')
    """
    if value == "local":
        return None
    if value == "spark":
        return DEFAULT_MASTER
    if value.startswith("spark=") and value.removeprefix("spark="):
        return value.removeprefix("spark=")
    raise ConfigError(
        f"unknown engine {value!r}: use 'local', 'spark' (local[*]) or 'spark=MASTER' "
        "(a Spark master URL such as local[2] or spark://host:7077)"
    )


def prepare(
    paths: Sequence[str | Path],
    *,
    config: Config,
    master: str,
    cache: AnnotationCache,
    session: Any = None,
) -> Prepared:
    """Run the per-article stages over `paths` on Spark (`session`, else one started for
    `master`); keep the annotations and parses in `cache`; return where the build goes on."""
    spark = session if session is not None else start_session(master)
    context = spark.sparkContext
    given, tables = _inputs(paths)
    parts = [context.parallelize(given, max(1, min(len(given), context.defaultParallelism)))]
    parts.extend(_parquet_rows(spark, number, path) for number, path in tables)
    spent = context.accumulator(0.0)
    fingerprint = config.fingerprint()
    read = context.union(parts).flatMap(partial(_ingest_one, config.max_bytes, spent))
    read = read.persist()
    try:
        skips = sorted((key, item) for key, _, item in _collect(read.filter(_is_skip)))
        documents = read.filter(lambda row: row[1] == "document").map(lambda row: (row[0], row[2]))
        count = _count(documents)
        partitions = max(
            context.defaultParallelism * PARTITIONS_PER_CORE,
            math.ceil(count / PARTITION_ARTICLES),
        )
        cleaned = documents.repartition(partitions).mapPartitions(partial(_clean_partition, spent))
        cleaned = cleaned.persist()
        # the articles the store already holds are not annotated again (as a local rebuild)
        ids = sorted({i for i in _collect(cleaned.map(_analysed_id)) if i})
        known = frozenset(cache.load_annotations(ids, fingerprint))
        shared = context.broadcast(known)
        done: list[Cleaned] = _collect(
            cleaned.mapPartitions(partial(_annotate_partition, config, shared, spent))
        )
        cleaned.unpersist()
    finally:
        read.unpersist()
    done.sort(key=lambda row: row[0])
    inputs = [InputReport(s.path, "skipped", reason=s.reason) for _, s in skips]
    start = account_articles([(path, item) for _, path, item, _, _ in done], inputs)
    annotations = {row[3].article: row[3] for row in done if row[3] is not None}
    parses: ParseCache = {}
    for row in done:
        parses.update(row[4])
    if annotations:  # (a store refuses an empty batch)
        cache.save_annotations([annotations[k] for k in sorted(annotations)], fingerprint)
    if parses:
        cache.save_parses(parses, fingerprint)
    return Prepared(
        start,
        annotated=len(annotations),
        cached=len(known),
        partitions=partitions,
        cpu_seconds=float(spent.value),
    )


def start_session(master: str) -> Any:
    """A Spark session for `master` (the running one if there is one), or one clear line
    saying what is missing: pyspark, or the Java runtime Spark runs on."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            "the Spark engine needs pyspark: install it with "
            "'pip install \"storyline[spark]\"' (docs/spark.md)"
        ) from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise EngineError(
            "the Spark engine needs a Java runtime (17 or later): install Debian's "
            "openjdk-17-jre-headless or set JAVA_HOME (docs/spark.md)"
        )
    builder = SparkSession.builder.master(master).appName("storyline")
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if master.startswith("local"):
        # the executors of a local master are this machine's processes: this Python, and
        # this storyline (a cluster's executors get both from the archive, docs/spark.md)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        source = str(Path(__file__).resolve().parents[2])
        known = os.environ.get("PYTHONPATH", "")
        if source not in known.split(os.pathsep):
            os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (source, known) if p)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # pyspark raises plain runtime errors when the JVM cannot start
        raise EngineError(f"Spark did not start for master {master!r}: {_reason(exc)}") from None
    spark.sparkContext.setLogLevel("FATAL")  # a failure is our one line
    return spark


def _inputs(paths: Sequence[str | Path]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The inputs numbered in reading order: what `ingest` reads one by one (a folder's files,
    an address, a missing path that becomes a skip) and the Parquet files Spark reads."""
    given: list[tuple[int, str]] = []
    tables: list[tuple[int, str]] = []
    seen: set[Path] = set()
    for item in paths:
        if isinstance(item, str) and ingest.is_url(item):
            given.append((len(given) + len(tables), item))
            continue
        if isinstance(item, str) and _SCHEME.match(item):
            # a Parquet file or dataset where Spark reads (hdfs://, s3a://, ...)
            tables.append((len(given) + len(tables), item))
            continue
        path = Path(item)
        # an earlier build's output folder in the input is one skip, before the files, as the
        # local engine lists it (ingesting the folder alone gives that skip and no file)
        files = [path]
        if path.exists():
            outputs, walked = walk_outputs(path)
            files = [*outputs, *walked]
        for file in files:
            if file.exists():
                if file.resolve() in seen:  # ingest reads a file given twice once
                    continue
                seen.add(file.resolve())
            name = str(file) if file.exists() else str(item)
            into = tables if file.name.lower().endswith(PARQUET_SUFFIX) else given
            into.append((len(given) + len(tables), name))
    return given, tables


def _parquet_rows(spark: Any, number: int, path: str) -> Any:
    """The rows of one Parquet file as `(number, row)`, numbered from 0; a file Spark cannot
    read is one skip."""
    try:
        frame = spark.read.parquet(path)
    except Exception as exc:  # Spark's AnalysisException and its Java errors alike
        reason = f"unreadable Parquet ({_reason(exc)})"
        return spark.sparkContext.parallelize([((number, -1), path, reason)], 1)
    return frame.rdd.zipWithIndex().map(lambda pair: ((number, pair[1]), path, pair[0].asDict()))


def _ingest_one(max_bytes: int, spent: Any, item: Any) -> list[tuple[Key, str, Document | Skip]]:
    """Ingest one input: `(number, path)` through `ingest.ingest`, or a Parquet row
    `((number, row), path, fields)` through the JSON record reader (named `FILE#ROW`, from 1,
    as a JSON list's articles are). Each record is tagged "document" or "skip"."""
    if isinstance(item[0], int):
        began = time.process_time()
        number, given = item
        read = ingest.ingest([given], max_bytes=max_bytes)
        spent.add(time.process_time() - began)
        return [
            *(((number, i), "document", d) for i, d in enumerate(read.documents)),
            *(((number, i), "skip", s) for i, s in enumerate(read.skips)),
        ]
    key, path, fields = item
    if isinstance(fields, str):
        return [(key, "skip", Skip(path, fields))]
    found = read_record(f"{path}#{key[1] + 1}", _plain(fields), "parquet")
    return [(key, "skip" if isinstance(found, Skip) else "document", found)]


def _is_skip(row: tuple[Key, str, Document | Skip]) -> bool:
    return row[1] == "skip"


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row's values as JSON would give them: dates and times as ISO text."""
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in fields.items()
    }


def _clean_partition(spent: Any, rows: Iterable[tuple[Key, Document]]) -> Iterator[CleanRow]:
    """Clean one partition's documents with the local engine's `clean_one`."""
    began = time.process_time()
    cleaned = [(key, document.path, clean_one(document)) for key, document in rows]
    spent.add(time.process_time() - began)
    return iter(cleaned)


def _analysed_id(row: CleanRow) -> str:
    item = row[2]
    return item.id if isinstance(item, Article) and item.analysed else ""


def _annotate_partition(
    config: Config, known: Any, spent: Any, rows: Iterable[CleanRow]
) -> Iterator[Cleaned]:
    """Annotate and parse one partition's cleaned articles (those `known`, a broadcast set of
    ids the cache holds, are left out): the stage functions the local engine calls, with the
    executor's one spaCy pipeline (its loading counted in `spent`)."""
    began = time.process_time()
    cleaned = list(rows)
    held = known.value
    todo = list(
        {
            item.id: item
            for _, _, item in cleaned
            if isinstance(item, Article) and item.analysed and item.id not in held
        }.values()
    )
    annotations: dict[str, Annotation] = {}
    parses: ParseCache = {}
    if todo:
        # what the local engine's workers do with a slice (`stages/prepare.py`): annotate,
        # then parse the sentences the quotes and events stages will ask for
        prepared = prepare_slice(
            todo, nlp=_pipeline(config.model, config.check_model), batch_size=config.batch_size
        )
        annotations = {a.article: a for a in prepared.annotations}
        parses = prepared.parses
    by_article: dict[str, ParseCache] = {}
    for sentence, arcs in parses.items():
        by_article.setdefault(sentence[0], {})[sentence] = arcs
    spent.add(time.process_time() - began)
    for key, path, item in cleaned:
        mine = item.id if isinstance(item, Article) else ""
        yield key, path, item, annotations.get(mine), by_article.get(mine, {})


@cache
def _pipeline(model: str, check: bool) -> Any:
    """The executor process's spaCy pipeline, loaded once (Spark reuses its Python workers)."""
    return annotate.load_pipeline(model, check=check)


def _collect(rdd: Any) -> list[Any]:
    try:
        return list(rdd.collect())
    except Exception as exc:  # a task's failure arrives as a Java error wrapping its own
        raise EngineError(f"the Spark job failed: {_reason(exc)}") from None


def _count(rdd: Any) -> int:
    try:
        return int(rdd.count())
    except Exception as exc:
        raise EngineError(f"the Spark job failed: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    """The line of a Spark error that says what went wrong: a storyline error's own message
    when a task raised one, else the error's last line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith("storyline.errors."):
            return line.split(": ", 1)[-1]
    return lines[-1] if lines else type(exc).__name__
