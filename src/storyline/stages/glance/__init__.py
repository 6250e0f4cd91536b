"""The story at a glance: the most salient dates and, for each, the sentences that tell them.

A timeline summary in the news-tls sense (`storyline timeline`, docs/cli.md): rank the story's
day dates by what the build knows of them (how many sentences and articles refer to each),
then for each chosen date pick the sentences
closest to the centroid of that day's candidates, dropping repeats. Pure functions over the
records of a dossier (`dossier.json`'s `articles`, `timexes` and `events`), so the report can
show the same summary.
"""

from storyline.stages.glance.select import (
    DateWeights,
    DaySummary,
    Settings,
    candidates,
    rank_dates,
    timeline_summary,
)

__all__ = [
    "DateWeights",
    "DaySummary",
    "Settings",
    "candidates",
    "rank_dates",
    "timeline_summary",
]
