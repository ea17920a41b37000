"""CI's check that views read through selectors (scripts/check-views.py): a view that reads
``Model.objects`` or hands a model to ``get_object_or_404`` fails the build, naming the line."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check-views.py"


def check(root: Path) -> subprocess.CompletedProcess:
    copy = root / "scripts" / "check-views.py"
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(SCRIPT.read_text())
    return subprocess.run([sys.executable, str(copy)], capture_output=True, text=True, check=False)


def app(root: Path, name: str, files: dict[str, str]) -> None:
    folder = root / name
    for path, text in {"__init__.py": "", **files}.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)


def test_the_register_s_views_read_through_selectors():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_a_view_reading_a_model_fails_and_names_the_line(tmp_path):
    app(
        tmp_path,
        "shop",
        {
            "views.py": "from .models import Item\n\n\ndef items(request):\n"
            "    return Item.objects.all()\n",
            "views/__init__.py": "",
            "views/detail.py": "from django.shortcuts import get_object_or_404\n"
            "from ..models import Item\n\n\ndef item(request, pk):\n"
            "    return get_object_or_404(Item, pk=pk)\n",
        },
    )
    result = check(tmp_path)
    assert result.returncode == 1
    assert "shop/views.py:5: Item.objects" in result.stdout
    assert "shop/views/detail.py:6: get_object_or_404(Item, ...)" in result.stdout


def test_selectors_services_and_tests_may_read_models(tmp_path):
    app(
        tmp_path,
        "shop",
        {
            "selectors.py": "def items():\n    return Item.objects.all()\n",
            "views.py": "from .selectors import items\n\n\ndef page(request):\n"
            "    return items()\n",
        },
    )
    app(tmp_path, "tests", {"views.py": "Item.objects.all()\n"})
    assert check(tmp_path).returncode == 0
