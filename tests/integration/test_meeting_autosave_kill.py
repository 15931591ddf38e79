"""Killing the app mid-meeting loses at most the last 2 s of typing (a real SIGKILL)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

from lapor_desk.services.bootstrap import open_services
from tests.integration.meeting_helpers import NOTULIS, new_meeting, open_register, start

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2022, 11, 15)


def _read_line(child: subprocess.Popen[str], deadline: float) -> str:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, f"the child stopped: {child.stderr.read() if child.stderr else ''}"
    assert time.time() < deadline, "the child took too long"
    return line.strip()


def test_notes_survive_a_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    with open_register(path, tmp_path) as reg:
        meeting = new_meeting(reg, DAY)
        item, _c = reg.services.agenda.add_general(NOTULIS, meeting, "Paparan narasumber")
        start(reg, meeting, DAY)

    with subprocess.Popen(
        [sys.executable, "-m", "tests.integration.autosave_child", str(path), str(item)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as child:
        try:
            deadline = time.time() + 60
            assert _read_line(child, deadline) == "ready"
            printed = 0
            while printed < 6:  # about three seconds of typing
                printed = int(_read_line(child, deadline))
            time.sleep(0.25)  # kill it between two saves or in the middle of one
            killed_at = time.time()
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL
        assert child.stdout is not None
        rest = [int(line) for line in child.stdout.read().split()]
    printed = max([printed, *rest])

    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_services(path, data_dir=tmp_path, create=False) as services:
        detail = services.meeting_notes.item(item)
    match = re.fullmatch(r"Catatan notulis, ketikan ke-(\d+); disimpan ([0-9.]+)", detail.notes)
    assert match is not None, detail.notes
    counter, saved_at = int(match.group(1)), float(match.group(2))
    # Every save the child reported is there; at most the one in flight is extra.
    assert printed <= counter <= printed + 1
    assert detail.row.notes_revision == counter and detail.row.elapsed_seconds == counter
    assert killed_at - saved_at <= 2.0
