"""Dates follow Paser's clock (WITA, UTC+8), also in workers that have no request."""

from datetime import date, datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone, translation

from editions import building
from editions.models import Build, Edition
from tests.factories import ArticleFactory

from .helpers import build_now, flat, pdf_path, pdf_text

LATE_EVENING_UTC = datetime(2025, 3, 1, 16, 30, tzinfo=dt_timezone.utc)


def test_today_is_the_date_in_paser():
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        assert timezone.localdate() == date(2025, 3, 2)


def test_nightly_build_fires_at_four_in_the_morning_wita():
    schedule = settings.CELERY_BEAT_SCHEDULE["nightly-build"]["schedule"]
    assert isinstance(schedule, crontab)
    assert settings.CELERY_TIMEZONE == "Asia/Makassar"

    wita = ZoneInfo("Asia/Makassar")
    now = LATE_EVENING_UTC.astimezone(wita)
    previous_run = datetime(2025, 3, 1, 4, 0, tzinfo=wita)
    clocked = crontab(hour=schedule.hour, minute=schedule.minute, nowfun=lambda: now)
    next_run = now + clocked.remaining_estimate(previous_run)

    assert next_run == datetime(2025, 3, 2, 4, 0, tzinfo=wita)
    assert next_run.astimezone(dt_timezone.utc) == datetime(2025, 3, 1, 20, 0, tzinfo=dt_timezone.utc)


@pytest.mark.slow
@pytest.mark.django_db
def test_worker_build_prints_indonesian_date_whatever_its_locale(media_root, django_capture_on_commit_callbacks):
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        ArticleFactory(published_at=timezone.now(), headline="Pasar Murah Digelar di Empat Kecamatan")
        # A worker starts with no request: no language and UTC as its clock's zone.
        with translation.override("en"), timezone.override(dt_timezone.utc):
            with django_capture_on_commit_callbacks(execute=True):
                build = building.build_todays_edition()
            build = Build.objects.get(pk=build.pk)

    edition = Edition.objects.get()
    assert edition.date == date(2025, 3, 2)
    assert build.status == Build.Status.DONE, build.error_detail
    assert build.pdf_name == "koran-digital-paser-2025-03-02.pdf"
    assert "Minggu, 2 Maret 2025" in flat(pdf_text(pdf_path(build)))


@pytest.mark.django_db
def test_nightly_build_without_articles_does_nothing():
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        assert building.build_todays_edition() is None
    assert not Edition.objects.exists()
