"""Who speaks: a quote's speaker, from the cue's parse to a name, read top to bottom.

1. `_subject`: the token that speaks for a cue verb (its subject on either side, outside
   quote marks and next to the cue when the parser gives it two; the agent of a passive;
   the noun a participle hangs on: "sources saying"; the object of a control verb for its
   infinitive: "forced X to admit"; a subjectless clause speaks for the clause it hangs on).
2. `_register_speakers`: every named speaker of the article is noted first, in text order,
   so that a pronoun is resolved against every earlier named speaker, whichever quote is
   built first.
3. `_speaker`: the token becomes a `Speaker` (mention, name, name span, linked entity):
   a relative pronoun is the noun its clause hangs on, a pronoun is resolved (`_resolve`;
   "he" or "she" never to a person the article gives the other gender, `gender.py`),
   a definite role noun ("the spokesperson") is the last named speaker with that role
   (`_resolve_role`), else the name the noun phrase gives (`_named`, `_full_name`).
4. `_fill_implicit`: a quote with no cue of its own right after an attributed quote of the
   same paragraph, or a direct one opening the next paragraph, inherits its speaker, cue and
   channel (`implicit`).
Signed quotes ("..." ― Jane Roe) and speaker labels ("SMITH: ...") name their speaker
directly (`content._signed`, `content._labelled`); `linking._link` finds the entity.
The pronoun, relative-pronoun, role-noun and control-verb lists are in lexicon/en/quotes.toml.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from storyline import lexicon
from storyline.model import Quote, Span, Speaker
from storyline.stages._index import Starts, once
from storyline.stages.annotate import Graph
from storyline.stages.quotes._context import (
    _NO_SUBJECT_BEFORE,
    _WORD,
    _Attribution,
    _Context,
    _entities_at,
    _is_date,
    _paragraph_at,
    _quote,
    _Region,
    _sentence_starts,
    _token_span,
    _token_starts,
    _trim_span,
)
from storyline.stages.quotes.gender import Genders, article_genders
from storyline.stages.quotes.linking import _link
from storyline.stages.quotes.regions import _inside

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Verbs whose object is the subject of their infinitive ("forced the chief to admit ...").
_OBJECT_CONTROL = lexicon.words("quotes", "object_control")
_PERSON_PRONOUNS = lexicon.words("quotes", "person_pronouns")
_GROUP_PRONOUNS = lexicon.words("quotes", "group_pronouns")
_THING_PRONOUNS = lexicon.words("quotes", "thing_pronouns")
_RELATIVE = lexicon.words("quotes", "relative_pronouns")
_ROLE_NOUNS = lexicon.words("quotes", "role_nouns")
# Role nouns that name an organisation ("the company said") or a text ("the report says"):
# neither is someone "he" or "she" can stand for.
_ORGANISATION_ROLES = lexicon.words("quotes", "organisation_roles")
_DOCUMENT_ROLES = lexicon.words("quotes", "document_roles")
_PROXY_NOUNS = lexicon.words("quotes", "proxy_nouns")
_ORGANISATIONS = frozenset({"ORG", "GPE", "NORP"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Verbs whose clausal complement is reported speech or a stance: a participle of one hung on
# a noun ("sources saying ...") is no part of the speaker's name.
_REPORTING_VERBS = lexicon.words("quotes", "reporting_verbs")


def _subject(
    graph: Graph, tokens: Sequence[Any], verb: int, regions: Sequence[_Region] = ()
) -> int | None:
    """The speaker token of a cue verb. With the article's quote `regions`, a subject inside
    quoted words is passed over for one outside them: the parser often takes the quote
    before "..., said Jane Roe" for a second subject of "said"."""
    seen: set[int] = set()
    current = verb
    while current not in seen:
        seen.add(current)
        subjects = graph.kids(current, *_SUBJECTS)
        outside = [s for s in subjects if not _inside(regions, tokens[s].start)]
        if outside and not _inside(regions, tokens[verb].start):
            subjects = outside
        if len(subjects) > 1:
            # "His promises notwithstanding, analyses agree ...": the parser gives the verb
            # a second subject; the one next to it is the speaker
            subjects = sorted(subjects, key=lambda k: abs(k - current))
        if subjects:
            if graph.dep[subjects[0]] == "nsubjpass":
                agents = [p for k in graph.kids(current, "agent") for p in graph.kids(k, "pobj")]
                if agents:
                    return agents[0]
                # "X was seen saying ...", "X is quoted as saying ...": X speaks
                return subjects[0] if current != verb else None
            return subjects[0]
        dep = graph.dep.get(current)
        head = graph.head.get(current)
        if head is None or head == current:
            return None
        if dep == "acl" and tokens[current].tag == "VBG":
            return head  # "sources saying ...": the noun the participle hangs on
        if dep == "pcomp" and graph.dep.get(head) == "prep" and head in graph.head:
            current = graph.head[head]  # "began by saying ...": the clause the "by" is in
            if tokens[current].pos in ("ADV", "ADJ") and graph.dep.get(current) in (
                "advmod",
                "acomp",
            ):
                current = graph.head.get(current, current)  # "stopped short of calling"
            continue
        if dep == "xcomp" and head is not None and tokens[head].lemma.lower() in _OBJECT_CONTROL:
            objects = [k for k in graph.kids(head, "dobj") if k < current]
            if objects:
                return objects[0]  # "forced the chief to admit": the chief admits
        if dep in ("conj", "xcomp", "advcl", "ccomp") or (
            dep == "acl" and tokens[current].tag == "VBN"
        ):
            current = head  # a subjectless clause speaks for the clause it hangs on
            continue
        return None
    return None


def _register_speakers(ctx: _Context, attributions: Sequence[_Attribution]) -> None:
    """Note every named speaker before any pronoun is resolved, in text order."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    for attribution in sorted(attributions, key=lambda a: a.cue):
        subject = attribution.subject
        if subject is None:
            continue
        word = text[tokens[subject].start : tokens[subject].end].lower()
        if word not in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS | _RELATIVE:
            _speaker(ctx, subject)


