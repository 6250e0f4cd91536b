"""MEANTIME's time expressions as a second dev set for the timex tagger.

`timeml.read_meantime_timexes` turns CAT files into text, DCT and gold TIMEX3s with
character offsets; `timeml.score_meantime_timexes` scores our tagger on them with the
TempEval-3 measures. Rules of the tagger are checked on both corpora, so that a rule that
only fits TimeBank shows up as a drop here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.timeml import read_meantime_timexes, score_meantime_timexes

# Title, dateline (the DCT, written month-day-year as some MEANTIME files do), two body
# sentences, and a last sentence with no markable, which the reader leaves out.
CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Sales_fall" lang="en">
<token number="0" sentence="0" t_id="1">Sales</token>
<token number="1" sentence="0" t_id="2">fall</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">02</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">Sales</token>
<token number="7" sentence="2" t_id="8">fell</token>
<token number="8" sentence="2" t_id="9">35</token>
<token number="9" sentence="2" t_id="10">%</token>
<token number="10" sentence="2" t_id="11">in</token>
<token number="11" sentence="2" t_id="12">January</token>
<token number="12" sentence="2" t_id="13">.</token>
<token number="13" sentence="3" t_id="14">``</token>
<token number="14" sentence="3" t_id="15">It</token>
<token number="15" sentence="3" t_id="16">ended</token>
<token number="16" sentence="3" t_id="17">at</token>
<token number="17" sentence="3" t_id="18">16:08</token>
<token number="18" sentence="3" t_id="19">UTC</token>
<token number="19" sentence="3" t_id="20">''</token>
<token number="20" sentence="4" t_id="21">Nothing</token>
<token number="21" sentence="4" t_id="22">here</token>
<token number="22" sentence="4" t_id="23">in</token>
<token number="23" sentence="4" t_id="24">June</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="03-02-2009">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2009-01">
<token_anchor t_id="12"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="TIME" value="2009-03-02T16:08Z">
<token_anchor t_id="18"/><token_anchor t_id="19"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="2058" functionInDocument="NONE" m_id="4" type="DATE" value="2058"/>
</Markables>
</Document>
"""


@pytest.fixture
def cat_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "intra-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "1_Sales_fall.xml").write_text(CAT, encoding="utf-8")
    return tmp_path


def test_reads_text_dct_and_gold_offsets(cat_folder: Path) -> None:
    [doc] = read_meantime_timexes(cat_folder)
    assert doc.text == (
        'Sales fall\n\nMarch 02, 2009\n\nSales fell 35% in January.\n"It ended at 16:08 UTC"'
    )
    assert doc.dct == "2009-03-02"  # read from the dateline: the value is not ISO
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("January", "DATE", "2009-01"),
        ("16:08 UTC", "TIME", "2009-03-02T16:08Z"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_scores_our_tagger_leaving_out_the_dateline(cat_folder: Path) -> None:
    scores, runs = score_meantime_timexes(cat_folder)
    assert (scores.gold, scores.system, scores.value_matched) == (2, 2, 2)
    [(_, found)] = runs
    assert [t.text for t in found] == ["January", "16:08 UTC"]


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere"):
        read_meantime_timexes(tmp_path / "nowhere")


def test_meantime_scores(shared: Path) -> None:
    """The words-only tagger on all 120 English MEANTIME documents (no tagger model)."""
    scores, _ = score_meantime_timexes(shared / "data" / "meantime")
    assert scores.documents == 120
    assert scores.gold == 368
    assert scores.relaxed_f1 >= 0.90
    assert scores.value_f1 >= 0.81


def test_every_third_document_is_held_out(tmp_path: Path) -> None:
    folder = tmp_path / "intra-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    for n in (1, 2, 10):  # natural order: 1, 2, 10
        (folder / f"{n}_Sales_fall.xml").write_text(
            CAT.replace('doc_name="1_Sales_fall"', f'doc_name="{n}_Sales_fall"'), encoding="utf-8"
        )
    held, runs = score_meantime_timexes(tmp_path, part="heldout")
    assert [doc.doc_id for doc, _ in runs] == ["10_Sales_fall"]
    assert (held.documents, held.gold, held.value_matched) == (1, 2, 2)
    tune, _ = score_meantime_timexes(tmp_path, part="tune")
    assert tune.documents == 2


def test_a_range_is_scored_as_its_two_ends(tmp_path: Path) -> None:
    """MEANTIME tags the two ends of a range as two TIMEX3, as our TimeML output writes them
    (`timex.range_endpoints`); the tagger's one range matches both."""
    tokens = "".join(
        f'<token number="{20 + i}" sentence="4" t_id="{21 + i}">{word}</token>\n'
        for i, word in enumerate(["Output", "grew", "from", "2007", "to", "2009", "."])
    )
    cat = CAT.replace(
        CAT[CAT.index('<token number="20"') : CAT.index("<Markables>")], tokens
    ).replace(
        "</Markables>",
        '<TIMEX3 functionInDocument="NONE" m_id="5" type="DATE" value="2007">'
        '<token_anchor t_id="24"/></TIMEX3>\n'
        '<TIMEX3 functionInDocument="NONE" m_id="6" type="DATE" value="2009">'
        '<token_anchor t_id="26"/></TIMEX3>\n</Markables>',
    )
    folder = tmp_path / "intra-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "1_Sales_fall.xml").write_text(cat, encoding="utf-8")
    scores, runs = score_meantime_timexes(tmp_path)
    [(doc, found)] = runs
    assert doc.text.endswith("Output grew from 2007 to 2009.")
    assert [(t.text, t.value) for t in found][-2:] == [("2007", "2007"), ("2009", "2009")]
    assert (scores.gold, scores.system, scores.value_matched) == (4, 4, 4)
