"""Fields read from organisation, job title, tags and notes (issue 15, item 1)."""

from __future__ import annotations

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.fields import (
    counted_sentence,
    field_candidates,
    field_for,
    load_fields,
    match_field,
    people_of,
    stem,
    with_field,
)


def _people(*rows: tuple[str, str]) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame(
        [{"name": f"P{i}", "company": c, "position": p} for i, (c, p) in enumerate(rows)]))


def test_every_field_names_its_source_and_aliases_lead_back_to_it() -> None:
    fields = load_fields()
    assert {"pharma", "health tech"} <= set(fields)
    for field in fields.values():
        assert field.source.strip()
        for alias in field.aliases:
            assert field_for(alias) is field
    assert field_for("Health  Tech") is fields["health tech"]
    assert field_for("basket weaving") is None


def test_stems_keep_four_letters() -> None:
    assert stem("Consulting") == "consult"
    assert stem("pharmaceuticals") == "pharmaceut"
    assert stem("tech") == "tech"
    assert stem("designs") == "design"


def test_well_known_organisations_and_title_words_find_the_field() -> None:
    people = _people(("Novartis", "Brand Manager"), ("F. Hoffmann-La Roche AG", "Analyst"),
                     ("Helix Pharma", "Engineer"), ("Lakeside Bank", "Regulatory Affairs Lead"),
                     ("Rochester Foods", "Buyer"), ("Lakeside Bank", "Pharmazeutin"),
                     ("Tessin Software", "Developer"))
    hit = match_field(people, "pharma")
    assert hit.tolist() == [True, True, True, True, False, True, False]


def test_short_words_match_whole_words_only() -> None:
    people = _people(("Orbit", "Head of Health IT"), ("Orbit", "Health Italy lead"))
    assert match_field(people, "health tech").tolist() == [True, False]


def test_a_field_outside_the_vocabulary_still_matches_as_typed() -> None:
    people = _people(("Saltmarsh", "Beekeeper"), ("Hive", "beekeeping adviser"))
    assert match_field(people, "beekeep").tolist() == [True, True]


def test_counted_sentence_names_the_organisations() -> None:
    people = _people(*[("Novartis", "x")] * 3, *[("Roche", "x")] * 2, ("Sanofi", "x"),
                     ("Bayer", "x"))
    assert counted_sentence(people, shown=2) == (
        "Counted: 3 at Novartis, 2 at Roche and 2 more at 2 other organisations.")
    assert counted_sentence(people.iloc[:0]) == ""


def test_candidates_are_the_top_organisations_and_title_words_not_yet_counted() -> None:
    people = _people(*[("Acme Labs", "Clinical Scientist")] * 3, ("Novartis", "Analyst"),
                     *[("Orbit", "Oncology Manager")] * 2, ("Solo Ltd", "Oncology Nurse"))
    found = field_candidates(people, "pharma")
    labels = [(c.kind, c.label, c.people) for c in found]
    assert ("organisation", "Acme Labs", 3) in labels
    assert ("organisation", "Orbit", 2) in labels
    assert ("title", "oncology", 3) in labels
    assert all(c.label != "Novartis" for c in found)
    assert ("title", "manager", 2) not in labels  # too common to say anything


def test_people_of_organisations_and_title_words_and_with_field() -> None:
    people = _people(("Acme Labs", "x"), ("acme labs ", "y"), ("Orbit", "Oncology Lead"),
                     ("Orbit", "Sales"))
    assert people_of(people, ["Acme Labs"], ["oncology"]).tolist() == [True, True, True, False]
    assert with_field(None, "Pharma") == "pharma"
    assert with_field("client;pharma", "pharma") == "pharma;client"


def test_a_few_rows_are_matched_as_many_are() -> None:
    """``match_field`` reads a few rows value by value (issue 11: an event's two new
    people) and many a distinct text at a time: both say the same of every row."""
    texts = ["Novartis", "Pharmaceutical sales", "pharmacist", "Pharma;biotech",
             "F. Hoffmann-La Roche", "roche bobois", None, "Phar", "R&D at PHARMAZEUTIN",
             "Software", "farm", "Big Pharma Ltd"]
    frame = normalise_contacts(pd.DataFrame({
        "name": [f"P{i}" for i in range(48)],
        "company": [texts[i % len(texts)] for i in range(48)],
        "position": [texts[(i * 5) % len(texts)] for i in range(48)],
        "notes": [texts[(i * 7) % len(texts)] for i in range(48)]}))
    for target in ("pharma", "Software ", "roche"):
        many = match_field(frame, target)
        few = pd.concat([match_field(frame.iloc[at:at + 3], target)
                         for at in range(0, len(frame), 3)])
        assert few.tolist() == many.tolist()
        assert 0 < many.sum() < len(frame)
