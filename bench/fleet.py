"""The register as a fleet: two app servers on one PostgreSQL and one Redis, behind HAProxy.

    .venv/bin/python bench/fleet.py [--projects 10000] [--seconds 8] [--connections 8]
        [--reuse] [--keep] [--max-seconds 900]

1. Creates the PostgreSQL database ``charter_fleet_bench`` (or ``--reuse`` a kept one), loads
   the generated register of ``bench/register.py`` and runs ``collectstatic``; makes a
   moderator (password and authenticator app) and a submitted project waiting for review.
2. Starts, all on loopback: a Redis of its own (no disk), two gunicorn app servers with the
   production settings (``DJANGO_BEHIND_PROXY``, the Redis as the shared cache, sessions in
   the database), and HAProxy in front (Debian's package, installed when missing) that checks
   each server with ``HEAD /healthz`` and retries an idempotent request that a server dropped
   on the other server.
3. Throughput through the balancer under wrk for the static file, cached pages, uncached list
   pages and searches, each as a ratio to the static file in the same run.
4. Under wrk load through the balancer, checks (each prints PASS or FAIL):
   - ``/healthz`` answers GET and HEAD on each server and through the balancer; a ``Host``
     that is not allowed gets 400;
   - signing in (password through one server, authenticator code through the other) gives a
     session that both servers and the balancer know;
   - a publish through one server is seen on the very next request through the other (the
     project's page, the list's count, the search), and a withdrawal through the second is
     seen through the first (no stale page, no stale count);
   - one server killed (SIGKILL) mid-load, and later the other stopped gracefully (SIGTERM):
     no request fails and the register keeps answering.
5. Stops everything it started and drops the database (unless ``--keep``). Bounded in time:
   ``--max-seconds`` (default 900) stops it whatever happens. Exits non-zero on any FAIL.

Not part of the test suite. Needs PostgreSQL at 127.0.0.1:5432 (user postgres); installs
wrk, redis-server and haproxy from Debian's packages when they are missing (as root).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import http.cookiejar
import json
import os
import random
import re
import secrets
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b32decode, b32encode
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import gunicorn_command, production_environment, wrk_lua  # noqa: E402
from bench.load import create_register, database_exists  # noqa: E402
from bench.register import SERVER, WORDS, admin_sql, free_port  # noqa: E402

PASSWORD = "fleet bench password " + secrets.token_hex(4)
TOTP_SECRET = b32encode(secrets.token_bytes(20)).decode()  # this run's moderator only
RESULTS: list[tuple[bool, str]] = []


def check(ok: bool, what: str) -> bool:
    RESULTS.append((bool(ok), what))
    print(f"  {'PASS' if ok else 'FAIL'}  {what}", flush=True)
    return bool(ok)


# --- tools -----------------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk, redis-server and haproxy from Debian's packages, installed when missing."""
    wanted = {"wrk": "wrk", "redis-server": "redis-server", "haproxy": "haproxy"}
    missing = [package for tool, package in wanted.items() if not shutil.which(tool)]
    if not missing:
        return
    print(f"Installing {' '.join(missing)} (Debian packages) ...", flush=True)
    subprocess.run(
        ["bash", "-c", f"source scripts/apt-install.sh && apt_install {' '.join(missing)}"],
        cwd=ROOT,
        check=True,
    )
    for tool in wanted:
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is still missing")


# --- processes ---------------------------------------------------------------------------------


