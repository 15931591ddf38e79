"""Synthetic complaint texts of the demo register: deterministic, varied, honest about NIKs."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from lapor_desk.domain.validation import normalize_nik, normalize_phone
from lapor_desk.services.demo_texts import (
    REGIONS,
    TOPIC_CODES,
    ComplaintText,
    compose,
    reporter_name,
)

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
NIK_RUN = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
PHONE = re.compile(r"(?<![0-9+])(?:\+62 ?|0)8[0-9]{2}[- ]?[0-9]{3,4}[- ]?[0-9]{3,5}(?![0-9])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
FIRST_PERSON = re.compile(r"\b(?:saya|Saya|kami|Kami)\b")
RUPIAH = re.compile(r"Rp[0-9](?:[0-9.]*[0-9])?", re.IGNORECASE)
ENGLISH = re.compile(
    r"\b(?:the|and|please|error|update|login|website|account|help|not|with|January|May|"
    r"June|July|August|October|December)\b",
    re.IGNORECASE,
)


def _draws(seed: int, count: int, topic: str | None = None) -> list[ComplaintText]:
    """``count`` complaints on random (or the given) topics, regions and months."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        code = topic or rng.choice(TOPIC_CODES)
        province, cities = rng.choice(REGIONS)
        texts.append(
            compose(
                rng,
                code,
                province=province,
                city=rng.choice(cities),
                month_name_id=rng.choice(MONTHS),
            )
        )
    return texts


@pytest.fixture(scope="module")
def register() -> list[ComplaintText]:
    """As many complaints as Kemensos received by 31 October 2022."""
    return _draws(seed=2022, count=4447)


# --- API -----------------------------------------------------------------------------------------


def test_topic_codes() -> None:
    assert TOPIC_CODES == (
        "DTKS",
        "PKH",
        "BPNT",
        "BST",
        "PBI-JK",
        "KKS",
        "ATENSI",
        "BENCANA",
        "PEMBERDAYAAN",
        "PENDAMPING",
        "PUNGLI",
        "CEK-BANSOS",
        "BUKAN-KEWENANGAN",
        "INFORMASI",
    )


