"""Property tests: whatever bytes arrive, only ContactImportError escapes; good rows survive."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networking_kit._canonical import canonicalise
from networking_kit.contacts import (
    ContactImportError,
    make_contact_id,
    normalise_contacts,
    parse_date,
    split_name,
    tidy_email,
    tidy_phone,
    tidy_text,
    tidy_url,
)
from networking_kit.importers import read_contacts

BOUNDED = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]


def read_or_refuse(data: bytes) -> pd.DataFrame | None:
    try:
        return read_contacts(data, name="upload.csv")
    except ContactImportError as error:
        message = str(error)
    assert message.startswith("upload.csv")
    return None


@BOUNDED
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_contact_import_error(data: bytes) -> None:
    read_or_refuse(data)


PREFIXES = [b"", b"\xef\xbb\xbf", b"BEGIN:VCARD\r\n", b"PK\x03\x04",
            b"Notes:\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
            b"Name,Given Name,Family Name,E-mail 1 - Value\n"]


@BOUNDED
@given(st.sampled_from(PREFIXES), st.binary(max_size=1000))
def test_plausible_starts_followed_by_junk_never_crash(prefix: bytes, junk: bytes) -> None:
    read_or_refuse(prefix + junk)


cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=12)


@BOUNDED
@given(st.lists(st.lists(cell, max_size=9), max_size=8), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_arbitrary_csv_shapes_never_crash(rows: list[list[str]], delimiter: str,
                                          encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    read_or_refuse(buffer.getvalue().encode(encoding, errors="replace"))


name_part = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1,
                    max_size=10)
person = st.tuples(name_part, name_part,
                   st.text(st.characters(whitelist_categories=("L", "N", "Zs", "P")),
                           max_size=15))


@BOUNDED
@given(st.lists(person, min_size=1, max_size=10), st.sampled_from(["utf-8", "utf-16"]),
       st.booleans(), st.lists(st.integers(0, 12), max_size=3))
def test_a_valid_row_is_never_lost(people: list[tuple[str, str, str]], encoding: str,
                                   notes: bool, bad_at: list[int]) -> None:
    """Valid rows come out, even next to ragged rows; only the ragged rows are reported."""
    buffer = io.StringIO()
    if notes:
        buffer.write('Notes:\n"Some e-mail addresses may be missing."\n\n')
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINKEDIN_HEADER)
    rows = [[first, last, f"https://www.linkedin.com/in/p{i}", "", company, "", "01 Jan 2020"]
            for i, (first, last, company) in enumerate(people)]
    bad = sorted({min(b, len(rows)) for b in bad_at})
    for offset, position in enumerate(bad):
        rows.insert(position + offset, ["x"] * 9)
    writer.writerows(rows)
    frame = read_contacts(buffer.getvalue().encode(encoding), name="Connections.csv")
    expected = {f"p{i}" for i in range(len(people))}
    assert {url.rsplit("/", 1)[1] for url in frame["url"]} == expected
    assert len(frame.attrs["skipped"]) == len(bad)


@BOUNDED
@given(st.lists(st.fixed_dictionaries({
    "name": st.one_of(st.none(), cell), "first_name": cell, "last_name": cell,
    "email": st.one_of(cell, st.just(" MAILTO:A@B.C ")), "phone": cell,
    "company": cell, "url": st.one_of(cell, st.just("linkedin.com/in/x/?a=1")),
    "connected_on": st.one_of(cell, st.just("12 Nov 2023"), st.just("2023-02-30")),
}), max_size=6))
def test_the_fast_path_agrees_with_a_row_at_a_time_reference(rows: list[dict]) -> None:
    raw = pd.DataFrame(rows, columns=["name", "first_name", "last_name", "email", "phone",
                                      "company", "url", "connected_on"])
    fast = canonicalise(raw, "test")
    reference = _reference(rows)
    for column in ("name", "first_name", "last_name", "email", "phone", "company", "url",
                   "source", "contact_id"):
        assert [None if pd.isna(v) else v for v in fast[column]] == reference[column], column
    assert [None if pd.isna(v) else v for v in fast["connected_on"]] == reference["connected_on"]
    pd.testing.assert_frame_equal(normalise_contacts(raw, source="test"), fast)


def _reference(rows: list[dict]) -> dict[str, list]:
    """The canonical values worked out one row at a time with the per-value helpers."""
    out: dict[str, list] = {c: [] for c in ("name", "first_name", "last_name", "email", "phone",
                                            "company", "url", "source", "contact_id",
                                            "connected_on")}
    for row in rows:
        name = tidy_text(row["name"])
        first, last = tidy_text(row["first_name"]), tidy_text(row["last_name"])
        email, url = tidy_email(row["email"]), tidy_url(row["url"])
        company = tidy_text(row["company"])
        if name is None and (first or last):
            name = " ".join(p for p in (first, last) if p)
        if name and first is None and last is None:
            first, last = split_name(name)
        for key, value in (("name", name), ("first_name", first), ("last_name", last),
                           ("email", email), ("phone", tidy_phone(row["phone"])),
                           ("company", company), ("url", url), ("source", "test"),
                           ("contact_id", make_contact_id(name, email, url, company)),
                           ("connected_on", parse_date(row["connected_on"]))):
            out[key].append(value)
    return out
