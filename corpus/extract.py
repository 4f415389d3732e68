"""Statements from one cleaned article: direct quotes and indirect speech, each attributed to a speaker.

The public entry point is `extract_statements(article)`. Everything here is a pure function of the article
text (plus the role taxonomy), so any engine can call it per article."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, IS_LOWER, LOWER, SENT_START
from spacy.strings import hash_string

from .mentions import (
    CUE_STEMS, EPITHET_HEADS, NOT_NAME, NOT_PERSON_WORDS, PRONOUNS, ROLE_CONT, ROLE_HEADS, Mention, find_party,
    parse_mention,
)
from .quotes import find_quotes
from .roles import People, Taxonomy, institution_and_region, load_people, load_taxonomy
from .schema import Article, Statement, statement_id

# Cue words after a quote ("…,” kata X"). Longer forms first so "katanya" is not read as "kata".
_POST_CUE = re.compile(
    r"\s*,?\s*(?P<cue>(?:" + "|".join(sorted(CUE_STEMS, key=len, reverse=True)) + r")(?:nya)?)(?![\w-])",
)
# Indirect speech verbs ("X menilai …"). `bahwa`/`agar` after them belong to the cue, as in the seed gold.
SPEECH_VERBS = (
    "mengatakan", "menilai", "menegaskan", "menjelaskan", "mengungkapkan", "menerangkan", "menyebut",
    "menyebutkan", "menyatakan", "mengingatkan", "menekankan", "berharap", "meminta", "mengklaim", "mengakui",
    "mengaku", "menambahkan", "menuturkan", "memaparkan", "menyampaikan", "mengemukakan", "berpendapat",
    "menduga", "memperkirakan", "meyakini", "membantah", "menampik", "menyarankan", "mengimbau", "mendesak",
    "menganggap", "berkata", "menuding", "mengusulkan", "membeberkan", "menguraikan", "menandaskan",
    "mengajak", "menyayangkan", "mengkritik", "menyindir", "mempertanyakan", "mengungkap", "menuturkan",
    "memastikan", "menyebutkan", "mengimbuhkan", "menukas", "bilang", "mengingatkan", "mewanti-wanti",
    "mencontohkan", "memprediksi", "memproyeksikan", "mengeklaim", "mengharapkan", "menjanjikan",
    "menyoroti", "mendorong", "memposting", "menulis", "mencuit", "berujar", "berpesan", "berjanji",
    "mengancam", "menuntut", "memandang", "menasihati", "melanjutkan", "menuturkan", "mengutarakan",
    "membenarkan", "optimistis", "curiga", "melarang", "mengisyaratkan", "berpandangan", "mengumumkan",
    "menggarisbawahi", "beralasan", "mengibaratkan", "menceritakan", "memungkiri", "mengisahkan",
)
_VERB_RE = re.compile(
    r"(?<![\w-])(?P<verb>" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True))
    + r"|(?:menjawab|melaporkan|mencatat)(?= bahwa))(?![\w-])"
    r"(?:\s+harapan(?:nya)?(?=\s+(?:bahwa|agar|supaya)\b))?"  # "menyampaikan harapannya bahwa …"
    r"(?:\s+kepada\s+[^,.;\"“”]{1,40}?(?=\s+bahwa\b))?"  # "mengatakan kepada AFP bahwa …"
    r"(?:\s+(?P<conj>bahwa|agar|supaya|semoga|jika))?\s*[,:]?\s*"
)


def _is_clitic_cue(cue: str) -> bool:
    """"ujarnya" carries the speaker; "tanya" (a stem that ends in -nya) does not."""
    low = cue.lower()
    return low.endswith("nya") and low[:-3] in CUE_STEMS


# "…, kata sosiolog Malte Reichelt dari …, yang ikut meneliti …": a relative clause may describe the speaker
_POST_CUE_PLAIN = re.compile(r",\s*(?P<cue>(?:" + "|".join(CUE_STEMS) + r")(?:nya)?)(?![\w-])(?P<who>[^,]*?)"
                             r"(?:,\s*yang\s[^,\"“”]*)?\.?$")
_PASSIVE_WORDS = ("disampaikan", "ditekankan", "diungkapkan", "diungkap", "dikatakan", "dijelaskan", "ditegaskan",
                  "disebutkan", "dinyatakan", "diutarakan", "dipaparkan", "diterangkan", "dikemukakan", "ditambahkan",
                  "dilontarkan", "disuarakan")
_MID_CUE = re.compile(r"^[^,]{3,120},\s*(?P<cue>kata|ujar|tutur|ucap|menurut|jelas|tegas|lanjut|terang|sebut|tambah|imbuh|"
                      r"papar|ungkap)\s+"
                      r"(?P<who>[^,]{1,60}),\s*(?P<content>\S.*)$")
_MID_MENURUT = re.compile(r"^[^,]{3,120}?\s(?P<cue>menurut)\s+(?P<who>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}),?\s+"
                          r"(?P<content>[a-z].*)$")
_MID_CLITIC = re.compile(r"^[^,]{3,120},\s*(?P<cue>(?:kata|ujar|tutur|ucap|jelas|tegas|lanjut|tambah|imbuh)nya,"
                         r"|menurutnya,?)\s*"
                         r"(?P<content>\S.*)$")
_POST_SUBJECT_VERB = re.compile(
    r"\s*,?\s*(?P<subj>[^\n.,;\"“”]{1,80}?)\s+(?P<verb>" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True))
    + r")(?![\w-])"
)
_CONNECTIVE = re.compile(
    r"^(?:(?:Oleh karena itu|Oleh sebab itu|Karena itu|Sementara itu|Selain itu|Di sisi lain|Lebih lanjut|"
    r"Lebih jauh|Namun demikian|Namun|Tapi|Tetapi|Akan tetapi|Meski demikian|Kendati demikian|Meski begitu|"
    r"Kemudian|Sehingga|Adapun|Terpisah|Di tempat terpisah|Sebelumnya|Selanjutnya|Dalam kesempatan (?:itu|"
    r"tersebut|yang sama)|Pada kesempatan (?:itu|tersebut|yang sama)|Saat itu|Kala itu|Di samping itu|"
    r"Terkait hal (?:itu|ini|tersebut)|Terkait itu|Untuk itu|Dengan demikian|Bahkan|Lalu|Maka|Sedangkan|"
    r"Sebaliknya|Di lain pihak|Pun|Karenanya|Untuk diketahui|Diketahui|Dalam keterangannya|Dalam hal ini|"
    r"Di kesempatan yang sama|Menanggapi hal (?:itu|ini|tersebut)|Atas dasar itu|Meski|Walau begitu|Pertama|Kedua|"
    r"Ketiga|Keempat|Kelima|Terakhir)"
    r"\s*,?\s+)+"
)
_ADVERBS = frozenset("""juga pun kembali lantas lalu kemudian bahkan sendiri pula turut sempat justru malah lupa
    tegas pernah telah sudah masih lanjut terus langsung kerap selalu sering segera tetap hanya akhirnya mulanya
    awalnya semula""".split())
_ADVERB_LEADS = frozenset({"tak", "secara", "dengan", "lebih"})


def _strip_adverbs(subject: str) -> str:
    """"Tito juga", "Purbaya pun", "Ia secara tegas": adverbs between the subject and its verb."""
    words = subject.split(" ")
    while len(words) > 1 and words[-1] in _ADVERBS:
        words.pop()
        if len(words) > 1 and words[-1] in _ADVERB_LEADS:
            words.pop()
    return " ".join(words)
# "Menurut X, …", "Bagi dia, …", "Lanjut Erwin, …", "Katanya, …", "Dikatakan dia, …", "Disebutkan Arriola bahwa
# …"; a period inside the source only before a capital ("Prof. Rika")
_MENURUT = re.compile(r"(?P<cue>[Mm]enurut|[Bb]agi(?=nya|\s+(?:[A-Z]|(?:dia|ia|beliau)\b))|Kata(?=nya|\s)|Lanjut(?=nya|\s)|"
                      r"(?:Seperti |Sebagaimana )?(?:Dikatakan|Dijelaskan|Disebutkan|Ditegaskan|Diungkapkan|Ditambahkan|"
                      r"Dinyatakan|(?<=Seperti )(?:ditulis|dicatat|dikatakan|disebutkan|diungkapkan))(?:\s+oleh)?(?=\s))"
                      r"(?:(?P<nya>nya)|\s+(?P<who>(?:[^,.;]|\.(?= ?[A-Z])){1,90}?))(?:\s*,\s*|\s+bahwa\s+)")
# "Menurut Prabowo selama 10 bulan …": no comma, so only a person the article has named
_MENURUT_BARE = re.compile(r"(?P<cue>[Mm]enurut)\s+(?P<who>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})\s+(?=[a-z])")
# "Menurut ahli gizi di New York City, Robin DeCicco, …": the name in apposition after a lower-case role
_APPOSED_NAME = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}),\s+(?=[a-z])")
_DATE = re.compile(
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*,?\s*)?\(\s*(\d{1,2})\s*/\s*(\d{1,2})"
    r"(?:\s*/\s*(\d{2,4}))?\s*\)"
)
_STOPPER = re.compile(
    r"\s*(?:[,.;:(]|\s(?:di|dalam|saat|ketika|kepada|pada|usai|seusai|selepas|sebelum|setelah|melalui|lewat|"
    r"dengan|via|kala|tatkala|sambil|seraya|sembari|dikutip|dilansir|terkait|soal|mengenai|tentang|kemarin|"
    r"lagi|pula|ditemui|dihubungi|menjawab|menanggapi|saat|atas|ke|yang|hari|pekan|beberapa|sebagaimana|"
    r"seperti|sebelumnya)\b)"
)
_SPACE = re.compile(r"\s+")


@dataclass
class Entity:
    canonical: str | None
    kind: str = "person"  # person | org
    names: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    party: str | None = None
    said: dict[str, int] = field(default_factory=dict, repr=False)  # how often each spelling is written
    _tokens: set[str] = field(default_factory=set, repr=False)
    _tokens_for: int = field(default=-1, repr=False)

    def tokens(self) -> set[str]:
        if self._tokens_for != len(self.names):  # names only grow
            self._tokens = {t.lower() for n in self.names for t in n.split()}
            self._tokens_for = len(self.names)
        return self._tokens

    def spelling(self) -> str | None:
        """The canonical name as the article mostly spells it ("Afifuddin" five times, "Affifuddin" twice)."""
        name = self.canonical
        if not name:
            return name
        variants = [n for n in self.names if n == name or _one_letter_apart(n, name)]
        return max(variants, key=lambda n: (self.said.get(n, 0), n == name))

    def add_role(self, role: str) -> None:
        if role not in self.roles:
            self.roles.append(role)

    def best_role(self, taxonomy: Taxonomy | None = None) -> str | None:
        """The fullest role; an office outranks a party post ("Wali Kota Makassar" over "Ketua DPD II Golkar")."""
        if not self.roles:
            return None
        if taxonomy is None:
            return max(self.roles, key=len)
        # a former office ("Eks Kepala … LPS", "mantan Menteri …") is not the one held now ("Menteri Keuangan")
        return max(self.roles, key=lambda r: (not _FORMER.match(r),
                                              taxonomy.categorize(r) not in {"politisi", "lainnya"}, len(r)))


class Registry:
    """The people and institutions of one article, merged by name ("Dedy" is "Dedy Wahyudi")."""

    def __init__(self, text: str, taxonomy: Taxonomy, lower_hashes: set[int] | None = None):
        self.entities: list[Entity] = []
        self._lower_seen: dict[str, bool] = {}
        self._lower_hashes = lower_hashes
        self.salient: list[Entity] = []  # subjects and speakers in reading order
        self.mentions: list[tuple[int, Entity]] = []  # every "ROLE NAME" run found by the prescan
        self.pos = 0  # where the reading pass is
        self.pending: list[tuple[int, int]] = []  # narrative sentences since the last speaker
        self.text = text
        self.taxonomy = taxonomy
        self._names: set[str] = set()
        self._names_key = -1

    def mark(self, e: Entity, from_pending: bool = False) -> None:
        self.salient.append(e)
        if not from_pending:
            self.pending.clear()  # narration before a speaker can no longer be the latest referent

    def merge_into(self, target: "Entity", name: str) -> None:
        """Make `name` a name of `target`, folding in an entity known only by that name."""
        for other in [e for e in self.entities if e is not target and e.canonical == name]:
            target.names |= other.names
            for role in other.roles:
                target.add_role(role)
            target.party = target.party or other.party
            self.entities.remove(other)
            self.mentions = [(p, target if e is other else e) for p, e in self.mentions]
            self.salient = [target if e is other else e for e in self.salient]
        target.names.add(name)

    def written_lower(self, word: str) -> bool:
        """Does the article also write this word in lower case (so it is an ordinary word, not a name)?"""
        low = word.lower()
        if self._lower_hashes is not None:  # the tokens the article writes in lower case, from the Doc
            return hash_string(low) in self._lower_hashes
        hit = self._lower_seen.get(low)
        if hit is None:
            hit = self._lower_seen[low] = re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", self.text) is not None
        return hit

    @property
    def name_tokens(self) -> set[str]:
        # recomputed only when the people known change (it is asked for on every sentence)
        key = sum(len(e.names) for e in self.entities)
        if key != self._names_key:
            self._names = {t for e in self.entities if e.kind == "person" for n in e.names for t in n.split()}
            self._names_key = key
        return self._names

    def looks_like_name(self, name: str) -> bool:
        toks = name.split()
        # A capitalised word that the article also writes in lower case is an ordinary word at a sentence
        # start ("Kebijakan", "Kondisi"), not a name.
        return not (len(toks) == 1 and (self.written_lower(toks[0]) or toks[0].lower() in ROLE_HEADS))

    def find(self, name: str) -> Entity | None:
        toks = [t.lower() for t in name.split()]
        hits = [e for e in self.entities if e.kind == "person" and all(t in e.tokens() for t in toks)]
        if len(hits) > 1 and self.pos:
            # "kata Guntur" with Guntur Harahap and Asep Guntur Rahayu both in the article: the one the reading
            # has met most recently (as a speaker or subject, else introduced by the prescan)
            for e in reversed(self.salient):
                if any(e is h for h in hits):
                    return e
            seen = [e for p, e in self.mentions if p < self.pos and any(e is h for h in hits)]
            if seen:
                return seen[-1]
        if hits:
            return hits[-1]
        if len(toks) == 1 and len(toks[0]) >= 4:
            # a clipped form of a longer name: "Risma" is Tri Rismaharini, "Yuri" is Achmad Yurianto
            for e in reversed(self.entities):
                if e.kind == "person" and any(t.startswith(toks[0]) for t in e.tokens()):
                    return e
        # a typo of a long name: "Afifuddin" is the "Ketua KPU Affifuddin" of the paragraph before, "Okky Prasetyo"
        # the "Okky Prastyo Ajie"
        typos = [w for w in toks if len(w) >= 7]
        for e in reversed(self.entities):
            if e.kind != "person" or not typos:
                continue
            known = e.tokens()
            if all(w in known or w in typos and any(_one_letter_apart(w, t) for t in known) for w in toks) \
                    and not all(w in known for w in toks):
                return e
        return None

    def add(self, m: Mention) -> Entity | None:
        if m.kind == "org" and m.name or m.extras.get("institution") and m.name and self.find(m.name) is None:
            for e in self.entities:
                if e.kind == "org" and e.canonical == m.name:
                    return e
            e = Entity(m.name, "org", {m.name})
            self.entities.append(e)
            return e
        # an ordinary word in a name is fine after a role ("… Kejaksaan Agung Hari Setiyono") or once the
        # article has introduced it ("kata Hari")
        if not m.name or not m.role and any(t.lower().strip(".,") in NOT_NAME and self.find(t) is None
                                            for t in m.name.split()):
            return None
        toks = {t.lower() for t in m.name.split()}
        target = self.find(m.name)
        if target is None:
            # the new, longer name contains a known short one ("Prabowo" seen before "Prabowo Subianto")
            for e in reversed(self.entities):
                if e.kind == "person" and e.tokens() and e.tokens() <= toks:
                    target = e
                    break
        if target is None:
            words = m.name.split()
            if len(words) >= 2 and _VERBISH.fullmatch(words[0].lower()) and self.find(" ".join(words[1:])):
                # "Diakui Syafrin, …", "Sepengetahuan Anita": a sentence-initial verb or adverb, not a first name
                return self.add(Mention(m.text, m.kind, " ".join(words[1:]), m.role, m.party, m.extras))
            target = Entity(m.name, "person", {m.name})
            self.entities.append(target)
        target.names.add(m.name)
        target.said[m.name] = target.said.get(m.name, 0) + 1
        if target.canonical is None or len(m.name.split()) > len(target.canonical.split()):
            target.canonical = m.name
        if m.extras.get("nickname"):
            target.names.add(m.extras["nickname"])
        if m.role:
            target.add_role(m.role)
        if m.party and not target.party:
            target.party = m.party
        return target

    def by_role(self, role: str, taxonomy: Taxonomy) -> Entity | None:
        cat = taxonomy.categorize(role)
        low = role.lower()
        # "kata Presiden" is not the Wakil Presiden, "ujar Gubernur" not the Wakil Gubernur
        within = re.compile(rf"(?<!wakil )\b{re.escape(low)}\b")
        for e in reversed(self.salient + self.entities):
            if e.kind == "person" and any(within.search(r.lower()) for r in e.roles):
                return e
        for e in reversed(self.salient + self.entities):
            # an office has one holder per article; citizens, students and teachers are many
            if e.kind == "person" and any(taxonomy.categorize(r) == cat for r in e.roles) \
                    and cat not in {"lainnya", "masyarakat"}:
                return e
        return None

    def last_person(self, quote: str | None = None) -> Entity | None:
        """The referent of "ia"/"ujarnya": the latest subject or speaker (measured: this beats the nearest
        person mention on both gold sets), else the last person introduced with a role. A quote that speaks of
        someone in the third person ("Pak Presiden punya perhatian …") is not theirs: the one before them is
        taken instead."""
        # The subject of the latest narrative sentence that has one (read lazily, newest first: most
        # sentences are never needed).
        pending, self.pending = self.pending, []
        for s, e in reversed(pending):
            subject = _subject_of(self.text[s:e], self)
            if subject is not None:
                self.mark(subject, from_pending=True)
                break
        people = [e for e in reversed(self.salient) if e.kind == "person"]
        if people:
            if quote:
                for e in people:
                    if not _spoken_of(quote, e):
                        return e
            return people[0]
        # nobody has spoken or been a subject yet: the last person introduced with a role
        for p, e in reversed(self.mentions):
            if p < self.pos:
                return e
        return None

    def resolve(self, m: Mention, taxonomy: Taxonomy, quote: str | None = None) -> Entity | None:
        if m.kind in {"pronoun", "clitic"}:
            return self.last_person(quote)
        if m.kind == "epithet":
            if m.party:
                for e in reversed(self.salient):
                    if e.party == m.party:
                        return e
            e = self.last_person()
            if e is not None and m.party and not e.party:
                e.party = m.party
            core = re.sub(r"\s+(?:itu|ini|tersebut)$", "", m.text).split(" yang ")[0]
            if e is not None and not e.roles and core.split()[0].lower() in ROLE_HEADS \
                    and taxonomy.categorize(core) != "lainnya":
                e.add_role(core)  # "bos Space X dan Tesla itu" is how the article titles him (never over a stated role)
            return e
        if m.kind == "role" and m.role:
            e = self.by_role(m.role, taxonomy)
            if e is None and m.extras.get("demonstrative"):
                e = self.last_person()  # "lanjut Wali Kota Makassar ini": the person just quoted
            if e is not None:
                e.add_role(m.role)
                return e
            return Entity(None, "person", set(), [m.role])
        if m.kind in {"name", "org"}:
            return self.add(m)
        return None


def _one_letter_apart(a: str, b: str) -> bool:
    """Is one word the other with one letter dropped ("Afifuddin" / "Affifuddin"), same first letter?"""
    shorter, longer = sorted((a, b), key=len)
    if len(longer) != len(shorter) + 1 or longer[:1] != shorter[:1]:
        return False
    k = next((i for i, (x, y) in enumerate(zip(longer, shorter)) if x != y), len(shorter))
    return longer[k + 1:] == shorter[k:]


_FORMER = re.compile(r"(?i)(?:mantan|eks|bekas)\b")
_HONORIFIC = re.compile(r"\b(?:Pak|Bapak|Bu|Ibu)\s+([A-Z]\w+)")


def _spoken_of(quote: str, e: Entity) -> bool:
    """Does the quote name `e` (a word of their name) or address their office ("Pak Presiden")?"""
    words = set(re.findall(r"[A-Z][\w'’-]{2,}", quote))
    # the surname and one-word names ("Prabowo"); not every word, since a name read with an institution in
    # front of it ("Mandiri Donsuwan Simatupang") would match the institution
    own = {n.split()[-1] for n in e.names if n}  # the canonical name is one of the names
    if words & {t for t in own if len(t) >= 3}:
        return True
    heads = {r.split()[0].lower() for r in e.roles if r} | {t.lower() for n in e.names for t in n.split()}
    return any(m.group(1).lower() in heads for m in _HONORIFIC.finditer(quote))


@lru_cache(maxsize=1)
def get_nlp():
    from .nlp import make_nlp

    return make_nlp()


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer(r"\n\s*", text)]
    return starts


_DAY = re.compile(r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\b|\(\d")


# "kata Scott Lucas, pengajar politik Amerika …", "kata Sutini, warga …": a lower-case role in apposition
_LOWER_ROLE_AFTER = re.compile(r",\s+(?=(?:" + "|".join(sorted((h for h in ROLE_HEADS if h.isalpha() and h != "dan"),
                                                               key=len, reverse=True)) + r")\s)")


def _mention_after(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The speaker phrase right after a cue: up to a stop word or the end of the clause. Commas and
    parenthesised acronyms inside a role survive ("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan
    Mahfud MD", "Direktur Utama PT KCI (KCI) Wiwik Widayanti", "Wakil Ketua Umum PAN, Viva Yoga Mauladi,")."""
    window = text[pos:limit]
    lead = len(window) - len(window.lstrip())
    end = lead
    while True:
        m = _STOPPER.search(window, end)
        stop = m.start() if m else len(window)
        end = stop
        rest = window[stop:]
        paren = re.match(r"\s*\([A-Z][\w&-]*\)", rest)
        if paren:  # "Partai Amanat Nasional (PAN)" and whatever name follows it
            end = stop + paren.end()
            continue
        comma = re.match(r",\s+(?:dan\s+)?(?=[A-Z])", rest) or _LOWER_ROLE_AFTER.match(rest)
        if comma and not _DAY.match(rest[comma.end():]) and len(window[lead:stop].split()) < 14:
            end = stop + comma.end()
            continue
        break
    return window[lead:end].strip(" ,"), pos + lead


