"""The index page of a pile built story by story: one row per story, linking its report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Dossier
from storyline.report.html import _environment
from storyline.stages.stories import Story


@dataclass(frozen=True, slots=True)
class _Row:
    href: str
    title: str
    first: str | None
    last: str | None
    articles: int
    events: int


def render_index(stories: Sequence[tuple[Story, Dossier]]) -> str:
    """A self-contained HTML page listing the stories, largest first (ties by first day, then
    id), each linking `stories/<id>/report.html`."""
    rows = sorted(
        (
            _Row(
                href=f"stories/{story.id}/report.html",
                title=story.title,
                first=story.first,
                last=story.last,
                articles=len(story.articles),
                events=len(dossier.events),
            )
            for story, dossier in stories
        ),
        key=lambda r: (-r.articles, r.first or "~", r.href),
    )
    template = _environment().get_template("index.html.j2")
    return template.render(stories=rows, articles=sum(r.articles for r in rows))
