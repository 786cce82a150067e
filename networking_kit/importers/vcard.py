"""vCard files (.vcf) from phones, Apple Contacts, Outlook, Gmail and Thunderbird.

Versions 2.1, 3.0 and 4.0 differ mostly in how a value is wrapped: long lines are folded
(a line starting with a space continues the one before), 2.1 writes quoted-printable
with "=" soft breaks and a CHARSET per property, and escapes ``\\,`` ``\\;`` ``\\n``.
Lines are unfolded as bytes, before decoding, because some exporters fold in the middle
of a multi-byte character. Only the fields the workbook keeps are read; photos, keys and
addresses are skipped without being decoded, but counted: the import report names each
kind passed over (``"200 photos (PHOTO) were not imported…"``) and every second e-mail, phone or web
address a card held, with their lines, so nothing the file held goes without a line.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

import pandas as pd

from networking_kit._names import full_name
from networking_kit.importers._table import cut_off
from networking_kit.importers.columns import second_values_note
from networking_kit.vocab import Source

SOURCE = Source.VCARD
LABEL = "vCard (.vcf) address book"

# The social profiles are read for a LinkedIn address (``_SOCIAL``).
_WANTED = {"FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "SOCIALPROFILE",
           "X-SOCIALPROFILE", "BEGIN", "END"}
# Properties about the card itself, not the person: passed over without a report line
# (LABEL is an address written out again, already counted under ADR).
_ABOUT_THE_CARD = {"VERSION", "PRODID", "REV", "UID", "KIND", "CLIENTPIDMAP", "SOURCE",
                   "SORT-STRING", "NAME", "PROFILE", "MAILER", "LABEL", "X-ABUID",
                   "X-ABLABEL", "X-ABSHOWAS"}
# What the report calls a property the workbook has no place for (RFC 6350 names and the
# common X- ones of Apple, Google and Thunderbird); any other is "other detail".
_PASSED_OVER = {
    "ADR": ("postal address", "postal addresses"), "BDAY": ("birthday", "birthdays"),
    "ANNIVERSARY": ("anniversary", "anniversaries"), "X-ANNIVERSARY": ("anniversary",
                                                                        "anniversaries"),
    "PHOTO": ("photo", "photos"), "LOGO": ("logo", "logos"), "SOUND": ("sound", "sounds"),
    "KEY": ("encryption key", "encryption keys"), "NICKNAME": ("nickname", "nicknames"),
    "CATEGORIES": ("group", "groups"), "ROLE": ("role", "roles"),
    "IMPP": ("chat address", "chat addresses"), "X-SOCIALPROFILE": ("social profile",
                                                                     "social profiles"),
    "SOCIALPROFILE": ("social profile", "social profiles"),
    "RELATED": ("related person", "related people"),
    "X-ABRELATEDNAMES": ("related person", "related people"),
    "GEO": ("map position", "map positions"), "TZ": ("time zone", "time zones"),
    "GENDER": ("gender", "genders"), "X-ABDATE": ("date", "dates"),
    # ORG's second part and on (RFC 6350: "organizational unit names"), kept out of the
    # organisation so that it still matches the same organisation in other exports.
    "ORG": ("department", "departments"),
    "LANG": ("language", "languages"), "MEMBER": ("group member", "group members")}
_CHAT = ("X-AIM", "X-JABBER", "X-SKYPE", "X-MSN", "X-ICQ", "X-YAHOO", "X-GADUGADU", "X-QQ",
         "X-GOOGLE-TALK", "X-SKYPE-USERNAME")
_LINES_SHOWN = 10
# The fields a card may hold more than once, the workbook keeping one: report labels.
_SECOND_VALUES = {"EMAIL": "e-mail address", "TEL": "phone number", "URL": "web address",
                  "ORG": "organisation", "TITLE": "job title", "NOTE": "note"}


def matches(text: str) -> bool:
    """True when the first non-blank line opens a vCard."""
    for line in text[:4096].lstrip("\ufeff").splitlines():
        if line.strip():
            return line.strip().upper().startswith("BEGIN:VCARD")
    return False


@dataclass
class _Card:
    line: int
    fields: dict[str, list[tuple[dict[str, str], str]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, params: dict[str, str], value: str, line: int) -> None:
        self.fields.setdefault(name, []).append((params, value))
        self.lines.setdefault(name, []).append(line)

    def first(self, name: str, prefer: str | None = None) -> str | None:
        values = [(p, v) for p, v in self.fields.get(name, []) if v.strip()]
        if not values:
            return None
        if prefer:
            for params, value in values:
                if prefer in params.get("TYPE", "").upper() or prefer in params:
                    return value
        return values[0][1]


# Encodings whose bytes for ":", ";", "=" and line ends are always those characters
# (one byte a character, or Shift_JIS, whose second bytes are never below 0x40): the
# cards are split as bytes and only the values kept are decoded. Others are made UTF-8
# first.
_READ_AS_BYTES = ("cp1252", "cp1250", "cp1254", "cp1251", "cp1253", "mac_roman", "latin-1",
                  "shift_jis", "cp932")


def read(data: bytes, encoding: str
         ) -> tuple[pd.DataFrame, list[int], list[tuple[int, str]], list[str]]:
    """Cards as raw canonical cells, the line each card starts on, cards left out, and the
    report's sentences for what was passed over (see :func:`passed_over_notes`)."""
    if not encoding.startswith("utf-8") and encoding not in _READ_AS_BYTES:
        data = data.decode(encoding, errors="replace").encode("utf-8")
        encoding = "utf-8"
    data = data.removeprefix(b"\xef\xbb\xbf")
    cards: list[_Card] = []
    skipped: list[tuple[int, str]] = []
    card: _Card | None = None
    passed_over: dict[str, list[int]] = {}
    unclosed: list[int] = []  # cards the next BEGIN:VCARD came before their END:VCARD
    for number, line in _logical_lines(data, passed_over):
        name, params, value = _split_property(line, encoding)
        word = value.strip().upper()
        # A file cut in its last line may end in "BEGIN:VC" or "END:VCA": the first opens
        # a card that the cut leaves without its end, the second closes none.
        if name == "BEGIN" and word and "VCARD".startswith(word):
            if card is not None:  # found by a tester: the card was dropped unsaid
                cards.append(card)
                unclosed.append(card.line)
            card = _Card(number)
        elif name == "END" and card is not None and word == "VCARD":
            cards.append(card)
            card = None
        elif card is not None and name in _SOCIAL:
            url = _linkedin_profile(params, value)
            if url is not None:
                card.add("URL", params, url, number)
            else:
                _pass_over(passed_over, name, number)
        elif card is not None and name in _WANTED:
            card.add(name, params, value, number)
            if name == "ORG" and any(part.strip() for part in _components(value)[1:]):
                _pass_over(passed_over, name, number)
    if card is not None:
        # Left out, as a cut-off row of a table is: its last value may be cut short (a
        # tester's "EMAIL:jo" was saved, and the whole file then added the person again).
        skipped.append((card.line, cut_off("card", "it has no END:VCARD")))
    rows = [_row(c) for c in cards]
    notes = ([f"{_lines_text(unclosed, 'card')} no END:VCARD before the next card begins; "
              f"{'it was' if len(unclosed) == 1 else 'they were'} imported as "
              f"{'it is' if len(unclosed) == 1 else 'they are'}: check "
              f"{'this contact' if len(unclosed) == 1 else 'these contacts'}."]
             if unclosed else [])
    notes += passed_over_notes(passed_over) + _second_values_notes(cards, rows)
    return pd.DataFrame(rows, columns=_ROW_COLUMNS), [c.line for c in cards], skipped, notes


