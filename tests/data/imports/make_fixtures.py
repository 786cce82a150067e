"""Write the synthetic import fixtures in this folder (run it again after changing it).

Every person here is invented. The files copy the real formats byte for byte where it
matters to a parser: byte-order marks, CRLF or LF, quoting, encodings, LinkedIn's notes
preamble, Google's ``:::`` multi-values, vCard folding and quoted-printable.

Run: ``.venv/bin/python tests/data/imports/make_fixtures.py``
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

LINKEDIN_CURRENT = LINKEDIN_NOTES + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Amara,Okonkwo,https://www.linkedin.com/in/amara-okonkwo-3b1a2c,,Riverside Health Trust,"
    "Head of Patient Services,12 Nov 2023\n"
    'Jane,"Doe, PhD",https://www.linkedin.com/in/janedoe-phd,jane.doe@example.org,'
    '"Fernhill Labs, Inc.",Principal Scientist,03 Jan 2022\n'
    'Sam,"""The Fixer"" Lee",https://www.linkedin.com/in/sam-lee-fixer,,Lee & Daughters,'
    "Owner,28 Feb 2019\n"
    "Zoë 🌱,Müller-Lüdenscheidt,https://www.linkedin.com/in/zoe-muller,,Grünwerk GmbH,"
    "Nachhaltigkeitsberaterin,1 Jun 2024\n"
    ",,,,,,14 Mar 2021\n"
    "Björn,Åkesson,https://www.linkedin.com/in/bjorn-akesson,BJORN@Example.SE,Nordljus AB,"
    '"Partner, Tax",30 Sep 2015\n'
)

LINKEDIN_OLD = (
    "\ufeffFirst Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    "Priya,Raman,priya.raman@example.in,Tata Example Services,Delivery Manager,05 Aug 2017\r\n"
    "Tomás,Ferreira,,Porto Design Studio,Creative Director,21 Dec 2018\r\n"
)

LINKEDIN_BAD_ROWS = LINKEDIN_NOTES + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Hana,Kobayashi,https://www.linkedin.com/in/hana-k,,Sakura Logistics,Planner,02 Feb 2020\n"
    "Leo,Grant,https://www.linkedin.com/in/leo-grant,,Grant, Hill and Co,Partner,09 Sep 2021\n"
    "Mia,Sorensen,https://www.linkedin.com/in/mia-s,,Baltic Wind,Engineer,not a date\n"
)

LINKEDIN_TRUNCATED = LINKEDIN_NOTES + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ola,Nordmann,https://www.linkedin.com/in/ola-n,,Fjord Foods,Buyer,11 Apr 2022\n"
    "Kari,Hansen,https://www.linkedin.com/in/kari-h,,\"Hansen & Sø"
)

GOOGLE_OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Website 1 - Type,Website 1 - Value\r\n"
)
GOOGLE_OLD = GOOGLE_OLD_HEADER + (
    "Lucía Fernández,Lucía,,Fernández,,,,,,,,,,,,,,,,,,,,,,Met at the Lisbon meetup,,,"
    "* myContacts,* Home ::: * Work,lucia@example.es ::: lucia.fernandez@work.example,,,"
    "Mobile,+34 600 123 456,,Andalus Renewables,,Project Lead,,"
    "Profile ::: Blog,https://www.linkedin.com/in/lucia-fernandez ::: https://blog.example.es\r\n"
    "Kwame Mensah,Kwame,,Mensah,,,,,,,,,,,,,,,,,,,,,,,,,* myContacts,* Work,,"
    "* Home,kwame.mensah@example.gh,Work,(020) 555-0142,,Accra Digital,,CTO,,,\r\n"
)

GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value\n"
    "Anna,Maria,Kowalska,,,,,,,,Wisła Analytics,Data Scientist,,,,,* myContacts,"
    "Work,anna.kowalska@example.pl,Mobile,+48 512 345 678,,\n"
    'Chen,,Wei,,,,,,,,"Harbour, Bridge & Partners",Architect,,,"Old friend from uni\n'
    'likes climbing",,* myContacts ::: Friends,Home ::: Work,chen.wei@example.cn ::: '
    "wei@hbp.example,,,Profile,linkedin.com/in/chen-wei-arch/\n"
)

OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business City", "Business Phone", "Home Phone",
    "Mobile Phone", "E-mail Address", "E-mail Type", "E-mail Display Name",
    "E-mail 2 Address", "Notes", "Web Page",
]
OUTLOOK_ROWS = [
    ["Dr.", "Renée", "", "Dubois", "", "Clinique Saint-Luc", "Cardiology", "Cardiologist",
     "12 Rue de la Paix", "Paris", "+33 1 23 45 67 89", "", "", "renee.dubois@example.fr",
     "SMTP", "Renée Dubois (renee.dubois@example.fr)", "", "", ""],
    ["", "Jürgen", "K.", "Schäfer", "Jr.", "Schäfer & Söhne", "", "Geschäftsführer", "", "",
     "", "", "0171 2345678", "", "", "", "j.schaefer@example.de",
     "Met at trade fair, Hall 3", "www.schaefer-soehne.example"],
]


