"""A real Label Studio for the annotate tests: installed into the repo's .venv-ls when missing, started once per
test run on a free loopback port with a temp data dir (migrated once, reused by every test), stopped at the end.
Tests isolate themselves by study version: each gets projects of its own."""
from __future__ import annotations

import itertools
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotate import server
from annotate.schema import STUDIES_DIR, load_study

_versions = itertools.count(1)


@dataclass
class LabelStudio:
    url: str
    token: str
    username: str
    password: str
    data_dir: Path
    port: int
    creds: dict

    def client(self, token: str | None = None):
        from annotate.labelstudio import Client

        return Client(self.url, token or self.token)

    def kill(self) -> None:
        """SIGKILL, no clean shutdown: what a crash or an OOM kill does."""
        import os
        import signal

        s = server.running(self.data_dir)
        if s:
            os.killpg(s.pid, signal.SIGKILL)
            server.stop(self.data_dir, timeout=5)

    def restart(self) -> None:
        server.stop(self.data_dir)
        server.start(self.data_dir, self.port, creds=self.creds, timeout=180)


@pytest.fixture(scope="session")
def labelstudio(tmp_path_factory) -> LabelStudio:
    server.ensure_venv(server.DEFAULT_VENV, python=sys.executable)
    data_dir = tmp_path_factory.mktemp("labelstudio")
    creds = {"LABEL_STUDIO_USERNAME": "admin@wacana.test", "LABEL_STUDIO_PASSWORD": secrets.token_urlsafe(10),
             "LABEL_STUDIO_USER_TOKEN": secrets.token_hex(20)}
    port = server.free_port()
    s = server.start(data_dir, port, creds=creds, timeout=300)
    ls = LabelStudio(url=s.url, token=creds["LABEL_STUDIO_USER_TOKEN"], username=creds["LABEL_STUDIO_USERNAME"],
                     password=creds["LABEL_STUDIO_PASSWORD"], data_dir=data_dir, port=port, creds=creds)
    yield ls
    server.stop(data_dir)


@dataclass
class Annotator:
    email: str
    password: str
    token: str


@pytest.fixture(scope="session")
def annotators(labelstudio) -> list[Annotator]:
    out = []
    admin = labelstudio.client()
    for name in ("ani", "budi", "citra"):
        email, password = f"{name}@wacana.test", secrets.token_urlsafe(10)
        out.append(Annotator(email, password, admin.invite_annotator(email, password)))
    return out


@pytest.fixture
def study_factory(tmp_path):
    """A study like wfh-asn.v1 under a version of its own, so each test gets fresh projects."""

    def make(share: float = 0.2, annotators: int = 2):
        version = f"wfh-test-{next(_versions)}-{secrets.token_hex(3)}.v1"
        path = tmp_path / f"{version}.yaml"
        path.write_text(f"extends: {STUDIES_DIR / 'wfh-asn.v1.yaml'}\nstudy: wfh-test\nversion: {version}\n"
                        f"overlap:\n  share: {share}\n  annotators: {annotators}\n", encoding="utf-8")
        return load_study(path)

    return make
