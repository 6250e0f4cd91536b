"""The model's frozen records as JSON and back, for the store's result caches.

`dumps(record)` writes any record of `storyline.model` (a `Dossier`, a list of
`EventMention`s) as JSON: a dataclass as an object of its fields, a tuple as a list;
`loads(kind, payload)` rebuilds it from the field types the dataclasses declare, so
`loads(Dossier, dumps(dossier)) == dossier`, floats included (JSON keeps a float's shortest
repr, which reads back to the same float). The same record gives the same bytes.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


def dumps(record: Any) -> str:
    """`record` (a model dataclass, or a list or tuple of them) as compact JSON, in ASCII: a
    path from a file name that is not UTF-8 holds lone surrogates, which DuckDB cannot store
    as text but stores escaped."""
    return json.dumps(_plain(record), separators=(",", ":"))


def loads(kind: type[T], payload: str) -> T:
    """The record of type `kind` that `dumps` wrote as `payload`."""
    return cast(T, _builder(cast(Any, kind))(json.loads(payload)))


def loads_list(kind: type[T], payload: str) -> list[T]:
    """The list of `kind` records that `dumps` wrote as `payload`."""
    build = _builder(cast(Any, kind))
    return [cast(T, build(item)) for item in json.loads(payload)]


def _plain(value: Any) -> Any:
    kind: type = type(value)
    if kind in _PLAIN_KINDS:
        return value
    names = _record_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    # the model's tuples hold one kind of item: one of plain values (a trigger vector's
    # numbers) JSON writes as it is
    if isinstance(value, tuple | list) and value and not isinstance(value[0], _SCALARS):
        return [_plain(v) for v in value]
    return value


_SCALARS = (str, int, float, bool, type(None))
# the exact types `_plain` returns at once (a dossier holds hundreds of thousands of them)
_PLAIN_KINDS = frozenset(_SCALARS)


@cache
def _record_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (its instances are written as objects), else
    None; looked up once per type."""
    return _names(kind) if is_dataclass(kind) else None


@cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _same(value: Any) -> Any:
    return value


@cache
def _builder(hint: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type `hint` from its JSON form (made once per type:
    a story's dossier holds tens of thousands of records)."""
    if isinstance(hint, type) and is_dataclass(hint):
        return _record_builder(hint)
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = _builder(next(a for a in arguments if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        item = _builder(arguments[0])
        if item is _same:
            return tuple
        return lambda value: tuple(item(v) for v in value)
    if origin is tuple:
        parts = [_builder(a) for a in arguments]
        return lambda value: tuple(p(v) for p, v in zip(parts, value, strict=True))
    if origin is list:
        item = _builder(arguments[0])
        return lambda value: [item(v) for v in value]
    if hint is float:
        return float
    return _same


def _record_builder(kind: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(kind)
    names = _names(kind)
    # the builders of the fields are looked up on first use: records refer to each other
    parts: list[Callable[[Any], Any]] = []

    def build(value: Any) -> Any:
        if not parts:
            parts.extend(_builder(hints[name]) for name in names)
        return kind(*[p(value[name]) for p, name in zip(parts, names, strict=True)])

    return build
