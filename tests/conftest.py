"""Shared fixtures: a fixed clock, real SQLite registers, a private PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lapor_desk import i18n

FIXED_NOW = datetime(2022, 11, 14, 10, 0, 0)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def _indonesian() -> Iterator[None]:
    i18n.activate("id")
    yield
    i18n.activate("id")


def _pg_bin() -> Path | None:
    for version in ("17", "16", "15"):
        folder = Path(f"/usr/lib/postgresql/{version}/bin")
        if (folder / "initdb").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server: ``LAPOR_TEST_PG_URL`` or a private one started for the run.

    Skipped where PostgreSQL is not installed, except under CI, where that is a failure.
    """
    url = os.environ.get("LAPOR_TEST_PG_URL")
    if url:
        yield url
        return
    folder = _pg_bin()
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed but CI must test against it")
        pytest.skip("PostgreSQL is not installed")
    base = Path(tempfile.mkdtemp(prefix="lapor-pg-"))
    data = base / "data"
    port = _free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_user, str(folder / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "--no-sync"],
        check=True, capture_output=True,
    )
    subprocess.run(
        [*as_user, str(folder / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"),
         "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False, capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the PostgreSQL server for one test."""
    import psycopg

    name = f"lapor_test_{os.getpid()}_{datetime.now().strftime('%H%M%S%f')}"
    with psycopg.connect(pg_server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = pg_server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(pg_server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """A modal message box would block an offscreen test forever: fail fast instead.

    Tests that expect a message box ask for the ``message_boxes`` fixture, which records the
    texts and answers with the default button instead of failing.
    """
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield []
        return
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    expected = "message_boxes" in request.fixturenames

    def fake(kind: str) -> object:
        def show(_parent: object, _title: str, text: str, *_args: object, **_kw: object) -> object:
            shown.append(text)
            if not expected:
                raise AssertionError(f"unexpected QMessageBox.{kind}: {text}")
            if kind == "question":
                return QMessageBox.StandardButton.Yes
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    patch = pytest.MonkeyPatch()
    for kind in ("warning", "critical", "information", "question"):
        patch.setattr(QMessageBox, kind, fake(kind))
    try:
        yield shown
    finally:
        patch.undo()


@pytest.fixture
def message_boxes(_no_blocking_message_boxes: list[str]) -> list[str]:
    """Texts of the message boxes a test expects to be shown (answered with the default)."""
    return _no_blocking_message_boxes
