"""Suggesting topic, unit and urgency for a new complaint from the editable routing rules."""

from __future__ import annotations

from lapor_desk.domain.routing import KeywordRule, Suggestion, TopicRoute, suggest

# Topics: 1 PKH (Direktorat Jaminan Sosial, unit 10), 2 disaster aid (urgent, unit 20),
# 3 social rehabilitation (no default unit).
PKH = TopicRoute(1, 10, False, ("pkh", "keluarga harapan"))
BENCANA = TopicRoute(2, 20, True, ("banjir", "gempa"))
REHSOS = TopicRoute(3, None, False, ("", "panti"))
TOPICS = (PKH, BENCANA, REHSOS)


def test_a_routing_rule_decides_first_and_says_which_keyword_matched() -> None:
    rules = [KeywordRule(1, "bpnt", 30, topic_id=1)]

    result = suggest("Bantuan BPNT tidak cair", "Sejak Agustus 2022.", 2, TOPICS, rules)

    # The rule's topic replaces the one picked, and its unit wins over the topic's.
    assert result == Suggestion(topic_id=1, unit_id=30, urgent=False, matched="bpnt")


def test_rules_are_tried_by_priority_then_by_keyword() -> None:
    rules = [
        KeywordRule(5, "bantuan", 40),
        KeywordRule(2, "sembako", 31),
        KeywordRule(2, "bpnt", 30),
    ]

    assert suggest("BPNT sembako bantuan", "", None, TOPICS, rules).unit_id == 30
    assert suggest("sembako bantuan", "", None, TOPICS, rules).unit_id == 31
    assert suggest("bantuan", "", None, TOPICS, rules).unit_id == 40


def test_keywords_are_found_in_the_text_whatever_the_case() -> None:
    rules = [KeywordRule(1, "Dana Desa", 50)]

    result = suggest("Pengaduan", "Penyalahgunaan DANA DESA di Kab. Bogor", None, TOPICS, rules)

    assert result.unit_id == 50
    assert result.matched == "Dana Desa"


def test_a_rule_without_a_topic_keeps_the_topic_picked_and_its_urgency() -> None:
    rules = [KeywordRule(1, "pengungsi", 60)]

    result = suggest("Pengungsi belum dapat makanan", "", 2, TOPICS, rules)

    assert result == Suggestion(topic_id=2, unit_id=60, urgent=True, matched="pengungsi")


def test_a_rule_can_mark_a_complaint_urgent() -> None:
    rules = [KeywordRule(1, "meninggal", 70, mark_urgent=True)]

    result = suggest("Lansia meninggal", "", None, TOPICS, rules)

    assert result == Suggestion(topic_id=None, unit_id=70, urgent=True, matched="meninggal")


def test_a_rule_pointing_at_an_unknown_topic_still_routes_to_its_unit() -> None:
    rules = [KeywordRule(1, "kip", 80, topic_id=99)]

    assert suggest("KIP", "", 2, TOPICS, rules) == Suggestion(99, 80, False, "kip")


def test_without_a_matching_rule_the_picked_topic_gives_its_unit() -> None:
    rules = [KeywordRule(1, "bpnt", 30)]

    assert suggest("Gempa di Cianjur", "", 1, TOPICS, rules) == Suggestion(1, 10, False, None)
    assert suggest("Gempa di Cianjur", "", 3, TOPICS, rules) == Suggestion(3, None, False, None)


def test_without_a_picked_topic_the_topic_keywords_suggest_one() -> None:
    result = suggest("Rumah terendam BANJIR", "", None, TOPICS, [])

    assert result == Suggestion(topic_id=2, unit_id=20, urgent=True, matched="banjir")


def test_an_unknown_picked_topic_falls_back_to_the_topic_keywords() -> None:
    result = suggest("Program Keluarga Harapan", "", 42, TOPICS, [])

    assert result == Suggestion(topic_id=1, unit_id=10, urgent=False, matched="keluarga harapan")


def test_when_nothing_matches_nothing_is_proposed_and_the_pick_is_kept() -> None:
    assert suggest("Jalan rusak", "Mohon diperbaiki", None, TOPICS, []) == Suggestion(
        None, None, False, None
    )
    assert suggest("Jalan rusak", "", 42, TOPICS, []) == Suggestion(42, None, False, None)


def test_blank_keywords_never_match_everything() -> None:
    rules = [KeywordRule(0, "", 99)]

    result = suggest("Jalan rusak", "Mohon diperbaiki", None, TOPICS, rules)

    assert result == Suggestion(None, None, False, None)
