"""What people type: NIK, phone numbers, e-mail, required text and tracking ids."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.validation import (
    LOCAL_TRACKING_PREFIX,
    local_tracking_id,
    normalize_email,
    normalize_nik,
    normalize_phone,
    normalize_tracking_id,
    require_text,
    tracking_id_in,
)

# The language fixture is the same for every example: no need to reset it in between.
fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
ASCII_DIGITS = set("0123456789")

# --- NIK ----------------------------------------------------------------------------------------
# 317101 (Jakarta Pusat, Gambir) + birth date 15-08-90 + 0001.


@pytest.mark.parametrize(
    "typed",
    ["3171011508900001", " 3171011508900001 ", "3171 0115 0890 0001", "3171.0115.0890.0001"],
)
def test_nik_is_stored_as_its_sixteen_digits(typed: str) -> None:
    assert normalize_nik(typed) == "3171011508900001"


@pytest.mark.parametrize(
    "nik",
    [
        "3171015508900001",  # a woman born on the 15th: day + 40
        "3171014101900001",  # a woman born on the 1st
        "3171017112900001",  # a woman born on the 31st
        "3171010101000001",  # born 1 January 2000
        "3171013112990001",  # born 31 December 1999
    ],
)
def test_nik_with_a_possible_birth_date_is_accepted(nik: str) -> None:
    assert normalize_nik(nik) == nik


@pytest.mark.parametrize(
    "nik",
    [
        "3171010008900001",  # day 0
        "3171013208900001",  # day 32
        "3171014008900001",  # 40: neither a man's nor a woman's day
        "3171017208900001",  # woman's day 32
        "3171011500900001",  # month 0
        "3171011513900001",  # month 13
    ],
)
def test_nik_with_an_impossible_birth_date_is_refused(nik: str, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_nik(nik)

    assert caught.value.field == "reporter_nik"
    assert str(caught.value)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "317101150890000",  # 15 digits
        "31710115089000012",  # 17 digits
        "3171-0115-0890-0001",  # hyphens are not how a NIK is written
        "31710115089O0001",  # letter O instead of zero
        "٣١٧١٠١١٥٠٨٩٠٠٠٠١",  # Arabic-Indic digits
    ],
)
def test_nik_that_is_not_sixteen_digits_is_refused(typed: str, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_nik(typed, field="nik")

    assert caught.value.field == "nik"


# --- phone numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081234567890", "081234567890"),
        ("0812-3456-7890", "081234567890"),
        ("0812 3456 7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("+62-812-3456-7890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("(021) 3103591", "0213103591"),  # Kemensos, Jakarta landline
        ("021.3103591", "0213103591"),
        ("+62 21 3103591", "0213103591"),
        ("021/3103591", "0213103591"),
        ("0812345678", "0812345678"),  # shortest mobile
        ("0812345678901", "0812345678901"),  # longest mobile
        ("021310359", "021310359"),  # shortest landline
        ("02131035912", "02131035912"),  # longest landline
    ],
)
def test_phone_numbers_are_stored_in_national_form(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("081234567", 10, 13),  # mobile, 9 digits
        ("08123456789012", 10, 13),  # mobile, 14 digits
        ("+62 812 3456 789012", 10, 13),
        ("02131035", 9, 11),  # landline, 8 digits
        ("021310359123", 9, 11),  # landline, 12 digits
    ],
)
def test_phone_numbers_of_the_wrong_length_name_the_allowed_lengths(
    typed: str, low: int, high: int, language: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed)

    assert caught.value.field == "reporter_phone"
    assert str(low) in str(caught.value)
    assert str(high) in str(caught.value)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "812345678",  # no leading zero
        "0062812345678",  # international prefix typed twice
        "+1 202 555 0143",  # not Indonesian
        "0812-3456-789O",  # letter O
        "0812 3456 7890 ext. 5",
        "08١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits after the prefix
        "08¹²³⁴⁵⁶⁷⁸⁹",  # superscripts
    ],
)
def test_things_that_are_not_indonesian_phone_numbers_are_refused(
    typed: str, language: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed, field="phone")

    assert caught.value.field == "phone"
    assert str(caught.value)


# --- e-mail and required text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("humas@kemensos.go.id", "humas@kemensos.go.id"),
        ("  budi.santoso+lapor@mail.example.co.id \n", "budi.santoso+lapor@mail.example.co.id"),
    ],
)
def test_email_addresses_are_trimmed(typed: str, stored: str) -> None:
    assert normalize_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "budi",
        "budi@",
        "@kemensos.go.id",
        "budi@kemensos",
        "budi@@kemensos.go.id",
        "budi santoso@kemensos.go.id",
        "budi@kemensos.go.i",
        "budi@kemensos.go.id2",
    ],
)
def test_malformed_email_addresses_are_refused(typed: str, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_email(typed)

    assert caught.value.field == "reporter_email"
    assert str(caught.value)


def test_required_text_is_trimmed() -> None:
    assert require_text("  Bantuan PKH belum cair \n", "subject", "Judul") == (
        "Bantuan PKH belum cair"
    )


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_missing_required_text_names_the_field(value: str | None, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        require_text(value, "subject", "Judul Laporan")

    assert caught.value.field == "subject"
    assert "Judul Laporan" in str(caught.value)


def test_english_messages_read_naturally(english: str) -> None:
    with pytest.raises(ValidationError) as missing:
        require_text(None, "subject", "Subject")
    with pytest.raises(ValidationError) as short:
        normalize_phone("081234567")

    assert str(missing.value) == "Subject is required."
    assert str(short.value) == "Phone number must have 10 to 13 digits."


# --- tracking ids -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "tracking_id"),
    [
        (5216807, "5216807"),
        (5216807.0, "5216807"),  # a spreadsheet cell read as a float
        ("5216807", "5216807"),
        ("5216807.0", "5216807"),  # ... or written out as text
        ("5216807.00", "5216807"),
        (" 5216807 \n", "5216807"),
        (0, "0"),
        (999_999_999_999, "999999999999"),
        ("LD-2024-00001", "LD-2024-00001"),
        (" LD-2024-00001 ", "LD-2024-00001"),
    ],
)
def test_tracking_ids_are_digit_strings_or_local_ids(cell: object, tracking_id: str) -> None:
    assert normalize_tracking_id(cell) == tracking_id


@pytest.mark.parametrize(
    "cell",
    [
        True,
        False,
        5216807.5,
        -5216807.0,
        -5216807,
        math.nan,
        math.inf,
        1e13,
        1_000_000_000_000,  # 13 digits
        "",
        "   ",
        "5216807.5",
        "5.216.807",
        "#5216807",
        "５２１６８０７",  # full-width digits
        "5216807²",
        None,
    ],
)
def test_things_that_are_not_tracking_ids_are_refused(cell: object, language: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_tracking_id(cell)

    assert caught.value.field == "tracking_id"
    assert str(caught.value)


def test_local_tracking_ids_carry_year_and_a_padded_sequence() -> None:
    assert local_tracking_id(2024, 1) == "LD-2024-00001"
    assert local_tracking_id(2022, 4447) == "LD-2022-04447"
    assert local_tracking_id(2022, 123456) == "LD-2022-123456"


@given(st.integers(1900, 2999), st.integers(0, 10**7))
def test_local_tracking_ids_survive_normalisation_and_never_look_like_portal_ids(
    year: int, sequence: int
) -> None:
    local = local_tracking_id(year, sequence)

    assert local.startswith(LOCAL_TRACKING_PREFIX)
    assert not local.isdigit()
    assert normalize_tracking_id(local) == local


@given(st.integers(0, 10**12 - 1))
def test_a_portal_id_read_as_number_float_or_text_gives_the_same_id(number: int) -> None:
    expected = str(number)

    assert normalize_tracking_id(number) == expected
    assert normalize_tracking_id(float(number)) == expected
    assert normalize_tracking_id(f"{number}.0") == expected
    assert normalize_tracking_id(f" {number} ") == expected


# --- the normalisers never fail in any other way, and are idempotent ----------------------------


@fixture_ok
@given(st.text())
def test_nik_normaliser_on_any_text(language: str, text: str) -> None:
    try:
        nik = normalize_nik(text)
    except ValidationError as error:
        assert error.field == "reporter_nik"
        return
    assert len(nik) == 16
    assert set(nik) <= ASCII_DIGITS
    assert normalize_nik(nik) == nik


@fixture_ok
@given(st.text())
def test_phone_normaliser_on_any_text(language: str, text: str) -> None:
    try:
        phone = normalize_phone(text)
    except ValidationError as error:
        assert error.field == "reporter_phone"
        return
    assert set(phone) <= ASCII_DIGITS
    assert phone.startswith("0")
    assert 9 <= len(phone) <= 13
    assert normalize_phone(phone) == phone


@fixture_ok
@given(st.text())
def test_email_normaliser_on_any_text(language: str, text: str) -> None:
    try:
        email = normalize_email(text)
    except ValidationError as error:
        assert error.field == "reporter_email"
        return
    assert email == email.strip()
    assert email.count("@") == 1
    assert normalize_email(email) == email


@fixture_ok
@given(st.one_of(st.none(), st.text()))
def test_required_text_on_any_text(language: str, text: str | None) -> None:
    try:
        result = require_text(text, "subject", "Judul")
    except ValidationError as error:
        assert error.field == "subject"
        assert not (text or "").strip()
        return
    assert result
    assert result == result.strip()


@fixture_ok
@given(
    st.one_of(
        st.text(),
        st.from_regex(r"\s*\d{1,14}(\.\d*)?\s*", fullmatch=True),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.none(),
    )
)
def test_tracking_id_normaliser_on_any_cell(language: str, cell: object) -> None:
    try:
        tracking_id = normalize_tracking_id(cell)
    except ValidationError as error:
        assert error.field == "tracking_id"
        return
    if not tracking_id.startswith(LOCAL_TRACKING_PREFIX):
        assert set(tracking_id) <= ASCII_DIGITS
        assert 1 <= len(tracking_id) <= 12
    assert normalize_tracking_id(tracking_id) == tracking_id


@st.composite
def typed_mobile_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A mobile number as people type it, and its national form."""
    subscriber = "8" + draw(st.text(alphabet="0123456789", min_size=8, max_size=11))
    prefix = draw(st.sampled_from(["0", "62", "+62"]))
    typed = prefix
    for digit in subscriber:
        typed += draw(st.sampled_from(["", "", "", " ", "-", ".", "(", ")", "/"])) + digit
    return typed, "0" + subscriber


@given(typed_mobile_numbers())
def test_any_way_of_typing_a_mobile_number_gives_the_same_stored_number(
    number: tuple[str, str],
) -> None:
    typed, stored = number

    assert normalize_phone(typed) == stored


@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(0, 99),
    st.booleans(),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
)
def test_every_nik_with_a_plausible_birth_date_is_accepted(
    region: str, day: int, month: int, year: int, woman: bool, serial: str
) -> None:
    nik = f"{region}{day + 40 * woman:02d}{month:02d}{year:02d}{serial}"

    assert normalize_nik(nik) == nik


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("4999681", "4999681"),  # a portal ID read out on the phone
        (" 5216807 ", "5216807"),
        ("12345", "12345"),
        ("1234", None),  # four digits: a region code or a year, words only
        ("1234567890123", None),
        ("LD-2022-00001", "LD-2022-00001"),
        ("ld-2022-00001", "LD-2022-00001"),
        ("LD-2022-1", None),
        ("saldo pkh", None),
        ("４９９９６８１", None),  # full-width digits are not an ID
        ("", None),
    ],
)
def test_a_search_text_may_be_a_tracking_id(query: str, expected: str | None) -> None:
    assert tracking_id_in(query) == expected
