"""The coreference scorers against hand-worked numbers, and the entity evaluations."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from storyline.evaluation.coref import (
    GoldMention,
    _best_assignment,
    _role_matches,
    align_mentions,
    b_cubed,
    ceaf_e,
    conll,
    muc,
    read_meantime,
    read_seed_gold,
    score_seed_entities,
)
from storyline.model import Article, Entity, Mention, Segment

# Key {a,b,c} {d,e}; response {a,b} {c,d,e}.
# MUC recall: K1 is cut into {a,b},{c}: 3-2 = 1 link of 2; K2 whole: 2-1 = 1 of 1 -> 2/3.
#   precision: R1 whole: 1 of 1; R2 cut into {c},{d,e}: 1 of 2 -> 2/3.
# B-cubed recall: a,b: 2/3 each; c: 1/3; d,e: 1 each -> (2/3+2/3+1/3+1+1)/5 = 11/15.
#   precision: a,b: 1 each; c: 1/3; d,e: 2/3 each -> (1+1+1/3+2/3+2/3)/5 = 11/15.
# CEAF-e: phi(K1,R1) = 2*2/5 = 0.8, phi(K2,R2) = 2*2/5 = 0.8, best total 1.6 over 2 and 2
#   entities -> 0.8 both ways.
# CoNLL: (2/3 + 11/15 + 4/5) / 3 = 33/45.
KEY = [["a", "b", "c"], ["d", "e"]]
RESPONSE = [["a", "b"], ["c", "d", "e"]]


def test_muc_by_hand() -> None:
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)


def test_b_cubed_by_hand() -> None:
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(11 / 15)
    assert score.precision == pytest.approx(11 / 15)


def test_ceaf_e_by_hand() -> None:
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.8)
    assert score.precision == pytest.approx(0.8)


def test_conll_average_by_hand() -> None:
    assert conll(KEY, RESPONSE)["conll_f1"] == pytest.approx(33 / 45, abs=1e-4)


def test_twinless_mentions() -> None:
    # Key {a,b}; response {a,x}: b is missing, x is spurious.
    # MUC: K is cut into {a},{b} -> 0 of 1; R cut into {a},{x} -> 0 of 1.
    # B-cubed recall: a 1/2, b 0 -> 1/4; precision: a 1/2, x 0 -> 1/4.
    # CEAF-e: phi = 2*1/4 = 0.5 over one entity each side.
    key, response = [["a", "b"]], [["a", "x"]]
    assert muc(key, response).f1 == 0.0
    assert b_cubed(key, response).recall == pytest.approx(0.25)
    assert b_cubed(key, response).precision == pytest.approx(0.25)
    assert ceaf_e(key, response).f1 == pytest.approx(0.5)


def test_perfect_and_empty() -> None:
    assert conll(KEY, KEY)["conll_f1"] == 1.0
    assert ceaf_e(KEY, []).f1 == 0.0


def test_assignment_matches_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(60):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        pairs = _best_assignment(weights)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        best = 0.0
        for perm in itertools.permutations(range(max(rows, cols)), rows):
            best = max(best, sum(weights[i][j] for i, j in enumerate(perm) if j < cols))
        assert sum(weights[i][j] for i, j in pairs) == pytest.approx(best)


def test_alignment_needs_the_head_word() -> None:
    gold = [
        GoldMention("a", 0, 18, "the Russian leader", "putin", "PERSON"),
        GoldMention("a", 22, 48, "Communist Party of Vietnam", "cpv", "ORG"),
        GoldMention("a", 52, 71, "invasion of Ukraine", "war", "EVENT"),
    ]
    system = [
        Entity("r", "Russia", "GPE", (), (), (Mention("a", 4, 11, "Russian"),)),
        Entity("c", "Communist Party", "ORG", (), (), (Mention("a", 22, 37, "Communist Party"),)),
        Entity("u", "Ukraine", "GPE", (), (), (Mention("a", 64, 71, "Ukraine"),)),
    ]
    aligned = align_mentions(gold, system)
    assert set(aligned) == {("a", 22, 48)}


def test_alignment_leaves_a_possessive_ending_out_of_the_head() -> None:
    gold = [
        GoldMention("a", 0, 8, "Vantor's", "vantor", "PERSON"),
        GoldMention("a", 14, 24, "the Lords'", "lords", "ORG"),
    ]
    system = [
        Entity("v", "Vantor", "PERSON", (), (), (Mention("a", 0, 6, "Vantor"),)),
        Entity("l", "Lords", "ORG", (), (), (Mention("a", 18, 23, "Lords"),)),
    ]
    assert set(align_mentions(gold, system)) == {("a", 0, 8), ("a", 14, 24)}


def _article(text: str) -> Article:
    return Article(
        "x", "x.txt", "text", None, None, None, "en", text, text, (), (Segment(0, 0, len(text)),)
    )


def test_seed_gold_occurrences_leave_out_longer_names_and_overlaps() -> None:
    text = (
        "Leaders in Asia met. Kim Lee of the Asia Program spoke.\n"
        "Talks Between Asia And Europe\n"
        "Critics recalled the war in Chad and the war."
    )
    gold = {
        "entities": [
            {"canonical": "Asia", "type": "LOC", "aliases": ["Asia"]},
            {"canonical": "Chad war", "type": "EVENT", "aliases": ["the war", "war in Chad"]},
        ],
        "documents": {
            "x": {
                "entities": [
                    {"canonical": "Asia", "aliases_in_doc": ["Asia"]},
                    {"canonical": "Chad war", "aliases_in_doc": ["the war", "war in Chad"]},
                ]
            }
        },
    }
    mentions, _ = read_seed_gold(gold, {"x": _article(text)})
    found = [(m.text, text[m.start - 4 : m.start].strip()) for m in mentions]
    # "Asia Program" is another name; a headline capitalises every word, so there it counts.
    assert found == [
        ("Asia", "in"),
        ("Asia", "een"),
        ("war in Chad", "the"),
        ("the war", "and"),
    ]


def test_role_matching_reads_a_place_any_way_it_is_written() -> None:
    assert _role_matches("Australian university", ["Australia-based university"])
    assert _role_matches("Russia’s President", ["Russian President"])
    assert _role_matches("Singapore-based research institute", ["Singapore’s research institute"])
    assert not _role_matches("Australian university", ["Canadian university"])


CAT = """<?xml version="1.0" ?>
<Document doc_id="1" doc_name="{name}" lang="en">
<token t_id="1" sentence="0" number="0">Acme</token>
<token t_id="2" sentence="0" number="1">wins</token>
<token t_id="3" sentence="1" number="2">Acme</token>
<token t_id="4" sentence="1" number="3">Corp</token>
<token t_id="5" sentence="1" number="4">said</token>
<token t_id="6" sentence="1" number="5">it</token>
<token t_id="7" sentence="1" number="6">won</token>
<token t_id="8" sentence="1" number="7">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="3"/><token_anchor t_id="4"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY m_id="9" ent_type="ORG" instance_id="ORG1" TAG_DESCRIPTOR="Acme"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><source m_id="3"/><target m_id="9"/>
</REFERS_TO>
</Relations>
</Document>
"""


def test_read_meantime_cross_document_instances(tmp_path: Path) -> None:
    folder = tmp_path / "intra_cross-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    for name in ("1_one", "2_two"):
        (folder / f"{name}.xml").write_text(CAT.format(name=name), encoding="utf-8")
    docs = read_meantime(tmp_path)
    assert [d.doc_id for d in docs] == ["corpus_x/1_one", "corpus_x/2_two"]
    first = docs[0]
    assert first.text == "Acme wins\nAcme Corp said it won."
    assert [m.text for m in first.mentions] == ["Acme", "Acme Corp", "it"]
    assert {m.entity for d in docs for m in d.mentions} == {"ORG1"}
    assert first.syntactic_types == ("NAM", "NAM", "PRO")
    for m in first.mentions:
        assert first.text[m.start : m.end] == m.text


@pytest.mark.model
def test_seed_entities_meet_the_acceptance_floor(shared: Path) -> None:
    result = score_seed_entities(shared)
    assert result["b_cubed"]["f1"] >= 0.95
    assert result["merged_people"] == []
    assert result["alias_coverage"] == 1.0, result["aliases_missed"]
    assert result["role_recall"] >= 0.9, result["roles_missed"]
