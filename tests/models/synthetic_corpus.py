"""A small synthetic labelled corpus, built in memory: statements whose wording carries their stance and concerns,
two annotators with an overlap sample, an adjudicator, and a few broken label rows."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from annotate.records import AnnotationRow, in_overlap_sample
from annotate.schema import load_study
from corpus.schema import statement_id

STUDY = load_study("kebijakan-publik.v1")
STANCE_TEXT = {
    "mendukung": ["Kami mendukung penuh program ini", "Saya setuju dan mengapresiasi langkah pemerintah"],
    "menolak": ["Kami menolak kebijakan itu", "Saya tidak setuju, program ini sebaiknya dibatalkan"],
    "bersyarat": ["Boleh saja asalkan diawasi ketat", "Silakan dijalankan dengan catatan harus tetap dievaluasi"],
    "netral": ["Aturan itu berlaku mulai pekan depan", "Surat edaran sudah diterbitkan dan jadwalnya diumumkan"],
    "off_topic": ["Pertandingan sepak bola semalam berakhir seri", "Hujan deras turun sejak sore di kota itu"],
}
CONCERN_TEXT = {
    "kualitas_pelayanan": "demi pelayanan kepada warga",
    "efisiensi": "karena bisa menghemat anggaran listrik",
    "kinerja_asn": "soal kinerja dan disiplin pegawai",
    "ekonomi": "bagi ekonomi pedagang kecil",
}
ROLES = ["anggota_dprd", "wali_kota", "akademisi_pengamat", "masyarakat"]


def make_corpus(n_articles: int = 15, per_article: int = 8, seed: int = 1):
    """(statements, articles, truth) where truth maps statement_id → (stance, concerns)."""
    rng = random.Random(seed)
    statements, articles, truth = [], [], {}
    for a in range(n_articles):
        aid = f"art{a:02d}"
        articles.append({"article_id": aid, "title": f"Berita {a}", "outlet": "Kompas" if a % 3 else "Tribun",
                         "date": "2025-11-0%d" % (a % 9 + 1), "url": f"https://example.org/{a}"})
        for k in range(per_article):
            stance = rng.choice(STUDY.stance_values)
            concerns = [] if stance == "off_topic" else rng.sample(sorted(CONCERN_TEXT), rng.choice([0, 1, 1, 2]))
            text = " ".join([rng.choice(STANCE_TEXT[stance])] + [CONCERN_TEXT[c] for c in concerns]) + "."
            start = k * 200
            sid = statement_id(aid, start, start + len(text), text)
            statements.append({
                "statement_id": sid, "article_id": aid, "start": start, "end": start + len(text), "text": text,
                "quote_type": "direct", "cue": "kata", "speaker": f"Tokoh {k}", "speaker_mention": f"Tokoh {k}",
                "role": None, "role_category": ROLES[k % len(ROLES)], "institution": None, "region": None,
                "party": None, "statement_date": None, "paragraph": k, "extractor_version": "wacana-statements.v1",
            })
            truth[sid] = (stance, concerns)
    return statements, articles, truth


def make_labels(statements, truth, share: float = 0.3):
    """(rows, adjudications): maintainer-a labels everything, maintainer-b the overlap sample and disagrees on
    every fourth of those; the adjudicator settles all but the last disagreement."""
    rows, disagreements = [], []
    for st in statements:
        sid = st["statement_id"]
        stance, concerns = truth[sid]
        rows.append(AnnotationRow(STUDY.version, sid, "maintainer-a", stance, list(concerns)))
        if in_overlap_sample(sid, share):
            other = stance
            if len(disagreements) % 4 == 0:
                other = "netral" if stance != "netral" else "mendukung"
            rows.append(AnnotationRow(STUDY.version, sid, "maintainer-b", other, list(concerns)))
            disagreements.append(sid if other != stance else None)
    real = [d for d in disagreements if d]
    adjudications = [AnnotationRow(STUDY.version, sid, "adjudicator", truth[sid][0], list(truth[sid][1]))
                     for sid in real[:-1]]
    return rows, adjudications, real[-1]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
