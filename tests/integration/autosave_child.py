"""Child process of the kill test: types notes into a meeting item and autosaves every 0.5 s.

Run as ``python -m tests.integration.autosave_child REGISTER ITEM_ID``. Each note holds a counter
and the wall-clock time it was saved; the counter is printed only after the save returned.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lapor_desk.domain.actor import Actor
from lapor_desk.services.bootstrap import open_services

NOTULIS = Actor("notulis", "Rina Notulis")


def main(register: str, item_id: int) -> None:
    with open_services(register, data_dir=Path(register).parent, create=False) as services:
        revision = services.meeting_notes.item(item_id).row.notes_revision
        print("ready", flush=True)
        counter = 0
        while True:
            counter += 1
            text = f"Catatan notulis, ketikan ke-{counter}; disimpan {time.time():.3f}"
            revision = services.meeting_notes.save_item_notes(
                NOTULIS, item_id, text, revision, elapsed_seconds=counter
            ).revision
            print(counter, flush=True)
            time.sleep(0.5)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
