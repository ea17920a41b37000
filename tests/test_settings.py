"""Settings come from the environment; production values pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "charter_register.settings",
    "DJANGO_SECRET_KEY": "k3y-" + "x9Qw!e7Rt5Yu3Io1Pa8Sd6Fg4Hj2Kl0ZmXnCbVq" * 2,
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "register.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args, *(["--verbosity=0"] if args[0] == "shell" else [])],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
    wsgi = subprocess.run(
        [sys.executable, "-c", "import charter_register.wsgi"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert wsgi.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in wsgi.stderr


def test_offline_commands_work_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("makemigrations", "--check", "--dry-run", **env)
    assert result.returncode == 0, result.stderr


def test_https_can_be_switched_off_for_plain_http_on_loopback():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    on = manage("shell", "-c", code, **PRODUCTION)
    off = manage("shell", "-c", code, **PRODUCTION, DJANGO_HTTPS="false")
    assert on.stdout.split() == ["True", "True", "31536000"]
    assert off.stdout.split() == ["False", "False", "0"]


def test_database_url_selects_postgresql_with_persistent_connections():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'] > 0, d['CONN_HEALTH_CHECKS'])"
    )
    result = manage(
        "shell", "-c", code, **{**PRODUCTION, "DATABASE_URL": "postgres://u@db.example/register"}
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "register",
        "True",
        "True",
    ]


def test_email_goes_to_files_when_a_path_is_set(tmp_path):
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH)"
    result = manage("shell", "-c", code, **PRODUCTION, DJANGO_EMAIL_FILE_PATH=str(tmp_path))
    assert result.stdout.split() == [
        "django.core.mail.backends.filebased.EmailBackend",
        str(tmp_path),
    ]


def test_redis_is_the_shared_cache_when_redis_url_is_set():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    with_redis = manage("shell", "-c", code, **PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/0")
    without = manage("shell", "-c", code, **PRODUCTION)
    assert with_redis.stdout.strip() == "charter_register.cache.RedisCache"
    assert without.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
