"""Tests for ``importers._text``'s head-only decode: a strict UTF-8 file's text is not
kept while it is parsed (only its head is decoded), and what is read is the same as
when the whole text is kept, on every path (pandas, the csv module's slow path, line
numbers of multi-line rows, ragged and cut-off rows, a headerless table, our JSON)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networking_kit.contacts import ContactImportError
from networking_kit.importers import _text, detect, inspect_file, read_contacts
from networking_kit.importers.own import WORKBOOK_JSON

BOUNDED = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow,
                                          HealthCheck.function_scoped_fixture])
LINKEDIN = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
            "Connected On"]
NOTES = 'Notes:\n"Some e-mail addresses may be missing."\n\n'
SOME = 70  # rows: more lines than the header is looked for in, so the text is not kept


def read(data: bytes, head: int, **options: Any) -> pd.DataFrame | str:
    """What ``read_contacts`` gives when files over ``head`` bytes keep only the head of
    their text: the table, or the sentence it refused the file with."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_text, "_TEXT_HEAD", head)
        try:
            return read_contacts(data, name="upload.csv", **options)
        except ContactImportError as error:
            return str(error)


def same_either_way(data: bytes, **options: Any) -> pd.DataFrame | str:
    """The file read with its text kept and with only its head kept gives the same
    table, the same report and the same refusals."""
    whole, head = read(data, 1 << 30, **options), read(data, 16, **options)
    if isinstance(whole, str) or isinstance(head, str):
        assert head == whole
        return whole
    pd.testing.assert_frame_equal(head, whole)
    assert head.attrs.keys() == whole.attrs.keys()
    for key, value in whole.attrs.items():
        if isinstance(value, pd.DataFrame):  # the rows folded into others
            pd.testing.assert_frame_equal(head.attrs[key], value)
        else:
            assert head.attrs[key] == value, key
    return whole


def test_only_the_head_of_a_big_strict_utf8_file_is_decoded() -> None:
    lines = [",".join(LINKEDIN)] + [
        f"Ada{i},Lovelace,https://www.linkedin.com/in/ada-{i},,Café Ltd,Engineer,01 Jan 2020"
        for i in range(12000)]
    data = (NOTES + "\n".join(lines) + "\n").encode("utf-8")
    decoded = _text.decode_file(_text.RawFile(data, "c.csv"))
    assert not decoded.whole
    assert len(decoded.text) < len(data) // 2
    assert decoded.whole_text() == data.decode("utf-8")
    found = detect.detect_file(decoded, None)
    assert found.text == ""
    assert found.data is data
    assert found.table_text() == data.decode("utf-8").split("\n", 3)[3]
    assert len(same_either_way(data)) == 12000
    # A byte-order mark, Windows line ends or cp1252 keep the whole text, as before.
    for other in (b"\xef\xbb\xbf" + data, data.replace(b"\n", b"\r\n"),
                  data.decode("utf-8").encode("cp1252")):
        assert _text.decode_file(_text.RawFile(other, "c.csv")).whole


def test_memory_is_given_back_before_parsing_only_when_a_whole_text_was_let_go() -> None:
    """A big strict UTF-8 file's text is only checked, in parts: nothing big is let go
    before the parser runs, so the C heap is not trimmed then (a trim hands back memory
    the parser takes again at once: page faults). A text decoded whole (cp1252 here) is
    let go there, and given back."""
    from networking_kit.importers import reading
    lines = [",".join(LINKEDIN)] + [
        f"Ada{i},Lovelace,https://www.linkedin.com/in/ada-{i},,Café Ltd,Engineer,01 Jan 2020"
        for i in range(12000)]
    data = (NOTES + "\n".join(lines) + "\n").encode("utf-8")
    stages: dict[bytes, list[str]] = {}
    for file in (data, data.decode("utf-8").encode("cp1252")):
        seen: list[str] = []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(reading, "give_back", lambda seen=seen: seen.append("trim"))
            read_contacts(file, name="c.csv",
                          progress=lambda stage, fraction, seen=seen: seen.append(stage))
        stages[file] = seen
    utf8, cp1252 = stages.values()
    # The trim between two stages comes before the second is reported as done.
    assert cp1252[cp1252.index("detect") - 1] == "trim"
    assert utf8[utf8.index("detect") - 1] == "decode"
    assert utf8.count("trim") == cp1252.count("trim") - 1


