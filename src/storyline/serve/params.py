"""The query parameters of each view, with their bounds.

FastAPI validates a request against these models before any handler runs, so an oversized page,
an over-long search, a malformed date or id is refused with a 422 that names the parameter.
An empty string means "no filter", as an HTML form sends it for a field left blank.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from storyline.store.reader import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_QUERY, Filters

# Ids are content hashes; the pattern keeps anything path-like ("..", "/", "%") out of them.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
MAX_ID = 128
MAX_TEXT_OFFSET = 100_000_000
_OPTIONAL_ID = r"^([A-Za-z0-9][A-Za-z0-9_.:-]{0,127})?$"
_OPTIONAL_DATE = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"

Words = Annotated[
    str | None,
    Field(max_length=MAX_QUERY, description="Words to look for (case-insensitive, literal)."),
]
Outlet = Annotated[
    str | None, Field(max_length=MAX_QUERY, description="Only this outlet (exact name).")
]
EntityRef = Annotated[
    str | None,
    Field(max_length=MAX_ID, pattern=_OPTIONAL_ID, description="Only records of this entity id."),
]
Category = Annotated[str | None, Field(max_length=64)]
DateFrom = Annotated[
    str | None,
    Field(pattern=_OPTIONAL_DATE, description="From this date on: YYYY, YYYY-MM or YYYY-MM-DD."),
]
DateTo = Annotated[
    str | None,
    Field(pattern=_OPTIONAL_DATE, description="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD."),
]


class Paged(BaseModel):
    model_config = ConfigDict(extra="ignore")

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Position of the first item.")

    def filters(self) -> Filters:
        """The view's filter parameters; a view's `type` parameter is its `kind`."""
        values = self.model_dump(exclude={"limit", "offset"})
        if "type" in values:
            values["kind"] = values.pop("type")
        return Filters(**values)


class ArticleQuery(Paged):
    q: Words = None
    outlet: Outlet = None
    entity: EntityRef = None
    date_from: DateFrom = None
    date_to: DateTo = None


class EntityQuery(Paged):
    q: Words = None
    type: Category = None
    outlet: Annotated[
        str | None, Field(max_length=MAX_QUERY, description="Only entities this outlet mentions.")
    ] = None
    date_from: DateFrom = None
    date_to: DateTo = None


class QuoteQuery(Paged):
    q: Words = None
    outlet: Outlet = None
    entity: Annotated[
        str | None,
        Field(max_length=MAX_ID, pattern=_OPTIONAL_ID, description="Only this speaker (id)."),
    ] = None
    kind: Category = None
    date_from: DateFrom = None
    date_to: DateTo = None


class TimexQuery(Paged):
    q: Words = None
    outlet: Outlet = None
    type: Category = None
    date_from: DateFrom = None
    date_to: DateTo = None


class EventQuery(Paged):
    q: Words = None
    status: Category = None
    type: Category = None
    entity: EntityRef = None
    outlet: Outlet = None
    date_from: DateFrom = None
    date_to: DateTo = None


class TimelineQuery(EventQuery):
    pass


class SearchQuery(Paged):
    q: Annotated[
        str,
        Field(
            min_length=1,
            max_length=MAX_QUERY,
            description="Words to find in articles, quotes and events (case-insensitive).",
        ),
    ]


class SpanQuery(BaseModel):
    """An evidence span to highlight: both or neither."""

    model_config = ConfigDict(extra="ignore")

    start: int | None = Field(None, ge=0, le=MAX_TEXT_OFFSET, description="First character.")
    end: int | None = Field(None, ge=0, le=MAX_TEXT_OFFSET, description="Character after last.")


class SearchPageQuery(Paged):
    """The search page: without words it shows the empty search form."""

    q: Words = None
