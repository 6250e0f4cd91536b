"""Bad input never ends a build with a traceback, work grows with the input, outputs are whole.

One module-scoped build (a subprocess, as a user runs it) holds every kind of input that used to
abort a build: dates far from any news, an article over spaCy's length limit per piece, a file
name that is not UTF-8, rich markup in a path. Each test checks what the user sees and that the
other inputs of the same build were built. Then: long articles annotated in pieces with exact
offsets, outputs written whole or not at all, and the cost of repetitive text growing about
linearly (counted, not timed).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.config import Config
from storyline.model import Article, Document
from storyline.stages import timex
from storyline.stages.annotate import annotate_articles, chunks
from storyline.stages.clean import clean_document
from storyline.stages.published import infer_story_dates
from storyline.stages.stated import stated_date
from storyline.store import files
from storyline.store.duckdb import Store

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
GOOD = (
    "Dock workers at the northern harbour of Kessmark walked out on Tuesday after talks with "
    "the port authority broke down, the union said.\n"
)
FAR_TEXT = (
    "The old charter of the Kessmark guild was sealed on 0001-01-01, its keepers said. The "
    "lease signed last week runs until 9999-12-31, and a second one ended on December 31, "
    "9999.\n"
)
FAR_META = (
    "---\ntitle: Far away\npublished: 9999-12-31\n---\n"
    "The ferry left yesterday and returns tomorrow.\n"
)
MARKUP = "The council of Lunmark met on Monday to discuss the ferry timetable, officials said.\n"
NOT_UTF8 = (
    "Fishermen in Ostrava harbour protested on Friday against new quotas, their union said.\n"
)


def _paragraphs(count: int) -> str:
    """Invented news paragraphs, each a little different."""
    return "\n\n".join(
        f"Crews at pier {i} of Kessmark unloaded {i % 90 + 3} containers on Monday, the port "
        f"authority said, as talks on the pay freeze went into their {i % 7 + 2}th day."
        for i in range(count)
    )


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("storyline")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


class Built:
    def __init__(self, proc: subprocess.CompletedProcess[bytes], inputs: Path, out: Path):
        self.rc = proc.returncode
        self.stdout = ANSI.sub("", proc.stdout.decode("utf-8", "replace"))
        self.stderr = ANSI.sub("", proc.stderr.decode("utf-8", "replace"))
        self.inputs = inputs
        self.out = out
        self.dossier: dict[str, Any] = json.loads((out / "dossier.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("robust")
    inputs = root / "inputs"
    (inputs / "[x]").mkdir(parents=True)
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "far.txt").write_text(FAR_TEXT, encoding="utf-8")
    (inputs / "far-meta.md").write_text(FAR_META, encoding="utf-8")
    (inputs / "[x]" / "].txt").write_text(MARKUP, encoding="utf-8")
    (inputs / "[x]" / "[red]empty].txt").write_bytes(b"")
    (inputs / "long.txt").write_text(_paragraphs(760), encoding="utf-8")  # > 2 pieces
    os.makedirs(os.fsencode(inputs), exist_ok=True)
    with open(os.path.join(os.fsencode(inputs), b"caf\xe9.txt"), "wb") as stream:
        stream.write(NOT_UTF8.encode("utf-8"))
    out = root / "out[/]"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "300"}
    proc = subprocess.run(
        # unrelated invented articles, kept as one story: this is about bad input, not stories
        [*_cli(), "build", str(inputs), "--out", str(out), "--one-story"],
        capture_output=True,
        env=env,
        timeout=900,
        check=False,
    )
    return Built(proc, inputs, out)


def _article(built: Built, name: str) -> dict[str, Any]:
    found = [a for a in built.dossier["articles"] if a["path"].endswith(name)]
    assert len(found) == 1, [a["path"] for a in built.dossier["articles"]]
    return found[0]


@pytest.mark.model
def test_the_build_finishes_without_a_traceback(built: Built) -> None:
    assert built.rc == 0, built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    # six articles, the empty file a listed skip: every input accounted for
    assert "7 input(s): 6 processed" in built.stdout
    assert len(built.dossier["articles"]) == 6
    assert {p.name for p in built.out.iterdir()} == {
        "dossier.json",
        "report.html",
        "storyline.duckdb",
        "stories.json",
        "index.html",
        "stories",
    }


@pytest.mark.model
def test_dates_far_from_any_news_are_kept_as_written(built: Built) -> None:
    far = _article(built, "far.txt")
    values = {t["value"] for t in built.dossier["timexes"] if t["article"] == far["id"]}
    assert "9999-12-31" in values
    assert far["published"] is None  # nothing there dates the writing
    meta = _article(built, "far-meta.md")
    # a metadata date that far from any news is not read as the publication date: ingest
    # says so in a note, and the text gives none either
    assert meta["published"] is None
    assert any("9999-12-31" in note for note in meta["notes"]), meta["notes"]
    _article(built, "good.txt")


@pytest.mark.model
def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(built: Built) -> None:
    article = _article(built, "caf\\xe9.txt")
    assert "Ostrava" in article["text"]
    with Store(built.out / "storyline.duckdb") as store:
        rows = store.connection.execute("SELECT path FROM articles").fetchall()
    assert any(path.endswith("caf\\xe9.txt") for (path,) in rows)


@pytest.mark.model
def test_rich_markup_in_a_path_is_printed_as_written(built: Built) -> None:
    _article(built, "[x]/].txt")
    assert "skipped: " in built.stderr
    assert "[x]/[red]empty].txt: empty file" in built.stderr
    assert f"report: {built.out / 'report.html'}" in built.stdout


@pytest.mark.model
def test_a_long_article_is_annotated_in_pieces(built: Built) -> None:
    article = _article(built, "long.txt")
    assert len(article["text"]) > 2 * 50_000
    spans = [t for t in built.dossier["timexes"] if t["article"] == article["id"]]
    assert len(spans) >= 760  # one "on Monday" per paragraph, in every piece
    assert all(article["text"][t["start"] : t["end"]] == t["text"] for t in spans)


# --- long articles in pieces ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("one.\n\ntwo.", 8),
        ("a" * 25, 10),  # no break at all: cut at the limit
        ("word " * 40, 17),  # spaces only
        ("First line\nsecond line\nthird line", 15),
        ("Short. Sentences. Here. And. There.", 12),
        ("\n\n\n\nx", 2),
    ],
)
def test_chunks_cover_the_text_exactly(text: str, limit: int) -> None:
    pieces = chunks(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < end - start <= limit for start, end in pieces)


def test_chunks_cut_at_paragraph_breaks_first() -> None:
    text = "A first paragraph.\n\nA second one. It goes on.\nSame paragraph."
    assert [text[s:e] for s, e in chunks(text, 40)] == [
        "A first paragraph.\n\n",
        "A second one. It goes on.\n",
        "Same paragraph.",
    ]


@pytest.mark.model
def test_pieces_give_exact_offsets(nlp: Any) -> None:
    text = _paragraphs(40)
    article = clean_document(Document("long.txt", text, "text"))
    whole = annotate_articles([article], nlp=nlp)[0]
    pieces = annotate_articles([article], nlp=nlp, chunk_characters=1_000)[0]
    assert len(chunks(article.text, 1_000)) > 5
    for token in pieces.tokens:
        assert article.text[token.start : token.end].strip()
    for entity in pieces.entities:
        assert article.text[entity.start : entity.end] == entity.text
    starts = [s.start for s in pieces.sentences]
    assert starts == sorted(starts)
    # cut at paragraph breaks, the pieces tokenise as the whole does
    assert [(t.start, t.end) for t in pieces.tokens] == [(t.start, t.end) for t in whole.tokens]


@pytest.mark.model
def test_spacy_s_length_limit_is_never_reached(nlp: Any) -> None:
    article = clean_document(Document("long.txt", _paragraphs(30), "text"))
    limit = nlp.max_length
    nlp.max_length = 2_000  # as if the article were over 1,000,000 characters
    try:
        annotation = annotate_articles([article], nlp=nlp)[0]
    finally:
        nlp.max_length = limit
    whole = annotate_articles([article], nlp=nlp)[0]
    assert [(t.start, t.end) for t in annotation.tokens] == [(t.start, t.end) for t in whole.tokens]
    assert all(0 <= s.start < s.end <= len(article.text) for s in annotation.sentences)


# --- outputs whole or not at all --------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dossier.json"
    files.write_text(target, '{"old": true}\n')

    def fail(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", fail)  # the new bytes are written, then it fails
    with pytest.raises(OSError, match="disk full"):
        files.write_text(target, '{"new": true}\n' * 1000)
    assert target.read_text("utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]  # no temporary file left


def test_a_failed_store_write_leaves_the_previous_store(tmp_path: Path) -> None:
    target = tmp_path / "storyline.duckdb"
    with files.replacing(target, copy=True) as database, Store(database) as store:
        store.connection.execute("CREATE TABLE marker (x INTEGER)")
        store.connection.execute("INSERT INTO marker VALUES (1)")
    with (
        pytest.raises(RuntimeError, match="killed"),
        files.replacing(target, copy=True) as database,
        Store(database) as store,
    ):
        store.connection.execute("INSERT INTO marker VALUES (2)")
        raise RuntimeError("killed")
    with Store(target) as store:
        assert store.connection.execute("SELECT count(*) FROM marker").fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["storyline.duckdb"]


def test_an_output_keeps_the_usual_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    files.write_text(target, "<p>x</p>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain.txt", "plain.txt"),
        ("caf\udce9.txt", "caf\\xe9.txt"),  # a byte that is not UTF-8, as os.listdir gives it
        ("lone\ud800", "lone\\ud800"),  # a lone surrogate from an escaped JSON string
    ],
)
def test_shown(text: str, shown: str) -> None:
    assert files.shown(text) == shown
    shown.encode("utf-8")


@pytest.mark.model
def test_a_failed_report_leaves_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app
    from storyline.report import html

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(tmp_path / "in"), "--out", str(out), "--one-story"]
    assert CliRunner().invoke(app, build).exit_code == 0
    before = (out / "report.html").read_bytes()

    def broken(dossier: object) -> str:
        raise RuntimeError("killed while rendering")

    monkeypatch.setattr(html, "render_report", broken)
    (tmp_path / "in" / "b.txt").write_text(MARKUP, encoding="utf-8")
    stories_before = (out / "stories.json").read_bytes()
    result = CliRunner().invoke(app, build)
    assert result.exit_code != 0
    assert (out / "report.html").read_bytes() == before
    assert (out / "stories.json").read_bytes() == stories_before
    assert sorted(p.name for p in out.iterdir()) == [
        "dossier.json",
        "index.html",
        "report.html",
        "stories",
        "stories.json",
        "storyline.duckdb",
    ]


# --- repetitive text: work grows about linearly -----------------------------------------------


def _repeated(count: int) -> str:
    return "\n".join(
        "\u201cThe ferry will stay in port until the talks resume,\u201d said Mira Halden."
        for _ in range(count)
    )


_SCANS = ("_inside", "_quoted")  # quotes/regions.py and events/triggers.py


def _scan_work(count: int, nlp: Any) -> int:
    """The Python calls made inside the two steps that used to scan every quote region (or
    quoted stretch) once per word (`_SCANS`), through quotes and events, for a text of
    `count` repeated quotes: a bisection makes a few per question, a scan one per region."""
    from storyline.pipeline import run

    article = clean_document(Document("r.txt", _repeated(count), "text"))
    state, _ = run([article], config=Config(), until="annotate", nlp=nlp)
    calls = [0]
    depth = [0]

    def count_calls(frame: Any, event: str, _arg: Any) -> None:
        if event == "call":
            if depth[0]:
                calls[0] += 1
                depth[0] += 1
            elif frame.f_code.co_name in _SCANS:
                depth[0] = 1
        elif event == "return" and depth[0]:
            depth[0] -= 1

    sys.setprofile(count_calls)
    try:
        run(state, config=Config(), nlp=nlp)
    finally:
        sys.setprofile(None)
    return calls[0]


@pytest.mark.model
def test_repetitive_text_costs_about_linear_work(nlp: Any) -> None:
    small = _scan_work(60, nlp)
    large = _scan_work(240, nlp)
    # four times the text: a bisection per question is a little over four times the calls;
    # the scans this replaced made it about sixteen
    assert 0 < large < 6 * small, (small, large)


# The steps that looked at every cue, name or mention for each one (quotes/content.py's
# frame search, entities' overlap checks in mentions.py, a cluster's type in _context.py).
_INDEXED = ("_framing_attribution", "_article_mentions", "_missed_names", "type")


def _indexed_work(kind: str, kilobytes: int, nlp: Any) -> int:
    """Python calls made inside `_INDEXED` through entities and quotes for one article of
    `kind` repeated to `kilobytes` KB (`evaluation/bench_repetitive.py`'s texts)."""
    from storyline.evaluation.bench_repetitive import repetitive_text
    from storyline.pipeline import run

    article = clean_document(Document("r.txt", repetitive_text(kind, kilobytes), "text"))
    state, _ = run([article], config=Config(), until="annotate", nlp=nlp)
    calls = [0]
    depth = [0]

    def count_calls(frame: Any, event: str, _arg: Any) -> None:
        if event == "call":
            if depth[0]:
                calls[0] += 1
                depth[0] += 1
            elif frame.f_code.co_name in _INDEXED:
                depth[0] = 1
        elif event == "return" and depth[0]:
            depth[0] -= 1

    sys.setprofile(count_calls)
    try:
        run(state, config=Config(), until="quotes", nlp=nlp)
    finally:
        sys.setprofile(None)
    return calls[0]


@pytest.mark.model
@pytest.mark.parametrize("kind", ["quotes", "names"])
def test_repeated_quotes_and_names_cost_linear_work_in_the_indexed_steps(
    kind: str, nlp: Any
) -> None:
    small = _indexed_work(kind, 4, nlp)
    large = _indexed_work(kind, 16, nlp)
    # four times the text: an index makes about four times the calls (a bisection's log
    # aside); the scans it replaced made twelve to sixteen times as many
    assert 0 < large < 6 * small, (kind, small, large)


def _calls_inside(function: Any, name: str) -> int:
    calls = [0]
    depth = [0]

    def count_calls(frame: Any, event: str, _arg: Any) -> None:
        if event == "call":
            if depth[0]:
                calls[0] += 1
                depth[0] += 1
            elif frame.f_code.co_name == name:
                depth[0] = 1
        elif event == "return" and depth[0]:
            depth[0] -= 1

    sys.setprofile(count_calls)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls[0]


def _name_spans(kilobytes: int) -> list[tuple[int, int]]:
    """Where the names of `kilobytes` KB of repeated text would be: one every 40 characters."""
    return [(start, start + 12 + start % 7) for start in range(0, kilobytes * 1024, 40)]


def test_overlap_checks_of_256_kb_of_names_grow_linearly() -> None:
    from storyline.stages.entities.mentions import _Occupied

    def check(kilobytes: int) -> int:
        def work() -> None:
            occupied = _Occupied()
            for start, end in _name_spans(kilobytes):
                occupied.overlaps(start, end)
                occupied.add(start, end)

        return _calls_inside(work, "overlaps")

    half, whole = check(128), check(256)
    # twice the names: a bisection per name is a little over twice the work, a scan four
    assert 0 < whole < 3 * half, (half, whole)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    taken=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    asked=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
)
def test_overlap_checks_answer_as_a_scan_of_every_span(
    taken: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    from storyline.stages.entities.mentions import _Occupied

    occupied = _Occupied(taken)
    spans = list(taken)
    for start, end in asked:
        assert occupied.overlaps(start, end) == any(s < end and start < e for s, e in spans)
        occupied.add(start, end)
        spans.append((start, end))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    position=st.integers(-2, 62),
    closed=st.booleans(),
)
def test_spans_holding_a_position_are_those_a_scan_finds(
    spans: list[tuple[int, int]], position: int, closed: bool
) -> None:
    from storyline.stages.quotes.content import _Spans

    expected = [
        i for i, (s, e) in enumerate(spans) if s <= position < e or (closed and s <= position <= e)
    ]
    assert _Spans(spans).holding(position, closed=closed) == expected


