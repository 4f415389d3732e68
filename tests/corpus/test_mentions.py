import pytest

from corpus.mentions import parse_mention


@pytest.mark.parametrize("text, kind, name, role", [
    ("Wali Kota Bengkulu Dedy Wahyudi", "name", "Dedy Wahyudi", "Wali Kota Bengkulu"),
    ("Anggota Komisi I DPRD Kota Bekasi, Dariyanto", "name", "Dariyanto", "Anggota Komisi I DPRD Kota Bekasi"),
    ("Menteri Dalam Negeri Tito Karnavian", "name", "Tito Karnavian", "Menteri Dalam Negeri"),
    ("Ketua Umum Ikatan Dokter Indonesia Daeng M Faqih", "name", "Daeng M Faqih", "Ketua Umum Ikatan Dokter Indonesia"),
    ("Wali Kota Makassar Munafri 'Appi' Arifuddin", "name", "Munafri Arifuddin", "Wali Kota Makassar"),
    ("Dr. H. Ahmad Fauzi", "name", "Ahmad Fauzi", None),
    ("dia", "pronoun", None, None),
    ("ujarnya", "clitic", None, None),
    ("politikus Partai Golkar itu", "epithet", None, None),
    ("Wali Kota Makassar ini", "role", None, "Wali Kota Makassar"),
    ("Kemenkeu", "org", "Kemenkeu", None),
    ("Presiden", "role", None, "Presiden"),
    # degrees after the name are titles; the rank before it is left out of the role
    ("Ketua DIKPI, Kombes Pol Dr. Dedy Tabrani, S.I.K., M.Si.", "name", "Dedy Tabrani", "Ketua DIKPI"),
    ("Kapolresta Bogor Kota Kombes Pol. Eko Prasetyo", "name", "Eko Prasetyo", "Kapolresta Bogor Kota"),
    ("Melki Ketua DPD Partai Golkar Provinsi NTT itu", "name", "Melki", "Ketua DPD Partai Golkar Provinsi NTT"),
    ("Anggota AJI lainnya, Arin", "name", "Arin", "Anggota AJI"),
    ("Scott Lucas, pengajar politik Amerika", "name", "Scott Lucas", "pengajar politik Amerika"),
    ("KPK juga akan", "org", "KPK", None),
    ("Manager Operasional Balboa Estate Yohanes Setiawan", "name", "Yohanes Setiawan",
     "Manager Operasional Balboa Estate"),
    ("Aminullah atau kerap disapa JQ", "name", "Aminullah", None),
    ("Direktur Utama AirNav Indonesia, Capt. Avi Rianto Suratno", "name", "Avi Rianto Suratno",
     "Direktur Utama AirNav Indonesia"),
    ("Ketua LHKP PP Muhammadiyah Ridho Al Hamdi", "name", "Ridho Al Hamdi", "Ketua LHKP PP Muhammadiyah"),
])
def test_parse_mention(text, kind, name, role):
    m = parse_mention(text)
    assert (m.kind, m.name, m.role) == (kind, name, role)


def test_party_and_nickname():
    assert parse_mention("politikus Partai Golkar itu").party == "Partai Golkar"
    assert parse_mention("Presiden ke-7 Joko Widodo (Jokowi)").extras["nickname"] == "Jokowi"


@pytest.mark.parametrize("text, name, role", [
    # a "dan" inside the role: the word after it belongs to the role, and a nickname in parentheses closes the name
    ("Menteri Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan Agus Harimurti Yudhoyono (AHY)",
     "Agus Harimurti Yudhoyono", "Menteri Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan"),
    # a department noun (pe-…-an) is never the first name
    ("Kepala Bidang Pengawasan Perizinan Budi Santoso", "Budi Santoso", "Kepala Bidang Pengawasan Perizinan"),
    # the word after a region noun is the region, even when the role's head word is not in the lexicon
    ("Kepala Seksi Kesejahteraan Sosial Kecamatan Manonjaya Sansan Ayif Santosa", "Sansan Ayif Santosa",
     "Kepala Seksi Kesejahteraan Sosial Kecamatan Manonjaya"),
])
def test_role_words_the_lexicon_lacks_stay_out_of_the_name(text, name, role):
    m = parse_mention(text)
    assert (m.kind, m.name, m.role) == ("name", name, role)


@pytest.mark.parametrize("text", ["Kepala Ombudsman RI Perwakilan Jakarta Raya", "Untuk Bandara Pantar di Alor",
                                  "Ketua Umum Kadin Surabaya"])
def test_an_institution_or_a_place_is_not_a_name(text):
    assert parse_mention(text).extras.get("institution") is True


def test_a_department_noun_continues_the_role():
    # "Perizinan" (pe-…-an) is the department, not a name: the office has no holder named here
    m = parse_mention("Kepala Dinas Perizinan")
    assert (m.kind, m.name, m.role) == ("role", None, "Kepala Dinas Perizinan")