def _speaker(ctx: _Context, subject: int) -> Speaker:
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    graph = ctx.graph
    head_token = tokens[subject]
    word = text[head_token.start : head_token.end]
    lower = word.lower()
    if lower in _RELATIVE and graph.dep.get(graph.head.get(subject, subject)) == "relcl":
        clause = graph.head[subject]
        noun = graph.head[clause]
        mention = ctx.article.span(head_token.start, head_token.end)
        if lower == "that" and noun < subject:
            # "the firms that back the plan": the firms, with the "that" standing for them
            inside = set(graph.subtree(clause))
            words = [i for i in graph.subtree(noun) if i not in inside] + [subject]
            mention = ctx.article.span(*_trim_span(text, *_token_span(ctx, words)))
        named = _named(ctx, noun)
        return _link(ctx, Speaker(mention, named[0], named[1]))
    inner = _verb_tree(ctx, subject) | _time_tree(ctx, subject)
    words = [i for i in graph.subtree(subject) if i not in inner]
    span = _trim_span(text, *_token_span(ctx, words))
    mention = ctx.article.span(*span)
    if lower in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS:
        resolved = _resolve(ctx, head_token.start, lower)
        speaker = Speaker(mention, *resolved) if resolved else Speaker(mention, None)
        return _link(ctx, speaker)
    if head_token.lemma.lower() in _ROLE_NOUNS and _definite(ctx, subject):
        resolved = _resolve_role(ctx, head_token.start, head_token.lemma.lower())
        if resolved:
            return _link(ctx, Speaker(mention, *resolved))
    name, name_span = _named(ctx, subject)
    speaker = _link(ctx, Speaker(mention, name, name_span))
    kind = _speaker_type(ctx, subject)
    if name is not None and (head_token.start, speaker, kind) not in ctx.speakers:
        ctx.speakers.append((head_token.start, speaker, kind))
    return speaker


def _verb_tree(ctx: _Context, noun: int) -> set[int]:
    """Tokens under a reporting participle hung on the noun ("sources saying ...")."""
    tokens = ctx.annotation.tokens
    inner: set[int] = set()
    for k in ctx.graph.kids(noun, "acl", "relcl"):
        if tokens[k].lemma.lower() in _REPORTING_VERBS:
            inner.update(ctx.graph.subtree(k))
    return inner


