"""The analysis: the register statistics checked complaint by complaint, sections and narrative
read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from lapor_desk import i18n
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.reports import narrative
from lapor_desk.reports.analysis_input import Section
from lapor_desk.reports.output import write
from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.documents.analysis_reference import reference_analysis, vary
from tests.documents.conftest import docx_text, pdf_text

JAN, OCT = date(2022, 1, 1), date(2022, 10, 31)


def _same(value: float | None, expected: float | None) -> bool:
    return value == expected if value is None or expected is None else (
        value == pytest.approx(expected))


def _assert_statistics_equal_the_reference(services: Services, as_of: date | None) -> None:
    settings = services.settings
    day = as_of or settings.reference_date()
    stats = services.stats.stats(as_of)
    with make_session_factory(services.engine)() as session:
        expected = reference_analysis(session, settings.calendar(), settings.sla_rules(),
                                      date(2000, 1, 1), day, day, fixed_clock())
    overall = stats.overall
    assert stats.as_of == day
    assert (overall.received, overall.verified, overall.followed_up, overall.completed,
            overall.excluded, overall.overdue) == (
        expected.received, expected.verified, expected.followed_up, expected.completed,
        expected.excluded, expected.overdue_total)
    assert overall.excluded > 0 and overall.overdue > 0
    assert _same(overall.avg_first_response_workdays, expected.avg_first_response)
    assert _same(overall.sla_compliance, expected.sla_compliance)
    assert dict(stats.by_status) == dict(expected.by_status)
    assert stats.by_topic == tuple((row.label, row.received) for row in expected.by_topic)
    assert [u.abbreviation for u in stats.by_unit] == [u.abbreviation for u in expected.by_unit]
    for unit, row in zip(stats.by_unit, expected.by_unit, strict=True):
        got, counts = unit.indicators, row.counts
        assert (got.received, got.verified, got.followed_up, got.completed, got.excluded,
                got.overdue) == (counts.received, counts.verified, counts.followed_up,
                                 counts.completed, counts.excluded, row.overdue), unit.abbreviation
        assert (got.followed_up_rate, got.completed_rate) == (
            counts.followed_up_rate, counts.completed_rate)
        assert _same(got.avg_first_response_workdays, row.avg_first_response)
        assert _same(got.sla_compliance, row.sla_compliance)
    assert any(u.indicators.excluded for u in stats.by_unit)


@pytest.mark.parametrize("as_of", [None, date(2022, 6, 30), date(2022, 12, 14)])
def test_register_statistics_equal_the_complaint_by_complaint_computation(
    demo_services: Services, as_of: date | None
) -> None:
    """The overview's and ``lapor-desk stats``' figures (the analysis' grouped SQL) against
    an independent computation that evaluates every complaint on its own; 14 December is
    after the date the stored deadlines were computed for."""
    vary(demo_services)  # archived complaints with a lead unit, waiting for the reporter, ...
    _assert_statistics_equal_the_reference(demo_services, as_of)


def test_no_topic_is_named_in_the_language_of_the_window(demo_services: Services) -> None:
    vary(demo_services)  # complaints without a topic
    i18n.activate("en")
    assert "(no topic)" in dict(demo_services.stats.stats().by_topic)


def test_period_selects_by_received_date(demo_services: Services) -> None:
    march = demo_services.analysis.gather(date(2022, 3, 1), date(2022, 3, 31))
    assert march.months == ((2022, 3),)
    assert march.received == march.monthly_totals[0] > 0
    assert all(o.received.month == 3 for o in march.overdue)
    empty = demo_services.analysis.gather(date(2021, 1, 1), date(2021, 12, 31))
    assert empty.received == 0 and empty.by_unit == () and empty.overdue == ()
    assert narrative.generate(empty) == ("Tidak ada laporan yang diterima pada periode ini.",)


def test_narrative_states_the_figures_in_indonesian(demo_services: Services) -> None:
    data = demo_services.analysis.gather(JAN, OCT)
    text = " ".join(narrative.generate(data))
    assert "Pada periode 1 Januari s.d. 31 Oktober 2022, Kementerian Sosial menerima 4.447" in text
    sep, oct_ = data.monthly_totals[-2:]
    change = abs(oct_ - sep) / sep
    word = "naik" if oct_ > sep else "turun"
    assert f"Jumlah laporan pada Oktober 2022 {word} {change * 100:.1f}".replace(".", ",") in text
    worst = max(data.by_unit, key=lambda u: u.overdue)
    assert f"laporan yang melewati batas waktu berada di {worst.unit}" in text


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_document_sections_tables_and_formats(demo_services: Services, tmp_path: Path,
                                              suffix: str) -> None:
    data = demo_services.documents.analysis_input(JAN, OCT)
    summary = ("Ringkasan yang disunting oleh pengguna: 4.447 laporan.",)
    document = demo_services.documents.analysis(data, summary=summary)
    path = write(document, tmp_path / f"analisis.{suffix}")
    text = pdf_text(path) if suffix == "pdf" else docx_text(path)
    for heading in ("LAPORAN ANALISIS PENGADUAN", "Periode 1 Januari s.d. 31 Oktober 2022",
                    "I. Ringkasan", "II. Angka kunci", "III. Laporan menurut status",
                    "IV. Klasifikasi dan kanal", "V. Laporan menurut topik",
                    "VI. Laporan menurut unit kerja", "VII. Laporan menurut wilayah",
                    "VIII. Laporan yang melewati batas waktu", "IX. Contoh laporan",
                    "X. Rapat koordinasi dan tindak lanjut", "XII. Kesimpulan dan rekomendasi",
                    "Ringkasan yang disunting oleh pengguna", "Kepala Biro Hubungan Masyarakat",
                    "Jakarta, 14 November 2022"):
        assert heading in text, heading
    assert "Program Keluarga Harapan (PKH)" in text
    rate = f"{data.followed_up_rate * 100:.1f}%".replace(".", ",")
    assert rate in text  # tingkat tindak lanjut in Indonesian format
    assert f"{data.received:,}".replace(",", ".") in text


def test_sections_can_be_left_out(demo_services: Services, tmp_path: Path) -> None:
    data = demo_services.documents.analysis_input(JAN, OCT)
    document = demo_services.documents.analysis(
        data, sections={Section.KEY_FIGURES, Section.UNITS})
    text = pdf_text(write(document, tmp_path / "pendek.pdf"))
    assert "II. Laporan menurut unit kerja" in text
    assert "Laporan menurut wilayah" not in text
    assert "Contoh laporan" not in text


def test_letterhead_comes_from_settings(demo_services: Services, tmp_path: Path) -> None:
    from dataclasses import replace

    from lapor_desk.domain.actor import LOCAL_OPERATOR
    from lapor_desk.reports.document import Paper

    documents = demo_services.documents
    stored = replace(documents.letterhead_settings(), units=("Biro Humas Uji",),
                     head_name="Dr. Uji Coba", head_nip="198503122010011005", paper=Paper.F4)
    documents.save_letterhead(LOCAL_OPERATOR, stored)
    assert documents.letterhead_settings() == stored
    data = documents.analysis_input(date(2022, 10, 1), OCT)
    path = write(documents.analysis(data), tmp_path / "kop.pdf")
    text = pdf_text(path)
    assert "BIRO HUMAS UJI" in text
    assert "Dr. Uji Coba" in text and "NIP 19850312 201001 1 005" in text
    from pypdf import PdfReader

    assert round(float(PdfReader(str(path)).pages[0].mediabox.height) / 72 * 25.4) == 330


@pytest.mark.postgres
def test_same_figures_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    from lapor_desk.domain.actor import LOCAL_OPERATOR

    with open_services(pg_url, data_dir=tmp_path, clock=fixed_clock) as services:
        services.demo.load(LOCAL_OPERATOR)
        vary(services)
        _assert_statistics_equal_the_reference(services, None)
        assert services.analysis.gather(JAN, date(2022, 11, 14)).snapshot == datetime(
            2022, 11, 14, 10, 0)
