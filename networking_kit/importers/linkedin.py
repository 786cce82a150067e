"""LinkedIn's ``Connections.csv``, from Settings › Data privacy › Get a copy of your data.

Current exports open with a few "Notes:" lines and a blank line before the header;
older ones start at the header, some without the URL column, and one sample seen in the
wild moves URL to the end. Columns are therefore found by name, never by position, in
any language (``headers/*.toml``, section ``linkedin``). The download itself is a .zip
(``opening``). E-mail is empty for everyone who hides it, and LinkedIn leaves the name
empty for members who have closed or hidden their account: those rows are reported,
not imported.
"""

from __future__ import annotations

from networking_kit.vocab import Source

SOURCE = Source.LINKEDIN
LABEL = "LinkedIn connections (Connections.csv)"

NO_NAME = ("this row has no name. LinkedIn leaves the name empty for members who have "
           "closed or hidden their account; there is nothing to import for them.")
