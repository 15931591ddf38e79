"""Suggesting a topic, a unit and urgency for a new complaint from editable rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TopicRoute:
    """A topic with its default unit, urgency and routing keywords (lower case)."""

    topic_id: int
    default_unit_id: int | None
    urgent: bool
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeywordRule:
    """A routing rule: keyword → unit (and optionally topic and urgency)."""

    priority: int
    keyword: str
    unit_id: int
    topic_id: int | None = None
    mark_urgent: bool = False


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the rules propose; every field may be empty when nothing matched."""

    topic_id: int | None
    unit_id: int | None
    urgent: bool
    matched: str | None  # the keyword or topic that decided, for the user to see why


class Router:
    """The routing rules prepared once (sorted, keywords case-folded), for many complaints."""

    __slots__ = ("_by_id", "_keywords", "_rules")

    def __init__(self, topics: Sequence[TopicRoute], rules: Sequence[KeywordRule]) -> None:
        # A rule or topic keyword "" would match everything: it is left out.
        self._rules = tuple(
            (rule.keyword.casefold(), rule)
            for rule in sorted(rules, key=lambda r: (r.priority, r.keyword))
            if rule.keyword
        )
        self._by_id = {t.topic_id: t for t in topics}
        self._keywords = tuple(
            (keyword.casefold(), keyword, topic)
            for topic in topics
            for keyword in topic.keywords
            if keyword
        )

    def suggest(self, title: str, text: str, topic_id: int | None) -> Suggestion:
        """Routing rules first (by priority), then the chosen topic, then topic keywords."""
        haystack = f"{title}\n{text}".casefold()
        for keyword, rule in self._rules:
            if keyword in haystack:
                chosen = rule.topic_id if rule.topic_id is not None else topic_id
                topic = self._by_id.get(chosen) if chosen is not None else None
                urgent = rule.mark_urgent or (topic.urgent if topic else False)
                return Suggestion(chosen, rule.unit_id, urgent, rule.keyword)
        if topic_id is not None and topic_id in self._by_id:
            topic = self._by_id[topic_id]
            return Suggestion(topic_id, topic.default_unit_id, topic.urgent, None)
        for folded, keyword, topic in self._keywords:
            if folded in haystack:
                return Suggestion(topic.topic_id, topic.default_unit_id, topic.urgent, keyword)
        return Suggestion(topic_id, None, False, None)


def suggest(
    title: str,
    text: str,
    topic_id: int | None,
    topics: Sequence[TopicRoute],
    rules: Sequence[KeywordRule],
) -> Suggestion:
    """Routing rules first (by priority), then the chosen topic, then topic keywords.

    For one complaint; :class:`Router` prepares the rules once for many.
    """
    return Router(topics, rules).suggest(title, text, topic_id)
