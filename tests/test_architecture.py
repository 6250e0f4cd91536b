"""The layout holds: one dependency direction, no cycle, no scorer in the build, small files.

Layers, lowest first: the base (model, errors, config, timevalues, lexicon, models), the
stages, the pipeline, and the outer ring (store, report, serve, cli, evaluation). A module
imports only from its own layer or below; `docs/architecture.md` draws the same picture.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "storyline"
LAYERS = {
    "model": 0,
    "errors": 0,
    "config": 0,
    "timevalues": 0,
    "lexicon": 0,
    "models": 0,
    "stages": 1,
    "pipeline": 2,
    "incremental": 2,
    "store": 3,
    "report": 3,
    "serve": 3,
    "cli": 3,
    "__main__": 3,
    "evaluation": 3,
    "watch": 3,
    "spark": 3,
    "bench": 3,
    "__init__": 3,
}
MAX_LINES = 1000


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path) -> set[str]:
    """The storyline modules `name` imports, at any depth of the file (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            # "from storyline.stages import events" imports a module
            found.update(f"{module}.{a.name}" for a in node.names)
    modules = _modules()
    # every import of a storyline module runs the package's __init__ first: not an edge
    return {m for m in found if m in modules and m not in (name, "storyline")}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else LAYERS["__init__"]


def test_every_import_points_down_or_sideways() -> None:
    wrong = [
        f"{name} (layer {_layer(name)}) imports {target} (layer {_layer(target)})"
        for name, path in _modules().items()
        for target in sorted(_imports(name, path))
        if _layer(target) > _layer(name)
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle() -> None:
    graph = {name: _imports(name, path) for name, path in _modules().items()}
    # a package imports its own modules to re-export them; that is no cycle
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_no_python_file_is_over_the_limit() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_no_scorer_or_corpus_reader_at_the_top_level() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == {
        "__init__",
        "__main__",
        "bench",
        "cli",
        "config",
        "errors",
        "incremental",
        "model",
        "pipeline",
        "timevalues",
        "watch",
    }


@pytest.mark.parametrize("module", ["storyline.pipeline", "storyline.cli", "storyline"])
def test_importing_the_product_loads_no_evaluation_module(module: str) -> None:
    code = (
        f"import json, sys; import {module}; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('storyline'))))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    assert not [m for m in loaded if m.startswith("storyline.evaluation")], loaded
    if module == "storyline.pipeline":
        outer = ("storyline.store", "storyline.report", "storyline.serve", "storyline.cli")
        assert not [m for m in loaded if m.startswith(outer)], loaded
