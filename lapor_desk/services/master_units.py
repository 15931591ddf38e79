"""Units and topics: validation and writes inside the caller's transaction.

:class:`lapor_desk.services.master_data.MasterDataService` opens the transaction; these functions
check every rule first and raise :class:`ValidationError` naming the form field at fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lapor_desk.domain.enums import UnitKind
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meetings import normalize_nip
from lapor_desk.domain.validation import normalize_email, normalize_phone, require_text
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Topic, TopicCategory, Unit, UnitContact
from lapor_desk.services.master_data_models import (
    ContactInput,
    TopicInput,
    TopicRow,
    UnitInput,
    UnitRow,
)

# -- units ------------------------------------------------------------------------------------


def unit_rows(session: Session) -> tuple[UnitRow, ...]:
    """Every unit with its contacts, parents before children, siblings by name."""
    contacts: dict[int, list[ContactInput]] = {}
    for c in session.scalars(select(UnitContact).order_by(UnitContact.id)):
        contacts.setdefault(c.unit_id, []).append(
            ContactInput(c.name, c.nip or "", c.position or "", c.phone or "", c.email or "")
        )
    units = session.scalars(select(Unit).order_by(Unit.name, Unit.id)).all()
    return tuple(
        UnitRow(u.id, u.parent_id, u.name, u.abbreviation, _kind(u.kind), u.active_from,
                u.active_to, tuple(contacts.get(u.id, ())))
        for u in units
    )


def _kind(value: str) -> UnitKind:
    try:
        return UnitKind(value)
    except ValueError:  # a kind written by a newer version: still show the unit
        return UnitKind.OTHER


def _contact(number: int, contact: ContactInput) -> UnitContact:
    name = require_text(contact.name, f"contacts.{number}.name", _("Liaison name"))
    nip = normalize_nip(contact.nip, field=f"contacts.{number}.nip")
    phone = (normalize_phone(contact.phone, f"contacts.{number}.phone")
             if contact.phone.strip() else None)
    email = (normalize_email(contact.email, f"contacts.{number}.email")
             if contact.email.strip() else None)
    return UnitContact(name=name, nip=nip, position=contact.position.strip() or None,
                       phone=phone, email=email, is_liaison=True)


def _ancestors(session: Session, model: type[Unit] | type[Topic], start: int | None) -> set[int]:
    parents = dict(session.execute(select(model.id, model.parent_id)).all())
    seen: set[int] = set()
    current = start
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


def _check_unit(session: Session, unit_id: int | None, data: UnitInput) -> UnitInput:
    name = require_text(data.name, "name", _("Name"))
    abbreviation = require_text(data.abbreviation, "abbreviation", _("Abbreviation")).upper()
    if len(abbreviation) > 40:
        raise ValidationError("abbreviation", _("The abbreviation may have at most 40 characters."))
    clash = session.scalar(
        select(Unit.name).where(func.upper(Unit.abbreviation) == abbreviation,
                                Unit.id != (unit_id or 0))
    )
    if clash is not None:
        raise ValidationError(
            "abbreviation",
            _("The abbreviation {abbreviation} is already used by {unit}.").format(
                abbreviation=abbreviation, unit=clash),
        )
    if data.parent_id is not None:
        if session.get(Unit, data.parent_id) is None:
            raise ValidationError("parent", _("The parent unit does not exist."))
        if unit_id is not None and unit_id in _ancestors(session, Unit, data.parent_id):
            raise ValidationError(
                "parent", _("A unit cannot be placed under itself or one of its sub-units."))
    if data.active_from and data.active_to and data.active_to < data.active_from:
        raise ValidationError("active_to", _("“Active to” must not be before “active from”."))
    return UnitInput(name, abbreviation, data.kind, data.parent_id, data.active_from,
                     data.active_to, data.contacts)


def save_unit(session: Session, unit_id: int | None, data: UnitInput) -> int:
    """Create (``unit_id`` None) or update a unit and replace its contacts; returns its id."""
    clean = _check_unit(session, unit_id, data)
    contacts = [_contact(n, c) for n, c in enumerate(clean.contacts, start=1)]
    if unit_id is None:
        unit = Unit()
        session.add(unit)
    else:
        found = session.get(Unit, unit_id)
        if found is None:
            raise NotFound(_("Unit not found."))
        unit = found
        if clean.active_to is not None:
            _check_children_closed(session, unit_id, clean.active_to)
    unit.name, unit.abbreviation, unit.kind = clean.name, clean.abbreviation, clean.kind.value
    unit.parent_id, unit.active_from, unit.active_to = (
        clean.parent_id, clean.active_from, clean.active_to)
    unit.contacts = contacts
    session.flush()
    return unit.id


def _check_children_closed(session: Session, unit_id: int, active_to: date) -> None:
    """A unit closes only after its sub-units: otherwise they would hang under nothing."""
    open_child = session.scalar(
        select(Unit.name).where(
            Unit.parent_id == unit_id,
            (Unit.active_to.is_(None)) | (Unit.active_to > active_to),
        ).limit(1)
    )
    if open_child is not None:
        raise ValidationError(
            "active_to",
            _("The sub-unit {unit} is still active after this date; close it first.").format(
                unit=open_child),
        )


def deactivate_unit(session: Session, unit_id: int, active_to: date) -> None:
    """Close a unit on ``active_to`` (the last day it exists)."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(_("Unit not found."))
    if unit.active_from is not None and active_to < unit.active_from:
        raise ValidationError("active_to", _("“Active to” must not be before “active from”."))
    _check_children_closed(session, unit_id, active_to)
    unit.active_to = active_to