def _time_tree(ctx: _Context, noun: int) -> set[int]:
    """Tokens of a phrase after the noun that says when ("a federal judge in Hartford on
    Monday"): the parser hangs it on the speaker, but it dates the saying."""
    inner: set[int] = set()
    for k in ctx.graph.kids(noun, "prep"):
        if k > noun and any(_is_date(ctx, j) for j in ctx.graph.kids(k, "pobj")):
            inner.update(ctx.graph.subtree(k))
    return inner


def _named(ctx: _Context, noun: int) -> tuple[str | None, Span | None]:
    """The name a noun phrase gives its head: the named entity at the head (a surname widened
    to the full name used earlier in the article), else the phrase up to its first comma."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    head = tokens[noun]
    words = ctx.graph.subtree(noun)
    first = tokens[words[0]].start
    entities = ctx.annotation.entities
    index = once("entities", entities, lambda: Starts([(e.start, e.end) for e in entities]))
    for entity in (entities[i] for i in index.holding(head.start)):
        if entity.label in _NAME_LABELS:
            span = ctx.article.span(entity.start, entity.end)
            return _full_name(ctx, span), span
    appositives = () if head.tag in ("NNS", "NNPS") else ctx.graph.kids(noun, "appos")
    for appositive in appositives:
        # "its chief executive, Jane Roe": the name beside the role (one person; "two
        # objectors, Jane Roe and John Doe" stay the phrase)
        for entity in (entities[i] for i in index.holding(tokens[appositive].start)):
            if entity.label in ("PERSON", "ORG"):
                span = ctx.article.span(entity.start, entity.end)
                return _full_name(ctx, span), span
    for entity in (entities[i] for i in index.starting(first)):
        # "Jane Roe, former head of ...": the name leading the phrase
        if entity.label in ("PERSON", "ORG"):
            span = ctx.article.span(entity.start, entity.end)
            return _full_name(ctx, span), span
    speaks_for = _organisation_of(ctx, noun)
    if speaks_for is not None:
        return speaks_for.text, speaks_for
    cut = [i for i in words if i <= noun or not _clause_child(ctx, i, noun)]
    start, end = _token_span(ctx, cut)
    stop = text.find(",", start, end)
    if stop > head.end:
        end = stop
    start, end = _trim_span(text, start, end)
    if end <= start:
        return None, None
    return text[start:end], ctx.article.span(start, end)


def _organisation_of(ctx: _Context, noun: int) -> Span | None:
    """The organisation a spokesperson, press service or statement speaks for: a named
    possessor ("the Kremlin's press service") or the object of "for", "of", "at" or "from"
    ("a spokesperson for the U.S. Embassy"). A person's spokesperson stays who speaks."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    if tokens[noun].lemma.lower() not in _PROXY_NOUNS:
        return None
    graph = ctx.graph
    owners = list(graph.kids(noun, "poss"))
    for preposition in graph.kids(noun, "prep"):
        word = text[tokens[preposition].start : tokens[preposition].end].lower()
        if preposition > noun and word in ("for", "of", "at", "from"):
            owners.extend(graph.kids(preposition, "pobj"))
    for owner in owners:
        start = tokens[owner].start
        for entity in ctx.annotation.entities:
            if entity.start <= start < entity.end and entity.label in _ORGANISATIONS:
                return ctx.article.span(*_trim_span(text, entity.start, entity.end))
    return None


def _clause_child(ctx: _Context, index: int, noun: int) -> bool:
    current = index
    while current in ctx.graph.head and ctx.graph.head[current] != noun:
        if ctx.graph.head[current] == current:
            return False
        current = ctx.graph.head[current]
    return ctx.graph.dep.get(current) in ("relcl", "appos", "acl", "punct", "cc", "conj")


