"""The analysis' narrative, written in Indonesian from the numbers; the user edits it before export.

Each paragraph states one finding with its figure, so a reader can check it against the tables
(e.g. "Jumlah laporan pada Oktober 2022 naik 12,0% dibanding bulan sebelumnya ...").
"""

from __future__ import annotations

import re
from datetime import timedelta

from lapor_desk.reports import lang
from lapor_desk.reports.analysis_input import AnalysisInput, UnitRow
from lapor_desk.reports.lang import _

#: How many topics, units or channels a sentence names at most.
NAMED = 3


_ABBREVIATION = re.compile(r"\(([^()]{2,20})\)\s*$")


def short_label(name: str) -> str:
    """``Program Keluarga Harapan (PKH)`` → ``PKH``; other long names are cut."""
    match = _ABBREVIATION.search(name)
    if match:
        return match.group(1)
    return name if len(name) <= 28 else name[:27].rstrip() + "…"


def _names(items: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b dan c``."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _share(part: int, whole: int) -> str:
    return lang.pct(part / whole if whole else None)


def _volume(data: AnalysisInput) -> str:
    return _(
        "From {period}, Kementerian Sosial received {n} reports through SP4N-LAPOR!; "
        "{verified} of them were verified. The follow-up rate (tingkat tindak lanjut) is "
        "{followed} and the completion rate (tingkat penyelesaian) {completed}."
    ).format(
        period=lang.period(data.period_start, data.period_end),
        n=lang.num(data.received),
        verified=lang.num(data.verified),
        followed=lang.pct(data.followed_up_rate),
        completed=lang.pct(data.completed_rate),
    )


def _trend(data: AnalysisInput) -> str | None:
    months, totals = list(data.months), list(data.monthly_totals)
    if months and (data.period_end + timedelta(days=1)).day != 1:
        # A month cut off by the period's end would always look like a fall.
        months, totals = months[:-1], totals[:-1]
    if len(totals) < 2:
        return None
    (year, month), last = months[-1], totals[-1]
    before = totals[-2]
    values = {"month": lang.month_name(year, month), "n": lang.num(last),
              "m": lang.num(before)}
    if before == 0:
        return _("{month} brought {n} reports; the month before brought none.").format(**values)
    change = (last - before) / before
    if change > 0:
        text = _("The number of reports in {month} rose {pct} compared with the previous month "
                 "({n} against {m}).")
    elif change < 0:
        text = _("The number of reports in {month} fell {pct} compared with the previous month "
                 "({n} against {m}).")
    else:
        text = _("The number of reports in {month} equals that of the previous month ({n}).")
    return text.format(pct=lang.pct(abs(change)), **values)


def _topics(data: AnalysisInput) -> str | None:
    top = [t for t in data.by_topic if t.received][:NAMED]
    if not top:
        return None
    named = [f"{t.label} ({_share(t.received, data.received)})" for t in top]
    return _("Most reports concern {topics}.").format(topics=_names(named))


def _overdue(data: AnalysisInput) -> str | None:
    if data.overdue_total == 0:
        return _("No open report is past its deadline.")
    units = sorted((u for u in data.by_unit if u.overdue), key=lambda u: -u.overdue)
    text = _("{n} open reports are past a deadline.").format(n=lang.num(data.overdue_total))
    if units:
        first = units[0]
        text += " " + _("{share} of the reports past their deadline are with {unit}.").format(
            share=_share(first.overdue, data.overdue_total), unit=first.unit
        )
    return text


def _slow_units(data: AnalysisInput) -> str | None:
    slow: list[UnitRow] = sorted(
        (u for u in data.by_unit
         if u.avg_first_response is not None and u.avg_first_response > data.first_response_limit),
        key=lambda u: -(u.avg_first_response or 0.0),
    )
    average = _("The average first response is {days} working days.").format(
        days=lang.dec(data.avg_first_response)
    )
    if not slow:
        return average + " " + _(
            "Every unit answers within the limit of {limit} working days on average."
        ).format(limit=data.first_response_limit)
    named = [f"{u.abbreviation} ({lang.dec(u.avg_first_response)})" for u in slow[:NAMED]]
    return average + " " + _(
        "{count} units take longer on average than the limit of {limit} working days and need "
        "attention: {units}."
    ).format(count=lang.num(len(slow)), limit=data.first_response_limit, units=_names(named))


def _channels(data: AnalysisInput) -> str | None:
    top = [c for c in data.by_channel if c.received][:NAMED]
    if not top:
        return None
    named = [f"{c.label} ({_share(c.received, data.received)})" for c in top]
    return _("Reports arrive mostly through {channels}.").format(channels=_names(named))


def generate(data: AnalysisInput) -> tuple[str, ...]:
    """The narrative's paragraphs; empty when the period holds no report."""
    if data.received == 0:
        return (_("No report was received in this period."),)
    parts = (_volume(data), _trend(data), _topics(data), _channels(data), _overdue(data),
             _slow_units(data))
    return tuple(p for p in parts if p)


def recommendations(data: AnalysisInput) -> tuple[str, ...]:
    """Recommendations that follow from the figures (the user may rewrite them)."""
    out: list[str] = []
    slow = [u.abbreviation for u in data.by_unit
            if u.avg_first_response is not None
            and u.avg_first_response > data.first_response_limit]
    if slow:
        out.append(_("Ask {units} to speed up their first response to within {limit} working "
                     "days.").format(units=_names(slow[:NAMED]), limit=data.first_response_limit))
    if data.overdue_total:
        out.append(_("Discuss the {n} reports past their deadline in the next coordination "
                     "meeting with the units concerned.").format(n=lang.num(data.overdue_total)))
    top = [short_label(t.label) for t in data.by_topic if t.received][:NAMED]
    if top:
        out.append(_("Put the topics with the most reports ({topics}) and urgent topics into "
                     "the SOP for complaint handling.").format(topics=_names(top)))
    return tuple(out)
