"""Load test: gunicorn with the production settings on PostgreSQL with 10,000 projects, driven
by wrk from loopback, bounded in time.

    .venv/bin/python bench/load.py [--projects 10000] [--seconds 10] [--connections 8]

1. Creates the PostgreSQL database ``charter_load`` (dropping any old one), migrates it, loads
   N generated projects with ``import_register`` (the generator of ``bench/register.py``) and
   runs ``collectstatic``. ``--reuse`` uses a database left by an earlier ``--keep`` instead.
2. Signs in one person per connection (a session in the database, as signing in makes), each
   a member of their own organisation with a draft project.
3. Starts gunicorn (``--workers``, production settings) on loopback and, for ``--seconds``
   each, drives with wrk (``--connections``): the static CSS file (every figure is also given
   as a ratio of its throughput in the same run), the list's first page (one address, so served
   from the page cache), any page of the list, searches, project pages (many addresses, so
   mostly built afresh), and signed-in section saves (bench/save.lua explains how it keeps the
   optimistic lock's version). Each page first gets ``--warm`` seconds that are not reported,
   so that every worker has loaded its templates.
4. Prints a Markdown table of throughput and 50th/95th/99th percentile latency, checks that
   every accepted save is in the database, and drops the database (unless ``--keep``).

Exits non-zero on any error: a socket error, no answer within 30 s, an answer other than
2xx/3xx, a save that was not accepted (302), or an accepted save missing from the database.
Not part of the test suite. Needs PostgreSQL at 127.0.0.1:5432 (user postgres) and wrk
(``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import gunicorn, production_environment, wrk_lua  # noqa: E402
from bench.register import SERVER, WORDS, admin_sql, free_port, generate_document  # noqa: E402

SECTION = "mitigating-harms"


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres") as connection:
        return bool(
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )


def create_register(projects: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(generate_document(projects), handle)
    start = time.perf_counter()
    call_command("import_register", handle.name)
    print(f"Imported {projects} projects in {time.perf_counter() - start:.1f} s")
    os.unlink(handle.name)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def signed_in_people(count: int) -> list[dict]:
    """``count`` people, each signed in (a session) with a draft of their own: what bench/save.lua
    needs to save its section, and the version it starts from."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from projects.questions import SECTIONS_BY_SLUG
    from projects.services import start_project

    run = f"{random.getrandbits(32):08x}"
    people = []
    for n in range(count):
        user = get_user_model().objects.create_user(
            username=f"load-{run}-{n}@example.org",
            email=f"load-{run}-{n}@example.org",
            password=None,
        )
        project = start_project(
            user=user,
            title=f"Load test draft {run} {n}",
            new_organisation={
                "name": f"Load test organisation {run} {n}",
                "type": "public_service",
                "description": "An organisation made by bench/load.py.",
            },
        )
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
        answers = {
            key: f"We checked {key.replace('_', ' ')} with residents (save SAVE_NUMBER)."
            for key in SECTIONS_BY_SLUG[SECTION].keys
        }
        people.append(
            {
                "project": project.pk,
                "path": reverse("submission:section", kwargs={"pk": project.pk, "slug": SECTION}),
                "version": project.lock_version,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                f"{settings.CSRF_COOKIE_NAME}={csrf}",
                "body": urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": csrf, "later": "1", **answers}
                ),
            }
        )
    return people


def settle_versions(people: list[dict]) -> None:
    """Each draft's current lock_version, once saves still running when wrk stopped are done."""
    from django.db import connections

    from projects.models import Project

    def read():
        versions = dict(
            Project.objects.filter(pk__in=[p["project"] for p in people]).values_list(
                "pk", "lock_version"
            )
        )
        connections.close_all()
        return versions

    versions = read()
    for _ in range(30):
        time.sleep(0.5)
        versions, before = read(), versions
        if versions == before:
            break
    for person in people:
        person["version"] = versions[person["project"]]


