"""``python -m lapor_desk.ui.screenshots OUTDIR``: render the main screens of the demo to PNG.

Builds a fresh demo register in a temporary folder, so the pictures never show a user's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desk import i18n
from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus

if TYPE_CHECKING:  # Qt and the services load inside render(), not at import
    from PySide6.QtWidgets import QWidget

    from lapor_desk.services.bootstrap import Services
    from lapor_desk.ui.main_window import MainWindow


def render(out_dir: Path, language: str = "id") -> list[Path]:
    """Write one PNG per main screen into ``out_dir``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lapor_desk.services.bootstrap import open_services
    from lapor_desk.ui.import_screenshot import import_preview_screen
    from lapor_desk.ui.main_window import MainWindow
    from lapor_desk.ui.qt_language import apply_language

    i18n.activate(language)
    app = QApplication.instance() or QApplication(sys.argv)
    apply_language(app)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        register = Path(folder) / "demo.sqlite3"
        with open_services(register, data_dir=Path(folder)) as services:
            services.demo.load(LOCAL_OPERATOR)
            window = MainWindow(services)
            window.resize(1400, 820)
            window.show()
            app.processEvents()
            target = out_dir / "register-overview.png"
            window.grab().save(str(target))
            written.append(target)
            written.append(_register_screen(window, out_dir))
            written.append(master_data_screen(window, out_dir))
            written.append(_settings_screen(window, out_dir))
            written.append(import_preview_screen(window, services, out_dir))
            written += _complaint_screens(window, services, out_dir)
            written += _report_screens(window, services, out_dir)
            written += _meeting_screens(window, services, out_dir)
            window.close()
    return written


