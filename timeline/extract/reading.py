"""A source file's bytes -> text, refusing what is not text and saying how it was decoded."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path


class ExtractError(Exception):
    """The source cannot be drafted from (empty, binary, undecodable) or the output is refused."""


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str  # 'utf-8', 'utf-16' or 'cp1252'
    size: int  # bytes on disk
    warnings: list[str] = field(default_factory=list)


def read_source(path: Path) -> SourceText:
    """Decode a source file; raise ExtractError with a plain reason when it is not usable text."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ExtractError(f"{path}: is a folder; give a text file (.txt, .md or .html)") from None
    return decode(raw, str(path))


def decode(raw: bytes, name: str = "source") -> SourceText:
    if not raw.strip():
        raise ExtractError(f"{name}: the file is empty; there is nothing to draft from")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        # Windows' Notepad saves 'Unicode' as UTF-16 with a BOM; its NUL bytes would look binary.
        if raw.startswith(bom):
            try:
                return SourceText(
                    raw.decode(codec), "utf-16", len(raw), ["the file is UTF-16; the copy in sources/ is UTF-8"]
                )
            except UnicodeDecodeError:
                break
    if b"\x00" in raw[:8192]:
        raise ExtractError(f"{name}: this is a binary file, not a text file; save the source as plain text (.txt)")
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    else:
        _refuse_binary(text, name)
        return SourceText(text, "utf-8", len(raw))
    # Text saved by Word or a Windows editor is mostly cp1252; its five undefined bytes
    # (0x81, 0x8d, 0x8f, 0x90, 0x9d) make the decode fail, which keeps real binaries out.
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        raise ExtractError(
            f"{name}: the file is neither UTF-8 nor Windows-1252 text (byte 0x{body[bad]:02x} at offset {bad}); "
            "save it as 'UTF-8' text and try again"
        ) from None
    _refuse_binary(text, name)
    warning = (
        f"the file is not UTF-8 (byte 0x{body[bad]:02x} at offset {bad}); it was read as Windows-1252 (cp1252) "
        "and the copy in sources/ is UTF-8: check curly quotes and accented letters in it"
    )
    return SourceText(text, "cp1252", len(raw), [warning])


def _refuse_binary(text: str, name: str) -> None:
    # Binary data without NUL bytes still decodes as cp1252 (or, rarely, UTF-8);
    # control characters, which text files do not hold, give it away.
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 0.01 * len(sample):
        raise ExtractError(f"{name}: this looks like a binary file, not text; save the source as plain text (.txt)")
