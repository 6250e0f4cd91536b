"""The data model: frozen records that every stage reads and writes.

Stages pass these records to each other; nothing after `stages.annotate` sees a spaCy
object, so a stage can be tested with hand-built records and the Spark job can ship them
as plain rows. Offsets (`start`, `end`) are character offsets into an article's cleaned
`text` unless a field says `raw_`; `Article.segments` maps cleaned offsets back to the
ingested text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputStatus = Literal["processed", "duplicate", "skipped"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# given: metadata; url, timestamp, dateline: what the page states (stages/stated.py);
# caption: a dated photo caption raised an inferred range's lower bound; inferred: the text
DateSource = Literal["given", "inferred", "url", "timestamp", "dateline", "caption"]
QuoteKind = Literal["direct", "indirect", "mixed"]
# who found an event mention: the PLOVER trigger rules or the learned detector
MentionOrigin = Literal["rules", "detector"]
EventStatus = Literal[
    "happened", "scheduled", "planned", "expected", "speculated", "hypothetical", "negated"
]
# how the claims of one comparison relate (stages/compare)
Verdict = Literal["agree", "complement", "contradict"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input as ingested: decoded text plus whatever metadata came with it."""

    path: str
    raw: str
    format: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    # Bylines as given (page, feed item, JSON record or header), in their order.
    authors: tuple[str, ...] = ()
    # Other metadata the input gave (header keys storyline has no field for), sorted by key.
    meta: tuple[tuple[str, str], ...] = ()
    # What ingest guessed or repaired (an encoding, a date it could not read, ...).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that produced no article, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: the characters `[start, end)` of an article's cleaned text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of the ingested text that cleaning removed, with the rule that removed it."""

    text: str
    reason: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """`length` characters of cleaned text at `start` copied from ingested text at `raw_start`."""

    start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date: ISO `value` (a day, a month or an `earliest/latest` range)."""

    value: str
    source: DateSource
    earliest: str
    latest: str
    method: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. `id` is a hash of its cleaned text, so it names the content."""

    id: str
    path: str
    format: str
    title: str | None
    outlet: str | None
    url: str | None
    language: str
    text: str
    raw: str
    dropped: tuple[Dropped, ...]
    segments: tuple[Segment, ...]
    given_date: str | None = None
    published: Published | None = None
    notes: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def analysed(self) -> bool:
        """Whether the language-specific stages (entities, quotes, events) run on it."""
        return self.language == "en"

    def raw_offset(self, offset: int) -> int:
        """Map an offset in the cleaned text back to the ingested text.

        The offset just past a segment (the exclusive end of a span) maps to just past the raw
        characters it copies; an offset inside a segment wins over one that ends another.
        """
        closing: int | None = None
        for segment in self.segments:
            end = segment.start + segment.length
            if segment.start <= offset < end:
                return segment.raw_start + offset - segment.start
            if offset == end:
                closing = segment.raw_start + segment.length
        if closing is not None:
            return closing
        msg = f"offset {offset} is outside the cleaned text of article {self.id}"
        raise ValueError(msg)

    def span(self, start: int, end: int) -> Span:
        """Evidence for `text[start:end]` of this article."""
        return Span(self.id, start, end, self.text[start:end])


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    lemma: str
    pos: str
    tag: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A named-entity mention as the tagger saw it (OntoNotes label)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Arc:
    """A dependency arc of a parsed sentence: token `index` hangs off token `head`."""

    index: int
    head: int
    dep: str


@dataclass(frozen=True, slots=True)
class Parse:
    """The dependency parse of one sentence; token indices are into `Annotation.tokens`."""

    sentence: int
    arcs: tuple[Arc, ...]


@dataclass(frozen=True, slots=True)
class Annotation:
    """What the language model found in one article: sentences, tokens, named entities."""

    article: str
    model: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[NamedEntity, ...]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        sentence = self.sentences[index]
        return tuple(t for t in self.tokens if sentence.start <= t.start < sentence.end)


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    start: int
    end: int
    text: str


EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT"]


