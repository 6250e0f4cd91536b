"""The Spark engine's Parquet output: one folder per store table, one file per story.

`DIR/parquet/TABLE/STORY.parquet` holds a story's rows of the store's table TABLE with its
columns and types (docs/store.md), so Spark, DuckDB or pandas read a folder as one table
(`spark.read.parquet("DIR/parquet/events")`, `read_parquet('DIR/parquet/events/*.parquet')`).
The records come from the cross-article stages on the driver, so they are written by the
store itself (`Store.write_dossier`, then DuckDB's `COPY ... (FORMAT parquet)`): the columns
are the store's by construction, with no second mapping of records to rows.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from storyline.model import Dossier
from storyline.stages.stories import Story
from storyline.store.duckdb import Store


def write_tables(stories: Sequence[tuple[Story, Dossier]], folder: Path) -> list[Path]:
    """Write each story's records under `folder` (replaced whole: a failed write leaves the
    last one); return the table folders."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for story, dossier in stories:
            with Store(":memory:") as store:
                store.write_dossier(dossier, story=story.id)
                written = store.export_parquet(scratch / ".story")
            for path in written:
                table = scratch / path.stem
                table.mkdir(exist_ok=True)
                path.replace(table / f"{story.id}.parquet")
        if (scratch / ".story").exists():
            (scratch / ".story").rmdir()
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            folder.replace(old)
        scratch.replace(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sorted(p for p in folder.iterdir() if p.is_dir())
