"""Turning whatever bytes a participant chose into text, with plain-English refusals.

Contact exports arrive as UTF-8 (with or without a byte-order mark), UTF-16 (Outlook,
Thunderbird), and from older Windows tools in the computer's code page: cp1252 in
Western Europe and the Americas, cp1250 in Poland, cp1254 in Turkey, cp932 (Shift_JIS)
in Japan, GBK in China, cp949 in Korea. Reading the bytes once, here, means every
importer sees the same clean ``str`` and no importer has to guess an encoding on its own.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer.md import mess_ratio

from networking_kit._canonical import Tick, no_tick
from networking_kit.contacts import ContactImportError
from networking_kit.importers._excel import OLE_MAGIC, XLSX_MAGIC, read_rows
from networking_kit.importers.opening import DOWNLOAD_AGAIN, RawFile, Source
from networking_kit.importers.vocabulary import known_cell

__all__ = ["Decoded", "RawFile", "Source", "Tick", "decode", "decode_file", "sniff_delimiter",
           "split_lines"]

_PART = 8 * 1024 * 1024  # bytes decoded between two ticks: well under a second
# Bytes decoded at a time when the text is only checked: each part's text reuses the
# memory the one before let go. A 30,000-row export's 3 MB text made whole and dropped
# at once was 3 ms of page faults of a 90 ms read_contacts (measured: 0.8 ms in parts).
_CHECKED_PART = 64 * 1024


# ----------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its byte-order mark (0 when none).

    A byte-order mark is trusted first. Without one, UTF-16 shows as a zero byte in every
    other position; then UTF-8 is tried strictly, because cp1252 would accept (and garble)
    almost anything; then the Windows code pages (:func:`code_page`).
    """
    encoding, skip, _ = _sniff(data)
    return encoding, skip


