"""The sharded segment stage (and any per-shard function, such as `predict`) on Dask.

Where it runs is the scheduler's business: a LocalCluster of worker processes on a laptop, a running
scheduler's address, or a dask-jobqueue cluster (SLURM, PBS, …) described by a YAML spec. Workers read the
input and write shards themselves, so the output folder must be on a file system all of them share.

Output folder of `run_segment_sharded`:

    _plan.json                    partitions and settings; a re-run must match them
    statements/part-NNNNN.parquet statement rows (the JSONL fields); footer: the partition's issues, articles read
    articles/part-NNNNN.parquet   normalised articles with ids and duplicate_of resolved over the whole input
    issues.tsv                    the issue report of `wacana segment`, same lines in the same order
    _ingest/                      cleaned articles + signatures between the two steps; removed when complete
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from .ingest import DEFAULT_MAX_BYTES, IngestIssue, IngestSummary
from .pipeline import write_issue_report
from .schema import EXTRACTOR_VERSION
from .shards import (
    RESOLVE_COLUMNS, Resolver, ingest_partition, issues_metadata, map_shard, plan_partitions, segment_partition,
    shard_name, shard_report, summarise, write_shard,
)

DEFAULT_PARTITION_SIZE = 500
JOBQUEUE_CLUSTERS = {"slurm": "SLURMCluster", "pbs": "PBSCluster", "sge": "SGECluster", "lsf": "LSFCluster",
                     "htcondor": "HTCondorCluster", "oar": "OARCluster", "moab": "MoabCluster"}


# ---- where it runs -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class JobqueueSpec:
    cluster: str  # a dask_jobqueue class name, e.g. SLURMCluster
    jobs: int
    options: dict


def load_jobqueue_spec(path: str | Path) -> JobqueueSpec:
    """A YAML cluster spec: `cluster: slurm`, `jobs: 4`, `options: {…keyword arguments of SLURMCluster…}`."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the cluster spec ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a cluster spec is a mapping with `cluster`, `jobs` and `options`")
    kind = str(data.get("cluster", "")).lower()
    if kind not in JOBQUEUE_CLUSTERS:
        raise ValueError(f"{path}: `cluster` must be one of {', '.join(JOBQUEUE_CLUSTERS)}, got {kind or 'nothing'!r}")
    jobs, options = data.get("jobs", 1), data.get("options") or {}
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"{path}: `jobs` must be a positive whole number, got {jobs!r}")
    if not isinstance(options, dict):
        raise ValueError(f"{path}: `options` must be a mapping of {JOBQUEUE_CLUSTERS[kind]} arguments")
    return JobqueueSpec(JOBQUEUE_CLUSTERS[kind], jobs, options)


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator:
    """A Client for `--workers N` / `--scheduler local|ADDRESS|SPEC.yaml`, closed (with its cluster) on exit.

    Local workers are processes with one thread each: extraction is pure Python and holds the GIL."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler in (None, "local"):
        # Off: the worker's statistical profiler samples every 10 ms and keeps up to an hour of profiles, which
        # costs CPU and makes a worker's memory grow with run time (363 → 398 MB over 200k articles).
        with dask.config.set({"distributed.worker.profile.enabled": False}), \
                LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                             dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
    elif Path(scheduler).suffix in (".yaml", ".yml"):
        spec = load_jobqueue_spec(scheduler)
        try:
            import dask_jobqueue
        except ImportError as exc:
            raise RuntimeError(f"{scheduler}: a jobqueue spec needs dask-jobqueue "
                               "(pip install dask-jobqueue on the login node and the workers)") from exc
        with getattr(dask_jobqueue, spec.cluster)(**spec.options) as cluster, Client(cluster) as client:
            if workers:
                cluster.scale(n=workers)
            else:
                cluster.scale(jobs=spec.jobs)
            yield client
    else:
        with Client(scheduler) as client:
            if workers:
                client.wait_for_workers(workers)
            yield client


# ---- the sharded segment stage ------------------------------------------------------------------------------

@dataclass
class ShardedRun:
    summary: IngestSummary
    issues: list[IngestIssue]
    statements: int
    partitions: int
    reused: int  # statement shards found finished and skipped


def _ingest_task(slices, path: str, max_bytes: int) -> str:
    if not os.path.exists(path):
        table, issues = ingest_partition(slices, max_bytes)
        write_shard(table, path, issues_metadata(issues, table.num_rows))
    return path


def _segment_task(ingest: str, out: str, index: int, ids, dups, extra, roles, people) -> tuple[int, int]:
    table = pq.read_table(ingest)
    issues = [(seq, sub, IngestIssue(src, reason, sev, kind))
              for seq, sub, src, reason, sev, kind in json.loads(table.schema.metadata[b"wacana.issues"])]
    statements, articles, more, read = segment_partition(table, ids, dups, roles, people)
    # articles first: a statement shard on disk means its partition is complete
    write_shard(articles, Path(out) / "articles" / shard_name(index))
    write_shard(statements, Path(out) / "statements" / shard_name(index), issues_metadata(issues + extra + more, read))
    return read, statements.num_rows


def _check_plan(out: Path, plan: dict) -> None:
    path = out / "_plan.json"
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if old != plan:
            changed = sorted(k for k in plan.keys() | old.keys() if old.get(k) != plan.get(k))
            raise ValueError(f"{out}: holds a sharded run of other input or settings ({', '.join(changed)} differ); "
                             "use a new output folder or remove this one")
    else:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def run_segment_sharded(input_path: str | Path, out: str | Path, client, *,
                        partition_size: int = DEFAULT_PARTITION_SIZE, roles: str | Path | None = None,
                        people: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                        progress: Callable[[int], None] | None = None) -> ShardedRun:
    """`wacana segment --workers/--scheduler`: the segment stage over partitions on a Dask cluster.

    Finished statement shards are kept and skipped, so a run stopped by a crash or a lost worker is resumed
    by running the same command again; the result is the same either way."""
    out = Path(out)
    for sub in ("_ingest", "statements", "articles"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    parts = plan_partitions(input_path, partition_size)
    roles = None if roles is None else str(roles)
    _check_plan(out, {"extractor": EXTRACTOR_VERSION, "input": str(input_path), "partition_size": partition_size,
                      "roles": roles, "people": people, "max_bytes": max_bytes,
                      "partitions": [[asdict(s) for s in p] for p in parts]})
    final = [out / "statements" / shard_name(i) for i in range(len(parts))]
    todo = [i for i, p in enumerate(final) if not p.exists()]
    if progress is not None:
        for i in set(range(len(parts))) - set(todo):
            progress(shard_report(final[i])[1])
    if todo:
        _run(client, parts, out, todo, roles, people, max_bytes, progress)
    issues, read, n_statements = [], 0, 0
    for path in final:
        shard_issues, shard_read, shard_rows = shard_report(path)
        issues += shard_issues
        read += shard_read
        n_statements += shard_rows
    summary = summarise(read, issues)
    write_issue_report(out / "issues.tsv", issues, str(summary))
    shutil.rmtree(out / "_ingest", ignore_errors=True)
    for stray in out.glob("*/.part-*.tmp"):  # left by workers killed while writing
        stray.unlink(missing_ok=True)
    return ShardedRun(summary, issues, n_statements, len(parts), len(parts) - len(todo))


def _run(client, parts, out: Path, todo: list[int], roles, people, max_bytes: int, progress) -> None:
    from distributed import as_completed

    ingest = [out / "_ingest" / shard_name(i) for i in range(len(parts))]
    # Every ingest shard is needed, finished partitions included: ids and duplicates depend on all earlier ones.
    pending = {i: client.submit(_ingest_task, parts[i], str(p), max_bytes, pure=False)
               for i, p in enumerate(ingest) if not p.exists()}
    resolver = Resolver(rename_ids=parts[0][0].kind != "parquet")
    wanted = set(todo)
    done = as_completed()

    def finish(futures) -> None:
        for fut in futures:
            read, _ = fut.result()
            if progress is not None:
                progress(read)

    for i in range(len(parts)):  # in input order: the resolver's answers depend on everything before
        if i in pending:
            pending.pop(i).result()
        ids, dups, extra = resolver.resolve(pq.read_table(ingest[i], columns=RESOLVE_COLUMNS))
        if i in wanted:
            # priority: finish started partitions before reading more, so shards appear early and steadily
            done.add(client.submit(_segment_task, str(ingest[i]), str(out), i, ids, dups, extra, roles, people,
                                   priority=1, pure=False))
        finish(done.next_batch(block=False) if done.has_ready() else [])
    finish(done)


# ---- per-shard functions (the `predict` hook) ---------------------------------------------------------------

def map_shards(client, fn: Callable, src: str | Path, dst: str | Path,
               progress: Callable[[int], None] | None = None) -> list[Path]:
    """Apply `fn(DataFrame) -> DataFrame` to every `part-*.parquet` of `src` on the cluster, one task per shard,
    each result written atomically to the same name under `dst`; shards already in `dst` are skipped.

    `fn` travels to the workers by pickle: a module-level function, or `functools.partial(f, model_path)`
    that loads (and caches per worker process) what it needs."""
    from distributed import as_completed

    src, dst = Path(src), Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    shards = sorted(src.glob("part-*.parquet"))
    if not shards:
        raise FileNotFoundError(f"{src}: no part-*.parquet shards to map over")
    futures = [client.submit(map_shard, fn, str(s), str(dst / s.name), pure=False)
               for s in shards if not (dst / s.name).exists()]
    for fut in as_completed(futures):
        rows = fut.result()
        if progress is not None:
            progress(rows)
    return [dst / s.name for s in shards]
