"""The README's import preview: a "Laporan Ringkas" of the demo's October 2022, a week later.

Built from the demo register's own export: a few complaints closed or edited on the portal,
new complaints, two the portal no longer lists. Only previewed, so the register is untouched.
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.portal_values import restore_formula

if TYPE_CHECKING:  # Qt loads with the screenshots, not at import
    from lapor_desk.services.bootstrap import Services
    from lapor_desk.ui.main_window import MainWindow

#: The portal's own columns (the export adds LAPOR Desk's, which the portal does not have).
PORTAL_COLUMNS = (
    "Tracking ID", "Tanggal Laporan Masuk", "Waktu Laporan Masuk", "Klasifikasi Laporan",
    "ID Kategori", "Kategori", "Judul Laporan", "Isi Laporan Awal", "Isi Laporan Akhir",
    "Tipe Laporan (Anonim/Rahasia)", "Sumber Laporan", "Instansi Induk", "Instansi Terdisposisi",
    "Status Laporan", "Alasan Tunda/Arsip", "Provinsi", "Kota/Kabupaten", "Kecamatan",
    "Kelurahan",
)
METADATA = (
    ("Judul Laporan", "Laporan Ringkas"),
    ("Nama Instansi", "Kementerian Sosial"),
    ("Tanggal Generate", "2022-11-14 07:30:00"),
    ("Periode Masuk", "(2022-10-01) - (2022-10-31)"),
    ("Pengelola", "Biro Hubungan Masyarakat"),
)
_NEW = (("PKH", 1443, "PKH Program Keluarga Harapan"),
        ("BPNT", 1444, "Bantuan Pangan Non Tunan (BPNT)"),
        ("DTKS", 1448, "Data Terpadu Kesejahteraan Sosial (DTKS)"))


def sample_export(services: Services, folder: Path) -> Path:
    """Write the week-later export of October 2022 into ``folder``."""
    from openpyxl import Workbook

    from lapor_desk.services import demo_texts
    from lapor_desk.services.exporter import ExportFilter, ExportFormat

    own = services.exports.export(
        folder / "register.csv", ExportFormat.CSV,
        ExportFilter(received_from=date(2022, 10, 1), received_to=date(2022, 10, 31))).path
    with own.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter=";"))
    rows = [[restore_formula(record[c] or "") for c in PORTAL_COLUMNS] for record in records
            if record["Tracking ID"].isdigit()]  # letters and walk-ins are not on the portal
    status = PORTAL_COLUMNS.index("Status Laporan")
    edited = PORTAL_COLUMNS.index("Isi Laporan Akhir")
    open_rows = [r for r in rows if r[status] == "Terverifikasi"]
    for row in open_rows[:7]:
        row[status] = "Ditutup oleh Admin"
    for row in open_rows[7:9]:
        row[edited] = row[edited] + " (Disunting admin portal: data pribadi pelapor disamarkan.)"
    del rows[5], rows[40]  # no longer listed by the portal
    rng = random.Random(2022)
    last = max(int(r[0]) for r in rows)
    for number in range(14):
        code, category, name = _NEW[number % len(_NEW)]
        province, cities = rng.choice(demo_texts.REGIONS)
        city = rng.choice(cities)
        text = demo_texts.compose(rng, code, province=province, city=city,
                                  month_name_id="Oktober")
        at = datetime.combine(date(2022, 10, 24) + timedelta(days=number % 7),
                              time(8 + number % 9, 5 * number % 60))
        values = {
            "Tracking ID": str(last + 11 + number), "Tanggal Laporan Masuk": at.date().isoformat(),
            "Waktu Laporan Masuk": at.time().isoformat(), "ID Kategori": str(category),
            "Kategori": name, "Judul Laporan": text.title, "Isi Laporan Awal": text.text_original,
            "Isi Laporan Akhir": text.text_edited, "Sumber Laporan": "Website - kementerian-sosial",
            "Instansi Induk": "Kementerian Sosial", "Instansi Terdisposisi": "Kementerian Sosial",
            "Status Laporan": "Belum Terverifikasi", "Provinsi": province,
            "Kota/Kabupaten": city,
        }
        rows.append([values.get(c, "") for c in PORTAL_COLUMNS])
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Laporan Ringkas")
    for label, value in METADATA:
        sheet.append([label, None, value])
    for _blank in range(10 - len(METADATA)):
        sheet.append([])
    sheet.append(list(PORTAL_COLUMNS))
    for row in rows:
        sheet.append(row)
    target = folder / "laporan-ringkas-kemensos-2022-10.xlsx"
    workbook.save(target)
    return target


def import_preview_screen(window: MainWindow, services: Services, out_dir: Path) -> Path:
    """The wizard's preview of :func:`sample_export`, on its Changed tab."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer, SignalInstance
    from PySide6.QtWidgets import QApplication

    from lapor_desk.ui.dialogs.import_wizard import ImportWizard

    def wait(signal: SignalInstance) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()

    target = out_dir / "import-preview.png"
    with tempfile.TemporaryDirectory() as folder:
        path = sample_export(services, Path(folder))
        settings = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        wizard = ImportWizard(services, window.events, LOCAL_OPERATOR, window, settings)
        wizard.resize(1240, 780)
        wizard.show()
        wizard.set_file(path)
        wizard.next()
        wait(wizard.header_read)
        wizard.next()
        wait(wizard.preview_ready)
        page = wizard.preview_page
        page.tabs.setCurrentIndex(1)
        page.changed_view.selectRow(0)
        QApplication.processEvents()
        wizard.grab().save(str(target))
        wizard.reject()
    return target
