"""People appended to a session's contacts through the room kept for their text
(``steps.contact_rows``, issue 11): the same table ``pd.concat`` makes, every time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.steps.contact_rows import SpareRows


def people(*names: str, strength: str = "known") -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame(
        [{"name": n, "company": f"{n} Ltd", "strength": strength, "notes": None,
          "connected_on": "2024-01-02"} for n in names]))


def concat(contacts: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([contacts, added.astype(contacts.dtypes)], ignore_index=True)


def test_appending_again_and_again_is_what_concat_gives() -> None:
    """Past the room kept (it grows), and with text, dates and closeness each time."""
    spare, table = SpareRows(), people("Ann", "Bo")
    expected = table
    for round_ in range(40):
        added = people(f"New {round_}", f"Other {round_}", strength="close")
        table, expected = spare.appended(table, added), concat(expected, added)
        pd.testing.assert_frame_equal(table, expected)
    assert len(table) == 82


def test_a_table_written_to_afterwards_keeps_what_was_written() -> None:
    """A cell written in an appended row, and a table made elsewhere (read again from the
    file): the next append starts from the table it is given, not from the room."""
    spare, table = SpareRows(), people("Ann", "Bo")
    table = spare.appended(table, people("Cy"))
    table.at[2, "notes"] = "met at lunch"
    written = table.copy()
    table = spare.appended(table, people("Di"))
    pd.testing.assert_frame_equal(table, concat(written, people("Di")))
    assert table.at[2, "notes"] == "met at lunch"
    elsewhere = table.copy()
    elsewhere.at[0, "name"] = "Ann Changed"
    after = spare.appended(elsewhere, people("Ed"))
    pd.testing.assert_frame_equal(after, concat(elsewhere, people("Ed")))
    assert after.at[0, "name"] == "Ann Changed"


def test_a_table_given_back_after_a_failure_is_appended_to_again() -> None:
    """The room past a table given back (the action failed) is written over, and the
    table given back is what it was."""
    spare, table = SpareRows(), people("Ann", "Bo")
    kept = table.copy()
    spare.appended(table, people("Cy", "Di"))  # the action that failed
    again = spare.appended(table, people("Ed"))
    pd.testing.assert_frame_equal(table, kept)
    pd.testing.assert_frame_equal(again, concat(kept, people("Ed")))


def test_nothing_added_is_a_copy() -> None:
    table = people("Ann")
    same = SpareRows().appended(table, table.iloc[:0])
    pd.testing.assert_frame_equal(same, table)
    assert not np.shares_memory(np.asarray(same["name"].array), np.asarray(table["name"].array))
