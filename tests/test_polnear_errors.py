"""The PolNeAR source error buckets, on invented text."""

from __future__ import annotations

from storyline.evaluation.polnear import (
    BratAttribution,
    document_errors,
    plain_article,
    summarize_errors,
)
from storyline.model import Quote, Speaker

# Four attributions, by character:
#   0-4 "Lena" said (5-9) 10-26 "the pier is shut".
#   28-31 "Tom" claimed (32-39) 40-58 "the ferry was late".
#   60-62 "He" warned (63-69) 70-86 "tolls would rise".
#   88-92 "Ruth" thinks (93-99) 100-114 "rain is coming".
TEXT = (
    "Lena said the pier is shut. Tom claimed the ferry was late. He warned tolls would rise."
    " Ruth thinks rain is coming. Gulls sang loudly over the old harbour wall today."
)
GOLD = [
    BratAttribution("E1", ((10, 26),), ((0, 4),), ((5, 9),)),
    BratAttribution("E2", ((40, 58),), ((28, 31),), ((32, 39),)),
    BratAttribution("E3", ((70, 86),), ((60, 62),), ((63, 69),)),
    BratAttribution("E4", ((100, 114),), ((88, 92),), ((93, 99),)),
]


def _quote(article, content, source, cue) -> Quote:  # type: ignore[no-untyped-def]
    span = article.span(*content)
    speaker = Speaker(article.span(*source), None) if source else None
    return Quote(str(content[0]), article.id, "indirect", span, span, speaker, article.span(*cue))


def test_each_unmatched_source_falls_in_one_bucket() -> None:
    article = plain_article("doc", TEXT)
    assert TEXT[116:121] == "Gulls" and TEXT[122:126] == "sang"
    quotes = [
        _quote(article, (10, 26), (0, 4), (5, 9)),  # right: matched
        _quote(article, (40, 58), (32, 39), (32, 39)),  # found, another source
        _quote(article, (127, 138), (116, 121), (122, 126)),  # no gold content there: spurious
    ]
    # E3 ("He", a pronoun) and E4 have no system content touching theirs: missed.
    counts = document_errors(TEXT, GOLD, quotes)
    assert counts["matched"] == 1
    assert counts["gold_wrong_source"] == 1 and counts["system_wrong_source"] == 1
    assert counts["gold_missed"] == 2 and counts["gold_missed_pronoun"] == 1
    assert counts["system_spurious"] == 1
    assert "gold_pairing" not in counts and "system_nested" not in counts
    summary = summarize_errors(counts)
    # F1 now: 2 * 1 / (4 gold + 3 system) = 0.2857; every bucket fixed adds its gold
    # sources to the matches and takes its system sources away.
    assert summary["f1"] == round(2 / 7, 4)
    assert summary["missed"]["f1_if_fixed"] == round(2 * 3 / (4 + 5), 4)
    assert summary["spurious"]["f1_if_fixed"] == round(2 * 1 / (4 + 2), 4)
    assert summary["wrong_source"]["f1_if_fixed"] == round(2 * 2 / (4 + 3), 4)


def test_a_source_lost_to_one_to_one_pairing_is_the_scorers() -> None:
    # Two gold sources, one system source covering both: one pair, the other gold source
    # shares characters with a paired system source.
    text = "Ana and Bo said it rains."
    gold = [
        BratAttribution("E1", ((16, 24),), ((0, 3),), ((11, 15),)),
        BratAttribution("E2", ((16, 24),), ((8, 10),), ((11, 15),)),
    ]
    article = plain_article("doc", text)
    counts = document_errors(text, gold, [_quote(article, (16, 24), (0, 10), (11, 15))])
    assert counts["matched"] == 1 and counts["gold_pairing"] == 1
    assert summarize_errors(counts)["pairing"]["f1_if_fixed"] == 1.0


def test_a_source_inside_a_gold_content_is_nested() -> None:
    # PolNeAR marks each token in at most one attribution: "Tom" reported inside Lena's
    # words can never be a gold source, whatever the system says about him.
    text = "Lena said that Tom claimed the ferry was late."
    gold = [BratAttribution("E1", ((10, 45),), ((0, 4),), ((5, 9),))]
    article = plain_article("doc", text)
    quotes = [
        _quote(article, (10, 45), (0, 4), (5, 9)),
        _quote(article, (27, 45), (15, 18), (19, 26)),
    ]
    counts = document_errors(text, gold, quotes)
    assert counts["matched"] == 1 and counts["system_nested"] == 1
    assert "system_wrong_source" not in counts and "system_spurious" not in counts
    summary = summarize_errors(counts)
    assert summary["f1"] == round(2 / 3, 4)
    assert summary["nested"] == {"gold": 0, "gold_pronoun": 0, "system": 1, "f1_if_fixed": 1.0}
