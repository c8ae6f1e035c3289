"""Storage: reports, their extractions, incidents and corrections in SQLite or PostgreSQL.

    from sitrep.store import Store
    store = Store("sqlite:///reports.db")      # or postgresql://..., or None for the default

Modules: `tables` the SQLAlchemy tables, `rows` records <-> rows, `keys` canonical URLs
and text hashes, `schema` the database URL, engine and Alembic migrations (in
`migrations/`), `store` the `Store` API.
"""
from sitrep.keys import canonical_url, normalise_text, text_hash
from sitrep.store.schema import default_url, make_engine, migrate
from sitrep.store.store import Store, StoredEvent, StoredReport

__all__ = ["Store", "StoredEvent", "StoredReport", "canonical_url", "default_url", "make_engine",
           "migrate", "normalise_text", "text_hash"]
