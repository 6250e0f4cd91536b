"""The records the web app serves: one pydantic model per view, shared by the JSON API (and so
its OpenAPI description) and the HTML templates.

Offsets are character offsets into the article's cleaned text, as everywhere in storyline; a
record with an `article`, `start` and `end` is evidence that `/articles/{article}?start=&end=`
shows highlighted.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Problem(BaseModel):
    """The body of every 4xx answer the app gives itself (400, 404)."""

    detail: str = Field(description="What was wrong with the request, in one sentence.")


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from position `offset`, out of `total` matches."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Span(BaseModel):
    """A stretch of an article's cleaned text: `text == article.text[start:end]`."""

    article: str
    start: int
    end: int
    text: str


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    language: str
    published: str | None = Field(description="ISO date (or month) of publication, if known.")
    published_source: str | None = Field(description="given (metadata) or inferred (text).")


class Dropped(BaseModel):
    """A piece of the raw input that cleaning removed, with the reason."""

    text: str
    reason: str


class ArticleDetail(ArticleSummary):
    path: str
    format: str | None
    published_earliest: str | None
    published_latest: str | None
    published_method: str | None
    authors: list[str] = Field(
        default_factory=list, description="Bylines the input gave (page, feed, JSON, header)."
    )
    meta: dict[str, str] = Field(
        default_factory=dict,
        description="Other metadata the input gave (header keys with no field), by key.",
    )
    length: int = Field(description="Length of the cleaned text in characters.")
    text: str
    dropped: list[Dropped]
    highlight: Span | None = Field(
        default=None, description="The requested span (start/end parameters), if any."
    )


class Mention(BaseModel):
    article: str
    start: int
    end: int
    text: str
    metonym: bool = Field(description="A capital standing for its government, for instance.")


class ArticleMention(Mention):
    """A mention seen from its article: which entity it names."""

    entity: str
    name: str


class Role(BaseModel):
    """A title or affiliation an article gives an entity, with its evidence span."""

    text: str
    article: str
    start: int
    end: int
    evidence: str


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[str]
    roles: list[str]
    mentions: int = Field(description="How many mentions the entity has.")
    articles: int = Field(description="How many articles mention it.")


class EntityDetail(EntitySummary):
    mention_spans: list[Mention]
    role_spans: list[Role]


class QuoteCopy(BaseModel):
    """The same quote carried by another article."""

    article: str
    start: int
    end: int
    text: str


class Quote(BaseModel):
    id: str
    article: str | None
    start: int | None
    end: int | None
    text: str | None
    kind: str | None = Field(description="direct, indirect or mixed.")
    speaker_entity: str | None
    speaker_text: str | None
    cue: str | None
    channel: str | None
    channel_date: str | None
    implicit: bool | None
    outlet: str | None
    published: str | None
    also_in: list[QuoteCopy]


class Timex(BaseModel):
    id: str
    article: str | None
    start: int | None
    end: int | None
    text: str | None
    type: str | None
    value: str | None = Field(description="The TIMEX3 value, e.g. 2025-03-20 or 2025-W12.")
    mod: str | None
    outlet: str | None
    published: str | None


class EventSource(BaseModel):
    """One article's report of an event; start/end locate the evidence when known."""

    article: str | None
    start: int | None
    end: int | None
    text: str | None
    status: str | None = Field(description="What this source said of the event.")
    date_value: str | None
    cue: str | None
    published: str | None
    outlet: str | None


class Participant(BaseModel):
    """An actor, target or location of an event, with its entity id when resolved."""

    role: str | None
    entity: str | None
    text: str | None


class Event(BaseModel):
    id: str
    type: str | None
    mode: str | None
    predicate: str | None
    actors: list[str]
    targets: list[str]
    location: str | None
    date_value: str | None
    date_granularity: str | None
    status: str | None
    summary: str | None
    participants: list[Participant]
    sources: list[EventSource]


class TimelineEntry(BaseModel):
    position: int | None
    date: str | None
    granularity: str | None
    event: str | None
    status: str | None
    summary: str | None
    sources: list[EventSource]


class SearchHit(BaseModel):
    """A match of the search words: `before` + `match` + `after` is a snippet of the text;
    `start`/`end` locate `match` in the article when the hit has a place in one."""

    kind: Literal["article", "quote", "event"]
    id: str
    title: str | None
    article: str | None
    start: int | None
    end: int | None
    before: str
    match: str
    after: str


class OutletCount(BaseModel):
    outlet: str
    articles: int


class Overview(BaseModel):
    articles: int
    outlets: list[OutletCount]
    first_published: str | None
    last_published: str | None
    undated: int
    entities: int
    mentions: int
    quotes: int
    timexes: int
    events: int
    timeline: int
    statuses: list[str] = Field(description="The event statuses present in the store.")
    entity_types: list[str]
    quote_kinds: list[str]
    timex_types: list[str]


class ArticleFacts(BaseModel):
    """What the pipeline found in one article, each item with its span."""

    quotes: list[Quote]
    mentions: list[ArticleMention]
    timexes: list[Timex]
