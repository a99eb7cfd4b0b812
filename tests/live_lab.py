"""A JupyterLab server for the browser tests, started as `reader lab` starts it.

>>> free_port() > 1024
True
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.cli import lab_command

CHROMIUM = "/usr/bin/chromium"
TOKEN = "reader-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def skip_without_chromium() -> None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian chromium is not installed")


@contextmanager
def running_lab(notebooks: Path, env: dict | None = None) -> Iterator[str]:
    """JupyterLab on ``notebooks`` (its root) on a free port; yields the base URL.

    The token is `TOKEN`; Jupyter's configuration goes beside ``notebooks`` so the
    machine's own settings play no part.
    """
    pytest.importorskip("jupyterlab")
    port = free_port()
    options = ["--no-browser", f"--port={port}", f"--IdentityProvider.token={TOKEN}"]
    server = subprocess.Popen(
        lab_command(notebooks, [*options, "--allow-root"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(notebooks.parent / ".jupyter"), **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("JupyterLab did not start in 40 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
