"""Numbers, rates and dates as an Indonesian (or English) reader expects them."""

from __future__ import annotations

from datetime import date

import pytest

from lapor_desk.domain.formatting import (
    DASH,
    fmt_date,
    fmt_date_long,
    fmt_decimal,
    fmt_int,
    fmt_iso_dates,
    fmt_percent,
)


@pytest.mark.usefixtures("default_language")
class TestIndonesianByDefault:
    def test_thousands_are_separated_by_dots(self) -> None:
        assert fmt_int(4447) == "4.447"
        assert fmt_int(1_234_567) == "1.234.567"
        assert fmt_int(998) == "998"

    def test_rates_use_a_decimal_comma(self) -> None:
        assert fmt_percent(0.986) == "98,6%"
        assert fmt_percent(1.0) == "100,0%"
        assert fmt_percent(0.986, digits=2) == "98,60%"
        assert fmt_percent(0.5, digits=0) == "50%"

    def test_decimals_use_a_decimal_comma(self) -> None:
        assert fmt_decimal(5.14) == "5,1"
        assert fmt_decimal(12345.678, digits=2) == "12.345,68"
        assert fmt_decimal(3.6, digits=0) == "4"

    def test_dates_are_written_out_in_indonesian(self) -> None:
        assert fmt_date_long(date(2022, 11, 15)) == "Selasa, 15 November 2022"
        assert fmt_date_long(date(2022, 8, 17)) == "Rabu, 17 Agustus 2022"
        assert fmt_date(date(2022, 5, 2)) == "2 Mei 2022"

    def test_iso_dates_in_a_text_are_written_out_with_an_indonesian_time(self) -> None:
        assert (fmt_iso_dates("(2022-10-01) - (2022-10-31)")
                == "1 Oktober 2022 – 31 Oktober 2022")
        assert fmt_iso_dates("2022-11-01 08:15:00") == "1 November 2022 08.15"
        assert fmt_iso_dates("dibuat 2022-11-01T17:05") == "dibuat 1 November 2022 17.05"
        assert fmt_iso_dates("2022-13-45 bukan tanggal") == "2022-13-45 bukan tanggal"
        assert fmt_iso_dates("2022-11-01 08:15", locale="en") == "1 November 2022 08.15"
        # Only a range of dates gets the dash; another hyphen stays.
        assert (fmt_iso_dates("Laporan - Oktober (2022-10-01) - (2022-10-31)")
                == "Laporan - Oktober 1 Oktober 2022 – 31 Oktober 2022")

    def test_a_missing_value_is_a_dash_not_zero(self) -> None:
        assert fmt_percent(None) == DASH == "–"
        assert fmt_decimal(None) == DASH

    def test_an_explicit_locale_wins_over_the_ui_language(self) -> None:
        assert fmt_int(4447, locale="en") == "4,447"
        assert fmt_percent(0.986, locale="en") == "98.6%"
        assert fmt_decimal(5.14, locale="en") == "5.1"
        assert fmt_date_long(date(2022, 11, 15), locale="en") == "Tuesday, 15 November 2022"
        assert fmt_date(date(2022, 8, 17), locale="en") == "17 August 2022"


@pytest.mark.usefixtures("english")
class TestEnglishUi:
    def test_numbers_and_rates(self) -> None:
        assert fmt_int(4447) == "4,447"
        assert fmt_percent(0.986) == "98.6%"
        assert fmt_decimal(12345.678, digits=2) == "12,345.68"

    def test_dates(self) -> None:
        assert fmt_date_long(date(2022, 11, 15)) == "Tuesday, 15 November 2022"
        assert fmt_date(date(2022, 8, 17)) == "17 August 2022"

    def test_a_missing_value_is_still_a_dash(self) -> None:
        assert fmt_percent(None) == "–"
        assert fmt_decimal(None) == "–"

    def test_official_documents_can_still_be_written_in_indonesian(self) -> None:
        assert fmt_date_long(date(2022, 11, 15), locale="id") == "Selasa, 15 November 2022"
        assert fmt_percent(0.986, locale="id") == "98,6%"
