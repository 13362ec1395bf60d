"""Test settings: the real settings module with safe defaults for what CI does not set.

DATABASE_URL and REDIS_URL pass straight through, so `make test` runs on SQLite by default
and on PostgreSQL and Redis in CI.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("DEV_TOOLS", "true")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="lscb-test-media-"))

from lscb.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test empties the caches (tests/conftest.py): never a shared Redis, whatever the
# environment says.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; the worker tests start a real Celery worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Login throttling is switched on by the tests that check it; elsewhere tests use the
# test client's login(), which django-axes cannot see a request for.
AXES_ENABLED = False