def _date_near(text: str, start: int, limit: int, article_date: str | None) -> str | None:
    m = _DATE.search(text, start, min(limit, start + 160))
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if year is None:
        # "(13/1)": the year only comes from the article's own date, never guessed.
        if not article_date:
            return None
        year = article_date[:4]
    year = int(year) + (2000 if len(str(year)) == 2 else 0)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass
class _Found:
    start: int
    end: int
    quote_type: str
    cue: str | None
    mention: Mention | None
    entity: Entity | None
    date_from: int  # where to look for "Jumat (13/1)"


# Verbs that often take a noun phrase ("menyoroti harapan besar …") rather than a reported clause; their
# complement counts only when it has a predicate of its own.
_NP_PRONE = {"menyoroti", "menyinggung", "mencontohkan", "memaparkan", "menyampaikan", "menekankan", "menegaskan",
             "mengkritik", "mendorong", "mengajak", "menguraikan", "menjelaskan", "mengungkapkan", "mengungkap",
             "menyebut", "menyebutkan", "mengusulkan", "membeberkan", "mengumumkan", "menggarisbawahi", "mengibaratkan",
             "menceritakan", "mengakui", "membenarkan"}
# Words that open a noun-phrase object, not a clause, after a speech verb (guideline: topic introductions,
# thanks and appreciation are not statements); only words that never open a clause's subject, unlike "komitmen
# Prabowo … diwujudkan KPK …"
_NOUN_OBJECTS = frozenset({"pentingnya", "perlunya", "adanya", "apresiasi", "keprihatinan", "kekecewaan",
                           "kekecewaannya", "kegeraman", "kegeramannya", "terima", "ucapan", "rasa", "belasungkawa",
                           "selamat"})
