"""The Spark engine: `storyline build --engine spark[=MASTER]`.

The per-article stages (ingest, clean, annotate, and the sentence parses quotes and events ask
for) run as a pyspark job over partitions (`job.py`), calling the same stage functions the
local engine calls; the driver keeps their results in the store's annotation and parse
caches and then runs the ordinary build, whose cross-article stages run per story and find
every article's annotation and parses cached, so `dossier.json` is the local engine's, byte
for byte. `tables.py` writes the records as Parquet, one folder per store table
(docs/spark.md).

Nothing here is imported by a build with the local engine, and pyspark is imported only when
the job starts.
"""

from __future__ import annotations

from storyline.spark.job import Prepared, parse_engine, prepare
from storyline.spark.tables import write_tables

__all__ = ["Prepared", "parse_engine", "prepare", "write_tables"]
