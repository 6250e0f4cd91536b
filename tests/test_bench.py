"""`make bench` (evaluation/bench.py): its mix of texts, its JSON line, and its incremental
measure on invented articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluation.bench import bench_records, main, rebuild_one_more
from storyline.evaluation.corpora import iter_corpus


@pytest.mark.model
def test_a_rebuild_with_one_more_article_annotates_only_it() -> None:
    records = [
        {
            "title": f"Harbour cranes, day {n}",
            "published": f"2031-05-0{n}",
            "text": f"Dock workers at Pellmouth stayed out for a {word} day, the union said. "
            "Port manager Ilse Varrow said talks would resume.",
        }
        for n, word in ((1, "first"), (2, "second"), (3, "third"))
    ]
    orchard = {
        "title": "Frost in Quellbury",
        "published": "2031-05-02",
        "text": "A late frost killed the cherry blossom in the Quellbury orchards, grower "
        "Odile Fenwick said. The Quellbury growers guild asked for drought aid.",
    }
    measured = rebuild_one_more([orchard, *records], config=Config())
    assert measured["articles"] == 4 and measured["annotated_again"] == 1
    # the orchard story is kept; the dock story is built again, its new article alone read
    assert measured["stories"] == 2 and measured["stories_rebuilt"] == 1
    assert measured["events_extracted_again"] == 1
    assert measured["cold_cpu_seconds"] > 0 and measured["rebuild_cpu_seconds"] > 0
    # the share is of the unrounded seconds; the seconds are given to 0.01 s
    rebuilt, cold = measured["rebuild_cpu_seconds"], measured["cold_cpu_seconds"]
    lowest, highest = (rebuilt - 0.005) / (cold + 0.005), (rebuilt + 0.005) / (cold - 0.005)
    assert lowest - 0.0005 <= measured["share_of_cold"] <= highest + 0.0005


def test_the_bench_mix_takes_each_corpus_in_turn(shared: Path) -> None:
    records = bench_records(shared / "data", 6)
    polnear = next(iter_corpus("polnear", shared / "data"))
    assert len(records) == 6 and records[0]["text"] == polnear.text
    assert len({r["text"] for r in records}) == 6


@pytest.mark.model
def test_the_bench_prints_one_json_line_last(shared: Path, capsys: pytest.CaptureFixture) -> None:
    main(["--data", str(shared / "data"), "--sizes", "2", "--no-rebuild", "--json"])
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["articles"] == 2 and last["ratio"] > 0
    assert last["peak_rss_mb"] > 0 and last["baseline_peak_rss_mb"] > 0
    assert set(last["sizes"]["2"]) >= {"bare_seconds", "build_seconds", "build_peak_rss_mb"}
