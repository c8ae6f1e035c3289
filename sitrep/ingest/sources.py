"""Every kind of input as one stream of Documents: files, folders, URLs.

`iter_sources(inputs)` takes paths and URLs in any mix and yields, in order, a Document
for each report or a Problem for each thing that was skipped (`sitrep.io.Problem`):

- `.txt`, `.jsonl`, `.jsonl.gz`, `.ndjson` and `-` (stdin): the readers of sitrep.io;
- `.html`, `.htm`, `.xhtml`: the article of a saved page (sitrep.ingest.html);
- `.xml`, `.rss`, `.atom`: a feed, one document per entry (sitrep.ingest.feeds);
- any other file named directly: its first bytes say which (a feed, a page, JSON Lines,
  else plain text);
- a folder: every file with one of the suffixes above, recursively, sorted, hidden ones
  left out;
- an `http://` or `https://` URL: fetched safely (sitrep.ingest.fetch), then read as a
  page, a feed or plain text by its Content-Type, or by its first bytes when that is
  vague (application/xml, application/octet-stream, none).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from sitrep.ingest.dedupe import document_id
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.fetch import FetchError, Fetcher
from sitrep.ingest.html import read_html
from sitrep.io import (JSONL_SUFFIXES, MAX_CHARS, STDIN, Problem, iter_documents, read_jsonl,
                       suffix_of)
from sitrep.lexicon import load_lexicon
from sitrep.model import Document

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
TEXT_SUFFIXES = (".txt",)
KNOWN_SUFFIXES = (*TEXT_SUFFIXES, *JSONL_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES)

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
VAGUE_TYPES = ("", "application/xml", "text/xml", "application/octet-stream", "binary/octet-stream")
TEXT_TYPES = ("text/plain",)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SNIFF = 4096


@lru_cache(maxsize=None)
def _max_file_bytes() -> int:
    return load_lexicon("ingest")["files"]["max_bytes"]


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def sniff(head: bytes) -> str:
    """'feed', 'html', 'jsonl' or 'text', from the first bytes of a file."""
    start = head[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"{"):
        return "jsonl"
    if not start.startswith(b"<"):
        return "text"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    return "html" if any(tag in start for tag in (b"<html", b"<body")) else "feed"


def iter_sources(inputs: Iterable[str], published: dt.date | None = None, *,
                 allow_private: bool = False, max_chars: int = MAX_CHARS,
                 fetcher: Fetcher | None = None) -> Iterator[Document | Problem]:
    """The documents of `inputs` in order (see the module notes), or a Problem for each
    input, line or entry that had to be skipped.

    `published` dates documents that carry no date of their own. `allow_private` lets
    URLs reach private and loopback addresses; `fetcher` replaces the default one (its
    own limits and allow_private then apply). `max_chars` caps one document's text.
    """
    own_fetcher = None
    try:
        for raw in inputs:
            raw = str(raw)
            if is_url(raw):
                if fetcher is None:
                    fetcher = own_fetcher = Fetcher(allow_private=allow_private)
                docs = _read_url(raw, fetcher, published)
            elif raw == STDIN:
                docs = iter_documents([STDIN], published, max_chars)
            else:
                docs = _read_path(Path(raw), published, max_chars)
            for doc in docs:
                yield _capped(doc, max_chars)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _read_path(path: Path, published: dt.date | None, max_chars: int) -> Iterator[Document | Problem]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*")
                       if p.is_file() and suffix_of(p) in KNOWN_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not found:
            yield Problem(str(path), None, "folder holds no files of a known kind ("
                                           + ", ".join(KNOWN_SUFFIXES) + ")")
        for file in found:
            yield from _read_file(file, published, max_chars)
    elif path.exists():
        yield from _read_file(path, published, max_chars)
    else:
        yield Problem(str(path), None, "no such file or folder")


def _read_file(path: Path, published: dt.date | None, max_chars: int) -> Iterator[Document | Problem]:
    suffix = suffix_of(path)
    if suffix in TEXT_SUFFIXES or suffix in JSONL_SUFFIXES:
        yield from iter_documents([path], published, max_chars)
        return
    if suffix not in HTML_SUFFIXES and suffix not in FEED_SUFFIXES:
        try:
            with path.open("rb") as fh:
                kind = sniff(fh.read(_SNIFF))
        except OSError as e:
            yield Problem(str(path), None, f"cannot read: {e.strerror or e}")
            return
        if kind == "text":
            yield from iter_documents([path], published, max_chars)
            return
        if kind == "jsonl":  # io would read it as text: its suffix does not say JSON Lines
            yield from read_jsonl(path, published, max_chars)
            return
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "feed"
    content = _read_bytes(path)
    if isinstance(content, Problem):
        yield content
    elif kind == "html":
        yield read_html(content, name=str(path), published=published)
    else:
        yield from read_feed(content, name=str(path), published=published)


def _read_bytes(path: Path) -> bytes | Problem:
    limit = _max_file_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            return Problem(str(path), None, f"too large: {size:,} bytes, over the limit of {limit:,}")
        return path.read_bytes()
    except OSError as e:
        return Problem(str(path), None, f"cannot read: {e.strerror or e}")


def _read_url(url: str, fetcher: Fetcher, published: dt.date | None) -> Iterator[Document | Problem]:
    try:
        final_url, content_type, content = fetcher.fetch(url)
    except FetchError as e:
        yield Problem(url, None, e.reason if e.url == url else str(e))
        return
    media_type = content_type.split(";")[0].strip().lower()
    if media_type in HTML_TYPES:
        kind = "html"
    elif media_type in FEED_TYPES:
        kind = "feed"
    elif media_type in TEXT_TYPES:
        kind = "text"
    elif media_type in VAGUE_TYPES:
        kind = sniff(content)
    else:
        yield Problem(url, None, f"unsupported content type {media_type!r}: not a page, feed or text")
        return
    if kind == "html":
        yield read_html(content, name=url, url=final_url, published=published)
    elif kind == "feed":
        yield from read_feed(content, name=url, content_type=content_type, published=published)
    else:
        yield _text_document(url, final_url, content_type, content, published)


def _text_document(url: str, final_url: str, content_type: str, content: bytes,
                   published: dt.date | None) -> Document | Problem:
    charset = "utf-8"
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    try:
        text = content.removeprefix(b"\xef\xbb\xbf").decode(charset)
    except (UnicodeDecodeError, LookupError) as e:
        return Problem(url, None, f"text not decodable as {charset}: {e}")
    host = urlsplit(final_url).hostname
    return Document(id=document_id(final_url, text), text=text, url=final_url,
                    published=published, source=host.removeprefix("www.") if host else None)


def _capped(item: Document | Problem, max_chars: int) -> Document | Problem:
    if isinstance(item, Document) and len(item.text) > max_chars:
        where = item.url or item.id
        return Problem(where, None, f"too large: {len(item.text):,} characters, over the limit "
                                    f"of {max_chars:,} (--max-chars)")
    return item
