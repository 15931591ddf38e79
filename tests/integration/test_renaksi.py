"""The Renaksi register: items per period, progress, evidence, meetings that fulfil them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meeting_outcomes import RenaksiStatus
from lapor_desk.services.bootstrap import open_services
from lapor_desk.services.renaksi import EvidenceInput, RenaksiInput
from tests.conftest import fixed_clock
from tests.integration.meeting_helpers import (
    NOTULIS,
    Register,
    close,
    new_meeting,
    open_register,
    start,
)


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with open_register(tmp_path / "register.sqlite3", tmp_path) as register:
        yield register


def test_items_are_numbered_per_period_and_keep_their_period(reg: Register) -> None:
    add = reg.services.renaksi.add
    first, _c = add(NOTULIS, RenaksiInput(" 2021 – 2024 ", "Revisi Kepsekjen 2/HUK/2019",
                                          owner_unit_id=reg.units["BIRO-HUKUM"]))
    second, _c = add(NOTULIS, RenaksiInput("2021-2024", "Proses bisnis"))
    other, _c = add(NOTULIS, RenaksiInput("2025-2029", "Renaksi baru"))
    assert [(r.period, r.number) for r in (first, second, other)] == [
        ("2021-2024", 1), ("2021-2024", 2), ("2025-2029", 1)
    ]
    assert first.owner_unit == "BIRO-HUKUM" and first.status is RenaksiStatus.NOT_STARTED
    with pytest.raises(ValidationError) as taken:
        add(NOTULIS, RenaksiInput("2021-2024", "Dobel", number=2))
    assert taken.value.field == "number" and "2021-2024" in str(taken.value)
    with pytest.raises(ValidationError):
        add(NOTULIS, RenaksiInput("2021-2024", "Nol", number=0))
    with pytest.raises(ValidationError) as bad_period:
        add(NOTULIS, RenaksiInput("2024-2021", "Terbalik"))
    assert bad_period.value.field == "period"
    assert reg.services.renaksi.periods() == ("2025-2029", "2021-2024")
    assert [r.title for r in reg.services.renaksi.list_items("2021-2024")] == [
        "Revisi Kepsekjen 2/HUK/2019", "Proses bisnis"
    ]
    with pytest.raises(ValidationError):
        reg.services.renaksi.update(NOTULIS, first.id, RenaksiInput("2025-2029", "Pindah"))
    reg.services.renaksi.update(
        NOTULIS, first.id, RenaksiInput("2021-2024", "Revisi Kepsekjen", output="Kepsekjen baru",
                                        target_date=date(2023, 6, 30))
    )
    row = reg.services.renaksi.get(first.id).row
    assert (row.title, row.output, row.target_date) == (
        "Revisi Kepsekjen", "Kepsekjen baru", date(2023, 6, 30)
    )


def test_progress_evidence_and_fulfilling_meetings(reg: Register) -> None:
    item, _c = reg.services.renaksi.add(NOTULIS, RenaksiInput("2021-2024", "Rapat koordinasi"))
    with pytest.raises(ValidationError):
        reg.services.renaksi.set_progress(NOTULIS, item.id, RenaksiStatus.ACHIEVED, 80)
    reg.services.renaksi.set_progress(NOTULIS, item.id, RenaksiStatus.UNDER_WAY, 40)
    meeting = new_meeting(reg, date(2022, 11, 15))
    start(reg, meeting, date(2022, 11, 15))
    close(reg, meeting, date(2022, 11, 15))
    reg.services.renaksi.set_fulfilled_by(NOTULIS, meeting, [item.id])
    evidence, _c = reg.services.renaksi.add_evidence(
        NOTULIS, item.id,
        EvidenceInput("Notula rapat 15 November 2022", "/dokumen/notula-2-2022.pdf",
                      meeting_id=meeting),
    )
    assert evidence.meeting_label == "1/2022" and evidence.added_by == "Rina Notulis"
    detail = reg.services.renaksi.get(item.id)
    assert (detail.row.status, detail.row.progress) == (RenaksiStatus.UNDER_WAY, 40)
    assert detail.row.meetings == ("1/2022",) and detail.row.evidence_count == 1
    assert [m.id for m in detail.meetings] == [meeting]
    assert reg.services.meetings.get(meeting).renaksi_ids == (item.id,)
    summary = reg.services.renaksi.summary("2021-2024")
    assert summary.total == 1 and summary.average_progress == 40
    assert dict(summary.by_status)[RenaksiStatus.UNDER_WAY] == 1

    reg.services.renaksi.set_fulfilled_by(NOTULIS, meeting, [])
    reg.services.renaksi.remove_evidence(NOTULIS, evidence.id)
    detail = reg.services.renaksi.get(item.id)
    assert detail.row.meetings == () and detail.evidence == ()
    with pytest.raises(NotFound):
        reg.services.renaksi.set_fulfilled_by(NOTULIS, meeting, [item.id, 999])
    with pytest.raises(NotFound):
        reg.services.renaksi.remove_evidence(NOTULIS, evidence.id)
    assert reg.services.renaksi.summary("2030-2031").average_progress is None


def test_demo_holds_the_five_renaksi_items_fulfilled_on_15_november(
    demo_register: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        items = services.renaksi.list_items("2021-2024")
        assert [r.number for r in items] == [1, 2, 3, 4, 5]
        assert "2/HUK/2019" in items[0].title
        assert all("2/2022" in r.meetings for r in items)
        assert items[4].meetings == ("1/2022", "2/2022")
        assert all(0 < r.progress < 100 for r in items)