def _lines_text(lines: list[int], what: str) -> str:
    """"The card on line 7 has" / "The 3 cards on lines 7, 19, 30 have"."""
    shown = ", ".join(map(str, lines[:_LINES_SHOWN]))
    more = f" and {len(lines) - _LINES_SHOWN} more" if len(lines) > _LINES_SHOWN else ""
    if len(lines) == 1:
        return f"The {what} on line {shown} has"
    return f"The {len(lines)} {what}s on lines {shown}{more} have"


# vCard 4's SOCIALPROFILE (RFC 9554) and Apple's X-SOCIALPROFILE: read for a LinkedIn
# profile, the workbook's web address of choice (matching uses it).
_SOCIAL = ("SOCIALPROFILE", "X-SOCIALPROFILE")


def _linkedin_profile(params: dict[str, str], value: str) -> str | None:
    """The LinkedIn profile address a social-profile property gives, or None: the value
    itself when it is a linkedin.com address, or the user name Apple writes as
    ``x-apple:name`` (or ``X-USER``) under a LinkedIn type, made its address."""
    text = value.strip()
    if "linkedin.com" in text.lower():
        return text
    kind = " ".join(params.get(key, "") for key in ("TYPE", "SERVICE-TYPE")).lower()
    user = params.get("X-USER", "") or (text[len("x-apple:"):] if text.lower().startswith(
        "x-apple:") else "")
    if "linkedin" in kind and re.fullmatch(r"[\w-]+", user):
        return f"https://www.linkedin.com/in/{user}"
    return None


