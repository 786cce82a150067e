"""Property tests: whatever bytes arrive, only ContactImportError escapes; good rows survive."""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networking_kit import _canonical, _canonical_dates, _canonical_ids, _cells
from networking_kit._canonical import canonicalise
from networking_kit._names import full_name, parse_name
from networking_kit.contacts import (
    ContactImportError,
    hash_keys,
    make_contact_id,
    normalise_contacts,
    parse_date,
    tidy_email,
    tidy_phone,
    tidy_text,
    tidy_url,
)
from networking_kit.contacts_matching import all_distinct_linkedin
from networking_kit.importers import _table, read_contacts

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
            name = full_name(first or "", last or "")
        if name and first is None and last is None:
            parsed = parse_name(name)
            first, last = parsed.given or None, parsed.family or None
        for key, value in (("name", name), ("first_name", first), ("last_name", last),
                           ("email", email), ("phone", tidy_phone(row["phone"])),
                           ("company", company), ("url", url), ("source", "test"),
                           ("contact_id", make_contact_id(name, email, url, company)),
                           ("connected_on", parse_date(row["connected_on"]))):
            out[key].append(value)
    return out


# ------------------------------------------------ the whole-column fast paths, one at a time

latin = st.characters(max_codepoint=0x2ff, blacklist_characters="\x00")
beyond = "\u0301\u0308\u03a3\u0130\u1e9e\u2003\U0001f600"  # combining, Σ, İ, ẞ, em space, 😀
near_latin = st.one_of(latin, st.sampled_from(list(beyond)))


@BOUNDED
@given(st.text(near_latin, max_size=40))
def test_lower_is_str_lower(text: str) -> None:
    assert _cells.lower(text) == text.lower()
    joined = "\x00".join(text.split(" "))
    assert _cells.lower(joined) == joined.lower()


def test_latin1_text_is_always_nfc() -> None:
    """The ground for the quick NFC check: no pair of Latin-1 characters changes."""
    characters = [chr(code) for code in range(1, 256)]
    assert all(unicodedata.is_normalized("NFC", a + b) for a in characters for b in characters)


@BOUNDED
@given(st.text(near_latin, max_size=40))
def test_quick_nfc_check_agrees_with_unicodedata(text: str) -> None:
    assert _cells._is_nfc(text) == unicodedata.is_normalized("NFC", text)


spaced = st.lists(st.text(st.sampled_from(list("ab /\u00e9\u4e00")), max_size=6), max_size=8)


@BOUNDED
@given(spaced)
def test_space_and_slash_scans_agree_with_substring_searches(values: list[str]) -> None:
    joined = "\x00".join(values)
    bounded = "\x00" + joined + "\x00"
    expected = ("  " in joined, " \x00" in bounded or "\x00 " in bounded)
    assert _cells._spaces_around(joined, _cells.latin1(joined)) == expected
    assert _cells._spaces_around(joined, None) == expected  # its bytes as UTF-8
    assert _canonical_ids.ends_with_slash(joined) == ("/\x00" in joined + "\x00")


address = st.one_of(
    st.builds("{}{}".format, st.just(_canonical_ids.LINKEDIN),
              st.text(st.sampled_from(list("in/ab-é/?# ")), max_size=8)),
    st.text(st.sampled_from(list("hps:/w.lnkedi")), max_size=30), st.just(""))


@BOUNDED
@given(st.lists(address, min_size=1, max_size=8))
def test_linkedin_form_agrees_with_each_address(values: list[str]) -> None:
    """Told that no value is blank (``size``), it searches for a "/" before the next
    address only: the same answer as the value-by-value definition."""
    expected = all(v.startswith(_canonical_ids.LINKEDIN) and not v.endswith("/")
                   and not any(mark in v for mark in " ?#") for v in values if v)
    present = sum(1 for v in values if v)
    joined = "\x00".join(values)
    assert _canonical_ids.linkedin_form(joined, present, len(values)) == expected
    assert _canonical_ids.linkedin_form(joined, present) == expected


def test_tidy_cells_keeps_plain_columns_as_they_are() -> None:
    column = _cells.cells(pd.Series(["Ada", "Björn", "", "Léa Müller"], dtype=object))
    assert _cells.tidy_cells(column) is column


