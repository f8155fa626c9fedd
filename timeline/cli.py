"""`python -m timeline [serve|validate|export|handout] ...`: parse, call the library, print, exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline import i18n
from timeline.core.problems import CollectionError
from timeline.core.progress import Progress
from timeline.load.collection import BUNDLED, load_collection
from timeline.load.library import load_library
from timeline.query import urlstate

COMMANDS = ("serve", "validate", "export", "handout", "bundle", "extract", "import")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m timeline", description="Source-grounded historical timeline explorer."
    )
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="start the explorer (the default command)")
    serve.add_argument(
        "--data",
        type=Path,
        default=BUNDLED,
        help="a collection folder, or a folder of collection folders (default: the bundled AQIM collection)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    serve.add_argument("--debug", action="store_true", help="Dash debug mode with hot reload (off by default)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1: the development server); more: gunicorn's, sharing one loaded copy",
    )

    validate = commands.add_parser("validate", help="check a collection; exit 1 listing every problem")
    validate.add_argument(
        "dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)"
    )

    export = commands.add_parser("export", help="write the validated events to standard output")
    export.add_argument("dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)")
    export.add_argument(
        "--format",
        choices=("csv", "json", "timelinejs"),
        default="json",
        help="output format (default: json); timelinejs: TimelineJS3 JSON of the events and eras",
    )
    export.add_argument(
        "--what",
        choices=("events", "organisations", "relations", "people", "roles"),
        default="events",
        help="which rows to write (default: events); people in JSON carry their roles",
    )

    handout = commands.add_parser("handout", help="write a printable, standalone HTML handout")
    handout.add_argument("dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)")
    handout.add_argument("--lesson", help="lesson id, a file in DIR/lessons/ (default: every event in date order)")
    handout.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    handout.add_argument(
        "--quiz", action="store_true", help="add a quiz sheet: cards to cut out, the answer key on its own page"
    )
    _add_lang(handout, "the handout")

    bundle = commands.add_parser(
        "bundle", help="write the lesson as one self-contained HTML file: slides and quiz, no server, no network"
    )
    bundle.add_argument("dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)")
    bundle.add_argument("--lesson", help="lesson id, a file in DIR/lessons/ (default: every event in date order)")
    bundle.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    _add_lang(bundle, "the lesson file")

    extract = commands.add_parser("extract", help="draft a new collection from a text (plain, Markdown, HTML)")
    extract.add_argument(
        "source", type=Path, help="the source text: plain text (.txt), Markdown (.md) or HTML (.html); wikitext too"
    )
    extract.add_argument("--out", type=Path, help="the new collection folder (default: SOURCE-NAME-draft)")
    extract.add_argument(
        "--collection",
        type=Path,
        help="use this collection's places and names first (default: the collection SOURCE is in, if any)",
    )
    extract.add_argument(
        "--force", action="store_true", help="replace an earlier draft in --out (never curated events)"
    )

    imports = commands.add_parser(
        "import", help="make a collection from a TimelineJS3 JSON file or TimelineJS sheet CSV"
    )
    imports.add_argument(
        "file", type=Path, help="a TimelineJS3 .json file, or the TimelineJS Google sheet saved as .csv"
    )
    imports.add_argument("--out", type=Path, required=True, help="the new collection folder")
    imports.add_argument("--force", action="store_true", help="replace an earlier import in --out (nothing else)")
    return parser


def _add_lang(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=i18n.DEFAULT,
        help=f"the language of {what}'s interface: en, fr or ar (default: en); events keep their source's words",
    )


def _load(folder: Path):
    """load_collection with a progress line on stderr when it takes more than a second."""
    with Progress(f"Loading {folder}") as progress:
        return load_collection(folder, progress=progress)


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS + ("-h", "--help"):
        args_list.insert(0, "serve")
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "validate":
            return _validate(args.dir)
        if args.command == "export":
            return _export(args.dir, args.format, args.what)
        if args.command == "handout":
            with i18n.use(args.lang):
                return _handout(args.dir, args.lesson, args.out, args.quiz)
        if args.command == "bundle":
            with i18n.use(args.lang):
                return _bundle(args.dir, args.lesson, args.out)
        if args.command == "extract":
            return _extract(args.source, args.out, args.collection, args.force)
        if args.command == "import":
            return _import(args.file, args.out, args.force)
        return _serve(args)
    except CollectionError as error:
        print(f"The collection cannot be used: {error}", file=sys.stderr)
        return 1


def _validate(folder: Path) -> int:
    collection = _load(folder)
    events = collection.events
    print(
        f"{folder}: OK: {len(events)} events, {len(collection.places)} places, "
        f"{len(collection.sources)} source(s), {len(collection.lessons)} lesson(s); every quote found in its source."
    )
    return 0


def _export(folder: Path, fmt: str, what: str = "events") -> int:
    from timeline.formats import export

    if fmt == "timelinejs":
        return _export_timelinejs(folder, what)
    if what != "events":
        return _export_lineage(folder, fmt, what)
    events = _load(folder).events
    sys.stdout.write(export.to_csv(events) if fmt == "csv" else export.to_json(events))
    return 0


def _export_timelinejs(folder: Path, what: str) -> int:
    from timeline.formats.timelinejs import to_timelinejs_json

    if what != "events":
        print("--format timelinejs writes the events and eras only; leave out --what", file=sys.stderr)
        return 2
    sys.stdout.write(to_timelinejs_json(_load(folder)))
    return 0


def _import(file: Path, out: Path, force: bool) -> int:
    from timeline.formats.timelinejs import ImportFailed, import_timeline

    try:
        report = import_timeline(file, out, force)
    except ImportFailed as error:
        print(f"Cannot import {file}: {error}", file=sys.stderr)
        return 1
    print(report.text(), end="")
    return 0 if report.ok else 1


def _handout(folder: Path, lesson: str | None, out: Path, quiz: bool = False) -> int:
    from timeline.formats.deck import UnknownLesson
    from timeline.formats.handout import write_handout

    collection = _load(folder)
    try:
        deck = write_handout(collection, out, lesson, quiz)
    except UnknownLesson as missing:
        print(f"{folder}: {missing}", file=sys.stderr)
        return 1
    sheet = " and a quiz sheet with its answer key" if quiz else ""
    print(f"Wrote {out}: '{deck.title}', {len(deck.events)} events{sheet}. Open it in a browser to read or print it.")
    _say_cut(deck)
    return 0


def _say_cut(deck) -> None:
    """A deck without a lesson holds at most DECK_LIMIT events (formats/deck.py): say so, and how to choose."""
    if deck.cut:
        print(
            f"Note: the collection has {deck.total:,} events and a deck holds at most {len(deck.events)}: "
            f"these are the first {len(deck.events)} in date order. Write a lesson (--lesson ID) to choose them.",
            file=sys.stderr,
        )


def _bundle(folder: Path, lesson: str | None, out: Path) -> int:
    from timeline.formats.deck import UnknownLesson
    from timeline.web.lessonfile import write_bundle

    collection = _load(folder)
    try:
        deck, size = write_bundle(collection, out, lesson)
    except UnknownLesson as missing:
        print(f"{folder}: {missing}", file=sys.stderr)
        return 1
    print(
        f"Wrote {out}: '{deck.title}', {len(deck.events)} slides and a quiz, {size / 1_000_000:.2f} MB. "
        "It needs no server and no network: copy it anywhere and open it in a browser."
    )
    _say_cut(deck)
    return 0


def _extract(source: Path, out: Path | None, collection: Path | None, force: bool) -> int:
    from timeline.extract import ExtractError, default_collection, default_out, extract

    def progress(message: str) -> None:
        print(f"extract: {message}", file=sys.stderr, flush=True)

    long_input = source.is_file() and source.stat().st_size > 1_000_000
    try:
        report = extract(
            source,
            out or default_out(source),
            collection or default_collection(source),
            force,
            progress if long_input else None,
        )
    except ExtractError as error:
        print(f"Cannot extract: {error}", file=sys.stderr)
        return 1
    print(report.text(limit=15), end="")
    return 0 if report.ok else 1


def _export_lineage(folder: Path, fmt: str, what: str) -> int:
    from timeline.formats import lineage_export

    collection = _load(folder)
    frame = getattr(collection, what)
    if fmt == "csv":
        sys.stdout.write(lineage_export.to_csv(frame, what))
    else:
        sys.stdout.write(lineage_export.to_json(frame, what, roles=collection.roles if what == "people" else None))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from timeline.web.app import create_app

    if args.workers < 1:
        print("--workers takes 1 or more", file=sys.stderr)
        return 2
    if args.workers > 1 and args.debug:
        print("--debug runs one development server; leave out --workers", file=sys.stderr)
        return 2
    with Progress(f"Loading {args.data}") as progress:
        collections = load_library(args.data, progress=progress)
    app = create_app(collections)
    base = f"http://{args.host}:{args.port}/"
    for index, (key, collection) in enumerate(collections.items()):
        url = base if index == 0 else urlstate.href(base, key)
        print(f"Serving '{collection.title}' ({len(collection.events)} events) at {url}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    if args.workers > 1:
        from timeline.web.workers import serve

        serve(app.server, args.host, args.port, args.workers)
    else:
        app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
