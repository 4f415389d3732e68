"""The local server script without starting Label Studio: credentials, environment, port checks."""
from __future__ import annotations

import socket
import stat

import pytest

from annotate import server


def test_generated_credentials_are_written_once_and_reused(tmp_path):
    env_file = tmp_path / ".env"
    first = server.ensure_credentials(env_file, environ={})
    assert set(first) == set(server.CREDENTIAL_KEYS)
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert server.ensure_credentials(env_file, environ={}) == first
    assert env_file.read_text().count("LABEL_STUDIO_USER_TOKEN=") == 1


def test_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    server.ensure_credentials(env_file, environ={})
    creds = server.ensure_credentials(env_file, environ={"LABEL_STUDIO_USER_TOKEN": "from-env-123"})
    assert creds["LABEL_STUDIO_USER_TOKEN"] == "from-env-123"
    assert "from-env-123" not in env_file.read_text()


@pytest.mark.parametrize("token", ["short", "x" * 41])
def test_a_token_label_studio_would_reject_is_refused(tmp_path, token):
    with pytest.raises(server.ServerError, match="6 to 40"):
        server.ensure_credentials(tmp_path / ".env", environ={"LABEL_STUDIO_USER_TOKEN": token})


def test_server_env_turns_telemetry_off_and_drops_bare_names(tmp_path):
    creds = {"LABEL_STUDIO_USERNAME": "a@b", "LABEL_STUDIO_PASSWORD": "pw", "LABEL_STUDIO_USER_TOKEN": "t" * 20}
    env = server.server_env(tmp_path, creds, base={"PORT": "9", "DEBUG": "1", "PATH": "/bin",
                                                    "LABEL_STUDIO_HOST": "http://evil"})
    assert "PORT" not in env and "DEBUG" not in env and "LABEL_STUDIO_HOST" not in env and env["PATH"] == "/bin"
    assert env["LABEL_STUDIO_COLLECT_ANALYTICS"] == "false" and env["SENTRY_DSN"] == ""
    assert env["LABEL_STUDIO_LATEST_VERSION_CHECK"] == "false"
    assert env["LABEL_STUDIO_BASE_DATA_DIR"] == str(tmp_path) and env["DJANGO_DB"] == "sqlite"


def test_a_busy_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert server.port_busy(port)
        with pytest.raises(server.ServerError, match=f"port {port} .* busy"):
            server.start(tmp_path / "data", port, creds={}, venv=tmp_path / "no-venv")
    assert not (tmp_path / "no-venv").exists()  # refused before installing or starting anything


def test_stop_without_a_server_says_so(tmp_path):
    assert server.stop(tmp_path) is False


def test_set_env_value_replaces_one_key_and_keeps_the_rest(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nA=1\nLABEL_STUDIO_URL=http://old\n", encoding="utf-8")
    server.set_env_value(env_file, "LABEL_STUDIO_URL", "http://127.0.0.1:9000")
    server.set_env_value(env_file, "B", "2")
    assert env_file.read_text() == "# comment\nA=1\nLABEL_STUDIO_URL=http://127.0.0.1:9000\nB=2\n"
