"""Reading input documents and writing extractions, one document at a time.

Inputs are plain-text reports (`.txt`, or any other file named directly), JSON Lines of
input documents (`.jsonl`, `.jsonl.gz`, one object per line, see the spec), or folders
of them. Nothing is read whole that does not have to be: JSON Lines are streamed line by
line with a cap on the line length, and a text file over the size cap is refused from its
size on disk before any of it is read.

Whatever cannot be read is not raised but yielded as a `Problem` (file, line, message),
so that one broken row costs that row only. Decisions a caller should know:
- bytes that are not UTF-8 are refused, not replaced: output spans are offsets into the
  text, and a silently repaired text would differ from the file it came from;
- a file with a NUL byte in its first 8 KB is taken for binary and refused;
- a UTF-8 byte order mark is dropped;
- an empty text is a valid document (its extraction is empty).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from pydantic import ValidationError

from sitrep.model import Document, Extraction

MAX_CHARS = 2_000_000
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
FOLDER_SUFFIXES = (".txt", *JSONL_SUFFIXES)
STDIN = "-"

_BOM = b"\xef\xbb\xbf"
_SNIFF = 8192
# A JSON string may spell one character as a 6-byte \uXXXX escape, plus the other fields.
_JSON_BYTES_PER_CHAR = 6
_JSON_OVERHEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was skipped, and why; `line` is 1-based, None for a whole file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


Progress = Callable[[int], None]


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def find_inputs(paths: Iterable[str | Path | Problem]) -> Iterator[Path | Problem]:
    """The files to read, in order: folders are walked recursively and sorted, keeping
    `.txt`, `.jsonl`, `.jsonl.gz` and `.ndjson`; a path that does not exist is a Problem
    (and a Problem given is passed on, so that the output of this can be fed back in)."""
    for raw in paths:
        if isinstance(raw, Problem):
            yield raw
            continue
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and suffix_of(p) in FOLDER_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield Problem(str(path), None, "folder holds no .txt, .jsonl or .jsonl.gz files")
            yield from found
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), None, "no such file or folder")


def input_size(paths: Iterable[Path | Problem]) -> int:
    """Total bytes on disk of the files among `paths` (for a progress bar)."""
    total = 0
    for p in paths:
        if isinstance(p, Path) and str(p) != STDIN:
            try:
                total += p.stat().st_size
            except OSError:
                pass
    return total


def iter_documents(paths: Iterable[str | Path | Problem], published: dt.date | None = None,
                   max_chars: int = MAX_CHARS, progress: Progress | None = None,
                   ) -> Iterator[Document | Problem]:
    """Every document in `paths`, in order, or a Problem for what had to be skipped.

    `published` dates the text files and any JSON row without a date of its own.
    `max_chars` caps one document's text. `progress(n)` is told of each n bytes read.
    """
    for item in find_inputs(paths):
        if isinstance(item, Problem):
            yield item
        elif str(item) == STDIN:
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", published, max_chars)
        elif suffix_of(item) in JSONL_SUFFIXES:
            yield from read_jsonl(item, published, max_chars, progress)
        else:
            yield read_text(item, published, max_chars, progress)


def read_text(path: Path, published: dt.date | None = None, max_chars: int = MAX_CHARS,
              progress: Progress | None = None) -> Document | Problem:
    """One plain-text report: id is the file name without its suffix."""
    name = str(path)
    try:
        size = path.stat().st_size
        # A UTF-8 character takes at most 4 bytes, so a larger file cannot fit the cap.
        if size > 4 * max_chars + len(_BOM):
            return Problem(name, None, f"too large: {size:,} bytes, over the limit of "
                                       f"{max_chars:,} characters (--max-chars)")
        with path.open("rb") as fh:
            data = fh.read()
    except OSError as e:
        return Problem(name, None, f"cannot read: {e.strerror or e}")
    if progress:
        progress(len(data))
    if b"\x00" in data[:_SNIFF]:
        return Problem(name, None, "binary file (NUL bytes), not a text report")
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as e:
        return Problem(name, _line_of(data, e.start), _not_utf8(e))
    del data
    if len(text) > max_chars:
        return Problem(name, None, f"too large: {len(text):,} characters, over the limit of "
                                   f"{max_chars:,} (--max-chars)")
    return Document(id=path.stem, text=text, published=published)


def read_jsonl(path: Path, published: dt.date | None = None, max_chars: int = MAX_CHARS,
               progress: Progress | None = None) -> Iterator[Document | Problem]:
    """The documents of one JSON Lines file (gzip-compressed if it ends in .gz)."""
    name = str(path)
    try:
        raw = path.open("rb")
    except OSError as e:
        yield Problem(name, None, f"cannot read: {e.strerror or e}")
        return
    with raw:
        fh: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if name.endswith(".gz") else raw
        yield from read_jsonl_stream(fh, name, published, max_chars, progress, raw)


def read_jsonl_stream(fh: BinaryIO, name: str, published: dt.date | None = None,
                      max_chars: int = MAX_CHARS, progress: Progress | None = None,
                      raw: BinaryIO | None = None) -> Iterator[Document | Problem]:
    """The documents of an open binary JSON Lines stream; `raw` is the file on disk under
    a decompressor, whose position drives `progress`."""
    limit = max_chars * _JSON_BYTES_PER_CHAR + _JSON_OVERHEAD
    seen = 0
    number = 0
    try:
        while True:
            line = fh.readline(limit)
            if not line:
                break
            number += 1
            if number == 1:
                if b"\x00" in line[:_SNIFF]:
                    yield Problem(name, None, "binary file (NUL bytes), not JSON Lines")
                    return
                line = line.removeprefix(_BOM)
            if len(line) >= limit and not line.endswith(b"\n"):
                skipped = len(line) + _skip_line(fh)
                yield Problem(name, number, f"line too long: {skipped:,} bytes or more, over the "
                                            f"limit for {max_chars:,} characters (--max-chars)")
            elif line.strip():
                yield _document(line, name, number, published, max_chars)
            if progress:
                position = (raw or fh).tell()
                progress(position - seen)
                seen = position
    except (OSError, EOFError, zlib.error) as e:
        # Compressed data that ends early or is corrupt: what came before it stands.
        what = "not a gzip file" if number == 0 else "corrupt or truncated compressed data"
        yield Problem(name, number + 1 if number else None, f"{what}: {e}")


def _skip_line(fh: BinaryIO, chunk: int = 1 << 20) -> int:
    """Read past the rest of an over-long line without keeping it; the bytes skipped."""
    skipped = 0
    while True:
        part = fh.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _document(line: bytes, name: str, number: int, published: dt.date | None,
              max_chars: int) -> Document | Problem:
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as e:
        return Problem(name, number, _not_utf8(e))
    except json.JSONDecodeError as e:
        return Problem(name, number, f"broken JSON: {e.msg} (column {e.colno})")
    if not isinstance(row, dict):
        return Problem(name, number, f"expected a JSON object, got {type(row).__name__}")
    # An empty text is a document with nothing in it; a missing one is a broken row.
    missing = [k for k in ("id", "text") if row.get(k) is None or (k == "id" and row[k] == "")]
    if missing:
        return Problem(name, number, f"missing {' and '.join(missing)}")
    if isinstance(row["text"], str) and len(row["text"]) > max_chars:
        return Problem(name, number, f"text too large: {len(row['text']):,} characters, over "
                                     f"the limit of {max_chars:,} (--max-chars)")
    if row.get("published") in (None, "") and published is not None:
        row["published"] = published
    try:
        return Document.model_validate(row)
    except ValidationError as e:
        return Problem(name, number, _invalid(e, row))


def _invalid(error: ValidationError, row: dict) -> str:
    parts = []
    for err in error.errors():
        field = ".".join(str(x) for x in err["loc"]) or "row"
        value = row.get(err["loc"][0]) if err["loc"] else None
        shown = f" {value!r}" if isinstance(value, (str, int, float)) and len(str(value)) < 60 else ""
        parts.append(f"bad {field}{shown}: {err['msg']}")
    return "; ".join(parts)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _not_utf8(e: UnicodeDecodeError) -> str:
    bad = e.object[e.start:e.start + 1].hex()
    return (f"not UTF-8 text (byte 0x{bad} at byte {e.start}); convert it first, "
            f"e.g. iconv -f WINDOWS-1252 -t UTF-8")


class ExtractionWriter:
    """Writes extractions as JSON Lines to a file (gzip if it ends in .gz) or a stream."""

    def __init__(self, target: str | Path | TextIO | None):
        self._own = isinstance(target, (str, Path))
        if isinstance(target, (str, Path)):
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            opener = gzip.open if path.name.endswith(".gz") else open
            self.stream: TextIO = opener(path, "wt", encoding="utf-8")
        else:
            self.stream = target if target is not None else sys.stdout
        self.count = 0

    def write(self, extraction: Extraction) -> None:
        self.stream.write(extraction.model_dump_json())
        self.stream.write("\n")
        self.count += 1

    def close(self) -> None:
        if self._own:
            self.stream.close()
        else:
            self.stream.flush()

    def __enter__(self) -> ExtractionWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
