"""`python -m timeline [serve|validate|export|handout] ...`: parse, call the library, print, exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collection import BUNDLED, load_collection
from .problems import CollectionError
from .progress import Progress

COMMANDS = ("serve", "validate", "export", "handout")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m timeline", description="Source-grounded historical timeline explorer."
    )
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="start the explorer (the default command)")
    serve.add_argument(
        "--data", type=Path, default=BUNDLED, help="collection folder (default: the bundled AQIM collection)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    serve.add_argument("--debug", action="store_true", help="Dash debug mode with hot reload (off by default)")

    validate = commands.add_parser("validate", help="check a collection; exit 1 listing every problem")
    validate.add_argument(
        "dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)"
    )

    export = commands.add_parser("export", help="write the validated events to standard output")
    export.add_argument("dir", nargs="?", type=Path, default=BUNDLED, help="collection folder (default: bundled AQIM)")
    export.add_argument("--format", choices=("csv", "json"), default="json", help="output format (default: json)")
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
    return parser


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
            return _handout(args.dir, args.lesson, args.out)
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
    from . import export

    if what != "events":
        return _export_lineage(folder, fmt, what)
    events = _load(folder).events
    sys.stdout.write(export.to_csv(events) if fmt == "csv" else export.to_json(events))
    return 0


def _handout(folder: Path, lesson: str | None, out: Path) -> int:
    from .deck import UnknownLesson
    from .handout import write_handout

    collection = _load(folder)
    try:
        deck = write_handout(collection, out, lesson)
    except UnknownLesson as missing:
        print(f"{folder}: {missing}", file=sys.stderr)
        return 1
    print(f"Wrote {out}: '{deck.title}', {len(deck.events)} events. Open it in a browser to read or print it.")
    return 0


def _export_lineage(folder: Path, fmt: str, what: str) -> int:
    from . import lineage

    collection = _load(folder)
    frame = getattr(collection, what)
    if fmt == "csv":
        sys.stdout.write(lineage.to_csv(frame, what))
    else:
        sys.stdout.write(lineage.to_json(frame, what, roles=collection.roles if what == "people" else None))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .app import create_app

    collection = _load(args.data)
    app = create_app(collection)
    url = f"http://{args.host}:{args.port}/"
    print(f"Serving '{collection.title}' ({len(collection.events)} events) at {url}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