def save_line(person: dict) -> str:
    return "\t".join(str(person[key]) for key in ("path", "version", "cookie", "body"))


def write_lines(lines: list[str]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    return handle.name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--database", default="charter_load")
    parser.add_argument("--seconds", type=int, default=10, help="per page (default 10)")
    parser.add_argument("--warm", type=int, default=2, help="warm-up per page, not reported")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database kept earlier")
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="charter-load-static-")
    os.environ.update(production_environment(f"{SERVER}/{args.database}", static_root))
    reuse = args.reuse and database_exists(args.database)
    if not reuse:
        admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        admin_sql(f'CREATE DATABASE "{args.database}"')
    files = []
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from projects.models import Project
        from register.selectors import PAGE_SIZE

        if not reuse:
            create_register(args.projects)
        call_command("collectstatic", verbosity=0, interactive=False)
        people = signed_in_people(args.connections)
        projects = [p.get_absolute_url() for p in Project.objects.published().only("slug")]
        pages = -(-len(projects) // PAGE_SIZE)
        rng = random.Random(9)
        manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
        scenarios = {
            "static CSS (whitenoise)": (
                "pages.lua",
                [f"/static/{manifest['paths']['css/app.css']}"],
            ),
            "list, first page": ("pages.lua", ["/register/"]),
            f"list, any of {pages} pages": (
                "pages.lua",
                [f"/register/?page={n}" for n in range(1, pages + 1)],
            ),
            "search, 500 different": (
                "pages.lua",
                [f"/register/?q={'+'.join(rng.sample(WORDS, 2))}" for _ in range(500)],
            ),
            f"project page, {len(projects):,} different": (
                "pages.lua",
                projects,
            ),
            "section save, signed in": ("save.lua", [save_line(p) for p in people]),
        }
        print(
            f"Registered {len(projects):,} published projects; {args.connections} people signed"
            f" in. gunicorn {args.workers} workers; wrk {args.connections} connections,"
            f" {args.seconds} s a page."
        )
        connections.close_all()

        results = {}
        with gunicorn(free_port(), workers=args.workers) as base:
            for name, (script, lines) in scenarios.items():
                saving = script == "save.lua"
                for seconds in (args.warm, args.seconds):  # warm every worker up, then measure
                    if saving:  # start from the versions the warm-up's saves left
                        settle_versions(people)
                        lines = [save_line(person) for person in people]
                    files.append(write_lines(lines))
                    results[name] = wrk_lua(
                        base,
                        script,
                        [files[-1]],
                        seconds=seconds,
                        connections=args.connections,
                        threads=args.connections if saving else min(2, args.connections),
                    )
                print(f"  {name}: {results[name]['rate']:.0f} req/s", flush=True)

        saved = sum(
            Project.objects.get(pk=p["project"]).lock_version - p["version"] for p in people
        )
        accepted = results["section save, signed in"]["requests"]
        print(f"\nSaves accepted (302): {accepted:,}; saves in the database: {saved:,}")
        lost = saved < accepted - results["section save, signed in"]["errors"]

        static = results["static CSS (whitenoise)"]["rate"]
        print(f"\nMachine load (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(
            "\n| page | addresses | requests | requests/s | ratio to static | 50th percentile | "
            "95th percentile | 99th percentile | errors |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, result in results.items():
            print(
                f"| {name} | {len(scenarios[name][1]):,} | {result['requests']:,} | "
                f"{result['rate']:,.0f} | {result['rate'] / static:.2f} | "
                f"{result['p50']:,.0f} ms | {result['p95']:,.0f} ms | "
                f"{result['p99']:,.0f} ms | {result['errors']} |"
            )
        errors = sum(result["errors"] for result in results.values())
        if errors or lost:
            for name, result in results.items():
                if result["errors"]:
                    print(f"{name}: {result}", file=sys.stderr)
            if lost:
                print("Some accepted saves are not in the database", file=sys.stderr)
            return 1
        return 0
    finally:
        for name in files:
            os.unlink(name)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
