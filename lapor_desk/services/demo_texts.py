"""Synthetic but realistic Indonesian complaint texts for the deterministic demo register.

Every text is drawn from the random generator passed in, so the same generator state always
gives the same complaint. The content follows what SP4N-LAPOR! reports to Kemensos look like
(DOMAIN.md §5 and §6): a citizen's informal original (``Isi Laporan Awal``) and the portal
admin's tidied version (``Isi Laporan Akhir``) of the same facts.

Nothing here describes a real person: names are recombined from common name parts, every NIK
ends in the serial ``0000`` (which the civil registry never issues) and phone numbers are random
digits behind real operator prefixes.

Templates are written as ``- item`` lists inside text blocks; an indented line continues the
item above it. Fields in braces (``{bulan}``) are filled from the slots drawn for each complaint.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

__all__ = ["REGIONS", "TOPIC_CODES", "ComplaintText", "compose", "reporter_name"]

TOPIC_CODES: tuple[str, ...] = (
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

#: Provinces with a few of their real regencies (kabupaten) and cities (kota), Java first.
REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "DKI Jakarta",
        (
            "Kota Jakarta Timur",
            "Kota Jakarta Barat",
            "Kota Jakarta Utara",
            "Kota Jakarta Selatan",
            "Kota Jakarta Pusat",
        ),
    ),
    (
        "Jawa Barat",
        (
            "Kabupaten Bogor",
            "Kabupaten Bandung",
            "Kabupaten Garut",
            "Kabupaten Cianjur",
            "Kota Bekasi",
            "Kota Bandung",
        ),
    ),
    (
        "Jawa Tengah",
        (
            "Kabupaten Brebes",
            "Kabupaten Banyumas",
            "Kabupaten Grobogan",
            "Kabupaten Klaten",
            "Kota Semarang",
            "Kota Surakarta",
        ),
    ),
    (
        "Jawa Timur",
        (
            "Kota Surabaya",
            "Kabupaten Malang",
            "Kabupaten Jember",
            "Kabupaten Sidoarjo",
            "Kabupaten Bojonegoro",
            "Kabupaten Sumenep",
        ),
    ),
    (
        "Banten",
        (
            "Kabupaten Tangerang",
            "Kabupaten Serang",
            "Kabupaten Lebak",
            "Kabupaten Pandeglang",
            "Kota Tangerang Selatan",
        ),
    ),
    (
        "DI Yogyakarta",
        ("Kabupaten Sleman", "Kabupaten Bantul", "Kabupaten Gunungkidul", "Kota Yogyakarta"),
    ),
    (
        "Aceh",
        ("Kota Banda Aceh", "Kabupaten Aceh Utara", "Kabupaten Pidie", "Kabupaten Aceh Besar"),
    ),
    (
        "Sumatera Utara",
        (
            "Kota Medan",
            "Kabupaten Deli Serdang",
            "Kabupaten Langkat",
            "Kabupaten Simalungun",
            "Kabupaten Tapanuli Utara",
        ),
    ),
    (
        "Sumatera Barat",
        ("Kota Padang", "Kabupaten Agam", "Kabupaten Pesisir Selatan", "Kabupaten Padang Pariaman"),
    ),
    (
        "Sumatera Selatan",
        (
            "Kota Palembang",
            "Kabupaten Ogan Komering Ilir",
            "Kabupaten Banyuasin",
            "Kabupaten Musi Banyuasin",
        ),
    ),
    (
        "Lampung",
        (
            "Kota Bandar Lampung",
            "Kabupaten Lampung Tengah",
            "Kabupaten Lampung Selatan",
            "Kabupaten Lampung Timur",
        ),
    ),
    (
        "Kalimantan Barat",
        ("Kota Pontianak", "Kabupaten Sambas", "Kabupaten Kubu Raya", "Kabupaten Ketapang"),
    ),
    (
        "Sulawesi Selatan",
        (
            "Kota Makassar",
            "Kabupaten Gowa",
            "Kabupaten Bone",
            "Kabupaten Maros",
            "Kota Parepare",
        ),
    ),
    ("Bali", ("Kota Denpasar", "Kabupaten Buleleng", "Kabupaten Karangasem", "Kabupaten Gianyar")),
    (
        "Nusa Tenggara Barat",
        ("Kota Mataram", "Kabupaten Lombok Timur", "Kabupaten Lombok Tengah", "Kabupaten Bima"),
    ),
    (
        "Nusa Tenggara Timur",
        (
            "Kota Kupang",
            "Kabupaten Timor Tengah Selatan",
            "Kabupaten Sumba Timur",
            "Kabupaten Manggarai",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class ComplaintText:
    """One synthetic complaint as the portal export carries it.

    Attributes:
        title: The reporter's title (``Judul Laporan``), at most 150 characters.
        text_original: The text as submitted (``Isi Laporan Awal``): informal, 2-8 sentences,
            200-2,500 characters, sometimes with typos, abbreviations or capitals.
        text_edited: The admin's tidied version (``Isi Laporan Akhir``) of the same facts,
            opening with a formal phrase such as "Pelapor menyampaikan bahwa ...".
        has_nik: Whether a 16-digit NIK-like number appears in ``text_original``.
        has_phone: Whether an Indonesian phone number appears in ``text_original``.
    """

    title: str
    text_original: str
    text_edited: str
    has_nik: bool
    has_phone: bool


# --- Template blocks -----------------------------------------------------------------------------


def _items(block: str) -> tuple[str, ...]:
    """Split a template block into its items.

    Args:
        block: Lines starting with ``- `` open an item; other non-blank lines continue it.

    Returns:
        The items, each on one line with single spaces where the block wrapped.

    Raises:
        ValueError: If text appears before the first item.
    """
    items: list[str] = []
    for raw in block.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items:
            items[-1] = f"{items[-1]} {line}"
        else:
            raise ValueError(f"template block must start with '- ': {line!r}")
    return tuple(items)


@dataclass(frozen=True, slots=True)
class _Case:
    """One kind of problem within a topic: titles, situations and requests that fit together."""

    titles: tuple[str, ...]
    situations: tuple[str, ...]
    requests: tuple[str, ...]
    details: tuple[str, ...] = ()
    attempts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Topic:
    """Everything needed to write complaints on one topic.

    ``situations`` of a question topic are clauses without the final question mark;
    ``requests`` are clauses that follow "agar" ("Mohon agar ...").
    """

    cases: tuple[_Case, ...]
    details: tuple[str, ...]
    attempts: tuple[str, ...]
    requests: tuple[str, ...]
    question: bool = False
    intro: str = ""
    generic_details: bool = True


def _case(
    titles: str, situations: str, requests: str, details: str = "", attempts: str = ""
) -> _Case:
    return _Case(
        titles=_items(titles),
        situations=_items(situations),
        requests=_items(requests),
        details=_items(details),
        attempts=_items(attempts),
    )


def _topic(
    cases: tuple[_Case, ...],
    details: str,
    attempts: str,
    requests: str = "",
    *,
    question: bool = False,
    intro: str = "",
    generic_details: bool = True,
) -> _Topic:
    return _Topic(
        cases=cases,
        details=_items(details),
        attempts=_items(attempts),
        requests=_items(requests),
        question=question,
        intro=intro,
        generic_details=generic_details,
    )


_DTKS = _topic(
    cases=(
        _case(
            titles="""
            - Keluarga tidak mampu tapi tidak terdaftar di DTKS
            - Mohon dimasukkan ke DTKS, warga {desa} {city}
            - Belum pernah terdata di DTKS padahal hidup kekurangan
            - Warga miskin di {desa} tidak masuk DTKS
            - Sudah lama miskin tapi tidak pernah dapat bansos karena tidak ada di DTKS
            """,
            situations="""
            - Keluarga saya termasuk keluarga tidak mampu, saya hanya bekerja sebagai {pekerjaan}
              dengan penghasilan sekitar {penghasilan} per hari, tetapi sampai sekarang kami tidak
              terdaftar di DTKS.
            - Saya sudah {n_tahun} tahun tinggal di {desa} dan hidup serba kekurangan, tetapi nama
              saya tidak pernah masuk DTKS sehingga tidak bisa mendapat bansos apa pun.
            - Waktu saya mengecek di aplikasi Cek Bansos, keluarga saya dinyatakan tidak terdaftar
              di DTKS, padahal kondisi kami jauh dari mampu.
            - Banyak warga miskin di lingkungan {rt_rw} {desa} yang tidak masuk DTKS, sementara ada
              warga yang punya mobil dan rumah bagus justru terdaftar.
            """,
            requests="""
            - keluarga saya dapat didata dan dimasukkan ke dalam DTKS
            - pendataan DTKS di {desa} ditinjau ulang supaya tepat sasaran
            - petugas dapat datang melihat langsung kondisi rumah kami
            """,
        ),
        _case(
            titles="""
            - Nama saya hilang dari DTKS sejak bulan {bulan}
            - Dikeluarkan dari DTKS tanpa pemberitahuan
            - Tiba-tiba tidak terdaftar lagi di DTKS, bansos berhenti
            - Status di DTKS tertulis meninggal padahal masih hidup
            - Data DTKS dihapus sejak {bulan_awal}, mohon diaktifkan
            - Bansos berhenti sejak bulan {bulan_awal} karena nama dicoret dari DTKS
            """,
            situations="""
            - Sejak bulan {bulan} nama saya sudah tidak ada lagi di DTKS, padahal sebelumnya saya
              terdaftar dan rutin menerima bantuan.
            - Keluarga saya dikeluarkan dari DTKS tanpa pemberitahuan apa pun, sehingga bantuan
              yang biasa diterima keluarga kami berhenti sejak bulan {bulan_awal}.
            - Di DTKS saya tercatat sudah meninggal dunia, padahal saya masih hidup dan tinggal di
              alamat yang sama.
            - Menurut operator desa, nama saya dihapus dari DTKS karena NIK saya tidak padan dengan
              data kependudukan, padahal KTP saya sudah elektronik dan datanya benar.
            """,
            requests="""
            - nama saya dapat diaktifkan kembali di DTKS
            - ada penjelasan mengapa keluarga saya dikeluarkan dari DTKS
            - data saya dikembalikan ke DTKS supaya bantuan bisa diterima lagi
            """,
        ),
        _case(
            titles="""
            - Mohon pemutakhiran data DTKS keluarga kami
            - Data DTKS tidak sesuai kondisi sebenarnya
            - Keluarga miskin masuk {desil} di DTKS
            - Usulan DTKS lewat musdes tidak pernah diproses
            - Alamat di DTKS belum diperbarui, warga {city}
            - Hasil musyawarah desa bulan {bulan_awal} belum masuk DTKS
            """,
            situations="""
            - Data keluarga saya di DTKS masih memakai alamat lama, padahal kami sudah pindah ke
              {desa}, {city} dan KK sudah diperbarui.
            - Menurut petugas desa, keluarga saya masuk {desil} sehingga tidak bisa menerima
              bansos, padahal rumah kami masih berlantai tanah dan berdinding bambu.
            - Keluarga saya sudah diusulkan masuk DTKS melalui musyawarah desa sejak bulan
              {bulan_awal}, tetapi sampai bulan {bulan} hasilnya belum juga keluar.
            - Di DTKS anggota keluarga kami masih tercatat dengan data lama, termasuk anak kami yang
              sudah menikah dan pisah KK, sedangkan anak yang baru lahir belum tercatat.
            """,
            requests="""
            - data keluarga saya di DTKS diperbarui sesuai kondisi sebenarnya
            - usulan dari musyawarah desa kami segera diproses
            - peringkat desil keluarga saya ditinjau kembali
            """,
        ),
    ),
    details="""
    - Saya tinggal bersama {jumlah} anggota keluarga di rumah yang sempit dan tidak punya
      penghasilan tetap.
    - {anggota} sudah lama sakit sehingga sebagian besar penghasilan kami habis untuk berobat.
    - Tetangga saya yang kondisinya sama justru sudah terdaftar dan menerima bantuan.
    - Saya sudah menyerahkan semua persyaratan seperti KTP, KK, dan surat keterangan tidak mampu
      ke operator desa.
    """,
    attempts="""
    - Saya sudah menanyakan ke kantor desa, tetapi katanya usulan hanya bisa lewat musyawarah desa
      yang belum tahu kapan dilaksanakan.
    - Saya sudah datang ke Dinas Sosial {city} dan diminta menunggu hasil verifikasi, tetapi sudah
      {n_bulan} bulan belum ada kabar.
    - Saya juga sudah mengajukan usulan lewat menu Usul di aplikasi Cek Bansos, tetapi statusnya
      tidak berubah.
    - Ketua RT sudah membuatkan surat keterangan tidak mampu untuk keluarga kami, tetapi tetap
      belum ada hasilnya.
    """,
    requests="""
    - Kementerian Sosial dapat membantu memeriksa data keluarga saya di DTKS
    """,
)

_PKH = _topic(
    cases=(
        _case(
            titles="""
            - Bantuan PKH tidak cair sejak bulan {bulan}
            - PKH {tahap} belum cair, saldo rekening kosong
            - Dana PKH komponen {komponen} tidak masuk ke rekening
            - Sudah {n_bulan} bulan bantuan PKH tidak cair
            - PKH tidak cair, warga {desa} {city}
            - Saldo PKH {tahap} di rekening Bank {bank} kosong
            """,
            situations="""
            - Saya penerima PKH di {desa}, {city}, tetapi bantuan PKH {tahap} belum masuk ke
              rekening saya sampai sekarang.
            - Sejak bulan {bulan} saldo rekening PKH saya di Bank {bank} selalu kosong, padahal KPM
              lain di desa kami sudah menerima.
            - Bantuan PKH untuk komponen {komponen} sebesar {nominal_pkh} per tahap tidak cair,
              padahal sebelumnya selalu lancar.
            - Sudah {n_bulan} bulan bantuan PKH keluarga saya tidak cair dan tidak ada penjelasan
              apa pun dari pendamping.
            """,
            requests="""
            - bantuan PKH saya yang belum cair dapat segera disalurkan
            - ada penjelasan mengapa bantuan PKH saya tidak cair
            """,
        ),
        _case(
            titles="""
            - Komponen PKH {komponen} tidak dihitung
            - Nominal PKH berkurang, komponen {komponen} hilang
            - Anak sudah masuk SMP tapi komponen PKH belum berubah
            - {lansia} tidak masuk komponen lansia PKH
            - Bantuan PKH bulan {bulan} tidak sesuai komponen
            """,
            situations="""
            - Bantuan PKH yang saya terima berkurang karena komponen {komponen} tidak lagi
              dihitung, padahal kondisi keluarga kami masih sama.
            - Anak saya sudah naik ke jenjang SMP, tetapi komponen PKH-nya masih dihitung sebagai
              anak SD sehingga nominal yang diterima tidak sesuai.
            - {lansia} sudah berusia lebih dari 70 tahun, tetapi tidak dimasukkan sebagai komponen
              lansia dalam PKH keluarga kami.
            """,
            requests="""
            - komponen PKH keluarga saya diperbarui sesuai kondisi sekarang
            - kekurangan bantuan PKH keluarga saya dapat dibayarkan
            """,
        ),
        _case(
            titles="""
            - Dikeluarkan dari PKH padahal masih miskin
            - Status PKH tiba-tiba graduasi tanpa pemberitahuan
            - Kepesertaan PKH dihentikan sepihak sejak {bulan}
            - Tiba-tiba tidak menerima PKH lagi mulai bulan {bulan}
            """,
            situations="""
            - Saya tiba-tiba dinyatakan graduasi dari PKH sejak bulan {bulan}, padahal saya tidak
              pernah mengajukan diri untuk keluar dan ekonomi keluarga kami belum membaik.
            - Kepesertaan PKH saya dihentikan tanpa pemberitahuan, sedangkan KPM lain yang
              kondisinya lebih mampu masih menerima.
            """,
            requests="""
            - kepesertaan PKH saya dapat diaktifkan kembali
            - status graduasi saya ditinjau ulang
            """,
        ),
    ),
    details="""
    - Saya sudah menjadi KPM PKH sejak {n_tahun} tahun lalu dan selalu mengikuti pertemuan P2K2.
    - Bantuan PKH itu sangat kami butuhkan untuk biaya sekolah anak-anak.
    - Saya masih memegang sendiri kartu KKS dan buku tabungan.
    - Di desa kami ada sekitar {jumlah_kpm} KPM yang mengalami hal yang sama.
    """,
    attempts="""
    - Saya sudah menanyakan ke pendamping PKH, tetapi jawabannya hanya disuruh menunggu.
    - Saya sudah mengecek ke Bank {bank} dan katanya dana dari pusat belum masuk.
    - Saya sudah melapor ke Dinas Sosial {city}, tetapi belum ada tindak lanjut.
    - Saya sudah mengecek di aplikasi Cek Bansos dan status saya masih tertulis sebagai penerima
      PKH.
    """,
    requests="""
    - Kementerian Sosial dapat mengecek status kepesertaan PKH saya
    """,
)

_BPNT = _topic(
    cases=(
        _case(
            titles="""
            - Saldo KKS kosong, BPNT bulan {bulan} belum masuk
            - BPNT tidak cair sejak bulan {bulan_awal}
            - Bantuan sembako BPNT tidak masuk ke kartu
            - Sudah {n_bulan} bulan tidak menerima BPNT
            - BPNT warga {desa} belum disalurkan
            - BPNT {nominal_bpnt_3} untuk tiga bulan tidak diterima
            """,
            situations="""
            - Saldo kartu KKS saya kosong waktu dicek di e-warong, padahal BPNT bulan {bulan}
              seharusnya sudah masuk sebesar {nominal_bpnt}.
            - Sejak bulan {bulan_awal} saya tidak lagi menerima BPNT, sedangkan tetangga saya yang
              sama-sama KPM sudah menerima.
            - Saya tidak menerima bantuan BPNT sebesar {nominal_bpnt_3} untuk tiga bulan yang
              disalurkan lewat kantor pos, padahal nama saya ada di daftar penerima.
            """,
            requests="""
            - saldo BPNT saya yang belum masuk dapat segera disalurkan
            - ada kejelasan mengapa BPNT saya berhenti
            """,
        ),
        _case(
            titles="""
            - E-warong memaksa KPM mengambil paket sembako tertentu
            - Isi paket sembako BPNT tidak sesuai nilai bantuan
            - Agen e-warong menahan kartu KKS milik warga
            - Beras BPNT dari e-warong di {desa} tidak layak
            - Paket sembako BPNT bulan {bulan} tidak layak
            """,
            situations="""
            - Agen e-warong di {desa} mewajibkan kami mengambil paket yang sudah ditentukan,
              isinya hanya {sembako} yang nilainya jauh di bawah {nominal_bpnt}.
            - Beras yang dibagikan e-warong untuk BPNT bulan {bulan} berkutu dan berbau apek
              sehingga tidak layak dimakan.
            - Kartu KKS milik warga dikumpulkan dan ditahan oleh agen e-warong, kami hanya dipanggil
              saat pengambilan sembako.
            """,
            requests="""
            - KPM dibebaskan memilih bahan pangan sesuai kebutuhan
            - penyaluran di e-warong tersebut diperiksa
            - kartu KKS milik warga dikembalikan kepada pemiliknya
            """,
        ),
        _case(
            titles="""
            - Sudah terdaftar di DTKS tapi tidak dapat BPNT
            - Nama ada di daftar BPNT tapi kartu belum dibagikan
            - Terdaftar sebagai KPM sejak {bulan_awal} tapi belum dapat BPNT
            """,
            situations="""
            - Nama saya sudah tercantum sebagai penerima BPNT di aplikasi Cek Bansos, tetapi sampai
              sekarang saya belum menerima kartu KKS maupun bantuan apa pun.
            - Keluarga saya sudah terdaftar di DTKS sejak lama, tetapi tidak pernah mendapatkan
              BPNT walaupun kondisinya sangat membutuhkan.
            """,
            requests="""
            - kartu KKS saya segera dibagikan supaya bisa mengambil bantuan
            - keluarga saya dapat diusulkan sebagai penerima BPNT
            """,
        ),
    ),
    details="""
    - Bantuan sembako itu sangat membantu kebutuhan makan keluarga kami sehari-hari.
    - Kejadian seperti ini juga dialami sekitar {jumlah_kpm} KPM lain di desa kami.
    - Saya sudah {n_tahun} tahun menjadi penerima bantuan pangan dan baru kali ini ada masalah.
    """,
    attempts="""
    - Saya sudah menanyakan ke agen e-warong, tetapi katanya saldonya memang belum masuk dari
      pusat.
    - Saya sudah melapor ke pendamping sosial dan ke kantor desa, tetapi belum ada jawaban yang
      jelas.
    - Saya sudah datang ke kantor Bank {bank} untuk mengecek, tetapi tidak ada penjelasan.
    - Saya sudah melapor ke Dinas Sosial {city} sejak bulan {bulan_awal}.
    """,
)

_BST = _topic(
    cases=(
        _case(
            titles="""
            - BST tidak diterima padahal nama terdaftar
            - Bantuan Sosial Tunai bulan {bulan} belum diterima
            - Undangan pengambilan BST tidak pernah sampai
            - BST atas nama saya diambil orang lain
            - Nama ada di daftar BST tapi uang tidak diterima, {city}
            - BST bulan {bulan} tidak diterima padahal warga lain sudah
            """,
            situations="""
            - Nama saya tercantum di daftar penerima Bantuan Sosial Tunai, tetapi saya tidak pernah
              menerima surat undangan pengambilan dari kantor pos.
            - Saya belum menerima BST sebesar Rp300.000 untuk bulan {bulan}, padahal warga lain di
              {desa} sudah mengambil di kantor pos.
            - Waktu saya datang ke kantor pos, petugas bilang BST atas nama saya sudah diambil orang
              lain, padahal saya tidak pernah mengambil atau menguasakan.
            """,
            requests="""
            - BST yang menjadi hak saya dapat disalurkan
            - diperiksa siapa yang mengambil BST atas nama saya
            """,
        ),
        _case(
            titles="""
            - BLT BBM tidak diterima padahal penerima BPNT
            - Nama tidak dipanggil saat pembagian BLT BBM
            - BLT BBM bulan {bulan} tidak diterima
            """,
            situations="""
            - Saya penerima BPNT, tetapi tidak mendapat BLT BBM sebesar Rp300.000 yang disalurkan
              lewat kantor pos bulan {bulan}.
            - Waktu pembagian BLT BBM di kantor desa, nama saya tidak dipanggil padahal ada di
              daftar penerima.
            """,
            requests="""
            - BLT BBM yang menjadi hak saya dapat segera dibayarkan
            """,
        ),
        _case(
            titles="""
            - BST salah sasaran di {desa}
            - Penerima BST di desa kami banyak yang mampu
            """,
            situations="""
            - Di {desa} banyak penerima BST yang sebenarnya mampu, termasuk keluarga perangkat
              desa, sedangkan warga yang benar-benar miskin tidak mendapat.
            """,
            requests="""
            - data penerima BST di desa kami dievaluasi supaya tepat sasaran
            """,
        ),
    ),
    details="""
    - Uang bantuan itu sangat kami butuhkan karena sejak pandemi saya kehilangan pekerjaan.
    - Beberapa tetangga saya di {rt_rw} juga mengalami hal yang sama.
    """,
    attempts="""
    - Saya sudah bertanya ke kantor pos, tetapi disuruh menanyakan ke desa.
    - Saya sudah menanyakan ke kantor desa dan katanya datanya dari pusat.
    - Saya sudah melapor ke Dinas Sosial {city}, tetapi belum ada tanggapan.
    """,
)

_PBI_JK = _topic(
    cases=(
        _case(
            titles="""
            - BPJS Kesehatan PBI dinonaktifkan tanpa pemberitahuan
            - Kartu KIS PBI tidak aktif saat berobat
            - Kepesertaan PBI-JK dinonaktifkan sejak bulan {bulan}
            - Ditolak berobat karena BPJS PBI nonaktif
            - BPJS PBI {anggota} tiba-tiba nonaktif
            """,
            situations="""
            - Waktu {anggota} mau berobat ke {faskes}, ternyata kartu BPJS Kesehatan PBI kami sudah
              tidak aktif tanpa ada pemberitahuan sebelumnya.
            - Kepesertaan BPJS Kesehatan PBI keluarga saya dinonaktifkan sejak bulan {bulan},
              padahal kami tidak mampu membayar iuran mandiri.
            - Kartu KIS PBI saya tiba-tiba nonaktif, katanya karena data saya sudah tidak ada di
              DTKS.
            """,
            requests="""
            - kepesertaan BPJS Kesehatan PBI keluarga saya dapat diaktifkan kembali
            - kartu KIS PBI keluarga kami segera diaktifkan karena harus rutin berobat
            """,
        ),
        _case(
            titles="""
            - Pasien {penyakit} terkendala BPJS PBI nonaktif
            - Butuh BPJS PBI aktif untuk biaya {penyakit}
            - Mohon aktivasi PBI segera, warga {city}
            - Biaya {penyakit} {biaya} karena PBI tidak aktif
            """,
            situations="""
            - {anggota} harus menjalani {penyakit} di {faskes}, tetapi BPJS PBI-nya nonaktif
              sehingga kami diminta membayar sebagai pasien umum sekitar {biaya}.
            - Saat ini {anggota} dirawat di {faskes} dan harus menjalani {penyakit}, tetapi status
              PBI-nya nonaktif dan kami tidak punya biaya.
            """,
            requests="""
            - status PBI {anggota} dapat segera diaktifkan supaya pengobatannya tidak terhenti
            """,
            attempts="""
            - Pihak {faskes} menyarankan kami melapor ke Kementerian Sosial.
            """,
        ),
        _case(
            titles="""
            - Mohon didaftarkan sebagai peserta PBI-JK
            - Bayi baru lahir belum masuk PBI
            """,
            situations="""
            - Saya sudah {n_tahun} tahun menunggak iuran BPJS Kesehatan mandiri karena tidak mampu
              membayar dan ingin dialihkan menjadi peserta PBI.
            - Anak saya yang baru lahir belum didaftarkan sebagai peserta PBI, padahal seluruh
              anggota keluarga kami yang lain sudah PBI.
            """,
            requests="""
            - keluarga saya dapat didaftarkan sebagai peserta PBI-JK
            """,
        ),
    ),
    details="""
    - Kami tidak sanggup membayar iuran BPJS mandiri karena penghasilan saya hanya sekitar
      {penghasilan} per hari.
    - Data kependudukan kami lengkap dan KTP masih berlaku.
    - Selama ini keluarga kami berobat dengan kartu tersebut tanpa masalah.
    """,
    attempts="""
    - Saya sudah ke kantor BPJS Kesehatan dan diarahkan untuk mengurus ke Dinas Sosial.
    - Saya sudah mengurus surat rekomendasi dari Dinas Sosial {city}, tetapi kartunya belum aktif
      juga.
    """,
)

_KKS = _topic(
    cases=(
        _case(
            titles="""
            - Kartu KKS hilang, bagaimana cara menggantinya
            - Mohon penggantian kartu KKS yang hilang
            - KKS hilang dan bantuan tidak bisa diambil
            - KKS hilang sejak {bulan_awal}, bantuan tidak bisa diambil
            """,
            situations="""
            - Kartu KKS saya hilang sejak bulan {bulan_awal} sehingga saya tidak bisa mengambil
              bantuan.
            - Kartu KKS milik {anggota} hilang waktu rumah kami kebanjiran, dan sejak itu bantuan
              tidak bisa dicairkan.
            """,
            requests="""
            - kartu KKS saya dapat segera diganti
            """,
            attempts="""
            - Saya sudah membuat surat keterangan kehilangan dari kepolisian.
            """,
        ),
        _case(
            titles="""
            - Kartu KKS terblokir setelah salah PIN
            - KKS tidak bisa dipakai di mesin EDC
            - Kartu KKS rusak, saldo bulan {bulan} tidak bisa diambil
            - Kartu KKS diblokir bank, bantuan bulan {bulan} tertahan
            """,
            situations="""
            - Kartu KKS saya terblokir karena salah memasukkan PIN tiga kali di mesin EDC agen.
            - Kartu KKS saya tidak terbaca di mesin EDC e-warong, sehingga saldo bantuan tidak bisa
              dicek maupun digunakan.
            - Kartu KKS saya patah dan chipnya rusak, sementara bantuan bulan {bulan} masih
              tersimpan di dalamnya.
            """,
            requests="""
            - blokir kartu KKS saya dapat dibuka
            - saldo bantuan yang ada di kartu saya tidak hangus
            """,
        ),
        _case(
            titles="""
            - Nama di kartu KKS salah
            - Kartu KKS belum dibagikan padahal sudah terdaftar
            """,
            situations="""
            - Nama yang tercetak di kartu KKS saya salah sehingga bank menolak melayani waktu saya
              mau mengurus.
            - Saya sudah terdaftar sebagai KPM sejak bulan {bulan_awal}, tetapi kartu KKS saya belum
              juga dibagikan.
            """,
            requests="""
            - kartu KKS dengan data yang benar dapat segera diterbitkan
            """,
        ),
    ),
    details="""
    - Kartu itu satu-satunya akses keluarga kami untuk mengambil bantuan.
    - Seingat saya, saldo terakhir di kartu masih sekitar {nominal_bpnt}.
    - Saya sudah membawa KTP dan KK asli setiap kali mengurus.
    """,
    attempts="""
    - Saya sudah datang ke kantor Bank {bank}, tetapi diminta membawa surat keterangan dari Dinas
      Sosial.
    - Saya sudah menanyakan ke pendamping PKH, tetapi katanya prosesnya lama.
    - Saya sudah bolak-balik ke bank sebanyak {n_bulan} kali tanpa hasil.
    """,
)

_ATENSI = _topic(
    cases=(
        _case(
            titles="""
            - Mohon bantuan rehabilitasi sosial untuk lansia terlantar
            - Lansia hidup sebatang kara di {desa} butuh bantuan
            - Permohonan bantuan ATENSI untuk lansia di {city}
            - Mohon perhatian untuk {lansia} yang sudah renta
            """,
            situations="""
            - Di {desa} ada seorang lansia berusia sekitar 80 tahun yang hidup sebatang kara di
              rumah yang hampir roboh dan makan dari belas kasihan tetangga.
            - {lansia} sudah berusia lanjut dan sakit-sakitan, sedangkan saya tidak mampu merawatnya
              karena harus bekerja sebagai {pekerjaan}.
            """,
            requests="""
            - lansia tersebut dapat dibantu melalui program ATENSI
            - ada pendampingan dan bantuan dari Sentra Kemensos terdekat
            """,
        ),
        _case(
            titles="""
            - Permohonan {alat_bantu} untuk penyandang disabilitas
            - Anak penyandang disabilitas belum pernah dapat bantuan
            - Usulan {alat_bantu} lewat ATENSI belum direalisasikan
            - Usulan {alat_bantu} sejak bulan {bulan_awal} belum ada realisasi
            """,
            situations="""
            - Anak saya penyandang disabilitas fisik dan sangat membutuhkan {alat_bantu}, tetapi
              kami tidak mampu membelinya.
            - Saya penyandang disabilitas sejak kecelakaan kerja dan membutuhkan {alat_bantu}
              supaya bisa kembali bekerja.
            - Usulan bantuan {alat_bantu} untuk anak saya sudah diajukan melalui Dinas Sosial sejak
              bulan {bulan_awal}, tetapi belum ada realisasinya.
            """,
            requests="""
            - bantuan {alat_bantu} dapat segera diberikan melalui program ATENSI
            """,
        ),
        _case(
            titles="""
            - Anak terlantar di {desa} butuh penanganan
            - Warga dengan gangguan jiwa dipasung, mohon ditangani
            - Mohon rehabilitasi sosial untuk anak bermasalah
            - Mohon penjangkauan Sentra Kemensos ke {desa}
            """,
            situations="""
            - Di lingkungan kami ada {jumlah} anak yang ditinggal orang tuanya dan sekarang hidup
              terlantar tanpa ada yang mengurus.
            - Ada warga di {desa} yang mengalami gangguan jiwa dan sudah lama dipasung oleh
              keluarganya karena tidak ada biaya pengobatan.
            - Keponakan saya putus sekolah dan sering terlibat perkelahian, keluarga sudah tidak
              sanggup membina sehingga kami berharap ada rehabilitasi sosial.
            """,
            requests="""
            - ada penjangkauan dari petugas Sentra Kemensos
            - yang bersangkutan dapat dirujuk ke Sentra untuk mendapatkan rehabilitasi sosial
            """,
        ),
    ),
    details="""
    - Keluarga yang bersangkutan termasuk tidak mampu dan tidak pernah menerima bantuan sosial.
    - Pemerintah desa sudah mengetahui kondisi ini tetapi belum ada tindakan.
    - Kondisinya semakin memburuk dalam {n_bulan} bulan terakhir.
    """,
    attempts="""
    - Saya sudah melapor ke Dinas Sosial {city} dan sudah ada petugas yang datang mendata, tetapi
      belum ada kelanjutan.
    - Saya sudah menghubungi TKSK kecamatan, tetapi katanya harus menunggu usulan dari kabupaten.
    - Kami sudah mencoba minta bantuan ke puskesmas, tetapi diarahkan ke Dinas Sosial.
    """,
)

_BENCANA = _topic(
    cases=(
        _case(
            titles="""
            - Korban {bencana} di {desa} belum menerima bantuan
            - Bantuan logistik untuk korban {bencana} tidak merata
            - Warga terdampak {bencana} bulan {bulan} belum dibantu
            - Sudah {n_minggu} minggu mengungsi akibat {bencana}, bantuan minim
            """,
            situations="""
            - Rumah saya rusak berat akibat {bencana} pada bulan {bulan}, tetapi sampai sekarang
              kami belum menerima bantuan apa pun.
            - Bantuan logistik untuk korban {bencana} di {desa} hanya dibagikan kepada sebagian
              warga, sementara banyak keluarga terdampak lain tidak kebagian.
            - Kami sudah {n_minggu} minggu mengungsi setelah {bencana}, tetapi bantuan makanan dan
              selimut sangat terbatas.
            """,
            requests="""
            - bantuan untuk korban {bencana} di {desa} dapat segera disalurkan
            - penyaluran bantuan kepada warga terdampak dilakukan secara merata
            """,
        ),
        _case(
            titles="""
            - Santunan ahli waris korban {bencana} belum cair
            - Mohon kejelasan santunan korban meninggal akibat {bencana}
            - Santunan Rp15.000.000 untuk ahli waris belum diterima
            """,
            situations="""
            - {anggota} meninggal dunia akibat {bencana} di {desa} pada bulan {bulan_awal}, dan kami
              sudah didata untuk menerima santunan ahli waris sebesar Rp15.000.000, tetapi sampai
              sekarang belum cair.
            """,
            requests="""
            - santunan ahli waris untuk keluarga kami dapat segera dicairkan
            """,
        ),
        _case(
            titles="""
            - Rumah rusak akibat {bencana} belum dibantu
            - Bantuan isi hunian korban {bencana} tidak sampai
            - Korban {bencana} bulan {bulan} belum dapat bantuan isi hunian
            """,
            situations="""
            - Rumah kami rusak akibat {bencana} dan sudah didata oleh petugas, tetapi kami belum
              menerima bantuan isi hunian maupun perlengkapan rumah tangga.
            """,
            requests="""
            - kami dapat menerima bantuan isi hunian seperti yang sudah dijanjikan
            """,
        ),
    ),
    details="""
    - Saat ini kami masih menumpang di rumah kerabat.
    - Di posko pengungsian tidak ada dapur umum sehingga warga memasak seadanya.
    - Anak-anak dan lansia di pengungsian mulai sakit karena kekurangan makanan dan selimut.
    """,
    attempts="""
    - Kami sudah melapor ke BPBD dan relawan Tagana yang datang ke lokasi, tetapi bantuan dari
      Kemensos belum sampai.
    - Kepala desa sudah mengirim data warga terdampak ke Dinas Sosial {city}.
    - Saya sudah menanyakan ke posko bantuan, tetapi nama saya tidak ada di daftar.
    """,
)

_PEMBERDAYAAN = _topic(
    cases=(
        _case(
            titles="""
            - Bantuan KUBE untuk kelompok kami belum cair
            - Dana KUBE dikuasai ketua kelompok
            - Usulan KUBE dari {desa} tidak ada kabar
            - Modal usaha {usaha} dari KUBE tidak pernah datang
            """,
            situations="""
            - Kelompok kami di {desa} sudah diusulkan menerima bantuan Kelompok Usaha Bersama
              (KUBE) sejak bulan {bulan_awal}, tetapi dananya belum juga cair.
            - Bantuan KUBE sebesar Rp20.000.000 untuk kelompok kami dikuasai oleh ketua kelompok
              dan anggota tidak pernah diajak musyawarah.
            - Usaha {usaha} kelompok kami terhenti karena bantuan modal KUBE yang dijanjikan tidak
              pernah datang.
            """,
            requests="""
            - bantuan KUBE untuk kelompok kami dapat direalisasikan
            - penggunaan dana KUBE kelompok kami diperiksa
            """,
            details="""
            - Kelompok kami terdiri dari 10 kepala keluarga yang semuanya terdaftar di DTKS.
            """,
        ),
        _case(
            titles="""
            - Program pemberdayaan KAT di {city} tidak tuntas
            - Rumah bantuan KAT belum selesai dibangun
            - Komunitas adat terpencil belum tersentuh program
            - Mohon pemberdayaan KAT untuk kampung kami di {city}
            """,
            situations="""
            - Program pemberdayaan Komunitas Adat Terpencil di kampung kami dimulai sejak tahun
              lalu, tetapi rumah yang dibangun belum selesai dan sebagian sudah rusak.
            - Warga komunitas adat terpencil di wilayah kami belum pernah tersentuh program
              pemberdayaan, padahal akses jalan dan air bersih sangat sulit.
            """,
            requests="""
            - pembangunan permukiman KAT di wilayah kami dapat dilanjutkan
            - wilayah kami dapat diusulkan sebagai lokasi pemberdayaan KAT
            """,
        ),
        _case(
            titles="""
            - Usulan bedah rumah tidak layak huni belum direalisasikan
            - Bantuan usaha ekonomi produktif tidak sampai
            - Bantuan usaha {usaha} tidak pernah diterima
            """,
            situations="""
            - Rumah saya tidak layak huni, atapnya bocor dan dindingnya dari anyaman bambu, dan
              sudah diusulkan untuk rehabilitasi sosial rumah tidak layak huni sejak bulan
              {bulan_awal}.
            - Saya sudah didata sebagai calon penerima bantuan usaha ekonomi produktif untuk usaha
              {usaha}, tetapi bantuannya tidak pernah sampai.
            """,
            requests="""
            - usulan bantuan untuk saya dapat segera direalisasikan
            """,
        ),
    ),
    details="""
    - Kami sudah membuat proposal dan melengkapi semua persyaratan dari Dinas Sosial.
    - Saya bekerja sebagai {pekerjaan} dan berharap bantuan ini bisa menambah penghasilan
      keluarga.
    """,
    attempts="""
    - Kami sudah menanyakan ke Dinas Sosial {city}, tetapi jawabannya masih menunggu anggaran dari
      pusat.
    - Kami sudah melapor ke pendamping kelompok, tetapi tidak ada kejelasan.
    - Kepala desa sudah membuat surat rekomendasi untuk usulan kami.
    """,
)

_PENDAMPING = _topic(
    cases=(
        _case(
            titles="""
            - Pendamping PKH meminta uang kepada KPM
            - Oknum pendamping meminta imbalan setiap pencairan
            - Pendamping PKH di {desa} minta uang {potongan}
            - Pendamping PKH berinisial {inisial} meminta uang transport
            """,
            situations="""
            - Pendamping PKH di {desa} meminta uang {potongan} kepada setiap KPM setiap kali bantuan
              cair, katanya untuk uang transport.
            - Setiap pencairan bantuan, pendamping PKH berinisial {inisial} meminta kami
              menyerahkan {potongan} dengan alasan ucapan terima kasih.
            """,
            requests="""
            - pendamping tersebut diperiksa dan diberi sanksi
            - praktik meminta uang kepada KPM dihentikan
            """,
        ),
        _case(
            titles="""
            - Pendamping PKH menahan kartu KKS warga
            - Pendamping PKH tidak pernah datang ke desa
            - Pertemuan P2K2 di {desa} tidak pernah dilaksanakan
            - Sudah {n_bulan} bulan pendamping PKH tidak bisa dihubungi
            """,
            situations="""
            - Kartu KKS dan buku tabungan milik KPM di {desa} dikumpulkan dan dipegang oleh
              pendamping PKH, sehingga kami tidak tahu berapa saldo yang masuk.
            - Sudah {n_bulan} bulan pendamping PKH tidak pernah datang ke desa kami dan tidak bisa
              dihubungi, padahal banyak KPM yang bantuannya bermasalah.
            - Pertemuan kelompok P2K2 di desa kami tidak pernah dilaksanakan, pendamping hanya
              muncul saat ada pencairan.
            """,
            requests="""
            - kartu KKS milik KPM dikembalikan kepada pemiliknya
            - pendamping PKH di wilayah kami dievaluasi dan diganti dengan yang lebih bertanggung
              jawab
            """,
        ),
        _case(
            titles="""
            - TKSK kecamatan tidak menanggapi laporan warga
            - Pendamping sosial bersikap kasar kepada warga
            - Pendamping PKH mengutamakan kerabatnya
            - Pendamping PKH berinisial {inisial} mengancam mencoret KPM
            """,
            situations="""
            - TKSK di kecamatan kami tidak pernah menanggapi laporan warga soal bantuan yang tidak
              tepat sasaran, bahkan pesan kami tidak dibalas.
            - Pendamping PKH berinisial {inisial} bersikap kasar dan mengancam akan mencoret nama
              KPM yang berani bertanya soal bantuan.
            - Pendamping PKH di desa kami memasukkan kerabat dan keluarganya sendiri sebagai
              penerima bantuan, padahal mereka tergolong mampu.
            """,
            requests="""
            - ada teguran kepada petugas tersebut
            - perilaku petugas tersebut ditindak sesuai aturan
            """,
        ),
    ),
    details="""
    - Banyak KPM takut melapor karena khawatir namanya dicoret dari daftar penerima.
    - Kejadian ini sudah berlangsung sejak bulan {bulan_awal} dan dialami sekitar {jumlah_kpm}
      KPM.
    - Saya bersedia memberikan keterangan jika diperlukan, tetapi mohon identitas saya
      dirahasiakan.
    """,
    attempts="""
    - Kami sudah menyampaikan hal ini ke kepala desa, tetapi tidak ada tindakan.
    - Saya sudah melapor ke koordinator PKH kabupaten, tetapi belum ada perubahan.
    - Saya sudah melapor ke Dinas Sosial {city}, tetapi belum ada tanggapan.
    """,
    intro="Pelapor mengadukan perilaku petugas pendamping di wilayahnya.",
)

_PUNGLI = _topic(
    cases=(
        _case(
            titles="""
            - Pemotongan bantuan {program} oleh oknum perangkat desa
            - Dugaan pungli penyaluran {program} di {desa}
            - Bansos dipotong {potongan} per KPM
            - Oknum {pelaku} memotong bantuan warga
            - Bantuan {program} bulan {bulan} dipotong oknum {pelaku}
            """,
            situations="""
            - Setiap pencairan bantuan di {desa}, oknum {pelaku} berinisial {inisial} memotong
              {potongan} dari setiap KPM dengan alasan uang administrasi.
            - Bantuan {program} yang seharusnya diterima utuh dipotong {potongan} per KPM oleh
              oknum {pelaku} dengan alasan untuk uang kas dan transport petugas.
            - Warga di {desa} dipaksa menyerahkan {potongan} setelah mengambil bantuan {program},
              yang menolak diancam tidak akan didata lagi.
            """,
            requests="""
            - Inspektorat Jenderal Kementerian Sosial memeriksa dugaan pemotongan bantuan
              tersebut
            - oknum yang memotong bantuan diperiksa dan uang warga dikembalikan
            """,
        ),
        _case(
            titles="""
            - Agen e-warong memotong saldo BPNT warga
            - Sembako BPNT dijual paksa dengan harga mahal
            - Saldo BPNT warga {desa} digesek tanpa barang
            - Saldo BPNT {nominal_bpnt} hanya dapat sembako {nilai_diterima}
            """,
            situations="""
            - Agen e-warong di {desa} menggesek kartu KKS kami senilai {nominal_bpnt} tetapi
              sembako yang diberikan hanya senilai sekitar {nilai_diterima}.
            - Oknum pengurus e-warong yang juga kerabat kepala desa memotong saldo BPNT warga
              sebesar {potongan} setiap bulan tanpa ada barang yang diberikan.
            """,
            requests="""
            - penyaluran BPNT di e-warong tersebut diperiksa oleh Inspektorat
            """,
        ),
        _case(
            titles="""
            - Diminta bayar untuk didaftarkan sebagai penerima bansos
            - Pungutan biaya pendaftaran DTKS oleh oknum
            - Bayar {biaya_daftar} agar masuk PKH tapi tidak masuk
            - Oknum {pelaku} minta {biaya_daftar} untuk daftar DTKS
            """,
            situations="""
            - Oknum {pelaku} meminta uang {biaya_daftar} kepada warga yang ingin didaftarkan ke DTKS
              dan menjanjikan pasti menerima bansos.
            - Saya diminta membayar {biaya_daftar} oleh oknum {pelaku} supaya nama saya dimasukkan
              sebagai penerima PKH, tetapi setelah membayar nama saya tetap tidak ada.
            """,
            requests="""
            - pungutan liar dalam pendaftaran bansos di desa kami diusut
            """,
        ),
    ),
    details="""
    - Pemotongan ini sudah berlangsung sejak bulan {bulan_awal} dan dialami sekitar {jumlah_kpm}
      KPM.
    - Saya memiliki foto dan rekaman suara sebagai bukti pemotongan tersebut.
    - Warga tidak berani melapor langsung karena takut dicoret dari daftar penerima.
    - Uang yang dipotong tidak pernah dijelaskan penggunaannya kepada warga.
    """,
    attempts="""
    - Kami sudah menyampaikan keberatan ke kepala desa, tetapi justru dimarahi.
    - Saya sudah melapor ke pendamping PKH, tetapi tidak ada tindakan.
    - Warga sudah pernah mengadu ke kecamatan, tetapi praktik ini tetap berjalan.
    """,
    requests="""
    - identitas saya dirahasiakan dan kasus ini diperiksa secara tuntas
    """,
    intro="Pelapor mengadukan dugaan pungutan liar dalam penyaluran bantuan sosial.",
)

_CEK_BANSOS = _topic(
    cases=(
        _case(
            titles="""
            - Aplikasi Cek Bansos tidak bisa dibuka
            - Kode OTP aplikasi Cek Bansos tidak pernah masuk
            - Gagal membuat akun di aplikasi Cek Bansos
            - Verifikasi foto KTP di aplikasi Cek Bansos selalu gagal
            - Tidak bisa daftar akun Cek Bansos sejak bulan {bulan}
            """,
            situations="""
            - Aplikasi Cek Bansos di HP saya selalu keluar sendiri setiap kali dibuka, padahal
              sudah diperbarui ke versi terbaru.
            - Saat membuat akun di aplikasi Cek Bansos, kode OTP tidak pernah masuk ke email maupun
              nomor HP saya walaupun sudah dicoba berkali-kali.
            - Foto KTP dan foto diri saya yang diunggah di aplikasi Cek Bansos selalu ditolak
              dengan keterangan data tidak sesuai, padahal KTP saya asli.
            """,
            requests="""
            - gangguan pada aplikasi Cek Bansos dapat segera diperbaiki
            - akun saya di aplikasi Cek Bansos dapat diaktifkan
            """,
            details="""
            - Saya sudah mencoba menghapus dan memasang ulang aplikasinya.
            """,
        ),
        _case(
            titles="""
            - Situs Cek Bansos tidak menampilkan hasil pencarian
            - Hasil Cek Bansos berbeda dengan keterangan desa
            - Nama tidak ditemukan di Cek Bansos, warga {city}
            - Cek Bansos periode {bulan} menampilkan data yang salah
            """,
            situations="""
            - Waktu saya mengecek nama di situs cekbansos.kemensos.go.id, hasilnya selalu tidak
              ditemukan walaupun nama dan wilayah sudah diisi sesuai KTP.
            - Di situs Cek Bansos nama saya tercatat sebagai penerima BPNT periode {bulan}, tetapi
              menurut desa saya tidak termasuk penerima.
            """,
            requests="""
            - data di situs Cek Bansos dapat disesuaikan dengan data yang sebenarnya
            """,
        ),
        _case(
            titles="""
            - Usulan lewat menu Usul Cek Bansos ditolak tanpa alasan
            - Status usulan di aplikasi Cek Bansos tidak berubah sejak {bulan_awal}
            - Sanggahan di aplikasi Cek Bansos tidak ditanggapi
            - Usulan bansos lewat aplikasi sejak {bulan_awal} belum diverifikasi
            """,
            situations="""
            - Saya sudah mengajukan usulan sebagai penerima bansos lewat menu Usul di aplikasi Cek
              Bansos sejak bulan {bulan_awal}, tetapi statusnya masih dalam proses sampai sekarang.
            - Usulan saya di aplikasi Cek Bansos ditolak tanpa keterangan alasan yang jelas,
              padahal keluarga kami memenuhi syarat.
            - Saya sudah mengirim sanggahan lewat menu Sanggah di aplikasi Cek Bansos karena ada
              tetangga mampu yang menerima bansos, tetapi tidak ada tanggapan.
            """,
            requests="""
            - usulan saya di aplikasi Cek Bansos dapat segera diverifikasi
            - ada penjelasan mengenai alasan usulan saya ditolak
            """,
        ),
    ),
    details="""
    - Saya memakai HP Android dengan koneksi internet yang lancar.
    - Beberapa tetangga saya di {desa} juga mengalami masalah yang sama.
    """,
    attempts="""
    - Saya sudah menanyakan ke operator desa, tetapi katanya operator juga tidak bisa membantu
      masalah aplikasi.
    - Saya sudah mencoba dari HP lain dan hasilnya tetap sama.
    - Saya sudah mengirim email ke layanan pengaduan Kemensos, tetapi belum dibalas.
    """,
)

_BUKAN_KEWENANGAN = _topic(
    cases=(
        _case(
            titles="""
            - KTP elektronik belum jadi sejak perekaman
            - Mohon bantuan pengurusan KK yang salah data
            - Pelayanan Disdukcapil {city} lambat
            - Perekaman KTP sejak bulan {bulan_awal} belum dicetak
            """,
            situations="""
            - Saya sudah melakukan perekaman KTP elektronik di Disdukcapil {city} sejak bulan
              {bulan_awal}, tetapi sampai sekarang KTP saya belum jadi dengan alasan blangko habis.
            - Data di Kartu Keluarga saya salah, tanggal lahir dan nama anak saya tidak sesuai akta
              kelahiran, sehingga anak saya kesulitan mendaftar sekolah.
            """,
            requests="""
            - KTP elektronik saya dapat segera dicetak
            - data di Kartu Keluarga saya dapat diperbaiki
            """,
        ),
        _case(
            titles="""
            - Dana PIP anak saya belum cair
            - Anak tidak mampu belum terdaftar KIP
            - Anak sekolah dari keluarga miskin tidak dapat PIP
            """,
            situations="""
            - Anak saya pemegang Kartu Indonesia Pintar, tetapi dana PIP tahun ini belum masuk ke
              rekening padahal teman sekolahnya sudah menerima.
            - Anak saya bersekolah di SD negeri dan keluarga kami tidak mampu, tetapi pihak sekolah
              tidak mengusulkan anak saya sebagai penerima KIP.
            """,
            requests="""
            - hak pendidikan anak saya melalui KIP dapat dipenuhi
            """,
        ),
        _case(
            titles="""
            - Klaim JHT BPJS Ketenagakerjaan dipersulit
            - Subsidi gaji tidak diterima padahal peserta BPJS Ketenagakerjaan
            - BLT Dana Desa di {desa} tidak dibagikan kepada warga
            - Klaim JHT diajukan sejak {bulan_awal} belum cair
            """,
            situations="""
            - Saya sudah mengajukan klaim JHT BPJS Ketenagakerjaan sejak bulan {bulan_awal}
              setelah berhenti bekerja, tetapi pencairannya terus ditunda dengan alasan berkas
              kurang.
            - Saya pekerja yang terdaftar di BPJS Ketenagakerjaan dengan gaji di bawah batas,
              tetapi tidak menerima bantuan subsidi upah seperti rekan kerja saya.
            - BLT Dana Desa di {desa} tidak dibagikan kepada warga yang berhak, hanya kerabat
              perangkat desa yang menerima.
            """,
            requests="""
            - hak saya dapat dipenuhi sesuai aturan yang berlaku
            - ada kejelasan dari instansi yang berwenang
            """,
        ),
    ),
    details="""
    - Saya tidak tahu harus mengadu ke mana lagi sehingga melapor lewat kanal ini.
    - Saya sudah bolak-balik mengurus dan menghabiskan banyak biaya transport.
    - Masalah ini sangat mendesak bagi keluarga kami.
    """,
    attempts="""
    - Saya sudah datang langsung ke kantor yang bersangkutan, tetapi disuruh kembali lagi minggu
      depan.
    - Saya sudah menanyakan ke kantor desa, tetapi diarahkan ke instansi lain.
    - Saya sudah menelepon layanan pengaduan, tetapi tidak tersambung.
    """,
    generic_details=False,
)

_INFORMASI = _topic(
    cases=(
        _case(
            titles="""
            - Cara mendaftar PKH untuk keluarga tidak mampu
            - Bagaimana cara masuk DTKS
            - Syarat mendapatkan bantuan sosial dari Kemensos
            - Cara mendaftarkan lansia sebagai penerima PKH
            - Syarat PKH komponen lansia untuk {lansia}
            """,
            situations="""
            - bagaimana cara mendaftarkan keluarga saya ke DTKS supaya bisa menerima bantuan sosial
            - apa saja syarat supaya {lansia} yang sudah berusia 75 tahun bisa menerima PKH
              komponen lansia
            - apakah warga pendatang yang KTP-nya belum pindah ke {city} bisa didaftarkan sebagai
              penerima bansos
            """,
            requests="""
            - ada penjelasan mengenai syarat dan prosedur pendaftarannya
            """,
        ),
        _case(
            titles="""
            - Jadwal pencairan PKH {tahap}
            - Kapan BPNT bulan {bulan} disalurkan
            - Informasi jadwal penyaluran bansos di {city}
            - Penyaluran bansos bulan {bulan} lewat pos atau bank
            """,
            situations="""
            - kapan jadwal pencairan PKH {tahap} untuk wilayah {city}
            - kapan BPNT untuk bulan {bulan} disalurkan, karena sampai sekarang di {desa} belum ada
              informasi
            - apakah penyaluran bansos bulan {bulan} di {city} melalui kantor pos atau melalui bank
            """,
            requests="""
            - jadwal penyaluran dapat diumumkan supaya warga tidak bolak-balik menanyakan
            """,
        ),
        _case(
            titles="""
            - Cara mengecek status penerima bansos
            - Informasi penerimaan pendamping PKH
            - Apakah BST masih disalurkan
            - Cara cek nama penerima bansos bulan {bulan}
            """,
            situations="""
            - bagaimana cara mengecek apakah nama saya masih terdaftar sebagai penerima bansos
            - apakah ada penerimaan pendamping sosial PKH tahun ini dan di mana informasinya
              diumumkan
            - apakah Bantuan Sosial Tunai masih disalurkan, karena di desa kami sudah tidak ada
              pembagian lagi
            """,
            requests="""
            - saya mendapatkan informasi yang jelas dan resmi
            """,
        ),
    ),
    details="""
    - Di desa kami informasi seperti ini sulit didapat dan sering simpang siur.
    - Saya sudah mencari di media sosial, tetapi banyak informasi yang berbeda-beda.
    - Banyak warga lain yang juga menanyakan hal yang sama kepada saya.
    """,
    attempts="""
    - Saya sudah bertanya ke kantor desa, tetapi petugasnya juga belum tahu.
    - Saya sudah mencoba menghubungi Dinas Sosial {city}, tetapi belum mendapat jawaban.
    """,
    question=True,
    generic_details=False,
)

_TOPICS: dict[str, _Topic] = {
    "DTKS": _DTKS,
    "PKH": _PKH,
    "BPNT": _BPNT,
    "BST": _BST,
    "PBI-JK": _PBI_JK,
    "KKS": _KKS,
    "ATENSI": _ATENSI,
    "BENCANA": _BENCANA,
    "PEMBERDAYAAN": _PEMBERDAYAAN,
    "PENDAMPING": _PENDAMPING,
    "PUNGLI": _PUNGLI,
    "CEK-BANSOS": _CEK_BANSOS,
    "BUKAN-KEWENANGAN": _BUKAN_KEWENANGAN,
    "INFORMASI": _INFORMASI,
}

_GENERIC_DETAILS = _items(
    """
    - Kondisi ekonomi keluarga kami sedang sangat sulit dan kami sangat membutuhkan bantuan ini.
    - Saya hanya bekerja sebagai {pekerjaan} dengan penghasilan sekitar {penghasilan} per hari.
    - Saya tinggal bersama {jumlah} anggota keluarga dan menjadi satu-satunya yang mencari nafkah.
    """
)

# --- Pieces of the citizen's text ----------------------------------------------------------------

_IDENTITIES = _items(
    """
    - Saya warga {desa}, {rt_rw}, {city}, {province}.
    - Saya tinggal di {desa}, {city}.
    - Saya warga {city}, tepatnya di {desa}.
    - Perkenalkan, saya warga {desa} di {city}, {province}.
    """
)

#: Openers and closers by writing style: tidy, casual, careless.
_OPENERS: dict[str, tuple[str, ...]] = {
    "rapi": _items(
        """
        - Assalamualaikum warahmatullahi wabarakatuh.
        - Selamat pagi, Bapak dan Ibu di Kementerian Sosial.
        - Dengan hormat, saya ingin menyampaikan pengaduan.
        - Kepada Yth Kementerian Sosial Republik Indonesia.
        """
    ),
    "santai": _items(
        """
        - Assalamualaikum.
        - Selamat siang admin.
        - Permisi, saya mau melapor.
        - Mohon maaf mengganggu, saya mau menyampaikan keluhan.
        """
    ),
    "asal": _items(
        """
        - Tolong dibantu pak bu.
        - Min tolong dibaca laporan saya.
        - Selamat malam admin lapor.
        - Assalamualaikum min.
        """
    ),
}
_CLOSERS: dict[str, tuple[str, ...]] = {
    "rapi": _items(
        """
        - Atas perhatian dan bantuannya saya ucapkan terima kasih.
        - Demikian pengaduan saya, terima kasih.
        - Wassalamualaikum warahmatullahi wabarakatuh.
        """
    ),
    "santai": _items(
        """
        - Terima kasih, mohon segera ditindaklanjuti.
        - Mohon dibantu ya, terima kasih.
        - Semoga cepat ditanggapi.
        """
    ),
    "asal": _items(
        """
        - Tolong secepatnya ditanggapi!!
        - Makasih min.
        - Jangan cuma dibaca saja, tolong ditindak.
        """
    ),
}

#: Where the reporter says the problem is, added to a title that names no place.
_TITLE_PLACES = (" di {desa}", " di {city}", " di {desa} {city}", ", {city}")

_REQUEST_FORMS = ("Mohon agar ", "Saya mohon agar ", "Saya berharap ", "Harapan saya, ")
_REQUEST_FORMS_MORE = ("Mohon kiranya ", "Tolong supaya ", "Kami mohon agar ", "Saya minta agar ")
_QUESTION_FORMS = (
    ("Saya ingin bertanya, ", "?"),
    ("Mau tanya, ", "?"),
    ("Mohon informasinya, ", "?"),
    ("Saya mau menanyakan ", "."),
)
_NIK_FORMS = ("NIK saya {nik}.", "Ini NIK saya {nik}.", "Sebagai data, NIK saya {nik}.")
_PHONE_FORMS = (
    "No HP saya {hp}.",
    "Kalau perlu konfirmasi bisa hubungi saya di nomor {hp}.",
    "Nomor WA saya {hp}, bisa dihubungi kapan saja.",
)

# --- Pieces of the admin's text ------------------------------------------------------------------

_EDITED_VERBS = ("menyampaikan", "melaporkan", "mengadukan", "menginformasikan")
_EDITED_VERBS_AFTER_INTRO = ("menyampaikan", "menjelaskan")
_EDITED_QUESTION_VERBS = ("menanyakan", "ingin mengetahui")
_EDITED_REQUESTS = (
    "Pelapor memohon agar ",
    "Pelapor berharap agar ",
    "Untuk itu, pelapor memohon agar ",
    "Pelapor meminta agar ",
)
_EDITED_NIK = ("NIK pelapor: {nik}.", "Pelapor mencantumkan NIK {nik}.")
_EDITED_PHONE = (
    "Pelapor dapat dihubungi melalui nomor {hp}.",
    "Nomor telepon pelapor yang dapat dihubungi: {hp}.",
)

# --- Slot values ---------------------------------------------------------------------------------

_MONTHS = (
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
_MONTH_INDEX = {name.lower(): index for index, name in enumerate(_MONTHS)}

_PROVINCE_CODES = {
    "Aceh": "11",
    "Sumatera Utara": "12",
    "Sumatera Barat": "13",
    "Sumatera Selatan": "16",
    "Lampung": "18",
    "DKI Jakarta": "31",
    "Jawa Barat": "32",
    "Jawa Tengah": "33",
    "DI Yogyakarta": "34",
    "Jawa Timur": "35",
    "Banten": "36",
    "Bali": "51",
    "Nusa Tenggara Barat": "52",
    "Nusa Tenggara Timur": "53",
    "Kalimantan Barat": "61",
    "Sulawesi Selatan": "73",
}

#: Real kelurahan of the Jakarta cities; elsewhere village names are common, generic ones.
_JAKARTA_VILLAGES = {
    "Kota Jakarta Timur": (
        "Cipinang Melayu",
        "Bambu Apus",
        "Pulo Gebang",
        "Kramat Jati",
        "Cililitan",
        "Klender",
    ),
    "Kota Jakarta Barat": (
        "Kapuk",
        "Cengkareng Timur",
        "Kalideres",
        "Duri Kosambi",
        "Tambora",
        "Kebon Jeruk",
    ),
    "Kota Jakarta Utara": (
        "Cilincing",
        "Kalibaru",
        "Penjaringan",
        "Rorotan",
        "Koja",
        "Semper Barat",
    ),
    "Kota Jakarta Selatan": (
        "Pasar Minggu",
        "Manggarai",
        "Kebagusan",
        "Cilandak Barat",
        "Tebet Barat",
        "Pesanggrahan",
    ),
    "Kota Jakarta Pusat": (
        "Kemayoran",
        "Johar Baru",
        "Galur",
        "Kebon Kacang",
        "Petamburan",
        "Cempaka Putih Timur",
    ),
}
_SUNDA_VILLAGES = (
    "Sukamaju",
    "Sukamulya",
    "Mekarsari",
    "Cibodas",
    "Sindangsari",
    "Mekarjaya",
    "Sukaresmi",
    "Sirnagalih",
)
_JAWA_VILLAGES = (
    "Sidomulyo",
    "Karangrejo",
    "Sumberejo",
    "Mulyorejo",
    "Tegalsari",
    "Kedungrejo",
    "Sukorejo",
    "Margomulyo",
    "Banjarsari",
)
_VILLAGES_BY_PROVINCE: dict[str, tuple[str, ...]] = {
    "Jawa Barat": _SUNDA_VILLAGES,
    "Banten": _SUNDA_VILLAGES,
    "Jawa Tengah": _JAWA_VILLAGES,
    "DI Yogyakarta": _JAWA_VILLAGES,
    "Jawa Timur": _JAWA_VILLAGES,
    "Aceh": ("Meunasah Baro", "Lampaseh", "Blang Oi", "Lamteh", "Lambaro", "Cot Mesjid"),
    "Sumatera Utara": ("Sei Mencirim", "Bandar Setia", "Sampali", "Helvetia", "Sidorejo"),
    "Sumatera Barat": ("Koto Baru", "Sungai Pua", "Lubuk Alung", "Koto Tangah", "Batu Taba"),
    "Sumatera Selatan": ("Sungai Pinang", "Talang Kelapa", "Sukajadi", "Kenten", "Talang Jambe"),
    "Lampung": ("Sidomulyo", "Karang Anyar", "Rejosari", "Negeri Sakti", "Tanjung Sari"),
    "Kalimantan Barat": ("Sungai Raya", "Sungai Kakap", "Parit Baru", "Kuala Dua", "Rasau Jaya"),
    "Sulawesi Selatan": ("Bontomarannu", "Pattallassang", "Tamalanrea", "Bontoala", "Mandai"),
    "Bali": ("Batuan", "Kesiman", "Sumerta", "Penatih", "Sangsit", "Pemecutan"),
    "Nusa Tenggara Barat": ("Sukarara", "Pringgasela", "Sembalun Lawang", "Penujak", "Kuta"),
    "Nusa Tenggara Timur": ("Oebelo", "Noelbaki", "Tarus", "Naibonat", "Oesao"),
}
_OTHER_VILLAGES = (
    "Kampung Baru",
    "Suka Damai",
    "Sungai Baru",
    "Tanjung Harapan",
    "Bukit Raya",
    "Sumber Makmur",
    "Mekar Jaya",
)
#: What a village is called outside the cities, where it is not simply "Desa".
_VILLAGE_WORDS = {"Aceh": "Gampong", "Sumatera Barat": "Nagari"}

_PKH_COMPONENTS = (
    ("anak SD", 225_000),
    ("anak SMP", 375_000),
    ("anak SMA", 500_000),
    ("ibu hamil", 750_000),
    ("anak usia dini", 750_000),
    ("lansia", 600_000),
    ("penyandang disabilitas berat", 600_000),
)
_SLOT_CHOICES: dict[str, tuple[str, ...]] = {
    "n_bulan": ("dua", "tiga", "empat", "lima", "enam"),
    "n_tahun": ("dua", "tiga", "empat", "lima"),
    "n_minggu": ("dua", "tiga"),
    "jumlah": ("tiga", "empat", "lima", "enam", "tujuh"),
    "jumlah_kpm": ("15", "20", "25", "30", "40", "50", "75"),
    "anggota": (
        "ibu saya",
        "bapak saya",
        "suami saya",
        "istri saya",
        "anak saya",
        "nenek saya",
        "mertua saya",
    ),
    "lansia": ("ibu saya", "bapak saya", "nenek saya", "kakek saya", "mertua saya"),
    "pekerjaan": (
        "buruh tani",
        "buruh harian lepas",
        "pedagang kecil",
        "tukang ojek",
        "pemulung",
        "buruh cuci",
        "nelayan kecil",
        "kuli bangunan",
    ),
    "desil": ("desil 5", "desil 6", "desil 7", "desil 8"),
    "tahap": ("tahap 1", "tahap 2", "tahap 3", "tahap 4"),
    "sembako": (
        "beras 10 kilogram dan telur",
        "beras 5 kilogram, minyak goreng, dan gula",
        "beras dan dua papan telur",
        "beras, kentang, dan kacang hijau",
    ),
    "penyakit": ("cuci darah", "kemoterapi", "operasi jantung", "operasi katarak", "rawat inap"),
    "faskes": ("puskesmas", "rumah sakit", "RSUD", "klinik"),
    "alat_bantu": ("kursi roda", "kaki palsu", "alat bantu dengar", "tongkat adaptif", "kruk"),
    "bencana": ("banjir", "tanah longsor", "angin puting beliung", "gempa bumi", "kebakaran"),
    "usaha": (
        "ternak kambing",
        "warung sembako",
        "menjahit",
        "produksi keripik",
        "budidaya ikan lele",
    ),
    "pelaku": ("perangkat desa", "ketua kelompok PKH", "ketua RT", "petugas desa"),
    "program": ("PKH", "BPNT", "BST", "BLT BBM"),
}
_AMOUNTS: dict[str, tuple[int, ...]] = {
    "penghasilan": (30_000, 40_000, 50_000, 60_000, 75_000),
    "potongan": (20_000, 25_000, 50_000, 100_000, 150_000, 200_000),
    "biaya": (1_500_000, 2_750_000, 4_500_000, 7_000_000, 12_000_000),
    "biaya_daftar": (100_000, 150_000, 200_000, 250_000, 500_000),
    "nilai_diterima": (100_000, 110_000, 120_000, 135_000, 150_000),
}
_INITIAL_LETTERS = "ABDEFHIJKMNRSTWY"
_PHONE_PREFIXES = (
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0823",
    "0852",
    "0853",
    "0814",
    "0815",
    "0816",
    "0855",
    "0856",
    "0857",
    "0858",
    "0817",
    "0818",
    "0819",
    "0859",
    "0877",
    "0878",
    "0831",
    "0838",
    "0895",
    "0896",
    "0897",
    "0881",
    "0882",
)

# --- Informal writing ----------------------------------------------------------------------------

#: Standard words and what careless writers type instead.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "yang": ("yg",),
    "tidak": ("tdk", "gak", "nggak", "ga"),
    "sudah": ("sdh", "udah"),
    "belum": ("blm", "belom"),
    "untuk": ("utk",),
    "dengan": ("dgn",),
    "karena": ("krn", "karna"),
    "sampai": ("sampe",),
    "bagaimana": ("gimana", "bgmn"),
    "saja": ("aja",),
    "tetapi": ("tapi", "tp"),
    "padahal": ("pdhl",),
    "sekarang": ("skrg", "skrng"),
    "terima kasih": ("terimakasih", "makasih", "trimakasih"),
    "dari": ("dr",),
    "juga": ("jg",),
    "saya": ("sy",),
    "mohon": ("mhn",),
    "tolong": ("tlg",),
    "bulan": ("bln",),
    "hanya": ("cuma", "cuman"),
    "kalau": ("kalo", "klo"),
    "tersebut": ("tsb",),
    "tahun": ("thn",),
    "sebelumnya": ("sblmnya",),
    "ingin": ("mau", "pengen"),
}
_ABBREVIATION_RE = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in _ABBREVIATIONS) + r")\b", re.IGNORECASE
)
#: Per style: chance of abbreviating a word, of a typo in a long word, of shouting the request.
_STYLE_RATES: dict[str, tuple[float, float, float]] = {
    "rapi": (0.0, 0.0, 0.0),
    "santai": (0.45, 0.015, 0.2),
    "asal": (0.8, 0.05, 0.5),
}

_FIRST_PERSON = (
    (re.compile(r"\bSaya\b"), "Pelapor"),
    (re.compile(r"\bsaya\b"), "pelapor"),
    (re.compile(r"\bKami\b"), "Pelapor"),
    (re.compile(r"\bkami\b"), "pelapor"),
)

_MAX_SENTENCES = 8
_TARGET_LENGTH = 260
_MAX_TITLE = 150


# --- Helpers -------------------------------------------------------------------------------------


def _rupiah(amount: int) -> str:
    """Format an amount the Indonesian way, e.g. ``Rp600.000``."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an acronym such as ``BST``."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _normalise_month(month_name_id: str) -> str:
    index = _MONTH_INDEX.get(month_name_id.strip().lower())
    if index is None:
        raise ValueError(f"unknown Indonesian month name: {month_name_id!r}")
    return _MONTHS[index]


