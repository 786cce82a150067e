"""Made-up shared summaries, for rehearsing the facilitator's dashboard and for tests.

:func:`example_summaries` returns believable summaries in the format ``cohort.summarise``
writes; :func:`write_examples` puts them in a folder as a drop folder would hold them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from networking_kit.cohort import FORMAT, VERSION
from networking_kit.files import atomic_write
from networking_kit.goals import GoalKind
from networking_kit.venues import load_venue_catalogue
from networking_kit.vocab import WEAK, TieStrength

_STRENGTHS = tuple(s.value for s in TieStrength)


# -------------------------------------------------------------------- rehearsal data


def example_summaries(count: int, seed: int = 8) -> list[dict[str, Any]]:
    """Believable made-up summaries, for rehearsing the dashboard and for the tests."""
    import random

    rng = random.Random(seed)  # noqa: S311 - made-up numbers, not secrets
    venues = [venue.id for venue in load_venue_catalogue()]
    kinds = [*(str(k) for k in GoalKind), None]  # a few have not chosen yet
    out = []
    for _ in range(count):
        scale = rng.choice((0.3, 0.6, 1.0, 1.0, 1.5, 3.0))
        layers = {s: max(0, round(rng.gauss(typical, typical / 3) * scale))
                  for s, typical in zip(_STRENGTHS, (5, 10, 30, 60, 60, 20), strict=True)}
        untriaged = rng.choice((0, 0, 0, rng.randrange(0, 300)))
        total = sum(layers.values()) + untriaged
        planned = rng.choice((0, rng.randrange(3, 15), rng.randrange(10, 60)))
        commitments = rng.choice((0, 1, 2, 2, 3))
        out.append({
            "format": FORMAT, "version": VERSION,
            "summary_id": f"{rng.getrandbits(64):016x}",
            "made_on": date(2026, 11, rng.randrange(1, 29)).isoformat(),
            "goal_kind": rng.choices(kinds, weights=(3, 3, 3, 1))[0],
            "goal_complete": rng.random() < 0.6,
            "layers": layers, "untriaged": untriaged, "total": total,
            "context_diversity_iqv": round(rng.uniform(0.2, 1.0), 3),
            "sector_count": rng.randrange(1, 15),
            "weak_share": round(sum(layers[s] for s in WEAK) / total, 3) if total else 0.0,
            "dormant_share": round(layers[TieStrength.DORMANT] / total, 3) if total else 0.0,
            "planned_actions": planned,
            "done_actions": rng.randrange(0, planned + 1) if planned else 0,
            "venues": sorted(rng.sample(venues, rng.randrange(0, 4))),
            "commitments": commitments,
            "check_ins": 3 if planned else 0,
        })
    return out


def write_examples(folder: Path, count: int = 40, seed: int = 8) -> list[Path]:
    """Fill ``folder`` with ``count`` made-up summaries (what a rehearsal needs)."""
    folder = Path(folder)
    # Whole files only, readable as shared ones are in a plain folder (cohort.share_summary).
    return [atomic_write(folder / f"{summary['summary_id']}.json",
                         json.dumps(summary, indent=1, sort_keys=True), mode=0o644)
            for summary in example_summaries(count, seed)]
