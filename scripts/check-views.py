#!/usr/bin/env python3
"""Fails when a view reads the database directly: ``Model.objects`` or ``get_object_or_404(Model)``
in a views module. Views read through selectors (``register.selectors`` for public pages,
``projects.selectors``, ``concerns.selectors`` ... for the rest), so that what a page may show
is decided in one place (README "How the code is laid out").

Run by CI (.ci/run): ``python scripts/check-views.py``. Prints each read as ``path:line: text``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders that are not apps.
NOT_APPS = {".venv", "node_modules", "tests", "bench", "docs", "scripts", "static", "templates"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules(root: Path) -> list[Path]:
    """Every ``views.py`` and every module of a ``views/`` package, in every app."""
    found = []
    for app in sorted(path for path in root.iterdir() if path.is_dir()):
        if app.name in NOT_APPS or app.name.startswith(".") or not (app / "__init__.py").exists():
            continue
        found += sorted(app.glob("views.py")) + sorted(app.glob("views/*.py"))
    return found


def direct_reads(tree: ast.AST) -> list[tuple[int, str]]:
    reads = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            reads.append((node.lineno, f"{ast.unparse(node)}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            reads.append((node.lineno, f"{node.func.id}({node.args[0].id}, ...)"))
    return sorted(set(reads))


def main(root: Path = ROOT) -> int:
    problems = []
    for path in view_modules(root):
        for line, text in direct_reads(ast.parse(path.read_text(), filename=str(path))):
            problems.append(f"{path.relative_to(root)}:{line}: {text}")
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} direct database reads in views: read through a selector instead",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
