"""Outlook's CSV export (File › Open & Export › Import/Export › Comma Separated Values).

Desktop Outlook quotes every field and writes CRLF, often in cp1252 or UTF-16, with
column names in the language of its interface; Outlook on the web writes UTF-8 and
English names. Both are read through ``headers/*.toml`` (sections ``outlook`` and
``outlook_web``). ``Title`` (``Titre``, ``Anrede`` …) in Outlook is the courtesy title
(Mr., Dr.), not the job: the job is ``Job Title`` (``Profession``, ``Position`` …).
"""

from __future__ import annotations

from networking_kit.vocab import Source

SOURCE = Source.OUTLOOK
LABEL = "Outlook contacts (CSV)"
