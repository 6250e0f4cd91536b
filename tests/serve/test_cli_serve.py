"""`storyline serve DIR`: the command starts the app on 127.0.0.1, and refuses a folder
without a store with one error line."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SERVE = [sys.executable, "-c", "from storyline.cli import main; main()", "serve"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_without_a_store_is_one_error_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*SERVE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: no store at {tmp_path / 'storyline.duckdb'}; run 'storyline "
        "build ... --out DIR' first"
    ]
    assert "Traceback" not in proc.stderr


@pytest.mark.model
def test_serve_answers_on_loopback(demo_dir: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [*SERVE, str(demo_dir), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/overview", timeout=5
                ) as response:
                    overview = json.load(response)
                    policy = response.headers["content-security-policy"]
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "storyline serve did not answer"
                time.sleep(0.2)
        assert overview["articles"] == 6
        assert "script-src 'self'" in policy
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