def test_complaint_text_is_frozen() -> None:
    text = compose(
        random.Random(1),
        "PKH",
        province="Jawa Barat",
        city="Kabupaten Bogor",
        month_name_id="Maret",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        text.title = "lain"  # type: ignore[misc]


@pytest.mark.parametrize("code", ["", "pkh", "BLT", "DTKS ", "UNKNOWN"])
def test_unknown_topic_code_raises(code: str) -> None:
    with pytest.raises(ValueError, match="topic"):
        compose(random.Random(1), code, province="Banten", city="Kota Serang", month_name_id="Mei")


@pytest.mark.parametrize("month", ["", "May", "Agu", "Maret 2022", "13"])
def test_unknown_month_raises(month: str) -> None:
    with pytest.raises(ValueError, match="month"):
        compose(
            random.Random(1), "DTKS", province="Banten", city="Kota Serang", month_name_id=month
        )


@pytest.mark.parametrize(("province", "city"), [("", "Kota Serang"), ("Banten", "  ")])
def test_blank_region_raises(province: str, city: str) -> None:
    with pytest.raises(ValueError, match="blank"):
        compose(random.Random(1), "DTKS", province=province, city=city, month_name_id="Mei")


def test_month_name_is_case_insensitive() -> None:
    def make(month: str) -> ComplaintText:
        return compose(
            random.Random(5), "BPNT", province="Aceh", city="Kabupaten Pidie", month_name_id=month
        )

    assert make("agustus") == make("Agustus") == make(" AGUSTUS ")


# --- Determinism ---------------------------------------------------------------------------------


def test_same_seed_same_register() -> None:
    assert _draws(seed=11, count=300) == _draws(seed=11, count=300)


def test_other_seed_other_register() -> None:
    first, second = _draws(seed=11, count=50), _draws(seed=12, count=50)
    assert sum(a != b for a, b in zip(first, second, strict=True)) >= 45


def test_only_the_given_generator_is_used() -> None:
    random.seed(99)
    before = random.getstate()
    _draws(seed=3, count=100)
    [reporter_name(random.Random(4)) for _ in range(20)]
    assert random.getstate() == before


# --- Every topic ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", TOPIC_CODES)
def test_every_topic_writes_well_formed_complaints(code: str) -> None:
    texts = _draws(seed=TOPIC_CODES.index(code), count=200, topic=code)
    for text in texts:
        assert 0 < len(text.title) <= 150
        assert 200 <= len(text.text_original) <= 2500
        assert 2 <= len(SENTENCE_END.split(text.text_original.strip())) <= 8
        assert text.text_edited.startswith("Pelapor ")
        assert 100 <= len(text.text_edited) <= 3000
        for field in (text.title, text.text_original, text.text_edited):
            assert "{" not in field
            assert "}" not in field
            assert field == field.strip()
            assert "  " not in field
            assert not ENGLISH.search(field), field
    assert len({text.title for text in texts}) >= 100
    assert len({text.text_original for text in texts}) == len(texts)


@pytest.mark.parametrize("code", TOPIC_CODES)
def test_admin_writes_in_the_third_person(code: str) -> None:
    for text in _draws(seed=40 + TOPIC_CODES.index(code), count=150, topic=code):
        assert not FIRST_PERSON.search(text.text_edited), text.text_edited
        assert text.text_edited.endswith(".")


def test_topics_talk_about_their_subject() -> None:
    keywords = {
        "DTKS": "DTKS",
        "PKH": "PKH",
        "BPNT": "KPM",
        "PBI-JK": "PBI",
        "KKS": "KKS",
        "CEK-BANSOS": "Cek Bansos",
        "PUNGLI": "pungutan liar",
    }
    for code, keyword in keywords.items():
        texts = _draws(seed=7, count=60, topic=code)
        mentioning = [t for t in texts if keyword.lower() in (t.title + t.text_edited).lower()]
        assert len(mentioning) >= 30, code


def test_pungli_asks_for_an_inspection() -> None:
    words = ("diperiksa", "diusut", "memeriksa")
    for text in _draws(seed=8, count=200, topic="PUNGLI"):
        assert any(word in text.text_edited for word in words), text.text_edited


# --- NIK and phone numbers -----------------------------------------------------------------------


def test_flags_tell_the_truth(register: list[ComplaintText]) -> None:
    for text in register:
        assert bool(NIK_RUN.search(text.text_original)) == text.has_nik, text.text_original
        assert bool(PHONE.search(text.text_original)) == text.has_phone, text.text_original


def test_nik_and_phone_shares(register: list[ComplaintText]) -> None:
    nik_share = sum(text.has_nik for text in register) / len(register)
    phone_share = sum(text.has_phone for text in register) / len(register)
    assert 0.09 <= nik_share <= 0.15
    assert 0.07 <= phone_share <= 0.13
    assert any(text.has_nik and text.has_phone for text in register)


def test_niks_look_real_but_are_never_issued(register: list[ComplaintText]) -> None:
    niks = [m.group(0) for t in register for m in NIK_RUN.finditer(t.text_original)]
    assert len(niks) > 300
    for nik in niks:
        assert normalize_nik(nik) == nik  # a possible birth date inside
        assert nik.endswith("0000")  # a serial the civil registry never issues
        assert 11 <= int(nik[:2]) <= 94


def test_nik_carries_the_province_code() -> None:
    for province, code in (("DKI Jakarta", "31"), ("Jawa Timur", "35"), ("Aceh", "11")):
        city = dict(REGIONS)[province][0]
        niks = [
            m.group(0)
            for t in _draws_in(province, city, count=300)
            for m in NIK_RUN.finditer(t.text_original)
        ]
        assert niks
        assert all(nik.startswith(code) for nik in niks)


def _draws_in(province: str, city: str, count: int) -> list[ComplaintText]:
    rng = random.Random(province)
    return [
        compose(rng, rng.choice(TOPIC_CODES), province=province, city=city, month_name_id="Juni")
        for _ in range(count)
    ]


def test_phone_numbers_are_indonesian_mobiles(register: list[ComplaintText]) -> None:
    phones = [m.group(0) for t in register for m in PHONE.finditer(t.text_original)]
    assert len(phones) > 250
    for phone in phones:
        assert normalize_phone(phone).startswith("08")
    assert any("-" in phone for phone in phones)
    assert any(phone.isdigit() for phone in phones)


def test_edited_text_keeps_the_same_numbers(register: list[ComplaintText]) -> None:
    for text in register:
        original = set(NIK_RUN.findall(text.text_original))
        assert set(NIK_RUN.findall(text.text_edited)) == original
        phones = {normalize_phone(p) for p in PHONE.findall(text.text_original)}
        assert {normalize_phone(p) for p in PHONE.findall(text.text_edited)} == phones


# --- Realism and variety -------------------------------------------------------------------------


def test_titles_and_texts_vary() -> None:
    texts = _draws(seed=1, count=2000)
    assert len({text.title for text in texts}) >= 1500
    assert len({text.text_original for text in texts}) == 2000
    assert len({text.text_edited for text in texts}) >= 1990  # short questions may coincide


def test_register_looks_like_citizens_wrote_it(register: list[ComplaintText]) -> None:
    originals = [text.text_original for text in register]
    assert sum(text.isupper() for text in originals) >= 100  # shouting
    assert sum(bool(re.search(r"\b(?:yg|tdk|sdh|udah|gak|blm)\b", t)) for t in originals) >= 1000
    assert sum(t.startswith("Assalamualaikum") for t in originals) >= 100
    assert sum(text.title.isupper() for text in register) >= 200
    lengths = sorted(len(text) for text in originals)
    assert lengths[len(lengths) // 2] >= 300


def test_amounts_are_written_the_indonesian_way(register: list[ComplaintText]) -> None:
    amounts = [a for t in register for a in RUPIAH.findall(t.text_original + " " + t.text_edited)]
    assert len(amounts) > 500
    for amount in amounts:
        assert re.fullmatch(r"Rp[1-9][0-9]{0,2}(?:\.[0-9]{3})+", amount, re.IGNORECASE), amount


def test_places_and_months_come_from_the_arguments() -> None:
    rng = random.Random(21)
    texts = [
        compose(
            rng,
            code,
            province="Nusa Tenggara Timur",
            city="Kabupaten Sumba Timur",
            month_name_id="Oktober",
        )
        for code in TOPIC_CODES * 20
    ]
    everything = " ".join(t.title + " " + t.text_edited for t in texts)
    assert "Kabupaten Sumba Timur" in everything
    assert "Provinsi Nusa Tenggara Timur" in everything
    assert "Oktober" in everything
    other_cities = {city for _, cities in REGIONS for city in cities} - {"Kabupaten Sumba Timur"}
    assert not any(city in everything for city in other_cities)


def test_villages_fit_the_region() -> None:
    rng = random.Random(6)
    jakarta = [
        compose(rng, "DTKS", province="DKI Jakarta", city="Kota Jakarta Timur", month_name_id="Mei")
        for _ in range(200)
    ]
    edited = " ".join(text.text_edited for text in jakarta)
    assert "Kelurahan " in edited
    assert "Desa " not in edited
    aceh = [
        compose(rng, "DTKS", province="Aceh", city="Kabupaten Pidie", month_name_id="Mei")
        for _ in range(200)
    ]
    assert "Gampong " in " ".join(text.text_edited for text in aceh)


# --- Regions and names ---------------------------------------------------------------------------


def test_regions() -> None:
    provinces = [province for province, _ in REGIONS]
    assert 14 <= len(provinces) <= 17
    assert len(set(provinces)) == len(provinces)
    assert {"DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur"} <= set(provinces)
    all_cities = [city for _, cities in REGIONS for city in cities]
    assert len(set(all_cities)) == len(all_cities)
    for _, cities in REGIONS:
        assert 3 <= len(cities) <= 6
        for city in cities:
            assert city.startswith(("Kota ", "Kabupaten "))


def test_reporter_names() -> None:
    rng, again = random.Random(17), random.Random(17)
    names = [reporter_name(rng) for _ in range(1000)]
    assert names == [reporter_name(again) for _ in range(1000)]
    assert len(set(names)) >= 400
    for name in names:
        assert re.fullmatch(r"[A-Z][a-z]*(?: [A-Z][a-z]+){1,3}", name), name
    firsts = {name.split()[0] for name in names}
    lasts = {name.split()[-1] for name in names}
    assert len(firsts) >= 40
    assert len(lasts) >= 40
    assert any(name.startswith("Ni ") for name in names)  # Balinese women
    assert any(name.startswith("Siti ") for name in names)