def _full_name(ctx: _Context, span: Span) -> str:
    words = span.text.split()
    if len(words) != 1:
        return span.text
    for entity in ctx.annotation.entities:
        if (
            entity.label == "PERSON"
            and entity.text.split()[-1:] == words
            and entity.text != span.text
        ):
            return entity.text
    return span.text


def _speaker_type(ctx: _Context, noun: int) -> str:
    token = ctx.annotation.tokens[noun]
    for entity in _entities_at(ctx.annotation, token.start):
        return "PERSON" if entity.label == "PERSON" else "GROUP"
    lemma = token.lemma.lower()
    if token.tag in ("NNS", "NNPS") or lemma in _ORGANISATION_ROLES:
        return "GROUP"
    if lemma in _DOCUMENT_ROLES:
        return "OTHER"
    if token.pos == "PROPN" or lemma in _ROLE_NOUNS:
        return "PERSON"
    return "OTHER"  # "the visit will show that ...": no one a pronoun can stand for


def _definite(ctx: _Context, noun: int) -> bool:
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    determiners = ctx.graph.kids(noun, "det")
    return any(
        text[tokens[d].start : tokens[d].end].lower() in ("the", "this", "that")
        for d in determiners
    ) and not ctx.graph.kids(noun, "prep", "appos", "compound")


def _resolve(ctx: _Context, position: int, pronoun: str) -> tuple[str, Span] | None:
    """The most recent compatible speaker of the last three paragraphs, unless a person
    named later, as the subject opening a sentence of this paragraph or the one before, is
    nearer ("Minister Jane Roe flew to the town. She told reporters ..."); else the nearest
    earlier compatible named mention outside quoted words. "He" or "she" passes over a person
    the article gives the other gender (`gender.py`); the sentence-subject rule still looks
    past a speaker so passed over."""
    wanted = "PERSON" if pronoun in _PERSON_PRONOUNS else "GROUP"
    genders = _genders(ctx)
    floor = _paragraph_floor(ctx, position, back=2)
    best: tuple[int, str, Span] | None = None
    passed_over = False
    for start, speaker, kind in ctx.speakers:
        usable = floor <= start < position and kind == wanted and speaker.name_span
        if usable and speaker.name and speaker.name_span and (best is None or start > best[0]):
            if wanted == "PERSON" and genders.clashes(speaker.name_span.text, pronoun, position):
                passed_over = True  # "he" for a woman the article calls "Mrs." or "she"
                continue
            best = (start, speaker.name, speaker.name_span)
    if (best is not None or passed_over) and wanted == "PERSON":
        low = max(best[0] + 1 if best else 0, _paragraph_floor(ctx, position, back=1))
        nearer = _sentence_subject(ctx, low, position, pronoun)
        if nearer is not None:
            return nearer
    if best is not None:
        return best[1], best[2]
    labels = {"PERSON"} if wanted == "PERSON" else {"ORG"}
    floor = _paragraph_floor(ctx, position, back=1)
    for entity in ctx.annotation.entities:
        if entity.label not in labels or not floor <= entity.start < position:
            continue
        if _inside(ctx.regions, entity.start):
            continue
        if wanted == "PERSON" and genders.clashes(entity.text, pronoun, position):
            continue
        if best is None or entity.start > best[0]:
            span = ctx.article.span(entity.start, entity.end)
            best = (entity.start, _full_name(ctx, span), span)
    return (best[1], best[2]) if best else None


