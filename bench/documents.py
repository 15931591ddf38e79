"""Documents: the analysis over a million complaints, long minutes, PDF and DOCX against baselines.

    .venv/bin/python bench/documents.py [--complaints 1000000] [--keep DIR] [--skip-analysis]

Measured in one run, each against a raw baseline measured in the same run:

- analysis: ``AnalysisService.gather`` over a register of N synthetic complaints (with their
  dispositions, follow-ups and waiting-for-reporter history), against one raw ``sqlite3``
  ``SELECT status, count(*) … GROUP BY status`` scan of the same table; time, and the peak of
  Python allocations (tracemalloc, in a second run so the timing is not slowed by it); also
  one month, and the whole period judged a month after the stored deadlines' date (the
  complaints that waited for the reporter are then evaluated from their timelines);
- PDF: ``render_pdf`` of a table of R rows × 6 columns against a bare reportlab document with the
  same table (same embedded TrueType font, Paragraph cells, header repeated on every page);
- DOCX: ``render_docx`` of the same table at R, 2R, 4R and 8R rows: time per row must stay flat;
- minutes with 300 agenda items: build, PDF and DOCX.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATUSES = (("selesai", 80), ("proses", 9), ("belum_ditindaklanjuti", 4),
            ("belum_terverifikasi", 2), ("menunggu_kelengkapan", 2), ("diarsipkan", 2.6),
            ("terblokir", 0.4))
KLASIFIKASI = ("Pengaduan Tidak Berkadar Pengawasan", "Pengaduan Berkadar Pengawasan",
               "Permintaan Informasi", "Aspirasi", None)
CHANNELS = ("Website", "Android", "Website - kementerian-sosial", "ios", "SMS (1708)",
            "Whatsapp", "Instagram", "Email Instansi", "Call Center", "Tatap Muka")
PROVINCES = tuple(f"Provinsi {i:02d}" for i in range(1, 39))


def _fill(path: Path, count: int) -> None:
    """A register with the demo's master data and ``count`` synthetic complaints, bulk-written."""
    from lapor_desk.domain.actor import LOCAL_OPERATOR
    from lapor_desk.services.bootstrap import open_services

    with open_services(path, data_dir=path.parent, clock=lambda: datetime(2022, 11, 14, 10)) as s:
        s.demo.load(LOCAL_OPERATOR)  # units, topics, rules and 4.447 complaints
    rng = random.Random(1)
    connection = sqlite3.connect(path)
    units = [r[0] for r in connection.execute("select id from unit where kind != 'kementerian'")]
    topics = [r[0] for r in connection.execute("select id from topic")]
    first = date(2021, 1, 4)
    days = (date(2022, 10, 31) - first).days
    statuses = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]
    now = "2022-11-14 10:00:00.000000"
    complaints, plans = [], []
    for n in range(count):
        received = datetime.combine(first + timedelta(days=rng.randrange(days)),
                                    datetime.min.time()) + timedelta(minutes=rng.randrange(1440))
        status = rng.choices(statuses, weights)[0]
        verified = None if status == "belum_terverifikasi" else (
            received + timedelta(days=rng.randrange(0, 4), hours=1))
        completed = verified + timedelta(days=rng.randrange(3, 30)) if (
            status == "selesai" and verified) else None
        complaints.append((
            str(10_000_000 + n), "portal", received.isoformat(" "), rng.choice(KLASIFIKASI),
            rng.choice(topics), f"Laporan sintetis {n}", "Isi laporan sintetis.", "", 0, 0,
            rng.choice(CHANNELS), rng.choice(PROVINCES), f"Kota {rng.randrange(500)}",
            status, rng.choice((None, None, 3, 4, 5)),
            verified.isoformat(" ") if verified else None,
            completed.isoformat(" ") if completed else None, 0, now, now, 1,
        ))
        plans.append((status, verified, completed))
    with connection:
        first_id = connection.execute("select max(id) from complaint").fetchone()[0] + 1
        connection.executemany(
            "insert into complaint (tracking_id, source, received_at, klasifikasi, topic_id, "
            "title, text_original, text_edited, anonim, rahasia, channel, province, city, status, "
            "rating, verified_at, completed_at, urgent, created_at, updated_at, version) "
            "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", complaints)
        dispositions, follow_ups, history = [], [], []
        for offset, (status, verified, completed) in enumerate(plans):
            cid = first_id + offset
            if verified is None:
                continue
            unit = rng.choice(units)
            dispositions.append((cid, unit, 1, verified.isoformat(" "), "Admin", "", None))
            if status in ("proses", "selesai", "menunggu_kelengkapan"):
                answered = verified + timedelta(days=rng.randrange(0, 12), hours=2)
                follow_ups.append((cid, unit, "first_response", answered.isoformat(" "),
                                   "Tanggapan awal.", "Admin Penghubung"))
            if completed is not None:
                follow_ups.append((cid, unit, "completion", completed.isoformat(" "),
                                   "Selesai.", "Admin Penghubung"))
            if status == "menunggu_kelengkapan":
                history.append((cid, (verified + timedelta(days=2)).isoformat(" "), "proses",
                                "menunggu_kelengkapan", "Lengkapi data", "Admin", "bench"))
        connection.executemany(
            "insert into disposition (complaint_id, unit_id, is_lead, disposed_at, disposed_by, "
            "instruction, withdrawn_at) values (?,?,?,?,?,?,?)", dispositions)
        connection.executemany(
            "insert into follow_up (complaint_id, unit_id, kind, posted_at, text, created_by) "
            "values (?,?,?,?,?,?)", follow_ups)
        connection.executemany(
            "insert into status_change (complaint_id, changed_at, from_status, to_status, "
            "reason, changed_by, origin) values (?,?,?,?,?,?,?)", history)
    connection.close()
    # Opening runs the migrations and fills the stored deadlines and analysis facts
    # (complaint_deadline) of the bulk-written complaints, as it would for a register imported
    # by an older version.
    with open_services(path, data_dir=path.parent, clock=lambda: datetime(2022, 11, 14, 10)):
        pass
    connection = sqlite3.connect(path)
    connection.execute("analyze")
    connection.close()


