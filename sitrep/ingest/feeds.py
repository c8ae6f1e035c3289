"""An RSS or Atom feed → one Document per entry (feedparser).

Each entry gives a document: text = its content (or its summary when that is longer, or
when it has no content) with the HTML taken out, title, link, publication date (published,
else updated), source = the feed's title. The id hashes the entry's canonical link, or
its text when it has none.

Any encoding the feed declares is honoured (windows-1252, ISO-8859-1, ...); a feed given
as `str` is already decoded, so its own declaration is overridden by UTF-8. A malformed
feed (feedparser's "bozo") yields a Problem saying what was wrong and how many entries
were salvaged, then the salvaged entries. feedparser is handed a stream of the bytes,
never a string, so that it never takes the content for a URL or a file name to open.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import feedparser

from sitrep.ingest.dedupe import document_id
from sitrep.ingest.html import html_to_text
from sitrep.io import Problem
from sitrep.model import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(content: bytes | str, *, name: str = "<feed>", content_type: str | None = None,
              published: dt.date | None = None) -> Iterator[Document | Problem]:
    """The entries of one feed, in feed order, each a Document or a Problem.

    `content_type` is the HTTP Content-Type the feed came with, if any: its charset wins
    over the feed's own declaration (RFC 3023). `published` dates entries that carry no
    date of their own.
    """
    headers = {}
    if isinstance(content, str):
        content = content.encode("utf-8")
        headers["content-type"] = "application/xml; charset=utf-8"
    elif content_type and "charset=" in content_type.lower():
        # A bare text/xml means us-ascii by RFC 3023; only a stated charset is passed on.
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield Problem(name, None, f"not an RSS or Atom feed{reason}")
        return
    source = _one_line(parsed.feed.get("title"))
    entries = [_document(entry, name, number, source, published)
               for number, entry in enumerate(parsed.entries, 1)]
    if parsed.get("bozo") and not isinstance(parsed.bozo_exception,
                                             feedparser.CharacterEncodingOverride):
        salvaged = sum(isinstance(e, Document) for e in entries)
        yield Problem(name, None, f"malformed feed ({parsed.bozo_exception}); "
                                  f"{salvaged} of its entries salvaged")
    yield from entries


def _document(entry, name: str, number: int, source: str | None,
              published: dt.date | None) -> Document | Problem:
    text = _entry_text(entry)
    title = _one_line(entry.get("title"))
    link = entry.get("link") or None
    if not text:
        what = f"entry {title!r}" if title else "an entry"
        return Problem(name, number, f"{what} has no summary or content"
                                     + (f" (its page: {link})" if link else ""))
    return Document(id=document_id(link, text), text=text, title=title,
                    published=_entry_date(entry) or published, url=link, source=source)


def _entry_text(entry) -> str:
    """The longest of the entry's content parts and its summary, as plain text."""
    parts = [*entry.get("content", ())]
    if entry.get("summary_detail"):
        parts.append(entry.summary_detail)
    texts = [_as_text(p.get("value") or "", p.get("type") or "text/html") for p in parts]
    return max(texts, key=len, default="")


def _as_text(value: str, media_type: str) -> str:
    if media_type in _HTML_TYPES:
        return html_to_text(value)
    return html_to_text(value) if "<" in value else " ".join(value.split())


def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            try:
                return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            except ValueError:
                continue
    return None


def _one_line(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