_ENUMERATION = re.compile(r",\s*(?:[^,]{1,30},\s*)*(?:dan|serta|atau)\s+")
_GENERIC_BODIES = frozenset({"pemerintah", "kepolisian", "polisi", "pihak kepolisian", "aparat"})
_TOPIC_WORDS = frozenset({"tentang", "mengenai", "soal", "terkait"})  # "menyoroti tentang …": a topic, not content
_NEGATION = re.compile(r"\s+(tak|tidak)\s*$")
# "kualitas perawatan yang baik merupakan …", "BSU yang diberikan pemerintah hanya untuk …": a predicate after a
# short relative clause; only a copula after a longer one ("data … yang dirilis tengah bulan selama ini merupakan")
_REL_THEN_PREDICATE = re.compile(r"[^,]*? yang (?!tidak|tak|bukan|belum|hanya)\w+(?:(?: \w+)? (?:akan|harus|sudah|telah|"
                                 r"masih|tidak|tak|bisa|dapat|sangat|perlu|hanya|bukan|belum|justru|tetap)|"
                                 r"(?: (?!dan\b|atau\b)\w+){0,4} (?:merupakan|adalah|menjadi|ialah))\b")
# "menyebut insiden kekerasan … di Musi Banyuasin, harus menjadi pelajaran": a long subject set off by a comma
_COMMA_THEN_PREDICATE = re.compile(r"[^,]{3,200}, (?:merupakan|adalah|menjadi|ialah|akan|harus|sudah|telah|masih|"
                                   r"tidak|tak|bisa|dapat|perlu|hanya|bukan|belum)\b")
_PREDICATE = re.compile(
    r"\b(?:akan|sudah|telah|harus|bisa|dapat|tidak|tak|belum|masih|perlu|sedang|mampu|boleh|wajib|mesti|"
    r"merupakan|adalah|menjadi|ialah|ada|sangat|cukup|terus|segera|bukan|hanya|pun|lebih|kurang|percaya|yakin|"
    r"ingin|siap|mau|relatif|cenderung|semakin|makin|kian|tetap|"
    # prefixed verbs, but not the prepositions and determiners that share their prefixes ("tersebut", "melalui")
    r"(?!(?:tersebut|terhadap|termasuk|terkait|tertentu|terakhir|terutama|terbaru|terbesar|terbaik|tertinggi|"
    r"terendah|berbagai|bersama|berdasarkan|beserta|mengenai|menuju|menurut|melalui|menjelang|diri)\b)"
    r"(?:me[mn]?g?y?|ber|di|ter)[a-z]{3,})\b"
)
_VERBISH = re.compile(r"(?:di|ter|ber|me[mny]?|se|ke|pe[mny]?)[a-z]{3,}(?:an|kan|i|nya)?")
_NOMINAL = re.compile(r"(?:ke|pe|per|pen|pem|peng|peny)\w{2,}an")
_SUBORDINATE = re.compile(r"^(?:Setelah|Sebelum|Saat|Ketika|Usai|Seusai|Sejak|Jika|Kalau|Karena|Meski|Walaupun|"
                          r"Sebab|Sementara|Tatkala|Selagi|Begitu)\s+")


