# The Charter Register: gunicorn behind a load balancer, PostgreSQL via DATABASE_URL.
# Release step (run once per deploy, not at every start):
#   docker run --rm -e DATABASE_URL=... -e DJANGO_SECRET_KEY=... IMAGE python manage.py migrate
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Everything from the hashed lock first (a layer kept while the lock is unchanged), then the
# project itself with nothing resolved again (docs/decisions/0005-locked-install.md).
COPY requirements/production.txt requirements/production.txt
RUN python -m venv /venv \
    && /venv/bin/pip install --require-hashes -r requirements/production.txt
COPY . .
RUN /venv/bin/pip install --no-deps --no-build-isolation --no-index .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    DJANGO_STATIC_ROOT=/app/staticfiles PORT=8000
RUN useradd --create-home --uid 10001 register
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
# collectstatic needs settings but no database and no real secret.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && chown -R register:register /app
USER register
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn charter_register.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --access-logfile - --forwarded-allow-ips=${FORWARDED_ALLOW_IPS:-127.0.0.1}"]
