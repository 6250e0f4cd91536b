"""`make bench`'s incremental measure (evaluation/bench.py) on invented articles."""

from __future__ import annotations

import pytest

from storyline.config import Config
from storyline.evaluation.bench import rebuild_one_more


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
