"""The ECB+ entity coreference scorer: gold entity mentions, named mentions, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.coref import GoldMention
from storyline.evaluation.ecbplus import annotated_sentences
from storyline.evaluation.ecbplus_entities import (
    DirectoryCache,
    _named,
    read_entity_topic,
    score_topic,
)
from storyline.model import Annotation, Entity, Mention, Sentence, Token

# Two texts of one topic in our own words. Sentence 2 of the first is not annotated.
_FIRST = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Dana</token>
<token t_id="2" sentence="0" number="1">Vell</token>
<token t_id="3" sentence="0" number="2">left</token>
<token t_id="4" sentence="0" number="3">Oslo</token>
<token t_id="5" sentence="0" number="4">on</token>
<token t_id="6" sentence="0" number="5">Monday</token>
<token t_id="7" sentence="0" number="6">.</token>
<token t_id="8" sentence="1" number="0">She</token>
<token t_id="9" sentence="1" number="1">flew</token>
<token t_id="10" sentence="1" number="2">.</token>
<token t_id="11" sentence="2" number="0">Vell</token>
<token t_id="12" sentence="2" number="1">slept</token>
<token t_id="13" sentence="2" number="2">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="4"/></LOC_GEO>
<TIME_DATE m_id="3"><token_anchor t_id="6"/></TIME_DATE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="5"><token_anchor t_id="8"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="6"><token_anchor t_id="11"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="7" TAG_DESCRIPTOR="t9_vell" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1" /><target m_id="7" /></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="5" /><source m_id="6" /><target m_id="7" />
</INTRA_DOC_COREF>
</Relations>
</Document>
"""

_SECOND = """<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">://www.example.org/news</token>
<token t_id="3" sentence="1" number="0">Vell</token>
<token t_id="4" sentence="1" number="1">'s</token>
<token t_id="5" sentence="1" number="2">plane</token>
<token t_id="6" sentence="1" number="3">landed</token>
<token t_id="7" sentence="1" number="4">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="3"/><token_anchor t_id="4"/></HUMAN_PART_PER>
<NON_HUMAN_PART m_id="2"><token_anchor t_id="5"/></NON_HUMAN_PART>
<HUMAN_PART_PER m_id="3" TAG_DESCRIPTOR="t9_vell" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="4" note="HUM1"><source m_id="1" /><target m_id="3" /></CROSS_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "9").mkdir()
    (tmp_path / "9" / "9_1ecb.xml").write_text(_FIRST, encoding="utf-8")
    (tmp_path / "9" / "9_1ecbplus.xml").write_text(_SECOND, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecb,0\n9,1ecb,1\n9,1ecbplus,1\n", encoding="utf-8"
    )
    return tmp_path


def test_reads_participants_and_places_of_annotated_sentences(corpus: Path) -> None:
    first, second = read_entity_topic(corpus, 9, annotated_sentences(corpus))
    # no time, no action, nothing from the sentence outside the list; spans are exact
    assert [(m.text, m.entity, m.type) for m in first.mentions] == [
        ("Dana Vell", "HUM1", "HUMAN_PART_PER"),
        ("Oslo", "single:9/9_1ecb:2", "LOC_GEO"),
        ("She", "intra:9/9_1ecb:2", "HUMAN_PART_PER"),
    ]
    for doc in (first, second):
        for m in doc.mentions:
            assert doc.doc.text[m.start : m.end] == m.text
    assert [(m.text, m.entity) for m in second.mentions] == [
        ("Vell's", "HUM1"),
        ("plane", "single:9/9_1ecbplus:2"),
    ]


def _annotation(article: str, text: str, tags: dict[str, str]) -> Annotation:
    tokens = []
    position = 0
    for word in text.split():
        start = text.index(word, position)
        position = start + len(word)
        tokens.append(Token(start, position, word.lower(), tags.get(word, "NOUN"), "NN"))
    return Annotation(article, "toy", (Sentence(0, len(text)),), tuple(tokens), ())


def test_named_mentions_have_a_capitalised_proper_noun_head() -> None:
    text = "Dana Vell and the pilot"
    annotation = _annotation("a", text, {"Dana": "PROPN", "Vell": "PROPN", "The": "DET"})
    assert _named(GoldMention("a", 0, 9, "Dana Vell", "x", "HUMAN_PART_PER"), annotation)
    assert not _named(GoldMention("a", 14, 23, "the pilot", "y", "HUMAN_PART_PER"), annotation)


def test_only_system_mentions_in_annotated_sentences_match(corpus: Path) -> None:
    first, second = read_entity_topic(corpus, 9, annotated_sentences(corpus))
    tags = {"Dana": "PROPN", "Vell": "PROPN", "Oslo": "PROPN", "Vell's": "PROPN"}
    annotations = {
        first.doc.doc_id: _annotation(first.doc.doc_id, first.doc.text, tags),
        second.doc.doc_id: _annotation(second.doc.doc_id, second.doc.text, tags),
    }
    text = first.doc.text
    late = text.rindex("Vell")  # in the sentence outside the list
    entities = [
        Entity(
            "v",
            "Dana Vell",
            "PERSON",
            (),
            (),
            (
                Mention(first.doc.doc_id, 0, 9, "Dana Vell"),
                Mention(first.doc.doc_id, late, late + 4, "Vell"),
                Mention(second.doc.doc_id, 0, 4, "Vell"),
            ),
        )
    ]
    gold, aligned = score_topic([first, second], annotations, entities)
    assert sorted(g.text for g in gold) == ["Dana Vell", "Oslo", "Vell's"]
    assert {k: v[0] for k, v in aligned.items()} == {
        (first.doc.doc_id, 0, 9): "v",
        (second.doc.doc_id, 0, 6): "v",
    }


def test_directory_cache_round_trip(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / "cache")
    annotation = _annotation("a", "Dana Vell", {})
    cache.save_annotations([annotation], "fp1")
    assert cache.load_annotations(["a", "b"], "fp1") == {"a": annotation}
    assert cache.load_annotations(["a"], "fp2") == {}


def test_a_damaged_cache_file_is_annotated_again(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path)
    annotation = _annotation("a", "Dana Vell", {})
    cache.save_annotations([annotation], "fp1")
    for path in tmp_path.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert cache.load_annotations(["a"], "fp1") == {}


def test_sentence_parses_round_trip_in_both_caches(tmp_path: Path) -> None:
    from storyline.model import Arc
    from storyline.store.duckdb import Store

    parses = {
        ("a", 0, 9): (Arc(0, 1, "compound"), Arc(1, 1, "ROOT")),
        ("a", 10, 20): (Arc(2, 2, "ROOT"),),
        ("b", 0, 5): (Arc(0, 0, "ROOT"),),
    }
    for cache in (DirectoryCache(tmp_path / "cache"), Store(tmp_path / "s.duckdb")):
        cache.save_parses(parses, "fp1")
        assert cache.load_parses(["a"], "fp1") == {k: v for k, v in parses.items() if k[0] == "a"}
        assert cache.load_parses(["a", "b", "c"], "fp1") == parses
        assert cache.load_parses(["a"], "fp2") == {}
