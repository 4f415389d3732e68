"""The one adapter between wacana and a Label Studio server (label-studio-sdk 2.x). Every Label Studio call of the
toolkit goes through `Client`, so a server that is down, a wrong URL or a rejected token always surfaces as one
`LabelStudioError` line that never contains the token."""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .server import DEFAULT_ENV_FILE, read_env_file

DEFAULT_URL = "http://127.0.0.1:8080"
TOKEN_VARS = ("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_USER_TOKEN")


class LabelStudioError(RuntimeError):
    """One line saying what went wrong talking to Label Studio; safe to print (no token, no traceback)."""


def settings(url: str | None = None, env_file: Path = DEFAULT_ENV_FILE) -> tuple[str, str]:
    """(url, token): the argument or LABEL_STUDIO_URL, and LABEL_STUDIO_API_KEY (or LABEL_STUDIO_USER_TOKEN),
    from the environment first, then from the .env that `make labelstudio` writes."""
    stored = read_env_file(env_file)
    url = url or os.environ.get("LABEL_STUDIO_URL") or stored.get("LABEL_STUDIO_URL") or DEFAULT_URL
    token = next((src[k] for src in (os.environ, stored) for k in TOKEN_VARS if src.get(k)), None)
    if not token:
        raise LabelStudioError("no Label Studio API token: set LABEL_STUDIO_API_KEY (or run `make labelstudio`, "
                               f"which writes one to {env_file})")
    return url.rstrip("/"), token


