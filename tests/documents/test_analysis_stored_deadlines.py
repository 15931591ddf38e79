"""The analysis reads the stored deadlines; judged on another day it still equals ``stats``."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from lapor_desk.services.bootstrap import Services


def test_judged_on_another_day_the_figures_equal_the_statistics(
    demo_services: Services,
) -> None:
    """The stored due dates are as of the reference date; a month later, complaints that
    waited for the reporter are evaluated from their timelines, and every figure still agrees.
    """
    day = date(2022, 12, 14)
    data = demo_services.analysis.gather(date(2022, 1, 1), date(2022, 11, 14), as_of=day)
    stats = demo_services.stats.stats(day)
    reference = demo_services.analysis.gather(date(2022, 1, 1), date(2022, 11, 14))
    assert data.overdue_total == stats.overall.overdue > reference.overdue_total
    assert data.sla_compliance == pytest.approx(stats.overall.sla_compliance)
    assert data.avg_first_response == pytest.approx(stats.overall.avg_first_response_workdays)
    by_unit = {u.abbreviation: u.indicators for u in stats.by_unit}
    for row in data.by_unit:
        assert row.overdue == by_unit[row.abbreviation].overdue, row.abbreviation
        assert row.sla_compliance == pytest.approx(by_unit[row.abbreviation].sla_compliance)
    assert all(o.due < day for o in data.overdue)


def test_grouped_counts_read_the_covering_index(demo_services: Services) -> None:
    """The month/topic/status counts and the per-unit join never read the wide rows."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    engine = demo_services.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        demo_services.analysis.gather(date(2022, 1, 1), date(2022, 10, 31))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    hot = [(s, p) for s, p in statements if "GROUP BY" in s and (
        "STRFTIME" in s.upper() or "complaint_deadline.lead_unit_id, complaint.status" in s)]
    assert len(hot) == 2
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        for statement, parameters in hot:
            plan = " ".join(row[-1] for row in connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", parameters))
            assert "COVERING INDEX ix_complaint_analysis" in plan, plan