def _village(rng: random.Random, province: str, city: str) -> str:
    if city in _JAKARTA_VILLAGES:
        return "Kelurahan " + rng.choice(_JAKARTA_VILLAGES[city])
    name = rng.choice(_VILLAGES_BY_PROVINCE.get(province, _OTHER_VILLAGES))
    if city.startswith("Kota "):
        return "Kelurahan " + name
    return _VILLAGE_WORDS.get(province, "Desa") + " " + name


def _nik(rng: random.Random, province: str, city: str) -> str:
    """A NIK-shaped number: region codes, a valid birth date and the never-issued serial 0000."""
    code = _PROVINCE_CODES.get(province) or str(rng.randint(31, 36))
    regency = rng.randint(71, 79) if city.startswith("Kota ") else rng.randint(1, 25)
    district = rng.randint(1, 30)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    month = rng.randint(1, 12)
    year = rng.randint(1950, 2002) % 100
    return f"{code}{regency:02d}{district:02d}{day:02d}{month:02d}{year:02d}0000"


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(_PHONE_PREFIXES)
    middle = f"{rng.randint(0, 9999):04d}"
    last = f"{rng.randint(0, 9999):04d}" if rng.random() < 0.8 else f"{rng.randint(0, 999):03d}"
    layout = rng.random()
    if layout < 0.45:
        return f"{prefix}-{middle}-{last}"
    if layout < 0.8:
        return f"{prefix}{middle}{last}"
    if layout < 0.9:
        return f"{prefix} {middle} {last}"
    return f"+62 {prefix[1:]}-{middle}-{last}"


