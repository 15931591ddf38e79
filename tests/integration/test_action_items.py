"""Action items on a real register: deadlines in working days, closing, the tracker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meeting_outcomes import ActionStatus
from lapor_desk.services.meeting_inputs import ActionFilter, ActionItemInput
from tests.integration.meeting_helpers import (
    NOTULIS,
    Register,
    add_complaint,
    close,
    new_meeting,
    open_register,
    start,
)

BEFORE_LEBARAN = date(2022, 4, 28)  # Thursday before Idul Fitri 2022 and its cuti bersama


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with open_register(tmp_path / "register.sqlite3", tmp_path) as register:
        yield register


def _meeting_with_topic(reg: Register, day: date) -> tuple[int, int]:
    meeting = new_meeting(reg, day)
    topic, _c = reg.services.agenda.add_general(NOTULIS, meeting, "Tindak lanjut pengaduan")
    return meeting, topic


def test_deadline_counts_working_days_over_lebaran(reg: Register) -> None:
    meeting, topic = _meeting_with_topic(reg, BEFORE_LEBARAN)
    with pytest.raises(ValidationError, match=r"dimulai|starts"):
        reg.services.action_items.add(
            NOTULIS, topic, ActionItemInput("Rekap", reg.units["PUSDATIN"], 1)
        )
    start(reg, meeting, BEFORE_LEBARAN)
    row, _c = reg.services.action_items.add(
        NOTULIS, topic, ActionItemInput(" Rekap data ", reg.units["PUSDATIN"], 1, "Andi")
    )
    # 29 April and 4–6 May are cuti bersama, 2–3 May Idul Fitri: the next working day is 9 May.
    assert (row.due_date, row.due_workdays) == (date(2022, 5, 9), 1)
    assert (row.description, row.owner_unit, row.person_in_charge) == (
        "Rekap data", "PUSDATIN", "Andi"
    )
    assert (row.status, row.meeting_label, row.created_by) == (
        ActionStatus.OPEN, "1/2022", "Rina Notulis"
    )
    for bad, field in (
        (ActionItemInput("", reg.units["PUSDATIN"], 3), "description"),
        (ActionItemInput("Rekap", reg.units["PUSDATIN"], 0), "due_workdays"),
        (ActionItemInput("Rekap", 999, 3), "units"),
        (ActionItemInput("Rekap", reg.units["PUSDATIN"], 3, "x" * 201), "person_in_charge"),
    ):
        with pytest.raises(ValidationError) as caught:
            reg.services.action_items.add(NOTULIS, topic, bad)
        assert caught.value.field == field
    with pytest.raises(NotFound):
        reg.services.action_items.add(
            NOTULIS, topic, ActionItemInput("Rekap", reg.units["PUSDATIN"], 3, complaint_id=999)
        )


def test_an_action_under_a_complaint_item_is_linked_to_it(reg: Register) -> None:
    complaint = add_complaint(reg, "1000001", date(2022, 9, 1), "PUSDATIN")
    meeting = new_meeting(reg, date(2022, 11, 15))
    item = reg.services.agenda.build(NOTULIS, meeting, date(2022, 10, 31))[0]
    start(reg, meeting, date(2022, 11, 15))
    row, _c = reg.services.action_items.add(
        NOTULIS, item.id, ActionItemInput("Tanggapi pelapor", reg.units["PUSDATIN"], 5)
    )
    assert (row.complaint_id, row.tracking_id, row.agenda_item_id) == (
        complaint, "1000001", item.id
    )
    detail = reg.services.meeting_notes.item(item.id)
    assert [a.id for a in detail.actions] == [row.id]
    reg.services.action_items.update(
        NOTULIS, row.id, ActionItemInput("Tanggapi pelapor hari ini", reg.units["SET-ITJEN"], 2)
    )
    updated = reg.services.action_items.list_items()[0]
    assert (updated.description, updated.owner_unit, updated.due_date) == (
        "Tanggapi pelapor hari ini", "SET-ITJEN", date(2022, 11, 17)
    )
    assert updated.complaint_id is None  # the correction named no complaint
    reg.services.action_items.delete(NOTULIS, row.id)
    assert reg.services.action_items.list_items() == ()


def test_closing_records_who_and_when_and_the_tracker_filters(reg: Register) -> None:
    meeting, topic = _meeting_with_topic(reg, date(2022, 9, 22))
    start(reg, meeting, date(2022, 9, 22))
    add = reg.services.action_items.add
    late, _c = add(NOTULIS, topic, ActionItemInput("Lama", reg.units["PUSDATIN"], 5))
    later, _c = add(NOTULIS, topic, ActionItemInput("Panjang", reg.units["PUSDATIN"], 60))
    itjen, _c = add(NOTULIS, topic, ActionItemInput("Pungli", reg.units["SET-ITJEN"], 10))
    hukum, _c = add(NOTULIS, topic, ActionItemInput("Regulasi", reg.units["BIRO-HUKUM"], 5))
    close(reg, meeting, date(2022, 9, 22))
    with pytest.raises(ValidationError):  # the meeting's record is closed
        reg.services.action_items.update(
            NOTULIS, late.id, ActionItemInput("Ubah", reg.units["PUSDATIN"], 5)
        )

    reg.clock.at(date(2022, 10, 3), 14, 30)
    done = reg.services.action_items.close(NOTULIS, hukum.id, "Sudah disampaikan")
    assert (done.status, done.closed_by, done.closing_note) == (
        ActionStatus.DONE, "Rina Notulis", "Sudah disampaikan"
    )
    assert done.closed_at is not None and done.closed_at.date() == date(2022, 10, 3)
    assert done.age_workdays == 7 and not done.overdue
    with pytest.raises(ValidationError):
        reg.services.action_items.close(NOTULIS, hukum.id)

    # The register's reference date is 14 November 2022 (the test clock's default setting).
    reg.services.settings.set_reference_date(NOTULIS, date(2022, 11, 14))
    open_late = reg.services.action_items.list_items(ActionFilter(overdue_only=True))
    assert [r.id for r in open_late] == [late.id, itjen.id]
    pusdatin = reg.services.action_items.list_items(ActionFilter(unit_id=reg.units["PUSDATIN"]))
    assert [r.id for r in pusdatin] == [late.id, later.id]
    assert [r.id for r in reg.services.action_items.list_items(
        ActionFilter(status=ActionStatus.DONE))] == [hukum.id]
    assert reg.services.action_items.list_items(ActionFilter(meeting_id=meeting + 1)) == ()

    stats = {s.unit.abbreviation: s for s in reg.services.action_items.unit_stats()}
    assert (stats["PUSDATIN"].total, stats["PUSDATIN"].open, stats["PUSDATIN"].overdue) == (2, 2, 1)
    assert stats["PUSDATIN"].completion_rate == 0.0
    assert stats["BIRO-HUKUM"].completion_rate == 1.0
    assert stats["BIRO-HUKUM"].ageing == (0, 0, 0, 0)
    # Both PUSDATIN items are 37 working days old on 14 November: the oldest bucket.
    assert stats["PUSDATIN"].ageing == (0, 0, 0, 2)
    assert stats["PUSDATIN"].oldest_open_workdays == 37
    assert list(stats) == ["PUSDATIN", "SET-ITJEN", "BIRO-HUKUM"]  # most open items first
    only = reg.services.action_items.unit_stats([reg.units["SET-ITJEN"]])
    assert [s.unit.abbreviation for s in only] == ["SET-ITJEN"]

    reopened = reg.services.action_items.reopen(NOTULIS, hukum.id)
    assert (reopened.status, reopened.closed_at, reopened.closed_by) == (
        ActionStatus.OPEN, None, None
    )
    with pytest.raises(ValidationError):
        reg.services.action_items.reopen(NOTULIS, hukum.id)
    with pytest.raises(NotFound):
        reg.services.action_items.close(NOTULIS, 9999)
