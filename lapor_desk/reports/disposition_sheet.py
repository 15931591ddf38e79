"""Builder of the Lembar disposisi: one complaint handed to the units, on one page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lapor_desk.reports import lang
from lapor_desk.reports.document import (
    Align,
    Block,
    Column,
    Document,
    Fields,
    Heading,
    Paragraph,
    Row,
    Signatures,
    Signer,
    Table,
    Title,
)
from lapor_desk.reports.lang import _
from lapor_desk.reports.setup import DocumentSetup, finish, reporter_label, safe_text

#: The complaint text is cut here; the whole text stays in the register.
TEXT_CHARS = 1800


@dataclass(frozen=True, slots=True)
class DispositionLine:
    """One hand-over to a unit."""

    unit: str
    is_lead: bool
    disposed_at: datetime
    disposed_by: str
    instruction: str


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One stage's deadline and where it stands."""

    stage: str
    due: date
    state: str


@dataclass(frozen=True, slots=True)
class DispositionSheetInput:
    """What the Lembar disposisi shows of one complaint (reporter data masked by the builder)."""

    tracking_id: str
    received_at: datetime
    title: str
    text: str
    status: str
    channel: str | None = None
    klasifikasi: str | None = None
    topic: str | None = None
    urgent: bool = False
    urgent_reason: str | None = None
    anonim: bool = False
    rahasia: bool = False
    reporter_name: str | None = None
    region: tuple[str | None, ...] = ()
    dispositions: tuple[DispositionLine, ...] = ()
    deadlines: tuple[DeadlineLine, ...] = ()


def build_disposition_sheet(
    data: DispositionSheetInput, setup: DocumentSetup, snapshot: datetime
) -> Document:
    """The Lembar disposisi of ``data``; ``snapshot`` is when the register was read."""
    text = safe_text(data.text)
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS].rsplit(" ", 1)[0] + " … " + _("(shortened; the whole text is "
                                                               "in the register)")
    region = ", ".join(part for part in data.region if part) or "–"
    privacy = [label for flag, label in ((data.anonim, _("Anonymous")),
                                         (data.rahasia, _("Confidential"))) if flag]
    fields = [
        (_("Tracking ID"), data.tracking_id),
        (_("Title"), safe_text(data.title)),
        (_("Received"), f"{lang.day_long(data.received_at.date())}, "
                        f"{lang.clock_time(data.received_at)}"),
        (_("Channel"), data.channel or "–"),
        (_("Klasifikasi"), data.klasifikasi or _("(not classified)")),
        (_("Topic"), data.topic or _("(no topic)")),
        (_("Status"), data.status),
        (_("Reporter"), reporter_label(data.reporter_name, data.anonim, data.rahasia,
                                       setup.masking)),
        (_("Report type"), " | ".join(privacy) if privacy else _("Regular")),
        (_("Location"), safe_text(region)),
    ]
    if data.urgent:
        fields.append((_("Urgent"), safe_text(data.urgent_reason) or _("Yes")))
    fields += [(_("Deadline {stage}").format(stage=d.stage.lower()),
                f"{lang.day_long(d.due)} ({d.state.lower()})") for d in data.deadlines]
    blocks: list[Block] = [
        Title(_("DISPOSITION SHEET"), (_("SP4N-LAPOR! complaint"),)),
        Fields(tuple(fields), label_width=0.34),
        Heading(_("Summary of the complaint"), 2),
        Paragraph(text),
        Heading(_("Forwarded to"), 2),
    ]
    rows: list[Row] = [
        (str(n), d.unit, _("Lead") if d.is_lead else _("Co-handler"),
         lang.day_short(d.disposed_at.date()), safe_text(d.instruction) or "–")
        for n, d in enumerate(data.dispositions, start=1)
    ]
    blocks.append(Table(
        (Column(_("No"), 0.4, Align.RIGHT), Column(_("Unit"), 2.6), Column(_("Role"), 1),
         Column(_("Date"), 1), Column(_("Instruction"), 2.6)),
        tuple(rows), empty_text=_("Not disposed to a unit yet."),
    ))
    signer = setup.head_signer or Signer(_("Head of the bureau,"), "…………………………")
    blocks.append(Signatures((signer,), place_date=f"{setup.city}, {lang.day(snapshot.date())}",
                             note_box=_("Notes of the head of the bureau")))
    return finish(setup, title=_("Disposition sheet {tracking}").format(
        tracking=data.tracking_id), kind="disposition_sheet", blocks=blocks, snapshot=snapshot)
