"""Builder of a unit's extract of a meeting: its decisions and action items, for a nota dinas."""

from __future__ import annotations

from datetime import datetime

from lapor_desk.reports import lang
from lapor_desk.reports.document import (
    Block,
    BulletList,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Signer,
    Title,
)
from lapor_desk.reports.lang import _
from lapor_desk.reports.meeting_input import UnitExtractInput
from lapor_desk.reports.minutes import actions_table
from lapor_desk.reports.setup import DocumentSetup, finish, nip_text, safe_text


def build_unit_extract(data: UnitExtractInput, setup: DocumentSetup,
                       snapshot: datetime) -> Document:
    """The extract for ``data.unit``: only its own action items, and the meeting's decisions."""
    fields = [
        (_("Attachment to nota dinas"), data.nota_dinas or _("No. …… dated ……")),
        (_("Meeting"), safe_text(data.meeting)),
        (_("Day/date"), lang.day_long(data.day)),
        (_("Place"), data.place),
        (_("For"), data.unit),
    ]
    own = tuple(a for a in data.actions if a.unit == data.unit)
    blocks: list[Block] = [
        Title(_("EXTRACT OF MEETING RESULTS"), (data.unit,)),
        Fields(tuple(fields), label_width=0.3),
        Heading(_("Decisions of the meeting")),
        BulletList(tuple(safe_text(d) for d in data.decisions), numbered=True)
        if data.decisions else Paragraph(_("No decision was taken."), italic=True),
        Heading(_("Follow-up plan for {unit}").format(unit=data.unit)),
        actions_table(own),
        Paragraph(_("Please report the follow-up to Biro Hubungan Masyarakat by the deadlines "
                    "above.")),
    ]
    if data.signer is not None:
        blocks.append(Signatures(
            (Signer(data.signer_role or _("Head of the bureau,"), data.signer.name,
                    nip_text(data.signer.nip)),),
            place_date=f"{setup.city}, {lang.day(snapshot.date())}",
        ))
    return finish(setup, title=_("Extract for {unit}: {meeting}").format(
        unit=data.unit, meeting=data.meeting), kind="unit_extract", blocks=blocks,
        snapshot=snapshot)