def test_a_clusters_type_asked_for_each_mention_is_counted_once() -> None:
    from storyline.stages.entities._context import _Cluster, _Mention

    def asked(count: int) -> int:
        mentions = [
            _Mention("a", i, i + 5, "Halden", "PERSON", ("halden",), "PERSON") for i in range(count)
        ]
        cluster = _Cluster(mentions)

        def work() -> None:
            for _ in range(count):
                assert cluster.type == "PERSON"

        return _calls_inside(work, "type")

    assert 0 < asked(4000) < 3 * asked(2000)


def test_a_clusters_type_follows_a_change_of_its_mentions() -> None:
    from storyline.stages.entities._context import _Cluster, _Mention

    mention = _Mention("a", 0, 6, "Halden", "ORG", ("halden",), "ORG")
    cluster = _Cluster([mention])
    assert cluster.type == "ORG"
    mention.type = "GPE"
    assert cluster.type == "GPE"
    cluster.mentions.append(_Mention("a", 9, 20, "Mira Halden", "PERSON", ("mira", "halden"), ""))
    assert cluster.type == "PERSON"


def test_a_page_that_cleaning_empties_is_a_listed_skip(tmp_path: Path) -> None:
    # found by the long fuzz run: a file of nothing but page furniture became an article
    # with no text
    from storyline.pipeline import run

    (tmp_path / "credits.txt").write_text("Photo: Reuters\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    state, _ = run({"paths": [str(tmp_path)]}, config=Config(), until="clean")
    assert [a.path for a in state["articles"]] == [str(tmp_path / "good.txt")]
    (skip,) = [r for r in state["inputs"] if r.status == "skipped"]
    assert skip.path == str(tmp_path / "credits.txt")
    assert skip.reason.startswith("no article text left after cleaning (dropped: photo credit")


# --- fuzzing: ingest, cleaning and the date stages never fail -------------------------------

# A longer run: STORYLINE_FUZZ_DATES=20000 STORYLINE_FUZZ_INGEST=1000 pytest -k fuzz
_EXAMPLES_DATES = int(os.environ.get("STORYLINE_FUZZ_DATES", "150"))
_EXAMPLES_INGEST = int(os.environ.get("STORYLINE_FUZZ_INGEST", "25"))
_PIECES = [
    "9999-12-31",
    "0001-01-01",
    "December 31, 9999",
    "1 January 1",
    "February 30, 2024",
    "31.12.9999",
    "June 20, 2024 - 16:41",
    "Monday, 17 June 2024, 14:44",
    "20.06.2024",
    "Published 17 Jun 2024",
    "Updated 18 June 2024",
    "06/07/2024",
    "yesterday",
    "tomorrow",
    "next week",
    "nine months ago",
    "on Wednesday",
    "in May",
    "the day before",
    "KESSMARK, June 20, 2024 (Wire) -",
    "(Photo: Mira Halden) June 3, 2024",
    "\u201cWe will stay,\u201d said Mira Halden.",
    "\u00a9 2023 Harbour Weekly",
    "Share this article",
]
_SEPARATORS = [" ", "\n", "\n\n", "\t", "\u2028", "\r\n", ". ", ", "]
_texts = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.sampled_from(_SEPARATORS),
        st.text(max_size=40),
        st.from_regex(r"[0-9]{1,5}[-/.:][0-9]{1,4}([-/.][0-9]{1,5})?", fullmatch=True),
    ),
    max_size=30,
).map("".join)
_urls = st.one_of(
    st.none(),
    st.builds(
        "https://news.example/{}/{}".format,
        st.from_regex(r"[0-9]{1,8}(/[0-9]{1,4}){0,3}", fullmatch=True),
        st.text(alphabet="abc-_.?=/0123456789", max_size=12),
    ),
)
_given = st.one_of(st.none(), st.dates().map(date.isoformat))
_files = st.lists(
    st.tuples(
        st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".bin", ""]),
        st.one_of(
            _texts.map(lambda t: t.encode("utf-8")),
            _texts.map(lambda t: t.encode("utf-16")),
            _texts.map(lambda t: t.encode("cp1252", "replace")),
            st.binary(max_size=300),
            st.builds(
                lambda t, d: json.dumps({"text": t, "published": d}).encode("utf-8"),
                _texts,
                st.text(max_size=12),
            ),
        ),
        st.booleans(),  # a file name that is not UTF-8
    ),
    min_size=1,
    max_size=4,
)


