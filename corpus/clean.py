"""Turn raw article text into a normalised body plus header metadata.

Everything downstream stores character offsets into `Article.text`, so this module is the single place
where text may change. It only normalises whitespace, removes boilerplate and header material, and splits
words that page scraping glued together; it never touches quote characters or rewrites words.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from corpus.schema import Article

# --- whitespace -------------------------------------------------------------------------------------

# NBSP, figure/thin/ideographic spaces and tabs all render as a space; keeping them would make "DPRD Kota"
# fail string matches and skew tokenisation.
_ODD_SPACES = re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# U+2028/2029 and NEL are line breaks to str.splitlines but not to offsets in other tools: make them \n.
_ODD_BREAKS = re.compile(r"\r\n?|[\u0085\u2028\u2029]")


def normalise_whitespace(text: str) -> list[str]:
    """NFC, unify line breaks and spaces; return the non-empty lines (each line is a paragraph)."""
    text = unicodedata.normalize("NFC", text)
    text = _ODD_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    # Other C0 controls have no business in prose and would break JSON/CSV consumers.
    text = _CONTROL.sub("", text)
    lines = (_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


# --- boilerplate --------------------------------------------------------------------------------------

# Whole lines that are never article prose. Order matters only for which kind gets recorded.
_LINE_PATTERNS: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(rx, re.IGNORECASE if kind not in {"scroll", "advertisement"} else 0))
    for kind, rx in [
        ("baca_juga", r"^baca (juga|pula)\b.*$"),
        ("baca_berita", r"^baca (berita|artikel)\b.*\b(lainnya|selengkapnya)\b.*$"),
        ("video_promo", r"^['\"‘“]?(simak|lihat|tonton|saksikan)( juga)?( video| live ?detik ?\w*)\b.*$"),
        ("video_promo", r"^(simak|lihat|tonton)( juga)? [\"“'‘].{0,200}\bdi sini\s*:?$"),
        ("scroll", r"^SCROLL TO (CONTINUE|RESUME) (WITH )?CONTENT$"),
        ("advertisement", r"^ADVERTISEMENT$"),
        ("widget", r"^(rekomendasi untuk anda|berita terkini|berita terkait|artikel terkait|terpopuler"
                   r"|berita populer|ikuti kami di\b.{0,60}|follow us\b.{0,60})$"),
        ("copyright", r"^(©|\(c\)|copyright\b).*$"),
        ("copyright", r"^all rights? reserved\.?$"),
        ("embed", r"^\[gambas:[^\]]*\]$"),
        ("program_promo", r"^[\"“]?detik ?(pagi|sore)\b.{0,40}$"),
        ("program_promo", r"^(ikuti terus ulasan mendalam|saksikan pembahasan lengkapnya"
                          r"|simak rangkumannya)\b.*$"),
        ("republish_note", r"^artikel ini (telah |pertama kali )?(tayang|ditulis|dimuat|terbit)\b.*$"),
        ("byline", r"^(diadaptasi|diterjemahkan|disadur) oleh\b.{0,120}$"),
        ("separator", r"^[-–—_*=•·]{3,}$"),
        ("photo_credit", r"^\(?(foto|ilustrasi|dok|sumber foto)\s*[:.].{0,80}\)?$"),
    ]
]

_SUMMARY_HEAD = re.compile(r"^ringkasan berita\s*:?$", re.IGNORECASE)
_BULLET = re.compile(r"^([•·▪●◦*-]|\d{1,2}[.)])\s")

# Bylines: "Penulis: X | Editor: Y", "Reporter: X", "Editor: Y", a lone "oleh".
_BYLINE_FIELD = re.compile(r"(?P<key>penulis|reporter|wartawan|editor|penyunting)\s*:\s*(?P<val>[^|]+)",
                           re.IGNORECASE)
_BYLINE_LINE = re.compile(r"^((penulis|reporter|wartawan|editor|penyunting)\s*:[^|]+\|?\s*)+$",
                          re.IGNORECASE)
_LONE_OLEH = re.compile(r"^oleh\s*:?$", re.IGNORECASE)
# Tribun puts "Laporan Wartawan Tribunnews.com, Name" in front of the dateline, inline.
_REPORTER = re.compile(r"\bLaporan (?:wartawan|reporter|koresponden)\s+\S+?,?\s+(?P<name>.+?)\.?\s*$",
                       re.IGNORECASE)
_REPORTER_PREFIX = re.compile(r"^(?i:Laporan (?:wartawan|reporter|koresponden))\s+\S+?,?\s+(?P<name>.+?)\.?\s+"
                              r"(?=[A-Z][A-Z.]{3,}\b)")
_WRITTEN_BY = re.compile(r"ditulis oleh (?P<name>[^,.]+)", re.IGNORECASE)
# "Tribunbekasi/Rendy Rutama Putra", "KOMPAS.com/Nama": agency, slash, photographer.
_PHOTO_CREDIT = re.compile(r"^[A-Z][\w.]{2,30}\s?/\s?[A-Z][\w.' ]{2,60}$")
# "WFH ASN - Anggota Komisi I …": a caption is an upper-case tag, a dash, then the description.
_CAPTION = re.compile(r"^[A-Z0-9][A-Z0-9 &'.,/-]{1,60}\s[-–—]\s\S")

# Inline promos in text that lost its line breaks. Their headline has no end marker, see _cut_headline.
# With a colon "Baca juga:" is unambiguous even glued to the previous word ("kata dia.Baca juga:").
_INLINE_PROMO = re.compile(r"(?:Baca (?:[Jj]uga|JUGA|[Pp]ula)\s*:|BACA JUGA)\s*:?\s*"
                           r"|(?:(?<=\s)|^)Baca (?:[Jj]uga|JUGA|[Pp]ula)(?:\s+|$)"
                           r"|(?:Simak|Lihat|Tonton)(?: juga)? [Vv]ideo\s*:?\s*")
# (kind, a literal every match contains, pattern): the leading \s* defeats the regex engine's literal
# prefix scan, so a plain substring test first keeps the common paragraph without markers cheap.
_INLINE_FIXED = [
    ("scroll", "SCROLL TO", re.compile(r"\s*SCROLL TO (?:CONTINUE|RESUME) (?:WITH )?CONTENT\s*")),
    ("advertisement", "ADVERTISEMENT", re.compile(r"\s*ADVERTISEMENT\s*")),
    ("summary", "Ringkasan Berita", re.compile(r"\s*Ringkasan Berita\s*:?\s*")),
    ("copyright", " Reserved", re.compile(r"\s*All Rights? Reserved\.?\s*")),
    ("widget", "Rekomendasi untuk Anda", re.compile(r"\s*Rekomendasi untuk Anda\s*")),
]
_TRAILING_REPUBLISH = re.compile(r"\s*\bArtikel ini telah (?:tayang|dimuat) di\b.*$")

# Lower-case words that may sit inside a Title Case headline.
_HEADLINE_LOWER = set("""di ke dari dan yang untuk soal dengan atau pada usai jadi tak bagi ini itu hingga
sebut vs oleh jelang saat demi agar buat kok pun lagi kian makin belum sudah akan bisa
""".split())
# Words that typically open a news sentence; used to find where a glued headline stops.
_SENTENCE_OPENERS = set("""Menurut Sementara Selain Namun Dalam Saat Ia Dia Hal Sebelumnya Adapun Kemudian
Diketahui Pada Sedangkan Terkait Bahkan Meski Meskipun Jika Mereka Kami Kita Sebab Karena Setelah Sejumlah
Para Seperti Ketua Wakil Anggota Menteri Presiden Gubernur Wali Bupati Kepala Direktur Pengamat Juru Pihak
Lebih Tak Tidak Oleh Atas Dengan Sebagai Berdasarkan Kendati Hingga Sehingga Untuk Apalagi Akan Sejak
""".split())


def _is_capitalised(tok: str) -> bool:
    first = tok.lstrip("'‘(\"“[")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or not first.isalpha())


def _cut_headline(rest: str) -> int:
    """Length of the promo headline at the start of `rest` (text after "Baca juga:").

    Headlines are Title Case and the sentence that follows starts with one capitalised word and then
    lower-case prose, so the sentence starts at the capitalised word just before the first lower-case
    prose word — or earlier, at a typical sentence opener ("Menurut", "Ketua", ...)."""
    toks = list(re.finditer(r"\S+", rest))
    for i, m in enumerate(toks):
        tok = m.group()
        if i > 0 and tok[:1] in "\"“":  # a quote opens the next sentence
            return m.start()
        if i > 0 and tok[:1].islower() and tok.rstrip(",.:;!?").lower() not in _HEADLINE_LOWER:
            start = i - 1
            for j in range(2, i - 1):  # earliest opener inside the capitalised run before the prose
                if toks[j].group() in _SENTENCE_OPENERS and all(_is_capitalised(t.group())
                                                                  for t in toks[j:i - 1]):
                    start = j
                    break
            return toks[start].start()
        if i > 0 and tok.endswith((".", "?")) and not re.fullmatch(r"(\w\.)+|\w{1,3}\.", tok):
            return m.end()  # a headline does not end in a full stop; the sentence did
        if i >= 30:
            break
    return len(rest) if len(toks) <= 30 else 0


def _strip_inline(paragraph: str, removed: list[str]) -> str:
    # Removing one marker can join the halves of another ("Baca SCROLL… juga:"), so repeat until stable.
    for _ in range(10):
        before = paragraph
        for kind, needle, rx in _INLINE_FIXED:
            if needle in paragraph:
                paragraph, n = rx.subn(" ", paragraph)
                removed.extend([kind] * n)
        paragraph = _MULTI_SPACE.sub(" ", paragraph)
        out, pos = [], 0
        for m in _INLINE_PROMO.finditer(paragraph):
            if m.start() < pos:
                continue
            out.append(paragraph[pos:m.start()])
            pos = m.end() + _cut_headline(paragraph[m.end():])
            removed.append("baca_juga" if m.group().lower().startswith("baca") else "video_promo")
        out.append(paragraph[pos:])
        paragraph = "".join(out)
        if "Artikel ini telah" in paragraph:
            paragraph, n = _TRAILING_REPUBLISH.subn("", paragraph)
            removed.extend(["republish_note"] * n)
        paragraph = _MULTI_SPACE.sub(" ", paragraph).strip()
        if paragraph == before:
            break
    return paragraph


# Scraped italics lose their surrounding spaces: "kata dia.Baca", "kepadadetikcom", "detikcomdi".
# Short capitalised words before the dot are abbreviations ("Pid.Sus", "Jkt.Pst"), so they are left alone.
_GLUED_SENTENCE = re.compile(r"(\b(?:[A-Za-z][a-z]{3,}|[a-z]{2,3})[.!?])(?=[A-Z][a-z])")
_DETIK_BRANDS = ("com|News|Finance|Health|Travel|Edu|Sport|Oto|Inet|Hot|Food|Pop|Properti|Hikmah|Pagi|Sore"
                 "|Sepakbola|Bali|Jabar|Jateng|Jatim|Jogja|Sumut|Sumbagsel|Sulsel|Kalimantan|Sumbar")
_GLUED_DETIK_BEFORE = re.compile(rf"(?<=[a-z])(?=detik(?:{_DETIK_BRANDS}))")
_GLUED_DETIK_AFTER = re.compile(rf"\bdetik(?:{_DETIK_BRANDS})(?=[a-z])")


def _unglue(paragraph: str) -> tuple[str, int]:
    paragraph, a = _GLUED_SENTENCE.subn(r"\1 ", paragraph)
    paragraph, b = _GLUED_DETIK_BEFORE.subn(" ", paragraph)
    paragraph, c = _GLUED_DETIK_AFTER.subn(lambda m: m.group() + " ", paragraph)
    return paragraph, a + b + c


# --- header and dateline ------------------------------------------------------------------------------

_OUTLET = (r"(?:[A-Za-z][\w-]*\.)+(?:com|co\.id|id|net|org)\b|(?:[A-Za-z][\w-]*\.)+(?:COM|CO\.ID|ID|NET)\b"
           r"|KOMPAS|Kompas|ANTARA|Antara|TEMPO|Tempo|TRIBUNNERS|detikcom|Detikcom")
_PLACE = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}"
_DASH = r"\s*(?:--|[-–—])\s*"
# Without a comma only an upper-case place counts ("TRIBUNNEWS.COM JAKARTA -"); "Tribunews.com Willem
# Jonata -" is a reporter credit.
_UPPER_PLACE = r"[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*){0,3}"
_DATELINE = re.compile(
    rf"(?P<outlet>{_OUTLET})(?:\s*,\s*(?P<place>{_PLACE})|\s+(?P<place1>{_UPPER_PLACE})){_DASH}(?=\S)"
    rf"|(?P<place2>{_PLACE}),\s*(?P<outlet2>{_OUTLET}){_DASH}(?=\S)"
    rf"|(?P<place3>{_PLACE})\s*\((?P<outlet3>{_OUTLET})\){_DASH}(?=\S)"
    rf"|(?P<outlet4>{_OUTLET}){_DASH}(?=\S)"
)


@dataclass(slots=True)
class _Dateline:
    outlet: str
    place: str | None
    start: int  # offset of the dateline inside its paragraph


def find_dateline(paragraph: str, *, anywhere: bool = False) -> _Dateline | None:
    """A dateline ("TRIBUNBEKASI.COM, KOTA BEKASI - ", "Bengkulu, krsumsel.com – ") at the paragraph start,
    or within its first 400 characters when `anywhere` (text that lost its line breaks)."""
    rx_search = _DATELINE.search if anywhere else _DATELINE.match
    m = rx_search(paragraph[:400])
    if not m or (anywhere and m.start() and not paragraph[m.start() - 1].isspace()):
        return None
    outlet = m.group("outlet") or m.group("outlet2") or m.group("outlet3") or m.group("outlet4")
    place = m.group("place") or m.group("place1") or m.group("place2") or m.group("place3")
    return _Dateline(outlet=outlet, place=place.strip() if place else None, start=m.start())


def _is_kicker(line: str) -> bool:
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?", ":"))


def _looks_like_title(line: str) -> bool:
    return len(line.split()) <= 25 and not line.endswith((".", ":", ",")) and len(line) <= 200


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    deck: str | None = None
    author: str | None = None
    editor: str | None = None
    removed: list[str] = field(default_factory=list)


def _read_byline(line: str, meta: _Meta) -> None:
    for m in _BYLINE_FIELD.finditer(line):
        key, val = m.group("key").lower(), m.group("val").strip()
        if key == "editor" or key == "penyunting":
            meta.editor = meta.editor or val
        else:
            meta.author = meta.author or val


def _summary_or_byline(line: str, meta: _Meta) -> str | None:
    """A "Ringkasan Berita:" head or a "Penulis: … | Editor: …" line, read into meta; header and body alike."""
    if _SUMMARY_HEAD.match(line):
        meta.removed.append("summary")
        return "summary"
    if _BYLINE_LINE.match(line):
        _read_byline(line, meta)
        meta.removed.append("byline")
        return "byline"
    return None


def _classify_header(lines: list[str], meta: _Meta) -> None:
    """Lines before the dateline: byline, credits, captions, summary, and kicker/title/deck in order."""
    texts: list[str] = []
    after_credit = False
    in_summary = False
    for line in lines:
        if in_summary and _BULLET.match(line):
            continue
        in_summary = False
        if kind := _summary_or_byline(line, meta):
            in_summary = kind == "summary"
        elif _LONE_OLEH.match(line):
            meta.removed.append("byline")
        elif m := _REPORTER.search(line):
            meta.author = meta.author or _reporter_name(m)
            meta.removed.append("byline")
        elif _PHOTO_CREDIT.match(line):
            meta.removed.append("photo_credit")
            after_credit = True
        elif after_credit or _CAPTION.match(line):
            meta.removed.append("caption")
        elif (kind := _line_kind(line)) is not None:
            meta.removed.append(kind)
        else:
            texts.append(line)
    if meta.title is not None:
        kept = [t for t in texts if t != meta.title]
        meta.removed.extend(["title"] * (len(texts) - len(kept)))
        texts = kept
    elif texts:
        if len(texts) >= 2 and _is_kicker(texts[0]) and not _is_kicker(texts[1]):
            texts.pop(0)
            meta.removed.append("kicker")
        meta.title = texts.pop(0)
    if texts and meta.deck is None:
        meta.deck = texts.pop(0)
    meta.removed.extend(["header"] * len(texts))


def _inline_header(body: list[str], meta: _Meta) -> _Dateline | None:
    """Text without line breaks (Tribun) carries title and reporter inline in front of the dateline."""
    dl = find_dateline(body[0], anywhere=True)
    if dl is None and (m := _REPORTER_PREFIX.match(body[0])):  # credit before a garbled dateline
        meta.author = meta.author or _reporter_name(m)
        meta.removed.append("byline")
        body[0] = body[0][m.end():]
    if dl is None or dl.start == 0:
        return dl
    prefix = body[0][:dl.start].strip()
    reporter = _REPORTER.search(prefix)
    headline = prefix[:reporter.start()].strip() if reporter else prefix
    # Only a headline-shaped prefix is header; otherwise the "dateline" was a phrase inside a sentence.
    if headline and (not _looks_like_title(headline) or re.search(r"[.!?]\s", headline)):
        return None
    if reporter:
        meta.author = meta.author or _reporter_name(reporter)
        meta.removed.append("byline")
    if headline:
        meta.title = meta.title or headline
        meta.removed.append("title")
    body[0] = body[0][dl.start:]
    dl.start = 0
    return dl


def _reporter_name(m: re.Match) -> str:
    return re.sub(r"\s+dari\s.*$", "", m.group("name")).strip(" ,.")


def _one_line(value: str | None) -> str | None:
    return " ".join(normalise_whitespace(value)) or None if value else None


def _line_kind(line: str) -> str | None:
    for kind, rx in _LINE_PATTERNS:
        if rx.match(line):
            return kind
    return None


def _strip_lines(lines: list[str], meta: _Meta) -> list[str]:
    """Drop whole boilerplate lines and "Ringkasan Berita:" with its bullets; read bylines on the way."""
    out: list[str] = []
    in_summary = author_next = False
    for i, line in enumerate(lines):
        if in_summary and _BULLET.match(line):
            continue
        in_summary = False
        if author_next:  # the line after a closing "Oleh:" names the author (opinion pieces)
            author_next = False
            meta.author = meta.author or line.split(",")[0].strip()
            meta.removed.append("byline")
        elif kind := _summary_or_byline(line, meta):
            in_summary = kind == "summary"
        elif _LONE_OLEH.match(line):
            author_next = i >= len(lines) - 3 and i + 1 < len(lines) and len(lines[i + 1]) < 200
            meta.removed.append("byline")
        elif _PHOTO_CREDIT.match(line):
            meta.removed.append("photo_credit")
        elif (kind := _line_kind(line)) is not None:
            if kind == "republish_note" and (m := _WRITTEN_BY.search(line)):
                meta.author = meta.author or m.group("name").strip()
            meta.removed.append(kind)
        else:
            out.append(line)
    return out


# --- metadata helpers ---------------------------------------------------------------------------------

_DATE_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                 "%d-%m-%Y")
_OUTLET_BY_DOMAIN = {"detik.com": "detikcom", "kompas.com": "KOMPAS.com", "tribunnews.com": "TRIBUNNEWS.COM"}


def normalise_date(value: str | None) -> str | None:
    """ISO "YYYY-MM-DD" from ISO strings or US-style "10/21/2025 20:43" (Detik exports month first)."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        return "-".join(m.groups())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def outlet_from_url(url: str | None) -> str | None:
    m = re.match(r"^[a-z]+://([^/:?#]+)", url or "", re.IGNORECASE)
    if not m:
        return None
    host = m.group(1).lower()
    for domain, name in _OUTLET_BY_DOMAIN.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