def _show_page(window: MainWindow, page: QWidget) -> None:
    """Show ``page`` and let its scroll area lay it out before anything is grabbed."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    window.show_page(page)
    area = window.pages.currentWidget()
    assert isinstance(area, QScrollArea)
    for _round in range(20):  # the area resizes the page, the page lays itself out: a few turns
        QApplication.processEvents()
        if page.width() == area.viewport().width():
            break


def _register_screen(window: MainWindow, out_dir: Path) -> Path:
    """The register filtered to overdue complaints and searched for "pkh"."""
    from PySide6.QtWidgets import QApplication

    from lapor_desk.services.complaint_filter import ComplaintFilter, SlaFilter

    _show_page(window, window.register)
    window.register.show_filter(ComplaintFilter(sla=SlaFilter.OVERDUE, text="pkh"))
    window.register.model.ensure_counted()  # the count comes from a worker otherwise
    window.register.table.selectRow(0)
    QApplication.processEvents()
    target = out_dir / "register.png"
    window.grab().save(str(target))
    return target


def master_data_screen(window: MainWindow, out_dir: Path) -> Path:
    """The unit tree with Biro Humas and its liaison in the form beside it."""
    from PySide6.QtWidgets import QApplication

    page = window.master_data
    _show_page(window, page)
    page.tabs.setCurrentWidget(page.units)
    humas = next(u for u in page.units.model_units() if u.abbreviation == "BIRO-HUMAS")
    page.units.select(humas.id)
    QApplication.processEvents()
    target = out_dir / "master-data.png"
    window.grab().save(str(target))
    return target


def _settings_screen(window: MainWindow, out_dir: Path) -> Path:
    """The Settings page: reference date, calendar, letterhead, language."""
    from PySide6.QtWidgets import QApplication

    _show_page(window, window.settings)
    QApplication.processEvents()
    target = out_dir / "settings.png"
    window.grab().save(str(target))
    return target


def _complaint_screens(window: MainWindow, services: Services, out_dir: Path) -> list[Path]:
    """The detail pane beside the register, and the new-complaint form with its hints."""
    from datetime import datetime, time, timedelta

    from PySide6.QtCore import QDateTime, QEvent
    from PySide6.QtWidgets import QApplication, QDialog

    from lapor_desk.services.complaint_filter import ComplaintFilter
    from lapor_desk.services.register import ComplaintInput
    from lapor_desk.ui.itemmodels.complaint_table import ID_ROLE

    app = QApplication.instance()
    assert app is not None
    menus = window.complaint_menus
    _show_page(window, window.register)
    # A complaint in progress with a unit's answer, a running deadline and a phone number.
    window.register.show_filter(ComplaintFilter(urgent=True))
    model = window.register.model
    model.ensure_counted()
    for row in range(min(model.rowCount(), 300)):
        detail = services.register.get(int(model.index(row, 0).data(ID_ROLE)))
        if (
            detail.row.status is InternalStatus.PROSES
            and detail.reporter_phone
            and detail.follow_ups
            and not detail.row.anonim
        ):
            window.register.table.selectRow(row)
            break
    window.register.splitter.setSizes([700, 560])
    # Widgets replaced with deleteLater() go only when the event loop runs, which it does not
    # here: delete them now so they are not drawn under the new ones.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    written = [out_dir / "complaint-detail.png"]
    window.grab().save(str(written[-1]))

    # A letter of the demo's own days, and the same reporter's phone call a week before it.
    letter_day = datetime.combine(services.settings.reference_date(), time(9, 15))
    services.register.create(
        LOCAL_OPERATOR,
        ComplaintInput(
            received_at=letter_day - timedelta(days=6), title="PKH tahap 3 belum cair",
            text="Bantuan PKH tahap 3 belum masuk rekening.", channel="Call Center",
            reporter_name="Siti Aminah", reporter_nik="3201014508850003",
        ),
    )
    form = menus.open_form()
    form.resize(1040, 700)
    form.received.setDateTime(QDateTime(letter_day))
    form.title_field.edit.setText("Bantuan PKH tahap 3 belum cair sampai sekarang")
    form.text_field.edit.setPlainText(
        "Dengan hormat, saya peserta PKH di Desa Sukamaju, Kabupaten Bogor. Bantuan PKH "
        "tahap 3 tahun ini belum masuk ke rekening KKS saya, padahal tetangga sudah "
        "menerima. Mohon bantuan pengecekan."
    )
    form.reporter_name.setText("Siti Aminah")
    form.nik_field.edit.setText("3201 0145 0885 0003")
    form.phone_field.edit.setText("0812-345")
    form.phone_field.check()
    form.province.setText("Jawa Barat")
    form.city.setText("Kabupaten Bogor")
    form.refresh_hints()
    app.processEvents()
    written.append(out_dir / "new-complaint.png")
    form.grab().save(str(written[-1]))
    form.done(QDialog.DialogCode.Rejected)  # a picture, not a complaint: close without asking
    return written


def _report_screens(window: MainWindow, services: Services, out_dir: Path) -> list[Path]:
    """The Reports page, the export dialog, and the January–October 2022 analysis as pages."""
    import shutil
    import subprocess
    from datetime import date

    from PySide6.QtCore import QEventLoop, QTimer

    _show_page(window, window.reports)
    written = [out_dir / "reports-page.png"]
    window.grab().save(str(written[-1]))
    dialog = window.reports.open_analysis()
    dialog.resize(1300, 860)
    loop = QEventLoop()
    assert dialog.worker is not None
    dialog.worker.finished.connect(lambda *_args: QTimer.singleShot(100, loop.quit))
    loop.exec()
    written.append(out_dir / "export-dialog.png")
    dialog.grab().save(str(written[-1]))
    dialog.reject()
    documents = services.documents
    data = documents.analysis_input(date(2022, 1, 1), date(2022, 10, 31))
    with tempfile.TemporaryDirectory() as folder:
        pdf = documents.export(documents.analysis(data), Path(folder) / "analisis.pdf")
        tool = shutil.which("pdftoppm")
        if tool is None:  # the pages need poppler; the screens above do not
            return written
        subprocess.run([tool, "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf),
                        str(Path(folder) / "page")], check=True, timeout=120)
        for number, page in enumerate(sorted(Path(folder).glob("page-*.png")), start=1):
            target = out_dir / f"analysis-page{number}.png"
            shutil.copy(page, target)
            written.append(target)
    # Before _meeting_screens, which reopens the meeting in this throw-away register.
    return written + minutes_pages(services, out_dir)


def minutes_pages(services: Services, out_dir: Path) -> list[Path]:
    """The first two pages of the Notula of the demo's 15 November 2022 meeting (2/2022)."""
    import shutil
    import subprocess

    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    meeting = next(m.id for m in services.meetings.list_meetings() if m.label == "2/2022")
    documents = services.documents
    written = []
    with tempfile.TemporaryDirectory() as folder:
        pdf = documents.export(documents.meeting_minutes(meeting), Path(folder) / "notula.pdf")
        subprocess.run([tool, "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                        str(Path(folder) / "page")], check=True, timeout=120)
        for number, page in enumerate(sorted(Path(folder).glob("page-*.png")), start=1):
            target = out_dir / f"minutes-page{number}.png"
            shutil.copy(page, target)
            written.append(target)
    return written


def _meeting_screens(window: MainWindow, services: Services, out_dir: Path) -> list[Path]:
    """The agenda builder and meeting mode on the demo's 15 November 2022 meeting."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    page = window.meetings
    _show_page(window, page)
    meeting = next(m for m in services.meetings.list_meetings() if m.meeting_date.day == 15)
    page.list.select(meeting.id)
    page.meeting_tabs.setCurrentWidget(page.agenda)
    page.agenda.propose()  # its own units, cut-off 31 October 2022
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    written = [out_dir / "agenda-builder.png"]
    window.grab().save(str(written[-1]))
    # Meeting mode as the notulis sees it in session: reopened in this throw-away register.
    services.meetings.reopen(LOCAL_OPERATOR, meeting.id, "Tangkapan layar mode rapat")
    page.show_meeting(meeting.id)
    mode = page.open_meeting_mode()
    assert mode is not None
    mode.showNormal()
    mode.resize(1400, 820)
    app.processEvents()
    item = next(i for i in mode.items if i.complaint_id and i.action_count)
    mode.go_to(mode.items.index(item))
    app.processEvents()
    written.append(out_dir / "meeting-mode.png")
    mode.grab().save(str(written[-1]))
    mode.close()
    return written


def main() -> int:
    """Command-line entry: the output folder is the only argument."""
    if len(sys.argv) != 2:
        print("usage: python -m lapor_desk.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(sys.argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