def _check_article(article: Article) -> None:
    for published in [article.published] if article.published else []:
        assert published.earliest <= published.latest
        for span in published.evidence:
            assert 0 <= span.start <= span.end <= len(article.text)
            assert article.text[span.start : span.end] == span.text


@settings(derandomize=True, max_examples=_EXAMPLES_INGEST, deadline=None)
@given(_files)
def test_fuzz_ingest_and_cleaning_account_for_every_input(
    found: list[tuple[str, bytes, bool]],
) -> None:
    from storyline.stages.ingest import ingest

    with tempfile.TemporaryDirectory() as folder:
        root = os.fsencode(folder)
        names = []
        for i, (suffix, data, odd) in enumerate(found):
            name = (b"f\xe9" if odd else b"f") + str(i).encode() + suffix.encode()
            with open(os.path.join(root, name), "wb") as stream:
                stream.write(data)
            names.append(os.fsdecode(name))
        ingested = ingest([folder], max_bytes=10_000)
        paths = [d.path for d in ingested.documents] + [s.path for s in ingested.skips]
        for name in names:  # a document or a skip for every file
            assert any(name in path for path in paths), (name, paths)
        for skip in ingested.skips:
            assert skip.reason and "\n" not in skip.reason
        for document in ingested.documents:
            article = clean_document(document)
            for segment in article.segments:
                raw = article.raw[segment.raw_start : segment.raw_start + segment.length]
                assert article.text[segment.start : segment.start + segment.length] == raw
            files.shown(article.path).encode("utf-8")


