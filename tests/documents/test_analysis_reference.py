"""Every field of the analysis equals an independent computation, complaint by complaint.

The register is the demo scenario varied with what the demo lacks (see ``vary``).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.reports.analysis_input import AnalysisInput
from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.documents.analysis_reference import reference_analysis, vary

#: (start, end, judged on): the whole register on the stored deadlines' date, one month, a
#: period judged a month later and one judged before the reference date (both re-evaluate the
#: complaints that waited for the reporter from their timelines).
PERIODS = (
    (date(2022, 1, 1), date(2022, 11, 14), None),
    (date(2022, 3, 1), date(2022, 3, 31), None),
    (date(2022, 1, 1), date(2022, 10, 31), date(2022, 12, 14)),
    (date(2022, 6, 15), date(2022, 11, 14), date(2022, 9, 1)),
)


def _compare(services: Services, start: date, end: date, as_of: date | None) -> AnalysisInput:
    gathered = services.analysis.gather(start, end, as_of)
    settings = services.settings
    with make_session_factory(services.engine)() as session:
        expected = reference_analysis(
            session, settings.calendar(), settings.sla_rules(), start, end,
            as_of or settings.reference_date(), fixed_clock())
    for field in fields(AnalysisInput):
        assert getattr(gathered, field.name) == getattr(expected, field.name), field.name
    return gathered


def test_every_field_equals_the_complaint_by_complaint_computation(
    demo_services: Services,
) -> None:
    vary(demo_services)
    results = [_compare(demo_services, *period) for period in PERIODS]
    whole, march, later, earlier = results
    # The comparisons cover what they claim to: every kind of figure is there.
    assert whole.received == 4447 + 3 and whole.overdue and whole.examples
    assert march.months == ((2022, 3),) and 0 < march.received < whole.received
    assert later.overdue_total > whole.overdue_total
    assert earlier.as_of == date(2022, 9, 1) and earlier.by_unit
    assert {r.label for r in whole.by_channel} >= {"Telepon", "Surat"}


def test_same_result_after_the_register_is_reopened(demo_services: Services,
                                                    tmp_path: Path) -> None:
    """What a later session reads is what the writes stored, not a cache of this one."""
    vary(demo_services)
    before = demo_services.analysis.gather(date(2022, 1, 1), date(2022, 11, 14))
    demo_services.engine.dispose()
    with open_services(demo_services.location, data_dir=tmp_path,
                       clock=fixed_clock) as reopened:
        assert reopened.analysis.gather(date(2022, 1, 1), date(2022, 11, 14)) == before


@pytest.mark.postgres
def test_postgresql_gives_the_same_figures(pg_url: str, tmp_path: Path,
                                           demo_services: Services) -> None:
    with open_services(pg_url, data_dir=tmp_path, clock=fixed_clock) as services:
        services.demo.load(LOCAL_OPERATOR)
        vary(services)
        vary(demo_services)
        for period in PERIODS[:3]:
            on_postgresql = _compare(services, *period)
            assert on_postgresql == demo_services.analysis.gather(*period)
