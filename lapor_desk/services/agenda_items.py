"""Agenda items inside the caller's transaction: append proposals, add by hand, list in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lapor_desk.domain import validation as v
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meetings import (
    AgendaItemKind,
    check_editable,
    decode_reasons,
    encode_reasons,
)
from lapor_desk.i18n import _
from lapor_desk.models import (
    ActionItem,
    AgendaItem,
    Complaint,
    Decision,
    Disposition,
    Meeting,
    Renaksi,
)
from lapor_desk.services.meeting_common import (
    carried_counts,
    label_of,
    load_meeting,
    status_of,
    unit_refs,
)
from lapor_desk.services.meeting_models import AgendaItemRow, ProposedItem


def _next_position(session: Session, meeting_id: int) -> int:
    highest = session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
    )
    return (highest or 0) + 1


def append_items(
    session: Session, meeting: Meeting, items: Sequence[ProposedItem], cutoff: date | None
) -> list[AgendaItem]:
    """Put proposed items at the end of the agenda; complaints or actions on it already are kept."""
    check_editable(status_of(meeting))
    present = session.execute(
        select(AgendaItem.complaint_id, AgendaItem.action_item_id).where(
            AgendaItem.meeting_id == meeting.id
        )
    ).all()
    complaints = {c for c, _a in present if c is not None}
    actions = {a for _c, a in present if a is not None}
    position = _next_position(session, meeting.id)
    added = []
    for item in items:
        if item.complaint is not None and item.complaint.id in complaints:
            continue
        if item.action is not None and item.action.id in actions:
            continue
        row = AgendaItem(
            meeting_id=meeting.id,
            position=position,
            kind=item.kind.value,
            unit_id=item.unit_id,
            complaint_id=item.complaint.id if item.complaint else None,
            action_item_id=item.action.id if item.action else None,
            reasons=encode_reasons(item.reasons),
        )
        session.add(row)
        added.append(row)
        position += 1
        if item.complaint is not None:
            complaints.add(item.complaint.id)
        if item.action is not None:
            actions.add(item.action.id)
    if cutoff is not None:
        meeting.agenda_cutoff = cutoff
    session.flush()
    return added


def add_item(
    session: Session,
    meeting: Meeting,
    kind: AgendaItemKind,
    *,
    title: str = "",
    unit_id: int | None = None,
    complaint_id: int | None = None,
    renaksi_id: int | None = None,
    linked_meeting_id: int | None = None,
) -> AgendaItem:
    """Append one item the user adds by hand."""
    check_editable(status_of(meeting))
    text = title.strip()
    if len(text) > 500:
        raise ValidationError("title", _("Title is too long (at most 500 characters)."))
    if kind is AgendaItemKind.GENERAL:
        text = v.require_text(title, "title", _("Topic"))
    if complaint_id is not None:
        if session.get(Complaint, complaint_id) is None:
            raise NotFound(_("Complaint not found."))
        if session.scalar(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.complaint_id == complaint_id
            )
        ):
            raise ValidationError("complaint", _("The complaint is on this agenda already."))
        if unit_id is None:
            unit_id = session.scalar(
                select(Disposition.unit_id)
                .where(Disposition.complaint_id == complaint_id, Disposition.withdrawn_at.is_(None))
                .order_by(Disposition.is_lead.desc(), Disposition.id)
                .limit(1)
            )
    if renaksi_id is not None and session.get(Renaksi, renaksi_id) is None:
        raise NotFound(_("Renaksi item not found."))
    if linked_meeting_id is not None:
        linked = load_meeting(session, linked_meeting_id)
        if linked.id == meeting.id or not status_of(linked).held:
            raise ValidationError("meeting", _("Choose an earlier meeting that was held."))
    item = AgendaItem(
        meeting_id=meeting.id,
        position=_next_position(session, meeting.id),
        kind=kind.value,
        title=text,
        unit_id=unit_id,
        complaint_id=complaint_id,
        renaksi_id=renaksi_id,
        linked_meeting_id=linked_meeting_id,
    )
    session.add(item)
    session.flush()
    return item


def item_rows(session: Session, meeting: Meeting) -> list[AgendaItemRow]:
    """The agenda of ``meeting`` in order, with what each line needs to be shown."""
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(
            AgendaItem.position, AgendaItem.id
        )
    ).all()
    ids = [i.id for i in items]
    units = unit_refs(session, {i.unit_id for i in items if i.unit_id is not None})
    complaints = {
        row.id: row
        for row in session.execute(
            select(Complaint.id, Complaint.tracking_id, Complaint.title, Complaint.status).where(
                Complaint.id.in_([i.complaint_id for i in items if i.complaint_id])
            )
        )
    }
    action_ids = [i.action_item_id for i in items if i.action_item_id]
    actions = dict(
        session.execute(
            select(ActionItem.id, ActionItem.description).where(ActionItem.id.in_(action_ids))
        ).all()
    )
    carried = carried_counts(session, action_ids, before=meeting.meeting_date)
    renaksi = {
        row.id: row
        for row in session.execute(
            select(Renaksi.id, Renaksi.number, Renaksi.title).where(
                Renaksi.id.in_([i.renaksi_id for i in items if i.renaksi_id])
            )
        )
    }
    linked = {
        m.id: label_of(m)
        for m in session.scalars(
            select(Meeting).where(
                Meeting.id.in_([i.linked_meeting_id for i in items if i.linked_meeting_id])
            )
        )
    }
    decisions = dict(
        session.execute(
            select(Decision.agenda_item_id, func.count())
            .where(Decision.agenda_item_id.in_(ids))
            .group_by(Decision.agenda_item_id)
        ).all()
    )
    agreed = dict(
        session.execute(
            select(ActionItem.agenda_item_id, func.count())
            .where(ActionItem.agenda_item_id.in_(ids))
            .group_by(ActionItem.agenda_item_id)
        ).all()
    )
    rows = []
    for item in items:
        kind = AgendaItemKind(item.kind)
        complaint = complaints.get(item.complaint_id) if item.complaint_id else None
        if complaint is not None:
            title = f"{complaint.tracking_id} — {complaint.title}"
        elif item.action_item_id:
            title = actions[item.action_item_id]
        elif item.renaksi_id:
            number, name = renaksi[item.renaksi_id].number, renaksi[item.renaksi_id].title
            title = item.title or _("Renaksi {number}: {title}").format(number=number, title=name)
        elif item.linked_meeting_id:
            title = item.title or _("Approval of the minutes of meeting No. {number}").format(
                number=linked[item.linked_meeting_id]
            )
        else:
            title = item.title or kind.label
        rows.append(
            AgendaItemRow(
                id=item.id,
                meeting_id=item.meeting_id,
                position=item.position,
                kind=kind,
                title=title,
                unit_id=item.unit_id,
                unit=units[item.unit_id].abbreviation if item.unit_id else None,
                complaint_id=item.complaint_id,
                tracking_id=complaint.tracking_id if complaint else None,
                complaint_status=InternalStatus(complaint.status) if complaint else None,
                action_item_id=item.action_item_id,
                carried_count=(
                    carried.get(item.action_item_id, 0) + 1 if item.action_item_id else 0
                ),
                renaksi_id=item.renaksi_id,
                linked_meeting_id=item.linked_meeting_id,
                reasons=decode_reasons(item.reasons),
                notes_revision=item.notes_revision,
                elapsed_seconds=item.elapsed_seconds,
                decision_count=int(decisions.get(item.id, 0)),
                action_count=int(agreed.get(item.id, 0)),
            )
        )
    return rows