class Processes:
    """Every process this run starts, each in its own process group, all stopped at the end."""

    def __init__(self):
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        log = open(Path(tempfile.gettempdir()) / f"charter-fleet-{os.getpid()}-{name}.log", "a")  # noqa: SIM115
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        process.log = log
        self.running[name] = process
        return process

    def stop(self, name: str, sig=signal.SIGTERM, wait: float = 15) -> None:
        process = self.running.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        process.log.close()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.stop(name)


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def haproxy_servers(socket_path: str) -> dict[str, str]:
    """Each app server's state as HAProxy sees it (UP, DOWN, ...), from its stats socket."""
    import socket

    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(socket_path)
        connection.sendall(b"show stat\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    states = {}
    for line in data.decode().splitlines()[1:]:
        fields = line.split(",")
        if len(fields) > 17 and fields[0] == "apps" and fields[1] not in ("BACKEND", "FRONTEND"):
            states[fields[1]] = fields[17]
    return states


def wait_until_up(socket_path: str, servers=("a", "b"), seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        states = haproxy_servers(socket_path)
        if all(states.get(name, "").startswith("UP") for name in servers):
            return
        time.sleep(0.2)
    raise RuntimeError(f"HAProxy does not see {servers} up: {states}")


HAPROXY_CONFIG = """
global
    maxconn 4096
    stats socket {socket} level admin
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A request a server refused or dropped without an answer is sent to the other server
    # (up to 3 tries, each to another server). A POST is retried only when its connection
    # failed, so that nothing is ever done twice.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
    option forwardfor

frontend register
    bind 127.0.0.1:{lb}
    default_backend apps

backend apps
    balance roundrobin
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    option httpchk
    http-check send meth HEAD uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # A server is taken out after 2 failed checks a second apart, and back after 2 good ones.
    # A check waits up to 5 s: under load a sync worker answers it after the requests queued
    # before it, and a busy server is not a dead one.
    timeout check 5s
    default-server inter 1s fall 2 rise 2
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
"""


# --- an HTTP client with cookies (a browser, more or less) -------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: a cookie jar shared by every server (cookies do not depend on the
    port), no redirects followed, so every answer can be checked."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, base: str, path: str, data: dict | None = None, method=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 (loopback)
            base + path, data=body, method=method, headers=headers or {}
        )
        if data is not None:
            request.add_header("Referer", base + path)
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, base, path, **kwargs):
        return self.request(base, path, **kwargs)

    def post_form(self, base: str, path: str, form_page: str, data: dict):
        """POST ``data`` with the CSRF token of the form on ``form_page`` (read from ``base``)."""
        status, _headers, page = self.get(base, form_page)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not match:
            raise RuntimeError(f"no form on {form_page} ({status})")
        return self.request(base, path, {"csrfmiddlewaretoken": match.group(1), **data})