_TAIL_WORDS = (" yang di", " yang ter", " saat ", " ketika ", " seusai ", " usai ", " sewaktu ", " selaku ",
               " dalam ")
_SUBJECT_TAIL = re.compile(r",\s+(?:di\s+[A-Z][^,]*|(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*\([^)]*\))"
                           r"(?:,\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*\([^)]*\))?\s*$")


def _cut_tail(subject: str) -> str:
    cut = min((i for i in (subject.find(w) for w in _TAIL_WORDS) if i > 0), default=-1)
    if cut > 0:
        subject = subject[:cut]
    if ", " in subject and (", di " in subject or "(" in subject):
        subject = _SUBJECT_TAIL.sub("", subject)
    return subject


# "JAKARTA, KOMPAS.com - …", "Bengkulu, krsumsel.com – …" (no nested quantifiers: subjects can be long)
_DATELINE_LEAD = re.compile(r"^[A-Z][\w. ]{0,40},\s*[\w.]+(?: [\w.]+)?\s*[-–—]+\s*")


def _plausible_new_name(name: str, reg: Registry) -> bool:
    """A name the article has not introduced with a role must at least look like one: no function word, no
    affixed common word ("Tujuannya", "Diakui"), no acronym, nothing the article also writes in lower case."""
    if reg.find(name) is not None or any(e.kind == "org" and e.canonical == name for e in reg.entities):
        return True  # known, as a person or as the institution a role was found in ("Kepala Ombudsman …")
    words = name.split()
    # a single unknown word is more often an institution or a stray capital than a person nobody introduced
    return 2 <= len(words) <= 4 and not any(
        w.lower().strip(".,") in NOT_NAME or reg.written_lower(w) or (w.isupper() and len(w) > 1)
        or w.lower().endswith("nya") or _not_person_word(w) for w in words) and not _VERBISH.fullmatch(words[0].lower())


def _not_person_word(word: str) -> bool:
    """A place, institution or role word ("Polresta", "Manado", "Kartu", "Presiden"): no part of the name of a
    person the article has not introduced ("Dorongan Presiden", "Lion Air", "Amerika Serikat")."""
    low = word.lower().strip(".,")
    return low in NOT_PERSON_WORDS or (low in ROLE_HEADS and low not in _NAME_LIKE_HEADS)


_NAME_LIKE_HEADS = frozenset({"imam", "pastor", "general", "senior", "ahli"})


_INTRODUCED = re.compile(r" (?:\(\d{1,3}(?: tahun)?\)|dari (?:PT |CV )?[A-Z])|(?:, (?:(?:adalah|merupakan|ialah) )?|"
                         r" (?:adalah|merupakan|ialah) )(?:(?:seorang|salah satu|sosok) )?(?P<head>[a-z][\w-]*)")


def _introduced(subject: str, name: str, reg: Registry) -> bool:
    """"Trismiati (45)", "Reynaldi dari PT House of Rattan", "Sutini, warga Kampung Melayu", "Trismiati adalah
    ibu rumah tangga": an age, an affiliation or an ordinary role right after a single capitalised word
    introduces a person the article has not named before."""
    if " " in name or not subject.startswith(name):
        return False
    m = _INTRODUCED.match(subject, len(name))
    if m is None or (m.group("head") and m.group("head") not in ROLE_HEADS | EPITHET_HEADS):
        return False
    return not reg.written_lower(name) and name.lower() not in NOT_NAME and not _not_person_word(name) \
        and not _VERBISH.fullmatch(name.lower()) and not name.isupper()


_SUBHEADING_DUP = re.compile(r"([A-Z][a-z]+) (?=\1 [a-z])")
_CIRCUMSTANCE = re.compile(r"(?:me|ber|di|ter|se)[a-z]{3,}")


def _clause_after(subject: str, name: str) -> bool:
    """Does an ordinary content word follow the name inside the subject ("Ancaman perburuan telur penyu … masih
    ada mengingat sebagian masyarakat", "Hilang momentum Ketika …")? Then the capitalised words are a
    subheading or a sentence opener glued to the sentence, not the speaker. Adverbs, prepositions and
    circumstances ("Budi kepada wartawan", "Budi seusai rapat") are fine."""
    at = subject.find(name)
    if at < 0:
        return False
    nxt = subject[at + len(name):].split(maxsplit=1)
    if not nxt:
        return False
    w = nxt[0].strip(".,;:()").lower()
    return bool(w) and nxt[0][0].islower() and w.isalpha() and len(w) > 2 and w not in NOT_NAME \
        and w not in {"alias", "dkk", "cs"} \
        and w not in _ADVERBS and w not in ROLE_CONT and w not in ROLE_HEADS and not _CIRCUMSTANCE.fullmatch(w)


def _subject_mention(subject: str, reg: Registry) -> Mention | None:
    subject = _SUBORDINATE.sub("", _strip_adverbs(subject.strip(" ,")))
    # "… Komisaris Besar M Roem Ohoirat yang dihubungi secara terpisah", "… Lalu Kusnawan, di Lombok Utara,
    # Jumat (31/7/2020)": circumstances between the subject and its verb
    subject = _cut_tail(subject).strip(" ,")
    if "," in subject and ("-" in subject or "–" in subject or "—" in subject):
        subject = _DATELINE_LEAD.sub("", subject)  # "JAKARTA, KOMPAS.com - Menteri Keuangan Sri Mulyani"
    head = subject.split(" ", 1)[0].lower() if subject else ""
    if head in PRONOUNS and (len(subject.split()) == 1 or subject.split()[1] == "yang"):
        return Mention(subject.split()[0], "pronoun")  # "Dia yang akan maju bertarung"
    if "," in subject and not subject.split(",")[0].split()[0].lower() in ROLE_HEADS:
        tail = subject.rsplit(",", 1)[1].strip()
        if tail.lower() in PRONOUNS:
            return Mention(tail, "pronoun")  # "Sekarang, dia"
        if tail and tail[0].isupper() and tail.split()[0].lower() not in ROLE_HEADS:
            sub = _subject_mention(tail, reg)  # "Mengenai Musda DPD I Golkar Sulsel, Appi"; "Pada Juli lalu, KPK"
            if sub is not None and sub.kind in {"name", "org"}:
                return sub
    if not subject or len(subject.split()) > 16 or '"' in subject or "“" in subject or "”" in subject:
        return None
    low = subject.lower()
    if low in PRONOUNS:
        return Mention(subject, "pronoun")
    if low in _GENERIC_BODIES:
        return None  # "Pemerintah menjelaskan …", "Polisi memastikan …": no body named (guideline decision 68)
    m = parse_mention(subject, reg.name_tokens)
    if m.kind == "name" and m.name and " " not in m.name and m.name.isupper() and len(m.name) > 2:
        # "BNPB mengatakan …" after "Badan Nasional Penanggulangan Bencana (BNPB)": the institution again
        org = next((e for e in reg.entities if e.kind == "org" and e.canonical and (
            e.canonical == m.name or e.canonical.endswith(f"({m.name})"))), None)
        if org is not None:
            return Mention(subject, "org", name=org.canonical)
    if m.kind == "name" and m.name and (
            not reg.looks_like_name(m.name) or (not m.role and not _plausible_new_name(m.name, reg))
            or _clause_after(subject, m.name)) and not _introduced(subject, m.name, reg):
        m = Mention(m.text, "unknown")  # not a name after all; a role word further in may still start one
    if m.kind == "name" and m.name:
        return m
    if m.kind == "role" and m.role and subject[0].isupper():
        return m
    # a subheading or adverbial glued in front ("Prosedur pendataan Ketua Gugus Tugas … Doni Monardo"):
    # retry from the first capitalised role word
    words = subject.split()
    for k in range(1, len(words)):
        if words[k][0].isupper() and words[k].lower() in ROLE_HEADS:
            sub = _subject_mention(" ".join(words[k:]), reg)
            if sub is not None and sub.kind == "name":
                return sub
            break
    if m.kind == "epithet":
        return m
    if m.kind == "org":
        if len(subject.split()) > 8:
            return None
        return m
    return None


