"""The story at a glance: the most salient dates and, for each, the sentences that tell them.

A timeline summary in the news-tls sense (`storyline timeline`, docs/cli.md): rank the story's
day dates by what the build knows of them (how many sentences and articles refer to each),
then for each chosen date pick the sentences
closest to the centroid of that day's candidates, dropping repeats. Pure functions over the
records of a dossier (`dossier.json`'s `articles`, `timexes` and `events`), so the report can
show the same summary. `cite` makes the story's cited summary (dossier.json `summary[]`) from
the same selection; `salience` scores every event and marks the key ones; the pipeline runs
both after events (`REQUIRES`, `ASSIGNS`).
"""

from storyline.stages.glance.cite import (
    ASSIGNS,
    REQUIRES,
    SummarySettings,
    cited_summary,
    records,
)
from storyline.stages.glance.salience import (
    SalienceSettings,
    score_events,
    story_start,
    witnesses,
)
from storyline.stages.glance.select import (
    DateWeights,
    DaySummary,
    Settings,
    candidates,
    rank_dates,
    timeline_summary,
)

__all__ = [
    "ASSIGNS",
    "REQUIRES",
    "DateWeights",
    "DaySummary",
    "SalienceSettings",
    "Settings",
    "SummarySettings",
    "candidates",
    "cited_summary",
    "rank_dates",
    "records",
    "score_events",
    "story_start",
    "timeline_summary",
    "witnesses",
]
