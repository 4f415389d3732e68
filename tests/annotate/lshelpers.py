"""Helpers shared by the Label Studio tests: in-memory statements and articles, the CLI in a subprocess, and an
annotator working through Label Studio's queue."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotate.records import Prediction
from corpus.pipeline import ArticleWriter
from corpus.schema import Article, statement_id

SENTENCES = [
    "Pemerintah resmi menerapkan WFH bagi ASN mulai pekan depan.",
    "Menteri PANRB menilai kebijakan itu menghemat listrik dan BBM.",
    "Kepala daerah meminta pelayanan publik tetap dibuka setiap hari.",
    "Pegawai honorer merasa iri karena tidak boleh bekerja dari rumah.",
    "Ekonom mengingatkan pedagang di sekitar kantor kehilangan pembeli.",
    "Anggota DPR menolak WFH karena disiplin ASN dinilai menurun.",
    "Ombudsman mendukung asalkan antrean layanan diawasi ketat.",
    "Ketua serikat pekerja menyebut aturan ini tidak adil <b>sama sekali</b>.",
    "Juru bicara BKN menjelaskan jadwal WFH dibagi per unit kerja.",
    "Warga berharap layanan daring berjalan lancar selama WFH.",
]
TEXT = " ".join(SENTENCES)


def make_statements(article_id: str = "art-1", text: str = TEXT, sentences=SENTENCES) -> list[dict]:
    rows, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        end = start + len(s)
        pos = end
        rows.append({"statement_id": statement_id(article_id, start, end, s), "article_id": article_id,
                     "start": start, "end": end, "text": s, "quote_type": "indirect", "cue": "menilai",
                     "speaker": f"Tokoh {i}", "speaker_mention": None, "role": "pejabat", "role_category": None,
                     "institution": "BKN" if i % 2 else None, "region": None, "party": None,
                     "statement_date": None, "paragraph": i})
    return rows


def write_inputs(tmp_path: Path, statements: list[dict], predictions: list[Prediction] = ()) -> dict[str, Path]:
    paths = {"statements": tmp_path / "statements.jsonl", "articles": tmp_path / "articles.parquet",
             "predictions": tmp_path / "predictions.jsonl"}
    paths["statements"].write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
    w = ArticleWriter(paths["articles"])
    w.write(Article(article_id="art-1", text=TEXT, title="WFH bagi ASN mulai pekan depan", outlet="contoh.id",
                    date="2024-05-02"))
    w.close()
    paths["predictions"].write_text("".join(json.dumps(p.to_dict()) + "\n" for p in predictions), encoding="utf-8")
    return paths


def wacana(ls, *args, token: str | None = None, url: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABEL_STUDIO_", "XDG_"))}
    env.update(LABEL_STUDIO_URL=url or ls.url, LABEL_STUDIO_API_KEY=token or ls.token, HOME=str(ls.data_dir))
    return subprocess.run([sys.executable, "-m", "corpus.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def last_line(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.strip().splitlines()[-1]


def choices(stance, concerns=()):
    out = [{"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": [stance]}}]
    if concerns:
        out.append({"from_name": "concerns", "to_name": "text", "type": "choices", "value": {"choices": list(concerns)}})
    return out


def label_queue(client, project_id: int, decide) -> list[tuple[str, tuple]]:
    """Work through the user's queue like an annotator: next task, decide, submit; until the queue is empty."""
    done = []
    while (task := client.next_task(project_id)) is not None:
        sid = task["data"]["statement_id"]
        stance, concerns = decide(sid)
        if stance is None:
            client.annotate(task["id"], [], was_cancelled=True, lead_time=1.0)
        else:
            client.annotate(task["id"], choices(stance, concerns), lead_time=2.5)
        done.append((sid, (stance, tuple(concerns))))
        assert len(done) <= 100, "the queue never empties"
    return done