@settings(derandomize=True, max_examples=_EXAMPLES_DATES, deadline=None)
@given(st.lists(st.tuples(_texts, _urls, _given), min_size=1, max_size=3))
def test_fuzz_publication_dates_and_time_expressions(
    found: list[tuple[str, str | None, str | None]],
) -> None:
    articles = [
        clean_document(Document(f"a{i}.txt", text, "text", url=url, published=day))
        for i, (text, url, day) in enumerate(found)
    ]
    for article in articles:
        stated = stated_date(article)
        if stated is not None:
            _check_article(replace(article, published=stated))
    dated = infer_story_dates(articles, [])
    assert [a.id for a in dated] == [a.id for a in articles]
    for article in dated:
        _check_article(article)
        dct = article.published.earliest if article.published else None
        for found_timex in timex.tag(article.text, dct):
            assert 0 <= found_timex.start < found_timex.end <= len(article.text)
            assert article.text[found_timex.start : found_timex.end] == found_timex.text


# The steps that scanned a whole article for each question (session 10, second pass):
# quotes/confidence.py's token starts, quotes/_context.py's sentence and paragraph at a
# position, quotes/speaker.py's entity at a noun.
_INDEXED_SECOND = ("_head_of", "_sentence_at", "_paragraph_at", "_named")


