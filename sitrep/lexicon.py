"""Lexicons and tables that live as data files in sitrep/data, loaded once."""
from __future__ import annotations

import csv
import gzip
import json
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


def data_path(name: str):
    return resources.files("sitrep") / "data" / name


def read_json_gz(path) -> Any:
    """A gzipped JSON file, e.g. a trained model in sitrep/data."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict[str, Any]:
    """sitrep/data/NAME.toml as a dict."""
    with data_path(f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """sitrep/data/NAME.csv as a tuple of rows (dicts keyed by the header)."""
    with data_path(f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def phrase_pattern(words) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces between
    words: the usual way a word list from a data file becomes part of a pattern."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
