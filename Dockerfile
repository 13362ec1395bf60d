FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    python manage.py collectstatic --no-input
RUN useradd --create-home lscb && mkdir -p /srv/lscb/media && chown lscb /srv/lscb/media
USER lscb
EXPOSE 8000
CMD ["gunicorn", "lscb.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
