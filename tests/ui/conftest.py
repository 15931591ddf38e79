from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.integration.conftest import demo_register  # noqa: F401 - shared session fixture


@pytest.fixture
def demo_services(demo_register: Path, tmp_path: Path) -> Iterator[Services]:  # noqa: F811
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        yield services
