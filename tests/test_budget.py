"""The per-document time budget: a document that would take too long is named and skipped,
never hangs a run, and the rest of the batch is done."""
from __future__ import annotations

import datetime as dt
import json
import re
import signal
import threading
import time

import pytest
from typer.testing import CliRunner

from sitrep import cli
from sitrep.extract import pipeline, types
from sitrep.extract.budget import CHARS_PER_BUDGET, TimeBudgetExceeded, budget_for, time_budget
from sitrep.model import Document

HANG = "HANG-THIS-DOCUMENT"


def _spin_forever():
    while True:
        pass


def _hang_on_marker(parsed) -> None:
    if HANG in parsed.text:
        _spin_forever()


@pytest.fixture
def hanging_stage(monkeypatch):
    """A stage that never ends on a document containing HANG, as a buggy stage would."""
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (pipeline.Stage("hang", _hang_on_marker, (), ()),))


def test_a_loop_that_never_ends_is_stopped_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded, match="0.2 s"):
        with time_budget(0.2):
            _spin_forever()
    assert time.monotonic() - started < 2


def test_a_backtracking_regular_expression_is_stopped_mid_match():
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.2):
            re.match(r"(a+)+$", "a" * 40 + "b")   # would take hours
    assert time.monotonic() - started < 2


def test_a_loop_in_another_thread_is_stopped():
    outcome = {}

    def work():
        started = time.monotonic()
        try:
            with time_budget(0.2):
                _spin_forever()
        except TimeBudgetExceeded:
            outcome["stopped_after"] = time.monotonic() - started

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(5)
    assert not worker.is_alive()
    assert outcome["stopped_after"] < 2


def test_no_stage_can_swallow_it():
    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.1):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # noqa: BLE001 - what a careless stage might write
                    pass


@pytest.mark.parametrize("in_thread", [False, True])
def test_work_done_in_time_is_untouched_and_nothing_fires_later(in_thread):
    outcome = {}

    def work():
        with time_budget(0.1):
            outcome["value"] = sum(range(1000))
        time.sleep(0.3)   # past the budget: a late timer would raise here
        outcome["after"] = True

    if in_thread:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join(5)
    else:
        work()
    assert outcome == {"value": 499500, "after": True}


def test_the_previous_alarm_handler_is_restored_and_an_outer_budget_still_holds():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeBudgetExceeded, match="0.3 s"):
        with time_budget(0.3):
            with time_budget(10):    # an inner, longer budget must not extend the outer one
                _spin_forever()
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_budget_means_no_limit_and_long_documents_get_more():
    with time_budget(None):
        pass
    with time_budget(0):
        pass
    assert budget_for(500, 5.0) == 5.0
    assert budget_for(CHARS_PER_BUDGET * 10, 5.0) == 50.0
    assert budget_for(500, 0) is None


def test_extract_stops_a_hanging_stage_and_still_extracts_other_documents(hanging_stage):
    day = dt.date(2026, 2, 4)
    with pytest.raises(TimeBudgetExceeded):
        pipeline.extract(Document(id="bad", text=f"{HANG} Two soldiers were killed.", published=day), budget=0.3)
    good = pipeline.extract(Document(id="good", text="Two soldiers were killed in Quetta on Monday.", published=day),
                            budget=0.3)
    assert good.id == "good" and good.events


def test_the_cli_names_and_skips_a_document_past_its_budget(hanging_stage, tmp_path, write_jsonl):
    docs = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "first", "text": "Gunmen killed three villagers in Kano on Sunday.", "published": "2026-03-02"},
        {"id": "stuck", "text": f"{HANG} Gunmen killed three villagers.", "published": "2026-03-02"},
        {"id": "last", "text": "A bomb killed two police officers in Peshawar on Monday.", "published": "2026-03-03"},
    ])
    started = time.monotonic()
    result = CliRunner().invoke(cli.app, ["extract", str(docs), "--time-budget", "0.3"])
    assert time.monotonic() - started < 20
    assert result.exit_code == cli.EXIT_SKIPPED, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["first", "last"]
    assert "skipped stuck: took longer than its time budget of 0.3 s" in result.stderr


def test_ingest_skips_a_document_past_its_budget_and_a_later_run_tries_it_again(hanging_stage, tmp_path,
                                                                                 write_jsonl, monkeypatch):
    from sitrep.ingest.run import ingest
    from sitrep.store import Store

    docs = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "ok", "text": "Gunmen killed three villagers in Kano on Sunday.", "published": "2026-03-02"},
        {"id": "stuck", "text": f"{HANG} Gunmen killed three villagers in Kano.", "published": "2026-03-02"},
    ])
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    problems = []
    stats = ingest([str(docs)], store, time_budget=0.3, on_problem=problems.append)
    assert (stats.added, stats.skipped, stats.failed) == (1, 1, 0)
    assert problems[0].path == "stuck" and "time budget" in problems[0].message
    monkeypatch.setattr(pipeline, "STAGES", tuple(s for s in pipeline.STAGES if s.name != "hang"))
    again = ingest([str(docs)], store, time_budget=0.3)
    assert (again.added, again.unchanged, again.skipped) == (1, 1, 0)
    store.close()


def test_a_line_break_before_a_claim_cue_ends_the_search_for_the_group():
    # attributed_group looped forever here: the sentence it found ended at the line break,
    # before the cue, so the next search found the same cue again.
    text = "Gunmen stormed the camp.\nNo group\nclaimed responsibility for the attack and\nthe Taliban denied it."
    with time_budget(2):
        assert types.attributed_group(text, []) is None


def test_the_api_refuses_a_report_past_its_budget_and_stores_nothing(hanging_stage, tmp_path):
    from fastapi.testclient import TestClient

    from sitrep.api.app import create_app
    from sitrep.api.keys import create_key
    from sitrep.store import Store

    with Store(f"sqlite:///{tmp_path / 'api.db'}") as store:
        key = create_key(store, "amina")
        client = TestClient(create_app(store, time_budget=0.3))
        response = client.post("/api/reports", headers={"X-API-Key": key},
                               json={"id": "stuck", "text": f"{HANG} Gunmen killed three villagers.",
                                     "published": "2026-03-02"})
        assert response.status_code == 422
        assert "time budget of 0.3 s" in response.json()["error"]["message"]
        assert client.get("/api/reports/1").status_code == 404
        ok = client.post("/api/reports", headers={"X-API-Key": key},
                         json={"id": "ok", "text": "Gunmen killed three villagers in Kano on Sunday.",
                               "published": "2026-03-02"})
        assert ok.status_code == 201
