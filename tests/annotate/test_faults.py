"""Faults against the real Label Studio: a server killed in the middle of a push, pulls racing annotators, and the
one-line errors for a wrong token, a server that is down and a URL that is not Label Studio."""
from __future__ import annotations

import http.server
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from annotate import server
from annotate.pull import pull, read_rows
from annotate.push import build_tasks, project_title, push

from lshelpers import choices, make_statements, wacana, write_inputs

pytestmark = pytest.mark.labelstudio


def synthetic_statements(n: int) -> list[dict]:
    sentences = [f"Pejabat nomor {i} menilai kebijakan WFH bagi ASN perlu dievaluasi." for i in range(n)]
    return make_statements("art-many", " ".join(sentences), sentences)


def all_statement_ids(client, study) -> Counter:
    ids: Counter = Counter()
    for kind in ("main", "overlap"):
        project = client.find_project(project_title(study, kind))
        for t in client.sdk.tasks.list(project=project.id, fields="task_only", include="id,data", page_size=1000):
            ids[t.data["statement_id"]] += 1
    return ids


def test_server_killed_mid_push_then_push_again_lands_each_statement_once(labelstudio, study_factory):
    study = study_factory(share=0.3)
    tasks = build_tasks(synthetic_statements(400), None)
    admin = labelstudio.client()
    done, killer = [0], []

    def progress(n):
        done[0] += n
        if done[0] >= 100 and not killer:  # kill while the next batches are on their way
            killer.append(threading.Thread(target=lambda: (time.sleep(0.02), labelstudio.kill())))
            killer[0].start()

    try:
        first = push(admin, study, tasks, batch_size=25, progress=progress)
    finally:
        killer[0].join()
    assert first.failed > 0 and first.created >= 100 and first.created + first.failed == 400
    assert "Label Studio" in first.error and labelstudio.token not in first.error

    labelstudio.restart()
    second = push(admin, study, tasks, batch_size=25)
    # A batch the server committed just before dying counts as unchanged now, never as a second task.
    assert second.failed == 0 and second.updated == 0 and second.created + second.unchanged == 400
    assert second.unchanged >= first.created
    ids = all_statement_ids(admin, study)
    assert set(ids) == set(tasks) and set(ids.values()) == {1}
    assert push(admin, study, tasks).line() == "created=0 updated=0 unchanged=400 failed=0"


def test_pulls_while_annotations_are_added_lose_none(labelstudio, annotators, study_factory, tmp_path):
    study = study_factory(share=0.0)
    tasks = build_tasks(synthetic_statements(30), None)
    admin = labelstudio.client()
    assert push(admin, study, tasks).created == 30
    project = admin.find_project(project_title(study))
    ann = labelstudio.client(annotators[1].token)
    added: list[int] = []

    def annotate_all():
        while (task := ann.next_task(project.id)) is not None:
            added.append(ann.annotate(task["id"], choices("netral")))

    out = tmp_path / "rows.jsonl"
    worker = threading.Thread(target=annotate_all)
    worker.start()
    during, seen = [], []
    while worker.is_alive() and len(during) < 5:
        during.append(pull(admin, study, out))
        seen.append({r.annotation_id for r in read_rows(out)})
    worker.join()
    after = pull(admin, study, out)
    final_ids = {r.annotation_id for r in read_rows(out)}

    assert len(added) == 30 and final_ids == set(added)
    assert all(s.lost == 0 for s in during) and after.lost == 0
    assert during and all(ids <= final_ids for ids in seen)  # every annotation a pull saw is still there later
    assert sum(s.new for s in during) + after.new == 30
    assert after.line() == f"tasks=30 annotations=30 new={30 - sum(s.new for s in during)} changed=0 lost=0"
    raws = sorted((tmp_path / "raw").glob("*.json"))
    assert len(raws) == 2 * (len(during) + 1)  # main and overlap snapshot per pull, none overwritten


class _NotLabelStudio(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>Not here</body></html>")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def other_http_server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _NotLabelStudio)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


BAD_TOKEN = "not-the-token-0123456789abcdef"


@pytest.mark.parametrize("command", ["push", "pull"])
@pytest.mark.parametrize("fault", ["wrong token", "server down", "not label studio", "wrong path"])
def test_bad_connection_is_one_clear_line_without_the_token(labelstudio, other_http_server, tmp_path, command,
                                                            fault):
    token, url = labelstudio.token, labelstudio.url
    if fault == "wrong token":
        token = BAD_TOKEN
    elif fault == "server down":
        url = f"http://127.0.0.1:{server.free_port()}"
    elif fault == "not label studio":
        url = other_http_server
    else:
        url = labelstudio.url + "/not/here"
    paths = write_inputs(tmp_path, make_statements()[:2])
    args = ["push", paths["statements"]] if command == "push" else ["pull", "-o", tmp_path / "rows.jsonl"]
    proc = wacana(labelstudio, *args, token=token, url=url)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in proc.stderr
    expected = {"wrong token": "rejected the API token", "server down": "cannot reach Label Studio",
                "not label studio": "is not a Label Studio API", "wrong path": "is not a Label Studio API"}[fault]
    assert expected in lines[0] and url in lines[0]
    assert token not in proc.stdout + proc.stderr
    assert not (tmp_path / "rows.jsonl").exists()


def test_server_command_prints_url_and_login_never_secrets_and_refuses_a_busy_port(labelstudio, tmp_path):
    # A copy of the session's migrated database starts in seconds instead of a fresh migration.
    data = tmp_path / "ls-data"
    data.mkdir()
    src = sqlite3.connect(labelstudio.data_dir / "label_studio.sqlite3")
    dst = sqlite3.connect(data / "label_studio.sqlite3")
    src.backup(dst)
    src.close()
    dst.close()
    if (labelstudio.data_dir / "media").exists():
        shutil.copytree(labelstudio.data_dir / "media", data / "media")
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in labelstudio.creds.items()), encoding="utf-8")
    port = server.free_port()
    cmd = [sys.executable, "-m", "annotate.server"]
    args = ["--port", str(port), "--data-dir", str(data), "--env-file", str(env_file)]
    try:
        started = subprocess.run([*cmd, "start", *args], capture_output=True, text=True, timeout=300)
        assert started.returncode == 0, started.stderr
        out = started.stdout + started.stderr
        assert f"http://127.0.0.1:{port}" in out and labelstudio.username in out
        assert labelstudio.token not in out and labelstudio.password not in out
        assert server.healthy(f"http://127.0.0.1:{port}")
        assert server.read_env_file(env_file)["LABEL_STUDIO_URL"] == f"http://127.0.0.1:{port}"
        again = subprocess.run([*cmd, "start", *args], capture_output=True, text=True, timeout=60)
        assert again.returncode == 1 and again.stderr.count("\n") == 1 and "already runs" in again.stderr
        other_data = [*cmd, "start", "--port", str(labelstudio.port), "--data-dir", str(tmp_path / "d2"),
                      "--env-file", str(env_file)]
        busy = subprocess.run(other_data, capture_output=True, text=True, timeout=60)
        assert busy.returncode == 1 and f"port {labelstudio.port}" in busy.stderr and "busy" in busy.stderr
        assert not (tmp_path / "d2").exists()
    finally:
        stopped = subprocess.run([*cmd, "stop", *args], capture_output=True, text=True, timeout=60)
    assert stopped.stdout.strip() == "Label Studio stopped"
    assert not server.healthy(f"http://127.0.0.1:{port}") and server.running(data) is None