def _work_in(names: tuple[str, ...], kind: str, kilobytes: int, until: str, nlp: Any) -> int:
    """Lines of Python run inside the functions `names` (and what they call) through the
    stages up to `until` for one article of `kind` repeated to `kilobytes` KB: lines, not
    calls, because a scan is a loop or a comprehension that calls nothing per step."""
    from storyline.evaluation.bench_repetitive import repetitive_text
    from storyline.pipeline import run

    article = clean_document(Document("r.txt", repetitive_text(kind, kilobytes), "text"))
    state, _ = run([article], config=Config(), until="annotate", nlp=nlp)
    lines = [0]
    depth = [0]

    def inside(frame: Any, event: str, _arg: Any) -> Any:
        if event == "line":
            lines[0] += 1
        elif event == "return":
            depth[0] -= 1
        return inside

    def calls(frame: Any, event: str, _arg: Any) -> Any:
        if depth[0] or frame.f_code.co_name in names:
            depth[0] += 1
            return inside
        return None

    sys.settrace(calls)
    try:
        run(state, config=Config(), until=until, nlp=nlp)
    finally:
        sys.settrace(None)
    return lines[0]


@pytest.mark.model
def test_repeated_quotes_cost_linear_work_in_the_quote_lookups(nlp: Any) -> None:
    small = _work_in(_INDEXED_SECOND, "quotes", 4, "quotes", nlp)
    large = _work_in(_INDEXED_SECOND, "quotes", 16, "quotes", nlp)
    # four times the text: an index built once and a bisection per question run about four
    # times the lines; a scan of every token, sentence or entity per question about sixteen
    assert 0 < large < 6 * small, (small, large)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    position=st.integers(-2, 62),
    closed=st.booleans(),
)
def test_starts_answer_as_a_scan_of_the_spans_in_their_order(
    spans: list[tuple[int, int]], position: int, closed: bool
) -> None:
    from storyline.stages._index import Starts

    index = Starts(spans)
    holding = [
        i for i, (s, e) in enumerate(spans) if s <= position < e or (closed and s <= position <= e)
    ]
    assert index.holding(position, closed=closed) == holding
    assert index.starting(position) == [i for i, (s, _e) in enumerate(spans) if s == position]