def _draw_slots(rng: random.Random, province: str, city: str, month: str) -> dict[str, str]:
    """Draw every value a template may ask for, always in the same order."""
    index = _MONTH_INDEX[month.lower()]
    component, per_stage = rng.choice(_PKH_COMPONENTS)
    slots = {
        "province": province,
        "city": city,
        "desa": _village(rng, province, city),
        "rt_rw": f"RT {rng.randint(1, 15):02d} RW {rng.randint(1, 12):02d}",
        "bulan": month,
        "bulan_awal": _MONTHS[(index - rng.randint(1, 3)) % 12],
        "komponen": component,
        "nominal_pkh": _rupiah(per_stage),
        "bank": "BSI" if province == "Aceh" else rng.choice(("BRI", "BNI", "Mandiri")),
        "nominal_bpnt": _rupiah(200_000),
        "nominal_bpnt_3": _rupiah(600_000),
        "inisial": "".join(rng.choice(_INITIAL_LETTERS) for _ in range(2)),
    }
    for name, choices in _SLOT_CHOICES.items():
        slots[name] = rng.choice(choices)
    for name, amounts in _AMOUNTS.items():
        slots[name] = _rupiah(rng.choice(amounts))
    return slots


def _third_person(text: str) -> str:
    """Turn the citizen's "saya"/"kami" into "pelapor", as the portal admin writes."""
    for pattern, replacement in _FIRST_PERSON:
        text = pattern.sub(replacement, text)
    return text


