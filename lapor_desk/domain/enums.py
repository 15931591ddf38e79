"""The closed vocabularies of the register: statuses, classifications, stages, kinds."""

from __future__ import annotations

from enum import StrEnum

from lapor_desk.i18n import N_, _


class InternalStatus(StrEnum):
    """LAPOR Desk's own lifecycle, the one the statistics use (DOMAIN.md §3)."""

    BELUM_TERVERIFIKASI = "belum_terverifikasi"
    BELUM_DITINDAKLANJUTI = "belum_ditindaklanjuti"
    PROSES = "proses"
    SELESAI = "selesai"
    MENUNGGU_KELENGKAPAN = "menunggu_kelengkapan"
    DIARSIPKAN = "diarsipkan"
    TERBLOKIR = "terblokir"

    @property
    def label(self) -> str:
        """The status as a user reads it."""
        return _(_STATUS_LABELS[self])

    @property
    def is_verified(self) -> bool:
        """Counted in the denominators of the indicators (DOMAIN.md §7)."""
        return self in VERIFIED_STATUSES

    @property
    def is_open(self) -> bool:
        """Still needs work by somebody."""
        return self in OPEN_STATUSES


_STATUS_LABELS: dict[InternalStatus, str] = {
    InternalStatus.BELUM_TERVERIFIKASI: N_("Not yet verified"),
    InternalStatus.BELUM_DITINDAKLANJUTI: N_("Not yet followed up"),
    InternalStatus.PROSES: N_("In progress"),
    InternalStatus.SELESAI: N_("Completed"),
    InternalStatus.MENUNGGU_KELENGKAPAN: N_("Waiting for the reporter"),
    InternalStatus.DIARSIPKAN: N_("Archived"),
    InternalStatus.TERBLOKIR: N_("Blocked"),
}

VERIFIED_STATUSES = frozenset(
    {
        InternalStatus.BELUM_DITINDAKLANJUTI,
        InternalStatus.PROSES,
        InternalStatus.SELESAI,
        InternalStatus.MENUNGGU_KELENGKAPAN,
    }
)
OPEN_STATUSES = frozenset(
    {
        InternalStatus.BELUM_TERVERIFIKASI,
        InternalStatus.BELUM_DITINDAKLANJUTI,
        InternalStatus.PROSES,
        InternalStatus.MENUNGGU_KELENGKAPAN,
    }
)


class Klasifikasi(StrEnum):
    """The portal's ``Klasifikasi Laporan``; blank is stored as ``None``."""

    BERKADAR_PENGAWASAN = "Pengaduan Berkadar Pengawasan"
    TIDAK_BERKADAR_PENGAWASAN = "Pengaduan Tidak Berkadar Pengawasan"
    PERMINTAAN_INFORMASI = "Permintaan Informasi"
    ASPIRASI = "Aspirasi"


class SlaStage(StrEnum):
    """The timed steps of handling a complaint (DOMAIN.md §4)."""

    VERIFICATION = "verification"
    FIRST_RESPONSE = "first_response"
    COMPLETION = "completion"

    @property
    def label(self) -> str:
        """The stage as a user reads it."""
        return _(_STAGE_LABELS[self])


_STAGE_LABELS: dict[SlaStage, str] = {
    SlaStage.VERIFICATION: N_("Verification"),
    SlaStage.FIRST_RESPONSE: N_("First follow-up"),
    SlaStage.COMPLETION: N_("Completion"),
}


class SlaState(StrEnum):
    """Where a stage stands against its deadline."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"

    @property
    def label(self) -> str:
        """The state as a user reads it."""
        return _(_SLA_STATE_LABELS[self])


_SLA_STATE_LABELS: dict[SlaState, str] = {
    SlaState.ON_TIME: N_("On time"),
    SlaState.DUE_SOON: N_("Due soon"),
    SlaState.OVERDUE: N_("Overdue"),
    SlaState.MET: N_("Met"),
    SlaState.MET_LATE: N_("Met late"),
}


class FollowUpKind(StrEnum):
    """What a unit's follow-up entry is."""

    FIRST_RESPONSE = "first_response"
    FOLLOW_UP = "follow_up"
    COMPLETION = "completion"
    INFO_REQUEST = "info_request"

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return _(_FOLLOW_UP_LABELS[self])


_FOLLOW_UP_LABELS: dict[FollowUpKind, str] = {
    FollowUpKind.FIRST_RESPONSE: N_("First response"),
    FollowUpKind.FOLLOW_UP: N_("Follow-up"),
    FollowUpKind.COMPLETION: N_("Completion"),
    FollowUpKind.INFO_REQUEST: N_("Request for information"),
}


class UnitKind(StrEnum):
    """Level of a work unit in the ministry's tree."""

    KEMENTERIAN = "kementerian"
    ESELON_I = "eselon_i"
    ESELON_II = "eselon_ii"
    SENTRA = "sentra"
    OTHER = "other"


class Role(StrEnum):
    """What an actor may do; enforced by the services as accounts arrive."""

    OPERATOR = "operator"
    ADMIN = "admin"
    AUDITOR = "auditor"


class ComplaintSource(StrEnum):
    """Where a complaint entered the register."""

    PORTAL = "portal"
    LOCAL = "local"
