"""Docs that can't drift: the README's commands are the ones CI runs and the CLI offers."""

from __future__ import annotations

import re
from pathlib import Path

from timeline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    return re.findall(r"^    (pip install .+)$", README, flags=re.MULTILINE)[:2]


def test_readme_starts_with_the_two_setup_commands():
    run, test = setup_commands()
    assert run == "pip install -r requirements.txt && python -m timeline"
    assert test.startswith("pip install -r requirements-dev.txt && ")
    assert README.index(run) < README.index("## ")  # before any other section


def test_ci_runs_the_readme_test_command():
    _, test = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    assert "apt-get install -y -q chromium chromium-driver" in ci
    assert "TIMELINE_REQUIRE_BROWSER=1" in ci
    assert "npm install --prefix build/npm --no-audit --no-fund axe-core@4" in ci  # test_accessibility.AXE


def test_every_command_and_option_is_documented():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"python -m timeline {name}" in README or f"[{name}]" in README, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option} missing from README"


def test_requirements_pin_what_the_readme_names():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for package in ("dash", "plotly", "pandas", "edtf", "pydantic", "gunicorn"):
        assert re.search(rf"^{package}==", requirements, flags=re.MULTILINE), package
