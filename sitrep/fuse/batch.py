"""A run of `sitrep extract` with linking: hold the batch, link it, then write it.

Linking needs every document of the run before the first line can carry its incident id.
Holding all extractions would make memory grow with the batch, so each extraction is
spooled as a JSON line to an anonymous temporary file as it is made, and only each event's
`Member` (day, place, type, actors and a set of evidence words: a few hundred bytes)
stays in memory. At the end the members are linked and the spool is read back once,
each event gets its `incident_id`, and the lines go to the real writer in input order.
"""
from __future__ import annotations

import tempfile

from sitrep.fuse.link import Member, assign_incident_ids, link_members, members_of
from sitrep.io import ExtractionWriter
from sitrep.model import Document, Extraction


class LinkedBatch:
    def __init__(self, writer: ExtractionWriter):
        self.writer = writer
        self.members: list[Member] = []
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.started = False  # finish() ran (or began): a second call writes nothing

    def add(self, extraction: Extraction, doc: Document) -> None:
        self.members.extend(members_of(doc, extraction))
        self.spool.write(extraction.model_dump_json())
        self.spool.write("\n")

    def finish(self, link: bool) -> None:
        """Writes every spooled extraction, with incident ids when `link`; only once, so an
        interrupt while writing does not start the lines over."""
        if self.started:
            return
        self.started = True
        ids = link_members(self.members) if link else {}
        self.spool.seek(0)
        for line in self.spool:
            extraction = Extraction.model_validate_json(line)
            self.writer.write(assign_incident_ids(extraction, ids) if link else extraction)
        self.discard()

    def discard(self) -> None:
        self.members = []
        if not self.spool.closed:
            self.spool.close()
