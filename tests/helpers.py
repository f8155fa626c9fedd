"""Shared helpers for the data-layer tests: copies of the bundled collection, row edits, the CLI."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Found from the repository layout, not from timeline.load.collection.BUNDLED, so a wrong
# constant in the package cannot make the tests read the wrong folder.
AQIM = ROOT / "data" / "aqim"


def bench_script(name: str):
    """bench/NAME.py as a module: bench/ is a folder of scripts, not a package, so each is loaded as it runs."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def normalise(text: str) -> str:
    """Whitespace folded the way a spreadsheet may fold it, written out here, not taken from timeline."""
    return re.sub(r"\s+", " ", text).strip()


def copy_collection(parent: Path, name: str = "aqim") -> Path:
    """A real, writable copy of the bundled collection folder."""
    return Path(shutil.copytree(AQIM, parent / name))


def row_line(path: Path, row_id: str) -> int:
    """1-based physical line of the row whose first cell is `row_id` (header = line 1).

    Counted over raw newlines, so cells with embedded line breaks before the row shift it.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if line.startswith(f"{row_id},")]
    assert len(found) == 1, f"expected one row '{row_id}' in {path}, found lines {found}"
    return found[0]


def edit_row(path: Path, row_id: str, old: str, new: str) -> int:
    """Replace `old` by `new` in the row `row_id`, as someone would in a text editor; return its line."""
    line = row_line(path, row_id)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].count(old) == 1, f"'{old}' must occur exactly once in row '{row_id}'"
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return line


def run_timeline(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m timeline ARGS` as a user runs it, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_timeline_many(arg_lists: list[tuple[str | Path, ...]]) -> list[subprocess.CompletedProcess[str]]:
    """Several CLI runs side by side: each one spends about a second importing pandas."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run_timeline(*args), arg_lists))


def problem_lines(stderr: str, file: Path, line: int | None, field: str | None) -> list[str]:
    """Lines of CLI output that name `file` and, when given, the line number and the field (in quotes)."""
    matches = []
    for text in stderr.splitlines():
        if str(file) not in text:
            continue
        if line is not None and not re.search(rf"\bline {line}\b", text):
            continue
        if field is not None and f"'{field}'" not in text:
            continue
        matches.append(text)
    return matches
