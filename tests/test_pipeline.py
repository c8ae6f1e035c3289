"""The stages' declarations: the order is checked, and each stage reads and fills only the
fields of the typed document that it declares."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sitrep.extract import pipeline, text
from sitrep.model import Document

FIELDS = {f.name for f in dataclasses.fields(text.ParsedText)} - {"text", "published", "sentences", "title", "low"}

REPORTS = [
    "QUETTA: Militants attacked a police station in Turbat, Kech district, on Monday, killing four "
    "policemen, officials said. Two attackers were also killed. The Baloch Liberation Army claimed "
    "responsibility; the interior minister blamed India, which denied the charge.",
    "Protesters clashed with police in Dhaka on Sunday; 30 were injured and 12 arrested. The rally "
    "cost organisers Tk 2 million, the party said.",
    "Since January, 120 people have been killed across the country, a monitoring group said.",
    "Gunmen killed three villagers in Kano on Monday, police said.\n\nIn a separate attack on Tuesday, "
    "a roadside bomb killed two soldiers in Maiduguri, Borno state, the army said.",
    "",
]


def test_every_stage_reads_and_fills_only_what_it_declares(monkeypatch, example_report):
    reads: dict[str, set] = {}
    writes: dict[str, set] = {}
    current: list[str | None] = [None]
    get, set_ = text.ParsedText.__getattribute__, text.ParsedText.__setattr__

    def recording_get(self, name):
        if current[0] and name in FIELDS:
            reads[current[0]].add(name)
        return get(self, name)

    def recording_set(self, name, value):
        if current[0] and name in FIELDS:
            writes[current[0]].add(name)
        set_(self, name, value)

    def watched(stage):
        def run(parsed):
            current[0] = stage.name
            try:
                stage.annotate(parsed)
            finally:
                current[0] = None
        return run

    monkeypatch.setattr(text.ParsedText, "__getattribute__", recording_get)
    monkeypatch.setattr(text.ParsedText, "__setattr__", recording_set)
    monkeypatch.setattr(pipeline, "STAGES", tuple(dataclasses.replace(s, annotate=watched(s)) for s in pipeline.STAGES))
    for stage in pipeline.STAGES:
        reads[stage.name], writes[stage.name] = set(), set()
    for i, body in enumerate(REPORTS + [example_report.read_text()]):
        pipeline.extract(Document(id=f"r{i}", text=body, published=dt.date(2026, 2, 4)), budget=None)
    for stage in pipeline.STAGES:
        own = {a.split(".")[0] for a in stage.assigns}
        assert reads[stage.name] <= set(stage.requires) | own, stage.name
        assert writes[stage.name] <= own, stage.name
        assert {a for a in stage.assigns if "." not in a} <= writes[stage.name], stage.name


def test_a_stage_placed_before_what_it_requires_is_refused():
    late = pipeline.Stage("late", lambda parsed: None, ("events",), ())
    pipeline.check_order(pipeline.STAGES + (late,))
    with pytest.raises(ValueError, match="'late' requires events"):
        pipeline.check_order((late,) + pipeline.STAGES)


def test_every_field_of_the_document_is_filled_by_some_stage():
    assigned = {a.split(".")[0] for s in pipeline.STAGES for a in s.assigns}
    assert assigned == FIELDS


def test_annotate_runs_the_stages_through_or_before_a_named_one():
    def parsed():
        return text.parse("Gunmen killed three villagers in Kano on Monday, police said.", dt.date(2026, 2, 4))

    upto_dates = pipeline.annotate(parsed(), through="dates")
    assert upto_dates.dates and not upto_dates.places
    before_events = pipeline.annotate(parsed(), before="events")
    assert before_events.figures and not before_events.events
    assert pipeline.annotate(parsed()).events
    with pytest.raises(ValueError, match="no stage 'event'"):
        pipeline.annotate(parsed(), before="event")
