"""Who said what: direct, indirect and mixed quotes with speaker, cue and channel.

`extract_quotes` works on one annotated article. Direct quotes come from the quote marks
(straight and curly double marks; a quote left open at the end of a paragraph continues when
the next paragraph opens with a mark, as news style writes multi-paragraph quotes; any other
unbalanced mark ends its quote at the paragraph's end instead of swallowing the article).
Indirect quotes come from the dependency parse of the candidate sentences only (those with a
quote mark, a reporting-verb lemma, a cue noun, a verb the cue detector knows or "according
to"): a reporting verb with a clausal complement ("X said (that) ...", "X told Reuters ..."),
a reporting verb in a comma clause after its content ("..., X said"), "according to X, ...",
a cue noun with a possessor ("X's claim that ..."), and a verb outside the word lists that
the cue detector learned on PolNeAR train takes for a cue (`storyline.models.cues`: "X laid out
her plan"). A cue with a speaker and no quote to frame reports its verb phrase ("X did not
respond to requests for comment") when the detector agrees. A quoted fragment inside
reported content is a mixed quote. The speaker is the subject of the cue verb (either side
of it; outside quote marks and next to the cue when the parser gives it two; the object of a
control verb for its infinitive: "forced X to admit"); "seem" and "appear" are the writer's
impression and have none; a singular poll in an "in" phrase is the source of what the phrase
hangs on ("In the latest survey, X leads"); pronouns and role nouns ("the spokesperson")
are resolved to the nearest compatible earlier speaker or named mention; a quote with no
cue of its own right after an attributed one in the same paragraph inherits its attribution
(`implicit`). `merge_quotes` folds the same words carried by several articles into one quote
with `also_in`.

Why our own: textacy's `direct_quotations` (the maintained library for this) finds direct
quotes only, and 81% of the PolNeAR dev gold contents (1,774 of 2,192) do not open with a
quote mark, so a direct-only extractor is capped at a content recall of 0.19 there; it also
refuses a document with an odd number of quote marks instead of returning what it can
(3 of the 84 dev texts). These are counts over the corpus, not a run of textacy (it is not
a dependency). Our scores are in `storyline.evaluation.polnear` and docs/benchmarks.md.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.model import (
    Annotation,
    Article,
    Channel,
    Document,
    Entity,
    Quote,
    QuoteKind,
    Span,
    Speaker,
)
from storyline.models.cues import THRESHOLD, cue_model, verb_features
from storyline.stages import timex
from storyline.stages.annotate import (
    Graph,
    ParseCache,
    annotate_articles,
    dependency_graph,
    parse_sentences,
    sentence_tokens,
    split_at_paragraphs,
)
from storyline.stages.clean import clean_document
from storyline.stages.published import given

REQUIRES = ("articles", "annotations")
ASSIGNS = ("quotes",)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose clausal complement is reported speech or a reported stance (PARC/PolNeAR style).
REPORTING_VERBS = _words(
    """
    acknowledge add admit advise affirm agree allege announce answer argue ask assert
    assess assure aver believe boast brag caution charge claim comment complain concede
    conclude confess confirm contend continue counter declare deny describe disclose doubt
    emphasise emphasize estimate explain expect fear feel find forecast guess hint hope
    indicate inform insist joke learn lament maintain mention note notice observe opine
    point posit predict proclaim promise propose protest quip reason recall reckon recount
    reiterate remark remind reply report respond retort reveal say scoff show speculate
    state stress suggest suspect swear tell testify think tweet underline urge vow warn
    worry write attack blame call cite complain criticize criticise condemn decline defend
    demand describe discuss encourage endorse insist know mention oppose plan pledge
    praise question recommend refuse reject speak support talk threaten want wish offer
    propose reference respond highlight
    accuse applaud blast denounce dismiss echo express imply prefer refer tout apologize
    shout yell exclaim scream wonder mock advocate
    back seek focus name challenge favor present remember repeat recognize thank
    consider determine identify view seem appear
    slam deem congratulate intend rail cheer articulate hail plead rule decry disavow assail
    portray interpret push
    """
)
# Verbs that report words said or written (a subset of the reporting verbs, which also hold
# stances: "wants", "believes", "plans").
SPEECH_VERBS = _words(
    """
    accuse add allege announce answer argue assert charge claim confirm declare deny disclose
    insist note reply report respond reveal say state tell testify warn write
    """
)
# Adjectives that state a stance of their subject ("is afraid that ...", "was sure ...",
# "is critical of ...", "is determined to ...").
_STANCE_ADJECTIVES = _words(
    """
    afraid sure certain confident convinced concerned worried skeptical sceptical critical
    aware hopeful optimistic pessimistic adamant determined eager doubtful unsure uncertain
    frustrated angry furious upset proud supportive opposed wary mistrustful distrustful
    sympathetic willing reluctant enthusiastic passionate unhappy pleased disappointed
    """
)
# Nouns that name what someone said, wants or thinks; with a possessor ("Trump's claim that
# ...", "his determination to act alone") the possessor is the source.
_CUE_NOUNS = _words(
    """
    accusation acknowledgment acknowledgement admission allegation announcement argument
    assertion assessment belief call charge claim comment complaint concern contention
    criticism decision demand denial desire determination doubt eagerness estimate
    expectation fear hope insistence intention observation opinion plan pledge prediction
    promise proposal recommendation refusal remark statement suggestion threat view vow
    warning willingness wish
    """
)
# Nouns whose "in" phrase names the source of the clause it hangs on ("In the latest
# poll, the mayor leads ...").
_POLL_NOUNS = _words("poll survey")
# Prepositions whose object is what a cue verb reports ("called for", "spoke of", "warned
# about"); the preposition joins the cue.
_CONTENT_PREPOSITIONS = frozenset({"about", "for", "of", "on", "against"})
# Right-hand dependents of a cue verb that carry its content when it has no clause.
_COMPLEMENTS = frozenset({"dobj", "oprd", "xcomp", "dative", "attr", "ccomp", "acomp"})
# Verbs whose direct object can be the reported content ("highlighted the role of ...").
_OBJECT_CONTENT_VERBS = frozenset({"highlight", "emphasize", "emphasise", "stress", "underline"})
# Cues whose content is never a bare noun phrase ("said nothing", "told reporters").
_CLAUSE_ONLY = frozenset(
    {"say", "tell", "add", "write", "report", "think", "believe", "ask", "answer"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_THING_PRONOUNS = frozenset({"it"})
_RELATIVE = frozenset({"who", "which", "that"})
# "X seems tired", "it appears that ...": the writer's impression, no one's words or stance
# (PolNeAR marks such attributions without a source).
_IMPRESSIONS = frozenset({"seem", "appear"})
# Verbs whose object is the subject of their infinitive ("forced the chief to admit ...",
# "led critics to fear ...").
_OBJECT_CONTROL = _words(
    """
    force lead prompt require compel persuade convince urge encourage push pressure inspire
    drive cause allow enable
    """
)
_ROLE_NOUNS = _words(
    """
    adviser advisor aide ambassador analyst author campaign chairman chairwoman chief
    commander committee company department diplomat director economist embassy expert
    governor group lawyer leader minister ministry official organization organisation
    president professor researcher scholar secretary senator source spokesman spokesperson
    spokeswoman statement study survey poll report
    """
)
_CHANNEL_NOUNS = _words(
    """
    address appearance blog briefing broadcast call column communique conference
    conversation debate email e-mail episode event forum hearing interview letter memo
    message newsletter note op-ed podcast post program programme rally release remarks
    show speech statement talk telephone text tweet video videoconference webinar
    """
)
# Who a cue's object names when it is the audience, not the words ("told reporters").
_LISTENER_NOUNS = _words(
    "reporter journalist audience crowd listener viewer reader supporter voter people member"
)
_CHANNEL_PREPOSITIONS = frozenset({"in", "during", "on", "via", "through", "at", "over"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_OPENERS = "“„«"
_CLOSERS = "”»"
_MARKS = '"“”„«»'
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_EDGE_PUNCT = " \t\r\n,;:—–-"


@dataclass(frozen=True, slots=True)
class _Region:
    """A stretch between quote marks: `open` is the opening mark, `close` the closing one
    (None when the paragraph ended first)."""

    open: int
    close: int | None
    end: int  # one past the closing mark, or the paragraph end
    width: int = 1  # of the opening mark: 2 for the '' some newswires use

    @property
    def inner_end(self) -> int:
        return self.close if self.close is not None else self.end


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A cue found in the parse, before it becomes one or more quotes."""

    verb: int
    cue: tuple[int, int]
    subject: int | None
    content: tuple[int, int] | None  # char span of the reported content, "that" included
    content_start: int | None  # where the content starts once "that" is left out
    learned: bool = False  # found by the cue detector, not the word lists: frames no quote


