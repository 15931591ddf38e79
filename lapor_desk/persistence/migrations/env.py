"""Alembic environment: runs on the connection that ``migrate()`` hands over."""

from __future__ import annotations

from alembic import context

from lapor_desk.models import Base
from lapor_desk.persistence.search import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through lapor_desk.persistence.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    transactional_ddl=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
