"""Incremental builds (issues 21 and 22): a rebuild with one more article annotates and
extracts only it, builds again only the story it joined, removes the folders of stories that no
longer exist, never reuses a result kept under another key, and writes the same bytes as a cold
build. The articles are invented."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import incremental
from storyline.cli import app
from storyline.config import Config
from storyline.evaluation.corpora import text_article
from storyline.model import (
    Article,
    ArticleTimex,
    Dossier,
    Entity,
    EventDate,
    EventMention,
    InputReport,
    Mention,
    Participant,
)
from storyline.pipeline import build_stories
from storyline.stages import timex
from storyline.store import codec
from storyline.store.duckdb import Store
from storyline.store.export import dossier_json
from storyline.store.files import remove_stale_stories

BRIDGE = [
    (
        "bridge-1.txt",
        "2032-04-03",
        "Engineers closed the Calbrook river bridge after cracks were found in its north pier, "
        "the Calbrook roads office said. Office director Tamsin Ruvel said the bridge would stay "
        "shut for two weeks.",
    ),
    (
        "bridge-2.txt",
        "2032-04-06",
        "Traffic from the closed Calbrook bridge jammed the ring road on Monday. Tamsin Ruvel "
        "said divers from the Calbrook roads office would inspect the north pier.",
    ),
]
BRIDGE_MORE = (
    "bridge-3.txt",
    "2032-04-09",
    "Divers found the north pier of the Calbrook bridge sound, the Calbrook roads office said. "
    "Tamsin Ruvel said the bridge would reopen on Friday.",
)
CHOIR = [
    (
        "choir-1.txt",
        "2032-04-02",
        "Forty choirs will sing at the Ostmere harbour festival in May, the Ostmere arts council "
        "said. Council chair Bennet Alloway said tickets went on sale on Tuesday.",
    ),
    (
        "choir-2.txt",
        "2032-04-08",
        "Tickets for the Ostmere harbour festival sold out in a day. Bennet Alloway said the "
        "Ostmere arts council would add a second stage for the choirs.",
    ),
]


def _write(folder: Path, articles: list[tuple[str, str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, day, text in articles:
        (folder / name).write_text(f"Date: {day}\n\n{text}\n", encoding="utf-8")


def _article(text: str = "Ruvel said the bridge would reopen.", **changes: object) -> Article:
    article = text_article("a1.txt", text, article_id="a1")
    return replace(article, **changes)  # type: ignore[arg-type]


def _mention(article: Article) -> EventMention:
    trigger = article.span(article.text.index("reopen"), article.text.index("reopen") + 6)
    who = Participant(article.span(0, 5), "Tamsin Ruvel", "e1")
    return EventMention(
        article=article.id,
        trigger=trigger,
        sentence=article.span(0, len(article.text)),
        predicate="reopen",
        type=None,
        mode=None,
        actors=(who,),
        targets=(),
        location=None,
        date=EventDate("2032-04-16", "day", trigger),
        status="expected",
        cue=None,
        vector=(0.125, -0.3333, 1e-05),
    )


def test_records_read_back_from_the_store_are_the_same() -> None:
    article = _article()
    mention = _mention(article)
    dossier = Dossier(
        articles=(article,), entities=(), inputs=(InputReport("a1.txt", "processed", "a1"),)
    )
    assert codec.loads(Dossier, codec.dumps(dossier)) == dossier
    back = codec.loads_list(EventMention, codec.dumps([mention]))
    assert back == [mention] and back[0].vector == mention.vector  # vector: compare=False


def test_a_path_that_is_not_utf8_is_kept_and_read_back(fresh_store: Store) -> None:
    # a file name in Latin-1 reaches Python as a lone surrogate (os.fsdecode)
    article = _article(path="caf\udce9.txt")
    fresh_store.save_cleaned({"doc-1": article}, "config-1")
    assert fresh_store.load_cleaned(["doc-1"], "config-1") == {"doc-1": article}


def test_a_cached_result_under_another_key_or_config_is_not_reused(fresh_store: Store) -> None:
    article = _article()
    fresh_store.save_mentions({"a1": ("key-1", [_mention(article)])}, "config-1")
    assert fresh_store.load_mentions({"a1": "key-1"}, "config-1") == {"a1": [_mention(article)]}
    assert fresh_store.load_mentions({"a1": "key-2"}, "config-1") == {}
    assert fresh_store.load_mentions({"a1": "key-1"}, "config-2") == {}
    dossier = Dossier(articles=(article,), entities=(), inputs=())
    fresh_store.save_story("story-1", "key-1", dossier, "config-1")
    assert fresh_store.load_story("story-1", "key-1", "config-1") == dossier
    assert fresh_store.load_story("story-1", "key-2", "config-1") is None
    assert fresh_store.load_story("story-1", "key-1", "config-2") is None
    fresh_store.keep_stories(["story-2"], "config-1")
    assert fresh_store.load_story("story-1", "key-1", "config-1") is None


def test_a_mention_key_holds_what_the_events_stage_reads() -> None:
    article = _article()
    ruvel = Entity("e1", "Tamsin Ruvel", "PERSON", (), (), (Mention("a1", 0, 5, "Ruvel"),))
    mentioned = incremental.entity_mentions([ruvel])["a1"]
    key = incremental.mention_key(article, [], mentioned)
    # another article naming the same person changes nothing this article's stage reads
    elsewhere = replace(ruvel, mentions=(*ruvel.mentions, Mention("a2", 0, 5, "Ruvel")))
    assert (
        incremental.mention_key(article, [], incremental.entity_mentions([elsewhere])["a1"]) == key
    )
    # what it reads does change the key: the entity's name, a time expression, the article
    renamed = replace(ruvel, name="T. Ruvel")
    assert incremental.mention_key(article, [], incremental.entity_mentions([renamed])["a1"]) != key
    friday = ArticleTimex("t1", "a1", 0, 5, "Ruvel", "DATE", "2032-04-16")
    assert incremental.mention_key(article, [friday], mentioned) != key
    dated = replace(article, given_date="2032-04-09")
    assert incremental.mention_key(dated, [], mentioned) != key
    # the inputs a story accounts for are part of its key
    inputs = [InputReport("a1.txt", "processed", "a1")]
    twice = [*inputs, InputReport("copy.txt", "duplicate", "a1", "same text as a1.txt")]
    assert incremental.story_key([article], inputs) != incremental.story_key([article], twice)


def test_only_folders_of_stories_that_are_gone_are_removed(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    for name in ("story-0a1b", "story-2c3d", "story-9f9f"):
        (stories / name).mkdir(parents=True)
        (stories / name / "dossier.json").write_text("{}", encoding="utf-8")
    (stories / "notes").mkdir()
    (stories / "notes" / "report.html").write_text("mine", encoding="utf-8")
    (stories / "story-7e7e").mkdir()  # not written by a build: nothing in it is ours
    removed = remove_stale_stories(stories, ["story-0a1b"])
    assert [p.name for p in removed] == ["story-2c3d", "story-9f9f"]
    assert sorted(p.name for p in stories.iterdir()) == ["notes", "story-0a1b", "story-7e7e"]


@pytest.mark.model
def test_one_more_article_rebuilds_only_its_story_and_gives_the_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pile"
    _write(folder, [*BRIDGE, *CHOIR])
    with Store(tmp_path / "store.duckdb") as store:
        first = build_stories([folder], config=Config(), cache=store)
        assert len(first.stories) == 2 and first.annotated == 4
        assert not any(built.reused for built in first.stories)
        _write(folder, [BRIDGE_MORE])
        detected: list[str] = []
        detect = timex.detect_articles

        def counted(articles: list[Article], annotations: list[object]) -> object:
            detected.extend(a.path for a in articles)
            return detect(articles, annotations)  # type: ignore[arg-type]

        monkeypatch.setattr(timex, "detect_articles", counted)
        again = build_stories([folder], config=Config(), cache=store)
        # time expressions are detected in the new article only (the others' are in the store)
        assert [Path(p).name for p in detected] == ["bridge-3.txt"]
        assert again.annotated == 1 and again.cached == 4
        assert again.extracted == 1  # the other bridge articles' event mentions are kept
        reused = {"bridge" in b.dossier.articles[0].path: b.reused for b in again.stories}
        assert reused == {True: False, False: True}  # the choir story is kept
        # a build with nothing new rebuilds nothing
        same = build_stories([folder], config=Config(), cache=store)
        assert all(built.reused for built in same.stories) and same.extracted == 0
        # other code (a changed rule or word list): nothing kept is reused
        monkeypatch.setattr(incremental, "code_version", lambda: "other code")
        detected.clear()
        changed = build_stories([folder], config=Config(), cache=store)
        assert not any(built.reused for built in changed.stories) and changed.extracted == 5
        assert len(detected) == 5  # time expressions detected again by the other code
    with Store(tmp_path / "cold.duckdb") as store:
        cold = build_stories([folder], config=Config(), cache=store)
    assert [dossier_json(b.dossier) for b in again.stories] == [
        dossier_json(b.dossier) for b in cold.stories
    ]
    assert [dossier_json(b.dossier) for b in changed.stories] == [
        dossier_json(b.dossier) for b in cold.stories
    ]


@pytest.mark.model
def test_a_config_change_recomputes_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pile"
    _write(folder, BRIDGE)
    with Store(tmp_path / "store.duckdb") as store:
        build_stories([folder], config=Config(), cache=store)
        monkeypatch.setattr(Config, "fingerprint", lambda self: '{"model": "another"}')
        again = build_stories([folder], config=Config(), cache=store)
    assert again.annotated == 2 and again.extracted == 2
    assert not any(built.reused for built in again.stories)


@pytest.mark.model
def test_a_rebuild_into_the_folder_keeps_unchanged_stories_and_removes_stale_ones(
    tmp_path: Path,
) -> None:
    pile, out, cold = tmp_path / "pile", tmp_path / "out", tmp_path / "cold"
    _write(pile, [*BRIDGE, *CHOIR])
    assert CliRunner().invoke(app, ["build", str(pile), "--out", str(out)]).exit_code == 0
    listing = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    choir = next(s["id"] for s in listing if "choir" in s["articles"][0])
    report = out / "stories" / choir / "report.html"
    report.write_text(report.read_text(encoding="utf-8") + "<!-- left in place -->", "utf-8")
    stale = out / "stories" / "story-00c0ffee"
    stale.mkdir()
    (stale / "dossier.json").write_text("{}", encoding="utf-8")
    _write(pile, [BRIDGE_MORE])
    result = CliRunner().invoke(app, ["build", str(pile), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "(1 annotated, 4 from the store's cache)" in result.stdout
    assert report.read_text(encoding="utf-8").endswith("<!-- left in place -->")
    assert not stale.exists()
    assert CliRunner().invoke(app, ["build", str(pile), "--out", str(cold)]).exit_code == 0
    names = sorted(p.relative_to(cold).as_posix() for p in cold.rglob("*.json"))
    assert names == sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*.json") if p.name != "changes.json"
    )
    for name in names:
        assert (out / name).read_bytes() == (cold / name).read_bytes(), name
    assert (out / "index.html").read_bytes() == (cold / "index.html").read_bytes()
