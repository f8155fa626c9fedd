"""`python bench/server_time.py --root DIR [--root DIR ...] [--sizes 20,100000] [--rounds 15] [--out FILE.md]`.

The server's cost of one filter answer: the explorer's real Dash callback, over HTTP on loopback, for
each checkout given with --root (e.g. a checkout of an older commit, then this one), interleaved.

For each size (the bundled collection for 20, a generated one otherwise, as browser_bench.py makes and
caches them), one `python -m timeline serve` process per root runs on the same collection. The request
is derived from each running app, as bench/classload.py derives it (/_dash-dependencies and the layout):
every server callback that takes the search box's value as an Input, with the search set to a word and
every other input as the page has it. Words: the empty search (the whole collection), "Mali", a word
no event holds, and the most frequent words of the titles (classload.search_terms). Each word is asked
once untimed per server, then --rounds times, the roots in turn (the order flips every round), so the
machine's noise falls on all alike.

A time runs from opening the connection to the last byte of the gzip answer (Accept-Encoding: gzip, as a
browser asks): the server's parsing, the callback, Dash's JSON, compression and the transfer on
loopback. The "HTTP floor" is the median of a request for a tiny static file on the same server.
Reported: medians in ms per root for the whole collection, "Mali", no match and the median over the
title words, each with its ratio to the first root, and the answer's size (gzip / JSON); the 1-minute
load average before and after. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
# Sibling scripts, found through the path set just above.
from browser_bench import Server, StepFailed, collection_for, markdown_table, parse_sizes, publish  # noqa: E402
from classload import (  # noqa: E402
    FILTER_INPUT,
    SELECT_INPUT,
    UPDATE,
    collection_words,
    discover,
    load1,
    request_body,
    send,
)

NO_MATCH = "qqxjzv"
TITLE_WORDS = 10


@dataclass
class Timed:
    seconds: list[float] = field(default_factory=list)
    wire: list[int] = field(default_factory=list)
    json: list[int] = field(default_factory=list)


def describe(root: Path) -> str:
    """The commit a checkout is at, and whether it has changes beyond it."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True)
    except OSError:
        return str(root)
    if head.returncode:
        return str(root)
    return f"{root} ({head.stdout.strip()}{' + changes' if dirty.stdout.strip() else ''})"


def filter_bodies(base: str, words: list[str], log) -> list[list[dict]]:
    """For each word, the bodies of the callbacks a search for it fires on this server."""
    plan = discover(base, FILTER_INPUT, SELECT_INPUT, log)
    return [[request_body(cb, plan.props, [FILTER_INPUT], {FILTER_INPUT: word}) for cb in plan.filter_callbacks] for word in words]  # fmt: skip


def ask(base: str, bodies: list[dict]) -> tuple[float, int, int]:
    """Sends one search's callbacks one after the other; (seconds, bytes on the wire, JSON bytes)."""
    seconds = wire = decoded = 0
    for body in bodies:
        answer = send(base, "POST", UPDATE, body)
        if not answer.ok:
            raise StepFailed("error", f"{body['output'][:60]} answered {answer.error}: {answer.body[:200]!r}")
        seconds += answer.seconds
        wire += answer.wire
        decoded += len(answer.body)
    return seconds, wire, decoded


def floor(base: str, rounds: int) -> float:
    """Median seconds of a request for a tiny static file: what any request costs on this server."""
    return statistics.median(send(base, "GET", "/assets/a11y.js").seconds for _ in range(rounds))


def bench_size(size: int, roots: list[Path], args, log_dir: Path, log) -> list[list[str]]:
    data = collection_for(size, args.seed, log)
    terms, _ = collection_words(data)
    words = ["", "Mali", NO_MATCH, *[t for t in terms if t.lower() != "mali"][:TITLE_WORDS]]
    servers: list[Server] = []
    try:
        for root in roots:
            servers.append(Server(data, args.start_timeout, log_dir, root=root))
            log(f"  {describe(root)}: started in {servers[-1].startup:.1f} s")
        bodies = [filter_bodies(server.url, words, lambda line: None) for server in servers]
        for server, per_word in zip(servers, bodies, strict=True):
            for word_bodies in per_word:
                ask(server.url, word_bodies)  # untimed: first answers pay one-off costs
        timed = [[Timed() for _ in words] for _ in servers]
        floors: list[list[float]] = [[] for _ in servers]
        before = load1()
        for round_number in range(args.rounds):
            order = list(range(len(servers)))
            if round_number % 2:
                order.reverse()
            for w in range(len(words)):
                for s in order:
                    seconds, wire, decoded = ask(servers[s].url, bodies[s][w])
                    timed[s][w].seconds.append(seconds)
                    timed[s][w].wire.append(wire)
                    timed[s][w].json.append(decoded)
            for s in order:
                floors[s].append(floor(servers[s].url, 3))
        after = load1()
    finally:
        for server in servers:
            server.stop()
    label = f"{size} (AQIM)" if size == 20 else f"{size:,}"
    rows = []
    base_medians = None
    for s, root in enumerate(roots):
        per_word = [statistics.median(t.seconds) * 1000 for t in timed[s]]
        medians = [per_word[0], per_word[1], per_word[2], statistics.median(per_word[3:])]
        base_medians = base_medians or medians
        ratios = [m / b for m, b in zip(medians, base_medians, strict=True)]
        sizes = [
            f"{statistics.median(timed[s][w].wire):,.0f} / {statistics.median(timed[s][w].json):,.0f}" for w in (0, 1)
        ]
        rows.append(
            [
                label,
                describe(root),
                *(f"{m:.1f}" + ("" if s == 0 else f" ({r:.2f})") for m, r in zip(medians, ratios, strict=True)),
                f"{statistics.median(floors[s]) * 1000:.1f}",
                *sizes,
                f"{before} → {after}",
            ]
        )
        log("  " + " | ".join(rows[-1][1:]))
    return rows


HEADERS = [
    "events",
    "code",
    "all ms",
    '"Mali" ms',
    "no match ms",
    f"median of {TITLE_WORDS} title words ms",
    "HTTP floor ms",
    "answer B, all (gzip / JSON)",
    'answer B, "Mali" (gzip / JSON)',
    "load 1-min",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, action="append", required=True, help="a checkout to serve (repeat)")
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("20,100000"), help="default 20,100000")
    parser.add_argument("--rounds", type=int, default=15, help="timed requests per word and root (default 15)")
    parser.add_argument("--seed", type=int, default=2024, help="generated collections' seed (default 2024)")
    parser.add_argument("--start-timeout", type=float, default=600, help="cap for a server's start, s")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    roots = [root.resolve() for root in args.root]

    def log(line: str) -> None:
        print(line, flush=True)

    rows = []
    with tempfile.TemporaryDirectory(prefix="timeline-server-time-") as log_dir:
        for size in args.sizes:
            log(f"\n== {size:,} events ==")
            try:
                rows += bench_size(size, roots, args, Path(log_dir), log)
            except StepFailed as failed:
                log(f"  {failed.status}: {failed}")
    text = "\n".join(
        [
            f"Filter answer, server side: the search callback over HTTP on 127.0.0.1 (dev server), {args.rounds} "
            f"rounds interleaved, medians; in brackets the ratio to the first root. {os.cpu_count()} CPUs, shared.",
            "",
            markdown_table(HEADERS, rows),
        ]
    )
    publish(text, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
