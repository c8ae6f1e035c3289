"""A saved HTML page → a Document: the article text, title and date, never the menus.

trafilatura finds the article and its metadata (title, canonical URL, site name, and the
publication date through htmldate). It is only ever given the page itself, never a URL,
so reading a page makes no request. The headline is kept in `title` and taken off the
front of the text when trafilatura repeats it there.

A page with no article (a sign-in page, an index of links) is a `Problem`: fewer words
than [html] min_article_words in sitrep/data/ingest.toml.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from sitrep.ingest.dedupe import document_id
from sitrep.io import Problem
from sitrep.lexicon import load_lexicon
from sitrep.model import Document

# Elements after which a reader sees a line break when an HTML fragment becomes text.
_BLOCKS = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul""".split())
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@lru_cache(maxsize=None)
def _min_words() -> int:
    return load_lexicon("ingest")["html"]["min_article_words"]


def read_html(content: bytes | str, *, name: str = "<html>", url: str | None = None,
              source: str | None = None, published: dt.date | None = None
              ) -> Document | Problem:
    """The article of one HTML page, or a Problem naming `name` when it has none.

    `url` is where the page came from (else the page's own canonical link, if any);
    `source` the outlet (else the page's site name, else the URL's host); `published`
    the date to use when the page shows none. The id hashes the canonical URL, or the
    text when no URL is known.
    """
    try:
        found = trafilatura.bare_extraction(content, url=url, with_metadata=True,
                                            include_comments=False, include_tables=True)
    except (ValueError, TypeError, etree.LxmlError) as e:
        return Problem(name, None, f"not readable as HTML: {e}")
    text = (found.text or "").strip() if found is not None else ""
    title = _clean(found.title) if found is not None else None
    text = _without_headline(text, title)
    words = len(text.split())
    if words < _min_words():
        what = f"only {words} words of text" if words else "no text"
        return Problem(name, None, f"no article found in the page ({what}, fewer than "
                                   f"{_min_words()}): not a news report")
    page_url = url or found.url or None
    return Document(
        id=document_id(page_url, text),
        text=text,
        title=title,
        published=_date(found.date) or published,
        url=page_url,
        source=source or _clean(found.sitename) or _host(page_url),
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): tags dropped, entities decoded,
    a line break after each block element, spaces collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("\r", ""))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", text).strip()


def _without_headline(text: str, title: str | None) -> str:
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            return rest.strip()
    return text


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
