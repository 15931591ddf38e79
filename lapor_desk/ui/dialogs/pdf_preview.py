"""A PDF shown inside the window, and printed.

QtPdf draws the pages when the installed PySide6 has it (the PySide6-Addons wheel). Otherwise the
pages are rasterised with poppler's ``pdftoppm`` where it is installed, and failing that the PDF
opens in the system's viewer (which also prints it).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPagedPaintDevice, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.i18n import _

#: Resolution of the rasterised preview and print pages.
PREVIEW_DPI = 80
PRINT_DPI = 200
PDFTOPPM_TIMEOUT_S = 60


def qtpdf_available() -> bool:
    """Whether the installed PySide6 ships QtPdf and QtPdfWidgets."""
    from importlib.util import find_spec

    return all(find_spec(f"PySide6.{name}") is not None for name in ("QtPdf", "QtPdfWidgets"))


def rasterise(pdf: Path, dpi: int) -> list[QImage]:
    """The pages of ``pdf`` as images, by QtPdf or pdftoppm; empty when neither is there."""
    if qtpdf_available():
        return _qtpdf_pages(pdf, dpi)
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="lapor-preview-") as folder:
        subprocess.run([tool, "-png", "-r", str(dpi), str(pdf), str(Path(folder) / "page")],
                       check=True, capture_output=True, timeout=PDFTOPPM_TIMEOUT_S)
        return [QImage(str(p)) for p in sorted(Path(folder).glob("page-*.png"),
                                               key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


def _qtpdf_pages(pdf: Path, dpi: int) -> list[QImage]:  # pragma: no cover - needs QtPdf
    from importlib import import_module

    from PySide6.QtCore import QSize

    # Imported by name: the module exists only where PySide6-Addons is installed.
    document = import_module("PySide6.QtPdf").QPdfDocument()
    document.load(str(pdf))
    pages = []
    for index in range(document.pageCount()):
        points = document.pagePointSize(index)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        pages.append(document.render(index, size))
    return pages


class PdfPreview(QWidget):
    """The pages of one PDF, one under the other, or a button to open it elsewhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf: Path | None = None
        self.page_labels: list[QLabel] = []
        self.stack = QStackedWidget()
        self.message = QLabel(_("Press “Preview” to see the document here."))
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555; font-size: 11pt; padding: 24px;")
        self.open_button = QPushButton(_("Open in the PDF viewer"))
        self.open_button.hide()
        self.open_button.clicked.connect(self._on_open_clicked)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.message)
        empty_layout.addWidget(self.open_button)
        empty_layout.addStretch(2)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setStyleSheet("QScrollArea { background: #7a8793; }")
        self.stack.addWidget(empty)
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_pdf(self, pdf: Path) -> None:
        """Show ``pdf`` (rasterised) or offer the system viewer."""
        self.pdf = pdf
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        images = rasterise(pdf, PREVIEW_DPI)
        if not images:
            self.message.setText(_("This computer cannot show the PDF inside LAPOR Desk; open "
                                   "it in the PDF viewer."))
            self.open_button.show()
            self.stack.setCurrentIndex(0)
            return
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self.stack.setCurrentIndex(1)

    def _on_open_clicked(self) -> None:
        if self.pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf)))


def print_pdf(pdf: Path, parent: QWidget | None) -> bool:
    """Print ``pdf`` through the print dialog; False when no page renderer is available."""
    images = rasterise(pdf, PRINT_DPI)
    if not images:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))
        return False
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        paint_pages(printer, images)
    return True


def paint_pages(printer: QPagedPaintDevice, images: list[QImage]) -> None:
    """Each image on a page of its own, as large as the page allows without distortion."""
    from PySide6.QtGui import QPainter

    painter = QPainter(printer)
    target = painter.viewport()
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
