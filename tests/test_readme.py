"""Docs that can't drift: the README's commands are the ones CI runs, docs/ covers the whole CLI, links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
README_BUDGET = 10_000  # bytes: an entry point, not a manual; the reference lives in docs/


def setup_commands() -> list[str]:
    return re.findall(r"^    (pip install .+)$", README, flags=re.MULTILINE)[:2]


def test_readme_starts_with_the_two_setup_commands():
    run, test = setup_commands()
    assert run == "pip install -r requirements.txt && python -m timeline"
    assert test.startswith("pip install -r requirements-dev.txt && ")
    assert README.index(run) < README.index("## ")  # before any other section
    assert README.index(test) < README.index("## ")


def test_ci_runs_the_readme_test_command():
    _, test = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    assert "apt-get install -y -q chromium chromium-driver" in ci
    assert "TIMELINE_REQUIRE_BROWSER=1" in ci
    assert "npm install --prefix build/npm --no-audit --no-fund axe-core@4" in ci  # test_accessibility.AXE


def cli_commands() -> dict[str, list[str]]:
    """Each subcommand of `python -m timeline` -> its long options, read from the parser itself."""
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    return {
        name: [o for a in sub._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
        for name, sub in commands.items()
    }


def test_the_cli_has_commands_to_document():
    commands = cli_commands()
    assert {"serve", "validate", "export", "import", "extract", "handout", "bundle"} <= set(commands)
    assert "--data" in commands["serve"]  # the walk reaches the options too


@pytest.mark.parametrize("name", sorted(cli_commands()))
def test_every_command_and_option_is_documented_in_its_page(name):
    # One page must describe the command with all its options, so an option can't hide in another topic.
    options = cli_commands()[name]
    pages = {page.name: page.read_text(encoding="utf-8") for page in PAGES}
    describing = {n: t for n, t in pages.items() if f"python -m timeline {name}" in t or f"[{name}]" in t}
    assert describing, f"no page in docs/ shows `python -m timeline {name}`"
    complete = [n for n, t in describing.items() if all(option in t for option in options)]
    assert complete, {n: [o for o in options if o not in t] for n, t in describing.items()}


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped (backticks included), spaces -> hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", without_blocks(markdown), flags=re.MULTILINE):
        base = github_anchor(heading)
        anchor, n = base, 0
        while anchor in found:  # GitHub numbers repeated headings: x, x-1, x-2
            n += 1
            anchor = f"{base}-{n}"
        found.add(anchor)
    return found


def without_blocks(markdown: str) -> str:
    """Markdown without fenced and indented code blocks, where `# x` is not a heading."""
    markdown = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"^(    |\t).*$", "", markdown, flags=re.MULTILINE)


def without_code(markdown: str) -> str:
    """Markdown without any code, inline code included, where `[x](y)` is not a link."""
    return re.sub(r"`[^`\n]*`", "", without_blocks(markdown))


def relative_links(markdown: str) -> list[str]:
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", without_code(markdown))
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t)]  # http:, https:, mailto:


def test_there_are_links_to_check():
    assert len(relative_links(README)) >= len(PAGES)
    assert "eventscsv-columns" in anchors((DOCS / "collections.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", [ROOT / "README.md", *PAGES], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading(page):
    text = page.read_text(encoding="utf-8")
    broken = []
    for link in relative_links(text):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            broken.append(f"{link}: no file {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        elif anchor and target.suffix == ".md" and anchor not in anchors(target.read_text(encoding="utf-8")):
            broken.append(f"{link}: no heading #{anchor}")
    assert not broken, broken


def test_readme_links_every_docs_page():
    linked = {(ROOT / link.partition("#")[0]).resolve() for link in relative_links(README)}
    missing = [page.name for page in PAGES if page.resolve() not in linked]
    assert not missing, missing
    assert {"explorer.md", "presenting.md", "collections.md", "development.md"} <= {p.name for p in PAGES}


def test_readme_is_an_entry_point():
    size = len(README.encode("utf-8"))
    assert size < README_BUDGET, f"README.md is {size} bytes; move reference text into docs/"
    assert "](docs/screenshots/" in README  # the tour shows the first screen


def test_requirements_pin_what_the_readme_names():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for package in ("dash", "plotly", "pandas", "edtf", "pydantic", "gunicorn"):
        assert re.search(rf"^{package}==", requirements, flags=re.MULTILINE), package
