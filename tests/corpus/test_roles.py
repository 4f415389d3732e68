import pytest

from corpus.roles import REQUIRED_CATEGORIES, institution_and_region, load_taxonomy


@pytest.mark.parametrize("role, category", [
    ("Anggota Komisi I DPRD Kota Bekasi", "anggota_dprd"),
    ("Ketua DPRD Kota Bekasi", "anggota_dprd"),
    ("Wakil Wali Kota Bekasi", "wali_kota"),
    # a party's branches and boards are politics; the central board (DPP) of an association is civil society
    ("Ketua DPC PKB Kota Bekasi", "politisi"),
    ("Ketua DPP Partai Golkar", "politisi"),
    ("Ketua Umum Dewan Pengurus Pusat (DPP) Gebu Minang", "masyarakat"),
    # the chair of an organisation no other rule knows leads civil society; business associations stay business
    ("Ketua Umum DPN Tani Merdeka", "masyarakat"),
    ("Ketua Umum Apindo", "pelaku_usaha"),
    # a students' union "minister" is a student; a Balinese village head and a BPBD's executive head are regional
    ("Menteri Sosial dan Politik BEM KM Unissula", "masyarakat"),
    ("Perbekel Cemagi", "pejabat_daerah"),
    ("Kalakhar Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Boyolali", "pejabat_daerah"),
    # harbour masters belong to the transport ministry
    ("Kepala KSOP Gresik", "pejabat_pusat"),
    # OJK's executive heads supervise business; they are not business
    ("Kepala Eksekutif Pengawas Perilaku Pelaku Usaha Jasa Keuangan", "pejabat_pusat"),
    ("Kemnaker", "pejabat_pusat"),
    ("Wali Kota Bengkulu", "wali_kota"),
    ("Menteri Dalam Negeri", "menteri"),
    ("Wakil Menteri Keuangan", "wakil_menteri"),
    ("Wakil Presiden", "wakil_presiden"),
    ("Presiden Amerika Serikat (AS)", "lainnya"),
    ("Gubernur Bank Indonesia", "pejabat_pusat"),
    ("Gubernur Jawa Barat", "gubernur"),
    ("Ketua DPD II Golkar Makassar", "politisi"),
    ("Anggota Komisi II DPR", "anggota_dpr"),
    ("Kepala Dinas Perhubungan DKI Jakarta", "pejabat_daerah"),
    ("Kapolda Metro Jaya", "aparat_keamanan"),
    ("Ekonom Universitas Gadjah Mada (UGM)", "akademisi_pengamat"),
    ("Direktur Utama PT Kereta Commuter Indonesia", "pelaku_usaha"),
    ("Sekretaris Kabinet", "pejabat_pusat"),
    ("warga Bekasi", "masyarakat"),
    ("pendongeng keliling", "lainnya"),
    # heads of ministry-level agencies with minister rank (guideline)
    ("Kepala Badan Gizi Nasional", "menteri"),
    ("Kepala Otorita IKN", "menteri"),
    # "Jenderal" is a rank only on its own, not in Direktur/Sekretaris/Inspektur Jenderal
    ("Direktur Jenderal Pajak", "pejabat_pusat"),
    ("Sekretaris Jenderal Kementerian Perhubungan", "pejabat_pusat"),
    ("Jenderal Polisi", "aparat_keamanan"),
    ("Sekretaris Jenderal PDI Perjuangan", "politisi"),
    ("Wakil Kepala SMKN Restorasi Pulau Komodo", "masyarakat"),
    ("Anggota AJI", "masyarakat"),
    ("Kementerian Kebudayaan Prancis", "lainnya"),
    # pollsters and research institutes are analysts, not a directorate (guideline: researchers)
    ("Direktur Eksekutif Poltracking Indonesia", "akademisi_pengamat"),
    ("Direktur Riset", "akademisi_pengamat"),
    ("Kepala Badan Riset dan Inovasi Nasional", "pejabat_pusat"),
    ("Manager Operasional Balboa Estate", "pelaku_usaha"),
    ("General Manager CT ARSA Foundation", "masyarakat"),
    ("Kepala Kantor Perwakilan Bank Indonesia Provinsi Sumatera Selatan", "pejabat_pusat"),
    # "Ketua Umum" heads any organisation; only a party's makes a politisi
    ("Ketua Umum Partai Golkar", "politisi"),
    ("Ketua Umum Kadin Indonesia", "pelaku_usaha"),
    ("Ketua Umum PBNU", "masyarakat"),
    ("Ketua Umum Ikatan Dokter Indonesia", "masyarakat"),
    # regional units of central agencies and ministries
    ("Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah", "pejabat_pusat"),
    ("Kepala Kanwil Kemenkumham Jawa Barat", "pejabat_pusat"),
    ("Ketua LHKP PP Muhammadiyah", "masyarakat"),
    ("Kepala Dikbud Kendari", "pejabat_daerah"),
    ("Mendikbud", "menteri"),
    # regional units of central agencies, BGN's nutrition units, the regional secretariat (roles.v3)
    ("Pelaksana Tugas (Plt) Kepala Badan Pusat Statistik (BPS) Provinsi Jawa Tengah", "pejabat_pusat"),
    ("Ketua KPU Kota Makassar", "pejabat_pusat"),
    ("Kepala SPPG Cigunung", "pejabat_pusat"),
    ("Asisten Administrasi Sekretariat Daerah Provinsi Jawa Tengah", "pejabat_daerah"),
    ("Kepala Dinas Kesehatan Kota Bekasi", "pejabat_daerah"),
    # universities by acronym; their students stay members of the public
    ("Ketua Unit Komunikasi Publik Unud", "akademisi_pengamat"),
    ("mahasiswa Teknik Industri UMM", "masyarakat"),
    ("Ketua BEM UI", "masyarakat"),
    # officials of international organisations are foreign officials; an economist there stays an economist
    ("wakil sekretaris jenderal WMO", "lainnya"),
    ("Sekretaris Jenderal PBB", "lainnya"),
    ("Ekonom Bank Dunia", "akademisi_pengamat"),
    # foreign ministers of any country; Indonesia's own envoys abroad are central officials
    ("Menteri Lingkungan Kenya", "lainnya"),
    ("Duta Besar Uni Eropa untuk Indonesia", "lainnya"),
    ("Duta Besar RI untuk Jepang", "pejabat_pusat"),
    ("Kepala Fungsi Ekonomi KBRI Kairo", "pejabat_pusat"),
    ("Kepala Kepolisian Peru", "lainnya"),
    ("Kepala Kepolisian Daerah Jawa Barat", "aparat_keamanan"),
    ("Sekretaris Otorita IKN", "pejabat_pusat"),
    # the legislature's secretariat is civil service; presidential councils and BPJPH are central
    ("Sekretaris Jenderal (Sekjen) MPR RI", "pejabat_pusat"),
    ("Ketua DPR", "anggota_dpr"),
    ("Ketua Dewan Ekonomi Nasional (DEN)", "pejabat_pusat"),
    ("Kepala BPJPH RI", "pejabat_pusat"),
])
def test_categorize(role, category):
    assert load_taxonomy().categorize(role) == category


