"""The canonical contacts table: schema, normalising, validation, stable ids."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.contacts import (
    COLUMN_NAMES,
    DUNBAR_LAYERS,
    ContactImportError,
    ContactValidationError,
    Context,
    TieStrength,
    empty_contacts,
    make_contact_id,
    normalise_contacts,
    parse_date,
    split_name,
    tidy_email,
    tidy_phone,
    tidy_url,
    to_canonical,
    validate_contacts,
)


def test_empty_table_has_every_column_with_its_dtype() -> None:
    table = empty_contacts()
    assert tuple(table.columns) == COLUMN_NAMES
    assert table["strength"].dtype.ordered
    assert str(table["last_contact"].dtype) == "datetime64[s]"
    assert str(table["email"].dtype) == "string"


def test_tie_strength_is_ordered_from_dormant_to_closest() -> None:
    table = normalise_contacts(pd.DataFrame(
        {"name": ["A", "B", "C"], "strength": ["known", "closest", "dormant"]}))
    assert list(table.sort_values("strength")["name"]) == ["C", "A", "B"]
    assert (table["strength"] >= TieStrength.KNOWN.value).tolist() == [True, True, False]


def test_dunbar_layers_grow_by_about_three() -> None:
    assert list(DUNBAR_LAYERS.values()) == [5, 15, 50, 150]


def test_every_vocabulary_member_has_a_plain_label() -> None:
    labels = [member.label for member in (*TieStrength, *Context)]
    assert labels
    assert all(label and label[0].isupper() for label in labels)


def test_normalising_fills_names_both_ways_and_tidies_values() -> None:
    table = normalise_contacts(pd.DataFrame([
        {"first_name": "  Ada ", "last_name": "Lovelace", "email": " ADA@Example.COM ",
         "strength": "Close", "context": "Former colleague", "connected_on": "12 Nov 2023"},
        {"name": "Grace  Hopper, PhD", "phone": "0044 (0)20 7946-0000"},
    ]), source="manual")
    first, second = table.to_dict("records")
    assert first["name"] == "Ada Lovelace"
    assert first["email"] == "ada@example.com"
    assert first["strength"] == "close"
    assert first["context"] == "former_colleague"
    assert first["connected_on"] == pd.Timestamp("2023-11-12")
    assert first["source"] == "manual"
    assert (second["first_name"], second["last_name"]) == ("Grace", "Hopper")
    assert second["phone"] == "+4402079460000"


@pytest.mark.parametrize(("raw", "expected"), [
    ("+1 (202) 555-0143", "+12025550143"),
    ("0044 20 7946 0000", "+442079460000"),
    ("020 7946 0000 ext. 12", "02079460000 x12"),
    ("", None),
    ("n/a", None),
])
def test_phone_numbers_keep_digits_and_a_leading_plus(raw: str, expected: str | None) -> None:
    assert tidy_phone(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("linkedin.com/in/jane-doe/", "https://www.linkedin.com/in/jane-doe"),
    ("http://www.linkedin.com/in/jane-doe?trk=x", "https://www.linkedin.com/in/jane-doe"),
    ("https://example.org/me", "https://example.org/me"),
])
def test_urls_get_a_scheme_and_linkedin_urls_one_form(raw: str, expected: str) -> None:
    assert tidy_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("12 Nov 2023", "2023-11-12"),
    ("2023-11-12", "2023-11-12"),
    ("2023-11-12T08:30:00Z", "2023-11-12"),
    ("12 November 2023", "2023-11-12"),
    ("Nov 12, 2023", "2023-11-12"),
    ("31/12/2023", "2023-12-31"),
    ("12.11.2023", "2023-11-12"),
])
def test_dates_in_the_forms_exports_use(raw: str, expected: str) -> None:
    assert parse_date(raw) == pd.Timestamp(expected)


@pytest.mark.parametrize("raw", ["", "soon", "99/99/9999", "1 Jan 1066", "today", "now"])
def test_unreadable_dates_become_blank_rather_than_failing(raw: str) -> None:
    assert parse_date(raw) is None


def test_email_drops_mailto_and_case() -> None:
    assert tidy_email("mailto:Someone@Example.ORG") == "someone@example.org"


def test_split_name_keeps_credentials_out_of_the_family_name() -> None:
    assert split_name("Jane Doe, PhD") == ("Jane", "Doe")
    assert split_name("Prince") == ("Prince", None)
    assert split_name("Mary Ann van Dyke") == ("Mary Ann van", "Dyke")


def test_contact_id_is_stable_and_prefers_linkedin_then_email_then_name() -> None:
    url = "https://www.linkedin.com/in/jane-doe"
    by_url = make_contact_id("Jane Doe", "jane@example.com", url, "Acme")
    assert by_url == make_contact_id("J. Doe", None, url, None)
    by_email = make_contact_id("Jane Doe", "jane@example.com", None, "Acme")
    assert by_email == make_contact_id("Janie", "jane@example.com", None, None)
    assert by_email != by_url
    by_name = make_contact_id("Zoë Müller", None, None, "Acme Ltd")
    assert by_name == make_contact_id("zoe muller", None, None, "ACME ltd.")


def test_validation_names_each_problem_with_its_row() -> None:
    table = normalise_contacts(pd.DataFrame([{"name": "A"}, {"name": "B"}]))
    table.loc[1, "name"] = pd.NA
    table.loc[1, "contact_id"] = table.loc[0, "contact_id"]
    problems = validate_contacts(table)
    assert "row 2: the contact has no name" in problems
    assert any("appears more than once" in p for p in problems)


def test_validation_reports_missing_columns() -> None:
    assert validate_contacts(pd.DataFrame({"name": ["A"]}))[0].startswith("missing columns")


def test_to_canonical_refuses_values_outside_the_vocabulary() -> None:
    with pytest.raises(ContactValidationError) as caught:
        to_canonical(pd.DataFrame([{"name": "A", "strength": "bestie"}]))
    assert "row 1: strength 'bestie' is not one of" in str(caught.value)


def test_contact_import_error_is_a_value_error_naming_file_and_line() -> None:
    error = ContactImportError("this file is empty.", file="Connections.csv", line=1)
    assert isinstance(error, ValueError)
    assert str(error) == "Connections.csv, line 1: this file is empty."


@settings(max_examples=100, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "name": st.text(min_size=1, max_size=30),
    "email": st.one_of(st.none(), st.emails()),
    "company": st.one_of(st.none(), st.text(max_size=20)),
    "notes": st.one_of(st.none(), st.text(max_size=50)),
}), max_size=8))
def test_normalising_any_text_keeps_every_row_and_the_schema(rows: list[dict]) -> None:
    table = normalise_contacts(pd.DataFrame(rows, columns=["name", "email", "company", "notes"]))
    assert len(table) == len(rows)
    assert tuple(table.columns) == COLUMN_NAMES
    assert table["contact_id"].notna().all()


def test_field_value_checks_one_edit_the_way_the_table_would() -> None:
    from datetime import date

    from networking_kit.contacts import field_value

    assert field_value("strength", "Close — people I trust and talk to often") == "close"
    assert field_value("last_contact", date(2026, 11, 2)) == "2026-11-02"
    assert field_value("last_contact", "12 Nov 2023") == "2023-11-12"
    assert field_value("last_contact", "") is None
    assert field_value("email", " A@B.ORG ") == "a@b.org"
    assert field_value("notes", "   ") is None
    for column, value in (("strength", "bestie"), ("last_contact", "someday"), ("name", " "),
                          ("contact_id", "x"), ("favourite_colour", "red")):
        with pytest.raises(ContactValidationError):
            field_value(column, value)


def _imports(module: str) -> set[str]:
    """The networking_kit modules ``module`` imports, at its top or inside a function."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    assert spec is not None
    assert spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module}
    found |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
              for alias in node.names}
    return {name for name in found if name.startswith("networking_kit")}


def test_contacts_and_its_fast_path_do_not_import_each_other() -> None:
    """contacts builds on _canonical, and both on contact_fields: no import circle."""
    assert "networking_kit._canonical" in _imports("networking_kit.contacts")
    assert "networking_kit.contact_fields" in _imports("networking_kit._canonical")
    for module in ("networking_kit._canonical", "networking_kit._canonical_dates",
                   "networking_kit._cells", "networking_kit.contact_fields"):
        assert "networking_kit.contacts" not in _imports(module)
    assert _imports("networking_kit.contact_fields") == {"networking_kit.vocab"}
