"""Mentions that a name and a common noun make together, or a description alone.

A facility or event ("the Hanoi airport", "the G-7 meeting"); a conflict and its place, one
event however written ("invasion of Ukraine", "the Ukraine war"), which "the war" joins when
the article names one; an incident named by its noun where the sentence counts victims
("killed in the attack"); a country described by its region ("the Southeast Asian country").
The nouns are in lexicon/en/entities.toml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from storyline.lexicon import words
from storyline.model import Article
from storyline.stages.entities._context import _Mention, _Tokens
from storyline.stages.entities.gazetteer import Gazetteer, region_countries
from storyline.stages.entities.naming import PLACE, _words, compact

FACILITY_NOUNS = words("entities", "facility_nouns")
EVENT_NOUNS = words("entities", "event_nouns")
CONFLICT_NOUNS = words("entities", "conflict_nouns")
_CONFLICT_DETERMINERS = words("entities", "conflict_determiners")
INCIDENT_NOUNS = words("entities", "incident_nouns")
_CASUALTY_WORDS = words("entities", "casualty_words")
COUNTRY_NOUNS = words("entities", "country_nouns")
_PLAIN_COUNTRY_NOUNS = words("entities", "plain_country_nouns")


def _first_token_map(mentions: Sequence[_Mention], toks: _Tokens) -> dict[int, _Mention]:
    out: dict[int, _Mention] = {}
    for m in mentions:
        idx = toks.covering(m.start, m.end)
        if idx:
            out.setdefault(idx[0], m)
    return out


def _last_token_map(mentions: Sequence[_Mention], toks: _Tokens) -> dict[int, _Mention]:
    out: dict[int, _Mention] = {}
    for m in mentions:
        idx = toks.covering(m.start, m.end)
        if idx:
            out.setdefault(idx[-1], m)
    return out


def _is_common(toks: _Tokens, i: int, nouns: frozenset[str] | None = None) -> bool:
    token = toks.get(i)
    word = toks.word(i) if token is not None else ""
    if token is None or not word[:1].islower() or token.pos not in ("NOUN", "PROPN"):
        return False
    return nouns is None or word in nouns


def _phrase_mentions(
    article: Article, toks: _Tokens, mentions: list[_Mention], gazetteer: Gazetteer
) -> list[_Mention]:
    """Mentions that are a name plus a common noun or a description, added to `mentions`:

    - a facility or event named by a name and a noun: "the Hanoi airport", "the G-7 meeting"
      (a name inside keeps its own mention: "the DNC meeting" still names the DNC; a
      person's name is left alone);
    - a conflict and its place: "invasion of Ukraine", "war in Ukraine", "the Ukraine war"
      are one event; "the war", "the invasion", "his war of aggression" join it when the
      article names exactly one conflict;
    - an incident named by its noun alone where the sentence counts its victims or its
      author ("killed in the attack"): an event of this article only;
    - a country described by its region: "the Southeast Asian country" is the nearest
      country before it in that region (else the article's most named one there); a
      description richer than "country"/"nation" is also a role ("manufacturing powerhouse").
    """
    text = toks.text
    starts = _first_token_map(mentions, toks)
    ends = _last_token_map(mentions, toks)
    added: list[_Mention] = []
    dropped: set[int] = set()

    def new(start: int, end: int, kind: str, event: str | None, **more: Any) -> _Mention:
        surface = text[start:end]
        return _Mention(
            article.id, start, end, surface, kind, _words(surface), kind, event=event, **more
        )

    conflicts: list[_Mention] = []
    bare: list[_Mention] = []
    n = len(toks.tokens)
    for k in range(n):
        word = toks.lower(k)
        if word in CONFLICT_NOUNS and _is_common(toks, k):
            place: _Mention | None = None
            span_start, span_end = toks.tokens[k].start, toks.tokens[k].end
            after = k + 1
            if toks.lower(after) in ("of", "in", "against"):
                at = after + 1 + (toks.lower(after + 1) == "the")
                candidate = starts.get(at)
                if candidate is not None and candidate.type in PLACE and not candidate.group:
                    place, span_end = candidate, candidate.end
            before = ends.get(k - 1)
            if (
                place is None
                and before is not None
                and before.type in PLACE
                and before.label in ("GPE", "LOC")
                and not before.metonym
            ):
                place, span_start = before, before.start
            if place is not None:
                key = place.country or compact(" ".join(place.words))
                conflicts.append(new(span_start, span_end, "EVENT", f"conflict:{key}"))
            elif toks.lower(k - 1) in _CONFLICT_DETERMINERS:
                if toks.lower(after) == "of" and _is_common(toks, after + 1):
                    span_end = toks.tokens[after + 1].end
                if not _is_common(toks, after):
                    bare.append(new(span_start, span_end, "EVENT", None, nominal=True))
        elif (
            word in INCIDENT_NOUNS
            and toks.lower(k - 1) == "the"
            and _is_common(toks, k)
            and not _is_common(toks, k + 1)
            and k - 2 not in ends
        ):
            sentence = toks.sentence_of[k]
            near = {
                toks.lower(i)
                for i in range(max(0, k - 25), min(n, k + 25))
                if toks.sentence_of[i] == sentence
            }
            if near & _CASUALTY_WORDS:
                token = toks.tokens[k]
                added.append(
                    new(token.start, token.end, "EVENT", f"local:{article.id}:{toks.lemma(k)}")
                )
    keys = {m.event for m in conflicts}
    if len(keys) == 1:
        only = next(iter(keys))
        for m in bare:
            m.event = only
        conflicts.extend(bare)
    added.extend(conflicts)

    for i in range(n - 2):
        if toks.lower(i) != "the":
            continue
        # A name and a noun: "the Hanoi airport", "the COVID-19 pandemic".
        inner = starts.get(i + 1)
        if inner is not None and inner.type == "PERSON":
            continue
        if inner is not None:
            last = toks.covering(inner.start, inner.end)[-1]
        elif toks.word(i + 1)[:1].isupper() and toks.tokens[i + 1].pos in ("PROPN", "NOUN"):
            last = i + 1
        else:
            continue
        words = compact(text[toks.tokens[i + 1].start : toks.tokens[last].end])
        if words in gazetteer.demonyms or region_countries(words, gazetteer):
            continue
        head = last + 1
        while _is_common(toks, head) and not _is_common(toks, head, FACILITY_NOUNS | EVENT_NOUNS):
            head += 1
        if head - last > 2 or not _is_common(toks, head, FACILITY_NOUNS | EVENT_NOUNS):
            continue
        if _is_common(toks, head + 1):
            continue
        start, end = toks.tokens[i + 1].start, toks.tokens[head].end
        kind = "LOC" if toks.lower(head) in FACILITY_NOUNS else "EVENT"
        if any(m.start < end and start < m.end for m in added):
            continue
        added.append(new(start, end, kind, compact(text[start:end])))

    countries = [m for m in mentions if m.country and not m.group and not m.nominal]
    for i in range(n - 2):
        if toks.lower(i) != "the":
            continue
        j = i + 1
        while j < n and j - i <= 3 and toks.word(j)[:1].isupper():
            j += 1
        if j == i + 1:
            continue
        adjective = text[toks.tokens[i + 1].start : toks.tokens[j - 1].end]
        region = region_countries(adjective, gazetteer)
        if not region:
            continue
        head = j
        while _is_common(toks, head) and not _is_common(toks, head, COUNTRY_NOUNS):
            head += 1
        if head - j > 3 or not _is_common(toks, head, COUNTRY_NOUNS) or _is_common(toks, head + 1):
            continue
        start, end = toks.tokens[i + 1].start, toks.tokens[head].end
        candidates = [m for m in countries if m.country in region]
        preceding = [m for m in candidates if m.end <= start]
        if preceding:
            country = preceding[-1].country
        elif candidates:
            counts = Counter(m.country for m in candidates)
            top = counts.most_common(2)
            if len(top) > 1 and top[0][1] == top[1][1]:
                continue
            country = top[0][0]
        else:
            continue
        described = head > j or toks.lower(head) not in _PLAIN_COUNTRY_NOUNS
        added.append(
            new(
                start,
                end,
                "GPE",
                None,
                country=country,
                nominal=True,
                description=(start, end) if described else None,
            )
        )
        for m in mentions:
            if m.label == "NORP" and start <= m.start and m.end <= end:
                dropped.add(id(m))
    kept = [m for m in mentions if id(m) not in dropped]
    for m in added:
        m.words = () if m.nominal and m.country else m.words
    return sorted(kept + added, key=lambda m: (m.start, m.end))