class Client:
    """A Label Studio server seen through the SDK. Methods raise LabelStudioError only."""

    def __init__(self, url: str, token: str, timeout: float = 120.0):
        from label_studio_sdk import LabelStudio

        self.url = url.rstrip("/")
        self._token = token
        # The SDK retries twice with backoff by default; a dead server should fail fast and say so.
        self.sdk = LabelStudio(base_url=self.url, api_key=token, timeout=timeout)

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    # -- errors ---------------------------------------------------------------------------------------------
    def _error(self, what: str, exc: BaseException) -> LabelStudioError:
        import httpx
        from label_studio_sdk.core.api_error import ApiError

        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            msg = f"cannot reach Label Studio at {self.url} while {what} (is the server running? `make labelstudio`)"
        elif isinstance(exc, httpx.TimeoutException):
            msg = f"Label Studio at {self.url} did not answer in time while {what}"
        elif isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
            msg = f"Label Studio at {self.url} dropped the connection while {what} (did the server stop?)"
        elif isinstance(exc, httpx.HTTPError):
            msg = f"HTTP error talking to {self.url} while {what}: {type(exc).__name__}"
        elif isinstance(exc, ApiError):
            status, body = exc.status_code, exc.body
            if status in (401, 403):
                msg = (f"Label Studio at {self.url} rejected the API token while {what} (HTTP {status}); "
                       "check LABEL_STUDIO_API_KEY")
            elif status == 404 and not isinstance(body, dict):
                msg = f"{self.url} is not a Label Studio API (HTTP 404 while {what}); check the URL"
            else:
                detail = body.get("validation_errors") or body.get("detail") if isinstance(body, dict) else body
                msg = f"Label Studio refused {what}: HTTP {status} {str(detail)[:300]}"
        elif isinstance(exc, (json.JSONDecodeError, ValueError)):
            msg = f"{self.url} did not answer like a Label Studio API while {what}; check the URL"
        else:
            msg = f"unexpected error while {what}: {type(exc).__name__}: {str(exc)[:300]}"
        return LabelStudioError(msg.replace(self._token, "***"))

    def _call(self, what: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except LabelStudioError:
            raise
        except Exception as e:  # every SDK/httpx/json failure becomes one line
            raise self._error(what, e) from None

    _NO_RETRY = {"max_retries": 0}

    # -- server and users -----------------------------------------------------------------------------------
    def whoami(self) -> str:
        """The email of the token's user; the cheapest call that proves URL and token are right."""
        me = self._call("checking the API token", self.sdk.users.whoami, request_options=self._NO_RETRY)
        if not getattr(me, "email", None) and not getattr(me, "id", None):
            raise LabelStudioError(f"{self.url} did not answer like a Label Studio API; check the URL")
        return me.email

    def user_emails(self) -> dict[int, str]:
        return {u.id: u.email for u in self._call("listing users", self.sdk.users.list)}

    def invite_annotator(self, email: str, password: str) -> str:
        """Create an annotator account through the invite link, as a person signing up would, and return the
        new account's API token (Label Studio's user-create API ignores passwords)."""
        import httpx

        def run() -> str:
            with httpx.Client(base_url=self.url, timeout=60, follow_redirects=False) as http:
                invite = http.get("/api/invite", headers={"Authorization": f"Token {self._token}"})
                invite.raise_for_status()
                link = invite.json()["invite_url"]
                http.get(link).raise_for_status()
                form = {"email": email, "password": password, "csrfmiddlewaretoken": http.cookies.get("csrftoken")}
                r = http.post(link, data=form, headers={"Referer": self.url + link})
                if r.status_code != 302:
                    raise LabelStudioError(f"Label Studio did not accept the signup of {email} (HTTP {r.status_code})")
                token = http.get("/api/current-user/token")
                token.raise_for_status()
                return token.json()["token"]

        return self._call(f"signing up {email}", run)

    # -- projects -------------------------------------------------------------------------------------------
    def find_project(self, title: str):
        for p in self._call(f"looking up project {title!r}", self.sdk.projects.list, title=title):
            if p.title == title:
                return p
        return None

    def ensure_project(self, title: str, label_config: str, *, maximum_annotations: int = 1,
                       description: str = "", dry_run: bool = False) -> tuple[object | None, str]:
        """(project, 'created' | 'updated' | 'unchanged'). An existing project gets the new config when the
        study's config changed. The project (id, task_number, model_version as listed) is None only for a dry
        run that would create it."""
        p = self.find_project(title)
        if p is None:
            if dry_run:
                return None, "created"
            p = self._call(f"creating project {title!r}", self.sdk.projects.create, title=title,
                           label_config=label_config, description=description,
                           maximum_annotations=maximum_annotations, overlap_cohort_percentage=100,
                           show_skip_button=True)
            return p, "created"
        # Label Studio stores the config without its trailing newline.
        if p.label_config.strip() != label_config.strip() or p.maximum_annotations != maximum_annotations:
            if not dry_run:
                self._call(f"updating project {title!r}", self.sdk.projects.update, p.id,
                           label_config=label_config, maximum_annotations=maximum_annotations)
            return p, "updated"
        return p, "unchanged"

    def set_model_version(self, project: int, model_version: str) -> None:
        """Label Studio pre-fills a task from the prediction whose model_version is the project's."""
        self._call("setting the project's model version", self.sdk.projects.update, project,
                   model_version=model_version)

    # -- tasks ----------------------------------------------------------------------------------------------
    def task_index(self, project: int, key: str = "statement_id") -> dict[str, tuple[int, dict]]:
        """data[key] → (task id, data) of every task in the project."""
        def run():
            pager = self.sdk.tasks.list(project=project, fields="task_only", include="id,data", page_size=1000)
            return {t.data.get(key): (t.id, t.data) for t in pager if t.data and t.data.get(key) is not None}

        return self._call("listing the project's tasks", run)

    def task_count(self, project: int) -> int:
        return int(self._call("counting the project's tasks", self.sdk.projects.get, project).task_number or 0)

    def import_tasks(self, project: int, tasks: list[dict]) -> list[int]:
        """Bulk import (one request, one transaction on the server); returns the new task ids in input order."""
        r = self._call(f"importing {len(tasks)} tasks", self.sdk.projects.import_tasks, project, request=tasks,
                       return_task_ids=True, request_options=self._NO_RETRY)
        return list(r.task_ids or [])

    def update_task(self, task_id: int, data: dict) -> None:
        self._call(f"updating task {task_id}", self.sdk.tasks.update, str(task_id), data=data)

    def import_predictions(self, project: int, predictions: list[dict]) -> None:
        """predictions: {task, model_version, score, result}."""
        self._call(f"importing {len(predictions)} predictions", self.sdk.projects.import_predictions, project,
                   request=predictions, request_options=self._NO_RETRY)

    def annotate(self, task_id: int, result: list[dict], *, lead_time: float | None = None,
                 was_cancelled: bool = False) -> int:
        """Save an annotation as the token's user (what the Submit / Skip buttons do); returns its id."""
        kwargs = {"result": result, "was_cancelled": was_cancelled}
        if lead_time is not None:
            kwargs["lead_time"] = lead_time
        return self._call(f"annotating task {task_id}", self.sdk.annotations.create, task_id, **kwargs).id

    def update_annotation(self, annotation_id: int, result: list[dict]) -> None:
        self._call(f"updating annotation {annotation_id}", self.sdk.annotations.update, annotation_id,
                   result=result)

    def next_task(self, project: int) -> dict | None:
        """The task Label Studio's queue gives the token's user next (None when the queue is empty)."""
        import httpx

        def run():
            r = httpx.get(f"{self.url}/api/projects/{project}/next", timeout=60,
                          headers={"Authorization": f"Token {self._token}"})
            if r.status_code == 404:
                return None
            r.raise_for_status()
            return r.json()

        return self._call("asking for the next task", run)

    # -- export ---------------------------------------------------------------------------------------------
    def export_snapshot(self, project: int, title: str, out, timeout: float = 600.0) -> None:
        """Create a snapshot export and stream its full JSON into the binary file `out` (not JSON_MIN: its
        multi-choice shape changes with the number of ticks, and it leaves skipped tasks out)."""
        exports = self.sdk.projects.exports
        snap = self._call("creating an export snapshot", exports.create, project, title=title)
        deadline = time.monotonic() + timeout
        while True:
            state = self._call("waiting for the export snapshot", exports.get, project, snap.id)
            if state.status == "completed":
                break
            if state.status == "failed":
                raise LabelStudioError(f"Label Studio failed to build export snapshot {snap.id} of project {project}")
            if time.monotonic() > deadline:
                raise LabelStudioError(f"export snapshot {snap.id} of project {project} not ready after {timeout:.0f} s")
            time.sleep(0.3)

        def download():
            for chunk in exports.download(project, snap.id, export_type="JSON"):
                out.write(chunk)

        self._call("downloading the export snapshot", download)


def connect(url: str | None = None, env_file: Path = DEFAULT_ENV_FILE, check: bool = True) -> Client:
    """A client from settings(); with `check`, proves the URL and token right away so a bad one fails before
    any work starts."""
    client = Client(*settings(url, env_file))
    if check:
        client.whoami()
    return client


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
