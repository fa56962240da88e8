"""Celery tasks: thin doors to the functions in building.py."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from . import building

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=building.MAX_ATTEMPTS,
    soft_time_limit=settings.BUILD_SOFT_TIME_LIMIT,
    time_limit=settings.BUILD_TIME_LIMIT,
)
def build_edition_task(self, build_id: int):
    """Build the edition of Build ``build_id``; safe to run twice."""
    try:
        building.run_build(build_id)
    except building.BuildBusy as busy:
        logger.info("build busy elsewhere, retrying later build=%s retry=%s", build_id, self.request.retries)
        raise self.retry(exc=busy, countdown=int(building.STALE_AFTER.total_seconds()) + 10)
    except OperationalError as error:
        # The database went away; put the build back in the queue and try again.
        logger.warning("build interrupted by database error build=%s retry=%s error=%s", build_id, self.request.retries, error)
        from .models import Build

        Build.objects.filter(pk=build_id, status=Build.Status.BUILDING).update(status=Build.Status.QUEUED)
        raise self.retry(exc=error, countdown=30)


@shared_task
def fail_stalled_builds():
    return building.fail_stalled_builds()


@shared_task
def build_todays_edition():
    """Build today's edition; CELERY_BEAT_SCHEDULE runs this at 04:00 WITA."""
    build = building.build_todays_edition()
    return build.pk if build else None


@shared_task
def publish_scheduled_editions():
    """The once-a-minute check (CELERY_BEAT_SCHEDULE) that publishes editions whose time has come."""
    from . import scheduling

    return scheduling.publish_due_editions()
