"""TempEval-3 TIMEX3 scoring, reading a system folder, and the TimeML writer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline.evaluation.corpora import TimeMLTimex, read_timeml
from storyline.evaluation.timeml import (
    TimemlScores,
    TimexDiff,
    diff_timeml,
    document_part,
    in_part,
    non_overlapping,
    read_system_dir,
    run_errors,
    score_tempeval_timexes,
    score_timeml,
    tempeval_paths,
    to_timeml,
)
from storyline.model import Timex

TEMPEVAL3 = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3"
# 8 + 15 + 10 TIMEX3 in <TEXT>; the two AQUAINT texts hold "&" (written "&amp;").
REAL_FILES = (
    "AQUAINT/NYT20000106.0007.tml",
    "AQUAINT/NYT20000601.0442.tml",
    "TimeBank/ABC19980108.1830.0711.tml",
)


def _gold(text: str, phrase: str, type_: str, value: str) -> TimeMLTimex:
    start = text.index(phrase)
    return TimeMLTimex(start, start + len(phrase), phrase, type_, value, "t")


def _sys(text: str, phrase: str, type_: str, value: str, mod: str | None = None) -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value, mod)  # type: ignore[arg-type]


# ------------------------------------------------------------ hand-worked example

TEXT_1 = "On Monday the talks lasted two weeks. Last year they failed, and tonight they resume."
TEXT_2 = "In the summer the day came; between May and June nothing moved."

GOLD_1 = [
    _gold(TEXT_1, "Monday", "DATE", "2014-03-03"),  # G1
    _gold(TEXT_1, "two weeks", "DURATION", "P2W"),  # G2
    _gold(TEXT_1, "Last year", "DATE", "2013"),  # G3
    _gold(TEXT_1, "tonight", "TIME", "2014-03-03TNI"),  # G4
]
SYSTEM_1 = [
    _sys(TEXT_1, "Monday", "DATE", "2014-03-03"),  # S1: exact match, same type and value
    _sys(TEXT_1, "weeks", "DURATION", "P14D"),  # S2: partial overlap with G2, wrong value
    _sys(TEXT_1, "Last year", "DATE", "2012"),  # S3: exact extent, wrong value
    _sys(TEXT_1, "tonight", "DATE", "2014-03-03TNI"),  # S4: exact extent, wrong type
]
GOLD_2 = [
    _gold(TEXT_2, "the summer", "DATE", "2014-SU"),  # G5: missed
    _gold(TEXT_2, "May", "DATE", "2014-05"),  # G6
    _gold(TEXT_2, "June", "DATE", "2014-06"),  # G7
]
SYSTEM_2 = [
    _sys(TEXT_2, "the day", "DATE", "2014-03-03"),  # S6: spurious
    # S7 overlaps G6 and G7; it matches only the first (G6): same type and value, other
    # extent. G7 is then missed.
    _sys(TEXT_2, "May and June", "DATE", "2014-05"),
]
# By hand, over both documents (plus an empty third one):
#   gold = 7 (G1-G7), system = 6 (S1-S4, S6, S7)
#   strict matches  = 3 (G1-S1, G3-S3, G4-S4)
#   relaxed matches = 5 (those + G2-S2, G6-S7)
#   same type  among relaxed = 4 (G1, G2, G3, G6; G4 differs)
#   same value among relaxed = 3 (G1, G4, G6; G2 "P2W" != "P14D", G3 "2013" != "2012")
# Each F1 is 2PR/(P+R) = 2m/(gold+system) = 2m/13:
#   strict  P = 3/6 = 0.5     R = 3/7 = 0.4286  F1 = 6/13  = 0.4615
#   relaxed P = 5/6 = 0.8333  R = 5/7 = 0.7143  F1 = 10/13 = 0.7692
#   type accuracy = 4/5 = 0.8, value accuracy = 3/5 = 0.6
#   type  P = 4/6 = 0.6667  R = 4/7 = 0.5714  F1 = 8/13 = 0.6154
#   value P = 3/6 = 0.5     R = 3/7 = 0.4286  F1 = 6/13 = 0.4615
HAND_WORKED = {
    "documents": 3,
    "missing_files": 0,
    "gold": 7,
    "system": 6,
    "strict_matched": 3,
    "matched": 5,
    "type_matched": 4,
    "value_matched": 3,
    "strict_precision": 0.5,
    "strict_recall": 0.4286,
    "strict_f1": 0.4615,
    "relaxed_precision": 0.8333,
    "relaxed_recall": 0.7143,
    "relaxed_f1": 0.7692,
    "type_accuracy": 0.8,
    "value_accuracy": 0.6,
    "type_precision": 0.6667,
    "type_recall": 0.5714,
    "type_f1": 0.6154,
    "value_precision": 0.5,
    "value_recall": 0.4286,
    "value_f1": 0.4615,
}


def test_hand_worked_scores() -> None:
    scores = score_timeml([(GOLD_1, SYSTEM_1), (GOLD_2, SYSTEM_2), ([], [])])
    assert scores.to_dict() == HAND_WORKED
    assert list(scores.to_dict()) == list(HAND_WORKED)  # stable key order
    assert scores.relaxed_f1 == pytest.approx(10 / 13)
    assert scores.type_f1 == pytest.approx(8 / 13)
    assert scores.value_f1 == pytest.approx(scores.value_accuracy * scores.relaxed_f1)


def test_hand_worked_scores_do_not_depend_on_input_order() -> None:
    shuffled = score_timeml([(GOLD_2[::-1], SYSTEM_2[::-1]), (GOLD_1[::-1], SYSTEM_1[::-1])])
    assert shuffled.to_dict() | {"documents": 3} == HAND_WORKED


def test_hand_worked_diffs() -> None:
    kinds = [(d.kind, d.gold_text, d.system_text) for d in diff_timeml(GOLD_1, SYSTEM_1)]
    assert kinds == [
        ("extent", "two weeks", "weeks"),
        ("value", "two weeks", "weeks"),
        ("value", "Last year", "Last year"),
        ("type", "tonight", "tonight"),
    ]
    kinds = [(d.kind, d.gold_text, d.system_text) for d in diff_timeml(GOLD_2, SYSTEM_2)]
    assert kinds == [
        ("missed", "the summer", None),
        ("spurious", None, "the day"),
        ("extent", "May", "May and June"),
        ("missed", "June", None),
    ]
    value_diff = diff_timeml(GOLD_1, SYSTEM_1)[2]
    assert value_diff == TimexDiff(
        kind="value",
        gold_start=38,
        gold_end=47,
        gold_text="Last year",
        gold_type="DATE",
        gold_value="2013",
        system_start=38,
        system_end=47,
        system_text="Last year",
        system_type="DATE",
        system_value="2012",
    )
    assert value_diff.to_dict()["system_value"] == "2012"


def test_no_diffs_for_a_perfect_system() -> None:
    assert diff_timeml(GOLD_1, GOLD_1) == []


def test_strict_pairs_are_matched_before_overlapping_ones() -> None:
    text = "Monday morning"
    gold = [_gold(text, "Monday", "DATE", "X"), _gold(text, "morning", "TIME", "XTMO")]
    # "Monday morning" overlaps both golds; "morning" is an exact match for the second.
    system = [_sys(text, "Monday morning", "TIME", "XTMO"), _sys(text, "morning", "TIME", "XTMO")]
    scores = score_timeml([(gold, system)])
    assert (scores.strict_matched, scores.matched, scores.value_matched) == (1, 2, 1)


def test_largest_overlap_wins() -> None:
    text = "late on Friday night"
    gold = [_gold(text, "Friday night", "TIME", "2014-03-07TNI")]
    system = [_sys(text, "late on Friday", "DATE", "2014-03-07"), _sys(text, "night", "TIME", "X")]
    # "late on Friday" shares 6 characters with the gold, "night" 5.
    assert [d.kind for d in diff_timeml(gold, system)] == ["extent", "type", "value", "spurious"]


def test_values_are_compared_after_stripping_whitespace_only() -> None:
    text = "two weeks"
    gold = [_gold(text, "two weeks", "DURATION", "P2W")]
    assert score_timeml([(gold, [_sys(text, "two weeks", "DURATION", " P2W ")])]).value_f1 == 1.0
    assert score_timeml([(gold, [_sys(text, "two weeks", "DURATION", "P14D")])]).value_f1 == 0.0
    assert score_timeml([(gold, [_sys(text, "two weeks", "DURATION", "p2w")])]).value_f1 == 0.0


# ------------------------------------------------------------------- zero divisions


def test_no_documents_scores_zero() -> None:
    scores = score_timeml([])
    assert scores == TimemlScores(0, 0, 0, 0, 0, 0, 0, 0)
    assert all(v == 0 for v in scores.to_dict().values())


@pytest.mark.parametrize("side", ["gold", "system"])
def test_one_side_empty_scores_zero(side: str) -> None:
    timexes = [_gold(TEXT_1, "Monday", "DATE", "2014-03-03")]
    pair = (timexes, []) if side == "gold" else ([], timexes)
    result = score_timeml([pair]).to_dict()
    assert result == dict.fromkeys(result, 0) | {"documents": 1, side: 1}


def test_matches_with_no_shared_type_or_value() -> None:
    gold = [_gold(TEXT_1, "Monday", "DATE", "2014-03-03")]
    system = [_sys(TEXT_1, "Monday", "TIME", "2014-03-03T10:00")]
    scores = score_timeml([(gold, system)])
    assert (scores.relaxed_f1, scores.type_accuracy, scores.type_f1, scores.value_f1) == (
        1.0,
        0.0,
        0.0,
        0.0,
    )


# ------------------------------------------------------------------------- writing

TRICKY = 'Fish & chips <b> "quoted" > é\n\n  On Monday, at 5 p.m.\r\nand\ttonight. ]]>'


def test_round_trip_keeps_text_and_timexes(tmp_path: Path) -> None:
    timexes = [
        _sys(TRICKY, "Monday", "DATE", "2014-03-03"),
        _sys(TRICKY, "5 p.m.", "TIME", "2014-03-03T17:00", mod="APPROX"),
        _sys(TRICKY, "tonight", "TIME", 'odd "value" & <more>'),
    ]
    path = tmp_path / "doc.tml"
    path.write_text(to_timeml("doc & 1", "2014-03-03", TRICKY, timexes), encoding="utf-8")
    doc = read_timeml(path)
    assert doc.text == TRICKY
    assert (doc.doc_id, doc.dct) == ("doc & 1", "2014-03-03")
    assert [(t.start, t.end, t.text, t.type, t.value, t.tid) for t in doc.timexes] == [
        (t.start, t.end, t.text, t.type, t.value, f"t{n}") for n, t in enumerate(timexes, 1)
    ]
    assert 'mod="APPROX"' in path.read_text(encoding="utf-8")


def test_written_file_has_the_tempeval3_frame() -> None:
    text = "\nOn Monday.\n"
    out = to_timeml("D1", "2014-03-04", text, [_sys(text, "Monday", "DATE", "2014-03-03")])
    assert out == (
        '<?xml version="1.0" ?>\n'
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
        "<DOCID>D1</DOCID>\n"
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2014-03-04" temporalFunction="false"'
        ' functionInDocument="CREATION_TIME">2014-03-04</TIMEX3></DCT>\n'
        '<TEXT>\nOn <TIMEX3 tid="t1" type="DATE" value="2014-03-03">Monday</TIMEX3>.\n</TEXT>\n'
        "</TimeML>\n"
    )


def test_overlapping_timexes_keep_the_first_longest(tmp_path: Path) -> None:
    text = "late on Friday night and Saturday"
    friday = _sys(text, "Friday", "DATE", "F")
    friday_night = _sys(text, "Friday night", "TIME", "FNI")
    late_friday = _sys(text, "late on Friday", "DATE", "LF")
    night_and = _sys(text, "night and Saturday", "DATE", "NS")
    saturday = _sys(text, "Saturday", "DATE", "S")
    timexes = [saturday, friday, night_and, friday_night, late_friday]
    assert non_overlapping(timexes) == [late_friday, night_and]
    path = tmp_path / "doc.tml"
    path.write_text(to_timeml("d", "2014-03-03", text, timexes), encoding="utf-8")
    assert [t.value for t in read_timeml(path).timexes] == ["LF", "NS"]
    # same start: the longer wins; equal spans: the first given wins
    assert non_overlapping([friday, friday_night]) == [friday_night]
    twin = _sys(text, "Friday", "DATE", "other")
    assert non_overlapping([twin, friday]) == [twin]


@pytest.mark.parametrize(
    "timex",
    [
        Timex(3, 9, "Monday", "DATE", "X"),  # offsets do not hold "Monday"
        Timex(5, 5, "", "DATE", "X"),  # empty
        Timex(40, 46, "Monday", "DATE", "X"),  # past the end
    ],
)
def test_timex_that_does_not_fit_the_text_is_refused(timex: Timex) -> None:
    with pytest.raises(ValueError, match="does not match the text"):
        to_timeml("d", "2014-03-03", "Monday, we said.", [timex])


def test_text_that_xml_cannot_carry_is_refused() -> None:
    with pytest.raises(ValueError, match=r"XML 1\.0 cannot represent"):
        to_timeml("d", "2014-03-03", "bell\x07", [])


# ------------------------------------------------------------------- real files


@pytest.fixture
def tempeval3() -> Path:
    if not TEMPEVAL3.is_dir():
        pytest.skip(f"TempEval-3 data not found at {TEMPEVAL3}")
    return TEMPEVAL3


def test_gold_against_itself_is_perfect(tempeval3: Path, tmp_path: Path) -> None:
    docs = [read_timeml(tempeval3 / name) for name in REAL_FILES]
    scores = score_timeml([(doc.timexes, doc.timexes) for doc in docs])
    assert scores.gold == scores.system == scores.matched == 33
    measures = {k: v for k, v in scores.to_dict().items() if isinstance(v, float)}
    assert measures == dict.fromkeys(measures, 1.0)
    # the same through folders (nested, as in the corpus)
    for side in ("gold", "system"):
        for name in REAL_FILES:
            (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(tempeval3 / name, tmp_path / side / name)
    run = read_system_dir(tmp_path / "system", tmp_path / "gold")
    assert [doc.path for doc in run.docs] == list(REAL_FILES)
    assert score_timeml(run) == scores


def test_real_files_round_trip(tempeval3: Path, tmp_path: Path) -> None:
    for name in REAL_FILES:
        doc = read_timeml(tempeval3 / name)
        assert doc.dct is not None
        timexes = [Timex(t.start, t.end, t.text, t.type, t.value) for t in doc.timexes]  # type: ignore[arg-type]
        path = tmp_path / Path(name).name
        path.write_text(to_timeml(doc.doc_id, doc.dct, doc.text, timexes), encoding="utf-8")
        again = read_timeml(path)
        assert (again.doc_id, again.dct, again.text) == (doc.doc_id, doc.dct, doc.text)
        assert [t[:5] for t in again.timexes] == [t[:5] for t in doc.timexes]


# --------------------------------------------------------------- system folders


def _write(path: Path, text: str, timexes: list[Timex]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_timeml(path.stem, "2014-03-03", text, timexes), encoding="utf-8")


def test_missing_system_file_counts_its_gold_as_missed(tmp_path: Path) -> None:
    monday = _sys(TEXT_1, "Monday", "DATE", "2014-03-03")
    tonight = _sys(TEXT_1, "tonight", "TIME", "2014-03-03TNI")
    for name in ("doc10.tml", "doc2.tml", "sub/doc1.tml"):
        _write(tmp_path / "gold" / name, TEXT_1, [monday, tonight])
    _write(tmp_path / "system" / "doc2.tml", TEXT_1, [monday, tonight])
    _write(tmp_path / "system" / "sub" / "doc1.tml", TEXT_1, [monday])
    (tmp_path / "system" / "extra.tml").write_text("not read", encoding="utf-8")

    run = read_system_dir(tmp_path / "system", tmp_path / "gold")
    assert [doc.path for doc in run.docs] == ["doc2.tml", "doc10.tml", "sub/doc1.tml"]
    assert run.missing_files == ("doc10.tml",)
    assert [doc.missing for doc in run.docs] == [False, True, False]
    scores = score_timeml(run)
    # gold 6, system 3, all 3 exact: P = 1, R = 3/6
    assert (scores.documents, scores.missing_files, scores.gold, scores.system) == (3, 1, 6, 3)
    assert (scores.strict_precision, scores.strict_recall) == (1.0, 0.5)
    assert [d.kind for d in diff_timeml(run.docs[2].gold, run.docs[2].system)] == ["missed"]


def test_system_file_with_other_text_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "gold" / "a.tml", TEXT_1, [])
    _write(tmp_path / "system" / "a.tml", TEXT_1.replace("Monday", "Tuesday"), [])
    with pytest.raises(ValueError, match=r"a\.tml: its <TEXT> differs .* at character 3"):
        read_system_dir(tmp_path / "system", tmp_path / "gold")


def test_system_file_that_is_not_xml_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "gold" / "a.tml", TEXT_1, [])
    (tmp_path / "system").mkdir()
    (tmp_path / "system" / "a.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.tml: not well-formed XML"):
        read_system_dir(tmp_path / "system", tmp_path / "gold")


def test_missing_folders_are_refused(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    with pytest.raises(FileNotFoundError, match="system folder not found"):
        read_system_dir(tmp_path / "nope", tmp_path / "gold")
    with pytest.raises(FileNotFoundError, match="gold folder not found"):
        read_system_dir(tmp_path / "gold", tmp_path / "nope")
    with pytest.raises(ValueError, match=r"no \.tml files"):
        read_system_dir(tmp_path / "gold", tmp_path / "gold")


# --------------------------------------------------------------- tune and held-out parts


def test_every_third_document_is_held_out() -> None:
    assert [document_part(i) for i in range(6)] == [
        "tune",
        "tune",
        "heldout",
        "tune",
        "tune",
        "heldout",
    ]
    assert in_part("abcdefg", "heldout") == ["c", "f"]
    assert in_part("abcdefg", "tune") == ["a", "b", "d", "e", "g"]
    assert in_part("abc", "all") == ["a", "b", "c"]
    with pytest.raises(ValueError, match="unknown part 'dev'"):
        in_part("abc", "dev")  # type: ignore[arg-type]


def test_tempeval_parts_follow_the_sorted_paths(tmp_path: Path) -> None:
    """Files are counted in the order of their paths inside the folder; the third is held
    out, and our tagger is scored on it alone."""
    monday = _sys(TEXT_1, "Monday", "DATE", "2014-03-03")
    for name in ("B/b.tml", "A/c.tml", "A/a.tml"):
        _write(tmp_path / name, TEXT_1, [monday] if name == "B/b.tml" else [])
    assert [p.relative_to(tmp_path).as_posix() for p in tempeval_paths(tmp_path)] == [
        "A/a.tml",
        "A/c.tml",
        "B/b.tml",
    ]
    held, runs = score_tempeval_timexes(tmp_path, part="heldout")
    assert [doc.doc_id for doc, _ in runs] == ["b"]
    assert (held.documents, held.gold) == (1, 1)
    tune, runs = score_tempeval_timexes(tmp_path, part="tune")
    assert (tune.documents, tune.gold) == (2, 0)
    errors = run_errors(runs)
    assert {e["kind"] for e in errors} <= {"spurious"}
    with pytest.raises(FileNotFoundError, match="not found"):
        tempeval_paths(tmp_path / "nowhere")


def test_eval_split_options_are_checked(tmp_path: Path) -> None:
    """`storyline eval timeml|meantime-timexes --split` names a part; a system folder is
    scored whole. Both refusals come before any model is loaded."""
    from storyline.errors import StorylineError
    from storyline.evaluation.runner import EvalOptions, score

    (tmp_path / "gold").mkdir()
    with pytest.raises(StorylineError, match="unknown split 'train'"):
        score("meantime-timexes", EvalOptions(gold=tmp_path / "gold", split="train"))
    with pytest.raises(StorylineError, match="leave it out with --system"):
        score(
            "timeml",
            EvalOptions(gold=tmp_path / "gold", system=tmp_path / "gold", split="heldout"),
        )
