# The Charter Register: gunicorn behind a load balancer, PostgreSQL via DATABASE_URL.
# Release step (run once per deploy, not at every start):
#   docker run --rm -e DATABASE_URL=... -e DJANGO_SECRET_KEY=... IMAGE python manage.py migrate
# BASE is any Debian-like image with Python 3.11 and its venv module: python:3.11-slim by
# default; scripts/image-check builds on a local debootstrapped bookworm (--build-arg BASE=...).
ARG BASE=python:3.11-slim

FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Everything from the hashed lock first (a layer kept while the lock is unchanged), then the
# project itself with nothing resolved again (docs/decisions/0005-locked-install.md).
COPY requirements/production.txt requirements/production.txt
RUN python3 -m venv /venv \
    && /venv/bin/pip install --require-hashes -r requirements/production.txt
COPY . .
RUN /venv/bin/pip install --no-deps --no-build-isolation --no-index . \
    && /venv/bin/python -m compileall -q /venv

FROM ${BASE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    DJANGO_STATIC_ROOT=/app/staticfiles PORT=8000
RUN useradd --create-home --uid 10001 register
WORKDIR /app
# Code, packages and static files belong to root and are read-only to the server's user
# (`register`): a compromised worker cannot change what the service runs or serves. Nothing
# under /app is written at run time (logs go to stdout, sessions and cache to the database or
# Redis); gunicorn's worker heartbeat files go to /tmp.
COPY --from=build /venv /venv
COPY . .
# collectstatic needs settings but no database and no real secret; bytecode is compiled now,
# as the server's user could not write it later.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && python -m compileall -q /app \
    && chmod -R go-w /app /venv
USER register
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn charter_register.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --access-logfile - --forwarded-allow-ips=${FORWARDED_ALLOW_IPS:-127.0.0.1}"]
