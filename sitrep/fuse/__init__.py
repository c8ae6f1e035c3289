"""Fusion: events of many reports that are one real incident become one incident.

`link` gives every event of a batch an incident id (link.py); `reconcile` turns the
events of one incident into an `Incident` with every source's figures and a reconciled
low/best/high per outcome and group (reconcile.py).
"""
from sitrep.fuse.link import Member, assign_incident_ids, link, link_members, link_tallies, members_of
from sitrep.fuse.reconcile import Figure, Incident, SourcedCount, incidents, reconcile

__all__ = ["Figure", "Incident", "Member", "SourcedCount", "assign_incident_ids", "incidents", "link",
           "link_members", "link_tallies", "members_of", "reconcile"]
