"""Loading the routing rules and topics the domain's ``suggest`` works on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.domain.routing import KeywordRule, TopicRoute
from lapor_desk.models import RoutingRule, Topic


def load_routes(session: Session) -> tuple[list[TopicRoute], list[KeywordRule]]:
    """Topics with their defaults and the keyword rules, as plain values."""
    topics = [
        TopicRoute(
            t.id,
            t.default_unit_id,
            t.urgent,
            tuple(k.strip() for k in t.keywords.split(",") if k.strip()),
        )
        for t in session.scalars(select(Topic).order_by(Topic.id))
    ]
    rules = [
        KeywordRule(r.priority, r.keyword, r.unit_id, r.topic_id, r.mark_urgent)
        for r in session.scalars(select(RoutingRule))
    ]
    return topics, rules
