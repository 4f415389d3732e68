"""Parsing how a speaker is referred to ("Wali Kota Bengkulu Dedy Wahyudi", "Anggota Komisi I DPRD Kota
Bekasi, Dariyanto", "dia", "ujarnya", "politikus Partai Golkar itu") into name, role and extras.

Rules only: no Indonesian NER model ships with spaCy or can be downloaded here, and news attributions are
formulaic enough that a role lexicon plus capitalisation does better than a weak tagger (see README)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

PRONOUNS = {"dia", "ia", "beliau", "mereka", "dirinya", "pihaknya"}  # "Pihaknya menekankan": the speaker's side
# Speech verbs as attribution cues after a quote; the -nya forms carry the speaker as a clitic.
CUE_STEMS = (
    "kata", "ujar", "tutur", "ucap", "ungkap", "jelas", "papar", "tegas", "sebut", "terang", "lanjut", "tambah",
    "imbuh", "pungkas", "tandas", "beber", "tukas", "sambung", "tutup", "tanya", "seru", "kelakar", "timpal",
    "sergah", "singgung", "urai", "aku", "katakan", "tulis", "cetus", "ingat", "pesan", "klaim", "harap",
    "cerita", "kenang", "sentil", "jawab", "canda", "keluh", "sindir", "kisah",
)
TITLES = {
    "pak", "bu", "bapak", "ibu", "bang", "mbak", "mas", "kak", "prof", "prof.", "dr", "dr.", "drs", "drs.", "dra.",
    "ir", "ir.", "h", "h.", "hj", "hj.", "kh", "kh.", "k.h.", "ust.", "ustaz", "ustadz", "habib", "raden", "sdr.",
    "sdri.", "tuan", "nyonya", "almarhum", "mendiang", "drg", "drg.", "apt.", "ners", "capt", "capt.",
}
# Words that begin or continue a role/office phrase. Capitalised words outside this lexicon (and not a
# place after Kota/Kabupaten/Provinsi) are taken as the start of the person's name.
ROLE_HEADS = {
    "presiden", "wakil", "wapres", "menteri", "menko", "wamen", "gubernur", "wagub", "bupati", "wabup", "wali",
    "walikota", "walkot", "wawali", "ketua", "ketum", "waketum", "anggota", "sekretaris", "sekjen", "sekda",
    "kepala", "kadis", "kabid", "kabag", "kasubag", "kasi", "kasubdit", "kasat", "kanit", "direktur", "dirjen",
    "dirut", "deputi", "asisten", "staf", "stafsus", "juru", "jubir", "koordinator", "komisioner", "inspektur",
    "camat", "lurah", "kades", "perbekel", "kalakhar", "kalaksa", "kapolri", "kapolda", "kapolres", "kapolresta",
    "kapolsek", "kabareskrim",
    "kadiv", "wakapolri", "wakapolda", "wakapolres", "panglima", "pangdam", "danrem", "dandim", "jaksa", "hakim",
    "kajati", "kajari", "kapuspenkum", "kasipenkum", "ekonom", "pengamat", "analis", "peneliti", "dosen", "guru",
    "rektor", "dekan", "akademisi", "pakar", "ahli", "politikus", "politisi", "legislator", "senator",
    "pengusaha", "ceo", "komisaris", "founder", "pendiri", "pemilik", "warga", "mahasiswa", "aktivis", "tokoh",
    "kuasa", "pengacara", "advokat", "plt", "plt.", "pj", "pj.", "plh", "plh.", "mantan", "eks", "bendahara",
    "ketua", "pimpinan", "direksi", "manajer", "kabiro", "karo", "utusan", "penasihat", "sekretariat",
    "pelaksana", "komandan", "kasad", "kasal", "kasau", "irjen", "brigjen", "komjen", "jenderal", "kombes",
    "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "bripka", "kolonel", "letkol", "mayjen", "letjen",
    "laksamana", "marsekal", "profesor", "mendagri", "menkeu", "mensos", "menkes", "menhan", "menlu", "mentan",
    "menag", "menpan", "menpanrb", "mendikdasmen", "menaker", "menhub", "menpupr", "menkumham", "menkum",
    "menkominfo", "menkomdigi", "menparekraf", "menpar", "menpora", "menperin", "mendag", "menkop", "menlhk",
    "menlh", "mensesneg", "menesdm", "menham", "menimipas", "menpkp", "menteri", "seskab", "gubernur",
    "sosiolog", "kriminolog", "psikolog", "epidemiolog", "sejarawan", "pedagang", "petani", "buruh", "nelayan",
    "korban", "saksi", "terdakwa", "tersangka", "ustaz", "ulama", "kiai", "pendeta", "relawan", "wartawan",
    "presdir", "humas", "kabag", "kepala", "direktur", "caleg", "capres", "cawapres", "perwakilan",
    "aktris", "aktor", "artis", "penyanyi", "bos", "pelawak", "komedian", "presenter", "musisi", "atlet",
    "pemain", "pelatih", "selebritas", "influencer", "pegiat", "pemerhati", "budayawan", "sastrawan",
    "seniman", "pastor", "uskup", "imam", "penasihat", "wakil", "koordinator", "kasubdit", "pengurus",
    "komisioner", "anggota", "sekretaris", "dirut", "wadir", "kasatpol", "kabiro", "ketua", "pejabat",
    "general", "manager", "chief", "head", "vice", "senior", "director", "president", "co-founder",
    "managing", "corporate", "country", "executive", "penjabat", "pelaksana", "presidium", "area", "regional",
    "supervisor", "pengajar", "jurnalis", "pelajar", "siswa", "perdana", "vp", "svp", "evp", "cfo", "coo", "cto",
    "duta", "dubes", "atase", "kasatreskrim", "kasatlantas", "kasatnarkoba", "kasatintelkam", "kasatsamapta",
    "kasatpolairud", "kasatbinmas", "kasintel", "kasipidsus", "kasipidum", "kasubbag", "kasubbid",
}
ROLE_HEADS = frozenset(ROLE_HEADS)
# Words that continue a role after its head ("Menteri Dalam Negeri", "Anggota Komisi I DPRD Kota Bekasi").
ROLE_CONT = {
    "komisi", "dpr", "dprd", "mpr", "dpd", "ri", "kota", "kabupaten", "kab.", "provinsi", "prov.", "dinas",
    "badan", "kementerian", "dalam", "negeri", "luar", "keuangan", "sosial", "agama", "pendidikan", "kesehatan",
    "perhubungan", "pertanian", "partai", "fraksi", "universitas", "institut", "bidang", "umum", "pusat", "daerah",
    "pemerintah", "pemerintahan", "kantor", "staf", "presiden", "republik", "indonesia", "nasional", "bank",
    "otoritas", "jasa", "perdagangan", "industri", "investasi", "koordinator", "politik", "hukum", "keamanan",
    "perekonomian", "pembangunan", "manusia", "kebudayaan", "pangan", "pendayagunaan", "aparatur", "negara",
    "reformasi", "birokrasi", "sekretariat", "kabinet", "lingkungan", "hidup", "kehutanan", "kelautan",
    "perikanan", "tenaga", "kerja", "energi", "sumber", "daya", "mineral", "pekerjaan", "perumahan", "rakyat",
    "desa", "transmigrasi", "pemuda", "olahraga", "pariwisata", "ekonomi", "kreatif", "komunikasi", "digital",
    "informatika", "koperasi", "ukm", "hak", "asasi", "jenderal", "eksekutif", "utama", "harian", "muda",
    "tinggi", "besar", "wilayah", "cabang", "ranting", "dewan", "majelis", "mahkamah", "konstitusi", "agung",
    "kejaksaan", "kepolisian", "polisi", "polda", "polres", "polresta", "polsek", "satuan", "reserse",
    "kriminal", "khusus", "humas", "penerangan", "lalu", "lintas", "direktorat", "subdirektorat", "unit",
    "biro", "bagian", "seksi", "kependudukan", "pencatatan", "sipil", "penanaman", "modal", "pelayanan",
    "terpadu", "satu", "pintu", "ketenagakerjaan", "perencanaan", "pengawas", "pengawasan", "pemilihan",
    "pemilu", "pemberantasan", "korupsi", "statistik", "kepegawaian", "penanggulangan", "bencana",
    "perlindungan", "konsumen", "edukasi", "university", "anak", "perempuan", "pemberdayaan", "tata", "ruang",
    "pertanahan", "agraria", "fakultas",
    "program", "studi", "sekolah", "pascasarjana", "lembaga", "pusat", "kajian", "studi", "riset", "inovasi",
    "teknologi", "sains", "perwakilan", "daerah", "pimpinan", "sekretaris", "wakil", "ketua", "anggota",
    "kepala", "direktur", "deputi", "asisten", "bendahara", "staf", "ahli", "menteri", "gubernur", "bupati",
    "wali", "camat", "pelaksana", "tugas", "harian", "penjabat", "dan", "dari", "untuk", "bagi", "urusan",
    "bidang", "se-", "perdana", "umum", "kebijakan", "publik", "fiskal", "moneter", "makro", "anggaran",
    "pajak", "bea", "cukai", "perbendaharaan", "kekayaan", "pengelolaan", "pembiayaan", "risiko", "kantor",
    "dki", "di", "yogyakarta", "jakarta", "intelijen", "seksi", "dasar", "menengah", "masyarakat",
    "kampung", "golkar", "gerindra", "nasdem", "demokrat", "perindo", "hanura", "gelora", "umum",
    "hubungan", "kerja", "sama", "internasional", "gizi", "perumahan", "kawasan", "permukiman", "hilirisasi",
    "sekretaris", "kabinet", "protokol", "pers", "media", "dprd", "ii", "iii", "iv", "kanwil", "setda",
    "tbk", "persero", "kejari", "kejati", "kejagung", "polda", "polres", "polsek", "kodam", "korem", "kodim", "lanud", "dusun",
    "sementara", "of", "and", "at", "the", "officer", "executive", "manager", "communications", "marketing", "affairs",
    "relations", "operations", "operation", "region", "unit", "induk", "distribusi", "wilayah", "sekaligus",
    "organisasi", "ekonomi", "syariah", "haji", "umrah", "imigrasi", "pemasyarakatan", "lapas", "rutan",
    "pol", "pol.",  # "Kombes Pol", "Brigjen Pol": the police branch after a rank
    "operasi", "operasional", "produksi", "teknik", "komersial", "niaga", "bisnis", "strategi", "sdm", "departemen",
    "intel", "negeri", "bappenas", "bappeda", "bapenda", "bapanas", "imipas", "basarnas", "bulog", "otorita",
}
# After these, the next capitalised word(s) are a place, not a name ("Wali Kota Bengkulu Dedy Wahyudi").
PLACE_INTRO = {"kampung", "kota", "kabupaten", "kab.", "provinsi", "prov.", "kecamatan", "kelurahan", "desa", "polda",
               "polres", "polresta", "kejati", "kejari", "dki", "jawa", "sumatera", "kalimantan", "sulawesi",
               "nusa", "papua", "maluku", "universitas", "wali", "bupati", "gubernur", "pemkot", "pemkab",
               "pemprov", "walikota", "wagub", "wabup", "wawali", "kapolda", "kapolres", "kajati", "kajari",
               "kodam", "pangdam", "dprd"}
MULTIWORD_PLACES = {
    "jawa barat", "jawa tengah", "jawa timur", "sumatera utara", "sumatera barat", "sumatera selatan",
    "kalimantan barat", "kalimantan tengah", "kalimantan selatan", "kalimantan timur", "kalimantan utara",
    "sulawesi utara", "sulawesi tengah", "sulawesi selatan", "sulawesi tenggara", "sulawesi barat",
    "nusa tenggara", "nusa tenggara barat", "nusa tenggara timur", "papua barat", "papua barat daya",
    "papua selatan", "papua tengah", "papua pegunungan", "maluku utara", "bangka belitung", "kepulauan riau",
    "dki jakarta", "di yogyakarta", "daerah istimewa yogyakarta", "jakarta pusat", "jakarta selatan",
    "jakarta timur", "jakarta barat", "jakarta utara", "bandar lampung", "tangerang selatan", "bandung barat",
    "kepulauan seribu", "banda aceh", "aceh besar",
}
STOP_WORDS = {
    "di", "dalam", "saat", "ketika", "kepada", "pada", "usai", "seusai", "selepas", "sebelum", "setelah",
    "melalui", "lewat", "dengan", "via", "kala", "tatkala", "yang", "sambil", "seraya", "sebagaimana",
    "seperti", "dikutip", "dilansir", "menurut", "terkait", "soal", "mengenai", "tentang", "kemarin", "lagi",
    "pula", "juga", "menambahkan", "sembari", "ditemui", "dihubungi", "saat", "dan", "atas", "ke", "untuk",
    "bahwa", "agar", "supaya", "hari", "pekan", "minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
}
EPITHET_HEADS = {
    "politikus", "politisi", "pria", "wanita", "perempuan", "sosok", "mantan", "eks", "orang", "legislator",
    "jenderal", "purnawirawan", "ekonom", "pengamat", "menteri", "pejabat", "kader", "ketua", "tokoh",
    "bapak", "ibu", "akademisi", "srikandi", "senator", "kepala", "wakil", "anggota", "bupati", "gubernur",
    "presiden", "jaksa", "hakim", "advokat", "lelaki", "laki-laki", "putra", "putri", "lulusan", "alumnus",
    "doktor",
}
PARTY = re.compile(
    r"\b(Partai [A-Z][\w-]*|PDI[ -]?P(?:erjuangan)?|PDIP|Golkar|Gerindra|NasDem|Nasdem|PKB|"
    r"PKS|PAN|Demokrat|PPP|Perindo|PSI|Hanura|Gelora)\b"
)
PARTIES = [
    "Partai Demokrasi Indonesia Perjuangan", "Partai Kebangkitan Bangsa", "Partai Keadilan Sejahtera",
    "Partai Amanat Nasional", "Partai Persatuan Pembangunan", "Partai Solidaritas Indonesia",
    "Partai Gerakan Indonesia Raya", "Partai Hati Nurani Rakyat", "Partai Persatuan Indonesia",
    "Partai Gelombang Rakyat Indonesia", "Partai Bulan Bintang", "Partai Golongan Karya", "Partai Golkar",
    "Partai Gerindra", "Partai NasDem", "Partai Nasdem", "Partai Demokrat", "Partai Buruh", "Partai Gelora",
    "Partai Perindo", "Partai Hanura", "Partai Ummat", "Partai Garuda",
]
# Capitalised words after these belong to the institution's own name ("Universitas Gadjah Mada (UGM)").
NAMED_ORG_INTRO = {"universitas", "institut", "bank", "pt", "pt.", "yayasan", "lembaga", "harian", "majalah",
                   "gereja", "masjid", "pondok", "pesantren", "sekolah", "rumah", "rs", "rsud", "koperasi",
                   "puskesmas", "klinik", "kantor"}
# Indonesian provinces and large cities/regencies: a place inside a role, never the start of a name.
PLACES = set("""aceh sumut sumbar riau jambi sumsel bengkulu lampung babel kepri jabar jateng jatim diy bali ntb ntt
kalbar kalteng kalsel kaltim kaltara sulut sulteng sulsel sultra sulbar gorontalo maluku malut papua jakarta
bandung surabaya medan semarang makassar palembang tangerang depok bekasi bogor malang yogyakarta solo surakarta
denpasar balikpapan samarinda pontianak banjarmasin manado padang pekanbaru batam jambi mataram kupang ambon
jayapura sorong merauke palu kendari mamuju ternate serang cilegon cirebon tasikmalaya sukabumi cimahi karawang
purwakarta subang garut kediri blitar madiun jember banyuwangi sidoarjo gresik mojokerto pasuruan probolinggo
magelang pekalongan tegal salatiga klaten sleman bantul kulon progo gunungkidul banten cianjur indramayu
lebak pandeglang tabanan badung gianyar lombok sumbawa bima flores manggarai nias binjai pematangsiantar
tanjungpinang pangkalpinang dumai bukittinggi payakumbuh lhokseumawe langsa sabang jayawijaya mimika nabire
asmat timika biak tarakan bontang kutai berau bulungan singkawang sampit parepare palopo bone gowa maros
bitung tomohon kotamobagu tual sofifi ntb ntt dki nusantara indonesia ri as afsel amerika serikat tiongkok china
jepang rusia inggris prancis jerman australia malaysia singapura thailand filipina vietnam india arab saudi
korea selatan utara iran israel palestina ukraina turki belanda barat timur tengah tenggara daya jawa sumatera
kalimantan sulawesi nusa tenggara kepulauan metro jaya raya""".split())
# Words that make a capitalised phrase a place, an institution or a thing rather than a person nobody has
# introduced ("Polresta Manado", "Kartu Prakerja", "Lion Air", "Amerika Serikat"). Place words that are also
# common given names (Bima, Jaya, Raya …) are left out.
NOT_PERSON_WORDS = frozenset(PLACES - {"bima", "jaya", "raya", "daya", "nusa", "nusantara", "metro", "solo",
                                       "sabang", "as", "ri", "bone", "asmat"}) | PLACE_INTRO | NAMED_ORG_INTRO | {
    "bandara", "pelabuhan", "stasiun", "terminal", "jalan", "gedung", "hotel", "pasar", "mal", "taman", "kebun",
    "museum",
    "gunung", "sungai", "pulau", "pantai", "danau", "teluk", "selat", "laut", "samudra", "kartu", "program",
    "muhammadiyah", "nahdlatul", "pbnu", "mui", "apindo", "hipmi", "the", "estate", "group", "grup", "holding", "residence", "properti", "property", "plaza", "tower", "resort",
    "club", "air", "airlines", "airways", "kadin", "gugus", "ombudsman", "kementerian", "dinas", "badan", "polresta",
    "polres", "polsek", "polri", "pemerintah", "kecamatan", "kelurahan", "komisi", "fraksi", "partai", "dewan",
    "majelis", "mahkamah", "pengadilan", "kejaksaan", "kepolisian", "satgas", "direktorat", "perusahaan",
    "asosiasi", "himpunan", "ikatan", "persatuan", "perkumpulan", "serikat", "gabungan", "forum", "aliansi",
    "koalisi", "komunitas", "kelompok", "tim", "pusat", "balai", "kantor", "provinsi", "kabupaten", "kota",
    "negara", "republik", "internasional", "nasional", "global", "group", "grup", "corporation", "center",
    "centre", "institute", "foundation", "company", "covid-19", "virus", "konferensi", "dokumen", "rapat", "sidang",
}
ORG_START = re.compile(
    r"(Kementerian|Kemen[a-z]+|Kemenko\w*|Kemnaker|Kemlu|Kemhan|Kemkes|Kemkum|Kemkomdigi|Kemdik\w*|Pemerintah|"
    r"Pemkot|Pemkab|Pemprov|Badan|Dinas|Polda|Polres|Polri|KPK|"
    r"Kejaksaan|Kejagung|Bank|Mahkamah|Komisi|Lembaga|Istana|DPR|DPRD|MPR|BPS|OJK|BI|KPU|Bawaslu|Satgas|"
    r"Tim|Direktorat|Ditjen|Sekretariat|Kantor|Pengadilan|Universitas|Partai|TNI|Kodam|MK|MA|DKPP|Satpol|Dikbud|"
    r"Disdik|Dinkes|Dishub|Polsek|Polresta|Polrestabes|Pemda|Kejari|Kejati|Ombudsman|Komnas|Bappenas|PPATK|KPPU|"
    r"BPOM|BNN|LPS|BKN|Federasi|Serikat|Asosiasi|Ikatan|Persatuan|Perhimpunan|Koalisi|Aliansi|Yayasan|Himpunan)\b"
)
TOKEN = re.compile(r"['‘][A-Z][\w-]*['’](?!\w)|\(?[\w][\w.'’\-]*\)?|[,:;]")


def find_party(text: str) -> str | None:
    for full in PARTIES:
        if full in text:
            return full
    m = PARTY.search(text)
    return m.group(0) if m else None


def _not_name_words() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    extra = """senin selasa rabu kamis jumat sabtu minggu ahad januari februari maret april mei juni juli agustus
    september oktober november desember terkait kemarin berdasarkan catatan kompas sejak hingga sampai pukul
    tahun bulan pekan hari pagi siang sore malam kini dulu namun tetapi tapi lalu kemudian selain adapun karena
    sehingga meski walau jika kalau bila ketika saat usai setelah sebelum selama sambil menurut kata ujar ucap
    tutur jelas tegas pada dalam dari untuk kepada oleh bagi tentang soal mengenai atas bawah antara para sang
    pihak warga polisi pemerintah negara dunia rakyat indonesia nasional umum uu pp perpres perda no nomor
    pasal ayat covid-19 covid corona korona virus wabah pandemi data informasi laporan survei hasil program
    proyek kebijakan sementara itu ini tersebut group grup tbk persero""".split()
    return frozenset(STOP_WORDS) | frozenset(extra)


NOT_NAME = _not_name_words()


@dataclass
class Mention:
    text: str  # as written
    kind: str  # name | role | pronoun | clitic | epithet | org | unknown
    name: str | None = None
    role: str | None = None
    party: str | None = None
    extras: dict = field(default_factory=dict)


def _is_cap(tok: str) -> bool:
    t = tok.lstrip("(")
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def _is_acronym(tok: str) -> bool:
    t = tok.strip("().,")
    return len(t) >= 2 and sum(c.isupper() for c in t) >= 2 and t.replace("-", "").isalnum()


def strip_titles(tokens: list[str]) -> list[str]:
    while tokens and tokens[0].lower().rstrip(",") in TITLES:
        tokens = tokens[1:]
    # trailing academic degrees: "Dariyanto, S.H., M.Si." arrive as tokens with dots
    while tokens and re.fullmatch(r"[A-Z][a-zA-Z]?\.(?:[A-Za-z]+\.?)*", tokens[-1]) and len(tokens) > 1:
        tokens = tokens[:-1]
    return tokens


# ke-…-an / pe-…-an nouns name a field or a department ("Pembangunan Kewilayahan", "Perizinan", "Kedokteran"),
# never a person
_REGION_NOUNS = {"kota", "kabupaten", "kab.", "provinsi", "prov.", "kecamatan", "kelurahan", "desa", "kampung", "dusun"}
_DEPARTMENT = re.compile(r"(?:ke|pe|per|pen|pem|peng|peny)[a-z]{3,}an")


_NAME_PREFIXES = frozenset({"IGN", "IGA", "IGB", "IGK", "IGM", "IGP", "AAGN", "AAN", "AAG", "IBG", "Tjok", "Cok"})
_AGUNG_AFTER = frozenset({"kejaksaan", "mahkamah", "jaksa", "hakim", "majelis", "imam", "masjid", "dewan", "jenderal"})


def _anak_agung(tokens: list[str], k: int) -> bool:
    """Balinese "Anak Agung" opening a name ("… Denpasar Anak Agung Gede Wiratama"), not "Perlindungan Anak"."""
    return tokens[k] == "Anak" and 0 < k < len(tokens) - 1 and tokens[k + 1] == "Agung" \
        and tokens[k - 1].lower() not in ROLE_CONT


def split_role_name(tokens: list[str], known_names: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Split "Wali Kota Bengkulu Dedy Wahyudi" into role tokens and name tokens.

    The role is its head plus role-vocabulary words, acronyms, roman numerals and a place after
    Kota/Kabupaten/Provinsi; the first capitalised word outside that is where the name begins. A word
    known to be a name elsewhere in the article ends the role early."""
    known_names = known_names or set()
    if not tokens or tokens[0].lower().rstrip(".") not in ROLE_HEADS | {"plt", "pj", "plh"}:
        return [], tokens
    i = 0
    n = len(tokens)
    placed = 1  # where a place or institution name the forward scan recognised ends: never part of the name
    while i < n:
        tok = tokens[i]
        low = tok.lower().strip("()")
        if i > 0 and tok.strip("()") in known_names and low not in ROLE_CONT:
            break
        if low == "partai":
            rest = " ".join(tokens[i:])
            full = next((p for p in PARTIES if rest.startswith(p)), None)
            i += len(full.split()) if full else 2
            continue
        if low in NAMED_ORG_INTRO:
            i += 1
            run = 0
            while i + run < n and _is_cap(tokens[i + run]) and not tokens[i + run].startswith("(") \
                    and tokens[i + run].strip("()") not in known_names:
                run += 1
            # "Universitas Tarumanagara Suryono Herlambang": the institution leaves two words for a name
            take = min(3, run) if run < 3 else max(1, min(3, run - 2))
            i += take
            placed = i if take < run else placed
            continue
        if i > 0 and (tok in _NAME_PREFIXES or _anak_agung(tokens, i)):
            break  # "Wali Kota Denpasar IGN Jaya Negara": a Balinese name prefix, not an institution's acronym
        if low == "agung" and i > 0 and tokens[i - 1].lower() not in _AGUNG_AFTER:
            break  # "Wali Kota Pekanbaru Agung Nugroho": a first name, not "Kejaksaan Agung"
        if tok == "," and i + 1 < n and (tokens[i + 1].lower() in ROLE_CONT or tokens[i + 1] == "dan"):
            i += 1  # "Bidang Politik, Hukum, dan Keamanan"
            continue
        if low in ROLE_HEADS or low in ROLE_CONT or _DEPARTMENT.fullmatch(low) or _is_acronym(tok) or re.fullmatch(r"\(?[IVX]+\)?", tok) \
                or tok.startswith("(") or re.fullmatch(r"ke-\d+|\d+", low):
            i += 1
            before = i
            while i < n and tokens[i].lower().strip("()") in PLACES:
                i += 1
            if i == before and low in PLACE_INTRO and i < n and _is_cap(tokens[i]) and tokens[i].lower() not in ROLE_CONT | ROLE_HEADS:
                two = f"{tokens[i]} {tokens[i + 1]}".lower() if i + 1 < n else ""
                three = f"{two} {tokens[i + 2]}".lower() if i + 2 < n else ""
                i += 3 if three in MULTIWORD_PLACES else 2 if two in MULTIWORD_PLACES else 1
            if i > before and n - i >= 2:
                placed = i  # "Bupati Lamongan Kartika Hidayati": the region is not the first name
            continue
        break
    role, name = tokens[:i], tokens[i:]
    # Long institution names outrun the lexicon ("Ketua Umum Ikatan Dokter Indonesia Daeng M Faqih"): the
    # person's name is the run of capitalised non-lexicon words at the END of the phrase, so read it backwards.
    j = end = n
    floor = max(1, placed)
    if n >= 3 and _is_acronym(tokens[-1]) and len(tokens[-1]) <= 3 and _is_cap(tokens[-2]) \
            and tokens[-2].lower() not in ROLE_CONT | ROLE_HEADS | PLACES and not _is_acronym(tokens[-2]):
        j -= 1  # "Mahfud MD": a short all-caps surname, not an institution
    elif n >= 3 and re.fullmatch(r"\([A-Z][\w'’-]*\)", tokens[-1]) and _is_cap(tokens[-2]) \
            and not tokens[-2].startswith("(") and tokens[-2].lower() not in ROLE_CONT | ROLE_HEADS | PLACES:
        j = end = n - 1  # "… Agus Harimurti Yudhoyono (AHY)": the person's short name closes the phrase
    while j > floor:
        t = tokens[j - 1]
        low = t.lower().strip("()")
        if _is_nick(t) and t[0] != "(":
            j -= 1
            continue
        # an ordinary word is a first name only right before a lone surname ("Kejaksaan Agung Hari Setiyono")
        ordinary = low.strip(".,") in NOT_NAME and not (n - j == 1 and j - 1 > floor)
        first_name = low == "agung" and j >= 2 and tokens[j - 2].lower() not in _AGUNG_AFTER or _anak_agung(tokens, j - 1)
        if not _is_cap(t) or t.startswith("(") or low in ROLE_CONT and not first_name \
                or (low in ROLE_HEADS and low != "imam") or low in PLACES \
                or low in NAMED_ORG_INTRO or low in NOT_PERSON_WORDS or ordinary or _is_acronym(t) or end - j >= 4 or _DEPARTMENT.fullmatch(low):
            break
        j -= 1
    if end < n and (end - j < 2 or tokens[j - 1].lower() in NAMED_ORG_INTRO):
        j = end = n  # "Universitas Tarumanagara (Untar)": an institution's acronym, no name before it
    if floor < j < end - 1 and (tokens[j - 1] == "dan" or tokens[j - 1].lower() in _REGION_NOUNS):
        # "Kecamatan Manonjaya Sansan Ayif Santosa": the word after a place word is the place
        # "Direktur Logistik dan Infrastruktur Pertamina Mulyono": the word after "dan" is the role's
        j += 1
    if j < n:
        role, name = tokens[:j], tokens[j:]
    # a role never ends on a connector ("Menteri Koordinator Bidang" + name is malformed input anyway)
    while role and role[-1].lower() in {"dan", "dari", "untuk", "bagi", "di"}:
        name = [role.pop()] + name
    return role, name


