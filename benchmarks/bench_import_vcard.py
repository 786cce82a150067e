"""How long a phone's vCard export with photos takes to read.

A phone or Apple Contacts export carries a photo per card, base64 text folded over
thousands of lines: 200 cards with a 250 KB photo each make a file of about 70 MB. The
baseline is ``pandas.read_csv`` of a CSV file of the same size in bytes, in the same run,
so the ratio means the same on a laptop and on CI. Goal: ``read_contacts`` within 2× of
it, i.e. time proportional to the file's size, photos skipped as they stream by.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_import_vcard.py [--cards 200]
[--photo-kb 250] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import base64
import random
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks._timing import timed
from networking_kit.importers import read_contacts

FIRST = ["Ada", "Björn", "Chiamaka", "Dmitri", "Elif", "Farah", "Gonzalo", "Hana"]
LAST = ["Okafor", "Lindqvist", "García", "Nakamura", "Petrov", "Haddad", "Müller", "Rossi"]


def _folded(value: str, width: int = 75) -> str:
    """A property folded as RFC 6350 says: lines of ``width``, continuations indented."""
    lines = [value[:width]] + [" " + value[i:i + width - 1]
                               for i in range(width, len(value), width - 1)]
    return "\r\n".join(lines) + "\r\n"


def write_vcard_export(path: Path, cards: int, photo_kb: int, seed: int = 7) -> Path:
    """A synthetic .vcf shaped like a phone's export with photos (invented people)."""
    rng = random.Random(seed)
    photo = base64.b64encode(rng.randbytes(photo_kb * 1024)).decode("ascii")
    with path.open("w", encoding="utf-8", newline="") as out:
        for number in range(cards):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.write("BEGIN:VCARD\r\nVERSION:3.0\r\n")
            out.write(f"N:{last};{first};;;\r\nFN:{first} {last}\r\n")
            out.write(f"EMAIL;TYPE=INTERNET:{first.lower()}.{number}@example.org\r\n")
            out.write(f"TEL;TYPE=CELL:+44 7700 9{number:05d}\r\nORG:Example Ltd\r\n")
            out.write(_folded(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}"))
            out.write("END:VCARD\r\n")
    return path


def write_same_size_csv(path: Path, size: int) -> Path:
    """A plain CSV of about ``size`` bytes, for pandas' baseline."""
    row = "Ada,Okafor,ada@example.org,Example Ltd,Engineer,12 Nov 2023\n"
    rows = max(1, size // len(row))
    path.write_text("First,Last,Email,Company,Position,Date\n" + row * rows, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--photo-kb", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        vcf = write_vcard_export(Path(folder) / "contacts.vcf", options.cards, options.photo_kb)
        size = vcf.stat().st_size
        table = write_same_size_csv(Path(folder) / "same_size.csv", size)
        base, _ = timed(lambda: pd.read_csv(table, dtype=str), options.repeat)
        mine, frame = timed(lambda: read_contacts(vcf), options.repeat)
        print(f"vCard: {options.cards} cards, {options.photo_kb} KB photo each, "
              f"{size / 1e6:.1f} MB; median of {options.repeat}")
        print(f"pandas.read_csv (same size): {base * 1000:8.1f} ms")
        print(f"read_contacts:               {mine * 1000:8.1f} ms   ratio {mine / base:.2f}x "
              f"(goal <= 2x; {len(frame)} contacts)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
