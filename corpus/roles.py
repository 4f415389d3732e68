"""Role taxonomy: the role as written → role_category, institution and region.

The taxonomy is data (corpus/data/roles.yaml) so a study can adapt it without touching code."""
from __future__ import annotations

import re
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