digits = st.sampled_from([*"0123456789", "\u0663", "\uff10", "x"])
date_text = st.one_of(
    st.builds("{}{} {} {}".format, digits, st.one_of(st.just(""), digits),
              st.sampled_from(["Jan", "feb", "MAR", "Sept", "Foo", "J n", "Ján"]),
              st.integers(1850, 2250)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1850, 2250), st.integers(0, 13),
              st.integers(0, 32)),
    st.dates().map(str),
    st.sampled_from(["29 Feb 2024", "29 Feb 2023", "31 Apr 2020", "0 Jan 2020",
                     " 12  Nov 2023 ", "12 Nov 2023\x01", "31/12/2023", "Nov 12, 2023", ""]),
    cell)


def _date_reference(value: str) -> np.datetime64:
    """The date of ``value`` read alone (this strategy's only numeric form, 31/12/2023,
    decides its own order, so alone and in any column it reads the same)."""
    return _canonical_dates.dates(_cells.cells(pd.Series([value], dtype=object))).values[0]


@BOUNDED
@given(st.lists(date_text, max_size=30))
def test_dates_read_together_agree_with_one_at_a_time(values: list[str]) -> None:
    read = _canonical_dates.dates(_cells.cells(pd.Series(values, dtype=object)))
    fast = read.values
    expected = np.array([_date_reference(v) for v in values], dtype="datetime64[s]")
    assert fast.dtype == expected.dtype
    assert fast.astype("int64").tolist() == expected.astype("int64").tolist()
    blank = [not (tidy_text(v) or "") for v in values]
    assert read.unreadable == [i for i, v in enumerate(fast)
                               if np.isnat(v) and not blank[i]]


