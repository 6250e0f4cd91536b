"""How the claims of one comparison relate: agree, complement or contradict, and why.

Three kinds of comparison here (events: `happenings`; quotes: `wording`):
- **Figures** about the same counted thing (the same noun, or two nouns for which the sources
  give the same two distinct figures, most of what either gives). They agree when equal,
  within `tolerance` when either is approximate, within a bound ("at least 3" beside 10), or
  when an ordinal counts one more than a cardinal written before it ("three visits" in March,
  "her fourth visit" in June). A higher figure in a later day's report is an update (a toll
  that rises) and complements; other figures that differ, in comparable sentences, contradict.
- **Lists** two sources give with two items in common: the same items agree, others
  complement.
- **Statements** (sentences about the same thing, `align`): they agree, or complement when
  their figures do not meet (each counts its own part). A group whose
  sentences are dated to days that cannot meet is not one claim but two occasions that share
  names, and is dropped (the events' comparisons, `happenings`, compare the dates of one
  event). Denials are not judged (see `statement_comparison`).

A contradiction needs two independent sources; a figure an article gives together with
another figure for the same thing (a disputed count) is compared as that article's claim.
Every explanation names the values it compared and the sources that gave them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import Claim, Comparison, Verdict
from storyline.stages.compare.claims import Figure, Statement


@dataclass(frozen=True, slots=True)
class Found:
    """A figure with the statement it is in."""

    figure: Figure
    statement: Statement


def compared(
    topic: str, verdict: Verdict, explanation: str, claims: Sequence[Claim], independent: int
) -> Comparison:
    """A comparison, its id a hash of its claims' places (the same claims, the same id)."""
    key = "|".join(f"{c.span.article}:{c.span.start}:{c.span.end}:{c.kind}" for c in claims)
    return Comparison(
        id="c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        topic=topic,
        verdict=verdict,
        explanation=explanation,
        claims=tuple(claims),
        independent=independent,
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _said(found: Found, name: Callable[[str], str]) -> str:
    figure = found.figure
    words = _qualifier(figure) + _number(figure.value)
    if figure.ordinal:
        words = f"the {figure.span.text}"
    source = found.figure.source
    who = name(found.statement.article)
    return f"{words} ({who}{', according to ' + source if source else ''})"


_TOLERANCE = float(table("compare", "numbers")["tolerance"])


def _by_value(found: Sequence[Found], name: Callable[[str], str]) -> list[str]:
    """Each figure once, with every source that gives it: "6,500 (Kessmark Courier; the
    union, in Kessmark News Service)"."""
    values: dict[tuple[float, bool], list[Found]] = {}
    for f in found:
        values.setdefault((f.figure.value, f.figure.ordinal), []).append(f)
    out = []
    for (value, ordinal), items in sorted(values.items(), key=lambda kv: -len(kv[1])):
        approximate = all(f.figure.approximate for f in items)
        words = f"the {items[0].figure.span.text}" if ordinal else _number(value)
        who = []
        for f in items:
            label = name(f.statement.article)
            said = f"{f.figure.source}, in {label}" if f.figure.source else label
            if said not in who:
                who.append(said)
        qualifier = _qualifier(items[0].figure) if len(items) == 1 else ""
        qualifier = qualifier or ("about " if approximate else "")
        out.append(f"{qualifier}{words} ({'; '.join(who)})")
    return out


def _qualifier(figure: Figure) -> str:
    if figure.bound == "min":
        return "at least "
    if figure.bound == "max":
        return "at most "
    return "about " if figure.approximate else ""


def compatible(a: Found, b: Found, tolerance: float) -> bool:
    """Whether two figures can both hold at the time each was written."""
    fa, fb = a.figure, b.figure
    if fa.ordinal != fb.ordinal:
        # "the fifth" and "four" are one count told before and after; any other pair of an
        # ordinal and a count names different things, and neither agrees nor clashes
        ordinal, cardinal = (a, b) if fa.ordinal else (b, a)
        if ordinal.figure.value == cardinal.figure.value + 1:
            # the count of those before, then the next one: unless the count was written later
            before = _day(cardinal.statement.published)
            after = _day(ordinal.statement.published)
            return before is None or after is None or before < after
        return ordinal.figure.value == cardinal.figure.value
    if fa.value == fb.value:
        return True
    for bounded, other in ((fa, fb), (fb, fa)):
        if bounded.bound == "min" and other.value >= bounded.value:
            return True  # "at least 3" and "10"
        if bounded.bound == "max" and other.value <= bounded.value:
            return True  # "as many as 80" and "60"
    if fa.approximate or fb.approximate:
        return abs(fa.value - fb.value) <= tolerance * max(fa.value, fb.value)
    return False


def _day(published: str | None) -> str | None:
    if not published:
        return None
    first = timevalues.first_day(published)
    return None if first is None else first.isoformat()


def figure_comparison(
    found: Sequence[Found],
    noun: str,
    tolerance: float,
    name: Callable[[str], str],
    comparable: Callable[[Found, Found], bool],
) -> Comparison | None:
    """The comparison of figures for one counted thing; `comparable` says whether two
    figures that differ are about the same instance of it (else they neither agree nor
    clash)."""
    differing = [
        (a, b)
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if a.statement.witness != b.statement.witness
        and a.figure.ordinal == b.figure.ordinal
        and not compatible(a, b, tolerance)
        and comparable(a, b)
    ]
    # a higher figure in a report of a later day is an update (a toll that rises), not a clash
    clash = [(a, b) for a, b in differing if not _update(a, b)]
    updates = [(a, b) for a, b in differing if _update(a, b)]
    things = [f.figure.thing for f in found if f.figure.thing]
    thing = things[0] if things else noun.replace(":", " of the ")
    topic = f"How many {thing}" if not noun.count(":") else f"How much: {thing}"
    agreeing = [
        (a, b)
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if a.statement.witness != b.statement.witness and compatible(a, b, tolerance)
    ]
    if not differing and not agreeing:
        return None  # figures that differ but are not about the same instance
    if not differing:
        # only the figures some other source confirms
        kept = {id(f) for pair in agreeing for f in pair}
        found = [f for f in found if id(f) in kept]
    verdict: Verdict
    if not differing:
        verdict = "agree"
        ordinal = [f for f in found if f.figure.ordinal]
        if ordinal and any(not f.figure.ordinal for f in found):
            cardinal = next(f for f in found if not f.figure.ordinal)
            explanation = (
                f"{name(cardinal.statement.article)} counts {_number(cardinal.figure.value)} "
                f"({thing}) before {name(ordinal[0].statement.article)} counts "
                f"{_said(ordinal[0], name)}; written later, one more is the same count."
            )
        else:
            values = "; ".join(_said(f, name) for f in found)
            explanation = f"The sources give the same figure for {thing}: {values}."
    elif not clash:
        verdict = "complement"
        updated = {id(f) for pair in updates for f in pair}
        found = [f for f in found if id(f) in updated]
        ordered = sorted(found, key=lambda f: (_day(f.statement.published) or "", f.figure.value))
        values = "; then ".join(
            f"{_said(f, name)} on {_day(f.statement.published)}" for f in ordered
        )
        explanation = f"Each later report gives a higher figure for {thing}: {values}."
    else:
        verdict = "contradict"
        # only the figures that clash, and those that say the same as one of them
        clashing = [f for pair in clash for f in pair]
        found = [f for f in found if any(f is g or compatible(f, g, tolerance) for g in clashing)]
        explanation = (
            f"The figures for {thing} differ by more than rounding: "
            + " against ".join(_by_value(found, name))
            + "."
        )
    claims = [
        Claim(
            span=f.figure.span,
            kind="count",
            value=("#" if f.figure.ordinal else "") + _number(f.figure.value).replace(",", ""),
            source=f.figure.source,
            published=f.statement.published,
        )
        for f in found
    ]
    return compared(topic, verdict, explanation, claims, len({f.statement.witness for f in found}))


def _update(a: Found, b: Found) -> bool:
    """Whether one figure is a later day's higher count of the other (a toll that rises)."""
    day_a, day_b = _day(a.statement.published), _day(b.statement.published)
    if day_a is None or day_b is None or day_a == day_b:
        return False
    early, late = (a, b) if day_a < day_b else (b, a)
    return late.figure.value > early.figure.value


def statement_comparison(
    statements: Sequence[Statement], topic: str, name: Callable[[str], str]
) -> Comparison | None:
    """The comparison of sentences about the same thing: they agree, on the date when two or
    more give one; None when their dates cannot meet (two occasions that share names).

    Denials ("the bridge is unlikely to reopen" against "the bridge will reopen") are not
    judged: a negating word in one sentence and the same words in another were a real
    contradiction in 1 of 12 pairs on ECB+ topics and the seeds (docs/benchmarks.md)."""
    dated = [s for s in statements if calendar_dates(s.dates)]
    values = {id(s): " ".join(calendar_dates(s.dates)) for s in dated}
    apart = [
        (a, b)
        for i, a in enumerate(dated)
        for b in dated[i + 1 :]
        if not any(
            timevalues.overlaps(x, y)
            for x in calendar_dates(a.dates)
            for y in calendar_dates(b.dates)
        )
    ]
    if apart:
        # sentences dated to days that cannot meet tell of different occasions: what they
        # share (a name, a place) is not one claim
        return None
    counted = [s for s in statements if s.figures]
    differ = [
        (a, b)
        for i, a in enumerate(counted)
        for b in counted[i + 1 :]
        if a.witness != b.witness
        and not any(
            compatible(Found(x, a), Found(y, b), _TOLERANCE) for x in a.figures for y in b.figures
        )
    ]
    named = [s for s in statements if s.role and s.source]
    others = [
        (a, b)
        for i, a in enumerate(named)
        for b in named[i + 1 :]
        if a.witness != b.witness
        and a.role[-1] == b.role[-1]  # the same head noun, nearest the name
        and not _words(a.source) & _words(b.source)
    ]
    verdict: Verdict = "agree"
    origins = bool(others) and not differ
    if differ:
        # the same thing told with figures that do not meet: each source counts its own
        # part ("a two-port tour", "the third call", "four partner ports")
        verdict = "complement"
        for s in counted:
            values[id(s)] = ", ".join(f.span.text for f in s.figures)
        explanation = (
            f"The sources give different figures about {topic}, which add to each other: "
            + "; ".join(
                f"{name(s.article)} {', '.join(f.span.text for f in s.figures)}" for s in counted
            )
            + "."
        )
    elif origins:
        # each source names its own origin in the same role ("the wire agency X", "the wire
        # agency Y"): the sentences add a second origin, not a second witness to one
        verdict = "complement"
        role = others[0][0].role[-1]
        explanation = (
            f"The sources name different origins for {topic}, each described as "
            f"\u201c{role}\u201d: "
            + "; ".join(f"{name(s.article)} {s.source}" for s in named)
            + "."
        )
    elif len(dated) >= 2:
        explanation = (
            f"The sources give the same date for {topic}: "
            + "; ".join(f"{name(s.article)} {', '.join(calendar_dates(s.dates))}" for s in dated)
            + "."
        )
    else:
        explanation = (
            f"{', '.join(name(s.article) for s in statements)} state the same about {topic}; "
            "no date differs."
        )
    origin_of = {id(s): s.source or topic for s in named} if origins else {}

    def kind(s: Statement) -> str:
        if origins:
            return "actor" if id(s) in origin_of else "statement"
        if verdict == "complement":
            return "count" if s.figures else "statement"
        return "date" if id(s) in values else "statement"

    claims = tuple(
        Claim(
            span=s.span,
            kind=kind(s),
            value=origin_of.get(id(s)) or values.get(id(s), topic),
            source=s.source,
            published=s.published,
        )
        for s in statements
    )
    return compared(topic, verdict, explanation, claims, len({s.witness for s in statements}))


def _words(name: str | None) -> set[str]:
    """The words of a source's name ("the wire agency Northwind Press": northwind, press)."""
    return {w.lower() for w in (name or "").split() if w[:1].isupper()}


def list_comparisons(
    statements: Sequence[Statement], name: Callable[[str], str]
) -> list[Comparison]:
    """Lists of things (an agenda: "fishing, shipping, tourism and energy") that
    sentences of two sources give with at least two items in common: the same items agree,
    different ones complement each other (each source names what the other leaves out)."""
    listed = [(s, frozenset(items)) for s in statements for items in s.items]
    out = []
    for i, (a, items_a) in enumerate(listed):
        for b, items_b in listed[i + 1 :]:
            shared = items_a & items_b
            if a.witness == b.witness or len(shared) < 2:
                continue
            verdict: Verdict = "agree" if items_a == items_b else "complement"
            topic = ", ".join(sorted(shared))
            if verdict == "agree":
                explanation = f"{name(a.article)} and {name(b.article)} list the same: {topic}."
            else:
                explanation = (
                    f"The sources list different things beside {topic}: "
                    f"{name(a.article)} also {', '.join(sorted(items_a - shared)) or 'nothing'}; "
                    f"{name(b.article)} also {', '.join(sorted(items_b - shared)) or 'nothing'}."
                )
            claims = tuple(
                Claim(
                    span=s.span,
                    kind="list",
                    value=", ".join(sorted(items)),
                    source=s.source,
                    published=s.published,
                )
                for s, items in ((a, items_a), (b, items_b))
            )
            out.append(compared(f"What the sources list: {topic}", verdict, explanation, claims, 2))
    return out


def calendar_dates(values: Sequence[str]) -> tuple[str, ...]:
    """The values that name a place on the calendar (not PAST_REF and the like)."""
    return tuple(v for v in values if timevalues.period(v.split("/")[0]) is not None)