def _clause(text: str, *, lower: bool = True) -> str:
    """Make a sentence ready to follow "bahwa" or "agar".

    Args:
        text: A sentence already in the third person.
        lower: Whether to lower its first letter (request clauses may open with a name).

    Returns:
        The clause, with a leading "pelapor" turned into "dirinya".
    """
    if lower:
        text = _lower_first(text)
    if text.startswith("pelapor "):
        return "dirinya " + text[len("pelapor ") :]
    return text


def _typo(rng: random.Random, word: str) -> str:
    position = rng.randint(1, len(word) - 3)
    kind = rng.random()
    if kind < 0.4:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind < 0.7:
        return word[:position] + word[position + 1 :]
    return word[: position + 1] + word[position:]


def _informal(rng: random.Random, sentence: str, style: str) -> str:
    """Write a sentence the way the citizen would: abbreviations and the odd typo."""
    abbreviate, typo, _ = _STYLE_RATES[style]
    if abbreviate:

        def shorten(match: re.Match[str]) -> str:
            word = match.group(0)
            if rng.random() >= abbreviate:
                return word
            short = rng.choice(_ABBREVIATIONS[word.lower()])
            return _upper_first(short) if word[0].isupper() else short

        sentence = _ABBREVIATION_RE.sub(shorten, sentence)
    if typo:
        words = sentence.split(" ")
        for position, word in enumerate(words):
            if len(word) >= 5 and word.isalpha() and word.islower() and rng.random() < typo:
                words[position] = _typo(rng, word)
        sentence = " ".join(words)
    if style != "rapi" and rng.random() < 0.25:
        sentence = sentence.replace("Kabupaten ", "Kab ")
    return sentence


