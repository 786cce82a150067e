"""Google CSV, outlook.com CSV, Apple CSV and hand-made sheets in the 13 languages people
export in: one small fresh file per language and source (fictional people, the same as in
test_importers_languages), each asserting every field it carries. Portugal's
Thunderbird is here too (its names differ from Brazil's).

The header names are written out here, not read from headers/*.toml, so that a change
to a vocabulary file that loses a language shows up as a failing test.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from test_importers_languages import PEOPLE

from networking_kit.importers import read_contacts

# Google writes English column names whatever the language (see en.toml's seen lines).
GOOGLE = ("First Name", "Middle Name", "Last Name", "File As", "Organization Name",
          "Organization Title", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
          "Phone 1 - Label", "Phone 1 - Value", "Notes")

# Outlook on the web (outlook.com) writes these English names (see en.toml's seen lines).
OUTLOOK_WEB = ("First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname",
               "Given Yomi", "Surname Yomi", "E-mail Address", "E-mail 2 Address",
               "Mobile Phone", "Business Phone", "Job Title", "Company", "Web Page", "Notes")

APPLE = {  # first, last, e-mail (home), mobile, company, job, note
    "en": ("First name", "Last name", "Email (home)", "Phone (mobile)", "Company", "Job title",
           "Note"),
    "de": ("Vorname", "Nachname", "E-Mail (privat)", "Telefon (mobil)", "Firma", "Tätigkeit",
           "Notiz"),
    "fr": ("Prénom", "Nom", "E-mail (domicile)", "Téléphone (portable)", "Société", "Fonction",
           "Notes"),
    "es": ("Nombre", "Apellidos", "Correo (casa)", "Teléfono (móvil)", "Empresa", "Cargo",
           "Notas"),
    "it": ("Nome", "Cognome", "E-mail (casa)", "Telefono (cellulare)", "Azienda", "Qualifica",
           "Note"),
    "pt": ("Nome", "Sobrenome", "E-mail (casa)", "Telefone (celular)", "Empresa", "Cargo",
           "Notas"),
    "nl": ("Voornaam", "Achternaam", "E-mail (thuis)", "Telefoon (mobiel)", "Bedrijf",
           "Functie", "Notitie"),
    "pl": ("Imię", "Nazwisko", "E-mail (dom)", "Telefon (komórkowy)", "Firma", "Stanowisko",
           "Notatka"),
    "sv": ("Förnamn", "Efternamn", "E-post (hem)", "Telefon (mobil)", "Företag", "Befattning",
           "Anteckning"),
    "tr": ("Ad", "Soyadı", "E-posta (ev)", "Telefon (cep)", "Şirket", "Görevi", "Not"),
    "ja": ("姓", "名", "メール（自宅）", "電話（携帯）", "会社", "役職", "メモ"),
    "zh": ("姓", "名", "电子邮件（家庭）", "电话（手机）", "公司", "职位", "备注"),
    "ko": ("성", "이름", "이메일(집)", "전화(휴대전화)", "회사", "직책", "메모"),
}
FAMILY_COLUMN_FIRST = {"ja", "zh", "ko"}  # Apple's CJK labels put the family name first

GENERIC = {  # a hand-made sheet: full name, e-mail, phone, company, job, date met, notes
    "en": ("Full Name", "Email", "Phone", "Company", "Job Title", "Met On", "Notes"),
    "de": ("Vollständiger Name", "E-Mail", "Handy", "Firma", "Beruf", "Kennengelernt am",
           "Bemerkung"),
    "fr": ("Nom complet", "Courriel", "Téléphone", "Entreprise", "Poste", "Rencontré le",
           "Remarques"),
    "es": ("Nombre completo", "Correo electrónico", "Móvil", "Empresa", "Puesto", "Fecha",
           "Comentarios"),
    "it": ("Nome completo", "Posta elettronica", "Cellulare", "Azienda", "Ruolo", "Data",
           "Commenti"),
    "pt": ("Nome completo", "E-mail", "Telemóvel", "Empresa", "Função", "Data", "Observações"),
    "nl": ("Volledige naam", "E-mailadres", "Mobiel", "Bedrijf", "Beroep", "Datum",
           "Opmerkingen"),
    "pl": ("Imię i nazwisko", "E-mail", "Komórka", "Firma", "Stanowisko", "Data", "Uwagi"),
    "sv": ("Fullständigt namn", "E-post", "Mobil", "Företag", "Yrke", "Datum", "Kommentar"),
    "tr": ("Ad Soyad", "E-posta", "Cep Telefonu", "Şirket", "Görev", "Tarih", "Açıklama"),
    "ja": ("氏名", "メールアドレス", "携帯電話", "会社名", "役職", "日付", "備考"),
    "zh": ("姓名", "电子邮件", "手机", "公司", "职位", "日期", "备注"),
    "ko": ("성명", "이메일", "휴대폰", "회사", "직책", "날짜", "비고"),
}


def _csv(header: tuple[str, ...], *rows: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _digits(phone: str) -> str:
    return "+" + "".join(ch for ch in phone if ch.isdigit())


def _from_parts(language: str) -> str:
    """The name the import writes from a given and a family name column: family name
    first, with no space, in Chinese, Japanese and Korean (found by a tester: 芳 王)."""
    given, family = PEOPLE[language][:2]
    return f"{family}{given}" if language in ("ja", "zh", "ko") else f"{given} {family}"


def _full(language: str) -> str:
    """The name as written in full: family name first, without a space, in Chinese and
    Japanese; family name first with a space in Korean."""
    given, family = PEOPLE[language][:2]
    if language in ("ja", "zh"):
        return f"{family}{given}"
    return f"{family} {given}" if language == "ko" else f"{given} {family}"


def _only(frame: pd.DataFrame) -> dict[str, object]:
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


@pytest.mark.parametrize("language", sorted(PEOPLE))
def test_google_csv_with_a_person_of_every_language(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    frame = read_contacts(_csv(GOOGLE, (
        given, "", family, "", company, position, "* myContacts", "* Work", email, "Mobile",
        phone, "Met at the autumn meetup")), name=f"contacts_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "google"
    assert (row["first_name"], row["last_name"], row["company"], row["position"],
            row["email"], row["phone"], row["notes"]) == (
        given, family, company, position, email, _digits(phone), "Met at the autumn meetup")
    assert row["name"] == _from_parts(language)
    assert pd.isna(row["url"])
    assert pd.isna(row["connected_on"])


@pytest.mark.parametrize("language", sorted(PEOPLE))
def test_outlook_com_csv_with_a_person_of_every_language(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    frame = read_contacts(_csv(OUTLOOK_WEB, (
        given, "", family, "", "", "", "", "", email, "", phone, "", position, company,
        "example.org/team", "Shares a running club")), name=f"outlook_com_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["first_name"], row["last_name"], row["email"], row["phone"], row["position"],
            row["company"], row["url"], row["notes"]) == (
        given, family, email, _digits(phone), position, company, "https://example.org/team",
        "Shares a running club")
    assert row["name"] == _from_parts(language)
    assert pd.isna(row["connected_on"])
    assert frame.attrs["notes"] == []


@pytest.mark.parametrize("language", sorted(APPLE))
def test_apple_csv_in_every_language(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    header = APPLE[language]
    names = (family, given) if language in FAMILY_COLUMN_FIRST else (given, family)
    frame = read_contacts(_csv(header, (*names, email, phone, company, position,
                                        "Sings in a choir")), name=f"apple_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "generic"  # a known table, not an export of ours
    assert (row["first_name"], row["last_name"], row["email"], row["phone"], row["company"],
            row["position"], row["notes"]) == (
        given, family, email, _digits(phone), company, position, "Sings in a choir")
    assert row["name"] == _from_parts(language)
    assert set(frame.attrs["columns_used"]) == set(header)


@pytest.mark.parametrize("language", sorted(GENERIC))
def test_hand_made_sheet_in_every_language(language: str) -> None:
    _, _, company, position, email, phone, written = PEOPLE[language]
    header = GENERIC[language]
    frame = read_contacts(_csv(header, (_full(language), email, phone, company, position,
                                        written, "Asked about mentoring")),
                          name=f"sheet_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "generic"
    assert (row["name"], row["email"], row["phone"], row["company"], row["position"],
            str(row["connected_on"].date()), row["notes"]) == (
        _full(language), email, _digits(phone), company, position, "2024-03-04",
        "Asked about mentoring")
    assert set(frame.attrs["columns_used"]) == set(header)
    given, family = PEOPLE[language][:2]
    # A Japanese name written without a space cannot be split safely: it is kept whole.
    assert (row["first_name"], row["last_name"]) == (
        (None, None) if language == "ja" else (given, family))


def test_thunderbird_from_portugal() -> None:
    header = ("Nome", "Apelido", "Nome exibido", "Email primário", "Número de telemóvel",
              "Organização", "Profissão", "Página web 1", "Notas")
    frame = read_contacts(_csv(header, (
        "Beatriz", "Lopes", "Beatriz Lopes", "beatriz.lopes@example.pt", "+351 934 567 890",
        "Vinha Nova Lda", "Enóloga", "https://example.pt/beatriz", "Prova de vinhos em maio")),
        name="livro_de_enderecos.csv")
    row = _only(frame)
    assert (row["name"], row["first_name"], row["last_name"], row["email"], row["phone"],
            row["company"], row["position"], row["url"], row["notes"]) == (
        "Beatriz Lopes", "Beatriz", "Lopes", "beatriz.lopes@example.pt", "+351934567890",
        "Vinha Nova Lda", "Enóloga", "https://example.pt/beatriz", "Prova de vinhos em maio")
    assert frame.attrs["columns_ignored"] == []