def extract_statements(article: Article, nlp=None, taxonomy: Taxonomy | None = None,
                       people: People | None = None, doc=None) -> tuple[list[Statement], list[str]]:
    """Statements of one article in reading order, and warnings (unpaired quote marks …). `doc` may be given
    when the caller has already run `nlp` on `article.text`."""
    from .nlp import sentence_spans

    taxonomy = taxonomy or load_taxonomy()
    people = people if people is not None else load_people()
    text = article.text
    if not text.strip():
        return [], []
    if doc is None:
        doc = (nlp or get_nlp())(text)
    # Token arrays tell, without a Python pass over the text, where sentences start, which sentences hold
    # a cue word, where role words start ("Menteri", "Wali", "Kapolda") and which words the article writes
    # in lower case.
    arrays = doc.to_array([IDX, SENT_START, LOWER, IS_LOWER]) if len(doc) else np.zeros((0, 4), dtype=np.uint64)
    sentences = sentence_spans(doc, arrays[:, :2])
    offsets, lower, is_lower = arrays[:, 0], arrays[:, 2], arrays[:, 3] == 1
    cue_at = offsets[_member(lower, _hashes(_INDIRECT_WORDS))].tolist()
    head_at = offsets[_member(lower, _hashes(ROLE_HEADS))].tolist()
    pstarts = paragraph_starts(text)
    quotes, warnings = find_quotes(text, pstarts)
    reg = Registry(text, taxonomy, lower_hashes=set(lower[is_lower].tolist()))
    found: list[_Found] = []

    def para_of(i: int) -> int:
        return bisect.bisect_right(pstarts, i) - 1

    def para_end(i: int) -> int:
        p = para_of(i)
        return pstarts[p + 1] if p + 1 < len(pstarts) else len(text)

    sentence_starts_at = [s for s, _ in sentences]

    def sentence_start_of(i: int) -> int:
        k = bisect.bisect_right(sentence_starts_at, i) - 1
        return max(sentences[k][0] if k >= 0 else 0, pstarts[para_of(i)])

    # Names with roles anywhere in the text feed the registry first, so "Dedy" later finds "Dedy Wahyudi".
    _prescan(text, reg, heads=head_at)
    # "Jokowi" and "Joko Widodo" in one article are one person; so are two nicknames of one person ("Sultan HB X"
    # and "Hamengku Buwono X") when the full form itself is not written
    forms: dict[str, list[str]] = {}
    for nick, full in people.aliases:
        if nick in text:
            forms.setdefault(full, [full] if full in text else []).append(nick)
    for present in forms.values():
        if len(present) >= 2:
            present.sort(key=lambda f: -len(f.split()))
            e = next((e for f in present if (e := reg.find(f)) is not None), None)
            if e is not None:
                for f in present:
                    if f not in e.names:
                        reg.merge_into(e, f)
    for meta in (article.title, article.deck):
        if meta:  # "Aktris Aurelie Moeremans …" in a headline gives the role the body never repeats
            _prescan(meta, reg, record=False)

    # --- direct quotes -----------------------------------------------------------------------------
    quote_items = []
    prev_close = -1
    prev_attr: tuple[str | None, Mention | None] | None = None
    for q in quotes:
        after = q.close + 1 if q.close is not None else q.end
        cue = mention = None
        kind = "none"
        post = _POST_CUE.match(text, after) if q.close is not None else None
        if post and para_of(post.start()) == para_of(q.open) or (post and q.paragraphs > 1):
            cue = post.group("cue")
            if _is_clitic_cue(cue):
                mention = Mention(cue, "clitic")
            else:
                phrase, _ = _mention_after(text, post.end(), para_end(post.end()))
                mention = parse_mention(phrase, reg.name_tokens) if phrase else Mention(cue, "clitic")
                if phrase and mention.kind == "unknown" and phrase.split()[0].lower() in PRONOUNS:
                    mention = Mention(phrase.split()[0], "pronoun")
                cue_words = cue
                if mention.kind == "pronoun":
                    cue_words = f"{cue} {mention.text}"
                cue = cue_words if mention.kind == "pronoun" else cue
            kind = "post"
        elif q.close is not None and (sv := _POST_SUBJECT_VERB.match(text, after)) and \
                (m_sv := _subject_mention(sv.group("subj"), reg)) is not None:
            # "…,” Prabowo menegaskan." / "…,” bos Space X dan Tesla itu memposting di X."
            cue, mention, kind = sv.group("verb"), m_sv, "post"
        else:
            between = text[prev_close + 1:q.open] if prev_close >= 0 else ""
            if prev_attr and prev_close >= 0 and para_of(prev_close) == para_of(q.open) and \
                    _POST_CUE.match(between) and between.rstrip().endswith(","):
                cue, mention = prev_attr
                kind = "middle"
            else:
                s0 = sentence_start_of(q.open)
                before = text[s0:q.open]
                pre = _pre_cue(before, reg)
                if pre is None and text[pstarts[para_of(q.open)]:q.open].strip() == "" and para_of(q.open) > 0:
                    prev_para = text[pstarts[para_of(q.open) - 1]:pstarts[para_of(q.open)]].strip()
                    if prev_para.endswith(":"):
                        last = prev_para[:-1]
                        ss = max(last.rfind(". "), -1) + 1
                        pre = _pre_cue(last[ss:] + ":", reg)
                if pre is not None:
                    cue, mention = pre
                    kind = "pre"
        words = len(re.findall(r"\w+", text[q.start:q.end]))
        starts_unit = text[pstarts[para_of(q.open)]:q.open].strip() == "" or \
            text[sentence_start_of(q.open):q.open].strip() == ""
        if kind == "none" and not (starts_unit and words >= 4):
            continue  # a scare quote or a title in running text
        if kind == "none" and words < 4:
            continue
        if _TITLE_LEAD_IN.search(text, max(0, q.open - 40), q.open):
            continue  # "dengan tema ”…”", "yang berbunyi, ”…”": a title or a quoted document, not speech
        if kind in ("pre", "middle") and words <= 3 and not starts_unit and q.close is not None and \
                re.match(r"\s*[a-z(]", text[q.close + 1:q.close + 4]):
            continue  # "… menjadi ”bensin” untuk …": a term quoted inside a reported sentence, not a quote
        quote_items.append((q, cue, mention, kind))
        if q.close is not None:
            prev_close = q.close
        prev_attr = (cue, mention) if kind != "none" else None

    # "…," kata Sahara: a person the article quotes by name is one from the start, so "Sahara menyatakan bahwa
    # …" before that quote has a speaker; not a name that may be a short or misspelt form of another ("Yuri" of
    # "Achmad Yurianto", "Simanjuntak" of "Simanjutak"): the reading pass links those
    capitals = None
    for _, _, mention, kind in quote_items:
        if kind == "post" and mention is not None and mention.kind == "name" and mention.name \
                and reg.find(mention.name) is None and reg.looks_like_name(mention.name) \
                and not reg.written_lower(mention.name) and not _not_person_word(mention.name):
            capitals = capitals if capitals is not None else set(re.findall(r"\b[A-Z][\w'’-]+", text))
            words = mention.name.split()
            if not any(c != w and (c.startswith(w) or w.startswith(c) and len(c) >= 3 or _one_letter_apart(c, w))
                       for c in capitals for w in words):
                reg.add(mention)

    quoted = [(q.open, (q.close if q.close is not None else q.end)) for q, *_ in quote_items]

    quote_opens = [a for a, _ in quoted]  # quotes do not overlap and come in text order

    def in_statement_quote(s: int, e: int) -> bool:
        k = bisect.bisect_left(quote_opens, e) - 1  # the last quote opening before e
        return k >= 0 and quoted[k][1] >= s

    # --- reading order: sentences and quotes, so pronouns see the speakers before them ---------------
    events = [(q.open, 1, ("quote", item)) for item in quote_items for q in [item[0]]]
    events += [(s, 0, ("sentence", (s, e))) for s, e in sentences]
    events.sort(key=lambda x: (x[0], x[1]))
    for pos, _, (what, payload) in events:
        reg.pos = pos
        if what == "quote":
            q, cue, mention, kind = payload
            entity = reg.resolve(mention, taxonomy, text[q.start:q.end]) if mention is not None else None
            if entity is not None and entity.canonical is not None:
                reg.mark(entity)
            date_from = q.close if q.close is not None else q.end
            found.append(_Found(q.start, q.end, "direct", cue, mention, entity, date_from))
            continue
        s, e = payload
        if in_statement_quote(s, e):
            # The sentencizer may glue narration to a following quote (Kompas opens with ”): the narration
            # before the quote is still a sentence of its own when it ends like one.
            first_open = min((a for a, b in quoted if s <= a < e), default=s)
            head = text[s:first_open].rstrip()
            if not head.endswith((".", "!", "?")) or in_statement_quote(s, s + len(head)):
                continue
            e = s + len(head)
        k = bisect.bisect_left(cue_at, s)
        # no cue word in the sentence (most narration): nothing to extract
        k_end = bisect.bisect_left(cue_at, e, k)
        item = _indirect(text, s, e, reg, taxonomy, cue_at[k:k_end]) if k_end > k else None
        if item is None:
            reg.pending.append((s, e))  # its subject is only worked out if a pronoun needs it
            continue
        found.append(item)

    for f in found:
        # "Saya anggota DPR RI, …": a speaker the article gives no role may state it in their own quote
        if f.quote_type == "direct" and f.entity is not None and f.entity.kind == "person" and not f.entity.roles:
            role = _self_role(text[f.start:f.end])
            if role and taxonomy.categorize(role) != "lainnya":
                f.entity.add_role(role)
    _epithet_roles(text, reg, taxonomy, [(f.start, f.end) for f in found if f.quote_type == "direct"])
    return _to_statements(article, found, reg, taxonomy, people, para_of), warnings


_SELF_ROLE = re.compile(r"\b[Ss]aya\s+(?:ini\s+|sebagai\s+|selaku\s+)?(?:seorang\s+)?(?=(?i:anggota|ketua|wakil|kepala|"
                        r"menteri|gubernur|bupati|wali kota|direktur|camat|lurah|dosen|guru|warga|petani|pedagang|"
                        r"pengusaha|ahli|dokter|peneliti|pakar|ekonom)\b)")
_EXPERT_HEADS = frozenset({"ahli", "dokter", "peneliti", "pakar"})  # "saya seorang ahli gastroenterologi"