@dataclass(slots=True)
class _Context:
    article: Article
    annotation: Annotation
    graph: Graph
    regions: list[_Region]
    entities: Sequence[Entity]
    paragraphs: list[tuple[int, int]]
    speakers: list[tuple[int, Speaker, str]] = field(default_factory=list)


def extract_quotes(
    article: Article,
    annotation: Annotation,
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    parses: ParseCache | None = None,
) -> list[Quote]:
    """The quotes of one annotated article, sorted by position.

    `nlp` is the spaCy pipeline that annotated it (only candidate sentences are parsed; with
    `parses`, a cache shared with other stages). With `entities`, each speaker is linked to
    the entity with a mention at its name.
    """
    if not article.analysed or not article.text.strip():
        return []
    text = article.text
    paragraphs = _paragraphs(text)
    regions = _regions(text)
    annotation = split_at_paragraphs(annotation, text)
    candidates = _candidate_sentences(article, annotation, regions)
    parsed = (
        parse_sentences(article, annotation, candidates, nlp=nlp, cache=parses)
        if candidates
        else ()
    )
    graph = dependency_graph(annotation, parsed)
    ctx = _Context(article, annotation, graph, regions, entities, paragraphs)
    attributions = _attributions(ctx)
    _register_speakers(ctx, attributions)
    quotes = _direct_and_mixed(ctx, attributions) + _indirect(ctx, attributions)
    quotes += _bare_cues(ctx, attributions, quotes)
    quotes = _colon_frames(ctx, attributions, _labelled(ctx, quotes))
    quotes = _dedupe(quotes)
    return _fill_implicit(ctx, sorted(quotes, key=lambda q: (q.full.start, q.span.start)))


def extract_quotes_from_text(
    text: str,
    *,
    nlp: Any,
    published: str | None = None,
    path: str = "-",
) -> tuple[Article, list[Quote]]:
    """Clean, annotate and quote a plain text (for `storyline quotes FILE`).

    Offsets of the quotes are into `article.text` (the cleaned text); `article.raw_offset`
    maps them back to `text`. `published` (`YYYY-MM-DD`) anchors channel dates.
    """
    article = clean_document(Document(path, text, "text", published=published))
    if published:
        article = replace(article, published=given(published))
    if not article.analysed:
        return article, []
    annotation = annotate_articles([article], nlp=nlp)[0]
    return article, extract_quotes(article, annotation, nlp=nlp)


