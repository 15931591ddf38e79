"""Register view at 100k and 1M complaints against a bare QTableView over the same SQL query.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/register_view.py 100000 1000000
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/register_view.py --keep /tmp/bench-register \
        100000 1000000   # builds each register once under the folder, reuses it afterwards

For each size: synthetic complaints are written with Core executemany into a temporary SQLite
register (the FTS5 triggers index them on the way), then two child processes measure the same
steps, one over LAPOR Desk's RegisterView (windowed model, SQL paging) and one over a bare
QTableView on a QSqlQueryModel (QSQLITE) running the equivalent SQL. Peak memory is each child's
own maximum RSS. A first paint happens once per process, so it is taken again in
FIRST_PAINT_ROUNDS pairs of fresh processes, in turns, and reported as medians. A kept register
is migrated to the current schema before either child starts. Results are printed as a table
with the ratios ours/baseline.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEARCHES = ("pkh", "saldo kosong", "bpnt", "kks hilang", "pendamping", "dtks", "bansos tidak",
            "jakarta timur", "3201", "sembako")
COLUMNS = "tracking_id, received_at, urgent, title, status, topic_id, channel"
BASE_ORDER = " ORDER BY received_at DESC, id DESC"
FIRST_PAINT_ROUNDS = 15


def generate(path: Path, count: int) -> dict[str, float]:
    """Fill a new register at ``path`` with ``count`` synthetic complaints."""
    from sqlalchemy import insert, select

    from lapor_desk.domain.actor import LOCAL_OPERATOR
    from lapor_desk.models import Complaint, ComplaintDeadline, Topic
    from lapor_desk.services import demo_texts
    from lapor_desk.services.bootstrap import open_services

    rng = random.Random(7)
    timings: dict[str, float] = {}
    with open_services(path, data_dir=path.parent) as services:
        services.demo.load(LOCAL_OPERATOR)  # units, topics, 4.447 complaints
        with services.engine.connect() as connection:
            topics = dict(connection.execute(select(Topic.code, Topic.id)).all())
        codes = [c for c in demo_texts.TOPIC_CODES if c in topics]
        # A pool of realistic texts, recombined: composing a million would take minutes.
        pool = []
        for _ in range(4000):
            province, cities = rng.choice(demo_texts.REGIONS)
            code = rng.choice(codes)
            text = demo_texts.compose(rng, code, province=province, city=rng.choice(cities),
                                      month_name_id="Mei")
            pool.append((code, text))
        channels = ("Website", "Android", "SMS (1708)", "Website - kementerian-sosial", "ios")
        start = datetime(2015, 1, 1)
        started = time.perf_counter()
        batch: list[dict[str, object]] = []
        deadlines: list[dict[str, object]] = []
        with services.engine.begin() as connection:
            first_id = int(connection.scalar(select(Complaint.id).order_by(Complaint.id.desc()))
                           or 0) + 1
            for n in range(count):
                code, text = pool[rng.randrange(len(pool))]
                received = start + timedelta(minutes=n * 4 + rng.randrange(4))
                status = rng.choice(("selesai", "selesai", "selesai", "proses",
                                     "belum_ditindaklanjuti", "belum_terverifikasi"))
                batch.append({
                    "id": first_id + n, "tracking_id": str(10_000_000 + n), "source": "portal",
                    "received_at": received, "klasifikasi": None, "topic_id": topics[code],
                    "title": text.title, "text_original": text.text_original,
                    "text_edited": text.text_edited, "anonim": rng.random() < 0.09,
                    "rahasia": rng.random() < 0.15, "channel": rng.choice(channels),
                    "status": status, "urgent": code == "PUNGLI", "created_at": received,
                    "updated_at": received, "version": 1,
                })
                due = received.date() + timedelta(days=rng.randrange(1, 30))
                deadlines.append({
                    "complaint_id": first_id + n, "verification_due": due,
                    "first_response_due": due, "completion_due": due,
                    "open_due": None if status == "selesai" else due, "lead_unit_id": None,
                })
                if len(batch) == 20_000:
                    connection.execute(insert(Complaint), batch)
                    connection.execute(insert(ComplaintDeadline), deadlines)
                    batch, deadlines = [], []
            if batch:
                connection.execute(insert(Complaint), batch)
                connection.execute(insert(ComplaintDeadline), deadlines)
        timings["insert with FTS triggers (s)"] = time.perf_counter() - started
        from lapor_desk.persistence.search import rebuild_search_index

        started = time.perf_counter()
        with services.engine.begin() as connection:
            rebuild_search_index(connection)
        timings["FTS rebuild from scratch (s)"] = time.perf_counter() - started
        if count <= 100_000:
            from lapor_desk.persistence.engine import make_session_factory
            from lapor_desk.services.deadlines import refresh_deadlines_for

            started = time.perf_counter()
            with make_session_factory(services.engine).begin() as session:
                refresh_deadlines_for(session, services.settings, None)
            timings["refresh_deadlines all (s)"] = time.perf_counter() - started
    return timings


def migrate_register(path: Path) -> float | None:
    """Bring a kept register to the current schema before measuring; seconds taken, if any.

    Both children then read the same schema and search index (revision 0008 rebuilds the
    FTS5 table of an older register), and neither times a migration.
    """
    from lapor_desk.persistence.engine import make_engine
    from lapor_desk.persistence.migrate import current_revision, head_revision
    from lapor_desk.services.bootstrap import open_services

    engine = make_engine(path)
    try:
        if current_revision(engine) == head_revision():
            return None
    finally:
        engine.dispose()
    started = time.perf_counter()
    with open_services(path, data_dir=path.parent):
        pass
    return time.perf_counter() - started


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def measure(kind: str, path: Path, first_paint_only: bool = False) -> dict[str, float]:
    """Run in a child process: time the steps for ``kind`` ("ours" or "baseline")."""
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication([])
    result: dict[str, float] = {}

    def paint(view: QTableView) -> None:
        view.viewport().repaint()
        app.processEvents()

    if kind == "ours":
        from lapor_desk.domain.enums import InternalStatus
        from lapor_desk.i18n import _
        from lapor_desk.services.bootstrap import open_services
        from lapor_desk.services.complaint_filter import ComplaintFilter, SlaFilter
        from lapor_desk.ui.events import AppEvents
        from lapor_desk.ui.views.register_view import RegisterView

        services_cm = open_services(path, data_dir=path.parent)
        services = services_cm.__enter__()
        # In the app the overview has already loaded the holiday calendar (the `holidays`
        # package: ~0.25 s once per process), Babel and the translation catalog (~0.07 s)
        # before the register view opens. The register's own SLA window is not warmed.
        services.settings.calendar().add_working_days(services.settings.reference_date(), 3)
        from babel.dates import format_date

        format_date(date(2022, 1, 1), locale="id")
        _("Register")

        def counted(started: float) -> float:
            # The count runs on a worker: wait for it, handing its answer to the GUI thread.
            while not view.model.count_known:
                app.processEvents()
                time.sleep(0.0005)
            return (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        view = RegisterView(services, AppEvents())
        view.resize(1300, 800)
        view.show()
        paint(view.table)
        result["first paint (ms)"] = (time.perf_counter() - started) * 1000
        result["count known, open (ms)"] = counted(started)
        if first_paint_only:
            view.close()
            services_cm.__exit__(None, None, None)
            return result
        filters = [ComplaintFilter(statuses=frozenset({InternalStatus.PROSES})),
                   ComplaintFilter(urgent=True),
                   ComplaintFilter(received_from=date(2016, 1, 1), received_to=date(2016, 6, 30)),
                   ComplaintFilter(sla=SlaFilter.OVERDUE)]
        times, counts = [], []
        for _round in range(3):
            for value in filters:
                started = time.perf_counter()
                view.model.set_query(value)
                paint(view.table)
                times.append((time.perf_counter() - started) * 1000)
                counts.append(counted(started))
        result["filter p50 (ms)"], result["filter p95 (ms)"] = _percentiles(times)
        result["filter count known p95 (ms)"] = _percentiles(counts)[1]
        times, counts = [], []
        for _round in range(3):
            for word in SEARCHES:
                started = time.perf_counter()
                view.model.set_query(ComplaintFilter(text=word))
                paint(view.table)
                times.append((time.perf_counter() - started) * 1000)
                counts.append(counted(started))
        result["search p50 (ms)"], result["search p95 (ms)"] = _percentiles(times)
        result["search count known p95 (ms)"] = _percentiles(counts)[1]
        view.model.set_query(ComplaintFilter())
        paint(view.table)
        counted(time.perf_counter())
        started = time.perf_counter()
        view.table.scrollToBottom()
        paint(view.table)
        result["jump to last row (ms)"] = (time.perf_counter() - started) * 1000
        view.close()
        services_cm.__exit__(None, None, None)
    else:
        from PySide6.QtSql import QSqlDatabase, QSqlQuery, QSqlQueryModel

        database = QSqlDatabase.addDatabase("QSQLITE")
        database.setDatabaseName(str(path))
        database.open()

        def run(sql: str, binds: tuple[object, ...] = ()) -> QSqlQuery:
            query = QSqlQuery(database)
            query.prepare(sql)
            for value in binds:
                query.addBindValue(value)
            query.exec()
            return query

        started = time.perf_counter()
        model = QSqlQueryModel()
        model.setQuery(run(f"SELECT {COLUMNS} FROM complaint" + BASE_ORDER))
        view = QTableView()
        view.setModel(model)
        view.resize(1300, 800)
        view.show()
        paint(view)
        result["first paint (ms)"] = (time.perf_counter() - started) * 1000
        if first_paint_only:
            return result
        filters = [("WHERE status = ?", ("proses",)), ("WHERE urgent = 1", ()),
                   ("WHERE received_at >= ? AND received_at < ?",
                    ("2016-01-01 00:00:00.000000", "2016-07-01 00:00:00.000000")),
                   ("JOIN complaint_deadline d ON d.complaint_id = complaint.id "
                    "WHERE d.open_due < ?", ("2022-11-14",))]
        times = []
        for _round in range(3):
            for where, binds in filters:
                started = time.perf_counter()
                model.setQuery(run(f"SELECT {COLUMNS} FROM complaint {where}" + BASE_ORDER,
                                   binds))
                paint(view)
                times.append((time.perf_counter() - started) * 1000)
        result["filter p50 (ms)"], result["filter p95 (ms)"] = _percentiles(times)
        from lapor_desk.persistence.search import search_terms

        times = []
        for _round in range(3):
            for word in SEARCHES:
                expression = " ".join(f'"{t}"*' for t in search_terms(word))
                started = time.perf_counter()
                model.setQuery(run(
                    f"SELECT {COLUMNS} FROM complaint WHERE id IN (SELECT rowid FROM "
                    "complaint_fts WHERE complaint_fts MATCH ?)" + BASE_ORDER, (expression,)))
                paint(view)
                times.append((time.perf_counter() - started) * 1000)
        result["search p50 (ms)"], result["search p95 (ms)"] = _percentiles(times)
        model.setQuery(run(f"SELECT {COLUMNS} FROM complaint" + BASE_ORDER))
        paint(view)
        started = time.perf_counter()
        # A QSqlQueryModel only knows its last row after fetching every row before it.
        while model.canFetchMore():
            model.fetchMore()
        view.scrollToBottom()
        paint(view)
        result["jump to last row (ms)"] = (time.perf_counter() - started) * 1000
        view.close()
    result["peak RSS (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    result: dict[str, float] = json.loads(out)
    return result


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] in ("--measure", "--first-paint"):
        only = sys.argv[1] == "--first-paint"
        print(json.dumps(measure(sys.argv[2], Path(sys.argv[3]), first_paint_only=only)))
        return 0
    args = sys.argv[1:]
    keep: Path | None = None
    if "--keep" in args:
        position = args.index("--keep")
        keep = Path(args[position + 1])
        del args[position : position + 2]
    sizes = [int(a) for a in args] or [100_000]
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="lapor-bench-") as scratch:
            folder = Path(scratch)
            if keep is not None:
                folder = keep / f"register-{size}"
                folder.mkdir(parents=True, exist_ok=True)
            path = folder / "bench.sqlite3"
            print(f"\n== {size:,} synthetic complaints (+ 4,447 demo)")
            if (folder / "complete").exists():
                print(f"  reusing {path}")
                migrated = migrate_register(path)
                if migrated is not None:
                    print(f"  migrated to the current schema (backup first): {migrated:.1f} s")
            else:
                path.unlink(missing_ok=True)
                build = generate(path, size)
                (folder / "complete").touch()
                for name, value in build.items():
                    print(f"  {name}: {value:.1f}")
            results = {kind: _child("--measure", kind, str(path))
                       for kind in ("baseline", "ours")}
            # One first paint per process is one sample, as noisy as the machine: the first
            # paint is the median of FIRST_PAINT_ROUNDS more fresh processes of each kind,
            # taken in turns, and the ratio the median of each turn's ratio.
            paints: dict[str, list[float]] = {"baseline": [], "ours": []}
            for _round in range(FIRST_PAINT_ROUNDS):
                for kind in paints:
                    paints[kind].append(_child("--first-paint", kind, str(path))[
                        "first paint (ms)"])
            for kind, values in paints.items():
                results[kind]["first paint (ms)"] = statistics.median(values)
            turns = [o / b for o, b in zip(paints["ours"], paints["baseline"], strict=True)]
            print(f"  {'step':28} {'bare QTableView':>16} {'RegisterView':>14} {'ratio':>7}")
            for name in results["ours"]:
                ours = results["ours"][name]
                if name not in results["baseline"]:
                    # A QSqlQueryModel never counts: it fetches 256 rows at a time.
                    print(f"  {name:28} {'–':>16} {ours:14.1f} {'–':>7}")
                    continue
                base = results["baseline"][name]
                ratio = ours / base if base else float("nan")
                if name == "first paint (ms)":
                    ratio = statistics.median(turns)
                print(f"  {name:28} {base:16.1f} {ours:14.1f} {ratio:7.2f}")
            print("  first paint per turn (ms, baseline / ours): " + ", ".join(
                f"{b:.0f}/{o:.0f}" for b, o in zip(paints["baseline"], paints["ours"], strict=True)
            ))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
