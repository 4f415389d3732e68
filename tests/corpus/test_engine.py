"""The sharded segment stage on real Dask clusters: same output as the single process, resumable, and the
per-shard hook `predict` plugs into. Compared row for row with `run_segment` on the same input."""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from corpus.cli import app
from corpus.engine import load_jobqueue_spec, map_shards, run_segment_sharded
from corpus.pipeline import read_articles_parquet, run_segment
from corpus.shards import plan_partitions, read_statement_shards

GOOD = ("Judul Berita\n\nJAKARTA, KOMPAS.com - Menteri Keuangan Sri Mulyani menilai bahwa anggaran negara "
        "tetap aman tahun ini.\n\n\"Kami jaga defisit di bawah tiga persen,\" kata Sri Mulyani.\n")


@pytest.fixture(scope="module")
def threads():
    """In-process cluster: fast, and monkeypatched faults reach its tasks."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def _corpus(d: Path) -> Path:
    """Bad inputs, repeated ids and near-duplicates across partitions, quotes that warn."""
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_empty.txt").write_text("", encoding="utf-8")
    (d / "c_latin.txt").write_bytes(GOOD.replace("Kami", "Kamí").encode("cp1252"))
    rows = [{"id": "n1", "text": GOOD.replace("Sri Mulyani", "Budi Gunadi")},
            {"id": "n1", "text": GOOD.replace("tiga", "dua")},  # repeated id
            {"text": '"Kami tidak akan menerapkan WFH sama sekali kata dia.'},  # no id, unclosed quote
            {"id": "n3", "text": GOOD + "\n\nTambahan: Wali Kota Bekasi Tri Adhianto mengatakan bahwa "
                                        "pelayanan publik tetap berjalan normal."}]
    (d / "d_rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    (d / "e_copy.txt").write_text(GOOD, encoding="utf-8")  # near-duplicate of a_good, in a later partition
    return d


def _single(src: Path, tmp: Path):
    summary, _, n = run_segment(src, tmp / "single.jsonl", articles_out=tmp / "single.parquet")
    rows = [json.loads(line) for line in (tmp / "single.jsonl").open(encoding="utf-8")]
    articles = [a.to_dict() for a in read_articles_parquet(tmp / "single.parquet")]
    return summary, rows, articles, (tmp / "single.issues.tsv").read_text(encoding="utf-8")


def _sharded(out: Path):
    rows = list(read_statement_shards(out / "statements"))
    articles = [a.to_dict() for p in sorted((out / "articles").glob("part-*.parquet")) for a in read_articles_parquet(p)]
    return rows, articles, (out / "issues.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [1, 3, 100])
def test_sharded_run_equals_the_single_process(tmp_path, threads, size):
    src = _corpus(tmp_path / "in")
    summary, rows, articles, report = _single(src, tmp_path)
    assert any(a["duplicate_of"] == "a_good" for a in articles) and any("~2" in a["article_id"] for a in articles)
    run = run_segment_sharded(src, tmp_path / "out", threads, partition_size=size)
    assert _sharded(tmp_path / "out") == (rows, articles, report)
    assert str(run.summary) == str(summary) and run.statements == len(rows) and run.reused == 0
    assert not (tmp_path / "out" / "_ingest").exists()


def test_a_crashed_run_resumes_from_its_finished_shards(tmp_path, threads, monkeypatch):
    """Fault injection: a partition task dies (as on a lost node); the same command again finishes the job."""
    import corpus.shards as shards

    src = _corpus(tmp_path / "in")
    _, rows, articles, report = _single(src, tmp_path)
    real = shards.segment_partition

    def dies_on_last(table, *args):
        if "e_copy" in str(table.column("source").to_pylist()):
            raise MemoryError("node lost")
        return real(table, *args)

    monkeypatch.setattr(shards, "segment_partition", dies_on_last)
    import corpus.engine as engine

    monkeypatch.setattr(engine, "segment_partition", dies_on_last)
    with pytest.raises(MemoryError):
        run_segment_sharded(src, tmp_path / "out", threads, partition_size=2)
    done = sorted(p.name for p in (tmp_path / "out" / "statements").glob("part-*.parquet"))
    n_parts = len(plan_partitions(src, 2))
    assert 0 < len(done) < n_parts and f"part-{n_parts - 1:05d}.parquet" not in done
    monkeypatch.undo()
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out" / "statements").glob("part-*.parquet")}
    run = run_segment_sharded(src, tmp_path / "out", threads, partition_size=2)
    assert run.reused == len(done) and run.partitions == n_parts
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())  # finished shards were not redone
    assert _sharded(tmp_path / "out") == (rows, articles, report)


def test_a_folder_of_another_run_is_refused(tmp_path, threads):
    src = _corpus(tmp_path / "in")
    run_segment_sharded(src, tmp_path / "out", threads, partition_size=2)
    with pytest.raises(ValueError, match=r"out: holds a sharded run of other input or settings \(partition_size"):
        run_segment_sharded(src, tmp_path / "out", threads, partition_size=3)


CALLS: list[str] = []


def stand_in_predict(df):
    """Stands in for the classifier `wacana predict` loads: one label per statement, keyed by its id."""
    CALLS.append(df.statement_id.iloc[0] if len(df) else "")
    return df[["statement_id"]].assign(stance=["mendukung" if "Kami" in t else "netral" for t in df.text],
                                       stance_score=1.0)


def test_map_shards_is_the_predict_hook(tmp_path, threads):
    src = _corpus(tmp_path / "in")
    run_segment_sharded(src, tmp_path / "out", threads, partition_size=2)
    CALLS.clear()
    paths = map_shards(threads, stand_in_predict, tmp_path / "out" / "statements", tmp_path / "out" / "pred")
    assert len(paths) == len(CALLS) == len(plan_partitions(src, 2))
    statements = list(read_statement_shards(tmp_path / "out" / "statements"))
    preds = [r for p in paths for r in pq.read_table(p).to_pylist()]
    assert [p["statement_id"] for p in preds] == [s["statement_id"] for s in statements]
    assert [p["stance"] for p in preds] == ["mendukung" if "Kami" in s["text"] else "netral" for s in statements]
    map_shards(threads, stand_in_predict, tmp_path / "out" / "statements", tmp_path / "out" / "pred")
    assert len(CALLS) == len(paths)  # finished shards are skipped
    import dask.dataframe as dd  # the shards are also one Parquet dataset for dask.dataframe

    assert dd.read_parquet(tmp_path / "out" / "statements").statement_id.compute().tolist() == \
        [s["statement_id"] for s in statements]


@pytest.mark.parametrize("text, message", [
    ("cluster: slurm\njobs: 2\noptions: {cores: 4, memory: 8GB}\n", None),
    ("cluster: kubernetes\n", "`cluster` must be one of slurm"),
    ("cluster: pbs\njobs: 0\n", "`jobs` must be a positive whole number"),
    ("- a list\n", "a cluster spec is a mapping"),
])
def test_jobqueue_specs(tmp_path, text, message):
    path = tmp_path / "cluster.yaml"
    path.write_text(text, encoding="utf-8")
    if message is None:
        spec = load_jobqueue_spec(path)
        assert (spec.cluster, spec.jobs, spec.options) == ("SLURMCluster", 2, {"cores": 4, "memory": "8GB"})
    else:
        with pytest.raises(ValueError, match=f"cluster.yaml: {message}"):
            load_jobqueue_spec(path)


def test_cli_segment_on_a_local_cluster(tmp_path):
    """`--workers 1` starts a LocalCluster of real worker processes."""
    src = _corpus(tmp_path / "in")
    summary, rows, _, _ = _single(src, tmp_path)
    res = CliRunner().invoke(app, ["segment", str(src), "-o", str(tmp_path / "out"), "--workers", "1",
                                   "--partition-size", "4"])
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1] == f"{summary} statements={len(rows)}"
    assert list(read_statement_shards(tmp_path / "out" / "statements")) == rows
    res = CliRunner().invoke(app, ["segment", str(tmp_path / "missing"), "-o", str(tmp_path / "o2"), "--scheduler",
                                   str(tmp_path / "nope.yaml")])
    assert res.exit_code == 2 and "nope.yaml: cannot read the cluster spec" in res.output


@pytest.mark.shared_data
def test_kill_a_worker_mid_run_then_rerun_matches_the_single_process(tmp_path, shared):
    """Real worker processes; one is SIGKILLed while partitions are being written. Dask reschedules its task
    (or the run fails); either way running again must end with the single-process output, row for row."""
    src = tmp_path / "corpus.jsonl"
    lines = [line for name in ("detik", "tribun")
             for line in (shared / "data" / name / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    src.write_text("\n".join(lines + lines[:5]) + "\n", encoding="utf-8")  # repeated ids and exact copies
    _, rows, articles, report = _single(src, tmp_path)
    out, size = tmp_path / "out", 2
    n_parts = -(-len(lines + lines[:5]) // size)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        killed: dict = {}
        finished_run = threading.Event()

        def kill_when_the_first_shard_lands():
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed and not finished_run.is_set():
                finished = list((out / "statements").glob("part-*.parquet")) if out.exists() else []
                if finished:
                    killed["shards"] = len(finished)
                    os.kill(next(iter(pids.values())), signal.SIGKILL)
                time.sleep(0.005)

        killer = threading.Thread(target=kill_when_the_first_shard_lands)
        killer.start()
        try:
            run_segment_sharded(src, out, client, partition_size=size)
        except Exception as exc:  # KilledWorker or a lost connection: the re-run below must recover
            failure = repr(exc)
        else:
            failure = None
        finished_run.set()
        killer.join()
        assert 0 < killed.get("shards", 0) < n_parts, (killed, failure)  # the kill came mid-run
        client.wait_for_workers(1)
        rerun = run_segment_sharded(src, out, client, partition_size=size)
    assert rerun.partitions == n_parts and rerun.reused >= killed["shards"]
    assert _sharded(out) == (rows, articles, report)