def _outlook_text() -> str:
    def line(cells: list[str]) -> str:
        return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells) + "\r\n"

    return line(OUTLOOK_HEADER) + "".join(line(row) for row in OUTLOOK_ROWS)


VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98stergaard;S=C3=B8ren;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:S=C3=B8ren =C3=98sterg=\r\n"
    "aard\r\n"
    "ORG:Dansk Example A/S;Sales\r\n"
    "TITLE:Key Account Manager\r\n"
    "TEL;CELL;PREF:+45 20 12 34 56\r\n"
    "EMAIL;PREF;INTERNET:soren@example.dk\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQE\r\n"
    " CAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Garc=EDa;Jos=E9;;;\r\n"
    "EMAIL;INTERNET:jose.garcia@example.mx\r\n"
    "END:VCARD\r\n"
)

VCARD_30 = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//iOS 17.0//EN\n"
    "N:Nakamura;Yuki;;;\n"
    "FN:中村 優希\n"
    "ORG:Example Robotics\\, Ltd.;R&D\n"
    "TITLE:Research Engineer\n"
    "item1.EMAIL;type=INTERNET;type=pref:yuki.nakamura@example.jp\n"
    "TEL;type=CELL;type=VOICE;type=pref:+81 90-1234-5678\n"
    "item2.URL;type=pref:https://www.linkedin.com/in/yuki-nakamura-robotics\n"
    "NOTE:Spoke at the Osaka robotics meetup\\; wants an intro to a hardware investor.\\n"
    "Follow up in spring.\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:Adeyemi;Folake;;Dr.;\n"
    "ORG:Lagos Example University\n"
    "EMAIL;TYPE=INTERNET,WORK:f.adeyemi@example.edu.ng\n"
    "NOTE:A very long note that an exporter folded onto the next line because it was l\n"
    " onger than seventy-five octets.\n"
    "END:VCARD\n"
)

VCARD_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Ingrid Solberg\r\n"
    "N:Solberg;Ingrid;;;\r\n"
    "ORG:Fjellvind AS\r\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\";PREF=1:tel:+47-912-34-567;ext=12\r\n"
    "EMAIL;TYPE=work:ingrid@example.no\r\n"
    "PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4\r\n"
    " 2mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Omar Haddad\r\n"
    "EMAIL:omar.haddad@example.jo\r\n"
    "END:VCARD\r\n"
)

GENERIC_SEMICOLON = (
    "Nom;Prénom;E-mail;Société;Fonction;Téléphone\r\n"
    "Lefèvre;Élodie;elodie.lefevre@example.fr;Boulangerie Lefèvre;Gérante;06 12 34 56 78\r\n"
    "Moreau;Théo;;Atelier Moreau;Ébéniste;\r\n"
)

GENERIC_TAB = (
    "Full name\tWork e-mail\tOrganisation\tRole\tLinkedIn\n"
    "Grace Otieno\tgrace@example.ke\tNairobi Example Bank\tRisk Analyst\t"
    "https://www.linkedin.com/in/grace-otieno\n"
    "Arjun Mehta\t\tMehta Textiles\tOwner\t\n"
)

GENERIC_XLSX_ROWS = [
    ["Contact", "Email address", "Employer", "Job title", "Met on"],
    ["Sofia Rossi", "sofia.rossi@example.it", "Trattoria Example", "Chef", "2023-05-04"],
    ["Lars Eriksen", None, "Example Shipping", "Captain", None],
]

UNUSABLE_HEADER = "Colour,Size,Weight\nred,10,3\nblue,12,4\n"


def write_all() -> None:
    texts = {
        "linkedin_current.csv": (LINKEDIN_CURRENT, "utf-8"),
        "linkedin_old_no_url_bom_crlf.csv": (LINKEDIN_OLD, "utf-8"),
        "linkedin_bad_rows.csv": (LINKEDIN_BAD_ROWS, "utf-8"),
        "linkedin_truncated.csv": (LINKEDIN_TRUNCATED, "utf-8"),
        "google_old_header.csv": (GOOGLE_OLD, "utf-8"),
        "google_new_header.csv": (GOOGLE_NEW, "utf-8"),
        "outlook_utf16.csv": ("\ufeff" + _outlook_text(), "utf-16-le"),
        "outlook_cp1252.csv": (_outlook_text(), "cp1252"),
        "vcard_21_quoted_printable.vcf": (VCARD_21, "utf-8"),
        "vcard_30_apple.vcf": (VCARD_30, "utf-8"),
        "vcard_40.vcf": (VCARD_40, "utf-8"),
        "generic_semicolon_cp1252.csv": (GENERIC_SEMICOLON, "cp1252"),
        "generic_tab.txt": (GENERIC_TAB, "utf-8"),
        "unusable_header.csv": (UNUSABLE_HEADER, "utf-8"),
        "header_only.csv": ("First Name,Last Name,URL,Email Address,Company,Position,"
                            "Connected On\n", "utf-8"),
    }
    for name, (text, encoding) in texts.items():
        (HERE / name).write_bytes(text.encode(encoding))
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "picture.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
        + bytes(range(256)))
    book = Workbook()
    sheet = book.active
    for row in GENERIC_XLSX_ROWS:
        sheet.append(row)
    book.save(HERE / "generic.xlsx")


if __name__ == "__main__":
    write_all()
