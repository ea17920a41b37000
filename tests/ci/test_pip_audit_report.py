"""CI's reading of pip-audit's report (.ci/pip_audit_report.py): a known vulnerability fails
the build; a vulnerability database that cannot be reached is reported plainly, not passed off
as a clean audit and not failed."""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "pip_audit_report.py"
UNREACHABLE = "Dependency not found on PyPI and could not be audited: django (5.2.19)"


def run(report) -> subprocess.CompletedProcess:
    text = report if isinstance(report, str) else json.dumps(report)
    return subprocess.run(
        [sys.executable, str(SCRIPT)], input=text, capture_output=True, text=True, check=False
    )


def test_a_known_vulnerability_fails_and_names_the_package_and_fix():
    result = run(
        {
            "dependencies": [
                {
                    "name": "django",
                    "version": "5.2.1",
                    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}],
                },
                {"name": "redis", "version": "6.0.0", "vulns": []},
            ],
            "fixes": [],
        }
    )
    assert result.returncode == 1
    assert "django 5.2.1: PYSEC-2025-1 (fix: 5.2.2)" in result.stdout
    assert "FAILED, 1 package(s) with known vulnerabilities" in result.stdout


def test_an_unreachable_database_is_reported_without_failing():
    result = run({"dependencies": [{"name": "django", "skip_reason": UNREACHABLE}], "fixes": []})
    assert result.returncode == 0
    assert "NOT CHECKED, the vulnerability database could not be reached" in result.stdout
    assert "no known vulnerabilities" not in result.stdout


def test_a_clean_audit_passes():
    result = run({"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]})
    assert result.returncode == 0
    assert "1 package(s) audited, no known vulnerabilities" in result.stdout


def test_no_readable_report_fails():
    result = run("Traceback (most recent call last): ...")
    assert result.returncode == 2
    assert "FAILED, it gave no readable report" in result.stdout
