"""Attachments are stored once per content, beside the register, and found again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.register import ComplaintInput


def _complaint(services: Services) -> int:
    data = ComplaintInput(datetime(2022, 11, 7, 9, 0), "Surat pengaduan", "Isi surat.", "Pos Surat")
    return services.register.create(LOCAL_OPERATOR, data).complaint.id


def test_same_content_is_stored_once_and_read_back(services: Services, tmp_path: Path) -> None:
    complaint_id = _complaint(services)
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4 synthetic letter")
    copy = tmp_path / "salinan.pdf"
    copy.write_bytes(letter.read_bytes())
    first, changes = services.attachments.add(LOCAL_OPERATOR, complaint_id, letter)
    second, _ = services.attachments.add(LOCAL_OPERATOR, complaint_id, copy)
    assert changes.complaints == {complaint_id}
    assert first.sha256 == second.sha256 and first.media_type == "application/pdf"
    assert [a.filename for a in services.attachments.list(complaint_id)] == [
        "surat.pdf", "salinan.pdf",
    ]
    stored = services.attachments.path(first.id)
    assert stored.read_bytes() == letter.read_bytes()
    assert stored.is_relative_to(tmp_path / "attachments")
    assert len([p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]) == 1


def test_missing_file_and_unknown_complaint(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        services.attachments.add(LOCAL_OPERATOR, 1, tmp_path / "tidak-ada.pdf")
    real = tmp_path / "a.txt"
    real.write_text("x")
    with pytest.raises(NotFound):
        services.attachments.add(LOCAL_OPERATOR, 999, real)
    assert services.attachments.list(999) == ()


def test_file_removed_from_the_data_folder_is_reported(
    services: Services, tmp_path: Path
) -> None:
    complaint_id = _complaint(services)
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"\xff\xd8 synthetic photo")
    row, _ = services.attachments.add(LOCAL_OPERATOR, complaint_id, source)
    services.attachments.path(row.id).unlink()
    with pytest.raises(NotFound, match=r"hilang|tidak ada"):
        services.attachments.path(row.id)


def test_a_copy_goes_out_under_its_own_name_and_never_overwrites(
    services: Services, tmp_path: Path
) -> None:
    complaint_id = _complaint(services)
    source = tmp_path / "surat pengantar.pdf"
    source.write_bytes(b"%PDF-1.4 synthetic")
    row, _ = services.attachments.add(LOCAL_OPERATOR, complaint_id, source)
    out = tmp_path / "keluar"
    out.mkdir()
    first = services.attachments.copy_out(row.id, out)
    second = services.attachments.copy_out(row.id, out)
    assert [first.name, second.name] == ["surat pengantar.pdf", "surat pengantar (2).pdf"]
    assert first.read_bytes() == second.read_bytes() == source.read_bytes()
    chosen = services.attachments.copy_out(row.id, tmp_path / "bukti.pdf")
    assert chosen == tmp_path / "bukti.pdf" and chosen.read_bytes() == source.read_bytes()
    # Editing a copy leaves the stored evidence as it was.
    first.write_bytes(b"changed")
    assert services.attachments.path(row.id).read_bytes() == source.read_bytes()
    with pytest.raises(NotFound):
        services.attachments.copy_out(999, out)
