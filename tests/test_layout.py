"""The package's shape: nothing imports in a circle, each stage imports only the stages before it, no module
is too long to read.

The import graph is read from the source with `ast`, not by importing it: every `import` and `from ... import`
counts, absolute or relative, inside a function or under `if TYPE_CHECKING:` too, since a cycle hidden
there is still a cycle in the design. `from timeline.x import y` is an edge to the module timeline.x.y
when there is one, else to the package timeline.x. Importing a submodule runs its package's __init__
first, but that implicit step is not an edge: a package whose __init__ gathers its modules is no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"

# Each stage may import only these stages (and nothing else of timeline's).
ONLY = {
    "core": {"core"},
    # The interface's language sits on core (its dates in words read core.dates) and under everything else.
    "i18n": {"core", "i18n"},
    "load": {"core", "i18n", "load"},
    "query": {"core", "i18n", "load", "query"},
}
# And these stages must never import these.
NEVER = {
    "figures": {"web"},
    "formats": {"web"},
    "extract": {"web"},
}
# Edges allowed to break the order, each with its reason and who removes it; none today (issue #15 removed
# the last). test_known_exceptions_are_still_needed says when one can go.
KNOWN_EDGES: set[tuple[str, str]] = set()

MAX_LINES = 400
# A module may be longer only if it is one coherent grammar, and says so in the first line of its docstring.
GRAMMAR_MARK = "One grammar:"
# Modules over the limit while a split is under way; none today.
KNOWN_LONG: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str:
    """The module an imported name lives in: the longest known prefix of it."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """The timeline modules the source of `module` imports, anywhere in it."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {_target(alias.name) for alias in node.names if alias.name.split(".")[0] == "timeline"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source_module = ".".join(base + ([node.module] if node.module else []))
            else:
                source_module = node.module or ""
            if source_module.split(".")[0] != "timeline":
                continue
            for alias in node.names:
                submodule = f"{source_module}.{alias.name}"
                found.add(submodule if submodule in MODULES else _target(source_module))
    found.discard(module)
    return found


GRAPH = {
    module: imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    for module, path in MODULES.items()
}


def _stage(module: str) -> str | None:
    """The stage folder a module sits in; None for cli.py, __main__.py and the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and (PACKAGE / parts[1]).is_dir() else None


def _cycle_through(start: str) -> list[str] | None:
    """A shortest path start -> ... -> start, if there is one."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for imported in sorted(GRAPH[module]):
                if imported == start:
                    return paths[module] + [start]
                if imported not in paths:
                    paths[imported] = paths[module] + [imported]
                    following.append(imported)
        frontier = following
    return None


def test_the_graph_sees_every_kind_of_import():
    source = """
from typing import TYPE_CHECKING
from . import datewords
from .. import cli
from ..core.dates import OPEN
import timeline.load.schema
from timeline.query import search, urlstate
from timeline.formats.timelinejs import ImportFailed

if TYPE_CHECKING:
    from timeline.web.app import create_app


def later():
    from timeline.figures.theme import GRAPH_CONFIG
"""
    assert imports(source, "timeline.extract.anchors") == {
        "timeline.extract.datewords",
        "timeline.cli",
        "timeline.core.dates",
        "timeline.load.schema",
        "timeline.query.search",
        "timeline.query.urlstate",
        "timeline.formats.timelinejs",
        "timeline.web.app",
        "timeline.figures.theme",
    }
    assert imports("from . import text", "timeline.core", is_package=True) == {"timeline.core.text"}
    assert "timeline.web.app" in GRAPH["timeline.cli"]  # imported inside _serve
    assert _stage("timeline.web") == "web" and _stage("timeline.cli") is None


def test_nothing_imports_in_a_circle():
    cycles = []
    seen: set[str] = set()
    for module in sorted(GRAPH):
        if module in seen:
            continue
        cycle = _cycle_through(module)
        if cycle:
            seen.update(cycle)
            cycles.append(" -> ".join(cycle))
    assert not cycles, "import cycles:\n  " + "\n  ".join(cycles)


def _order_breaks() -> set[tuple[str, str]]:
    breaks = set()
    for module, imported in GRAPH.items():
        stage = _stage(module)
        for target in imported:
            other = _stage(target)
            if stage in ONLY and other not in ONLY[stage]:
                breaks.add((module, target))
            if other in NEVER.get(stage, ()):
                breaks.add((module, target))
    return breaks


def test_each_stage_imports_only_the_stages_before_it():
    unexpected = sorted(_order_breaks() - KNOWN_EDGES)
    assert not unexpected, "imports against the stage order:\n  " + "\n  ".join(f"{a} -> {b}" for a, b in unexpected)


def test_core_knows_no_other_stage():
    # Said apart from the table above, because core is what every stage may use: i18n included, it imports none.
    for module, imported in GRAPH.items():
        if _stage(module) == "core":
            assert {_stage(target) for target in imported} <= {"core"}, (module, imported)


def test_known_exceptions_are_still_needed():
    gone = sorted(KNOWN_EDGES - _order_breaks())
    assert not gone, f"these imports are gone: remove them from KNOWN_EDGES: {gone}"


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _first_doc_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


LONG = {
    path.relative_to(PACKAGE).as_posix(): _lines(path) for path in PACKAGE.rglob("*.py") if _lines(path) > MAX_LINES
}


def test_a_long_module_is_one_grammar_and_says_so():
    unmarked = [
        f"{module} ({LONG[module]} lines)"
        for module in sorted(set(LONG) - KNOWN_LONG)
        if not _first_doc_line(PACKAGE / module).startswith(GRAMMAR_MARK)
    ]
    assert not unmarked, (
        f"over {MAX_LINES} lines: split each by job, or, if it is one coherent grammar, begin its docstring "
        f"with '{GRAMMAR_MARK}': {unmarked}"
    )


def test_known_long_modules_are_still_long():
    short = sorted(KNOWN_LONG - set(LONG))
    assert not short, f"these are {MAX_LINES} lines or fewer now: remove them from KNOWN_LONG: {short}"
