"""API keys for the REST API's writes: created once, shown once, stored as a salted hash.

A key reads `sitrep_<prefix>_<secret>`: the prefix (public) finds the row, the secret is
checked against its scrypt hash with a per-key random salt. The key itself is never stored.

    key = create_key(store, "amina")      # print it once; it cannot be shown again
    name = verify_key(store, key)         # "amina", or None for an unknown or wrong key
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sitrep.store import Store
from sitrep.store.tables import ApiKey

# scrypt with N=2**14, r=8, p=1 (16 MiB, a few tens of ms): slow to guess, quick to check once.
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32, "maxmem": 64 * 1024 * 1024}
_KEY = re.compile(r"sitrep_([A-Za-z0-9]{8,32})_([A-Za-z0-9_-]{16,128})")
_NAME = re.compile(r"[^\s]{1,100}")


@dataclass(frozen=True)
class KeyInfo:
    id: int
    name: str
    prefix: str
    created_at: dt.datetime


def _hash(secret: str, salt: str) -> str:
    return hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), **_SCRYPT).hex()


def create_key(store: Store, name: str) -> str:
    """A new key for `name` (who the key's writes are recorded as). Returns the key, which
    is not stored and cannot be shown again. A name already in use raises ValueError."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise ValueError("a key's name is 1 to 100 characters without spaces")
    prefix, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
    try:
        with store.session() as session:
            if session.scalars(select(ApiKey.id).where(ApiKey.name == name)).first() is not None:
                raise ValueError(f"a key named {name!r} exists already")
            session.add(ApiKey(name=name, prefix=prefix, salt=salt, hash=_hash(secret, salt)))
    except IntegrityError:
        raise ValueError(f"a key named {name!r} exists already") from None
    return f"sitrep_{prefix}_{secret}"


def list_keys(store: Store) -> list[KeyInfo]:
    with store.session() as session:
        return [KeyInfo(id=k.id, name=k.name, prefix=k.prefix,
                        created_at=k.created_at if k.created_at.tzinfo else k.created_at.replace(tzinfo=dt.timezone.utc))
                for k in session.scalars(select(ApiKey).order_by(ApiKey.id))]


def verify_key(store: Store, key: str) -> str | None:
    """The name of the key, or None when it is malformed, unknown or wrong."""
    match = _KEY.fullmatch(key.strip()) if key else None
    if match is None:
        return None
    prefix, secret = match.groups()
    with store.session() as session:
        row = session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()
        if row is None:
            return None
        salt, stored, name = row.salt, row.hash, row.name
    return name if hmac.compare_digest(_hash(secret, salt), stored) else None


def has_keys(store: Store) -> bool:
    with store.session() as session:
        return session.scalars(select(ApiKey.id).limit(1)).first() is not None
