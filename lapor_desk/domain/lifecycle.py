"""Allowed moves between internal statuses (DOMAIN.md §3)."""

from __future__ import annotations

from lapor_desk.domain.enums import FollowUpKind
from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.errors import InvalidTransition, ValidationError
from lapor_desk.i18n import _

ALLOWED_TRANSITIONS: dict[S, frozenset[S]] = {
    S.BELUM_TERVERIFIKASI: frozenset(
        {S.BELUM_DITINDAKLANJUTI, S.MENUNGGU_KELENGKAPAN, S.DIARSIPKAN, S.TERBLOKIR}
    ),
    S.BELUM_DITINDAKLANJUTI: frozenset(
        {S.PROSES, S.SELESAI, S.MENUNGGU_KELENGKAPAN, S.DIARSIPKAN}
    ),
    S.PROSES: frozenset({S.SELESAI, S.MENUNGGU_KELENGKAPAN, S.DIARSIPKAN}),
    S.MENUNGGU_KELENGKAPAN: frozenset(
        {S.BELUM_TERVERIFIKASI, S.BELUM_DITINDAKLANJUTI, S.PROSES, S.SELESAI, S.DIARSIPKAN}
    ),
    # A finished report can be reopened when the reporter objects to the answer.
    S.SELESAI: frozenset({S.PROSES}),
    S.DIARSIPKAN: frozenset({S.BELUM_TERVERIFIKASI, S.BELUM_DITINDAKLANJUTI}),
    S.TERBLOKIR: frozenset({S.BELUM_TERVERIFIKASI}),
}

#: The status a unit's follow-up of each kind leads to, when the lifecycle allows the move (a
#: completed complaint is reopened to Proses by a first response or a follow-up).
FOLLOW_UP_TARGET: dict[FollowUpKind, S] = {
    FollowUpKind.FIRST_RESPONSE: S.PROSES,
    FollowUpKind.FOLLOW_UP: S.PROSES,
    FollowUpKind.COMPLETION: S.SELESAI,
    FollowUpKind.INFO_REQUEST: S.MENUNGGU_KELENGKAPAN,
}

#: Statuses that must carry a reason (archive and postpone reasons are audited).
REASON_REQUIRED = frozenset({S.DIARSIPKAN, S.TERBLOKIR, S.MENUNGGU_KELENGKAPAN})


def allowed_targets(current: S) -> frozenset[S]:
    """The statuses a complaint in ``current`` may move to, for menus that offer only these."""
    return ALLOWED_TRANSITIONS[current]


def check_transition(current: S, target: S, reason: str | None = None) -> None:
    """Raise unless ``current`` → ``target`` is allowed and carries a reason where one is needed."""
    if target not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransition(
            _("A complaint with status “{current}” cannot be changed to “{target}”.").format(
                current=current.label, target=target.label
            )
        )
    if target in REASON_REQUIRED and not (reason and reason.strip()):
        raise ValidationError(
            "reason",
            _("A reason is required for status “{target}”.").format(target=target.label),
        )
