"""The metadata an input gives with no field of its own (`Article.meta`) is stored and read."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Article, Dossier
from storyline.store.duckdb import Store
from storyline.store.reader import StoreReader


def _article(id_: str, meta: tuple[tuple[str, str], ...]) -> Article:
    text = "The harbour reopened on Monday after a week of repairs."
    return Article(
        id=id_,
        path=f"in/{id_}.txt",
        format="text",
        title="Harbour reopens",
        outlet=None,
        url=None,
        language="en",
        text=text,
        raw=text,
        dropped=(),
        segments=(),
        authors=("Ana Ruiz",),
        meta=meta,
    )


def test_header_keys_with_no_field_are_rows_of_article_meta(tmp_path: Path) -> None:
    meta = (("desk", "Harbour & ports"), ("section", "Local"), ("story", "ferry-strike"))
    dossier = Dossier(articles=(_article("aa", meta), _article("bb", ())), entities=(), inputs=())
    path = tmp_path / "storyline.duckdb"
    store = Store(path)
    store.write_dossier(dossier)
    rows = store.connection.execute(
        'SELECT article, "key", "value" FROM article_meta ORDER BY ALL'
    ).fetchall()
    store.close()
    assert rows == [("aa", key, value) for key, value in meta]
    reader = StoreReader(path)
    try:
        assert reader.article("aa", start=None, end=None).meta == dict(meta)
        assert reader.article("bb", start=None, end=None).meta == {}
    finally:
        reader.close()


def test_a_store_without_the_meta_table_reads_as_no_meta(tmp_path: Path) -> None:
    path = tmp_path / "storyline.duckdb"
    store = Store(path)
    store.write_dossier(
        Dossier(articles=(_article("aa", (("section", "Local"),)),), entities=(), inputs=())
    )
    store.connection.execute("DROP TABLE article_meta")
    store.close()
    reader = StoreReader(path)
    try:
        assert reader.article("aa", start=None, end=None).meta == {}
    finally:
        reader.close()
