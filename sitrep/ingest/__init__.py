"""Ingest: reports from files, folders, saved pages, feeds and URLs, as Documents.

- `iter_sources(inputs, ...)`: every input, whatever its kind, as Documents or Problems;
- `read_html`, `read_feed`: one page, one feed;
- `fetch`, `Fetcher`: safe fetching of URLs (FetchError and its kinds);
- `canonical_url`, `text_hash`, `document_id`, `NearDuplicateIndex`: duplicates.
"""
from sitrep.ingest.dedupe import (NearDuplicateIndex, canonical_url, document_id,
                                  normalise_text, text_hash)
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.fetch import (BlockedURL, ConnectFailed, FetchError, Fetcher, FetchResult,
                                 FetchTimeout, HTTPStatusError, ResolveError, TooLarge,
                                 TooManyRedirects, fetch)
from sitrep.ingest.html import html_to_text, read_html
from sitrep.ingest.sources import iter_sources

__all__ = [
    "BlockedURL", "ConnectFailed", "FetchError", "FetchResult", "FetchTimeout", "Fetcher",
    "HTTPStatusError", "NearDuplicateIndex", "ResolveError", "TooLarge", "TooManyRedirects",
    "canonical_url", "document_id", "fetch", "html_to_text", "iter_sources", "normalise_text",
    "read_feed", "read_html", "text_hash",
]
