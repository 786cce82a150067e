"""The privacy choice made before an export: contact details or not, names or initials.

The default shares the least: no e-mail addresses, phone numbers or profile links, and
full names only because a plan with initials is harder for its owner to act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd


class NameStyle(StrEnum):
    FULL = "full"
    INITIALS = "initials"


DETAIL_COLUMNS = ("email", "phone", "url")


@dataclass(frozen=True)
class Privacy:
    """What an export may show about the participant's contacts."""

    include_contact_details: bool = False
    names: NameStyle = NameStyle.FULL


def initials(name: object) -> str:
    """``Ada King-Lovelace`` → ``A. K.-L.``: enough for its owner, little for anyone else."""
    if not isinstance(name, str) or not name.strip():
        return "?"
    words = name.replace(",", " ").split()
    parts = []
    for word in words[:3]:
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0].upper() + "." for p in pieces if p[0].isalnum()) or "?")
    return " ".join(parts)


def apply_privacy(contacts: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """A copy of ``contacts`` showing only what ``privacy`` allows."""
    shown = contacts.copy()
    if not privacy.include_contact_details:
        for column in DETAIL_COLUMNS:
            shown[column] = pd.NA
    if privacy.names is NameStyle.INITIALS:
        shown["name"] = shown["name"].map(initials).astype(shown["name"].dtype)
        shown["first_name"] = pd.NA
        shown["last_name"] = pd.NA
    return shown


def display_name(name: object, privacy: Privacy) -> str:
    """One contact's name as this export shows it."""
    if privacy.names is NameStyle.INITIALS:
        return initials(name)
    return name if isinstance(name, str) else "?"


def private_text(text: str, names: list[str], privacy: Privacy) -> str:
    """``text`` (an action's title or reason) with the people's names as the privacy
    choice shows them: unchanged for full names, initials otherwise."""
    if privacy.names is NameStyle.FULL:
        return text
    for name in sorted((n for n in names if isinstance(n, str) and n), key=len, reverse=True):
        text = text.replace(name, initials(name))
        first = name.split()[0]
        if len(first) > 2:
            text = re.sub(rf"\b{re.escape(first)}\b", initials(first), text)
    return text
