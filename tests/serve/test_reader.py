"""The reader behind the web app, used directly: filters, threads, closing and reopening."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serve_support import STORE

from storyline.errors import StoreError
from storyline.store.reader import Filters, StoreReader


def test_blank_filters_mean_no_filter() -> None:
    assert Filters(q="  ", outlet="", entity=None, date_from="") == Filters()
    assert Filters(q=" x ").q == " x "


def test_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    import duckdb

    with duckdb.connect(str(tmp_path / STORE)) as db:
        db.execute("CREATE TABLE notes (text VARCHAR)")
    with pytest.raises(StoreError, match="not a storyline store"):
        StoreReader(tmp_path / STORE)


@pytest.mark.model
def test_queries_from_many_threads_agree(demo_dir: Path) -> None:
    reader = StoreReader(demo_dir / STORE)
    try:
        expected = reader.quotes(Filters(q="strike"), limit=200, offset=0)

        def ask(_: int) -> object:
            return reader.quotes(Filters(q="strike"), limit=200, offset=0)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, range(64)))
        assert expected.total > 0
        assert all(answer == expected for answer in answers)
    finally:
        reader.close()


@pytest.mark.model
def test_closed_reader_says_so_and_reopens(demo_dir: Path) -> None:
    reader = StoreReader(demo_dir / STORE)
    reader.close()
    with pytest.raises(StoreError, match="is closed"):
        reader.overview()
    reader.open()
    assert reader.overview().articles == 6
    reader.close()
