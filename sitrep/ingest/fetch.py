"""Fetching a report from a URL without being turned against the machine that fetches.

`fetch(url)` returns (final_url, content_type, content) or raises a `FetchError`:

- only http and https;
- the host is resolved here and every address it resolves to is checked: loopback,
  private, link-local (169.254.169.254, the cloud metadata service), multicast, reserved,
  unspecified and other non-public addresses are refused before any connection is made,
  including IPv4 addresses inside IPv6 ones (::ffff:127.0.0.1, 6to4, Teredo, NAT64) and
  literal IPs in any spelling (2130706433, 0x7f.1);
- the connection then goes to the address that was checked (the host name is kept for the
  Host header and TLS), so a DNS answer that changes in between cannot slip through;
- redirects are followed by hand, at most `max_redirects`, each target checked afresh;
- connect and read timeouts, and a deadline for the whole body;
- the body is streamed and the download stops once it passes `max_bytes` (counted after
  decompression, so a small gzip bomb cannot grow past it either);
- no proxies or netrc from the environment (a proxy would do its own resolving).

`allow_private=True` lifts the address check only (for a newsroom's intranet, or tests).
"""
from __future__ import annotations

import ipaddress
import socket
import time
from typing import NamedTuple

import httpx

from sitrep.lexicon import load_lexicon

SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A URL that could not be fetched; `url` is the one that failed (after redirects)."""

    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message


class BlockedURL(FetchError):
    """Refused before any connection: not http(s), or a host with a non-public address."""


class ResolveError(FetchError):
    """The host name does not resolve."""


class ConnectFailed(FetchError):
    """No connection, or it broke off (refused, reset, TLS failure)."""


class FetchTimeout(FetchError):
    """Connecting, a read, or the whole download took too long."""


class TooLarge(FetchError):
    """The body is over the byte cap."""


class TooManyRedirects(FetchError):
    """More redirects than allowed, or a redirect without a Location."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx or 5xx)."""

    def __init__(self, url: str, status: int):
        super().__init__(url, f"HTTP {status}")
        self.status = status


class FetchResult(NamedTuple):
    url: str
    content_type: str
    content: bytes


def address_problem(address: IPAddress) -> str | None:
    """What kind of non-public address `address` is ('a loopback address', ...), or None."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (
            address.teredo[1] if address.teredo else None)
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_problem(embedded)
            if inner:
                return f"{inner} ({embedded} inside IPv6)"
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            article = "an" if kind == "unspecified" else "a"
            return f"{article} {kind.replace('_', '-')} address"
    return None if address.is_global else "a non-public address"


def resolve(url: str, host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of `host`, every one of them checked; raises BlockedURL or ResolveError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise ResolveError(url, f"cannot resolve {host!r}: {e}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        for raw in addresses:
            problem = address_problem(ipaddress.ip_address(raw))
            if problem:
                raise BlockedURL(url, f"refused: {host} resolves to {raw}, {problem} "
                                      "(allow_private=True lets it through)")
    if not addresses:
        raise ResolveError(url, f"{host!r} has no address")
    return addresses


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class Fetcher:
    """Fetches URLs under one set of limits, reusing connections; use as a context manager
    or call `close()`. Settings default to sitrep/data/ingest.toml [fetch]."""

    def __init__(self, *, allow_private: bool = False, max_bytes: int | None = None,
                 max_redirects: int | None = None, connect_timeout: float | None = None,
                 read_timeout: float | None = None, total_timeout: float | None = None):
        conf = load_lexicon("ingest")["fetch"]
        self.allow_private = allow_private
        self.max_bytes = conf["max_bytes"] if max_bytes is None else max_bytes
        self.max_redirects = conf["max_redirects"] if max_redirects is None else max_redirects
        self.total_timeout = conf["total_timeout"] if total_timeout is None else total_timeout
        read = conf["read_timeout"] if read_timeout is None else read_timeout
        timeout = httpx.Timeout(read, connect=conf["connect_timeout"] if connect_timeout is None
                                else connect_timeout)
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False,
            headers={"User-Agent": conf["user_agent"], "Accept": conf["accept"],
                     "Accept-Encoding": "gzip, deflate"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> FetchResult:
        current = url
        for _ in range(self.max_redirects + 1):
            response_or_next = self._one_hop(current)
            if isinstance(response_or_next, FetchResult):
                return response_or_next
            current = response_or_next
        raise TooManyRedirects(url, f"more than {self.max_redirects} redirects (last to {current})")

    def _one_hop(self, url: str) -> FetchResult | str:
        """The page at `url`, or the URL it redirects to."""
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as e:
            raise BlockedURL(url, f"not a valid URL: {e}") from None
        if target.scheme not in SCHEMES:
            raise BlockedURL(url, f"only http and https URLs are fetched, not {target.scheme or 'no scheme'!r}")
        host = target.host
        if not host:
            raise BlockedURL(url, "no host in the URL")
        port = target.port or (443 if target.scheme == "https" else 80)
        addresses = resolve(url, host, port, self.allow_private)
        host_header = (f"[{host}]" if ":" in host else host) + (f":{target.port}" if target.port else "")
        extensions = {} if _is_ip_literal(host) or target.scheme == "http" else {"sni_hostname": host}
        last_error: httpx.TransportError | None = None
        for address in addresses:
            try:
                return self._request(url, target.copy_with(host=address), host_header, extensions)
            except httpx.ConnectError as e:  # try the host's next address
                last_error = e
        raise ConnectFailed(url, f"cannot connect: {last_error}")

    def _request(self, url: str, pinned: httpx.URL, host_header: str,
                 extensions: dict) -> FetchResult | str:
        deadline = time.monotonic() + self.total_timeout
        try:
            with self._client.stream("GET", pinned, headers={"Host": host_header},
                                     extensions=extensions) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise TooManyRedirects(url, f"HTTP {response.status_code} without a Location")
                    return str(httpx.URL(url).join(location))
                if response.status_code >= 400:
                    raise HTTPStatusError(url, response.status_code)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLarge(url, f"{int(declared):,} bytes declared, over the cap of "
                                        f"{self.max_bytes:,}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise TooLarge(url, f"over the cap of {self.max_bytes:,} bytes; download stopped")
                    if time.monotonic() > deadline:
                        raise FetchTimeout(url, f"download took over {self.total_timeout:g} s")
                return FetchResult(url, response.headers.get("content-type", ""), bytes(body))
        except httpx.TimeoutException as e:
            raise FetchTimeout(url, f"timed out ({type(e).__name__})") from None
        except httpx.ConnectError:
            raise
        except (httpx.TransportError, httpx.DecodingError) as e:
            raise ConnectFailed(url, f"{type(e).__name__}: {e}") from None


def fetch(url: str, *, allow_private: bool = False, max_bytes: int | None = None,
          max_redirects: int | None = None, connect_timeout: float | None = None,
          read_timeout: float | None = None, total_timeout: float | None = None) -> FetchResult:
    """(final_url, content_type, content) of `url`, or a FetchError; see the module notes."""
    with Fetcher(allow_private=allow_private, max_bytes=max_bytes, max_redirects=max_redirects,
                 connect_timeout=connect_timeout, read_timeout=read_timeout,
                 total_timeout=total_timeout) as fetcher:
        return fetcher.fetch(url)
