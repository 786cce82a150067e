"""``networking-kit import``: --columns when the columns are not recognised, and the
import report's lines (dates guessed, columns read and not read) on the command line;
``networking-kit duplicates``: possible duplicates listed, combined or kept apart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from networking_kit import cli
from networking_kit.store import open_workbook


def test_columns_option_says_which_column_is_which(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "annuaire.csv"
    export.write_text("Qui;Courriel;Boîte;Rencontre\nNadia Benali;nadia@example.fr;Arbre Bleu;"
                      "Salon de Lyon\n", encoding="utf-8")
    db = tmp_path / "w.sqlite"
    assert cli.main(["import", str(export), "--db", str(db)]) == 1
    assert "none of the columns looks like a name" in capsys.readouterr().err
    assert cli.main(["import", str(export), "--db", str(db),
                     "--columns", "name=Qui,email=Courriel,company=Boîte"]) == 0
    out = capsys.readouterr().out
    assert "added 1" in out
    assert "Columns read: Qui, Courriel, Boîte." in out
    assert "Columns not read: Rencontre." in out
    # Not "the workbook has no place for them": it does keep when you last spoke, how
    # close you are and where you met (a fresh tester's "Last contact" column read so).
    assert "no place" not in out
    assert "are set in step 2" in out
    with open_workbook(db) as workbook:
        saved = workbook.load_contacts().iloc[0]
    assert (saved["name"], saved["email"], saved["company"]) == (
        "Nadia Benali", "nadia@example.fr", "Arbre Bleu")
    later = tmp_path / "annuaire-2.csv"  # the same columns: the choice is remembered
    later.write_text("Qui;Courriel;Boîte;Rencontre\nYves Roche;yves@example.fr;Roche SA;\n",
                     encoding="utf-8")
    assert cli.main(["import", str(later), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "added 1" in out
    assert ("The columns were read as you chose them for the last file with these column "
            "names: name=Qui, email=Courriel, company=Boîte.") in out



def test_columns_option_with_commas_case_and_mistakes_found_by_a_tester(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "kontakte.csv"
    export.write_text('"Vorname","Nachname","Kennengelernt, wann"\n"Anna","Berg","12.11.2023"\n',
                      encoding="utf-8")
    db = tmp_path / "w.sqlite"
    unknown = tmp_path / "liste.csv"
    unknown.write_text("Wer;Wo\nAnna Berg;Nordwind\n", encoding="utf-8")
    assert cli.main(["import", str(unknown), "--db", str(db)]) == 1
    assert "--columns" in capsys.readouterr().err  # the way out, said where it is needed
    assert cli.main(["import", str(export), "--db", str(db), "--columns",
                     "first_name=Vorname,last_name=Zuname"]) == 1
    assert ("there is no column called 'Zuname' in this file. Its columns are: Vorname, "
            "Nachname, Kennengelernt, wann. If that first row is a person, not column "
            "names, call the columns Column 1, Column 2 and so on.") in capsys.readouterr().err
    people = tmp_path / "ohne_kopf.csv"  # no header row, no e-mail (found by a tester)
    people.write_text("Greta Lind,Lind AB\nPavel Novak,Novak sro\n", encoding="utf-8")
    assert cli.main(["import", str(people), "--db", str(tmp_path / "other.sqlite"),
                     "--columns", "name=Column 1,company=Column 2"]) == 0
    assert "added 2" in capsys.readouterr().out
    assert cli.main(["import", str(export), "--db", str(db), "--columns",
                     "first_name=Vorname,last_name=Vorname"]) == 1
    assert "is chosen for first_name and last_name" in capsys.readouterr().err
    assert cli.main(["import", str(export), "--db", str(db), "--columns",
                     "first_name=vorname,last_name=NACHNAME,connected_on=Kennengelernt, wann"]
                    ) == 0
    assert "Columns read: Vorname, Nachname, “Kennengelernt, wann”." in capsys.readouterr().out
    with open_workbook(db) as workbook:
        saved = workbook.load_contacts().iloc[0]
    assert (saved["name"], str(saved["connected_on"].date())) == ("Anna Berg", "2023-11-12")


def test_a_malformed_columns_option_is_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "x.csv"
    export.write_text("Qui\nNadia\n", encoding="utf-8")
    assert cli.main(["import", str(export), "--db", str(tmp_path / "w.sqlite"),
                     "--columns", "name"]) == 1
    assert "should be FIELD=COLUMN" in capsys.readouterr().err


def test_guessed_date_order_is_reported(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ana,Lopes,,,Mar,Chef,03/04/2024\n", encoding="utf-8")
    assert cli.main(["import", str(export), "--db", str(tmp_path / "w.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "read month-first (03/04/2024 is 4 March), as English files usually write " \
           "them" in out


def test_duplicates_lists_combines_and_keeps_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    first = tmp_path / "first.csv"
    first.write_text("Name,Company,Phone\nJane Doe,Fernhill,\nWei Zhang,Huawei,+86 10 5555 0101\n",
                     encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text('Name,Company,Phone\n"Doe, Jane",Fernhill,+44 20 7946 0018\n'
                      '"Zhang, Wei",Huawei,+86 10 5555 0199\n', encoding="utf-8")
    assert cli.main(["import", str(first), "--db", db]) == 0
    assert cli.main(["import", str(second), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "added 2, updated 0" in out
    assert out.count("Possibly the same person") == 2
    assert cli.main(["duplicates", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert ("  1. Jane Doe and Doe, Jane (Fernhill): the same name at the same "
            "organisation") in listed
    assert "  2. Wei Zhang and Zhang, Wei (Huawei)" in listed
    # what tells each pair apart, under it: Jane's first record has no phone to differ
    assert ("organisation\n     Nothing they both hold differs. Only the second has Phone: "
            "+442079460018.\n  2.") in listed
    assert "They differ in Phone: +8610" in listed
    assert cli.main(["duplicates", "--db", db, "--combine", "9"]) == 1
    assert "no pair 9" in capsys.readouterr().err
    assert cli.main(["duplicates", "--db", db, "--combine", "1"]) == 0
    assert "restore-backup 1" in capsys.readouterr().out
    assert cli.main(["duplicates", "--db", db, "--keep-apart", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["duplicates", "--db", db]) == 0
    assert "No possible duplicates" in capsys.readouterr().out
    with open_workbook(Path(db)) as workbook:
        saved = workbook.load_contacts()
    assert sorted(saved["name"]) == ["Jane Doe", "Wei Zhang", "Zhang, Wei"]
    assert saved.set_index("name").loc["Jane Doe", "phone"] == "+442079460018"
    assert cli.main(["--db", db, "restore-backup", "1", "--yes"]) == 0
    with open_workbook(Path(db)) as workbook:
        assert workbook.count_contacts() == 4


def _people_csv(path: Path, rows: int) -> Path:
    path.write_text("Name,Email\n" + "".join(
        f"Person {n},p{n}@example.org\n" for n in range(rows)), encoding="utf-8")
    return path


def test_a_big_file_shows_its_progress_on_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "PROGRESS_BYTES", 100)
    export = _people_csv(tmp_path / "people.csv", 50)
    assert cli.main(["import", str(export), "--db", str(tmp_path / "mine.sqlite")]) == 0
    shown = capsys.readouterr().err.splitlines()
    assert shown[0].startswith("  0% Reading the file")
    assert "Ctrl-C stops it" in shown[0]
    assert shown[-1] == "100% Done."
    percents = [int(line[:3]) for line in shown]
    assert percents == sorted(percents)
    assert " 55% Read 50 rows. Looking for people listed twice…" in shown
    assert " 90% Saving 50 new or changed contacts…" in shown


def test_ctrl_c_during_an_import_leaves_the_workbook_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from networking_kit.store import Workbook

    db = tmp_path / "mine.sqlite"
    first = _people_csv(tmp_path / "first.csv", 5)
    assert cli.main(["import", str(first), "--db", str(db)]) == 0
    real = Workbook.add_contacts

    def interrupted(self: Workbook, frame: pd.DataFrame) -> int:
        real(self, frame)
        raise KeyboardInterrupt  # Ctrl-C once the rows are written, before the commit

    monkeypatch.setattr(Workbook, "add_contacts", interrupted)
    more = _people_csv(tmp_path / "more.csv", 40)
    assert cli.main(["import", str(more), "--db", str(db)]) == 130
    assert "Nothing was imported" in capsys.readouterr().err
    with open_workbook(db) as workbook:
        assert workbook.count_contacts() == 5
