"""Output files written whole or not at all.

Every output of a build (dossier.json, report.html, the DuckDB store, an export) is written to
a temporary file in its own folder and renamed over the target when it is complete, so a build
killed at any moment leaves the previous complete file, or none, never a truncated one
(`os.replace` is atomic within one file system). Text is written as UTF-8; a character that
UTF-8 cannot hold (a lone surrogate, as a file name that is not UTF-8 decodes to) is written
as its backslash escape instead of failing the build.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_STORY_ID = re.compile(r"story-[0-9a-f]+")


def shown(text: str) -> str:
    """`text` made storable as UTF-8: a file name's undecodable bytes (surrogate escapes, as
    `os.listdir` gives them) as `\\xNN`, any other lone surrogate as `\\udNNN`; valid text is
    returned unchanged.

    >>> shown("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    if text.isascii():  # a flag of the string: no copy made, as encoding makes one
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@contextmanager
def replacing(target: Path, *, copy: bool = False) -> Iterator[Path]:
    """A temporary path beside `target` that replaces it when the block ends without error.

    With `copy`, the temporary file starts as a copy of `target` (and of DuckDB's `.wal`
    beside it), for a file the block updates rather than rewrites. On an error, the
    temporary file is removed and `target` is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes the file private; the output gets the mode a plain open() would give it
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    wal = Path(f"{temporary}.wal")
    try:
        if copy and target.is_file():
            shutil.copyfile(target, temporary)
            if Path(f"{target}.wal").is_file():
                shutil.copyfile(f"{target}.wal", wal)
        else:
            temporary.unlink()  # the block creates the file (DuckDB refuses an empty one)
        yield temporary
        if temporary.exists():
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
        with suppress(FileNotFoundError):
            os.unlink(f"{target}.wal")  # the replaced store's log belongs to the old file
    finally:
        for leftover in (temporary, wal):
            with suppress(FileNotFoundError):
                leftover.unlink()


def write_text(target: Path, text: str) -> None:
    """Write `text` to `target` as UTF-8, whole or not at all (see the module doc)."""
    with replacing(target) as temporary, open(temporary, "wb") as stream:
        stream.write(text.encode("utf-8", "backslashreplace"))
        stream.flush()
        os.fsync(stream.fileno())


def remove_stale_stories(folder: Path, current: Iterable[str]) -> list[Path]:
    """Remove the story folders under `folder` (`DIR/stories`) of stories the build no longer
    has (an id changes when an earlier article joins a story): a folder named as a story id is
    (`story-` and hex digits) holding a dossier.json or report.html. Other entries are left."""
    keep = set(current)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in sorted(folder.iterdir()):
        if entry.name in keep or not entry.is_dir() or entry.is_symlink():
            continue
        if not _STORY_ID.fullmatch(entry.name):
            continue
        if (entry / "dossier.json").is_file() or (entry / "report.html").is_file():
            shutil.rmtree(entry)
            removed.append(entry)
    return removed
