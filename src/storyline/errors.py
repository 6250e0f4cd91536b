"""Failures a user can meet. Each message says what went wrong and what to do.

`cli.py` turns any `StorylineError` into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import InputReport


class StorylineError(Exception):
    """Base class: a problem with the user's input or setup, not a bug."""


class NothingToBuildError(StorylineError):
    """No input made an article; `reports` is the account of every input (each skip's reason)."""

    def __init__(self, skipped: int, reports: Sequence[InputReport] = ()) -> None:
        self.reports = list(reports)
        super().__init__(
            f"nothing could be built: all {skipped} input(s) were skipped "
            "(see the list above for each reason)"
        )


class ModelNotInstalledError(StorylineError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"the spaCy pipeline {name!r} is not installed; install it with "
            f"'pip install {name.replace('_', '-')}' or set 'model' in the config "
            "to an installed pipeline"
        )


class ModelMismatchError(StorylineError):
    def __init__(self, name: str, problem: str) -> None:
        super().__init__(
            f"the spaCy pipeline {name!r} is not the pipeline it claims to be: {problem}; "
            "reinstall it with 'make install' or name another pipeline in the config"
        )


class PipelineOrderError(StorylineError):
    def __init__(self, stage: str, missing: list[str]) -> None:
        super().__init__(
            f"stage {stage!r} needs {', '.join(missing)}, which no earlier stage provides; "
            "reorder the stages"
        )


class ConfigError(StorylineError):
    """A config file or option with a bad value."""


class StoreError(StorylineError):
    """The output store cannot be opened or written."""


class InputError(StorylineError):
    """A file given to a command cannot be read as what the command expects."""


class EngineError(StorylineError):
    """The Spark engine cannot start (no pyspark, no Java, a bad master) or its job failed."""
