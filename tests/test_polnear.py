"""PolNeAR brat reader and span scorer, on hand-made examples."""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.polnear import (
    Counts,
    exact_matches,
    outside_discards,
    overlap_pairs,
    plain_article,
    read_brat,
    read_discards,
    score_spans,
    speaker_matches,
)
from storyline.model import Quote

ANN = (
    "T1\tSource 0 4\tLena\n"
    "T2\tCue 5 9\tsaid\n"
    "T3\tContent 10 26\tthe pier is shut\n"
    "T4\tAttribution 5 9\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 28 40\taccording to\n"
    "T6\tContent 41 45;50 54\tpart more\n"
    "T7\tAttribution 28 40\taccording to\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    "T8\tDiscuss 0 4\tLena\n"
)


def test_read_brat(tmp_path: Path) -> None:
    path = tmp_path / "doc_ab12.ann"
    path.write_text(ANN, encoding="utf-8")
    first, second = read_brat(path)
    assert first.content == ((10, 26),)
    assert first.source == ((0, 4),)
    assert first.cue == ((5, 9),)
    assert second.source is None
    assert second.content == ((41, 45), (50, 54))


def test_overlap_worked_example() -> None:
    # text positions:      0         1         2         3
    #                      0123456789012345678901234567890123456
    text = "aaaa bbbb cccc dddd eeee ffff gggg hh"
    gold = [((0, 9),), ((10, 19),), ((30, 36),)]
    system = [((5, 14),), ((15, 24),), ((0, 4),)]
    # Shared non-space characters, by hand:
    #   gold (0,9)   "aaaa bbbb": with (5,14) "bbbb" = 4, with (0,4) "aaaa" = 4
    #   gold (10,19) "cccc dddd": with (5,14) "cccc" = 4, with (15,24) "dddd" = 4
    #   gold (30,36) "gggg h": none.
    # All candidate pairs share 4; ties go to the earlier gold, then the earlier system span:
    #   gold0 takes system (0,4) [sorted system index 0]; gold1 takes (5,14) [index 1];
    #   (15,24) is left over. Pairs = 2: P = 2/3, R = 2/3, F1 = 2/3.
    assert overlap_pairs(text, gold, system) == [(0, 0), (1, 1)]
    exact, overlap = score_spans(text, gold, system)
    assert (overlap.gold, overlap.system, overlap.matched) == (3, 3, 2)
    assert overlap.to_dict()["f1"] == round(2 / 3, 4)
    assert exact.matched == 0


def test_overlap_prefers_the_larger_overlap() -> None:
    text = "x" * 40
    gold = [((0, 20),)]
    system = [((15, 40),), ((0, 18),)]
    # (0,18) shares 18 characters, (15,40) shares 5: the pair is gold0-(0,18) = index 0
    assert overlap_pairs(text, gold, system) == [(0, 0)]


def test_exact_ignores_edge_punctuation_and_space() -> None:
    text = "He said the pier is shut, again."
    assert exact_matches(text, [((8, 24),)], [((8, 25),)]) == 1  # trailing comma
    assert exact_matches(text, [((8, 24),)], [((12, 24),)]) == 0


def test_counts_to_dict() -> None:
    scores = Counts(gold=4, system=2, matched=2).to_dict()
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    assert scores["f1"] == round(2 * 0.5 / 1.5, 4)


def test_speaker_matches() -> None:
    assert speaker_matches("Vuving", "Alexander Vuving")
    assert speaker_matches("Experts", "unnamed experts")
    assert not speaker_matches("Vladimir Putin", "Alexander Vuving")


def test_discarded_text_holds_no_system_quotes(tmp_path: Path) -> None:
    """Spans the annotators marked Discard are outside the article: our quotes there are
    left out of the score instead of counting as false positives."""
    path = tmp_path / "doc_ab12.ann"
    path.write_text(ANN + "T9\tDiscard 60 70;80 90\tbio line\n", encoding="utf-8")
    assert read_discards(path) == [(60, 70), (80, 90)]
    article = plain_article("doc", "x" * 100)

    def quote(start: int) -> Quote:
        span = article.span(start, start + 5)
        return Quote(str(start), article.id, "direct", span, span, None, None)

    kept = outside_discards([quote(10), quote(65), quote(75), quote(85)], read_discards(path))
    assert [q.span.start for q in kept] == [10, 75]
