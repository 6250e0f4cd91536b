"""What different sources say of the same event: when it happened or will, and who did it.

Merging (`stages/events`) already decided which mentions of different articles are one
event. For each reported event that two or more independent sources mention, each source's
claim is its most telling mention (one that dates the event on the calendar, else one that
names its actor, else its first) and the comparison reads two attributes:
- **when**: the calendar dates the sources give. Dates that overlap agree ("on May 4" and
  "yesterday" in an article of May 5). Dates that do not overlap contradict when two
  sources both report the event as having happened on days that cannot be the same; else
  they complement each other (a visit "expected this month", later "scheduled for
  Wednesday": the plan moved as the story went on).
- **who**: the named actors. Sources that name different actors and none in common
  complement each other (one names the party chief, another the party).
Anything else agrees: the sources report the same event with nothing that differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import Claim, Comparison, Event, EventMention, Span, Verdict
from storyline.stages.compare.verdicts import calendar_dates, compared

# two sources whose sentences about the event are less similar than this each add details
_DETAILS = float(table("compare", "align")["details"])


def _calendar(mention: EventMention) -> str | None:
    """The mention's date when it names a place on the calendar."""
    if mention.date is None:
        return None
    return next(iter(calendar_dates((mention.date.value,))), None)


def _actors(mention: EventMention) -> frozenset[str]:
    return frozenset(p.entity or p.name for p in mention.actors)


def _strangers(
    a: EventMention,
    b: EventMention,
    names: Mapping[str, str],
    kinds: Mapping[str, str],
) -> bool:
    """Whether two mentions name different people or organisations as the event's actors:
    no actor in common, none a country or a group (too coarse: "Valdoria" did what "the
    Valdorian navy" did), and no actor's name inside the other's."""
    if _actors(a) & _actors(b):
        return False
    for mention in (a, b):
        if any(kinds.get(p.entity or "", "") not in ("PERSON", "ORG") for p in mention.actors):
            return False
    words_a = {w.lower() for p in a.actors for w in names.get(p.entity or "", p.name).split()}
    words_b = {w.lower() for p in b.actors for w in names.get(p.entity or "", p.name).split()}
    return not (words_a & words_b)


def _telling(mentions: Sequence[EventMention]) -> EventMention:
    return min(
        mentions,
        key=lambda m: (
            _calendar(m) is None,
            not m.actors,
            m.sentence.start,
        ),
    )


def _apart(chosen: Sequence[EventMention], alike: Callable[[Span, Span], float]) -> bool:
    """Whether every two sources tell the event in sentences that share little beyond it."""
    return all(
        alike(a.sentence, b.sentence) < _DETAILS
        for i, a in enumerate(chosen)
        for b in chosen[i + 1 :]
    )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def event_comparisons(
    events: Sequence[Event],
    witnesses: Mapping[str, str],
    published: Mapping[str, str | None],
    names: Mapping[str, str],
    label: Callable[[str], str],
    kinds: Mapping[str, str] | None = None,
    alike: Callable[[Span, Span], float] | None = None,
) -> list[Comparison]:
    """One comparison per reported event that two or more independent sources mention;
    `names` and `kinds` give each entity id its name and type, `alike` the similarity of two
    sentences (`align.Similarity`)."""
    out = []
    for event in events:
        by_witness: dict[str, list[EventMention]] = {}
        for mention in event.mentions:
            if mention.article in witnesses:
                by_witness.setdefault(witnesses[mention.article], []).append(mention)
        if len(by_witness) < 2:
            continue
        chosen = sorted(
            (_telling(ms) for ms in by_witness.values()),
            key=lambda m: (m.article, m.sentence.start),
        )
        out.append(
            _compare_event(event, chosen, witnesses, published, names, label, kinds or {}, alike)
        )
    return out


def _who(mention: EventMention, names: Mapping[str, str]) -> str:
    return " and ".join(sorted(names.get(p.entity or "", p.name) for p in mention.actors))


def _compare_event(
    event: Event,
    chosen: Sequence[EventMention],
    witnesses: Mapping[str, str],
    published: Mapping[str, str | None],
    names: Mapping[str, str],
    label: Callable[[str], str],
    kinds: Mapping[str, str],
    alike: Callable[[Span, Span], float] | None,
) -> Comparison:
    actor = _who(chosen[0], names) or next((_who(m, names) for m in chosen if m.actors), "")
    topic = f"{event.predicate.replace('_', ' ')}" + (f" ({actor})" if actor else "")
    dated = [m for m in chosen if _calendar(m)]
    apart = [
        (a, b)
        for i, a in enumerate(dated)
        for b in dated[i + 1 :]
        if not timevalues.overlaps(str(_calendar(a)), str(_calendar(b)))
    ]
    named = [m for m in chosen if m.actors]
    strangers = [
        (a, b)
        for i, a in enumerate(named)
        for b in named[i + 1 :]
        if witnesses[a.article] != witnesses[b.article] and _strangers(a, b, names, kinds)
    ]
    verdict: Verdict
    kind = "date"
    if apart:
        a, b = apart[0]
        both_happened = a.status == b.status == "happened"
        fine = all(timevalues.granularity(str(_calendar(m))) in ("day", "time") for m in (a, b))
        verdict = "contradict" if both_happened and fine else "complement"
        said = "; ".join(
            f"{label(m.article)} {_calendar(m)} ({m.status}"
            + (f", written {published.get(m.article)}" if published.get(m.article) else "")
            + ")"
            for m in dated
        )
        if verdict == "contradict":
            explanation = (
                f"The sources date the {topic} to different days, both as happened: {said}."
            )
        else:
            explanation = (
                f"The sources give different times for the {topic}, as the story went on: {said}."
            )
    elif strangers:
        a, b = strangers[0]
        verdict = "complement"
        kind = "actor"
        explanation = (
            f"The sources name different actors for the {topic}, which add to each other: "
            + "; ".join(f"{label(m.article)} {_who(m, names)}" for m in named)
            + "."
        )
    elif len(dated) >= 2:
        verdict = "agree"
        explanation = (
            f"The sources give the same date for the {topic}: "
            + "; ".join(
                f"{label(m.article)} {_calendar(m)} "
                f"(\u201c{m.date.span.text if m.date else ''}\u201d)"
                for m in dated
            )
            + "."
        )
    elif alike is not None and _apart(chosen, alike):
        verdict = "complement"
        kind = "status"
        explanation = (
            f"The sources tell the {topic} with details the others lack: "
            + "; ".join(f"{label(m.article)} \u201c{_short(m.sentence.text)}\u201d" for m in chosen)
            + "."
        )
    else:
        verdict = "agree"
        kind = "status"
        explanation = (
            f"The sources report the same {topic}: "
            + "; ".join(f"{label(m.article)} as {m.status}" for m in chosen)
            + "; no date or actor differs."
        )
    claims = tuple(
        Claim(
            span=m.sentence,
            kind=kind,
            value=(
                _calendar(m) or m.status
                if kind == "date"
                else _who(m, names)
                if kind == "actor"
                else m.status
            ),
            published=published.get(m.article),
        )
        for m in chosen
    )
    return compared(
        topic, verdict, explanation, claims, len({witnesses[m.article] for m in chosen})
    )
