"""Issue 21: extract on every real text of bench/corpus/ and on seeded variants of each (sentences shuffled, cut
mid-sentence, relative phrases spliced in, year headings added, every line wrapped in <li>): no exception, no
sentence lost to an internal error, a draft the collection loader accepts, every quote verbatim."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest
from extract_grammar import OPEN, PARTIAL, RELATIVE, YEARS, check_draft
from helpers import ROOT

CORPUS = ROOT / "bench" / "corpus"
SEEDS = (1, 2)


def _texts() -> list[str]:
    with (CORPUS / "documents.csv").open(encoding="utf-8", newline="") as handle:
        return [row["file"] for row in csv.DictReader(handle)]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def shuffled(text: str, rng: random.Random) -> str:
    parts = _sentences(text)
    rng.shuffle(parts)
    return rng.choice([" ", "\n", "\n\n"]).join(parts)


def cut(text: str, rng: random.Random) -> str:
    """The text cut short mid-sentence, and a stretch taken out of its middle."""
    end = rng.randrange(1, len(text))
    text = text[:end]
    if len(text) > 20:
        a = rng.randrange(0, len(text) - 10)
        text = text[:a] + text[a + rng.randrange(1, min(400, len(text) - a)) :]
    return text


def spliced(text: str, rng: random.Random) -> str:
    """Relative phrases, open spans and days without a year put before sentences or inside them."""
    parts = _sentences(text)
    for _ in range(max(1, len(parts) // 2)):
        at = rng.randrange(len(parts))
        phrase = rng.choice(RELATIVE + OPEN + PARTIAL)
        if rng.random() < 0.5:
            parts[at] = f"{phrase[:1].upper()}{phrase[1:]}, {parts[at][:1].lower()}{parts[at][1:]}"
        else:
            words = parts[at].split(" ")
            words.insert(rng.randrange(len(words) + 1), phrase)
            parts[at] = " ".join(words)
    return "\n\n".join(parts)


def headed(text: str, rng: random.Random) -> str:
    """Year headings (and month-and-year ones) between paragraphs and between lines."""
    lines = text.split("\n")
    for _ in range(max(1, len(lines) // 3)):
        at = rng.randrange(len(lines) + 1)
        lines.insert(at, rng.choice(["", "\n"]) + rng.choice(YEARS) + rng.choice(["", ":", "\n"]))
    return "\n".join(lines)


def listed(text: str, rng: random.Random) -> str:
    return "<ul>" + "".join(f"<li>{line}</li>\n" for line in text.split("\n")) + "</ul>"


VARIANTS = {"shuffled": shuffled, "cut": cut, "spliced": spliced, "headed": headed, "listed": listed}


@pytest.mark.parametrize("name", _texts())
def test_every_corpus_text_drafts_a_valid_collection(name):
    check_draft((CORPUS / name).read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", _texts())
def test_seeded_variants_of_every_corpus_text_draft_a_valid_collection(name, variant):
    text = (CORPUS / name).read_text(encoding="utf-8")
    for seed in SEEDS:
        changed = VARIANTS[variant](text, random.Random(f"{name}/{variant}/{seed}"))
        check_draft(changed, Path(name).stem + (".html" if variant == "listed" else Path(name).suffix))
