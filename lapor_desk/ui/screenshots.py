"""``python -m lapor_desk.ui.screenshots OUTDIR``: render the main screens of the demo to PNG.

Builds a fresh demo register in a temporary folder, so the pictures never show a user's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from lapor_desk import i18n
from lapor_desk.domain.actor import LOCAL_OPERATOR


def render(out_dir: Path, language: str = "id") -> list[Path]:
    """Write one PNG per main screen into ``out_dir``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lapor_desk.services.bootstrap import open_services
    from lapor_desk.ui.main_window import MainWindow

    i18n.activate(language)
    app = QApplication.instance() or QApplication(sys.argv)
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
            window.close()
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