def _analysis_service(path: Path):  # type: ignore[no-untyped-def]
    """The analysis over the register, migrated and with its stored deadlines up to date."""
    from lapor_desk.persistence.engine import make_engine, make_session_factory
    from lapor_desk.persistence.migrate import migrate
    from lapor_desk.services.analysis import AnalysisService
    from lapor_desk.services.deadlines import ensure_deadlines
    from lapor_desk.services.settings import SettingsService

    engine = make_engine(path)
    migrate(engine, backup_dir=None)  # a register kept from an older run gets new indexes
    factory = make_session_factory(engine)
    clock = lambda: datetime(2022, 11, 14, 10)  # noqa: E731
    settings = SettingsService(factory, clock)
    ensure_deadlines(factory, settings)  # cheap when nothing is missing
    return engine, AnalysisService(factory, clock, settings)


def bench_analysis(path: Path) -> dict[str, float]:
    connection = sqlite3.connect(path)
    start = time.perf_counter()
    connection.execute("select status, count(*) from complaint group by status").fetchall()
    baseline = time.perf_counter() - start
    total = connection.execute("select count(*) from complaint").fetchone()[0]
    connection.close()
    engine, service = _analysis_service(path)
    service.gather(date(2022, 1, 1), date(2022, 1, 31))  # warm the page cache and the calendar
    start = time.perf_counter()
    data = service.gather(date(2021, 1, 1), date(2022, 10, 31))
    gather = time.perf_counter() - start
    start = time.perf_counter()
    service.gather(date(2022, 3, 1), date(2022, 3, 31))
    month = time.perf_counter() - start
    start = time.perf_counter()
    service.gather(date(2021, 1, 1), date(2022, 10, 31), as_of=date(2022, 12, 14))
    other_day = time.perf_counter() - start
    tracemalloc.start()
    service.gather(date(2021, 1, 1), date(2022, 10, 31))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    engine.dispose()
    from lapor_desk.reports.analysis import build_analysis
    from lapor_desk.reports.output import Format, render_bytes
    from tests.documents.samples import SETUP

    start = time.perf_counter()
    pdf = render_bytes(build_analysis(data, SETUP), Format.PDF)
    render = time.perf_counter() - start
    assert data.received == total, (data.received, total)
    return {"complaints": total, "gather_s": round(gather, 3),
            "baseline_group_by_s": round(baseline, 3), "ratio": round(gather / baseline, 1),
            "gather_one_month_s": round(month, 3), "gather_judged_later_s": round(other_day, 3),
            "python_peak_mb": round(peak / 2**20, 1), "overdue": data.overdue_total,
            "render_pdf_s": round(render, 2), "pdf_kb": len(pdf) // 1024}


def _table_document(rows: int):  # type: ignore[no-untyped-def]
    from lapor_desk.reports.document import Align, Column, Document, Stamp, Table

    cells = tuple((str(i), f"41{i:05d}", f"Unit kerja nomor {i % 22}",
                   f"Tindak lanjut yang disepakati untuk butir {i}", "30 November 2022",
                   "Proses") for i in range(1, rows + 1))
    table = Table((Column("No", 0.5, Align.RIGHT), Column("Tracking ID", 1.2),
                   Column("Unit", 2), Column("Tindak lanjut", 3.5), Column("Batas waktu", 1.5),
                   Column("Status", 1)), cells)
    return Document("bench", (table,), Stamp(datetime(2022, 11, 14, 10)))


def _bare_reportlab(rows: int) -> float:
    """The same table with nothing but reportlab: the baseline of the PDF ratio."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    from lapor_desk.reports.fonts import document_fonts

    if "BareSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareSans", str(document_fonts().regular)))
    style = ParagraphStyle("bare", fontName="BareSans", fontSize=9, leading=11.25)
    start = time.perf_counter()
    data = [[Paragraph(h, style) for h in ("No", "Tracking ID", "Unit", "Tindak lanjut",
                                           "Batas waktu", "Status")]]
    for i in range(1, rows + 1):
        data.append([Paragraph(t, style) for t in (
            str(i), f"41{i:05d}", f"Unit kerja nomor {i % 22}",
            f"Tindak lanjut yang disepakati untuk butir {i}", "30 November 2022", "Proses")])
    table = LongTable(data, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0.5, 0.5, 0.5))]))
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([table])
    return time.perf_counter() - start


def bench_pdf(rows: int) -> dict[str, float]:
    from lapor_desk.reports.output import Format, render_bytes

    bare = min(_bare_reportlab(rows) for _ in range(2))
    document = _table_document(rows)
    ours = []
    for _ in range(2):
        start = time.perf_counter()
        render_bytes(document, Format.PDF)
        ours.append(time.perf_counter() - start)
    return {"rows": rows, "lapor_desk_s": round(min(ours), 3), "bare_reportlab_s": round(bare, 3),
            "ratio": round(min(ours) / bare, 2)}


def bench_docx(rows: int) -> list[dict[str, float]]:
    from lapor_desk.reports.output import Format, render_bytes

    out = []
    for n in (rows, rows * 2, rows * 4, rows * 8):
        document = _table_document(n)
        start = time.perf_counter()
        size = len(render_bytes(document, Format.DOCX))
        seconds = time.perf_counter() - start
        out.append({"rows": n, "seconds": round(seconds, 3),
                    "ms_per_row": round(seconds / n * 1000, 3), "kb": size // 1024})
    return out


def bench_minutes() -> dict[str, float]:
    from lapor_desk.reports.minutes import build_minutes
    from lapor_desk.reports.output import Format, render_bytes
    from tests.documents.samples import SETUP, SNAPSHOT, minutes

    start = time.perf_counter()
    document = build_minutes(minutes(items=300), SETUP, SNAPSHOT)
    built = time.perf_counter()
    pdf = render_bytes(document, Format.PDF)
    pdf_done = time.perf_counter()
    docx = render_bytes(document, Format.DOCX)
    docx_done = time.perf_counter()
    from pypdf import PdfReader

    return {"agenda_items": 300, "build_s": round(built - start, 3),
            "pdf_s": round(pdf_done - built, 2), "docx_s": round(docx_done - pdf_done, 2),
            "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages), "docx_kb": len(docx) // 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=1000, help="table rows for PDF/DOCX")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the register in this folder")
    parser.add_argument("--skip-analysis", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {}
    if not args.skip_analysis:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="lapor-bench-"))
        folder.mkdir(parents=True, exist_ok=True)
        register = folder / f"bench-{args.complaints}.sqlite3"
        if not register.exists():
            start = time.perf_counter()
            _fill(register, args.complaints)
            results["fill_s"] = round(time.perf_counter() - start, 1)
        results["analysis"] = bench_analysis(register)
    results["pdf_table"] = bench_pdf(args.rows)
    results["docx_table"] = bench_docx(args.rows // 2)
    results["minutes_300"] = bench_minutes()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