def _self_role(quote: str) -> str | None:
    m = _SELF_ROLE.search(quote)
    if m is None:
        return None
    words = quote[m.end():].split()
    role = words[:1]
    for k, w in enumerate(words[1:6], 1):
        bare = w.rstrip(",.;:!?")
        if k == 1 and words[0].lower() in _EXPERT_HEADS and bare.isalpha() and bare.islower():
            role.append(bare)  # "ahli gastroenterologi": the field, and no more
            break
        if not (bare[:1].isupper() or bare.lower() in ROLE_CONT):
            break
        role.append(bare)
        if bare != w:
            break
    return " ".join(role).rstrip(",.;:!?") if len(role) > 1 else None


# A sentence that opens with "ROLE ini/itu/tersebut" (a demonstrative epithet: "Ketua DPC Gerindra Jakarta
# Timur ini menyinggung …") is about the person named just before it.
_EPITHET_OPENING = re.compile(
    r"(?:^|(?<=[.!?\n])\s*|(?<=[.!?][”\"])\s*)([A-Z][\w-]*(?: (?:[A-Z][\w()-]*|\([A-Z][\w-]*\)|dan|dari))*) "
    r"(?:ini|itu|tersebut) (?=[a-z])"
)


_BOARD = re.compile(r"Dewan (?:Pengarah|Penasihat|Pembina|Pakar|Pengawas) ")  # "Dewan Pengarah BRIN ini …"


def _epithet_roles(text: str, reg: Registry, taxonomy: Taxonomy, quoted: list[tuple[int, int]]) -> None:
    """Give a person introduced without a role the role of a demonstrative epithet that follows their name
    within the next sentences; an epithet never overrides a role the article states. Inside a quote ("Menteri
    ESDM ini sangat jauh dari pro rakyat") the speaker talks about someone else."""
    for m in _EPITHET_OPENING.finditer(text):
        role = m.group(1)
        if any(a <= m.start(1) < b for a, b in quoted):
            continue
        if (role.split()[0].lower() not in ROLE_HEADS and not _BOARD.match(role)) or len(role.split()) < 2 \
                or taxonomy.categorize(role) == "lainnya":
            continue
        best, at = None, -1
        for e in reg.entities:
            if e.kind != "person" or e.canonical is None:
                continue
            last = max(text.rfind(n, max(0, m.start() - 800), m.start()) for n in e.names)
            if last > at:
                best, at = e, last
        if best is not None and all(taxonomy.categorize(r) == "lainnya" for r in best.roles):
            best.add_role(role)


_TITLE_LEAD_IN = re.compile(r"(?i)\b(?:ber)?(?:tema|tajuk|judul)(?:kan)?\s*[,:]?\s*$|\bberbunyi\s*[,:]?\s*$")
_PASSIVE_AGENT = re.compile(
    r"\b(?:" + "|".join(_PASSIVE_WORDS) + r")\s+(?:oleh\s+)?((?:[A-Z](?:[\w'’-]*|\.)|\([A-Z][\w-]*\))(?:,? +(?:[A-Z](?:[\w'’-]*|\.)|drg?\.?|"
    r"\([A-Z][\w-]*\)|dan|ke-\d+|[IVX]+))*)"
)


_INNER_SOURCE = re.compile(
    r"(?:\bmenurut|,\s*(?:kata|ujar|lanjut|tambah|jelas|imbuh|tutur|ucap|papar|sebut)|\bdiyakini|\bdinilai|^Bagi)"
    r"\s+([A-Z][^,.;]{1,150})"
)


def _until_lower(phrase: str) -> str:
    """"Ketua Umum Kadin Surabaya Ali Affandi tak lepas dari …" → the speaker phrase before the clause goes on
    in lower case (lower-case words inside a role, "dan", "dari", "Bidang Kesehatan dan Keamanan", stay)."""
    words = phrase.split(" ")
    for k in range(1, len(words)):
        w = words[k]
        if w[:1].islower() and w.lower() not in ROLE_CONT and w.lower() not in ROLE_HEADS:
            return " ".join(words[:k])
    return phrase


_INNER_HINTS = re.compile(r"enurut|, (?:kata|ujar|lanjut|tambah|jelas|imbuh|tutur|ucap|papar|sebut)|iyakini|inilai")
_LEAD_IN = re.compile(r"(?:Dilansir|Dikutip|Mengutip|Melansir|Berdasarkan|Menurut laporan|Dalam|Pada|Di)\b[^,]{0,80},"
                      r"(?:\s*(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*\([\d/]+\),)?\s*")
_SUBJECT_RUN = re.compile(r"((?:[A-Z][\w.'’-]*|\([A-Z]\w*\)|ke-\d+|[IVX]+)(?:,? +(?:[A-Z][\w.'’-]*|\([A-Z]\w*\)|"
                          r"['‘][A-Z]\w*['’]|dan|dari|sekaligus|of|for|to|ke-\d+|[IVX]+))*)")


_APPOSITIVE = re.compile(r"(?P<a>[A-Z][^,.;:”“\"]{2,100}?),\s+(?P<b>[A-Z][^,.;:”“\"]{1,100}?),\s+"
                         r"(?:(?:juga|pun|telah|sudah|kembali|lantas)\s+)?(?:me|ber|di|ter|meng|mem|men|meny)[a-z]+\b")


_ADALAH_NAME = re.compile(r"\badalah\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*[.!]?\s*$")


def _subject_of(sentence: str, reg: Registry) -> Entity | None:
    """A person who is the subject of a narrative sentence becomes the referent of a following "ia"; so does
    the agent of "Hal itu disampaikan oleh Wakil Menteri X, Alvin Botes"."""
    if " adalah " in sentence:
        # "Salah satu warga yang memprotes … adalah Moch Aminullah.": the sentence introduces its last words
        named = _ADALAH_NAME.search(sentence)
        if named and (reg.find(named.group(1)) or _plausible_new_name(named.group(1), reg)):
            return reg.add(Mention(named.group(1), "name", named.group(1)))
    agent = _PASSIVE_AGENT.search(sentence) if any(w in sentence for w in _PASSIVE_WORDS) else None
    if agent:
        mention = parse_mention(agent.group(1).strip(" ,"), reg.name_tokens)
        if mention.kind == "name" and mention.name and reg.looks_like_name(mention.name):
            return reg.add(mention)
    # "Presiden, menurut Fadjroel, menginginkan …", "Hanya, lanjut Simanjorang, …", "diyakini Eka": the
    # source named inside narration is who the next "katanya" points to
    inner = None
    if _INNER_HINTS.search(sentence) or sentence.startswith("Bagi"):
        for inner in _INNER_SOURCE.finditer(sentence):
            pass
    if inner is not None:
        # "menurut Ketua KNKT Soerjanto Tjahjono, …" as well as "menurut Fadjroel, …"
        mention = parse_mention(_until_lower(inner.group(1)), reg.name_tokens)
        e = None
        if mention.kind == "name" and mention.name and reg.looks_like_name(mention.name):
            e = reg.find(mention.name) or (reg.add(mention) if mention.role else None)
        if e is not None:
            return e
    body = _CONNECTIVE.sub("", sentence)
    dup = _SUBHEADING_DUP.match(body)
    if dup:  # "Ancaman Ancaman perburuan …": a Kompas subheading glued to a sentence that starts with its word
        body = body[dup.end():]
    # "Pengajar sosiologi UNJ, Rakhmat Hidayat, mengapresiasi …" / "Abdian Saputra, Koordinator Ekajaya untuk
    # Gili, juga menyampaikan …": an appositive names the subject even when the role has lower-case words
    app = _APPOSITIVE.match(body)
    if app:
        for name, role in ((app.group("b"), app.group("a")), (app.group("a"), app.group("b"))):
            name = name.strip()
            if reg.find(name) is not None or (_plausible_new_name(name, reg) and reg.looks_like_name(name)):
                e = reg.add(Mention(f"{role}, {name}", "name", name, role.strip()))
                if e is not None:
                    return e
    # "Dilansir kantor berita AFP, Senin (7/7/2025), Elon Musk meluncurkan …": the subject follows a lead-in
    lead = _LEAD_IN.match(body)
    if lead:
        body = body[lead.end():]
    m = _SUBJECT_RUN.match(body)
    if not m:
        return None
    run = m.group(1).rstrip(",")
    words = run.split()
    if len(words) == 1 and reg.find(run) is None and _introduced(body, run, reg):
        return reg.add(Mention(run, "name", run))  # "Trismiati (45) adalah ibu rumah tangga …"
    known = reg.name_tokens
    if not any(w.lower() in ROLE_HEADS or w in known for w in words) and (
            len(words) == 1 or words[0].lower() in NOT_NAME):
        return None  # "Kondisi …", "Pada Senin …": an ordinary sentence opener, nobody introduced
    mention = _subject_mention(run, reg)
    if mention is None or mention.kind not in {"name", "role"}:
        return None
    # Narration only moves the referent to someone already known or introduced with a role: a lone
    # capitalised word at a sentence start ("Kondisi …") is usually not a name.
    if mention.kind == "name" and not mention.role and reg.find(mention.name) is None:
        toks = mention.name.split()
        # a two-word capitalised name whose words the article never writes in lower case is a person, unless
        # it looks like a noun phrase ("Keberadaan KRL": a ke-…-an noun, an acronym)
        if len(toks) < 2 or any(reg.written_lower(t) or _NOMINAL.fullmatch(t.lower()) or t.isupper()
                                or _not_person_word(t) for t in toks):
            return None
    e = reg.resolve(mention, reg.taxonomy)
    return e if e is not None and e.canonical else None


