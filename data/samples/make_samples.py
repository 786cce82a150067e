"""Regenerate the sample participant's files in this folder (seeded, so byte for byte).

Run from the repository root: ``python data/samples/make_samples.py``.
"""

from pathlib import Path

from networking_kit.samples import write_sample_files

if __name__ == "__main__":
    written = write_sample_files(Path(__file__).resolve().parent)
    print(f"wrote {written}")
