"""Meeting-mode autosave against a raw baseline, in the same run, on the demo register.

    .venv/bin/python bench/meeting_autosave.py [--saves 200]

- baseline: sqlite3 with the register's pragmas (WAL, ``synchronous=FULL``) runs the same
  ``UPDATE agenda_item SET notes=?, ... WHERE id=?`` and commits, once per save;
- LAPOR Desk: ``MeetingNotesService.save_item_notes`` (revision check, meeting in session,
  one transaction) on an agenda item of a meeting in session.

Both write the same growing text (a notulis typing) to the same register file. The numbers are
milliseconds per save (median and 95th percentile) and the ratio of the medians; meeting mode
saves every one to two seconds, so anything well below 100 ms leaves typing unaffected.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()

    from lapor_desk.domain.actor import LOCAL_OPERATOR
    from lapor_desk.domain.meetings import MeetingKind, MeetingStatus
    from lapor_desk.services.bootstrap import open_services
    from lapor_desk.services.meeting_inputs import MeetingInput

    folder = Path(tempfile.mkdtemp(prefix="lapor-autosave-"))
    try:
        path = folder / "register.sqlite3"
        with open_services(path, data_dir=folder) as services:
            services.demo.load(LOCAL_OPERATOR)
            units = tuple(u.id for u in services.agenda.units()[:6])
            meeting = services.meetings.create(
                LOCAL_OPERATOR, MeetingInput("Bench", MeetingKind.FOLLOW_UP,
                                             date(2022, 11, 22), unit_ids=units)
            ).meeting.id
            rows = services.agenda.build(LOCAL_OPERATOR, meeting, date(2022, 11, 14),
                                         limit_per_unit=3)
            for target in (MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION):
                services.meetings.change_status(LOCAL_OPERATOR, meeting, target)
            item = rows[0].id

            raw = sqlite3.connect(path, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=5000"):
                raw.execute(f"PRAGMA {pragma}")
            text = ""
            baseline, ours = [], []
            revision = 0
            for n in range(args.saves):
                text += f"Butir {n}: unit menyanggupi penyelesaian dalam lima hari kerja. "
                started = time.perf_counter()
                raw.execute("BEGIN")
                raw.execute(
                    "UPDATE agenda_item SET notes=?, notes_revision=notes_revision "
                    "WHERE id=?", (text, rows[1].id),
                )
                raw.execute("COMMIT")
                baseline.append(time.perf_counter() - started)
                started = time.perf_counter()
                revision = services.meeting_notes.save_item_notes(
                    LOCAL_OPERATOR, item, text, revision, elapsed_seconds=n
                ).revision
                ours.append(time.perf_counter() - started)
            raw.close()
        result = {
            "saves": args.saves,
            "text_chars": len(text),
            "baseline": _summary(baseline),
            "lapor_desk": _summary(ours),
        }
        result["ratio_median"] = round(
            result["lapor_desk"]["median_ms"] / result["baseline"]["median_ms"], 1
        )
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