def _pre_cue(before: str, reg: Registry) -> tuple[str, Mention] | None:
    """`X mengatakan, “…` / `X menegaskan: "…` / `Menurut X, "…` / `Ia menyebut pemerintah “…`."""
    body = _CONNECTIVE.sub("", before.strip())
    m = _MENURUT.match(body)
    if m and body[m.end():].strip() == "":
        mention = Mention("nya", "pronoun") if m.group("nya") else _subject_mention(m.group("who"), reg)
        if mention is not None:
            return m.group("cue") + (m.group("nya") or ""), mention
    for v in _VERB_RE.finditer(body):
        mention = _subject_mention(body[:v.start()], reg)
        if mention is not None:
            cue = v.group("verb") + (f" {v.group('conj')}" if v.group("conj") else "")
            return cue, mention
        break
    m = re.match(r"(?P<who>.+?)\s+(?P<cue>berkata|bertanya|menulis|mengatakan)\s*[,:]?\s*$", body)
    if m:
        mention = _subject_mention(m.group("who"), reg)
        if mention is not None:
            return m.group("cue"), mention
    return None


_INDIRECT_WORDS = frozenset(SPEECH_VERBS) | frozenset(CUE_STEMS) | {f"{c}nya" for c in CUE_STEMS} | {
    "menurut", "menurutnya", "bagi", "baginya", "menjawab", "melaporkan", "mencatat", "dikatakan", "dijelaskan", "disebutkan",
    "ditegaskan", "diungkapkan", "ditambahkan", "dinyatakan", "ditulis", "dicatat"}


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """np.isin for a small sorted key array without sorting `values` (np.isin sorts, and that dominated)."""
    pos = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[pos] == values


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> np.ndarray:
    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


def _indirect(text: str, s: int, e: int, reg: Registry, taxonomy: Taxonomy,
              cues: list[int] | None = None) -> _Found | None:
    """Indirect speech in the sentence text[s:e]; `cues` are the offsets of its cue words, when known."""
    sent = text[s:e]
    conn = _CONNECTIVE.match(sent)
    body_start = s + (conn.end() if conn else 0)
    body = text[body_start:e]
    # "Menurut X, …" / "Menurutnya, …" / "menurut dia, …" (also after a connective: "Sehingga menurut dia,")
    m = _MENURUT.match(body)
    if m is None:
        low = re.match(r"(?:Sehingga|Namun|Tapi|Dan|Karena itu|Sebab|Padahal|Apalagi)\s+", body)
        if low:
            body_start += low.end()
            body = text[body_start:e]
            m = _MENURUT.match(body)
    if m is None:
        nya = re.match(r"(?P<cue>[Mm]enurut|[Bb]agi)(?P<nya>nya),?\s+", body)
        if nya and body[nya.end():nya.end() + 1].islower():
            m = nya
    end = m.end() if m is not None else 0
    if m is not None:
        if m.groupdict().get("nya"):
            mention = Mention(m.group("cue") + "nya", "pronoun")
        else:
            who = m.group("who")
            app = _APPOSED_NAME.match(body, m.end()) if who[0].islower() else None
            if app:
                who, end = f"{who}, {app.group(1)}", app.end()
            mention = _subject_mention(who, reg)
            if m.group("cue").lower() == "bagi" and (mention is None or not (
                    mention.kind == "pronoun" or mention.kind == "name" and reg.find(mention.name or ""))):
                mention = None  # "Bagi Aulia, …" is her view; "Bagi Indonesia, …" is nobody's
    elif (bare := _MENURUT_BARE.match(body)) and reg.find(bare.group("who")) is not None:
        m, end, mention = bare, bare.end(), Mention(bare.group("who"), "name", bare.group("who"))
    if m is not None:
        if mention is not None:
            cs = body_start + end
            if m.group("cue").startswith(("Seperti", "Sebagaimana")) and _VERB_RE.search(text, cs, min(e, cs + 80)):
                body_start = cs  # "Seperti dicatat Benvenuti, Nehru menegaskan bahwa …": Nehru speaks
            elif _content_ok(text, cs, e):
                return _Found(cs, e, "indirect", m.group("cue"), mention, _resolve(mention, reg, taxonomy), cs)
    # "X menilai (bahwa) …"
    verbs = (m for c in cues if c >= body_start and (m := _VERB_RE.match(text, c)) is not None) \
        if cues is not None else _VERB_RE.finditer(text, body_start, e)
    for v in verbs:
        if v.start() - body_start > 160:
            break
        subject = text[body_start:v.start()]
        neg = _NEGATION.search(subject)  # "Senantara tak memungkiri …": the negation belongs to the cue
        if neg:
            subject = subject[:neg.start()]
        mention = _subject_mention(subject, reg)
        if mention is None:
            continue
        cs = v.end()
        # after "bahwa" or a comma ("Ia menegaskan, tanpa dukungan …, potensi …") a clause follows by construction
        if not _content_ok(text, cs, e, None if v.group("conj") or re.search(r"[,:]", v.group(0)) else v.group("verb")):
            if mention.kind in {"name", "role", "org"}:  # an epithet without a statement assigns nobody a role
                _resolve(mention, reg, taxonomy)  # no statement, but the subject is introduced ("Wakil Ketua … Johan")
            return None
        cue = (f"{neg.group(1)} " if neg else "") + v.group("verb") + (f" {v.group('conj')}" if v.group("conj") else "")
        return _Found(cs, e, "indirect", cue, mention, _resolve(mention, reg, taxonomy), cs)
    # "Program MBG itu, kata Mu'ti, tetap menjadi prioritas." — the guideline takes what follows the cue
    mid = _MID_CUE.match(sent)
    if mid is None:
        mid = _MID_CLITIC.match(sent)  # "Makanan, katanya, dimasak pukul 04.00 …"
    if mid is None and " menurut " in sent:
        mid = _MID_MENURUT.match(sent)  # "Usulan ini menurut Hasbullah bukan …": only a person the article named
        if mid is not None and reg.find(mid.group("who")) is None:
            mid = None
    if mid and not re.search(r"[\"“”]", sent):
        cue = mid.group("cue").rstrip(",")
        who = (mid.groupdict().get("who") or "").strip()
        if not who:
            mention = Mention(cue, "clitic")
        else:
            mention = Mention(who, "pronoun") if who.lower() in PRONOUNS else parse_mention(who, reg.name_tokens)
        cs = s + mid.start("content")
        if mention.kind in {"pronoun", "name", "role", "clitic"} and _content_ok(text, cs, e):
            return _Found(cs, e, "indirect", f"{cue} {who}" if mention.kind == "pronoun" else cue, mention,
                          _resolve(mention, reg, taxonomy), cs)
    # "…, kata X." without quote marks
    post = _POST_CUE_PLAIN.search(sent) if "," in sent else None
    if post and not re.search(r"[\"“”]", sent):
        who = post.group("who").strip()
        cue = post.group("cue")
        if _is_clitic_cue(cue):
            mention = Mention(cue, "clitic")
        elif who:
            phrase, _ = _mention_after(sent, post.end("cue"), len(sent))
            mention = parse_mention(phrase, reg.name_tokens) if phrase else None
            if mention is not None and mention.kind == "unknown":
                mention = None
        else:
            mention = None
        cs, ce = body_start, s + post.start()
        if mention is not None and len(re.findall(r"\w+", text[cs:ce])) >= 4:
            return _Found(cs, ce, "indirect", cue, mention, _resolve(mention, reg, taxonomy), ce)
    return None


def _content_ok(text: str, cs: int, e: int, verb: str | None = None) -> bool:
    content = text[cs:e]
    if not content or content[0] in "\"“”'‘":
        return False  # a direct quote follows the cue: the quote is the statement
    if len(re.findall(r"\w+", content)) < 2 or content[0] in ".,;":
        return False
    head = _ENUMERATION.sub(" dan ", content).split(" yang ")[0].split(",")[0]
    if verb in _NP_PRONE and not _PREDICATE.search(head) and not _REL_THEN_PREDICATE.match(content) \
            and not _COMMA_THEN_PREDICATE.match(content):
        # "menegaskan pentingnya penyusunan aturan": a noun phrase, not reported content; but "produk hewan,
        # ikan, dan tumbuhan … sangat besar" and "kualitas perawatan yang baik merupakan …" are clauses
        return False
    first = content.split(" ", 1)[0].lower()
    if verb is not None and first in _TOPIC_WORDS:
        return False  # "menulis tentang …", "menyoroti soal …": a topic, not reported content
    if verb in _NP_PRONE | {"menyatakan"} and first in _NOUN_OBJECTS:
        return False  # "menegaskan dukungan penuh terhadap …", "menyatakan kegeramannya …"
    return True


def _resolve(mention: Mention, reg: Registry, taxonomy: Taxonomy) -> Entity | None:
    e = reg.resolve(mention, taxonomy)
    if e is not None and e.canonical is not None:
        reg.mark(e)
    return e


_RUN = re.compile(
    r"(?<![\w.])(?:[A-Z](?:[\w'’-]*|\.)|\([A-Z][\w-]*\))(?:,? +(?:Pol\.|[A-Z](?:[\w'’-]*|\.)|drg?\.?|\([A-Z][\w-]*\)|['‘][A-Z]\w*['’]|"
    r"dan|&|dari(?= (?:Fraksi|Partai|Dapil))|ke-\d+|[IVX]+|lainnya(?=,))(?![\w-]))*"
)