def _style_title(rng: random.Random, title: str, style: str) -> str:
    if style == "asal":
        title = _informal(rng, title, "santai")
    draw = rng.random()
    if draw < 0.12:
        title = title.upper()
    elif draw < 0.18:
        title = _lower_first(title)
    elif draw < 0.24:
        title = rng.choice(("Mohon bantuan, ", "Tolong, ", "Pengaduan: ")) + _lower_first(title)
    if len(title) > _MAX_TITLE:
        title = title[:_MAX_TITLE].rsplit(" ", 1)[0]
    return title


# --- Public API ----------------------------------------------------------------------------------


def compose(
    rng: random.Random, topic_code: str, *, province: str, city: str, month_name_id: str
) -> ComplaintText:
    """Write one synthetic complaint on a topic, set in a region and a month.

    Args:
        rng: The only source of randomness; the same state gives the same complaint.
        topic_code: One of :data:`TOPIC_CODES`.
        province: Province named in the text, e.g. ``"Jawa Barat"``.
        city: Regency or city named in the text, e.g. ``"Kabupaten Bogor"``.
        month_name_id: Indonesian month name the complaint refers to, e.g. ``"Maret"``
            (case-insensitive).

    Returns:
        The title, the citizen's original text, the admin's edited text and whether the
        original contains a NIK or a phone number.

    Raises:
        ValueError: If the topic code or the month name is unknown, or the province or city
            is blank.
    """
    topic = _TOPICS.get(topic_code)
    if topic is None:
        raise ValueError(f"unknown topic code: {topic_code!r}")
    month = _normalise_month(month_name_id)
    province, city = province.strip(), city.strip()
    if not province or not city:
        raise ValueError("province and city must not be blank")

    slots = _draw_slots(rng, province, city, month)
    case = rng.choice(topic.cases)
    style = rng.choices(("rapi", "santai", "asal"), weights=(30, 50, 20))[0]
    title_template = rng.choice(case.titles)
    if "{desa}" not in title_template and "{city}" not in title_template and rng.random() < 0.55:
        title_template += rng.choice(_TITLE_PLACES)
    title = _style_title(rng, title_template.format_map(slots), style)
    situation = rng.choice(case.situations).format_map(slots)
    requests = case.requests if not topic.requests or rng.random() < 0.75 else topic.requests
    request = rng.choice(requests).format_map(slots)

    detail_pool = list(case.details + topic.details)
    if topic.generic_details:
        detail_pool.extend(_GENERIC_DETAILS)
    detail_pool = rng.sample(detail_pool, len(detail_pool))
    attempt_pool = rng.sample(case.attempts + topic.attempts, len(case.attempts + topic.attempts))

    with_identity = rng.random() < 0.5
    has_nik = rng.random() < 0.12
    has_phone = rng.random() < 0.10
    opener = rng.choice(_OPENERS[style]) if rng.random() < 0.5 else ""
    closer = rng.choice(_CLOSERS[style]) if rng.random() < 0.45 else ""
    n_details = rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
    n_attempts = rng.choices((0, 1, 2), weights=(30, 50, 20))[0]

    def count() -> int:
        fixed = 2 + with_identity + has_nik + has_phone + bool(opener) + bool(closer)
        return fixed + n_details + n_attempts

    while count() > _MAX_SENTENCES:
        if n_details:
            n_details -= 1
        elif n_attempts:
            n_attempts -= 1
        else:
            opener = ""
    # Short texts get more facts until they are long enough (8 sentences always are).
    body_length = len(situation) + len(request) + 20
    body_length += sum(len(text) for text in detail_pool[:n_details] + attempt_pool[:n_attempts])
    while body_length < _TARGET_LENGTH and count() < _MAX_SENTENCES:
        if n_details < len(detail_pool):
            body_length += len(detail_pool[n_details])
            n_details += 1
        elif n_attempts < len(attempt_pool):
            body_length += len(attempt_pool[n_attempts])
            n_attempts += 1
        else:
            break
    details = [text.format_map(slots) for text in detail_pool[:n_details]]
    attempts = [text.format_map(slots) for text in attempt_pool[:n_attempts]]
    identity = rng.choice(_IDENTITIES).format_map(slots) if with_identity else ""
    nik = _nik(rng, province, city) if has_nik else ""
    phone = _phone(rng) if has_phone else ""

    original = _write_original(
        rng,
        topic,
        style,
        opener=opener,
        identity=identity,
        situation=situation,
        details=details,
        attempts=attempts,
        nik=nik,
        phone=phone,
        request=request,
        closer=closer,
    )
    edited = _write_edited(
        rng,
        topic,
        slots,
        with_identity=with_identity,
        situation=situation,
        details=details,
        attempts=attempts,
        nik=nik,
        phone=phone,
        request=request,
    )
    return ComplaintText(
        title=title,
        text_original=original,
        text_edited=edited,
        has_nik=has_nik,
        has_phone=has_phone,
    )