@dataclass(frozen=True, slots=True)
class Role:
    """A title or affiliation the articles give an entity ("Russian President", "professor at
    ..."), with every place that says so (`evidence`, sorted)."""

    text: str
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place, group or event, with every mention of it.

    `type` is an OntoNotes-style label (`EntityType`). `country` links a group ("Russians")
    or a place to the country it belongs to. `metonyms` are the mentions (also in `mentions`)
    where a capital stands for its government ("Hanoi said"), which is why they belong to the
    country and not to the city.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    mentions: tuple[Mention, ...]
    country: str | None = None
    metonyms: tuple[Mention, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        """The ids of the articles that mention it, sorted."""
        return tuple(sorted({m.article for m in self.mentions}))


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression with its TIMEX3 type and normalised value.

    `value` follows TIMEX3: `2024-06-19`, `2024-06`, `2024-W25`, `2024-Q2`, `2024-SU`,
    `2024-06-19T14:44`, `2024-06-19TNI`, `P2Y`, `PRESENT_REF`, and `A/B` for a range the
    text states ("May 15 and 16" is `2024-05-15/2024-05-16`). `mod` is the TIMEX3 modifier
    (`APPROX`, `START`, `MID`, `END`, `BEFORE`, `AFTER`, `EQUAL_OR_LESS`, ...).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleTimex:
    """A time expression of an article, as the dossier lists it."""

    id: str
    article: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    `mention` is the source as the sentence writes it (a full noun phrase, a pronoun or a role
    noun such as "the spokesperson"); `name` is who that is: the name inside the mention, or
    the antecedent a pronoun or role noun was resolved to, or None when a pronoun could not be
    resolved. `name_span` is where that name was read. `entity` is the id of the `Entity`
    with a mention covering `name_span`, when entities were given.
    """

    mention: Span
    name: str | None
    name_span: Span | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    """How the words reached the reporter: "told VOA", "in an email on April 10".

    `date` is the TIMEX3 value of a date inside the channel, normalised against the
    article's publication date when that is a day.
    """

    span: Span
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect or mixed quote with its speaker, cue and channel.

    `span` is the quoted wording: for direct and mixed quotes the words between the marks
    (without them, and without a trailing comma inside them); for indirect quotes the reported
    content without the cue ("that" left out). `full` is the whole reported content: the quote
    with its marks for a direct quote, the reported clause for mixed and indirect ones.
    `also_in` lists the same words in other articles (see `stages.quotes.merge_quotes`).
    `implicit` marks a quote with no cue of its own, attributed from the quote before it.
    """

    id: str
    article: str
    kind: QuoteKind
    span: Span
    full: Span
    speaker: Speaker | None
    cue: Span | None
    channel: Channel | None = None
    also_in: tuple[Span, ...] = ()
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor, target or location of an event: its words, and its entity when resolved."""

    span: Span
    name: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event is said to happen: a TIMEX3 value and its granularity (`year`,
    `quarter`, `season`, `month`, `week`, `day`, `time`, `range` or `fuzzy`), with the time
    expression it came from."""

    value: str
    granularity: str
    span: Span


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's report of an event: the trigger word, its clause, and what it says."""

    article: str
    trigger: Span
    sentence: Span
    predicate: str
    type: str | None  # PLOVER event type; None for a predicate PLOVER does not code
    mode: str | None
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    location: Participant | None
    date: EventDate | None
    status: EventStatus
    cue: Span | None  # the words that decided the status (a modal, "plans", "upcoming", ...)
    published: str | None = None  # the article's publication date value, for the history
    plural: bool = False  # "recent visits": several events of the kind, not one
    origin: MentionOrigin = "rules"  # the detector's type is a general-news one (docs/events.md)
    # the trigger's words as spaCy's tok2vec reads them in its sentence (unit length, rounded;
    # `events.vectors`), which merging compares; not written to the dossier
    vector: tuple[float, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """What one source said of an event, as of its publication date."""

    article: str
    published: str | None
    status: EventStatus
    date: str | None
    span: Span
    cue: Span | None


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that copies another (syndication, `stages/copies.py`): its original, the
    share of word shingles they share (Jaccard), and the passages of the copy it shares."""

    article: str
    original: str
    similarity: float
    shared: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Salience:
    """How much an event matters to its story (`stages/glance/salience.py`): a score in 0..1,
    its independent sources, its participants' centrality, whether it is background (before
    the story's own period), whether its status changed, and whether it is a key event."""

    score: float
    witnesses: int
    centrality: float
    background: bool
    changed: bool
    key: bool


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged over every mention in every article that reports it.

    `status` and `date` are the latest word on it: the date of a source that reports it as
    happened if any, else of the most recent source.
    """

    id: str
    type: str | None
    predicate: str
    mode: str | None
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    location: Participant | None
    date: EventDate | None
    status: EventStatus
    summary: Span  # the sentence that best tells it
    sources: tuple[Span, ...]
    history: tuple[HistoryEntry, ...]
    mentions: tuple[EventMention, ...] = ()
    salience: Salience | None = None  # set by the glance step, after merging


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event on the story's timeline: its date at its own granularity."""

    date: str
    granularity: str
    event: str
    status: EventStatus
    summary: str
    sources: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the story's summary and the spans it rests on (its own first)."""

    text: str
    sources: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement of one article (`stages/compare`): its span, what kind of value
    it states (`count`, `date`, `title`, `name`, `status`, `statement`), the value
    normalised (a number as digits, a date as a TIMEX3 value, a title in lower case, a
    statement's distinctive words), who the article says it comes from (`source`: "the port
    authority", a quote's speaker), and the article's publication date (`published`), the
    time of writing a verdict allows for."""

    span: Span
    kind: str
    value: str
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Claims of different articles about the same thing, and how they relate.

    `topic` names the thing compared; `verdict` is agree, complement or contradict;
    `explanation` is one sentence that names the values and says why; `independent` counts
    the claims' independent sources (a syndicated copy counts as its original)."""

    id: str
    topic: str
    verdict: Verdict
    explanation: str
    claims: tuple[Claim, ...]
    independent: int


@dataclass(frozen=True, slots=True)
class InputReport:
    """How one input was accounted for by a build."""

    path: str
    status: InputStatus
    article: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything a build produced. Record kinds that later stages fill stay empty here."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    inputs: tuple[InputReport, ...]
    quotes: tuple[Quote, ...] = field(default=())
    timexes: tuple[ArticleTimex, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    timeline: tuple[TimelineEntry, ...] = field(default=())
    comparisons: tuple[Comparison, ...] = field(default=())
    summary: tuple[SummarySentence, ...] = field(default=())
    copies: tuple[Copy, ...] = field(default=())
