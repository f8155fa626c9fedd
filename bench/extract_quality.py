"""`python bench/extract_quality.py`: how close `extract`'s draft of the AQIM profile is to the curated events.

Runs the extractor on data/aqim/sources/aqim-profile.txt and compares the
draft with data/aqim/events.csv, which editors wrote by hand from the same text:

  recall         curated events whose date the text gives (basis stated or
                 derived) that the draft found: a draft row quoting an
                 overlapping sentence whose date words (date_text) are the
                 curated ones, or that carries the same dates. Curated
                 'inferred' events have no date in the text and are not counted.
  date accuracy  of those found, the share whose EDTF start and end are equal.
  precision      draft rows that match a curated event, or that are a real
                 dated mention the editors chose not to make an event of (listed
                 in EXTRA_MENTIONS below, each with the reason, checked by hand).

It also reports, as information, how often the suggested category and the
places agree with the editors'. Run twice: with the collection's own
gazetteer and glossary (what `extract` does for a source inside a collection),
and with GeoNames and the built-in tables only.

Then the corpus in bench/corpus/ (documents.csv lists each text, its licence
and whether it is 'held-out' or 'dev'; labels/<file>.csv holds its dated
events, labelled by hand): per document and overall,

  recall         labelled events found: a draft row whose quote holds the
                 labelled date words (located in the text by their 'context')
                 and whose date_text shares those words (one containing the other).
  date accuracy  of those found, the share with a row whose start and end equal the label's.
  extra rows     draft rows matching no label (a row per dated mention is the
                 aim, so these are dates the labeller did not count as events,
                 or mistakes).

Add --check to exit 1 when recall or date accuracy is under 95 % on the AQIM
profile or on the held-out texts; --corpus-only skips the AQIM runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.core.safecsv import restore  # noqa: E402
from timeline.extract import extract  # noqa: E402
from timeline.load.sourcetext import find_quote  # noqa: E402
from timeline.query.search import normalise  # noqa: E402

AQIM = ROOT / "data" / "aqim"
CORPUS = ROOT / "bench" / "corpus"
SOURCE = AQIM / "sources" / "aqim-profile.txt"
TARGET = 0.95

# Dated mentions in the AQIM profile that the editors did not make events of: (date_text, why).
EXTRA_MENTIONS = {
    "Founded: 2007": "the profile's header line; the editors folded it into the event 'aqim-founded' (see its summary)",
}


@dataclass
class Quality:
    counted: int  # curated events with a stated or derived date
    inferred: int
    found: list[str]  # curated ids
    accurate: list[str]
    missed: list[str]
    wrong_dates: list[tuple[str, str, str]]  # (id, curated, drafted)
    rows: int
    matching_rows: int
    extra_rows: list[str]  # date_text of real mentions the editors left out
    false_rows: list[str]  # '<date_text>' in '<quote start>'
    categories_agree: int
    places_agree: int
    seconds: float

    @property
    def recall(self) -> float:
        return len(self.found) / self.counted if self.counted else 1.0

    @property
    def accuracy(self) -> float:
        return len(self.accurate) / len(self.found) if self.found else 1.0

    @property
    def precision(self) -> float:
        return (self.matching_rows + len(self.extra_rows)) / self.rows if self.rows else 1.0


def measure(source: Path = SOURCE, curated_dir: Path = AQIM, use_collection: bool = True) -> Quality:
    text = source.read_text(encoding="utf-8")
    curated = _read(curated_dir / "events.csv")
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        extract(source, Path(tmp) / "draft", curated_dir if use_collection else None)
        seconds = time.perf_counter() - began
        draft = _read(Path(tmp) / "draft" / "events.csv")
    counted = [c for c in curated if c["date_basis"] in ("stated", "derived")]
    spans = {id(row): find_quote(text, row["quote"]) for row in curated + draft}
    found, accurate, missed, wrong, agree_category, agree_places = [], [], [], [], 0, 0
    matched_rows: set[int] = set()
    for event in counted:
        candidates = [r for r in draft if _overlap(spans[id(r)], spans[id(event)]) and _same_mention(r, event)]
        if not candidates:
            missed.append(event["id"])
            continue
        found.append(event["id"])
        exact = [r for r in candidates if _dates(r) == _dates(event)]
        best = (exact or candidates)[0]
        matched_rows.update(id(r) for r in exact)
        if exact:
            accurate.append(event["id"])
        else:
            wrong.append((event["id"], "/".join(_dates(event)), "/".join(_dates(best))))
        agree_category += best["category"] == event["category"]
        agree_places += set(_list(event["places"])) <= set(_list(best["places"]))
    extra, false = [], []
    for row in draft:
        if id(row) in matched_rows:
            continue
        if row["date_text"] in EXTRA_MENTIONS:
            extra.append(row["date_text"])
        else:
            false.append(f"'{row['date_text']}' in '{row['quote'][:50]}…'")
    return Quality(
        counted=len(counted),
        inferred=len(curated) - len(counted),
        found=found,
        accurate=accurate,
        missed=missed,
        wrong_dates=wrong,
        rows=len(draft),
        matching_rows=len(matched_rows),
        extra_rows=extra,
        false_rows=false,
        categories_agree=agree_category,
        places_agree=agree_places,
        seconds=seconds,
    )


def _read(path: Path) -> list[dict[str, str]]:
    # Cells as the loader reads them: a draft's quote '- 8 January - ...' is written "'- 8 January - ..." so that
    # a spreadsheet does not run it as a formula (core/safecsv.py).
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{key: restore(value or "") for key, value in row.items()} for row in csv.DictReader(handle)]


def _dates(row: dict[str, str]) -> tuple[str, str]:
    start, end = row["start"].strip(), (row.get("end") or "").strip()
    if "/" in start and not end:
        start, _, end = start.partition("/")
    return start, end


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_mention(row: dict[str, str], event: dict[str, str]) -> bool:
    """The same date words (one containing the other, ignoring case and brackets), or the same dates."""
    drafted, curated = _words(row["date_text"]), _words(event["date_text"])
    return bool(drafted and curated and (drafted in curated or curated in drafted)) or _dates(row) == _dates(event)


def _words(text: str) -> str:
    return re.sub(r"[()\s]+", " ", normalise(text)).strip()


def _list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def report(quality: Quality, label: str) -> str:
    q = quality
    lines = [
        f"{label}",
        f"  curated events counted: {q.counted} with a stated or derived date ({q.inferred} inferred, not counted)",
        f"  recall:         {len(q.found)}/{q.counted} = {q.recall:.1%}",
        f"  date accuracy:  {len(q.accurate)}/{len(q.found)} = {q.accuracy:.1%}",
        f"  precision:      {q.matching_rows + len(q.extra_rows)}/{q.rows} = {q.precision:.1%} "
        f"({q.matching_rows} rows match a curated event, {len(q.extra_rows)} real mention(s) the editors left out)",
        f"  categories:     {q.categories_agree}/{len(q.found)} suggestions agree with the editors'",
        f"  places:         {q.places_agree}/{len(q.found)} rows name every place the curated event names",
        f"  time:           {q.seconds:.2f} s",
    ]
    lines += [f"    missed: {event_id}" for event_id in q.missed]
    lines += [f"    wrong date: {event_id}: curated {a}, drafted {b}" for event_id, a, b in q.wrong_dates]
    lines += [f"    extra (real): '{text}': {EXTRA_MENTIONS[text]}" for text in q.extra_rows]
    lines += [f"    not an event: {text}" for text in q.false_rows]
    return "\n".join(lines)


# --- the labelled corpus ------------------------------------------------------------------------


@dataclass
class Label:
    date_text: str
    start: str
    end: str
    basis: str
    at: tuple[int, int] | None  # the date words' offsets in the text; None when reading the markup lost them


@dataclass
class DocQuality:
    file: str
    set: str
    labels: int
    found: int
    accurate: int
    rows: int
    extra: list[str]
    missed: list[str]
    wrong: list[str]

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def accuracy(self) -> float:
        return self.accurate / self.found if self.found else 1.0


def documents(corpus: Path = CORPUS) -> list[dict[str, str]]:
    return _read(corpus / "documents.csv")


def read_labels(text: str, path: Path, original: str | None = None) -> list[Label]:
    """A document's labels, each located by its context (a verbatim snippet, unique in the text). A context
    that is not in `text` (the copy the draft quotes) but is in the `original` source was lost by reading the
    markup: that label cannot be found, and counts as missed (its `at` is None)."""
    labels = []
    for number, row in enumerate(_read(path), start=2):
        context = row["context"]
        at = text.find(context)
        if at < 0 and original is not None and context in original:
            labels.append(Label(row["date_text"], row["start"], row["end"], row["basis"], None))
            continue
        if at < 0 or text.find(context, at + 1) >= 0:
            raise ValueError(
                f"{path.name} line {number}: context {'not found' if at < 0 else 'not unique'}: {context!r}"
            )
        inner = context.find(row["date_text"])
        if inner < 0:
            raise ValueError(f"{path.name} line {number}: date_text {row['date_text']!r} not in its context")
        start = at + inner
        labels.append(
            Label(row["date_text"], row["start"], row["end"], row["basis"], (start, start + len(row["date_text"])))
        )
    return labels


def measure_document(source: Path, labels_path: Path, kind: str = "") -> DocQuality:
    """Labels are located in the text the draft quotes: the source as given, or the cleaned copy extract
    stores for a text in markup (its collection.json names it)."""
    with tempfile.TemporaryDirectory() as tmp:
        extract(source, Path(tmp) / "draft")
        draft = _read(Path(tmp) / "draft" / "events.csv")
        meta = json.loads((Path(tmp) / "draft" / "collection.json").read_text(encoding="utf-8"))
        text = (Path(tmp) / "draft" / meta["sources"][0]["file"]).read_text(encoding="utf-8")
    labels = read_labels(text, labels_path, source.read_text(encoding="utf-8"))
    spans = [find_quote(text, row["quote"]) for row in draft]
    used: set[int] = set()
    found = accurate = 0
    missed, wrong = [], []
    for label in labels:
        candidates = [
            i
            for i, row in enumerate(draft)
            if spans[i] is not None
            and label.at is not None
            and spans[i][0] <= label.at[0]
            and label.at[1] <= spans[i][1]
            and _shares_words(row["date_text"], label.date_text)
        ]
        if not candidates:
            lost = " (not in the cleaned copy: the markup reader dropped it)" if label.at is None else ""
            missed.append(f"{label.date_text!r} ({label.start}{'/' + label.end if label.end else ''}){lost}")
            continue
        found += 1
        exact = [i for i in candidates if _dates(draft[i]) == (label.start, label.end)]
        used.update(exact or candidates[:1])
        if exact:
            accurate += 1
        else:
            drafted = "/".join(x for x in _dates(draft[candidates[0]]) if x)
            wrong.append(
                f"{label.date_text!r}: labelled {label.start}{'/' + label.end if label.end else ''}, drafted {drafted}"
            )
    extra = [
        f"{row['date_text']!r} -> {'/'.join(x for x in _dates(row) if x)}"
        for i, row in enumerate(draft)
        if i not in used
    ]
    return DocQuality(source.name, kind, len(labels), found, accurate, len(draft), extra, missed, wrong)


def _shares_words(drafted: str, labelled: str) -> bool:
    a, b = _words(drafted), _words(labelled)
    return bool(a and b and (a in b or b in a))


def measure_corpus(corpus: Path = CORPUS, only: str | None = None) -> list[DocQuality]:
    return [
        measure_document(corpus / doc["file"], corpus / "labels" / (doc["file"].rsplit(".", 1)[0] + ".csv"), doc["set"])
        for doc in documents(corpus)
        if only is None or doc["set"] == only
    ]


def corpus_table(results: list[DocQuality]) -> str:
    """A Markdown table: per document, then each set and the whole corpus."""
    lines = [
        "| document | set | labelled | recall | date accuracy | extra rows |",
        "|---|---|---|---|---|---|",
    ]
    for q in results:
        lines.append(
            f"| {q.file} | {q.set} | {q.labels} | {q.found}/{q.labels} = {q.recall:.0%} | "
            f"{q.accurate}/{q.found} = {q.accuracy:.0%} | {len(q.extra)} |"
        )
    sets = list(dict.fromkeys(q.set for q in results))
    for name, group in [(f"all {s}", [q for q in results if q.set == s]) for s in sets] + [("whole corpus", results)]:
        if not group:
            continue
        labels, found, accurate = (sum(getattr(q, f) for q in group) for f in ("labels", "found", "accurate"))
        extra = sum(len(q.extra) for q in group)
        lines.append(
            f"| **{name}** | | {labels} | {found}/{labels} = {found / labels if labels else 1:.0%} | "
            f"{accurate}/{found} = {accurate / found if found else 1:.0%} | {extra} |"
        )
    return "\n".join(lines)


def corpus_details(results: list[DocQuality]) -> str:
    lines = []
    for q in results:
        if not (q.missed or q.wrong or q.extra):
            continue
        lines.append(f"{q.file} ({q.set}):")
        lines += [f"    missed: {m}" for m in q.missed]
        lines += [f"    wrong date: {w}" for w in q.wrong]
        lines += [f"    extra row: {e}" for e in q.extra]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when recall or date accuracy is under 95 %% (AQIM, held-out)"
    )
    parser.add_argument("--corpus-only", action="store_true", help="skip the AQIM profile runs")
    parser.add_argument("--set", help="only the corpus texts of this set (e.g. 'held-out (issue 21)')")
    args = parser.parse_args(argv)
    below = []
    if not args.corpus_only:
        results = [
            (measure(use_collection=True), "With the collection's gazetteer and glossary (data/aqim):"),
            (measure(use_collection=False), "With GeoNames and the built-in tables only:"),
        ]
        print(f"extract on {SOURCE.relative_to(ROOT)} against {(AQIM / 'events.csv').relative_to(ROOT)}\n")
        print("\n\n".join(report(quality, label) for quality, label in results))
        below += [q for q, _ in results if q.recall < TARGET or q.accuracy < TARGET]
    corpus = measure_corpus(only=args.set)
    print(f"\nextract on the labelled corpus in {CORPUS.relative_to(ROOT)}\n")
    print(corpus_table(corpus))
    print()
    print(corpus_details(corpus))
    held_out = [q for q in corpus if q.set.startswith("held-out")]
    labels, found, accurate = (sum(getattr(q, f) for q in held_out) for f in ("labels", "found", "accurate"))
    if labels and (found / labels < TARGET or (found and accurate / found < TARGET)):
        below.append(held_out)
    return 1 if args.check and below else 0


if __name__ == "__main__":
    sys.exit(main())
