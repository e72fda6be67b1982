# Forløp API: slim, non-root; applies migrations, then serves.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Graphviz lays out the SVG referral map (`…/map?format=svg`); without it that one format is a 503.
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/forlop
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY alembic.ini ./
COPY app ./app
COPY migrations ./migrations
# Run from the source tree (not installed): the migrations live beside the package.
RUN useradd --system --uid 10001 --home-dir /srv/forlop forlop \
    && mkdir -p /srv/forlop/var && chown forlop /srv/forlop/var

USER forlop
EXPOSE 8000
# DATABASE_URL defaults to SQLite under /srv/forlop/var; set it to a PostgreSQL URL in production.
CMD ["python", "-m", "app", "serve", "--host", "0.0.0.0", "--port", "8000"]