@BOUNDED
@given(st.lists(date_text, max_size=30), st.integers(1, 4))
def test_a_date_column_read_in_parts_reads_as_the_whole_column(values: list[str],
                                                               part: int) -> None:
    """A big date column is tidied and told apart a part at a time (a tick after each
    for Cancel): the dates, the unreadable cells and the guessed order are the whole's."""
    whole = _canonical_dates.dates(_cells.cells(pd.Series(values, dtype=object)))
    ticks: list[float] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical_dates, "_PART", part)
        column = _cells.cells(pd.Series(values, dtype=object))._replace(joined="")
        parted = _canonical_dates.dates(column, done=ticks.append)
    assert parted.values.astype("int64").tolist() == whole.values.astype("int64").tolist()
    assert (parted.unreadable, parted.guessed) == (whole.unreadable, whole.guessed)
    assert len(ticks) == (-(-len(values) // part) if len(values) > part else 0)


# LinkedIn's own form, "02 Nov 2023", and cells of its length that are not quite it.
linkedin_date = st.builds(
    "{}{} {} {}".format, st.sampled_from([*"0123", "9", "x", " "]), digits,
    st.sampled_from(["Jan", "Feb", "mar", "APR", "Dec", "Nvo", "J\u00e1n", "J[n", "J@n"]),
    st.sampled_from(["2024", "2023", "1899", "1900", "2200", "2201", "20x4", "0000"]))


@BOUNDED
@given(st.lists(linkedin_date, min_size=1, max_size=30), st.integers(1, 40))
def test_a_linkedin_date_column_read_at_once_reads_as_by_distinct_values(
        values: list[str], rows: int) -> None:
    """A column of cells all 11 characters long is read from its joined text at once
    when every cell is LinkedIn's form (``rows`` of its grid at a time); the same dates
    as the way by distinct values (taken by a column without its joined text), and as
    pandas reads the form."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical_dates, "_GRID_ROWS", rows)
        at_once = _canonical_dates.dates(_cells.cells(pd.Series(values, dtype=object)))
    column = _cells.cells(pd.Series(values, dtype=object))._replace(joined="")
    by_distinct = _canonical_dates.dates(column)
    assert at_once.values.astype("int64").tolist() == \
        by_distinct.values.astype("int64").tolist()
    assert (at_once.unreadable, at_once.guessed) == (by_distinct.unreadable,
                                                     by_distinct.guessed)
    expected = pd.to_datetime(pd.Index(values, dtype=object), format="%d %b %Y",
                              errors="coerce")
    years = expected.year.to_numpy(dtype="float64", na_value=np.nan)
    readable = [not np.isnan(y) and 1900 <= y <= 2200 for y in years]
    assert (~np.isnat(at_once.values)).tolist() == readable
    assert at_once.values[readable].astype("datetime64[D]").tolist() == \
        expected[readable].to_numpy().astype("datetime64[D]").tolist()


@pytest.mark.parametrize("rows", [1, 3, 7, 8192])
def test_a_linkedin_date_column_is_read_the_same_a_part_of_its_grid_at_a_time(
        rows: int) -> None:
    """The grid of LinkedIn's dates is read ``_GRID_ROWS`` rows at a time: every part's
    dates land on their own rows, and a cell not in the form in the last part sends the
    whole column the usual way."""
    days = pd.date_range("2008-01-01", periods=9000, freq="D")
    values = [day.strftime("%d %b %Y") for day in days]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical_dates, "_GRID_ROWS", rows)
        read = _canonical_dates._linkedin_column(_cells.cells(values))
        assert read is not None
        assert read.tolist() == days.to_numpy().astype("datetime64[s]").tolist()
        assert _canonical_dates._linkedin_column(
            _cells.cells([*values[:-1], "31 Feb 2023"])) is None


@BOUNDED
@given(st.lists(st.one_of(st.just(""), cell), max_size=10))
def test_text_arrays_match_pandas_from_none(values: list[str]) -> None:
    dtype = pd.StringDtype()
    expected = pd.array([v or None for v in values], dtype=dtype)
    pd.testing.assert_extension_array_equal(_canonical._text_array(values, dtype), expected)
    array = np.array(values, dtype=object)
    pd.testing.assert_extension_array_equal(_canonical._text_array(values, dtype, array),
                                            expected)
    assert array.tolist() == values  # the raw array is left as it was


slug = st.text(st.sampled_from(list("abcXYZ-\u00e9\u00d6\u03a3\u00df/?#")), min_size=1,
               max_size=6)
linkedin_row = st.tuples(name_part, name_part,
                         st.builds("https://www.linkedin.com/in/{}".format, slug),
                         st.sampled_from(["", "", "A@B.c", "mailto:x@y.z"]),
                         st.sampled_from(["01 Jan 2020", "2020-02-29", "31 Feb 2020", ""]))


@BOUNDED
@given(st.lists(linkedin_row, min_size=1, max_size=8))
def test_linkedin_shaped_columns_agree_with_the_reference(rows: list[tuple]) -> None:
    """Every URL a LinkedIn one: the column-at-once paths for URLs, ids and names."""
    dicts = [{"name": None, "first_name": first, "last_name": last, "email": email,
              "phone": "", "company": "", "url": url, "connected_on": day}
             for first, last, url, email, day in rows]
    raw = pd.DataFrame(dicts, columns=["first_name", "last_name", "url", "email",
                                       "connected_on"])
    fast = canonicalise(raw, "test")
    reference = _reference(dicts)
    for column in ("name", "first_name", "last_name", "email", "url", "contact_id"):
        assert [None if pd.isna(v) else v for v in fast[column]] == reference[column], column
    # "named" lets the import skip its search for rows without a name: never wrongly.
    if fast.attrs.get("named"):
        assert None not in reference["name"]
    assert [None if pd.isna(v) else v for v in fast["connected_on"]] == reference["connected_on"]


@BOUNDED
@given(st.lists(st.text(max_size=8), max_size=6))
def test_keys_hash_alike_as_text_or_utf8_bytes(keys: list[str]) -> None:
    assert hash_keys([key.encode("utf-8") for key in keys]) == hash_keys(keys)


@BOUNDED
@given(st.lists(st.one_of(st.none(), st.builds(
    "{}{}{}".format, st.sampled_from(["https://www.linkedin.com/in/", "HTTPS://WWW.LinkedIn.com/in/",
                                       "https://example.org/", ""]),
    slug, st.sampled_from(["", "/"]))), max_size=6))
def test_distinct_linkedin_check_agrees_with_a_row_at_a_time_reference(
        urls: list[str | None]) -> None:
    frame = pd.DataFrame({"url": pd.array(urls, dtype=pd.StringDtype())})
    lowered = [url.lower() for url in urls if url is not None]
    expected = (len(lowered) == len(urls)
                and all(low.startswith("https://www.linkedin.com/") and not low.endswith("/")
                        for low in lowered)
                and len(set(lowered)) == len(lowered))
    assert all_distinct_linkedin(frame) == expected


def test_a_nul_inside_an_address_does_not_shift_the_ids() -> None:
    rows = [{"name": None, "first_name": "Ada", "last_name": "Okafor", "email": "",
             "phone": "", "company": "", "connected_on": "",
             "url": "https://www.linkedin.com/in/a\x00b"},
            {"name": None, "first_name": "Jun", "last_name": "Khan", "email": "", "phone": "",
             "company": "", "connected_on": "", "url": "https://www.linkedin.com/in/Jun"}]
    raw = pd.DataFrame(rows, columns=["first_name", "last_name", "url"])
    assert canonicalise(raw, "test")["contact_id"].tolist() == _reference(rows)["contact_id"]


@BOUNDED
@given(st.lists(st.tuples(st.sampled_from(["https://www.linkedin.com/in/", "https://WWW.linkedin.com/in/",
                                           "https://example.org/", ""]),
                          slug, st.sampled_from(["", "/", "?x=1"])), max_size=6))
def test_the_ids_distinct_linkedin_answer_is_the_duplicate_checks(
        parts: list[tuple[str, str, str]]) -> None:
    # canonicalise learns it while making ids; the duplicate check then skips its own.
    raw = pd.DataFrame({"first_name": ["Ada"] * len(parts), "last_name": ["Okafor"] * len(parts),
                        "url": ["".join(p) for p in parts]}, dtype=object)
    frame = canonicalise(raw, "linkedin")
    said = frame.attrs.get("distinct_linkedin", False)
    assert said == (len(parts) > 0 and all_distinct_linkedin(frame))


def test_a_linkedin_export_is_known_distinct_and_a_repeat_is_not() -> None:
    urls = ["https://www.linkedin.com/in/ada-okafor", "https://www.linkedin.com/in/björn-müller"]
    raw = pd.DataFrame({"first_name": ["Ada", "Björn"], "last_name": ["Okafor", "Müller"],
                        "url": urls}, dtype=object)
    assert canonicalise(raw, "linkedin").attrs["distinct_linkedin"] is True
    assert canonicalise(raw, "linkedin").attrs["named"] is True  # both names there
    raw.loc[1, "last_name"] = " "
    assert "named" not in canonicalise(raw, "linkedin").attrs
    raw.loc[1, "last_name"] = "Müller"
    raw["url"] = [urls[0], "https://www.linkedin.com/in/ADA-Okafor"]  # one person, twice
    assert "distinct_linkedin" not in canonicalise(raw, "linkedin").attrs


def test_contact_ids_stay_the_ids_saved_workbooks_hold() -> None:
    # Pinned from main at af02992: building the key column differently must not move an id.
    names = ["Ada Okafor", "Björn Müller", "", "Σωκράτης", "Ada Okafor", "李雷"]
    emails = ["", "bjorn@example.org", "", "", "ada@example.org", ""]
    urls = ["https://www.linkedin.com/in/Ada-Okafor-" + "x" * 40, "", "",
            "https://example.org/sokrates", "", "https://www.linkedin.com/in/%E6%9D%8E"]
    companies = ["Acme Ltd", "", "", "Ἀκαδημία", "Acme", ""]
    mixed = ["c914de31be147551", "c381b4356687c498", "c446c0fec96113ba", "c6119fcbd205a7e1",
             "cfc6b848f9cbd988", "c67f2bcbe74db022"]
    assert _canonical_ids.contact_ids(names, emails, urls, companies) == mixed
    assert [make_contact_id(*row) for row in zip(names, emails, urls, companies,
                                                 strict=True)] == mixed
    linkedin = ["https://www.linkedin.com/in/björn-müller",
                "https://www.linkedin.com/in/ADA-" + "o" * 40]
    assert _canonical_ids.contact_ids(["Björn Müller", "Ada Okafor"], ["", "ada@example.org"],
                                  linkedin, ["", "Acme"]) == ["cd1b613116e649dc",
                                                              "c030d376df3f0ab9"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.fixed_dictionaries({
        "name": st.one_of(st.none(), cell), "first_name": cell, "last_name": cell,
        "email": st.one_of(cell, st.just(" MAILTO:A@B.C ")), "phone": cell, "company": cell,
        "url": st.one_of(cell, st.just("linkedin.com/in/x/?a=1")),
        "connected_on": st.one_of(cell, st.just("12 Nov 2023"), st.just("3/25/2024"))}),
    linkedin_row.map(lambda row: {"name": None, "first_name": row[0], "last_name": row[1],
                                  "email": row[3], "phone": "", "company": "", "url": row[2],
                                  "connected_on": row[4]})), max_size=9))
def test_a_big_column_tidied_in_parts_gives_what_the_whole_column_gives(
        rows: list[dict]) -> None:
    """Cancel needs a tick every few hundred thousand rows, so a big file's columns are
    tidied, keyed and made into arrays in parts: here parts of two rows."""
    raw = pd.DataFrame(rows, columns=["name", "first_name", "last_name", "email", "phone",
                                      "company", "url", "connected_on"])
    whole = canonicalise(raw, "test")
    ticks: list[float] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical, "_TIDIED_PART", 2)
        patch.setattr(_canonical_ids, "ID_PART", 2)
        patch.setattr(_canonical_dates, "_PART", 2)
        parted = canonicalise(raw, "test", tick=ticks.append)
    pd.testing.assert_frame_equal(parted, whole)
    assert parted.attrs == whole.attrs
    assert ticks[-1] == 1.0
    assert all(later >= earlier - 1e-9 for earlier, later in itertools.pairwise(ticks))


def test_the_parts_of_a_big_plain_column_are_the_raw_column_itself() -> None:
    """A column no part changes keeps the raw column's own cells (no second copy)."""
    column = _cells.cells(pd.Series([f"Ana {n}" for n in range(7)], dtype=object))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical, "_TIDIED_PART", 3)
        kept = _canonical._kept(pd.Series(column.values, dtype=object))
        assert kept.joined == ""  # joined a part at a time instead
        assert _canonical._tidied(_canonical._texts, kept) is kept.values
        spaced = _canonical._kept(pd.Series([" Ana  Silva ", *column.values], dtype=object))
        assert _canonical._tidied(_canonical._texts, spaced) == ["Ana Silva", *column.values]


@BOUNDED
@given(st.lists(st.tuples(st.sampled_from(["", "Ana", "Rui \"Zé\"", "Wei\nZhang", "Lee,Jo"]),
                          st.sampled_from(["", "Acme", "Smith\r\nJones", "x"]),
                          st.sampled_from(["row", "blank", "ragged"])), max_size=8),
       st.booleans())
def test_rows_are_found_on_the_lines_the_csv_module_counts(
        rows: list[tuple[str, str, str]], ends_with_newline: bool) -> None:
    """A file whose every row is one line keeps no text for line numbers, and finds its
    rows on the lines the kept text gave; line ends inside quotes, blank and ragged lines
    keep the text, as before."""
    from networking_kit.importers import _table
    from networking_kit.importers._text import normalise_newlines
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Name", "Company"])
    for name, company, kind in rows:
        if kind == "blank":
            buffer.write("\n")
        writer.writerow([name, company] + (["extra", "cells"] if kind == "ragged" else []))
    text = normalise_newlines(buffer.getvalue())
    if not ends_with_newline:
        text = text.rstrip("\n") or text
    table = _table.read_delimited(text, ",", "t.csv", first_line=3)
    one_line = all(kind == "row" and "\n" not in name + company for name, company, kind in rows)
    if one_line:
        assert table._one_line_rows is not None
        assert table._text == ""
    if table._one_line_rows is not None:  # else the table is made as it always was
        kept = _table.Table(table.header, table.frame, "t.csv", 3, _text=text)
        assert [table.line_of(i) for i in range(len(table.frame) + 1)] == \
            [kept.line_of(i) for i in range(len(table.frame) + 1)]


@BOUNDED
@given(st.binary(max_size=200).map(lambda b: b.replace(b"\x01", b"\n")), st.integers(0, 220),
       st.integers(0, 220), st.integers(1, 9))
def test_line_ends_are_counted_as_bytes_count_them(data: bytes, start: int, end: int,
                                                   scanned: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_table, "_SCANNED", scanned)
        assert _table._line_ends(data, start, min(end, len(data))) == \
            data.count(b"\n", start, min(end, len(data)))
