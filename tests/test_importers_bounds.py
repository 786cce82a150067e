"""Bounded imports (issue 14): a download cut mid-row, a header of 100,000 columns, and
30,000 rows sharing one e-mail or one name. The speed is benchmarked elsewhere
(benchmarks/bench_import_memory.py, tests/test_reliability.py's watchdog); here, what
the participant gets. Invented people throughout."""

from __future__ import annotations

import random
import string

import pytest

from networking_kit.contacts import ContactImportError
from networking_kit.importers import inspect_file, read_contacts

HEADER = "Name,Email,Company\n"


def test_a_download_cut_mid_row_leaves_the_half_row_out_and_says_so() -> None:
    text = HEADER + "Ada Okafor,ada@example.org,Acme\nBo Lind,bo@exam"
    frame = read_contacts(text.encode(), name="cut.csv")
    assert frame["name"].tolist() == ["Ada Okafor"]
    [(line, reason)] = frame.attrs["skipped"]
    assert line == 3
    assert "fewer values than there are columns" in reason
    assert "Download the export again" in reason


def test_a_cut_row_after_a_damaged_row_is_reported_on_the_slow_path_too() -> None:
    text = HEADER + "Ada Okafor,ada@example.org,Acme,extra\nBo Lind,bo@example.org,Acme\nCy"
    frame = read_contacts(text.encode(), name="cut.csv")
    assert frame["name"].tolist() == ["Bo Lind"]
    assert [line for line, _ in frame.attrs["skipped"]] == [2, 4]


@pytest.mark.parametrize("ending", ["\n", ""])
def test_a_whole_last_row_is_imported_with_or_without_a_line_end(ending: str) -> None:
    text = HEADER + "Ada Okafor,ada@example.org,Acme\nBo Lind,bo@example.org," + ending
    frame = read_contacts(text.encode(), name="whole.csv")
    assert frame["name"].tolist() == ["Ada Okafor", "Bo Lind"]
    assert frame.attrs["skipped"] == []


def test_a_header_of_a_hundred_thousand_columns_is_refused_at_the_check_and_the_import(
        ) -> None:
    data = ("Name,Email," + ",".join(f"c{i}" for i in range(100_000)) + "\nAda,a@x.org\n")
    for call in (inspect_file, read_contacts):
        with pytest.raises(ContactImportError, match="100,002 columns"):
            call(data.encode(), name="wide.csv")


def _word(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(
        rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8)))


def test_thirty_thousand_rows_of_one_e_mail_are_one_person_with_the_first_details() -> None:
    rng = random.Random(14)
    rows = [f"{_word(rng)} {_word(rng)},same@example.org,{'' if i == 0 else 'Acme'}"
            for i in range(30_000)]
    frame = read_contacts((HEADER + "\n".join(rows) + "\n").encode(), name="same.csv")
    assert len(frame) == 1
    assert frame.attrs["duplicates"] == 29_999
    assert frame.iloc[0]["name"] == rows[0].split(",")[0]
    assert frame.iloc[0]["company"] == "Acme"  # the blank filled from the next row


def test_thirty_thousand_namesakes_stay_apart_and_the_report_stays_short() -> None:
    rows = [f"Ada Okafor,ada{i}@example.org,Acme {i % 50}" for i in range(30_000)]
    frame = read_contacts((HEADER + "\n".join(rows) + "\n").encode(), name="same.csv")
    assert len(frame) == 30_000
    possible = [note for note in frame.attrs["notes"] if "Possibly the same person" in note]
    assert len(possible) == 10
    assert any("and 40 more names" in note for note in frame.attrs["notes"])


def test_a_file_typed_by_hand_with_short_rows_keeps_its_last_row() -> None:
    text = HEADER + "Ada Okafor,ada@example.org\nBo Lind,bo@example.org"
    frame = read_contacts(text.encode(), name="typed.csv")
    assert frame["name"].tolist() == ["Ada Okafor", "Bo Lind"]
    assert frame.attrs["skipped"] == []
