"""sitrep.io: reading input documents one at a time, and what is skipped and why."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import time
import tracemalloc

from sitrep.io import ExtractionWriter, Problem, find_inputs, iter_documents, read_text
from sitrep.model import Document, Extraction

DAY = dt.date(2026, 2, 4)


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    return docs, problems


def test_text_file_is_one_document_named_by_its_stem(tmp_path):
    path = tmp_path / "quetta-blast.txt"
    path.write_text("A bomb went off near a market on Sunday.", encoding="utf-8")
    [doc] = list(iter_documents([path], DAY))
    assert doc.id == "quetta-blast"
    assert doc.published == DAY
    assert doc.text.startswith("A bomb went off")


def test_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfGunmen attacked a checkpoint.")
    assert read_text(path, DAY).text == "Gunmen attacked a checkpoint."


def test_empty_text_file_is_an_empty_document(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = read_text(path, DAY)
    assert isinstance(doc, Document) and doc.text == ""


def test_broken_line_is_reported_with_its_line_and_the_rest_is_read(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "a", "text": "One.", "published": "2026-02-01"},
        '{"id": "b", "text": "unterminated',
        {"id": "c", "text": "Three.", "published": "2026-02-03T09:15:00+05:00"},
    ])
    docs, problems = split(list(iter_documents([path])))
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].published == dt.date(2026, 2, 3)
    [p] = problems
    assert (p.path, p.line) == (str(path), 2)
    assert str(p).startswith(f"{path}:2: broken JSON")


def test_rows_that_are_not_documents_are_skipped_with_a_reason(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"text": "no id"},
        {"id": "no-text"},
        {"id": "bad-date", "text": "x", "published": "2026-02-30"},
        ["not", "an", "object"],
        {"id": "", "text": "empty id"},
        "",
        {"id": 7, "text": "", "published": None},
    ])
    docs, problems = split(list(iter_documents([path], DAY)))
    assert [(d.id, d.text, d.published) for d in docs] == [("7", "", DAY)]
    messages = {p.line: p.message for p in problems}
    assert messages[1] == "missing id"
    assert messages[2] == "missing text"
    assert "bad published '2026-02-30'" in messages[3]
    assert "expected a JSON object" in messages[4]
    assert messages[5] == "missing id"
    assert 6 not in messages  # a blank line is no document and no problem


def test_row_date_wins_over_the_fallback_date(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "x", "published": "2025-12-31"},
                                             {"id": "b", "text": "y"}])
    docs, _ = split(list(iter_documents([path], DAY)))
    assert [d.published for d in docs] == [dt.date(2025, 12, 31), DAY]


def test_gzip_lines_are_read_and_truncation_is_reported(tmp_path, write_jsonl):
    rows = [{"id": f"d{i}", "text": f"Report number {i} " * 20} for i in range(2000)]
    path = write_jsonl(tmp_path / "docs.jsonl.gz", rows)
    docs, problems = split(list(iter_documents([path])))
    assert len(docs) == 2000 and not problems

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    docs, problems = split(list(iter_documents([cut])))
    assert 0 < len(docs) < 2000
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(docs))]
    [p] = problems
    assert "truncated" in p.message and p.line == len(docs) + 1


def test_file_that_is_not_gzip_is_reported(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_text('{"id": "a", "text": "b"}\n')
    [p] = list(iter_documents([path]))
    assert isinstance(p, Problem) and "not a gzip file" in p.message


def test_folder_is_read_recursively_in_sorted_order(tmp_path, write_jsonl):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    write_jsonl(tmp_path / "b" / "m.jsonl", [{"id": "m1", "text": "m"}])
    write_jsonl(tmp_path / "c.jsonl.gz", [{"id": "c1", "text": "c"}])
    (tmp_path / "notes.md").write_text("ignored: not an input suffix")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("ignored: hidden")
    docs, problems = split(list(iter_documents([tmp_path])))
    assert [d.id for d in docs] == ["a", "m1", "z", "c1"]
    assert not problems


def test_missing_path_and_empty_folder_are_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(find_inputs([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert [type(i) for i in items] == [Problem, Problem]
    assert "no such file" in items[0].message
    assert "no .txt" in items[1].message


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [p] = list(iter_documents([path]))
    assert isinstance(p, Problem) and "binary" in p.message

    jl = tmp_path / "blob.jsonl"
    jl.write_bytes(b"\x00\x01\x02\n" * 100)
    assert [type(i) for i in iter_documents([jl])] == [Problem]


def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("First line.\nThe caf\xe9 was hit.".encode("latin-1"))
    [p] = list(iter_documents([path]))
    assert isinstance(p, Problem)
    assert p.line == 2 and "not UTF-8" in p.message and "0xe9" in p.message


def test_a_jsonl_line_that_is_not_utf8_costs_that_line_only(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n')
    docs, problems = split(list(iter_documents([path])))
    assert [d.id for d in docs] == ["a", "c"]
    assert problems[0].line == 2 and "not UTF-8" in problems[0].message


def test_50_mb_text_file_is_refused_fast_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        block = b"Militants attacked a police post and fled. " * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    tracemalloc.start()
    t0 = time.perf_counter()
    [p] = list(iter_documents([path]))
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(p, Problem) and "too large" in p.message and "--max-chars" in p.message
    assert elapsed < 0.5
    assert peak < 1_000_000


def test_text_over_the_character_cap_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("x" * 150)
    assert isinstance(read_text(path, max_chars=100), Problem)
    assert isinstance(read_text(path, max_chars=150), Document)


def test_over_long_jsonl_lines_are_skipped_and_the_next_line_is_read(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "big.jsonl", [
        {"id": "long-text", "text": "y" * 5000},
        {"id": "huge-line", "text": "z" * 200_000},
        {"id": "small", "text": "fine"},
    ])
    tracemalloc.start()
    docs, problems = split(list(iter_documents([path], max_chars=1000)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [d.id for d in docs] == ["small"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (1, "text too large"), (2, "line too long")]
    assert peak < 2_000_000  # the 200 kB line was never held whole


def test_progress_is_told_every_byte(tmp_path, write_jsonl):
    jl = write_jsonl(tmp_path / "a.jsonl", [{"id": str(i), "text": "t" * i} for i in range(50)])
    gz = write_jsonl(tmp_path / "b.jsonl.gz", [{"id": str(i), "text": "t" * i} for i in range(50)])
    txt = tmp_path / "c.txt"
    txt.write_text("hello")
    seen = []
    list(iter_documents([jl, gz, txt], progress=seen.append))
    assert sum(seen) == sum(p.stat().st_size for p in (jl, gz, txt))


def test_writer_writes_one_json_line_per_extraction(tmp_path):
    out = tmp_path / "sub" / "pred.jsonl.gz"
    with ExtractionWriter(out) as writer:
        writer.write(Extraction(id="a"))
        writer.write(Extraction(id="b"))
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert set(rows[0]) == {"id", "events", "tallies", "claims", "mentions"}
