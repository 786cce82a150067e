"""The reliability fuzz, run as a child process by tests/test_reliability.py.

``python tests/reliability_fuzz.py SEED COUNT SECONDS FOLDER`` mutates the import
fixtures (tests/data/imports, a LinkedIn .zip and an .xlsx, at the byte level, inside
their compressed members and in their XML) and a complete JSON backup, then gives each
input to every entry point a participant reaches: the upload form's file check
(``ImportForm`` through its ``upload`` value), ``inspect_file``, ``read_contacts`` with
each format, and ``restore_workbook``. It stops after COUNT inputs or SECONDS seconds.

Before each input it prints ``start N`` (so a watchdog knows which input hangs); any
exception other than ContactImportError, a message of more than one line or a status
line holding a traceback is printed as ``FAIL`` with the input saved in FOLDER. The last
line is ``done N``. Reproduce one input with the same SEED: inputs are numbered in order.
"""

from __future__ import annotations

import io
import json
import random
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

DATA = Path(__file__).parent / "data" / "imports"
SPECIAL = [b"\x00", b"\xff", b'"', b",", b"\n", b"\r", b";", b"\t", b"<", b">", b"&",
           b"BEGIN:VCARD\r\n", b"END:VCARD\r\n", b"=\r\n", b"\xef\xbb\xbf", b"PK\x03\x04",
           b"\xd0\xcf\x11\xe0", b"9" * 400, b"<c r=\"XFD1048576\"><v>1</v></c>"]


def seeds() -> dict[str, bytes]:
    """The inputs mutated: every import fixture, a LinkedIn archive and the JSON backup."""
    files = {p.name: p.read_bytes() for p in sorted(DATA.iterdir())
             if p.suffix in {".csv", ".txt", ".vcf", ".xlsx"}}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Connections.csv", files["linkedin_current.csv"])
    files["export.zip"] = archive.getvalue()
    return files


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four byte-level changes: flips, cuts, inserts, repeats, deletions."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del out[at:]
        elif kind == 2:
            out[at:at] = rng.choice(SPECIAL)
        elif kind == 3 and out:
            end = min(len(out), at + rng.randint(1, 200))
            out[at:at] = out[at:end] * rng.randint(2, 20)
        elif kind == 4:
            del out[at:at + rng.randint(1, 50)]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    return bytes(out)