def test_an_index_is_built_once_per_object_and_again_for_another() -> None:
    from storyline.stages._index import once

    built: list[int] = []

    def build(value: int) -> int:
        built.append(value)
        return value

    first, second = [1, 2], [1, 2]  # equal, not the same object
    assert once("test", first, lambda: build(1)) == 1
    assert once("test", first, lambda: build(9)) == 1
    assert once("test", second, lambda: build(2)) == 2
    assert built == [1, 2]


@pytest.mark.model
@pytest.mark.parametrize(
    ("names", "kind", "until"),
    [
        # entities/roles.py's name at a position, entities/in_article.py's full names
        (
            ("_entity_at", "_org_descriptions", "_apposition", "_of_affiliation"),
            "names",
            "entities",
        ),
        (("_link_in_article",), "names", "entities"),
        # published._near's longest span, timex/detection._select's overlap check
        (("_near",), "dates", "published"),
        (("_select",), "dates", "timex"),
        # events/dating._gatherings: the tokens of the trigger's sentence
        (("_gatherings",), "quotes", "events"),
    ],
)
def test_lookups_on_repeated_text_cost_linear_work(
    names: tuple[str, ...], kind: str, until: str, nlp: Any
) -> None:
    small = _work_in(names, kind, 4, until, nlp)
    large = _work_in(names, kind, 16, until, nlp)
    # four times the text: about four times the lines; a scan per question was sixteen
    assert 0 < large < 6 * small, (names, small, large)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=16),
)
def test_taken_answers_as_a_look_at_every_span_taken(spans: list[tuple[int, int]]) -> None:
    from storyline.stages._index import Taken

    taken = Taken()
    seen: list[tuple[int, int]] = []
    for start, end in spans:
        assert taken.overlaps(start, end) == any(start < e and s < end for s, e in seen)
        taken.add(start, end)
        seen.append((start, end))


