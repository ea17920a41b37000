"""Benchmark the public register at 10,000 projects on PostgreSQL.

    .venv/bin/python bench/register.py [--projects 10000] [--database charter_bench]
        [--redis redis://127.0.0.1:6379/15] [--keep] [--reuse]

1. Creates the PostgreSQL database ``charter_bench`` (dropping any old one), migrates it and
   loads a generated register document of N projects with ``import_register``.
2. In process (Django's test client), for the list, 60 different searches of one to three
   common words (each new to the server), a filtered list and a project page: the queries per
   page (the page's own, and with the shared cache's) and the median and 95th percentile server
   time of a page that is not in the page cache, each also as a multiple of the static CSS
   file's time in the same run, twice: typical (the register has not changed since the facet
   index was built, so only the page is built) and first after a change committed (as after a
   publish: the changing request rebuilt the facet index and the list's order after its
   commit, which is timed too).
3. Starts gunicorn (2 workers, production settings, after ``collectstatic``) on loopback and
   drives it with ``wrk`` for the static CSS file, the cached list page, a cached project page,
   36,000 different list pages (page, order and filters: almost none in the page cache), 400
   different searches and every project page; reports each one's throughput as a ratio of the
   static file's in the same run, and its latency.
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
import socket
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import gunicorn, production_environment, wrk_lua  # noqa: E402

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


# Words every generated project has (the standard answers of tests.documents.record): a search
# for them matches all 10,000 projects, the most a search can cost.
COMMON_WORDS = [
    "data",
    "bias",
    "harm",
    "benefit",
    "residents",
    "project",
    "training",
    "impact",
    "monitoring",
    "safety",
    "contact",
    "answer",
]


def common_searches(count: int, seed: int = 5) -> list[str]:
    """``count`` different searches of one to three words, most of them common ones (each
    word of a search from COMMON_WORDS, or from WORDS one time in four)."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    for _ in range(count * 100):
        words = [
            rng.choice(WORDS) if rng.random() < 0.25 else rng.choice(COMMON_WORDS)
            for _ in range(rng.randint(1, 3))
        ]
        seen[" ".join(dict.fromkeys(words))] = None
        if len(seen) == count:
            break
    return list(seen)


def list_pages() -> list[str]:
    """Different register list pages, so many that under wrk almost every request is one that
    nobody asked for since the register last changed (not in the page cache): every page
    number up to 500, in each order, with and without the AI filter and each area."""
    from projects.questions import AREA_CHOICES

    areas = ["", *(f"&area={key}" for key, _label in AREA_CHOICES)]
    return [
        f"/register/?page={n}&sort={sort}{ai}{area}"
        for n in range(1, 501)
        for sort in ("newest", "updated", "title")
        for ai in ("", "&uses_ai=yes", "&uses_ai=no")
        for area in areas
    ]


