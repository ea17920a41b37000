"""Benchmark the public register at 10,000 projects on PostgreSQL.

    .venv/bin/python bench/register.py [--projects 10000] [--database charter_bench]
        [--redis redis://127.0.0.1:6379/15] [--keep] [--reuse]

1. Creates the PostgreSQL database ``charter_bench`` (dropping any old one), migrates it and
   loads a generated register document of N projects with ``import_register``.
2. In process (Django's test client), for the list, a search, a filtered list and a project
   page: the queries per page (the page's own, and with the shared cache's) and the median and
   95th percentile server time of a page that is not in the page cache, twice: typical (the
   register has not changed since the facet index was built, so only the page is built) and
   first after a change (the stamp is changed before each request, so the facet index is
   rebuilt too).
3. Starts gunicorn (2 workers, production settings, after ``collectstatic``) on loopback and
   drives it with ``wrk`` for the static CSS file, the cached list page and a cached project
   page; reports each page's throughput as a ratio of the static file's.
4. Drops the database (unless ``--keep``).

The shared cache is Redis (``REDIS_URL``, database 15 by default), as production with more
than one server has it; ``--redis ''`` uses the database cache instead.

Not part of the test suite. Needs PostgreSQL at 127.0.0.1:5432 (user postgres), Redis for the
default cache, and ``wrk``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import gunicorn, production_environment  # noqa: E402

SERVER = "postgres://postgres@127.0.0.1:5432"
WORDS = [
    "library",
    "bus",
    "housing",
    "repair",
    "school",
    "meals",
    "fire",
    "safety",
    "hospital",
    "discharge",
    "care",
    "home",
    "flood",
    "recycling",
    "benefits",
    "parking",
    "air",
    "quality",
    "noise",
    "footpath",
    "council",
    "tax",
    "food",
    "bank",
    "jobs",
    "training",
    "river",
    "park",
    "youth",
    "club",
    "dementia",
    "carers",
    "loneliness",
    "energy",
    "heating",
    "damp",
    "mould",
    "transport",
    "ferry",
    "cycling",
    "tram",
    "walking",
    "lighting",
    "waste",
    "bins",
    "licensing",
    "markets",
    "tourism",
    "museum",
    "archive",
]


def generate_document(count: int, seed: int = 3) -> dict:
    from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES
    from tests.documents import document, record

    rng = random.Random(seed)
    records = []
    for n in range(count):
        words = rng.sample(WORDS, 6)
        uses_ai = n % 3 == 0
        data = record(
            f"project-{n:05d}",
            title=f"{words[0].title()} {words[1]} and {words[2]} project {n}",
            status=rng.choice(STATUS_CHOICES)[0],
            uses_ai=uses_ai,
            ai_kinds=["predictive_model"] if uses_ai else [],
            ai_decision_role="supports_human_decision" if uses_ai else None,
            areas=sorted({rng.choice(AREA_CHOICES)[0] for _ in range(2)}),
            topics=sorted({rng.choice(TOPIC_CHOICES)[0] for _ in range(2)}),
            purpose=f"To improve {words[3]} and {words[4]} for residents. " * 3,
        )
        data["organisations"][0]["name"] = f"Lead organisation {n % 200}"
        data["organisations"][1]["name"] = f"Supplier {n % 50} Ltd"
        for key in ("harm_mitigation", "benefit_who", "contest"):
            data[key] = f"We {words[5]} with {words[rng.randrange(6)]} and {rng.choice(WORDS)}."
        records.append(data)
    return document(*records)


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def timed(client, path: str, repeat: int, *, change: bool) -> tuple[list[float], int, int, int]:
    """Server times in ms for ``path`` when the page is not in the page cache; query counts.

    ``change``: the register changed before each request (a new stamp), so whatever is kept per
    stamp (the facet index) is rebuilt too: the first request after a change. Otherwise only
    the page's own cache entry is dropped: a resident asking for a page (another filter, search
    or page number) that nobody asked for since the last change."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from register.caching import GENERATION_KEY, _new_stamp, _page_key

    page_key = _page_key(RequestFactory().get(path))
    times, counts, own = [], [], []
    for _ in range(repeat):
        if change:
            cache.set(GENERATION_KEY, _new_stamp(), timeout=None)
        else:
            cache.delete(page_key)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        assert response["X-Register-Cache"] == "miss", path
        counts.append(len(queries))
        own.append(sum("django_cache" not in q["sql"] for q in queries.captured_queries))
    return times, max(counts), max(own), len(response.content)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wrk(url: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", "16", "-d", f"{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def throughput(base: str, static_root: str, project_path: str, seconds: int) -> None:
    """Requests per second under wrk for the static CSS file and two cached register pages."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    targets = {
        "static CSS": f"{base}/static/{manifest['paths']['css/app.css']}",
        "cached list": f"{base}/register/",
        "cached project": f"{base}{project_path}",
    }
    for url in targets.values():  # fill the page cache and check every answer is 200
        for _ in range(4):
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                assert response.status == 200, url
    print(f"\nThroughput under wrk -t2 -c16 -d{seconds}s, gunicorn 2 workers:")
    static = None
    for name, url in targets.items():
        rate = wrk(url, seconds)
        static = static or rate
        print(f"{name:<15}{rate:>10.0f} req/s{rate / static:>8.2f} of static")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--database", default="charter_bench")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database left by an earlier --keep run instead of importing again",
    )
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="the shared cache, as production with several servers has it; '' for the "
        "database cache",
    )
    args = parser.parse_args()

    database_url = f"{SERVER}/{args.database}"
    static_root = tempfile.mkdtemp(prefix="charter-bench-static-")
    os.environ.update(production_environment(database_url, static_root))
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    else:
        os.environ.pop("REDIS_URL", None)
    if not args.reuse:
        admin_sql(f'DROP DATABASE IF EXISTS "{args.database}"')
        admin_sql(f'CREATE DATABASE "{args.database}"')
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from projects.models import Project

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        if not args.reuse:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                json.dump(generate_document(args.projects), handle)
            start = time.perf_counter()
            call_command("import_register", handle.name)
            print(f"Imported {args.projects} projects in {time.perf_counter() - start:.1f} s")
            os.unlink(handle.name)
        call_command("migrate", verbosity=0)  # nothing to do; keeps the connection warm
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        project = Project.objects.published().order_by("slug")[args.projects // 2]
        pages = {
            "list": "/register/",
            "search": "/register/?q=library+repair",
            "filtered list": "/register/?uses_ai=yes&status=pilot&area=wirral&topic=health",
            "detail": project.get_absolute_url(),
        }
        client = Client()
        for change, title in (
            (False, "page not cached, nothing changed since the last request (typical)"),
            (True, "first request after a change (the stamp changed before each request)"),
        ):
            print(f"\nServer time, {title}, {args.repeat} requests each, PostgreSQL:")
            print(f"{'page':<15}{'queries':>9}{'+cache':>8}{'median ms':>11}{'p95 ms':>9}{'KB':>6}")
            for name, path in pages.items():
                timed(client, path, 3, change=change)  # warm up
                times, total, own, size = timed(client, path, args.repeat, change=change)
                print(
                    f"{name:<15}{own:>9}{total:>8}{statistics.median(times):>11.1f}"
                    f"{percentile(times, 0.95):>9.1f}{size / 1024:>6.0f}"
                )
        connection.close()

        with gunicorn(free_port()) as base:
            throughput(base, static_root, project.get_absolute_url(), args.seconds)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
