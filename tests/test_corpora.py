"""Tests for storyline.evaluation.corpora against the read-only corpora in ../shared/data.

Assertions are on counts and structure (cross-checked by independent scans of the
raw files), never on quoted corpus text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.evaluation.corpora import (
    CORPORA,
    CorpusDoc,
    _url_date,
    detokenize,
    iter_corpus,
    iter_ecbplus,
    iter_meantime,
    iter_polnear,
    iter_tempeval3,
    read_timeml,
)

DATA_ROOT = Path(__file__).parents[1] / ".." / "shared" / "data"
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}


@pytest.fixture(scope="module")
def root() -> Path:
    if not DATA_ROOT.is_dir():
        pytest.skip(f"evaluation corpora not available at {DATA_ROOT}")
    return DATA_ROOT


def _is_iso_date(value: str | None) -> bool:
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    dt.date.fromisoformat(value)
    return True


def _check_basic(docs: list[CorpusDoc], corpus: str) -> None:
    assert docs, f"{corpus}: no documents"
    assert all(d.corpus == corpus for d in docs)
    assert all(d.text.strip() for d in docs), f"{corpus}: empty text"
    ids = [d.doc_id for d in docs]
    assert len(set(ids)) == len(ids), f"{corpus}: duplicate doc ids"
    for d in docs:
        assert d.published is None or _is_iso_date(d.published), d.published
        assert d.title is None or d.title.strip() == d.title != ""


def _squash(text: str) -> str:
    return "".join(text.split())


# ----------------------------------------------------------------------- TempEval-3


def _scan_timeml_text(path: Path) -> tuple[str, list[str]]:
    """Independent regex scan: plain <TEXT> content and the TIMEX3 inner texts."""
    raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    assert m is not None, path
    inner = m.group(1)
    timexes = [
        html.unescape(re.sub(r"<[^>]+>", "", t))
        for t in re.findall(r"<TIMEX3\b[^>]*>(.*?)</TIMEX3>", inner, re.S)
    ]
    return html.unescape(re.sub(r"<[^>]+>", "", inner)), timexes


def test_tempeval3_documents(root: Path) -> None:
    files = sorted((root / "tempeval3").rglob("*.tml"))
    docs = list(iter_tempeval3(root))
    _check_basic(docs, "tempeval3")
    assert len(docs) == len(files)
    assert {d.doc_id.split("/")[0] for d in docs} == {"TimeBank", "AQUAINT"}
    assert all(_is_iso_date(d.published) for d in docs)
    # the DCT value starts with the published date
    for d in docs[:20]:
        tml = read_timeml(root / "tempeval3" / f"{d.doc_id}.tml")
        assert tml.dct is not None and tml.dct.startswith(d.published or "?")
        assert tml.text == d.text


def test_tempeval3_timexes_match_scan(root: Path) -> None:
    files = sorted((root / "tempeval3").rglob("*.tml"))
    total_read = total_scanned = 0
    for path in files:
        doc = read_timeml(path)
        scanned_text, scanned_timexes = _scan_timeml_text(path)
        assert doc.text == scanned_text, path
        assert [t.text for t in doc.timexes] == scanned_timexes, path
        tids = [t.tid for t in doc.timexes]
        assert len(set(tids)) == len(tids), path
        for t in doc.timexes:
            assert 0 <= t.start < t.end <= len(doc.text)
            assert doc.text[t.start : t.end] == t.text
            assert t.type in TIMEX_TYPES
            assert t.value != ""
        total_read += len(doc.timexes)
        total_scanned += len(scanned_timexes)
    assert total_read == total_scanned > 0
    # every <TIMEX3 in the files is either the DCT (one per file) or inside <TEXT>
    raw_total = sum(p.read_text(encoding="utf-8").count("<TIMEX3") for p in files)
    assert raw_total == total_read + len(files)


# -------------------------------------------------------------------------- PolNeAR


def test_polnear_dev(root: Path) -> None:
    txt_files = sorted((root / "polnear" / "dev" / "text").glob("*.txt"))
    docs = list(iter_polnear(root, split="dev"))
    _check_basic(docs, "polnear")
    assert len(docs) == len(txt_files)
    by_id = {d.doc_id: d for d in docs}
    assert set(by_id) == {p.stem for p in txt_files}
    for path in txt_files:
        assert by_id[path.stem].text == path.read_bytes().decode("utf-8")
    for d in docs:
        # file names are <publisher>_<YYYY-MM-DD>_<slug>; metadata.tsv agrees
        assert d.published == d.doc_id.split("_")[1]
        assert d.title is not None


def test_polnear_brat_offsets(root: Path) -> None:
    texts = {d.doc_id: d.text for d in iter_polnear(root, split="dev")}
    checked = 0
    for ann in sorted((root / "polnear" / "dev" / "attributions").glob("*.ann")):
        text = texts[ann.stem.rsplit("_", 1)[0]]
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if not line.startswith("T") or len(fields) != 3 or ";" in fields[1]:
                continue
            _, start, end = fields[1].split()
            assert text[int(start) : int(end)] == fields[2]
            checked += 1
    assert checked > 0


def test_polnear_train_and_split_validation(root: Path) -> None:
    n_txt = len(list((root / "polnear" / "train" / "text").glob("*.txt")))
    assert sum(1 for _ in iter_polnear(root, split="train")) == n_txt
    with pytest.raises(ValueError, match="split"):
        iter_polnear(root, split="nonsense")


# ------------------------------------------------------------------------- MEANTIME


def _token_stream(path: Path, *, skip_sentence0: bool = False) -> str:
    """Concatenated tokens (PTB quotes mapped as the detokenizer does), no spaces."""
    mapping = {"``": '"', "''": '"', "`": "'"}
    out = []
    for tok in ET.parse(path).getroot().iter("token"):
        if skip_sentence0 and tok.get("sentence") == "0":
            continue
        text = (tok.text or "").strip()
        out.append(mapping.get(text, text))
    return _squash("".join(out))


def test_meantime(root: Path) -> None:
    base = root / "meantime" / "intra_cross-doc_annotation"
    files = sorted(base.rglob("*.xml"))
    docs = list(iter_meantime(root))
    _check_basic(docs, "meantime")
    assert len(docs) == len(files)
    assert all(_is_iso_date(d.published) for d in docs)
    for d in docs:
        paragraphs = d.text.split("\n\n")
        assert len(paragraphs) == 3  # title, dateline, body (one sentence per line)
        assert d.title == paragraphs[0]
        assert _squash(d.text) == _token_stream(base / f"{d.doc_id}.xml")


# ----------------------------------------------------------------------------- ECB+


def test_ecbplus(root: Path) -> None:
    base = root / "ecbplus"
    files = sorted(base.glob("*/*.xml"))
    docs = list(iter_ecbplus(root))
    _check_basic(docs, "ecbplus")
    assert len(docs) == len(files)
    kinds = Counter("ecbplus" if d.doc_id.endswith("ecbplus") else "ecb" for d in docs)
    assert kinds["ecb"] > 0 and kinds["ecbplus"] > 0
    for d in docs:
        plus = d.doc_id.endswith("ecbplus")
        # ecbplus files open with the tokenized source URL, left out of the text
        assert _squash(d.text) == _token_stream(base / f"{d.doc_id}.xml", skip_sentence0=plus)
        assert "://" not in d.text.split("\n", 1)[0]
        assert d.title is None
        if not plus:
            assert d.published is None
    assert sum(d.published is not None for d in docs) > 0
    topics = [int(d.doc_id.split("/")[0]) for d in docs]
    assert topics == sorted(topics)  # natural (numeric) topic order


def test_url_date_heuristic() -> None:
    assert _url_date("http://example.com/2013/05/02/some-story/") == "2013-05-02"
    assert _url_date("http://example.com/2005/jun/25/local/x") == "2005-06-25"
    assert _url_date("http://example.com/news/2007-04-11-story_N.htm") == "2007-04-11"
    assert _url_date("http://example.com/tech/20070503/story") == "2007-05-03"
    assert _url_date("http://example.com/2012/7/7/123/story") == "2012-07-07"
    assert _url_date("http://example.com/2013/08/5-things") is None
    assert _url_date("http://example.com/2013/38/story") is None
    assert _url_date("http://example.com/story?id=12345678") is None


# ----------------------------------------------------------------------- detokenize


def test_detokenize_punctuation_and_clitics() -> None:
    toks = ["He", "said", ",", "``", "it", "is", "n't", "over", "(", "yet", ")", ".", "''"]
    assert detokenize(toks) == 'He said, "it isn\'t over (yet)."'
    assert detokenize(["The", "cat", "'s", "toy", "costs", "$", "5", "now", "!"]) == (
        "The cat's toy costs $5 now!"
    )
    assert detokenize(["at", "1", ":", "30", "for", "5", ",", "000", "people"]) == (
        "at 1:30 for 5,000 people"
    )
    assert detokenize(["it", "’", "s", "the", "dogs", "'", "bowl"]) == "it’s the dogs' bowl"


def test_detokenize_quotes_and_hyphens() -> None:
    assert detokenize(['"', "Hi", ",", '"', "she", "said"]) == '"Hi," she said'
    assert detokenize(["a", "long", "-", "term", "plan"]) == "a long - term plan"
    assert detokenize(["a", "long", "-", "term", "plan"], split_hyphens=True) == (
        "a long-term plan"
    )
    assert detokenize(["  spaced\t", "", "out"]) == "spaced out"


# ------------------------------------------------------------------ dispatch/errors


@pytest.mark.parametrize("name", CORPORA)
def test_iter_corpus_limit_and_order(root: Path, name: str) -> None:
    first = list(iter_corpus(name, root, limit=3))
    assert len(first) == 3
    assert [d.doc_id for d in first] == [d.doc_id for d in iter_corpus(name, root, limit=3)]
    assert list(iter_corpus(name, root, limit=0)) == []


def test_unknown_corpus_name() -> None:
    with pytest.raises(ValueError) as info:
        iter_corpus("no-such-corpus")
    for name in CORPORA:
        assert name in str(info.value)


def test_negative_limit() -> None:
    with pytest.raises(ValueError, match="limit"):
        iter_corpus("tempeval3", limit=-1)


@pytest.mark.parametrize("name", CORPORA)
def test_missing_root(tmp_path: Path, name: str) -> None:
    missing = tmp_path / "does-not-exist"
    # raised on the call itself, before the iterator is advanced
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        iter_corpus(name, missing)


@pytest.mark.parametrize("name", CORPORA)
def test_missing_corpus_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(FileNotFoundError, match=re.escape(str(tmp_path / name))):
        iter_corpus(name, tmp_path)


def test_constants() -> None:
    assert CORPORA == ("tempeval3", "polnear", "meantime", "ecbplus")


def test_iterators_are_lazy(root: Path) -> None:
    docs: Iterator[CorpusDoc] = iter_ecbplus(root)
    assert next(docs).corpus == "ecbplus"