def _name_from(tokens: list[str], known_names: set[str] | frozenset[str] = frozenset(),
               after_role: bool = False) -> str | None:
    tokens = strip_titles([t for t in tokens if t not in {",", ":", ";"}])
    # Right after a role, two capitalised words are a name even when the first is also an ordinary word
    # ("Kejaksaan Agung Hari Setiyono"); and a name the article already introduced beats the ordinary word
    # ("kata Hari").
    if after_role and len(tokens) >= 2 and _is_cap(tokens[0]) and _is_cap(tokens[1]):
        known_names = set(known_names) | {tokens[0]}
    while tokens and tokens[0].lower().strip(".,") in NOT_NAME and tokens[0] not in known_names:
        tokens = tokens[1:]  # "Menurut Teguh", "Baik Bambang": a capitalised sentence opener is not the name
    if not tokens or not _is_cap(tokens[0]) or tokens[0].startswith("("):
        return None
    out = []
    for t in tokens:
        if t[0] in "'‘" and _is_nick(t):
            continue  # Munafri 'Appi' Arifuddin: the nickname is not part of the full name
        if t.startswith("("):
            break
        if t.lower().strip(".,") in NOT_NAME and t.lower() not in {"bin", "binti"} and t not in known_names:
            break
        if _is_cap(t) or t.lower() in {"bin", "binti", "van", "de", "al", "el", "von", "da"}:
            out.append(t.rstrip(".,") if not re.fullmatch(r"[A-Z]\.", t) else t)
        else:
            break
    if out and out[-1].lower() in {"bin", "binti", "van", "de", "al", "el", "von", "da"}:
        out.pop()
    if not out or len(out) > 5:
        return None
    # Detik glues words where the source had italics or a line break ("Prof. Dr. RikaRaffiudin"): the name is
    # two words, so "Rika" later finds her
    return " ".join(_GLUED.sub(r"\1 \2", t) for t in out)