def _sniff(data: bytes, tick: Tick = no_tick, *, keep: bool = True,
           ) -> tuple[str, int, str | None]:
    """``sniff_encoding``, plus the text when the strict UTF-8 try already decoded it all
    (the usual case: decoding a 30,000-row export twice costs more than reading its header).
    ``keep`` False only checks the encoding: the text is not kept (None).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom), None
    sample = data[:4096]
    if len(sample) >= 4:
        evens, odds = sample[0::2], sample[1::2]
        if odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.1 * len(evens):
            return "utf-16-le", 0, None
        if evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.1 * len(odds):
            return "utf-16-be", 0, None
    try:
        text = decode_in_parts(data, "utf-8", "strict", tick, keep=keep)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", 0, text if keep else None
    return code_page(data), 0, None


# The code pages in which a spreadsheet or an older Outlook saves a file when it does not
# save Unicode: Windows' Western (cp1252), Central European (cp1250: Polish, Czech…),
# Turkish (cp1254), Cyrillic (cp1251) and Greek (cp1253); the Mac's own (Mac Excel's
# plain "CSV" writes Mac Roman: found by a tester); Japanese (cp932: Shift_JIS with
# Windows' own characters, 髙 or ①), simplified Chinese (gb18030, GBK's superset),
# Korean (cp949), traditional Chinese (big5). A tie goes to the earlier; the first is
# the default when nothing tells them apart. (Baltic, Hebrew and Arabic were tried,
# beyond issue 12's languages: with them a Turkish file was read as Baltic.)
CODE_PAGES = ("cp1252", "cp1250", "cp1254", "cp1251", "cp1253", "mac_roman", "cp932",
              "gb18030", "cp949", "big5")
_CODE_PAGE_SAMPLE = 64 * 1024
_MESS_SAMPLE = 16 * 1024  # characters mess_ratio reads (about 10 ms each, measured here)


def code_page(data: bytes) -> str:
    """The code page of ``data``, which is not UTF-8: the one of :data:`CODE_PAGES` that
    reads its first 64 KB without an error and, first, reads the most header cells of a
    known export (the header vocabularies, ``vocabulary``: "Imię" is Polish, "Şirket"
    Turkish), then gives the least mojibake (:func:`_mojibake`: "Ma³gorzata" is Polish
    read as cp1252), and reads the rest too. "latin-1", which reads any bytes, when none
    does, and cp1252 (or latin-1) when the first 64 KB are plain ASCII.

    Code pages that tie on both are told apart by charset-normalizer's measure of how
    much a text looks like noise (``mess_ratio``): Korean read as Chinese is a run of
    rare ideographs that our count cannot see (found by a tester). Not charset-normalizer
    alone: on files of a few rows it read a French Outlook export as cp1250 ("Deuxičme
    prénom"), a Polish one as cp1252 ("Tytu³") and a Turkish one as cp1250, measured on
    issue 12's test files; the header vocabularies, which the import has anyway, tell
    them apart.
    """
    sample = data[:_CODE_PAGE_SAMPLE]
    if sample.isascii():  # nothing to tell them apart by: the usual one, if it reads all
        return "cp1252" if _reads_whole(data, "cp1252") else "latin-1"
    texts: dict[str, str] = {}
    scores: dict[str, tuple[int, int]] = {}  # (-known header cells, mojibake)
    for encoding in CODE_PAGES:
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(
                sample, final=len(sample) == len(data))
        except UnicodeDecodeError:
            continue
        texts[encoding] = text
        scores[encoding] = (-_known_header_cells(text), _mojibake(text))
    best = min(scores.values(), default=None)
    tied = [encoding for encoding, score in scores.items() if score == best]

    def rank(encoding: str) -> tuple[int, int, float, int]:
        # mess_ratio reads the text a character at a time: only for a tie
        mess = mess_ratio(texts[encoding][:_MESS_SAMPLE], 1.0) if (
            len(tied) > 1 and encoding in tied) else 0.0
        return (*scores[encoding], mess, CODE_PAGES.index(encoding))

    for encoding in sorted(scores, key=rank):  # a tie keeps the earlier, more usual one
        if len(sample) == len(data) or _reads_whole(data, encoding):
            return encoding
    return "latin-1"


def _reads_whole(data: bytes, encoding: str) -> bool:
    """Whether all of ``data`` decodes in ``encoding`` (a byte beyond the sample may not)."""
    try:
        decode_in_parts(data, encoding, "strict", keep=False)
    except UnicodeDecodeError:
        return False
    return True


def _known_header_cells(text: str) -> int:
    """How many cells of ``text``'s first lines are a known export's column names."""
    lines = [line for line in split_lines(text[:4096])[:3] if line.strip()]
    return sum(known_cell(cell.strip().strip('"'))
               for line in lines for cell in re.split(r"[,;\t]", line))


# What a wrong code page makes of letters: symbols among letters ("Tytu³", "£ódŸ"),
# Icelandic letters (no language the workshop reads writes them: Turkish read as
# cp1252 gives "Ýlk Adý"), control codes, and kana, hangul or ideographs stuck to Latin
# letters (a Western file read as Japanese, Chinese or Korean).
_ICELANDIC = frozenset("ÐÝÞðýþ")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff61-\uff9f]")


def _mojibake(text: str) -> int:
    """How many characters of ``text`` look like bytes read in the wrong code page, and
    words that do (:func:`_odd_words`)."""
    count = _odd_words(text)
    for found in _NOT_ASCII.finditer(text):
        char, position = found.group(), found.start()
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        if char in _ICELANDIC or "\x80" <= char <= "\x9f" or _rare_hangul(char):
            count += 1
        elif _WIDE.match(char):
            count += (before.isascii() and before.isalpha()) or (
                after.isascii() and after.isalpha())
        elif (before.isalpha() or after.isalpha()) and not (
                char.isalpha() or unicodedata.combining(char)):
            count += 1
    return count


def _rare_hangul(char: str) -> bool:
    """A Hangul syllable beyond the 2,350 of KS X 1001 (EUC-KR), which Korean writes
    with: what Japanese or Chinese bytes read as Korean (cp949's extension) are made of
    ("뼹뼰궢궻" for 名無しの; a tester's Korean file is read right beside it)."""
    # Python's EUC-KR writes the others as eight bytes of letters (KS X 1001's annex)
    return "\uac00" <= char <= "\ud7a3" and len(char.encode("euc_kr")) != 2


_WORD = re.compile(r"[^\W\d_]+")


def _odd_words(text: str) -> int:
    """How many words of ``text`` (and letters in them) a wrong code page made: letters
    of two scripts in one word ("Jџrgen": Mac Roman read as Cyrillic; two each), a
    capital with an accent inside a word that has small letters ("BŠckerei", "CafÈ";
    Greek "Αθήνα" read as Cyrillic is "БиЮнб"), and a Latin word most of whose letters
    carry accents, two or more ("Čâŕí Ďĺňđîâ": Russian read as Central European; Czech
    "příliš" has two in six). Found by a tester: Russian, Greek and Mac Roman files were
    read garbled."""
    count = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        if _WIDE.search(word):  # kanji with kana is one Japanese word (see _mojibake)
            continue
        accented = [c for c in word if not c.isascii()]
        scripts = {unicodedata.name(c, "?").split(" ")[0] for c in accented}
        if len(scripts | ({"LATIN"} if len(accented) < len(word) else set())) > 1:
            count += 2
            continue
        count += sum(c.isupper() for c in word[1:] if not c.isascii()) if any(
            c.islower() for c in word) else 0
        if scripts == {"LATIN"} and len(accented) >= 2 and 2 * len(accented) > len(word):
            count += len(accented)
    return count


_SOMETHING = re.compile(rb"[^ \t\r\n\x00\x0c]")  # a byte that is not blank: found at once


@dataclass(frozen=True)
class Decoded:
    """The decode stage's output: what a file holds, as text or as an Excel sheet's cells.

    A text file (CSV, vCard, JSON) has ``text`` (as decoded, line ends unchanged),
    ``encoding`` and its ``data``; a vCard's ``text`` is only its first
    ``_HEAD_CHARS`` characters (what the format and binary checks look at): the card
    reader reads ``data``, decoding only the values it keeps. ``whole`` False: ``text``
    is only the head (the first ``_TEXT_HEAD`` bytes' characters) of a strict UTF-8
    file (no byte-order mark, line ends "\\n"), whose ``data`` are its text's UTF-8 as
    they are: the parser reads them, and the whole text is made only when it is needed
    (it was the file's size again, held while the file was parsed). An Excel file has
    ``rows`` (its first sheet's non-blank rows, cells as text) and ``numbers`` (each
    row's line in the sheet), and no text.
    """

    name: str
    text: str = ""
    encoding: str = "utf-8"
    data: bytes = b""
    rows: list[list[str]] | None = None
    numbers: list[int] = field(default_factory=list)
    whole: bool = True

    def whole_text(self) -> str:
        """The whole text, decoded now when only its head was kept (``whole`` False)."""
        return self.text if self.whole else utf8_text(self.data)


def utf8_text(data: bytes, start: int = 0) -> str:
    """``data`` from ``start`` on, known to be strict UTF-8, as text."""
    return str(memoryview(data)[start:], "utf-8") if start else data.decode("utf-8")


def utf8_head(data: bytes, start: int = 0, size: int = 0) -> str:
    """The characters of ``data``'s ``size`` bytes from ``start`` on (a strict UTF-8 text's
    bytes): a character cut at the end is left out."""
    end = start + (size or _TEXT_HEAD)
    if start == 0 and end >= len(data):
        return data.decode("utf-8")
    return codecs.getincrementaldecoder("utf-8")().decode(memoryview(data)[start:end],
                                                         final=end >= len(data))


def decode_file(raw: RawFile, *, keep: bool = False, tick: Tick = no_tick,
                cards: bool = True) -> Decoded:
    """The decode stage: the text of ``raw``, or its first sheet's rows for Excel.

    ``keep`` keeps an Excel file's rows for the import that follows a form's check;
    ``tick`` is called every few MB of text decoded (see ``Tick``); ``cards`` False
    decodes a vCard file whole, as any text (the participant chose another format).
    Raises ContactImportError for an old .xls file, an empty or binary file, and an
    Excel file that cannot be opened.
    """
    if raw.data.startswith(OLE_MAGIC):
        raise ContactImportError(
            "this is an old-style Excel file (.xls). Open it in Excel or LibreOffice, save it "
            "as .xlsx or as CSV, then choose the new file.", file=raw.name, line=None)
    if raw.data.startswith(XLSX_MAGIC):
        rows, numbers = read_rows(raw.data, raw.name, keep=keep)
        return Decoded(raw.name, rows=rows, numbers=numbers)
    if cards and _CARDS.match(raw.data, 0, _CARDS_WITHIN):
        cards_head = _decode_cards(raw, tick)
        if cards_head is not None:
            return cards_head
    text, encoding, whole = _decode(raw, tick, head=True)
    return Decoded(raw.name, text, encoding, raw.data, whole=whole)


# A file whose first line (in any ASCII-compatible encoding) opens a vCard, as
# ``vcard.matches`` sees it in the text: its first 4096 characters.
_CARDS = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*BEGIN:VCARD", re.IGNORECASE)
_CARDS_WITHIN = 4096
_HEAD_CHARS = 65536  # what ``looks_binary`` reads


def _decode_cards(raw: RawFile, tick: Tick) -> Decoded | None:
    """A vCard file's encoding and the head of its text, without decoding the rest.

    A phone's export is mostly photos (base64 text, 20–100 MB): the encoding is still
    checked over the whole file (strict UTF-8, as for any file), but the text is not
    kept; the card reader decodes the values it keeps. None for UTF-16 and UTF-32, where
    the bytes seen as a vCard's opening were not its text: those are decoded whole.
    """
    encoding, skip, _ = _sniff(raw.data, tick, keep=False)
    if encoding.startswith(("utf-16", "utf-32")):
        return None
    end = skip + 4 * _HEAD_CHARS  # at least _HEAD_CHARS characters, in any encoding
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    head = decoder.decode(raw.data[skip:end], final=end >= len(raw.data))[:_HEAD_CHARS]
    if looks_binary(head):
        raise _binary(raw.name)
    return Decoded(raw.name, head, encoding, raw.data)


def _binary(name: str) -> ContactImportError:
    return ContactImportError(
        "this is not a contacts file: it holds binary data, such as a picture or a "
        "program. Choose the CSV, vCard (.vcf) or Excel file you exported.",
        file=name, line=1)


def decode(raw: RawFile, tick: Tick = no_tick) -> tuple[str, str]:
    """The text of ``raw`` and the encoding used; refuses empty and binary files."""
    text, encoding, _ = _decode(raw, tick)
    return text, encoding


_TEXT_HEAD = 256 * 1024  # bytes of a strict UTF-8 file decoded for the checks and detection


def _decode(raw: RawFile, tick: Tick = no_tick, *, head: bool = False) -> tuple[str, str, bool]:
    """``decode``, and whether the text is whole: with ``head`` True, a strict UTF-8 file
    (no byte-order mark, every line end ``\\n``) bigger than ``_TEXT_HEAD`` is only
    checked, and only its head kept (see ``Decoded.whole``)."""
    if not _SOMETHING.search(raw.data) or raw.data in (
            codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise ContactImportError(f"this file is empty. {DOWNLOAD_AGAIN}", file=raw.name, line=1)
    # Line ends other than "\n" are changed in the text (detect): it is made at once.
    partial = head and len(raw.data) > _TEXT_HEAD and b"\r" not in raw.data
    encoding, skip, text = _sniff(raw.data, tick, keep=not partial)
    whole = True
    if partial and encoding == "utf-8" and not skip:
        # At least what the checks here and in detect look at (``_SAMPLE`` characters).
        text = utf8_head(raw.data, 0, max(_TEXT_HEAD, 4 * _SAMPLE))
        whole = False
    elif text is None:
        text = decode_in_parts(memoryview(raw.data)[skip:], encoding, "replace", tick)
    if looks_binary(text):
        raise _binary(raw.name)
    if not text or text.isspace():  # stops at the first letter, unlike strip()
        if not whole and not utf8_text(raw.data).isspace():
            return text, encoding, whole
        raise ContactImportError(f"this file is empty. {DOWNLOAD_AGAIN}", file=raw.name, line=1)
    return text, encoding, whole


def decode_in_parts(data: bytes | memoryview, encoding: str, errors: str,
                    tick: Tick = no_tick, *, keep: bool = True) -> str:
    """``data`` decoded a few MB at a time, calling ``tick`` after each part, so that a
    200 MB file can be stopped part-way; a small file is decoded in one call. Raises
    UnicodeDecodeError as ``bytes.decode`` does (``errors="strict"``). ``keep`` False
    only checks that the bytes decode: each part (``_CHECKED_PART``) is let go before
    the next is made, and "" returned."""
    if keep and len(data) <= _PART:
        return bytes(data).decode(encoding, errors) if isinstance(data, memoryview) \
            else data.decode(encoding, errors)
    size = _PART if keep else _CHECKED_PART
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    view = memoryview(data)
    parts = []
    for start in range(0, len(view), size):
        end = start + size
        part = decoder.decode(view[start:end], final=end >= len(view))
        if keep:
            parts.append(part)
        if keep or end % _PART == 0 or end >= len(view):
            tick(min(end, len(view)) / len(view))
    return "".join(parts)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")


_SAMPLE = 65536  # characters ``looks_binary`` looks at


def looks_binary(text: str) -> bool:
    """True for pictures, archives and programs: text exports have almost no control codes."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    bad = len(_CONTROL.findall(sample))
    return bad > max(2, len(sample) // 100)


# -------------------------------------------------------------------------------- lines


def split_lines(text: str) -> list[str]:
    """Physical lines, whatever the line ends (LF, CRLF, and Thunderbird's CR CR LF)."""
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalise_newlines(text: str) -> str:
    """One ``\\n`` per line end, so that line numbers count as a text editor counts them."""
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")


def sniff_delimiter(line: str) -> str:
    """The field separator of a header line: comma, semicolon or tab, whichever is most used.

    Excel in much of Europe writes semicolons; some tools write tabs. A header with none
    of the three (a single column) is read as comma-separated.
    """
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","