# -- topics -----------------------------------------------------------------------------------


def topic_rows(session: Session) -> tuple[TopicRow, ...]:
    """Every topic by code, with its default unit's name and its portal categories."""
    categories: dict[int, list[int]] = {}
    for portal_id, topic_id in session.execute(
        select(TopicCategory.portal_id, TopicCategory.topic_id).order_by(TopicCategory.portal_id)
    ):
        categories.setdefault(topic_id, []).append(portal_id)
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    return tuple(
        TopicRow(
            t.id, t.code, t.name, t.parent_id, t.urgent, t.urgent_sla_workdays,
            t.default_unit_id, units.get(t.default_unit_id) if t.default_unit_id else None,
            split_keywords(t.keywords), tuple(categories.get(t.id, ())),
        )
        for t in session.scalars(select(Topic).order_by(Topic.code))
    )


def split_keywords(text: str) -> tuple[str, ...]:
    """``"PKH, bansos ,,pkh"`` → ``("pkh", "bansos")``: lower case, once each, in order."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        word = part.strip().casefold()
        if word:
            seen.setdefault(word, None)
    return tuple(seen)


def _check_topic(session: Session, topic_id: int | None, data: TopicInput) -> TopicInput:
    code = require_text(data.code, "code", _("Code")).upper()
    name = require_text(data.name, "name", _("Name"))
    if len(code) > 40:
        raise ValidationError("code", _("The code may have at most 40 characters."))
    clash = session.scalar(
        select(Topic.name).where(func.upper(Topic.code) == code, Topic.id != (topic_id or 0))
    )
    if clash is not None:
        raise ValidationError(
            "code", _("The code {code} is already used by {topic}.").format(code=code,
                                                                          topic=clash))
    if data.parent_id is not None:
        if session.get(Topic, data.parent_id) is None:
            raise ValidationError("parent", _("The parent topic does not exist."))
        if topic_id is not None and topic_id in _ancestors(session, Topic, data.parent_id):
            raise ValidationError(
                "parent", _("A topic cannot be placed under itself or one of its sub-topics."))
    workdays = data.urgent_sla_workdays if data.urgent else None
    if workdays is not None and not 0 < workdays <= 365:
        raise ValidationError(
            "urgent_sla_workdays", _("The urgent limit must be between 1 and 365 working days."))
    if data.default_unit_id is not None and session.get(Unit, data.default_unit_id) is None:
        raise ValidationError("default_unit", _("The default unit does not exist."))
    categories = tuple(dict.fromkeys(data.category_ids))
    for portal_id in categories:
        if portal_id <= 0:
            raise ValidationError("categories", _("A portal category id is a positive number."))
    keywords = split_keywords(",".join(data.keywords))
    return TopicInput(code, name, data.parent_id, data.urgent, workdays, data.default_unit_id,
                      keywords, categories)


def save_topic(session: Session, topic_id: int | None, data: TopicInput) -> tuple[int, bool]:
    """Create or update a topic; returns its id and whether its deadlines may have moved."""
    clean = _check_topic(session, topic_id, data)
    if topic_id is None:
        topic = Topic()
        session.add(topic)
        before: tuple[bool, int | None] | None = None
    else:
        found = session.get(Topic, topic_id)
        if found is None:
            raise NotFound(_("Topic not found."))
        topic = found
        before = (topic.urgent, topic.urgent_sla_workdays)
    topic.code, topic.name, topic.parent_id = clean.code, clean.name, clean.parent_id
    topic.urgent, topic.urgent_sla_workdays = clean.urgent, clean.urgent_sla_workdays
    topic.default_unit_id, topic.keywords = clean.default_unit_id, ", ".join(clean.keywords)
    session.flush()
    _set_categories(session, topic, clean.category_ids)
    # Only an urgent topic's own completion limit enters the deadlines (timelines.py).
    moved = before is not None and before != (topic.urgent, topic.urgent_sla_workdays)
    return topic.id, moved


def _set_categories(session: Session, topic: Topic, wanted: Iterable[int]) -> None:
    wanted = list(wanted)
    taken = session.execute(
        select(TopicCategory.portal_id, Topic.code)
        .join(Topic, Topic.id == TopicCategory.topic_id)
        .where(TopicCategory.portal_id.in_(wanted), TopicCategory.topic_id != topic.id)
    ).first()
    if taken is not None:
        raise ValidationError(
            "categories",
            _("Portal category {category} already belongs to topic {topic}.").format(
                category=taken[0], topic=taken[1]),
        )
    current = {c.portal_id: c for c in topic.categories}
    for portal_id, row in current.items():
        if portal_id not in wanted:
            session.delete(row)
    for portal_id in wanted:
        if portal_id not in current:
            # The portal's own spelling arrives with the next import; until then the topic's.
            session.add(TopicCategory(portal_id=portal_id, portal_name=topic.name,
                                      topic_id=topic.id))


def urgent_complaints_of(session: Session, topic_id: int) -> list[int]:
    """Urgent complaints of the topic: the ones whose completion limit the topic sets."""
    return list(session.scalars(
        select(Complaint.id).where(Complaint.topic_id == topic_id, Complaint.urgent.is_(True))
    ))