def mutate_member(data: bytes, rng: random.Random) -> bytes:
    """A .zip/.xlsx with one member's text mutated (XML errors), rezipped or stored raw."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = source.infolist()
        chosen = rng.choice(members)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", rng.choice([zipfile.ZIP_DEFLATED,
                                                       zipfile.ZIP_STORED])) as out:
            for member in members:
                content = source.read(member)
                if member is chosen:
                    content = mutate(content, rng)
                out.writestr(member.filename, content)
        return buffer.getvalue()
    except Exception:  # the seed itself was damaged by an earlier mutation
        return mutate(data, rng)


def mutate_backup(document: dict[str, object], rng: random.Random) -> bytes:
    """A JSON backup damaged in its structure (types, keys, depth, numbers) or bytes."""
    text = json.dumps(document)
    if rng.random() < 0.3:
        return mutate(text.encode(), rng)
    doc = json.loads(text)
    for _ in range(rng.randint(1, 3)):
        target, key = _pick(doc, rng)
        choice = rng.randrange(7)
        replacement: object = [None, "", -1, 10**400 if choice == 3 else 1e308, [], {},
                               "x" * 10_000, True, [[[[[]]]]]][rng.randrange(9)]
        if choice == 0 and isinstance(target, dict):
            target.pop(key, None)
        elif choice == 1:
            _put(target, key, "__DEEP__")  # nested 5,000 deep, written in as text below
        else:
            _put(target, key, replacement)
    try:
        damaged = json.dumps(doc)
    except ValueError:  # 10**400 has no JSON form as a float; as an int it has
        damaged = text
    return damaged.replace('"__DEEP__"', "[" * 5000 + "]" * 5000).encode()


def _pick(doc: object, rng: random.Random) -> tuple[object, object]:
    target, key = doc, None
    for _ in range(rng.randint(1, 4)):
        if isinstance(target, dict) and target:
            key = rng.choice(list(target))
        elif isinstance(target, list) and target:
            key = rng.randrange(len(target))
        else:
            break
        inner = target[key]
        if not isinstance(inner, dict | list) or rng.random() < 0.3:
            return target, key
        target = inner
    return target, key


def _put(target: object, key: object, value: object) -> None:
    if isinstance(target, dict):
        target[key] = value
    if isinstance(target, list) and isinstance(key, int) and key < len(target):
        target[key] = value


def main() -> int:
    seed, count, seconds, folder = (int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]),
                                    Path(sys.argv[4]))
    from networking_kit.contacts import ContactImportError
    from networking_kit.export.workbook_json import restore_workbook, workbook_to_json
    from networking_kit.importers import inspect_file, read_contacts
    from networking_kit.samples import load_sample_contacts
    from networking_kit.store import WorkbookError, open_workbook
    from networking_kit.ui.importing import ImportForm

    rng = random.Random(seed)
    files = seeds()
    workbook = open_workbook(folder / "fuzz.sqlite", daily_backup=False)
    workbook.save_contacts(load_sample_contacts().head(12))
    backup = json.loads(workbook_to_json(workbook))
    form = ImportForm(workbook)
    failures = 0
    start = time.monotonic()
    number = 0
    while number < count and time.monotonic() - start < seconds:
        number += 1
        name = rng.choice([*files, "backup.json"])
        if name == "backup.json":
            data = mutate_backup(backup, rng)
        elif name.endswith((".zip", ".xlsx")) and rng.random() < 0.5:
            data = mutate_member(files[name], rng)
        else:
            data = mutate(files[name], rng)
        print(f"start {number} {name}", flush=True)
        calls: list[tuple[str, Callable[[], object]]]
        if name == "backup.json":
            path = folder / "backup.json"
            path.write_bytes(data)
            calls = [("restore", partial(restore_workbook, path, workbook))]
        else:
            fmt = rng.choice([None, "linkedin", "google", "outlook", "vcard", "generic"])
            calls = [("check", partial(inspect_file, data, name=name)),
                     (f"read {fmt}", partial(read_contacts, data, fmt, name=name)),
                     ("form", partial(_through_form, form, name, data))]
        snapshot = workbook.snapshot() if name == "backup.json" else None
        for label, call in calls:
            try:
                call()
            except (ContactImportError, WorkbookError) as error:
                if "\n" in str(error) or "Traceback" in str(error):
                    failures += _fail(folder, number, name, label, data, f"two lines: {error}")
                if snapshot is not None and workbook.snapshot() != snapshot:
                    failures += _fail(folder, number, name, label, data,
                                      "refused, yet the workbook changed")
            except BaseException:  # reporting exactly this is the point
                failures += _fail(folder, number, name, label, data, traceback.format_exc())
            else:
                if snapshot is not None:  # accepted: the plan must still export
                    failures += _exports(folder, number, name, data, workbook)
    print(f"done {number} failures {failures}", flush=True)
    return 1 if failures else 0


def _exports(folder: Path, number: int, name: str, data: bytes, workbook: object) -> int:
    """An accepted backup must give a plan in every format: 0, else 1 and the report."""
    from networking_kit.export.formats import export_to

    for kind in ("html", "md", "ics"):  # the plan (PDF is the HTML, printed)
        try:
            export_to(workbook, folder / f"plan.{kind}")  # type: ignore[arg-type]
        except BaseException:  # any of them is a failure
            return _fail(folder, number, name, f"export {kind}", data, traceback.format_exc())
    return 0


def _through_form(form: object, name: str, data: bytes) -> None:
    """The upload form's check, as a participant triggers it: a file chosen."""
    from networking_kit.ui.importing import ImportForm

    assert isinstance(form, ImportForm)
    form.upload.value = ({"name": name, "type": "", "size": len(data),
                          "content": memoryview(data),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)
    if "Traceback" in form.status.value:
        raise AssertionError(form.status.value)


def _fail(folder: Path, number: int, name: str, label: str, data: bytes, text: str) -> int:
    saved = folder / f"failure-{number}-{Path(name).name}"
    saved.write_bytes(data)
    print(f"FAIL {number} {label} {name} (saved as {saved}): {text}", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