def merge_quotes(quotes: Iterable[Quote], *, threshold: float = 90.0) -> list[Quote]:
    """One quote per wording across articles, the others listed in `also_in`.

    Two quotes of different articles are the same when their normalised words (case,
    punctuation and quote marks ignored) have a rapidfuzz `ratio` of at least `threshold`, or
    when one of at least eight words is contained in the other (`partial_ratio` at least
    `threshold`): outlets trim a quote at either end. The kept quote is the first by
    (article, position); it lists the others' spans in `also_in`, sorted.
    """
    from rapidfuzz import fuzz

    ordered = sorted(quotes, key=lambda q: (q.article, q.span.start, q.span.end, q.id))
    keys = [_merge_key(q.span.text) for q in ordered]
    group_of = list(range(len(ordered)))

    def root(i: int) -> int:
        while group_of[i] != i:
            group_of[i] = group_of[group_of[i]]
            i = group_of[i]
        return i

    for i, first in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            second = ordered[j]
            if first.article == second.article or not keys[i] or not keys[j]:
                continue
            if _same_words(keys[i], keys[j], threshold, fuzz):
                a, b = root(i), root(j)
                if a != b:
                    group_of[max(a, b)] = min(a, b)
    members: dict[int, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(ordered):
        members[root(i)].append(quote)
    merged = []
    for group in members.values():
        keep = group[0]
        others = [q for q in group[1:] if q.article != keep.article]
        same_article = [q for q in group[1:] if q.article == keep.article]
        also = tuple(sorted({s for q in others for s in (q.span, *q.also_in)}, key=_span_key))
        merged.append(replace(keep, also_in=also))
        merged.extend(same_article)
    return sorted(merged, key=lambda q: (q.article, q.span.start, q.span.end, q.id))


# --------------------------------------------------------------------------- quote marks


def find_quote_regions(text: str) -> list[tuple[int, int | None]]:
    """`(opening mark, closing mark or None)` of every double-quoted stretch of `text`."""
    return [(r.open, r.close) for r in _regions(text)]


def _regions(text: str) -> list[_Region]:
    regions: list[_Region] = []
    paragraphs = _paragraphs(text)
    opened: tuple[int, int] | None = None  # position and width of the open mark
    for number, (start, end) in enumerate(paragraphs):
        skip_first = opened is not None
        i = start
        while i < end:
            char = text[i]
            width = 2 if text.startswith("''", i) else 1
            i += width
            if width == 1 and char not in _MARKS:
                continue
            position = i - width
            if skip_first and position == _first_visible(text, start, end):
                skip_first = False
                continue  # the mark that reopens a quote carried over from the last paragraph
            if opened is None:
                glued = position + 1 < end and text[position + 1].isalnum()
                if char in _CLOSERS and not (
                    glued and position == _first_visible(text, start, end)
                ):
                    continue  # a stray closing mark opens nothing, unless it opens a paragraph
                opened = (position, width)
            elif char in _OPENERS and not _looks_closing(text, position):
                opened = (position, width)  # a second opener: the first was never closed
            else:
                regions.append(_Region(opened[0], position, i, opened[1]))
                opened = None
        if opened is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            first = _first_visible(text, *following) if following else None
            if first is not None and (
                text[first] in _OPENERS + '"' or text.startswith("''", first)
            ):
                continue
            stop = end
            while stop > opened[0] + 1 and text[stop - 1].isspace():
                stop -= 1
            regions.append(_Region(opened[0], None, stop, opened[1]))
            opened = None
    return regions


def _looks_closing(text: str, i: int) -> bool:
    """A curly opener used as a closer: glued to the word before, space or end after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _inside(regions: Sequence[_Region], position: int) -> _Region | None:
    for region in regions:
        if region.open < position < region.inner_end:
            return region
    return None


# --------------------------------------------------------------------------- the parse


def _candidate_sentences(
    article: Article, annotation: Annotation, regions: Sequence[_Region]
) -> list[int]:
    marks = [r.open for r in regions] + [r.inner_end for r in regions]
    wanted = []
    for index, (sentence, words) in enumerate(
        zip(annotation.sentences, sentence_tokens(annotation), strict=True)
    ):
        has_mark = any(sentence.start <= m < sentence.end for m in marks)
        learned = cue_model().lemmas
        has_verb = any(
            _lemma(article.text, t) in REPORTING_VERBS
            or t.lemma.lower() in _STANCE_ADJECTIVES
            or (t.pos == "VERB" and t.lemma.lower() in learned)
            or (t.pos == "NOUN" and t.lemma.lower() in _CUE_NOUNS | _POLL_NOUNS)
            for t in words
        )
        body = article.text[sentence.start : sentence.end].lower()
        if has_mark or has_verb or "according to" in body:
            wanted.append(index)
    return wanted


def _attributions(ctx: _Context) -> list[_Attribution]:
    tokens = ctx.annotation.tokens
    graph = ctx.graph
    found = []
    for index in sorted(graph.head):
        token = tokens[index]
        if _inside(ctx.regions, token.start):
            continue  # a verb inside quoted words is the quoted speaker's, not a cue
        lemma = _lemma(ctx.article.text, token)
        if lemma == "accord" and token.tag == "VBG":
            attribution = _according_to(ctx, index)
        elif lemma in REPORTING_VERBS and token.pos in ("VERB", "AUX"):
            attribution = None if _not_a_cue(ctx, index) else _reporting_verb(ctx, index)
        elif lemma in _STANCE_ADJECTIVES and token.pos == "ADJ" and graph.dep[index] == "acomp":
            attribution = _stance_adjective(ctx, index)
        elif token.pos == "NOUN" and lemma in _CUE_NOUNS:
            attribution = _possessed_cue(ctx, index)
        elif token.pos == "NOUN" and lemma in _POLL_NOUNS:
            attribution = _in_poll(ctx, index)
        elif token.pos == "VERB" and lemma in cue_model().lemmas and _learned_cue(ctx, index):
            attribution = None if _not_a_cue(ctx, index) else _reporting_verb(ctx, index)
            attribution = replace(attribution, learned=True) if attribution else None
        else:
            attribution = None
        if attribution is not None:
            found.append(attribution)
    return found


def _possessed_cue(ctx: _Context, noun: int) -> _Attribution | None:
    """ "Trump's claim that crime is rising", "his determination to act alone", "the
    senator's criticism of the deal": the possessor holds what the noun's clause (or its
    "of"/"about" object) says; the noun is the cue."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    owners = graph.kids(noun, "poss")
    if not owners:
        # "claims by the agencies that ...": the object of "by" holds them
        owners = [
            o
            for p in graph.kids(noun, "prep")
            if p > noun and text[tokens[p].start : tokens[p].end].lower() == "by"
            for o in graph.kids(p, "pobj")
        ]
    if not owners:
        return None
    words: list[int] = []
    start: int | None = None
    for kid in graph.kids(noun):
        if kid < noun:
            continue
        dep = graph.dep[kid]
        word = text[tokens[kid].start : tokens[kid].end].lower()
        if dep in ("acl", "ccomp"):
            marks = [m for m in graph.kids(kid, "mark") if tokens[m].lemma.lower() == "that"]
            infinitive = any(
                text[tokens[a].start : tokens[a].end].lower() == "to"
                for a in graph.kids(kid, "aux")
            )
            if marks or infinitive:
                words = list(graph.subtree(kid))
                if marks:
                    start = _skip_space(text, tokens[marks[0]].end)
                break
        if dep == "prep" and word in ("of", "about") and not words:
            objects = graph.kids(kid, "pobj", "pcomp")
            if objects:
                words = [i for o in objects for i in graph.subtree(o)]
                break
    if not words:
        return None
    content = _trim_span(text, *_token_span(ctx, words))
    if content[1] - content[0] < 2:
        return None
    cue = (tokens[noun].start, tokens[noun].end)
    first = start if start is not None and start < content[1] else content[0]
    return _Attribution(noun, cue, owners[0], content, first)


def _in_poll(ctx: _Context, noun: int) -> _Attribution | None:
    """ "In the latest poll, the mayor leads by six points", "the senator's lead in a new
    survey": the poll is the source of what its "in" phrase hangs on, "in" the cue. Not
    when a cue verb carries the phrase ("voters said in a survey that ..."): the voters
    speak there, in the survey."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    preposition = graph.head.get(noun)
    if tokens[noun].tag != "NN":
        return None  # "leads in the polls", "rose in national polls": standing, not a source
    if graph.dep.get(noun) != "pobj" or preposition is None or preposition == noun:
        return None
    if text[tokens[preposition].start : tokens[preposition].end].lower() != "in":
        return None
    head = graph.head.get(preposition)
    if head is None or head == preposition or graph.dep.get(preposition) != "prep":
        return None
    if tokens[head].pos not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None
    if _lemma(text, tokens[head]) in REPORTING_VERBS or _inside(ctx.regions, tokens[head].start):
        return None
    phrase = set(graph.subtree(preposition))
    words = [
        i
        for i in graph.subtree(head)
        if i not in phrase and not (graph.dep.get(i) == "punct" and graph.head.get(i) == head)
    ]
    if not words:
        return None
    content = _trim_span(text, *_token_span(ctx, words))
    if content[1] - content[0] < 2 or not _WORD.search(text, *content):
        return None
    cue = (tokens[preposition].start, tokens[preposition].end)
    return _Attribution(preposition, cue, noun, content, content[0])


def _learned_cue(ctx: _Context, verb: int) -> bool:
    """A verb outside the word lists that the learned detector (`storyline.models.cues`, trained
    on PolNeAR train) takes for a cue: "the mayor fired off a string of posts", "the senators
    sent a letter opposing ...", "she refuses to release her records"."""
    tokens = ctx.annotation.tokens
    sentence = ctx.annotation.sentences[ctx.graph.sentence[verb]]
    features = verb_features(
        ctx.article.text,
        tokens,
        ctx.graph,
        ctx.annotation.entities,
        verb,
        _subject(ctx.graph, tokens, verb, ctx.regions),
        (sentence.start, sentence.end),
    )
    return cue_model().probability(features) >= THRESHOLD


def _lemma(text: str, token: Any) -> str:
    """The token's lemma, lower case; "hoping" and "hoped", which the small English model
    lemmatises to "hop", are "hope"."""
    lemma = str(token.lemma).lower()
    if lemma == "hop" and text[token.start : token.end].lower().startswith(("hoping", "hoped")):
        return "hope"
    return lemma


def _not_a_cue(ctx: _Context, verb: int) -> bool:
    """ "to show that ...", "is expected to ...": infinitives and agentless passives report
    nobody's words."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    kids = ctx.graph.kids(verb, "aux", "auxpass", "agent")
    words = {text[tokens[k].start : tokens[k].end].lower() for k in kids}
    passive = any(ctx.graph.dep[k] == "auxpass" for k in kids)
    has_agent = any(ctx.graph.dep[k] == "agent" for k in kids)
    naming = (
        tokens[verb].lemma.lower() in ("call", "name", "dub")
        and ctx.graph.dep.get(verb) == "acl"
        and tokens[verb].tag == "VBN"
    )  # "a fund called Harbour Futures" names a thing and quotes nobody
    head = ctx.graph.head.get(verb, verb)
    governed = (
        ctx.graph.dep.get(verb) == "xcomp"
        and head != verb
        and tokens[head].pos == "VERB"
        and (
            bool(ctx.graph.kids(head, "nsubj"))
            or (
                tokens[head].lemma.lower() == "continue"
                and _subject(ctx.graph, tokens, head, ctx.regions) is not None
            )
        )
    )  # "went on to explain ...", "declined to say whether ...": the subject's words;
    # ", continuing to criticise ...": the words of the clause's subject
    purpose = (
        ctx.graph.dep.get(verb) in ("advcl", "xcomp")
        and head != verb
        and tokens[head].pos in ("VERB", "AUX")
        and not any(ctx.graph.dep[k] in ("nsubjpass", "auxpass") for k in ctx.graph.kids(head))
        and _subject(ctx.graph, tokens, head, ctx.regions) is not None
    )  # "went on television to defend her", "had to explain", "spent a week trying to tell"
    governed = governed or purpose
    return ("to" in words and not governed) or (passive and not has_agent) or naming


def _reporting_verb(ctx: _Context, verb: int) -> _Attribution | None:
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    cue_tokens = [verb] + [
        k
        for k in graph.kids(verb, "aux", "auxpass", "neg", "prt")
        if abs(k - verb) <= 3 and tokens[k].lemma.lower() not in ("to",)
    ]
    cue = (tokens[min(cue_tokens)].start, tokens[max(cue_tokens)].end)
    subject = _subject(graph, tokens, verb, ctx.regions)
    if tokens[verb].lemma.lower() in _IMPRESSIONS:
        # "the mayor seemed tired": the writer's impression of the mayor, who said nothing;
        # "the mayor appeared to blame X" is the mayor blaming, reported by "blame" itself
        inner = graph.kids(verb, "xcomp")
        if any(_lemma(ctx.article.text, tokens[k]) in REPORTING_VERBS for k in inner):
            return None
        subject = None
    if tokens[verb].lemma.lower() == "continue" and any(
        not _learned_cue(ctx, k) or _lemma(ctx.article.text, tokens[k]) in REPORTING_VERBS
        for k in graph.kids(verb, "xcomp")
    ):
        # "continues to trail" reports nothing; in "continued to insist" "insist" is the cue
        return None
    complements = graph.kids(verb, "ccomp")
    content: tuple[int, int] | None = None
    content_start: int | None = None
    if complements:
        comp = complements[0]
        words = [i for c in complements for i in graph.subtree(c)]
        nested = {
            i
            for k in words
            if graph.dep.get(k) == "advcl" and tokens[k].lemma.lower() in REPORTING_VERBS
            for i in graph.subtree(k)
        }  # "..., saying “...”" is a cue of its own
        span = _token_span(ctx, [i for i in words if i not in nested])
        content = _trim_span(ctx.article.text, *span)
        marks = [
            k for k in graph.kids(comp, "mark") if tokens[k].lemma.lower() in ("that", "whether")
        ]
        content_start = content[0]
        if marks and tokens[marks[0]].start <= content[0] + 1:
            content_start = _skip_space(ctx.article.text, tokens[marks[0]].end)
    elif graph.dep.get(verb) in ("parataxis", "advcl", "ccomp") and verb in graph.head:
        content = _framed_clause(ctx, verb)
        content_start = content[0] if content else None
    if content is None and tokens[verb].lemma.lower() not in _CLAUSE_ONLY:
        found = _complement(ctx, verb)
        if found is not None:
            content, extra = found
            content_start = content[0]
            if extra is not None:
                cue = (cue[0], max(cue[1], extra))
    elif content is None and graph.kids(verb, "xcomp"):
        # "asked the council to reconsider", "told his aides to find a way"
        found = _complement(ctx, verb)
        content = found[0] if found else None
        content_start = content[0] if content else None
    passive = [k for k in graph.kids(verb, "nsubjpass") if k < verb]
    agents = graph.kids(verb, "agent")
    if content is None and passive and agents:
        # "The plan was criticised by the union": the passive subject is what is reported
        content = _trim_span(ctx.article.text, *_token_span(ctx, graph.subtree(passive[0])))
        content_start = content[0]
        cue = (cue[0], max(cue[1], tokens[agents[0]].end))
    if content is None and subject is not None:
        content = _fragment_before(ctx, verb, subject)
        content_start = content[0] if content else None
    if content is None:
        return None if subject is None else _pending(verb, cue, subject)
    if content[1] - content[0] < 2:
        return None
    return _Attribution(verb, cue, subject, content, content_start)


def _stance_adjective(ctx: _Context, adjective: int) -> _Attribution | None:
    """ "X is afraid that ...", "X was sure ...", "X is critical of ...", "X is determined
    to ...": the subject of the linking verb holds the stance; the cue runs from the linking
    verb to the adjective (and its preposition)."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    link = graph.head.get(adjective)
    if link is None or link == adjective:
        return None
    subject = _subject(graph, tokens, link, ctx.regions)
    if subject is None:
        return None
    words: list[int] = []
    clause: int | None = None
    cue_end = tokens[adjective].end
    raising = tokens[adjective].lemma.lower() in ("sure", "certain")  # "is sure to flood"
    for kid in graph.kids(adjective):
        if kid < adjective:
            continue
        word = text[tokens[kid].start : tokens[kid].end].lower()
        if graph.dep[kid] == "ccomp" or (graph.dep[kid] == "xcomp" and not raising):
            words, clause = list(graph.subtree(kid)), kid
            break
        if graph.dep[kid] == "prep" and word in ("of", "about", "that", "in", "with", "to"):
            objects = graph.kids(kid, "pobj", "pcomp")
            if objects:
                words = [i for o in objects for i in graph.subtree(o)]
                cue_end = tokens[kid].end
                break
    if not words:
        return None
    content = _trim_span(text, *_token_span(ctx, words))
    marks = (
        [k for k in graph.kids(clause, "mark") if tokens[k].lemma.lower() == "that"]
        if clause is not None
        else []
    )
    start = content[0]
    if marks and tokens[marks[0]].start <= content[0]:
        start = _skip_space(text, tokens[marks[0]].end)
    if content[1] - content[0] < 2:
        return None
    cue = (min(tokens[link].start, tokens[adjective].start), cue_end)
    return _Attribution(adjective, cue, subject, content, start)


def _framed_clause(ctx: _Context, verb: int) -> tuple[int, int] | None:
    """The clause a cue hanging off it reports: "..., X said", "The plan, she said, is
    dead", "As X pointed out, ..."; None when the cue is no frame of its head."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    head = graph.head[verb]
    if head == verb or (graph.dep[verb] == "ccomp" and head < verb):
        # a clause right of its head is the head's content ("X said he will refuse"),
        # never the frame of the words before it
        return None
    own = set(graph.subtree(verb))
    subjects = graph.kids(verb, "nsubj")
    if subjects and graph.dep[verb] == "parataxis":
        # "Though the handover went well, he said, replacing her would be hard": the clause
        # the parser hung on "said" before its subject is the reported words, too
        for kid in graph.kids(verb, "advcl", "ccomp", "dep"):
            if kid < subjects[0]:
                own -= set(graph.subtree(kid))
    kept = [
        i
        for i in graph.subtree(head)
        if i not in own and not (graph.dep.get(i) == "punct" and graph.head.get(i) == head)
    ]
    if tokens[head].start > tokens[verb].start:
        marks = {text[tokens[k].start : tokens[k].end].lower() for k in graph.kids(verb, "mark")}
        inside = any(i < min(own) for i in kept) and graph.dep.get(verb) == "parataxis"
        # "The plan, she said, is dead": only when the cue sits inside its content, or
        # "As X pointed out, the plan is dead"
        if not inside and not (marks == {"as"} and graph.dep.get(verb) == "advcl"):
            return None
    else:
        if graph.dep[verb] == "advcl" and not graph.kids(verb, *_SUBJECTS):
            return None  # "X kept up the pressure, continuing ...": no frame of what came before
        kept = [i for i in kept if i < min(own)]
    if not kept:
        return None
    return _trim_span(text, *_token_span(ctx, kept))


def _fragment_before(ctx: _Context, verb: int, subject: int) -> tuple[int, int] | None:
    """ "Towns like Dover, he said.", "More money for the ferries, she added.": words with
    no verb of their own before a comma, a speech cue and its subject are what the cue
    reports (a date there says when: "Last month, the mayor warned ...")."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    if _lemma(text, tokens[verb]) not in SPEECH_VERBS or graph.head.get(verb) != verb:
        return None
    left = [k for k in graph.kids(verb, "dep") if k < subject and not _is_date(ctx, k)]
    if not left:
        return None
    words = sorted(i for k in left for i in graph.subtree(k))
    between = text[tokens[words[-1]].end : tokens[min(graph.subtree(subject))].start]
    if between.strip() != ",":
        return None
    content = _trim_span(text, *_token_span(ctx, words))
    return content if content[1] - content[0] >= 2 else None


def _complement(ctx: _Context, verb: int) -> tuple[tuple[int, int], int | None] | None:
    """The content of a cue verb with no clause: its objects and complements to the right
    ("called the plan a mistake", "wants to raise taxes"), or the object of a content
    preposition ("called for a recount"), whose preposition then ends the cue."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    chosen: list[int] = []
    cue_end: int | None = None
    for kid in graph.kids(verb):
        if kid < verb:
            continue
        dep = graph.dep[kid]
        word = text[tokens[kid].start : tokens[kid].end].lower()
        if dep in _COMPLEMENTS and not _is_date(ctx, kid):
            chosen.extend(graph.subtree(kid))
        elif dep == "prep" and word in _CONTENT_PREPOSITIONS and not chosen:
            objects = [o for o in graph.kids(kid, "pobj", "pcomp") if not _is_date(ctx, o)]
            if objects:
                chosen.extend(i for o in objects for i in graph.subtree(o))
                cue_end = tokens[kid].end
    if not chosen:
        return None
    span = _trim_span(text, *_token_span(ctx, chosen))
    if span[1] - span[0] < 2:
        return None
    return span, cue_end


def _is_date(ctx: _Context, index: int) -> bool:
    """The token is inside a date or time entity ("spoke on Tuesday" says when, not what)."""
    token = ctx.annotation.tokens[index]
    return any(
        e.start <= token.start < e.end and e.label in ("DATE", "TIME")
        for e in ctx.annotation.entities
    )


def _pending(verb: int, cue: tuple[int, int], subject: int) -> _Attribution:
    """A cue with a speaker and no content of its own: it may frame a direct quote."""
    return _Attribution(verb, cue, subject, None, None)


def _according_to(ctx: _Context, according: int) -> _Attribution | None:
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    to = [k for k in graph.kids(according) if text[tokens[k].start : tokens[k].end].lower() == "to"]
    if not to:
        return None
    objects = graph.kids(to[0], "pobj")
    if not objects or according not in graph.head:
        return None
    head = graph.head[according]
    phrase = set(graph.subtree(according))
    cue = (tokens[according].start, tokens[to[0]].end)
    if head == according:
        return None
    clause = [
        i
        for i in graph.subtree(head)
        if i not in phrase and not (graph.dep.get(i) == "punct" and graph.head.get(i) == head)
    ]
    if tokens[head].pos not in ("VERB", "AUX"):
        return None
    if not clause:
        return None
    content = _trim_span(ctx.article.text, *_token_span(ctx, clause))
    if content[1] - content[0] < 2:
        return None
    return _Attribution(according, cue, objects[0], content, content[0])


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


# --------------------------------------------------------------------------- quotes


def _direct_and_mixed(ctx: _Context, attributions: list[_Attribution]) -> list[Quote]:
    text = ctx.article.text
    quotes = []
    for region in ctx.regions:
        inner = _quote_words(text, region)
        if inner is None:
            continue
        signed = _signed(ctx, region, inner)
        if signed is not None:
            quotes.append(signed)
            continue
        framing = _framing_attribution(ctx, region, attributions)
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
_NOT_SPEAKERS = _words(
    """
    update clarification correction note editor's editor’s related watch read photo photos
    video source sources contributing twitter breaking exclusive opinion analysis caption
    advertisement disclosure warning
    """
)


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
        cue = ctx.article.span(high, high + 1)
        found.append(_quote(ctx.article, "direct", words_span, words_span, speaker, cue, None))
    if not found:
        return quotes
    kept = [q for q in quotes if not any(_overlaps(q.full, f.full) for f in found)]
    return kept + found


_HEADLINE_LINKS = _words("in on to for at with from by over into against after about is are was")


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


def _framing_attribution(
    ctx: _Context, region: _Region, attributions: Sequence[_Attribution]
) -> _Attribution | None:
    """The cue that frames a quoted stretch: in the sentence of its closing mark after it, or
    in the sentence of its opening mark before it, with no other quote in between."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    after = _sentence_at(ctx.annotation, max(region.end - 1, region.open))
    before = _sentence_at(ctx.annotation, region.open)
    paragraph = _paragraph_at(ctx.paragraphs, region.open)
    best: tuple[int, _Attribution] | None = None
    ending = text[region.open : region.inner_end].rstrip()[-1:]
    for attribution in attributions:
        if attribution.learned:
            continue  # "Moscow shares “...”": a detected cue is no frame of quoted words
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
        if _nested(ctx, attribution, attributions, region):
            continue  # inside another's content ("According to X, Y agreed that “...”")
        if best is None or distance < best[0]:
            best = (distance, attribution)
    return best[1] if best else None


def _nested(
    ctx: _Context,
    attribution: _Attribution,
    attributions: Sequence[_Attribution],
    region: _Region,
) -> bool:
    """The cue sits inside the content of another cue that covers the quote too."""
    position = ctx.annotation.tokens[attribution.verb].start
    return any(
        other.content is not None
        and other.content[0] <= position < other.content[1]
        and _content_covers(other, region)
        for other in attributions
        if other is not attribution and other.subject is not None
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
    for attribution in attributions:
        if attribution.content is None or _stance_inside(ctx, attribution, attributions):
            continue
        start = attribution.content_start or attribution.content[0]
        end = attribution.content[1]
        if any(r.open < end and start < r.end for r in ctx.regions):
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
        if any(r.open < end and start < r.end for r in ctx.regions):
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
    return not any(
        e.start <= token.start < e.end and e.label in _NAME_LABELS for e in ctx.annotation.entities
    )


def _channel_noun(ctx: _Context, noun: int) -> bool:
    return ctx.annotation.tokens[noun].lemma.lower() in _CHANNEL_NOUNS


def _stance_inside(
    ctx: _Context, attribution: _Attribution, attributions: Sequence[_Attribution]
) -> bool:
    """A stance verb inside what someone else reports ("X said Y wants Z"): the words are
    X's account of Y, not Y's, so it is no quote of its own. Speech inside speech ("X said Y
    told him Z") still is."""
    tokens = ctx.annotation.tokens
    if tokens[attribution.verb].lemma.lower() in SPEECH_VERBS:
        return False
    position = tokens[attribution.verb].start
    return any(
        other.content is not None
        and other.verb != attribution.verb
        and other.content[0] <= position < other.content[1]
        for other in attributions
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


def _quote(
    article: Article,
    kind: QuoteKind,
    span: Span,
    full: Span,
    speaker: Speaker | None,
    cue: Span | None,
    channel: Channel | None,
    *,
    implicit: bool = False,
) -> Quote:
    key = f"{article.id}:{kind}:{span.start}:{span.end}:{full.start}:{full.end}"
    return Quote(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        article=article.id,
        kind=kind,
        span=span,
        full=full,
        speaker=speaker,
        cue=cue,
        channel=channel,
        implicit=implicit,
    )


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per quoted span: the one with a speaker wins, then the first found."""
    best: dict[tuple[int, int], Quote] = {}
    for quote in quotes:
        key = (quote.span.start, quote.span.end)
        kept = best.get(key)
        if kept is None or (kept.speaker is None and quote.speaker is not None):
            best[key] = quote
    return list(best.values())


def _fill_implicit(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """A quote with no cue right after an attributed quote of the same paragraph inherits its
    speaker, cue and channel; a cue-less fragment of a few words is a scare quote and dropped."""
    filled: list[Quote] = []
    previous: Quote | None = None
    for quote in quotes:
        if quote.cue is None:
            same_paragraph = previous is not None and _paragraph_at(
                ctx.paragraphs, previous.full.start
            ) == _paragraph_at(ctx.paragraphs, quote.full.start)
            if previous is not None and previous.speaker is not None and same_paragraph:
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
        if quote.speaker is not None:
            previous = quote
    return filled


# --------------------------------------------------------------------------- speakers


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
    words = [i for i in graph.subtree(subject) if i not in _verb_tree(ctx, subject)]
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
        if tokens[k].lemma.lower() in REPORTING_VERBS:
            inner.update(ctx.graph.subtree(k))
    return inner


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


def _definite(ctx: _Context, noun: int) -> bool:
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    determiners = ctx.graph.kids(noun, "det")
    return any(
        text[tokens[d].start : tokens[d].end].lower() in ("the", "this", "that")
        for d in determiners
    ) and not ctx.graph.kids(noun, "prep", "appos", "compound")


def _named(ctx: _Context, noun: int) -> tuple[str | None, Span | None]:
    """The name a noun phrase gives its head: the named entity at the head (a surname widened
    to the full name used earlier in the article), else the phrase up to its first comma."""
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    head = tokens[noun]
    words = ctx.graph.subtree(noun)
    first = tokens[words[0]].start
    for entity in ctx.annotation.entities:
        if entity.start <= head.start < entity.end and entity.label in _NAME_LABELS:
            span = ctx.article.span(entity.start, entity.end)
            return _full_name(ctx, span), span
    for entity in ctx.annotation.entities:
        # "Jane Roe, former head of ...": the name leading the phrase
        if entity.start == first and entity.label in ("PERSON", "ORG"):
            span = ctx.article.span(entity.start, entity.end)
            return _full_name(ctx, span), span
    cut = [i for i in words if i <= noun or not _clause_child(ctx, i, noun)]
    start, end = _token_span(ctx, cut)
    stop = text.find(",", start, end)
    if stop > head.end:
        end = stop
    start, end = _trim_span(text, start, end)
    if end <= start:
        return None, None
    return text[start:end], ctx.article.span(start, end)


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
    for entity in ctx.annotation.entities:
        if entity.start <= token.start < entity.end:
            return "PERSON" if entity.label == "PERSON" else "GROUP"
    if token.tag in ("NNS", "NNPS"):
        return "GROUP"
    if token.pos == "PROPN" or token.lemma.lower() in _ROLE_NOUNS:
        return "PERSON"
    return "OTHER"  # "the visit will show that ...": no one a pronoun can stand for


def _resolve(ctx: _Context, position: int, pronoun: str) -> tuple[str, Span] | None:
    """The most recent compatible speaker of the last three paragraphs, else the nearest
    earlier compatible named mention outside quoted words."""
    wanted = "PERSON" if pronoun in _PERSON_PRONOUNS else "GROUP"
    floor = _paragraph_floor(ctx, position, back=2)
    best: tuple[int, str, Span] | None = None
    for start, speaker, kind in ctx.speakers:
        usable = floor <= start < position and kind == wanted and speaker.name_span
        if usable and speaker.name and speaker.name_span and (best is None or start > best[0]):
            best = (start, speaker.name, speaker.name_span)
    if best is not None:
        return best[1], best[2]
    labels = {"PERSON"} if wanted == "PERSON" else {"ORG"}
    floor = _paragraph_floor(ctx, position, back=1)
    for entity in ctx.annotation.entities:
        if entity.label not in labels or not floor <= entity.start < position:
            continue
        if _inside(ctx.regions, entity.start):
            continue
        if best is None or entity.start > best[0]:
            span = ctx.article.span(entity.start, entity.end)
            best = (entity.start, _full_name(ctx, span), span)
    return (best[1], best[2]) if best else None


def _paragraph_floor(ctx: _Context, position: int, *, back: int) -> int:
    """The start of the paragraph `back` paragraphs before the one holding `position`."""
    before = [p for p in ctx.paragraphs if p[0] <= position]
    return before[-1 - back][0] if len(before) > back else 0


def _resolve_role(ctx: _Context, position: int, role: str) -> tuple[str, Span] | None:
    for start, speaker, _kind in reversed(ctx.speakers):
        if start < position and role in speaker.mention.text.lower() and speaker.name:
            return speaker.name, speaker.name_span or speaker.mention
    return None


def _link(ctx: _Context, speaker: Speaker) -> Speaker:
    if not ctx.entities or speaker.name_span is None:
        return speaker
    span = speaker.name_span
    for entity in ctx.entities:
        for mention in entity.mentions:
            if (
                mention.article == span.article
                and mention.start < span.end
                and span.start < mention.end
            ):
                return replace(speaker, entity=entity.id)
    return speaker


# --------------------------------------------------------------------------- channels


def _channel(ctx: _Context, verb: int) -> Channel | None:
    """ "told VOA", "in an email on April 10", "during a Zoom call on April 13"."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    parts: list[tuple[int, int]] = []
    if tokens[verb].lemma.lower() == "tell":
        for k in graph.kids(verb, "dobj", "dative"):
            if tokens[k].pos == "PROPN":
                parts.append((tokens[verb].start, _token_span(ctx, graph.subtree(k))[1]))
    for k in graph.kids(verb, "prep"):
        word = text[tokens[k].start : tokens[k].end].lower()
        objects = graph.kids(k, "pobj")
        if word not in _CHANNEL_PREPOSITIONS or not objects:
            continue
        noun = tokens[objects[0]]
        if noun.lemma.lower() in _CHANNEL_NOUNS or _is_outlet(ctx, objects[0], word):
            parts.append(_token_span(ctx, graph.subtree(k)))
    if not parts:
        return None
    start = min(p[0] for p in parts)
    end = max(p[1] for p in parts)
    if end - start > 120 or _inside(ctx.regions, start):
        return None
    end = _date_after(ctx, verb, end)
    span = ctx.article.span(*_trim_span(text, start, end))
    return Channel(span, _channel_date(ctx, span))


def _is_outlet(ctx: _Context, noun: int, preposition: str) -> bool:
    """ "on CNN", "on Twitter": a named organisation after "on"."""
    if preposition != "on":
        return False
    token = ctx.annotation.tokens[noun]
    return any(e.start <= token.start < e.end and e.label == "ORG" for e in ctx.annotation.entities)


def _date_after(ctx: _Context, verb: int, end: int) -> int:
    """Widen the channel over an "on April 13" hung on the verb right after it."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    for k in graph.kids(verb, "prep", "npadvmod"):
        span = _token_span(ctx, graph.subtree(k))
        if span[0] < end or span[0] - end > 2:
            continue
        if any(
            e.start < span[1] and span[0] < e.end and e.label in ("DATE", "TIME")
            for e in ctx.annotation.entities
        ):
            return span[1]
    del tokens, text
    return end


def _channel_date(ctx: _Context, span: Span) -> str | None:
    published = ctx.article.published.value if ctx.article.published else None
    dct = published if published and len(published) == 10 else None
    sentence = _sentence_at(ctx.annotation, span.start)
    low, high = sentence if sentence else (span.start, span.end)
    low, high = min(low, span.start), max(high, span.end)
    for found in timex.tag(ctx.article.text[low:high], dct):
        if found.type == "DATE" and span.start <= low + found.start and low + found.end <= span.end:
            return found.value
    return None


# --------------------------------------------------------------------------- spans


def _token_span(
    ctx: _Context, indices: Iterable[int], exclude: set[int] | None = None
) -> tuple[int, int]:
    tokens = ctx.annotation.tokens
    chosen = [i for i in indices if not exclude or i not in exclude]
    return tokens[min(chosen)].start, tokens[max(chosen)].end


def _trim_span(text: str, start: int, end: int, *, keep_close: bool = False) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE_PUNCT or text[start] in _CLOSERS):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] in _OPENERS):
        end -= 1
    if not keep_close:
        # a quote mark left dangling at one end only belongs to the frame
        inner = text[start:end]
        if inner.count('"') % 2 and inner.endswith('"'):
            end -= 1
    return start, end


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _sentence_at(annotation: Annotation, position: int) -> tuple[int, int] | None:
    for sentence in annotation.sentences:
        if sentence.start <= position < sentence.end:
            return sentence.start, sentence.end
    return None


def _paragraph_at(paragraphs: Sequence[tuple[int, int]], position: int) -> tuple[int, int] | None:
    for paragraph in paragraphs:
        if paragraph[0] <= position <= paragraph[1]:
            return paragraph
    return None


def _span_key(span: Span) -> tuple[str, int, int]:
    return span.article, span.start, span.end


def _merge_key(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text))


def _same_words(first: str, second: str, threshold: float, fuzz: Any) -> bool:
    if fuzz.ratio(first, second) >= threshold:
        return True
    shorter = min(first, second, key=len)
    return len(shorter.split()) >= 8 and fuzz.partial_ratio(first, second) >= threshold
