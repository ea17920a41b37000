"""Every page type is valid HTML: the Nu HTML Checker (vnu-jar from npm, run on Java) finds no
errors. The pages come from the page catalogue, fetched with Django's test client (forms empty
and with errors), and vnu runs once over all of them, because the JVM is slow to start.

Without vnu-jar or Java this test fails rather than skips: ``scripts/install-html-checker.sh``
installs both (``make test`` runs it)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.frontend.page_catalogue import build_catalogue, fetch

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_html_checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(
            "The Nu HTML Checker needs Java and node_modules/vnu-jar: run "
            "`sudo bash scripts/install-html-checker.sh` (or `make test` as root), then run the "
            "tests again",
            pytrace=False,
        )
    return [java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--stdout"]


def test_every_page_type_is_valid_html(client, tmp_path):
    command = nu_html_checker()
    paths, files = [], {}
    for number, page in enumerate(build_catalogue()):
        path = tmp_path / f"{number:02d}.html"
        path.write_bytes(fetch(client, page).content)
        paths.append(str(path))
        files[path.name] = page

    result = subprocess.run(
        [*command, *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]

    problems = []
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            page = files.get(message.get("url", "").rsplit("/", 1)[-1])
            where = f"{page.name} ({page.url})" if page else message.get("url", "vnu")
            problems.append(
                f"- {where} line {message.get('lastLine', '?')}: {message['message']}\n"
                f"    {message.get('extract', '').strip()}"
            )
    assert not problems, "Invalid HTML:\n" + "\n".join(problems)