def _linked_by_scans(mentions: list[Any]) -> list[list[int]]:
    """`in_article._link_in_article` as it was before its indexes: every person and every
    organisation looked at for each name (the reference the indexed version must match)."""
    from rapidfuzz import fuzz

    from storyline.stages.entities import in_article
    from storyline.stages.entities._context import _UnionFind

    uf = _UnionFind(len(mentions))
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        family = "PLACE" if m.type in in_article.PLACE else m.type
        if m.city:
            family = "CITY"
        slot = (family, m.key)
        if slot in first_by_key:
            uf.union(first_by_key[slot], i)
        else:
            first_by_key[slot] = i
    persons = [
        i
        for i, m in enumerate(mentions)
        if m.type == "PERSON" and len(m.words) > 1 and not m.country
    ]

    def nearest(index: int, candidates: list[int]) -> int | None:
        before = [c for c in candidates if c < index]
        return before[-1] if before else (candidates[0] if candidates else None)

    for i, m in enumerate(mentions):
        if len(m.words) != 1 or m.country or m.city or m.type in ("NORP", "EVENT"):
            continue
        word = m.words[0]
        target = None
        by_last = [p for p in persons if mentions[p].words[-1] == word]
        by_first = [p for p in persons if mentions[p].words[0] == word]
        if by_last:
            target = nearest(i, by_last)
        elif by_first:
            target = nearest(i, by_first)
        elif len(word) >= 4:
            close = [
                p
                for p in persons
                if mentions[p].words[-1][:1] == word[:1]
                and fuzz.ratio(mentions[p].words[-1], word) >= in_article._FUZZY_SURNAME
            ]
            if len({mentions[p].words for p in close}) == 1:
                target = nearest(i, close)
        if target is not None:
            uf.union(target, i)
            m.type = "PERSON"
    orgs = [i for i, m in enumerate(mentions) if m.type == "ORG"]
    for i in orgs:
        m = mentions[i]
        if in_article._is_acronym(m):
            letters = m.text.replace(".", "").casefold()
            for j in orgs:
                other = mentions[j]
                if (
                    j != i
                    and not in_article._is_acronym(other)
                    and in_article._initials(other.words) == letters
                ):
                    uf.union(i, j)
                    break
            continue
        for j in orgs:
            if j != i and in_article._names_org_variant(m.words, mentions[j].words, minimum=2):
                uf.union(i, j)
        if len(m.words) == 1:
            longer = {
                mentions[j].words
                for j in orgs
                if len(mentions[j].words) > 1 and mentions[j].words[0] == m.words[0]
            }
            if len(longer) == 1:
                for j in orgs:
                    if mentions[j].words in longer:
                        uf.union(i, j)
    return uf.groups()


_NAME_WORDS = ("port", "authority", "halden", "mira", "halder", "ek")


