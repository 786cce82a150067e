"""Exports of the participant's plan: files they can keep, print or import elsewhere."""

from networking_kit.export.ics import schedule_to_ics

__all__ = ["schedule_to_ics"]