def test_taxonomy_has_every_required_category():
    assert REQUIRED_CATEGORIES <= {c for c, _ in load_taxonomy().rules}


def test_custom_taxonomy_file_and_bad_file(tmp_path):
    path = tmp_path / "roles.yaml"
    lines = ["version: t.v1", "categories:"] + [
        f"  - category: {c}\n    patterns: ['\\b{c}\\b']" for c in sorted(REQUIRED_CATEGORIES)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert load_taxonomy(path).categorize("menteri") == "menteri"
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories: [{category: menteri, patterns: ['(']}]", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        load_taxonomy(bad)


@pytest.mark.parametrize("role, category, institution, region", [
    ("Anggota Komisi I DPRD Kota Bekasi", "anggota_dprd", "DPRD Kota Bekasi", "Kota Bekasi"),
    ("Wali Kota Bengkulu", "wali_kota", "Pemerintah Kota Bengkulu", "Kota Bengkulu"),
    ("Bupati Bogor", "bupati", "Pemerintah Kabupaten Bogor", "Kabupaten Bogor"),
    (None, None, None, None),
])
def test_institution_and_region(role, category, institution, region):
    assert institution_and_region(role, category) == (institution, region)


def test_people_gazetteer_fills_only_the_category_when_the_article_gives_no_role():
    from corpus.extract import extract_statements
    from corpus.roles import NO_PEOPLE, load_people
    from corpus.schema import Article

    people = load_people()
    assert people.category("Prabowo") == "presiden"
    assert people.category("Budi") is None
    assert people.category("Zulhas") == "menteri"  # a listed alias
    text = '"Inflasi kita terkendali," kata Prabowo.'
    [s], _ = extract_statements(Article("a", text))
    assert (s.speaker, s.role, s.role_category) == ("Prabowo", None, "presiden")
    # without the gazetteer, a person the article gives no office is a member of the public; only an unknown
    # speaker is lainnya
    [s], _ = extract_statements(Article("a", text), people=NO_PEOPLE)
    assert s.role_category == "masyarakat"
    [s], _ = extract_statements(Article("a", '"Inflasi kita terkendali dan harga beras turun lagi."'))
    assert (s.speaker, s.role_category) == (None, "lainnya")
    # an office written in the article wins over the gazetteer
    [s], _ = extract_statements(Article("a", 'Menteri Pertahanan Prabowo Subianto hadir.\n\n' + text))
    assert (s.role, s.role_category) == ("Menteri Pertahanan", "menteri")
    # a party post does not: politisi is for party officials without an office above (guideline); the role
    # stays as written
    [s], _ = extract_statements(Article("a", 'Ketua Umum Partai Gerindra Prabowo Subianto hadir.\n\n' + text))
    assert (s.role, s.role_category) == ("Ketua Umum Partai Gerindra", "presiden")
    [s], _ = extract_statements(Article("a", 'Ketua Umum Partai Gerindra Prabowo Subianto hadir.\n\n' + text),
                                people=NO_PEOPLE)
    assert s.role_category == "politisi"
    # a foreign leader listed in the gazetteer is no Indonesian president, whatever the article calls him
    [s], _ = extract_statements(Article("a", 'Presiden Trump hadir.\n\n"Kesepakatan ini bagus," kata Trump.'))
    assert (s.speaker, s.role, s.role_category) == ("Trump", "Presiden", "lainnya")


@pytest.mark.parametrize("role, category", [
    ("Direktur Kerja Sama", "pejabat_pusat"),
    ("Direktur Utama PT Pertamina", "pelaku_usaha"),
    ("Direktur Eksekutif INDEF", "akademisi_pengamat"),
])
def test_directors(role, category):
    assert load_taxonomy().categorize(role) == category


def _st(article, speaker, role=None, category="masyarakat", institution=None):
    return {"article_id": article, "speaker": speaker, "role": role, "role_category": category,
            "institution": institution}


def test_the_corpus_remembers_roles_an_article_leaves_unsaid():
    from corpus.roles import NO_PEOPLE, corpus_roles, fill_role_category, load_people

    statements = [
        _st("a1", "Ahmad Luthfi", "Gubernur Jawa Tengah", "gubernur"),
        _st("a1", "Ahmad Luthfi", "Gubernur Jawa Tengah", "gubernur"),  # one vote per article
        _st("a2", "Budi Santoso", "Kepala Dinas Kesehatan", "pejabat_daerah"),
        _st("a3", "Budi Santoso", "warga Bekasi", "masyarakat"),       # two people of one name: no answer
        _st("a4", "Siti Aminah", "Ketua RT 05", "masyarakat"),
        _st("a5", "Siti Rahma", "Kepala Sekolah", "masyarakat"),
    ]
    known = corpus_roles(statements)
    assert known.by_name == {"Ahmad Luthfi": "gubernur", "Siti Aminah": "masyarakat", "Siti Rahma": "masyarakat"}
    assert known.category("Luthfi") == "gubernur"      # the one full name holding that word
    assert known.category("Siti") is None              # two full names hold it
    assert known.category("Budi Santoso") is None

    st = _st("b1", "Luthfi")
    assert fill_role_category(st, known, NO_PEOPLE) and st["role_category"] == "gubernur"
    written = _st("b2", "Ahmad Luthfi", "Ketua DPD Partai X", "politisi")
    assert not fill_role_category(written, known, NO_PEOPLE) and written["role_category"] == "politisi"
    org = _st("b3", "Ahmad Luthfi", None, "lainnya", institution="Ahmad Luthfi")
    assert not fill_role_category(org, known, NO_PEOPLE)
    # a nickname the gazetteer lists points to its full name, even when another full name holds the word
    bamsoet = corpus_roles([_st("c1", "Bambang Soesatyo", "Anggota DPR RI", "anggota_dpr"),
                            _st("c2", "Susilo Bambang Yudhoyono", "Presiden ke-6", "lainnya")])
    st = _st("c3", "Bamsoet")
    assert bamsoet.category("Bambang") is None
    assert fill_role_category(st, bamsoet, load_people()) and st["role_category"] == "anggota_dpr"
    # a speaker the gazetteer knows keeps the category the extractor gave
    prabowo = _st("b4", "Prabowo Subianto", None, "presiden")
    assert not fill_role_category(prabowo, corpus_roles([_st("c", "Prabowo Subianto", "Menteri Pertahanan", "menteri")]),
                                  load_people())


def test_roles_stage_reports_bad_lines_and_keeps_the_rest(tmp_path):
    import json

    from typer.testing import CliRunner

    from corpus.cli import app

    src = tmp_path / "statements.jsonl"
    rows = [_st("a1", "Ahmad Luthfi", "Gubernur Jawa Tengah", "gubernur"), _st("a2", "Luthfi")]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["roles", str(src), "-o", str(out), "--people", "none"])
    assert result.exit_code == 0, result.output
    assert f"{src}:3: not JSON" in result.output
    assert result.output.strip().endswith("statements=2 filled=1 speakers_known=1 skipped=1")
    assert [json.loads(l)["role_category"] for l in out.read_text().splitlines()] == ["gubernur", "gubernur"]
