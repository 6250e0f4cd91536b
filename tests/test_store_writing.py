"""The store's fast writers (issue 22) write what the slow ones wrote, byte for byte: the
annotation cache's JSON, the record tables' rows, the cache tables' rows; and the entity
stage's folded name keys are what the Unicode walk gave. The values are invented."""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import asdict
from typing import Any

import duckdb

from storyline.model import Annotation, NamedEntity, Sentence, Token
from storyline.stages.entities.naming import compact, fold
from storyline.store.duckdb import _insert, _replace, _schema, _storable, annotation_to_json


def test_the_annotation_cache_holds_what_asdict_wrote() -> None:
    annotation = Annotation(
        article="a-1",
        model="en_core_web_sm-3.8.0",
        sentences=(Sentence(0, 23), Sentence(24, 41)),
        tokens=(
            Token(0, 5, "Zoë", "PROPN", "NNP"),
            Token(6, 10, 'say "', "VERB", "VBD"),
            Token(11, 12, "\u2019", "PUNCT", "''"),
        ),
        entities=(NamedEntity(0, 5, "PERSON", "Zoë"),),
    )
    assert annotation_to_json(annotation) == json.dumps(asdict(annotation))
    empty = Annotation(article="a-2", model="m", sentences=(), tokens=(), entities=())
    assert annotation_to_json(empty) == json.dumps(asdict(empty))


def _rows(db: Any, table: str) -> list[tuple[Any, ...]]:
    return db.execute(f"SELECT * FROM {table}").fetchall()  # type: ignore[no-any-return]


_DAYS = ("2031-05-01", "2031-05-31", "month", "Body.")
_SALIENT = ("s", 0.25, 3, False, True)


def test_record_rows_go_in_as_executemany_put_them() -> None:
    """Each column's list is cast to the column's type: a column all null, lists all empty,
    days as text, a flag into an integer column, a lone surrogate."""
    tables = {
        "articles": [
            ("a1", "caf\udce9.txt", "txt", None, None, None, "en", "2031-05", "text", *_DAYS, []),
            ("a2", "b.txt", None, "T", "O", "u", "en", None, None, None, None, None, "B.", ["Zoë"]),
        ],
        "entities": [("e1", "Name", "ORG", None, [], []), ("e2", "Zoë", "PERSON", "X", ["Z"], [])],
        "comparisons": [("c1", 0, "topic", "agree", "why", True), ("c2", 1, "t", "v", "", 2)],
        "events": [
            ("v1", None, None, "strike", [], ["Z"], None, None, None, "reported", *_SALIENT),
            ("v2", "T", "m", "p", ["A"], [], "L", "2031", "year", "s", *[None] * 5),
        ],
    }
    fast, slow = duckdb.connect(":memory:"), duckdb.connect(":memory:")
    for db in (fast, slow):
        db.execute(_schema())
    for table, rows in tables.items():
        _insert(fast, table, rows, story="story-1")
        marks = ", ".join("?" * (len(rows[0]) + 1))
        slow.executemany(
            f"INSERT INTO {table} VALUES ({marks})", [_storable((*r, "story-1")) for r in rows]
        )
        assert _rows(fast, table) == _rows(slow, table)
    _insert(fast, "copies", [("a2", "a1", 0.5, 3)], story=None)
    assert _rows(fast, "copies") == [("a2", "a1", 0.5, 3, None)]


def _fold_before(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def test_folded_names_are_what_the_unicode_walk_gave() -> None:
    rng = random.Random(3)
    chars = [chr(i) for i in range(0x250)] + list("ßẞĐđﬁǅ①²Ⅻ")
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
        assert fold(text) == _fold_before(text)
        assert compact(text) == "".join(c for c in _fold_before(text) if c.isalnum())
    assert compact("Viet Nam") == "vietnam" and fold("Hà Nội") == "ha noi"


def test_a_cache_row_replaces_the_one_under_its_key() -> None:
    db = duckdb.connect(":memory:")
    db.execute(_schema())
    _replace(db, "timex_cache", [("a1", "f", "k1", "[[0,4]]"), ("a2", "f", "k1", "[]")])
    _replace(db, "timex_cache", [("a1", "f", "k2", "[[1,5]]"), ("a1", "f", "k3", "[[2,6]]")])
    _replace(db, "timex_cache", [])
    rows = db.execute("SELECT * FROM timex_cache ORDER BY article").fetchall()
    assert rows == [("a1", "f", "k3", "[[2,6]]"), ("a2", "f", "k1", "[]")]
    _replace(db, "annotation_cache", [("a1", "f", '{"article": "a1"}')])
    assert db.execute("SELECT payload FROM annotation_cache").fetchall() == [('{"article": "a1"}',)]
