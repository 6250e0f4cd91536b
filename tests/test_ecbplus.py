"""The ECB+ event coreference scorer: reading CAT XML, alignment, metrics and baselines."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.coref import conll
from storyline.evaluation.ecbplus import (
    GoldEventMention,
    SystemMention,
    align,
    annotated_sentences,
    baselines,
    gold_mention_events,
    prepare_topic,
    read_topic,
    score_ecbplus,
    split_topics,
)

# Two texts of one topic in our own words: an ECB text and an ECB+ text whose sentence 0 is
# its source URL. Sentence 2 of the first text is not in the list of annotated sentences.
_FIRST = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">detained</token>
<token t_id="3" sentence="0" number="2">a</token>
<token t_id="4" sentence="0" number="3">baker</token>
<token t_id="5" sentence="0" number="4">.</token>
<token t_id="6" sentence="1" number="0">He</token>
<token t_id="7" sentence="1" number="1">was</token>
<token t_id="8" sentence="1" number="2">held</token>
<token t_id="9" sentence="1" number="3">overnight</token>
<token t_id="10" sentence="1" number="4">.</token>
<token t_id="11" sentence="2" number="0">Bread</token>
<token t_id="12" sentence="2" number="1">sold</token>
<token t_id="13" sentence="2" number="2">out</token>
<token t_id="14" sentence="2" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="12"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="5" TAG_DESCRIPTOR="t9_detention" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1" /><source m_id="2" /><target m_id="5" />
</CROSS_DOC_COREF>
</Relations>
</Document>
"""

