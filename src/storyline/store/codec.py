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
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


def dumps(record: Any) -> str:
    """`record` (a model dataclass, or a list or tuple of them) as compact JSON."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def loads(kind: type[T], payload: str) -> T:
    """The record of type `kind` that `dumps` wrote as `payload`."""
    return cast(T, _build(kind, json.loads(payload)))


def loads_list(kind: type[T], payload: str) -> list[T]:
    """The list of `kind` records that `dumps` wrote as `payload`."""
    return [cast(T, _build(kind, item)) for item in json.loads(payload)]


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in _fields(type(value))}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@cache
def _fields(kind: type) -> tuple[Any, ...]:
    return fields(kind)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _build(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and is_dataclass(hint):
        known = _hints(hint)
        return hint(**{f.name: _build(known[f.name], value[f.name]) for f in _fields(hint)})
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        chosen = [a for a in arguments if a is not type(None)]
        return _build(chosen[0], value)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_build(arguments[0], v) for v in value)
        return tuple(_build(a, v) for a, v in zip(arguments, value, strict=True))
    if origin is list:
        return [_build(arguments[0], v) for v in value]
    if hint is float and isinstance(value, int):
        return float(value)
    return value
