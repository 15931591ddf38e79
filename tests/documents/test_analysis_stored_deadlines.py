"""The analysis reads the stored deadlines and facts; judged on another day it still equals
the complaint-by-complaint computation; every grouped figure is one scan of a covering index.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from lapor_desk.models.deadline import ANALYSIS_INDEXES
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from tests.conftest import fixed_clock
from tests.documents.analysis_reference import reference_analysis


def test_judged_on_another_day_the_figures_equal_the_reference(
    demo_services: Services,
) -> None:
    """The stored due dates are as of the reference date; a month later, complaints that
    waited for the reporter are evaluated from their timelines, and every figure still agrees
    with the complaint-by-complaint computation.
    """
    day = date(2022, 12, 14)
    start, end = date(2022, 1, 1), date(2022, 11, 14)
    data = demo_services.analysis.gather(start, end, as_of=day)
    on_reference_date = demo_services.analysis.gather(start, end)
    settings = demo_services.settings
    with make_session_factory(demo_services.engine)() as session:
        expected = reference_analysis(session, settings.calendar(), settings.sla_rules(),
                                      start, end, day, fixed_clock())
    assert data.overdue_total == expected.overdue_total > on_reference_date.overdue_total
    assert data.sla_compliance == pytest.approx(expected.sla_compliance)
    assert data.avg_first_response == pytest.approx(expected.avg_first_response)
    by_unit = {u.abbreviation: u for u in expected.by_unit}
    for row in data.by_unit:
        assert row.overdue == by_unit[row.abbreviation].overdue, row.abbreviation
        assert row.sla_compliance == pytest.approx(by_unit[row.abbreviation].sla_compliance)
    assert all(o.due < day for o in data.overdue)


@pytest.mark.parametrize("period", [(date(2022, 1, 1), date(2022, 11, 14)),
                                    (date(2022, 3, 1), date(2022, 5, 31))])
def test_every_grouped_figure_reads_one_covering_index_in_order(
    demo_services: Services, period: tuple[date, date]
) -> None:
    """No grouped figure of the analysis reads the complaint rows, a table row, or sorts.

    Checked with ANALYZE statistics, which make SQLite consider skip-scans of other indexes.
    """
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    engine = demo_services.engine
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    event.listen(engine, "before_cursor_execute", record)
    try:
        demo_services.analysis.gather(*period)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # (The timelines of the few complaints quoted as overdue are grouped per complaint.)
    grouped = [(s, p) for s, p in statements
               if "GROUP BY" in s and "FROM complaint_deadline" in s]
    plans = {}
    with engine.connect() as connection:
        for statement, parameters in grouped:
            plans[statement] = " | ".join(row[-1] for row in connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", parameters))
    used = set()
    for statement, plan in plans.items():
        assert plan.startswith("SCAN complaint_deadline USING COVERING INDEX "), (statement, plan)
        assert "TEMP B-TREE" not in plan and "|" not in plan, (statement, plan)
        used.add(plan.rsplit(" ", 1)[-1])
    assert used == set(ANALYSIS_INDEXES)
