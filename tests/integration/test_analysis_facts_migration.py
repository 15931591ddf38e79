"""Revision 0007 fills the analysis' facts of an existing register in SQL, as the refresh would.

The facts are dropped (0007's downgrade) and filled again by its upgrade, set-based, on a
register varied beyond the demo; every stored row must come back as the Python refresh wrote
it, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.models.deadline import ANALYSIS_INDEXES
from lapor_desk.persistence.engine import make_engine
from lapor_desk.persistence.migrate import alembic_config
from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.documents.analysis_reference import vary
from tests.integration.test_analysis_facts import FACTS, stored


def _run_0007(services: Services, step: str) -> None:
    """Run only revision 0007's ``upgrade`` or ``downgrade`` (not the revisions around it).

    On its own engine, as ``migrate()`` does before any session: a pooled SQLite connection
    could still hold a read snapshot from before the schema change.
    """
    services.engine.dispose()
    module = ScriptDirectory.from_config(alembic_config()).get_revision("0007").module
    engine = make_engine(services.location)
    try:
        with engine.begin() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            with Operations.context(context):
                getattr(module, step)()
    finally:
        engine.dispose()


def _round_trip(services: Services) -> None:
    before = stored(services)
    assert {r["waited"] for r in before.values()} == {True, False}
    assert any(r["verified_on"] is not None and r["first_response_on"] is not None
               and r["first_response_on"] < r["verified_on"] for r in before.values())
    _run_0007(services, "downgrade")
    columns = {c["name"] for c in inspect(services.engine).get_columns("complaint_deadline")}
    assert columns.isdisjoint(FACTS)
    _run_0007(services, "upgrade")
    indexes = {i["name"] for i in inspect(services.engine).get_indexes("complaint_deadline")}
    assert indexes >= set(ANALYSIS_INDEXES)
    after = stored(services)
    assert after.keys() == before.keys()
    wrong = {cid: {c: (after[cid][c], before[cid][c]) for c in FACTS
                   if after[cid][c] != before[cid][c]}
             for cid in before if after[cid] != before[cid]}
    assert wrong == {}


def test_the_migration_fills_the_facts_as_the_refresh_does_on_sqlite(
    demo_register: Path, tmp_path: Path
) -> None:
    shutil.copy(demo_register, tmp_path / "demo.sqlite3")
    with open_services(tmp_path / "demo.sqlite3", data_dir=tmp_path,
                       clock=fixed_clock) as services:
        vary(services)
        _round_trip(services)


@pytest.mark.postgres
def test_the_migration_fills_the_facts_as_the_refresh_does_on_postgresql(
    pg_url: str, tmp_path: Path
) -> None:
    with open_services(pg_url, data_dir=tmp_path, clock=fixed_clock) as services:
        services.demo.load(LOCAL_OPERATOR)
        vary(services)
        _round_trip(services)
