"""`storyline build` on a pile of two invented stories: stories.json, one dossier and report
per story, the index page; `--one-story` keeps every article in one dossier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

STRIKE = [
    (
        "strike-1.txt",
        "2031-03-02",
        "Ferry crews in Kessvik voted to strike after talks with Nordhavn Lines collapsed. The "
        "Kessvik crews union said Nordhavn Lines refused a wage offer, union leader Asta "
        "Vireling said.",
    ),
    (
        "strike-2.txt",
        "2031-03-09",
        "The ferry strike in Kessvik entered its first week. Nordhavn Lines cancelled every "
        "crossing to Orrby. Asta Vireling told the crews union the strike would go on.",
    ),
]
BLIGHT = [
    (
        "blight-1.txt",
        "2031-03-04",
        "A blight spread through the apple orchards of Trellmoor, growers said. The Trellmoor "
        "growers cooperative asked the agriculture office in Dunmere to test leaves, chair "
        "Ilse Marrow said.",
    ),
    (
        "blight-2.txt",
        "2031-03-16",
        "Tests in Dunmere confirmed a fungal blight in the Trellmoor orchards. Ilse Marrow said "
        "the growers cooperative would burn infected apple trees.",
    ),
]


def _write(folder: Path, articles: list[tuple[str, str, str]]) -> None:
    folder.mkdir(exist_ok=True)
    for name, day, text in articles:
        (folder / name).write_text(f"Date: {day}\n\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pile") / "inputs"
    _write(folder, [*STRIKE, *BLIGHT])
    (folder / "zz-strike-1.txt").write_bytes((folder / "strike-1.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.model
def test_a_pile_of_two_stories_gives_two_dossiers(pile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(pile), "--out", str(out)])
    assert result.exit_code == 0, result.output
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert len(stories) == 2
    by_names = {tuple(Path(p).name for p in s["articles"]): s for s in stories}
    assert set(by_names) == {("strike-1.txt", "strike-2.txt"), ("blight-1.txt", "blight-2.txt")}
    strike = by_names[("strike-1.txt", "strike-2.txt")]
    assert (strike["first"], strike["last"]) == ("2031-03-02", "2031-03-09")
    index = (out / "index.html").read_text(encoding="utf-8")
    for story in stories:
        folder = out / "stories" / story["id"]
        dossier = json.loads((folder / "dossier.json").read_text(encoding="utf-8"))
        assert sorted(a["path"] for a in dossier["articles"]) == sorted(story["articles"])
        assert (folder / "report.html").is_file()
        assert (folder / "storyline.duckdb").is_file()
        assert f'href="stories/{story["id"]}/report.html"' in index
    assert "2 story(ies)" in result.stdout
    # a duplicate is accounted for in its original's story, a skipped input in none
    strike_dossier = json.loads(
        (out / "stories" / strike["id"] / "dossier.json").read_text(encoding="utf-8")
    )
    statuses = sorted((Path(r["path"]).name, r["status"]) for r in strike_dossier["inputs"])
    assert statuses == [
        ("strike-1.txt", "processed"),
        ("strike-2.txt", "processed"),
        ("zz-strike-1.txt", "duplicate"),
    ]
    assert "skipped" in result.output
    assert not (out / "dossier.json").exists()


@pytest.mark.model
def test_one_story_keeps_every_article_in_one_dossier(pile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(pile), "--out", str(out), "--one-story"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert len(story["articles"]) == 4
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["articles"]) == 4
    story_dossier = out / "stories" / story["id"] / "dossier.json"
    assert story_dossier.read_bytes() == (out / "dossier.json").read_bytes()