def passed_over_notes(passed_over: dict[str, list[int]]) -> list[str]:
    """One report sentence per kind of property the workbook has no place for.

    ``passed_over`` maps a property name to ``[count, line, line…]`` (the first lines
    only), as :func:`_logical_lines` fills it."""
    by_label: dict[tuple[str, str], list[tuple[str, list[int]]]] = {}
    for name, seen in passed_over.items():
        if name in _ABOUT_THE_CARD:
            continue
        words = (_PASSED_OVER.get(name) or (("chat address", "chat addresses")
                 if name in _CHAT else ("other detail", "other details")))
        by_label.setdefault(words, []).append((name, seen))
    notes = []
    for (one, many), found in by_label.items():
        count = sum(seen[0] for _, seen in found)
        lines = sorted(line for _, seen in found for line in seen[1:])[:_LINES_SHOWN]
        names = ", ".join(name for name, _ in found)
        what = f"{one if count == 1 else many} ({names})"
        more = f" and {count - len(lines)} more" if count > len(lines) else ""
        notes.append(f"{count} {what} {'was' if count == 1 else 'were'} not imported: the "
                     f"workbook has no place for {'it' if count == 1 else 'them'} "
                     f"({'line' if len(lines) == 1 else 'lines'} "
                     f"{', '.join(map(str, lines))}{more}).")
    return notes


def _second_values_notes(cards: list[_Card], rows: list[dict[str, str | None]]) -> list[str]:
    """The report's sentences for cards holding a second e-mail, phone… beside the one
    kept (``columns.second_values_note``'s wording, shared with tables)."""
    found: dict[str, list[int]] = {}
    for card, row in zip(cards, rows, strict=True):
        for name in _SECOND_VALUES:
            values = card.fields.get(name)
            if values is None or len(values) < 2:
                continue
            kept = _kept_text(name, row)
            left = [line for (_, value), line in zip(values, card.lines[name], strict=True)
                    if value.strip() and _same_text(name, value) != kept]
            if left:
                found.setdefault(name, []).append(left[0])
    notes = []
    for name, lines in found.items():
        shown = lines[:_LINES_SHOWN]
        more = f" and {len(lines) - len(shown)} more" if len(lines) > len(shown) else ""
        notes.append(second_values_note(_SECOND_VALUES[name], [name], len(lines), shown, more))
    return notes


def _kept_text(name: str, row: dict[str, str | None]) -> str:
    column = {"EMAIL": "email", "TEL": "phone", "URL": "url", "ORG": "company",
              "TITLE": "position", "NOTE": "notes"}[name]
    return row.get(column) or ""


def _same_text(name: str, value: str) -> str:
    """A property value as the row keeps it, to compare with what was kept."""
    if name == "EMAIL":
        return _clean_email(value) or ""
    if name == "TEL":
        return _clean_phone(value) or ""
    if name == "ORG":
        parts = _components(value)
        return parts[0] if parts else ""
    return _unescape(value)


_ROW_COLUMNS = ["name", "first_name", "last_name", "email", "phone", "company", "position",
                "url", "notes"]


def _row(card: _Card) -> dict[str, str | None]:
    structured = _components(card.first("N") or "")
    family = structured[0] if structured else ""
    given = structured[1] if len(structured) > 1 else ""
    formatted = _unescape(card.first("FN") or "")
    name = formatted or full_name(given, family)
    org = _components(card.first("ORG") or "")
    company = org[0] if org else None
    if not name and company:
        name = company  # a card for an organisation (Ximian, Inc.) is still a contact
    urls = [value for _, value in card.fields.get("URL", [])]
    url = next((u for u in urls if "linkedin.com" in u.lower()), urls[0] if urls else None)
    return {
        "name": name or None,
        "first_name": given or None,
        "last_name": family or None,
        "email": _clean_email(card.first("EMAIL", prefer="PREF")),
        "phone": _clean_phone(card.first("TEL", prefer="CELL")),
        "company": company or None,
        "position": _unescape(card.first("TITLE") or "") or None,
        "url": _unescape(url) if url else None,
        "notes": _unescape(card.first("NOTE") or "") or None,
    }


def _clean_email(value: str | None) -> str | None:
    return _unescape(value).strip() if value else None


def _clean_phone(value: str | None) -> str | None:
    """vCard 4 writes ``tel:+1-418-656-9254;ext=102``; the workbook keeps ``+1418… x102``."""
    if not value:
        return None
    text = re.sub(r"^tel:", "", value.strip(), flags=re.IGNORECASE)
    return re.sub(r";ext=", " ext ", text, flags=re.IGNORECASE)


# A logical line: a physical line and the folded lines after it (they start with a space
# or a tab), matched in one call however long a photo makes it.
_LOGICAL = re.compile(rb"[^\n]*(?:\n[ \t][^\n]*)*")
_FOLD = re.compile(rb"\r?\n[ \t]")