def _write_original(
    rng: random.Random,
    topic: _Topic,
    style: str,
    *,
    opener: str,
    identity: str,
    situation: str,
    details: list[str],
    attempts: list[str],
    nik: str,
    phone: str,
    request: str,
    closer: str,
) -> str:
    """The citizen's text: the facts in the first person, informal to a varying degree."""
    if topic.question:
        lead, mark = rng.choice(_QUESTION_FORMS)
        situation = lead + situation + mark
    forms = _REQUEST_FORMS + (_REQUEST_FORMS_MORE if style != "rapi" else ())
    request_sentence = rng.choice(forms) + request + "."
    shout = _STYLE_RATES[style][2]
    if rng.random() < shout:
        request_sentence = request_sentence[:-1] + rng.choice(("!", "!!", "!!!"))
    facts = [situation, *details, *attempts]
    if rng.random() < 0.3 and len(facts) > 2:
        facts[1:] = rng.sample(facts[1:], len(facts) - 1)
    nik_sentence = rng.choice(_NIK_FORMS).format(nik=nik) if nik else ""
    phone_sentence = rng.choice(_PHONE_FORMS).format(hp=phone) if phone else ""
    sentences = [identity]
    if rng.random() < 0.5:
        sentences += [nik_sentence, *facts, request_sentence, phone_sentence]
    else:
        sentences += [*facts, nik_sentence, phone_sentence, request_sentence]
    sentences = [_informal(rng, _upper_first(s), style) for s in sentences if s]
    if style == "asal":
        sentences = [
            s[:-1] + "..." if s.endswith(".") and rng.random() < 0.15 else s for s in sentences
        ]
    if opener:
        sentences.insert(0, _informal(rng, opener, style))
    if closer:
        sentences.append(closer)
    separator = "\n" if opener and style == "rapi" and rng.random() < 0.5 else " "
    text = sentences[0] + separator + " ".join(sentences[1:])
    draw = rng.random()
    if draw < 0.07:
        text = text.upper()
    elif style == "asal" and draw < 0.4:
        text = text.lower()
    return text


