"""Stage 'events' (not yet written)."""
from __future__ import annotations


def annotate(parsed) -> None:
    return None