_GLUED = re.compile(r"^([A-Z][a-z]{3,})([A-Z][a-z]{3,})$")


def _is_nick(tok: str) -> bool:
    return len(tok) > 2 and tok[0] in "'‘(" and tok[-1] in "'’)" and tok[1].isupper()


def nickname_of(tokens: list[str]) -> str | None:
    for t in tokens:
        if _is_nick(t):
            return t.strip("()'‘’")
    return None


def _org_name(phrase: str) -> str:
    """"KPK juga akan", "Kementerian Sosial melalui akun Instagram resminya": the institution's name ends where
    the clause goes on in lower case (lower-case words of a name, "dan", "Kota", stay)."""
    words = phrase.split()
    for k in range(1, len(words)):
        w = words[k]
        if w[:1].islower() and w.lower() not in ROLE_CONT:
            return " ".join(words[:k]).rstrip(",")
    return phrase


_TRAILING_RANKS = {"akbp", "kombes", "kompol", "akp", "iptu", "ipda", "aiptu", "bripka", "brigjen", "irjen", "komjen",
                   "kolonel", "letkol", "mayjen", "letjen", "laksamana", "marsekal", "pol", "pol.", "dr", "dr.",
                   "prof", "prof.", "ir.", "drs.", "h.", "hj."}
_PAREN_NICK = re.compile(r"(.+?)\s*\(([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})\)")
_LAINNYA = re.compile(r" lainnya(?=,|$)")
_DEGREE = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+[A-Z]?[a-z]{0,4}\.?")
_CLITIC = re.compile(rf"(?:{'|'.join(CUE_STEMS)})nya")
_PARSE_CACHE: dict = {}