def totp(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows (RFC 6238: 30 s steps, 6 digits, SHA-1)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def listed_total(page: str) -> int:
    match = re.search(r'id="results">([\d,]+) project', page)
    if not match:
        raise RuntimeError("no count on the list page")
    return int(match.group(1).replace(",", ""))


# --- the run -----------------------------------------------------------------------------------


def prepare(args) -> dict:
    """The register, a moderator who can sign in, and a project waiting for review."""
    from django.core.management import call_command
    from django.db import connections

    if not args.reusing:
        create_register(args.projects)
    call_command("collectstatic", verbosity=0, interactive=False)

    from allauth.account.models import EmailAddress

    from projects.models import Project
    from tests.factories import (
        ModeratorFactory,
        OrganisationFactory,
        SubmittedProjectFactory,
        UserFactory,
    )

    run = secrets.token_hex(3)
    moderator = ModeratorFactory(authenticator_app=False, username=f"fleet-{run}@example.org")
    moderator.set_password(PASSWORD)
    moderator.save()
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(moderator, TOTP_SECRET)
    project = SubmittedProjectFactory(
        slug=f"fleet-check-{run}",
        title=f"Fleet check {run} lantern survey",
        with_organisation=OrganisationFactory(name=f"Fleet check organisation {run}"),
        submitted_by=UserFactory(username=f"fleet-submitter-{run}@example.org"),
    )
    published = list(Project.objects.published().values_list("slug", flat=True))
    connections.close_all()
    return {
        "email": moderator.email,
        "pk": project.pk,
        "slug": project.slug,
        "path": project.get_absolute_url(),
        "word": f"lantern {run}",
        "title": project.title,
        "projects": published,
    }


def write_lines(lines: list[str]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    return handle.name


def failures(result: dict) -> str:
    """What the failed requests of a wrk run were ("", or " (status 2, timeout 1)")."""
    kinds = ("connect", "read", "write", "status", "timeout", "unexpected")
    found = [f"{kind} {result[kind]}" for kind in kinds if result.get(kind)]
    return f" ({', '.join(found)})" if found else ""


class Load(threading.Thread):
    """wrk through the balancer in the background, for ``seconds``; ``result`` when done."""

    def __init__(self, base: str, paths_file: str, seconds: int, connections: int):
        super().__init__(daemon=True)
        self.args = (base, paths_file, seconds, connections)
        self.result: dict | None = None
        self.error: Exception | None = None

    def run(self):
        base, paths_file, seconds, connections = self.args
        try:
            self.result = wrk_lua(
                base,
                "pages.lua",
                [paths_file],
                seconds=seconds,
                connections=connections,
                threads=2,
                timeout=10,
            )
        except Exception as error:  # reported by the caller
            self.error = error


def throughput(lb: str, a: str, files: dict, seconds: int, connections: int) -> list[dict]:
    """Requests per second through the balancer, each as a ratio to the static file."""
    rows = []
    for name, (base, key) in {
        "static CSS (whitenoise), through HAProxy": (lb, "static"),
        "static CSS, one server directly": (a, "static"),
        "cached list page": (lb, "list"),
        "cached project page": (lb, "project"),
        "list, any of its pages (each cached once asked for)": (lb, "pages"),
        "search, 400 different": (lb, "searches"),
        "project page, every project": (lb, "projects"),
    }.items():
        wrk_lua(base, "pages.lua", [files[key]], seconds=2, connections=connections, threads=2)
        result = wrk_lua(
            base, "pages.lua", [files[key]], seconds=seconds, connections=connections, threads=2
        )
        result["name"] = name
        rows.append(result)
        print(f"  {name}: {result['rate']:.0f} req/s", flush=True)
    static = rows[0]["rate"]
    print(
        "\n| through HAProxy, 2 servers x 2 workers | requests/s | ratio to static | "
        "50th percentile | 95th percentile | errors |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['name']} | {row['rate']:,.0f} | {row['rate'] / static:.2f} | "
            f"{row['p50']:.0f} ms | {row['p95']:.0f} ms | {row['errors']} |"
        )
    return rows


def check_health(bases: dict[str, str]) -> None:
    print("\nHealth checks and hosts:")
    for name, base in bases.items():
        browser = Browser()
        status, _, body = browser.get(base, "/healthz")
        check(status == 200 and '"ok"' in body, f"GET /healthz through {name}: {status}")
        status, headers, body = browser.get(base, "/healthz", method="HEAD")
        if body or "no-cache" not in headers.get("Cache-Control", ""):
            print(f"    HEAD /healthz: {dict(headers)} {body[:200]!r}")
        check(
            status == 200 and body == "" and "no-cache" in headers.get("Cache-Control", ""),
            f"HEAD /healthz through {name}: {status}, no body",
        )
        status, _, _ = browser.get(base, "/register/", headers={"Host": "evil.example"})
        check(status == 400, f"GET /register/ with Host: evil.example through {name}: {status}")


def check_sessions(info: dict, a: str, b: str, lb: str) -> Browser:
    print("\nSessions and sign-in across both servers:")
    browser = Browser()
    status, headers, _ = browser.post_form(
        a, "/accounts/login/", "/accounts/login/", {"login": info["email"], "password": PASSWORD}
    )
    check(
        status == 302 and headers.get("Location") == "/accounts/2fa/authenticate/",
        f"password accepted by server A, asks for the code ({status})",
    )
    status, headers, _ = browser.post_form(
        b,
        "/accounts/2fa/authenticate/",
        "/accounts/2fa/authenticate/",
        {"code": totp(TOTP_SECRET)},
    )
    check(status == 302, f"authenticator code accepted by server B, from A's session ({status})")
    for name, base in (("A", a), ("B", b), ("HAProxy", lb)):
        status, _, page = browser.get(base, "/moderation/")
        check(
            status == 200 and "Sign out" in page,
            f"signed in on server {name}: the moderation queue ({status})",
        )
    return browser


def check_publishing(info: dict, moderator: Browser, a: str, b: str) -> None:
    print("\nA publish through one server, seen through the other on the next request:")
    resident = Browser()
    search = f"/register/?q={urllib.parse.quote_plus(info['word'])}"
    project = info["path"]
    before = {}
    for name, base in (("A", a), ("B", b)):
        for _ in range(2):  # the second answer comes from the page cache
            status, headers, page = resident.get(base, "/register/")
        before[name] = listed_total(page)
        check(
            headers.get("X-Register-Cache") == "hit",
            f"list page cached on server {name} ({before[name]:,} projects)",
        )
        status, _, _ = resident.get(base, project)
        check(status == 404, f"the project waiting for review is not public on {name} ({status})")
        status, _, page = resident.get(base, search)
        check(listed_total(page) == 0, f"a search for it finds nothing on {name}")

    pk = info["pk"]
    started = time.perf_counter()
    status, headers, _ = moderator.post_form(
        a, f"/moderation/projects/{pk}/publish/", f"/moderation/projects/{pk}/", {}
    )
    publishing = (time.perf_counter() - started) * 1000
    check(status == 302, f"published through server A ({status}, {publishing:.0f} ms)")
    started = time.perf_counter()
    status, headers, page = resident.get(b, "/register/")
    first = (time.perf_counter() - started) * 1000
    check(
        status == 200 and listed_total(page) == before["B"] + 1,
        f"server B's next list page counts it: {listed_total(page):,} "
        f"(was {before['B']:,}; {headers.get('X-Register-Cache')}, answered in {first:.0f} ms)",
    )
    status, _, page = resident.get(b, project)
    check(status == 200 and info["title"] in page, f"server B shows its page ({status})")
    status, _, page = resident.get(b, search)
    check(listed_total(page) == 1 and info["title"] in page, "server B's search finds it")

    reason = "Withdrawn by the fleet benchmark to check that every server sees it."
    status, _, _ = moderator.post_form(
        b, f"/moderation/projects/{pk}/withdraw/", f"/moderation/projects/{pk}/", {"reason": reason}
    )
    check(status == 302, f"withdrawn through server B ({status})")
    started = time.perf_counter()
    status, headers, page = resident.get(a, "/register/")
    first = (time.perf_counter() - started) * 1000
    check(
        listed_total(page) == before["A"],
        f"server A's next list page no longer counts it: {listed_total(page):,} "
        f"({headers.get('X-Register-Cache')}, answered in {first:.0f} ms)",
    )
    status, _, page = resident.get(a, project)
    check(reason in page, f"server A's project page says it was withdrawn, and why ({status})")
    status, _, page = resident.get(a, search)
    check(listed_total(page) == 0, "server A's search no longer finds it")


def check_failover(
    processes, lb, paths, seconds, connections, ports, workers, environment, socket_path
):
    print("\nOne server stopped mid-load:")
    for victim, sig, how in (
        ("a", signal.SIGKILL, "killed (SIGKILL)"),
        ("b", signal.SIGTERM, "stopped (SIGTERM)"),
    ):
        load = Load(lb, paths, seconds, connections)
        load.start()
        time.sleep(seconds / 3)
        processes.stop(victim, sig)
        stopped_at = time.monotonic()
        answers = []
        while time.monotonic() - stopped_at < seconds / 3:
            started = time.perf_counter()
            status, _, _ = Browser().get(lb, "/register/?q=" + random.choice(WORDS))
            answers.append((status, (time.perf_counter() - started) * 1000))
            time.sleep(0.1)
        load.join(seconds * 3)
        result = load.result or {}
        if load.error or result.get("errors", 1):
            print(f"    wrk: {load.error or result}")
        check(
            load.error is None and result.get("errors", 1) == 0,
            f"server {victim.upper()} {how} mid-load: {result.get('requests', 0):,} requests "
            f"through HAProxy, {result.get('errors', 'no result')} failed",
        )
        check(
            all(status == 200 for status, _ in answers),
            f"the register kept answering: {len(answers)} searches after the stop, all 200, "
            f"slowest {max(ms for _, ms in answers):.0f} ms",
        )
        processes.start(victim, gunicorn_command(ports[victim], workers), cwd=ROOT, env=environment)
        wait_for(f"http://127.0.0.1:{ports[victim]}/healthz")
        wait_until_up(socket_path)  # HAProxy's checks take it back before the next stop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--database", default="charter_fleet_bench")
    parser.add_argument("--seconds", type=int, default=8, help="per wrk run (default 8)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database kept earlier")
    parser.add_argument("--checks-only", action="store_true", help="no throughput figures")
    parser.add_argument("--max-seconds", type=int, default=900, help="stop after this long")
    args = parser.parse_args()

    def out_of_time(*_):
        raise TimeoutError(f"bench/fleet.py stopped itself after {args.max_seconds} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.max_seconds)
    ensure_tools()
    print(
        f"Machine load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
        f"{os.getloadavg()[2]:.2f} (1, 5, 15 min), {os.cpu_count()} cores"
    )

    ports = {"redis": free_port(), "a": free_port(), "b": free_port(), "lb": free_port()}
    static_root = tempfile.mkdtemp(prefix="charter-fleet-static-")
    haproxy_dir = tempfile.mkdtemp(prefix="charter-fleet-haproxy-")
    environment = production_environment(f"{SERVER}/{args.database}", static_root)
    environment.update(
        REDIS_URL=f"redis://127.0.0.1:{ports['redis']}/0",
        DJANGO_BEHIND_PROXY="true",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=",".join(
            f"http://127.0.0.1:{ports[name]}" for name in ("a", "b", "lb")
        ),
    )
    os.environ.update(environment)
    environment = {**os.environ}
    args.reusing = args.reuse and database_exists(args.database)
    if not args.reusing:
        admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        admin_sql(f'CREATE DATABASE "{args.database}"')
    processes = Processes()
    files = []
    try:
        processes.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(ports["redis"]),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        info = prepare(args)
        for name in ("a", "b"):
            processes.start(
                name, gunicorn_command(ports[name], args.workers), cwd=ROOT, env=environment
            )
        config = Path(haproxy_dir) / "haproxy.cfg"
        socket_path = str(Path(haproxy_dir) / "haproxy.sock")
        config.write_text(HAPROXY_CONFIG.format(socket=socket_path, **ports))
        processes.start("haproxy", ["haproxy", "-W", "-db", "-f", str(config)])
        a, b, lb = (f"http://127.0.0.1:{ports[name]}" for name in ("a", "b", "lb"))
        for base in (a, b):
            wait_for(f"{base}/healthz")
        wait_until_up(socket_path)

        manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
        rng = random.Random(11)
        pages = -(-len(info["projects"]) // 20)
        paths = {
            "static": [f"/static/{manifest['paths']['css/app.css']}"],
            "list": ["/register/"],
            "project": [f"/register/{info['projects'][len(info['projects']) // 2]}/"],
            "pages": [f"/register/?page={n}" for n in range(1, pages + 1)],
            "searches": [
                f"/register/?q={'+'.join(rng.sample(WORDS, 2))}&page={rng.randint(1, 3)}"
                for _ in range(400)
            ],
            "projects": [f"/register/{slug}/" for slug in info["projects"]],
        }
        paths["mixed"] = paths["list"] * 50 + paths["searches"] + paths["pages"][:200]
        for key, lines in paths.items():
            files.append(write_lines(lines))
            paths[key] = files[-1]

        if not args.checks_only:
            print(f"\nThroughput, wrk {args.connections} connections, {args.seconds} s each:")
            throughput(lb, a, paths, args.seconds, args.connections)

        check_health({"server A": a, "server B": b, "HAProxy": lb})
        load = Load(lb, paths["mixed"], args.seconds * 3, args.connections)
        load.start()
        moderator = check_sessions(info, a, b, lb)
        check_publishing(info, moderator, a, b)
        load.join(args.seconds * 6)
        result = load.result or {}
        check(
            load.error is None and result.get("errors", 1) == 0,
            f"the load beside these checks: {result.get('requests', 0):,} requests through "
            f"HAProxy, {result.get('errors', 'no result')} failed{failures(result)}",
        )
        check_failover(
            processes,
            lb,
            paths["mixed"],
            args.seconds * 2,
            args.connections,
            ports,
            args.workers,
            environment,
            socket_path,
        )
        print(f"\nMachine load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        signal.alarm(0)
        processes.stop_all()
        for name in files:
            with contextlib.suppress(OSError):
                os.unlink(name)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(haproxy_dir, ignore_errors=True)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    failed = [what for ok, what in RESULTS if not ok]
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
