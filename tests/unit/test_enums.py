"""The closed vocabularies: what counts as verified or open, portal values, labels, errors."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from enum import StrEnum

import pytest

from lapor_desk.domain import errors
from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import (
    FollowUpKind,
    InternalStatus,
    Klasifikasi,
    Role,
    SlaStage,
    SlaState,
)

S = InternalStatus
LABELLED: list[type[StrEnum]] = [InternalStatus, SlaStage, SlaState, FollowUpKind]


@pytest.mark.parametrize(
    ("status", "verified", "open_"),
    [
        (S.BELUM_TERVERIFIKASI, False, True),
        (S.BELUM_DITINDAKLANJUTI, True, True),
        (S.PROSES, True, True),
        (S.MENUNGGU_KELENGKAPAN, True, True),
        (S.SELESAI, True, False),
        (S.DIARSIPKAN, False, False),
        (S.TERBLOKIR, False, False),
    ],
)
def test_which_statuses_count_as_verified_and_which_still_need_work(
    status: S, verified: bool, open_: bool
) -> None:
    assert status.is_verified is verified
    assert status.is_open is open_


def test_klasifikasi_values_are_the_portal_export_texts() -> None:
    assert [
        Klasifikasi(text)
        for text in (
            "Pengaduan Berkadar Pengawasan",
            "Pengaduan Tidak Berkadar Pengawasan",
            "Permintaan Informasi",
            "Aspirasi",
        )
    ] == list(Klasifikasi)
    with pytest.raises(ValueError):
        Klasifikasi("")


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_every_value_has_its_own_non_empty_label(enum: type[StrEnum], language: str) -> None:
    labels = [member.label for member in enum]  # type: ignore[attr-defined]  # all have .label

    assert all(isinstance(label, str) and label.strip() for label in labels)
    assert len(set(labels)) == len(labels)


def test_english_status_labels(english: str) -> None:
    assert [s.label for s in S] == [
        "Not yet verified",
        "Not yet followed up",
        "In progress",
        "Completed",
        "Waiting for the reporter",
        "Archived",
        "Blocked",
    ]


def test_every_error_is_one_the_ui_can_show_as_a_message() -> None:
    for error_type in (
        errors.ValidationError,
        errors.NotFound,
        errors.InvalidTransition,
        errors.ConcurrentEdit,
        errors.RegisterError,
        errors.ImportFileError,
    ):
        assert issubclass(error_type, errors.LaporError)
    assert str(errors.NotFound("Laporan 5216807 tidak ditemukan.")) == (
        "Laporan 5216807 tidak ditemukan."
    )


def test_a_validation_error_names_the_field_and_carries_the_message() -> None:
    error = errors.ValidationError("reporter_nik", "NIK harus terdiri dari 16 digit.")

    assert error.field == "reporter_nik"
    assert error.message == str(error) == "NIK harus terdiri dari 16 digit."


def test_until_accounts_exist_changes_are_made_by_the_local_operator() -> None:
    assert LOCAL_OPERATOR.role is Role.OPERATOR
    assert LOCAL_OPERATOR.display_name == "Operator Biro Humas"
    assert Actor("u1", "Sari").role is Role.OPERATOR
    with pytest.raises(FrozenInstanceError):
        LOCAL_OPERATOR.role = Role.ADMIN  # type: ignore[misc]  # proving it is read-only
