"""What extract read and found, in words a teacher can act on (printed, and saved as report.txt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from timeline.extract.draft import Draft, Undated


@dataclass
class Report:
    source: Path
    out: Path
    encoding: str
    size: int
    sentences: int
    stated: int
    derived: int
    rows: int
    undated: list[Undated]
    places: list[str]  # ids in places.csv
    unknown_places: dict[str, int]
    actors_known: int
    actors_guessed: int
    warnings: list[str] = field(default_factory=list)
    validation: str = ""  # 'OK', problems, or why it was not run

    @classmethod
    def of(cls, draft: Draft, source: Path, out: Path, encoding: str, size: int, warnings: list[str]) -> Report:
        return cls(
            source=source,
            out=out,
            encoding=encoding,
            size=size,
            sentences=draft.sentences,
            stated=draft.stated,
            derived=draft.derived,
            rows=len(draft.rows),
            undated=list(draft.undated),
            places=sorted(draft.places),
            unknown_places=dict(draft.unknown_places),
            actors_known=len(draft.actors_known),
            actors_guessed=len(draft.actors_guessed),
            warnings=list(warnings),
        )

    @property
    def ok(self) -> bool:
        """False only when the draft written does not load: a bug in extract, never the text's fault."""
        return not self.validation.startswith("FAILED")

    @property
    def unresolved(self) -> list[Undated]:
        """Dates the text should give but extract could not reach, or a sentence a bug stopped."""
        return [u for u in self.undated if u.kind in ("unresolved", "error")]

    @property
    def vague(self) -> list[Undated]:
        """Phrases that give no date at all ('in recent years', 'after 2011'), never dated."""
        return [u for u in self.undated if u.kind not in ("unresolved", "error")]

    @property
    def dated(self) -> int:
        return self.stated + self.derived

    def text(self, limit: int | None = None) -> str:
        lines = [f"Draft collection {self.out} from {self.source} ({self.encoding}, {_size(self.size)})"]
        lines += [f"  warning: {w}" for w in self.warnings]
        lines.append(f"  sentences read:        {self.sentences:,}")
        if self.dated:
            lines.append(
                f"  dated mentions found:  {self.dated:,} ({self.stated:,} stated, {self.derived:,} derived from other dates of the text)"
            )
        else:
            lines.append("  dated mentions found:  0 - no dated mentions found; the draft has no events")
        lines.append(
            f"  unresolved:            {len(self.unresolved):,}"
            + (" (no row drafted: date these sentences by hand)" if self.unresolved else "")
        )
        lines += _listed(
            [f"{_mention(u)}: {u.reason}\n          in: {_excerpt(u.quote)}" for u in self.unresolved], limit
        )
        lines.append(f"  undated mentions:      {len(self.vague):,}")
        lines += _listed([f"{_mention(u)}: {u.reason}" for u in self.vague], limit)
        lines.append(
            f"  places found:          {len(self.places):,}"
            + (f" ({', '.join(self.places[:20])}{', ...' if len(self.places) > 20 else ''})" if self.places else "")
        )
        lines.append(f"  places unknown:        {len(self.unknown_places):,}")
        lines += _listed(
            [
                f"{name} (sentence {at}): not in the gazetteer; add it to places.csv"
                for name, at in self.unknown_places.items()
            ],
            limit,
        )
        lines.append(
            f"  actors:                {self.actors_known:,} from the glossary, {self.actors_guessed:,} guessed"
        )
        lines.append(f"  draft rows:            {self.rows:,} in events.csv, each with status 'draft'")
        if self.validation:
            lines.append(f"  validation:            {self.validation}")
        lines.append(
            "Next: check each row (titles, categories, actors and places are suggestions; the summary says which "
            f"parts are guesses), write the summaries, then run: python -m timeline validate {self.out}"
        )
        return "\n".join(lines) + "\n"


def _listed(items: list[str], limit: int | None) -> list[str]:
    shown = items if limit is None else items[:limit]
    lines = [f"      - {item}" for item in shown]
    if len(items) > len(shown):
        lines.append(f"      ... and {len(items) - len(shown):,} more in report.txt")
    return lines


def _mention(u: Undated) -> str:
    return f"'{u.text}' (sentence {u.sentence})"


# A sentence can be a whole page long (a text with no full stops); the report shows its start.
EXCERPT = 200


def _excerpt(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return f'"{flat[:EXCERPT]}…"' if len(flat) > EXCERPT else f'"{flat}"'


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"