def test_checking_a_file_in_parts_judges_it_as_decoding_it_whole() -> None:
    """The encoding check decodes ``_CHECKED_PART`` bytes at a time (each part's text let
    go): a character cut by a part's end is still read, and one bad byte anywhere makes
    the file not UTF-8, as decoding it whole does."""
    size = _text._CHECKED_PART
    for shift in range(4):  # every place a part's end can fall in a 2-, 3- or 4-byte character
        data = b"x" * shift + ("é€😀" * (3 * size // 9)).encode("utf-8")
        assert _text.decode_in_parts(data, "utf-8", "strict", keep=False) == ""
        assert _text.sniff_encoding(data) == ("utf-8", 0)
    ticks: list[float] = []  # still one a ``_PART``, and one at the end
    whole = 2 * _text._PART + 5
    _text.decode_in_parts(b"a" * whole, "utf-8", "strict", ticks.append, keep=False)
    assert ticks == [_text._PART / whole, 2 * _text._PART / whole, 1.0]
    bad = b"a" * (5 * size) + b"\xe9" + b"b" * size  # cp1252 e-acute deep in the file
    with pytest.raises(UnicodeDecodeError):
        _text.decode_in_parts(bad, "utf-8", "strict", keep=False)
    assert _text.sniff_encoding(bad)[0] == "cp1252"


cell = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"),
               max_size=8)
rows = st.lists(st.lists(cell, min_size=0, max_size=9), max_size=12)


@BOUNDED
@given(rows, st.booleans(), st.sampled_from(["", "\n", "\n\n"]), st.integers(0, 30))
def test_a_linkedin_file_reads_the_same_with_its_text_kept_or_not(
        body: list[list[str]], notes: bool, end: str, cut: int) -> None:
    """Quoted line ends, ragged and short rows, blank lines, a cut-off end."""
    buffer = io.StringIO()
    buffer.write(NOTES if notes else "")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINKEDIN)
    writer.writerows([f"Ada{i}", "Lovelace", f"https://www.linkedin.com/in/ada{i}", "", "X",
                      "Y", "01 Jan 2020"] for i in range(SOME))
    writer.writerows(body)
    text = buffer.getvalue().rstrip("\n") + end
    data = text.encode("utf-8")
    same_either_way(data[:len(data) - cut] if cut < len(data) // 2 else data)


@BOUNDED
@given(rows, st.sampled_from([",", ";", "\t"]), st.booleans())
def test_any_table_reads_the_same_with_its_text_kept_or_not(body: list[list[str]],
                                                            delimiter: str,
                                                            header: bool) -> None:
    """Tables of any shape, with a header or without one (its first row is data)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        [["Name", "E-mail"], *[[f"Ada {i}", f"ada{i}@example.org"] for i in range(SOME)], *body]
        if header else [*body, *[[f"Ada {i}", f"ada{i}@example.org"] for i in range(SOME)]])
    same_either_way(buffer.getvalue().encode("utf-8"))


def test_a_headerless_table_and_a_mapping_read_the_same_with_its_text_kept_or_not() -> None:
    rows = [f"Ada {i} Lovelace,ada{i}@example.org,+44 20 7946 {i:04d}" for i in range(200)]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    table = same_either_way(data)
    assert isinstance(table, pd.DataFrame)
    assert len(table) == 200  # the first row is data
    mapped = same_either_way(b"Who,Mail,Phone\n" + data, mapping={"name": "Who", "email": "Mail"})
    assert isinstance(mapped, pd.DataFrame)
    assert len(mapped) == 200
    linkedin = ("Notes:\n\n" + ",".join(LINKEDIN) + "\n").encode() + data
    for file in (b"Who,Mail,Phone\n" + data, linkedin):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_text, "_TEXT_HEAD", 16)
            header = inspect_file(file)
        assert header == inspect_file(file)
    assert header[1] == LINKEDIN


def test_a_head_of_blanks_is_not_an_empty_file() -> None:
    data = b" " * 40 + b"\n" * 30 + ",".join(LINKEDIN).encode() + b"\nAda,L,,,,,\n"
    table = same_either_way(data)
    assert isinstance(table, pd.DataFrame)
    assert len(table) == 1
    assert "empty" in str(same_either_way(b" " * 40 + "\u3000".encode() * 20))


def test_our_json_backup_reads_the_same_with_its_text_kept_or_not() -> None:
    document = {"format": WORKBOOK_JSON, "contacts": [
        {"name": f"Ada {i}", "email": f"ada{i}@example.org"} for i in range(50)]}
    same_either_way(json.dumps(document).encode("utf-8"))
