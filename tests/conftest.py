"""Fixtures shared by the test files."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest


def _write_jsonl(path: Path, rows: list) -> Path:
    """Write rows (dicts, or raw strings written as they are) one per line; .gz compresses."""
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")
    return path


@pytest.fixture
def write_jsonl():
    return _write_jsonl


@pytest.fixture
def read_artifact():
    """The JSON of a trained artifact in sitrep/data, once its file is checked to be under `max_bytes`."""
    from sitrep.lexicon import data_path, read_json_gz

    def read(name: str, max_bytes: int) -> dict:
        path = data_path(name)
        assert path.stat().st_size < max_bytes
        return read_json_gz(path)
    return read


@pytest.fixture
def example_report() -> Path:
    """The seed report bundled with the package."""
    return Path(__file__).resolve().parent.parent / "sitrep" / "examples" / "seed-report.txt"
