"""Content: the quoted words of each quote, and whether it is direct, indirect or mixed.

Direct and mixed quotes start from the quote-mark regions: a region signed with a dash and a
name (`_signed`), else framed by the nearest cue of its sentence (`_framing_attribution`), is
direct when the quote is all the cue's content and mixed when reported words surround it
(`_kind`); a region no listed cue frames is mixed when it sits among the words of a detected
cue's clause (`_learned_mixed`). Indirect quotes are the content spans of cues outside quote
marks (`_indirect`); a cue with a speaker that frames no quote reports its verb phrase when the
learned detector agrees (`_bare_cues`). Paragraphs opening with a speaker label ("SMITH: ...",
`_labelled`; a headline's label cut before a linking word, "Roe to Workers: ...",
`_before_link`) and paragraphs framed by a cue and a colon ("She added:", `_colon_frames`) are
quotes too.
`_make_quote` asks `speaker` for the speaker and `channels` for the channel.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from storyline import lexicon
from storyline.model import Quote, QuoteKind, Span, Speaker
from storyline.stages._index import Starts
from storyline.stages.quotes._context import (
    _MARKS,
    _WORD,
    _Attribution,
    _Context,
    _entities_at,
    _is_date,
    _overlaps_region,
    _quote,
    _Region,
    _sentence_at,
    _token_span,
    _trim_span,
)
from storyline.stages.quotes.channels import _channel, _channel_noun
from storyline.stages.quotes.cues import _CLAUSE_ONLY, SPEECH_VERBS, _learned_cue
from storyline.stages.quotes.linking import _link
from storyline.stages.quotes.regions import _first_visible, _inside
from storyline.stages.quotes.speaker import _NAME_LABELS, _ROLE_NOUNS, _full_name, _speaker

# Who a cue's object names when it is the audience, not the words ("told reporters").
_LISTENER_NOUNS = lexicon.words("quotes", "listener_nouns")


def _direct_and_mixed(ctx: _Context, attributions: list[_Attribution]) -> list[Quote]:
    text = ctx.article.text
    quotes = []
    cues = _CueIndex(ctx, attributions)
    for region in ctx.regions:
        inner = _quote_words(text, region)
        if inner is None:
            continue
        signed = _signed(ctx, region, inner)
        if signed is not None:
            quotes.append(signed)
            continue
        framing = _framing_attribution(ctx, region, cues)
        if framing is None:
            framing = _learned_mixed(ctx, region, cues)
            if framing is None:
                quotes.append(_unattributed(ctx, region, inner))
                continue
        kind, full = _kind(ctx, region, framing)
        quotes.append(_make_quote(ctx, kind, inner, full, framing))
    return quotes


_SIGNATURE = re.compile(r"[^\S\n]*(?:[―—–]|--)[^\S\n]*")
# A name as a signature writes it: two to five capitalised words or initials, then a comma,
# a full stop, the end of the line or of the text.
_SIGNER = re.compile(
    r"(?:[A-Z][\w’'.-]*[^\S\n]+){1,4}[A-Z][\w’'-]*(?:[A-Z]\.)?(?=[^\S\n]*(?:[,.]|\n|$))"
)


def _signed(ctx: _Context, region: _Region, inner: tuple[int, int]) -> Quote | None:
    """A quote signed with a dash and a name (“...” ― Jane Roe, 34, a nurse), as reader
    reactions and pull quotes are: the name is the speaker, the dash the cue."""
    text = ctx.article.text
    dash = _SIGNATURE.match(text, region.end)
    if dash is None:
        return None
    start = dash.end()
    names = [
        (e.start, e.end)
        for e in ctx.annotation.entities
        if e.start == start and e.label in ("PERSON", "ORG")
    ]
    written = _SIGNER.match(text, start)
    if written is not None:  # the tagger misses many names out of a sentence's context
        names.append((start, start + len(written.group(0).rstrip())))
    for low, high in names[:1]:
        if low == start:
            name = ctx.article.span(low, high)
            speaker = _link(ctx, Speaker(name, _full_name(ctx, name), name))
            mark = text[dash.start() : dash.end()]
            low = dash.start() + len(mark) - len(mark.lstrip())
            cue = ctx.article.span(low, low + len(mark.strip()))
            full = ctx.article.span(region.open, region.end)
            return _quote(ctx.article, "direct", ctx.article.span(*inner), full, speaker, cue, None)
    return None


# "NAME: words" opening a paragraph: a transcript's speaker label or a headline's source.
_LABEL = re.compile(r"([\"“]?)([^\W\d_][^:\n]{0,40}?):[ \t]+(?=\S)")
_NOT_SPEAKERS = lexicon.words("quotes", "not_speakers")


def _labelled(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """Paragraphs opening with a speaker label ("SMITH: ...", "Jane Roe: ..."): the label is
    the speaker, the colon the cue, the rest of the paragraph the quote. Quotes found inside
    such a paragraph before give way to it."""
    text = ctx.article.text
    found = []
    for number, (start, end) in enumerate(ctx.paragraphs):
        match = _LABEL.match(text, start, end)
        if match is None:
            continue
        low, high = match.start(2), match.end(2)
        words = match.group(2).split()
        if number == 0:
            low, high, words = _before_link(text, low, high, words, end)
        if len(words) > 4 or any(w.lower().strip(".") in _NOT_SPEAKERS for w in words):
            continue
        letters = re.sub(r"\W", "", match.group(2))
        named = any(
            e.start == low and e.end == high and e.label in ("PERSON", "ORG")
            for e in ctx.annotation.entities
        )
        headline = number == 0 and _headline_label(text, words, end)
        if not named and not headline and not (match.group(2).isupper() and len(letters) >= 3):
            continue
        stop = end
        while stop > match.end() and text[stop - 1].isspace():
            stop -= 1
        if match.group(1) and text[stop - 1] in _MARKS:
            stop -= 1
        if not _WORD.search(text, match.end(), stop):
            continue
        label = ctx.article.span(low, high)
        speaker = _link(ctx, Speaker(label, _full_name(ctx, label), label))
        words_span = ctx.article.span(match.end(), stop)
        cue = ctx.article.span(match.end(2), match.end(2) + 1)
        found.append(_quote(ctx.article, "direct", words_span, words_span, speaker, cue, None))
    if not found:
        return quotes
    kept = [q for q in quotes if not any(_overlaps(q.full, f.full) for f in found)]
    return kept + found


_HEADLINE_LINKS = lexicon.words("quotes", "headline_links")


def _before_link(
    text: str, low: int, high: int, words: list[str], end: int
) -> tuple[int, int, list[str]]:
    """A headline label whose first words name the speaker before a linking word ("Mayor
    Roe to Ferry Workers: ...", "Harbour Chief On Strike: ..."): the label cut before that
    word, when the words before it pass `_headline_label`; else the label as it is."""
    for index, word in enumerate(words):
        if index and word.lower() in _HEADLINE_LINKS:
            if _headline_label(text, words[:index], end):
                pieces = list(re.finditer(r"\S+", text[low:high]))
                return low, low + pieces[index - 1].end(), words[:index]
            break
    return low, high, words


def _headline_label(text: str, words: Sequence[str], end: int) -> bool:
    """A headline's "Label: words" whose label is capitalised words the story itself comes
    back to ("Pence: ...", "Poll: ..."): the headline convention for who said it. The tagger
    often mislabels such a headline, so the label is checked against the body instead."""
    if len(text[:end].split()) > 30 or not all(w[:1].isupper() for w in words):
        return False
    if words[0].lower() in ("the", "a", "an"):  # "The Latest: ...", a rubric, not a speaker
        return False
    if any(w.lower() in _HEADLINE_LINKS for w in words):  # "Big Win For X:", "X On Y:"
        return False
    body = text[end:]
    label = re.escape(" ".join(words))
    last = re.escape(words[-1].strip(".,'’"))
    return bool(
        re.search(rf"\b{label}\b", body, re.IGNORECASE)
        or (last and re.search(rf"\b{last}\b", body))
    )


def _colon_frames(
    ctx: _Context, attributions: Sequence[_Attribution], quotes: list[Quote]
) -> list[Quote]:
    """A paragraph ending in a cue and a colon ("She added:") frames the next paragraph:
    its quote, or the paragraph itself as the quoted words when it has no marks."""
    text = ctx.article.text
    tokens = ctx.annotation.tokens
    for number, (start, end) in enumerate(ctx.paragraphs[:-1]):
        body = text[start:end].rstrip()
        if not body.endswith(":"):
            continue
        colon = start + len(body) - 1
        sentence = _sentence_at(ctx.annotation, colon - 1)
        low = sentence[0] if sentence else start
        frames = [
            a
            for a in attributions
            if a.subject is not None
            and a.content is None
            and max(low, start) <= tokens[a.verb].start < colon
            and not _inside(ctx.regions, tokens[a.verb].start)
        ]
        if not frames:
            continue
        frame = max(frames, key=lambda a: a.verb)
        following = ctx.paragraphs[number + 1]
        inside = [q for q in quotes if following[0] <= q.full.start < following[1]]
        opening = _first_visible(text, *following)
        if any(q.kind != "indirect" and q.full.start == opening for q in inside):
            first = min(inside, key=lambda q: q.full.start)
            if first.speaker is None:
                quotes.remove(first)
                quotes.append(
                    _make_quote(
                        ctx, first.kind, (first.span.start, first.span.end), first.full, frame
                    )
                )
            continue
        words = ctx.article.span(*_trim_span(text, *following, keep_close=True))
        if _WORD.search(words.text):
            for quote in inside:  # a stance inside the framed words is the frame's speaker's
                if quote.cue is not None and not _speech_cue(ctx, quote.cue):
                    quotes.remove(quote)
            quotes.append(_make_quote(ctx, "direct", (words.start, words.end), words, frame))
    return quotes


def _speech_cue(ctx: _Context, cue: Span) -> bool:
    return any(
        cue.start <= t.start < cue.end and t.lemma.lower() in SPEECH_VERBS
        for t in ctx.annotation.tokens
    )


def _overlaps(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def _quote_words(text: str, region: _Region) -> tuple[int, int] | None:
    start, end = region.open + region.width, region.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if not _WORD.search(text, start, end):
        return None
    return start, end


def _start(row: tuple[int, ...]) -> int:
    return row[0]


class _Spans:
    """Spans `(start, end)` kept by start with the length of the longest, so that the spans
    holding a position are found among those starting at most that length before it."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._rows = sorted((s, e, i) for i, (s, e) in enumerate(spans))
        self._longest = max((e - s for s, e, _ in self._rows), default=0)

    def holding(self, position: int, *, closed: bool = False) -> list[int]:
        """The indices, in the order given, of the spans with start <= position < end (<= end
        when `closed`)."""
        rows = self._rows
        first = bisect_left(rows, position - self._longest, key=_start)
        last = bisect_right(rows, position, key=_start)
        return sorted(
            i for s, e, i in rows[first:last] if position < e or (closed and position == e)
        )


class _CueIndex:
    """An article's cues by the position of their verb and by their content, with its
    sentences and paragraphs, so that each quote looks for its frame among the cues near it:
    a look at every cue for every quote made repetitive text quadratic."""

    def __init__(self, ctx: _Context, attributions: Sequence[_Attribution]) -> None:
        tokens = ctx.annotation.tokens
        self.attributions = attributions
        self._verbs = sorted(
            (tokens[a.verb].start, i) for i, a in enumerate(attributions) if not a.learned
        )
        self._framers = [
            i for i, a in enumerate(attributions) if a.content is not None and a.subject is not None
        ]
        self._contents = _Spans([attributions[i].content or (0, 0) for i in self._framers])
        self._sentences = _Spans([(s.start, s.end) for s in ctx.annotation.sentences])
        self._paragraphs = _Spans(ctx.paragraphs)
        self._paragraph_list = ctx.paragraphs

    def near(self, start: int, end: int) -> list[_Attribution]:
        """The cues not found by the detector whose verb starts in [start, end), in order."""
        first = bisect_left(self._verbs, start, key=_start)
        last = bisect_left(self._verbs, end, key=_start)
        return [self.attributions[i] for i in sorted(i for _, i in self._verbs[first:last])]

    def framing_at(self, position: int) -> list[_Attribution]:
        """The cues with a subject whose content holds the position."""
        return [self.attributions[self._framers[k]] for k in self._contents.holding(position)]

    def sentence_at(self, ctx: _Context, position: int) -> tuple[int, int] | None:
        found = self._sentences.holding(position)
        if not found:
            return None
        sentence = ctx.annotation.sentences[found[0]]
        return sentence.start, sentence.end

    def paragraph_at(self, position: int) -> tuple[int, int] | None:
        found = self._paragraphs.holding(position, closed=True)
        return self._paragraph_list[found[0]] if found else None


def _framing_attribution(ctx: _Context, region: _Region, cues: _CueIndex) -> _Attribution | None:
    """The cue that frames a quoted stretch: in the sentence of its closing mark after it, or
    in the sentence of its opening mark before it, with no other quote in between."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    after = cues.sentence_at(ctx, max(region.end - 1, region.open))
    before = cues.sentence_at(ctx, region.open)
    paragraph = cues.paragraph_at(region.open)
    best: tuple[int, _Attribution] | None = None
    ending = text[region.open : region.inner_end].rstrip()[-1:]
    # Only cues from the start of the opening mark's sentence to the end of the closing
    # mark's (or 80 characters past the mark) can pass the tests below.
    low = min(before[0], region.open) if before else region.open
    high = max(after[1] if after else region.end, region.end + 81)
    # ("Moscow shares “...”": a cue found by the detector is no frame of quoted words.)
    for attribution in cues.near(low, high):
        position = tokens[attribution.verb].start
        if ending in (".", "!", "?") and position >= region.end:
            # “... .” Next sentence: a cue after a full stop frames what follows; after a
            # question or exclamation mark only a bare frame (“Why?” she asked) is the quote's
            bare = (
                attribution.content is None or _content_covers(attribution, region)
            ) and _only_frame(text, region.end, position)
            if ending == "." or not bare:
                continue
        if attribution.subject is None and attribution.content is None:
            continue
        outside_paragraph = paragraph and not paragraph[0] <= position < paragraph[1]
        if outside_paragraph and not region.inner_end <= position < region.end + 200:
            continue
        if position >= region.end:
            limit = after[1] if after else region.end
            if position >= limit and not _only_frame(text, region.end, position):
                continue
            gap = text[region.end : position]
            distance = position - region.end
        elif position < region.open:
            limit = before[0] if before else region.open
            if position < limit:
                continue
            gap = text[position : region.open]
            distance = region.open - position
        else:
            continue
        if any(m in gap for m in _MARKS) and not _content_covers(attribution, region):
            continue
        if "\n" in gap:
            continue
        if attribution.content is not None and not _content_covers(attribution, region):
            if not _only_frame(text, region.end, position) and position >= region.end:
                continue
            if position < region.open and _rest_of_clause(text, position, region.open):
                continue
        if _nested(ctx, attribution, cues, region):
            continue  # inside another's content ("According to X, Y agreed that “...”")
        if best is None or distance < best[0]:
            best = (distance, attribution)
    return best[1] if best else None


def _learned_mixed(ctx: _Context, region: _Region, cues: _CueIndex) -> _Attribution | None:
    """A cue found by the detector whose reported words hold quoted words among their own
    ("he figures that a second “Saturday Night Live” slot ..."): the quote is a mixed quote of
    that cue. Never a direct one: quoted words alone are no detector cue's ("Moscow shares
    “...”" had taken another speaker's words)."""
    tokens = ctx.annotation.tokens
    found = [
        a
        for a in cues.framing_at(region.open)
        if a.learned
        and tokens[a.verb].start < region.open
        and a.content is not None
        and a.content[0] <= region.open
        and region.end <= a.content[1] + 1
        and not _nested(ctx, a, cues, region)
    ]
    if not found:
        return None
    attribution = max(found, key=lambda a: tokens[a.verb].start)
    return attribution if _kind(ctx, region, attribution)[0] == "mixed" else None


def _nested(
    ctx: _Context,
    attribution: _Attribution,
    cues: _CueIndex,
    region: _Region,
) -> bool:
    """The cue sits inside the content of another cue that covers the quote too."""
    position = ctx.annotation.tokens[attribution.verb].start
    return any(
        other is not attribution and _content_covers(other, region)
        for other in cues.framing_at(position)
    )


def _according(ctx: _Context, attribution: _Attribution) -> bool:
    return ctx.annotation.tokens[attribution.verb].lemma.lower() == "accord"


def _only_frame(text: str, end: int, position: int) -> bool:
    """Between a closing mark and a cue only a comma and a few words ("," he said)."""
    gap = text[end:position]
    return len(gap) <= 80 and not any(c in gap for c in ".!?") and gap.count(",") <= 2


def _rest_of_clause(text: str, position: int, open_mark: int) -> bool:
    """A cue before the quote whose clause ends before the quote starts ("He said. “")."""
    return any(c in text[position:open_mark] for c in ".!?")


def _content_covers(attribution: _Attribution, region: _Region) -> bool:
    if attribution.content is None:
        return False
    start, end = attribution.content
    return (start <= region.open + 1 and region.inner_end <= end + 1) or (
        start < region.inner_end and region.open < end
    )


def _kind(ctx: _Context, region: _Region, attribution: _Attribution) -> tuple[QuoteKind, Span]:
    """Direct when the quote is all the content; mixed when reported words surround it."""
    text = ctx.article.text
    whole = (region.open, region.end)
    if attribution.content is None or not _content_covers(attribution, region):
        return "direct", ctx.article.span(*whole)
    start, end = attribution.content_start or attribution.content[0], attribution.content[1]
    # the cue's own words ("“A,” she said, “B.”") are the frame, not reported words
    frame = [attribution.verb, *ctx.graph.kids(attribution.verb, "aux", "neg", "advmod")]
    if attribution.subject is not None:
        frame.extend(ctx.graph.subtree(attribution.subject))
    tokens = ctx.annotation.tokens
    blanked = {i for k in frame for i in range(tokens[k].start, tokens[k].end)}
    blank = "".join(" " if i in blanked else c for i, c in enumerate(text[start:end], start))
    outside = blank[: max(0, region.open - start)] + blank[max(0, region.end - start) :]
    if _WORD.search(outside) and not _other_quotes_only(ctx, blank, start, end):
        low, high = min(start, region.open), max(end, region.end)
        return "mixed", ctx.article.span(*_trim_span(text, low, high, keep_close=True))
    return "direct", ctx.article.span(*whole)


def _other_quotes_only(ctx: _Context, blank: str, start: int, end: int) -> bool:
    """The words of the content `blank` (`text[start:end]`, frame blanked) outside this
    quote are all inside other quotes: a quote broken by its cue is still direct."""
    cursor = start
    for other in sorted(ctx.regions, key=lambda r: r.open):
        if other.end <= start or other.open >= end:
            continue
        if _WORD.search(blank[cursor - start : max(cursor, other.open) - start]):
            return False
        cursor = max(cursor, other.end)
    return not _WORD.search(blank[cursor - start : max(cursor, end) - start])


def _unattributed(ctx: _Context, region: _Region, inner: tuple[int, int]) -> Quote:
    text = ctx.article.text
    sentence = _sentence_at(ctx.annotation, region.open)
    low = sentence[0] if sentence else region.open
    high = _sentence_at(ctx.annotation, max(region.end - 1, region.open))
    outside = text[low : region.open] + text[region.end : high[1] if high else region.end]
    kind: QuoteKind = "mixed" if _WORD.search(outside) else "direct"
    full = ctx.article.span(region.open, region.end)
    return _quote(ctx.article, kind, ctx.article.span(*inner), full, None, None, None)


def _indirect(ctx: _Context, attributions: list[_Attribution]) -> list[Quote]:
    quotes = []
    text = ctx.article.text
    # the attributions' contents, for `_stance_inside`: an index built once, not a look at
    # every attribution for each one
    contents = Starts([a.content or (0, 0) for a in attributions])
    for attribution in attributions:
        if attribution.content is None or _stance_inside(ctx, attribution, attributions, contents):
            continue
        start = attribution.content_start or attribution.content[0]
        end = attribution.content[1]
        if _overlaps_region(ctx.regions, start, end):
            continue  # the quote marks made it a direct or mixed quote
        if not _WORD.search(text, start, end):
            continue
        span = ctx.article.span(*_trim_span(text, start, end))
        full = ctx.article.span(*_trim_span(text, *attribution.content))
        quotes.append(_make_quote(ctx, "indirect", (span.start, span.end), full, attribution))
    return quotes


# Right-hand dependents of a cue that carry what it is about when it frames no quote.
_BARE_CONTENT = frozenset({"prep", "dobj", "dative", "advcl", "xcomp", "ccomp", "attr", "oprd"})


def _bare_cues(
    ctx: _Context, attributions: Sequence[_Attribution], quotes: Sequence[Quote]
) -> list[Quote]:
    """A cue with a speaker that frames no quote reports what its verb phrase says to the
    right of it: "the mayor responded by pointing to Leeds", "the campaign did not respond to
    requests for comment", "the council has not said when it will decide". Its channel or
    date alone ("spoke in an interview on Friday") reports nothing; nor does the listener of
    "told reporters"."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    used = {(q.cue.start, q.cue.end) for q in quotes if q.cue}
    found = []
    for attribution in attributions:
        if attribution.content is not None or attribution.subject is None:
            continue
        if attribution.cue in used or not _learned_cue(ctx, attribution.verb):
            continue
        verb = attribution.verb
        lemma = tokens[verb].lemma.lower()
        chosen: list[int] = []
        for kid in graph.kids(verb):
            dep = graph.dep[kid]
            if kid < verb or dep not in _BARE_CONTENT or _is_date(ctx, kid):
                continue
            if dep in ("dobj", "dative") and lemma in _CLAUSE_ONLY and not _said_thing(ctx, kid):
                continue  # "told reporters", "said nothing"
            if dep == "prep":
                objects = graph.kids(kid, "pobj", "pcomp")
                if not objects or all(_is_date(ctx, o) or _channel_noun(ctx, o) for o in objects):
                    continue
            chosen.extend(graph.subtree(kid))
        if not chosen:
            continue
        start, end = _trim_span(text, *_token_span(ctx, chosen))
        if end - start < 2 or not _WORD.search(text, start, end):
            continue
        if _overlaps_region(ctx.regions, start, end):
            continue  # quoted words are the direct quotes' business
        content = _Attribution(verb, attribution.cue, attribution.subject, (start, end), start)
        span = ctx.article.span(start, end)
        found.append(_make_quote(ctx, "indirect", (start, end), span, content))
    return found


def _said_thing(ctx: _Context, noun: int) -> bool:
    """The direct object of a clause-only cue is what was said when it is a common noun and
    no listener: "told a joke", "wrote a letter", "asked questions", "answered the critics'
    charges"; not "told reporters" (a role noun or a name), "said nothing" (a pronoun)."""
    token = ctx.annotation.tokens[noun]
    if token.pos != "NOUN" or ctx.graph.dep.get(noun) != "dobj":
        return False
    if token.lemma.lower() in _ROLE_NOUNS | _LISTENER_NOUNS:
        return False
    return not any(e.label in _NAME_LABELS for e in _entities_at(ctx.annotation, token.start))


def _stance_inside(
    ctx: _Context,
    attribution: _Attribution,
    attributions: Sequence[_Attribution],
    contents: Starts,
) -> bool:
    """A stance verb inside what someone else reports ("X said Y wants Z"): the words are
    X's account of Y, not Y's, so it is no quote of its own. Speech inside speech ("X said Y
    told him Z") still is. `contents` indexes the attributions' contents ((0, 0), which holds
    nothing, for one without)."""
    tokens = ctx.annotation.tokens
    if tokens[attribution.verb].lemma.lower() in SPEECH_VERBS:
        return False
    position = tokens[attribution.verb].start
    return any(
        attributions[i].content is not None and attributions[i].verb != attribution.verb
        for i in contents.holding(position)
    )


def _make_quote(
    ctx: _Context,
    kind: QuoteKind,
    inner: tuple[int, int],
    full: Span,
    attribution: _Attribution,
) -> Quote:
    tokens = ctx.annotation.tokens
    cue = ctx.article.span(*attribution.cue)
    speaker = _speaker(ctx, attribution.subject) if attribution.subject is not None else None
    channel = _channel(ctx, attribution.verb)
    del tokens
    return _quote(ctx.article, kind, ctx.article.span(*inner), full, speaker, cue, channel)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per quoted span: the one with a speaker wins, then the first found."""
    best: dict[tuple[int, int], Quote] = {}
    for quote in quotes:
        key = (quote.span.start, quote.span.end)
        kept = best.get(key)
        if kept is None or (kept.speaker is None and quote.speaker is not None):
            best[key] = quote
    return list(best.values())