def _logical_lines(data: bytes, passed_over: dict[str, list[int]] | None = None
                   ) -> list[tuple[int, bytes]]:
    """Unfolded lines of the properties the workbook keeps, with the number of the
    physical line each starts on.

    A line starting with a space or tab continues the previous one (RFC 6350 folding);
    in quoted-printable values a trailing "=" continues onto the next line, indented or
    not (vCard 2.1 soft line breaks). A whole folded property is found by one regular
    expression match and unfolded once, so time grows with the size of the file, not
    with the square of the longest value; a property that is not kept (a photo, a
    logo, a key) is passed over without being copied or unfolded.

    LF and CRLF files are read as they are (a CR before each LF is dropped with it);
    any other line ends (a lone CR, Thunderbird's CR CR LF) are first made LF, which
    copies the file.

    ``passed_over``, when given, is filled with each property not kept: its name maps to
    ``[count, first line, second line…]`` (ten lines at most), for the import report.
    """
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    logical: list[tuple[int, bytes]] = []
    pending: tuple[int, bytes] | None = None  # a quoted-printable line that may go on
    number, counted_to = 1, 0
    for match in _LOGICAL.finditer(data):
        begin, end = match.span()
        if data[begin:min(end, begin + 2)] in (b"", b"\r"):  # a blank line (LF or CRLF)
            continue
        number += data.count(b"\n", counted_to, begin)
        counted_to = begin
        if pending is not None:
            if pending[1].endswith(b"="):
                pending = (pending[0], pending[1][:-1] + _unfold(match.group()).lstrip(b" \t"))
                continue
            logical.append(pending)
            pending = None
        head = data[begin:min(end, begin + 1024)]
        colon = head.find(b":")
        head = head[:colon] if colon >= 0 else b""
        name = _property_name(head)
        if name not in _WANTED:
            if passed_over is not None and name:
                _pass_over(passed_over, name, number)
            continue
        line = _unfold(match.group())
        if b"QUOTED-PRINTABLE" in head.upper():
            pending = (number, line)
        else:
            logical.append((number, line))
    if pending is not None:
        logical.append(pending)
    return logical


def _pass_over(passed_over: dict[str, list[int]], name: str, line: int) -> None:
    """Count a property (or part of one) the workbook has no place for, on ``line``."""
    seen = passed_over.setdefault(name, [0])
    seen[0] += 1
    if len(seen) <= _LINES_SHOWN:
        seen.append(line)


def _unfold(text: bytes) -> bytes:
    """A logical line's text: folds taken out, and the CR of its CRLF line end."""
    text = _FOLD.sub(b"", text) if b"\n" in text else text
    return text[:-1] if text.endswith(b"\r") else text


def _property_name(head: bytes) -> str:
    """``item1.EMAIL;TYPE=WORK`` → ``EMAIL``."""
    return head.split(b";", 1)[0].split(b".")[-1].strip().upper().decode("ascii", "replace")


def _split_property(line: bytes, encoding: str) -> tuple[str, dict[str, str], str]:
    """``item1.EMAIL;TYPE=WORK:x`` → ("EMAIL", {"TYPE": "WORK"}, "x"), decoded to text."""
    head, _, raw_value = line.partition(b":")
    parts = head.decode("ascii", errors="replace").split(";")
    name = parts[0].split(".")[-1].strip().upper()
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, has_value, value = part.partition("=")
        key = key.strip().upper()
        if has_value:
            params[key] = (params[key] + "," if key in params else "") + value.strip('"')
        else:
            params.setdefault("TYPE", "")
            params["TYPE"] += "," + key
            params[key] = ""
    if name not in _WANTED:
        return name, params, ""
    if "QUOTED-PRINTABLE" in (params.get("ENCODING", "").upper(), *params):
        raw_value = quopri.decodestring(raw_value)
    return name, params, _decode_value(raw_value, params.get("CHARSET", ""), encoding)


def _decode_value(raw: bytes, charset: str, fallback: str) -> str:
    """The property's own CHARSET first, then UTF-8, then the file's guessed encoding."""
    for candidate in (charset, "utf-8", fallback, "cp1252"):
        if not candidate:
            continue
        try:
            return raw.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


def _components(value: str) -> list[str]:
    """Split a structured value (N, ORG) on unescaped semicolons, unescaping each part."""
    parts = re.split(r"(?<!\\);", value)
    return [_unescape(part).strip() for part in parts]


def _unescape(value: str) -> str:
    """Undo vCard text escapes: ``\\n`` is a new line; ``\\,`` ``\\;`` ``\\:`` ``\\\\`` literal.
    Some programs write a line end as ``\\r\\n``: one new line (a tester saw "r")."""
    value = value.replace("\\r\\n", "\\n").replace("\\R\\N", "\\n")
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()
