"""Google Contacts' CSV export (contacts.google.com › Export › Google CSV).

Two headers are in circulation: the older one (``Name, Given Name, Additional Name,
Family Name, … E-mail 1 - Value, Organization 1 - Name``) and the one Google writes since
2023 (``First Name, Middle Name, Last Name, … Organization Name, E-mail 1 - Value``);
both are in ``headers/en.toml``. A cell may hold several values separated by ``:::``;
the first one is kept, except that a LinkedIn address among the websites is preferred,
because it is what matching uses (``columns``).
"""

from __future__ import annotations

from networking_kit.vocab import Source

SOURCE = Source.GOOGLE
LABEL = "Google Contacts (Google CSV)"
