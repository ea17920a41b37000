"""Helpers shared by the benchmarks under bench/: production settings for a bench database,
gunicorn on loopback, and wrk driven by the Lua scripts next to this file.

The register's generated data and the database set-up come from ``bench/register.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def production_environment(database_url: str, static_root: str) -> dict[str, str]:
    """Environment for the production settings on loopback (plain HTTP, no real secret)."""
    return {
        "DJANGO_SETTINGS_MODULE": "charter_register.settings",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def gunicorn_command(port: int, workers: int) -> list[str]:
    """gunicorn with the production settings (from the environment) on 127.0.0.1:``port``."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "charter_register.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--graceful-timeout",
        "10",
    ]


@contextlib.contextmanager
def gunicorn(port: int, *, workers: int = 2):
    """gunicorn with the production settings on 127.0.0.1:``port``, answering /healthz."""
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        gunicorn_command(port, workers),
        cwd=ROOT,
        env={**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def wrk_lua(
    url: str,
    script: str,
    script_args: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int,
    timeout: int = 30,
) -> dict:
    """Run wrk with ``bench/<script>`` (which prints a WRK_RESULT line, see bench/report.lua);
    returns that line's figures, latencies in ms, and ``errors``: every failed or unexpected
    answer (socket errors, no answer within ``timeout`` seconds, answers other than 2xx/3xx,
    the script's own checks)."""
    run = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            f"{timeout}s",
            "-s",
            str(BENCH / script),
            url,
            "--",
            *script_args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if run.stderr.strip():
        print(run.stderr.strip(), file=sys.stderr)
    output = run.stdout
    match = re.search(r"^WRK_RESULT (.*)$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk gave no result:\n{output}")
    result = json.loads(match.group(1))
    for key in ("p50", "p95", "p99", "max"):
        result[key] /= 1000
    result["rate"] = result["requests"] / (result["duration_us"] / 1_000_000)
    result["errors"] = sum(
        result[key] for key in ("connect", "read", "write", "status", "timeout", "unexpected")
    )
    return result