def _write_edited(
    rng: random.Random,
    topic: _Topic,
    slots: dict[str, str],
    *,
    with_identity: bool,
    situation: str,
    details: list[str],
    attempts: list[str],
    nik: str,
    phone: str,
    request: str,
) -> str:
    """The admin's text: the same facts in the third person, formal and tidy."""
    who = "Pelapor"
    if with_identity:
        who = "Pelapor yang berdomisili di {desa}, {city}, Provinsi {province}".format_map(slots)
    sentences = [topic.intro] if topic.intro and rng.random() < 0.6 else []
    verbs = _EDITED_VERBS_AFTER_INTRO if sentences else _EDITED_VERBS
    if topic.question:
        verb = rng.choice(_EDITED_QUESTION_VERBS)
        sentences.append(f"{who} {verb} {_clause(_third_person(situation))}.")
    else:
        verb = rng.choice(verbs)
        sentences.append(f"{who} {verb} bahwa {_clause(_third_person(situation))}")
    for detail in details:
        text = _third_person(detail)
        connector = rng.random()
        if connector < 0.3:
            sentences.append("Selain itu, " + _lower_first(text))
        elif connector < 0.6:
            sentences.append("Pelapor menambahkan bahwa " + _clause(text))
        else:
            sentences.append(text)
    for position, attempt in enumerate(attempts):
        text = _third_person(attempt)
        if position == 0 and rng.random() < 0.3:
            text = "Sebelumnya, " + _lower_first(text)
        sentences.append(text)
    if nik:
        sentences.append(rng.choice(_EDITED_NIK).format(nik=nik))
    if phone:
        sentences.append(rng.choice(_EDITED_PHONE).format(hp=phone))
    clause = _clause(_third_person(request), lower=False)
    sentences.append(rng.choice(_EDITED_REQUESTS) + clause + ".")
    return " ".join(_upper_first(sentence) for sentence in sentences)


