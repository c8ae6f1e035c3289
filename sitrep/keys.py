"""The keys that say two reports are one: canonical URL, text hash, document id.

One definition for ingest (ids of new documents, "the same report twice") and the store
(its uniqueness constraints), so a report can never get one identity from one and
another from the other.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sitrep.lexicon import load_lexicon

_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _tracking() -> tuple[tuple[str, ...], frozenset[str]]:
    lex = load_lexicon("url_tracking")
    return tuple(p.lower() for p in lex["prefixes"]), frozenset(n.lower() for n in lex["names"])


def _is_tracking(name: str) -> bool:
    prefixes, names = _tracking()
    low = name.lower()
    return low in names or low.startswith(prefixes)


def canonical_url(url: str | None) -> str | None:
    """The URL as one key per article: scheme and host in lower case, default port,
    fragment, tracking parameters (sitrep/data/url_tracking.toml) and trailing slash
    dropped, the remaining parameters sorted. None or blank gives None."""
    if url is None or not url.strip():
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal: urlsplit took its brackets off
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # not a number: kept out of the key rather than refusing the report
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if parts.username:  # a password never goes into the key
        host = f"{parts.username}@{host}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def normalise_text(text: str) -> str:
    """The words of `text`, case-folded and single-spaced: punctuation, typography and
    spacing, which outlets change freely when they republish a story, taken out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """sha256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def document_id(url: str | None = None, text: str = "") -> str:
    """A stable id for a report: from its canonical URL when it has one, else its text."""
    canonical = canonical_url(url)
    key = f"url:{canonical}" if canonical else f"text:{text_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
