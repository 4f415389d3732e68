"""Push benchmark (issue 3): `wacana push` of N statements with predictions into fresh projects, duplicate check
included, against ONE raw SDK bulk import of the same tasks in the same run; then a second push of the same N.

    .venv/bin/python scripts/bench_push.py              # N=10,000 on a throw-away server of its own
    .venv/bin/python scripts/bench_push.py --n 500      # a quick check that it works
    .venv/bin/python scripts/bench_push.py --url URL    # an existing server (token from LABEL_STUDIO_API_KEY)

Both pushes use a push index cache of their own (as `wacana push` does by default), so the second push counts
the tasks instead of listing them. Prints tasks/s of both, push/raw (target >= 0.8) and second push / first push (target < 0.1). Timings are only
meaningful on a quiet machine."""
from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annotate import server  # noqa: E402
from annotate.config import labeling_config  # noqa: E402
from annotate.labelstudio import Client, settings  # noqa: E402
from annotate.push import build_tasks, prediction_payload, push  # noqa: E402
from annotate.records import Prediction  # noqa: E402
from annotate.schema import STUDIES_DIR, load_study  # noqa: E402
from corpus.schema import statement_id  # noqa: E402

STANCES = ["mendukung", "menolak", "bersyarat", "netral", "off_topic"]
CONCERNS = ["kecemburuan_pegawai", "kualitas_pelayanan", "efisiensi", "kinerja_asn", "ekonomi", "lainnya"]


def synthetic(n: int) -> tuple[list[dict], dict[str, Prediction]]:
    statements, preds = [], {}
    for i in range(n):
        text = f"Pejabat nomor {i} menilai kebijakan WFH bagi ASN perlu dievaluasi setiap bulan."
        art = f"bench-art-{i // 10}"
        sid = statement_id(art, 0, len(text), text)
        statements.append({"statement_id": sid, "article_id": art, "start": 0, "end": len(text), "text": text,
                           "speaker": f"Pejabat {i}", "role": "kepala dinas", "institution": "Pemkot",
                           "statement_date": "2024-05-02"})
        concerns = [CONCERNS[i % 6], CONCERNS[(i // 6) % 6]] if i % 3 else []
        preds[sid] = Prediction(sid, STANCES[i % 5], 0.5 + (i % 50) / 100, sorted(set(concerns)),
                                {c: 0.5 for c in CONCERNS}, "bench-lexicon.v1")
    return statements, preds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--url", help="use this running server instead of starting one")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="wacana-bench-push-"))
    data_dir = None
    if args.url:
        url, token = settings(args.url)
    else:
        data_dir = tmp / "ls-data"
        token = secrets.token_hex(20)
        creds = {"LABEL_STUDIO_USERNAME": "bench@wacana.local", "LABEL_STUDIO_PASSWORD": secrets.token_urlsafe(10),
                 "LABEL_STUDIO_USER_TOKEN": token}
        t = time.perf_counter()
        url = server.start(data_dir, server.free_port(), creds=creds).url
        print(f"server: started a fresh Label Studio in {time.perf_counter() - t:.1f} s")
    try:
        client = Client(url, token, timeout=600)
        client.whoami()
        version = f"bench-{secrets.token_hex(3)}.v1"
        study_file = tmp / f"{version}.yaml"
        study_file.write_text(f"extends: {STUDIES_DIR / 'wfh-asn.v1.yaml'}\nstudy: bench\nversion: {version}\n",
                              encoding="utf-8")
        study = load_study(study_file)
        statements, preds = synthetic(args.n)
        tasks = build_tasks(statements, None)

        # Baseline: the same tasks and predictions in ONE SDK import call into a fresh project.
        raw_project = client.sdk.projects.create(title=f"raw import {version}", label_config=labeling_config(study))
        payload = [{"data": tasks[sid], "predictions": [prediction_payload(preds[sid])]} for sid in tasks]
        t = time.perf_counter()
        client.sdk.projects.import_tasks(raw_project.id, request=payload)
        raw_s = time.perf_counter() - t

        t = time.perf_counter()
        first = push(client, study, tasks, preds, batch_size=args.batch_size, cache_dir=tmp / "cache")
        first_s = time.perf_counter() - t
        t = time.perf_counter()
        second = push(client, study, tasks, preds, batch_size=args.batch_size, cache_dir=tmp / "cache")
        second_s = time.perf_counter() - t
    finally:
        if data_dir is not None:
            server.stop(data_dir)

    n = len(tasks)
    print(f"statements={n} predictions={len(preds)} batch_size={args.batch_size} overlap_share={study.overlap_share}")
    print(f"raw SDK import (1 call):   {raw_s:8.2f} s  {n / raw_s:8.1f} tasks/s")
    print(f"wacana push (first):       {first_s:8.2f} s  {n / first_s:8.1f} tasks/s   {first.line()}")
    print(f"wacana push (second):      {second_s:8.2f} s  {n / second_s:8.1f} tasks/s   {second.line()}")
    print(f"ratio push/raw = {raw_s / first_s:.2f} (target >= 0.8)")
    print(f"second/first  = {second_s / first_s:.3f} (target < 0.1)")
    ok = first.created == n and first.failed == 0 and second.unchanged == n and second.created == 0
    if not ok:
        print("error: the pushes did not land every statement exactly once", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
