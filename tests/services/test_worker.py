"""Builds through the real services: PostgreSQL, a Redis broker and a Celery worker process."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from editions import building
from editions.models import Build, Edition
from tests.factories import edition_with_stories

pytestmark = [pytest.mark.services, pytest.mark.slow]


def wait_for(build: Build, seconds: int = 240) -> Build:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        build.refresh_from_db()
        if build.is_finished:
            return build
        time.sleep(1)
    pytest.fail(f"build {build.pk} still {build.status} after {seconds} s")


def test_worker_builds_and_publishes_a_queued_edition(celery_worker_process):
    edition = edition_with_stories(((2,), (1,)))

    build = wait_for(building.request_build(edition, publish=True))

    assert build.status == Build.Status.DONE, build.error_detail
    assert (Path(settings.MEDIA_ROOT) / build.pdf_path).is_file()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert edition.live_build == build


def test_worker_records_a_failing_build_and_keeps_going(celery_worker_process):
    broken = edition_with_stories(((1,),))
    broken.pages.update(template="no-such-template")
    fine = edition_with_stories(((1,),))

    failed = wait_for(building.request_build(broken))
    done = wait_for(building.request_build(fine))

    assert failed.status == Build.Status.FAILED
    assert "no-such-template" in failed.error
    assert done.status == Build.Status.DONE