_SECOND = """<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">://www.example.org/news</token>
<token t_id="3" sentence="1" number="0">A</token>
<token t_id="4" sentence="1" number="1">florist</token>
<token t_id="5" sentence="1" number="2">was</token>
<token t_id="6" sentence="1" number="3">detained</token>
<token t_id="7" sentence="1" number="4">and</token>
<token t_id="8" sentence="1" number="5">questioned</token>
<token t_id="9" sentence="1" number="6">.</token>
<Markables>
<NEG_ACTION_OCCURRENCE m_id="1"><token_anchor t_id="6"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<UNKNOWN_INSTANCE_TAG m_id="3" RELATED_TO="" TAG_DESCRIPTOR="" />
</Markables>
<Relations>
<INTRA_DOC_COREF r_id="7"><source m_id="1" /><target m_id="3" /></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "9").mkdir()
    (tmp_path / "9" / "9_1ecb.xml").write_text(_FIRST, encoding="utf-8")
    (tmp_path / "9" / "9_1ecbplus.xml").write_text(_SECOND, encoding="utf-8")
    (tmp_path / "2").mkdir()
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecb,0\n9,1ecb,1\n9,1ecbplus,1\n", encoding="utf-8"
    )
    return tmp_path


def test_reads_gold_event_mentions_of_annotated_sentences(corpus: Path) -> None:
    first, second = read_topic(corpus, 9, annotated_sentences(corpus))
    assert first.text == "Police detained a baker.\nHe was held overnight.\nBread sold out."
    assert (first.subtopic, second.subtopic) == ("ecb", "ecbplus")
    # "sold" lies in a sentence outside the annotated list; the participant is no action
    assert [(m.text, m.event) for m in first.mentions] == [
        ("detained", "ACT1"),
        ("was held", "ACT1"),
    ]
    assert first.mentions[1].tokens == ((28, 31), (32, 36))
    assert first.annotated == ((0, 24), (25, 47))
    # the URL line is left out; an INTRA_DOC_COREF chain is one event, a lone action its own
    assert second.text == "A florist was detained and questioned."
    assert [(m.text, m.event) for m in second.mentions] == [
        ("detained", "intra:9/9_1ecbplus:7"),
        ("questioned", "single:9/9_1ecbplus:2"),
    ]


def test_limit_and_splits(corpus: Path) -> None:
    assert [d.doc_id for d in read_topic(corpus, 9, {}, limit=1)] == ["9/9_1ecb"]
    assert split_topics(corpus, "dev") == [2]
    assert split_topics(corpus, "train") == [9]
    assert split_topics(corpus, "all") == [2, 9]
    with pytest.raises(ValueError, match="unknown split"):
        split_topics(corpus, "test")
    with pytest.raises(FileNotFoundError):
        read_topic(corpus, 4, {})


def _gold(doc: str, start: int, end: int, event: str = "e") -> GoldEventMention:
    return GoldEventMention(doc, ((start, end),), "x", event, 0)


def _system(doc: str, start: int, end: int) -> SystemMention:
    return SystemMention(doc, start, end, "x", "s")


def test_alignment_is_one_to_one_by_shared_tokens() -> None:
    gold = [_gold("a", 0, 8), _gold("a", 10, 20), _gold("b", 0, 8)]
    system = [_system("a", 12, 15), _system("a", 2, 5), _system("a", 4, 9), _system("c", 0, 8)]
    # the second gold mention takes the only system mention inside it; the first takes the
    # one it overlaps most; nothing crosses documents
    assert align(gold, system) == {0: 2, 1: 0}


def test_conll_metrics_on_a_hand_made_clustering() -> None:
    key = [["a", "b", "c"], ["d", "e"]]
    response = [["a", "b"], ["c", "d", "e"]]
    scores = conll(key, response)
    # MUC: each side keeps one of its two (resp. one) links: 2/3 both ways
    assert scores["muc"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    # B-cubed: (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15 both ways
    assert scores["b_cubed"]["recall"] == scores["b_cubed"]["precision"] == 0.7333
    # CEAF-e: phi4 = 2*2/5 + 2*2/5 = 1.6 over two clusters on each side
    assert scores["ceaf_e"] == {"precision": 0.8, "recall": 0.8, "f1": 0.8}
    assert scores["conll_f1"] == 0.7333


def test_baselines_every_mention_alone_and_same_lemma() -> None:
    labels = {("d1", 0): "arrest", ("d2", 0): "arrest", ("d2", 1): "fire"}
    lemmas = {("d1", 0): "detain", ("d2", 0): "detain", ("d2", 1): "detain"}
    topics = dict.fromkeys(labels, 1)
    scores = baselines(labels, lemmas, topics)
    alone = scores["singletons"]
    assert alone["muc"]["f1"] == 0.0
    # B-cubed recall (1/2 + 1/2 + 1) / 3; CEAF-e 2/3 + 1 shared over 2 key and 3 response
    assert alone["b_cubed"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert alone["ceaf_e"]["recall"] == 0.8333
    assert alone["ceaf_e"]["precision"] == 0.5556
    lemma = scores["same_lemma"]  # one cluster of three: every link found, half of them right
    assert lemma["muc"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert lemma["b_cubed"]["precision"] == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4)
    # the same lemma in another topic is another event
    apart = baselines(labels, lemmas, {("d1", 0): 1, ("d2", 0): 2, ("d2", 1): 2})
    assert apart["same_lemma"]["muc"]["recall"] == 0.0


@pytest.mark.model
def test_gold_mentions_are_read_and_merged_as_the_stage_reads_its_own(
    corpus: Path, nlp: object
) -> None:
    """The hand-made topic: every gold trigger becomes an event mention in its cleaned text,
    and the gold-mention mode scores merging over all four gold mentions."""
    docs = read_topic(corpus, 9, annotated_sentences(corpus))
    prepared = prepare_topic(9, docs, nlp=nlp)
    triggers = [m.trigger.text if m is not None else None for m in prepared.given]
    assert triggers == ["detained", "held", "detained", "questioned"]
    for mention in prepared.given:
        assert mention is not None
        article, _ = prepared.built[prepared.doc_of[mention.article].doc_id]
        assert article.text[mention.trigger.start : mention.trigger.end] == mention.trigger.text
    events = gold_mention_events(prepared)
    assert len(events) == 4
    scores = score_ecbplus(corpus, nlp=nlp, topics=[9])
    gold = scores["gold_mentions"]
    assert set(gold) >= {"singletons", "same_lemma", "system", "joined_subtopic_events"}
    assert 0.0 <= gold["system"]["conll_f1"] <= 1.0
