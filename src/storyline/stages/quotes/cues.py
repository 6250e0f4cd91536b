"""Cues: the words that attribute content to someone, found in the parse.

`_candidate_sentences` picks the sentences worth parsing (a quote mark, a reporting-verb
lemma, a stance adjective, a cue noun, a verb the learned detector knows, or "according
to"). `_attributions` turns each cue of the parsed sentences into an `_Attribution` (cue,
speaker token, content span): a reporting verb with a clausal complement ("X said (that)
...") or in a comma clause after its content ("..., X said"), "according to X, ...", a stance
adjective ("X is afraid that ..."), a cue noun with a possessor ("X's claim that ..."), a
poll in an "in" phrase, and a verb outside the word lists that the detector learned on
PolNeAR train takes for a cue (`storyline.models.cues`: "X laid out her plan"). The speaker
token comes from `speaker._subject` or, for a finite cue verb the parser gave no subject,
the noun phrase beside it (`_neighbour_subject`). The word lists are in lexicon/en/quotes.toml.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline import lexicon
from storyline.model import Annotation, Article
from storyline.models.cues import THRESHOLD, cue_model, verb_features
from storyline.stages.annotate import sentence_tokens
from storyline.stages.quotes._context import (
    _WORD,
    _Attribution,
    _Context,
    _entities_at,
    _is_date,
    _Region,
    _skip_space,
    _token_span,
    _trim_span,
)
from storyline.stages.quotes.regions import _inside
from storyline.stages.quotes.speaker import _SUBJECTS, _subject

# Verbs whose clausal complement is reported speech or a reported stance (PARC/PolNeAR style).
REPORTING_VERBS = lexicon.words("quotes", "reporting_verbs")
# Verbs that report words said or written (a subset of the reporting verbs).
SPEECH_VERBS = lexicon.words("quotes", "speech_verbs")
_STANCE_ADJECTIVES = lexicon.words("quotes", "stance_adjectives")
_STANCE_PREPOSITIONS = lexicon.words("quotes", "stance_prepositions")
_CUE_NOUNS = lexicon.words("quotes", "cue_nouns")
_POLL_NOUNS = lexicon.words("quotes", "poll_nouns")
_CONTENT_PREPOSITIONS = lexicon.words("quotes", "content_prepositions")
# Right-hand dependents of a cue verb that carry its content when it has no clause.
_COMPLEMENTS = frozenset({"dobj", "oprd", "xcomp", "dative", "attr", "ccomp", "acomp"})
_OBJECT_CONTENT_VERBS = lexicon.words("quotes", "object_content_verbs")  # no rule reads it yet
_CLAUSE_ONLY = lexicon.words("quotes", "clause_only")
_IMPRESSIONS = lexicon.words("quotes", "impressions")
_NAMING_VERBS = lexicon.words("quotes", "naming_verbs")


def _candidate_sentences(
    article: Article, annotation: Annotation, regions: Sequence[_Region]
) -> list[int]:
    # sorted, so a sentence's marks are found by bisection (a look at every mark for each
    # sentence was quadratic in a long quoted article)
    marks = sorted([r.open for r in regions] + [r.inner_end for r in regions])
    wanted = []
    for index, (sentence, words) in enumerate(
        zip(annotation.sentences, sentence_tokens(annotation), strict=True)
    ):
        first = bisect_left(marks, sentence.start)
        has_mark = first < len(marks) and marks[first] < sentence.end
        detector = cue_model()
        has_verb = any(
            _lemma(article.text, t) in REPORTING_VERBS
            or t.lemma.lower() in _STANCE_ADJECTIVES
            or (t.pos == "VERB" and detector.may_be_cue(t.lemma.lower()))
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
        elif token.pos == "VERB" and cue_model().may_be_cue(lemma) and _learned_cue(ctx, index):
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
        lambda position: _entities_at(ctx.annotation, position),
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
        tokens[verb].lemma.lower() in _NAMING_VERBS
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
    if subject is None:
        subject = _neighbour_subject(ctx, verb)
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


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# What ends reported words right before an inverted cue ("“...,” said Jane Roe").
_CLOSERS = frozenset({",", "''", "”", '"', "’", "'"})
# Dependencies of a noun that is never a speaker left without a subject: an object or a
# time ("polls Tuesday say ..." parsed with "Tuesday" beside the verb).
_NOT_SPEAKERS = frozenset({"pobj", "dobj", "poss", "attr", "dative", "oprd", "npadvmod"})


def _neighbour_subject(ctx: _Context, verb: int) -> int | None:
    """The speaker of a finite cue verb the parser gave no subject: the noun phrase right
    before it ("the senator (D-Ore.) said ...", the name hung on a word before as an
    apposition) or, after a closing quote or comma, the name right after it ("..., said
    Jane Roe, smiling", the name taken for the subject of the next clause). None when
    neither neighbour is a noun phrase, or when the parser hung the verb on the noun before
    it (a clause that describes the noun: the check has no examples of such a speaker)."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    if tokens[verb].tag not in _FINITE or graph.kids(verb, "expl"):
        return None
    if graph.dep.get(verb) == "acl":
        return None  # "the mayor called Friday for ...", read as a reduced relative clause
    sentence = graph.sentence[verb]
    index = verb - 1
    depth = 0
    while index in graph.head and graph.sentence[index] == sentence:
        word = text[tokens[index].start : tokens[index].end]
        if word == ")":
            depth += 1
        elif word == "(":
            depth -= 1
        elif depth == 0 and tokens[index].pos not in ("ADV", "AUX", "PART"):
            break
        index -= 1
    left = index if index in graph.head and graph.sentence.get(index) == sentence else None
    if (
        left is not None
        and tokens[left].pos in _NOMINAL
        and graph.dep.get(left) not in _NOT_SPEAKERS
        and not _inside(ctx.regions, tokens[left].start)
    ):
        return left
    before = verb - 1
    right = verb + 1
    if before in graph.head and text[tokens[before].start : tokens[before].end] in _CLOSERS:
        last = None
        while right in graph.head and graph.sentence[right] == sentence:
            if tokens[right].pos not in ("PROPN", "NOUN") and not (
                last is None and tokens[right].pos == "DET"
            ):
                break
            last = right if tokens[right].pos != "DET" else last
            right += 1
        first = tokens[verb + 1].pos if verb + 1 in graph.head else None
        if (
            last is not None
            and first in ("PROPN", "DET")
            and graph.dep.get(last) not in _NOT_SPEAKERS
            and not _inside(ctx.regions, tokens[last].start)
        ):
            return last
    return None


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
        if graph.dep[kid] == "prep" and word in _STANCE_PREPOSITIONS:
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
