"""The sample participant: regenerable, synthetic, believable, and safe to switch off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from networking_kit.contacts import DUNBAR_LAYERS, normalise_contacts, validate_contacts
from networking_kit.samples import (
    SAMPLE_FILE,
    SAMPLE_TODAY,
    generate_sample_contacts,
    load_sample_contacts,
    samples_dir,
    write_sample_files,
)
from networking_kit.steps.sample import drop_sample, use_sample
from networking_kit.store import Workbook


def test_committed_sample_is_exactly_what_the_seeded_script_writes(tmp_path: Path) -> None:
    regenerated = write_sample_files(tmp_path).read_bytes()
    assert regenerated == (samples_dir() / SAMPLE_FILE).read_bytes()


def test_sample_is_valid_and_about_150_people_with_a_believable_spread() -> None:
    sample = generate_sample_contacts()
    assert validate_contacts(sample) == []
    assert 140 <= len(sample) <= 160
    assert sample["name"].is_unique
    counts = sample["strength"].value_counts()
    assert counts["closest"] <= DUNBAR_LAYERS["closest"]
    assert counts["closest"] < counts["close"] < counts["regular"] < counts["known"]
    assert sample["context"].nunique() >= 8
    assert sample["company"].nunique() >= 10
    closest_days = (pd.Timestamp(SAMPLE_TODAY) - sample.loc[
        sample["strength"] == "closest", "last_contact"]).dt.days
    dormant_days = (pd.Timestamp(SAMPLE_TODAY) - sample.loc[
        sample["strength"] == "dormant", "last_contact"]).dt.days
    assert closest_days.max() < dormant_days.min()


def test_sample_uses_only_reserved_example_domains_and_fiction_numbers() -> None:
    sample = generate_sample_contacts()
    domains = sample["email"].dropna().str.split("@").str[1]
    assert not domains.empty
    assert domains.str.contains(r"\.example\.(?:com|org|net)$").all()
    phones = sample["phone"].dropna()
    assert not phones.empty
    assert phones.str.match(r"^\+(441632960\d{3}|12025550\d{3})$").all()


def test_loading_moves_dates_so_the_sample_looks_current() -> None:
    later = load_sample_contacts(today=date(2027, 11, 1))
    original = generate_sample_contacts()
    shift = (later["last_contact"] - original["last_contact"]).dt.days
    assert set(shift) == {365}


def test_use_sample_fills_only_an_empty_workbook(workbook: Workbook) -> None:
    assert use_sample(workbook) == len(generate_sample_contacts())
    assert use_sample(workbook) == 0


def test_drop_sample_keeps_the_participants_own_contacts(workbook: Workbook) -> None:
    use_sample(workbook)
    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": "My Friend"}]),
                                              source="manual"))
    removed = drop_sample(workbook)
    assert removed == len(generate_sample_contacts())
    assert workbook.load_contacts()["name"].tolist() == ["My Friend"]
