"""Settings for the test suite.

Outside CI the tests use SQLite and run tasks in-process. With CI=true (or
SERVICES=1) they use the PostgreSQL and Redis on 127.0.0.1, and the tests
marked ``services`` start a real Celery worker; they fail rather than skip
when a service is missing.
"""

import os
import tempfile

os.environ.setdefault("KORAN_ENV", "development")
SERVICES = os.environ.get("CI") == "true" or os.environ.get("SERVICES") == "1"
if SERVICES:
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
else:
    os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(tempfile.gettempdir(), "koran-test.sqlite3")
    os.environ["REDIS_URL"] = ""

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test run writes its media into its own folder; tests that build use a
# fresh folder per test through the media_root fixture.
MEDIA_ROOT = tempfile.mkdtemp(prefix="koran-test-media-")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Ordinary tests run tasks in-process even in CI; the worker tests switch
# this off to go through Redis.
CELERY_TASK_ALWAYS_EAGER = True
SITE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="koran-test-static-")
