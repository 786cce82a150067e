"""Exports in the 13 languages people export in, one small fresh file per language and
source (fictional people), each asserting every field it carries; dates read in one
order for the whole column; the import report's lines for dates.

The header names are written out here, not read from headers/*.toml, so that a change
to a vocabulary file that loses a language shows up as a failing test.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from networking_kit.importers import guess_column_mapping, read_contacts

PEOPLE = {  # language: (given, family, company, position, e-mail, phone, date as written)
    "en": ("Ava", "Reed", "Brightwater Ltd", "Product Lead", "ava.reed@example.com",
           "+44 7700 900123", "03/04/2024"),
    "de": ("Anna", "Berg", "Nordwind AG", "Leiterin Vertrieb", "anna.berg@example.de",
           "+49 170 1234567", "04.03.2024"),
    "fr": ("Élodie", "Martin", "Atelier Lumière", "Directrice", "elodie.martin@example.fr",
           "+33 6 12 34 56 78", "04/03/2024"),
    "es": ("Lucía", "Navarro", "Soluciones Olivo", "Jefa de proyecto",
           "lucia.navarro@example.es", "+34 612 345 678", "04/03/2024"),
    "it": ("Giulia", "Ferri", "Studio Aurora", "Architetta", "giulia.ferri@example.it",
           "+39 312 345 6789", "04/03/2024"),
    "pt": ("Inês", "Moura", "Maré Digital", "Engenheira", "ines.moura@example.pt",
           "+351 912 345 678", "04/03/2024"),
    "nl": ("Sanne", "Visser", "Polder Data", "Analist", "sanne.visser@example.nl",
           "+31 6 12345678", "04-03-2024"),
    "pl": ("Zofia", "Wójcik", "Wisła Tech", "Kierowniczka", "zofia.wojcik@example.pl",
           "+48 512 345 678", "04.03.2024"),
    "sv": ("Astrid", "Lund", "Fjällbo AB", "Utvecklare", "astrid.lund@example.se",
           "+46 70 123 45 67", "2024-03-04"),
    "tr": ("Elif", "Aydın", "Boğaz Yazılım", "Mühendis", "elif.aydin@example.com.tr",
           "+90 532 123 45 67", "04.03.2024"),
    "ja": ("花子", "山田", "青空商事", "部長", "hanako.yamada@example.jp", "+81 90 1234 5678",
           "2024/03/04"),
    "zh": ("伟", "王", "长城科技", "经理", "wei.wang@example.cn", "+86 138 0013 8000",
           "2024/3/4"),
    "ko": ("지민", "김", "한빛소프트", "팀장", "jimin.kim@example.kr", "+82 10 1234 5678",
           "2024/03/04"),
}
FAMILY_FIRST = {"ja", "zh", "ko"}

LINKEDIN = {  # first, last, url, e-mail, company, position, connected on
    "en": ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
           "Connected On"),
    "de": ("Vorname", "Nachname", "URL", "E-Mail-Adresse", "Unternehmen", "Position",
           "Verbunden am"),
    "fr": ("Prénom", "Nom", "URL", "Adresse e-mail", "Entreprise", "Poste",
           "Date de connexion"),
    "es": ("Nombre", "Apellidos", "URL", "Dirección de correo electrónico", "Empresa",
           "Cargo", "Conectado el"),
    "it": ("Nome", "Cognome", "URL", "Indirizzo email", "Azienda", "Posizione",
           "Collegato il"),
    "pt": ("Nome", "Sobrenome", "URL", "Endereço de e-mail", "Empresa", "Cargo",
           "Conectado em"),
    "nl": ("Voornaam", "Achternaam", "URL", "E-mailadres", "Bedrijf", "Functie",
           "Verbonden op"),
    "pl": ("Imię", "Nazwisko", "URL", "Adres e-mail", "Firma", "Stanowisko",
           "Data nawiązania kontaktu"),
    "sv": ("Förnamn", "Efternamn", "URL", "E-postadress", "Företag", "Befattning",
           "Ansluten"),
    "tr": ("Ad", "Soyadı", "URL", "E-posta Adresi", "Şirket", "Pozisyon", "Bağlantı Tarihi"),
    "ja": ("名", "姓", "URL", "メールアドレス", "会社名", "役職", "つながった日"),
    "zh": ("名", "姓", "URL", "电子邮件地址", "公司", "职位", "建立联系日期"),
    "ko": ("이름", "성", "URL", "이메일 주소", "회사", "직책", "1촌 맺은 날짜"),
}

OUTLOOK = {  # courtesy title, first, last, company, position, e-mail, mobile, notes, web
    # The names Outlook writes (see the seen line of each language file for the source):
    # Spanish and Brazilian Outlook leave some of them in English.
    "en": ("Title", "First Name", "Last Name", "Company", "Job Title", "E-mail Address",
           "Mobile Phone", "Notes", "Web Page"),
    "de": ("Anrede", "Vorname", "Nachname", "Firma", "Position", "E-Mail-Adresse",
           "Mobiltelefon", "Notizen", "Webseite"),
    "fr": ("Titre", "Prénom", "Nom", "Société", "Profession", "Adresse de messagerie",
           "Tél. mobile", "Notes", "Page Web"),
    "es": ("Title", "Nombre", "Apellidos", "Organización", "Puesto", "E-mail Address",
           "Mobile Phone", "Notes", "Página web"),
    "it": ("Titolo", "Nome", "Cognome", "Società", "Posizione", "Indirizzo posta elettronica",
           "Cellulare", "Notes", "Pagina Web"),
    "pt": ("Tratamento", "Primeiro nome", "Sobrenome", "Empresa", "Cargo", "E-mail Address",
           "Telefone celular", "Anotações", "Página da Web"),
    "nl": ("Titel", "Voornaam", "Achternaam", "Bedrijf", "Functie", "E-mailadres",
           "Mobiele telefoon", "Notities", "Webpagina"),
    "pl": ("Tytuł", "Imię", "Nazwisko", "Firma", "Stanowisko", "Adres e-mail",
           "Telefon komórkowy", "Notatki", "Strona sieci Web"),
    "sv": ("Titel", "Förnamn", "Efternamn", "Företag", "Befattning", "E-postadress",
           "Mobiltelefon", "Anteckningar", "Webbsida"),
    "tr": ("Unvan", "İlk Adı", "Soyadı", "Şirket", "İş Unvanı", "Elektronik Posta Adresi",
           "Cep Telefonu", "Notlar", "Web Sayfası"),
    "ja": ("肩書き", "名", "姓", "会社名", "役職", "電子メール アドレス", "携帯電話", "メモ",
           "Web ページ"),
    "zh": ("英文称谓", "名", "姓", "单位", "职务", "电子邮件地址", "移动电话", "附注", "网页"),
    "ko": ("호칭(영문)", "이름", "성", "회사", "직함", "전자 메일 주소", "휴대폰", "메모",
           "웹 페이지"),
}
# Outlook in Portugal names the family name Apelido and the e-mail in Portuguese.
OUTLOOK_PT_PT = ("Título", "Primeiro nome", "Apelido", "Empresa", "Cargo",
                 "Endereço de correio electrónico", "Telemóvel", "Notas", "Página na Web")

THUNDERBIRD = {  # first, last, display name, primary e-mail, mobile, organisation, job, web, notes
    # Thunderbird's own strings 2100-2136 in each translation (see the language files).
    "en": ("First Name", "Last Name", "Display Name", "Primary Email", "Mobile Number",
           "Organization", "Job Title", "Web Page 1", "Notes"),
    "de": ("Vorname", "Nachname", "Anzeigename", "Primäre E-Mail-Adresse", "Mobil-Tel.-Nr.",
           "Organisation", "Arbeitstitel", "Webseite 1", "Notizen"),
    "fr": ("Prénom", "Nom de famille", "Nom à afficher", "Adresse e-mail principale",
           "Portable", "Société", "Profession", "Site web 1", "Notes"),
    "es": ("Nombre", "Apellidos", "Nombre mostrado", "Dirección de correo electrónico principal",
           "Teléfono móvil", "Organización", "Puesto", "Página web 1", "Notas"),
    "it": ("Nome", "Cognome", "Nome visualizzato", "Email primaria", "Numero cellulare",
           "Organizzazione", "Qualifica", "Pagina web 1", "Note"),
    "pt": ("Primeiro nome", "Sobrenome", "Nome de exibição", "Email principal",
           "Número do celular", "Organização", "Cargo", "Página web 1", "Notas"),
    "nl": ("Voornaam", "Achternaam", "Weergavenaam", "Primair e-mailadres", "Mobiel nummer",
           "Organisatie", "Werkfunctie", "Webpagina 1", "Aantekeningen"),
    "pl": ("Imię", "Nazwisko", "Wyświetlana nazwa", "Podstawowy e-mail",
           "Numer telefonu komórkowego", "Firma/Organizacja", "Stanowisko", "Strona WWW 1",
           "Notatki"),
    "sv": ("Förnamn", "Efternamn", "Visa", "E-post", "Mobiltelefon", "Organisation", "Titel",
           "Webbplats privat", "Anteckningar"),
    "tr": ("İsim", "Soyadı", "Görüntülenecek isim", "Birinci e-posta", "Cep telefonu", "Kurum",
           "İş unvanı", "Web sayfası 1", "Notlar"),
    "ja": ("名", "姓", "表示名", "メールアドレス", "携帯電話番号", "組織", "役職", "ウェブページ 1",
           "メモ"),
    "zh": ("名字", "姓氏", "显示名称", "主要电子邮件", "移动电话号码", "公司", "职务", "网页 1",
           "注释"),
    "ko": ("이름", "성", "표시명", "기본 메일", "휴대폰", "회사명", "직위", "웹 페이지1", "메모"),
}


def _csv(header: tuple[str, ...], row: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _full_name(language: str) -> str:
    given, family = PEOPLE[language][:2]
    return f"{family}{given}" if language in FAMILY_FIRST else f"{given} {family}"


def _only(frame: pd.DataFrame) -> dict[str, object]:
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def _digits(phone: str) -> str:
    return "+" + "".join(ch for ch in phone if ch.isdigit())


@pytest.mark.parametrize("language", sorted(LINKEDIN))
def test_linkedin_in_every_language(language: str) -> None:
    given, family, company, position, email, _, written = PEOPLE[language]
    url = f"https://www.linkedin.com/in/{language}-example-person"
    frame = read_contacts(_csv(LINKEDIN[language], (given, family, url, email, company,
                                                    position, written)),
                          name=f"Connections_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "linkedin"
    assert (row["first_name"], row["last_name"], row["url"], row["email"], row["company"],
            row["position"]) == (given, family, url, email, company, position)
    assert row["name"] == _full_name(language)  # 王伟, not 伟 王 (found by a tester)
    assert str(row["connected_on"].date()) == "2024-03-04"


@pytest.mark.parametrize("language", sorted(OUTLOOK))
def test_outlook_in_every_language(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    header = OUTLOOK[language]
    frame = read_contacts(_csv(header, ("Dr.", given, family, company, position, email,
                                        phone, "Met at the spring fair", "www.example.org")),
                          name=f"outlook_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["first_name"], row["last_name"], row["company"], row["position"],
            row["email"], row["phone"], row["notes"], row["url"]) == (
        given, family, company, position, email, _digits(phone), "Met at the spring fair",
        "https://www.example.org")
    assert row["name"] == _full_name(language)  # the courtesy title is not part of it
    assert header[0] not in frame.attrs["columns_used"]


def test_spanish_outlook_with_every_e_mail_name_in_spanish() -> None:
    """Found by a tester: a Spanish Outlook file whose first e-mail column is "Dirección
    de correo electrónico" (not "E-mail Address") was read as any table, its middle name
    and suffix listed as not read."""
    frame = read_contacts(_csv(
        ("Title", "Nombre", "Segundo nombre", "Apellidos", "Sufijo", "Organización", "Puesto",
         "Teléfono del trabajo", "Teléfono movil", "Dirección de correo electrónico",
         "Notas", "Página web"),
        ("", "Lucía", "Isabel", "Navarro", "", "Soluciones Olivo", "Jefa de proyecto", "",
         "+34 612 345 678", "lucia.navarro@example.es", "Feria de Valencia",
         "olivo.example.es")).decode().encode("cp1252"), name="contactos.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["name"], row["email"], row["phone"], row["company"], row["position"],
            row["notes"], row["url"]) == (
        "Lucía Isabel Navarro", "lucia.navarro@example.es", "+34612345678",
        "Soluciones Olivo", "Jefa de proyecto", "Feria de Valencia",
        "https://olivo.example.es")
    assert frame.attrs["columns_ignored"] == ["Title"]  # Sra., Dr.: recognised, not kept


def test_outlook_from_portugal() -> None:
    frame = read_contacts(_csv(OUTLOOK_PT_PT, (
        "Eng.", "Rita", "Sequeira", "Onda Azul Lda", "Gestora", "rita.sequeira@example.pt",
        "+351 913 456 789", "Conhecemo-nos na feira", "www.example.pt")), name="contactos.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["name"], row["first_name"], row["last_name"], row["company"], row["position"],
            row["email"], row["phone"], row["notes"], row["url"]) == (
        "Rita Sequeira", "Rita", "Sequeira", "Onda Azul Lda", "Gestora",
        "rita.sequeira@example.pt", "+351913456789", "Conhecemo-nos na feira",
        "https://www.example.pt")


# French Outlook as it writes the header: "Titre" twice, the courtesy title first and the
# job title after Service, and Outlook's own Profession field near the end (see fr.toml).
OUTLOOK_FR_AS_WRITTEN = ("Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société",
                         "Service", "Titre", "Tél. mobile", "Adresse de messagerie", "Notes",
                         "Page Web", "Profession")


@pytest.mark.parametrize(("job", "profession", "position"), [
    ("Responsable des achats", "", "Responsable des achats"),
    ("Responsable des achats", "Acheteuse", "Responsable des achats"),
    ("", "Acheteuse", "Acheteuse"),
])
def test_french_outlook_two_titre_columns(job: str, profession: str, position: str) -> None:
    frame = read_contacts(_csv(OUTLOOK_FR_AS_WRITTEN, (
        "Mme", "Claire", "Anne", "Dubois", "", "Verger Bleu", "Achats", job,
        "+33 6 98 76 54 32", "claire.dubois@example.fr", "Vue au salon de mars",
        "www.verger-bleu.example", profession)).decode("utf-8").encode("cp1252"),
        name="contacts_outlook.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["name"], row["first_name"], row["last_name"], row["company"], row["position"],
            row["email"], row["phone"], row["notes"], row["url"]) == (
        "Claire Anne Dubois", "Claire", "Dubois", "Verger Bleu", position,
        "claire.dubois@example.fr", "+33698765432", "Vue au salon de mars",
        "https://www.verger-bleu.example")
    # One "Titre" is read (the job), the other (Mme) is named among the columns not read,
    # each with its place (found by a tester: "Titre" was in both lists, alike).
    assert "Titre (column 8)" in frame.attrs["columns_used"]
    assert frame.attrs["columns_ignored"] == ["Titre (column 1)", "Service"]


@pytest.mark.parametrize(("language", "header"), [
    ("fr", ("Prénom", "Nom", "Adresse de messagerie", "Tél. mobile", "Téléphone 2 (bureau)")),
    ("sv", ("Förnamn", "Efternamn", "E-postadress", "Mobiltelefon", "Arbete")),
    ("tr", ("İlk Adı", "Soyadı", "Elektronik Posta Adresi", "Cep Telefonu", "İş Telefon No")),
    ("ko", ("이름", "성", "전자 메일 주소", "휴대폰", "근무처 전화")),
])
def test_outlook_work_phone_is_kept_when_there_is_no_mobile(
        language: str, header: tuple[str, ...]) -> None:
    given, family, _, _, email, phone, _ = PEOPLE[language]
    row = _only(read_contacts(_csv(header, (given, family, email, "", phone)),
                              name=f"outlook_{language}.csv"))
    assert (row["first_name"], row["last_name"], row["email"], row["phone"]) == (
        given, family, email, _digits(phone))


@pytest.mark.parametrize("language", sorted(THUNDERBIRD))
def test_thunderbird_in_every_language(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    shown = _full_name(language)
    frame = read_contacts(_csv(THUNDERBIRD[language], (
        given, family, shown, email, phone, company, position, "https://example.org/me",
        "Volunteers on Saturdays")), name=f"thunderbird_{language}.csv")
    row = _only(frame)
    assert (row["name"], row["first_name"], row["last_name"], row["email"], row["phone"],
            row["company"], row["position"], row["url"], row["notes"]) == (
        shown, given, family, email, _digits(phone), company, position,
        "https://example.org/me", "Volunteers on Saturdays")


def test_japanese_thunderbird_in_shift_jis() -> None:
    row = ("花子", "山田", "山田花子", "hanako@example.jp", "090-1234-5678", "青空商事", "部長",
           "", "")
    data = _csv(THUNDERBIRD["ja"], row).decode("utf-8")
    frame = read_contacts(data.encode("shift_jis"), name="アドレス帳.csv")
    row = _only(frame)
    assert (row["name"], row["first_name"], row["last_name"], row["company"]) == (
        "山田花子", "花子", "山田", "青空商事")



# Each language's Windows code page, as an older Outlook or a spreadsheet saves a CSV
# there (found by a tester: Polish, Turkish, Korean and Chinese files came out garbled
# or were refused, read as cp1252).
CODE_PAGE = {"en": "cp1252", "de": "cp1252", "fr": "cp1252", "es": "cp1252",
             "it": "cp1252", "pt": "cp1252", "nl": "cp1252", "sv": "cp1252",
             "pl": "cp1250", "tr": "cp1254", "ja": "cp932", "zh": "gb18030", "ko": "cp949"}


@pytest.mark.parametrize("language", sorted(CODE_PAGE))
def test_outlook_saved_in_its_windows_code_page(language: str) -> None:
    given, family, company, position, email, phone, _ = PEOPLE[language]
    text = _csv(OUTLOOK[language], ("", given, family, company, position, email, phone,
                                    "", "")).decode("utf-8")
    frame = read_contacts(text.encode(CODE_PAGE[language]), name=f"outlook_{language}.csv")
    row = _only(frame)
    assert frame.attrs["format"] == "outlook"
    assert (row["first_name"], row["last_name"], row["company"], row["position"],
            row["email"]) == (given, family, company, position, email)


@pytest.mark.parametrize(("encoding", "rows"), [
    ("cp1250", [("Imię", "Nazwisko", "Firma"), ("Małgorzata", "Żółkiewska", "Spółka Łódź")]),
    ("cp1254", [("Ad", "Soyad", "Şirket"), ("Şule", "Yıldız", "Arçelik")]),
    ("cp1252", [("Nom", "Prénom", "Société"), ("Lefèvre", "Élodie", "Crédit Côté")]),
    ("cp932", [("姓", "名", "会社名"), ("髙橋", "一郎", "①商事")]),  # Windows' own characters
    ("gb18030", [("姓", "名", "公司"), ("王", "芳", "阿里巴巴")]),
    ("cp949", [("성", "이름", "회사"), ("김", "민준", "삼성")]),
    # Found by a tester, read garbled: English column names over Russian or Greek people
    # (so only the letters can tell), and Mac Excel's plain "CSV" (Mac Roman, CR ends).
    ("cp1251", [("Last Name", "First Name", "Company"), ("Петрова", "Анна", "Газпром")]),
    ("cp1253", [("Last Name", "First Name", "Company"),
                ("Παπαδοπούλου", "Ελένη", "Αθήνα Ενέργεια")]),
    ("mac_roman", [("Last Name", "First Name", "Company"),
                   ("Müller", "Françoise", "Bäckerei Hébert")]),
    # Korean under English names was read as Chinese (or Central European, one job
    # title folding to the column name "url"): found by a tester.
    ("cp949", [("Last Name", "First Name", "Company", "Job Title"),
               ("김", "민수", "삼성전자", "과장")]),
])
def test_a_table_in_a_windows_code_page_keeps_its_letters(encoding: str,
                                                          rows: list[tuple[str, ...]]) -> None:
    end = "\r" if encoding == "mac_roman" else "\r\n"
    text = end.join(",".join(row) for row in rows) + end
    frame = read_contacts(text.encode(encoding), name="contacts.csv")
    assert {*_only(frame).values()} >= set(rows[1])


def test_a_vcard_in_a_windows_code_page_keeps_its_letters() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Wójcik;Łukasz;;;\r\nFN:Łukasz Wójcik\r\n" \
        "ORG:Żabka\r\nEND:VCARD\r\n"
    row = _only(read_contacts(card.encode("cp1250"), name="kontakty.vcf"))
    assert (row["name"], row["company"]) == ("Łukasz Wójcik", "Żabka")
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:鈴木;花子;;;\r\nFN:鈴木 花子\r\nORG:青空商事\r\n" \
        "END:VCARD\r\n"
    row = _only(read_contacts(card.encode("cp932"), name="電話帳.vcf"))
    assert (row["name"], row["company"]) == ("鈴木 花子", "青空商事")



@pytest.mark.parametrize("header", ["Nom", "Nombre", "Nome", "Naam"])
def test_a_lone_name_column_holds_the_whole_name(header: str) -> None:
    """Found by a tester: a French "Nom" alone made "Ana Silva" a family name (and a
    duplicate of the same person from another file), Spanish "Nombre" a given name."""
    data = f"{header},E-mail\r\nAna Silva,ana@example.org\r\n".encode()
    row = _only(read_contacts(data, name="contacts.csv"))
    assert (row["name"], row["first_name"], row["last_name"]) == ("Ana Silva", "Ana", "Silva")


def test_a_column_a_known_export_lacks_is_read_as_any_tables_would_be() -> None:
    """Found by a tester: a Dutch LinkedIn-shaped file with a "Telefoon" column added
    lost the phones (listed under "Columns not read")."""
    data = (b"Voornaam,Achternaam,E-mailadres,Telefoon,Bedrijf,Functie\r\n"
            b"Jan,de Vries,jan@example.nl,+31 6 12345678,Polder Data,Manager\r\n")
    frame = read_contacts(data, name="contacten.csv")
    row = _only(frame)
    assert (row["name"], row["phone"], row["company"], row["position"]) == (
        "Jan de Vries", "+31612345678", "Polder Data", "Manager")
    assert frame.attrs["columns_ignored"] == []



def test_a_guessed_email_column_without_addresses_gives_way_to_one_with_them() -> None:
    """Found by a tester: a German Google-style table's "E-Mail 1 - Label" ("* Arbeit")
    was read as the e-mail and klara@example.de beside it was not."""
    data = (b"Vorname,Nachname,E-Mail 1 - Label,E-Mail 1 - Wert\r\n"
            b"Klara,Fischer,* Arbeit,klara@example.de\r\n")
    frame = read_contacts(data, name="kontakte.csv")
    assert _only(frame)["email"] == "klara@example.de"
    assert frame.attrs["columns_ignored"] == ["E-Mail 1 - Label"]
    chosen = read_contacts(data, name="kontakte.csv", mapping={
        "first_name": "Vorname", "last_name": "Nachname", "email": "E-Mail 1 - Label"})
    assert _only(chosen)["email"] == "* arbeit"  # the participant's own choice is kept


def test_a_google_style_phone_column_in_another_language_is_guessed() -> None:
    """Found by a tester: "Telefon 1 - Wert" was not taken for a phone; the form's guess,
    made from the header and the first rows, skips the label columns too."""
    header = ["Vorname", "Nachname", "E-Mail 1 - Label", "E-Mail 1 - Wert",
              "Telefon 1 - Label", "Telefon 1 - Wert"]
    row = ["Klara", "Fischer", "* Arbeit", "klara@example.de", "Mobil", "+49 170 5550101"]
    frame = read_contacts((",".join(header) + "\r\n" + ",".join(row) + "\r\n").encode(),
                          name="kontakte.csv")
    assert _only(frame)["phone"] == "+491705550101"
    assert frame.attrs["columns_ignored"] == ["E-Mail 1 - Label", "Telefon 1 - Label"]
    assert guess_column_mapping(header, [row]) == {
        "first_name": "Vorname", "last_name": "Nachname", "email": "E-Mail 1 - Wert",
        "phone": "Telefon 1 - Wert"}
    assert guess_column_mapping(["Hotel", "Name"]) == {"name": "Name"}  # "Tel" is a word


def test_google_style_cells_with_two_values_keep_the_first_and_name_the_other() -> None:
    """Found by a tester: in a Google-style table whose header is not Google's own,
    "+46 70 123 45 67 ::: +46 8 123 456" became one made-up number, and an e-mail
    column of "a ::: b" cells was not read at all."""
    data = (b"Vorname,Nachname,E-Mail 1 - Wert,Telefon 1 - Wert,Notizen\r\n"
            b"Ida,Nilsson,ida@work.example ::: ida@home.example,"
            b"+46 70 123 45 67 ::: +46 8 123 456,a ::: b\r\n")
    frame = read_contacts(data, name="kontakte.csv")
    row = _only(frame)
    assert (row["email"], row["phone"], row["notes"]) == (
        "ida@work.example", "+46701234567", "a ::: b")
    assert frame.attrs["notes"] == [
        "1 person had more than one e-mail address (E-Mail 1 - Wert); the workbook keeps one "
        "per person, so the other was not imported: line 2.",
        "1 person had more than one phone number (Telefon 1 - Wert); the workbook keeps one "
        "per person, so the other was not imported: line 2."]


def test_two_web_addresses_in_a_cell_keep_the_linkedin_one_and_an_empty_second_is_none(
        ) -> None:
    """Found by a tester: of "home page ::: LinkedIn profile" the home page was kept (a
    vCard keeps the profile), and "lea@braun.example ::: " was reported as two."""
    data = (b"Kontakt,Mail,Webseite\r\nJonas Weber,jonas@weber.example,"
            b"https://weber.example ::: https://www.linkedin.com/in/jonasweber\r\n"
            b"Lea Braun,lea@braun.example ::: ,\r\n")
    frame = read_contacts(data, name="kontakte.csv").set_index("name")
    assert frame.loc["Jonas Weber", "url"] == "https://www.linkedin.com/in/jonasweber"
    assert frame.loc["Lea Braun", "email"] == "lea@braun.example"
    assert frame.attrs["notes"] == [
        "1 person had more than one web address (Webseite); the workbook keeps one per "
        "person, so the other was not imported: line 2."]


def test_the_forms_guess_looks_at_the_values_when_the_names_say_nothing() -> None:
    """Found by a tester: the form said "the guesses are filled in" and filled none for
    columns called Qui, Joignable à …; an import nobody checks first guesses the
    e-mail by its values but never a name (text with a space is not always a name)."""
    header = ["Qui", "Joignable à", "Boîte", "Vu le"]
    rows = [["Camille Dubois", "camille@example.fr", "Dubois SARL", "14/02/2024"],
            ["Noah Martin", "noah@example.fr", "Martin SA", "03/05/2024"]]
    assert guess_column_mapping(header, rows) == {"email": "Joignable à", "name": "Qui"}
    assert guess_column_mapping(header) == {}
    text = "\r\n".join(",".join(cells) for cells in [header, *rows]) + "\r\n"
    frame = read_contacts(text.encode(), name="annuaire.csv",
                          mapping={"name": "Qui", "company": "Boîte"})
    assert frame["email"].isna().all()  # the participant's choice: no e-mail column
    blank = read_contacts(b"Name,Email\r\nAda Reed,\r\n", name="people.csv")
    assert blank.attrs["columns_used"] == ["Name", "Email"]  # empty, but the e-mail's


@pytest.mark.parametrize("mapping", [None, {"last_name": "Name", "first_name": "Vorname",
                                            "phone": "Telefon", "email": "E-Mail"}])
def test_a_second_phone_column_is_read_where_the_first_is_blank(
        mapping: dict[str, str] | None) -> None:
    """Found by a tester: "Handy" beside "Telefon" was not read, so Petra's only number
    was lost; a second number is left out in words, with its line."""
    data = ("Name;Vorname;Telefon;Handy;E-Mail\r\n"
            "Müller;Hans;030 1234567;0170 1111111;hans@example.de\r\n"
            "Müller;Petra;;0171 2222222;petra@example.de\r\n"
            "Schmidt;Jan;;;jan@example.de\r\n").encode()
    frame = read_contacts(data, name="telefonbuch.csv", mapping=mapping).set_index("first_name")
    assert frame.loc["Hans", "phone"] == "0301234567"
    assert frame.loc["Petra", "phone"] == "01712222222"
    assert pd.isna(frame.loc["Jan", "phone"])
    assert frame.attrs["columns_used"] == ["Name", "Vorname", "Telefon", "Handy", "E-Mail"]
    assert frame.attrs["notes"] == [
        "1 person had more than one phone number (Handy); the workbook keeps one per person, "
        "so the other was not imported: line 2."]


def test_german_phone_book_name_beside_vorname_is_the_family_name() -> None:
    data = ("Name;Vorname;Telefon;Firma\r\nMüller;Hans;030 1234567;Bäckerei Müller\r\n"
            "Müller;Petra;030 7654321;Bäckerei Müller\r\n").encode("cp1252")
    frame = read_contacts(data, name="telefonbuch.csv").set_index("name")
    assert sorted(frame.index) == ["Hans Müller", "Petra Müller"]
    assert frame.loc["Petra Müller", "last_name"] == "Müller"
    assert frame.loc["Petra Müller", "first_name"] == "Petra"
    assert frame.loc["Petra Müller", "phone"] == "0307654321"
    assert frame.loc["Hans Müller", "company"] == "Bäckerei Müller"


def test_excel_sep_line_is_read_as_the_separator() -> None:
    data = b"sep=;\r\nName;E-Mail;Firma\r\nMarta Costa;marta@example.pt;Mar Azul\r\n"
    row = _only(read_contacts(data, name="excel.csv"))
    assert (row["name"], row["email"], row["company"]) == (
        "Marta Costa", "marta@example.pt", "Mar Azul")


# ---------------------------------------------------------------------------- dates


def _linkedin_dates(dates: list[str], header: tuple[str, ...] = LINKEDIN["en"]) -> pd.DataFrame:
    rows = "".join(f"P{i},Q{i},,,Acme,Engineer,{d}\r\n" for i, d in enumerate(dates))
    return read_contacts((",".join(header) + "\r\n" + rows).encode(), name="dates.csv")


def test_a_month_over_12_makes_the_whole_column_month_first() -> None:
    frame = _linkedin_dates(["11/12/2023", "3/25/2024", "1/5/2022"])
    assert [str(d.date()) for d in frame["connected_on"]] == [
        "2023-11-12", "2024-03-25", "2022-01-05"]
    assert frame.attrs["notes"] == []


def test_a_day_over_12_makes_the_whole_column_day_first() -> None:
    frame = _linkedin_dates(["11/12/2023", "25/3/2024", "1/5/2022"])
    assert [str(d.date()) for d in frame["connected_on"]] == [
        "2023-12-11", "2024-03-25", "2022-05-01"]


def test_an_ambiguous_column_follows_the_language_and_says_so() -> None:
    english = _linkedin_dates(["03/04/2024", "05/06/2023"])
    assert [str(d.date()) for d in english["connected_on"]] == ["2024-03-04", "2023-05-06"]
    assert any("month-first (03/04/2024 is 4 March)" in note and "English" in note
               for note in english.attrs["notes"])
    french = _linkedin_dates(["03/04/2024", "05/06/2023"], LINKEDIN["fr"])
    assert [str(d.date()) for d in french["connected_on"]] == ["2024-04-03", "2023-06-05"]
    assert any("day-first (03/04/2024 is 3 April)" in note and "French" in note
               for note in french.attrs["notes"])


def test_dates_written_with_dots_are_day_first_whatever_the_header() -> None:
    """Found by a tester: a LinkedIn export re-saved by a German Excel (English header,
    12.11.2023) was read month-first "as English files usually write them"."""
    frame = _linkedin_dates(["12.11.2023", "05.01.2022"])
    assert [str(d.date()) for d in frame["connected_on"]] == ["2023-11-12", "2022-01-05"]
    assert not any("month-first" in note for note in frame.attrs.get("notes", []))


def test_an_impossible_date_does_not_decide_the_order() -> None:
    """Found by a tester: 2/30/2023 made the column month-first without a word, and
    11/12/2023 was read as 12 November; it is still a guess, and the report says so."""
    frame = _linkedin_dates(["11/12/2023", "1/5/2022", "not a date", "2/30/2023"])
    assert frame["connected_on"].isna().tolist() == [False, False, True, True]
    notes = frame.attrs["notes"]
    assert any("month-first (03/04/2024 is 4 March)" in note for note in notes)
    assert any("2 dates" in note and "lines 4, 5" in note for note in notes)


def test_unreadable_dates_are_counted_with_their_lines() -> None:
    frame = _linkedin_dates(["12 Nov 2023", "soon", "31/02/2024", "", "next spring"])
    assert frame["connected_on"].isna().tolist() == [False, True, True, True, True]
    assert "3 dates (date you connected) could not be read and were left empty: " \
           "lines 3, 4, 6." in frame.attrs["notes"]


def test_a_phone_excel_shortened_is_left_empty_and_named() -> None:
    """Found by a tester: Excel's "4.91701E+11" (a number it has cut short) was saved as
    the phone 49170111."""
    frame = read_contacts(b"Name,Phone\r\nLars Berg,4.91701E+11\r\nMia Holm,+46 70 123 45 67\r\n",
                          name="contacts.csv").set_index("name")
    assert pd.isna(frame.loc["Lars Berg", "phone"])
    assert frame.loc["Mia Holm", "phone"] == "+46701234567"
    assert frame.attrs["notes"] == [
        "1 phone number was written the way Excel shows long numbers (such as 4.91701E+11), "
        "which loses their last digits, so it was left empty: line 2. Type the numbers in "
        "again, or export the contacts again without opening the file in Excel."]


def test_excel_serial_dates() -> None:
    frame = _linkedin_dates(["45242", "45376.0"])
    assert [str(d.date()) for d in frame["connected_on"]] == ["2023-11-12", "2024-03-25"]


# 4 March 2024 and 12 November 2023 as each language writes them with the month's name.
WORDED_DATES = {
    "de": ("4. März 2024", "12. Nov. 2023"), "fr": ("4 mars 2024", "12 nov. 2023"),
    "es": ("4 de marzo de 2024", "12 nov 2023"), "it": ("4 marzo 2024", "12 nov 2023"),
    "pt": ("4 de março de 2024", "12 de nov. de 2023"), "nl": ("4 maart 2024", "12 nov. 2023"),
    "pl": ("4 marca 2024", "12 lis 2023"), "sv": ("4 mars 2024", "12 nov. 2023"),
    "tr": ("4 Mart 2024", "12 KASIM 2023"),
}


def test_a_month_name_is_read_in_its_own_language_only() -> None:
    """A French month in an English file, and a day February does not have, are named
    in the report, not guessed."""
    english = _linkedin_dates(["12 Nov 2023", "4 mars 2024"])
    assert english["connected_on"].isna().tolist() == [False, True]
    assert "1 date (date you connected) could not be read and was left empty: line 3." \
        in english.attrs["notes"]
    french = _linkedin_dates(["12 nov. 2023", "31 févr. 2024"], LINKEDIN["fr"])
    assert french["connected_on"].isna().tolist() == [False, True]


# 4 March 2024 and 12 November 2023 as Japanese, Chinese and Korean files write them.
CJK_DATES = {
    "ja": ("2024年3月4日", "2023年11月12日"), "zh": ("2024年03月04日", "2023年11月12日"),
    "ko": ("2024년 3월 4일", "2023. 11. 12."),
}


# Both read in a file with that language's headers: month names in its own words, dates
# written with characters (year-first, so read in a file of any language).
LANGUAGE_DATES = {**WORDED_DATES, **CJK_DATES}


@pytest.mark.parametrize("language", sorted(LANGUAGE_DATES))
def test_dates_as_the_files_language_writes_them_are_read(language: str) -> None:
    frame = _linkedin_dates(list(LANGUAGE_DATES[language]), LINKEDIN[language])
    assert [str(d.date()) for d in frame["connected_on"]] == ["2024-03-04", "2023-11-12"]
    assert frame.attrs["notes"] == []


def test_dates_with_characters_full_width_digits_and_impossible_days() -> None:
    """Full-width digits are digits; a day the month does not have is named in the
    report; such a date is read in a file of any language (no other writes 年)."""
    frame = _linkedin_dates(["２０２４年３月４日", "2024年2月30日", "2024/3/4",
                             "２０２３/１１/１２", "2024년 3월 4일 오후 3:15"])
    assert [None if pd.isna(d) else str(d.date()) for d in frame["connected_on"]] == [
        "2024-03-04", None, "2024-03-04", "2023-11-12", "2024-03-04"]
    assert "1 date (date you connected) could not be read and was left empty: line 3." \
        in frame.attrs["notes"]
