"""Role taxonomy: the role as written → role_category, institution and region.

The taxonomy is data (corpus/data/roles.yaml) so a study can adapt it without touching code."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_TAXONOMY = Path(__file__).with_name("data") / "roles.yaml"

REQUIRED_CATEGORIES = {
    "presiden", "wakil_presiden", "menteri", "wakil_menteri", "pejabat_pusat", "anggota_dpr", "anggota_dprd",
    "gubernur", "bupati", "wali_kota", "pejabat_daerah", "asn", "aparat_keamanan", "penegak_hukum", "politisi",
    "akademisi_pengamat", "pelaku_usaha", "masyarakat", "lainnya",
}


@dataclass(frozen=True)
class Taxonomy:
    version: str
    rules: tuple[tuple[str, re.Pattern], ...]
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def categorize(self, role: str | None) -> str | None:
        if not role:
            return None
        hit = self._cache.get(role)
        if hit is None:  # the same few roles recur in every article; the regex scan is the cost
            hit = next((category for category, pattern in self.rules if pattern.search(role)), "lainnya")
            self._cache[role] = hit
        return hit


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    return _load(str(path or DEFAULT_TAXONOMY))


@lru_cache(maxsize=8)
def _load(path: str) -> Taxonomy:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        rules = tuple(
            (entry["category"], re.compile(p, re.IGNORECASE))
            for entry in data["categories"]
            for p in entry["patterns"]
        )
    except (OSError, KeyError, TypeError, re.error, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: not a valid role taxonomy ({exc})") from exc
    missing = REQUIRED_CATEGORIES - {c for c, _ in rules}
    if missing:
        raise ValueError(f"{path}: taxonomy lacks categories {sorted(missing)}")
    return Taxonomy(version=data.get("version", "custom"), rules=rules)


# Institutions named inside a role ("Anggota Komisi I DPRD Kota Bekasi" → "DPRD Kota Bekasi"). The org
# starts at its head word and runs to the end of the role.
_ORG_HEAD = re.compile(
    r"\b(DPRD|DPR(?: RI)?|MPR|DPD|Kementerian|Kemen\w+|Kemenko\w*|Badan|Dinas|Pemerintah|Pemkot|Pemkab|Pemprov|"
    r"Partai|Universitas|Institut|Polda|Polres|Polresta|Polri|Kejaksaan|Kejati|Kejari|Pengadilan|Mahkamah|"
    r"Bank|Otoritas|Komisi Pemilihan|KPU|Bawaslu|KPK|BPS|BKN|BNPB|OJK|Lembaga|Kantor|Sekretariat|BUMN|PT)\b.*"
)
_ADMIN = re.compile(r"\b(Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*)?)")
_HEAD_REGION = {
    "wali_kota": ("Kota", "Pemerintah Kota"),
    "bupati": ("Kabupaten", "Pemerintah Kabupaten"),
    "gubernur": ("Provinsi", "Pemerintah Provinsi"),
}
_HEAD_WORD = {"wali_kota": r"Wa(?:li ?kota|kil Wali Kota)|Walkot|Wawali", "bupati": r"Bupati|Wabup",
              "gubernur": r"Gubernur|Wagub"}


@lru_cache(maxsize=4096)
def institution_and_region(role: str | None, category: str | None) -> tuple[str | None, str | None]:
    """Best-effort institution and region from the role as written. Heads of regions get the regional
    government as institution ("Wali Kota Bengkulu" → "Pemerintah Kota Bengkulu", "Kota Bengkulu")."""
    if not role:
        return None, None
    region = None
    admin = _ADMIN.search(role)
    if admin:
        kind = {"Kab.": "Kabupaten", "Prov.": "Provinsi"}.get(admin.group(1), admin.group(1))
        region = f"{kind} {admin.group(2)}"
    if category in _HEAD_REGION:
        kind, gov = _HEAD_REGION[category]
        m = re.search(rf"\b(?:{_HEAD_WORD[category]})\s+(?:Kota\s+|Kabupaten\s+|Provinsi\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", role, re.IGNORECASE)
        if m:
            place = m.group(1)
            return f"{gov} {place}", region or f"{kind} {place}"
    org = _ORG_HEAD.search(role)
    institution = org.group(0).strip(" ,") if org else None
    return institution, region


DEFAULT_PEOPLE = Path(__file__).with_name("data") / "people.yaml"


@dataclass(frozen=True)
class People:
    """Name → role_category for office holders an article may not introduce. A speaker matches an entry by
    two or more of its words ("Prabowo Subianto") or by a listed alias ("Prabowo"); a lone common first name
    ("Budi") matches nothing."""

    version: str
    entries: tuple[tuple[frozenset[str], frozenset[str], str], ...]
    aliases: tuple[tuple[str, str], ...] = ()  # (nickname, full name)

    def category(self, name: str | None) -> str | None:
        if not name:
            return None
        return self._category(name)

    @lru_cache(maxsize=8192)
    def _category(self, name: str) -> str | None:
        words = frozenset(w.lower() for w in name.split())
        hits = {cat for full, aliases, cat in self.entries
                if (len(words) >= 2 and words <= full) or words == full or " ".join(sorted(words)) in aliases}
        return hits.pop() if len(hits) == 1 else None


def load_people(path: str | Path | None = None) -> People:
    return _load_people(str(path or DEFAULT_PEOPLE))


@lru_cache(maxsize=8)
def _load_people(path: str) -> People:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        entries = tuple((frozenset(p["name"].lower().split()), frozenset(a.lower() for a in p.get("aliases", [])),
                         p["role_category"]) for p in data["people"])
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: not a valid people gazetteer ({exc})") from exc
    bad = {c for *_, c in entries} - REQUIRED_CATEGORIES
    if bad:
        raise ValueError(f"{path}: unknown role categories {sorted(bad)}")
    aliases = tuple((str(k), str(v)) for k, v in (data.get("aliases") or {}).items())
    return People(version=data.get("version", "custom"), entries=entries, aliases=aliases)


NO_PEOPLE = People("none", ())


# --- the corpus remembers roles --------------------------------------------------------------------------------
# Articles often name a well-known speaker without their office ("kata Luthfi"); other articles of the same
# corpus state it ("Gubernur Jawa Tengah Ahmad Luthfi"). The `wacana roles` stage fills role_category for such
# speakers from the corpus itself, never from outside knowledge; `role` stays null (it is "as written").
@dataclass(frozen=True)
class CorpusRoles:
    by_name: dict[str, str]    # full speaker name → the category most articles that state a role give
    by_token: dict[str, str]   # a one-word speaker ("Luthfi") → the category of the one full name holding that word

    def category(self, speaker: str | None) -> str | None:
        if not speaker:
            return None
        words = speaker.split()
        return self.by_name.get(speaker) if len(words) >= 2 else self.by_token.get(speaker)


def corpus_roles(statements, share: float = 0.75) -> CorpusRoles:
    """Learn speaker → role_category from the statements whose article states a role. Each article votes once
    per speaker; a category needs `share` of the votes (two people of one name in different offices give
    nothing)."""
    votes: dict[str, Counter] = {}
    seen: set[tuple[str, str]] = set()
    for st in statements:
        name, role = st.get("speaker"), st.get("role")
        if not name or not role or len(name.split()) < 2 or (st["article_id"], name) in seen:
            continue
        seen.add((st["article_id"], name))
        votes.setdefault(name, Counter())[st["role_category"]] += 1
    by_name = {}
    for name, c in votes.items():
        category, n = c.most_common(1)[0]
        if n >= share * sum(c.values()):
            by_name[name] = category
    holders: dict[str, set[str]] = {}
    for name in votes:
        for word in name.split():
            if len(word) >= 3:
                holders.setdefault(word, set()).add(name)
    by_token = {w: by_name[n] for w, names in holders.items() if len(names) == 1 and (n := next(iter(names))) in by_name}
    return CorpusRoles(by_name, by_token)


def fill_role_category(st: dict, known: CorpusRoles, people: People) -> bool:
    """Give a statement whose article states no role for its (person) speaker the category the corpus knows.
    The people gazetteer, when it knows the speaker, was already used by the extractor and is left alone."""
    name = st.get("speaker")
    if not name or st.get("role") or st.get("institution") == name or people.category(name):
        return False
    full = _alias_map(people).get(name)  # "Pramono" is the gazetteer's nickname of Pramono Anung
    category = (known.category(full) if full else None) or known.category(name)
    if category is None or category == st.get("role_category"):
        return False
    st["role_category"] = category
    return True


@lru_cache(maxsize=8)
def _alias_map(people: People) -> dict[str, str]:
    return dict(people.aliases)