# --- entry point --------------------------------------------------------------------------------------


def clean_article(raw_text: str, *, article_id: str, title: str | None = None, url: str | None = None,
                  date: str | None = None, outlet: str | None = None, source_format: str = "txt",
                  author: str | None = None, deck: str | None = None) -> Article:
    """Normalise `raw_text`, move header material into metadata and drop boilerplate. Pure."""
    lines = normalise_whitespace(raw_text or "")
    meta = _Meta(title=_one_line(title), deck=_one_line(deck), author=_one_line(author))

    # In plain text a dateline paragraph near the top marks where the body begins: all before is header.
    dl, dl_index = None, None
    for i, line in enumerate(lines[:25]):
        if dl := find_dateline(line):
            dl_index = i
            break
    if dl_index is not None:
        _classify_header(lines[:dl_index], meta)
        lines = lines[dl_index:]
    elif lines and meta.title is not None and lines[0] == meta.title:
        lines = lines[1:]
        meta.removed.append("title")
    elif source_format == "txt" and meta.title is None and len(lines) > 1 and _looks_like_title(lines[0]):
        _classify_header(lines[:1], meta)
        lines = lines[1:]

    lines = _strip_lines(lines, meta)
    body: list[str] = []
    glued = 0
    for line in lines:
        line = _strip_inline(line, meta.removed)
        line, n = _unglue(line)
        glued += n
        if line:
            body.append(line)
    if glued:
        meta.removed.append("glued_words")

    if dl is None and body:
        dl = _inline_header(body, meta)

    return Article(
        article_id=article_id,
        text="\n\n".join(body),
        title=meta.title,
        deck=meta.deck,
        outlet=outlet or (dl.outlet if dl else None) or outlet_from_url(url),
        dateline=dl.place if dl else None,
        author=meta.author,
        editor=meta.editor,
        date=normalise_date(date),
        url=url,
        source_format=source_format,
        raw_sha1=hashlib.sha1((raw_text or "").encode("utf-8", "surrogatepass")).hexdigest(),
        removed=meta.removed,
    )
