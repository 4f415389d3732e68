"""The project's own Label Studio server: installed into its own venv (its pins on Django, pyarrow and pandas clash
with the toolkit's), bound to loopback, SQLite in a git-ignored data dir, a known admin and API token.

Standard library only: `make labelstudio` runs this before any venv exists, and the test-suite imports it to
start a throw-away server of its own.

    python3 -m annotate.server start [--port 8080]    # prints the URL and the login, never the token
    python3 -m annotate.server stop
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LS_VERSION = "1.23.2"
REPO = Path(__file__).resolve().parents[1]
DEFAULT_VENV = REPO / ".venv-ls"
DEFAULT_DATA = REPO / ".labelstudio"
DEFAULT_ENV_FILE = REPO / ".env"
DEFAULT_PORT = 8080
HOST = "127.0.0.1"
CREDENTIAL_KEYS = ("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_USER_TOKEN")
# Label Studio also reads these bare names; a stray PORT or DEBUG in the caller's shell must not reach it.
_BARE_NAMES = ("USERNAME", "PASSWORD", "PORT", "HOST", "DEBUG")


class ServerError(RuntimeError):
    """One line saying what is wrong with the local server; never contains the token."""


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    port: int
    data_dir: Path


def ensure_venv(venv: Path = DEFAULT_VENV, python: str = sys.executable, quiet: bool = True) -> Path:
    """The `label-studio` executable in `venv`, installing label-studio==LS_VERSION there first when missing."""
    exe = venv / "bin" / "label-studio"
    marker = venv / f".wacana-label-studio-{LS_VERSION}"
    if exe.exists() and marker.exists():
        return exe
    q = ["-q"] if quiet else []
    try:
        if not (venv / "bin" / "python").exists():
            subprocess.run([python, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", *q, "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, f"label-studio=={LS_VERSION}"], check=True)
    except subprocess.CalledProcessError as e:
        raise ServerError(f"{venv}: installing label-studio=={LS_VERSION} failed ({e})") from e
    marker.touch()
    return exe


def port_busy(port: int, host: str = HOST) -> bool:
    """True when something listens on the port or it cannot be bound: Label Studio would silently move to the
    next port, so the caller refuses instead."""
    with socket.socket() as s:
        s.settimeout(0.5)
        if s.connect_ex((host, port)) == 0:
            return True
    with socket.socket() as s:
        # SO_REUSEADDR: a port whose last server just died (TIME_WAIT) is free; only a listener makes it busy.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def free_port(host: str = HOST) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments ignored; surrounding quotes stripped."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        out[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return out


def ensure_credentials(env_file: Path = DEFAULT_ENV_FILE, environ: dict | None = None) -> dict[str, str]:
    """Admin login and API token: the environment wins, then `env_file`; whatever is missing is generated and
    appended to `env_file` (created 0600) so the next start and `wacana push` find the same values."""
    environ = os.environ if environ is None else environ
    stored = read_env_file(env_file)
    creds, new = {}, {}
    generated = {
        "LABEL_STUDIO_USERNAME": lambda: "admin@wacana.local",
        "LABEL_STUDIO_PASSWORD": lambda: secrets.token_urlsafe(12),
        "LABEL_STUDIO_USER_TOKEN": lambda: secrets.token_hex(20),  # Label Studio accepts 6..40 characters
    }
    for key in CREDENTIAL_KEYS:
        value = environ.get(key) or stored.get(key)
        if not value:
            value = new[key] = generated[key]()
        creds[key] = value
    token = creds["LABEL_STUDIO_USER_TOKEN"]
    if not 6 <= len(token) <= 40:
        raise ServerError(f"LABEL_STUDIO_USER_TOKEN must be 6 to 40 characters (it has {len(token)})")
    if new:
        fresh = not env_file.exists()
        with env_file.open("a", encoding="utf-8") as f:
            if fresh:
                f.write("# Local Label Studio login and API token (generated; git-ignored; never commit)\n")
            for key, value in new.items():
                f.write(f"{key}={value}\n")
        if fresh:
            env_file.chmod(0o600)
    return creds


def set_env_value(env_file: Path, key: str, value: str) -> None:
    """Replace or append one KEY=VALUE line, leaving the others as they are."""
    lines = env_file.read_text(encoding="utf-8").splitlines() if env_file.exists() else []
    kept = [line for line in lines if line.split("=", 1)[0].strip() != key]
    env_file.write_text("\n".join([*kept, f"{key}={value}"]) + "\n", encoding="utf-8")


def server_env(data_dir: Path, creds: dict[str, str], base: dict | None = None) -> dict[str, str]:
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k not in _BARE_NAMES and not k.startswith(("LABEL_STUDIO_", "DJANGO_"))}
    env.update(creds)
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "DJANGO_DB": "sqlite",
        # Without it 'Token <key>' gets 401; Label Studio honours it only when the database is first created.
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        # No telemetry, no version check (a 10 s timeout at import on an offline machine).
        "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
        "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
        "XDG_CONFIG_HOME": str(data_dir / "config"),  # else it writes a user id under ~/.config
    })
    return env


def _pid_file(data_dir: Path) -> Path:
    return data_dir / "server.json"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def running(data_dir: Path = DEFAULT_DATA) -> Server | None:
    pf = _pid_file(data_dir)
    if not pf.exists():
        return None
    info = json.loads(pf.read_text())
    if not _alive(info["pid"]):
        return None
    return Server(url=info["url"], pid=info["pid"], port=info["port"], data_dir=data_dir)


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(data_dir: Path = DEFAULT_DATA, port: int = DEFAULT_PORT, *, creds: dict[str, str],
          venv: Path = DEFAULT_VENV, timeout: float = 300.0) -> Server:
    """Start Label Studio in the background and wait until /health answers. Refuses a busy port and a second
    server on the same data dir."""
    data_dir = Path(data_dir).resolve()
    current = running(data_dir)
    if current:
        raise ServerError(f"{data_dir}: a Label Studio server already runs there ({current.url}, pid {current.pid})")
    if port_busy(port):
        raise ServerError(f"port {port} on {HOST} is busy; choose another with --port (Label Studio would "
                          "silently drift to the next port)")
    exe = ensure_venv(venv)
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / "server.log").open("ab")
    proc = subprocess.Popen([str(exe), "start", "--no-browser", "--internal-host", HOST, "--port", str(port)],
                            env=server_env(data_dir, creds), stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=data_dir, start_new_session=True)
    log.close()
    url = f"http://{HOST}:{port}"
    _pid_file(data_dir).write_text(json.dumps({"pid": proc.pid, "port": port, "url": url}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _pid_file(data_dir).unlink(missing_ok=True)
            raise ServerError(f"Label Studio exited with code {proc.returncode} while starting; see "
                              f"{data_dir / 'server.log'}")
        if healthy(url):
            return Server(url=url, pid=proc.pid, port=port, data_dir=data_dir)
        time.sleep(0.5)
    stop(data_dir)
    raise ServerError(f"Label Studio did not answer {url}/health within {timeout:.0f} s; see {data_dir / 'server.log'}")


def stop(data_dir: Path = DEFAULT_DATA, timeout: float = 20.0) -> bool:
    """SIGTERM the server started on `data_dir` (its whole process group: it was started in a session of its
    own), SIGKILL after `timeout`. False when none was running."""
    data_dir = Path(data_dir).resolve()
    server = running(data_dir)
    if server is None:
        _pid_file(data_dir).unlink(missing_ok=True)  # left by a crashed server
        return False
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while _alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(server.pid):
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:  # reap it when it is our child (the test-suite), else it lingers as a zombie
        os.waitpid(server.pid, os.WNOHANG)
    except ChildProcessError:
        pass
    _pid_file(data_dir).unlink(missing_ok=True)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m annotate.server", description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["start", "stop", "status"])
    ap.add_argument("--port", type=int, default=int(os.environ.get("WACANA_LS_PORT", DEFAULT_PORT)))
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--env-file", type=Path, default=DEFAULT_ENV_FILE)
    args = ap.parse_args(argv)
    try:
        if args.action == "stop":
            print("Label Studio stopped" if stop(args.data_dir) else "no Label Studio server was running")
            return 0
        if args.action == "status":
            s = running(args.data_dir)
            print(f"running at {s.url} (pid {s.pid})" if s else "not running")
            return 0 if s else 1
        creds = ensure_credentials(args.env_file)
        s = start(args.data_dir, args.port, creds=creds, venv=args.venv)
        set_env_value(args.env_file, "LABEL_STUDIO_URL", s.url)  # where `wacana push` and `pull` look
    except ServerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"Label Studio {LS_VERSION} is running at {s.url} (pid {s.pid}, data in {s.data_dir})")
    print(f"login: {creds['LABEL_STUDIO_USERNAME']} (password: LABEL_STUDIO_PASSWORD in {args.env_file}; "
          f"the API token is in the same file)")
    print("stop it with: make labelstudio-stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