# "NAME selaku ROLE", "NAME sebagai ROLE" (a lower-case role too: "sebagai ahli pidana"), "NAME, yang juga ROLE,"
_SELAKU = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})(?:,? (?:selaku|sebagai)|, yang "
                     r"(?:juga|merupakan)(?: menjabat(?: sebagai)?)?) (?P<role>[A-Za-z][\w'’()-]*(?: (?:[A-Z][\w'’()-]*|"
                     r"dan|dari|[a-z]+(?= [A-Z])))*)")
_CAP_WORD = re.compile(r"[A-Z][A-Za-z.-]*")
_LOWER_HEAD = re.compile(r"([a-z]+) (?=[A-Z])")
# Lower-case words that open an apposition naming the person ("anggota Komisi II DPR lainnya, Deddy Yevri
# Sitorus"). Not "pengacara", "pelatih", "korban", "pengurus": "pengacara Lisa Mariana" is her lawyer, "pelatih
# Timnas Uzbekistan" a team.
_LOWER_LEADS = frozenset({
    "anggota", "ketua", "wakil", "kepala", "direktur", "sekretaris", "deputi", "asisten", "staf", "juru", "jubir",
    "koordinator", "komisioner", "pejabat", "menteri", "gubernur", "bupati", "wali", "presiden", "duta", "dubes",
    "atase", "camat", "lurah", "ekonom", "pengamat", "analis", "peneliti", "dosen", "guru", "rektor", "dekan",
    "akademisi", "pakar", "ahli", "sosiolog", "kriminolog", "psikolog", "epidemiolog", "sejarawan", "politikus",
    "politisi", "legislator", "senator", "pengusaha", "pendiri", "ceo", "manajer", "aktivis", "pegiat",
    "pemerhati", "budayawan", "mahasiswa", "pengajar", "jurnalis", "mantan",
})
_DAN_ROLE = re.compile(r" dan (?=(?:" + "|".join(sorted((re.escape(h[0].upper() + h[1:]) for h in ROLE_HEADS), key=len,
                                                        reverse=True)) + r")(?![\w-]))")
_NICK_PAREN = re.compile(r"\(([A-Z][a-z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})\)")
_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}) $")
_ALIAS = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}),? (?:(?:atau|alias)(?: (?:yang )?(?:akrab|biasa|kerap|sering) "
                    r"(?:di)?sapa)?|yang (?:akrab|biasa|kerap|sering) (?:di)?sapa)"
                    r" ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")
_SAPA = re.compile(r"(?:akrab|biasa|kerap|sering)\s+(?:di)?sapa\s+([A-Z][\w'’-]+)")
_SAPAAN = re.compile(r"([A-Z][\w'’-]+), sapaan (?:akrab )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")


def _prescan(text: str, reg: Registry, record: bool = True, heads: list[int] | None = None) -> None:
    """Register every "ROLE NAME" / "ROLE, NAME" / "NAME (Nick)" in the article. Runs are only looked for
    where a capitalised role word starts one: scanning every capitalised run costs more than the rest."""
    pos = 0
    if heads is None:  # titles and decks come without a Doc
        heads = [h.start() for h in _CAP_WORD.finditer(text) if h.group(0).lower().rstrip(".") in ROLE_HEADS]
    for start in heads:
        if start < pos or (start and (text[start - 1].isalnum() or text[start - 1] in "._")):
            continue
        run_at = start
        if text[start].islower():
            # "dari anggota Komisi II DPR lainnya, Deddy Yevri Sitorus": a lower-case role word counts when a
            # capitalised run follows it
            lead = _LOWER_HEAD.match(text, start)
            if lead is None or lead.group(1) not in _LOWER_LEADS:
                continue
            run_at = lead.end()
        m = _RUN.match(text, run_at)
        if m is None:
            continue
        if run_at == start:
            pos = m.end()
        # "Menteri A Budi dan Menteri B Ani" is two people; "Kepala Dinas Perizinan dan Penanaman Modal Budi"
        # is one role with a "dan" inside
        for phrase in _DAN_ROLE.split(text[start:m.end()]):
            phrase = phrase.strip(" ,")
            first = phrase.split()[0].lower() if phrase else ""
            if first not in ROLE_HEADS or len(phrase.split()) < 2:
                continue
            mention = parse_mention(phrase, reg.name_tokens)
            words = (mention.name or "").split()
            if mention.kind == "name" and mention.name and mention.role and reg.looks_like_name(mention.name) \
                    and (run_at == start or len(words) > 1) \
                    and not any(f"{a} & {b}" in phrase for a, b in zip(words, words[1:])):
                # not "warga Cipayung" (a place) nor "… Legal & Business Support HCML" (a department)
                e = reg.add(mention)
                if e is not None and record and e.kind == "person":
                    reg.mentions.append((start, e))
                pos = m.end()  # a lower-case lead that finds nobody leaves the capitalised role inside it alone
    if "selaku " in text or "sebagai " in text or "yang juga " in text:
        for m in _SELAKU.finditer(text):  # "Budi Santoso selaku Kepala Dinas …", "Anindito … sebagai ahli pidana"
            name, role = m.group("name"), _until_lower(m.group("role")).strip(" ,")
            head = role.split()[0]
            # a lower-case word after "sebagai" is often a state, not an office ("sebagai tersangka")
            if head.lower() not in ROLE_HEADS or head.islower() and head not in _LOWER_LEADS \
                    or not reg.looks_like_name(name) or (
                    reg.find(name) is None and not _plausible_new_name(name, reg)):
                continue
            e = reg.add(Mention(m.group(0), "name", name, role))
            if e is not None and e.kind == "person":
                e.add_role(role)
                if record:
                    reg.mentions.append((m.start(), e))
    for m in _NICK_PAREN.finditer(text):  # "Saifullah Yusuf (Gus Ipul)", "Joko Widodo (Jokowi)"
        before = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
        e = reg.find(before.group(1)) if before else None
        if e is not None:
            e.names.add(m.group(1))
    if "sapaan" in text:  # "kata Castro, sapaan Herdiansyah, …": the nickname the quotes use
        for m in _SAPAAN.finditer(text):
            e = reg.find(m.group(2))
            if e is None and reg.looks_like_name(m.group(2)):
                # introduced without a role ("pengajar …, Herdiansyah Hamzah"): the nickname still names them,
                # under the fullest form the article writes
                name = m.group(2)
                full = re.search(rf"(?<![\w-]){re.escape(name)}((?: [A-Z][\w'’-]+){{1,2}})", text)
                if full:
                    extra = []
                    for w in full.group(1).split():
                        if w.lower() in NOT_NAME or _not_person_word(w):
                            break
                        extra.append(w)
                    name = " ".join([name, *extra])
                e = reg.add(Mention(name, "name", name))
            if e is not None and e.kind == "person":
                e.names.add(m.group(1))
    if " atau " in text or " alias " in text or "sapa" in text:
        # "Menteri Sosial Saifullah Yusuf atau Gus Ipul", "… alias Appi": the second name is the same person
        for m in _ALIAS.finditer(text):
            e = reg.find(m.group(1))
            if e is not None and e.kind == "person" and reg.looks_like_name(m.group(2)):
                e.names.add(m.group(2))
        for m in _SAPA.finditer(text):
            e = reg.last_person() or (reg.entities[-1] if reg.entities else None)
            if e is not None and e.kind == "person":
                e.names.add(m.group(1))


def _to_statements(article: Article, found: list[_Found], reg: Registry, taxonomy: Taxonomy, people: People,
                   para_of) -> list[Statement]:
    text = article.text
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: f.start):
        if (f.start, f.end) in seen or f.end <= f.start:
            continue
        seen.add((f.start, f.end))
        e = f.entity
        role = e.best_role(taxonomy) if e is not None else None
        if e is not None and e.kind == "org":
            # an institution speaking as one is filed where its officials would be ("Mahkamah Konstitusi" with
            # the courts, "Polda Metro Jaya" with the police); a body the taxonomy does not know stays lainnya
            category, institution, region = taxonomy.categorize(e.canonical) or "lainnya", e.canonical, None
        else:
            # no role in the article: a known office holder's category; else a named person is a member of the
            # public (every gold set reads a person the article gives no office as masyarakat), and only an
            # unknown speaker is "lainnya" (the guideline's unknown)
            known = people.category(e.canonical if e else None)
            category = taxonomy.categorize(role) or known or ("masyarakat" if e is not None and e.canonical else "lainnya")
            if category == "politisi" or known == "lainnya":
                # a party post the article mentions does not hide an office the person holds (guideline:
                # politisi is for party officials without an office above); a foreign leader's "Presiden" is
                # not the Indonesian one
                category = known or category
            institution, region = institution_and_region(role, category)
        party = (e.party if e is not None else None) or (find_party(role) if role else None)
        span = text[f.start:f.end]
        out.append(Statement(
            statement_id=statement_id(article.article_id, f.start, f.end, span),
            article_id=article.article_id,
            start=f.start,
            end=f.end,
            text=span,
            quote_type=f.quote_type,
            cue=f.cue,
            speaker=e.spelling() if e is not None else None,
            speaker_mention=f.mention.text if f.mention is not None else None,
            role=role,
            role_category=category,
            institution=institution,
            region=region,
            party=party,
            statement_date=_date_near(text, f.date_from, len(text), article.date),
            paragraph=para_of(f.start),
        ))
    return out
