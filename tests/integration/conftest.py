from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """Services over a new SQLite register file, with the clock fixed at 14 Nov 2022 10:00."""
    with open_services(tmp_path / "register.sqlite3", data_dir=tmp_path, clock=fixed_clock) as s:
        yield s


@pytest.fixture
def pg_services(pg_url: str, tmp_path: Path) -> Iterator[Services]:
    """Services over a new, empty PostgreSQL database, with the same fixed clock."""
    with open_services(pg_url, data_dir=tmp_path, clock=fixed_clock) as s:
        yield s


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_register(request: pytest.FixtureRequest) -> Services:
    """Services over a new register, once on SQLite and once on PostgreSQL."""
    name = "services" if request.param == "sqlite" else "pg_services"
    services: Services = request.getfixturevalue(name)
    return services


@pytest.fixture(scope="session")
def demo_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register holding the demo scenario, built once per run; tests copy it."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    with open_services(path, data_dir=folder, clock=fixed_clock) as s:
        from lapor_desk.domain.actor import LOCAL_OPERATOR

        s.demo.load(LOCAL_OPERATOR)
    return path