_FIELD_AND = re.compile(r"[A-Z][a-z]+ dan [A-Z]")


def parse_mention(text: str, known_names: set[str] | None = None) -> Mention:
    """Parse a speaker phrase as written. Pure: never resolves pronouns (that needs the article).

    Memoised: the same phrases recur across sentences and articles; the key includes which of the phrase's
    words are known names, the only outside input."""
    known = frozenset(w for w in text.split() if w in known_names) if known_names else frozenset()
    key = (text, known)
    hit = _PARSE_CACHE.get(key)
    if hit is None:
        if len(_PARSE_CACHE) > 200_000:
            _PARSE_CACHE.clear()
        hit = _PARSE_CACHE[key] = _parse_mention(text, known_names)
    return Mention(hit.text, hit.kind, hit.name, hit.role, hit.party, dict(hit.extras))


def _parse_mention(text: str, known_names: set[str] | None = None) -> Mention:
    raw = text.strip(" ,.")
    low = raw.lower()
    if not raw:
        return Mention(text, "unknown")
    if low in PRONOUNS or low in {"-nya", "nya"}:
        return Mention(raw, "pronoun")
    if _CLITIC.fullmatch(low):
        return Mention(raw, "clitic")
    alias = re.match(r"(.+?),? (?:atau|alias)(?: (?:yang )?(?:akrab|biasa|kerap|sering) (?:di)?sapa)? "
                     r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})$", raw)
    if alias:  # "Saifullah Yusuf atau Gus Ipul"
        m = parse_mention(alias.group(1), known_names)
        if m.kind == "name":
            m.text = raw
            m.extras["nickname"] = alias.group(2)
            return m
    paren = _PAREN_NICK.fullmatch(raw)
    if paren:  # "Menteri Sosial Saifullah Yusuf (Gus Ipul)": a nickname of two or three words
        m = parse_mention(paren.group(1), known_names)
        if m.kind == "name":
            m.text = raw
            m.extras["nickname"] = paren.group(2)
            return m
    raw = _LAINNYA.sub("", raw)  # "Anggota AJI lainnya, Arin": another member, the same role
    low = raw.lower()
    party = find_party(raw)
    tokens = TOKEN.findall(raw)
    first = tokens[0].lower() if tokens else ""
    if low.endswith((" itu", " tersebut", " ini")) and first not in EPITHET_HEADS | ROLE_HEADS:
        # "ujar Melki Ketua DPD Partai Golkar Provinsi NTT itu": a name, then the epithet the article uses for
        # that person
        k = next((k for k in range(1, min(4, len(tokens))) if tokens[k].lower() in ROLE_HEADS
                  and tokens[k][0].isupper()), None)
        name = _name_from(tokens[:k], known_names or frozenset()) if k and all(_is_cap(t) for t in tokens[:k]) else None
        if name:
            return Mention(raw, "name", name=name, role=raw.rsplit(" ", 1)[0].split(None, k)[k], party=party)
    if low.endswith((" itu", " tersebut", " ini")) and first in EPITHET_HEADS | ROLE_HEADS:
        # "Wali Kota Makassar ini" names an office (resolved by role); "politikus Partai Golkar itu" and
        # "pria kelahiran Jawa Tengah ini" only point back to someone already in the text
        core = raw.rsplit(" ", 1)[0]
        role_t, rest = split_role_name(TOKEN.findall(core), known_names)
        if role_t and not rest and _is_cap(tokens[0]):
            return Mention(raw, "role", role=core, party=party, extras={"demonstrative": True})
        return Mention(raw, "epithet", party=party)
    if first in {"pria", "wanita", "perempuan", "sosok", "lelaki"}:
        return Mention(raw, "epithet", party=party)
    # "ROLE, NAME" / "NAME, ROLE" appositions; an enumeration inside a role ("Bidang Politik, Hukum, dan
    # Keamanan") is one part
    if "," in tokens:
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        for k in range(len(parts) - 1, 0, -1):
            # "…, Edukasi dan Perlindungan Konsumen (PEPK) Friderica …": the last item of a list of fields
            if parts[k].startswith(("dan ", "and ")) or " & " in parts[k] or _FIELD_AND.match(parts[k]):
                j = k
                while j > 1 and len(parts[j - 1].split()) == 1:
                    j -= 1
                parts[j - 1:k + 1] = [", ".join(parts[j - 1:k + 1])]
                break
    if "," in tokens and len(parts) > 1:
        best = Mention(raw, "unknown")
        # a part that is only a place ("Kepala Puskesmas Cilincing, Jakarta Utara, Edison Sahputra") is neither
        parts = [p for p in parts if not all(w.lower() in PLACES for w in p.split())] or parts
        # academic degrees after the name ("Dedy Tabrani, S.I.K., M.Si.") are titles, not a second name
        parts = [p for p in parts if not _DEGREE.fullmatch(p)] or parts
        subs = [parse_mention(p, known_names) for p in parts]
        # "ROLE, NAME": the part without a role is the name; with several, the last one
        order = {id(m): k for k, m in enumerate(subs)}
        subs.sort(key=lambda m: (m.kind != "name", m.role is not None, -order[id(m)]))
        for sub in subs:
            chosen = False
            if sub.name and not best.name and sub.kind == "name":
                best.name, best.kind = sub.name, "name"
                best.extras.update(sub.extras)
                chosen = True
            role = sub.role
            if not chosen:
                # a part that is not the name is all role: "Kepala Seksi Intelijen Kejari Jayawijaya"
                part = sub.text.strip()
                if part.split()[0].lower().rstrip(".") in ROLE_HEADS:
                    role = part
            if role and (not best.role or len(role) > len(best.role)):
                best.role = role
            if sub.kind == "role" and best.kind == "unknown":
                best.kind = "role"
        best.party = party
        if best.name or best.role:
            return best
    if ORG_START.match(raw) and tokens[0].lower() not in ROLE_HEADS:
        return Mention(raw, "org", name=_org_name(raw), party=party)
    role_t, name_t = split_role_name(tokens, known_names)
    while len(role_t) > 1 and role_t[-1].lower() in _TRAILING_RANKS:
        role_t = role_t[:-1]  # "Kapolresta Bogor Kota Kombes Pol.": the rank before the name is a title
    role = " ".join(role_t).replace(" ,", ",").strip(" ,") or None
    if role_t and not _is_cap(role_t[0]) and role_t[0].lower() not in ROLE_HEADS:
        role = None
    nick = nickname_of(name_t)
    name = _name_from(name_t, known_names or frozenset(), after_role=bool(role_t))
    institution = bool(name) and name.split()[0].lower() in NOT_PERSON_WORDS
    if name is None and role is None:
        if _is_acronym(tokens[0]) or re.match(r"(Kementerian|Kemen|Pemerintah|Pemkot|Pemkab|Pemprov|Badan|Dinas|Polda|Polres|Polri|KPK|Kejaksaan|Bank|Mahkamah|Komisi|Lembaga)", raw):
            return Mention(raw, "org", name=_org_name(raw), party=party)
        return Mention(raw, "unknown")
    m = Mention(raw, "name" if name else "role", name=name, role=role, party=party)
    if nick:
        m.extras["nickname"] = nick
    if institution:
        # "Kepala Ombudsman RI Perwakilan Jakarta Raya", "Kadin Surabaya", "Bandara Pantar": read where a name
        # is read (the clause is still a statement), but an institution, not a person
        m.extras["institution"] = True
    return m
