"""Builder of the Notula rapat (DOMAIN.md §8), with the attendance list attached.

Everything said in the meeting may quote a complaint, so every free text is masked; names and
NIPs of officials are printed as they are.
"""

from __future__ import annotations

import re
from datetime import datetime

from lapor_desk.reports import lang
from lapor_desk.reports.attendance import attendance_blocks
from lapor_desk.reports.document import (
    Align,
    Block,
    BulletList,
    Column,
    Document,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Row,
    Signatures,
    Signer,
    Table,
    Title,
)
from lapor_desk.reports.lang import _
from lapor_desk.reports.meeting_input import ActionItem, MinutesInput, Person, Remark
from lapor_desk.reports.setup import DocumentSetup, finish, nip_text, safe_text

#: A point's own numbering or bullet at the start of a line ("1.", "2)", "-", "•").
_POINT = re.compile(r"^\s*(?:\d+[.)]|[-•*])\s+")


def _remark(remark: Remark) -> str:
    return f"{remark.speaker}: {safe_text(remark.text)}"


def _remark_blocks(remarks: tuple[Remark, ...]) -> list[Block]:
    """One bullet per remark; a remark of several points (one a line) gets a numbered list."""
    blocks: list[Block] = []
    single: list[str] = []
    for remark in remarks:
        points = [_POINT.sub("", line).strip() for line in remark.text.splitlines()
                  if line.strip()]
        if len(points) < 2:
            single.append(_remark(remark))
            continue
        if single:
            blocks.append(BulletList(tuple(single)))
            single = []
        blocks += [Paragraph(f"{remark.speaker}:", align=Align.LEFT),
                   BulletList(tuple(safe_text(p) for p in points), numbered=True)]
    if single:
        blocks.append(BulletList(tuple(single)))
    return blocks


def actions_table(actions: tuple[ActionItem, ...]) -> Table:
    """The Rencana Tindak Lanjut table (also in the unit extracts)."""
    rows: list[Row] = [
        (str(n), safe_text(a.issue), a.unit, safe_text(a.action),
         lang.day(a.deadline) if a.deadline else "–", a.status or "–")
        for n, a in enumerate(actions, start=1)
    ]
    return Table(
        (Column(_("No"), 0.45, Align.RIGHT), Column(_("Tracking ID / issue"), 2.2),
         Column(_("Responsible unit"), 1.7), Column(_("Agreed action"), 2.8),
         Column(_("Deadline"), 1.3), Column(_("Status"), 1.1)),
        tuple(rows), small=True, empty_text=_("No action item was agreed."),
    )


def _person(person: Person | None) -> str:
    return person.name if person else "–"


def _signer(role: str, person: Person) -> Signer:
    return Signer(role, person.name, nip_text(person.nip))


def build_minutes(data: MinutesInput, setup: DocumentSetup, snapshot: datetime) -> Document:
    """The Notula of one meeting; a DRAFT watermark until the minutes are approved."""
    agenda = "\n".join(f"{n}. {safe_text(item)}" for n, item in enumerate(data.agenda, start=1))
    leaders = "\n".join((
        _("Chair: {name}").format(name=_person(data.chair)),
        _("Secretary: {name}").format(name=_person(data.secretary)),
        _("Note-taker: {name}").format(name=_person(data.note_taker)),
    ))
    attendees = (len([a for a in data.attendance.attendees if a.present])
                 if data.attendance else 0)
    participants = _("(attendance list attached)")
    if attendees:
        participants = _("{n} people (attendance list attached)").format(n=lang.num(attendees))
    blocks: list[Block] = [
        Title(_("MINUTES")),
        Fields((
            (_("Meeting"), safe_text(data.meeting)),
            (_("Day/date"), lang.day_long(data.day)),
            (_("Called for"), lang.clock_time(data.called_at) if data.called_at else "–"),
            (_("Meeting time"), lang.time_range(data.start, data.end)),
            (_("Place"), data.place),
            (_("Agenda"), agenda or "–"),
            (_("Led by"), leaders),
            (_("Participants"), participants),
        ), label_width=0.26),
        Heading(_("Proceedings")),
    ]
    section = 0

    def heading(title: str) -> Heading:
        nonlocal section
        section += 1
        return Heading(f"{section}. {title}", 2)

    if data.opening:
        blocks += [heading(_("Opening")), Paragraph(safe_text(data.opening))]
    if data.remarks:
        blocks += [heading(_("Remarks of the resource persons")),
                   *_remark_blocks(data.remarks)]
    if data.items:
        blocks.append(heading(_("Discussion")))
        for number, item in enumerate(data.items, start=1):
            blocks.append(Paragraph(f"{section}.{number}. {safe_text(item.title)}", bold=True,
                                    align=Align.LEFT))
            if item.tracking_ids:
                blocks.append(Paragraph(_("Reports concerned: {ids}").format(
                    ids=", ".join(item.tracking_ids)), small=True, align=Align.LEFT))
            if item.remarks:
                blocks += _remark_blocks(item.remarks)
            if item.decisions:
                blocks.append(Paragraph(_("Agreed: {decisions}").format(
                    decisions="; ".join(safe_text(d) for d in item.decisions)),
                    italic=True))
    blocks.append(heading(_("Decisions")))
    blocks.append(BulletList(tuple(safe_text(d) for d in data.decisions), numbered=True)
                  if data.decisions else Paragraph(_("No decision was taken."), italic=True))
    blocks += [heading(_("Follow-up plan (Rencana Tindak Lanjut)")), actions_table(data.actions)]
    if data.closing:
        blocks += [heading(_("Closing")), Paragraph(safe_text(data.closing))]
    signed = data.signed_on or data.day
    blocks.append(Signatures(
        (_signer(_("Chair of the meeting,"), data.chair),
         _signer(_("Note-taker,"), data.note_taker)),
        place_date=f"{setup.city}, {lang.day(signed)}",
    ))
    if data.attendance is not None:
        blocks.append(PageBreak())
        blocks.append(Paragraph(_("Attachment: attendance list"), bold=True, align=Align.LEFT))
        blocks += attendance_blocks(data.attendance)
    return finish(setup, title=_("Minutes {meeting}").format(meeting=data.meeting),
                  kind="minutes", blocks=blocks, snapshot=snapshot, draft=not data.approved)
