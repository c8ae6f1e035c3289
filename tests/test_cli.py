"""`sitrep extract` end to end: inputs, outputs, what is skipped, and exit codes."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sitrep import cli
from sitrep.model import Actor, Amount, Claim, Count, Event, Extraction, Location, Mention, Tally

runner = CliRunner()
TOP_KEYS = {"id", "events", "tallies", "claims", "mentions"}


def run(*args: str, **kw):
    return runner.invoke(cli.app, ["extract", *map(str, args)], **kw)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_text_report_gives_one_extraction_line(example_report):
    result = run(example_report, "--published", "2026-02-04")
    assert result.exit_code == 0, result.stderr
    [row] = lines(result.stdout)
    assert row["id"] == "seed-report"
    assert TOP_KEYS <= set(row)
    assert all(isinstance(row[k], list) for k in TOP_KEYS - {"id"})


def test_jsonl_gz_and_folder_inputs_keep_their_order(tmp_path, write_jsonl):
    docs = [{"id": f"n{i}", "text": "Two soldiers were killed in an ambush on Monday.",
             "published": "2026-01-05"} for i in range(3)]
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", docs[:2])
    write_jsonl(tmp_path / "in" / "b.jsonl.gz", docs[2:])
    (tmp_path / "in" / "c.txt").write_text("Police dispersed a protest.")

    result = run(tmp_path / "in" / "a.jsonl")
    assert [r["id"] for r in lines(result.stdout)] == ["n0", "n1"]
    result = run(tmp_path / "in" / "b.jsonl.gz")
    assert [r["id"] for r in lines(result.stdout)] == ["n2"]
    result = run(tmp_path / "in")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in lines(result.stdout)] == ["n0", "n1", "n2", "c"]


def test_output_file_gets_valid_json_lines_and_stdout_stays_empty(tmp_path, write_jsonl):
    src = write_jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": "x"}, {"id": "b", "text": "y"}])
    out = tmp_path / "pred.jsonl"
    result = run(src, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    rows = lines(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert all(set(r) == TOP_KEYS for r in rows)


def test_output_that_is_also_an_input_is_refused_before_anything_is_overwritten(
        tmp_path, write_jsonl):
    src = write_jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": "x"}])
    before = src.read_bytes()
    for inputs in ([src], [tmp_path]):  # named directly, or found in a folder
        result = run(*inputs, "-o", src)
        assert result.exit_code == cli.EXIT_USAGE
        assert "also an input" in result.output
        assert src.read_bytes() == before


def test_progress_bar_leaves_stdout_clean(tmp_path, write_jsonl):
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": str(i), "text": "x"} for i in range(5)])
    result = run(src, "--progress")
    assert result.exit_code == 0
    assert [r["id"] for r in lines(result.stdout)] == [str(i) for i in range(5)]


def test_broken_line_in_the_middle_is_reported_and_the_rest_comes_out(tmp_path, write_jsonl):
    src = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "a", "text": "x"}, '{"id": "b", "text": ', {"id": "c", "text": "z"}])
    result = run(src)
    assert result.exit_code == cli.EXIT_SKIPPED
    assert [r["id"] for r in lines(result.stdout)] == ["a", "c"]
    assert f"{src}:2: broken JSON" in result.stderr
    assert "2 extracted, 1 skipped" in result.stderr


def test_binary_non_utf8_and_missing_inputs_are_skipped(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"GIF89a\x00\x00\x01")
    (tmp_path / "latin.txt").write_bytes("Attaque \xe0 Gao.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Nothing happened.")
    result = run(tmp_path / "bin.txt", tmp_path / "latin.txt", tmp_path / "nope.txt",
                 tmp_path / "good.txt")
    assert result.exit_code == cli.EXIT_SKIPPED
    assert [r["id"] for r in lines(result.stdout)] == ["good"]
    assert "bin.txt: binary file" in result.stderr
    assert "latin.txt:1: not UTF-8" in result.stderr
    assert "nope.txt: no such file or folder" in result.stderr


def test_empty_file_gives_an_empty_extraction(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(tmp_path / "empty.txt")
    assert result.exit_code == 0
    assert lines(result.stdout) == [{"id": "empty", "events": [], "tallies": [], "claims": [],
                                     "mentions": []}]


def test_50_mb_text_file_is_rejected_quickly(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        chunk = b"Gunmen opened fire on a bus. " * 4000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    (tmp_path / "small.txt").write_text("A small report.")
    t0 = time.perf_counter()
    result = run(big, tmp_path / "small.txt")
    assert time.perf_counter() - t0 < 2
    assert result.exit_code == cli.EXIT_SKIPPED
    assert "big.txt: too large" in result.stderr
    assert [r["id"] for r in lines(result.stdout)] == ["small"]


def test_max_chars_option_sets_the_cap(tmp_path):
    (tmp_path / "r.txt").write_text("a" * 500)
    assert run(tmp_path / "r.txt", "--max-chars", "100").exit_code == cli.EXIT_SKIPPED
    assert run(tmp_path / "r.txt", "--max-chars", "500").exit_code == 0
    assert run(tmp_path / "r.txt", "--max-chars", "0").exit_code == cli.EXIT_USAGE


@pytest.mark.parametrize("bad", ["2026-02-31", "04/02/2026", "yesterday"])
def test_bad_published_is_a_usage_error(tmp_path, bad):
    (tmp_path / "r.txt").write_text("x")
    result = run(tmp_path / "r.txt", "--published", bad)
    assert result.exit_code == cli.EXIT_USAGE
    assert "--published" in result.output
    assert result.stdout == "" or "{" not in result.stdout


def test_published_dates_text_files_and_defaults_to_today(tmp_path, monkeypatch):
    from sitrep.extract import pipeline

    seen = []
    real = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", lambda doc, timings=None, budget=None: seen.append(doc) or real(doc))
    (tmp_path / "r.txt").write_text("x")
    run(tmp_path / "r.txt", "--published", "2026-02-04")
    run(tmp_path / "r.txt")
    assert [d.published for d in seen] == [dt.date(2026, 2, 4), dt.date.today()]


def test_extractor_failure_is_reported_and_the_batch_goes_on(tmp_path, write_jsonl, monkeypatch):
    from sitrep.extract import pipeline

    real = pipeline.extract

    def flaky(doc, timings=None, budget=None):
        if doc.id == "bad":
            raise ValueError("stage blew up")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract", flaky)
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": "ok1", "text": "a"}, {"id": "bad", "text": "b"},
                                            {"id": "ok2", "text": "c"}])
    result = run(src)
    assert result.exit_code == cli.EXIT_EXTRACTOR
    assert [r["id"] for r in lines(result.stdout)] == ["ok1", "ok2"]
    assert "failed bad: extractor error ValueError: stage blew up" in result.stderr


def test_many_bad_lines_are_summarised(tmp_path, write_jsonl):
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": str(i)} for i in range(25)])
    result = run(src)
    assert result.exit_code == cli.EXIT_SKIPPED
    assert result.stderr.count("missing text") == cli.PROBLEMS_SHOWN_PER_FILE
    assert f"{len(range(25)) - cli.PROBLEMS_SHOWN_PER_FILE} more problems not shown" in result.stderr


def test_stdin_dash_reads_json_lines(tmp_path):
    result = run("-", input='{"id": "s1", "text": "x"}\n{"id": "s2", "text": "y"}\n')
    assert [r["id"] for r in lines(result.stdout)] == ["s1", "s2"]


def test_pretty_prints_tables_not_json(example_report):
    result = run(example_report, "--published", "2026-02-04", "--pretty")
    assert result.exit_code == 0, result.stderr
    assert "seed-report" in result.stdout and "published 2026-02-04" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_pretty_with_output_writes_the_file_too(tmp_path, example_report):
    out = tmp_path / "p.jsonl"
    result = run(example_report, "--pretty", "-o", out)
    assert result.exit_code == 0
    assert [r["id"] for r in lines(out.read_text())] == ["seed-report"]
    assert "seed-report" in result.stdout


def test_render_shows_every_kind_of_record():
    count = Count(outcome="killed", group="civilians", best=36, low=36, qualifier="at_least",
                  source="police")
    extraction = Extraction(
        id="doc-1",
        events=[Event(event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
                      date=dt.date(2026, 2, 1), date_precision=1,
                      location=Location(name="Kolpur", admin2="Kachhi", admin1="Balochistan",
                                        country="Pakistan"),
                      actor1=Actor(name="Baloch Liberation Army", kind="rebel_group"),
                      casualties=[count], fatalities=36)],
        tallies=[Tally(label="Operation Example", area="Balochistan", casualties=[
            Count(outcome="killed", group="all", best=250, low=250, qualifier="more_than")])],
        claims=[Claim(speaker="A Minister", kind="accusation", target="India",
                      text="blamed a neighbour for the attacks")],
        mentions=[Mention(kind="equipment", name="night vision device",
                          amount=Amount(low=4000, high=5000, currency="USD"))],
    )
    console = Console(width=200, record=True, highlight=False)
    with console.capture() as captured:
        cli.render(extraction, cli.Document(id="doc-1", text="", published="2026-02-04"), console)
    shown = captured.get()
    for expected in ("Events", "2026-02-01", "Kolpur, Kachhi, Balochistan, Pakistan",
                     "Suicide bomb", "Baloch Liberation Army [rebel_group] → ?",
                     "killed: at least 36 civilians (police)", "Tallies", "killed: over 250",
                     "Claims", "accusation", "India", "Mentions", "4,000–5,000 USD"):
        assert expected in shown, expected


def test_render_copes_with_sparse_records():
    console = Console(width=120, record=True)
    with console.capture() as captured:
        cli.render(Extraction(id="x", events=[Event()], tallies=[Tally()]),
                   cli.Document(id="x", text=""), console)
    assert "Events" in captured.get() and "Tallies" in captured.get()


def test_installed_command_runs_as_a_process(example_report, tmp_path):
    """The real process: stdout is pure JSON Lines, nothing reported skipped."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(example_report),
                           "--published", "2026-02-04"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" not in proc.stderr and "failed" not in proc.stderr
    assert [r["id"] for r in lines(proc.stdout)] == ["seed-report"]