# --- Reporter names ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NameCulture:
    """Name parts of one naming tradition, by gender; ``last`` parts fit both."""

    weight: int
    male_first: tuple[str, ...]
    female_first: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]
    last: tuple[str, ...] = ()
    middle: bool = True


_NAME_CULTURES = (
    _NameCulture(  # Javanese
        weight=30,
        male_first=("Budi", "Agus", "Slamet", "Joko", "Bambang", "Sugeng", "Heru", "Eko", "Teguh"),
        female_first=("Sri", "Siti", "Endang", "Rini", "Dewi", "Sulastri", "Tutik", "Yuni"),
        male_last=(
            "Santoso",
            "Wibowo",
            "Susanto",
            "Prasetyo",
            "Purnomo",
            "Hartono",
            "Sutrisno",
            "Setiawan",
        ),
        female_last=(
            "Suryani",
            "Lestari",
            "Rahayu",
            "Wulandari",
            "Handayani",
            "Ningsih",
            "Wahyuni",
        ),
    ),
    _NameCulture(  # Sundanese
        weight=15,
        male_first=("Asep", "Ujang", "Dede", "Cecep", "Dadang", "Iwan", "Ade"),
        female_first=("Euis", "Neneng", "Imas", "Yanti", "Cucu", "Enung"),
        male_last=("Sunarya", "Permana", "Hidayat", "Suherman", "Supriatna"),
        female_last=("Nurhayati", "Kurniasih", "Komalasari", "Rohaeti"),
    ),
    _NameCulture(  # Muslim names found everywhere
        weight=15,
        male_first=("Muhammad", "Ahmad", "Abdul", "Rahmat", "Fajar", "Rizki", "Ilham"),
        female_first=("Nur", "Aisyah", "Fatimah", "Khadijah", "Annisa", "Zahra"),
        male_last=("Maulana", "Fauzi", "Ramadhan", "Hakim", "Syahputra"),
        female_last=("Fitriani", "Rahmawati", "Nurjanah", "Maharani", "Aulia"),
    ),
    _NameCulture(  # Batak
        weight=7,
        male_first=("Togar", "Poltak", "Martua", "Hotman", "Parlindungan"),
        female_first=("Rosmawati", "Tiurma", "Romauli", "Dame"),
        male_last=(),
        female_last=(),
        last=("Simanjuntak", "Siregar", "Nasution", "Harahap", "Sitompul", "Hutapea", "Sinaga"),
        middle=False,
    ),
    _NameCulture(  # Minangkabau
        weight=5,
        male_first=("Afrizal", "Yusrizal", "Zulkifli", "Syafrudin", "Erizal"),
        female_first=("Yusnidar", "Nurhasanah", "Rosmaini", "Elfira"),
        male_last=("Effendi", "Syahrial"),
        female_last=(),
        last=("Tanjung", "Chaniago", "Piliang", "Koto", "Sikumbang"),
        middle=False,
    ),
    _NameCulture(  # Bugis and Makassar
        weight=6,
        male_first=("Andi", "Ambo", "Syamsul", "Hasan", "Daeng"),
        female_first=("Hasnah", "Sitti", "Nurhaeni", "Hamsiah"),
        male_last=("Baharuddin", "Syamsuddin", "Nurdin", "Sulaiman", "Rahman"),
        female_last=("Hasanah", "Halijah"),
        middle=False,
    ),
    _NameCulture(  # Balinese: birth-order names with the gender prefix
        weight=5,
        male_first=("I Wayan", "I Made", "I Nyoman", "I Ketut", "I Gede"),
        female_first=("Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Luh"),
        male_last=("Sudarsana", "Suarjana", "Widiarta", "Artawan", "Suardana"),
        female_last=("Sukerti", "Suartini", "Sriasih", "Widiasih", "Ariani"),
        middle=False,
    ),
    _NameCulture(  # Chinese Indonesian
        weight=4,
        male_first=("Rudy", "Yohanes", "Hendrik", "Sutanto", "Andreas"),
        female_first=("Lina", "Mei", "Susanti", "Lanny"),
        male_last=(),
        female_last=(),
        last=("Halim", "Wijaya", "Tanjaya", "Kusuma", "Salim", "Gunadi"),
        middle=False,
    ),
    _NameCulture(  # Eastern Indonesia: NTT, Maluku, North Sulawesi
        weight=6,
        male_first=("Yohanis", "Marthen", "Yakobus", "Fransiskus", "Petrus", "Stefanus"),
        female_first=("Maria", "Yuliana", "Agustina", "Martha", "Veronika"),
        male_last=(),
        female_last=(),
        last=("Ndun", "Manafe", "Tefa", "Bria", "Pattiasina", "Lumenta", "Mandagi"),
        middle=False,
    ),
    _NameCulture(  # Malay Sumatra and Kalimantan
        weight=7,
        male_first=("Hendri", "Syahrul", "Zainal", "Rusdi", "Azhar"),
        female_first=("Rosnani", "Zubaidah", "Halimah", "Rahmah"),
        male_last=("Saputra", "Zulkarnain", "Ismail", "Hamzah"),
        female_last=("Safitri", "Yulianti"),
        middle=False,
    ),
)
_NAME_WEIGHTS = tuple(culture.weight for culture in _NAME_CULTURES)


def reporter_name(rng: random.Random) -> str:
    """Make up an Indonesian full name from common first and last name parts.

    Args:
        rng: The only source of randomness; the same state gives the same name.

    Returns:
        A name such as "Siti Rahayu", "Asep Sunarya" or "Ni Made Sukerti": two or three parts
        of one naming tradition, with first and last parts of the same gender.
    """
    culture = rng.choices(_NAME_CULTURES, weights=_NAME_WEIGHTS)[0]
    female = rng.random() < 0.5
    firsts = culture.female_first if female else culture.male_first
    lasts = (culture.female_last if female else culture.male_last) + culture.last
    first = rng.choice(firsts)
    if culture.middle and rng.random() < 0.25:
        middle = rng.choice(firsts)
        if middle != first:
            first = f"{first} {middle}"
    return f"{first} {rng.choice(lasts)}"
