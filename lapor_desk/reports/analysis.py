"""Builder of the Laporan analisis pengaduan (DOMAIN.md §8): aggregated figures → Document."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.reports import lang, narrative
from lapor_desk.reports.analysis_input import ALL_SECTIONS, AnalysisInput, CountRow, Section
from lapor_desk.reports.document import (
    Align,
    BarChart,
    Block,
    BulletList,
    Chart,
    Column,
    Document,
    Fields,
    Heading,
    KeyFigure,
    KeyFigures,
    LineChart,
    Paragraph,
    Row,
    Signatures,
    Table,
    Title,
)
from lapor_desk.reports.lang import N_, _
from lapor_desk.reports.narrative import short_label
from lapor_desk.reports.setup import DocumentSetup, finish, safe_text

#: Topics drawn as their own line in the trend chart; the rest are summed as "others".
TREND_TOPICS = 5
#: Over-SLA complaints listed one by one; the total is always given.
OVERDUE_LISTED = 25
EXAMPLE_CHARS = 420
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")

STATUS_LABELS: dict[InternalStatus, str] = {
    InternalStatus.BELUM_TERVERIFIKASI: N_("Not yet verified"),
    InternalStatus.BELUM_DITINDAKLANJUTI: N_("Not yet followed up"),
    InternalStatus.PROSES: N_("In progress"),
    InternalStatus.SELESAI: N_("Completed"),
    InternalStatus.MENUNGGU_KELENGKAPAN: N_("Waiting for the reporter"),
    InternalStatus.DIARSIPKAN: N_("Archived"),
    InternalStatus.TERBLOKIR: N_("Blocked"),
}


def _counter() -> Iterator[str]:
    yield from ROMAN


def _count_table(rows: tuple[CountRow, ...], first: str, total: int, *,
                 rates: bool = True, caption: str = "") -> Table:
    columns = [Column(first, 3.2), Column(_("Received"), 1, Align.RIGHT),
               Column(_("Share"), 1, Align.RIGHT)]
    if rates:
        columns += [Column(_("Follow-up rate"), 1.2, Align.RIGHT),
                    Column(_("Completion rate"), 1.2, Align.RIGHT)]
    body: list[Row] = []
    for row in rows:
        cells = [row.label, lang.num(row.received),
                 lang.pct(row.received / total if total else None)]
        if rates:
            cells += [lang.pct(row.followed_up_rate), lang.pct(row.completed_rate)]
        body.append(tuple(cells))
    return Table(tuple(columns), tuple(body), caption=caption,
                 empty_text=_("No reports in this period."))


def _key_figures(data: AnalysisInput) -> list[Block]:
    return [KeyFigures((
        KeyFigure(lang.num(data.received), _("reports received")),
        KeyFigure(lang.pct(data.followed_up_rate), _("follow-up rate (tingkat tindak lanjut)")),
        KeyFigure(lang.pct(data.completed_rate), _("completion rate (tingkat penyelesaian)")),
        KeyFigure(lang.dec(data.avg_first_response),
                  _("average first response, working days")),
        KeyFigure(lang.num(data.verified), _("reports verified")),
        KeyFigure(lang.pct(data.sla_compliance),
                  _("first responses within {limit} working days").format(
                      limit=data.first_response_limit)),
        KeyFigure(lang.num(data.overdue_total), _("open reports past a deadline")),
        KeyFigure(lang.dec(data.avg_rating), _("average rating by reporters (1–5)")),
    ))]


def _status(data: AnalysisInput) -> list[Block]:
    rows: list[Row] = [
        (_(STATUS_LABELS[status]), lang.num(count),
         lang.pct(count / data.received if data.received else None))
        for status, count in data.by_status
    ]
    return [
        Table((Column(_("Status"), 3), Column(_("Reports"), 1, Align.RIGHT),
               Column(_("Share"), 1, Align.RIGHT)), tuple(rows),
              total=(_("Total"), lang.num(data.received), lang.pct(1.0 if data.received
                                                                  else None))),
        Paragraph(_("Archived and blocked reports are shown but kept out of the denominators of "
                    "the rates; so are reports not yet verified."), small=True, italic=True),
    ]


def _topics(data: AnalysisInput) -> list[Block]:
    blocks: list[Block] = [_count_table(data.by_topic, _("Topic"), data.received)]
    if data.months and data.topic_trend:
        one_year = len({y for y, _m in data.months}) == 1
        x_labels = tuple(lang.month_name(y, m, short=True).split()[0] if one_year
                         else lang.month_name(y, m, short=True) for y, m in data.months)
        series = [(short_label(t), v) for t, v in data.topic_trend[:TREND_TOPICS]]
        rest = data.topic_trend[TREND_TOPICS:]
        if rest:
            others = tuple(sum(values) for values in zip(*(v for _t, v in rest), strict=True))
            series.append((_("Other topics"), others))
        blocks.append(Chart(
            LineChart(_("Reports per month by topic"), x_labels,
                      tuple((name, tuple(float(v) for v in values)) for name, values in series),
                      y_label=_("reports")),
            height_mm=85,
        ))
    return blocks


def _units(data: AnalysisInput) -> list[Block]:
    counts: list[Row] = [
        (f"{u.unit} ({u.abbreviation})", lang.num(u.counts.received),
         lang.num(u.counts.followed_up), lang.num(u.counts.completed), lang.num(u.overdue))
        for u in data.by_unit
    ]
    rates: list[Row] = [
        (u.abbreviation, lang.pct(u.counts.followed_up_rate), lang.pct(u.counts.completed_rate),
         lang.dec(u.avg_first_response), lang.pct(u.sla_compliance), lang.dec(u.avg_rating))
        for u in data.by_unit
    ]
    empty = _("No report was disposed to a unit.")
    blocks: list[Block] = [
        Table((Column(_("Unit"), 4), Column(_("Received"), 1, Align.RIGHT),
               Column(_("Followed up"), 1.1, Align.RIGHT), Column(_("Completed"), 1, Align.RIGHT),
               Column(_("Past deadline"), 1.1, Align.RIGHT)),
              tuple(counts), caption=_("Reports per unit (lead disposition)"), empty_text=empty),
        Table((Column(_("Unit"), 2), Column(_("Follow-up rate"), 1.2, Align.RIGHT),
               Column(_("Completion rate"), 1.2, Align.RIGHT),
               Column(_("First response (wd)"), 1.2, Align.RIGHT),
               Column(_("First response on time"), 1.2, Align.RIGHT),
               Column(_("Rating"), 0.9, Align.RIGHT)),
              tuple(rates), caption=_("Indicators per unit"), empty_text=empty),
    ]
    charted = [u for u in data.by_unit if u.counts.verified]
    if charted:
        height = 18 + 6.5 * len(charted)
        blocks.append(Chart(BarChart(
            _("Follow-up rate per unit"), tuple(u.abbreviation for u in charted),
            tuple(u.counts.followed_up_rate or 0.0 for u in charted), "percent",
        ), height_mm=height))
    timed = [u for u in data.by_unit if u.avg_first_response is not None]
    if timed:
        blocks.append(Chart(BarChart(
            _("Average first response per unit, working days"),
            tuple(u.abbreviation for u in timed),
            tuple(u.avg_first_response or 0.0 for u in timed), "days",
            reference=float(data.first_response_limit),
            reference_label=_("limit {n} working days").format(n=data.first_response_limit),
        ), height_mm=18 + 6.5 * len(timed)))
    return blocks


def _regions(data: AnalysisInput) -> list[Block]:
    blocks: list[Block] = [_count_table(data.by_province, _("Province"), data.received)]
    if data.top_cities:
        rows: list[Row] = [(city, lang.num(n)) for city, n in data.top_cities]
        blocks.append(Table((Column(_("Regency / city"), 3), Column(_("Reports"), 1,
                                                                     Align.RIGHT)),
                            tuple(rows), caption=_("Regencies and cities with most reports")))
    return blocks


def _overdue(data: AnalysisInput) -> list[Block]:
    listed = data.overdue[:OVERDUE_LISTED]
    intro = _("{n} open reports are past a deadline as of {date}.").format(
        n=lang.num(data.overdue_total), date=lang.day(data.as_of))
    if data.overdue_total > len(listed):
        intro += " " + _("The {k} longest overdue are listed.").format(k=lang.num(len(listed)))
    rows: list[Row] = [
        (o.tracking_id, lang.day_short(o.received), safe_text(o.title), short_label(o.topic),
         o.unit, o.stage, lang.day_short(o.due), lang.num(o.workdays_late))
        for o in listed
    ]
    return [
        Paragraph(intro),
        Table((Column(_("Tracking ID"), 1.05), Column(_("Received"), 1.3),
               Column(_("Title"), 3.2), Column(_("Topic"), 1.1), Column(_("Unit"), 1.6),
               Column(_("Stage"), 1.5), Column(_("Deadline"), 1.3),
               Column(_("Days late (wd)"), 0.9, Align.RIGHT)),
              tuple(rows), small=True, empty_text=_("No open report is past its deadline.")),
    ]


def _examples(data: AnalysisInput) -> list[Block]:
    if not data.examples:
        return [Paragraph(_("No example in this period."), italic=True)]
    blocks: list[Block] = [Paragraph(_(
        "Examples of reports on the main topics. NIK, phone numbers and e-mail addresses are "
        "masked and reporters are not named."), small=True, italic=True)]
    for example in data.examples:
        text = safe_text(example.text)
        if len(text) > EXAMPLE_CHARS:
            text = text[:EXAMPLE_CHARS].rsplit(" ", 1)[0] + " …"
        blocks.append(Paragraph(f"{example.topic} — {example.tracking_id}, "
                                f"{lang.day(example.received)}: {safe_text(example.title)}",
                                bold=True, align=Align.LEFT))
        blocks.append(Paragraph(text))
    return blocks


def _meetings(data: AnalysisInput) -> list[Block]:
    if not data.meetings:
        blocks: list[Block] = [Paragraph(
            _("No coordination meeting was recorded in this period."), italic=True)]
    else:
        rows: list[Row] = [
            (lang.day(m.day), safe_text(m.title), lang.num(len(m.decisions)),
             lang.num(m.action_items), lang.num(m.action_items_done))
            for m in data.meetings
        ]
        blocks = [Table((Column(_("Date"), 1.3), Column(_("Meeting"), 3.5),
                         Column(_("Decisions"), 1, Align.RIGHT),
                         Column(_("Action items"), 1, Align.RIGHT),
                         Column(_("Done"), 0.8, Align.RIGHT)), tuple(rows))]
        decisions = [safe_text(d) for m in data.meetings for d in m.decisions]
        if decisions:
            blocks.append(BulletList(tuple(decisions), numbered=True))
    if data.action_items:
        rows2: list[Row] = [(a.status, lang.num(a.count)) for a in data.action_items]
        blocks.append(Table((Column(_("Action item status"), 3),
                             Column(_("Items"), 1, Align.RIGHT)), tuple(rows2)))
    return blocks


def _renaksi(data: AnalysisInput) -> list[Block]:
    rows: list[Row] = [(r.number, safe_text(r.action), r.status, safe_text(r.note))
                       for r in data.renaksi]
    return [Table((Column(_("No"), 0.5, Align.RIGHT), Column(_("Action plan (Renaksi)"), 4),
                   Column(_("Status"), 1.2), Column(_("Note"), 2.2)), tuple(rows),
                  empty_text=_("No Renaksi progress was recorded."))]


def build_analysis(
    data: AnalysisInput,
    setup: DocumentSetup,
    *,
    summary: tuple[str, ...] | None = None,
    conclusions: tuple[str, ...] | None = None,
    sections: Collection[Section] = ALL_SECTIONS,
) -> Document:
    """The analysis for leadership; ``summary``/``conclusions`` are the user's edited texts."""
    numbers = _counter()
    blocks: list[Block] = [
        Title(_("COMPLAINT ANALYSIS REPORT"), (
            _("SP4N-LAPOR! complaints of Kementerian Sosial"),
            _("Period {period}").format(period=lang.period(data.period_start, data.period_end)),
        )),
        Fields((
            (_("Period"), lang.period(data.period_start, data.period_end)),
            (_("Data as of"), lang.day(data.as_of)),
            (_("Source"), _("LAPOR Desk register (SP4N-LAPOR! and complaints outside the "
                            "portal)")),
        ), label_width=0.25),
    ]

    def section(title: str) -> Heading:
        return Heading(f"{next(numbers)}. {title}")

    blocks.append(section(_("Summary")))
    blocks += [Paragraph(safe_text(p)) for p in (summary or narrative.generate(data)) if p]
    parts = (
        (Section.KEY_FIGURES, _("Key figures"), _key_figures),
        (Section.STATUS, _("Reports by status"), _status),
        (Section.KLASIFIKASI_CHANNEL, _("Klasifikasi and channel"), lambda d: [
            _count_table(d.by_klasifikasi, _("Klasifikasi"), d.received),
            _count_table(d.by_channel, _("Channel"), d.received, rates=False),
        ]),
        (Section.TOPICS, _("Reports by topic"), _topics),
        (Section.UNITS, _("Reports by unit"), _units),
        (Section.REGIONS, _("Reports by region"), _regions),
        (Section.OVERDUE, _("Reports past their deadline"), _overdue),
        (Section.EXAMPLES, _("Examples of reports"), _examples),
        (Section.MEETINGS, _("Coordination meetings and action items"), _meetings),
        (Section.RENAKSI, _("Progress of the action plan (Renaksi)"), _renaksi),
    )
    for key, title, make in parts:
        if key in sections:
            blocks.append(section(title))
            blocks += make(data)
    if Section.CONCLUSIONS in sections:
        items = conclusions if conclusions is not None else narrative.recommendations(data)
        blocks.append(section(_("Conclusions and recommendations")))
        blocks.append(BulletList(tuple(safe_text(i) for i in items if i), numbered=True)
                      if any(items) else Paragraph(_("No recommendation."), italic=True))
    if setup.head_signer is not None:
        blocks.append(Signatures(
            (setup.head_signer,),
            place_date=f"{setup.city}, {lang.day(data.snapshot.date())}",
        ))
    return finish(setup, title=_("Complaint analysis report {period}").format(
        period=lang.period(data.period_start, data.period_end)),
        kind="analysis", blocks=blocks, snapshot=data.snapshot)