@settings(max_examples=600, derandomize=True, deadline=None)
@given(
    names=st.lists(
        st.tuples(
            st.sampled_from(["PERSON", "ORG", "GPE"]),
            st.one_of(
                st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3).map(tuple),
                st.sampled_from([("kpa",), ("pa",), ("ka",)]),
            ),
        ),
        max_size=14,
    )
)
@example(  # a first name two full names share: the nearest one before it
    names=[("PERSON", ("mira", "halden")), ("PERSON", ("mira", "ek")), ("PERSON", ("mira",))]
)
def test_linking_in_an_article_groups_as_the_scans_did(
    names: list[tuple[str, tuple[str, ...]]],
) -> None:
    from types import SimpleNamespace

    from storyline.stages.entities._context import _Mention
    from storyline.stages.entities.in_article import _link_in_article

    def made() -> list[Any]:
        out = []
        for n, (kind, words) in enumerate(names):
            text = words[0].upper() if words in (("kpa",), ("pa",), ("ka",)) else " ".join(words)
            out.append(_Mention("a", n * 40, n * 40 + len(text), text, kind, words, kind))
        return out

    toks: Any = SimpleNamespace(text="")  # no "(" before an acronym: no expansion looked for
    got = [[m.start // 40 for m in c.mentions] for c in _link_in_article(made(), toks)]
    assert got == _linked_by_scans(made())


# The steps of the quotes stage that still looked at every entity, quote, attribution or
# quote region for each question (session 10, third pass): `_context._is_date`,
# `speaker._speaker_type`, `content._said_thing`, `channels._is_outlet` and
# `models/cues.verb_features` (the entities at a position), `confidence._features` (the other
# quotes holding a position), `content._indirect` (the contents holding a verb, the quote
# regions overlapping a span) and `merge._candidate_pairs` (only keys of other articles).
@pytest.mark.model
@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (("_is_date",), "names"),
        (("_speaker_type", "_said_thing", "_is_outlet"), "quotes"),
        (("_features",), "quotes"),
        (("verb_features",), "quotes"),
        (("_indirect",), "names"),
        (("_candidate_pairs",), "quotes"),
    ],
)
def test_the_quotes_stage_costs_linear_work_on_repeated_text(
    names: tuple[str, ...], kind: str, nlp: Any
) -> None:
    small = _work_in(names, kind, 4, "quotes", nlp)
    large = _work_in(names, kind, 16, "quotes", nlp)
    # four times the text: about four times the lines; a scan per question was twelve to
    # sixteen
    assert 0 < large < 6 * small, (names, small, large)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    start=st.integers(-2, 62),
    end=st.integers(-2, 62),
)
def test_spans_overlapping_a_stretch_are_those_a_scan_finds(
    spans: list[tuple[int, int]], start: int, end: int
) -> None:
    from storyline.stages._index import Starts

    scan = [i for i, (s, e) in enumerate(spans) if s < end and start < e]
    assert Starts(spans).overlapping(start, end) == scan


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    entities=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 12), st.sampled_from(["DATE", "ORG"])),
        max_size=10,
    ),
    position=st.integers(-1, 55),
)
def test_entities_at_a_position_are_those_a_scan_finds(
    entities: list[tuple[int, int, str]], position: int
) -> None:
    from types import SimpleNamespace

    from storyline.model import NamedEntity
    from storyline.stages.quotes._context import _entities_at, _overlaps_region, _Region

    found = tuple(NamedEntity(s, s + n, label, "x" * n) for s, n, label in entities)
    annotation: Any = SimpleNamespace(entities=found)
    scan = [e for e in found if e.start <= position < e.end]
    assert _entities_at(annotation, position) == scan
    # the same spans as quote regions: overlapping the stretch of one character at `position`
    regions = [_Region(s, None, s + n) for s, n, _label in entities]
    scanned = any(r.open < position + 1 and position < r.end for r in regions)
    assert _overlaps_region(regions, position, position + 1) == scanned


def test_one_article_alone_has_no_candidate_pairs() -> None:
    from storyline.stages.quotes.merge import _candidate_pairs

    keys = ["the ferry will stay in port until the talks resume"] * 3 + ["the talks resume"]
    assert _candidate_pairs(keys, ["a"] * 4, 90.0) == []
    # the same words across the two articles; the short key is too short for `ratio`
    assert _candidate_pairs(keys, ["a", "b", "a", "b"], 90.0) == [(0, 1), (1, 2)]