def _sentence_subject(ctx: _Context, low: int, high: int, pronoun: str) -> tuple[str, Span] | None:
    """The person opening the last sentence between `low` and `high` that opens with one:
    named outside quoted words, before any verb or conjunction of its sentence, and followed
    by a verb or a comma: the subject ("Environment Minister Jane Roe flew ..."), not a name
    inside what someone said ("Roe said Doe had ...") or in a clause ("If Doe wins ...").
    A person the article gives the other gender than `pronoun`'s is passed over."""
    genders = _genders(ctx)
    tokens = ctx.annotation.tokens
    starts = _token_starts(ctx.annotation)
    sentences = ctx.annotation.sentences
    openings = _sentence_starts(ctx.annotation)
    found: tuple[str, Span] | None = None
    for entity in ctx.annotation.entities:
        if entity.label != "PERSON" or entity.start < low or entity.end > high:
            continue
        if _inside(ctx.regions, entity.start) or genders.clashes(entity.text, pronoun, high):
            continue
        which = bisect_right(openings, entity.start) - 1
        if which < 0 or sentences[which].end < entity.end:
            continue
        sentence = sentences[which]
        first = bisect_left(starts, sentence.start)
        at = bisect_left(starts, entity.start)
        after = bisect_left(starts, entity.end)
        if any(tokens[k].pos in _NO_SUBJECT_BEFORE for k in range(first, at)):
            continue  # "Roe said Doe had ...", "If Doe wins", "Roe and her husband, Doe,"
        if after >= len(tokens) or tokens[after].start >= sentence.end:
            continue
        following = tokens[after]
        opens = following.pos in ("VERB", "AUX") or ctx.article.text[following.start] == ","
        if opens and (found is None or entity.start > found[1].start):
            span = ctx.article.span(entity.start, entity.end)
            found = (_full_name(ctx, span), span)
    return found


def _genders(ctx: _Context) -> Genders:
    """The genders the article gives its people (`gender.article_genders`), built once per
    article on the first pronoun that asks."""
    return once(
        "genders",
        ctx.annotation,
        lambda: article_genders(ctx.annotation, ctx.article.text, ctx.regions),
    )


def _paragraph_floor(ctx: _Context, position: int, *, back: int) -> int:
    """The start of the paragraph `back` paragraphs before the one holding `position`."""
    before = [p for p in ctx.paragraphs if p[0] <= position]
    return before[-1 - back][0] if len(before) > back else 0


def _resolve_role(ctx: _Context, position: int, role: str) -> tuple[str, Span] | None:
    for start, speaker, _kind in reversed(ctx.speakers):
        if start < position and role in speaker.mention.text.lower() and speaker.name:
            return speaker.name, speaker.name_span or speaker.mention
    return None


def _fill_implicit(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """A quote with no cue right after an attributed quote ending in the same paragraph
    inherits its speaker, cue and channel; so does a direct quote that opens the paragraph
    right after the one where the last quote ends, when that quote is attributed (news style
    lets a speaker's quotes run on into the next paragraph); a cue-less fragment of a few
    words is a scare quote and dropped."""
    filled: list[Quote] = []
    previous: Quote | None = None
    last: Quote | None = None
    for quote in quotes:
        if quote.cue is None:
            here = _paragraph_at(ctx.paragraphs, quote.full.start)
            same_paragraph = (
                previous is not None
                and _paragraph_at(ctx.paragraphs, _last_position(previous)) == here
            )
            if (
                previous is not None
                and previous.speaker is not None
                and (same_paragraph or (last is previous and _runs_on(ctx, previous, quote, here)))
            ):
                quote = _quote(
                    ctx.article,
                    quote.kind,
                    quote.span,
                    quote.full,
                    previous.speaker,
                    previous.cue,
                    previous.channel,
                    implicit=True,
                )
            elif len(_WORD.findall(quote.span.text)) < 5 or quote.kind == "mixed":
                continue
        filled.append(quote)
        last = quote
        if quote.speaker is not None:
            previous = quote
    return filled


def _runs_on(ctx: _Context, previous: Quote, quote: Quote, here: tuple[int, int] | None) -> bool:
    """Whether `quote` is a direct quote opening the paragraph right after `previous`'s."""
    if quote.kind != "direct" or here is None:
        return False
    if ctx.article.text[here[0] : quote.full.start].strip():
        return False
    paragraphs = ctx.paragraphs
    starts = once("paragraph starts", paragraphs, lambda: [p[0] for p in paragraphs])
    index = bisect_left(starts, here[0])
    return index > 0 and paragraphs[index - 1] == _paragraph_at(
        paragraphs, _last_position(previous)
    )


def _last_position(quote: Quote) -> int:
    """Where a quote and its cue end (a quote that runs over paragraphs ends in the last)."""
    end = quote.full.end if quote.cue is None else max(quote.full.end, quote.cue.end)
    return max(quote.full.start, end - 1)
