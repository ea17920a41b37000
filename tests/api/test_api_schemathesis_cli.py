"""Schemathesis's own command line, with every check it has (``--checks all``), against the read
API served by a live test server: no server error, every answer as documented (status, headers,
content type, body), invalid input refused with a 4xx, methods the API does not offer answered
405 with ``Allow``. Bounded in time and with a fixed seed, so a run is repeatable and cheap."""

from __future__ import annotations

import subprocess  # nosec B404: runs our own schemathesis command line, no shell
import sys
from pathlib import Path

import pytest
from rest_framework.throttling import AnonRateThrottle

from tests.opendata.open_data_register import make_register

pytestmark = pytest.mark.django_db(transaction=True)

SEED = 20261201
MAX_EXAMPLES = 20
MAX_SECONDS = 60
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_schemathesis_with_every_check_passes_against_the_read_api(live_server, monkeypatch):
    make_register()
    # Many requests from one client a second: lift the limit for this run only.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{live_server.url}/api/schema/?format=json",
        "--url",
        live_server.url,
        "--checks",
        "all",
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        "--workers",
        "1",
        "--no-color",
        # No examples kept between runs: each run is the seed's run and nothing else.
        "--generation-database",
        "none",
        "--request-timeout",
        "10",
    ]
    result = subprocess.run(  # noqa: S603  # nosec B603: a fixed command, no shell
        command, capture_output=True, text=True, timeout=MAX_SECONDS * 3, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