def timed(
    client, paths: list[str], repeat: int, *, change: bool
) -> tuple[list[float], int, int, int]:
    """Server times in ms for the pages at ``paths`` (in turn, ``repeat`` requests in all) when
    the page is not in the page cache; query counts.

    ``change``: the register changed, and the change committed, before each request: the stamp
    changes and whatever the changing request rebuilds after its commit (the facet index and
    the list's order) is built before the timed request, as after a publish. Otherwise only the
    page's own cache entry is dropped: a resident asking for a page (another filter, search or
    page number) that nobody asked for since the last change."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from register.caching import _drop_page, _page_key, register_changed

    times, counts, own = [], [], []
    for n in range(repeat):
        path = paths[n % len(paths)]
        if change:
            register_changed()  # outside a transaction: "committed" at once
        else:
            key = _page_key(RequestFactory().get(path))
            cache.delete(key)  # from the shared cache and from this process's own pages
            _drop_page(key)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        assert response["X-Register-Cache"] == "miss", path
        counts.append(len(queries))
        own.append(sum("django_cache" not in q["sql"] for q in queries.captured_queries))
    return times, max(counts), max(own), len(response.content)


def static_time(client, url: str, repeat: int) -> float:
    """Median server time in ms of the static CSS file (whitenoise), in process."""
    times = []
    for _ in range(repeat + 3):
        start = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[3:])


def rebuild_time(repeat: int) -> tuple[float, float]:
    """Median and 95th percentile ms that a change's commit spends rebuilding the facet index
    and the list's order (the changing request's extra time; no visitor waits for it)."""
    from register.caching import register_changed

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        register_changed()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def throughput(base: str, static_root: str, project_path: str, seconds: int, paths) -> None:
    """Requests per second under wrk for the static CSS file, two cached register pages, and
    pages mostly not in the page cache (list pages, searches, project pages), each as a ratio
    of the static file's in the same run."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    static = f"/static/{manifest['paths']['css/app.css']}"
    targets = {
        "static CSS": [static],
        "cached list page": ["/register/"],
        "cached project page": [project_path],
        f"list, any of {len(paths['pages']):,} (not cached)": paths["pages"],
        f"search, {len(paths['searches'])} different (1-3 common words, pages 1-3)": paths[
            "searches"
        ],
        f"project page, any of {len(paths['projects']):,}": paths["projects"],
    }
    for path in (static, "/register/", project_path):  # fill the page cache; every answer 200
        for _ in range(4):
            with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
                assert response.status == 200, path
    print(f"\nThroughput under wrk -t2 -c16 -d{seconds}s, gunicorn 2 workers:")
    print("| page | requests/s | ratio to static | 50th percentile | 95th percentile |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rate_of_static = None
    files = []
    try:
        for name, lines in targets.items():
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
                handle.write("\n".join(lines) + "\n")
            files.append(handle.name)
            wrk_lua(base, "pages.lua", [handle.name], seconds=2, connections=16, threads=2)
            result = wrk_lua(
                base, "pages.lua", [handle.name], seconds=seconds, connections=16, threads=2
            )
            if result["errors"]:
                raise RuntimeError(f"{name}: {result}")
            rate_of_static = rate_of_static or result["rate"]
            print(
                f"| {name} | {result['rate']:,.0f} | {result['rate'] / rate_of_static:.2f} | "
                f"{result['p50']:.0f} ms | {result['p95']:.0f} ms |",
                flush=True,
            )
    finally:
        for name in files:
            os.unlink(name)


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
        call_command("createcachetable", verbosity=0)  # the database cache, when it is used
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
        searches = [f"/register/?q={text.replace(' ', '+')}" for text in common_searches(60)]
        pages = {
            "list": ["/register/"],
            "search, 1-3 common words": searches,
            "filtered list": ["/register/?uses_ai=yes&status=pilot&area=wirral&topic=health"],
            "detail": [project.get_absolute_url()],
        }
        client = Client()
        manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
        static = static_time(client, f"/static/{manifest['paths']['css/app.css']}", args.repeat)
        print(f"\nStatic CSS file (whitenoise) in process: {static:.2f} ms (median)")
        for change, title in (
            (False, "page not cached, nothing changed since the last request (typical)"),
            (True, "first request after a change committed (e.g. a publish)"),
        ):
            print(f"\nServer time, {title}, PostgreSQL:")
            print(
                f"{'page':<26}{'queries':>8}{'+cache':>7}{'median ms':>10}{'p95 ms':>8}"
                f"{'x static':>9}{'KB':>5}"
            )
            for name, paths in pages.items():
                if name.startswith("search") and change:
                    paths = searches[:1]
                repeat = len(paths) if len(paths) > 1 and not change else args.repeat
                timed(
                    client, ["/register/?q=warm+up"] if len(paths) > 1 else paths, 3, change=change
                )
                times, total, own, size = timed(client, paths, repeat, change=change)
                median = statistics.median(times)
                print(
                    f"{name:<26}{own:>8}{total:>7}{median:>10.1f}"
                    f"{percentile(times, 0.95):>8.1f}{median / static:>9.0f}{size / 1024:>5.0f}"
                )
            if change:
                median, p95 = rebuild_time(args.repeat)
                print(
                    f"(the changing request's commit rebuilt the facet index and the list's order"
                    f" first: {median:.0f} ms median, {p95:.0f} ms p95, {median / static:.0f}x"
                    " static)"
                )
        connection.close()

        rng = random.Random(9)
        published = [p.get_absolute_url() for p in Project.objects.published().only("slug")]
        wrk_paths = {
            "pages": list_pages(),
            "searches": [
                f"/register/?q={text.replace(' ', '+')}&page={rng.randint(1, 3)}"
                for text in common_searches(400, seed=13)
            ],
            "projects": published,
        }
        connection.close()
        with gunicorn(free_port()) as base:
            throughput(base, static_root, project.get_absolute_url(), args.seconds, wrk_paths)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
