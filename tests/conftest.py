import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture
def media_root(settings, tmp_path):
    """A fresh, empty media folder for this test."""
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = str(folder)
    return folder


@pytest.fixture
def corpus():
    """The shared real-world corpus beside the checkout; tests skip without it."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}; these tests read its articles and photos")
    return CORPUS


@pytest.fixture
def upload():
    def make(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg"):
        return SimpleUploadedFile(name, data, content_type=content_type)

    return make


SERVICES = os.environ.get("CI") == "true" or os.environ.get("SERVICES") == "1"


def pytest_collection_modifyitems(config, items):
    if SERVICES:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL, Redis and a Celery worker; run with CI=true or SERVICES=1 to include it"
    )
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    services = SERVICES
    if services:
        return "services: PostgreSQL, Redis and a real Celery worker (CI=true)"
    return "services: none; SQLite and in-process tasks (service tests skip; run with CI=true to include them)"
